#include "load/kubeup/loader.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/knowledge.hpp"
#include "kubegate/model/kubeup.hpp"
#include "load/ansible/inventory.hpp"
#include "load/common/emulated_version.hpp"
#include "load/common/gate_items.hpp"
#include "load/common/secrets.hpp"
#include "load/kubeup/env.hpp"

using nlohmann::json;

namespace kubegate {

namespace {

const json& defaults_data(const Knowledge& k) { return *k.document("schemas/kubeup/defaults.json"); }

/// The names of kube-up's defaults.
std::set<std::string, std::less<>> known_variables(const Knowledge& k) {
  std::set<std::string, std::less<>> out;
  for (const auto& [name, entry] : defaults_data(k)["defaults"].items()) out.insert(name);
  return out;
}

/// kube-up's defaults as the lowest-precedence table; fills the release facts from the data.
DefinitionTable* add_defaults(Cluster& c, const Knowledge& k) {
  const json& d = defaults_data(k);
  auto t = std::make_unique<DefinitionTable>();
  t->layer = Layer::release_default;
  t->owner = "kube-up defaults";
  for (const auto& [name, entry] : d["defaults"].items()) {
    Definition def;
    def.name = name;
    def.layer = Layer::release_default;
    def.owner = entry.value("file", std::string());
    def.value = entry["value"].is_string() ? Value::make_string(entry["value"].get<std::string>())
                                           : Value::make_unknown(entry.value("computed", std::string("computed")));
    t->vars.emplace(name, std::move(def));
  }
  const json& files = d["source"]["files"];
  std::string commit = files.value("cluster/gce/config-default.sh", std::string());
  c.release.version = "kube-up";
  c.release.data = "schemas/kubeup/defaults.json";
  c.release.reason = fmt::format(
      "defaults of kubernetes/kubernetes cluster/gce/config-default.sh at {} (schemas/kubeup/)", commit.substr(0, 12));
  DefinitionTable* out = t.get();
  c.tables.push_back(std::move(t));
  return out;
}

/// Where the text of a value starts: one column after an opening quote.
SourceLoc content_start(const SourceManager& sources, SourceLoc at) {
  std::string_view line = sources.line(at.file, at.line);
  if (at.known() && at.column >= 1 && at.column - 1 < line.size() &&
      (line[at.column - 1] == '"' || line[at.column - 1] == '\''))
    ++at.column;
  return at;
}

}  // namespace

bool assigns_kubeup_variables(const Knowledge& k, std::string_view text, std::size_t min_known) {
  const auto& known = k.cached(&known_variables);
  std::size_t n = 0;
  for (const std::string& name : env_assigned_names(text)) n += known.count(name);
  return n >= min_known;
}

bool load_kubeup(SourceManager& sources, const Knowledge& k, const std::string& env_file, Cluster& c, std::vector<LoadError>& errors) {
  std::string text;
  if (!read_file(env_file, text)) {
    errors.push_back({env_file, 0, 0, read_failure(env_file)});
    return false;
  }
  // Parsed before it is registered, so that a binary file never reaches the source manager;
  // positions name the id reserved for it.
  EnvFile env;
  LoadError error;
  const std::uint32_t file = sources.reserve();
  if (!parse_env(text, file, env, error)) {
    error.file = env_file;
    errors.push_back(error);
    return false;
  }
  sources.fill(file, env_file, std::move(text));
  c.platform = Platform::kubeup;
  c.name = env_file;
  c.anchor = {file, 1, 1};
  c.topology_known = true;
  c.unevaluated = env.unevaluated;

  DefinitionTable* defaults = add_defaults(c, k);
  auto own = std::make_unique<DefinitionTable>();
  own->layer = Layer::config_file;
  own->owner = env_file;
  for (const EnvAssignment& a : env.assignments) {
    if (a.unset) {
      own->vars.erase(a.name);
      continue;
    }
    Definition d;
    d.name = a.name;
    d.value = a.value;
    d.loc = a.key_loc;
    d.layer = Layer::config_file;
    d.owner = env_file;
    hide_secrets(sources, secret_policy(k), a.name, d.value);
    own->vars.insert_or_assign(a.name, std::move(d));  // a later assignment wins
  }
  const DefinitionTable* file_table = own.get();
  c.tables.push_back(std::move(own));
  c.settings = Scope({defaults, file_table}, "");
  c.kubeup = kubeup_facts(c.settings);

  // Typed facts.
  Setting version = kubeup_setting(c.settings, "KUBE_VERSION");
  if (kubeup_set_in_file(version) && !(version.value.is_string() && version.value.text.empty()))
    c.kubernetes_version = version;
  c.network_plugin = kubeup_setting(c.settings, "NETWORK_PROVIDER");
  c.container_runtime = kubeup_setting(c.settings, "KUBE_CONTAINER_RUNTIME_NAME");
  c.cloud_provider = kubeup_setting(c.settings, "KUBERNETES_PROVIDER");
  c.ipv4 = {true, kubeup_setting(c.settings, "CLUSTER_IP_RANGE"), kubeup_setting(c.settings, "SERVICE_CLUSTER_IP_RANGE"), Setting{}};
  c.ipv6 = {false, Setting{}, Setting{}, Setting{}};
  for (const char* var : {"KUBE_FEATURE_GATES", "FEATURE_GATES"}) {
    Setting s = c.settings.get(var);
    if (!kubeup_set_in_file(s) || !s.value.is_string()) continue;
    auto gates = parse_feature_gate_list(s.value.text, "all", var, content_start(sources, s.value.loc));
    c.feature_gates.insert(c.feature_gates.end(), gates.begin(), gates.end());
  }
  for (auto [var, component] : {std::pair{"APISERVER_TEST_ARGS", "kube-apiserver"},
                                std::pair{"CONTROLLER_MANAGER_TEST_ARGS", "kube-controller-manager"},
                                std::pair{"SCHEDULER_TEST_ARGS", "kube-scheduler"}}) {
    Setting s = c.settings.get(var);
    if (!kubeup_set_in_file(s) || !s.value.is_string()) continue;
    auto found = emulated_versions_in_flags(s.value.text, component, var, content_start(sources, s.value.loc));
    c.emulated_versions.insert(c.emulated_versions.end(), found.begin(), found.end());
  }

  // Nodes: the control plane, the Linux node group, the Windows node group.
  Setting prefix = kubeup_setting(c.settings, "KUBE_GCE_INSTANCE_PREFIX");
  const std::string stem = prefix.text() && !prefix.text()->empty() ? *prefix.text() + "-" : std::string();
  Setting platform = kubeup_setting(c.settings, "KUBERNETES_NODE_PLATFORM");
  Setting arch = kubeup_setting(c.settings, "KUBERNETES_NODE_ARCH");
  auto staged_arch = [&](std::string_view os) {
    return platform.text() == os && arch.text() ? *arch.text() : std::string();
  };

  Node master;
  master.name = stem + "master";
  master.loc = c.anchor;
  master.roles = role_control_plane | role_etcd;
  master.os_reason = "kube-up runs the control plane on Linux";
  master.vars = c.settings;
  c.nodes.push_back(std::move(master));

  Setting linux_count = kubeup_setting(c.settings, "NUM_NODES");
  Node linux_nodes;
  linux_nodes.name = stem + "minion-group";
  linux_nodes.loc = linux_count.loc().known() ? linux_count.loc() : c.anchor;
  linux_nodes.roles = role_worker;
  linux_nodes.os_reason = "kube-up's node group for NUM_NODES";
  linux_nodes.arch = staged_arch("linux");
  linux_nodes.count = static_cast<std::uint32_t>(std::max<std::int64_t>(0, linux_count.integer().value_or(0)));
  linux_nodes.vars = c.settings;
  c.nodes.push_back(std::move(linux_nodes));

  Setting windows_count = kubeup_setting(c.settings, "NUM_WINDOWS_NODES");
  if (windows_count.integer().value_or(0) > 0) {
    Node windows;
    windows.name = stem + "windows-node-group";
    windows.loc = windows_count.loc().known() ? windows_count.loc() : c.anchor;
    windows.roles = role_worker;
    windows.os = Os::windows;
    windows.os_reason = fmt::format("NUM_WINDOWS_NODES={}", *windows_count.integer());
    windows.arch = staged_arch("windows");
    windows.count = static_cast<std::uint32_t>(*windows_count.integer());
    windows.vars = c.settings;
    c.nodes.push_back(std::move(windows));
  }
  return true;
}

}  // namespace kubegate
