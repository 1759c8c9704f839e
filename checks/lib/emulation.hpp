// Which `--emulated-version` a control-plane component accepts (schemas/kubernetes/emulated-version.json),
// read by emulated-version-invalid and by the feature-gate checks, which judge a component's
// gates at the version it emulates.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "kubegate/model.hpp"

namespace kubegate {

/// The document the rules are read from.
inline constexpr std::string_view kEmulationDocument = "schemas/kubernetes/emulated-version.json";

/// The rules of the flag.
struct EmulationRules {
  /// The first minor with `--emulated-version`, and the oldest version any binary emulates.
  KubeMinor first;
  /// A binary emulates down to this many minors below its own (not below `first`).
  int minors_back = 3;
  /// The first minor each component is documented to have the flag in.
  std::map<std::string, KubeMinor, std::less<>> flag_from;
};

void from_json(const nlohmann::json& j, EmulationRules& out);

/// What a component of minor `binary` makes of one `--emulated-version`.
enum class EmulationFit : std::uint8_t {
  /// It emulates `EmulatedVersion::version`.
  fits,
  /// The value does not parse (`EmulatedVersion::problem`).
  malformed,
  /// The binary has no such flag.
  no_flag,
  /// The version is newer than the binary.
  too_new,
  /// The version is older than the binary emulates.
  too_old,
  /// kubegate cannot tell (a component not documented to have the flag at that minor, no version for "kube").
  cannot_tell,
};

/// How `e` fares on a component of minor `binary`.
EmulationFit emulation_fit(const EmulationRules& rules, const EmulatedVersion& e, KubeMinor binary);

/// The oldest minor a binary of minor `binary` emulates.
KubeMinor emulation_floor(const EmulationRules& rules, KubeMinor binary);

}  // namespace kubegate
