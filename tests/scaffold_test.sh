#!/usr/bin/env bash
# Tests checks/new-check.py in a copy of checks/: it refuses malformed and taken ids and bad
# arguments without writing anything, and what it writes compiles with the project's warnings as
# errors, links with the built checks and the check tests, registers under its folder's name,
# passes the meta-tests and its good-todo fixture, and fails its TODO bad-todo fixture and its
# doc's Bad example until someone writes the check.
# Usage: scaffold_test.sh SOURCE_DIR CXX CHECK_OBJECTS TEST_OBJECTS LINK_FILES [FLAGS] (lists joined by ';')
set -euo pipefail
src=$1 cxx=$2
IFS=';' read -r -a check_objects <<<"$3"
IFS=';' read -r -a test_objects <<<"$4"
IFS=';' read -r -a link_files <<<"$5"
IFS=';' read -r -a flags <<<"${6:-}"
if ! command -v python3 >/dev/null; then
  echo "scaffold: skipped (no python3)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/checks" "$tmp/checks"
fail() { echo "scaffold: FAIL: $*"; exit 1; }
scaffold() { python3 "$src/checks/new-check.py" "$@" --checks-dir "$tmp/checks"; }

refused() {
  local before after
  before=$(find "$tmp/checks" | sort | md5sum)
  if scaffold "$@" >"$tmp/out" 2>&1; then fail "accepted: $*"; fi
  grep -q "error:" "$tmp/out" || fail "no error message for: $*"
  after=$(find "$tmp/checks" | sort | md5sum)
  [ "$before" = "$after" ] || fail "a refused call wrote files: $*"
  echo "refused ($(tail -1 "$tmp/out")): $*"
}
refused Bad_Id --platform kubespray --summary "x"
refused a--b --platform kubespray --summary "x"
refused trailing- --platform kubespray --summary "x"
refused lib --platform kubespray --summary "x"
refused kubespray-bool-as-string --platform kubespray --summary "x"
refused zz-ok --platform windows --summary "x"
refused zz-ok --platform rke2
refused zz-ok --platform rke2 --summary "$(printf 'x%.0s' {1..91})"
refused zz-ok --platform kubeup --severity fatal --summary "x"

ids=()
for platform in kubespray rke2 kubeup; do
  id=zz-scaffold-$platform
  ids+=("$id")
  scaffold "$id" --platform "$platform" --severity warning --summary "a \"quoted\" summary \\ for $platform" >"$tmp/out"
  grep -qF "build/tests/kubegate_tests \"every check fixture yields exactly its expected findings\" -c $id" "$tmp/out" ||
    fail "$id: the next steps lack the command that runs its fixtures"
  "$cxx" -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -Werror "${flags[@]}" -I"$src/include" -I"$src/checks" \
    -c "$tmp/checks/$id/check.cpp" -o "$tmp/$id.o" || fail "$id: check.cpp does not compile"
done
"$cxx" "${flags[@]}" -o "$tmp/tests" "${check_objects[@]}" "$tmp"/zz-scaffold-*.o "${test_objects[@]}" "${link_files[@]}" ||
  fail "the scaffolded checks do not link"

run() { KUBEGATE_TEST_CHECKS_DIR="$tmp/checks" "$tmp/tests" "$@" >"$tmp/out" 2>&1; }
for id in "${ids[@]}"; do
  run "every check folder registers exactly the check it is named after" -c "$id" || { cat "$tmp/out"; fail "$id: registration"; }
  run "every check has a doc with the standard sections and good and bad fixtures" -c "$id" ||
    { cat "$tmp/out"; fail "$id: doc headings or fixtures"; }
  run "every check fixture yields exactly its expected findings" -c "$id" -c good-todo || { cat "$tmp/out"; fail "$id: good-todo"; }
  run "[docs]" -c "$id" -c good || { cat "$tmp/out"; fail "$id: the doc's Good example"; }
  # run() reports nothing yet: the TODO bad fixture and the doc's Bad example must fail.
  if run "every check fixture yields exactly its expected findings" -c "$id"; then fail "$id: bad-todo passed"; fi
  grep -q "bad-todo" "$tmp/out" || { cat "$tmp/out"; fail "$id: the failure does not name bad-todo"; }
  if run "[docs]" -c "$id" -c bad; then fail "$id: the doc's Bad example passed"; fi
  echo "$id: compiles, registers, good-todo passes, bad-todo and the doc's Bad example fail"
done
# The meta-tests over every folder still pass with the scaffolded checks in it.
run "[meta]" || { cat "$tmp/out"; fail "meta-tests"; }
echo "scaffold: ok"
