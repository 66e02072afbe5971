#!/usr/bin/env bash
# The test suites under ThreadSanitizer and AddressSanitizer, each in its own build directory
# (.build/tsan, .build/asan), so that the normal .build stays as it is.
#   scripts/sanitizers.sh            thread: the concurrency suites (guard races, in-flight table, store
#                                    concurrency on SQLite and PostgreSQL, end-to-end races, scale-out and
#                                    Redis accelerator, HTTP server, SQLite concurrency, client connection reuse);
#                                    address: the whole suite
#   scripts/sanitizers.sh --quick    smaller filters (the racing suites only, the parsers and the store contract)
#   scripts/sanitizers.sh --thread | --address   one sanitizer only (combinable with --quick)
# PostgreSQL and Redis come from scripts/pg-local.sh and scripts/redis-local.sh, as scripts/test.sh sets them up.
# Exits 1 if a suite fails or any sanitizer report appears in its output (logs in .build/<tsan|asan>/sanitizer.log).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

quick=false
sanitizers=(thread address)
for argument in "$@"; do
    case "$argument" in
        --quick) quick=true ;;
        --thread) sanitizers=(thread) ;;
        --address) sanitizers=(address) ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "sanitizers.sh: unknown argument $argument" >&2; exit 2 ;;
    esac
done

CARTD_TEST_POSTGRES_URL=$(scripts/pg-local.sh start)
CARTD_TEST_REDIS_URL=$(scripts/redis-local.sh start)
export CARTD_TEST_POSTGRES_URL CARTD_TEST_REDIS_URL

if $quick; then
    thread_filter='IdempotencyGuardRaceTests|InFlightTableTests|ReplayCacheTests|StoreConcurrencyTests|IdempotencyRaceTests'
    address_filter='RequestParser|JSONParserTests|RequestBodyTests|StoreContractTests'
else
    thread_filter='IdempotencyTests|StoreConcurrencyTests|IdempotencyRaceTests|ScaleOutTests|RedisAcceleratorTests|KeyLifecycleTests|HTTPTests\..*Server|SQLiteTests\.ConcurrencyTests|ConnectionReuseTests'
    address_filter='.'
fi

supp=$PWD/scripts/sanitizers
# halt_on_error=0: every report of a run is printed; the run then exits non-zero (TSan's exitcode 66).
export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 suppressions=$supp/tsan.supp"
export ASAN_OPTIONS="detect_leaks=1 halt_on_error=1 detect_stack_use_after_return=0"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp print_suppressions=0"

status=0
summary=()
for sanitizer in "${sanitizers[@]}"; do
    if [ "$sanitizer" = thread ]; then scratch=.build/tsan filter=$thread_filter; else scratch=.build/asan filter=$address_filter; fi
    mkdir -p "$scratch"
    log=$scratch/sanitizer.log
    echo "== $sanitizer: building ($scratch)"
    start=$(date +%s)
    if ! swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" > "$scratch/build.log" 2>&1; then
        tail -30 "$scratch/build.log"
        echo "sanitizers.sh: the $sanitizer build failed" >&2
        exit 2
    fi
    built=$(date +%s)
    echo "== $sanitizer: swift test --filter '$filter' (log $log)"
    swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" --filter "$filter" > "$log" 2>&1
    rc=$?
    finished=$(date +%s)
    reports=$(grep -cE "WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:" "$log")
    passed=$(grep -oE "Test run with [0-9]+ tests? (in [0-9]+ suites? )?passed" "$log" | tail -1)
    failed=$(grep -oE "Test run with [0-9]+ tests? (in [0-9]+ suites? )?failed.*" "$log" | tail -1)
    line="$sanitizer: build $((built - start))s, tests $((finished - built))s, exit $rc, sanitizer reports $reports, ${passed:-$failed}"
    if [ "$rc" -ne 0 ] || [ "$reports" -ne 0 ]; then
        status=1
        line+=" -- FAILED"
        grep -E -A12 "WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:" "$log" | head -60
        grep -E "✘|error:" "$log" | head -20
    fi
    echo "$line"
    summary+=("$line")
done
echo "== sanitizers summary"
printf '%s\n' "${summary[@]}"
exit $status
