// The pod network and the service network overlap, in either direction. Kubespray only rejects a
// pod network inside the service network; one that contains the service network passes its
// assert and breaks Service traffic at run time. Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/pull/3504
#include "kubegate/check.hpp"
#include "kubegate/model/kubespray.hpp"
#include "lib/kubespray_validation.hpp"

#include <fmt/format.h>

#include "kubegate/net.hpp"

namespace kubegate {
namespace {

/// Whether pod addresses come from the plugin's own IPAM over the whole pod network (true) or from
/// the per-node blocks kube-controller-manager allocates, which skip the service range (false).
std::optional<bool> plugin_allocates_pod_ips(const KubesprayHost& vars) {
  const Setting allocate = vars.kube_controller_manager_allocate_node_cidrs();
  if (allocate && allocate.truth() == false) return true;
  std::optional<std::string> plugin = vars.kube_network_plugin().text();
  if (!plugin) return std::nullopt;
  if (*plugin == "calico") {
    const Setting host_local = vars.calico_ipam_host_local();  // role default false: Calico IPAM
    if (!host_local) return true;
    std::optional<bool> t = host_local.truth();
    return t ? std::optional<bool>(!*t) : std::nullopt;
  }
  if (*plugin == "cilium") {
    const Setting mode = vars.cilium_ipam_mode();  // role default cluster-pool
    if (!mode) return true;
    std::optional<std::string> m = mode.text();
    return m ? std::optional<bool>(*m == "cluster-pool") : std::nullopt;
  }
  return *plugin == "kube-ovn";  // kube-ovn is not given the cluster CIDR and runs its own IPAM
}

/// "kube_pods_subnet \"10.233.0.0/16\"", marked when it is the release default.
std::string describe(const Setting& s) {
  return fmt::format("{} \"{}\"{}", s.name, *s.text(), s.is_default() ? " (the default)" : "");
}

/// Checks the pod and service networks of one family (`v6`: the IPv6 one).
void check_family(const Cluster& c, Reporter& r, const IpFamily& family, bool v6, bool asserted) {
  const Setting& pods = family.pods;
  const Setting& services = family.services;
  const std::optional<Cidr>& p = family.pods.typed;  // nullopt: network-cidr-invalid's case
  const std::optional<Cidr>& s = family.services.typed;
  if (!p || !s || p->v6 != s->v6 || !p->overlaps(*s)) return;
  if (pods.is_default() && services.is_default()) return;

  const Setting& at = pods.is_default() ? services : pods;
  const Setting& other = pods.is_default() ? pods : services;
  const std::string both = fmt::format("{} and {}", describe(pods), describe(services));
  std::string message;
  Severity severity = Severity::error;
  if (s->contains(*p)) {
    const std::string relation = p->prefix == s->prefix
                                     ? "are the same network"
                                     : "overlap (the pod network lies inside the service network)";
    const std::string outcome =
        asserted ? fmt::format("Kubespray {} stops with \"{} cannot be the same network segment as {}\"",
                               c.release.version, pods.name, services.name)
                 : fmt::format("Kubespray {} does not check it, and either pods get addresses that are also "
                               "Service ClusterIPs or, where kube-controller-manager allocates the node blocks, no "
                               "node gets a pod CIDR",
                               c.release.version);
    message = fmt::format("{} {}: {}", both, relation, outcome);
  } else if (std::optional<bool> own = plugin_allocates_pod_ips(KubesprayHost(c.settings)); own == true) {
    message = fmt::format("{} overlap: the pod network contains the whole service network; Kubespray {} does not "
                          "catch this direction and the deploy succeeds, but the \"{}\" plugin hands out pod "
                          "addresses from the whole pod network, so pods get addresses that are also Service "
                          "ClusterIPs and kube-proxy's Service rules capture the traffic meant for them",
                          both, c.release.version, c.network_plugin.value.display());
  } else if (own == false) {
    severity = Severity::warning;
    message = fmt::format("{} overlap: the pod network contains the whole service network; Kubespray {} does not "
                          "catch this direction, and it works only because kube-controller-manager keeps the service "
                          "range out of the per-node pod blocks: the pod network is smaller than it looks and a "
                          "plugin with its own IPAM (calico, cilium) would hand out ClusterIPs to pods",
                          both, c.release.version);
  } else {
    return;
  }
  r.report(at.loc(), severity, message)
      .related(other.user_loc(),
               fmt::format("{}: \"{}\" set here", other.name, *other.text()))
      .fix(fmt::format("give {} and {} disjoint {} ranges, e.g. the defaults {} and {}", pods.name, services.name,
                       v6 ? "IPv6" : "IPv4",
                       v6 ? "fd85:ee78:d8a6:8607::1:0/112" : "10.233.64.0/18",
                       v6 ? "fd85:ee78:d8a6:8607::1000/116" : "10.233.0.0/18"));
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const ValidationData* d = ctx.release_data<ValidationData>();
  if (!d) return;
  if (c.ipv4.enabled == true) check_family(c, r, c.ipv4, false, true);
  if (c.ipv6.enabled == true) check_family(c, r, c.ipv6, true, d->validation.ipv6_networks);
}

const CheckRegistration reg{{"network-overlap", Severity::error,
                             "the pod network and the service network overlap", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
