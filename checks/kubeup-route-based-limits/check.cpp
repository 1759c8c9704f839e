// kube-up without IP aliases (a route-based cluster) refuses MAX_PODS_PER_NODE and more than 100
// nodes: cluster/gce/config-default.sh exits before anything is created.
// Doc: check.md
// Upstream: kubernetes/kubernetes cluster/gce/config-default.sh (ENABLE_IP_ALIASES block)
#include "kubegate/check.hpp"
#include "kubegate/model/kubeup.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Setting& aliases = c.kubeup.kube_gce_enable_ip_aliases;
  auto value = aliases.text();
  if (!value || *value == "true") return;
  const std::string off = fmt::format("KUBE_GCE_ENABLE_IP_ALIASES={} set here", *value);

  const Setting& max_pods = c.kubeup.max_pods_per_node;
  if (kubeup_set_in_file(max_pods) && max_pods.text() && !max_pods.text()->empty())
    r.report(max_pods.loc(), fmt::format("MAX_PODS_PER_NODE={} on a cluster without IP aliases: "
                                         "cluster/gce/config-default.sh stops kube-up with \"Cannot set "
                                         "MAX_PODS_PER_NODE for route-based projects\"",
                                         *max_pods.text()))
        .related(aliases.loc(), off)
        .fix("remove MAX_PODS_PER_NODE, or set KUBE_GCE_ENABLE_IP_ALIASES=true");

  const Setting& linux_nodes = c.kubeup.num_nodes, &windows = c.kubeup.num_windows_nodes;
  auto n = linux_nodes.integer(), w = windows.integer();
  if (n && w && *n + *w > 100)
    r.report(linux_nodes.loc().known() ? linux_nodes.loc() : aliases.loc(),
             fmt::format("{} nodes (NUM_NODES + NUM_WINDOWS_NODES) on a cluster without IP aliases: "
                         "cluster/gce/config-default.sh stops kube-up with \"Cannot create cluster with more than 100 "
                         "nodes for route-based projects\"",
                         *n + *w))
        .related(aliases.loc(), off)
        .fix("set KUBE_GCE_ENABLE_IP_ALIASES=true, or use at most 100 nodes");
}

const CheckRegistration reg{
    {"kubeup-route-based-limits", Severity::error,
     "MAX_PODS_PER_NODE or more than 100 nodes on a kube-up cluster without IP aliases", kKubeup},
    run};

}  // namespace
}  // namespace kubegate
