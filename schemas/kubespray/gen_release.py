#!/usr/bin/env python3
"""Generate one kubegate release descriptor for a Kubespray release.

Usage:
    python3 schemas/kubespray/gen_release.py --git-dir DIR --ref v2.24.0 \
        > schemas/kubespray/v2.24.0.json

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
    beats defaults/).
  * "kube_versions": keys of kubelet_checksums["amd64"], without a leading
    "v", newest first.

What cannot sensibly be parsed (it lives in playbooks, `when:` clauses and
assert expressions) is kept in the hand-written table HAND_READ below, one
entry per release, each with a comment naming the upstream file/lines it was
read from.  For a ref not in the table the script stops; for a ref whose
commit differs from the commit the table was verified against (e.g. a newer
master) it prints a warning on stderr - re-read the named files and update
the table.
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
}

# ---------------------------------------------------------------------------
# Hand-read facts.  Line numbers refer to the file at the "verified_commit".
# ---------------------------------------------------------------------------
_ALIASES_WITH_K8S_CLUSTER = {
    "kube-master": "kube_control_plane", "kube-node": "kube_node",
    "k8s-cluster": "k8s_cluster", "calico-rr": "calico_rr",
    "no-floating": "no_floating",
}
_ALIASES_DYNAMIC = {k: v for k, v in _ALIASES_WITH_K8S_CLUSTER.items()
                    if k != "k8s-cluster"}

_ENUMS_V231 = {  # line numbers: v2.31.0 (identical at master except cloud_provider)
    # roles/validate_inventory/tasks/main.yml l.162-174 (one assert, 8 conditions)
    "kube_network_plugin": ["calico", "flannel", "cloud", "cilium", "cni", "kube-ovn",
                            "kube-router", "macvlan", "custom_cni", "none"],
    "dns_mode": ["coredns", "coredns_dual", "manual", "none"],
    "kube_proxy_mode": ["iptables", "ipvs", "nftables"],
    "cert_management": ["script", "none"],
    "resolvconf_mode": ["docker_dns", "host_resolvconf", "none"],
    "etcd_deployment_type": ["host", "docker", "kubeadm"],  # docker only with container_manager docker
    "container_manager": ["docker", "crio", "containerd"],
    # l.87-92: only checked when cloud_provider == 'external'
    "external_cloud_provider": ["hcloud", "huaweicloud", "oci", "openstack", "vsphere", "manual"],
    # l.80-85: assert cloud_provider == 'external', skipped when cloud_provider is falsy
    "cloud_provider": ["", "external"],
}

# Parity facts (kubespray-bool-as-string, kubespray-removed-variable,
# kubespray-runtime-combination, kubespray-cilium-kube-owner).
# Line numbers: roles/validate_inventory/tasks/main.yml at v2.31.0 / master, 0040 file at v2.24.0.
_VALIDATE_INVENTORY = "roles/validate_inventory/tasks/main.yml"
_VERIFY_SETTINGS = "roles/kubernetes/preinstall/tasks/0040-verify-settings.yml"
_STRING_BOOLEANS_V231 = [  # validate_inventory l.48-56 (v2.31.0), l.49-57 (master): type_debug == 'bool'
    "download_run_once", "download_always_pull", "helm_enabled", "openstack_lbaas_enabled"]
# Runtime combinations: when `when` is true, `var` must satisfy `op` (`value`).  Same four
# asserts in every release: download_localhost -> download_run_once, kata -> not docker,
# gvisor -> containerd, kube_external_ca_mode -> not auto_renew_certificates.
# v2.31.0 / master: validate_inventory l.182-186, l.188-192, l.194-198, l.209-215.
# v2.24.0: 0040-verify-settings.yml l.263-267, l.269-273, l.275-279, l.304-310.
_COMBINATIONS = [
    {"when": "download_localhost", "var": "download_run_once", "op": "true"},
    {"when": "kata_containers_enabled", "var": "container_manager", "op": "not_equal", "value": "docker"},
    {"when": "gvisor_enabled", "var": "container_manager", "op": "equal", "value": "containerd"},
    {"when": "kube_external_ca_mode", "var": "auto_renew_certificates", "op": "false"},
]
# Variables a release no longer reads.  `asserted`: the release stops on them.
_REMOVED_V231 = [
    # validate_inventory l.9-18: removed_vars [kubelet_static_pod_path] (H01)
    {"name": "kubelet_static_pod_path", "asserted": True, "since": "2.31.0"},
    # `git grep` finds neither name in roles/ or playbooks/ at v2.31.0 or master: ignored
    {"name": "etcd_kubeadm_enabled", "asserted": False, "since": "2.25.0"},
    {"name": "containerd_config", "asserted": False, "since": "2.24.0"},
]
_REMOVED_MASTER = _REMOVED_V231[:1] + [
    # validate_inventory l.9-18 at master adds eviction_hard_control_plane (H01)
    {"name": "eviction_hard_control_plane", "asserted": True, "since": "2.31.0"},
] + _REMOVED_V231[1:]

HAND_READ = {
    "v2.24.0": {
        "verified_commit": "64447e745e53d3f486356d03ecb195729a302ea1",
        # playbooks/boilerplate.yml l.7-50: five group_by plays (kube-master,
        # kube-node, k8s-cluster, calico-rr, no-floating).  No roles/dynamic_groups:
        # k8s_cluster must be declared by the inventory.
        "group_aliases": _ALIASES_WITH_K8S_CLUSTER,
        "k8s_cluster_is_dynamic": False,
        # roles/kubespray-defaults/tasks/main.yaml l.29-35: set_fact
        # etcd_deployment_type: kubeadm when etcd_kubeadm_enabled is defined and true.
        "set_facts": [{"when_true": "etcd_kubeadm_enabled", "sets": "etcd_deployment_type",
                       "value": "kubeadm", "source": "roles/kubespray-defaults/tasks/main.yaml"}],
        # roles/kubernetes/preinstall/tasks/0040-verify-settings.yml: no assert on IPv6
        # networks; `ipaddr('net')` truthiness rejects host bits (l.166-178); groups are
        # tested with `groups.get(...)` truthiness, so an undeclared group fails too.
        "validation": {"ipv6_networks": False, "ipv4_network_accepts_host_bits": False,
                       "undeclared_group_passes_empty_check": False},
        # playbooks/cluster.yml l.42-52: play "Invoke kubeadm and install a CNI"
        # runs kubernetes-apps/kubelet-csr-approver; l.72-79: the later play
        # "Install Kubernetes apps" runs kubernetes-apps/external_cloud_controller.
        "csr_approver_before_cloud_controller": True,
        # roles/kubernetes/preinstall/tasks/0040-verify-settings.yml
        # l.85-93 when: kube_network_plugin != 'calico'
        "max_pods_check_exempt_plugins": ["calico"],
        # same file l.187-193 when: kube_network_plugin != 'calico'
        "node_capacity_check_exempt_plugins": ["calico"],
        "enums": {  # same file
            "kube_network_plugin": ["calico", "flannel", "weave", "cloud", "cilium", "cni",
                                    "kube-ovn", "kube-router", "macvlan", "custom_cni"],  # l.31-37
            "dns_mode": ["coredns", "coredns_dual", "manual", "none"],  # l.195-200
            "kube_proxy_mode": ["iptables", "ipvs"],  # l.202-207
            "cert_management": ["script", "none"],  # l.209-213
            "resolvconf_mode": ["docker_dns", "host_resolvconf", "none"],  # l.215-220
            "etcd_deployment_type": ["host", "docker", "kubeadm"],  # l.222-227 (+ l.235-241)
            "container_manager": ["docker", "crio", "containerd"],  # l.229-233
            # l.155-164, only when cloud_provider is defined (no default in 2.24)
            "cloud_provider": ["gce", "aws", "azure", "openstack", "vsphere", "oci", "external"],
            # external_cloud_provider: no assert in v2.24.0 (only meta/main.yml `when`s)
        },
        "validation_file": _VERIFY_SETTINGS,
        # 0040-verify-settings.yml l.46-57: loop, item.value | type_debug == 'bool' (V07)
        "string_booleans": ["download_run_once", "deploy_netchecker", "download_always_pull",
                            "helm_enabled", "openstack_lbaas_enabled"],
        "removed_variables": [
            # l.296-302: assert containerd_config is not defined (V36)
            {"name": "containerd_config", "asserted": True, "since": "2.24.0"},
            # l.243-261: deprecated, only a warning (the set_fact of roles/kubespray-defaults
            # tasks/main.yaml l.29-35 turns it into etcd_deployment_type: kubeadm first)
            {"name": "etcd_kubeadm_enabled", "asserted": False, "since": "deprecated"},
        ],
        "combinations": _COMBINATIONS,
        # no kube_owner assert in v2.24.0
        "kube_owner_root_for_plugins": None,
    },
    "v2.31.0": {
        "verified_commit": "1c9add48975060f45396b34d8e022c30d7f80dab",
        # roles/dynamic_groups/tasks/main.yml l.2-20 (run from playbooks/boilerplate.yml
        # l.9-15): kube-master, kube-node, calico-rr, no-floating mapped; k8s_cluster
        # built from kube_node + kube_control_plane + calico_rr; k8s-cluster not mapped.
        "group_aliases": _ALIASES_DYNAMIC,
        "k8s_cluster_is_dynamic": True,
        "set_facts": [],  # etcd_kubeadm_enabled is a removed variable here
        "validation": {  # roles/validate_inventory/tasks/main.yml: l.131-139 assert the
            # IPv6 networks; l.97-105 `ipaddr('net')` truthiness rejects host bits; l.22, l.28
            # test groups by truthiness, so an undeclared group fails too.
            "ipv6_networks": True, "ipv4_network_accepts_host_bits": False,
            "undeclared_group_passes_empty_check": False},
        # playbooks/cluster.yml no longer lists the csr approver; it is a dependency
        # of role kubernetes-apps (roles/kubernetes-apps/meta/main.yml l.102-107),
        # which runs after external_cloud_controller in the play at cluster.yml l.76-87.
        "csr_approver_before_cloud_controller": False,
        # roles/validate_inventory/tasks/main.yml l.70-78:
        # kube_network_plugin not in ['calico', 'none']
        "max_pods_check_exempt_plugins": ["calico", "none"],
        # same file l.118-126 (ipv4) and l.152-160 (ipv6): != 'calico'
        "node_capacity_check_exempt_plugins": ["calico"],
        "enums": _ENUMS_V231,
        "validation_file": _VALIDATE_INVENTORY,
        "string_booleans": _STRING_BOOLEANS_V231,
        "removed_variables": _REMOVED_V231,
        "combinations": _COMBINATIONS,
        # 0040-verify-settings.yml has no kube_owner assert at v2.31.0
        "kube_owner_root_for_plugins": None,
    },
    "master": {
        "verified_commit": "46dbdd3994b32640bcd806b0097f50e8fdf1d514",
        # Same files and findings as v2.31.0: dynamic_groups/tasks/main.yml l.2-20,
        # cluster.yml l.76-87, kubernetes-apps/meta/main.yml l.102-107,
        # validate_inventory/tasks/main.yml l.71-79 (max pods), l.118-126 and
        # l.152-160 (node capacity), l.162-174 (enums), l.87-92
        # (external_cloud_provider); only difference: l.81-85 asserts
        # cloud_provider in ["", 'external'] without a truthiness guard.
        "group_aliases": _ALIASES_DYNAMIC,
        "k8s_cluster_is_dynamic": True,
        "set_facts": [],  # etcd_kubeadm_enabled is a removed variable here
        "validation": {  # roles/validate_inventory/tasks/main.yml: l.131-139 assert the
            # IPv6 networks; l.97-105 `ipaddr('net') is not false` lets host bits through
            # (kubespray#13304); l.23, l.29 `groups.get(...) != []` passes an undeclared group.
            "ipv6_networks": True, "ipv4_network_accepts_host_bits": True,
            "undeclared_group_passes_empty_check": True},
        "csr_approver_before_cloud_controller": False,
        "max_pods_check_exempt_plugins": ["calico", "none"],
        "node_capacity_check_exempt_plugins": ["calico"],
        "enums": _ENUMS_V231,
        "validation_file": _VALIDATE_INVENTORY,
        "string_booleans": _STRING_BOOLEANS_V231,
        "removed_variables": _REMOVED_MASTER,
        "combinations": _COMBINATIONS,
        # 0040-verify-settings.yml l.71-81 (P10, kubespray#13378): assert kube_owner == 'root'
        # when kube_network_plugin == 'cilium' or cilium_deploy_additionally
        "kube_owner_root_for_plugins": {"plugins": ["cilium"], "also_when": "cilium_deploy_additionally",
                                        "owner": "root", "file": _VERIFY_SETTINGS},
    },
}


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

_APP_SERIES = [  # (first release of the series, facts); the last series whose start <= ref wins
    ((2, 24, 0), {
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI,
        # roles/kubernetes-apps/kubelet-csr-approver/meta/main.yml l.16 `wait: true`, and
        # playbooks/cluster.yml l.51-52 installs it right after network_plugin
        "csr_approver_helm_waits_with_generic_cni": True,
        "kubelet_static_pod_path_read": False,
    }),
    ((2, 27, 0), {  # commit e8bdd47ec (kubespray#11704): wait/atomic = kube_network_plugin != 'cni'
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI
        + _CREDENTIALS_OCI,
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": False,
    }),
    ((2, 29, 0), {  # roles/kubernetes/node/defaults/main.yml l.187 (v2.30.0 l.184), template l.25
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI
        + _CREDENTIALS_OCI,
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": True,
    }),
    ((2, 31, 0), {  # kubespray#12970 reverted the variable; validate_inventory asserts it removed
        "late_asserts": [_METALLB] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK + _CREDENTIALS_HUAWEI
        + _CREDENTIALS_OCI,
        "csr_approver_helm_waits_with_generic_cni": False,
        "kubelet_static_pod_path_read": False,
    }),
    ((9999,), {  # master
        "late_asserts": [_METALLB_MASTER] + _CREDENTIALS_VSPHERE + _CREDENTIALS_OPENSTACK
        + _CREDENTIALS_HUAWEI + _CREDENTIALS_OCI,
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


def collect(repo):
    """Return (defaults dict, kubelet amd64 versions)."""
    defaults, versions = {}, None

    def add(path, keep=None):
        nonlocal versions
        data = repo.load(path)
        if not isinstance(data, dict):
            return
        for name, value in data.items():
            if name == "kubelet_checksums":
                versions = list((value or {}).get("amd64", {}).keys())
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
    role = defaults_role(repo)
    for path in role_layer(repo, role, "defaults") + role_layer(repo, role, "vars"):
        add(path)
    if versions is None:
        sys.exit("kubelet_checksums not found")
    return defaults, versions


def version_key(v):
    return tuple(int(p) if p.isdigit() else -1 for p in v.replace("-", ".").split("."))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--ref", required=True, help="tag (v2.24.0) or branch (master)")
    args = ap.parse_args()

    if args.ref not in HAND_READ:
        sys.exit(f"no hand-read entry for {args.ref}; add one to HAND_READ first")
    hand = dict(HAND_READ[args.ref])
    repo = Repo(args.git_dir, args.ref)
    if repo.commit != hand.pop("verified_commit"):
        print(f"warning: {args.ref} is now {repo.commit}; the hand-read fields were "
              "verified against another commit - re-check them", file=sys.stderr)

    defaults, versions = collect(repo)
    kube_versions = sorted({str(v).lstrip("v") for v in versions}, key=version_key,
                           reverse=True)
    out = {
        "release": args.ref[1:] if args.ref.startswith("v") else args.ref,
        "source": {"repository": REPOSITORY, "ref": args.ref, "commit": repo.commit},
        "defaults": defaults,
        "kube_versions": kube_versions,
        **hand,
        "apps": app_facts(args.ref),  # kubegate app checks
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
