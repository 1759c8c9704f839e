#!/usr/bin/env python3
"""Generate one kubegate release descriptor for a Kubespray release.

Usage:
    python3 schemas/kubespray/gen_release.py --git-dir DIR --ref v2.24.0 \
        > schemas/kubespray/v2.24.0.json
    python3 schemas/kubespray/gen_release.py --git-dir DIR --all schemas/kubespray
        (every tag from OLDEST_TAG (v2.16.0) on, and master)

DIR is a (bare or normal) git directory of kubernetes-sigs/kubespray; REF is a
tag or branch.  Everything is read with `git show REF:path`, nothing is checked
out and no Ansible is needed.

What is extracted mechanically from the YAML of the release:
  * "defaults": every top-level variable of the defaults role
    (roles/kubespray-defaults or roles/kubespray_defaults: defaults/main/*.yml
    and, with higher precedence, vars/main.yml or vars/main/*.yml), except the
    big *_checksums dicts, plus a few other role defaults the linter needs
    (see EXTRA_ROLE_DEFAULTS).  Values are what PyYAML's safe loader returns
    (Ansible uses the same YAML 1.1 rules); Jinja stays a raw string, the
    Ansible tags !unsafe / !vault are read as plain values, dates become
    ISO strings.  Later files override earlier ones (Ansible order: files of a
    defaults/main or vars/main directory are loaded alphabetically, vars/
    beats defaults/).  Grouped by the file whose definition wins:
    {file: {name: value}}.
  * "kube_versions": keys of kubelet_checksums["amd64"], without a leading
    "v", newest first.
  * "kube_versions_by_arch": per architecture, the versions that have a key in
    kubelet_checksums, kubeadm_checksums and kubectl_checksums alike.
  * "containerd_versions": keys of containerd_archive_checksums and
    containerd_static_archive_checksums, any architecture, newest first: the
    containerd_version values the release can download.
  * "crio_versions": keys of crio_archive_checksums, any architecture, as
    written (v1.28.2 up to some releases, 1.36.3 later), newest first: the
    crio_version values the release can download (empty before the table).

What cannot sensibly be parsed (it lives in playbooks, `when:` clauses and
assert expressions) is kept in the hand-written table HAND_READ below, one
entry per release, each with a comment naming the upstream file/lines it was
read from.  A patch tag without an entry of its own (v2.24.2) reuses the
newest entry of its minor series only when every file that entry lists in
"read_from" is byte-identical (same git blob) to the one at the entry's
verified commit; otherwise the script stops and names the file that differs.
For a ref whose commit differs from the commit its entry was verified against
(e.g. a newer master) it prints a warning on stderr - re-read the named files
and update the table.
"""

import argparse
import datetime
import json
import subprocess
import sys

import yaml

REPOSITORY = "kubernetes-sigs/kubespray"

# Role defaults outside the defaults role: (candidate files, name prefixes kept).
EXTRA_ROLE_DEFAULTS = [
    (["roles/kubernetes/node/defaults/main.yml"], ("kubelet_max_pods",)),
    (["roles/kubernetes-apps/kubelet-csr-approver/defaults/main.yml",
      "roles/kubernetes-apps/kubelet_csr_approver/defaults/main.yml"],
     ("kubelet_csr_approver_",)),
    (["roles/kubernetes-apps/external_cloud_controller/vsphere/defaults/main.yml"],
     ("external_vsphere_",)),
    # Network plugin role defaults (calico_*/typha_* of calico_defaults, cilium_* of cilium):
    # the values the late calico and cilium asserts judge (_NETWORK_PLUGIN_CHECKS below).
    # (calico_defaults from v2.23.3; up to v2.23.2 the calico role's own defaults)
    (["roles/network_plugin/calico_defaults/defaults/main.yml",
      "roles/network_plugin/calico/defaults/main.yml"], ("calico_", "typha_")),
    (["roles/network_plugin/cilium/defaults/main.yml"], ("cilium_",)),
    # --- kubegate app checks (metallb-strict-arp, external-cloud-credentials) ---
    (["roles/kubernetes-apps/metallb/defaults/main.yml"], ("metallb_",)),
    (["roles/kubernetes/control-plane/defaults/main/kube-proxy.yml"], ("kube_proxy_strict_arp",)),
    (["roles/kubernetes-apps/external_cloud_controller/openstack/defaults/main.yml"],
     ("external_openstack_",)),
    (["roles/kubernetes-apps/external_cloud_controller/huaweicloud/defaults/main.yml"],
     ("external_huaweicloud_",)),
    (["roles/kubernetes-apps/external_cloud_controller/oci/defaults/main.yml"],
     ("external_oracle_",)),
]
# Role defaults that only some releases have (no warning when absent).
OPTIONAL_ROLE_DEFAULTS = {
    "roles/kubernetes-apps/external_cloud_controller/oci/defaults/main.yml",  # from v2.27.0
    "roles/kubernetes-apps/kubelet-csr-approver/defaults/main.yml",  # from v2.22.0
    "roles/kubernetes-apps/external_cloud_controller/huaweicloud/defaults/main.yml",  # from v2.23.0
}

# ---------------------------------------------------------------------------
# Hand-read facts.  One entry per minor series (its .0 tag) plus the patch tags whose files
# differ, plus master.  Line numbers refer to the files at the entry's "verified_commit";
# "read_from" lists every file the entry was read from: a patch tag without an entry of its
# own reuses the newest entry of its series only when each of these files has the same git
# blob id there (see entry_for()).
# ---------------------------------------------------------------------------
_VALIDATE_INVENTORY = "roles/validate_inventory/tasks/main.yml"
_VERIFY_SETTINGS = "roles/kubernetes/preinstall/tasks/0040-verify-settings.yml"
_BOILERPLATE = "playbooks/boilerplate.yml"
_DYNAMIC_GROUPS = "roles/dynamic_groups/tasks/main.yml"
_CLUSTER = "playbooks/cluster.yml"
_APPS_META = "roles/kubernetes-apps/meta/main.yml"
_DEFAULTS_TASKS = "roles/kubespray-defaults/tasks/main.yaml"

_ALIASES_WITH_K8S_CLUSTER = {
    "kube-master": "kube_control_plane", "kube-node": "kube_node",
    "k8s-cluster": "k8s_cluster", "calico-rr": "calico_rr",
    "no-floating": "no_floating",
}
_ALIASES_DYNAMIC = {k: v for k, v in _ALIASES_WITH_K8S_CLUSTER.items()
                    if k != "k8s-cluster"}

# --- enumerations ----------------------------------------------------------
_PLUGINS_WEAVE = ["calico", "flannel", "weave", "cloud", "cilium", "cni", "kube-ovn",
                  "kube-router", "macvlan", "custom_cni"]
_PLUGINS_WEAVE_NONE = _PLUGINS_WEAVE + ["none"]            # v2.27.0 .. v2.28.x
_PLUGINS_NONE = [p for p in _PLUGINS_WEAVE_NONE if p != "weave"]  # v2.29.0 ..
_CLOUD_IN_TREE = ["gce", "aws", "azure", "openstack", "vsphere", "oci", "external"]
_EXTERNAL_CLOUDS = ["hcloud", "huaweicloud", "oci", "openstack", "vsphere"]
_ENUMS_COMMON = {
    "dns_mode": ["coredns", "coredns_dual", "manual", "none"],
    "cert_management": ["script", "none"],
    "resolvconf_mode": ["docker_dns", "host_resolvconf", "none"],
    "etcd_deployment_type": ["host", "docker", "kubeadm"],  # docker only with container_manager docker
    "container_manager": ["docker", "crio", "containerd"],
}
# v2.24.x .. v2.26.x, 0040-verify-settings.yml: one assert per variable; cloud_provider only
# when defined (no default before v2.27); no assert on external_cloud_provider.
_ENUMS_V224 = {**_ENUMS_COMMON, "kube_network_plugin": _PLUGINS_WEAVE,
               "kube_proxy_mode": ["iptables", "ipvs"], "cloud_provider": _CLOUD_IN_TREE}
# v2.27.x: `none` plugin; in-tree providers gone (cloud_provider == 'external' when truthy);
# external_cloud_provider enum, `manual` only from v2.27.1.
_ENUMS_V227 = {**_ENUMS_V224, "kube_network_plugin": _PLUGINS_WEAVE_NONE,
               "cloud_provider": ["", "external"], "external_cloud_provider": _EXTERNAL_CLOUDS}
_ENUMS_V2271 = {**_ENUMS_V227, "external_cloud_provider": _EXTERNAL_CLOUDS + ["manual"]}
# v2.28.x: validate_inventory, one assert with 8 conditions; nftables accepted; weave still in.
_ENUMS_V228 = {**_ENUMS_V2271, "kube_proxy_mode": ["iptables", "ipvs", "nftables"]}
# v2.29.0 ..: weave dropped.
_ENUMS_V229 = {**_ENUMS_V228, "kube_network_plugin": _PLUGINS_NONE}

# --- string booleans (type_debug == 'bool') ----------------------------------
_STRING_BOOLEANS_V224 = ["download_run_once", "deploy_netchecker", "download_always_pull",
                         "helm_enabled", "openstack_lbaas_enabled"]
_STRING_BOOLEANS_V231 = [b for b in _STRING_BOOLEANS_V224 if b != "deploy_netchecker"]

# --- "when A, B must ..." asserts ---------------------------------------------
# `when` must be true (or, with `when_value`, equal to it) for the rule to apply.
_COMBINATIONS = [
    {"when": "download_localhost", "var": "download_run_once", "op": "true"},
    {"when": "kata_containers_enabled", "var": "container_manager", "op": "not_equal", "value": "docker"},
    {"when": "gvisor_enabled", "var": "container_manager", "op": "equal", "value": "containerd"},
    {"when": "kube_external_ca_mode", "var": "auto_renew_certificates", "op": "false"},
]
_DASHBOARD_RBAC = {"when": "dashboard_enabled", "var": "rbac_enabled", "op": "true"}
_OCI_RBAC = {"when": "cloud_provider", "when_value": "oci", "var": "rbac_enabled", "op": "true"}
_ETCD_KUBEADM = {"when": "etcd_kubeadm_enabled", "var": "etcd_deployment_type", "op": "equal",
                 "value": "kubeadm"}

# --- removed variables ---------------------------------------------------------
_CONTAINERD_CONFIG_ASSERTED = {"name": "containerd_config", "asserted": True, "since": "2.22.0"}
_CONTAINERD_CONFIG_IGNORED = {"name": "containerd_config", "asserted": False, "since": "2.28.0"}
# "inert_value": the value that asks for nothing (the old role default, false): setting it is
# harmless where the release ignores the variable or only deprecates it.
_ETCD_KUBEADM_DEPRECATED = {"name": "etcd_kubeadm_enabled", "asserted": False, "since": "deprecated",
                            "inert_value": False}
_ETCD_KUBEADM_ASSERTED = {"name": "etcd_kubeadm_enabled", "asserted": True, "since": "2.28.0"}
_ETCD_KUBEADM_IGNORED = {"name": "etcd_kubeadm_enabled", "asserted": False, "since": "2.28.0",
                         "inert_value": False}
_STATIC_POD_PATH = {"name": "kubelet_static_pod_path", "asserted": True, "since": "2.31.0"}
_EVICTION_HARD_CP = {"name": "eviction_hard_control_plane", "asserted": True, "since": "2.31.0"}

_SET_FACT_ETCD_KUBEADM = [{"when_true": "etcd_kubeadm_enabled", "sets": "etcd_deployment_type",
                           "value": "kubeadm", "source": _DEFAULTS_TASKS}]
_CONTAINERD_CHECK = {"skip_versions": ["latest", "edge", "stable"], "container_manager": "containerd"}
_NO_IPV6 = {"ipv6_networks": False, "ipv4_network_accepts_host_bits": False,
            "undeclared_group_passes_empty_check": False}
_WITH_IPV6 = {**_NO_IPV6, "ipv6_networks": True}

# Facts shared by v2.24.x .. v2.27.x (roles/kubernetes/preinstall/tasks/0040-verify-settings.yml).
_PREINSTALL_ERA = {
    "validation_file": _VERIFY_SETTINGS,
    # group_by plays of boilerplate.yml, no dynamic k8s_cluster before v2.27.0
    "group_aliases": _ALIASES_WITH_K8S_CLUSTER,
    "k8s_cluster_is_dynamic": False,
    "set_facts": _SET_FACT_ETCD_KUBEADM,
    # `ipaddr('net')` truthiness rejects host bits; groups.get(...) truthiness fails an
    # undeclared group; no IPv6 network asserts.
    "validation": _NO_IPV6,
    # cluster.yml: kubelet-csr-approver in play "Invoke kubeadm and install a CNI", the
    # external cloud controller in the later play "Install Kubernetes apps".
    "csr_approver_before_cloud_controller": True,
    "max_pods_check_exempt_plugins": ["calico"],
    "node_capacity_check_exempt_plugins": ["calico"],
    "string_booleans": _STRING_BOOLEANS_V224,
    "removed_variables": [_CONTAINERD_CONFIG_ASSERTED, _ETCD_KUBEADM_DEPRECATED],
    "containerd_version_check": _CONTAINERD_CHECK,
    # "Stop if using deprecated comma separated list for admission plugins"
    "comma_free_first_item": ["kube_apiserver_enable_admission_plugins"],
    "checksum_assert": False,
    "kube_owner_root_for_plugins": None,
    "versions_without_leading_v": [],
}
_V224_READ = [_VERIFY_SETTINGS, _BOILERPLATE, _CLUSTER, _DEFAULTS_TASKS]

_V224 = {
    **_PREINSTALL_ERA,
    "verified_commit": "64447e745e53d3f486356d03ecb195729a302ea1",
    "read_from": _V224_READ,
    # 0040 l.2-9 loops over kube_control_plane and kube_node (V01)
    "required_groups": ["kube_control_plane", "kube_node"],
    # enums: l.31-37 plugin (V05), l.195-200 dns_mode, l.202-207 kube_proxy_mode, l.209-213
    # cert_management, l.215-220 resolvconf_mode, l.222-227 + l.235-241 etcd_deployment_type,
    # l.229-233 container_manager, l.155-164 cloud_provider when defined (V18)
    "enums": _ENUMS_V224,
    # l.85-93 max pods (V11), l.187-193 node capacity (V22): both `!= 'calico'`
    # l.46-57 string booleans (V07)
    # removed: l.296-302 containerd_config assert (V36); l.243-261 etcd_kubeadm_enabled only
    # warns, after roles/kubespray-defaults/tasks/main.yaml l.29-35 set_fact it to kubeadm
    # combinations: l.263-267 (V31), l.269-273 (V32), l.275-279 (V33), l.304-310 (V37),
    # l.128-133 dashboard -> rbac (V14), l.135-140 oci -> rbac (V15), l.255-261 (V30)
    "combinations": _COMBINATIONS + [_DASHBOARD_RBAC, _OCI_RBAC, _ETCD_KUBEADM],
    # l.287-294 containerd_version >= containerd_min_version_required (V35); l.312-318 (V38)
}
_V2241 = {
    **_V224,
    "verified_commit": "2cb8c8544fc5aeff7e1bc0865e65837dd6e8eaca",
    # only roles/kubespray-defaults/tasks/main.yaml differs from v2.24.0 (fallback_ips /
    # no_proxy moved into a block); the set_fact is now l.22-28.  0040, boilerplate.yml
    # l.7-50 and cluster.yml l.42-52 / l.72-79 are the v2.24.0 blobs.
}
_V225 = {
    **_V224,
    "verified_commit": "7e0a40725067f7818bb0cd4acaf27a6620af6e3f",
    # 0040 adds a cgroups command (l.80-85, facts) and the pkgs asserts (l.327-336, role data);
    # lines after l.77 move by 7: required groups l.2-9, plugin l.31-37, max pods l.92-100,
    # dashboard l.135-140, oci l.142-147, cloud_provider l.162-171, node capacity l.194-200,
    # enums l.202-248, etcd_kubeadm l.251-268, combinations l.270-287 and l.311-317,
    # containerd l.294-301, admission plugins l.319-325, booleans l.43-57 unchanged.
    # boilerplate.yml (same blob as v2.24.0); set_fact: kubespray-defaults tasks l.22-28.
}
_V2251 = {
    **_V225,
    "verified_commit": "f4dd4056daef907dc9fa47989fed92b98737a496",
    # 0040 l.2-6 (task name unchanged) only asserts kube_control_plane now
    "required_groups": ["kube_control_plane"],
}
_V226 = {
    **_V2251,
    "verified_commit": "f9ebd45c749647c0e8fdd55ea58d0fb0b6612d08",
    # 0040 same asserts as v2.25.1 (task renamed "Stop if kube_control_plane group is empty",
    # l.2-6); boilerplate.yml l.7-50 same five group_by plays; cluster.yml l.42-53 / l.73-80.
}
_V227 = {
    **_V226,
    "verified_commit": "9ec9b3a202ab15f7577cfd755df9b11881edde83",
    # playbooks/boilerplate.yml l.9-31: one group_by over group_mappings (kube-master,
    # kube-node, calico-rr, no-floating) that also builds k8s_cluster from kube_node,
    # kube_control_plane and calico_rr; k8s-cluster no longer mapped.
    "group_aliases": _ALIASES_DYNAMIC,
    "k8s_cluster_is_dynamic": True,
    # 0040: plugin l.43-49 adds 'none'; cloud_provider l.176-184 (== 'external' when truthy,
    # default "" from v2.27.0); external_cloud_provider l.186-194; the oci -> rbac assert is
    # gone; dashboard l.156-161; etcd_kubeadm l.283-300; containerd l.326-333; admission
    # plugins l.351-357.  Set_fact: kubespray-defaults tasks l.28-34.
    "enums": _ENUMS_V227,
    "combinations": _COMBINATIONS + [_DASHBOARD_RBAC, _ETCD_KUBEADM],
}
_V2271 = {
    **_V227,
    "verified_commit": "45140b558266014296ddc6075b0518662a4d4cbe",
    # 0040 l.186-194 adds 'manual' to external_cloud_provider; set_fact l.29-35.
    "enums": _ENUMS_V2271,
}

# v2.28.0 ..: roles/validate_inventory/tasks/main.yml, run from boilerplate.yml.
_V228 = {
    "verified_commit": "63cdf87915421dda5955281f38401fd1b55b230b",
    "read_from": [_VALIDATE_INVENTORY, _VERIFY_SETTINGS, _BOILERPLATE, _CLUSTER, _APPS_META],
    "validation_file": _VALIDATE_INVENTORY,
    # boilerplate.yml l.9-31 (same mapping as v2.27.0), l.33-38 runs validate_inventory
    "group_aliases": _ALIASES_DYNAMIC,
    "k8s_cluster_is_dynamic": True,
    # etcd_kubeadm_enabled: l.229-235 asserts it is not defined; no set_fact any more
    "set_facts": [],
    # l.58-62 control plane (the only required group); l.140-206 IPv4 and IPv6 network asserts
    "required_groups": ["kube_control_plane"],
    "validation": _WITH_IPV6,
    # cluster.yml l.80-92: external_cloud_controller in "Install Kubernetes apps"; the csr
    # approver is a dependency of role kubernetes-apps (meta/main.yml l.100-105), after it.
    "csr_approver_before_cloud_controller": False,
    # l.109-117 max pods: not in ['calico', 'none']; l.164-172 / l.198-206: != 'calico'
    "max_pods_check_exempt_plugins": ["calico", "none"],
    "node_capacity_check_exempt_plugins": ["calico"],
    # l.208-220 (8 conditions); l.126-131 cloud_provider == 'external' when truthy;
    # l.133-138 external_cloud_provider
    "enums": _ENUMS_V228,
    # l.86-95 (deploy_netchecker still listed)
    "string_booleans": _STRING_BOOLEANS_V224,
    # containerd_config: no assert and no reader in roles/ or playbooks/ (git grep)
    "removed_variables": [_ETCD_KUBEADM_ASSERTED, _CONTAINERD_CONFIG_IGNORED],
    # l.237-241, l.243-247, l.249-253, l.264-270, l.119-124 (dashboard -> rbac)
    "combinations": _COMBINATIONS + [_DASHBOARD_RBAC],
    # l.255-262
    "containerd_version_check": _CONTAINERD_CHECK,
    "comma_free_first_item": [],
    "checksum_assert": False,
    # 0040-verify-settings.yml has no kube_owner assert
    "kube_owner_root_for_plugins": None,
    # l.5-56: these versions must not start with 'v' (only the ones the release defines)
    "versions_without_leading_v": [
        "argocd_version", "aws_ebs_csi_plugin_version", "azure_csi_plugin_version", "calico_version",
        "calico_apiserver_version", "calico_ctl_version", "calico_typha_version", "cert_manager_version",
        "cilium_cli_version", "cilium_version", "cinder_csi_plugin_version", "cni_version",
        "dnsautoscaler_version", "flannel_cni_version", "flannel_version", "gateway_api_version",
        "gcp_pd_csi_plugin_version", "helm_version", "kube_ovn_version", "kube_router_version",
        "kube_version", "kube_vip_version", "local_path_provisioner_version",
        "local_volume_provisioner_version", "metallb_version", "metrics_server_version",
        "multus_version", "netcheck_version", "runc_version", "skopeo_version", "yq_version",
        "etcd_version", "pod_infra_version"],
}
_V229 = {
    **_V228,
    "verified_commit": "9991412b4597d6eaf37f86e5f20f9f903a731c08",
    "read_from": _V228["read_from"] + [_DYNAMIC_GROUPS],
    # boilerplate.yml l.9-15 runs roles dynamic_groups (tasks l.2-20: same mapping) and
    # validate_inventory.  validate_inventory: the leading-v and etcd_kubeadm_enabled asserts
    # are gone (l.9-15 now asserts on the `master` tag: command line, not inventory);
    # l.167-179 drops weave; dashboard -> rbac l.78-83; booleans l.45-54; containerd l.205-212.
    "enums": _ENUMS_V229,
    "removed_variables": [_ETCD_KUBEADM_IGNORED, _CONTAINERD_CONFIG_IGNORED],
    "versions_without_leading_v": [],
}
_V230 = {
    **_V229,
    "verified_commit": "f4ccdb5e72395eaf9f3444056ebd1a6625ddb89a",
    # validate_inventory: only the tag assert is gone; dashboard -> rbac l.70-75, enums
    # l.159-171, booleans l.37-46, containerd l.197-204.
}
_V231 = {
    **_V230,
    "verified_commit": "1c9add48975060f45396b34d8e022c30d7f80dab",
    # validate_inventory l.9-18: removed_vars [kubelet_static_pod_path] (H01); l.48-56 drops
    # deploy_netchecker; the dashboard -> rbac assert is gone; l.217-225 asserts kube_version
    # is a key of kubeadm/kubelet/kubectl_checksums[image_arch] (H24); l.70-78 max pods,
    # l.118-126 / l.152-160 node capacity, l.162-174 enums, l.80-85 cloud_provider (truthy
    # guard), l.87-92 external_cloud_provider, l.200-207 containerd.
    "string_booleans": _STRING_BOOLEANS_V231,
    "removed_variables": [_STATIC_POD_PATH, _ETCD_KUBEADM_IGNORED, _CONTAINERD_CONFIG_IGNORED],
    "combinations": _COMBINATIONS,
    "checksum_assert": True,
}
_MASTER = {
    **_V231,
    "verified_commit": "46dbdd3994b32640bcd806b0097f50e8fdf1d514",
    # validate_inventory l.9-19 adds eviction_hard_control_plane (H01); l.81-85 asserts
    # cloud_provider in ["", 'external'] without a truthiness guard; l.97-105
    # `ipaddr('net') is not false` lets host bits through (kubespray#13304); l.23, l.29
    # `groups.get(...) != []` passes an undeclared group.
    "validation": {**_WITH_IPV6, "ipv4_network_accepts_host_bits": True,
                   "undeclared_group_passes_empty_check": True},
    "removed_variables": [_STATIC_POD_PATH, _EVICTION_HARD_CP, _ETCD_KUBEADM_IGNORED,
                          _CONTAINERD_CONFIG_IGNORED],
    # 0040-verify-settings.yml l.71-81 (P10, kubespray#13378): kube_owner == 'root' when
    # kube_network_plugin == 'cilium' or cilium_deploy_additionally
    "kube_owner_root_for_plugins": {"plugins": ["cilium"], "also_when": "cilium_deploy_additionally",
                                    "owner": "root", "file": _VERIFY_SETTINGS},
}

# ---------------------------------------------------------------------------
# v2.16.0 .. v2.23.x: the asserts are in roles/kubernetes/preinstall/tasks/0020-verify-settings.yml
# (0040-verify-settings.yml from v2.22.0), the legacy group mapping in legacy_groups.yml (one
# group_by play per dash name, k8s-cluster included; playbooks/legacy_groups.yml from v2.22.0),
# imported first by cluster.yml (playbooks/cluster.yml from v2.22.0).  Facts kubegate has no
# field for (the Kubernetes-version-dependent kata / dynamic kubelet config / graceful shutdown
# asserts, "rbac_enabled and kube_api_anonymous_auth when kube_apiserver_insecure_port == 0" up
# to v2.19.x, the calico asserts that live in 0020 up to v2.18.x) are not recorded.
# ---------------------------------------------------------------------------
_VERIFY_SETTINGS_0020 = "roles/kubernetes/preinstall/tasks/0020-verify-settings.yml"
_LEGACY_GROUPS_ROOT = "legacy_groups.yml"
_LEGACY_GROUPS = "playbooks/legacy_groups.yml"
_CLUSTER_ROOT = "cluster.yml"
_PLUGINS_CANAL = ["calico", "canal", "flannel", "weave", "cloud", "cilium", "cni", "kube-ovn",
                  "kube-router", "macvlan"]                                  # v2.18.0 .. v2.21.x
_PLUGINS_OVN4NFV = ["calico", "canal", "flannel", "weave", "cloud", "cilium", "cni", "ovn4nfv",
                    "kube-ovn", "kube-router", "macvlan"]                    # v2.16.0 .. v2.17.x
_CONTAINERD_CONFIG_ASSERTED_OLD = {"name": "containerd_config", "asserted": True, "since": "2.16.0"}
_CONTAINERD_CHECK_LATEST = {"skip_versions": ["latest"], "container_manager": "containerd"}

_OLD_ERA = {
    **_PREINSTALL_ERA,
    "validation_file": _VERIFY_SETTINGS_0020,
    # every release up to v2.23.x: l.2-9 `groups.get(item)` over both groups
    "required_groups": ["kube_control_plane", "kube_node"],
    # v2.16.0 .. v2.21.x: no kubelet-csr-approver role (roles/kubernetes-apps/kubelet-csr-approver
    # arrives in v2.22.0), so nothing is installed before the external cloud controller
    "csr_approver_before_cloud_controller": False,
    # the assert exists from v2.16.0 (kubespray#7398); "since" names that release here
    "removed_variables": [_CONTAINERD_CONFIG_ASSERTED_OLD, _ETCD_KUBEADM_DEPRECATED],
    # "Stop if using deprecated comma separated list for admission plugins" arrives in v2.21.0
    "comma_free_first_item": [],
}

# v2.16.0 (bcf6959): 0020-verify-settings.yml, legacy_groups.yml l.4-42 (five group_by plays),
# cluster.yml l.2-6 imports it first; roles/kubespray-defaults/tasks/main.yaml has no set_fact.
_V216_READ = [_VERIFY_SETTINGS_0020, _LEGACY_GROUPS_ROOT, _CLUSTER_ROOT, _DEFAULTS_TASKS]
_V216 = {
    **_OLD_ERA,
    "verified_commit": "bcf695913f5332c0acf08b206cc055c9482664d9",
    "read_from": _V216_READ,
    # etcd_kubeadm_enabled is the live switch up to v2.18.x (kubespray-defaults default false),
    # not a deprecated one: no set_fact, no warning, no assert about it.
    "set_facts": [],
    # 0020 l.31-37 plugin (ovn4nfv, canal); l.155-164 cloud_provider incl. 'generic' when defined;
    # l.240-245 dns_mode, l.247-252 kube_proxy_mode, l.254-258 cert_management, l.260-265
    # resolvconf_mode.  etcd_deployment_type (l.267-273 host/docker, l.275-282 host unless
    # docker) is asserted only when `not etcd_kubeadm_enabled`, a condition the enum cannot carry:
    # not recorded.  No container_manager assert before v2.19.0.
    "enums": {"dns_mode": _ENUMS_COMMON["dns_mode"], "cert_management": _ENUMS_COMMON["cert_management"],
              "resolvconf_mode": _ENUMS_COMMON["resolvconf_mode"], "kube_network_plugin": _PLUGINS_OVN4NFV,
              "kube_proxy_mode": ["iptables", "ipvs"],
              "cloud_provider": ["generic"] + _CLOUD_IN_TREE},
    # l.96-104 max pods `!= 'calico'`; no "IP range is enough for the nodes" assert before
    # v2.19.0 (node_capacity_asserted false; calico stays exempt: kubegate skips it anyway)
    "node_capacity_asserted": False,
    # l.57-68 string booleans (same five)
    "removed_variables": [_CONTAINERD_CONFIG_ASSERTED_OLD],  # l.311-317
    # l.284-288 download_localhost, l.290-294 kata; no gvisor (v2.17.0) or external-CA (v2.19.0)
    # assert; l.121-126 dashboard -> rbac, l.128-133 oci -> rbac
    "combinations": _COMBINATIONS[:2] + [_DASHBOARD_RBAC, _OCI_RBAC],
    # l.302-309: skipped only for containerd_version 'latest'
    "containerd_version_check": _CONTAINERD_CHECK_LATEST,
}
_V217 = {
    **_V216,
    "verified_commit": "b83e8b020a0da6befa852139fde01774f5d56a6b",
    # 0020 adds the calico version / eBPF asserts (l.50-67, calico: not recorded), the graceful
    # shutdown and dynamic kubelet config asserts (kube_version dependent: not recorded) and
    # l.332-336 gvisor -> containerd.  Plugin l.31-37, max pods l.132-140, dashboard l.157-162,
    # oci l.164-169, cloud_provider l.191-200, enums l.276-301, containerd l.344-351 ('latest'),
    # containerd_config l.353-359, booleans l.76-87.
    "combinations": _COMBINATIONS[:3] + [_DASHBOARD_RBAC, _OCI_RBAC],
}
_V218 = {
    **_V217,
    "verified_commit": "92f25bf267ffd3393f6caffa588169d3a44a799c",
    # 0020 l.31-37 drops ovn4nfv; l.174-183 drops 'generic' from cloud_provider; l.327-334
    # containerd skips latest/edge/stable.  Max pods l.115-123, booleans l.66-77, dashboard
    # l.140-145, oci l.147-152, enums l.253-278, gvisor l.315-319, containerd_config l.336-342.
    "enums": {**_V217["enums"], "kube_network_plugin": _PLUGINS_CANAL, "cloud_provider": _CLOUD_IN_TREE},
    "containerd_version_check": _CONTAINERD_CHECK,
}
_V219 = {
    **_OLD_ERA,
    "verified_commit": "1f65e6d3b5752f9a64d3038e45d705f272acae58",
    "read_from": _V216_READ,
    # roles/kubespray-defaults/tasks/main.yaml l.26-33: etcd_kubeadm_enabled true -> set_fact
    # etcd_deployment_type kubeadm (the _PREINSTALL_ERA rule); 0020 l.242-249 only warns, and
    # asserts etcd_deployment_type == 'kubeadm' when it is true (after the set_fact).
    # enums: l.31-37 plugin (canal, no custom_cni), l.154-163 cloud_provider when defined,
    # l.193-218 dns/proxy/cert/resolvconf, l.220-225 etcd_deployment_type host/docker/kubeadm,
    # l.227-231 container_manager, l.233-239 etcd host/kubeadm unless docker
    "enums": {**_ENUMS_V224, "kube_network_plugin": _PLUGINS_CANAL},
    # l.95-103 max pods `!= 'calico'`; l.186-191 "IP range is enough for the nodes" with no
    # plugin condition (the calico exemption arrives in v2.21.0)
    "node_capacity_check_exempt_plugins": [],
    # l.46-57 booleans; combinations l.251-255 download_localhost, l.267-271 kata, l.281-285
    # gvisor, l.310-316 external CA, l.120-125 dashboard, l.127-132 oci, l.242-249 etcd_kubeadm
    "combinations": _COMBINATIONS + [_DASHBOARD_RBAC, _OCI_RBAC, _ETCD_KUBEADM],
    # l.293-300 containerd (latest/edge/stable); containerd_config l.302-308
}
_V2191 = {
    **_V219,
    "verified_commit": "453dbcef1d10dd62481a836d26130f48073078d2",
    # 0020 differs from v2.19.0 only in the OS list of "Stop if unknown OS" (l.25-29); the
    # asserts recorded here and their lines are those of v2.19.0.
}
_V220 = {
    **_V219,
    "verified_commit": "18efdc2c51c5881c8647c06d02f8b505c5712876",
    # 0020: dynamic kubelet config, insecure-port RBAC and kata-version asserts gone; max pods
    # l.85-93, dashboard l.124-129, oci l.131-136, cloud_provider l.151-160, node capacity
    # l.183-188 (still no plugin condition), enums l.190-236, etcd_kubeadm l.239-246,
    # containerd l.282-289, external CA l.299-305.
}
_V221 = {
    **_V220,
    "verified_commit": "c4346e590f12239fe9f597cebdb00b5c0ffdc7b3",
    # 0020 l.185-191 node capacity `when: kube_network_plugin != 'calico'`; l.310-316 the
    # comma-separated admission plugins assert; dashboard l.126-131, oci l.133-138,
    # cloud_provider l.153-162, enums l.193-239, containerd l.285-292.
    "node_capacity_check_exempt_plugins": ["calico"],
    "comma_free_first_item": ["kube_apiserver_enable_admission_plugins"],
}
_V222_READ = [_VERIFY_SETTINGS, _LEGACY_GROUPS, _CLUSTER, _DEFAULTS_TASKS]
_V222 = {
    **_V221,
    "verified_commit": "4014a1cccb4d3d91aca79a374b092447af872ad7",
    "read_from": _V222_READ,
    "validation_file": _VERIFY_SETTINGS,
    # 0040 (renamed from 0020): l.31-37 plugin drops canal, adds custom_cni (= v2.24.0 list);
    # other asserts and lines as v2.21.0.  playbooks/legacy_groups.yml l.4-47 same five plays.
    "enums": _ENUMS_V224,
    # playbooks/cluster.yml l.85 kubernetes-apps/kubelet-csr-approver (with network_plugin),
    # l.109 external_cloud_controller in a later play; the approver's meta/main.yml l.16 `wait: true`
    "csr_approver_before_cloud_controller": True,
}
_V2222 = {
    **_V222,
    "verified_commit": "12a65c45e994d62b41811e3ae165181a3ac4383b",
    # 0040 l.4 `groups.get( item )` instead of `groups.get('{{ item }}')`: same test; nothing
    # else differs from v2.22.0.
}
_V223 = {
    **_V222,
    "verified_commit": "c33e4d7bb76cadb52707b2714bb199885563f2a9",
    # 0040: lint-only changes and the etcd_kubeadm block's keys reordered (l.244-253);
    # dashboard l.128-133, oci l.135-140, cloud_provider l.155-164, node capacity l.187-193,
    # enums l.195-241, containerd l.287-294, comma list l.312-318.  playbooks/cluster.yml l.92
    # csr approver, l.119 external cloud controller.  Set_fact: kubespray-defaults tasks l.26-33.
}
_V2232 = {
    **_V223,
    "verified_commit": "ca271b8a650b16d64d960c1b10c93e7faba7f8b2",
    # 0040 l.4 `groups.get( item )` again; lines as v2.24.0 (the v2.24.0 comments apply).
}


HAND_READ = {
    "v2.16.0": _V216, "v2.17.0": _V217, "v2.18.0": _V218, "v2.19.0": _V219, "v2.19.1": _V2191,
    "v2.20.0": _V220, "v2.21.0": _V221, "v2.22.0": _V222, "v2.22.2": _V2222, "v2.23.0": _V223,
    "v2.23.2": _V2232,
    "v2.24.0": _V224, "v2.24.1": _V2241, "v2.25.0": _V225, "v2.25.1": _V2251,
    "v2.26.0": _V226, "v2.27.0": _V227, "v2.27.1": _V2271, "v2.28.0": _V228,
    "v2.29.0": _V229, "v2.30.0": _V230, "v2.31.0": _V231, "master": _MASTER,
}
OLDEST_TAG = "v2.16.0"


# ---------------------------------------------------------------------------
# Network plugin role asserts (calico, cilium): hand-read, per release series.
# These run late (calico's from roles/kubernetes/preinstall/tasks/main.yml when
# kube_network_plugin == 'calico' and not ignore_assert_errors; cilium's when the
# network_plugin/cilium role runs) but only read inventory values and defaults.
# Line numbers: v2.24.0 / master (46dbdd3) of
#   roles/network_plugin/calico/tasks/check.yml (_CALICO_CHECK)
#   roles/network_plugin/cilium/tasks/check.yml (_CILIUM_CHECK)
# `git log v2.24.0..master` on both files: calico cluster_id must be IPv4 from
# v2.25.0 (245454855), azure assert gone in v2.27.0 (437026f51), checksum table
# renamed in v2.28.0 / v2.31.0; cilium hubble buffer assert from v2.26.0
# (edce2b528), min version 1.10 -> 1.15 in v2.28.0 (a role default, read mechanically).
# ---------------------------------------------------------------------------
_CALICO_CHECK = "roles/network_plugin/calico/tasks/check.yml"
_CILIUM_CHECK = "roles/network_plugin/cilium/tasks/check.yml"
_CALICO_MODES = ["Always", "CrossSubnet", "Never"]


def _release_tuple(ref):
    """(2, 24, 0) for v2.24.0; None for master."""
    return version_key(ref[1:]) if ref.startswith("v") else None


def _since(ref, first):
    """True when `ref` is release `first` or later (master always)."""
    v = _release_tuple(ref)
    return v is None or v >= version_key(first)


def _pool_name_chars():
    """The characters calico_pool_name may use: Python's reading (Ansible's `match` test) of
    the class in check.yml l.110 / l.101 '^[a-zA-Z0-9-_\\\\.]{2,63}$', probed over ASCII."""
    import re
    pattern = re.compile(r"^[a-zA-Z0-9-_\.]{2,63}$")
    return "".join(ch for ch in map(chr, range(32, 127)) if pattern.match(ch * 2))


def _checksum_keys(repo, path):
    """Keys of a checksum table in the defaults role (path: variable name, then sub-keys)."""
    table = None
    for f in defaults_files(repo):
        data = repo.load(f)
        if isinstance(data, dict) and path[0] in data:
            table = data[path[0]]
    for key in path[1:]:
        table = (table or {}).get(key)
    if not isinstance(table, dict):
        sys.exit(f"checksum table {'.'.join(path)} not found")
    return [str(k) for k in table]


def network_plugin_checks(repo, ref):
    if _since(ref, "2.31.0"):  # v2.31.0 l.30 / master l.30
        versions = ["calico_crds_checksums", "no_arch"]
    elif _since(ref, "2.28.0"):  # v2.28.0 l.30
        versions = ["calico_crds_archive_checksums", "no_arch"]
    else:  # v2.24.0 l.41
        versions = ["calico_crds_archive_checksums"]
    calico = {
        "file": _CALICO_CHECK,
        # l.2-24 (both): assert each is not defined; the name each message points to
        "legacy_variables": {"ipip": "calico_ipip_mode", "ipip_mode": "calico_ipip_mode",
                             "calcio_ipam_autoallocateblocks": "calico_ipam_autoallocateblocks"},
        # v2.24.0 l.115-130 / master l.106-121
        "values": [{"var": "calico_network_backend", "allowed": ["bird", "vxlan", "none"]},
                   {"var": "calico_ipip_mode", "allowed": _CALICO_MODES},
                   {"var": "calico_vxlan_mode", "allowed": _CALICO_MODES}],
        # v2.24.0 l.106-113 / master l.97-104: defined and matching the pattern
        "pool_name": {"chars": _pool_name_chars(), "min": 2, "max": 63},
        # v2.24.0 l.132-150 / master l.123-141: ipip in these => vxlan Never, and back
        "encapsulation_on": ["Always", "CrossSubnet"],
        # v2.24.0 l.199-207 (enable_dual_stack_networks) / master l.229-236 (ipv6_stack)
        "ipv6_ipip_must_be": "Never",
        # v2.24.0 l.181-197 / master l.211-227: calico_datastore == "kdd" when either is true
        "kdd_required_by": ["calico_apiserver_enabled", "typha_enabled"],
        # v2.24.0 l.27-36 (gone in v2.27.0): with cloud_provider azure
        "azure": None if _since(ref, "2.27.0") else {
            "calico_ipip_mode": ["Never"], "calico_vxlan_mode": ["Always", "CrossSubnet"]},
        # v2.24.0 l.85-94 (defined) / master l.75-85 (defined and ansible.utils.ipv4)
        "rr_cluster_id_ipv4": _since(ref, "2.25.0"),
        # v2.24.0 l.38-44 / master l.27-33: calico_version must be a key of this table
        "versions_table": ".".join(versions),
        "versions": _checksum_keys(repo, versions),
    }
    cilium = {
        "file": _CILIUM_CHECK,
        # l.32-35 (always), l.45-49 (when cilium_encryption_enabled), both releases
        "values": [{"var": "cilium_identity_allocation_mode", "allowed": ["crd", "kvstore"]},
                   {"var": "cilium_encryption_type", "allowed": ["ipsec", "wireguard"],
                    "when": "cilium_encryption_enabled"}],
        # l.37-43: 0 <= cilium_cluster_id <= 255 when defined
        "cluster_id_range": [0, 255],
        # l.2-10: cilium_ipsec_key defined when encryption on, type ipsec, tunnel in these
        "ipsec_key_tunnel_modes": ["vxlan"],
        # templates/cilium/secret.yml.j2 l.4 renders cilium_ipsec_key whenever ipsec is on
        # (tasks/install.yml l.55); gone with the helm chart in v2.28.0
        "ipsec_key_templated": not _since(ref, "2.28.0"),
        # l.12-21: legacy cilium_ipsec_enabled needs cilium_encryption_type ipsec
        "legacy_ipsec_flag": "cilium_ipsec_enabled",
        # master l.65-69 (from v2.26.0): one of 2^n - 1, n = 1..16, when defined
        "hubble_event_buffer_capacities": [2 ** n - 1 for n in range(1, 17)]
        if _since(ref, "2.26.0") else [],
        # l.51-54: cilium_version >= cilium_min_version_required (a role default)
        # templates/cilium/config.yml.j2 l.172-177 at v2.27.x: from cilium 1.16 the value
        # is turned into "true" (strict or truthy) / "false"; other releases pass it as is
        # (config.yml.j2 l.153 at v2.24.0; values.yaml.j2 l.33 `kubeProxyReplacement` from v2.28.0)
        "kube_proxy_replacement_boolean_from":
            "1.16" if _since(ref, "2.27.0") and not _since(ref, "2.28.0") else "",
    }
    if not _since(ref, "2.20.0"):
        _older_plugin_checks(ref, calico, cilium)
    return {"calico": calico, "cilium": cilium}


def _older_plugin_checks(ref, calico, cilium):
    """What check.yml of calico and cilium asserted before v2.20.0 (from v2.20.0 to v2.23.x the
    asserts recorded above are those of v2.24.0: `git diff v2.20.0 v2.24.0` on both files
    touches only tasks that read the running cluster, and cilium's check.yml is the v2.24.0 blob
    from v2.20.0 on).  Absent checks get the values the C++ reads as "no such check"."""
    # calico check.yml v2.19.0 l.2-16: ipip and ipip_mode asserted not defined; the
    # calcio_ipam_autoallocateblocks assert arrives in v2.20.0.  Up to v2.18.x none.
    calico["legacy_variables"] = ({"ipip": "calico_ipip_mode", "ipip_mode": "calico_ipip_mode"}
                                  if _since(ref, "2.19.0") else {})
    if not _since(ref, "2.19.0"):
        # v2.16.0 .. v2.18.x check.yml l.2-38: pool name, backend (when defined), modes and the
        # two IP-in-IP/VXLAN asserts only.  No IPv6 IP-in-IP or kdd assert (both from v2.19.0).
        calico["ipv6_ipip_must_be"] = ""
        calico["kdd_required_by"] = []
        # The azure and calico-version asserts of these releases are in
        # roles/kubernetes/preinstall/tasks/0020-verify-settings.yml (l.39-48, and l.50-57 from
        # v2.17.0), not in this file: not recorded (an empty table means no check).
        calico["azure"] = None
        calico["versions_table"] = ""
        calico["versions"] = []
        # cilium check.yml v2.16.0 .. v2.18.x l.2-9: only "cilium_ipsec_key is defined" when
        # cilium_ipsec_enabled and cilium_tunnel_mode vxlan, a flag the model reads only as the
        # legacy one: not recorded.  No value, cluster id or encryption-type assert.
        cilium["values"] = []
        del cilium["cluster_id_range"]
        cilium["ipsec_key_tunnel_modes"] = []
        cilium["ipsec_key_templated"] = False
        cilium["legacy_ipsec_flag"] = ""


# ---------------------------------------------------------------------------
# Application-stage facts (kubegate checks metallb-strict-arp,
# external-cloud-credentials, csr-approver-generic-cni).  Kubespray checks these
# only in the kubernetes-apps stage, after the cluster is up; they read nothing
# but inventory variables, so kubegate can check them before the deploy.
# `late_asserts`: a task fails when every `when` condition holds:
#   truthy / falsy (Jinja truthiness; an undefined variable counts as falsy),
#   equal `value`, not_in `values` (undefined counts as not in).
# `subject` is the variable the task complains about; findings point at it, else at the
# last condition variable the inventory sets.  Line numbers refer to
# v2.24.0 unless noted; the named files are identical from v2.24.0 to master
# except where a series below says otherwise (checked with `git diff`).
# ---------------------------------------------------------------------------
_ECC = "roles/kubernetes-apps/external_cloud_controller"


def _ccm_gate(provider):
    # {_ECC}/meta/main.yml l.3-42 (v2.24.0), l.3-42 (master): the provider role runs
    # when cloud_provider == "external" and external_cloud_provider == provider.
    return [{"var": "cloud_provider", "is": "equal", "value": "external"},
            {"var": "external_cloud_provider", "is": "equal", "value": provider}]


def _missing(provider, file, task, subject, *extra):
    """A `<subject> is not defined or not <subject>` task, plus extra conditions."""
    return {"check": "external-cloud-credentials", "file": file, "task": task, "subject": subject,
            "when": _ccm_gate(provider) + list(extra) + [{"var": subject, "is": "falsy"}]}


def _falsy(var):
    return {"var": var, "is": "falsy"}


def _truthy(var):
    return {"var": var, "is": "truthy"}


_VSPHERE_CHECK = f"{_ECC}/vsphere/tasks/vsphere-credentials-check.yml"
_VSPHERE_TASK = "External vSphere Cloud Provider | check {} value"
# l.2-5 vcenter_ip, l.7-10 port, l.12-15 insecure, l.17-20 user, l.22-26 password, l.28-32 datacenter
_CREDENTIALS_VSPHERE = [
    _missing("vsphere", _VSPHERE_CHECK, _VSPHERE_TASK.format("external_vsphere_" + v), "external_vsphere_" + v)
    for v in ("vcenter_ip", "vcenter_port", "insecure", "user", "password", "datacenter")]

_OS_CHECK = f"{_ECC}/openstack/tasks/openstack-credential-check.yml"
_OS_TASK = "External OpenStack Cloud Controller | check {} value"
_OS = "external_openstack_"
_OS_APP = _OS + "application_credential_name"
_CREDENTIALS_OPENSTACK = [
    # l.2-5
    _missing("openstack", _OS_CHECK, _OS_TASK.format(_OS + "auth_url"), _OS + "auth_url"),
    # l.8-13: neither a user name nor an application credential
    _missing("openstack", _OS_CHECK, _OS_TASK.format(f"{_OS}username or {_OS_APP}"), _OS + "username",
             _falsy(_OS_APP)),
    # l.16-22, l.25-31: an application credential needs its id and secret
    _missing("openstack", _OS_CHECK, _OS_TASK.format(_OS + "application_credential_id"),
             _OS + "application_credential_id", _truthy(_OS_APP)),
    _missing("openstack", _OS_CHECK, _OS_TASK.format(_OS + "application_credential_secret"),
             _OS + "application_credential_secret", _truthy(_OS_APP)),
    # l.34-42: a user name without an application credential needs a password
    _missing("openstack", _OS_CHECK, _OS_TASK.format(_OS + "password"), _OS + "password",
             _truthy(_OS + "username"), _falsy(_OS_APP), _falsy(_OS + "application_credential_secret")),
    # l.45-48
    _missing("openstack", _OS_CHECK, _OS_TASK.format(_OS + "region"), _OS + "region"),
    # l.51-57, l.60-66: tenant and domain, unless an application credential is used
    _missing("openstack", _OS_CHECK, _OS_TASK.format(_OS + "tenant_id"), _OS + "tenant_id",
             _falsy(_OS + "tenant_name"), _falsy(_OS_APP)),
    _missing("openstack", _OS_CHECK, _OS_TASK.format(_OS + "domain_id"), _OS + "domain_id",
             _falsy(_OS + "domain_name"), _falsy(_OS_APP)),
]

_HW_CHECK = f"{_ECC}/huaweicloud/tasks/huaweicloud-credential-check.yml"
_HW_TASK = "External Huawei Cloud Controller | check {} value"
_HW = "external_huaweicloud_"
_CREDENTIALS_HUAWEI = [
    # l.2-5, l.8-12, l.14-20 (secret key only checked when an access key is set), l.23-26, l.29-33
    _missing("huaweicloud", _HW_CHECK, _HW_TASK.format(_HW + "auth_url"), _HW + "auth_url"),
    _missing("huaweicloud", _HW_CHECK, _HW_TASK.format(_HW + "access_key"), _HW + "access_key"),
    _missing("huaweicloud", _HW_CHECK, _HW_TASK.format(_HW + "secret_key"), _HW + "secret_key",
             _truthy(_HW + "access_key")),
    _missing("huaweicloud", _HW_CHECK, _HW_TASK.format(_HW + "region"), _HW + "region"),
    _missing("huaweicloud", _HW_CHECK, _HW_TASK.format(_HW + "project_id"), _HW + "project_id"),
]

# v2.27.0 and later: {_ECC}/oci/tasks/main.yml l.2-10 (assert `| length > 0` of five auth
# variables unless external_oracle_auth_use_instance_principals), l.12-19 (four settings and
# the security list management mode in All / Frontend / None).
_OCI_MAIN = f"{_ECC}/oci/tasks/main.yml"
_OCI = "external_oracle_"
_CREDENTIALS_OCI = [
    _missing("oci", _OCI_MAIN, "External OCI Cloud Controller Manager | Check credentials", _OCI + "auth_" + v,
             _falsy(_OCI + "auth_use_instance_principals"))
    for v in ("key", "region", "tenancy", "user", "fingerprint")
] + [
    _missing("oci", _OCI_MAIN, "External OCI Cloud Controller Manager | Check settings", _OCI + v)
    for v in ("compartment", "vcn", "load_balancer_subnet1", "load_balancer_subnet2")
] + [{
    "check": "external-cloud-credentials", "file": _OCI_MAIN,
    "task": "External OCI Cloud Controller Manager | Check settings",
    "subject": _OCI + "load_balancer_security_list_management_mode",
    "when": _ccm_gate("oci") + [{"var": _OCI + "load_balancer_security_list_management_mode",
                                  "is": "not_in", "values": ["All", "Frontend", "None"]}]}]

_METALLB_MAIN = "roles/kubernetes-apps/metallb/tasks/main.yml"
_METALLB_TASK = "Kubernetes Apps | Check cluster settings for MetalLB"
# roles/kubernetes-apps/meta/main.yml l.114-119 (master l.109-114): the role runs when
# metallb_enabled; its first task (l.2-6) fails with kube_proxy_mode ipvs and no strict ARP.
_METALLB_WHEN = [{"var": "kube_proxy_mode", "is": "equal", "value": "ipvs"},
                 _truthy("metallb_enabled"),
                 _falsy("kube_proxy_strict_arp")]
_METALLB = {"check": "metallb-strict-arp", "file": _METALLB_MAIN, "task": _METALLB_TASK,
            "subject": "kube_proxy_strict_arp", "when": _METALLB_WHEN}
# master l.2-7 (kubespray#13228, commit e97333dbf): skipped when kube_proxy_remove
_METALLB_MASTER = dict(_METALLB, when=[_falsy("kube_proxy_remove")] + _METALLB_WHEN)

_KUBE_VIP_FILE = "roles/kubernetes/node/tasks/loadbalancer/kube-vip.yml"
_KUBE_VIP_TASK = "Kube-vip  | Check cluster settings for kube-vip"
# roles/kubernetes/node/tasks/main.yml l.24-28 (v2.24.0; master l.19-23): imported on control-plane
# hosts when kube_vip_enabled; its first task (l.2-7, from v2.20.0, kubespray#9223) fails with
# kube_proxy_mode ipvs, no strict ARP and kube_vip_arp_enabled. The node role runs before kubeadm.
_KUBE_VIP_WHEN = [_truthy("kube_vip_enabled"),
                  {"var": "kube_proxy_mode", "is": "equal", "value": "ipvs"},
                  _falsy("kube_proxy_strict_arp"),
                  _truthy("kube_vip_arp_enabled")]
_KUBE_VIP = {"check": "kube-vip-strict-arp", "file": _KUBE_VIP_FILE, "task": _KUBE_VIP_TASK,
             "subject": "kube_proxy_strict_arp", "when": _KUBE_VIP_WHEN}
# v2.20.0 .. v2.22.x spell the task "kube-vip  | ..."
_KUBE_VIP_V220 = dict(_KUBE_VIP, task="kube-vip  | Check cluster settings for kube-vip")
# master l.2-8 (kubespray#13228, commit e97333dbf): skipped when kube_proxy_remove
_KUBE_VIP_MASTER = dict(_KUBE_VIP, when=[_falsy("kube_proxy_remove")] + _KUBE_VIP_WHEN)

_APP_SERIES = [  # (first release of the series, facts); the last series whose start <= ref wins
    # v2.16.0 .. v2.22.x: metallb tasks/main.yml l.2-6, the vsphere and openstack credential
    # checks (same blob as v2.24.0 for vsphere, lint-only differences for openstack up to
    # v2.22.x) and the gate of {_ECC}/meta/main.yml l.3-22; no huaweicloud role before v2.23.0.
    ((2, 16, 0), {
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK,
        # no kubelet-csr-approver role before v2.22.0
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": False,
    }),
    ((2, 20, 0), {  # kube-vip's strict ARP task (kubespray#9223)
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + [_KUBE_VIP_V220],
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": False,
    }),
    ((2, 22, 0), {  # roles/kubernetes-apps/kubelet-csr-approver/meta/main.yml l.16 `wait: true`,
        # playbooks/cluster.yml l.84-85 installs it right after network_plugin
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + [_KUBE_VIP_V220],
        "csr_approver_helm_waits_with_generic_cni": True,
        "kubelet_static_pod_path_read": False,
    }),
    ((2, 23, 0), {  # {_ECC}/huaweicloud (credential check: the v2.24.0 blob), meta l.33-42
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI
        + [_KUBE_VIP],
        "csr_approver_helm_waits_with_generic_cni": True,
        "kubelet_static_pod_path_read": False,
    }),
    ((2, 24, 0), {
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI
        + [_KUBE_VIP],
        # roles/kubernetes-apps/kubelet-csr-approver/meta/main.yml l.16 `wait: true`, and
        # playbooks/cluster.yml l.51-52 installs it right after network_plugin
        "csr_approver_helm_waits_with_generic_cni": True,
        "kubelet_static_pod_path_read": False,
    }),
    ((2, 27, 0), {  # commit e8bdd47ec (kubespray#11704): wait/atomic = kube_network_plugin != 'cni'
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI
        + _CREDENTIALS_OCI + [_KUBE_VIP],
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": False,
    }),
    ((2, 29, 0), {  # roles/kubernetes/node/defaults/main.yml l.187 (v2.30.0 l.184), template l.25
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI
        + _CREDENTIALS_OCI + [_KUBE_VIP],
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": True,
    }),
    ((2, 31, 0), {  # kubespray#12970 reverted the variable; validate_inventory asserts it removed
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI
        + _CREDENTIALS_OCI + [_KUBE_VIP],
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": False,
    }),
    ((9999,), {  # master
        "late_asserts": [_METALLB_MASTER] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK
        + _CREDENTIALS_HUAWEI + _CREDENTIALS_OCI + [_KUBE_VIP_MASTER],
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": False,
    }),
]


def app_facts(ref):
    """The application-stage facts of a ref ("master" or "vX.Y.Z")."""
    want = (9999,) if ref == "master" else tuple(int(p) for p in ref.lstrip("v").split(".")[:3])
    return [facts for start, facts in _APP_SERIES if start <= want][-1]


# ---------------------------------------------------------------------------
class _Loader(yaml.SafeLoader):
    """SafeLoader that reads Ansible's !unsafe / !vault tags as plain values."""


def _plain(loader, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


for _tag in ("!unsafe", "!vault", "!vault-encrypted"):
    _Loader.add_constructor(_tag, _plain)


def jsonable(value, where):
    """Make a loaded YAML value JSON-serialisable (dates -> ISO strings)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                print(f"warning: non-string key {k!r} in {where}", file=sys.stderr)
                k = json.dumps(k) if not isinstance(k, (int, float)) else str(k)
            out[k] = jsonable(v, where)
        return out
    if isinstance(value, (list, tuple)):
        return [jsonable(v, where) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


class Repo:
    def __init__(self, git_dir, ref):
        self.git_dir = git_dir
        self.commit = self._git("rev-parse", "--verify", ref + "^{commit}").strip()
        self.files = set(self._git("ls-tree", "-r", "--name-only", self.commit).split("\n"))

    def _git(self, *args):
        return subprocess.run(["git", "--git-dir", self.git_dir, *args], check=True,
                              capture_output=True, text=True).stdout

    def load(self, path):
        data = yaml.load(self._git("show", f"{self.commit}:{path}"), Loader=_Loader)
        return data or {}

    def blob(self, path):
        """Git blob id of `path`, or None when the file does not exist."""
        out = self._git("ls-tree", self.commit, "--", path).split()
        return out[2] if len(out) >= 3 else None

    def under(self, prefix):
        return sorted(f for f in self.files if f.startswith(prefix)
                      and f.endswith((".yml", ".yaml")))


def defaults_role(repo):
    for d in ("roles/kubespray_defaults", "roles/kubespray-defaults"):
        if repo.under(d + "/defaults/"):
            return d
    sys.exit("no kubespray defaults role found")


def role_layer(repo, role, kind):
    """Files of <role>/<kind>/main.yml or <role>/<kind>/main/*, in load order."""
    single = [f for f in (f"{role}/{kind}/main.yml", f"{role}/{kind}/main.yaml")
              if f in repo.files]
    return single + repo.under(f"{role}/{kind}/main/")


# Up to v2.23.x the download versions and the checksum tables (kubelet_checksums, ...) are role
# defaults of roles/download, which cluster.yml runs in the same play as kubespray-defaults and
# kubernetes/preinstall (so the preinstall asserts see them); v2.24.0 moved them into the
# defaults role.  Names both roles define have the same value there (checked for v2.16.0 to
# v2.23.x); the defaults role's file is kept.
_DOWNLOAD_DEFAULTS = "roles/download/defaults"


def download_defaults(repo):
    """Files of roles/download/defaults in Ansible's order, [] from v2.24.0.  Ansible takes
    defaults/main.yml over a defaults/main/ folder (v2.22.2 has both; the folder is unused
    there), else the folder's files alphabetically (v2.23.x)."""
    single = [f for f in (f"{_DOWNLOAD_DEFAULTS}/main.yml", f"{_DOWNLOAD_DEFAULTS}/main.yaml")
              if f in repo.files]
    return single[:1] or repo.under(f"{_DOWNLOAD_DEFAULTS}/main/")


def defaults_files(repo):
    """Every file of defaults the release applies before the inventory, lowest first: the
    download role's (up to v2.23.x), the defaults role's defaults, then its vars."""
    role = defaults_role(repo)
    return download_defaults(repo) + role_layer(repo, role, "defaults") + role_layer(repo, role, "vars")


_ARCH_TABLES = ("kubelet_checksums", "kubeadm_checksums", "kubectl_checksums")
# The containerd archives the release can download (any architecture, static or not).
_CONTAINERD_TABLES = ("containerd_archive_checksums", "containerd_static_archive_checksums")
# The CRI-O archives (keys as written: crio_version is looked up in it as it is).
_CRIO_TABLE = "crio_archive_checksums"


def collect(repo):
    """Return (defaults dict, kubelet amd64 versions, {table: {arch: versions}}, containerd versions,
    crio versions)."""
    defaults, versions, tables, containerd, crio = {}, None, {}, set(), set()

    def add(path, keep=None):
        nonlocal versions
        data = repo.load(path)
        if not isinstance(data, dict):
            return
        for name, value in data.items():
            if name == "kubelet_checksums":
                versions = list((value or {}).get("amd64", {}).keys())
            if name in _CONTAINERD_TABLES:
                containerd.update(str(v) for by_version in (value or {}).values() for v in (by_version or {}))
            if name == _CRIO_TABLE:
                crio.update(str(v) for by_version in (value or {}).values() for v in (by_version or {}))
            if name in _ARCH_TABLES:
                tables[name] = {arch: [str(v) for v in (by_version or {})]
                                for arch, by_version in (value or {}).items()}
            if name.endswith("_checksums") or (keep and not name.startswith(keep)):
                continue
            defaults[name] = {"value": jsonable(value, f"{path}:{name}"), "file": path}

    # Lowest first: other roles' defaults, defaults role defaults, defaults role vars.
    for candidates, keep in EXTRA_ROLE_DEFAULTS:
        found = [c for c in candidates if c in repo.files]
        if not found and not OPTIONAL_ROLE_DEFAULTS.intersection(candidates):
            print(f"warning: none of {candidates} present", file=sys.stderr)
        for path in found:
            add(path, keep)
    for path in defaults_files(repo):
        add(path)
    if versions is None:
        sys.exit("kubelet_checksums not found")
    return defaults, versions, tables, containerd, crio


def version_key(v):
    return tuple(int(p) if p.isdigit() else -1 for p in v.replace("-", ".").split("."))


def plain_versions(versions):
    """Versions without a leading v, newest first."""
    return sorted({str(v).lstrip("v") for v in versions}, key=version_key, reverse=True)


def versions_by_arch(tables):
    """arch -> versions present in the kubelet, kubeadm and kubectl tables of that arch."""
    if set(tables) != set(_ARCH_TABLES):
        sys.exit(f"checksum tables missing: {sorted(set(_ARCH_TABLES) - set(tables))}")
    arches = set.intersection(*(set(t) for t in tables.values()))
    out = {}
    for arch in sorted(arches):
        common = set.intersection(*(set(t[arch]) for t in tables.values()))
        if common:
            out[arch] = plain_versions(common)
    return out


def tag_key(ref):
    """(major, minor, patch) of a tag vX.Y.Z."""
    return tuple(int(p) for p in ref[1:].split("."))


def entry_for(git_dir, ref, repo):
    """The HAND_READ entry (name, facts) that describes `ref`; exits when none applies."""
    if ref in HAND_READ:
        name = ref
    else:
        if not ref.startswith("v") or ref.count(".") != 2:
            sys.exit(f"no hand-read entry for {ref}; add one to HAND_READ first")
        series = [r for r in HAND_READ if r.startswith("v") and tag_key(r)[:2] == tag_key(ref)[:2]
                  and tag_key(r) <= tag_key(ref)]
        if not series:
            sys.exit(f"no hand-read entry for the {ref} series; add one to HAND_READ first")
        name = max(series, key=tag_key)
    hand = dict(HAND_READ[name])
    verified = hand.pop("verified_commit")
    if name == ref:
        if repo.commit != verified:
            print(f"warning: {ref} is now {repo.commit}; the hand-read fields were "
                  "verified against another commit - re-check them", file=sys.stderr)
        return name, hand
    checked = Repo(git_dir, verified)
    for path in hand["read_from"]:
        if repo.blob(path) != checked.blob(path):
            sys.exit(f"{ref}: {path} differs from {name} ({verified[:12]}); read it and add a "
                     f"HAND_READ entry for {ref}")
    return name, hand


def by_file(defaults):
    """{file: {name: value}}: each variable once, under the file whose definition wins (one object
    per file instead of one per variable keeps the document small and quick to load)."""
    out = {}
    for name, entry in defaults.items():
        out.setdefault(entry["file"], {})[name] = entry["value"]
    return out


def describe(git_dir, ref):
    """The release descriptor of `ref` as a dict."""
    repo = Repo(git_dir, ref)
    entry, hand = entry_for(git_dir, ref, repo)
    read_from = hand.pop("read_from")
    defaults, versions, tables, containerd, crio = collect(repo)
    return {
        "release": ref[1:] if ref.startswith("v") else ref,
        "source": {"repository": REPOSITORY, "ref": ref, "commit": repo.commit,
                   "hand_read": {"entry": entry, "files": read_from}},
        "defaults": by_file(defaults),
        "kube_versions": plain_versions(versions),
        "kube_versions_by_arch": versions_by_arch(tables),
        "containerd_versions": plain_versions(containerd),
        "crio_versions": sorted(crio, key=lambda v: version_key(v.lstrip("v")), reverse=True),
        **hand,
        "network_plugin_checks": network_plugin_checks(repo, ref),
        "apps": app_facts(ref),
    }


def all_refs(git_dir):
    """Every tag vX.Y.Z from OLDEST_TAG on, oldest first, then master."""
    out = subprocess.run(["git", "--git-dir", git_dir, "tag", "-l", "v*"], check=True,
                         capture_output=True, text=True).stdout.split()
    tags = [t for t in out if t.count(".") == 2 and all(p.isdigit() for p in t[1:].split("."))
            and tag_key(t) >= tag_key(OLDEST_TAG)]
    return sorted(tags, key=tag_key) + ["master"]


def write(descriptor, stream):
    json.dump(descriptor, stream, indent=1, sort_keys=True, ensure_ascii=False)
    stream.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git-dir", required=True)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--ref", help="tag (v2.24.0) or branch (master); the JSON goes to stdout")
    group.add_argument("--all", metavar="OUT_DIR",
                       help=f"write OUT_DIR/<ref>.json for every tag from {OLDEST_TAG} and master")
    args = ap.parse_args()

    if args.ref:
        write(describe(args.git_dir, args.ref), sys.stdout)
        return
    for ref in all_refs(args.git_dir):
        descriptor = describe(args.git_dir, ref)
        with open(f"{args.all}/{ref}.json", "w", encoding="utf-8") as f:
            write(descriptor, f)
        print(f"{ref}: {descriptor['source']['commit']} (entry {descriptor['source']['hand_read']['entry']})",
              file=sys.stderr)


if __name__ == "__main__":
    main()
