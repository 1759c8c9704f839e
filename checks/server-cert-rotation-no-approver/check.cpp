// Kubelet serving-certificate rotation with kubelet-csr-approver turned off: the kubelets'
// serving CSRs stay Pending, so logs, exec and metrics fail. Doc: check.md
// Upstream: https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/
#include "kubegate/check.hpp"

#include <fmt/format.h>

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Setting& rotate = c.kubespray.kubelet_rotate_server_certificates;
  const Setting& approver = c.kubespray.kubelet_csr_approver_enabled;
  if (rotate.truth() != true || approver.truth() != false) return;
  r.report(approver.loc(), "kubelet_rotate_server_certificates is true but kubelet-csr-approver is disabled: nothing "
                           "approves the kubelets' serving certificate requests, so kubectl logs, exec, port-forward "
                           "and metrics-server fail with TLS errors until someone approves them by hand")
      .related(rotate.loc(), "kubelet_rotate_server_certificates: true set here")
      .fix("enable kubelet_csr_approver_enabled (or deploy another approver), or approve the kubelet-serving "
           "CSRs after every node join and renewal (kubectl certificate approve)");
}

const CheckRegistration reg{{"server-cert-rotation-no-approver", Severity::warning,
                             "kubelet serving certificate rotation without a CSR approver", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
