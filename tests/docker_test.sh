#!/usr/bin/env bash
# The Dockerfile (the pre-commit hook kubegate-docker), tested without docker: no container daemon
# runs here, so this script follows the Dockerfile's instructions itself. It knows FROM, COPY, RUN
# and ENTRYPOINT only and fails on anything else, so a Dockerfile change it cannot follow fails
# instead of passing unchecked. It checks that
# - both stages are FROM debian:12-slim (README: a Debian 12 image);
# - the build stage copies the source tree to K and RUNs exactly `bash K/scripts/setup.sh &&
#   cmake --install K/build --prefix P`; setup.sh made BUILD_DIR (it is not re-run: that would
#   rebuild), so the install runs with K/build as BUILD_DIR and P in a scratch build-stage root;
# - the runtime stage RUNs nothing (the binary is static) and its COPY --from sources exist there;
# - a root holding only what it copies runs the ENTRYPOINT ["kubegate"] (chroot, as root): --version,
#   a lint of an example, and the header comment's `docker run ... kubegate lint` in its -w folder.
# Usage: docker_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
fail() { echo "dockerfile: $*" >&2; exit 1; }
df=$src/Dockerfile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The instructions (comment lines dropped, continuation lines joined), stage by stage.
s='[[:space:]]+' path='[^-[:space:]"*?[][^[:space:]*?[]*'
from_re="^(${path})(${s}[Aa][Ss]${s}([[:alnum:]_.-]+))?$"
copy_re="^(--from=([[:alnum:]_.-]+)${s})?(${path})${s}(${path})$"
stage=-1 base=() name=() seq=() copies=() runs=() entry=""
while read -r kw args; do
  kw=${kw^^}
  case $kw in
    FROM) [[ $args =~ $from_re ]] || fail "FROM $args: not understood"
      stage=$((stage + 1)) base+=("${BASH_REMATCH[1]}") name+=("${BASH_REMATCH[3]}") seq+=("") ;;
    COPY) [[ $args =~ $copy_re ]] || fail "COPY $args: not understood (one source, --from only, no wildcard)"
      copies+=("${BASH_REMATCH[2]:--} ${BASH_REMATCH[3]} ${BASH_REMATCH[4]}") ;;
    RUN) runs+=("$args") ;;
    ENTRYPOINT) entry=$args ;;
    *) fail "instruction $kw not understood: teach tests/docker_test.sh what it does" ;;
  esac
  [ "$stage" -ge 0 ] || fail "$kw before the first FROM"
  seq[stage]+="$kw "
done < <(sed '/^[[:space:]]*#/d; /^[[:space:]]*$/d' "$df" | sed -e ':a' -e '/\\$/{N;s/\\\n//;ba}')

[ "$stage" = 1 ] || fail "$((stage + 1)) stages, not 2 (build, runtime)"
for i in 0 1; do [ "${base[i]}" = debian:12-slim ] || fail "stage $((i + 1)) is FROM ${base[i]}, not debian:12-slim"; done
[ -n "${name[0]}" ] || fail "the build stage has no name (FROM ... AS name)"
[ "${seq[0]}" = "FROM COPY RUN " ] || fail "the build stage is ${seq[0]% }, not FROM COPY RUN"
[[ ${seq[1]} =~ ^FROM\ (COPY )+ENTRYPOINT\ $ ]] ||
  fail "the runtime stage is ${seq[1]% }, not FROM COPY... ENTRYPOINT (no RUN: nothing to install)"
[[ $entry =~ ^\[[[:space:]]*'"kubegate"'[[:space:]]*\]$ ]] || fail "ENTRYPOINT $entry: not the exec form [\"kubegate\"]"

# 2. The build stage: COPY . K, then RUN bash K/scripts/setup.sh && cmake --install K/build --prefix P.
read -r from csrc k <<<"${copies[0]}"
[ "$from $csrc" = "- ." ] && [[ $k =~ ^/[[:alnum:]/_-]+$ ]] ||
  fail "the build stage's COPY ${copies[0]#- }: not the source tree (.) to a folder"
k=${k%/}
run_re="^bash${s}${k}/scripts/setup\.sh${s}&&${s}cmake${s}--install${s}${k}/build${s}--prefix${s}(/[[:alnum:]/_.-]*)$"
[[ ${runs[0]} =~ $run_re ]] || fail "RUN ${runs[0]}: not bash $k/scripts/setup.sh && cmake --install $k/build --prefix DIR"
prefix=${BASH_REMATCH[1]}
[[ $prefix != "$k" && $prefix != "$k"/* ]] || fail "the prefix $prefix is in the source tree"
# A path of the build stage: K/build is BUILD_DIR, K the source tree, the rest a scratch root.
map() {
  case $1 in
    "$k"/build | "$k"/build/*) echo "$build${1#"$k"/build}" ;;
    "$k" | "$k"/*) echo "$src${1#"$k"}" ;;
    *) echo "$work/build-stage$1" ;;
  esac
}
cmake --install "$build" --prefix "$(map "$prefix")" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "cmake --install $build failed"; }

# 3. The runtime stage: a root holding only what it copies from the build stage.
root=$work/runtime
for c in "${copies[@]:1}"; do
  read -r from from_path to <<<"$c"
  [ "$from" = "${name[0]}" ] || fail "the runtime stage copies from ${from/#-/the context}, not --from=${name[0]}"
  [ -e "$(map "$from_path")" ] || fail "COPY --from=$from $from_path: the build stage's install has no $from_path"
  if [ -d "$(map "$from_path")" ]; then mkdir -p "$root$to" && cp -a "$(map "$from_path")/." "$root$to"
  elif [[ $to == */ ]]; then mkdir -p "$root$to" && cp -a "$(map "$from_path")" "$root$to"
  else mkdir -p "$(dirname "$root$to")" && cp -a "$(map "$from_path")" "$root$to"; fi
done
image_files=$(cd "$root" && find . -type f | sed 's|^\.||' | tr '\n' ' ' | sed 's/ $//')

# 4. The header comment's usage: docker build -t TAG . && docker run OPTIONS TAG ARGS, which docker
# appends to the ENTRYPOINT: ARGS start at the subcommand.
header=$(sed '/^[[:space:]]*[^#[:space:]]/,$d' "$df")
[[ $header =~ docker\ build\ -t\ ([^[:space:]]+)\ \. ]] || fail "the header comment has no docker build -t TAG ."
tag=${BASH_REMATCH[1]}
usage_line=$(grep -o 'docker run .*' <<<"$header") || fail "the header comment has no docker run line"
mapfile -t argv < <(xargs printf '%s\n' <<<"${usage_line#docker run }")
set -- "${argv[@]}"
vol="" wd=/
while [[ ${1:-} == -* ]]; do
  case $1 in
    --rm) shift ;;
    -v) vol=$2 && shift 2 ;;
    -w) wd=$2 && shift 2 ;;
    *) fail "usage line: docker run $1 not understood" ;;
  esac
done
[ "${1:-}" = "$tag" ] || fail "the usage line runs ${1:-nothing}, not the image it builds ($tag)"
shift
usage=("$@")
[ "$vol" = "\$PWD:$wd" ] || fail "the usage line mounts ${vol:-nothing}, not \$PWD at its -w folder $wd"
[ "${usage[0]:-}" = lint ] || fail "the usage line's arguments start with ${usage[0]:-nothing}, not the subcommand lint"

if [ "$(id -u)" != 0 ] || ! command -v chroot >/dev/null; then
  echo "dockerfile: skipped (running the runtime stage needs chroot, as root); the Dockerfile parses and installs"
  exit 0
fi
# The example is the mounted $PWD; the environment is debian:12-slim's PATH, nothing else.
mkdir -p "$root$wd" && cp -r "$src/examples/kubespray-12059" "$root$wd/"
in_image() { env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
run() { set +e; out=$("$@" 2>&1); code=$?; set -e; }
run in_image chroot "$root" kubegate --version
[ "$code" = 0 ] && [[ $out == "kubegate "* ]] || fail "the image's kubegate --version: exit $code, $out"
run in_image chroot "$root" kubegate lint --kubespray-version 2.24.0 "$wd/kubespray-12059"
[ "$code" = 1 ] && grep -qF "[csr-approver-external-cloud]" <<<"$out" || fail "the image's lint of the example: exit $code, $out"
# The usage line as docker runs it: the ENTRYPOINT and ARGS in the -w folder (chroot with a chdir).
run in_image unshare --root="$root" --wd="$wd" kubegate "${usage[@]}"
[ "$code" = 1 ] && grep -qF "[csr-approver-external-cloud]" <<<"$out" ||
  fail "the usage line's kubegate ${usage[*]} in $wd: exit $code, $out"
echo "dockerfile: the build stage installs to $prefix; the runtime stage, only $image_files, runs kubegate"
echo "dockerfile: ok"
