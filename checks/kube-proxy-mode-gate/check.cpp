// A kube-proxy mode that kube-proxy accepts only behind a feature gate (nftables before 1.31)
// with the gate off: kube-proxy refuses its configuration. The modes are data
// (schemas/kube-proxy/modes.json). Doc: check.md
// Upstream: kubernetes pkg/proxy/apis/config/validation/validation.go (validateProxyModeLinux)
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "kubegate/knowledge/feature_gates.hpp"
#include "kubegate/model/kubespray.hpp"

namespace kubegate {
namespace {

/// A mode and the gate it needs.
struct GatedMode {
  std::string mode;
  std::string gate;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(GatedMode, mode, gate)

/// schemas/kube-proxy/modes.json.
struct Data {
  std::vector<GatedMode> gated_modes;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Data, gated_modes)

/// What the inventory's gate lists say of `gate` for kube-proxy: true or false when an item sets it,
/// nullopt when none does; `unknown` when a list cannot be told.
std::optional<bool> set_for_kube_proxy(const Cluster& c, const std::string& gate, bool& unknown) {
  const KubesprayHost settings(c.settings);
  for (const Setting& list : {settings.kube_feature_gates(), settings.kube_proxy_feature_gates()})
    if (list && list.value.is_unknown()) unknown = true;
  std::optional<bool> value;
  for (const FeatureGate& g : c.feature_gates)
    if (g.name == gate && (g.component == "all" || g.component == "kube-proxy")) value = g.enabled;
  return value;
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const Data* d = ctx.knowledge.read<Data>("schemas/kube-proxy/modes.json");
  const auto& version = c.kubernetes_version.typed;
  const Setting mode = KubesprayHost(c.settings).kube_proxy_mode();
  const std::optional<std::string> text = mode.text();
  if (!d || !version || !text) return;
  for (const GatedMode& m : d->gated_modes) {
    if (*text != m.mode) continue;
    const KubeMinor minor = version->minor_version();
    const GateLookup at = ctx.knowledge.gates().lookup(m.gate, minor);
    if (!at.known || !at.stage || at.beyond_horizon) return;  // an unknown gate is not this check's case
    bool unknown = false;
    const std::optional<bool> set = set_for_kube_proxy(c, m.gate, unknown);
    const bool on = set.value_or(at.stage->default_value.value_or(false));
    if (on || unknown || (!set && !at.stage->default_value)) return;
    const std::string why =
        set ? fmt::format("the feature gates turn {} off", m.gate)
            : fmt::format("{} is {} and off by default in Kubernetes {}, and no feature gate list turns it on", m.gate,
                          to_string(at.stage->stage), minor.str());
    std::string later;  // the first minor that turns the gate on by default
    for (const GateStageSpan& span : at.gate->stages)
      if (span.default_value == true && span.from > minor) {
        later = fmt::format(", use Kubernetes {} or later where it is on by default", span.from.str());
        break;
      }
    r.report(mode.loc(), fmt::format("kube_proxy_mode is \"{}\" but {}: kube-proxy refuses its configuration "
                                     "(\"must be iptables, ipvs or blank\"), so no node gets Service routing",
                                     m.mode, why))
        .related(c.kubernetes_version.user_loc(),
                 fmt::format("kube_version \"{}\" set here", *c.kubernetes_version.text()))
        .fix(fmt::format("add \"{}=true\" to kube_proxy_feature_gates{}, or keep kube_proxy_mode iptables or ipvs",
                         m.gate, later));
  }
}

const CheckRegistration reg{{"kube-proxy-mode-gate", Severity::error,
                             "a kube-proxy mode that needs a feature gate the cluster leaves off", kKubespray},
                            run};

}  // namespace
}  // namespace kubegate
