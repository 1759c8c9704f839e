#!/usr/bin/env bash
# Installs what a fresh Debian 12 lacks (as root), then configures and builds kubegate in build/.
# With --test, also the hardening build in build-hardening/ (clang: the suite under ASan and
# UBSan, and the libFuzzer targets), whose tests build/'s suite runs as its `hardening` test, and
# kubegate under ThreadSanitizer in build-tsan/, which its `threads` test runs.
set -euo pipefail
cd "$(dirname "$0")/.."
test_mode=0
case "${1:-}" in
  "") ;;
  --test) test_mode=1 ;;
  *) echo "usage: scripts/setup.sh [--test]" >&2; exit 2 ;;
esac

packages=(g++ make cmake libyaml-cpp-dev libcli11-dev libfmt-dev catch2 nlohmann-json3-dev rapidjson-dev python3 help2man)
[ "$test_mode" = 0 ] || packages+=(clang libclang-rt-14-dev pre-commit git python3-yaml zsh fish valgrind)
missing=()
if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "setup: not a Debian system: install a C++20 compiler, CMake, yaml-cpp, CLI11, fmt, nlohmann-json," \
    "Catch2 v2 (README.md, Install) if they are missing; building with what is there" >&2
else
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

hardening="" tsan=""
if [ "$test_mode" = 1 ]; then
  hardening="$PWD/build-hardening" tsan="$PWD/build-tsan/kubegate"
  # -O1 and line tables, asserts kept: what sanitizer and fuzzing builds use.
  CC=clang CXX=clang++ cmake -S . -B build-hardening -DKUBEGATE_FUZZ=ON -DKUBEGATE_BUILD_TESTS=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" >/dev/null
  cmake --build build-hardening -j"$(nproc)"
  # kubegate under ThreadSanitizer, for the threads test (inventories are linted in parallel).
  CC=clang CXX=clang++ cmake -S . -B build-tsan -DKUBEGATE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -fsanitize=thread" \
    -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
  cmake --build build-tsan --target kubegate -j"$(nproc)"
fi
# A static binary (tests/static_binary_test.sh): build/kubegate runs on any Linux, alone.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKUBEGATE_STATIC=ON "-DKUBEGATE_HARDENING_BUILD=$hardening" \
  "-DKUBEGATE_TSAN_KUBEGATE=$tsan" >/dev/null
cmake --build build -j"$(nproc)"
