#!/usr/bin/env bash
# Times `kubegate lint` (whole process) on Kubespray's sample inventory, on the same hosts with
# no release evidence (judged on 17 releases), and on a generated 10,000-host inventory, and
# prints wall time and peak memory.
# Targets (issue 2): sample < 20 ms; 10,000 hosts < 1 s and < 150 MB peak.
# Usage: tests/bench/bench.sh [path/to/kubegate]   (build first: bash scripts/setup.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build/kubegate}
sample=$root/tests/corpus/kubespray-upstream/inventory/sample
runs=${RUNS:-15}
[ -x "$bin" ] || { echo "no kubegate binary at $bin (run scripts/setup.sh)"; exit 2; }
[ -d "$sample" ] || { echo "no Kubespray sample at $sample"; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Kubespray's sample, with its example hosts un-commented (6 hosts, stock group_vars).
mkdir -p "$work/sample"
cp -r "$sample/group_vars" "$work/sample/"
sed -E 's/^# (node[0-9])/\1/' "$sample/inventory.ini" > "$work/sample/inventory.ini"

# The same hosts with nothing that tells the release: judged on every minor release's newest patch.
mkdir -p "$work/guessed/group_vars/all"
cp "$work/sample/inventory.ini" "$work/guessed/"
echo "kube_network_plugin: calico" > "$work/guessed/group_vars/all/all.yml"

# 10,000 hosts: 3 control-plane/etcd, 9,997 workers, the sample's group_vars, a few host_vars.
big=$work/big
mkdir -p "$big/host_vars"
cp -r "$sample/group_vars" "$big/"
{
  echo "[kube_control_plane]"
  for i in 1 2 3; do echo "cp$i ansible_host=10.0.0.$i ip=10.0.0.$i etcd_member_name=etcd$i"; done
  echo "[etcd:children]"; echo "kube_control_plane"
  echo "[kube_node]"
  awk 'BEGIN { for (i = 4; i <= 10000; i++) printf "node%05d ansible_host=10.%d.%d.%d ip=10.%d.%d.%d\n", i, int(i/65536)%256, int(i/256)%256, i%256, int(i/65536)%256, int(i/256)%256, i%256 }'
  echo "[k8s_cluster:children]"; echo "kube_control_plane"; echo "kube_node"
} > "$big/inventory.ini"
for i in 00010 00020 00030; do echo "kubelet_max_pods: 110" > "$big/host_vars/node$i.yml"; done
# The pod network must hold 10,000 /24 blocks for the capacity check to stay quiet.
printf 'kube_pods_subnet: 10.128.0.0/9\nkube_service_addresses: 10.64.0.0/18\n' > "$big/group_vars/all/bench.yml"

measure() {  # name dir
  local name=$1 dir=$2 times=() t0 t1 peak="n/a"
  "$bin" lint --fail-on none "$dir" > /dev/null  # warm the page cache
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N); "$bin" lint --fail-on none "$dir" > /dev/null; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  if [ -x /usr/bin/time ]; then
    peak=$(/usr/bin/time -f '%M' "$bin" lint --fail-on none "$dir" 2>&1 >/dev/null | tail -n1)
    peak="$((peak / 1024)) MB"
  fi
  IFS=$'\n' sorted=($(sort -n <<<"${times[*]}")); unset IFS
  printf '%-34s median %8.1f ms   min %8.1f ms   peak RSS %s   (%d runs)\n' "$name" \
    "$(echo "${sorted[$((runs / 2))]} / 1000" | bc -l)" "$(echo "${sorted[0]} / 1000" | bc -l)" "$peak" "$runs"
}

echo "kubegate: $bin"
measure "kubespray sample (6 hosts)" "$work/sample"
measure "no release evidence (6 hosts)" "$work/guessed"
measure "generated inventory (10,000 hosts)" "$big"
[ -x /usr/bin/time ] || echo "(peak memory needs GNU time: apt-get install time)"
