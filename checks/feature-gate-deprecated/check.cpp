// Feature gates that still work but are on their way out: a deprecated gate (either value), or
// a GA gate set to its default (a no-op) or, where the code leaves it unlocked, against it.
// Components log a warning and a later Kubernetes version rejects the gate as unrecognized.
// Doc: check.md. Rules: shared/research/feature-gates.md 4.1 (W1, W2), 5 (R7, R8).
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "lib/feature_gates.hpp"

namespace kubegate {
namespace {

/// When the gate goes away, as a clause.
std::string removal(const GateInfo& gate, const FeatureGate& g) {
  if (gate.removed_in)
    return fmt::format("Kubernetes {} removes the gate and then exits with \"unrecognized feature gate: {}\"",
                       gate.removed_in->str(), g.name);
  return "a later Kubernetes version removes the gate and then rejects it as unrecognized";
}

void run(const CheckContext& ctx, Reporter& r) {
  for (const JudgedGate& judged : judged_gates(ctx)) {
    const FeatureGate& g = *judged.gate;
    const GateLookup& at = judged.at;
    const GateStageSpan* stage = defaulted_stage(judged);
    if (!stage) continue;
    const GateStageSpan& s = *stage;
    const bool def = *s.default_value;
    const bool is_default = *g.enabled == def;
    const std::string at_version = answered_version(judged, ctx.knowledge.gates());
    const std::string since = stage_since(*at.gate, s).str();
    if (s.stage == GateStage::deprecated) {
      if (!is_default && s.locked == true) continue;  // feature-gate-locked
      r.report(g.loc, fmt::format("\"{}\" sets a gate that is deprecated since {}, with default {} in Kubernetes {}{}: "
                                  "{} logs \"Setting deprecated feature gate {}={}. It will be removed in a future "
                                  "release.\" and {}",
                                  g.text, since, def, at_version, is_default ? ", so it changes nothing" : "",
                                  judged.recipients, g.name, *g.enabled, removal(*at.gate, g)))
          .fix(is_default ? std::string("remove the item")
                          : "move off the behaviour the gate keeps, then remove the item");
    } else if (s.stage == GateStage::stable && (is_default || s.locked == false)) {
      r.report(g.loc,
               fmt::format("\"{}\" sets a gate that is GA since {} {} in Kubernetes {}: {} logs \"Setting GA "
                           "feature gate {}={}. It will be removed in a future release.\" and {}",
                           g.text, since,
                           is_default ? "to its default, which changes nothing" : "and unlocked, against its default,",
                           at_version, judged.recipients, g.name, *g.enabled, removal(*at.gate, g)))
          .fix(is_default ? std::string("remove the item") : "move to the GA behaviour, then remove the item");
    }
  }
}

const CheckRegistration reg{
    {"feature-gate-deprecated", Severity::warning,
     "deprecated feature gate, or GA gate set to a no-op, that a later version removes", kAnyPlatform},
    run};

}  // namespace
}  // namespace kubegate
