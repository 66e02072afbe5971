#!/usr/bin/env bash
# The test suite, runnable first thing on a fresh machine: installs what is missing
# (scripts/setup.sh), starts the throwaway PostgreSQL cluster and Redis server the tests use, then the unit,
# store-contract, end-to-end and race tests (swift test), then the curl-driven integration
# script against freshly started release servers on SQLite and on PostgreSQL, the README's examples,
# a bounded schemathesis run, the quick crash tests and (as root) the fault test, then the quick forms of
# the fuzzers, the model check and the sanitizer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
CARTD_TEST_POSTGRES_URL=$(scripts/pg-local.sh start)
export CARTD_TEST_POSTGRES_URL
CARTD_TEST_REDIS_URL=$(scripts/redis-local.sh start)
export CARTD_TEST_REDIS_URL
swift build --build-tests
swift test
scripts/integration.sh
scripts/integration.sh --store "$CARTD_TEST_POSTGRES_URL"
scripts/readme-examples.sh                 # every console example of the README, run verbatim and compared
scripts/api-fuzz.sh --max-time 60          # schemathesis against /openapi.json, bounded
scripts/crash-test.sh 3                    # quick form: SIGKILL mid-burst, nothing acknowledged lost, nothing run twice
scripts/crash-test.sh --store postgres 3
if [ "$(id -u)" -eq 0 ]; then scripts/fault-test.sh; else echo "fault-test.sh skipped: it needs root (tmpfs, bind mounts)"; fi
scripts/fuzz.sh --time 60                  # libFuzzer: the HTTP parser, JSON and key/URL parsers, 60 s each
scripts/model-check.sh                     # spin: safety, liveness and the bug variants that must fail
scripts/sanitizers.sh                      # ThreadSanitizer on the racing suites, AddressSanitizer on all of them
