// A feature gate the Kubernetes version's components do not register: a typo, a gate removed
// before that version, or one added after it. Every component given it exits at start.
// Doc: check.md. Rules: shared/research/feature-gates.md 5 (R1, R2, R3).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kubegate/check.hpp"
#include "lib/feature_gates.hpp"
#include "lib/kubeadm_gates.hpp"

namespace kubegate {
namespace {

/// How to get rid of a removed gate, from its last stage.
std::string removed_fix(const GateInfo& gate) {
  const GateStageSpan& last = gate.stages.back();
  if (last.stage == GateStage::stable && last.default_value == true)
    return fmt::format("remove the item: the feature is always on since it went GA in {}", last.from.str());
  if (last.stage == GateStage::deprecated)
    return fmt::format("remove the item: the behaviour it switched was dropped in {}", gate.removed_in->str());
  return "remove the item";
}

/// How to fix a name no component has at `v`: move a kubeadm gate to kubeadm's list, or the nearest name.
std::string unknown_fix(const CheckContext& ctx, const FeatureGate& g, KubeMinor v) {
  const KubeadmGates* kubeadm = ctx.knowledge.read<KubeadmGates>(kKubeadmGatesDocument);
  if (const KubeadmGate* own = kubeadm ? kubeadm->find(g.name) : nullptr; own && own->known_at(v))
    return fmt::format(
        "\"{}\" is a gate of kubeadm, not of the Kubernetes components: move the item to kubeadm's "
        "own list (Kubespray's kubeadm_feature_gates)",
        g.name);
  const auto close = ctx.knowledge.gates().suggest(g.name, v);
  if (close.empty()) return "remove the item, or take the name from the Kubernetes feature-gate reference";
  return fmt::format("did you mean \"{}\"?", close.front());
}

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  for (const JudgedGate& judged : judged_gates(ctx)) {
    const FeatureGate& g = *judged.gate;
    const GateLookup& at = judged.at;
    const KubeMinor version = judged.version;
    const FeatureGateTable& table = ctx.knowledge.gates();
    if (at.known) continue;
    const std::string exits =
        fmt::format("{} exits at start with \"unrecognized feature gate: {}\"", judged.recipients, g.name);
    if (!at.gate) {
      const std::string fix = unknown_fix(ctx, g, version);
      if (at.beyond_horizon) {
        r.report(g.loc, Severity::warning,
                 fmt::format("\"{}\" is not a feature gate kubegate knows (its table ends at Kubernetes {}); unless "
                             "Kubernetes {} added it, {}",
                             g.name, table.horizon().str(), version.str(), exits))
            .fix(fix);
      } else {
        r.report(g.loc, fmt::format("\"{}\" is not a feature gate of Kubernetes {}: {}", g.name, version.str(), exits))
            .fix(fix);
      }
    } else if (at.gate->last && version > *at.gate->last) {
      r.report(g.loc, fmt::format("\"{}\" was removed in Kubernetes {} (last usable {}), so on {} {}", g.name,
                                  at.gate->removed_in->str(), at.gate->last->str(), version.str(), exits))
          .fix(removed_fix(*at.gate));
    } else if (const EmulatedVersion* e = judged.emulation) {
      r.report(g.loc, fmt::format("\"{}\" is newer than Kubernetes {}, the version {} emulates (added in {}): it exits "
                                  "at start with \"cannot set feature gate {} to {}, feature is PreAlpha at emulated "
                                  "version {}\"",
                                  g.name, version.str(), e->component, at.gate->first.str(), g.name, *g.enabled,
                                  version.str()))
          .related(e->loc, fmt::format("--emulated-version {} set here ({})", e->text, e->source))
          .fix(fmt::format("remove the item from {}'s gates, or emulate Kubernetes {} or later", e->component,
                           at.gate->first.str()));
    } else if (version < at.gate->first) {
      r.report(g.loc, fmt::format("\"{}\" does not exist yet in Kubernetes {} (added in {}): {}", g.name,
                                  version.str(), at.gate->first.str(), exits))
          .related(c.kubernetes_version.loc(), fmt::format("Kubernetes version {} set here", version.str()))
          .fix(fmt::format("remove the item, or deploy Kubernetes {} or later", at.gate->first.str()));
    }
  }
}

const CheckRegistration reg{
    {"feature-gate-unknown", Severity::error,
     "feature gate the cluster's Kubernetes version does not know: typo, removed, or too new", kAnyPlatform},
    run};

}  // namespace
}  // namespace kubegate
