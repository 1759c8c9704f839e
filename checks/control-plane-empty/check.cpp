// No host in kube_control_plane (after legacy-name mapping): there is nowhere to run kubeadm
// init and the API server, and Kubespray stops in its inventory checks. Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/blob/master/roles/validate_inventory/tasks/main.yml
// ("Stop if kube_control_plane group is empty")
#include "kubegate/check.hpp"
#include "lib/kubespray_validation.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const ValidationData* d = ctx.release_data<ValidationData>();
  if (!d) return;
  if (!c.topology_known) return;
  if (!c.with_role(role_control_plane).empty()) return;

  // The group standing for kube_control_plane (itself, else kube-master), and kube-master even
  // when kube_control_plane is declared too.
  const Group* at = c.group("kube_control_plane");
  const Group* legacy = c.group("kube-master");

  std::string what;
  if (legacy && !legacy->legacy_mapped && (!legacy->hosts.empty() || !legacy->children.empty()))
    what = fmt::format("the group \"{}\" has hosts but Kubespray {} no longer maps it onto kube_control_plane, so ",
                       legacy->name, c.release.version);
  else if (c.nodes.empty())
    what = "the inventory declares no host at all, so ";
  else if (at)
    what = fmt::format("the group \"{}\" has no host, so ", at->name);
  else
    what = "the inventory declares no kube_control_plane group, so ";
  // master tests `groups.get('kube_control_plane') != []`, which an undeclared group passes.
  const bool asserted = at || !d->validation.undeclared_group_passes_empty_check;
  auto f = r.report(at ? at->loc : SourceLoc{},
                    fmt::format("{}the cluster has no control-plane host: there is nowhere to run kubeadm init and "
                                "the API server, and Kubespray {}",
                                what, asserted ? "stops in its inventory checks" : "fails in the first play that needs one"));
  if (legacy && legacy != at) f.related(legacy->loc, fmt::format("legacy group \"{}\" declared here", legacy->name));
  f.fix(legacy && !legacy->legacy_mapped
            ? fmt::format("rename the group \"{}\" to kube_control_plane", legacy->name)
            : "list at least one host (three for a highly available control plane) under kube_control_plane");
}

const CheckRegistration reg{{"control-plane-empty", Severity::error,
                             "no host is in kube_control_plane, so there is no API server to deploy",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
