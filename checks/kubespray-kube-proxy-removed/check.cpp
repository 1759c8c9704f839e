// kube_proxy_remove with a network plugin that does not take over kube-proxy's work: kubeadm
// skips the kube-proxy addon and nothing programs Service addresses, so ClusterIP Services (the
// API server's own, CoreDNS) are unreachable from pods. Which plugins replace kube-proxy, and
// under which variable, is data (schemas/kubespray/kube-proxy-replacements.json). Doc: check.md
// Upstream: roles/kubespray_defaults/defaults/main/main.yml (kubeadm_init_phases_skip),
// kubernetes-sigs/kubespray#10408
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"

namespace kubegate {
namespace {

/// A plugin that replaces kube-proxy when `variable` is true.
struct Replacement {
  std::string plugin, variable;
};
void from_json(const nlohmann::json& j, Replacement& r) {
  r.plugin = j.at("plugin").get<std::string>();
  r.variable = j.at("variable").get<std::string>();
}
/// schemas/kubespray/kube-proxy-replacements.json.
struct Data {
  std::vector<Replacement> replaced_when;
  std::vector<std::string> no_replacement;
};
void from_json(const nlohmann::json& j, Data& d) {
  d.replaced_when = j.at("replaced_when").get<std::vector<Replacement>>();
  d.no_replacement = j.at("no_replacement").get<std::vector<std::string>>();
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.knowledge.read<Data>("schemas/kubespray/kube-proxy-replacements.json");
  const Setting remove = c.settings.get("kube_proxy_remove");
  const std::optional<std::string> plugin = c.network_plugin.text();
  if (!d || remove.is_default() || remove.truth() != true || !plugin || c.network_plugin.value.is_unknown()) return;
  std::string why;
  if (std::find(d->no_replacement.begin(), d->no_replacement.end(), *plugin) != d->no_replacement.end()) {
    why = fmt::format("{} does not replace it", *plugin);
  } else {
    auto rule = std::find_if(d->replaced_when.begin(), d->replaced_when.end(),
                             [&](const Replacement& x) { return x.plugin == *plugin; });
    if (rule == d->replaced_when.end()) return;  // cilium, cni, none: cannot tell what serves Services
    const Setting on = c.settings.get(rule->variable);
    if ((on ? on.truth() : std::optional<bool>(false)) != false) return;  // on, or templated
    why = fmt::format("{} replaces it only with {}: true", *plugin, rule->variable);
  }
  auto f = r.report(remove.loc(), fmt::format("kube_proxy_remove is true and {}: kubeadm skips kube-proxy, nothing "
                                              "programs Service addresses, and pods cannot reach ClusterIP Services "
                                              "(the API server's kubernetes.default, CoreDNS)",
                                              why));
  f.related(c.network_plugin.user_loc(), "kube_network_plugin set here");
  f.fix(
      "remove kube_proxy_remove, or use a plugin that replaces kube-proxy (cilium with "
      "cilium_kube_proxy_replacement: true, calico with calico_bpf_enabled: true, kube-router with "
      "kube_router_run_service_proxy: true)");
}

const CheckRegistration reg{{"kubespray-kube-proxy-removed", Severity::error,
                             "kube_proxy_remove with a network plugin that does not replace kube-proxy", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
