#!/usr/bin/env bash
# Runs the README's examples verbatim (every ```console block, in order) against a fresh
# Quick-start server (as `scripts/run.sh` starts it: default settings, a new SQLite file) on
# localhost:8080's stand-in, and one with --enable-test-delay for the 409 example, and checks
# that each command prints what the README shows (scripts/readme/check_examples.py).
#   scripts/readme-examples.sh        builds release unless CARTD_BIN names a binary
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CARTD_BIN:-}
if [ -z "$bin" ]; then
    (cd "$root" && swift build -c release --product cartd) >&2
    bin=$root/.build/release/cartd
fi
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT

start() {  # name args... -> sets $port
    local name=$1; shift
    (cd "$work" && exec "$bin" --host 127.0.0.1 --port 0 --db "$work/$name.db" "$@" >"$work/$name.out" 2>"$work/$name.err") &
    pids+=($!)
    for _ in $(seq 1 500); do grep -q listening "$work/$name.out" 2>/dev/null && break; sleep 0.01; done
    port=$(sed -nE 's/.*:([0-9]+)$/\1/p' "$work/$name.out")
}
start quick; quick=$port
start delayed --enable-test-delay; delayed=$port
[ -n "$quick" ] && [ -n "$delayed" ] || { echo "readme-examples: cartd did not start" >&2; cat "$work"/*.err >&2; exit 1; }
python3 "$root/scripts/readme/check_examples.py" "$root/README.md" "$quick" "$delayed"
