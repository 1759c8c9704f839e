// RKE2 config.yaml as RKE2 reads it: config.yaml then config.yaml.d/*.yaml by name, later keys
// replacing earlier ones, `key+` appending; and which folders are RKE2 node folders.
#include "load/rke2/loader.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>

#include <fmt/format.h>

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
  if (!read_file(path, text)) return keys;
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

/// Values an unexecuted template or a shell placeholder decides become unknown.
void mark_templates(Value& v) {
  if (v.kind == Value::Kind::string && v.text.find("{{") != std::string::npos) {
    v = Value::make_unknown(v.text, v.loc);
    return;
  }
  for (Value& item : v.items) mark_templates(item);
  for (MapEntry& e : v.entries) mark_templates(e.value);
}

}  // namespace

bool is_rke2_node_dir(const std::string& dir, const Rke2Facts& facts) {
  const fs::path d(dir);
  std::error_code ec;
  if (fs::is_directory(d / "config.yaml.d", ec)) return true;
  if (file_exists(d / "config.yaml"))
    for (const std::string& k : top_keys((d / "config.yaml").string()))
      if (facts.known(k) || facts.k3s_only.count(k)) return true;
  if (file_exists(d / "registries.yaml"))
    for (const std::string& k : top_keys((d / "registries.yaml").string()))
      if (k == "mirrors" || k == "configs") return true;
  return false;
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

bool is_rke2_inventory(const std::string& hosts_file) {
  std::string text;
  if (!read_file(hosts_file, text)) return false;
  for (const char* g : {"rke2_servers", "rke2_agents", "rke2_cluster"}) {
    for (std::size_t at = text.find(g); at != std::string::npos; at = text.find(g, at + 1)) {
      char before = at == 0 ? '\n' : text[at - 1];
      char after = at + std::strlen(g) < text.size() ? text[at + std::strlen(g)] : '\n';
      if ((before == '[' || before == ' ' || before == '\n') && (after == ']' || after == ':' || after == ' '))
        return true;
    }
  }
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
                                                               const std::string& dir,
                                                               std::vector<LoadError>& errors) {
  std::vector<std::string> files;
  const fs::path d(dir);
  if (file_exists(d / "config.yaml")) files.push_back((d / "config.yaml").string());
  std::vector<std::string> dropins;
  std::error_code ec;
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
      errors.push_back({path, 0, 0, "cannot read this file"});
      continue;
    }
    std::uint32_t file = sources.add(path, std::move(text));
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
