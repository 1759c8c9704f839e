#!/usr/bin/env bash
# kubegate's work grows linearly with the hosts: instructions counted by valgrind (callgrind),
# which a busy machine does not change as it changes wall time, on inventories of 1,000 and
# 4,000 hosts. Linear work makes the larger run cost less than 4.4 times the smaller (the fixed
# cost of the group_vars and the release data is shared); a step quadratic in the hosts, 16.
# Cases: INI and YAML hosts files, a host_vars file per host, and racks of 20 hosts (as many
# groups as hosts / 20).
# Usage: scale_test.sh KUBEGATE
set -euo pipefail
kubegate=$1
fail() { echo "scale: $*" >&2; exit 1; }
command -v valgrind >/dev/null || fail "valgrind is missing (scripts/setup.sh --test installs it)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

hosts() {  # first last format: worker lines
  awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { for (i = a; i <= b; i++) printf f, i, int(i / 256) % 256, i % 256 }'
}
inventory() {  # kind n dir
  local kind=$1 n=$2 d=$3
  mkdir -p "$d/group_vars/all"
  printf 'kube_network_plugin: calico\nkube_pods_subnet: 10.64.0.0/10\nkube_service_addresses: 10.192.0.0/18\n' \
    >"$d/group_vars/all/all.yml"
  if [ "$kind" = yaml ]; then
    {
      printf 'all:\n  hosts:\n'
      hosts 1 "$n" '    node%05d:\n      ansible_host: 172.16.%d.%d\n'
      printf '  children:\n    kube_control_plane:\n      hosts:\n        node00001:\n'
      printf '    etcd:\n      hosts:\n        node00001:\n    kube_node:\n      hosts:\n'
      hosts 2 "$n" '        node%05d:\n'
      printf '    k8s_cluster:\n      children:\n        kube_control_plane:\n        kube_node:\n'
    } >"$d/hosts.yaml"
    return
  fi
  {
    printf '[kube_control_plane]\nnode00001 ansible_host=172.16.0.1\n[etcd]\nnode00001\n[kube_node]\n'
    hosts 2 "$n" 'node%05d ansible_host=172.16.%d.%d\n'
    printf '[k8s_cluster:children]\nkube_control_plane\nkube_node\n'
  } >"$d/inventory.ini"
  case $kind in
    host_vars) mkdir -p "$d/host_vars"
      awk -v n="$n" -v d="$d/host_vars" 'BEGIN { for (i = 2; i <= n; i++) {
        f = sprintf("%s/node%05d.yml", d, i); printf "kubelet_max_pods: 110\n" > f; close(f) } }' ;;
    groups) awk -v n="$n" 'BEGIN { for (i = 2; i <= n; i++) printf "[rack%04d]\nnode%05d\n", int(i / 20), i
      printf "[kube_node:children]\n"; for (g = 0; g <= n / 20; g++) printf "rack%04d\n", g }' >>"$d/inventory.ini" ;;
  esac
}
instructions() {  # dir
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$kubegate" lint --fail-on none -j 1 \
    --kubespray-version 2.24.0 "$1" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

for kind in ini yaml host_vars groups; do
  inventory "$kind" 1000 "$work/$kind-1000"
  inventory "$kind" 4000 "$work/$kind-4000"
  small=$(instructions "$work/$kind-1000") large=$(instructions "$work/$kind-4000")
  [ -n "$small" ] && [ -n "$large" ] || fail "$kind: callgrind counted nothing"
  ratio=$(awk -v a="$large" -v b="$small" 'BEGIN { printf "%.2f", a / b }')
  printf 'scale: %-9s 1,000 hosts %13d instructions, 4,000 hosts %13d: x%s\n' "$kind" "$small" "$large" "$ratio"
  awk -v r="$ratio" 'BEGIN { exit !(r < 4.4) }' || fail "$kind: 4 times the hosts cost $ratio times the work (linear: < 4.4)"
done
echo "scale: linear"
