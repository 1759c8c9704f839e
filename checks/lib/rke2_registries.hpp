// Shared by the rke2-windows-registry-* checks: whether the cluster's RKE2 release writes
// registries.yaml `configs` where a Windows agent's containerd ignores them (rancher/rke2#7103).
#pragma once

#include <optional>
#include <string>

#include "kubegate/check.hpp"

namespace kubegate {

/// True when Windows agents of the cluster's RKE2 release ignore registries.yaml configs; nullopt
/// when the release is not stated or kubegate cannot tell.
std::optional<bool> windows_registry_configs_ignored(const CheckContext& ctx);

/// The first release per minor whose Windows agents read the configs ("v1.29.14, v1.30.10, ...").
std::string windows_registry_fixed_releases(const CheckContext& ctx);

}  // namespace kubegate
