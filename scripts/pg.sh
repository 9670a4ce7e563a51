#!/usr/bin/env bash
# A private PostgreSQL server for this checkout: the demo, the tests and the benchmarks all use it.
#
#   scripts/pg.sh start    install PostgreSQL from Debian's packages if missing, create the cluster in
#                          .data/postgres (ignored by git) on first use, start it on 127.0.0.1 on a free port,
#                          and print the connection string. Running it again reuses the running server.
#   scripts/pg.sh url      print the connection string of the running server (exit 1 if it is not running)
#   scripts/pg.sh stop     stop the server (the data stays)
#   scripts/pg.sh destroy  stop the server and delete its data
#
# The connection string is also written to .data/postgres/connection-string. DATAGATEWAY_PG_STATE names another
# state folder for a second, separate server (the ledger's fault test stops and restarts one of its own).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${DATAGATEWAY_PG_STATE:-$root/.data/postgres}"
mkdir -p "$state"

log() { echo "pg.sh: $*" >&2; }

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

install_postgres() {
  if pg_bin >/dev/null; then return 0; fi
  log "installing PostgreSQL from Debian's packages"
  if [ "$(id -u)" -ne 0 ]; then log "need root to install PostgreSQL (apt-get install postgresql)"; exit 1; fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  pg_bin >/dev/null || { log "PostgreSQL did not install"; exit 1; }
}

# The server runs as the unprivileged 'postgres' user (initdb refuses root). It needs to reach its data folder;
# a checkout under a private folder (mktemp -d makes them 0700) is not reachable, so the cluster then lives under
# /var/tmp, keyed by the checkout's path, and .data/postgres only holds the pointer to it.
data_dir() {
  local preferred="$state/cluster"
  if [ -f "$state/cluster-path" ]; then cat "$state/cluster-path"; return; fi
  if (cd / && runuser -u postgres -- test -x "$state") 2>/dev/null || [ "$(id -un)" = postgres ]; then
    echo "$preferred"
  else
    echo "/var/tmp/datagateway-postgres/$(echo -n "$state" | sha256sum | cut -c1-16)"
  fi
}

as_pg() {
  # From /, which the postgres user can always enter (the caller's folder may be private to root).
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

is_running() {
  local dir="$1"
  [ -f "$dir/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$dir" status >/dev/null 2>&1
}

# From 20000–31999: below the kernel's ephemeral range (32768 and up), so no outgoing connection can hold the port
# between this check and the server's bind (seen in CI); the tests' own ports are 10000–19999 (FreePorts.cs).
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  log "no free port found"; exit 1
}

connection_string() {
  echo "Host=127.0.0.1;Port=$(cat "$state/port");Username=postgres;Database=postgres"
}

start() {
  install_postgres
  local bin dir port
  bin="$(pg_bin)"
  dir="$(data_dir)"
  echo "$dir" > "$state/cluster-path"
  if is_running "$dir" && [ -f "$state/port" ]; then
    connection_string | tee "$state/connection-string"
    return 0
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "creating the cluster in $dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir" && chmod 700 "$dir"
    as_pg "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # A restarted server keeps its port while it is free, so its clients reconnect to it.
  port="$(cat "$state/port" 2>/dev/null || true)"
  if [ -z "$port" ] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port="$(free_port)"; fi
  # Tuned for tests and the demo on a small machine: durability stays on (fsync), which the call ledger relies on.
  # (9>&-: the server must not inherit this script's lock, or it would hold it for as long as it runs.) Another
  # cluster starting at the same moment may take the same free port: then try another one.
  local attempt
  for attempt in 1 2 3 4 5; do
    echo "$port" > "$state/port"
    if as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c shared_buffers=256MB" start >/dev/null 9>&-; then
      break
    fi
    if [ "$attempt" -eq 5 ] || ! tail -n 20 "$dir/server.log" | grep -q "could not bind"; then
      log "pg_ctl could not start the server; the end of $dir/server.log:"; tail -n 20 "$dir/server.log" >&2; exit 1
    fi
    port="$(free_port)"
  done
  log "PostgreSQL is running on 127.0.0.1:$port (data in $dir)"
  connection_string | tee "$state/connection-string"
}

# Several test projects may ask at once: one at a time creates and starts the server.
exec 9>"$state/.lock"
flock 9

case "${1:-start}" in
  start) start ;;
  url)
    dir="$(data_dir)"
    if is_running "$dir" && [ -f "$state/port" ]; then connection_string; else log "not running"; exit 1; fi ;;
  stop)
    dir="$(data_dir)"
    if is_running "$dir"; then as_pg "$(pg_bin)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; log "stopped"; fi ;;
  destroy)
    dir="$(data_dir)"
    if is_running "$dir"; then as_pg "$(pg_bin)/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null; fi
    rm -rf "$dir" "$state"; log "destroyed" ;;
  *) echo "usage: scripts/pg.sh start|url|stop|destroy" >&2; exit 2 ;;
esac
