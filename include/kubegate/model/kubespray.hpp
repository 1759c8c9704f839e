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
  /// The release's minimum containerd.
  Setting containerd_min_version_required;
  /// The inventory brings containerd's checksum itself (a *_checksums table or the checksum) or
  /// skips downloads: the first such setting it makes; empty when it leaves both to the release.
  Setting containerd_download_overridden;
  /// CRI-O version to install.
  Setting crio_version;
  /// The same as containerd_download_overridden, for CRI-O's archive.
  Setting crio_download_overridden;
  /// calico settings the calico role asserts.
  Setting calico_version;
  /// Name of the default IP pool.
  Setting calico_pool_name;
  /// IP-in-IP encapsulation (Always, CrossSubnet, Never).
  Setting calico_ipip_mode;
  /// IP-in-IP encapsulation of the IPv6 pool.
  Setting calico_ipip_mode_ipv6;
  /// VXLAN encapsulation (Always, CrossSubnet, Never).
  Setting calico_vxlan_mode;
  /// kdd or etcd.
  Setting calico_datastore;
  /// Nodes peer with calico route reflectors.
  Setting peer_with_calico_rr;
  /// cilium settings the cilium role asserts.
  Setting cilium_version;
  /// The oldest cilium the release accepts.
  Setting cilium_min_version_required;
  /// The cluster id for cluster mesh.
  Setting cilium_cluster_id;
  /// Transparent encryption is on.
  Setting cilium_encryption_enabled;
  /// ipsec or wireguard.
  Setting cilium_encryption_type;
  /// The IPsec key (a secret).
  Setting cilium_ipsec_key;
  /// vxlan, geneve or disabled.
  Setting cilium_tunnel_mode;
  /// Hubble's event buffer size.
  Setting cilium_hubble_event_buffer_capacity;
  /// How far cilium replaces kube-proxy.
  Setting cilium_kube_proxy_replacement;
  /// cilium is deployed beside another network plugin.
  Setting cilium_deploy_additionally;
};

/// Kubespray settings of one host (or of the cluster-wide scope), each resolved when asked for: kept
/// out of Node so that memory and time stay flat for inventories of 100,000 hosts.
class KubesprayHost {
 public:
  explicit KubesprayHost(const Scope& vars) : vars_(vars) {}
  /// The Kubernetes version of the host.
  Setting kube_version() const;
  /// The network plugin the host runs.
  Setting kube_network_plugin() const;
  Setting etcd_deployment_type() const;
  /// A dedicated etcd host gets a container runtime anyway.
  Setting deploy_container_engine() const;
  Setting ignore_assert_errors() const;
  /// The cluster uses IPv4 (Kubespray 2.28 and later).
  Setting ipv4_stack() const;
  /// Pods per node.
  Setting kubelet_max_pods() const;
  /// Prefix length of the node's pod block.
  Setting kube_network_node_prefix() const;
  /// The kubelet's staticPodPath.
  Setting kubelet_static_pod_path() const;
  /// Where kubeadm writes the static pod manifests.
  Setting kube_manifest_dir() const;
  /// The calico route reflector cluster id.
  Setting cluster_id() const;
  /// The architecture facts Kubespray derives image_arch from, and the mapping it uses.
  Setting ansible_architecture() const;
  /// The architecture the inventory states.
  Setting host_architecture() const;
  /// The architecture of the images and binaries downloaded.
  Setting image_arch() const;
  /// ansible_architecture -> image_arch.
  Setting _host_architecture_groups() const;
  /// Whether pod addresses come from the node's podCIDR (controller manager, calico and cilium IPAM).
  Setting kube_controller_manager_allocate_node_cidrs() const;
  /// calico uses host-local IPAM (the node's podCIDR).
  Setting calico_ipam_host_local() const;
  /// cluster-pool or kubernetes.
  Setting cilium_ipam_mode() const;
  /// kube-proxy's mode (iptables, ipvs, nftables).
  Setting kube_proxy_mode() const;
  /// Feature gates for every component, and for kube-proxy only.
  Setting kube_feature_gates() const;
  Setting kube_proxy_feature_gates() const;
  /// The address the node's components bind and advertise (IPv4, and IPv6 from v2.28.0).
  Setting ip() const;
  Setting ip6() const;
  /// The address other hosts reach the node at (etcd peers, API clients); `ip` when unset.
  Setting access_ip() const;
  Setting access_ip6() const;
  /// etcd's client and peer address for the host (up to v2.27.x its peer address too).
  Setting etcd_access_address() const;
  /// The address Ansible connects to; the inventory name when unset.
  Setting ansible_host() const;
  /// The etcd member name of the host.
  Setting etcd_member_name() const;
  /// NodeLocal DNSCache runs on every node, at `nodelocaldns_ip`.
  Setting enable_nodelocaldns() const;
  Setting nodelocaldns_ip() const;
  /// The container runtime of the host (containerd, crio, docker).
  Setting container_manager() const;
  /// The kubelet's cgroup driver when the inventory sets it (Kubespray detects it otherwise).
  Setting kubelet_cgroup_driver() const;
  /// containerd's runc runtime uses the systemd cgroup driver.
  Setting containerd_use_systemd_cgroup() const;
  /// containerd's default runtime handler, and the runc handler's settings.
  Setting containerd_default_runtime() const;
  Setting containerd_runc_runtime() const;
  /// CRI-O's cgroup driver.
  Setting crio_cgroup_manager() const;
  /// Docker's cgroup driver.
  Setting docker_cgroup_driver() const;

 private:
  const Scope& vars_;
};

/// The cluster-wide facts of a Kubespray inventory, from its cluster-wide scope.
KubesprayFacts kubespray_facts(const Scope& cluster);

}  // namespace kubegate
