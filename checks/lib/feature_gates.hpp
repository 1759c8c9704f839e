// Shared by the feature-gate-* checks: the version gates are judged at, and their lookups.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kubegate/check.hpp"
#include "kubegate/knowledge/feature_gates.hpp"

namespace kubegate {

/// The oldest minor the feature-gate checks judge (the documentation's history is dense from here).
inline constexpr KubeMinor kOldestGateCheckedVersion{1, 20};

/// The minor the gates are judged against; nullopt if unset, templated, not 1.x, or before 1.20.
std::optional<KubeMinor> feature_gate_version(const Cluster& c);

/// A well-formed gate item (a name and a boolean) with the table's answer for it at one version.
struct JudgedGate {
  const FeatureGate* gate;
  GateLookup at;
  /// The minor it was looked up at: feature_gate_version, or the one its recipient emulates.
  KubeMinor version;
  /// The `--emulated-version` it is judged at; nullptr at the binaries' own version.
  const EmulatedVersion* emulation = nullptr;
  /// Who gets it at that version, for messages ("kubelet", "every component it is passed to").
  std::string recipients;
};

/// Every well-formed gate item of `c` looked up at feature_gate_version(c), and at each older
/// version a recipient emulates where that changes the answer (for a gate the binaries register);
/// empty when the version is unknown. The table is parsed only when there are items.
std::vector<JudgedGate> judged_gates(const CheckContext& ctx);

/// The stage a known, ordinary gate is in at the judged version, when that stage has a default; else nullptr.
const GateStageSpan* defaulted_stage(const JudgedGate& judged);

/// The version a lookup answered for: "1.34", "1.33 emulated by kube-apiserver", or "1.35 (the newest
/// kubegate knows; ...)" beyond it.
std::string answered_version(const JudgedGate& judged, const FeatureGateTable& table);

/// Who gets a gate item, for messages: "kubelet", or "every component it is passed to".
std::string gate_recipients(const FeatureGate& g);

/// The source variable and item as a user wrote them: `kubelet_feature_gates item "X=true"`.
std::string gate_item(const FeatureGate& g);

}  // namespace kubegate
