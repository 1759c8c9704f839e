// RKE2's own settings of a node, as fields, and how RKE2 reads them: roles, list values, Windows paths.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kubegate/model.hpp"

namespace kubegate {

/// config.yaml keys of one node (after drop-ins and tool defaults), each resolved when asked for.
class Rke2Node {
 public:
  explicit Rke2Node(const Node& n) : vars_(n.vars) {}
  /// The supervisor URL an agent or a joining server registers with.
  Setting server() const;
  /// The join secret, or the file that holds it.
  Setting token() const;
  Setting token_file() const;
  /// The CNI (or comma list of CNIs).
  Setting cni() const;
  /// The CIS profile.
  Setting profile() const;
  /// Extra names and addresses of the servers' certificate.
  Setting tls_san() const;
  /// Packaged components not to deploy.
  Setting disable() const;
  /// Fail instead of changing kernel settings.
  Setting protect_kernel_defaults() const;
  /// File mode of the admin kubeconfig.
  Setting write_kubeconfig_mode() const;
  /// The address the node advertises.
  Setting node_ip() const;
  /// The external address the node advertises.
  Setting node_external_ip() const;
  /// The pod network(s).
  Setting cluster_cidr() const;
  /// The cluster DNS service address.
  Setting cluster_dns() const;
  /// The cloud provider.
  Setting cloud_provider_name() const;
  /// Its configuration file.
  Setting cloud_provider_config() const;
  /// The ingress controller(s) a server deploys.
  Setting ingress_controller() const;
  /// The registry (host[:port]) of RKE2's own images.
  Setting system_default_registry() const;
  /// An external datastore (kine) in place of embedded etcd.
  Setting datastore_endpoint() const;
  /// A server that runs no etcd member.
  Setting disable_etcd() const;
  /// Labels and taints the kubelet registers the node with.
  Setting node_label() const;
  Setting node_taint() const;
 private:
  const Scope& vars_;
};

/// True when the node runs `rke2 server`.
inline bool rke2_server(const Node& n) { return n.has(role_control_plane); }

/// The items of a list-or-scalar setting as RKE2 reads them (a scalar is one item); empty when unset.
std::vector<Value> rke2_items(const Setting& s);

/// The items with comma-separated values split (cni, cluster-cidr), each with the column it starts at.
std::vector<Value> rke2_comma_items(const Setting& s);

/// True when the text is an absolute Windows path ("C:\\x", "c:/x").
bool is_windows_path(std::string_view text);

}  // namespace kubegate
