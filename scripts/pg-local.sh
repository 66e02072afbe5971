#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for tests, benchmarks and the README's examples.
#   scripts/pg-local.sh start     initialises (first time) and starts it; prints its URL
#   scripts/pg-local.sh stop      stops it (the data stays until `destroy`)
#   scripts/pg-local.sh restart   stops and starts it (for fault tests)
#   scripts/pg-local.sh url       prints the URL: postgres://postgres@127.0.0.1:PORT/cartd
#   scripts/pg-local.sh destroy   stops it and deletes its data
# Settings: CARTD_PG_PORT (default 55432), CARTD_PG_DIR (default ${TMPDIR:-/tmp}/cartd-pg-PORT).
# Durability is PostgreSQL's default (fsync=on, synchronous_commit=on). Trust authentication,
# loopback only: for tests, never for data that matters. Run as root, the server runs as `postgres`.
set -euo pipefail

port=${CARTD_PG_PORT:-55432}
dir=${CARTD_PG_DIR:-${TMPDIR:-/tmp}/cartd-pg-$port}
url="postgres://postgres@127.0.0.1:$port/cartd"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "pg-local: PostgreSQL is not installed (run scripts/setup.sh)" >&2; exit 1; }

as_owner() {  # runs a PostgreSQL binary as the cluster's owner
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; }

start() {
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
        chmod 700 "$dir"
        as_owner "$bindir/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.init.log" 2>&1 ||
            { cat "$dir.init.log" >&2; exit 1; }
        cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
logging_collector = off
CONF
    fi
    if ! running; then
        as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null ||
            { tail -n 20 "$dir/server.log" >&2; exit 1; }
    fi
    if ! as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'cartd'" | grep -q 1; then
        as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres cartd
    fi
    echo "$url"
}

stop() {
    if running; then as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    url) echo "$url" ;;
    destroy) stop; rm -rf "$dir" "$dir.init.log" ;;
    *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
