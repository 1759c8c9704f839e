#!/usr/bin/env bash
# Differential test: runs Kubespray's own inventory checks (ansible-core, no hosts touched) and
# kubegate on every case under tests/differential/cases/, for each Kubespray ref, and compares.
#
#   KUBESPRAY_DIR=/path/to/kubespray(.git) tests/differential/run.sh [path/to/kubegate]
#
# A case is a minimal inventory (inventory.ini declaring [k8s_cluster:children], group_vars/)
# with exactly one problem, because Ansible stops at the first failing assert, plus an optional
# file `case` with lines
#   refs: master v2.24.0                 refs to run (default: both)
#   known <ref>: <reason>                a deliberate disagreement on that ref (reported, not failed)
# Agreement on a ref: Kubespray fails a task mapped to check C and kubegate reports an error of C,
# or Kubespray passes and kubegate reports no error of any parity check.
# Recipe: /work/shared/research/kubespray.md section 7 (gather_facts false; v2.24.0 with faked
# facts). Facts the preinstall asserts read (ansible_facts[...]) come from a JSON fact cache.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${KUBESPRAY_DIR:-}" ]; then
  echo "differential: skipped (KUBESPRAY_DIR not set)"
  exit 0
fi
kubegate=${1:-${KUBEGATE:-$here/../../build/kubegate}}
command -v ansible-playbook >/dev/null || { echo "differential: ansible-playbook not found" >&2; exit 1; }
[ -x "$kubegate" ] || { echo "differential: kubegate binary not found at $kubegate" >&2; exit 1; }
git_dir=$KUBESPRAY_DIR
[ -d "$KUBESPRAY_DIR/.git" ] && git_dir=$KUBESPRAY_DIR/.git
python=$(command -v python3)
refs_default="master v2.24.0"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

# Kubespray task name -> kubegate check (parity mapping).
check_for_task() {
  case "$1" in
    *"removed variables"*|*"deprecated containerd_config"*) echo kubespray-removed-variable ;;
    *"kube_control_plane group is empty"*|*"kube_control_plane or kube_node group is empty"*) echo control-plane-empty ;;
    *"etcd group is empty"*) echo etcd-group-empty ;;
    *"unsupported version of Kubernetes"*|*"requested Kubernetes are supported"*) echo kubespray-kube-version-unsupported ;;
    *"booleans are set as strings"*) echo kubespray-bool-as-string ;;
    *"even number of etcd hosts"*) echo etcd-even-members ;;
    *"enough network address space"*) echo kubelet-max-pods-node-prefix ;;
    *"cloud_provider value"*|*"unsupported options selected"*|*"unknown network plugin"*|*"unknown dns mode"*|\
    *"unknown kube proxy mode"*|*"unknown cert_management"*|*"unknown resolvconf_mode"*|\
    *"etcd deployment type is not"*|*"container manager is not"*) echo kubespray-value-not-allowed ;;
    *"is a network range"*) echo network-cidr-invalid ;;
    *"does not collide"*) echo network-overlap ;;
    *"range is enough for the nodes"*) echo pod-network-node-capacity ;;
    *"download_localhost is enabled but"*|*"kata_containers_enabled is enabled"*|*"gvisor_enabled is enabled"*|\
    *"auto_renew_certificates is enabled"*) echo kubespray-runtime-combination ;;
    *"kube_owner is not root"*) echo kubespray-cilium-kube-owner ;;
    *"bad hostname"*) echo inventory-hostname-rfc1123 ;;
    *) echo "unmapped" ;;
  esac
}
parity_checks="kubespray-removed-variable control-plane-empty etcd-group-empty kubespray-kube-version-unsupported
kubespray-bool-as-string etcd-even-members kubelet-max-pods-node-prefix kubespray-value-not-allowed
network-cidr-invalid network-overlap pod-network-node-capacity kubespray-runtime-combination
kubespray-cilium-kube-owner inventory-hostname-rfc1123"

# Per ref: the roles in a scratch dir and a playbook.
prepare() {
  local ref=$1 dir=$work/$1
  mkdir -p "$dir/roles" "$dir/facts"
  if [ "$ref" = v2.24.0 ]; then
    git --git-dir="$git_dir" archive "$ref" roles/kubespray-defaults roles/kubernetes/preinstall | tar -x -C "$dir"
    rm -f "$dir/roles/kubernetes/preinstall/meta/main.yml"
    cat > "$dir/play.yml" <<'YML'
- hosts: all
  gather_facts: false
  vars:
    ansible_service_mgr: systemd
    ansible_distribution: Ubuntu
    ansible_os_family: Debian
    ansible_memtotal_mb: 65536
    ansible_kernel: 6.1.0
    ansible_all_ipv4_addresses: "{{ [ip] if ip is defined else [] }}"
    ansible_all_ipv6_addresses: []
    ping_access_ip: false
    fallback_ips: {}
  roles: [kubespray-defaults]
  tasks:
    - include_role: {name: kubernetes/preinstall, tasks_from: 0040-verify-settings}
YML
  else
    git --git-dir="$git_dir" archive "$ref" roles/kubespray_defaults roles/validate_inventory roles/dynamic_groups \
      roles/kubernetes/preinstall | tar -x -C "$dir"
    rm -f "$dir/roles/kubernetes/preinstall/meta/main.yml"
    # validate_inventory, then the static asserts of preinstall (P10 kube_owner, P12 hostname) with
    # facts from the fact cache so that the fact-based asserts before them pass.
    cat > "$dir/play.yml" <<'YML'
- hosts: all
  gather_facts: false
  roles: [dynamic_groups, validate_inventory]
- hosts: k8s_cluster
  gather_facts: false
  vars:
    ping_access_ip: false
  roles: [kubespray_defaults]
  tasks:
    - include_role: {name: kubernetes/preinstall, tasks_from: 0040-verify-settings}
YML
  fi
}

# Runs Kubespray on a copy of the case; prints "pass" or the failing task name.
run_kubespray() {
  local ref=$1 case_dir=$2 inv=$work/inv-$ref-$(basename "$2")
  cp -r "$case_dir" "$inv"
  mkdir -p "$inv/host_vars_cache"
  local hosts
  hosts=$(ANSIBLE_INVENTORY_UNPARSED_WARNING=false ansible-inventory -i "$inv/inventory.ini" --list 2>/dev/null |
    "$python" -c 'import json,sys; print(" ".join(json.load(sys.stdin)["_meta"]["hostvars"]))')
  for h in $hosts; do
    printf '{"ansible_service_mgr":"systemd","ansible_distribution":"Ubuntu","ansible_os_family":"Debian","ansible_memtotal_mb":65536,"ansible_kernel":"6.1.0","ansible_all_ipv4_addresses":[],"ansible_all_ipv6_addresses":[],"ansible_default_ipv4":{},"ansible_architecture":"x86_64"}' \
      > "$inv/host_vars_cache/$h"
  done
  local out rc
  out=$(cd "$work/$ref" && ANSIBLE_ROLES_PATH="$work/$ref/roles" ANSIBLE_HOST_KEY_CHECKING=false \
    ANSIBLE_CACHE_PLUGIN=jsonfile ANSIBLE_CACHE_PLUGIN_CONNECTION="$inv/host_vars_cache" ANSIBLE_NOCOLOR=1 \
    ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false \
    ansible-playbook -i "$inv/inventory.ini" -e ansible_connection=local -e "ansible_python_interpreter=$python" \
    play.yml 2>&1)
  rc=$?
  echo "$out" > "$inv.log"
  if [ $rc -eq 0 ]; then echo pass; return; fi
  echo "$out" | awk '/^TASK \[/ {t=$0} /^fatal:/ {print t; exit}' | sed -E 's/^TASK \[[^]]*: ?//; s/\] \**$//; s/^TASK \[//'
}

# kubegate's parity errors for a case, one check id a line.
run_kubegate() {
  local ref=$1 case_dir=$2 version=$1
  [ "$ref" != master ] && version=${ref#v}
  "$kubegate" lint --format json --kubespray-version "$version" "$case_dir" 2>/dev/null |
    "$python" -c 'import json,sys
d=json.load(sys.stdin); parity=set(sys.argv[1].split())
print("\n".join(sorted({f["check"]+"/"+f["severity"] for f in d["findings"] if f["severity"]!="info" and f["check"] in parity})))' "$parity_checks"
}

declare -A checked agreed known failed
total_fail=0
for ref in $refs_default; do prepare "$ref"; done
printf '%-40s %-8s %-45s %-40s %s\n' case ref kubespray kubegate verdict
for case_dir in "$here"/cases/*/; do
  case_dir=${case_dir%/}
  name=$(basename "$case_dir")
  refs=$(sed -n 's/^refs: *//p' "$case_dir/case" 2>/dev/null)
  for ref in ${refs:-$refs_default}; do
    ks=$(run_kubespray "$ref" "$case_dir")
    kg=$(run_kubegate "$ref" "$case_dir" | paste -sd, -)
    if [ "$ks" = pass ]; then want=""; else want=$(check_for_task "$ks"); fi
    # A Kubespray failure needs a finding of the mapped check (etcd-even-members is a warning by
    # design); a Kubespray pass allows warnings (ignored variables) but no parity error.
    if [ "$ks" = pass ]; then ok=$(echo ",$kg," | grep -q "/error," && echo no || echo yes)
    else ok=$(echo ",$kg," | grep -Eq ",$want/(error|warning)," && echo yes || echo no); fi
    reason=$(sed -n "s/^known $ref: *//p" "$case_dir/case" 2>/dev/null)
    checked[$ref]=$(( ${checked[$ref]:-0} + 1 ))
    if [ "$ok" = yes ] && [ -z "$reason" ]; then verdict=agree; agreed[$ref]=$(( ${agreed[$ref]:-0} + 1 ))
    elif [ "$ok" = no ] && [ -n "$reason" ]; then verdict="known disagreement: $reason"; known[$ref]=$(( ${known[$ref]:-0} + 1 ))
    elif [ "$ok" = yes ]; then verdict="FAIL: marked as a known disagreement but they agree"; failed[$ref]=$(( ${failed[$ref]:-0} + 1 )); total_fail=1
    else verdict="FAIL: disagreement (expected kubegate ${want:-none}); log $work/inv-$ref-$name.log"; failed[$ref]=$(( ${failed[$ref]:-0} + 1 )); total_fail=1
    fi
    printf '%-40s %-8s %-45s %-40s %s\n' "$name" "$ref" "${ks:0:45}" "${kg:--}" "$verdict"
    [ "$verdict" = agree ] || [ -n "$reason" ] || cat "$work/inv-$ref-$name.log" | grep -A3 '^fatal' | head -8
  done
done
for ref in $refs_default; do
  echo "differential $ref: ${checked[$ref]:-0} runs, ${agreed[$ref]:-0} agree, ${known[$ref]:-0} known disagreements, ${failed[$ref]:-0} failed"
done
echo "differential: wall time $(( $(date +%s) - start )) s"
exit $total_fail
