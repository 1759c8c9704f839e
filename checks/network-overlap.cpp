// The pod network and the service network overlap, in either direction. Kubespray only rejects a
// pod network inside the service network; one that contains the service network passes its
// assert and breaks Service traffic at run time. Doc: network-overlap.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/pull/3504
#include "kubegate/check.hpp"

#include <fmt/format.h>

#include "kubegate/net.hpp"

namespace kubegate {
namespace {

/// The pod and service network variables of one address family.
struct NetPair {
  std::string_view pods;
  std::string_view services;
  bool v6;
};

/// Whether the IPv4 stack is on: releases before ipv4_stack existed always use IPv4.
std::optional<bool> ipv4_on(const Scope& s) {
  Setting v4 = s.get("ipv4_stack");
  return v4 ? v4.truth() : std::optional<bool>(true);
}

/// Whether the IPv6 stack is on: ipv6_stack where the release has it, else enable_dual_stack_networks.
std::optional<bool> ipv6_on(const Scope& s) {
  Setting v6 = s.get("ipv6_stack");
  if (v6) return v6.truth();
  Setting dual = s.get("enable_dual_stack_networks");
  return dual ? dual.truth() : std::optional<bool>(false);
}

/// True when the targeted release itself defines `s` (some definition comes from its defaults).
bool release_defines(const Setting& s) {
  if (s.is_default()) return true;
  for (const Definition* d : s.overridden)
    if (d->layer == Layer::release_default) return true;
  return false;
}

/// The network a setting holds; nullopt when unknown or not a CIDR (network-cidr-invalid's case).
std::optional<Cidr> network_of(const Setting& s) {
  std::optional<std::string> text = s.text();
  if (!text) return std::nullopt;
  return parse_cidr(*text);
}

/// Whether pod addresses come from the plugin's own IPAM over the whole pod network (true) or from
/// the per-node blocks kube-controller-manager allocates, which skip the service range (false).
std::optional<bool> plugin_allocates_pod_ips(const Scope& vars) {
  Setting allocate = vars.get("kube_controller_manager_allocate_node_cidrs");
  if (allocate && allocate.truth() == false) return true;
  std::optional<std::string> plugin = vars.get("kube_network_plugin").text();
  if (!plugin) return std::nullopt;
  if (*plugin == "calico") {
    Setting host_local = vars.get("calico_ipam_host_local");  // role default false: Calico IPAM
    if (!host_local) return true;
    std::optional<bool> t = host_local.truth();
    return t ? std::optional<bool>(!*t) : std::nullopt;
  }
  if (*plugin == "cilium") {
    Setting mode = vars.get("cilium_ipam_mode");  // role default cluster-pool
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

void check_pair(const Cluster& c, Reporter& r, const NetPair& pair, bool asserted) {
  Setting pods = c.settings.get(pair.pods);
  Setting services = c.settings.get(pair.services);
  std::optional<Cidr> p = network_of(pods);
  std::optional<Cidr> s = network_of(services);
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
                               c.release.version, pair.pods, pair.services)
                 : fmt::format("Kubespray {} does not check it, and either pods get addresses that are also "
                               "Service ClusterIPs or, where kube-controller-manager allocates the node blocks, no "
                               "node gets a pod CIDR",
                               c.release.version);
    message = fmt::format("{} {}: {}", both, relation, outcome);
  } else if (std::optional<bool> own = plugin_allocates_pod_ips(c.settings); own == true) {
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
      .related(other.is_default() ? SourceLoc{} : other.loc(),
               fmt::format("{}: \"{}\" set here", other.name, *other.text()))
      .fix(fmt::format("give {} and {} disjoint {} ranges, e.g. the defaults {} and {}", pair.pods, pair.services,
                       pair.v6 ? "IPv6" : "IPv4",
                       pair.v6 ? "fd85:ee78:d8a6:8607::1:0/112" : "10.233.64.0/18",
                       pair.v6 ? "fd85:ee78:d8a6:8607::1000/116" : "10.233.0.0/18"));
}

void run(const Cluster& c, Reporter& r) {
  if (ipv4_on(c.settings) == true) check_pair(c, r, {"kube_pods_subnet", "kube_service_addresses", false}, true);
  if (ipv6_on(c.settings) == true) {
    // Releases before v2.28 (no ipv6_stack) have no assert on the IPv6 networks.
    const bool asserted = release_defines(c.settings.get("ipv6_stack"));
    check_pair(c, r, {"kube_pods_subnet_ipv6", "kube_service_addresses_ipv6", true}, asserted);
  }
}

const CheckRegistration reg{{"network-overlap", Severity::error,
                             "the pod network and the service network overlap", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
