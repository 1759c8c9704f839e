// RKE2's own settings of a node, as fields, and how RKE2 reads them: roles, list values, Windows paths.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kubegate/model.hpp"

namespace kubegate {

/// config.yaml keys of one node (after drop-ins and tool defaults), resolved when asked for.
struct Rke2NodeFacts {
  /// The supervisor URL an agent or a joining server registers with.
  Setting server;
  /// The join secret, or the file that holds it.
  Setting token;
  Setting token_file;
  Setting cni;
  Setting profile;
  Setting tls_san;
  Setting disable;
  Setting protect_kernel_defaults;
  Setting write_kubeconfig_mode;
  Setting node_ip;
  Setting node_external_ip;
  Setting cluster_cidr;
  Setting cluster_dns;
  Setting cloud_provider_name;
  Setting cloud_provider_config;
};

/// The facts of node `n`.
Rke2NodeFacts rke2_node(const Node& n);

/// True when the node runs `rke2 server`.
inline bool rke2_server(const Node& n) { return n.has(role_control_plane); }

/// The items of a list-or-scalar setting as RKE2 reads them (a scalar is one item); empty when unset.
std::vector<Value> rke2_items(const Setting& s);

/// The items with comma-separated values split (cni, cluster-cidr), each with the column it starts at.
std::vector<Value> rke2_comma_items(const Setting& s);

/// True when the text is an absolute Windows path ("C:\\x", "c:/x").
bool is_windows_path(std::string_view text);

}  // namespace kubegate
