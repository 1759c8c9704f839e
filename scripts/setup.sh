#!/usr/bin/env bash
# Installs what a fresh Debian 12 lacks (as root), then configures and builds kubegate in build/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ make cmake libyaml-cpp-dev libcli11-dev libfmt-dev catch2 nlohmann-json3-dev python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
