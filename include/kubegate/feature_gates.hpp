// Kubernetes version strings and the feature-gate table (schemas/feature-gates.json): what a
// Kubernetes component of one minor version makes of a gate name, for the feature-gate checks.
//
// The table merges the Kubernetes documentation's per-gate history with the lock flags of the
// code's versioned feature lists (see schemas/README.md). Lookups are by minor version; a
// version newer than the table's horizon is answered with the horizon's view and says so.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kubegate/model.hpp"

namespace kubegate {

/// A Kubernetes minor version ("1.31").
struct KubeMinor {
  int major = 1;
  int minor = 0;

  auto operator<=>(const KubeMinor&) const = default;
  /// "1.31".
  std::string str() const;
  /// The following minor ("1.32" after "1.31").
  KubeMinor next() const { return {major, minor + 1}; }
};

/// A version string split as Kubernetes' semver pattern splits it (feature-gates.md 4.3).
struct KubeVersion {
  int major = 0;
  int minor = 0;
  /// Absent in "1.31".
  std::optional<int> patch;
  /// After '-': "alpha.1", or a `git describe` distance such as "284".
  std::string pre_release;
  /// After '+': "rke2r1", "0214af08731054-dirty".
  std::string build;

  KubeMinor minor_version() const { return {major, minor}; }
  /// MAJOR.MINOR.PATCH with no pre-release; build metadata other than "dirty" is allowed.
  bool is_release() const;
  /// The pre-release is only digits: a `git describe` distance, i.e. an untagged build.
  bool untagged_build() const;
  /// The build metadata says the tree was dirty.
  bool dirty() const;
};

/// Parses `^v?MAJOR.MINOR(.PATCH)?(-PRE)?(+BUILD)?$`; nullopt when the text does not match.
std::optional<KubeVersion> parse_kube_version(std::string_view text);

/// The lifecycle stage of a gate at one version.
enum class GateStage : std::uint8_t { alpha, beta, stable, deprecated };

/// "alpha", "beta", "GA", "deprecated".
std::string_view to_string(GateStage s);

/// One stage of a gate over a range of minor versions.
struct GateStageSpan {
  GateStage stage = GateStage::alpha;
  /// The default value; nullopt where the documentation gives none.
  std::optional<bool> default_value;
  /// Locked to the default: true, false, or nullopt for a GA/deprecated stage no source decides.
  std::optional<bool> locked;
  KubeMinor from;
  /// The last minor of this stage; nullopt while it is current.
  std::optional<KubeMinor> to;
};

/// Everything the table knows about one gate.
struct GateInfo {
  std::string name;
  /// The first minor whose components know the gate.
  KubeMinor first;
  /// For a removed gate, the last minor that still recognises it.
  std::optional<KubeMinor> last;
  /// For a removed gate, the first minor that rejects it (last + 1).
  std::optional<KubeMinor> removed_in;
  std::vector<GateStageSpan> stages;
};

/// What the components of one minor version make of a gate name.
struct GateLookup {
  /// The gate's history; nullptr when no version of the table has the name.
  const GateInfo* gate = nullptr;
  /// AllAlpha or AllBeta, which every version knows.
  bool special = false;
  /// The components register the gate at that version.
  bool known = false;
  /// The stage in effect at that version (when known).
  const GateStageSpan* stage = nullptr;
  /// The version is newer than the table's horizon; the answer is the horizon's.
  bool beyond_horizon = false;
};

/// The feature-gate table.
class FeatureGateTable {
 public:
  /// The table compiled into kubegate (schemas/feature-gates.json), parsed once per process.
  static const FeatureGateTable& embedded();
  /// Reads a table in the format of schemas/feature-gates.json; throws std::runtime_error.
  static FeatureGateTable parse(std::string_view json);

  /// The gate called `name` (exact, case-sensitive as components compare), or nullptr.
  const GateInfo* find(std::string_view name) const;
  /// What components of minor `version` make of `name`.
  GateLookup lookup(std::string_view name, KubeMinor version) const;
  /// Names known at `version` closest to `name` (case-insensitive edit distance), best first.
  std::vector<std::string> suggest(std::string_view name, KubeMinor version, std::size_t max = 1) const;
  /// Names known at `version` whose stage there is `stage`.
  std::vector<std::string> at_stage(GateStage stage, KubeMinor version) const;
  /// The newest minor the table describes.
  KubeMinor horizon() const { return horizon_; }
  /// Every gate, sorted by name.
  const std::vector<GateInfo>& gates() const { return gates_; }

 private:
  std::vector<GateInfo> gates_;
  KubeMinor horizon_;
};

/// The first minor of the unbroken run of `span`'s stage that ends with `span` (defaults may flip).
KubeMinor stage_since(const GateInfo& gate, const GateStageSpan& span);

/// The oldest minor the feature-gate checks judge (the documentation's history is dense from here).
inline constexpr KubeMinor kOldestGateCheckedVersion{1, 20};

/// The minor the gates are judged against; nullopt if unset, templated, not 1.x, or before 1.20.
std::optional<KubeMinor> feature_gate_version(const Cluster& c);

/// A well-formed gate item (a name and a boolean) with the table's answer for it.
struct JudgedGate {
  const FeatureGate* gate;
  GateLookup at;
  /// The minor it was looked up at (feature_gate_version).
  KubeMinor version;
  const FeatureGateTable* table;
};

/// Every well-formed gate item of `c` looked up at feature_gate_version(c); empty when that
/// version is unknown. The table is parsed only when there are items.
std::vector<JudgedGate> judged_gates(const Cluster& c);

/// The version a lookup answered for: "1.34", or "1.35 (the newest kubegate knows; ...)" beyond it.
std::string answered_version(const GateLookup& at, KubeMinor version, const FeatureGateTable& table);

/// Who gets a gate item, for messages: "kubelet", or "every component it is passed to".
std::string gate_recipients(const FeatureGate& g);

/// The source variable and item as a user wrote them: `kubelet_feature_gates item "X=true"`.
std::string gate_item(const FeatureGate& g);

}  // namespace kubegate
