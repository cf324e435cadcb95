#!/usr/bin/env bash
# Runs every test of the workspace: unit, integration (the real geokg binary on examples/ with a
# real Oxigraph store), the export formats checked by Graphviz, networkx and headless Chromium,
# the remote-store conformance suite against a real Oxigraph server and Virtuoso (started here
# on 127.0.0.1 and stopped at the end), doc tests, and each benchmark once in test mode.
# The first run compiles Oxigraph's RocksDB (about 15-20 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/servers.sh install
scripts/servers.sh start
trap 'scripts/servers.sh stop' EXIT
# shellcheck source=/dev/null
source target/servers.env
cargo test --workspace --all-targets "$@"
cargo test --workspace --doc "$@"
