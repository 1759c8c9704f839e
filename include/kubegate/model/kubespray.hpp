// Kubespray's own settings, as fields: the loader resolves them (Ansible precedence, Jinja) and
// checks read fields, never variable names. Variables whose names are a check's subject (removed,
// misspelled, asserted booleans) stay reachable through Cluster::settings.
#pragma once

#include "kubegate/model/settings.hpp"

namespace kubegate {

/// Kubespray settings of the cluster, as its first control-plane host sees them (Kubespray runs
/// its run_once tasks there); filled once at load time.
struct KubesprayFacts {
  /// host, kubeadm or docker.
  Setting etcd_deployment_type;
  /// The owner of Kubespray's files and folders (/opt/cni/bin with cilium).
  Setting kube_owner;
  /// The external cloud controller with cloud_provider external (vsphere, openstack, ...).
  Setting external_cloud_provider;
  /// Kubespray's own assert failures are ignored (calico's checks are skipped then).
  Setting ignore_assert_errors;
  /// kubelet serving certificates are rotated (turns on kubelet-csr-approver by default).
  Setting kubelet_rotate_server_certificates;
  /// kubelet-csr-approver is installed.
  Setting kubelet_csr_approver_enabled;
  /// Helm values of kubelet-csr-approver (tolerations).
  Setting kubelet_csr_approver_values;
  /// containerd version to install, and the release's minimum.
  Setting containerd_version;
  Setting containerd_min_version_required;
  /// The inventory brings containerd's checksum itself (a *_checksums table or the checksum) or
  /// skips downloads: the first such setting it makes; empty when it leaves both to the release.
  Setting containerd_download_overridden;
  /// calico settings the calico role asserts.
  Setting calico_version;
  Setting calico_pool_name;
  Setting calico_ipip_mode;
  Setting calico_ipip_mode_ipv6;
  Setting calico_vxlan_mode;
  Setting calico_datastore;
  /// Nodes peer with calico route reflectors.
  Setting peer_with_calico_rr;
  /// cilium settings the cilium role asserts.
  Setting cilium_version;
  Setting cilium_min_version_required;
  Setting cilium_cluster_id;
  Setting cilium_encryption_enabled;
  Setting cilium_encryption_type;
  Setting cilium_ipsec_key;
  Setting cilium_tunnel_mode;
  Setting cilium_hubble_event_buffer_capacity;
  Setting cilium_kube_proxy_replacement;
  /// cilium is deployed beside another network plugin.
  Setting cilium_deploy_additionally;
};

/// Kubespray settings of one host, resolved when asked for (kept out of Node so that memory stays
/// flat for inventories of 100,000 hosts).
struct KubesprayHostFacts {
  Setting kube_version;
  Setting kube_network_plugin;
  Setting etcd_deployment_type;
  /// A dedicated etcd host gets a container runtime anyway.
  Setting deploy_container_engine;
  Setting ignore_assert_errors;
  /// The cluster uses IPv4 (Kubespray 2.28 and later).
  Setting ipv4_stack;
  Setting kubelet_max_pods;
  Setting kube_network_node_prefix;
  Setting kubelet_static_pod_path;
  Setting kube_manifest_dir;
  /// The calico route reflector cluster id.
  Setting cluster_id;
  /// The architecture facts Kubespray derives image_arch from, and the mapping it uses.
  Setting ansible_architecture;
  Setting host_architecture;
  Setting image_arch;
  Setting _host_architecture_groups;
  /// Whether pod addresses come from the node's podCIDR (controller manager, calico and cilium IPAM).
  Setting kube_controller_manager_allocate_node_cidrs;
  Setting calico_ipam_host_local;
  Setting cilium_ipam_mode;
};

/// The cluster-wide facts of a Kubespray inventory, from its cluster-wide scope.
KubesprayFacts kubespray_facts(const Scope& cluster);

/// The facts of one host (or of the cluster-wide scope), resolved now.
KubesprayHostFacts kubespray_host(const Scope& host);

}  // namespace kubegate
