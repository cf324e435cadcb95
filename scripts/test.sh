#!/usr/bin/env bash
# Runs every test of the workspace: unit, integration (the real geokg binary on examples/ with a
# real Oxigraph store), doc tests, and each benchmark once in test mode.
# The first run compiles Oxigraph's RocksDB (about 15 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --workspace --all-targets "$@"
cargo test --workspace --doc "$@"
