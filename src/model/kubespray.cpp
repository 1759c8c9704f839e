#include "kubegate/model/kubespray.hpp"

#include <initializer_list>

namespace kubegate {

// The field is the variable: its name is spelled once, here.
#define KUBEGATE_FACT(name) f.name = vars.get(#name)

namespace {

/// The first of `names` the inventory sets (a boolean only when true); empty when it sets none.
Setting first_override(const Scope& vars, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    Setting s = vars.get(name);
    if (s && !s.is_default() && (s.value.kind != Value::Kind::boolean || s.value.boolean)) return s;
  }
  return {};
}

}  // namespace

KubesprayFacts kubespray_facts(const Scope& vars) {
  KubesprayFacts f;
  KUBEGATE_FACT(etcd_deployment_type);
  KUBEGATE_FACT(kube_owner);
  KUBEGATE_FACT(external_cloud_provider);
  KUBEGATE_FACT(ignore_assert_errors);
  KUBEGATE_FACT(kubelet_rotate_server_certificates);
  KUBEGATE_FACT(kubelet_csr_approver_enabled);
  KUBEGATE_FACT(kubelet_csr_approver_values);
  KUBEGATE_FACT(containerd_version);
  KUBEGATE_FACT(containerd_min_version_required);
  f.containerd_download_overridden = first_override(
      vars, {"containerd_archive_checksums", "containerd_static_archive_checksums", "containerd_archive_checksum",
             "containerd_static_archive_checksum", "containerd_checksum", "skip_downloads"});
  KUBEGATE_FACT(crio_version);
  f.crio_download_overridden =
      first_override(vars, {"crio_archive_checksums", "crio_archive_checksum", "skip_downloads"});
  KUBEGATE_FACT(calico_version);
  KUBEGATE_FACT(calico_pool_name);
  KUBEGATE_FACT(calico_ipip_mode);
  KUBEGATE_FACT(calico_ipip_mode_ipv6);
  KUBEGATE_FACT(calico_vxlan_mode);
  KUBEGATE_FACT(calico_datastore);
  KUBEGATE_FACT(peer_with_calico_rr);
  KUBEGATE_FACT(cilium_version);
  KUBEGATE_FACT(cilium_min_version_required);
  KUBEGATE_FACT(cilium_cluster_id);
  KUBEGATE_FACT(cilium_encryption_enabled);
  KUBEGATE_FACT(cilium_encryption_type);
  KUBEGATE_FACT(cilium_ipsec_key);
  KUBEGATE_FACT(cilium_tunnel_mode);
  KUBEGATE_FACT(cilium_hubble_event_buffer_capacity);
  KUBEGATE_FACT(cilium_kube_proxy_replacement);
  KUBEGATE_FACT(cilium_deploy_additionally);
  return f;
}

#undef KUBEGATE_FACT

// Each accessor looks its own variable up: the name is the accessor's.
#define KUBEGATE_HOST_FACT(name) \
  Setting KubesprayHost::name() const { return vars_.get(#name); }
KUBEGATE_HOST_FACT(kube_version)
KUBEGATE_HOST_FACT(kube_network_plugin)
KUBEGATE_HOST_FACT(etcd_deployment_type)
KUBEGATE_HOST_FACT(deploy_container_engine)
KUBEGATE_HOST_FACT(ignore_assert_errors)
KUBEGATE_HOST_FACT(ipv4_stack)
KUBEGATE_HOST_FACT(kubelet_max_pods)
KUBEGATE_HOST_FACT(kube_network_node_prefix)
KUBEGATE_HOST_FACT(kubelet_static_pod_path)
KUBEGATE_HOST_FACT(kube_manifest_dir)
KUBEGATE_HOST_FACT(cluster_id)
KUBEGATE_HOST_FACT(ansible_architecture)
KUBEGATE_HOST_FACT(host_architecture)
KUBEGATE_HOST_FACT(image_arch)
KUBEGATE_HOST_FACT(_host_architecture_groups)
KUBEGATE_HOST_FACT(kube_controller_manager_allocate_node_cidrs)
KUBEGATE_HOST_FACT(calico_ipam_host_local)
KUBEGATE_HOST_FACT(cilium_ipam_mode)
KUBEGATE_HOST_FACT(kube_proxy_mode)
KUBEGATE_HOST_FACT(kube_feature_gates)
KUBEGATE_HOST_FACT(kube_proxy_feature_gates)
KUBEGATE_HOST_FACT(ip)
KUBEGATE_HOST_FACT(ip6)
KUBEGATE_HOST_FACT(access_ip)
KUBEGATE_HOST_FACT(access_ip6)
KUBEGATE_HOST_FACT(etcd_access_address)
KUBEGATE_HOST_FACT(ansible_host)
KUBEGATE_HOST_FACT(etcd_member_name)
KUBEGATE_HOST_FACT(enable_nodelocaldns)
KUBEGATE_HOST_FACT(nodelocaldns_ip)
KUBEGATE_HOST_FACT(container_manager)
KUBEGATE_HOST_FACT(kubelet_cgroup_driver)
KUBEGATE_HOST_FACT(containerd_use_systemd_cgroup)
KUBEGATE_HOST_FACT(containerd_default_runtime)
KUBEGATE_HOST_FACT(containerd_runc_runtime)
KUBEGATE_HOST_FACT(crio_cgroup_manager)
KUBEGATE_HOST_FACT(docker_cgroup_driver)
#undef KUBEGATE_HOST_FACT

}  // namespace kubegate
