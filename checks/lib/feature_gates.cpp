#include "lib/feature_gates.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lib/emulation.hpp"

namespace kubegate {

namespace {

/// The control-plane components' `--emulated-version`s that fit their binary of minor `version` and
/// are older than it, one per component and version: each changes what that component makes of its gates.
std::vector<const EmulatedVersion*> older_emulations(const CheckContext& ctx, KubeMinor version) {
  std::vector<const EmulatedVersion*> out;
  const EmulationRules* rules = ctx.knowledge.read<EmulationRules>(kEmulationDocument);
  if (!rules) return out;
  for (const EmulatedVersion& e : ctx.cluster.emulated_versions) {
    if (emulation_fit(*rules, e, version) != EmulationFit::fits || *e.version >= version) continue;
    const auto same = [&](const EmulatedVersion* o) { return o->component == e.component && o->version == e.version; };
    if (std::none_of(out.begin(), out.end(), same)) out.push_back(&e);  // several servers, one setting
  }
  return out;
}

}  // namespace

std::vector<JudgedGate> judged_gates(const CheckContext& ctx) {
  const Cluster& c = ctx.cluster;
  std::vector<JudgedGate> out;
  if (c.feature_gates.empty()) return out;
  const auto version = feature_gate_version(c);
  if (!version) return out;
  const FeatureGateTable& table = ctx.knowledge.gates();
  const std::vector<const EmulatedVersion*> emulations = older_emulations(ctx, *version);
  for (const FeatureGate& g : c.feature_gates) {
    if (g.name.empty() || !g.enabled) continue;  // feature-gate-malformed: parsing fails before any lookup
    const GateLookup binary = table.lookup(g.name, *version);
    const bool to_all = g.component == "all" || g.component.empty();
    bool emulated = false;
    if (binary.known)  // a gate the binary does not register is unknown whatever it emulates
      for (const EmulatedVersion* e : emulations) {
        if (!to_all && e->component != g.component) continue;
        GateLookup at = table.lookup(g.name, *e->version);
        if (at.known && at.stage == binary.stage) continue;  // the same answer
        out.push_back({&g, at, *e->version, e, e->component});
        emulated = true;
      }
    if (to_all || !emulated)
      out.push_back({&g, binary, *version, nullptr,
                     emulated ? "every component it is passed to that emulates no older version" : gate_recipients(g)});
  }
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
  const std::string emulated =
      judged.emulation ? fmt::format(" emulated by {}", judged.emulation->component) : std::string();
  if (!judged.at.beyond_horizon) return judged.version.str() + emulated;
  return fmt::format("{} (the newest kubegate knows; the cluster runs {}{})", table.horizon().str(),
                     judged.version.str(), emulated);
}

std::string gate_recipients(const FeatureGate& g) {
  return g.component == "all" || g.component.empty() ? "every component it is passed to" : g.component;
}

std::string gate_item(const FeatureGate& g) { return fmt::format("{} item \"{}\"", g.source, g.text); }

}  // namespace kubegate
