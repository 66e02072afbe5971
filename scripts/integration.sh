#!/usr/bin/env bash
# End-to-end checks of cartd's Idempotency-Key contract (docs/API.md) over real HTTP: sequential and parallel
# retries, and (with a self-started server) a second cartd on the same store killed with SIGKILL mid-claim and
# mid-burst.
# Usage: scripts/integration.sh [--store POSTGRES_URL] [BASE_URL]
#   With BASE_URL, talks to that server (the checks that need a held key run only if it has --enable-test-delay).
#   Without, builds (`swift build -c release`, skipped when CARTD_BIN names a binary), starts cartd
#   on an ephemeral port with a temporary SQLite file (or on POSTGRES_URL with --store), and stops it
#   with SIGTERM at the end.
# Prints `PASS <name>` or `FAIL <name>: <why>` per check, then `N passed, M failed`; exits 1 if any failed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
mkdir -p "$work/store"  # the database lives apart from the per-request files that req() replaces
store_args=(--db "$work/store/cartd.db")
if [ "${1:-}" = --store ]; then store_args=(--store "$2"); shift 2; fi
base=${1:-}
server_pid=""
passed=0 failed=0 summarised=""
user="it-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"  # unique per run, so runs against a shared server don't collide

new_key() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
expect() {  # NAME WHY COMMAND...: passes when COMMAND succeeds
  local name=$1 why=$2; shift 2
  if "$@"; then pass "$name"; else fail "$name" "$why"; fi
}
matches() { [[ $1 =~ $2 ]]; }  # TEXT EXTENDED-REGEX

# --- server lifecycle ----------------------------------------------------------------------------

start_server() {
  local bin=${CARTD_BIN:-} line _
  if [ -z "$bin" ]; then
    (cd "$root" && swift build -c release) >&2 || finish_early build "swift build -c release failed"
    bin=$root/.build/release/cartd
  fi
  bin_used=$bin
  : >"$work/server.out"  # exists before the first read below, whoever runs first
  "$bin" --host 127.0.0.1 --port 0 "${store_args[@]}" --enable-test-delay >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 300); do  # up to 30 s for the one `listening on http://127.0.0.1:PORT` line
    while IFS= read -r line; do  # complete lines only: a half-written line is not read
      case $line in "listening on http://"*) base=${line#listening on }; return 0 ;; esac
    done <"$work/server.out"
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 "$work/server.err" >&2
  if kill -0 "$server_pid" 2>/dev/null; then finish_early startup "no 'listening on http://...' line on stdout within 30 s"; fi
  finish_early startup "cartd exited before printing 'listening on http://...'"
}

stop_server() {  # SIGTERM, then a bounded wait for a graceful exit with status 0
  [ -n "$server_pid" ] || return 0
  local pid=$server_pid rc=0 _; server_pid=""
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    fail shutdown "cartd still running 10 s after SIGTERM (killed)"; return 0
  fi
  wait "$pid" || rc=$?
  expect shutdown "cartd exited with status $rc after SIGTERM" [ "$rc" -eq 0 ]
}

finish() {
  stop_server
  summarised=yes
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
finish_early() { fail "$1" "$2"; finish || true; exit 1; }
on_exit() {
  local rc=$?
  [ -n "$summarised" ] || { fail aborted "the script stopped early (status $rc)"; finish || true; }
  rm -rf "$work"
}
trap on_exit EXIT
trap 'exit 130' INT; trap 'exit 143' TERM

# --- requests: each answer lands in $work/NAME.{status,headers,body,err} ---------------------------

req() {  # NAME METHOD PATH [curl args...]; a later --max-time overrides the default one
  local name=$1 method=$2 path=$3; shift 3
  rm -f "$work/$name".*  # a failed request must not leave an earlier answer behind
  curl -sS --max-time 15 -X "$method" -H "X-User-ID: $user" -D "$work/$name.headers" -o "$work/$name.body" \
    -w '%{http_code}' "$@" "$base$path" >"$work/$name.status" 2>"$work/$name.err" || true
}
post() {  # NAME PATH KEY BODY [curl args...]; an empty KEY sends no Idempotency-Key header
  local name=$1 path=$2 key=$3 body=$4 args; shift 4
  args=(-H 'Content-Type: application/json' --data-binary "$body")
  [ -z "$key" ] || args+=(-H "Idempotency-Key: $key")
  req "$name" POST "$path" "${args[@]}" "$@"
}
snippet() { head -c 200 "$work/$1" 2>/dev/null | tr '\r\n' '  '; }  # FILE: its start, on one line
status_of() { cat "$work/$1.status" 2>/dev/null || echo none; }
header_of() { tr -d '\r' 2>/dev/null <"$work/$1.headers" | grep -i "^$2:" | tail -n 1 | sed 's/^[^:]*: *//' || true; }
cart_count() {  # number of line items in the caller's cart, or "unreadable"
  req cart GET /cart
  python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))' 2>/dev/null <"$work/cart.body" || echo unreadable
}

# --- checks ------------------------------------------------------------------------------------------

check_status() {  # NAME REQ WANT (WANT may be an alternation such as 200|409)
  local got; got=$(status_of "$2")
  expect "$1" "want $3, got $got $(snippet "$2.err")" matches "$got" "^($3)$"
}
check_header() {  # NAME REQ HEADER REGEX
  local got; got=$(header_of "$2" "$3")
  expect "$1" "$3 is '$got', want /$4/" matches "$got" "$4"
}
check_body() {  # NAME REQ EXTENDED-REGEX
  expect "$1" "body lacks /$3/: $(snippet "$2.body")" grep -Eqs -- "$3" "$work/$2.body"
}
check_problem() {  # NAME REQ STATUS CODE: an error answer with that status and problem+json `code`
  check_status "$1.status" "$2" "$3"
  check_body "$1.code" "$2" "\"code\" *: *\"$4\""
}
check_replay() {  # PREFIX REQ FIRST [STATUS]: REQ replays FIRST (status 200 unless given), byte for byte
  check_status "$1.status" "$2" "${4:-200}"
  check_header "$1.replayed" "$2" Idempotent-Replayed '^true$'
  expect "$1.body" "body differs from the first answer's" cmp -s "$work/$2.body" "$work/$3.body"
  expect "$1.location" "Location '$(header_of "$2" Location)', first answer had '$(header_of "$3" Location)'" \
    [ "$(header_of "$2" Location)" = "$(header_of "$3" Location)" ]
}
check_rows() {  # NAME BEFORE DELTA: the cart now holds BEFORE + DELTA items
  local now want=none
  now=$(cart_count)
  if matches "$2" '^[0-9]+$'; then want=$(($2 + $3)); fi
  expect "$1" "cart had $2 items, now $now, want $want" [ "$now" = "$want" ]
}

[ -n "$base" ] || start_server
base=${base%/}
item='{"sku":"SKU-1","quantity":2}'

held() {  # KEY: waits (bounded, 5 s) until the server shows KEY of this user in progress; fails if it never does
  local _
  for _ in $(seq 100); do
    req held_probe GET "/idempotency-keys/$1"
    grep -q '"state":"in_progress"' "$work/held_probe.body" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}
# Whether the server honours X-Test-Delay-Ms (--enable-test-delay): a delayed request is then seen in progress.
probe=$(new_key)
post delay_probe /cart/items "$probe" "$item" -H 'X-Test-Delay-Ms: 1500' &
delay_probe_pid=$!
if held "$probe"; then test_delay=yes; else test_delay=""; echo "     (the server ignores X-Test-Delay-Ms: the checks that need a held key are skipped)"; fi
wait "$delay_probe_pid" || true

# 1. A fresh key creates one line item.
k1=$(new_key)
post c1 /cart/items "$k1" "$item"
check_status create.status c1 201
check_header create.location c1 Location '^/cart/items/[0-9]+$'
check_body create.body c1 '"sku" *: *"SKU-1"'

# 2. Sequential retries after a client timeout: the first try gives up while the server still works on it.
k=$(new_key)
before=$(cart_count)
post r0 /cart/items "$k" "$item" -H 'X-Test-Delay-Ms: 3000' --max-time 0.5
if [ -n "$test_delay" ]; then
  # The first try gave up; the server must still hold the key, so the first retry is a 409 (not a second run).
  expect retry.key_held "the key is not in progress after the client gave up" held "$k"
  post r1 /cart/items "$k" "$item"
  check_problem retry.first_is_409 r1 409 idempotency_key_in_progress
fi
done_req=""
for i in $(seq 0 20); do  # attempt 0 is the timed-out one; then up to 20 retries, 0.3 s apart, as a client would
  if [ "$i" -gt 0 ]; then sleep 0.3; post "r$i" /cart/items "$k" "$item"; fi
  if [[ $(status_of "r$i") =~ ^20[01]$ ]]; then done_req=r$i; break; fi
done
expect retry.completes "no 200 or 201 within 20 retries, last status $(status_of r20)" [ -n "$done_req" ]
for i in 1 2; do post "again$i" /cart/items "$k" "$item"; check_replay "retry.replay$i" "again$i" "${done_req:-r20}"; done
check_rows retry.one_row "$before" 1

# 3. Twenty parallel retries of one fresh key: one 201, the rest 200 replays (identical) or 409.
k=$(new_key)
before=$(cart_count)
pids=()
for i in $(seq 20); do post "p$i" /cart/items "$k" "$item" & pids+=($!); done
wait "${pids[@]}" || true
created=() odd="" differ=""
for i in $(seq 20); do [ "$(status_of "p$i")" != 201 ] || created+=("p$i"); done
for i in $(seq 20); do
  case $(status_of "p$i") in
    201 | 409) ;;
    200) cmp -s "$work/p$i.body" "$work/${created[0]:-none}.body" || differ="$differ p$i" ;;
    *) odd="$odd p$i=$(status_of "p$i")" ;;
  esac
done
expect parallel.one_201 "201 from: ${created[*]:-none}" [ "${#created[@]}" -eq 1 ]
expect parallel.others_200_or_409 "unexpected:$odd" [ -z "$odd" ]
expect parallel.replays_identical "200 bodies differ from the 201 body:$differ" [ -z "$differ" ]
check_rows parallel.one_row "$before" 1

# 4. The key of scenario 1 with another body belongs to another request.
before=$(cart_count)
post m1 /cart/items "$k1" '{"sku":"SKU-2","quantity":2}'
check_problem mismatch m1 422 idempotency_key_mismatch
check_rows mismatch.no_row "$before" 0

# 5. Missing or malformed keys are refused and nothing is recorded.
before=$(cart_count)
post nokey /cart/items "" "$item"
check_problem key_missing nokey 400 idempotency_key_missing
post longkey /cart/items "$(printf 'k%.0s' $(seq 256))" "$item"
check_problem key_too_long longkey 400 idempotency_key_invalid
post spacekey /cart/items "bad key" "$item"
check_problem key_with_space spacekey 400 idempotency_key_invalid
check_rows bad_key.no_row "$before" 0

# 6. An invalid body records nothing: the same key then works with a fixed body.
k=$(new_key)
before=$(cart_count)
post inv1 /cart/items "$k" '{"sku":"","quantity":0}'
check_status invalid_fields.status inv1 400
post inv2 /cart/items "$k" 'not json'
check_status invalid_json.status inv2 400
check_rows invalid_body.no_row "$before" 0
post inv3 /cart/items "$k" "$item"
check_status invalid_body.key_reusable inv3 201

# 7. A duplicate of an operation still in progress gets 409 + Retry-After; once it ends, a replay.
if [ -n "$test_delay" ]; then
  k=$(new_key)
  post slow /cart/items "$k" "$item" -H 'X-Test-Delay-Ms: 2000' &
  slow_pid=$!
  # A duplicate that arrived before the slow request would own the key itself: wait until the key is held.
  expect in_progress.held "the slow request's key never showed in progress" held "$k"
  post dup /cart/items "$k" "$item"
  check_problem in_progress dup 409 idempotency_key_in_progress
  check_header in_progress.retry_after dup Retry-After '^[1-9][0-9]*$'
  wait "$slow_pid" || true
  check_status in_progress.first_201 slow 201
  post after /cart/items "$k" "$item"
  check_replay in_progress.replay after slow
fi

# 8. Checkout moves the cart into an order; an empty cart's 422 is stored and replayed too.
k=$(new_key)
post co1 /cart/checkout "$k" '{}'
check_status checkout.status co1 201
check_header checkout.location co1 Location '^/orders/[^/]+$'
post co2 /cart/checkout "$k" '{}'
check_replay checkout.replay co2 co1
check_rows checkout.cart_empty 0 0
req order GET "$(header_of co1 Location)"
check_status checkout.order_readable order 200
k=$(new_key)
post empty1 /cart/checkout "$k" '{}'
check_problem empty_cart empty1 422 empty_cart
post empty2 /cart/checkout "$k" '{}'
check_replay empty_cart.replay empty2 empty1 422

# 9. Keys and carts are per user: B reusing A's key runs B's own operation and sees only B's items.
k=$(new_key)
post a1 /cart/items "$k" "$item"
user_a=$user user="$user-b"
post b1 /cart/items "$k" "$item"
check_status scoping.own_201 b1 201
expect scoping.own_item "B got A's Location $(header_of a1 Location)" [ "$(header_of b1 Location)" != "$(header_of a1 Location)" ]
check_rows scoping.cart_own_only 0 1
req peek GET "$(header_of a1 Location)"
check_status scoping.no_read_of_a peek 404
user=$user_a

# 11. Crashes (only with a self-started server). A second cartd on the same store is killed with SIGKILL:
#     while it holds a claim, and in the middle of a burst of writes.
start_victim() {  # starts a second cartd on the same store; sets victim_pid and victim_base
  local line _
  : >"$work/victim.out"
  "$bin_used" --host 127.0.0.1 --port 0 "${store_args[@]}" --enable-test-delay --lease 1 >"$work/victim.out" 2>"$work/victim.err" &
  victim_pid=$! victim_base=""
  for _ in $(seq 300); do
    while IFS= read -r line; do case $line in "listening on http://"*) victim_base=${line#listening on }; return 0 ;; esac; done <"$work/victim.out"
    sleep 0.1
  done
}
if [ -n "$server_pid" ]; then
  # A claim whose owner dies is taken over once its lease (1 s) has run out, and runs exactly once.
  start_victim
  k=$(new_key)
  before=$(cart_count)
  curl -sS --max-time 15 -o /dev/null -X POST -H "X-User-ID: $user" -H "Idempotency-Key: $k" -H 'X-Test-Delay-Ms: 8000' \
    --data-binary "$item" "$victim_base/cart/items" 2>/dev/null &
  orphan_curl=$!
  # Wait (bounded) until the victim's in-progress claim is in the store: a duplicate sent earlier would own the key.
  expect crash.claim_held "the victim's claim never showed in progress" held "$k"
  post held /cart/items "$k" "$item"
  check_status crash.claim_visible held 409
  kill -KILL "$victim_pid"; wait "$victim_pid" 2>/dev/null || true; wait "$orphan_curl" 2>/dev/null || true
  for _ in $(seq 30); do post takeover /cart/items "$k" "$item"; [ "$(status_of takeover)" = 409 ] || break; sleep 0.2; done
  check_status crash.taken_over takeover 201
  check_rows crash.takeover_one_row "$before" 1

  # A burst of writes cut by SIGKILL: every key retried on the surviving server gets its one row, no more.
  start_victim
  user_a=$user user="$user-crash"
  burst=() pids=()
  for i in $(seq 60); do burst+=("$(new_key)"); done
  for i in $(seq 60); do
    curl -sS --max-time 15 -o /dev/null -X POST -H "X-User-ID: $user" -H "Idempotency-Key: ${burst[$((i - 1))]}" \
      --data-binary "$item" "$victim_base/cart/items" 2>/dev/null &
    pids+=($!)
  done
  sleep 0.02  # a crash at an arbitrary moment of the burst (not a synchronisation)
  kill -KILL "$victim_pid"; wait "$victim_pid" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  odd=""
  for i in $(seq 60); do
    post "crash$i" /cart/items "${burst[$((i - 1))]}" "$item"
    [[ $(status_of "crash$i") =~ ^20[01]$ ]] || odd="$odd $(status_of "crash$i")"
  done
  expect crash.retries_answered "unexpected statuses:$odd" [ -z "$odd" ]
  replayed=0; for i in $(seq 60); do [ "$(status_of "crash$i")" != 200 ] || replayed=$((replayed + 1)); done
  echo "     ($replayed of 60 were committed before the kill and replayed; the rest ran on retry)"
  check_rows crash.burst_one_row_per_key 0 60
  user=$user_a
fi

# 10. Health and metrics.
req health GET /healthz
check_status healthz health 200
req metrics GET /metrics
check_status metrics.status metrics 200
check_body metrics.cartd metrics 'cartd_'

finish
