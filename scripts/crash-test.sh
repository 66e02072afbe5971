#!/usr/bin/env bash
# Crash test: nothing acknowledged is lost and nothing runs twice when cartd dies at a random moment.
# Usage: scripts/crash-test.sh [--store sqlite|postgres] [ROUNDS]     (ROUNDS default 3: the quick form for CI)
#
# Each round: several concurrent clients send unique-key POST /cart/items and POST /cart/checkout to a
# release cartd (--enable-test-delay, --lease 1), one more request holds its key in flight (X-Test-Delay-Ms),
# and cartd is killed with SIGKILL at a random moment of the burst. Then, on the same store:
#   - every 201 a client received replays byte-identical (200, Idempotent-Replayed);
#   - every unanswered key (connection cut, 503) is retried until answered and ends with exactly one
#     side effect: the line items of a user equal its item keys, its orders its checkouts stored as 201;
#   - the held key is taken over after its lease and runs once;
#   - SQLite: PRAGMA integrity_check is ok.
# sqlite:   the killed cartd is restarted on the same file for the checks.
# postgres: two instances on one database (a cluster of its own: CARTD_PG_PORT=55499 scripts/pg-local.sh);
#           the victim is killed mid-burst while the other keeps serving, and the keys are retried there.
#           After the rounds, PostgreSQL itself is restarted under load: 503s, then recovery without
#           restarting cartd, nothing acknowledged lost.
# Builds release if needed (CARTD_BIN overrides), cleans up on exit. Prints one summary line:
#   crash-test: store=S rounds=N acknowledged=A retried=R violations=V
# and exits 1 on any violation.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
store=sqlite
if [ "${1:-}" = --store ]; then store=$2; shift 2; fi
rounds=${1:-3}
case $store in sqlite | postgres) ;; *) echo "crash-test: --store sqlite|postgres" >&2; exit 2 ;; esac
clients=4 per_client=12
work=$(mktemp -d)
pids=() violations=0 acknowledged=0 retried=0 pg_started=""
pg_port=55499 pg_dir=${TMPDIR:-/tmp}/cartd-crash-pg-$$

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$pg_started" ]; then CARTD_PG_PORT=$pg_port CARTD_PG_DIR=$pg_dir "$root/scripts/pg-local.sh" destroy >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT; trap 'exit 143' TERM

violation() { echo "VIOLATION $*"; violations=$((violations + 1)); }
new_key() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }

bin=${CARTD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$root" && nice swift build -c release >&2) || { echo "crash-test: build failed" >&2; exit 1; }
  bin=$root/.build/release/cartd
fi

if [ "$store" = sqlite ]; then
  store_args=(--db "$work/cart.db")
  sql() { sqlite3 -batch -noheader "$work/cart.db" "$1"; }
  tables=(line_items orders idempotency_keys)
else
  url=$(CARTD_PG_PORT=$pg_port CARTD_PG_DIR=$pg_dir "$root/scripts/pg-local.sh" start)
  pg_started=yes
  store_args=(--store "$url")
  sql() { psql -X -q -At "$url" -c "$1"; }
  tables=(cartd_line_items cartd_orders cartd_idempotency_keys)
fi

start_cartd() {  # NAME [extra flags]: starts cartd, sets ${NAME}_pid and ${NAME}_url
  local name=$1 line _ pid; shift
  : >"$work/$name.out"
  nice "$bin" --host 127.0.0.1 --port 0 "${store_args[@]}" --enable-test-delay --lease 1 --log-level warning "$@" \
    >"$work/$name.out" 2>>"$work/$name.err" &
  pid=$!
  pids+=("$pid")
  printf -v "${name}_pid" %s "$pid"
  for _ in $(seq 300); do
    while IFS= read -r line; do
      case $line in "listening on http://"*) printf -v "${name}_url" %s "${line#listening on }"; return 0 ;; esac
    done <"$work/$name.out"
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "crash-test: cartd ($name) did not start:" >&2; tail -5 "$work/$name.err" >&2; exit 1
}

stop_cartd() {  # PID: SIGTERM, then a bounded wait (10 s) for exit status 0
  local _ rc=0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$1" 2>/dev/null; then
    echo "crash-test: cartd $1 still running 10 s after SIGTERM:" >&2; tail -3 "$work"/*.err >&2
    for t in /proc/"$1"/task/*; do echo "$(cat "$t/comm") $(cat "$t/wchan")"; done >&2
    kill -KILL "$1"; wait "$1" 2>/dev/null; return 1
  fi
  wait "$1" || rc=$?
  [ "$rc" -eq 0 ]
}

send() {  # BASE USER KEY PATH BODY OUT [curl args]: writes OUT.status and OUT.body
  local base=$1 user=$2 key=$3 path=$4 body=$5 out=$6; shift 6
  curl -s --max-time 10 -o "$out.body" -w '%{http_code}' -X POST -H "X-User-ID: $user" -H "Idempotency-Key: $key" \
    --data-binary "$body" "$@" "$base$path" >"$out.status" 2>/dev/null || true
}

client() {  # ROUND INDEX BASE: unique keys, one line per request in its log: KEY PATH STATUS
  local round=$1 index=$2 base=$3 user="crash-$1-$2" i key path body out
  for i in $(seq "$per_client"); do
    key=$(new_key)
    if [ $((i % 4)) -eq 0 ]; then path=/cart/checkout body='{}'; else path=/cart/items body='{"sku":"CRASH","quantity":1}'; fi
    out=$work/r$round/$key
    send "$base" "$user" "$key" "$path" "$body" "$out"
    echo "$user $key $path $(cat "$out.status")" >>"$work/r$round/client$index.log"
  done
}

retry_until_answered() {  # BASE USER KEY PATH BODY OUT: retries 409/503/000 (bounded); leaves the last answer
  local _ status
  for _ in $(seq 60); do
    send "$@"
    status=$(cat "$6.status")
    case $status in 200 | 201 | 422) return 0 ;; esac
    sleep 0.25
  done
}

check_round() {  # ROUND BASE: the checks listed at the top, for this round's users and keys
  local round=$1 base=$2 user key path status body want items_keys rows orders placed
  cat "$work/r$round"/client*.log "$work/r$round/held.log" >"$work/r$round/all.log"
  while read -r user key path status; do
    if [ "$path" = /cart/checkout ]; then body='{}'; else body='{"sku":"CRASH","quantity":1}'; fi
    case $status in
      201)
        acknowledged=$((acknowledged + 1))
        cp "$work/r$round/$key.body" "$work/r$round/$key.first"
        send "$base" "$user" "$key" "$path" "$body" "$work/r$round/$key"
        [ "$(cat "$work/r$round/$key.status")" = 200 ] || violation "round $round: acknowledged $key replays $(cat "$work/r$round/$key.status")"
        cmp -s "$work/r$round/$key.body" "$work/r$round/$key.first" || violation "round $round: replay of $key differs from its 201"
        ;;
      422) ;;  # an empty cart's outcome, stored like a success
      *)
        retried=$((retried + 1))
        retry_until_answered "$base" "$user" "$key" "$path" "$body" "$work/r$round/$key"
        case $(cat "$work/r$round/$key.status") in 200 | 201 | 422) ;; *) violation "round $round: retried $key still answers $(cat "$work/r$round/$key.status")" ;; esac
        ;;
    esac
  done <"$work/r$round/all.log"
  for user in $(cut -d' ' -f1 "$work/r$round/all.log" | sort -u); do
    items_keys=$(awk -v u="$user" '$1 == u && $3 == "/cart/items"' "$work/r$round/all.log" | wc -l)
    rows=$(sql "SELECT count(*) FROM ${tables[0]} WHERE owner = '$user'")
    [ "$rows" -eq "$items_keys" ] || violation "round $round: $user has $rows line items for $items_keys item keys"
    orders=$(sql "SELECT count(*) FROM ${tables[1]} WHERE owner = '$user'")
    placed=$(sql "SELECT count(*) FROM ${tables[2]} WHERE owner = '$user' AND target = '/cart/checkout' AND status = 201")
    [ "$orders" -eq "$placed" ] || violation "round $round: $user has $orders orders for $placed placed checkouts"
  done
  if [ "$store" = sqlite ]; then
    want=$(sql "PRAGMA integrity_check")
    [ "$want" = ok ] || violation "round $round: integrity_check: $want"
  fi
}

held_in_progress() {  # BASE USER KEY: waits (bounded, 5 s) until the key shows in progress
  local _
  for _ in $(seq 100); do
    curl -s --max-time 2 -H "X-User-ID: $2" "$1/idempotency-keys/$3" 2>/dev/null | grep -q '"state":"in_progress"' && return 0
    sleep 0.05
  done
  return 1
}

burst() {  # ROUND BASE: the held key, then the clients in the background (their pids in client_pids)
  local round=$1 base=$2 key i
  mkdir -p "$work/r$round"
  key=$(new_key)
  (send "$base" "crash-$round-held" "$key" /cart/items '{"sku":"CRASH","quantity":1}' "$work/r$round/$key" -H 'X-Test-Delay-Ms: 4000'
    echo "crash-$round-held $key /cart/items $(cat "$work/r$round/$key.status")" >"$work/r$round/held.log") &
  client_pids=($!)
  held_in_progress "$base" "crash-$round-held" "$key" || violation "round $round: the held key never showed in progress"
  for i in $(seq "$clients"); do client "$round" "$i" "$base" & client_pids+=($!); done
}

kill_at_random() {  # PID: SIGKILL after 100-900 ms
  sleep "0.$(printf %03d $((100 + RANDOM % 800)))"
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

if [ "$store" = postgres ]; then start_cartd survivor; fi
for round in $(seq "$rounds"); do
  start_cartd victim
  burst "$round" "$victim_url"
  kill_at_random "$victim_pid"
  wait "${client_pids[@]}" 2>/dev/null || true
  if [ "$store" = sqlite ]; then
    start_cartd checker
    check_round "$round" "$checker_url"
    stop_cartd "$checker_pid" || violation "round $round: cartd did not stop cleanly after SIGTERM"
  else
    [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$survivor_url/healthz")" = 200 ] ||
      violation "round $round: the surviving instance is not healthy"
    check_round "$round" "$survivor_url"
  fi
done

if [ "$store" = postgres ]; then
  # PostgreSQL restarted under load: the surviving cartd answers 503 meanwhile and recovers by itself.
  round=pg-restart
  mkdir -p "$work/r$round"
  : >"$work/r$round/held.log"
  client_pids=() per_client=40
  for i in $(seq "$clients"); do client "$round" "$i" "$survivor_url" & client_pids+=($!); done
  sleep 0.2
  CARTD_PG_PORT=$pg_port CARTD_PG_DIR=$pg_dir "$root/scripts/pg-local.sh" restart >/dev/null
  wait "${client_pids[@]}" 2>/dev/null || true
  healthy=""
  for _ in $(seq 150); do  # up to 30 s, without restarting cartd
    [ "$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "$survivor_url/healthz")" = 200 ] && { healthy=yes; break; }
    sleep 0.2
  done
  [ -n "$healthy" ] || violation "pg-restart: cartd did not recover after PostgreSQL restarted"
  unavailable=$(cat "$work/r$round"/client*.log | awk '$4 == 503 || $4 == "000"' | wc -l)
  echo "     (PostgreSQL restart: $unavailable of $((clients * per_client)) requests answered 503 or cut, then retried)"
  check_round "$round" "$survivor_url"
fi

echo "crash-test: store=$store rounds=$rounds acknowledged=$acknowledged retried=$retried violations=$violations"
[ "$violations" -eq 0 ]
