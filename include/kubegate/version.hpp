// Release versions ("v1.28.6", "2.24.0") compared numerically.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kubegate {

/// A MAJOR.MINOR.PATCH version; a pre-release or build suffix is kept as text.
struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;
  /// Whatever follows the patch number ("-alpha.1", "+rke2r1"), empty for a plain release.
  std::string suffix;

  /// Compares the numbers only.
  std::strong_ordering operator<=>(const Version& o) const;
  bool operator==(const Version& o) const { return (*this <=> o) == 0; }
  /// "1.28.6" (no leading v, no suffix).
  std::string str() const;
};

/// Parses "v1.28.6", "1.28", "2.24.0+rke2r1"; nullopt when it is not a version.
std::optional<Version> parse_version(std::string_view text);

}  // namespace kubegate
