#include "kubegate/model/kubeup.hpp"

namespace kubegate {

namespace {

/// The setting config-default.sh takes MASTER_OS_DISTRIBUTION (`master`) or NODE_OS_DISTRIBUTION
/// from: KUBE_MASTER_OS_DISTRIBUTION / KUBE_NODE_OS_DISTRIBUTION when set and not empty, else
/// KUBE_OS_DISTRIBUTION (default gci).
Setting os_distribution(const Scope& vars, bool master) {
  Setting own = vars.get(master ? "KUBE_MASTER_OS_DISTRIBUTION" : "KUBE_NODE_OS_DISTRIBUTION");
  if (own && (own.value.is_unknown() || !own.value.text.empty())) return own;
  return kubeup_setting(vars, "KUBE_OS_DISTRIBUTION");
}

}  // namespace

Setting kubeup_setting(const Scope& vars, std::string_view name) {
  Setting s = vars.get(name);
  if (!s || s.is_default() || s.value.kind != Value::Kind::string || !s.value.text.empty()) return s;
  const Definition* fallback = s.overridden.empty() ? nullptr : s.overridden.back();
  if (!fallback || fallback->layer != Layer::release_default) return s;
  Setting d;
  d.name = s.name;
  d.definition = fallback;
  d.value = fallback->value;
  return d;
}

KubeupFacts kubeup_facts(const Scope& vars) {
  KubeupFacts f;
  f.num_nodes = kubeup_setting(vars, "NUM_NODES");
  f.num_windows_nodes = kubeup_setting(vars, "NUM_WINDOWS_NODES");
  f.kube_gce_enable_ip_aliases = kubeup_setting(vars, "KUBE_GCE_ENABLE_IP_ALIASES");
  f.master_os_distribution = os_distribution(vars, true);
  f.node_os_distribution = os_distribution(vars, false);
  f.windows_node_os_distribution = kubeup_setting(vars, "WINDOWS_NODE_OS_DISTRIBUTION");
  f.kubernetes_node_platform = kubeup_setting(vars, "KUBERNETES_NODE_PLATFORM");
  f.node_binary_tar_url = vars.get("NODE_BINARY_TAR_URL");
  f.max_pods_per_node = vars.get("MAX_PODS_PER_NODE");
  return f;
}

}  // namespace kubegate
