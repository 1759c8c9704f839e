#include "load/kubespray/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/knowledge.hpp"
#include "kubegate/version.hpp"
#include "load/ansible/inventory.hpp"
#include "load/ansible/jinja.hpp"
#include "load/common/emulated_version.hpp"
#include "load/common/gate_items.hpp"
#include "load/common/secrets.hpp"
#include "load/kubespray/release_choice.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kubegate {

namespace {

const json& profile(const Knowledge& k, const std::string& release) { return *k.document(kubespray_release_document(release)); }

Value from_json(const json& j) {
  Value v;
  switch (j.type()) {
    case json::value_t::boolean: return Value::make_bool(j.get<bool>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return Value::make_int(j.get<std::int64_t>());
    case json::value_t::number_float:
      v.kind = Value::Kind::real;
      v.real = j.get<double>();
      v.text = j.dump();
      return v;
    case json::value_t::string: return Value::make_string(j.get<std::string>());
    case json::value_t::array:
      v.kind = Value::Kind::list;
      for (const json& item : j) v.items.push_back(from_json(item));
      return v;
    case json::value_t::object:
      v.kind = Value::Kind::map;
      for (auto& [k, item] : j.items()) v.entries.push_back({k, {}, from_json(item)});
      return v;
    default: return v;
  }
}

std::vector<std::string> strings(const json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const json& s : j) out.push_back(s.get<std::string>());
  return out;
}

/// Newer releases compute kube_version and kube_version_min_required from the checksum tables
/// (`versions`, newest first); the table is data we have.
void resolve_checksum_defaults(DefinitionTable& t, const std::vector<std::string>& versions) {
  if (versions.empty()) return;
  for (auto [name, pick] : {std::pair{"kube_version", versions.front()}, {"kube_version_min_required", versions.back()}}) {
    auto it = t.vars.find(name);
    if (it != t.vars.end() && it->second.value.is_string() && it->second.value.text.find("{{") != std::string::npos)
      it->second.value = Value::make_string(pick, it->second.value.loc);
  }
}

/// The release's default of `name` (its "defaults" are grouped by upstream file); nullptr when none.
const json* release_default(const json& p, const std::string& name) {
  for (const auto& [file, vars] : p.at("defaults").items())
    if (auto it = vars.find(name); it != vars.end()) return &*it;
  return nullptr;
}

/// Release defaults as the lowest-precedence table.
void add_defaults(const json& p, Cluster& c, DefinitionTable*& table) {
  auto t = std::make_unique<DefinitionTable>();
  t->layer = Layer::release_default;
  t->owner = "kubespray defaults";
  for (const auto& [file, vars] : p.at("defaults").items())
    for (const auto& [name, value] : vars.items()) {
      Definition d;
      d.name = name;
      d.value = from_json(value);
      d.layer = Layer::release_default;
      d.owner = file;
      t->vars.emplace(name, std::move(d));
    }
  resolve_checksum_defaults(*t, strings(p["kube_versions"]));
  table = t.get();
  c.tables.push_back(std::move(t));
}

void gather_feature_gates(Cluster& c) {
  static const std::pair<const char*, const char*> kSources[] = {
      {"kube_feature_gates", "all"},
      {"kube_apiserver_feature_gates", "kube-apiserver"},
      {"kube_controller_feature_gates", "kube-controller-manager"},
      {"kube_scheduler_feature_gates", "kube-scheduler"},
      {"kube_proxy_feature_gates", "kube-proxy"},
      {"kubelet_feature_gates", "kubelet"},
  };
  for (auto [var, component] : kSources) {
    Setting s = c.settings.get(var);
    if (s.value.kind != Value::Kind::list) continue;
    for (const Value& item : s.value.items) {
      if (item.is_unknown()) continue;
      // Kubespray joins the list with ',' into --feature-gates, so one item may hold several.
      auto gates = parse_feature_gate_list(item.display(), component, var, item.loc.known() ? item.loc : s.loc());
      c.feature_gates.insert(c.feature_gates.end(), gates.begin(), gates.end());
    }
  }
  // Each item becomes one `Name: value` line of kubeadm's featureGates (no comma split).
  Setting s = c.settings.get("kubeadm_feature_gates");
  if (s.value.kind != Value::Kind::list) return;
  for (const Value& item : s.value.items)
    if (!item.is_unknown())
      c.kubeadm_feature_gates.push_back(parse_feature_gate(item.display(), "kubeadm", "kubeadm_feature_gates",
                                                           item.loc.known() ? item.loc : s.loc()));
}

/// The control-plane components' `emulated-version` extra argument (kubeadm's extraArgs).
void gather_emulated_versions(Cluster& c) {
  static const std::pair<const char*, const char*> kArgs[] = {
      {"kube_kubeadm_apiserver_extra_args", "kube-apiserver"},
      {"kube_kubeadm_controller_extra_args", "kube-controller-manager"},
      {"kube_kubeadm_scheduler_extra_args", "kube-scheduler"},
  };
  for (auto [var, component] : kArgs) {
    Setting s = c.settings.get(var);
    const Value* v = s.value.kind == Value::Kind::map ? s.value.find("emulated-version") : nullptr;
    if (!v || v->is_unknown() || v->is_null() || v->kind == Value::Kind::list || v->kind == Value::Kind::map ||
        jinja::is_template(v->text))
      continue;
    // The template prints a YAML float as Python does: an unquoted 1.30 reaches the flag as "1.3".
    const std::string text = v->kind == Value::Kind::real ? fmt::format("{}", v->real) : v->display();
    EmulatedVersion e = parse_emulated_version(text, component, var, v->loc.known() ? v->loc : s.loc());
    if (text != v->text && v->kind == Value::Kind::real) e.written = v->text;
    c.emulated_versions.push_back(std::move(e));
  }
}

/// Variables the release sets itself before its checks (set_fact beats the inventory): one
/// table per distinct condition location, shared by every node it applies to.
void apply_set_facts(const json& p, Cluster& c) {
  if (!p.contains("set_facts")) return;
  for (const json& rule : p["set_facts"]) {
    const std::string when = rule["when_true"], sets = rule["sets"], value = rule["value"];
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, DefinitionTable*> shared;
    for (Node& n : c.nodes) {
      Setting cond = n.vars.get(when);
      std::optional<bool> on = cond.truth();
      if (!cond || on == false) continue;
      SourceLoc at = cond.loc();  // a templated condition makes the fact unknown, not absent
      DefinitionTable*& t = shared[{at.file, at.line, at.column + (on ? 0u : 1u << 31)}];
      if (!t) {
        auto table = std::make_unique<DefinitionTable>();
        table->layer = Layer::set_fact;
        table->owner = rule["source"];
        Definition d;
        d.name = sets;
        d.value = on ? Value::make_string(value, at) : Value::make_unknown(cond.value.text, at);
        d.loc = at;
        d.layer = Layer::set_fact;
        d.owner = fmt::format("{} (because {} is true)", rule["source"].get<std::string>(), when);
        table->vars.emplace(sets, std::move(d));
        t = table.get();
        c.tables.push_back(std::move(table));
      }
      n.vars = n.vars.with(t);
    }
  }
}


/// No host: the tables of a would-be control-plane node (all, k8s_cluster, then its child group).
std::vector<const DefinitionTable*> group_view(const AnsibleInventory& inv) {
  std::vector<const DefinitionTable*> tables;
  for (bool file : {false, true})
    for (const char* name : {"all", "k8s_cluster", "kube_control_plane"})
      if (auto g = inv.groups.find(name); g != inv.groups.end())
        if (const DefinitionTable* t = file ? g->second.file_vars : g->second.inline_vars) tables.push_back(t);
  return tables;
}

/// The inventory's own value of `name` (no release defaults) as its first control-plane host
/// sees it, with every release's legacy group mapping and a k8s_cluster built from its children.
Setting inventory_setting(const AnsibleInventory& inv, const std::map<std::string, std::string>& legacy,
                          const std::string& name) {
  GroupIndex index = index_groups(inv);
  for (auto& [from, to] : legacy) index.merge(from, to);
  for (const char* g : {"kube_control_plane", "kube_node", "calico_rr"}) index.merge(g, "k8s_cluster");
  std::uint32_t rep = 0;
  while (rep < inv.hosts.size() && !index.contains("kube_control_plane", rep)) ++rep;
  if (rep == inv.hosts.size()) rep = 0;  // no control plane: the first host
  if (inv.hosts.empty()) return Scope(group_view(inv), "").get(name);
  std::vector<std::string> groups;
  return Scope(ansible_host_tables(inv, index, rep, groups), inv.hosts[rep].name).get(name);
}

}  // namespace

namespace {

/// Why `inv` tells no Kubespray topology: a plugin configuration, no host, or none of the groups
/// Kubespray deploys to; empty when it tells one.
std::string topology_unknown_why(const AnsibleInventory& inv, const Knowledge& k) {
  if (!inv.plugin.empty())
    return fmt::format("an inventory plugin configuration (plugin: {}): its hosts exist only when Ansible runs "
                       "the plugin",
                       inv.plugin);
  if (!inv.placeholder.empty())
    return fmt::format("the hosts file is a template (placeholder \"{}\"): Terraform or a script renders it before "
                       "Ansible reads it, so its hosts are not these",
                       inv.placeholder);
  if (inv.hosts.empty())
    return "the hosts file lists no host (a template such as the stock sample with every host commented out: the "
           "hosts come from another inventory source)";
  std::vector<std::string> groups = {"kube_control_plane", "kube_node", "etcd", "k8s_cluster", "calico_rr"};
  for (auto& [from, to] : k.document("schemas/kubespray/legacy-groups.json")->at("legacy_groups").items())
    groups.push_back(from);
  for (const std::string& g : groups)
    if (auto it = inv.groups.find(g); it != inv.groups.end() && it->second.loc.known()) return {};
  return "the hosts file declares none of Kubespray's groups (kube_control_plane, kube_node, etcd, k8s_cluster): "
         "it is not a Kubespray cluster inventory";
}

/// The release choice and what the release's own data says of Kubernetes versions.
void set_release(Cluster& c, const ReleaseChoice& choice, const ReleaseCandidate& r, const json& p) {
  c.release.version = r.profile;
  c.release.data = kubespray_release_document(r.profile);
  c.release.reason = choice.reason;
  c.release.evidence = choice.evidence;
  c.release.certainty = choice.certainty;
  for (const ReleaseCandidate& each : choice.candidates) c.release.candidates.push_back(each.named);
  c.release.named = r.named;
  c.release.own_asserts = r.own_asserts;
  c.release.kube_version_unsupported_by_all = choice.kube_version_unsupported_by_all;
  c.release.known_releases = choice.known_releases;
  c.release.known_kube_version_min = choice.known_kube_version_min;
  c.release.known_kube_version_max = choice.known_kube_version_max;
  c.release.own_kube_versions = r.own_kube_versions;
  // The checkout's own checksum tables, when they are the named release's, beat the profile's.
  const bool own = r.own_kube_versions && !r.kube_versions.empty();
  c.release.kube_versions = own ? r.kube_versions : strings(p["kube_versions"]);
  if (!c.release.kube_versions.empty()) {
    c.release.kube_version_max = c.release.kube_versions.front();
    c.release.kube_version_min = c.release.kube_versions.back();
  }
  const json* kube_version_default = release_default(p, "kube_version");
  if (own)
    c.release.kube_version_v_prefix = r.kube_version_v_prefix;
  else if (kube_version_default && kube_version_default->is_string())
    c.release.kube_version_v_prefix = kube_version_default->get<std::string>().rfind('v', 0) == 0;
}

/// One node per host, with its scope (the release defaults under the inventory) and roles.
void add_nodes(Cluster& c, const AnsibleInventory& inv, const GroupIndex& index, const DefinitionTable* defaults) {
  const std::shared_ptr<Scope::Memo> memo = Scope::make_memo();
  c.nodes.reserve(c.nodes.size() + inv.hosts.size());
  for (std::uint32_t i = 0; i < inv.hosts.size(); ++i) {
    const AnsibleHost& h = inv.hosts[i];
    Node n;
    n.name = h.name;
    n.loc = h.loc;
    std::vector<const DefinitionTable*> tables = {defaults};
    for (const DefinitionTable* t : ansible_host_tables(inv, index, i, n.groups)) tables.push_back(t);
    n.vars = Scope(std::move(tables), h.name, memo);
    if (n.in_group("kube_control_plane")) n.roles |= role_control_plane;
    if (n.in_group("kube_node")) n.roles |= role_worker;
    if (n.in_group("etcd")) n.roles |= role_etcd;
    if (n.in_group("calico_rr")) n.roles |= role_route_reflector;
    os_from_ansible(n.vars, n);
    c.nodes.push_back(std::move(n));
  }
}

/// The declared groups, with the legacy names the release maps (`aliases`) or no longer maps.
void add_groups(Cluster& c, const AnsibleInventory& inv, const std::map<std::string, std::string>& legacy,
                const std::map<std::string, std::string>& aliases) {
  for (const auto& [name, g] : inv.groups) {
    if (!g.loc.known() && g.hosts.empty() && g.children.empty()) continue;  // only a group_vars file
    Group mg;
    mg.name = name;
    mg.loc = g.loc;
    mg.children = g.children;
    mg.hosts.assign(g.hosts.begin(), g.hosts.end());
    if (auto l = legacy.find(name); l != legacy.end()) {
      mg.legacy_of = l->second;
      mg.legacy_mapped = aliases.count(name) > 0;
    }
    c.groups.push_back(std::move(mg));
  }
}

/// The cluster-wide scope (the first control-plane node, as Kubespray's run_once tasks see it)
/// and the facts read from it.
void set_cluster_view(Cluster& c, const AnsibleInventory& inv, const DefinitionTable* defaults, const json& p) {
  const Node* rep = nullptr;
  for (const Node& n : c.nodes)
    if (n.has(role_control_plane)) {
      rep = &n;
      break;
    }
  if (!rep && !c.nodes.empty()) rep = &c.nodes.front();
  if (rep) {
    c.settings = rep->vars;
  } else {
    std::vector<const DefinitionTable*> tables = {defaults};
    for (const DefinitionTable* t : group_view(inv)) tables.push_back(t);
    c.settings = Scope(std::move(tables), "");
  }
  c.kubernetes_version = c.settings.get("kube_version");
  c.network_plugin = c.settings.get("kube_network_plugin");
  c.container_runtime = c.settings.get("container_manager");
  c.cloud_provider = c.settings.get("cloud_provider");
  c.kubespray = kubespray_facts(c.settings);
  // Releases before ipv4_stack/ipv6_stack (v2.28) are IPv4, plus IPv6 with enable_dual_stack_networks.
  const bool stacks = release_default(p, "ipv6_stack") != nullptr;
  Setting v4 = stacks ? c.settings.get("ipv4_stack") : Setting{}, v6 = stacks ? c.settings.get("ipv6_stack") : Setting{};
  c.ipv4 = {v4 ? v4.truth() : std::optional<bool>(true), c.settings.get("kube_pods_subnet"),
            c.settings.get("kube_service_addresses"), c.settings.get("kube_network_node_prefix")};
  c.ipv6 = {v6 ? v6.truth() : c.settings.get("enable_dual_stack_networks").truth().value_or(false),
            c.settings.get("kube_pods_subnet_ipv6"), c.settings.get("kube_service_addresses_ipv6"),
            c.settings.get("kube_network_node_prefix_ipv6")};
  gather_feature_gates(c);
  gather_emulated_versions(c);
}

/// The cluster `inv` makes on release `r`: its defaults, membership, nodes and facts.
void build_release_view(SourceManager& sources, const Knowledge& k, const AnsibleInventory& inv,
                        const std::map<std::string, std::string>& legacy, const ReleaseChoice& choice,
                        ReleaseCandidate r, Cluster& c, std::vector<LoadError>& errors) {
  const json& p = profile(k, r.profile);
  DefinitionTable* defaults = nullptr;
  add_defaults(p, c, defaults);
  if (!choice.checkout.empty()) {  // the checkout's own defaults, and its Kubernetes versions into `r`
    load_checkout_defaults(sources, choice.checkout, r, *defaults, errors);
    resolve_checksum_defaults(*defaults, r.kube_versions);
  }
  set_release(c, choice, r, p);

  // Membership: declared groups (with descendants), then the release's run-time mapping.
  const auto aliases = p["group_aliases"].get<std::map<std::string, std::string>>();
  GroupIndex index = index_groups(inv);
  for (auto& [from, to] : aliases) index.merge(from, to);
  if (p.value("k8s_cluster_is_dynamic", false))
    for (const char* g : {"kube_control_plane", "kube_node", "calico_rr"}) index.merge(g, "k8s_cluster");
  if (c.topology_known) {  // the hosts of an inventory that is no Kubespray cluster are not its nodes
    add_nodes(c, inv, index, defaults);
    apply_set_facts(p, c);
    add_groups(c, inv, legacy, aliases);
  }
  set_cluster_view(c, inv, defaults, p);
}

}  // namespace

void load_kubespray(SourceManager& sources, const Knowledge& k, const std::string& dir, const std::string& hosts_file,
                    const std::string& requested, Cluster& c, std::vector<LoadError>& errors) {
  c.platform = Platform::kubespray;
  c.name = hosts_file.empty() ? dir : hosts_file;
  AnsibleInventory inv;
  if (hosts_file.empty()) {
    c.topology_unknown_why = "no hosts file beside its group_vars/: the hosts come from another inventory source";
    inv.group("all", {});
  } else {
    load_hosts_file(sources, hosts_file, inv, errors);
    c.anchor = {inv.file, 1, 1};
    c.topology_unknown_why = topology_unknown_why(inv, k);
  }
  c.topology_known = c.topology_unknown_why.empty();
  // Groups the releases create at run time (every release's legacy mapping): their group_vars load.
  const auto legacy = k.document("schemas/kubespray/legacy-groups.json")->at("legacy_groups")
                          .get<std::map<std::string, std::string>>();
  std::vector<std::string> created = {"kube_control_plane", "kube_node", "etcd", "calico_rr", "k8s_cluster"};
  for (auto& [from, to] : legacy) created.push_back(to);
  inv.keep_last_duplicate = true;  // Ansible warns about a key defined twice and keeps the last
  load_vars_dirs(sources, dir, inv, created, errors);
  for (auto& t : inv.tables) hide_secrets(sources, secret_policy(k), *t);
  if (!c.anchor.known() && inv.groups["all"].file_vars && !inv.groups["all"].file_vars->vars.empty()) {
    SourceLoc first = inv.groups["all"].file_vars->vars.begin()->second.loc;
    c.anchor = {first.file, 1, 1};
  }

  ReleaseChoice choice = choose_kubespray_release(
      sources, k, requested, dir, requested.empty() ? inventory_setting(inv, legacy, "kube_version") : Setting{});
  std::vector<std::shared_ptr<DefinitionTable>> shared(std::make_move_iterator(inv.tables.begin()),
                                                       std::make_move_iterator(inv.tables.end()));
  // The newest tagged candidate is the cluster; every other one an alternative of it.
  const auto& all = choice.candidates;
  auto primary = std::find_if(all.rbegin(), all.rend(), [](const ReleaseCandidate& r) { return r.named != "master"; });
  std::vector<const ReleaseCandidate*> order = {primary == all.rend() ? &all.back() : &*primary};
  for (auto r = all.rbegin(); r != all.rend(); ++r)
    if (&*r != order.front()) order.push_back(&*r);
  for (const ReleaseCandidate* r : order) {
    Cluster& target = r == order.front() ? c : c.alternatives.emplace_back();
    if (&target != &c) {
      target.platform = c.platform;
      target.name = c.name;
      target.topology_known = c.topology_known;
      target.topology_unknown_why = c.topology_unknown_why;
      target.anchor = c.anchor;
    }
    build_release_view(sources, k, inv, legacy, choice, *r, target, errors);
    for (const DuplicateKey& d : inv.duplicate_keys) target.duplicate_variables.push_back({d.key, d.kept, d.dropped});
    target.tables.insert(target.tables.end(), shared.begin(), shared.end());
  }
}

}  // namespace kubegate
