#!/usr/bin/env bash
# The SPARQL servers the remote-store tests run against, on 127.0.0.1 only:
#   scripts/servers.sh install   Virtuoso 7 (Debian's virtuoso-opensource, its daemon kept from
#                                starting) and the Oxigraph server (pip, in target/venv-oxigraph)
#   scripts/servers.sh start     both servers on free loopback ports, data in a temporary folder;
#                                writes target/servers.env (source it before `cargo test`)
#   scripts/servers.sh stop      stops what `start` started
# Runs apt-get as root, or through sudo when not root. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv=$root/target/venv-oxigraph
state=$root/target/servers
env_file=$root/target/servers.env
oxigraph_version=0.5.13

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

install() {
  if ! command -v virtuoso-t >/dev/null 2>&1; then
    echo "servers: installing virtuoso-opensource" >&2
    # The package starts a daemon listening on every interface; policy-rc.d forbids that, and
    # the dba password questions are answered beforehand (the tests never log in as dba over
    # the network: `start` makes its own database with its own password).
    local had_policy=0
    [ -e /usr/sbin/policy-rc.d ] && had_policy=1
    if [ "$had_policy" -eq 0 ]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
      $sudo chmod +x /usr/sbin/policy-rc.d
    fi
    printf '%s\n' \
      "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba" \
      "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba" |
      $sudo debconf-set-selections
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq virtuoso-opensource >/dev/null
    if [ "$had_policy" -eq 0 ]; then $sudo rm -f /usr/sbin/policy-rc.d; fi
    # Should a daemon have started anyway, stop it: the tests start their own.
    $sudo service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
  fi
  if [ ! -x "$venv/bin/oxigraph" ]; then
    echo "servers: installing the oxigraph server $oxigraph_version into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "oxigraph==$oxigraph_version"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() { # URL, what
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null --max-time 2 2>/dev/null -G --data-urlencode 'query=ASK {}' "$1"; then return 0; fi
    sleep 0.5
  done
  echo "servers: $2 did not answer at $1" >&2
  return 1
}

isql() { # port, password, sql
  local binary
  binary=$(command -v isql-vt || command -v isql)
  "$binary" "127.0.0.1:$1" dba "$2" exec="$3" >/dev/null
}

start() {
  stop
  mkdir -p "$state"
  local data
  data=$(mktemp -d "${TMPDIR:-/tmp}/geokg-servers.XXXXXX")
  echo "$data" >"$state/data"

  local oxigraph_port
  oxigraph_port=$(free_port)
  mkdir -p "$data/oxigraph"
  "$venv/bin/oxigraph" serve --location "$data/oxigraph" --bind "127.0.0.1:$oxigraph_port" \
    >"$data/oxigraph.log" 2>&1 &
  echo $! >"$state/oxigraph.pid"

  local sql_port http_port ini
  sql_port=$(free_port)
  http_port=$(free_port)
  mkdir -p "$data/virtuoso"
  ini=$data/virtuoso/virtuoso.ini
  # The packaged ini with every path in the temporary folder and both ports on loopback.
  sed -e "s|/var/lib/virtuoso-opensource-7/db|$data/virtuoso|g" \
    -e "s|^ServerPort[[:space:]]*=.*|ServerPort = 127.0.0.1:$sql_port|" \
    -e "/^\[HTTPServer\]/,/^\[/ s|^ServerPort[[:space:]]*=.*|ServerPort = 127.0.0.1:$http_port|" \
    -e "s|^DirsAllowed[[:space:]]*=.*|DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad, $data|" \
    /etc/virtuoso-opensource-7/virtuoso.ini >"$ini"
  # The first sed also caught the [Parameters] ServerPort; put the SQL port back there.
  awk -v sql="ServerPort = 127.0.0.1:$sql_port" -v http="ServerPort = 127.0.0.1:$http_port" '
    /^\[/ { section = $0 }
    /^ServerPort/ { print (section == "[HTTPServer]" ? http : sql); next }
    { print }' "$ini" >"$ini.tmp" && mv "$ini.tmp" "$ini"
  (cd "$data/virtuoso" && exec virtuoso-t +foreground +configfile "$ini" >"$data/virtuoso.log" 2>&1) &
  echo $! >"$state/virtuoso.pid"

  wait_for "http://127.0.0.1:$oxigraph_port/query" "the oxigraph server"
  wait_for "http://127.0.0.1:$http_port/sparql" "virtuoso"
  # A new database's dba password is "dba"; it listens on loopback only.
  isql "$sql_port" dba 'GRANT SPARQL_UPDATE TO "SPARQL";'
  # Virtuoso's per-query timeout and row cap, so the tests can meet both.
  {
    echo "export GEOKG_TEST_OXIGRAPH_URL=http://127.0.0.1:$oxigraph_port"
    echo "export GEOKG_TEST_VIRTUOSO_URL=http://127.0.0.1:$http_port/sparql"
    echo "export GEOKG_TEST_VIRTUOSO_ISQL=127.0.0.1:$sql_port"
    # The administrator, for the Digest-protected /sparql-auth (a new database's password).
    echo "export GEOKG_TEST_VIRTUOSO_USER=dba"
    echo "export GEOKG_TEST_VIRTUOSO_PASSWORD=dba"
    echo "export GEOKG_TEST_OXIGRAPH_BIN=$venv/bin/oxigraph"
  } >"$env_file"
  echo "servers: oxigraph on 127.0.0.1:$oxigraph_port, virtuoso on 127.0.0.1:$http_port (sql $sql_port); source $env_file" >&2
}

stop() {
  for name in oxigraph virtuoso; do
    if [ -f "$state/$name.pid" ]; then
      local pid
      pid=$(cat "$state/$name.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$state/$name.pid"
    fi
  done
  if [ -f "$state/data" ]; then
    rm -rf "$(cat "$state/data")"
    rm -f "$state/data"
  fi
  rm -f "$env_file"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: scripts/servers.sh install|start|stop" >&2; exit 2 ;;
esac
