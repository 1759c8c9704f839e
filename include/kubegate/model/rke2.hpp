// How RKE2 reads its settings: roles, list values, Windows paths.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kubegate/model.hpp"

namespace kubegate {

/// True when the node runs `rke2 server`.
inline bool rke2_server(const Node& n) { return n.has(role_control_plane); }

/// The items of a list-or-scalar setting as RKE2 reads them (a scalar is one item); empty when unset.
std::vector<Value> rke2_items(const Setting& s);

/// The items with comma-separated values split (cni, cluster-cidr), each with the column it starts at.
std::vector<Value> rke2_comma_items(const Setting& s);

/// True when the text is an absolute Windows path ("C:\\x", "c:/x").
bool is_windows_path(std::string_view text);

}  // namespace kubegate
