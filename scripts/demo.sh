#!/usr/bin/env bash
# Builds geokg and runs the main job on the articles in examples/: ingest them into an embedded
# Oxigraph store, then ask it who met whom. The first build compiles Oxigraph's RocksDB
# (about 20 minutes on 2 cores); later runs take seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --bin geokg
store=${GEOKG_STORE:-target/demo.db}
geokg=target/release/geokg
echo "== geokg ingest examples/ (store: $store)"
"$geokg" --store "$store" ingest examples/
echo "== geokg meetings"
"$geokg" --store "$store" meetings
echo "== geokg query who-met-whom"
"$geokg" --store "$store" query who-met-whom
echo "== geokg transfers"
"$geokg" --store "$store" transfers
