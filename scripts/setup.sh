#!/usr/bin/env bash
# Installs the system packages geokg's build and tests need, when they are missing:
#   libclang-dev       bindgen in oxrocksdb-sys (Oxigraph's bundled RocksDB) needs libclang
#   graphviz           `dot`, which the export tests render our DOT with
#   chromium           headless Chromium, which the export tests open the HTML page in
#   fonts-dejavu-core  a font for labels in PNG exports and Chromium's screenshots
#   curl               the server script waits with it until the SPARQL servers answer
# and a Python venv at target/venv-export with networkx, which reads our GraphML and GEXF back.
# Runs apt-get as root, or through sudo when not root. Safe to run again.
set -euo pipefail

packages=(libclang-dev graphviz chromium fonts-dejavu-core curl)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install ${missing[*]} with your package manager" >&2
    exit 2
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust from rustup.rs" >&2; exit 2; }

venv="$(dirname "$0")/../target/venv-export"
if ! "$venv/bin/python" -c 'import networkx' >/dev/null 2>&1; then
  echo "setup: creating target/venv-export with networkx" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check networkx
fi
