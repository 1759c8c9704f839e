#!/usr/bin/env bash
# Runs every fuzz target (or those named) one after another for SECONDS each and prints, per
# target, the executions and the crash, timeout and out-of-memory inputs found.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]          SECONDS defaults to 600
# Environment: BUILD_DIR (the -DKUBEGATE_FUZZ=ON build, default build-fuzz), WORK (corpora, seeds
# and runs, default $BUILD_DIR/fuzz). A target keeps going after a crash (libFuzzer's fork mode
# with one worker); each run has its own folder $WORK/runs/<time>/<target>/ with the log and the
# artifacts (crash-*, timeout-*, oom-*, leak-*). The corpus a target grows is kept in
# $WORK/corpus/<target>/ for the next run. Exit status: 1 when anything was found.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
shift || true
build="${BUILD_DIR:-$root/build-fuzz}"
work="${WORK:-$build/fuzz}"
all=(ini_hosts yaml_hosts vars_file rke2_config rke2_registries kubeup_env jinja lint_tree)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

declare -A dict=([ini_hosts]=ini [yaml_hosts]=yaml [vars_file]=yaml [rke2_config]=rke2 [rke2_registries]=rke2
                 [kubeup_env]=env [jinja]=jinja [lint_tree]=all)
for t in "${targets[@]}"; do
  [ -n "${dict[$t]:-}" ] || { echo "run.sh: no target $t (targets: ${all[*]})" >&2; exit 2; }
  [ -x "$build/tests/fuzz/fuzz_$t" ] || {
    echo "run.sh: $build/tests/fuzz/fuzz_$t is missing; build it (tests/fuzz/README.md)" >&2; exit 2; }
done

[ -d "$work/seeds" ] || bash "$root/tests/fuzz/seeds.sh" "$work/seeds" >/dev/null
run="$work/runs/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$run"
cat "$root"/tests/fuzz/{ini,yaml,rke2,env,jinja}.dict >"$run/all.dict"
# The targets write their inputs to files: on tmpfs when there is one, removed afterwards.
scratch_parent=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && scratch_parent=/dev/shm
scratch="$(mktemp -d "$scratch_parent/kubegate-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

found=0
rows=()
for t in "${targets[@]}"; do
  dir="$run/$t"
  mkdir -p "$dir/artifacts" "$work/corpus/$t" "$work/seeds/$t"
  d="$root/tests/fuzz/${dict[$t]}.dict"
  [ "${dict[$t]}" = all ] && d="$run/all.dict"
  echo "run.sh: $t for ${seconds}s (log: $dir/log)" >&2
  # In its own process group: a job whose timeout handler deadlocks (the alarm came inside
  # malloc) never ends by itself, so the whole group is killed 60 s past the deadline.
  TMPDIR="$scratch" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
    setsid "$build/tests/fuzz/fuzz_$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -dict="$d" -print_final_stats=1 \
    -artifact_prefix="$dir/artifacts/" "$work/corpus/$t" "$work/seeds/$t" >"$dir/log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + seconds + 60))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "run.sh: $t still running 60 s past its time (a stuck job): killing its process group" >&2
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  # libFuzzer's last status line: "#<executions>: cov: ... oom/timeout/crash: o/t/c ..." (fork mode)
  # or "#<executions> DONE ..."; stat::number_of_executed_units when it prints final stats.
  execs=$( (grep -aoE '^#[0-9]+' "$dir/log" || true) | tail -n 1 | tr -d '#')
  units=$( (grep -aoE 'stat::number_of_executed_units: [0-9]+' "$dir/log" || true) | awk '{s+=$2} END {print s+0}')
  if [ "${units:-0}" -gt "${execs:-0}" ]; then execs=$units; fi
  count() { find "$dir/artifacts" -maxdepth 1 -type f -name "$1" | wc -l; }
  crashes=$(( $(count 'crash-*') + $(count 'leak-*') ))
  timeouts=$(count 'timeout-*')
  ooms=$(count 'oom-*')
  [ $((crashes + timeouts + ooms)) -eq 0 ] || found=1
  rows+=("$(printf '%-16s %12s %8d %9d %6d' "$t" "${execs:-?}" "$crashes" "$timeouts" "$ooms")")
done

printf '%-16s %12s %8s %9s %6s\n' target executions crashes timeouts ooms
printf '%s\n' "${rows[@]}"
echo "artifacts: $run/<target>/artifacts/ (reproduce: \$BUILD_DIR/tests/fuzz/fuzz_<target> FILE; tests/fuzz/triage.sh)"
exit "$found"
