// MetalLB with kube-proxy in IPVS mode and strict ARP off: Kubespray's metallb role stops the
// deploy in its first task, after the cluster is up. The assert and its conditions are release
// data (`apps.late_asserts`). Doc: check.md
// Upstream: roles/kubernetes-apps/metallb/tasks/main.yml
#include "kubegate/check.hpp"
#include "lib/kubespray_app_asserts.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  report_late_asserts(ctx, r, ", which only runs in the kubernetes-apps stage after the cluster is up",
                      "MetalLB's layer-2 mode needs strict ARP with IPVS, else every node answers ARP for the "
                      "service addresses",
                      "set kube_proxy_strict_arp: true (group_vars/k8s_cluster/k8s-cluster.yml), or use "
                      "kube_proxy_mode: iptables");
}

const CheckRegistration reg{{"metallb-strict-arp", Severity::error,
                             "MetalLB with IPVS kube-proxy needs kube_proxy_strict_arp: true", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
