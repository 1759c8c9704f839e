// RKE2 clusters: node folders or an rke2-ansible inventory turned into the typed model (roles, OS,
// release, common facts); config.yaml merging is in config.cpp, registries.yaml in registries.cpp.
#include "load/rke2/loader.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/knowledge.hpp"
#include "kubegate/model/rke2.hpp"
#include "kubegate/version.hpp"
#include "load/ansible/inventory.hpp"
#include "load/common/emulated_version.hpp"
#include "load/common/gate_items.hpp"
#include "load/common/secrets.hpp"
#include "load/common/yaml.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace kubegate {

namespace {

Value from_json(const nlohmann::json& j) {
  if (j.is_boolean()) return Value::make_bool(j.get<bool>());
  if (j.is_number_integer()) return Value::make_int(j.get<std::int64_t>());
  return Value::make_string(j.get<std::string>());
}

/// The tool defaults of the keys kubegate compares (schemas/rke2/flags.json "defaults").
const DefinitionTable* defaults_table(Cluster& c, const Knowledge& k) {
  auto t = std::make_unique<DefinitionTable>();
  t->layer = Layer::release_default;
  t->owner = "rke2 defaults";
  for (auto& [name, v] : k.document("schemas/rke2/flags.json")->at("defaults").items()) {
    Definition d;
    d.name = name;
    d.value = from_json(v);
    d.layer = Layer::release_default;
    d.owner = "rke2 defaults";
    t->vars.emplace(name, std::move(d));
  }
  c.tables.push_back(std::move(t));
  return c.tables.back().get();
}

/// Windows evidence in a value tree: the first string that is a Windows path.
const Value* windows_path_in(const Value& v) {
  if (v.kind == Value::Kind::string && is_windows_path(v.text)) return &v;
  for (const Value& item : v.items)
    if (const Value* w = windows_path_in(item)) return w;
  for (const MapEntry& e : v.entries)
    if (const Value* w = windows_path_in(e.value)) return w;
  return nullptr;
}

std::string where(const SourceManager& s, SourceLoc loc) {
  return loc.known() ? fmt::format("{}:{}:{}", s.path(loc.file), loc.line, loc.column) : std::string("?");
}

/// OS from Windows paths in the node's settings or its registries.yaml.
void os_from_paths(const Cluster& c, Node& n) {
  for (const std::string& name : n.vars.names()) {
    Setting s = n.vars.get(name);
    if (s.is_default()) continue;
    if (const Value* w = windows_path_in(s.value)) {
      n.os = Os::windows;
      n.os_reason = fmt::format("Windows path \"{}\" in {}", w->text, name);
      n.os_at = w->loc;
      return;
    }
  }
  if (n.registries < 0) return;
  for (const RegistryConfig& rc : c.registries[static_cast<std::size_t>(n.registries)].configs)
    for (const Value* f : {&rc.ca_file, &rc.cert_file, &rc.key_file})
      if (f->kind == Value::Kind::string && is_windows_path(f->text)) {
        n.os = Os::windows;
        n.os_reason = fmt::format("Windows path \"{}\" in registries.yaml", f->text);
        n.os_at = f->loc;
        return;
      }
}

/// Server or agent from the keys: server-only keys make a server (except on Windows, which
/// runs agents only, when it also names a server); else a `server:` URL makes an agent.
void role_from_keys(Node& n, const Rke2Facts& facts) {
  bool server_keys = false;
  for (const std::string& name : n.vars.names()) {
    Setting s = n.vars.get(name);
    if (!s.is_default() && facts.server_only.count(name)) server_keys = true;
  }
  bool joins = static_cast<bool>(n.vars.get("server"));
  if (server_keys && !(n.os == Os::windows && joins)) {
    n.roles = role_control_plane | role_etcd;
  } else if (joins || n.os == Os::windows) {
    n.roles = role_worker;
  } else {
    n.roles = role_control_plane | role_etcd;
  }
}

/// Sets the release and the Kubernetes version from the stated version (`loc` where it is written).
void set_release(Cluster& c, const std::string& text, const std::string& reason, SourceLoc loc) {
  c.release.reason = reason;
  c.release.data = "schemas/rke2/releases.json";
  if (text.empty()) return;
  c.release.version = text;
  auto v = parse_version(text);
  if (!v) return;
  const std::size_t dots = std::count(text.begin(), text.begin() + std::min(text.find('+'), text.size()), '.');
  if (dots < 2) return;
  auto t = std::make_unique<DefinitionTable>();
  t->layer = Layer::config_file;
  t->owner = "rke2 release";
  Definition def;
  def.name = "kubernetes-version";
  def.value = Value::make_string(v->str(), loc);
  def.loc = loc;
  def.layer = Layer::config_file;
  def.owner = reason;
  auto& stored = t->vars.emplace(def.name, std::move(def)).first->second;
  c.kubernetes_version.name = "kubernetes-version";
  c.kubernetes_version.definition = &stored;
  c.kubernetes_version.value = stored.value;
  c.tables.push_back(std::move(t));
}

/// A derived setting (one family of a CIDR list, the joined cni list) owned by the cluster.
Setting derived(Cluster& c, const std::string& name, const Value& value, SourceLoc loc) {
  auto t = std::make_unique<DefinitionTable>();
  t->layer = Layer::config_file;
  t->owner = "derived";
  Definition d;
  d.name = name;
  d.value = value;
  d.loc = loc;
  d.layer = Layer::config_file;
  auto& stored = t->vars.emplace(name, std::move(d)).first->second;
  c.tables.push_back(std::move(t));
  Setting s;
  s.name = name;
  s.definition = &stored;
  s.value = stored.value;
  return s;
}

void common_facts(Cluster& c) {
  static const std::pair<const char*, const char*> kArgs[] = {
      {"kube-apiserver-arg", "kube-apiserver"},
      {"kube-controller-manager-arg", "kube-controller-manager"},
      {"kube-scheduler-arg", "kube-scheduler"},
      {"kubelet-arg", "kubelet"},
      {"kube-proxy-arg", "kube-proxy"},
      {"kube-cloud-controller-manager-arg", "cloud-controller-manager"},
  };
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::string>> seen;
  for (const Node& n : c.nodes)
    for (auto [key, component] : kArgs)
      for (const Value& item : rke2_items(n.vars.get(key))) {
        if (item.is_unknown() || item.kind == Value::Kind::list || item.kind == Value::Kind::map) continue;
        std::string_view text = item.text;
        if (text.substr(0, 2) == "--") text.remove_prefix(2);
        const auto flag = [&](std::string_view name) { return text.substr(0, name.size()) == name; };
        const bool gates = flag("feature-gates="), emulation = flag("emulated-version=");
        if (!gates && !emulation) continue;
        if (!seen.insert({item.loc.file, item.loc.line, item.loc.column, component}).second) continue;
        const std::size_t skip = text.find('=') + 1;
        SourceLoc at = item.loc;
        if (at.known())
          at.column += static_cast<std::uint32_t>(item.text.size() - text.size() + skip + (item.quoted ? 1 : 0));
        if (emulation) {
          c.emulated_versions.push_back(parse_emulated_version(text.substr(skip), component, key, at));
        } else {
          auto list = parse_feature_gate_list(text.substr(skip), component, key, at);
          c.feature_gates.insert(c.feature_gates.end(), list.begin(), list.end());
        }
      }

  const Node* rep = nullptr;
  for (const Node& n : c.nodes)
    if (rke2_server(n)) {
      rep = &n;
      break;
    }
  if (!rep && !c.nodes.empty()) rep = &c.nodes.front();
  if (rep) c.settings = rep->vars;
  c.cloud_provider = c.settings.get("cloud-provider-name");
  Setting cni = c.settings.get("cni");
  if (cni) {
    std::string joined;
    SourceLoc first = cni.loc();
    bool unknown = false;
    for (const Value& v : rke2_comma_items(cni)) {
      if (v.is_unknown()) unknown = true;
      joined += (joined.empty() ? "" : ",") + v.text;
      if (v.loc.known() && first == cni.loc()) first = v.loc;
    }
    c.network_plugin = unknown ? cni : derived(c, "cni", Value::make_string(joined, first), cni.loc());
    if (cni.is_default()) c.network_plugin = cni;
  }
  for (auto [key, pods] : {std::pair{"cluster-cidr", true}, {"service-cidr", false}}) {
    Setting s = c.settings.get(key);
    if (!s) continue;
    bool v4 = false, v6 = false;
    for (const Value& item : rke2_comma_items(s)) {
      if (item.is_unknown()) continue;
      bool is6 = item.text.find(':') != std::string::npos;
      IpFamily& fam = is6 ? c.ipv6 : c.ipv4;
      Setting& slot = pods ? fam.pods : fam.services;
      if (slot) continue;
      slot = s.is_default() ? s : derived(c, key, item, item.loc.known() ? item.loc : s.loc());
      if (s.is_default()) slot.value = item;
      (is6 ? v6 : v4) = true;
    }
    if (pods) {
      c.ipv4.enabled = v4;
      c.ipv6.enabled = v6;
    }
  }
}

/// Registries of `path` appended to the cluster (once per file); its index, or -1. `read`, when
/// given, receives the id of the file when this call read it.
int add_registries(SourceManager& sources, const SecretPolicy& secrets, const std::string& path, Cluster& c,
                   std::map<std::string, int>& seen, std::vector<LoadError>& errors, std::uint32_t* read = nullptr) {
  std::string key = fs::path(path).lexically_normal().string();
  if (auto it = seen.find(key); it != seen.end()) return it->second;
  Registries r;
  int index = -1;
  const bool loaded = load_registries(sources, secrets, path, r, errors);
  if (read && r.loc.known()) *read = r.loc.file;
  if (loaded) {
    c.registries.push_back(std::move(r));
    index = static_cast<int>(c.registries.size() - 1);
  }
  seen[key] = index;
  return index;
}

/// A plain value the inventory writes for `var`: set, known and not a template; nullopt otherwise.
std::optional<std::string> literal(const Setting& s) {
  if (!s || s.value.is_unknown()) return std::nullopt;
  auto t = s.text();
  if (!t || t->find("{{") != std::string::npos) return std::nullopt;
  return t;
}

/// The group a lablabs group-name variable names: its literal value, the role's default when
/// it is not set, "" when it is set to something kubegate cannot read.
std::string lablabs_group(const Scope& ansible, const nlohmann::json& lab, const char* var, const char* fallback) {
  Setting s = ansible.get(lab.at(var).get<std::string>());
  if (!s) return lab.at(fallback).get<std::string>();
  return literal(s).value_or("");
}

/// Server and agent roles from the groups of both roles and lablabs' `rke2_type` host variable;
/// `lablabs` tells whether lablabs' groups or rke2_type decided (its template then writes the config).
unsigned role_from_groups(const Scope& ansible, const nlohmann::json& fed, const nlohmann::json& lab, const Node& n,
                          bool& lablabs) {
  bool server = false, agent = false;
  for (const auto& g : fed.at("groups").at("server")) server = server || n.in_group(g.get<std::string>());
  for (const auto& g : fed.at("groups").at("agent")) agent = agent || n.in_group(g.get<std::string>());
  lablabs = false;
  if (!server && !agent) {
    const std::string servers = lablabs_group(ansible, lab, "servers_group_var", "servers_group_default");
    const std::string agents = lablabs_group(ansible, lab, "agents_group_var", "agents_group_default");
    if (!servers.empty() && n.in_group(servers)) server = lablabs = true;
    if (!agents.empty() && n.in_group(agents)) agent = lablabs = true;
  }
  if (auto type = literal(ansible.get(lab.at("type_var").get<std::string>()))) {
    if (*type == lab.at("type_values").at("server")) server = lablabs = true, agent = false;
    if (*type == lab.at("type_values").at("agent")) agent = lablabs = true, server = false;
  }
  unsigned roles = role_none;
  if (server) roles |= role_control_plane | role_etcd;
  if (agent) roles |= role_worker;
  return roles;
}

/// The config.yaml keys lablabs' template writes straight from one variable the inventory sets
/// (`rendered` of schemas/rke2/ansible-roles.json), each where the variable is set; nullptr when none.
const DefinitionTable* rendered_table(Cluster& c, const Scope& ansible, const nlohmann::json& lab, const Node& n,
                                      const Rke2Facts& facts) {
  auto t = std::make_unique<DefinitionTable>();
  t->layer = Layer::config_file;
  t->owner = "lablabs/ansible-role-rke2 config.yaml.j2";
  bool server = false;  // the template's own test: inventory_hostname in groups[rke2_servers_group_name]
  const std::string servers = lablabs_group(ansible, lab, "servers_group_var", "servers_group_default");
  if (!servers.empty() && n.in_group(servers)) server = true;
  for (const auto& [var, how] : lab.at("rendered").items()) {
    Setting s = ansible.get(var);
    if (!s || !s.definition) continue;
    if (how.value("servers_only", false) && !server) continue;
    // The template writes some server keys on every node; `rke2 agent` skips them, the user cannot.
    if (!rke2_server(n) && facts.server_only.count(how.at("key").get<std::string>())) continue;
    Value v = s.value;
    if (how.contains("only_if_contains") && (!v.is_string() || v.text.find(how.at("only_if_contains").get<std::string>()) ==
                                                                   std::string::npos))
      continue;
    if (how.contains("join") && v.kind == Value::Kind::list) {
      std::string joined;
      bool unknown = false;
      for (const Value& item : v.items) {
        if (item.is_unknown() || !item.is_string()) unknown = true;
        joined += (joined.empty() ? "" : how.at("join").get<std::string>()) + item.text;
      }
      v = unknown ? Value::make_unknown(var + " holds values kubegate cannot read", s.loc())
                  : Value::make_string(joined, v.items.empty() ? s.loc() : v.items.front().loc);
    }
    mark_templates(v);
    Definition d;
    d.name = how.at("key").get<std::string>();
    d.value = std::move(v);
    d.loc = s.loc();
    d.layer = Layer::config_file;
    d.owner = fmt::format("{} ({})", var, s.definition->owner);
    t->vars.emplace(d.name, std::move(d));
  }
  if (t->vars.empty()) return nullptr;
  c.tables.push_back(std::move(t));
  return c.tables.back().get();
}

}  // namespace

void load_rke2_nodes(SourceManager& sources, const Knowledge& k, const std::string& name, const std::vector<std::string>& node_dirs,
                     const std::string& version, Cluster& c, std::vector<LoadError>& errors) {
  c.platform = Platform::rke2;
  c.name = name;
  const DefinitionTable* defaults = defaults_table(c, k);
  std::map<std::string, int> registries_seen;
  for (const std::string& dir : node_dirs) {
    Node n;
    n.name = fs::path(dir).filename().string();
    if (n.name.empty() || n.name == ".") n.name = fs::absolute(dir).lexically_normal().filename().string();
    std::uint32_t first_file = 0;  // the node's first file read: its config, else its registries.yaml
    auto tables = load_rke2_config(sources, secret_policy(k), dir, errors, first_file);
    std::vector<const DefinitionTable*> scope = {defaults};
    for (auto& t : tables) {
      scope.push_back(t.get());
      c.tables.push_back(std::move(t));
    }
    n.vars = Scope(std::move(scope), n.name);
    // A config file under another name is a node of its own; it reads the registries.yaml beside it.
    std::error_code ec;
    const bool file_node = fs::is_regular_file(dir, ec);
    const fs::path folder = file_node ? fs::path(dir).parent_path() : fs::path(dir);
    n.name_is_host = !file_node;
    if (file_exists(folder / "registries.yaml"))
      n.registries = add_registries(sources, secret_policy(k), (folder / "registries.yaml").string(), c,
                                    registries_seen, errors, first_file ? nullptr : &first_file);
    if (first_file) n.loc = {first_file, 1, 1};
    os_from_paths(c, n);
    role_from_keys(n, k.rke2());
    if (!c.anchor.known()) c.anchor = n.loc;
    c.nodes.push_back(std::move(n));
  }
  set_release(c, version, version.empty() ? "not stated by the configuration; give --rke2-version" : "--rke2-version " + version, {});
  common_facts(c);
}

void load_rke2_ansible(SourceManager& sources, const Knowledge& k, const std::string& dir, const std::string& hosts_file,
                       const std::string& version, Cluster& c, std::vector<LoadError>& errors) {
  c.platform = Platform::rke2;
  c.name = hosts_file;
  AnsibleInventory inv;
  inv.keep_last_duplicate = true;  // Ansible warns about a key defined twice and keeps the last
  load_hosts_file(sources, hosts_file, inv, errors);
  c.anchor = {inv.file, 1, 1};
  load_vars_dirs(sources, dir, inv, {"rke2_cluster", "rke2_servers", "rke2_agents"}, errors);
  const DefinitionTable* defaults = defaults_table(c, k);

  for (auto& t : inv.tables) hide_secrets(sources, secret_policy(k), *t);
  for (const DuplicateKey& d : inv.duplicate_keys) c.duplicate_variables.push_back({d.key, d.kept, d.dropped});

  std::map<const Definition*, const DefinitionTable*> converted;  // one table per dict, shared by hosts
  auto table_for = [&](const Setting& s) -> const DefinitionTable* {
    if (!s || !s.definition) return nullptr;
    auto [it, inserted] = converted.try_emplace(s.definition, nullptr);
    if (!inserted) return it->second;
    auto t = std::make_unique<DefinitionTable>();
    t->layer = Layer::config_file;
    t->owner = fmt::format("{} ({})", s.name, s.definition->owner);
    if (s.value.kind == Value::Kind::map) {
      std::map<std::string, const Definition*> none;
      merge_rke2_config(s.value, t->owner, *t, none);
    } else if (!s.value.is_null()) {
      c.unevaluated.push_back({s.loc(), fmt::format("{} is not a dictionary kubegate can read", s.name)});
    }
    it->second = t.get();
    c.tables.push_back(std::move(t));
    return it->second;
  };

  std::map<std::string, int> registries_seen;
  const GroupIndex index = index_groups(inv);
  const nlohmann::json& roles = k.document("schemas/rke2/ansible-roles.json")->at("roles");
  const nlohmann::json& fed = roles.at("rancherfederal/rke2-ansible");
  const nlohmann::json& lab = roles.at("lablabs/ansible-role-rke2");
  for (std::uint32_t i = 0; i < inv.hosts.size(); ++i) {
    const AnsibleHost& h = inv.hosts[i];
    Node n;
    n.name = h.name;
    n.loc = h.loc;
    std::vector<std::string> groups;
    Scope ansible(ansible_host_tables(inv, index, i, groups), h.name);
    n.groups = groups;
    std::vector<const DefinitionTable*> scope = {defaults};
    bool lablabs = false;
    n.roles = role_from_groups(ansible, fed, lab, n, lablabs);
    if (lablabs)
      if (const DefinitionTable* t = rendered_table(c, ansible, lab, n, k.rke2())) scope.push_back(t);
    // rke2-ansible: `rke2_config` (replaced as a whole by Ansible); newer releases combine
    // cluster_rke2_config < group_rke2_config < host_rke2_config key by key.
    for (const auto& var : fed.at("config_dict_vars")) {
      Setting s = ansible.get(var.get<std::string>());
      if (s && s.value.is_string() && var == lab.at("config_template_var")) continue;  // lablabs: a template path
      if (const DefinitionTable* t = table_for(s)) scope.push_back(t);
    }
    n.vars = Scope(std::move(scope), h.name);
    os_from_ansible(ansible, n);
    if (n.os == Os::linux) os_from_paths(c, n);
    if (n.roles == role_none) {
      bool in_cluster = false;
      for (const auto& g : fed.at("groups").at("cluster")) in_cluster = in_cluster || n.in_group(g.get<std::string>());
      // A host in no server or agent group (a jump host, a NAS) is no node of the cluster.
      if (!in_cluster) continue;
      role_from_keys(n, k.rke2());
    }
    for (const auto& var_json : fed.at("registries_path_vars")) {
      Setting s = ansible.get(var_json.get<std::string>());
      // The written text: `{{ playbook_dir }}` is no variable of the inventory.
      if (!s || !s.definition->value.is_string()) continue;
      std::string p = s.definition->value.text;
      for (const char* prefix : {"{{ playbook_dir }}/", "{{playbook_dir}}/", "{{ inventory_dir }}/", "{{inventory_dir}}/"})
        if (p.rfind(prefix, 0) == 0) p = p.substr(std::strlen(prefix));
      if (p.find("{{") != std::string::npos) continue;
      // Relative to the inventory, or to a folder above it (playbook_dir is the project root).
      for (fs::path base = fs::path(dir); !base.empty(); base = base.parent_path()) {
        fs::path candidate = fs::path(p).is_absolute() ? fs::path(p) : base / p;
        if (file_exists(candidate)) {
          n.registries = add_registries(sources, secret_policy(k), candidate.string(), c, registries_seen, errors);
          break;
        }
        if (fs::path(p).is_absolute() || base == base.parent_path()) break;
      }
      if (n.registries >= 0) break;
    }
    std::vector<std::string> version_vars = fed.at("version_vars").get<std::vector<std::string>>();
    version_vars.push_back(lab.at("version_var").get<std::string>());
    for (const std::string& var : version_vars) {
      Setting s = ansible.get(var);
      if (!s) continue;
      const auto text = s.value.is_unknown() ? std::nullopt : s.text();
      c.node_releases.push_back(
          {static_cast<std::uint32_t>(c.nodes.size()), std::move(s), text ? parse_kube_version(*text) : std::nullopt});
      break;
    }
    c.nodes.push_back(std::move(n));
  }
  for (const auto& [name, g] : inv.groups) {
    if (!g.loc.known() && g.hosts.empty() && g.children.empty()) continue;
    Group mg;
    mg.name = name;
    mg.loc = g.loc;
    mg.children = g.children;
    mg.hosts.assign(g.hosts.begin(), g.hosts.end());
    c.groups.push_back(std::move(mg));
  }
  // The playbook writes `server:` and `token` into the joining nodes' config itself.
  auto generated = std::make_unique<DefinitionTable>();
  generated->layer = Layer::config_file;
  generated->owner = "rke2-ansible";
  for (const char* key : {"server", "token"}) {
    Definition d;
    d.name = key;
    d.value = Value::make_unknown("written by rke2-ansible for joining nodes", c.anchor);
    d.loc = c.anchor;
    d.layer = Layer::config_file;
    d.owner = "rke2-ansible";
    generated->vars.emplace(key, std::move(d));
  }
  const DefinitionTable* gen = generated.get();
  c.tables.push_back(std::move(generated));
  for (Node& n : c.nodes) {
    std::vector<const DefinitionTable*> tables = n.vars.tables();
    tables.insert(tables.begin() + 1, gen);
    n.vars = Scope(std::move(tables), n.name);
  }
  for (auto& t : inv.tables) c.tables.push_back(std::move(t));
  // The cluster's release is the first server's (servers are upgraded first), else the first node's.
  const NodeRelease* stated = nullptr;
  for (const NodeRelease& r : c.node_releases) {
    if (!r.stated.text() || r.stated.value.is_unknown()) continue;
    const bool server = c.nodes[r.node].has(role_control_plane);
    if (!stated || server) stated = &r;
    if (server) break;
  }
  if (stated) {
    set_release(c, *stated->stated.text(),
                fmt::format("{} at {}", stated->stated.name, where(sources, stated->stated.loc())),
                stated->stated.loc());
  } else {
    set_release(c, version, version.empty() ? "not stated by the configuration; give --rke2-version" : "--rke2-version " + version, {});
  }
  common_facts(c);
}

}  // namespace kubegate
