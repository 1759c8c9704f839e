#include "lib/feature_gates.hpp"

#include <fmt/format.h>

namespace kubegate {

std::vector<JudgedGate> judged_gates(const CheckContext& ctx) {
  const Cluster& c = ctx.cluster;
  std::vector<JudgedGate> out;
  if (c.feature_gates.empty()) return out;
  const auto version = feature_gate_version(c);
  if (!version) return out;
  const FeatureGateTable& table = ctx.knowledge.gates();
  for (const FeatureGate& g : c.feature_gates)
    if (!g.name.empty() && g.enabled)  // feature-gate-malformed: parsing fails before any lookup
      out.push_back({&g, table.lookup(g.name, *version), *version});
  return out;
}

std::optional<KubeMinor> feature_gate_version(const Cluster& c) {
  const auto& v = c.kubernetes_version.typed;
  if (!v || v->major != 1 || v->minor_version() < kOldestGateCheckedVersion) return std::nullopt;
  return v->minor_version();
}

const GateStageSpan* defaulted_stage(const JudgedGate& judged) {
  const GateLookup& at = judged.at;
  return at.known && !at.special && at.stage && at.stage->default_value ? at.stage : nullptr;
}

std::string answered_version(const JudgedGate& judged, const FeatureGateTable& table) {
  if (!judged.at.beyond_horizon) return judged.version.str();
  return fmt::format("{} (the newest kubegate knows; the cluster runs {})", table.horizon().str(),
                     judged.version.str());
}

std::string gate_recipients(const FeatureGate& g) {
  return g.component == "all" || g.component.empty() ? "every component it is passed to" : g.component;
}

std::string gate_item(const FeatureGate& g) { return fmt::format("{} item \"{}\"", g.source, g.text); }

}  // namespace kubegate
