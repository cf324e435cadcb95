#!/usr/bin/env bash
# Installs the system packages geokg's build and tests need, when they are missing:
#   libclang-dev  bindgen in oxrocksdb-sys (Oxigraph's bundled RocksDB) needs libclang
# Runs apt-get as root, or through sudo when not root. Safe to run again.
set -euo pipefail

packages=(libclang-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install ${missing[*]} (libclang for bindgen) with your package manager" >&2
    exit 2
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust from rustup.rs" >&2; exit 2; }
