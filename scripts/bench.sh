#!/usr/bin/env bash
# Benchmarks cartd with wrk (second processes on 127.0.0.1) and prints one table.
#   scripts/bench.sh [--compare-nginx] [--runs N] [--duration SECONDS] [--connections N] [--synchronous full|normal]
#                    [--store POSTGRES_URL] [--instances N] [--redis REDIS_URL] [--scenarios "NAME ..."]
#                    [--pg-ceiling] [--compare-redis] [--instructions] [--replay-cache N]
# Scenarios: unique-post (a fresh key per request), replay-post (one key, replayed), get-cart (5 items),
# mix (80% unique, 20% replays). Each runs N times on a fresh store; the table shows medians.
#   --store URL       PostgreSQL instead of a fresh SQLite file (its cartd_* tables are emptied before each run)
#   --instances N     N cartd processes on the one store, one wrk per instance (connections split between them)
#   --redis URL       every instance with --redis (flushed before each run)
#   --pg-ceiling      also the pgbench ceiling of the same store (../shared/bench/pg/ceiling.sh), for ratios
#   --compare-redis   replay-post across the instances without and then with --redis, store reads counted
#   --replay-cache N  every instance with --replay-cache N (0: replays always read the store or Redis)
#   --instructions    also instructions per request under callgrind (../shared/bench/instructions), one event loop
# After each unique-key run it checks that the rows in the store equal the 201s sent.
set -euo pipefail
cd "$(dirname "$0")/.."

compare_nginx=0 runs=3 duration=10 connections=50 synchronous=full store="" instances=1 redis="" pg_ceiling=0
compare_redis=0 instructions=0 replay_cache="" scenarios="unique-post replay-post get-cart mix"
while [ $# -gt 0 ]; do
    case "$1" in
        --compare-nginx) compare_nginx=1 ;;
        --runs) runs="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --synchronous) synchronous="$2"; shift ;;
        --store) store="$2"; shift ;;
        --instances) instances="$2"; shift ;;
        --redis) redis="$2"; shift ;;
        --scenarios) scenarios="$2"; shift ;;
        --pg-ceiling) pg_ceiling=1 ;;
        --compare-redis) compare_redis=1 ;;
        --instructions) instructions=1 ;;
        --replay-cache) replay_cache="$2"; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "bench: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
if [ "$compare_redis" = 1 ] && [ -z "$redis" ]; then echo "bench: --compare-redis needs --redis URL" >&2; exit 2; fi

scripts/setup.sh --bench >/dev/null
swift build -c release --product cartd >/dev/null
bin=.build/release/cartd
shared=../shared/bench
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

psql_store() { psql "$store" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
redis_cli() { local hostport=${1#redis://}; hostport=${hostport%%/*}; redis-cli -h "${hostport%:*}" -p "${hostport##*:}" "${@:2}"; }

# Starts $instances cartd on a fresh store (with Redis if $2 = redis); sets ports[], pids[], $startup_ms.
start_servers() {  # [redis]
    local with_redis=${1:-} i started
    if [ -n "$store" ]; then
        psql_store "DO \$\$ BEGIN IF to_regclass('cartd_line_items') IS NOT NULL THEN
            TRUNCATE cartd_line_items, cartd_orders, cartd_idempotency_keys; END IF; END \$\$" >/dev/null
    else
        rm -f "$work"/cart.db*
    fi
    [ -z "$with_redis" ] || redis_cli "$redis" FLUSHALL >/dev/null
    ports=() pids=()
    started=$(date +%s%N)
    for i in $(seq 1 "$instances"); do
        local args=(--port 0 --synchronous "$synchronous")
        if [ -n "$store" ]; then args+=(--store "$store"); else args+=(--db "$work/cart.db"); fi
        [ -z "$with_redis" ] || args+=(--redis "$redis")
        [ -z "$replay_cache" ] || args+=(--replay-cache "$replay_cache")
        : >"$work/out$i"
        "$bin" "${args[@]}" >"$work/out$i" 2>"$work/err$i" &
        pids+=($!)
        for _ in $(seq 1 500); do grep -q listening "$work/out$i" && break; sleep 0.01; done
        ports+=("$(sed -nE 's/.*:([0-9]+)$/\1/p' "$work/out$i")")
        [ -n "${ports[-1]}" ] || { echo "bench: cartd did not start" >&2; cat "$work/err$i" >&2; exit 1; }
    done
    startup_ms=$(( ($(date +%s%N) - started) / 1000000 / instances ))
}

stop_servers() {  # sets $peak_rss_kb (the largest instance)
    local pid
    peak_rss_kb=0
    for pid in "${pids[@]}"; do
        local rss; rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
        [ "$rss" -gt "$peak_rss_kb" ] && peak_rss_kb=$rss
        kill "$pid"
        wait "$pid" || { echo "bench: cartd exited with an error" >&2; exit 1; }
    done
    pids=()
}

# One wrk per instance at once; sets $rps (sum), $p50, $p99 (ms, the worst instance) and $non2xx (sum).
run_wrk() {  # script
    local i per=$(( (connections + instances - 1) / instances ))
    for i in $(seq 1 "${#ports[@]}"); do
        wrk -t1 -c"$per" -d"${duration}s" --latency -s "$1" "http://127.0.0.1:${ports[$((i - 1))]}/" -- "i$i-$RANDOM" >"$work/wrk$i" &
    done
    wait_wrk
    rps=0 p50=0 p99=0 non2xx=0
    for i in $(seq 1 "${#ports[@]}"); do
        local out; out=$(cat "$work/wrk$i")
        rps=$(awk -v a="$rps" '/Requests\/sec/ {print a + $2}' <<<"$out")
        p50=$(awk -v a="$p50" '$1 == "50%" {print $2}' <<<"$out" | to_ms | awk -v a="$p50" '{print ($1 > a) ? $1 : a}')
        p99=$(awk -v a="$p99" '$1 == "99%" {print $2}' <<<"$out" | to_ms | awk -v a="$p99" '{print ($1 > a) ? $1 : a}')
        non2xx=$(( non2xx + $(awk '/Non-2xx/ {print $5}' <<<"$out" | grep . || echo 0) ))
    done
}
wait_wrk() { local job; for job in $(jobs -p); do case " ${pids[*]} " in *" $job "*) ;; *) wait "$job" ;; esac; done; }

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } printf "%.2f", v }'; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

metric_sum() {  # name filter: summed over the instances
    local port total=0
    for port in "${ports[@]}"; do
        total=$(( total + $(curl -s "http://127.0.0.1:$port/metrics" | grep -v "^#" | grep -F "$1" | awk '{print int($2)}' | head -1) ))
    done
    echo "$total"
}

prepare() {  # scenario: fills the cart / the replayed key before the measured run
    local url="http://127.0.0.1:${ports[0]}"
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

rows_in_store() {  # user
    if [ -n "$store" ]; then
        psql_store "SELECT count(*) FROM cartd_line_items WHERE owner = '$1'"
    else
        python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM line_items WHERE owner=?',(sys.argv[2],)).fetchone()[0])" "$work/cart.db" "$1"
    fi
}

failures=0
declare -A result
measure() {  # label scenario [redis]
    local label=$1 scenario=$2 with_redis=${3:-}
    : >"$work/rps"; : >"$work/p50"; : >"$work/p99"; : >"$work/non2xx"; : >"$work/rss"; : >"$work/startup"; : >"$work/reads"
    for _ in $(seq 1 "$runs"); do
        start_servers "$with_redis"
        prepare "$scenario"
        local reads_before; reads_before=$(metric_sum 'cartd_store_reads_total ')
        run_wrk "scripts/bench/$scenario.lua"
        echo $(( $(metric_sum 'cartd_store_reads_total ') - reads_before )) >>"$work/reads"
        if [ "$scenario" = unique-post ]; then
            local created rows
            created=$(metric_sum 'route="/cart/items",status="201"')
            rows=$(rows_in_store bench)
            if [ "$created" != "$rows" ]; then
                echo "bench: FAIL rows ($rows) != 201 responses ($created)" >&2
                failures=$((failures + 1))
            fi
        fi
        stop_servers
        echo "$rps" >>"$work/rps"; echo "$p50" >>"$work/p50"; echo "$p99" >>"$work/p99"
        echo "$non2xx" >>"$work/non2xx"; echo "$peak_rss_kb" >>"$work/rss"; echo "$startup_ms" >>"$work/startup"
    done
    result[$label]="$(median <"$work/rps") $(median <"$work/p50") $(median <"$work/p99") $(median <"$work/non2xx") $(( $(median <"$work/rss") / 1024 )) $(median <"$work/startup") $(median <"$work/reads")"
    labels+=("$label")
}

labels=()
if [ "$compare_redis" = 1 ]; then
    measure replay-post replay-post
    measure replay-post+redis replay-post redis
else
    for scenario in $scenarios; do measure "$scenario" "$scenario" "$redis"; done
fi

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
    ports=("$nginx_port") saved_instances=$instances instances=1
    for _ in $(seq 1 "$runs"); do
        run_wrk "scripts/bench/unique-post.lua"
        echo "$rps" >>"$work/nginx-rps"
    done
    instances=$saved_instances
    nginx_rps=$(median <"$work/nginx-rps")
fi

ceiling=""
if [ "$pg_ceiling" = 1 ] && [ -n "$store" ]; then
    ceiling=$("$shared/pg/ceiling.sh" "$store" "$duration" | awk '/clients=50/ {print $4}')
fi

echo
store_name=${store:+postgres}
echo "cartd $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, store=${store_name:-sqlite}, instances=$instances${redis:+, redis}," \
    "wrk -c$connections (split over the instances) -d${duration}s, median of $runs, synchronous=$synchronous"
printf '%-18s %12s %9s %9s %8s %9s %11s %11s' scenario requests/s p50_ms p99_ms non-2xx rss_MB startup_ms store_reads
[ -n "$nginx_rps" ] && printf ' %9s' vs_nginx
[ -n "$ceiling" ] && printf ' %11s' vs_pgbench
echo
for label in "${labels[@]}"; do
    read -r rps p50 p99 non2xx rss startup reads <<<"${result[$label]}"
    printf '%-18s %12.0f %9s %9s %8s %9s %11s %11s' "$label" "$rps" "$p50" "$p99" "$non2xx" "$rss" "$startup" "$reads"
    [ -n "$nginx_rps" ] && awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf " %8.0f%%", 100 * a / b }'
    [ -n "$ceiling" ] && awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf " %10.2fx", a / b }'
    echo
done
[ -n "$nginx_rps" ] && printf '%-18s %12.0f   (nginx static 201, same wrk, same run)\n' nginx "$nginx_rps"
[ -n "$ceiling" ] && printf '%-18s %12.0f   (pgbench, the same transaction, 50 clients, same store, same run)\n' pgbench "$ceiling"

if [ "$instructions" = 1 ]; then
    echo
    "$shared/instructions/instructions.sh" "$PWD/$bin" unique replay get nginx
fi
exit $((failures > 0))
