#!/usr/bin/env bash
# The kubegate-build pre-commit hook, and the GitHub Action's install step (action.yml): on first
# use, builds kubegate from this repository (pre-commit's clone of it, in its cache, or the
# action's checkout) in build-hook/, then runs it with the arguments. It needs a C++20 compiler,
# CMake and the libraries below; when they are missing it names them. With
# KUBEGATE_INSTALL_PACKAGES=1 (the action) and apt-get there, it first installs them if any is
# missing (through sudo when not root).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$repo/build-hook
if [ ! -x "$build/kubegate" ]; then
  need=(g++ cmake libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev rapidjson-dev)
  if [ "${KUBEGATE_INSTALL_PACKAGES:-}" = 1 ] && command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then
    missing=0
    for p in "${need[@]}"; do
      [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing=1
    done
    if [ "$missing" = 1 ]; then
      as_root=()
      [ "$(id -u)" = 0 ] || as_root=(sudo)
      echo "kubegate-build: installing ${need[*]}" >&2
      { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y "${need[@]}"; } >&2 ||
        echo "kubegate-build: apt-get could not install them" >&2
    fi
  fi
  log=$(mktemp)
  echo "kubegate-build: building kubegate in $build (once)" >&2
  if ! { command -v cmake && command -v c++; } >/dev/null 2>&1 ||
     ! cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DKUBEGATE_BUILD_TESTS=OFF >"$log" 2>&1 ||
     ! cmake --build "$build" --target kubegate -j"$(nproc 2>/dev/null || echo 2)" >>"$log" 2>&1; then
    tail -n 20 "$log" >&2 || true
    echo "kubegate-build: cannot build kubegate; it needs a C++20 compiler, CMake, yaml-cpp, CLI11, fmt," \
      "nlohmann-json and RapidJSON (Debian and Ubuntu: apt-get install ${need[*]}), or a kubegate on PATH (the hook kubegate)" >&2
    rm -f "$log"
    exit 2
  fi
  rm -f "$log"
fi
exec "$build/kubegate" "$@"
