// `--emulated-version` values as Kubernetes control-plane components parse them, for every loader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kubegate/model.hpp"

namespace kubegate {

/// Reads one `--emulated-version` value: a comma-separated list of `[component=]major.minor`,
/// where a bare version is the Kubernetes components' ("kube").
EmulatedVersion parse_emulated_version(std::string_view value, std::string component, std::string source,
                                       SourceLoc loc);

/// The `--emulated-version` values of a whitespace-separated command line ("--v=2 --emulated-version=1.33");
/// `loc` is where the line starts, and each value's column is shifted by its offset in it.
std::vector<EmulatedVersion> emulated_versions_in_flags(std::string_view flags, const std::string& component,
                                                        const std::string& source, SourceLoc loc);

}  // namespace kubegate
