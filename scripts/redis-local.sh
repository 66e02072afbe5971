#!/usr/bin/env bash
# A throwaway Redis server on 127.0.0.1 for tests, benchmarks and the README's examples.
#   scripts/redis-local.sh start     starts it unless it runs, waits until it answers PING; prints its URL
#   scripts/redis-local.sh stop      stops it (nothing is kept: no persistence)
#   scripts/redis-local.sh restart   stops and starts it (for fault tests)
#   scripts/redis-local.sh url       prints the URL: redis://127.0.0.1:PORT
#   scripts/redis-local.sh flush     deletes every key and every cached script
# Settings: CARTD_REDIS_PORT (default 56379); data dir ${TMPDIR:-/tmp}/cartd-redis-PORT (pid file, log).
# No persistence (--save '' --appendonly no), loopback only, no password, DEBUG allowed from
# loopback clients (the tests use DEBUG SLEEP): for tests, never for data that matters.
set -euo pipefail

port=${CARTD_REDIS_PORT:-56379}
dir=${TMPDIR:-/tmp}/cartd-redis-$port
url="redis://127.0.0.1:$port"
pidfile="$dir/redis.pid"
logfile="$dir/redis.log"
command -v redis-server >/dev/null || { echo "redis-local: redis-server is not installed (run scripts/setup.sh)" >&2; exit 1; }

# True while `pid` runs. A zombie counts as gone: the daemon's parent is init, which may reap it late.
alive() {
    local state
    state=$(sed -E 's/^[0-9]+ \(.*\) ([A-Z]).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
    [ -n "$state" ] && [ "$state" != "Z" ]
}

# The pid of our server, if the pid file names a live redis-server (not a recycled pid).
server_pid() {
    [ -f "$pidfile" ] || return 1
    local pid
    pid=$(cat "$pidfile" 2>/dev/null) || return 1
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "redis-server" ] && alive "$pid" && echo "$pid"
}

answers_ping() { [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; }

start() {
    mkdir -p "$dir"
    if ! server_pid >/dev/null; then
        rm -f "$pidfile"
        # The daemon outlives this script. Inherited descriptors (a caller's pipes and sockets)
        # are closed first, or the daemon would hold them open, e.g. a test runner waiting for
        # EOF on the pipe it gave this script. 0-2 are redirected to /dev/null by --daemonize.
        (
            for fd in $(ls "/proc/$BASHPID/fd"); do
                if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
            done
            exec redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
                --dir "$dir" --save '' --appendonly no \
                --daemonize yes --pidfile "$pidfile" --logfile "$logfile" \
                --enable-debug-command local
        )
    fi
    # Up to 10 s; Redis with no data to load answers within milliseconds.
    for _ in $(seq 1 100); do
        if answers_ping; then echo "$url"; return 0; fi
        sleep 0.1
    done
    echo "redis-local: no PONG on 127.0.0.1:$port after 10 s; end of $logfile:" >&2
    tail -n 20 "$logfile" >&2 2>/dev/null || true
    exit 1
}

stop() {
    local pid
    pid=$(server_pid) || { rm -f "$pidfile"; return 0; }
    kill -TERM "$pid"
    # Up to 10 s for a clean exit (nothing to save), then SIGKILL.
    for _ in $(seq 1 100); do
        alive "$pid" || { rm -f "$pidfile"; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
}

flush() {
    answers_ping || { echo "redis-local: not running on 127.0.0.1:$port (run: $0 start)" >&2; exit 1; }
    redis-cli -h 127.0.0.1 -p "$port" flushall >/dev/null
    redis-cli -h 127.0.0.1 -p "$port" script flush >/dev/null
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    url) echo "$url" ;;
    flush) flush ;;
    *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
