#!/usr/bin/env bash
# `cpack` makes a .deb of this build that dpkg installs (into a scratch root, with its own dpkg
# database, so the machine running the test is not changed) and whose kubegate runs: its version,
# its man page and check docs in place, and a lint of an example.
# Usage: deb_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
fail() { echo "deb: $*" >&2; exit 1; }
command -v dpkg >/dev/null || fail "dpkg is missing (a Debian system is needed to test the .deb)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(find "$work/out" -maxdepth 1 -name 'kubegate_*.deb' | head -n 1)
[ -n "$deb" ] || fail "cpack made no kubegate_*.deb"
dpkg-deb --info "$deb" | sed 's/^/  /'
dpkg-deb --contents "$deb" >"$work/contents"
for f in ./usr/bin/kubegate ./usr/share/man/man1/kubegate.1 ./usr/share/doc/kubegate/checks/csr-approver-external-cloud.md \
  ./usr/share/bash-completion/completions/kubegate ./usr/share/zsh/vendor-completions/_kubegate \
  ./usr/share/fish/vendor_completions.d/kubegate.fish; do
  grep -qF " $f" "$work/contents" || fail "the package lacks $f"
done

root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-not-root --force-depends --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
dpkg --root="$root" -s kubegate | grep -q "^Status: install ok installed" || fail "dpkg does not list it as installed"
"$root/usr/bin/kubegate" --version | head -n 1 | grep -q "^kubegate " || fail "the installed kubegate has no version"
set +e
lint=$("$root/usr/bin/kubegate" lint --kubespray-version 2.24.0 "$src/examples/kubespray-12059" 2>&1)
code=$?
set -e
[ "$code" = 1 ] && grep -qF "[csr-approver-external-cloud]" <<<"$lint" || fail "the installed kubegate: exit $code, $lint"
echo "deb: $(basename "$deb") installs and runs"
