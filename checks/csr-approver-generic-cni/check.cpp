// kubelet-csr-approver installed with helm --wait while kube_network_plugin is the generic
// `cni` (Kubespray installs no pod network): the approver's pods stay Pending on NotReady nodes
// and the helm install times out. Which releases wait is release data
// (`apps.csr_approver_helm_waits_with_generic_cni`). Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/issues/10320, fixed by #11704 (v2.27.0)
#include "kubegate/check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// The release's facts this check reads (`apps`).
struct Data {
  /// kubelet-csr-approver's helm install waits for its pods even with kube_network_plugin cni.
  bool csr_approver_helm_waits_with_generic_cni = false;
};
void from_json(const nlohmann::json& j, Data& d) {
  d.csr_approver_helm_waits_with_generic_cni =
      j.value("apps", nlohmann::json::object()).value("csr_approver_helm_waits_with_generic_cni", false);
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d || !d->csr_approver_helm_waits_with_generic_cni) return;
  if (c.network_plugin.text() != "cni") return;
  const Setting& approver = c.kubespray.kubelet_csr_approver_enabled;
  if (approver.truth() != true) return;
  const Setting& rotate = c.kubespray.kubelet_rotate_server_certificates;
  const bool follows_rotation = approver.is_default();
  std::string why = follows_rotation ? "kubelet_rotate_server_certificates turns on kubelet-csr-approver"
                                     : "kubelet-csr-approver is enabled";
  r.report(follows_rotation ? rotate.loc() : approver.loc(),
           fmt::format("{} while kube_network_plugin is \"cni\": Kubespray installs no pod network then, so the "
                       "nodes stay NotReady, and Kubespray {} installs the approver right after the network plugin "
                       "with helm --wait; its pods stay Pending and the install fails with \"context deadline "
                       "exceeded\", stopping the deploy",
                       why, c.release.version))
      .related(c.network_plugin.loc(), "kube_network_plugin: cni set here")
      .related(approver.user_loc(), "kubelet_csr_approver_enabled set here")
      .fix("set kubelet_csr_approver_enabled: false for the first deploy and install an approver once your CNI "
           "runs, or use a Kubespray release that does not wait with kube_network_plugin cni (v2.27.0 and later, "
           "kubespray#11704)");
}

const CheckRegistration reg{{"csr-approver-generic-cni", Severity::error,
                             "kubelet-csr-approver's helm install waits for pods that cannot start without a CNI",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
