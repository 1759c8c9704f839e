#!/usr/bin/env bash
# Turns the artifacts of a run.sh run into findings: each input reproduced once for its stack
# trace, grouped by cause (the sanitizer's SUMMARY line, or the innermost kubegate frames of a
# timeout or out-of-memory), the first input of each cause kept (and a crash minimised).
#   tests/fuzz/triage.sh RUN_DIR OUT_DIR     RUN_DIR: $WORK/runs/<time>; OUT_DIR/<target>/ is filled
# Environment: BUILD_DIR as for run.sh; MINIMIZE_SECONDS (default 30, 0: do not minimise).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
run="${1:?usage: triage.sh RUN_DIR OUT_DIR}"
out="${2:?usage: triage.sh RUN_DIR OUT_DIR}"
build="${BUILD_DIR:-$root/build-fuzz}"
minimize="${MINIMIZE_SECONDS:-30}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/kubegate-triage.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# The cause of one reproduction log: kind plus where it happened.
signature() {
  local log="$1" kind frames
  if grep -aq 'ERROR: libFuzzer: timeout' "$log"; then kind=timeout
  elif grep -aqE 'out-of-memory|allocation-size-too-big|requested allocation size' "$log"; then kind=oom
  elif grep -aq 'SUMMARY: ' "$log"; then
    kind="$(grep -a -m1 'SUMMARY: ' "$log" | sed -E 's/^SUMMARY: [A-Za-z]+: //; s/ \(.*//; s/ in .*//')"
  else kind=crash
  fi
  # The three innermost frames in kubegate's own sources, as file:line.
  frames="$( (grep -aE '^ +#[0-9]+ ' "$log" || true) | (grep -aoE '/(src|checks)/[^ ]+:[0-9]+' || true) |
            sed -E 's#.*/(src|checks)/#\1/#; s/(:[0-9]+):[0-9]+$/\1/' | awk '!seen[$0]++' | head -n 3 | tr '\n' ' ')"
  # Uncaught exceptions name their type (and what()) in the abort message.
  if grep -aq "terminate called after throwing" "$log"; then
    kind="uncaught $( (grep -aoE "instance of '[^']+'" "$log" || true) | head -n 1 | sed -E "s/.*'(.*)'/\1/")"
    kind="$kind ($( (grep -a -m1 -oE 'what\(\): .*' "$log" || true) | cut -c8-80 |
                    sed -E 's/0x[0-9A-Fa-f]+/HEX/g; s/ [0-9]+/ N/g'))"  # no byte index: one cause, one entry
  fi
  printf '%s | %s' "$kind" "$frames"
}

for tdir in "$run"/*/; do
  t="$(basename "$tdir")"
  [ -d "$tdir/artifacts" ] || continue
  bin="$build/tests/fuzz/fuzz_$t"
  declare -A seen=()
  n=0
  for a in "$tdir"/artifacts/{crash,leak,timeout,oom}-*; do
    [ -f "$a" ] || continue
    log="$scratch/log"
    TMPDIR="$scratch" ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      timeout 120 "$bin" -timeout=10 -rss_limit_mb=2048 "$a" >"$log" 2>&1 || true
    sig="$(signature "$log")"
    [ -z "${seen[$sig]:-}" ] || continue
    n=$((n + 1))
    seen[$sig]=1
    mkdir -p "$out/$t"
    name="$(basename "$a" | cut -d- -f1)-$n"
    cp "$a" "$out/$t/$name.input"
    cp "$log" "$out/$t/$name.trace"
    printf '%s\t%s\n' "$name" "$sig" >>"$out/$t/SUMMARY.tsv"
    if [ "$minimize" -gt 0 ] && [[ "$name" == crash-* || "$name" == leak-* ]]; then
      TMPDIR="$scratch" "$bin" -minimize_crash=1 -max_total_time="$minimize" -timeout=10 -rss_limit_mb=2048 \
        -exact_artifact_path="$out/$t/$name.min" "$a" >"$scratch/min.log" 2>&1 || true
    fi
  done
  unset seen
  [ "$n" -eq 0 ] || echo "triage: $t: $n distinct finding(s) in $out/$t" >&2
done
