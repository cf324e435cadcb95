#!/usr/bin/env bash
# Installs what the tests of geokg-export check their output with, when it is missing:
#   graphviz           `dot`, which must render our DOT without errors
#   chromium           headless Chromium, which opens the HTML page
#   fonts-dejavu-core  a font for labels in the PNG rendering and in Chromium's screenshot
# and a Python venv at target/venv-export with networkx, which reads our GraphML and GEXF back.
# Runs apt-get as root, or through sudo when not root. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(graphviz chromium fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-export: please install ${missing[*]} with your package manager" >&2
    exit 2
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup-export: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv=target/venv-export
if ! "$venv/bin/python" -c 'import networkx' >/dev/null 2>&1; then
  echo "setup-export: creating $venv with networkx" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check networkx
fi
