#!/usr/bin/env bash
# Fault test of the SQLite store (as root: it mounts a small tmpfs and a read-only bind mount).
# Usage: scripts/fault-test.sh
#
#   full disk      the database on a 4 MiB tmpfs, filled up while cartd serves
#   read-only      an immutable file (chattr +i), a read-only bind mount, a mode-444 file for `nobody`:
#                  cartd must refuse to start (exit 1, one line naming the file and the reason)
#   write lock     another connection holds the write lock past --busy-timeout-ms
#
# During a fault every answer is 201 or 503 (never 500, never a hang: each request has curl --max-time);
# /healthz is 503 while writes fail; the cause is logged, rate-limited, never with a key; once the fault
# clears the service resumes by itself, every key that got a 503 runs exactly once when retried, /healthz
# is 200, and the 201s equal the rows in the database. Builds release if needed (CARTD_BIN overrides),
# cleans up on exit. Prints PASS/FAIL per check and `N passed, M failed`; exits 1 on any failure.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "fault-test: run as root (tmpfs and bind mounts)" >&2; exit 2; }
work=$(mktemp -d)
chmod 755 "$work"
passed=0 failed=0 pids=() mounts=() immutable=()

cleanup() {
  local pid m f
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for f in "${immutable[@]}"; do chattr -i "$f" 2>/dev/null || true; done
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT; trap 'exit 143' TERM

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
expect() { local name=$1 why=$2; shift 2; if "$@"; then pass "$name"; else fail "$name" "$why"; fi; }
new_key() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }

bin=${CARTD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$root" && nice swift build -c release >&2) || { echo "fault-test: build failed" >&2; exit 1; }
  bin=$root/.build/release/cartd
fi

start_cartd() {  # DB [flags]: sets pid and base; fails the script if no listening line within 15 s
  local db=$1 line _; shift
  : >"$work/out"; : >"$work/err"
  nice "$bin" --host 127.0.0.1 --port 0 --db "$db" "$@" >"$work/out" 2>"$work/err" &
  pid=$!; pids+=("$pid"); base=""
  for _ in $(seq 150); do
    while IFS= read -r line; do case $line in "listening on http://"*) base=${line#listening on }; return 0 ;; esac; done <"$work/out"
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "fault-test: cartd did not start on $db:" >&2; tail -3 "$work/err" >&2; exit 1
}

stop_cartd() {
  local _
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

post() {  # USER KEY: prints the status (000 for no answer within 5 s)
  curl -s --max-time 5 -o /dev/null -w '%{http_code}' -X POST -H "X-User-ID: $1" -H "Idempotency-Key: $2" \
    --data-binary '{"sku":"FAULT","quantity":1}' "$base/cart/items" 2>/dev/null || true
}
health() { curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$base/healthz" 2>/dev/null || true; }
rows() { sqlite3 -batch -noheader "$1" "SELECT count(*) FROM line_items WHERE owner = '$2'"; }

# during_fault USER COUNT: COUNT new keys; records 201 keys in $work/USER.ok and 503 keys in $work/USER.retry
during_fault() {
  local user=$1 count=$2 i key status odd=""
  : >"$work/$user.ok"; : >"$work/$user.retry"
  for i in $(seq "$count"); do
    key=$(new_key)
    status=$(post "$user" "$key")
    case $status in
      201) echo "$key" >>"$work/$user.ok" ;;
      503) echo "$key" >>"$work/$user.retry" ;;
      *) odd="$odd $status" ;;
    esac
  done
  expect "$user.only_201_or_503" "other answers:$odd" [ -z "$odd" ]
}

# after_fault USER DB: the 503 keys retried (bounded) until 201, each once; rows equal the 201s
after_fault() {
  local user=$1 db=$2 key status _ bad="" ok
  while read -r key; do
    for _ in $(seq 50); do status=$(post "$user" "$key"); [ "$status" = 503 ] || break; sleep 0.2; done
    [ "$status" = 201 ] || bad="$bad $status"
    echo "$key" >>"$work/$user.ok"
  done <"$work/$user.retry"
  expect "$user.retries_run" "retried 503 keys answered:$bad" [ -z "$bad" ]
  for key in $(head -3 "$work/$user.ok"); do
    status=$(post "$user" "$key")
    expect "$user.replay" "an acknowledged key answers $status on retry" [ "$status" = 200 ]
  done
  expect "$user.healthz_after" "healthz is $(health) after the fault cleared and writes committed" [ "$(health)" = 200 ]
  ok=$(sort -u "$work/$user.ok" | wc -l)
  expect "$user.rows_equal_201s" "$(rows "$db" "$user") rows for $ok keys answered 201" [ "$(rows "$db" "$user")" -eq "$ok" ]
  expect "$user.no_key_logged" "a key appears in the log" bash -c "! grep -qFf '$work/$user.ok' '$work/err'"
}

# 1. A full disk.
mkdir -p "$work/full"
mount -t tmpfs -o size=4m tmpfs "$work/full"; mounts+=("$work/full")
start_cartd "$work/full/cart.db" --busy-timeout-ms 200
for i in $(seq 5); do post full-warm "warm-$i" >/dev/null; done
dd if=/dev/zero of="$work/full/filler" bs=64k 2>/dev/null || true  # until ENOSPC
during_fault full 60
expect full.fault_hit "no write failed on the full disk" [ -s "$work/full.retry" ]
expect full.healthz_during "healthz is $(health) while the disk is full" [ "$(health)" = 503 ]
expect full.cause_logged "no log line names the full disk" grep -q "store: .*SQLITE_FULL\|store: .*full" "$work/err"
rm -f "$work/full/filler"
after_fault full "$work/full/cart.db"
stop_cartd
expect full.integrity "integrity_check is not ok" [ "$(sqlite3 "$work/full/cart.db" 'PRAGMA integrity_check')" = ok ]

# 2. Databases cartd can only read: it must not start.
refuses() {  # NAME DB [runuser user]: cartd exits 1 with one line naming DB, and never says listening
  local name=$1 db=$2 rc=0
  if [ -n "${3:-}" ]; then
    timeout 20 runuser -u "$3" -- "$bin" --host 127.0.0.1 --port 0 --db "$db" >"$work/out" 2>"$work/err" || rc=$?
  else
    timeout 20 "$bin" --host 127.0.0.1 --port 0 --db "$db" >"$work/out" 2>"$work/err" || rc=$?
  fi
  expect "$name.exit_1" "exit status $rc, stderr: $(head -c 300 "$work/err")" [ "$rc" -eq 1 ]
  expect "$name.not_listening" "it printed listening" bash -c "! grep -q listening '$work/out'"
  expect "$name.one_line" "$(wc -l <"$work/err") lines: $(head -c 300 "$work/err")" [ "$(wc -l <"$work/err")" -eq 1 ]
  expect "$name.names_file_and_reason" "$(cat "$work/err")" grep -q "$db.*read-only" "$work/err"
}
mkdir -p "$work/ro"
sqlite3 "$work/ro/cart.db" 'PRAGMA journal_mode=WAL' >/dev/null
start_cartd "$work/ro/cart.db"; post ro k1 >/dev/null; stop_cartd  # a real, migrated database
chattr +i "$work/ro/cart.db"; immutable+=("$work/ro/cart.db")
refuses immutable "$work/ro/cart.db"
chattr -i "$work/ro/cart.db"
mkdir -p "$work/ro-mount"
mount --bind "$work/ro" "$work/ro-mount"; mounts+=("$work/ro-mount")
mount -o remount,bind,ro "$work/ro-mount"
refuses readonly_mount "$work/ro-mount/cart.db"
umount "$work/ro-mount"
chmod 777 "$work/ro"; chmod 444 "$work/ro/cart.db"; chown nobody "$work/ro/cart.db"
refuses mode_444 "$work/ro/cart.db" nobody

# 3. Another connection holds the write lock past --busy-timeout-ms.
mkdir -p "$work/lock"
start_cartd "$work/lock/cart.db" --busy-timeout-ms 200
post lock-warm warm >/dev/null
python3 - "$work/lock/cart.db" "$work/lock/held" <<'PY' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(4)
db.execute("ROLLBACK")
os.remove(sys.argv[2])
PY
holder=$!; pids+=("$holder")
for _ in $(seq 50); do [ -e "$work/lock/held" ] && break; sleep 0.1; done
during_fault lock 10
expect lock.fault_hit "no write failed while the lock was held" [ -s "$work/lock.retry" ]
expect lock.healthz_during "healthz is $(health) while the lock is held" [ "$(health)" = 503 ]
expect lock.cause_logged_once "$(grep -c 'store: a write batch' "$work/err") failure lines in about 2 s (want 1: rate-limited)" \
  [ "$(grep -c 'store: a write batch.*SQLITE_BUSY' "$work/err")" -eq 1 ]
wait "$holder" || true
after_fault lock "$work/lock/cart.db"
stop_cartd

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
