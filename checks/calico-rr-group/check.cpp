// The calico_rr (route reflector) group used wrongly: its hosts outside k8s_cluster (never
// prepared, so the route reflector play fails on them), no cluster_id or one that is not an IPv4
// address (Kubespray's calico role asserts it from v2.25; calico rejects it anyway), or route
// reflectors listed while the network plugin is not calico (silently ignored). Doc: check.md
#include <set>

#include <fmt/format.h>

#include "kubegate/net.hpp"
#include "lib/network_plugin.hpp"

namespace kubegate {
namespace {

/// True when `text` is a plain IPv4 address.
bool is_ipv4(const std::string& text) {
  auto ip = parse_ip(text);
  return ip && !ip->v6;
}

/// Reports a cluster_id problem of one view (the first control-plane node, or a route reflector).
/// `asserted`: the view the calico role's assert reads (else a route reflector, used later).
/// Returns false when cluster_id is missing there.
bool check_cluster_id(const Cluster& c, const CalicoRules& rules, Reporter& r, const Scope& vars, SourceLoc missing_at,
                      const std::string& who, bool asserted, std::set<std::pair<std::uint32_t, std::uint32_t>>& seen) {
  const Setting id = KubesprayHost(vars).cluster_id();
  if (!id) {
    const std::string stop =
        asserted ? fmt::format("Kubespray {} stops with an assertion failure in {} (it requires a unique cluster_id)",
                               c.release.version, rules.file)
                 : std::string("the route reflector play fails late in the deploy when it sets the reflector's "
                               "cluster id on its calico node");
    r.report(missing_at, fmt::format("{} has no cluster_id while calico_rr lists route reflectors: {}", who, stop))
        .fix("set cluster_id to an IPv4-formatted id (e.g. cluster_id: \"1.0.0.1\") for the route reflectors and "
             "their clients, e.g. in group_vars/k8s_cluster");
    return false;
  }
  std::optional<std::string> text = id.text();
  SourceLoc at = id.loc();
  if (!text || is_ipv4(*text) || !seen.insert({at.file, at.line}).second) return true;
  const std::string stop = rules.rr_cluster_id_ipv4 && asserted
                               ? fmt::format("Kubespray {} stops with an assertion failure in {}", c.release.version,
                                             rules.file)
                               : std::string("calico rejects it as routeReflectorClusterID when the route reflector "
                                             "play updates the calico node, late in the deploy");
  r.report(at, fmt::format("cluster_id \"{}\" ({}) is not an IPv4 address: {}", *text, who, stop))
      .fix("write cluster_id as an IPv4 address, e.g. cluster_id: \"1.0.0.1\"");
  return true;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const CalicoRules& rules = network_plugin_rules(ctx).calico;
  if (!c.topology_known || rules.file.empty()) return;
  std::vector<const Node*> reflectors = c.with_role(role_route_reflector);
  if (reflectors.empty()) return;
  const Group* group = c.group("calico_rr");
  const SourceLoc group_loc = group ? group->loc : c.anchor;
  if (!plugin_role_runs(c, "calico")) {
    std::optional<std::string> plugin = c.network_plugin.text();
    if (!plugin) return;
    r.report(group_loc, Severity::warning,
             fmt::format("calico_rr lists {} host(s) but kube_network_plugin is \"{}\": Kubespray installs route "
                         "reflectors only with calico, so the group is silently ignored",
                         reflectors.size(), *plugin))
        .related(c.network_plugin.user_loc(), "kube_network_plugin set here")
        .fix("empty the calico_rr group, or set kube_network_plugin: calico");
    return;
  }
  for (const Node* n : reflectors) {
    if (n->in_group("k8s_cluster")) continue;
    r.report(n->loc, fmt::format("route reflector {} is not in k8s_cluster: Kubespray prepares only k8s_cluster "
                                 "hosts, so installing the route reflector on it fails late in the deploy",
                                 n->name))
        .related(group_loc, "calico_rr declared here")
        .fix("add calico_rr to [k8s_cluster:children]");
  }
  // A user override of peer_with_calico_rr decides whether the assert runs.
  if (const Setting& peer = c.kubespray.peer_with_calico_rr; !peer.is_default() && peer.truth() == false) return;
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  const Node* first = nullptr;
  for (const Node& n : c.nodes)
    if (n.has(role_control_plane)) {
      first = &n;
      break;
    }
  // When the asserted view lacks cluster_id, that one finding says it all.
  if (first && calico_asserts_run(c) && !check_cluster_id(c, rules, r, c.settings, first->loc,
                                 fmt::format("{} (the first control-plane host)", first->name), true, seen))
    return;
  for (const Node* n : reflectors)
    check_cluster_id(c, rules, r, n->vars, n->loc, fmt::format("route reflector {}", n->name), false, seen);
}

const CheckRegistration reg{{"calico-rr-group", Severity::error,
                             "calico route reflectors outside k8s_cluster, without a valid cluster_id, or unused",
                             kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
