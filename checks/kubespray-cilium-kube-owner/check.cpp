// Cilium with a kube_owner other than root: the release asserts kube_owner == root because
// cilium's init containers cannot write host paths owned by another user (kubespray#13378).
// Which releases assert it is release data (`kube_owner_root_for_plugins`).
// Doc: check.md
#include "kubegate/check.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kubegate {
namespace {

/// The kube_owner the release demands with some network plugins.
struct KubeOwnerRule {
  std::vector<std::string> plugins;
  /// A boolean variable that has the same effect as choosing one of the plugins.
  std::string also_when;
  std::string owner;
  /// The upstream file that asserts it.
  std::string file;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(KubeOwnerRule, plugins, also_when, owner, file)

/// The release's facts this check reads: the rule, or null when the release has none.
struct Data {
  std::vector<KubeOwnerRule> rule;
};
void from_json(const nlohmann::json& j, Data& d) {
  if (const auto it = j.find("kube_owner_root_for_plugins"); it != j.end() && it->is_object())
    d.rule.push_back(it->get<KubeOwnerRule>());
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.release_data<Data>();
  if (!d || d->rule.empty()) return;
  const KubeOwnerRule& rule = d->rule.front();
  const Setting& plugin = c.network_plugin;
  Setting also = c.settings.get(rule.also_when);
  std::optional<std::string> name = plugin.text();
  const bool by_plugin = name && std::find(rule.plugins.begin(), rule.plugins.end(), *name) != rule.plugins.end();
  const bool by_flag = !rule.also_when.empty() && also.truth() == true;
  if (!by_plugin && !by_flag) return;
  const Setting& owner = c.kubespray.kube_owner;
  std::optional<std::string> who = owner.text();
  if (!who || *who == rule.owner) return;
  const Setting& cause = by_plugin ? plugin : also;
  const std::string what = by_plugin ? fmt::format("kube_network_plugin is \"{}\"", *name)
                                     : fmt::format("{} is true", rule.also_when);
  r.report(owner.is_default() ? cause.loc() : owner.loc(),
           fmt::format("{} while kube_owner is \"{}\"{}: Kubespray {} asserts kube_owner is \"{}\" with cilium and stops "
                       "in {} (its init containers cannot write /opt/cni/bin owned by another user, kubespray#13378)",
                       what, *who, owner.is_default() ? " (the default)" : "", c.release.version, rule.owner,
                       rule.file))
      .related(cause.user_loc(), fmt::format("{} set here", by_plugin ? "kube_network_plugin" : rule.also_when))
      .related(owner.user_loc(), "kube_owner set here")
      .fix(fmt::format("set kube_owner: {} in group_vars/k8s_cluster", rule.owner));
}

const CheckRegistration reg{{"kubespray-cilium-kube-owner", Severity::error,
                             "cilium with a kube_owner other than root, which Kubespray rejects", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
