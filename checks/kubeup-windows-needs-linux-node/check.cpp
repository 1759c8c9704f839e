// kube-up Windows nodes with no Linux node: the control plane runs on Linux only and the
// cluster add-ons (CoreDNS, metrics, ...) schedule on Linux nodes only.
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
  const Setting& linux_nodes = c.kubeup.num_nodes;
  const auto linux_count = linux_nodes.integer();
  if (!linux_count || *linux_count >= 1) return;
  r.report(linux_nodes.loc(), fmt::format("NUM_NODES={} with {} Windows node(s): the cluster add-ons (CoreDNS, "
                                          "kube-proxy's and the logging daemon sets, metrics-server) run only on "
                                          "Linux nodes, so they stay Pending and the cluster never validates",
                                          *linux_count, *count))
      .related(windows.loc(), fmt::format("NUM_WINDOWS_NODES={} set here", *count))
      .fix("set NUM_NODES to at least 1 (2 are recommended for the add-ons)");
}

const CheckRegistration reg{{"kubeup-windows-needs-linux-node", Severity::error,
                             "Windows nodes without any Linux node (NUM_NODES < 1)", kKubeup},
                            run};

}  // namespace
}  // namespace kubegate
