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
    # Network plugin role defaults (calico_*/typha_* of calico_defaults, cilium_* of cilium):
    # the values the late calico and cilium asserts judge (_NETWORK_PLUGIN_CHECKS below).
    (["roles/network_plugin/calico_defaults/defaults/main.yml"], ("calico_", "typha_")),
    (["roles/network_plugin/cilium/defaults/main.yml"], ("cilium_",)),
]

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
    role = defaults_role(repo)
    table = None
    for f in role_layer(repo, role, "defaults") + role_layer(repo, role, "vars"):
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
    return {"calico": calico, "cilium": cilium}


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
        if not found:
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
        "network_plugin_checks": network_plugin_checks(repo, args.ref),
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
