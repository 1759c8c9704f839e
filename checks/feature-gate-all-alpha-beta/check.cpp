// AllAlpha=true or AllBeta=true: every alpha (or beta) gate not set explicitly turns on at once.
// Doc: check.md. Rules: shared/research/feature-gates.md 4.1 (AllAlpha, AllBeta).
#include <fmt/format.h>

#include "kubegate/check.hpp"
#include "lib/feature_gates.hpp"

namespace kubegate {
namespace {

void run(const CheckContext& ctx, Reporter& r) {
  const Cluster& c = ctx.cluster;
  const auto version = feature_gate_version(c);
  for (const FeatureGate& g : c.feature_gates) {
    if ((g.name != "AllAlpha" && g.name != "AllBeta") || g.enabled != true) continue;
    const bool alpha = g.name == "AllAlpha";
    std::string how_many;
    if (version) {
      auto names = ctx.knowledge.gates().at_stage(alpha ? GateStage::alpha : GateStage::beta, *version);
      how_many = fmt::format(" ({} in Kubernetes {})", names.size(), version->str());
    }
    r.report(g.loc, fmt::format("\"{}\" turns on every {} feature gate{} that is not set explicitly, for {}: {}",
                                g.text, alpha ? "alpha" : "beta", how_many, gate_recipients(g),
                                alpha ? "alpha features are unfinished, off by default, untested together, and can "
                                        "change or disappear in the next minor version"
                                      : "beta features that are off by default are off because they are not ready "
                                        "for every cluster, and they are untested all together"))
        .fix(fmt::format("remove \"{}\" and turn on the individual gates the cluster needs", g.text));
  }
}

const CheckRegistration reg{
    {"feature-gate-all-alpha-beta", Severity::warning,
     "AllAlpha=true or AllBeta=true turns on every alpha or beta feature at once", kAnyPlatform},
    run};

}  // namespace
}  // namespace kubegate
