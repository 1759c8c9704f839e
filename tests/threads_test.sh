#!/usr/bin/env bash
# Inventories are read and checked on several threads (-j): the report is the same with 1 thread
# and with 4, and a ThreadSanitizer build (build-tsan/, made by scripts/setup.sh --test) finds
# no data race, on the examples, the corpus, and 60 inventories in one folder.
# Usage: threads_test.sh KUBEGATE SOURCE_DIR [TSAN_KUBEGATE]
set -euo pipefail
kubegate=$1 src=$2 tsan=${3:-}
fail() { echo "threads: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in 1 2 3 4 5 6; do mkdir -p "$work/mono/$i" && cp -r "$src/examples/." "$work/mono/$i/"; done
trees=("$src/examples" "$src/tests/corpus" "$work/mono")

for tree in "${trees[@]}"; do
  (cd "$tree" && "$kubegate" lint -j 1 --format json --fail-on none . >"$work/one.json" 2>&1) || true
  (cd "$tree" && "$kubegate" lint -j 4 --format json --fail-on none . >"$work/four.json" 2>&1) || true
  [ -s "$work/one.json" ] || fail "$tree: no report"
  cmp -s "$work/one.json" "$work/four.json" || fail "$tree: -j 4 reports otherwise than -j 1"
done
echo "threads: -j 1 and -j 4 report the same on ${#trees[@]} trees"

if [ -z "$tsan" ]; then
  echo "threads: no ThreadSanitizer build given: data races not looked for"
  exit 0
fi
for tree in "${trees[@]}"; do
  code=0
  (cd "$tree" && TSAN_OPTIONS=halt_on_error=1:exitcode=66 "$tsan" lint -j 4 --fail-on none . >/dev/null 2>"$work/tsan.log") ||
    code=$?
  if [ "$code" = 66 ] || grep -q "ThreadSanitizer" "$work/tsan.log"; then
    head -n 60 "$work/tsan.log" >&2
    fail "$tree: ThreadSanitizer found a data race"
  fi
done
echo "threads: ThreadSanitizer finds no data race with -j 4"
