#!/usr/bin/env bash
# Differential test: runs Kubespray's own inventory checks (ansible-core, no hosts touched) and
# kubegate on every case under tests/differential/cases/, for each Kubespray ref, and compares.
#
#   KUBESPRAY_DIR=/path/to/kubespray(.git) [KUBESPRAY_REFS="master v2.24.0"] [CASES=glob]
#     [SCENARIOS=1|glob] [JOBS=n] tests/differential/run.sh [path/to/kubegate]
#
# A case is a minimal inventory (inventory.ini declaring [k8s_cluster:children], group_vars/)
# with exactly one problem, because Ansible stops at the first failing assert, plus an optional
# file `case` with lines
#   refs: master v2.24.0                 refs to run (default: all of KUBESPRAY_REFS)
#   known <ref>: <reason>                a deliberate disagreement on that ref (reported, not failed)
# Agreement on a ref: Kubespray fails a task mapped to check C (task-map.tsv) and kubegate reports
# C, or Kubespray passes and kubegate reports no error of any parity check. SCENARIOS=1 (or a glob
# of scenario names) adds Kubespray's own CI scenarios of each ref (ci_scenarios.py), where a pass
# allows no kubegate error.
# What runs: the ref's validation file (validate_inventory; before it existed, preinstall's
# 0040-verify-settings with faked facts), then the static upstream tasks of late-tasks.tsv.
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
refs_default=${KUBESPRAY_REFS:-master v2.24.0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

# Kubespray task name -> kubegate check (task-map.tsv: substring<TAB>check id).
check_for_task() {
  awk -F'\t' -v task="$1" '!/^#/ && NF == 2 && index(task, $1) { print $2; found = 1; exit }
    END { if (!found) print "unmapped" }' "$here/task-map.tsv"
}
parity_checks=$(awk -F'\t' '!/^#/ && NF == 2 { n = split($2, c, "|"); for (i = 1; i <= n; i++) print c[i] }' "$here/task-map.tsv" | sort -u | paste -sd' ' -)

# Per ref: the roles in a scratch dir and a playbook. The validation file runs first (v2.24.0:
# preinstall's 0040 with faked facts; later refs: validate_inventory), then the static upstream
# tasks of late-tasks.tsv for that ref (extract_tasks.py copies them into <role>/tasks/kg_static.yml).
prepare() {
  local ref=$1 dir=$work/$1 defaults=kubespray_defaults base late role validation
  mkdir -p "$dir/roles"
  late=$(awk -F'\t' -v ref="$ref" '!/^#/ && NF == 4 { n = split($1, r, " "); for (i = 1; i <= n; i++) if (r[i] == ref) print $2 }' \
    "$here/late-tasks.tsv" | sort -u)
  has() { git --git-dir="$git_dir" cat-file -e "$ref:roles/$1" 2>/dev/null; }
  has kubespray_defaults || defaults=kubespray-defaults
  base="roles/$defaults roles/kubernetes/preinstall"
  if has validate_inventory; then validation=validate_inventory; base="$base roles/validate_inventory"; else validation=; fi
  has dynamic_groups && base="$base roles/dynamic_groups"
  # shellcheck disable=SC2046,SC2086
  git --git-dir="$git_dir" archive "$ref" $base $(printf 'roles/%s ' $late) | tar -x -C "$dir"
  rm -f "$dir/roles/kubernetes/preinstall/meta/main.yml"
  local used needs
  used=$("$python" "$here/extract_tasks.py" "$here/late-tasks.tsv" "$ref" "$dir/roles") || exit 1
  needs=$(echo "$used" | sed -n 's/^needs //p' | sort -u)
  # shellcheck disable=SC2046,SC2086
  [ -z "$needs" ] || git --git-dir="$git_dir" archive "$ref" $(printf 'roles/%s ' $needs) | tar -x -C "$dir"
  {
    if [ -z "$validation" ]; then
      sed "s/kubespray-defaults/$defaults/" <<'YML'
- hosts: all
  gather_facts: false
  vars: &facts
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
      cat <<'YML'
- hosts: all
  gather_facts: false
  vars: &facts
    ping_access_ip: false
YML
      printf '  roles: [%s]\n' "$(has dynamic_groups && printf 'dynamic_groups, ')validate_inventory"
    fi
    if [ -n "$late" ]; then
      printf -- '- hosts: k8s_cluster\n  gather_facts: false\n  vars: *facts\n  roles: [%s]\n  tasks:\n' "$defaults"
      for role in $late; do printf '    - include_role: {name: %s, tasks_from: kg_static}\n' "$role"; done
    fi
  } > "$dir/play.yml"
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
  echo "$out" | awk '/^TASK \[/ {t=$0} /^(fatal|failed): / {print t; exit}' | sed -E 's/^TASK \[//; s/\] \**$//; s/^[^ ]+ : //'
}

# kubegate's parity errors for a case, one check id a line.
# kubegate's findings for a case, "check/severity" a line: parity checks only, or every check when
# $3 is non-empty.
run_kubegate() {
  local ref=$1 case_dir=$2 version=$1
  [ "$ref" != master ] && version=${ref#v}
  "$kubegate" lint --format json --kubespray-version "$version" "$case_dir" 2>/dev/null |
    "$python" -c 'import json,sys
d=json.load(sys.stdin); parity=set(sys.argv[1].split()); every=sys.argv[2] != ""
print("\n".join(sorted({f["check"]+"/"+f["severity"] for f in d["findings"]
                        if f["severity"]!="info" and (every or f["check"] in parity)})))' "$parity_checks" "$3"
}

for ref in $refs_default; do prepare "$ref"; done
# Compares Kubespray and kubegate on one inventory and prints "<ref>\t<outcome>\t<report>". A failing
# Kubespray needs a finding of the mapped check (etcd-even-members is a warning by design). A passing
# Kubespray allows warnings (ignored variables) but no parity error; for Kubespray's own CI
# scenarios, no kubegate error at all.
compare() {
  local ref=$1 case_dir=$2 name=$3 any_error=$4 ks kg want ok reason outcome verdict
  local log=$work/inv-$ref-$(basename "$case_dir").log
  ks=$(run_kubespray "$ref" "$case_dir")
  kg=$(run_kubegate "$ref" "$case_dir" "$any_error" | paste -sd, -)
  if [ "$ks" = pass ]; then want=""; else want=$(check_for_task "$ks"); fi
  if [ "$ks" = pass ]; then ok=$(echo ",$kg," | grep -q "/error," && echo no || echo yes)
  else ok=$(echo ",$kg," | grep -Eq ",($want)/(error|warning)," && echo yes || echo no); fi
  reason=$(sed -n "s/^known $ref: *//p" "$case_dir/case" 2>/dev/null)
  if [ "$ok" = yes ] && [ -z "$reason" ]; then outcome=agree verdict=agree
  elif [ "$ok" = no ] && [ -n "$reason" ]; then outcome=known verdict="known disagreement: $reason"
  elif [ "$ok" = yes ]; then outcome=failed verdict="FAIL: marked as a known disagreement but they agree"
  else outcome=failed verdict="FAIL: disagreement (expected kubegate ${want:-none}); log $log"
  fi
  printf '%s\t%s\t%-40s %-8s %-45s %-40s %s\n' "$ref" "$outcome" "$name" "$ref" "${ks:0:45}" "${kg:--}" "$verdict"
  [ "$outcome" = failed ] && grep -E -A3 "^(fatal|failed):" "$log" | head -8 | sed "s/^/$ref\tdetail\t  /"
  return 0
}

# The runs, "<ref> <case dir> <name> <any-error flag>" a line.
{
  for case_dir in "$here"/cases/${CASES:-*}/; do
    case_dir=${case_dir%/}
    [ -d "$case_dir" ] || continue  # CASES matched nothing
    refs=$(sed -n 's/^refs: *//p' "$case_dir/case" 2>/dev/null)
    for ref in ${refs:-$refs_default}; do
      [[ " $refs_default " == *" $ref "* ]] && echo "$ref $case_dir $(basename "$case_dir") -"
    done
  done
  # SCENARIOS=1: Kubespray's own CI scenario files of each ref, as its CI turns them into inventories.
  if [ -n "${SCENARIOS:-}" ]; then
    for ref in $refs_default; do
      "$python" "$here/ci_scenarios.py" "$git_dir" "$ref" "$work/scenarios-$ref" |
        while read -r case_dir; do
          # shellcheck disable=SC2053
          [[ $(basename "$case_dir") == $SCENARIOS || $SCENARIOS == 1 ]] && echo "$ref $case_dir ci:$(basename "$case_dir") any"
        done
    done
  fi
} > "$work/runs"

# JOBS runs at a time; results are printed in the order of the runs.
mkdir -p "$work/results"
n=0
while read -r ref case_dir name any; do
  n=$((n + 1))
  [ "$any" = - ] && any=
  compare "$ref" "$case_dir" "$name" "$any" > "$work/results/$(printf %04d $n)" &
  while [ "$(jobs -rp | wc -l)" -ge "${JOBS:-1}" ]; do wait -n; done
done < "$work/runs"
wait
printf '%-40s %-8s %-45s %-40s %s\n' case ref kubespray kubegate verdict
cat "$work/results"/* > "$work/all"
cut -f3- "$work/all"
total_fail=0
for ref in $refs_default; do
  count() { awk -F'\t' -v ref="$ref" -v o="$1" '$1 == ref && (o == "" ? $2 != "detail" : $2 == o)' "$work/all" | wc -l; }
  echo "differential $ref: $(count '') runs, $(count agree) agree, $(count known) known disagreements, $(count failed) failed"
  [ "$(count failed)" -eq 0 ] || total_fail=1
done
echo "differential: wall time $(( $(date +%s) - start )) s"
exit $total_fail
