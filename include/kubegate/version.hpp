// Versions: releases ("v1.28.6", "2.24.0") compared numerically, and Kubernetes version strings
// split as Kubernetes itself splits them.
#pragma once

#include <compare>
#include <cstdint>
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

}  // namespace kubegate
