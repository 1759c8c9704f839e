// kube-up Windows nodes on a route-based cluster: Windows pod networking on GCE is built on IP
// aliases, and kube-up's Windows support requires KUBE_GCE_ENABLE_IP_ALIASES=true.
// Doc: check.md
// Upstream: kubernetes/kubernetes cluster/gce/windows/README-GCE-Windows-kube-up.md
#include "kubegate/check.hpp"
#include "kubegate/model/kubeup.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Setting& windows = c.kubeup.num_windows_nodes;
  const auto count = windows_node_count(windows);
  if (!count) return;
  const Setting& aliases = c.kubeup.kube_gce_enable_ip_aliases;
  auto value = aliases.text();
  if (!value || *value == "true") return;
  r.report(aliases.loc(), fmt::format("KUBE_GCE_ENABLE_IP_ALIASES={} with {} Windows node(s): kube-up sets up Windows "
                                      "pod networking only on IP aliases, so pods on the Windows nodes get no "
                                      "routable network",
                                      *value, *count))
      .related(windows.loc(), fmt::format("NUM_WINDOWS_NODES={} set here", *count))
      .fix("set KUBE_GCE_ENABLE_IP_ALIASES=true (kube-up's default), or drop the Windows nodes");
}

const CheckRegistration reg{{"kubeup-windows-ip-aliases", Severity::error,
                             "Windows nodes on a cluster without IP aliases (KUBE_GCE_ENABLE_IP_ALIASES)", kKubeup},
                            run};

}  // namespace
}  // namespace kubegate
