// An inventory variable no Kubespray release knows, one edit away from exactly one variable the
// targeted release reads: a misspelling, which Kubespray silently ignores. The names are data
// (schemas/kubespray/variables.txt, every release). Doc: check.md
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "lib/kubespray_variable_names.hpp"

namespace kubegate {
namespace {

/// Shorter names are not judged: 42% of Kubespray's names below 8 characters have another one edit away.
constexpr std::size_t kMinLength = 8;

/// True when `v`'s text holds a Jinja template.
bool templated(const Value& v) {
  return v.text.find("{{") != std::string::npos || v.text.find("{%") != std::string::npos;
}

/// Adds the identifiers of the templates in `v` (and its items) to `out`.
void template_names(const Value& v, std::set<std::string, std::less<>>& out) {
  const std::string_view t = v.text;
  if (templated(v)) {
    const auto part = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
    for (std::size_t i = 0; i < t.size();) {
      if (!part(t[i])) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < t.size() && part(t[j])) ++j;
      out.emplace(t.substr(i, j - i));
      i = j;
    }
  }
  for (const Value& item : v.items) template_names(item, out);
  for (const MapEntry& e : v.entries) template_names(e.value, out);
}

/// The shape of a value as a known name's kind (settable when it cannot be told).
NameKind shape(const Value& v) {
  switch (v.kind) {
    case Value::Kind::boolean:
    case Value::Kind::integer:
    case Value::Kind::real:
    case Value::Kind::string:
      return templated(v) ? NameKind::settable : NameKind::scalar;
    case Value::Kind::list:
      return NameKind::list;
    case Value::Kind::map:
      return NameKind::map;
    default:
      return NameKind::settable;
  }
}

/// The scope of the host a host-level table belongs to, else the cluster's settings.
const Scope& scope_of(const Cluster& c, const DefinitionTable& table) {
  if (table.layer == Layer::inventory_host || table.layer == Layer::host_vars)
    for (const Node& n : c.nodes)
      if (n.name == table.owner) return n.vars;
  return c.settings;
}

/// What becomes of `intended` when the misspelling is ignored, and where the inventory sets it.
std::pair<std::string, SourceLoc> intended_value(const Setting& s, std::string_view intended) {
  if (!s) return {fmt::format("{} keeps the value Kubespray's roles give it", intended), {}};
  if (!s.is_default()) return {fmt::format("{} keeps the value the inventory sets elsewhere", intended), s.loc()};
  const Value& v = s.definition->value;
  const std::string shown = v.is_string() && v.text.empty() ? "\"\"" : v.display();
  // A templated default: what it comes to for this inventory, when that can be told.
  const std::optional<std::string> resolved = templated(v) ? s.text() : std::nullopt;
  return {fmt::format("{} gets its default {}{}", intended, shown,
                      resolved && !resolved->empty() && *resolved != shown ? fmt::format(" ({} here)", *resolved) : ""),
          {}};
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  // An inventory for a release older than any kubegate knows may use that release's names.
  if (c.release.kube_version_unsupported_by_all) return;
  const KubesprayVariableNames& known = kubespray_variable_names(ctx.knowledge);
  const int release = known.release_index(c.release.version);
  if (release < 0) return;
  // The inventory's own template reads and the release's own definitions, gathered when first needed.
  std::set<std::string, std::less<>> read;
  bool read_known = false;
  const auto own = [&](const std::string& name) {
    for (const auto& table : c.tables)
      if ((table->layer == Layer::release_default || table->layer == Layer::set_fact) && table->vars.count(name))
        return true;
    if (!read_known)
      for (const auto& table : c.tables)
        if (table->layer != Layer::release_default && table->layer != Layer::set_fact)
          for (const auto& [unused, d] : table->vars) template_names(d.value, read);
    read_known = true;
    return read.count(name) > 0;
  };
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;
  for (const auto& table : c.tables) {
    if (table->layer == Layer::release_default || table->layer == Layer::set_fact) continue;
    for (const auto& [name, d] : table->vars) {
      if (name.size() < kMinLength || name.rfind("ansible_", 0) == 0) continue;
      if (d.value.is_null() || (d.value.is_string() && d.value.text.empty())) continue;  // asks for nothing
      if (known.find(name)) continue;
      const std::vector<const KnownName*> near = known.near(name);
      if (near.size() != 1) continue;  // none, or ambiguous
      const KnownName& m = *near.front();
      if (!m.settable() || !m.in_release(release) || digit_replaced(name, m.name) || own(name)) continue;
      const Setting intended = scope_of(c, *table).get(m.name);
      const NameKind want = intended && intended.is_default() ? shape(intended.definition->value) : m.kind;
      const NameKind have = shape(d.value);
      if (want != NameKind::settable && have != NameKind::settable && want != have) continue;
      if (!seen.insert({d.loc.file, d.loc.line, d.loc.column}).second) continue;
      auto [what, where] = intended_value(intended, m.name);
      r.report(d.loc, fmt::format("{} is not a variable of Kubespray {}; did you mean {}? Kubespray ignores it, and {}",
                                  name, c.release.version, m.name, what))
          .related(where, fmt::format("{} set here", m.name))
          .fix(fmt::format("rename {} to {}", name, m.name));
    }
  }
}

const CheckRegistration reg{
    {"kubespray-misspelled-variable", Severity::warning,
     "a variable one edit away from a Kubespray variable is not one: Kubespray ignores it", kKubespray},
    run};

}  // namespace
}  // namespace kubegate
