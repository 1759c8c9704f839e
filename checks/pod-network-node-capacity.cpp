// The pod network holds fewer per-node blocks (/kube_network_node_prefix) than k8s_cluster has
// nodes, or the node prefix is shorter than the pod network's own prefix. Skipped for plugins
// that allocate pod addresses themselves (calico). Doc: pod-network-node-capacity.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/blob/master/roles/validate_inventory/tasks/main.yml
#include "kubegate/check.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "kubegate/net.hpp"

namespace kubegate {
namespace {

/// The variables of one address family.
struct Family {
  std::string_view pods;
  std::string_view node_prefix;
  std::string_view label;  // "ipv4" or "ipv6", as Kubespray's assert message spells it
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

/// The location of a setting when the inventory sets it, else unknown.
SourceLoc user_loc(const Setting& s) { return s.is_default() ? SourceLoc{} : s.loc(); }

void check_family(const Cluster& c, Reporter& r, const Family& f, bool asserted, bool split_messages) {
  Setting pods = c.settings.get(f.pods);
  Setting prefix = c.settings.get(f.node_prefix);
  std::optional<std::string> text = pods.text();
  std::optional<std::int64_t> node_prefix = prefix.integer();
  if (!text || !node_prefix) return;
  std::optional<Cidr> net = parse_cidr(*text);
  if (!net || net->v6 != (f.label == "ipv6") || *node_prefix > net->bits()) return;
  const std::string pods_desc = fmt::format("{} \"{}\"", f.pods, *text);
  const std::string prefix_desc = fmt::format("{} \"{}\"", f.node_prefix, prefix.value.display());
  const std::string assert_msg =
      split_messages ? fmt::format("Not enough {} IPs are available for the desired node count.", f.label)
                     : std::string("Not enough IPs are available for the desired node count.");
  const std::string kubespray =
      asserted ? fmt::format("Kubespray {} stops with \"{}\"", c.release.version, assert_msg)
               : fmt::format("Kubespray {} does not check it", c.release.version);

  // Blame whichever of the two the inventory sets (node prefix first); with both defaults, the
  // node count is at fault and the finding goes to the hosts file.
  const bool at_prefix = user_loc(prefix).known();
  const SourceLoc at = at_prefix ? user_loc(prefix) : user_loc(pods);
  const SourceLoc other = at_prefix ? user_loc(pods) : SourceLoc{};

  if (*node_prefix < net->prefix) {
    const int typical = net->v6 ? 120 : 24;  // the release default
    r.report(at, fmt::format("{} is shorter than the /{} of {}: a /{} node block cannot be cut from the pod "
                             "network, so kube-controller-manager's node IPAM refuses to start (\"mask size of "
                             "cluster CIDR must be less than or equal to --node-cidr-mask-size\") and nodes get no "
                             "pod CIDR; {}",
                             prefix_desc, net->prefix, pods_desc, *node_prefix, kubespray))
        .related(other, fmt::format("{} set here", pods_desc))
        .fix(fmt::format("make {} longer than {} (e.g. {}), or widen {}", f.node_prefix, net->prefix,
                         typical > net->prefix ? typical : std::min(net->prefix + 4, net->bits() - 2), f.pods));
    return;
  }

  std::int64_t nodes = 0;
  for (const Node& n : c.nodes) nodes += n.in_group("k8s_cluster");
  const std::int64_t diff = *node_prefix - net->prefix;
  if (diff >= 31) return;  // more blocks than any inventory has nodes
  const std::int64_t blocks = std::int64_t{1} << diff;
  if (blocks >= nodes) return;

  int need = 0;  // bits of block number that `nodes` blocks take
  while ((std::int64_t{1} << need) < nodes) ++need;
  const std::int64_t left = nodes - blocks;
  const Group* k8s = c.group("k8s_cluster");
  r.report(at, fmt::format("{} holds only {} node block{} of /{} ({}) but k8s_cluster has {} nodes: {} no pod CIDR "
                           "and no pod on {} gets an IP; {}",
                           pods_desc, blocks, blocks == 1 ? "" : "s", *node_prefix, prefix_desc, nodes,
                           left == 1 ? std::string("one node gets") : fmt::format("{} nodes get", left),
                           left == 1 ? "it" : "them", kubespray))
      .related(other, fmt::format("{} set here", pods_desc))
      .related(k8s ? k8s->loc : SourceLoc{}, "k8s_cluster declared here")
      .fix(fmt::format("widen {} to /{} or shorter, or lengthen {} to {} or more (smaller blocks: fewer pods per "
                       "node), so that every node of k8s_cluster gets a block, with room for the nodes you will add",
                       f.pods, *node_prefix - need, f.node_prefix, net->prefix + need));
}

void run(const Cluster& c, Reporter& r) {
  std::optional<std::string> plugin = c.network_plugin.text();
  if (!plugin) return;
  const auto& exempt = c.release.node_capacity_check_exempt_plugins;
  if (std::find(exempt.begin(), exempt.end(), *plugin) != exempt.end()) return;
  // The IPv6 assert and the "ipv4"/"ipv6" wording arrived with ipv6_stack (v2.28).
  const bool newer = release_defines(c.settings.get("ipv6_stack"));
  if (ipv4_on(c.settings) == true)
    check_family(c, r, {"kube_pods_subnet", "kube_network_node_prefix", "ipv4"}, true, newer);
  if (ipv6_on(c.settings) == true)
    check_family(c, r, {"kube_pods_subnet_ipv6", "kube_network_node_prefix_ipv6", "ipv6"}, newer, newer);
}

const CheckRegistration reg{{"pod-network-node-capacity", Severity::error,
                             "the pod network has fewer per-node blocks than k8s_cluster has nodes", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
