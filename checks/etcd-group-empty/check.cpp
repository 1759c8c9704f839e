// etcd_deployment_type host or docker (Kubespray installs etcd itself) with no host in the
// etcd group: no etcd gets installed and the API server has no datastore. Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/blob/master/roles/validate_inventory/tasks/main.yml
// ("Stop if etcd group is empty in external etcd mode")
#include "kubegate/check.hpp"
#include "lib/kubespray_validation.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const ValidationData* d = ctx.release_data<ValidationData>();
  if (!d) return;
  // An inventory without any host is control-plane-empty's finding.
  if (!c.topology_known || c.nodes.empty()) return;
  if (!c.with_role(role_etcd).empty()) return;
  const Setting& type = c.kubespray.etcd_deployment_type;
  std::optional<std::string> mode = type.text();
  if (mode != "host" && mode != "docker") return;

  const Group* etcd = c.group("etcd");
  const bool user_set = !type.is_default() && type.loc().known();
  SourceLoc at = user_set ? type.loc() : etcd ? etcd->loc : SourceLoc{};
  std::string setting = fmt::format("etcd_deployment_type is \"{}\"{}", *mode, user_set ? "" : " (the default)");
  std::string group = etcd ? "no host is in the etcd group" : "the inventory declares no etcd group";
  // master tests `groups.get('etcd') != []`, which an undeclared group passes.
  const bool asserted = etcd || !d->validation.undeclared_group_passes_empty_check;
  r.report(at, fmt::format("{} but {}: Kubespray installs etcd only on the etcd group's hosts, so no etcd is "
                           "deployed and the API server has no datastore{}",
                           setting, group,
                           asserted ? " (Kubespray stops with \"Group 'etcd' cannot be empty in external etcd mode\")"
                                    : ""))
      .related(etcd && at != etcd->loc ? etcd->loc : SourceLoc{}, "etcd group declared here")
      .fix("put an odd number of hosts in the etcd group (for stacked etcd: `[etcd:children]` with "
           "kube_control_plane), or set etcd_deployment_type: kubeadm to let kubeadm run etcd on the control plane");
}

const CheckRegistration reg{{"etcd-group-empty", Severity::error,
                             "etcd_deployment_type host or docker but no host in the etcd group", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
