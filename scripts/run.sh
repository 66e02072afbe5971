#!/usr/bin/env bash
# Sets up, builds (release) and starts cartd on its embedded default store, a
# SQLite file in the working directory. Extra arguments go to cartd:
#   scripts/run.sh --port 9090 --db /var/lib/cartd/cart.db
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product cartd
exec .build/release/cartd "$@"
