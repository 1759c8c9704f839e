#!/usr/bin/env bash
# The release binary of a -DKUBEGATE_STATIC=ON build needs no shared library (no yaml-cpp, fmt,
# libstdc++ or libc .so): ldd and the dynamic section say so, and it lints an example, also alone
# in an empty root when the test runs as root (chroot).
# Usage: static_binary_test.sh KUBEGATE SOURCE_DIR
set -euo pipefail
bin=$1 src=$2
fail() { echo "static-binary: $*" >&2; exit 1; }

out=$(ldd "$bin" 2>&1 || true)
echo "ldd $bin: $out"
grep -qE "not a dynamic executable|statically linked" <<<"$out" || fail "ldd lists shared libraries"
if readelf -d "$bin" 2>/dev/null | grep -q NEEDED; then fail "its dynamic section needs libraries"; fi

set +e
lint=$("$bin" lint --kubespray-version 2.24.0 "$src/examples/kubespray-12059" 2>&1)
code=$?
set -e
[ "$code" = 1 ] || fail "lint of the example exited $code, not 1: $lint"
grep -qF "[csr-approver-external-cloud]" <<<"$lint" || fail "lint of the example lacks its finding: $lint"

if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null; then
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  cp "$bin" "$root/kubegate"
  cp -r "$src/examples/kubespray-12059" "$root/example"
  set +e
  alone=$(chroot "$root" /kubegate lint --kubespray-version 2.24.0 /example 2>&1)
  code=$?
  set -e
  [ "$code" = 1 ] || fail "in an empty root, lint exited $code: $alone"
  grep -qF "[csr-approver-external-cloud]" <<<"$alone" || fail "in an empty root, the finding is missing: $alone"
  echo "static-binary: lints the example alone in an empty root"
fi
echo "static-binary: ok"
