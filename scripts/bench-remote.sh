#!/usr/bin/env bash
# Ingest throughput into each backend, against dump + bulk load: the examples copied N times
# (default 20, each copy its own source and content) ingested by `geokg ingest` into the
# embedded store, the Oxigraph server and Virtuoso of `scripts/servers.sh start`; then the
# embedded store dumped as N-Quads and loaded by `oxigraph load` and Virtuoso's ld_dir.
#   scripts/servers.sh start && scripts/bench-remote.sh [N] [path/to/geokg]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
geokg=${2:-target/debug/geokg}
# shellcheck disable=SC1091
source target/servers.env
work=$(mktemp -d "${TMPDIR:-/tmp}/geokg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/articles"
for i in $(seq 1 "$n"); do
  for file in examples/*.txt; do
    { cat "$file"; printf '\n(copy %s)\n' "$i"; } >"$work/articles/$i-$(basename "$file")"
  done
done
documents=$(find "$work/articles" -type f | wc -l)
seconds() { local start=$1; echo "scale=2; ($(date +%s%N) - $start) / 1000000000" | bc; }
report() { printf '%-44s %8s s  %8s docs/s\n' "$1" "$2" "$(echo "scale=1; $documents / $2" | bc)"; }

# Every geokg document off a server, so every run writes new graphs.
forget_all() {
  "$geokg" --store "$1" query 'SELECT DISTINCT ?s WHERE { GRAPH ?g { ?g gk:source ?s } }' --format tsv 2>/dev/null |
    tail -n +2 | sed -e 's/^"//' -e 's/"$//' |
    while read -r source; do "$geokg" --store "$1" forget "$source" >/dev/null 2>&1; done || true
}
forget_all "$GEOKG_TEST_OXIGRAPH_URL"
forget_all "$GEOKG_TEST_VIRTUOSO_URL"

start=$(date +%s%N)
"$geokg" --quiet --store "$work/embedded.db" ingest "$work/articles"
report "geokg ingest, embedded (RocksDB)" "$(seconds "$start")"
start=$(date +%s%N)
"$geokg" --quiet --store "$GEOKG_TEST_OXIGRAPH_URL" ingest "$work/articles"
report "geokg ingest, Oxigraph server (GSP PUT)" "$(seconds "$start")"
start=$(date +%s%N)
"$geokg" --quiet --store "$GEOKG_TEST_VIRTUOSO_URL" ingest "$work/articles"
report "geokg ingest, Virtuoso (GSP PUT)" "$(seconds "$start")"
forget_all "$GEOKG_TEST_VIRTUOSO_URL"
start=$(date +%s%N)
GEOKG_STORE_GSP_URL=none "$geokg" --quiet --store "$GEOKG_TEST_VIRTUOSO_URL" ingest "$work/articles"
report "geokg ingest, Virtuoso (SPARQL UPDATE)" "$(seconds "$start")"

start=$(date +%s%N)
"$geokg" --store "$work/embedded.db" dump --format nquads -o "$work/dump.nq"
report "geokg dump (embedded, N-Quads)" "$(seconds "$start")"
start=$(date +%s%N)
"$GEOKG_TEST_OXIGRAPH_BIN" load --location "$work/oxigraph-bulk" --file "$work/dump.nq" >/dev/null 2>&1
report "oxigraph load (bulk loader)" "$(seconds "$start")"
data=$(cat target/servers/data)
cp "$work/dump.nq" "$data/dump.nq"
# Into a server without these documents, and with the file not in the load list (an earlier
# run would keep it from being loaded again).
forget_all "$GEOKG_TEST_VIRTUOSO_URL"
isql-vt "$GEOKG_TEST_VIRTUOSO_ISQL" dba dba exec="DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file = '$data/dump.nq';" >/dev/null
start=$(date +%s%N)
isql-vt "$GEOKG_TEST_VIRTUOSO_ISQL" dba dba \
  exec="ld_dir('$data', 'dump.nq', 'https://w3id.org/geokg/ns'); rdf_loader_run(); checkpoint;" >/dev/null
report "Virtuoso ld_dir + rdf_loader_run" "$(seconds "$start")"
loaded=$("$geokg" --store "$GEOKG_TEST_VIRTUOSO_URL" stats --format json | grep -o '"documents": *[0-9]*')
echo "Virtuoso after the bulk load: $loaded"
echo "$documents documents, $(wc -l <"$work/dump.nq") quads"
