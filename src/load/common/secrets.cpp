#include "load/common/secrets.hpp"

#include <cctype>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "load/common/hash.hpp"

namespace kubegate {

namespace {

/// The words of a name: split at '_', '-', '.', lower-cased ("KUBE_API-Key" -> kube, api, key).
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> out(1);
  for (char ch : name) {
    if (ch == '_' || ch == '-' || ch == '.') {
      if (!out.back().empty()) out.emplace_back();
    } else {
      out.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

SecretPolicy build(const Knowledge& k) {
  SecretPolicy p;
  const nlohmann::json& j = *k.document("schemas/secrets.json");
  for (const auto& w : j.at("secret_words")) p.words.insert(w.get<std::string>());
  for (const auto& pr : j.at("secret_pairs")) p.pairs.emplace(pr.at(0).get<std::string>(), pr.at(1).get<std::string>());
  for (const auto& w : j.at("secret_last_words")) p.last_words.insert(w.get<std::string>());
  for (const auto& w : j.at("not_secret_last_words")) p.not_secret_last_words.insert(w.get<std::string>());
  p.pem_marker = j.at("pem_marker").get<std::string>();
  return p;
}

/// Overwrites the source text of `v` (where it starts, as written: quoted, plain, or a block).
void redact_source(SourceManager& sources, const Value& v) {
  if (!v.loc.known()) return;
  std::string_view line = sources.line(v.loc.file, v.loc.line);
  const std::size_t col = v.loc.column - 1;
  if (col >= line.size()) return sources.redact(v.loc);
  std::string_view rest = line.substr(col);
  if (rest.front() == '"' || rest.front() == '\'') {
    std::size_t close = rest.find(rest.front(), 1);
    if (close != std::string_view::npos) return sources.redact(v.loc, close + 1);
  } else if (!v.text.empty() && v.text.find('\n') == std::string::npos && rest.substr(0, v.text.size()) == v.text) {
    return sources.redact(v.loc, v.text.size());
  }
  sources.redact(v.loc);  // a block scalar, or text kubegate cannot find as written: the rest
}

/// Makes `v` a secret: a fingerprint instead of its text (none for a template, whose value is not
/// known), and its source text overwritten.
void hide(SourceManager& sources, Value& v) {
  if (v.kind == Value::Kind::secret) return;
  redact_source(sources, v);
  Value s;
  s.kind = Value::Kind::secret;
  s.loc = v.loc;
  s.quoted = v.quoted;
  if (v.kind != Value::Kind::unknown && v.text.find("{{") == std::string::npos)
    s.text = fmt::format("fnv1a:{:016x}", fnv1a64(v.text));
  v = std::move(s);
}

/// Masks the password of every `scheme://user:password@` in a string, in the value and the source.
void mask_url_passwords(SourceManager& sources, Value& v) {
  for (std::size_t scheme = v.text.find("://"); scheme != std::string::npos; scheme = v.text.find("://", scheme + 3)) {
    const std::size_t start = scheme + 3;
    const std::size_t end = v.text.find_first_of("/?# \t\"'", start);
    const std::size_t at = v.text.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at == std::string::npos || at < start) continue;
    const std::size_t colon = v.text.find(':', start);
    if (colon == std::string::npos || colon > at || colon + 1 == at) continue;
    const std::size_t length = at - colon - 1;
    if (v.loc.known() && v.text.find('\n') == std::string::npos) {
      std::string_view line = sources.line(v.loc.file, v.loc.line);
      std::size_t in_line = line.find(v.text.substr(colon + 1, length), v.loc.column - 1);
      if (in_line != std::string_view::npos)
        sources.redact({v.loc.file, v.loc.line, static_cast<std::uint32_t>(in_line + 1)}, length);
      else
        sources.redact(v.loc);
    }
    v.text.replace(colon + 1, length, "****");
  }
}

void hide_in(SourceManager& sources, const SecretPolicy& policy, std::string_view name, Value& v, bool below_secret) {
  const bool secret = below_secret ? !policy.exempt_name(name) : policy.secret_name(name);
  switch (v.kind) {
    case Value::Kind::string:
      if ((secret && !v.text.empty()) || v.text.find(policy.pem_marker) != std::string::npos) return hide(sources, v);
      return mask_url_passwords(sources, v);
    case Value::Kind::integer:
    case Value::Kind::real:
    case Value::Kind::unknown:
      if (secret) hide(sources, v);
      return;
    case Value::Kind::list:
      for (Value& item : v.items) hide_in(sources, policy, name, item, below_secret);
      return;
    case Value::Kind::map:
      for (MapEntry& e : v.entries) hide_in(sources, policy, e.key, e.value, secret);
      return;
    default:
      return;  // null, boolean, secret
  }
}

}  // namespace

bool SecretPolicy::secret_name(std::string_view name) const {
  const std::vector<std::string> w = words_of(name);
  if (w.empty() || not_secret_last_words.count(w.back())) return false;
  if (w.size() > 1 && last_words.count(w.back())) return true;  // metallb_api_key, not a toleration's key
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (words.count(w[i])) return true;
    if (i + 1 < w.size() && pairs.count({w[i], w[i + 1]})) return true;
  }
  return false;
}

bool SecretPolicy::exempt_name(std::string_view name) const {
  const std::vector<std::string> w = words_of(name);
  return !w.empty() && not_secret_last_words.count(w.back());
}

const SecretPolicy& secret_policy(const Knowledge& k) { return k.cached(&build); }

void hide_secrets(SourceManager& sources, const SecretPolicy& policy, std::string_view name, Value& v) {
  hide_in(sources, policy, name, v, false);
}

void hide_secrets(SourceManager& sources, const SecretPolicy& policy, DefinitionTable& table) {
  for (auto& [name, d] : table.vars) hide_secrets(sources, policy, name, d.value);
}

}  // namespace kubegate
