// kubelet_max_pods larger than the addresses of one node's pod block (2^(32 - node prefix) - 2),
// per node of k8s_cluster, for plugins that give each node a block (not calico).
// Doc: check.md
// Upstream: https://github.com/kubernetes-sigs/kubespray/issues/2847
#include "kubegate/check.hpp"
#include "kubegate/model/kubespray.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// The release's facts this check reads.
struct Data {
  /// Network plugins for which Kubespray skips the kubelet_max_pods vs node prefix assert.
  std::vector<std::string> max_pods_check_exempt_plugins;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, max_pods_check_exempt_plugins)

constexpr std::string_view kAssert = "Do not schedule more pods on a node than inet addresses are available.";
constexpr std::size_t kMaxNamesShown = 5;

/// The nodes one location makes overcommitted, with the values that do it.
struct Affected {
  SourceLoc at;
  std::int64_t max_pods;
  std::int64_t prefix;
  Setting max_setting;
  Setting prefix_setting;
  Setting plugin;
  bool assert_skipped;
  std::vector<std::string> nodes;
};

/// "cp1, worker1 and 3 more".
std::string names(const std::vector<std::string>& nodes) {
  std::string out;
  const std::size_t shown = std::min(nodes.size(), kMaxNamesShown);
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + nodes[i];
  if (nodes.size() > shown) out += fmt::format(" and {} more", nodes.size() - shown);
  return out;
}

/// The longest node prefix whose block has room for `pods` pods plus network and broadcast.
std::int64_t prefix_for(std::int64_t pods) {
  std::int64_t p = 32;
  while (p > 0 && (std::int64_t{1} << (32 - p)) - 2 < pods) --p;
  return p;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d) return;
  const auto& exempt = d->max_pods_check_exempt_plugins;
  using Key = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::int64_t, std::int64_t>;
  std::map<Key, Affected> groups;
  std::vector<Key> order;
  for (const Node& n : c.nodes) {
    if (!n.in_group("k8s_cluster")) continue;
    const KubesprayHost host(n.vars);
    const Setting plugin = host.kube_network_plugin();
    std::optional<std::string> name = plugin.text();
    if (!name || std::find(exempt.begin(), exempt.end(), *name) != exempt.end()) continue;
    // Per node like the values below: a host may set its own ipv4_stack (unset before v2.28: IPv4 on).
    if (const Setting v4 = host.ipv4_stack(); v4 && v4.truth() != true) continue;
    const Setting max_setting = host.kubelet_max_pods();
    const Setting prefix_setting = host.kube_network_node_prefix();
    std::optional<std::int64_t> max_pods = max_setting.integer();
    std::optional<std::int64_t> prefix = prefix_setting.integer();
    if (!max_pods || !prefix || *prefix < 0 || *prefix > 32) continue;
    const std::int64_t capacity = (std::int64_t{1} << (32 - *prefix)) - 2;
    if (*max_pods <= capacity) continue;

    SourceLoc at = max_setting.user_loc().known() ? max_setting.user_loc() : prefix_setting.user_loc();
    Key key{at.file, at.line, at.column, *max_pods, *prefix};
    auto [it, fresh] = groups.try_emplace(key);
    if (fresh) {
      order.push_back(key);
      it->second = Affected{at, *max_pods, *prefix, max_setting, prefix_setting, plugin, host.ignore_assert_errors().truth() == true, {}};
    }
    it->second.nodes.push_back(n.name);
  }

  for (const Key& key : order) {
    const Affected& g = groups.at(key);
    const std::int64_t capacity = (std::int64_t{1} << (32 - g.prefix)) - 2;
    const std::string kubespray =
        g.assert_skipped
            ? std::string("Kubespray's assert is skipped because ignore_assert_errors is true")
            : fmt::format("Kubespray {} stops with \"{}\"", c.release.version, kAssert);
    const bool at_max = g.at == g.max_setting.user_loc() && g.at.known();
    r.report(g.at, fmt::format("kubelet_max_pods \"{}\" exceeds the {} pod addresses of a /{} node block "
                               "(kube_network_node_prefix \"{}\") on {} node{} ({}): once a node runs {} pods, the "
                               "next ones get no IP and stay in ContainerCreating; {}",
                               g.max_setting.value.display(), std::max<std::int64_t>(capacity, 0), g.prefix,
                               g.prefix_setting.value.display(), g.nodes.size(), g.nodes.size() == 1 ? "" : "s",
                               names(g.nodes), std::max<std::int64_t>(capacity, 0), kubespray))
        .related(at_max ? g.prefix_setting.user_loc() : SourceLoc{},
                 fmt::format("kube_network_node_prefix: \"{}\" set here", g.prefix_setting.value.display()))
        .related(g.plugin.user_loc(), fmt::format("kube_network_plugin: \"{}\" set here", g.plugin.value.display()))
        .fix(fmt::format("lower kubelet_max_pods to {} or less, or set kube_network_node_prefix to {} or less so "
                         "that a node block holds {} pods (and check the pod network still has a block for "
                         "every node)",
                         std::max<std::int64_t>(capacity, 0), prefix_for(g.max_pods), g.max_pods));
  }
}

const CheckRegistration reg{{"kubelet-max-pods-node-prefix", Severity::error,
                             "kubelet_max_pods exceeds the addresses of a node's pod block", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
