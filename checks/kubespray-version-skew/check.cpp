// Hosts whose kube_version (set per group or host) puts a kubelet outside the version skew
// policy: newer than a control-plane host's kube-apiserver, or more minors behind the newest
// one than the policy allows (schemas/kubelet/version-skew.json). Doc: check.md
// Upstream: kubernetes.io/releases/version-skew-policy
#include "kubegate/check.hpp"
#include "kubegate/model/kubespray.hpp"
#include "lib/version_skew.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  std::vector<Kubelet> kubelets;
  for (const Node& n : ctx.cluster.nodes) {
    if (!n.has(role_control_plane) && !n.has(role_worker)) continue;
    Setting version = KubesprayHost(n.vars).kube_version();
    const auto text = version.text();
    const auto parsed = text ? parse_kube_version(*text) : std::nullopt;
    if (!parsed) return;  // a host whose version cannot be told: the skew cannot be either
    kubelets.emplace_back(n, version, *parsed);
  }
  report_version_skew(
      ctx, r, kubelets,
      {"give every host the control plane's kube_version (upgrade with upgrade-cluster.yml, control plane first, "
       "instead of per-host versions)",
       "upgrade these hosts' kube_version step by step to within the allowed skew before the control plane moves on"});
}

const CheckRegistration reg{{"kubespray-version-skew", Severity::warning,
                             "hosts whose kube_version breaks the Kubernetes version skew policy", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
