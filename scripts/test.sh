#!/usr/bin/env bash
# The test suite: unit, end-to-end and race tests (swift test), then the
# curl-driven integration script against a freshly started release server.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test
scripts/integration.sh
