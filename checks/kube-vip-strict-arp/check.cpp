// kube-vip in ARP mode with kube-proxy in IPVS mode and strict ARP off: Kubespray's node role
// stops on the first control-plane host before kubeadm runs. The task and its conditions are
// release data (`apps.late_asserts`), evaluated like the other Kubespray asserts. Doc: check.md
// Upstream: roles/kubernetes/node/tasks/loadbalancer/kube-vip.yml
#include "kubegate/check.hpp"
#include "lib/kubespray_app_asserts.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  report_late_asserts(ctx, r, " on the control-plane hosts, before the cluster is created",
                      "with IPVS and no strict ARP every node answers ARP for the addresses kube-vip announces, so "
                      "kube-vip's ARP mode cannot hold its virtual IP",
                      "set kube_proxy_strict_arp: true (group_vars/k8s_cluster/k8s-cluster.yml), or use "
                      "kube_proxy_mode: iptables, or kube-vip's BGP mode (kube_vip_arp_enabled: false, "
                      "kube_vip_bgp_enabled: true)");
}

const CheckRegistration reg{{"kube-vip-strict-arp", Severity::error,
                             "kube-vip in ARP mode with IPVS kube-proxy needs kube_proxy_strict_arp: true", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
