// RKE2 config.yaml as RKE2 reads it: config.yaml then config.yaml.d/*.yaml by name, later keys
// replacing earlier ones, `key+` appending; and which folders are RKE2 node folders.
#include "load/rke2/loader.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "load/common/files.hpp"
#include "load/common/secrets.hpp"
#include "load/common/yaml.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace kubegate {

namespace {

bool has_yaml_ext(const fs::path& p) {
  std::string ext = text::lower(p.extension().string());
  return ext == ".yaml" || ext == ".yml";
}

/// Top-level keys of a YAML file, read line by line (no parse): `key:` or `key+:` at column 1.
std::vector<std::string> top_keys(const std::string& path) {
  std::string text;
  std::vector<std::string> keys;
  if (!peek_file(path, text)) return keys;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line(text.data() + pos, (nl == std::string::npos ? text.size() : nl) - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(line[0]))) continue;
    std::string key(line.substr(0, colon));
    if (!key.empty() && key.back() == '+') key.pop_back();
    if (key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos) keys.push_back(key);
  }
  return keys;
}

/// Every top-level key of a YAML file, as written (line by line, no parse); nullopt when a line
/// at column 1 is neither a key, a comment, a document marker nor blank (a top-level list, a
/// template tag): such a file is not a plain mapping of keys.
std::optional<std::vector<std::string>> all_top_keys(const std::string& path) {
  std::string text;
  std::error_code ec;
  if (fs::file_size(path, ec) > (1u << 20) || ec || !peek_file(path, text) || text.find('\0') != std::string::npos)
    return std::nullopt;
  std::vector<std::string> keys;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line(text.data() + pos, (nl == std::string::npos ? text.size() : nl) - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line == "---" || line == "...") continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    std::string key(line.substr(0, colon));
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front())
      key = key.substr(1, key.size() - 2);
    if (!key.empty() && key.back() == '+') key.pop_back();
    keys.push_back(key);
  }
  return keys;
}

}  // namespace

bool looks_like_rke2_config(const std::string& path, const Rke2Facts& facts, bool named) {
  if (!has_yaml_ext(path)) return false;
  auto keys = all_top_keys(path);
  if (!keys || keys->empty()) return false;
  bool hyphenated = false;
  for (const std::string& k : *keys) {
    if (!facts.known(k)) return false;
    if (k.find('-') != std::string::npos) hyphenated = true;
  }
  // In a folder, one-word keys alone (`debug:`, `token:`) may be anybody's: two or a hyphenated one.
  return named || hyphenated || keys->size() >= 2;
}

namespace {

/// `*config*.yaml|yml` files of `dir` other than config.yaml whose keys make them RKE2 configs.
std::vector<std::string> sibling_configs(const fs::path& dir, const Rke2Facts& facts) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || name == "config.yaml" || !it->is_regular_file(ec)) continue;
    if (text::lower(name).find("config") == std::string::npos) continue;
    if (looks_like_rke2_config(it->path().string(), facts, false)) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// True when `dir` is what sits in /etc/rancher/rke2 (config.yaml with an RKE2 key, config.yaml.d/, registries.yaml).
bool is_etc_rke2_dir(const fs::path& d, const Rke2Facts& facts) {
  std::error_code ec;
  if (fs::is_directory(d / "config.yaml.d", ec)) return true;
  if (file_exists(d / "config.yaml")) {
    for (const std::string& k : top_keys((d / "config.yaml").string()))
      if (facts.known(k) || facts.k3s_only.count(k)) return true;
    // A list of RKE2 settings (`- token: x`) is RKE2's file written wrong: read it, so that its load error says so.
    std::string text;
    if (peek_file((d / "config.yaml").string(), text) && text.size() < (1u << 20))
      for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t nl = text.find('\n', pos);
        const std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? text.size() : nl + 1;
        const std::size_t colon = line.find(':');
        if (line.rfind("- ", 0) == 0 && colon != std::string::npos && facts.known(line.substr(2, colon - 2)))
          return true;
      }
  }
  if (file_exists(d / "registries.yaml"))
    for (const std::string& k : top_keys((d / "registries.yaml").string()))
      if (k == "mirrors" || k == "configs") return true;
  return false;
}

}  // namespace

std::vector<std::string> rke2_nodes_of(const std::string& dir, const Rke2Facts& facts, bool forced) {
  const fs::path d(dir);
  std::vector<std::string> out;
  std::error_code ec;
  const bool own = fs::is_directory(d / "config.yaml.d", ec) || file_exists(d / "config.yaml");
  const bool etc = is_etc_rke2_dir(d, facts) || (forced && file_exists(d / "config.yaml"));
  std::vector<std::string> siblings = sibling_configs(d, facts);
  // The folder is a node when it has its own config; a registries.yaml alone goes with the
  // sibling configs when there are any (each node reads it), else it is the node.
  if (etc && (own || siblings.empty())) out.push_back(dir);
  out.insert(out.end(), siblings.begin(), siblings.end());
  return out;
}

void mark_templates(Value& v) {
  if (v.kind == Value::Kind::string && v.text.find("{{") != std::string::npos) {
    v = Value::make_unknown(v.text, v.loc);
    return;
  }
  for (Value& item : v.items) mark_templates(item);
  for (MapEntry& e : v.entries) mark_templates(e.value);
}

bool is_rke2_node_dir(const std::string& dir, const Rke2Facts& facts) {
  return !rke2_nodes_of(dir, facts, false).empty();
}

std::vector<std::string> rke2_node_dirs_in(const std::string& dir, const Rke2Facts& facts) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !it->is_directory(ec) || name == "config.yaml.d") continue;
    if (is_rke2_node_dir(it->path().string(), facts)) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

/// A character of a group or variable name.
bool ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

/// `g` written as a group name: `[g]`, `[g:children]`, `g:` (YAML), or a child line.
bool mentions_group(const std::string& text, const std::string& g) {
  for (std::size_t at = text.find(g); at != std::string::npos; at = text.find(g, at + 1)) {
    char before = at == 0 ? '\n' : text[at - 1];
    char after = at + g.size() < text.size() ? text[at + g.size()] : '\n';
    if ((before == '[' || before == ' ' || before == '\n') && (after == ']' || after == ':' || after == ' '))
      return true;
  }
  return false;
}

/// A group whose name starts with `prefix`: `[prefix...]` (INI) or `  prefix...:` (YAML), not in a comment.
bool names_group_with_prefix(const std::string& text, const std::string& prefix) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line(text.data() + pos, (nl == std::string::npos ? text.size() : nl) - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos || line[start] == '#' || line[start] == ';') continue;
    const bool ini = line[start] == '[';
    std::string_view name = line.substr(start + (ini ? 1 : 0));
    std::size_t end = 0;
    while (end < name.size() && ident(name[end])) ++end;
    if (end == 0 || name.substr(0, prefix.size()) != prefix || end < prefix.size()) continue;
    if (end < name.size() && (ini ? (name[end] == ']' || name[end] == ':') : name[end] == ':')) return true;
  }
  return false;
}

/// Whether `text` defines one of `names` (`name:` or `name=`), commented out or not: whole names
/// only, in one pass over the text.
bool defines_any(std::string_view text, const std::unordered_set<std::string_view>& names) {
  for (std::size_t i = 0; i < text.size();) {
    if (!ident(text[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < text.size() && ident(text[i])) ++i;
    std::size_t after = i;
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
    if (after < text.size() && (text[after] == ':' || text[after] == '=') && names.count(text.substr(begin, i - begin)))
      return true;
  }
  return false;
}

/// The hosts file and the files of the group_vars/ and host_vars/ beside it.
std::vector<std::string> inventory_texts(const std::string& hosts_file) {
  std::vector<std::string> out;
  std::string text;
  if (peek_file(hosts_file, text)) out.push_back(std::move(text));
  const fs::path dir = fs::path(hosts_file).parent_path().empty() ? fs::path(".") : fs::path(hosts_file).parent_path();
  for (const char* sub : {"group_vars", "host_vars"}) {
    std::error_code ec;
    std::size_t files = 0;
    for (fs::recursive_directory_iterator it(dir / sub, fs::directory_options::none, ec), end;
         !ec && it != end && files < 200; it.increment(ec)) {
      if (!it->is_regular_file(ec) || fs::file_size(it->path(), ec) > (1u << 20)) continue;
      ++files;
      if (peek_file(it->path().string(), text)) out.push_back(std::move(text));
    }
  }
  return out;
}

}  // namespace

bool is_rke2_inventory(const Knowledge& k, const std::string& hosts_file) {
  const nlohmann::json& roles = *k.document("schemas/rke2/ansible-roles.json");
  const std::vector<std::string> texts = inventory_texts(hosts_file);
  if (texts.empty()) return false;
  const std::string& hosts = texts.front();
  std::unordered_set<std::string_view> evidence;  // a file that defines one was written for that role
  for (const auto& [role, r] : roles.at("roles").items()) {
    if (r.contains("groups"))
      for (const auto& [kind, names] : r.at("groups").items())
        for (const auto& g : names)
          if (mentions_group(hosts, g.get<std::string>())) return true;
    for (const auto& v : r.at("evidence_vars")) evidence.insert(v.get_ref<const std::string&>());
  }
  for (const std::string& t : texts)
    if (defines_any(t, evidence)) return true;
  // A hosts file that names none of Kubespray's groups but lablabs' default ones (masters and
  // workers), or groups named for RKE or k3s (rke_control_plane, k3s_cluster): read as an RKE2
  // inventory, whose nodes are only the hosts an RKE2 role's groups or rke2_type make servers or agents.
  for (const auto& g : roles.at("kubespray_groups"))
    if (mentions_group(hosts, g.get<std::string>())) return false;
  const auto& lablabs = roles.at("roles").at("lablabs/ansible-role-rke2");
  if (mentions_group(hosts, lablabs.at("servers_group_default").get<std::string>()) &&
      mentions_group(hosts, lablabs.at("agents_group_default").get<std::string>()))
    return true;
  for (const auto& prefix : roles.at("non_kubespray_group_prefixes"))
    if (names_group_with_prefix(hosts, prefix.get<std::string>())) return true;
  return false;
}

void merge_rke2_config(const Value& top, const std::string& owner, DefinitionTable& table,
                       std::map<std::string, const Definition*>& current) {
  for (const MapEntry& e : top.entries) {
    std::string name = e.key;
    const bool append = !name.empty() && name.back() == '+';
    if (append) name.pop_back();
    Value v = e.value;
    mark_templates(v);
    if (append) {
      Value acc;
      acc.kind = Value::Kind::list;
      acc.loc = v.loc;
      if (auto it = current.find(name); it != current.end()) {
        const Value& prev = it->second->value;
        if (prev.kind == Value::Kind::list) {
          acc.items = prev.items;
        } else if (!prev.is_null()) {
          acc.items.push_back(prev);
        }
      }
      if (v.kind == Value::Kind::list) {
        acc.items.insert(acc.items.end(), v.items.begin(), v.items.end());
      } else if (!v.is_null()) {
        acc.items.push_back(v);
      }
      v = std::move(acc);
    }
    Definition d;
    d.name = name;
    d.value = std::move(v);
    d.loc = e.key_loc;
    d.layer = Layer::config_file;
    d.owner = owner;
    Definition& stored = table.vars[name];
    stored = std::move(d);
    current[name] = &stored;
  }
}

std::vector<std::unique_ptr<DefinitionTable>> load_rke2_config(SourceManager& sources, const SecretPolicy& secrets,
                                                               const std::string& dir, std::vector<LoadError>& errors,
                                                               std::uint32_t& first_file) {
  first_file = 0;
  std::vector<std::string> files;
  const fs::path d(dir);
  std::error_code ec;
  if (fs::is_regular_file(d, ec)) files.push_back(dir);  // a config file under another name: that file alone
  if (file_exists(d / "config.yaml")) files.push_back((d / "config.yaml").string());
  std::vector<std::string> dropins;
  for (fs::directory_iterator it(d / "config.yaml.d", ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && has_yaml_ext(it->path())) dropins.push_back(it->path().string());
  // os.ReadDir order: by file name, byte-wise.
  std::sort(dropins.begin(), dropins.end(), [](const std::string& a, const std::string& b) {
    return fs::path(a).filename().string() < fs::path(b).filename().string();
  });
  files.insert(files.end(), dropins.begin(), dropins.end());

  std::vector<std::unique_ptr<DefinitionTable>> tables;
  std::map<std::string, const Definition*> current;
  for (const std::string& path : files) {
    std::string text;
    if (!read_file(path, text)) {
      errors.push_back({path, 0, 0, read_failure(path)});
      continue;
    }
    std::uint32_t file = sources.add(path, std::move(text));
    if (!first_file) first_file = file;
    Value top;
    if (!parse_yaml(sources, file, top, errors)) continue;
    auto t = std::make_unique<DefinitionTable>();
    t->layer = Layer::config_file;
    t->owner = path;
    if (top.kind == Value::Kind::map) {
      hide_secrets(sources, secrets, "", top);
      merge_rke2_config(top, path, *t, current);
    } else if (!top.is_null()) {
      errors.push_back({path, top.loc.line, top.loc.column,
                        "RKE2 refuses to start: the top level of its config file must be a mapping of keys"});
    }
    // Even an empty file gets its table so that the node's first file is known.
    tables.push_back(std::move(t));
  }
  return tables;
}

}  // namespace kubegate
