#!/usr/bin/env bash
# Installs what DealPOS Label Desk needs on Debian or Ubuntu, then its npm packages.
#   scripts/setup.sh          packages to build and run the command line (libsecret for the keychain)
#   scripts/setup.sh --test   also the tools the tests use: PDF rasteriser, barcode decoder, a keyring
# Node.js 20.19 or newer must already be installed. System packages need root or sudo; where neither is
# available, the script prints which packages are missing and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libsecret-1-0 libsecret-1-dev python3 make g++ pkg-config)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(poppler-utils zbar-tools gnome-keyring dbus dbus-daemon cups cups-client cups-bsd chromium)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "Missing Debian packages: ${missing[*]}. Install them as root, then run this again." >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_version=$(node -p 'process.versions.node')
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Node.js 20.19 or newer is needed; this machine has $node_version." >&2
  exit 1
fi

# The Electron binary is only needed to run the desktop app; everything else runs under plain Node.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
