// etcd_deployment_type kubeadm (or the deprecated etcd_kubeadm_enabled) with an etcd host
// outside kube_control_plane: kubeadm runs etcd only as a static pod on control-plane nodes,
// so that host never runs etcd. Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/issues/8283, https://github.com/kubernetes-sigs/kubespray/issues/7036
#include "kubegate/check.hpp"

#include <fmt/format.h>


namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  if (!c.topology_known) return;
  // On v2.24 the model turns etcd_kubeadm_enabled: true into this value (the release's set_fact).
  const Setting& why = c.kubespray.etcd_deployment_type;
  if (why.text() != "kubeadm") return;
  const bool by_legacy = why.definition->layer == Layer::set_fact;
  std::string mode = by_legacy ? "etcd_kubeadm_enabled is true" : "etcd_deployment_type is \"kubeadm\"";

  const std::size_t stacked = c.with_role(role_control_plane).size();
  for (const Node* n : c.with_role(role_etcd)) {
    if (n->has(role_control_plane)) continue;
    // A Kubernetes node in the etcd group keeps its other role and the cluster still deploys
    // (Kubespray CI's "ha" layout does this): a warning. A dedicated etcd host is wasted and
    // the external etcd the inventory describes does not exist: the check's error.
    const bool k8s_node = n->has(role_worker) || n->has(role_route_reflector) || n->in_group("k8s_cluster");
    r.report(n->loc, k8s_node ? Severity::warning : Severity::error, fmt::format("\"{}\" is in the etcd group but not in kube_control_plane while {}: kubeadm runs "
                                 "etcd only as a static pod on control-plane hosts, so \"{}\" runs no etcd, the etcd "
                                 "cluster has only the control plane's {} member{}, and etcd clients given the etcd "
                                 "group's addresses (etcd_access_addresses) try a host without etcd",
                                 n->name, mode, n->name, stacked, stacked == 1 ? "" : "s"))
        .related(why.loc(), fmt::format("{} set here", by_legacy ? "etcd_kubeadm_enabled" : "etcd_deployment_type"))
        .fix(fmt::format("make the etcd group the control plane (`[etcd:children]` with kube_control_plane), or "
                         "{}set etcd_deployment_type: host so that Kubespray installs etcd on every host of the "
                         "etcd group",
                         by_legacy ? "remove etcd_kubeadm_enabled and " : ""));
  }
}

const CheckRegistration reg{{"etcd-kubeadm-outside-control-plane", Severity::error,
                             "kubeadm-managed etcd with an etcd host outside kube_control_plane", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
