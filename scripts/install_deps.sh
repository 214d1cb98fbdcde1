#!/usr/bin/env bash
# Installs what `make demo` and `make test` need on Debian 12, and only what is missing.
# As root it runs apt-get; otherwise it prints the one command to run and fails.
#   scripts/install_deps.sh          build + run (demo)
#   scripts/install_deps.sh --test   also what the tests need (browser, fuzzing, curl)
set -euo pipefail

packages=(g++ cmake make pkg-config libsqlite3-dev nlohmann-json3-dev libcpp-httplib-dev
          libcli11-dev libgtest-dev libgmock-dev libprotozero-dev libfreetype-dev zlib1g-dev
          fonts-wqy-microhei)
# Search (issue 3): ICU for pinyin and normalisation, OpenCC (+ its data) for traditional → simplified.
packages+=(libicu-dev libopencc-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium clang libclang-rt-14-dev curl sqlite3)
fi
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "zhitu needs these Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
