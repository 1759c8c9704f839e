#!/usr/bin/env bash
# The kubegate-build pre-commit hook: on first use, builds kubegate from the hook repository
# (pre-commit's clone of it, in its cache), then runs it with the hook's arguments. It needs a
# C++20 compiler, CMake and the libraries below; when they are missing it names them.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$repo/build-hook
if [ ! -x "$build/kubegate" ]; then
  need="g++ cmake libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev"
  log=$(mktemp)
  echo "kubegate-build: building kubegate in $build (once)" >&2
  if ! { command -v cmake && command -v c++; } >/dev/null 2>&1 ||
     ! cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DKUBEGATE_BUILD_TESTS=OFF >"$log" 2>&1 ||
     ! cmake --build "$build" --target kubegate -j"$(nproc 2>/dev/null || echo 2)" >>"$log" 2>&1; then
    tail -n 20 "$log" >&2 || true
    echo "kubegate-build: cannot build kubegate; it needs a C++20 compiler, CMake, yaml-cpp, CLI11, fmt and" \
      "nlohmann-json (Debian and Ubuntu: apt-get install $need), or use the hook kubegate with a kubegate on PATH" >&2
    rm -f "$log"
    exit 2
  fi
  rm -f "$log"
fi
exec "$build/kubegate" "$@"
