// An even number of etcd members: quorum is n/2+1, so 2 members survive no failure and 4
// survive one, no more than 1 and 3. Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/blob/master/roles/validate_inventory/tasks/main.yml
// ("Stop if even number of etcd hosts"), https://etcd.io/docs/v3.5/faq/
#include "kubegate/check.hpp"

#include <fmt/format.h>

#include "lib/etcd_quorum.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  if (!c.topology_known) return;
  // The model applies the release's own set_fact (etcd_kubeadm_enabled -> kubeadm on v2.24).
  std::optional<std::string> mode = c.kubespray.etcd_deployment_type.text();
  if (!mode) return;
  const bool kubeadm = *mode == "kubeadm";
  const Group* etcd = c.group("etcd");

  // kubeadm runs a stacked etcd member on every control-plane node whatever the etcd group
  // says; host and docker modes run one member on each host of the etcd group.
  std::vector<const Node*> members = c.with_role(kubeadm ? role_control_plane : role_etcd);
  if (members.empty() || members.size() % 2 != 0) return;

  const std::size_t n = members.size();
  SourceLoc at = etcd ? etcd->loc : SourceLoc{};
  if (kubeadm && (!etcd || c.with_role(role_etcd).empty()))
    if (const Group* cp = c.group("kube_control_plane")) at = cp->loc;
  std::string where = kubeadm ? fmt::format("kubeadm-managed etcd runs a stacked member on each of the {} "
                                            "control-plane hosts",
                                            n)
                              : fmt::format("the etcd group has {} hosts", n);
  // Kubespray's own assert counts the etcd group and stops the deploy, unless told to ignore it.
  const std::size_t in_group = etcd ? c.with_role(role_etcd).size() : 0;
  const bool stops = in_group > 0 && in_group % 2 == 0 && c.kubespray.ignore_assert_errors.truth() != true;
  const std::string verdict =
      stops ? fmt::format("; Kubespray stops with \"Stop if even number of etcd hosts\" ({} in the etcd group)", in_group)
            : std::string();
  auto f = r.report(at, stops ? Severity::error : Severity::warning,
                    fmt::format("{}: {}, and one failure more leaves the API server without etcd{}", where,
                                etcd_quorum_text(n), verdict));
  for (const Node* m : members) f.related(m->loc, fmt::format("etcd member \"{}\"", m->name));
  f.fix(kubeadm ? fmt::format("use an odd number of control-plane hosts ({} or {})", n - 1, n + 1)
                : fmt::format("put an odd number of hosts in the etcd group ({} or {}): remove one or add one",
                              n - 1, n + 1));
}

const CheckRegistration reg{{"etcd-even-members", Severity::error,
                             "an even number of etcd members tolerates no more failures than one fewer",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
