// RKE2 nodes whose rke2-ansible release (install_rke2_version, set per group or host) puts their
// kubelet outside the version skew policy: an agent on a newer minor than a server, or too many
// minors behind the newest one (schemas/kubelet/version-skew.json). Doc: check.md
// Upstream: https://docs.rke2.io/upgrades/manual, kubernetes.io/releases/version-skew-policy
#include "kubegate/check.hpp"
#include "lib/version_skew.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  // A node that states no release installs whatever the channel serves: the skew cannot be told.
  if (c.node_releases.size() != c.nodes.size()) return;
  std::vector<Kubelet> kubelets;
  for (const NodeRelease& n : c.node_releases) {
    if (!n.kubernetes) return;  // templated
    kubelets.emplace_back(c.nodes[n.node], n.stated, *n.kubernetes);
  }
  report_version_skew(ctx, r, kubelets,
                      {"give every node the oldest server's release, then upgrade the servers first, one at a "
                       "time, and the agents after them",
                       "upgrade these nodes one minor at a time to within the allowed skew before the servers "
                       "move on"});
}

const CheckRegistration reg{{"rke2-version-skew", Severity::warning,
                             "RKE2 nodes whose release breaks the Kubernetes version skew policy", kRke2},
                            run};

}  // namespace
}  // namespace kubegate
