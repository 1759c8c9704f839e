// No host in kube_node while the targeted Kubespray release requires one (v2.24.0 to v2.25.0
// assert that kube_node is not empty; later releases allow control-plane-only clusters). The
// required groups are release data (`required_groups`). Doc: check.md
// Upstream: roles/kubernetes/preinstall/tasks/0040-verify-settings.yml at v2.24.0
// ("Stop if either kube_control_plane or kube_node group is empty")
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// Groups the release requires to have a host.
  std::vector<std::string> required_groups{"kube_control_plane"};
  std::string validation_file;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, required_groups, validation_file)

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  const auto& required = d->required_groups;
  if (std::find(required.begin(), required.end(), "kube_node") == required.end()) return;
  // An inventory without any host is control-plane-empty's finding.
  if (!c.topology_known || c.nodes.empty() || !c.with_role(role_worker).empty()) return;
  const Group* g = c.group("kube_node");
  const std::string what = g ? fmt::format("the group \"{}\" has no host", g->name)
                             : std::string("the inventory declares no kube_node group");
  r.report(g ? g->loc : SourceLoc{},
           fmt::format("{}: Kubespray {} requires at least one host in kube_node and stops with an assertion "
                       "failure in {} (later releases accept a cluster of control-plane hosts only)",
                       what, c.release.version, d->validation_file))
      .fix("list the worker hosts (or the control-plane hosts, to schedule pods on them) under kube_node, or "
           "deploy with Kubespray v2.25.1 or later");
}

const CheckRegistration reg{{"kube-node-empty", Severity::error,
                             "no host is in kube_node, which the Kubespray release requires", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
