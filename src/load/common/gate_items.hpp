// Feature-gate items ("Name=bool") as Kubernetes components parse them, for every loader.
#pragma once

#include <string_view>
#include <vector>

#include "kubegate/model.hpp"

namespace kubegate {

/// Reads one `Name=value` item; the value is read as Go's strconv.ParseBool reads it.
FeatureGate parse_feature_gate(std::string_view item, std::string component, std::string source, SourceLoc loc);

/// Splits a comma-separated `--feature-gates` value into items; `loc` is where the list starts,
/// and each item's column is shifted by its offset in the list.
std::vector<FeatureGate> parse_feature_gate_list(std::string_view list, const std::string& component,
                                                 const std::string& source, SourceLoc loc);

}  // namespace kubegate
