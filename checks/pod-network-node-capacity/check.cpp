// The pod network holds fewer per-node blocks (/kube_network_node_prefix) than k8s_cluster has
// nodes, or the node prefix is shorter than the pod network's own prefix. Skipped for plugins
// that allocate pod addresses themselves (calico). Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/blob/master/roles/validate_inventory/tasks/main.yml
#include "kubegate/check.hpp"
#include "lib/kubespray_validation.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "kubegate/net.hpp"

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// Network plugins for which Kubespray skips the node-count vs pod network assert.
  std::vector<std::string> node_capacity_check_exempt_plugins;
  InventoryValidation validation;
  /// False when the release has no such assert at all (before v2.19.0); absent means true.
  bool node_capacity_asserted = true;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, node_capacity_check_exempt_plugins, validation,
                                                node_capacity_asserted)

/// Checks the pod network and node prefix of one family (`v6`: the IPv6 one).
void check_family(const Cluster& c, Reporter& r, const IpFamily& f, bool v6, bool asserted, bool split_messages) {
  const Setting& pods = f.pods;
  const Setting& prefix = f.node_prefix;
  std::optional<std::string> text = pods.text();
  const std::optional<std::int64_t>& node_prefix = f.node_prefix.typed;
  const std::optional<Cidr>& net = f.pods.typed;
  if (!text || !node_prefix || !net || net->v6 != v6 || *node_prefix > net->bits()) return;
  const std::string pods_desc = fmt::format("{} \"{}\"", pods.name, *text);
  const std::string prefix_desc = fmt::format("{} \"{}\"", prefix.name, prefix.value.display());
  const std::string assert_msg =
      split_messages ? fmt::format("Not enough {} IPs are available for the desired node count.", v6 ? "ipv6" : "ipv4")
                     : std::string("Not enough IPs are available for the desired node count.");
  const std::string kubespray =
      asserted ? fmt::format("Kubespray {} stops with \"{}\"", c.release.version, assert_msg)
               : fmt::format("Kubespray {} does not check it", c.release.version);

  // Blame whichever of the two the inventory sets (node prefix first); with both defaults, the
  // node count is at fault and the finding goes to the hosts file.
  const bool at_prefix = prefix.user_loc().known();
  const SourceLoc at = at_prefix ? prefix.user_loc() : pods.user_loc();
  const SourceLoc other = at_prefix ? pods.user_loc() : SourceLoc{};

  if (*node_prefix < net->prefix) {
    const int typical = net->v6 ? 120 : 24;  // the release default
    r.report(at, fmt::format("{} is shorter than the /{} of {}: a /{} node block cannot be cut from the pod "
                             "network, so kube-controller-manager's node IPAM refuses to start (\"mask size of "
                             "cluster CIDR must be less than or equal to --node-cidr-mask-size\") and nodes get no "
                             "pod CIDR; {}",
                             prefix_desc, net->prefix, pods_desc, *node_prefix, kubespray))
        .related(other, fmt::format("{} set here", pods_desc))
        .fix(fmt::format("make {} longer than {} (e.g. {}), or widen {}", prefix.name, net->prefix,
                         typical > net->prefix ? typical : std::min(net->prefix + 4, net->bits() - 2), pods.name));
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
                       pods.name, *node_prefix - need, prefix.name, net->prefix + need));
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  std::optional<std::string> plugin = c.network_plugin.text();
  if (!plugin) return;
  const auto& exempt = d->node_capacity_check_exempt_plugins;
  if (std::find(exempt.begin(), exempt.end(), *plugin) != exempt.end()) return;
  // The "ipv4"/"ipv6" wording of the assert arrived with the IPv6 assert (v2.28).
  const bool newer = d->validation.ipv6_networks;
  if (c.ipv4.enabled == true) check_family(c, r, c.ipv4, false, d->node_capacity_asserted, newer);
  if (c.ipv6.enabled == true) check_family(c, r, c.ipv6, true, newer, newer);
}

const CheckRegistration reg{{"pod-network-node-capacity", Severity::error,
                             "the pod network has fewer per-node blocks than k8s_cluster has nodes", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
