#!/usr/bin/env bash
# Property-based API tests of cartd against its own description: schemathesis reads GET /openapi.json
# from a freshly started server and runs every check (server errors, status codes, content types,
# response headers and schemas, negative and positive data, undeclared methods, and the stateful
# phase that follows the document's links: POST /cart/items -> GET/PUT/DELETE /cart/items/{id},
# POST /cart/checkout -> GET /orders/{id}). The "created resource not found" check runs as
# cart_checks.py's cart_resource_availability: the built-in one, minus the two documented ways a line
# item goes without a DELETE (a replayed POST's item deleted since; a checkout by the same caller).
#
# Usage: scripts/api-fuzz.sh [--max-examples N] [--max-time SECONDS] [--seed N] [--workers N]
#   --max-examples  test cases per operation and phase (default 50)
#   --max-time      time budget of the whole schemathesis run; fuzzing and stateful testing repeat
#                   until it is spent (default 120)
#   --seed          reproduce an earlier run (schemathesis prints its seed)
#   --workers       concurrent schemathesis workers (default 1: workers share the generated callers,
#                   so one worker's checkout can move another's just-created item into an order, which
#                   the stateful check would read as "created resource not found")
#
# Sets up a virtual environment in .build/api-fuzz-venv with the pinned schemathesis from PyPI,
# builds cartd (release; CARTD_BIN names another binary), starts it on 127.0.0.1 on a free port with a
# temporary database and no test delay, and stops it with SIGTERM at the end. Exits non-zero when
# schemathesis reports any failure or error, or when cartd dies or does not stop cleanly.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5

root=$(cd "$(dirname "$0")/.." && pwd)
max_examples=50 max_time=120 seed="" workers=1
while [ $# -gt 0 ]; do
  case $1 in
    --max-examples) max_examples=${2:?--max-examples needs a number}; shift 2 ;;
    --max-time) max_time=${2:?--max-time needs seconds}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --workers) workers=${2:?--workers needs a number}; shift 2 ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "api-fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for number in "$max_examples" "$max_time" "$workers" ${seed:+"$seed"}; do
  [[ $number =~ ^[0-9]+$ ]] || { echo "api-fuzz.sh: '$number' is not a whole number" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=""
stop_server() {  # SIGTERM, then a bounded wait; returns non-zero unless cartd exits 0
  [ -n "$server_pid" ] || return 0
  local pid=$server_pid rc=0 _
  server_pid=""
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "api-fuzz.sh: cartd still running 10 s after SIGTERM (killed)" >&2
    return 1
  fi
  wait "$pid" || rc=$?
  [ "$rc" -eq 0 ] || { echo "api-fuzz.sh: cartd exited with status $rc after SIGTERM" >&2; return 1; }
}
on_exit() {
  stop_server || true
  rm -rf "$work"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- schemathesis, pinned, in its own virtual environment -----------------------------------------
venv=$root/.build/api-fuzz-venv
if [ "$("$venv/bin/schemathesis" --version 2>/dev/null || true)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  echo "api-fuzz.sh: installing schemathesis $SCHEMATHESIS_VERSION into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# --- cartd on a free port, temporary database -----------------------------------------------------
bin=${CARTD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$root" && swift build -c release --product cartd) >&2
  bin=$root/.build/release/cartd
fi
: >"$work/server.out"
"$bin" --host 127.0.0.1 --port 0 --db "$work/cartd.db" --log-level warning >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
base=""
for _ in $(seq 300); do  # up to 30 s for the one `listening on http://127.0.0.1:PORT` line
  while IFS= read -r line; do
    case $line in "listening on http://"*) base=${line#listening on } ;; esac
  done <"$work/server.out"
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$base" ]; then
  tail -n 20 "$work/server.err" >&2
  echo "api-fuzz.sh: cartd did not print 'listening on http://...' within 30 s" >&2
  exit 1
fi
echo "api-fuzz.sh: cartd ($bin) listening on $base" >&2

# --- the run ---------------------------------------------------------------------------------------
args=(
  --config-file "$root/scripts/api-fuzz/schemathesis.toml" run "$base/openapi.json"
  --checks all --exclude-checks ensure_resource_availability  # cart_checks.py runs it, told of replays and checkouts
  --phases examples,coverage,fuzzing,stateful
  --max-examples "$max_examples" --max-time "$max_time"
  --workers "$workers" --request-timeout 10
  --generation-database none --output-sanitize false
)
[ -n "$seed" ] && args+=(--seed "$seed")
echo "api-fuzz.sh: schemathesis ${args[*]}" >&2
rc=0
# From the temporary directory: schemathesis and hypothesis keep their caches (and replay stored
# crashes) in the working directory, so every run starts fresh and leaves nothing in the tree.
# launch.py is the schemathesis command with cartd's own checks registered (cart_checks.py) and a
# workaround for a bug of older Python 3.11 builds.
(cd "$work" && "$venv/bin/python" "$root/scripts/api-fuzz/launch.py" "${args[@]}") || rc=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
  tail -n 20 "$work/server.err" >&2
  echo "api-fuzz.sh: cartd died during the run" >&2
  rc=1
fi
stop_server || rc=1
exit "$rc"
