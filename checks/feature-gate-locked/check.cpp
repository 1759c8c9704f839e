// A feature gate set against the value its stage locks it to at the cluster's Kubernetes
// version: every component given it exits at start. GA stages no source marks either way are
// judged by the rule that Kubernetes locks GA gates almost always (error from 1.24, else warning).
// Doc: check.md. Rules: shared/research/feature-gates.md 4.1 (E4), 5 (R5, R6).
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "lib/feature_gates.hpp"

namespace kubegate {
namespace {

constexpr KubeMinor kGaLockedAsARule{1, 24};

void run(const CheckContext& ctx, Reporter& r) {
  for (const JudgedGate& judged : judged_gates(ctx)) {
    const FeatureGate& g = *judged.gate;
    const GateLookup& at = judged.at;
    const GateStageSpan* stage = defaulted_stage(judged);
    if (!stage) continue;
    const GateStageSpan& s = *stage;
    const bool def = *s.default_value;
    if (*g.enabled == def) continue;
    const std::string refusal =
        fmt::format("\"cannot set feature gate {} to {}, feature is locked to {}\"", g.name, *g.enabled, def);
    const KubeMinor since = stage_since(*at.gate, s);
    const auto fix = [&](KubeMinor from) {
      return fmt::format("remove the item: from Kubernetes {} the feature is always {}", from.str(),
                         def ? "on" : "off");
    };
    const std::string at_version = answered_version(judged, ctx.knowledge.gates());
    if (s.locked == true) {
      r.report(g.loc, fmt::format("\"{}\" sets a gate that is {} since {} and locked to {} in Kubernetes {}: {} exits "
                                  "at start with {}",
                                  g.text, to_string(s.stage), since.str(), def, at_version, judged.recipients, refusal))
          .fix(fix(s.from));
    } else if (s.stage == GateStage::stable && !s.locked) {
      r.report(g.loc, judged.version >= kGaLockedAsARule ? Severity::error : Severity::warning,
               fmt::format("\"{}\" sets a gate that is GA since {} against its default {} in Kubernetes {}; "
                           "Kubernetes locks GA gates to their default almost always, and then {} exits at start "
                           "with {}",
                           g.text, since.str(), def, at_version, judged.recipients, refusal))
          .fix(fix(since));
    }
  }
}

const CheckRegistration reg{{"feature-gate-locked", Severity::error,
                             "feature gate set against the value its Kubernetes version locks it to", kAnyPlatform},
                            run};

}  // namespace
}  // namespace kubegate
