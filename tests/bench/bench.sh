#!/usr/bin/env bash
# kubegate beside its parse floor (tests/bench/parse_floor.cpp: yaml-cpp alone loading the same
# files into its node tree; INI hosts files split into lines) on generated inventories from 6
# to 100,000 hosts, host_vars files per host, host ranges, hosts in many groups, and a monorepo
# of 500 inventories. Prints, per case: hosts, kubegate's median wall time, time per host, the
# time per host beyond the sample's (marginal), the floor's median, their ratio, and both peak
# memories. Nothing large is committed: every inventory is generated under a temporary folder.
# Goals (issue 13): time per host constant within 20% from 1,000 to 100,000 hosts (the marginal
# column: at 1,000 hosts the fixed start-up is most of the time per host); 100,000 YAML
# hosts within 2x the floor's time and memory; the sample within 1.3x; the monorepo within 1.5x
# of floor / cores.
# Usage: tests/bench/bench.sh [BUILD_DIR]   (a Release build: bash scripts/setup.sh makes build/)
#        RUNS=N (runs per case, default 5; 25 for runs under 50 ms), SIZES="1000 10000 100000"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
bin=$build/kubegate floor=$build/tests/kubegate_parse_floor
sample=$root/tests/corpus/kubespray-upstream/inventory/sample
runs=${RUNS:-5}
sizes=${SIZES:-1000 10000 100000}
for f in "$bin" "$floor"; do [ -x "$f" ] || { echo "bench: no $f (build it: bash scripts/setup.sh)" >&2; exit 2; }; done
[ -x /usr/bin/time ] || { echo "bench: peak memory needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# An inventory folder with the sample's group_vars and a pod network wide enough for n nodes.
base() {  # dir
  mkdir -p "$1"
  cp -r "$sample/group_vars" "$1/"
  printf 'kube_pods_subnet: 10.0.0.0/8\nkube_service_addresses: 192.168.0.0/18\n' >"$1/group_vars/all/bench.yml"
}
# Worker i's address: 172.17.0.0/16 upward.
workers() {  # first last format
  awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { for (i = a; i <= b; i++)
    printf f, i, 17 + int(i / 65536), int(i / 256) % 256, i % 256 }'
}
ini() {  # dir n: 3 control-plane/etcd hosts, n-3 workers
  base "$1"
  {
    echo "[kube_control_plane]"
    for i in 1 2 3; do echo "cp$i ansible_host=172.16.0.$i ip=172.16.0.$i etcd_member_name=etcd$i"; done
    printf '[etcd:children]\nkube_control_plane\n[kube_node]\n'
    workers 4 "$2" 'node%06d ansible_host=172.%d.%d.%d\n'
    printf '[k8s_cluster:children]\nkube_control_plane\nkube_node\n'
  } >"$1/inventory.ini"
}
yaml() {  # dir n
  base "$1"
  {
    printf 'all:\n  hosts:\n'
    for i in 1 2 3; do printf '    cp%d:\n      ansible_host: 172.16.0.%d\n      etcd_member_name: etcd%d\n' $i $i $i; done
    workers 4 "$2" '    node%06d:\n      ansible_host: 172.%d.%d.%d\n'
    printf '  children:\n    kube_control_plane:\n      hosts:\n        cp1:\n        cp2:\n        cp3:\n'
    printf '    etcd:\n      children:\n        kube_control_plane:\n    kube_node:\n      hosts:\n'
    awk -v n="$2" 'BEGIN { for (i = 4; i <= n; i++) printf "        node%06d:\n", i }'
    printf '    k8s_cluster:\n      children:\n        kube_control_plane:\n        kube_node:\n'
  } >"$1/hosts.yaml"
}
host_vars() {  # dir n: the INI inventory, and a host_vars file per worker
  ini "$1" "$2"
  mkdir -p "$1/host_vars"
  awk -v n="$2" -v d="$1/host_vars" 'BEGIN { for (i = 4; i <= n; i++) {
    f = sprintf("%s/node%06d.yml", d, i); printf "kubelet_max_pods: 110\nnode_labels:\n  rack: r%d\n", i % 40 > f; close(f) } }'
}
ranges() {  # dir n: the workers as one host range
  base "$1"
  {
    printf '[kube_control_plane]\ncp[1:3]\n[etcd:children]\nkube_control_plane\n[kube_node]\n'
    printf 'node[%06d:%06d]\n' 4 "$2"
    printf '[k8s_cluster:children]\nkube_control_plane\nkube_node\n'
  } >"$1/inventory.ini"
}
groups() {  # dir n: every worker also in 5 of 1,000 groups (rack, zone...), children of kube_node
  ini "$1" "$2"
  awk -v n="$2" 'BEGIN { for (g = 0; g < 1000; g++) { printf "[g%04d]\n", g
      for (i = 4 + g % 5; i <= n; i += 200 + g % 7) printf "node%06d\n", i }
    printf "[kube_node:children]\n"; for (g = 0; g < 1000; g++) printf "g%04d\n", g }' >>"$1/inventory.ini"
}
monorepo() {  # dir count: each the sample with its own 6 hosts
  local i
  for i in $(seq "$2"); do
    ini "$1/cluster$i" 6
  done
}

# The median of the numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Median wall seconds of the command's runs: `runs` of them, or 25 when a run is under 50 ms.
timed() {
  local t0 t1 n=$runs
  t0=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true  # warms the page cache too
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a < 0.05) }' && n=25
  for _ in $(seq "$n"); do
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d\n", (b - a) * 1e6 }'
  done | median | awk '{ printf "%.4f", $1 / 1e6 }'
}
peak_mb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }'; }

printf '%-28s %8s %10s %9s %9s %10s %6s %8s %8s\n' case hosts kubegate us/host marginal floor ratio "kg MB" \
  "floor MB"
fixed=""  # the first row's time (the 6-host sample): the cost every run pays whatever its size
row() {  # name hosts dir [kubegate args...]
  local name=$1 hosts=$2 dir=$3
  shift 3
  local kg fl
  kg=$(timed "$bin" lint --fail-on none "$@" "$dir")
  fl=$(timed "$floor" "$dir")
  fixed=${fixed:-$kg}
  # marginal: microseconds per host beyond the sample's, (time - sample's) / (hosts - 6).
  printf '%-28s %8d %9.3fs %9.1f %9.1f %9.3fs %6.2f %8s %8s\n' "$name" "$hosts" "$kg" \
    "$(awk -v t="$kg" -v n="$hosts" 'BEGIN { print t * 1e6 / n }')" \
    "$(awk -v t="$kg" -v f="$fixed" -v n="$hosts" 'BEGIN { print (n > 6 ? (t - f) * 1e6 / (n - 6) : 0) }')" "$fl" \
    "$(awk -v a="$kg" -v b="$fl" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
    "$(peak_mb "$bin" lint --fail-on none "$@" "$dir")" "$(peak_mb "$floor" "$dir")"
}

mkdir -p "$work/sample"
cp -r "$sample/group_vars" "$work/sample/"
sed -E 's/^# (node[0-9])/\1/' "$sample/inventory.ini" >"$work/sample/inventory.ini"
row "kubespray sample" 6 "$work/sample" --kubespray-version 2.24.0
row "sample, no release evidence" 6 "$work/sample"
for n in $sizes; do
  ini "$work/ini$n" "$n" && row "INI hosts file" "$n" "$work/ini$n" --kubespray-version 2.24.0
  rm -rf "$work/ini$n"
  yaml "$work/yaml$n" "$n" && row "YAML hosts file" "$n" "$work/yaml$n" --kubespray-version 2.24.0
  rm -rf "$work/yaml$n"
done
host_vars "$work/hv" 10000 && row "10,000 host_vars files" 10000 "$work/hv" --kubespray-version 2.24.0
rm -rf "$work/hv"
big=${sizes##* }
ranges "$work/ranges" "$big" && row "host range node[4:$big]" "$big" "$work/ranges" --kubespray-version 2.24.0
groups "$work/groups" 10000 && row "hosts in 1,000 groups" 10000 "$work/groups" --kubespray-version 2.24.0
rm -rf "$work/ranges" "$work/groups"
monorepo "$work/mono" 500 && row "monorepo, 500 inventories" 3000 "$work/mono" --kubespray-version 2.24.0
echo "cores: $(nproc); floor / cores for the monorepo: divide its floor by $(nproc)"
