#!/usr/bin/env bash
# Benchmarks cartd with wrk (a second process on 127.0.0.1) and prints one table.
#   scripts/bench.sh [--compare-nginx] [--runs N] [--duration SECONDS] [--connections N] [--synchronous full|normal]
# Each scenario runs N times on a fresh server and database; the table shows medians.
# Scenarios: unique-key POST, replay POST, GET /cart (5 items), mix (80% unique, 20% replays).
# After each unique-key run it checks that the rows in the database equal the 201s sent.
set -euo pipefail
cd "$(dirname "$0")/.."

compare_nginx=0 runs=3 duration=10 connections=50 synchronous=full
while [ $# -gt 0 ]; do
    case "$1" in
        --compare-nginx) compare_nginx=1 ;;
        --runs) runs="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --synchronous) synchronous="$2"; shift ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "bench: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$compare_nginx" = 1 ]; then scripts/setup.sh --bench >/dev/null; else scripts/setup.sh >/dev/null; fi
swift build -c release --product cartd >/dev/null
bin=.build/release/cartd
work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# Starts cartd on a fresh database; sets $port, $server_pid and $startup_ms (exec to listening).
start_server() {
    rm -f "$work"/cart.db*
    : >"$work/out"
    local started=$(date +%s%N)
    "$bin" --port 0 --db "$work/cart.db" --synchronous "$synchronous" >"$work/out" 2>"$work/err" &
    server_pid=$!
    for _ in $(seq 1 500); do
        grep -q listening "$work/out" && break
        sleep 0.01
    done
    startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    port=$(sed -nE 's/.*:([0-9]+)$/\1/p' "$work/out")
    [ -n "$port" ] || { echo "bench: cartd did not start" >&2; cat "$work/err" >&2; exit 1; }
}

stop_server() {
    peak_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
    kill "$server_pid"
    wait "$server_pid" || { echo "bench: cartd exited with an error" >&2; exit 1; }
    server_pid=""
}

# Runs wrk; sets $rps, $p50, $p99 (ms) and $non2xx.
run_wrk() {  # url script
    local out
    out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency ${2:+-s "$2"} "$1")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out" | to_ms)
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out" | to_ms)
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    non2xx=${non2xx:-0}
}

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } printf "%.2f", v }'; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

metric() {  # name filter
    curl -s "http://127.0.0.1:$port/metrics" | grep -F "$1" | awk '{print $2}' | head -1
}

prepare() {  # scenario: fills the cart / the replayed key before the measured run
    local url="http://127.0.0.1:$port"
    case "$1" in
        get-cart)
            for i in 1 2 3 4 5; do
                curl -s -o /dev/null -X POST "$url/cart/items" -H "Idempotency-Key: fill-$i" -H 'X-User-ID: bench-cart' \
                    -d '{"sku":"BENCH-CART","quantity":1}'
            done ;;
        replay-post)
            curl -s -o /dev/null -X POST "$url/cart/items" -H 'Idempotency-Key: bench-replay-key' -H 'X-User-ID: bench-replay' \
                -H 'Content-Type: application/json' -d '{"sku":"BENCH-REPLAY","quantity":1}' ;;
    esac
}

rows_in_db() {  # user
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM line_items WHERE owner=?',(sys.argv[2],)).fetchone()[0])" "$work/cart.db" "$1"
}

failures=0
declare -A result
for scenario in unique-post replay-post get-cart mix; do
    : >"$work/rps" ; : >"$work/p50" ; : >"$work/p99" ; : >"$work/non2xx" ; : >"$work/rss" ; : >"$work/startup"
    for _ in $(seq 1 "$runs"); do
        start_server
        prepare "$scenario"
        run_wrk "http://127.0.0.1:$port/" "scripts/bench/$scenario.lua"
        if [ "$scenario" = unique-post ]; then
            created=$(metric 'route="/cart/items",status="201"')
            rows=$(rows_in_db bench)
            if [ "${created:-0}" != "$rows" ]; then
                echo "bench: FAIL rows ($rows) != 201 responses (${created:-0})" >&2
                failures=$((failures + 1))
            fi
        fi
        stop_server
        echo "$rps" >>"$work/rps"; echo "$p50" >>"$work/p50"; echo "$p99" >>"$work/p99"
        echo "$non2xx" >>"$work/non2xx"; echo "$peak_rss_kb" >>"$work/rss"; echo "$startup_ms" >>"$work/startup"
    done
    result[$scenario]="$(median <"$work/rps") $(median <"$work/p50") $(median <"$work/p99") $(median <"$work/non2xx") $(( $(median <"$work/rss") / 1024 )) $(median <"$work/startup")"
done

nginx_rps=""
if [ "$compare_nginx" = 1 ]; then
    nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$nginx_port;
        location / { return 201 '{"id":1,"sku":"BENCH-1","quantity":1,"created_at":"2026-11-28T00:00:00.000Z"}'; }
    }
}
NGINX
    nginx -c "$work/nginx.conf" -p "$work"
    for _ in $(seq 1 100); do [ -f "$work/nginx.pid" ] && break; sleep 0.05; done
    : >"$work/nginx-rps"
    for _ in $(seq 1 "$runs"); do
        run_wrk "http://127.0.0.1:$nginx_port/" "scripts/bench/unique-post.lua"
        echo "$rps" >>"$work/nginx-rps"
    done
    nginx_rps=$(median <"$work/nginx-rps")
fi

echo
echo "cartd $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, wrk -t1 -c$connections -d${duration}s, median of $runs, synchronous=$synchronous"
printf '%-12s %12s %9s %9s %8s %9s %11s' scenario requests/s p50_ms p99_ms non-2xx rss_MB startup_ms
[ -n "$nginx_rps" ] && printf ' %9s' vs_nginx
echo
for scenario in unique-post replay-post get-cart mix; do
    read -r rps p50 p99 non2xx rss startup <<<"${result[$scenario]}"
    printf '%-12s %12.0f %9s %9s %8s %9s %11s' "$scenario" "$rps" "$p50" "$p99" "$non2xx" "$rss" "$startup"
    [ -n "$nginx_rps" ] && awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf " %8.0f%%", 100 * a / b }'
    echo
done
[ -n "$nginx_rps" ] && printf '%-12s %12.0f   (nginx static 201, same wrk, same run)\n' nginx "$nginx_rps"
exit $((failures > 0))
