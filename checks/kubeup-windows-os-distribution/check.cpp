// WINDOWS_NODE_OS_DISTRIBUTION must name an image cluster/gce/util.sh knows; it stops kube-up
// with "Unknown WINDOWS_NODE_OS_DISTRIBUTION" otherwise, even when no Windows node is asked for.
// Doc: check.md
// Upstream: kubernetes/kubernetes cluster/gce/util.sh set-windows-node-image (schemas/kubeup/values.json)
#include "kubegate/check.hpp"
#include "kubegate/model/kubeup.hpp"
#include "lib/kubeup_values.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const AllowedValues* allowed = kubeup_allowed_values(ctx, "WINDOWS_NODE_OS_DISTRIBUTION");
  if (!allowed) return;
  const Setting& distro = c.kubeup.windows_node_os_distribution;
  auto value = distro.text();
  if (!kubeup_set_in_file(distro) || !value || kubeup_allows(*allowed, *value)) return;
  std::string known;
  for (const auto* list : {&allowed->values, &allowed->values_any_case})
    for (const std::string& v : *list) known += (known.empty() ? "" : ", ") + v;
  const bool no_windows = c.kubeup.num_windows_nodes.integer().value_or(1) <= 0;
  r.report(distro.loc(), fmt::format("WINDOWS_NODE_OS_DISTRIBUTION=\"{}\" is not a Windows image kube-up knows ({}): "
                                     "cluster/gce/util.sh stops with \"Unknown WINDOWS_NODE_OS_DISTRIBUTION {}\"{}",
                                     *value, known, *value, no_windows ? ", even without Windows nodes" : ""))
      .fix(fmt::format("use one of {} (win2019 is the default)", known));
}

const CheckRegistration reg{{"kubeup-windows-os-distribution", Severity::error,
                             "WINDOWS_NODE_OS_DISTRIBUTION is not a Windows image kube-up knows", kKubeup},
                            run};

}  // namespace
}  // namespace kubegate
