// The `validation` facts of a Kubespray release document: how the release's inventory asserts
// treat networks and empty groups. Checks that mirror those asserts embed it in their Data.
#pragma once

#include <nlohmann/json.hpp>

namespace kubegate {

/// How the release's inventory validation behaves (schemas/kubespray/<release>.json `validation`).
struct InventoryValidation {
  /// The release asserts the IPv6 pod and service networks.
  bool ipv6_networks = false;
  /// The release's IPv4 network assert lets a network with host bits set through.
  bool ipv4_network_accepts_host_bits = false;
  /// The release's "group must not be empty" asserts pass a group the inventory never declares.
  bool undeclared_group_passes_empty_check = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InventoryValidation, ipv6_networks, ipv4_network_accepts_host_bits,
                                                undeclared_group_passes_empty_check)

/// The `validation` block alone, for the checks that read nothing else of the release.
struct ValidationData {
  InventoryValidation validation;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ValidationData, validation)

}  // namespace kubegate
