// The feature-gate table (schemas/feature-gates.json): what a Kubernetes component of one minor
// version makes of a gate name. Knowledge, handed to checks through kubegate::Knowledge.
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

#include "kubegate/version.hpp"

namespace kubegate {

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

}  // namespace kubegate
