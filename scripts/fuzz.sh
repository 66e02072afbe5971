#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (swiftc -sanitize=fuzzer,address).
#   scripts/fuzz.sh [--time SECONDS] [TARGET...]     default: 60 s for each of http json keys
#     http   the HTTP/1.1 request parser (Sources/HTTP/Parsing): any bytes, any split points; no crash,
#            every split parses alike, bodies framed as Content-Length / the chunks say, no smuggling, limits kept
#     json   the request-body JSON parser (Sources/Cart/JSON): no crash; parse, write, re-parse gives the same value
#     keys   IdempotencyKey.parse (the Idempotency-Key header), RedisURL and cartd's --store/--redis URL parsers
# The entry points are in Sources/Fuzz/<Target>/, compiled here with swiftc together with the module
# sources they test (SwiftPM declares no target there, so `swift build` and `swift test` never see them).
# Seeds: Tests/Fuzz/corpus/<target>/ (read only). Work: .build/fuzz/ (binaries, grown corpus, logs).
# A crash or a broken invariant stops the target, leaves the input in .build/fuzz/crashes/<target>/
# and makes the script exit 1 once every target has run. Prints executions and coverage per target.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

seconds=60
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --time) seconds="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        http|json|keys) targets+=("$1"); shift ;;
        *) echo "fuzz.sh: unknown argument $1 (targets: http json keys)" >&2; exit 2 ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(http json keys)

work=.build/fuzz
mkdir -p "$work/bin" "$work/mod" "$work/logs"
flags=(-swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
    -parse-as-library -package-name cartd -sanitize=fuzzer,address -O -g -I Sources/CLinux -use-ld=lld)

# Rebuilds $1 only when one of the following files is newer.
stale() {
    local output="$1"; shift
    [ -f "$output" ] || return 0
    for file in "$@"; do [ "$file" -nt "$output" ] && return 0; done
    return 1
}

http_sources() { find Sources/HTTP -name '*.swift' | sort; }

build() {
    local target="$1" binary="$work/bin/fuzz-$1"
    local sources=()
    case "$target" in
        http)
            mapfile -t sources < <(http_sources)
            sources+=(Sources/Fuzz/HTTPParser/FuzzHTTPParser.swift)
            stale "$binary" "${sources[@]}" || return 0
            swiftc "${flags[@]}" -module-name HTTP "${sources[@]}" -o "$binary" ;;
        json)
            sources=(Sources/Cart/JSON/*.swift Sources/HTTP/Response/JSONWriter.swift Sources/HTTP/Response/ByteSpan.swift "Sources/HTTP/Response/Array+Room.swift" Sources/Fuzz/JSON/FuzzJSON.swift)
            stale "$binary" "${sources[@]}" || return 0
            swiftc "${flags[@]}" -module-name Cart "${sources[@]}" -o "$binary" ;;
        keys)
            local http=()
            mapfile -t http < <(http_sources)
            if stale "$work/mod/HTTP.o" "${http[@]}"; then
                swiftc "${flags[@]}" -module-name HTTP -wmo -emit-module -emit-module-path "$work/mod/HTTP.swiftmodule" \
                    -c "${http[@]}" -o "$work/mod/HTTP.o" || return 1
            fi
            sources=(Sources/Idempotency/*.swift Sources/Redis/RedisURL.swift Sources/Redis/RedisError.swift
                Sources/Redis/RedisErrorReply.swift Sources/cartd/SettingURL.swift Sources/cartd/SettingsError.swift
                Sources/Fuzz/Keys/FuzzKeys.swift)
            stale "$binary" "${sources[@]}" "$work/mod/HTTP.o" || return 0
            swiftc "${flags[@]}" -module-name FuzzKeys -I "$work/mod" "${sources[@]}" "$work/mod/HTTP.o" -o "$binary" ;;
    esac
}

status=0
summary=()
for target in "${targets[@]}"; do
    echo "== fuzz $target: building"
    if ! build "$target" > "$work/logs/$target.build.log" 2>&1; then
        grep -v "warning: Cannot export local symbol" "$work/logs/$target.build.log" | tail -30
        echo "fuzz.sh: building $target failed" >&2
        exit 2
    fi
    corpus="$work/corpus/$target"
    crashes="$work/crashes/$target"
    mkdir -p "$corpus" "$crashes"
    dict=()
    [ -f "Tests/Fuzz/$target.dict" ] && dict=(-dict="Tests/Fuzz/$target.dict")
    log="$work/logs/$target.log"
    echo "== fuzz $target: ${seconds}s (log $log)"
    start=$(date +%s)
    touch "$work/logs/$target.start"
    # ASan's leak check is off (the Swift runtime's caches would be reported); Swift's own backtracer is off, so
    # that ASan and libFuzzer report the crash.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$work/bin/fuzz-$target" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$crashes/" "${dict[@]}" "$corpus" "Tests/Fuzz/corpus/$target" > "$log" 2>&1
    rc=$?
    elapsed=$(( $(date +%s) - start ))
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
    units=$(find "$corpus" -type f | wc -l)
    found=$(find "$crashes" -type f -newer "$work/logs/$target.start" | wc -l)
    line="$target: ${elapsed}s, ${execs:-?} execs, ${rate:-?} exec/s, cov: ${cov:-?} ft: ${ft:-?}, corpus $units, new crash inputs $found"
    if [ "$rc" -ne 0 ]; then
        status=1
        line+=" -- FAILED (exit $rc)"
        grep -E "INVARIANT|ERROR: |SUMMARY|Fatal error|Test unit written" "$log" | head -10
        echo "   crashing input(s) in $crashes/ -- replay: $work/bin/fuzz-$target <file>"
    fi
    echo "$line"
    summary+=("$line")
done
echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
exit $status
