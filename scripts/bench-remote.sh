#!/usr/bin/env bash
# Ingest throughput and question latency of each backend, side by side in one table: the
# examples copied N times (default 91: 1,001 documents, each copy its own source and content)
# ingested by `geokg ingest` into the embedded store, the Oxigraph server and Virtuoso of
# `scripts/servers.sh start`, in documents/s and quads/s; the latency of `who-met` and
# `meetings --with` against each (median of RUNS runs after one that fills the caches); and
# the other path for large corpora: the embedded store dumped as N-Quads and loaded by
# `oxigraph load` and Virtuoso's ld_dir.
#   scripts/servers.sh start && scripts/bench-remote.sh [N] [path/to/geokg]
# Every geokg graph on the two servers is dropped first: run it on the test servers only.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-91}
geokg=${2:-target/debug/geokg}
runs=${RUNS:-5}
# shellcheck disable=SC1091
source target/servers.env
work=$(mktemp -d "${TMPDIR:-/tmp}/geokg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache
mkdir -p "$work/articles"
for i in $(seq 1 "$n"); do
  for file in examples/*.txt; do
    { cat "$file"; printf '\n(copy %s)\n' "$i"; } >"$work/articles/$i-$(basename "$file")"
  done
done
documents=$(find "$work/articles" -type f | wc -l)
isql() { isql-vt "$GEOKG_TEST_VIRTUOSO_ISQL" "$GEOKG_TEST_VIRTUOSO_USER" "$GEOKG_TEST_VIRTUOSO_PASSWORD" exec="$1" >/dev/null; }
now() { date +%s%N; }
since() { printf '%.2f' "$(echo "scale=3; ($(now) - $1) / 1000000000" | bc)"; }
rate() { echo "scale=0; $1 / $2" | bc; }

# Off both servers, every graph geokg wrote, so every run writes new graphs. The ontology goes
# too (geokg writes it again): a bulk load of a dump adds a second copy of its blank nodes.
empty_servers() {
  curl -fsS -o /dev/null -X POST "$GEOKG_TEST_OXIGRAPH_URL/update" --data-urlencode 'update=DROP ALL'
  isql "DELETE FROM DB.DBA.RDF_QUAD WHERE __id2i(G) LIKE 'https://w3id.org/geokg/id/doc/%' OR G = iri_to_id('https://w3id.org/geokg/ns');"
}

rows=()
# ingest LABEL STORE [VAR=VALUE...]: one row's first columns; the quads come from the summary.
ingest() {
  local label=$1 store=$2 start seconds quads
  shift 2
  start=$(now)
  env "$@" "$geokg" --store "$store" ingest "$work/articles" 2>"$work/ingest.log" >/dev/null
  seconds=$(since "$start")
  quads=$(grep -o '([0-9]* quads)' "$work/ingest.log" | tr -dc 0-9)
  rows+=("$(printf '%-46s %9s %9s %9s' "$label" "$seconds" "$(rate "$documents" "$seconds")" "$(rate "$quads" "$seconds")")")
}

# latency STORE ARGS...: the median of $runs runs in milliseconds, after one warm-up run.
latency() {
  local store=$1 start
  shift
  "$geokg" --store "$store" "$@" >/dev/null
  for _ in $(seq 1 "$runs"); do
    start=$(now)
    "$geokg" --store "$store" "$@" >/dev/null
    echo $((($(now) - start) / 1000000))
  done | sort -n | sed -n "$(((runs + 1) / 2))p"
}

# questions STORE: appends the two latencies to the last row.
questions() {
  local who meetings
  who=$(latency "$1" who-met Putin)
  meetings=$(latency "$1" meetings --with Putin)
  rows[-1]="${rows[-1]} $(printf '%11s %15s' "$who" "$meetings")"
}

empty_servers
ingest "geokg ingest, embedded (RocksDB)" "$work/embedded.db"
questions "$work/embedded.db"
ingest "geokg ingest, Oxigraph server (GSP PUT)" "$GEOKG_TEST_OXIGRAPH_URL"
questions "$GEOKG_TEST_OXIGRAPH_URL"
ingest "geokg ingest, Virtuoso (GSP PUT)" "$GEOKG_TEST_VIRTUOSO_URL"
questions "$GEOKG_TEST_VIRTUOSO_URL"
empty_servers
ingest "geokg ingest, Virtuoso (SPARQL UPDATE)" "$GEOKG_TEST_VIRTUOSO_URL" GEOKG_STORE_GSP_URL=none
virtuoso_root=${GEOKG_TEST_VIRTUOSO_URL%/sparql}
empty_servers
ingest "geokg ingest, Virtuoso /sparql-auth (Digest)" "$virtuoso_root/sparql-auth" \
  GEOKG_STORE_USER="$GEOKG_TEST_VIRTUOSO_USER" GEOKG_STORE_PASSWORD="$GEOKG_TEST_VIRTUOSO_PASSWORD"

start=$(now)
"$geokg" --store "$work/embedded.db" dump --format nquads -o "$work/dump.nq"
seconds=$(since "$start")
quads=$(wc -l <"$work/dump.nq")
rows+=("$(printf '%-46s %9s %9s %9s' "geokg dump (embedded, N-Quads)" "$seconds" "$(rate "$documents" "$seconds")" "$(rate "$quads" "$seconds")")")
start=$(now)
"$GEOKG_TEST_OXIGRAPH_BIN" load --location "$work/oxigraph-bulk" --file "$work/dump.nq" >/dev/null 2>&1
seconds=$(since "$start")
rows+=("$(printf '%-46s %9s %9s %9s' "oxigraph load (bulk loader)" "$seconds" "$(rate "$documents" "$seconds")" "$(rate "$quads" "$seconds")")")
data=$(cat target/servers/data)
cp "$work/dump.nq" "$data/dump.nq"
# Into a server without these documents, and with the file not in the load list (an earlier
# run would keep it from being loaded again).
empty_servers
isql "DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file = '$data/dump.nq';"
start=$(now)
isql "ld_dir('$data', 'dump.nq', 'https://w3id.org/geokg/ns'); rdf_loader_run(); checkpoint;"
seconds=$(since "$start")
rows+=("$(printf '%-46s %9s %9s %9s' "Virtuoso ld_dir + rdf_loader_run" "$seconds" "$(rate "$documents" "$seconds")" "$(rate "$quads" "$seconds")")")
loaded=$("$geokg" --store "$GEOKG_TEST_VIRTUOSO_URL" stats --format json | grep -o '"documents": *[0-9]*' | tr -dc 0-9)
[ "$loaded" -eq "$documents" ] || { echo "bench: Virtuoso holds $loaded documents after the bulk load, not $documents" >&2; exit 1; }
rm -f "$data/dump.nq"
empty_servers

echo "$documents documents, $quads quads in the dump; $("$geokg" --version); latency: median of $runs runs, ms"
printf '%-46s %9s %9s %9s %11s %15s\n' "path" "seconds" "docs/s" "quads/s" "who-met" "meetings --with"
printf '%s\n' "${rows[@]}"
