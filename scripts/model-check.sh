#!/usr/bin/env bash
# Model check of the idempotency-key protocol (Sources/Idempotency/KeyProtocol.pml) with spin.
#   scripts/model-check.sh [--quick] [-DN=3 ...]   extra -D flags are passed to every run (instances N, MAXCRASH, ...)
#   --quick: the liveness run without operation failures (-DMAXFAIL=0), about a quarter of the states
# Runs, each in .build/model/<run>/:
#   safety      assertions and end states, exhaustive: expects 0 errors
#   liveness    <> every client answered, acceptance cycles under weak fairness (pan -a -f): expects 0 errors
#   each bug variant (BUG_NO_FENCE, BUG_TRUST_REDIS, BUG_SWEEP_LIVE, BUG_CACHE_EARLY: safety;
#   BUG_LEASE_FOREVER: liveness): expects at least 1 error, a counterexample trail kept in its folder
#   (replay: cd .build/model/<run> && spin -t -p -D<BUG> KeyProtocol.pml).
# Prints states, depth, errors and time per run; exits 1 if any run does not give what it expects.
set -uo pipefail
cd "$(dirname "$0")/.."
model=Sources/Idempotency/KeyProtocol.pml
quick=()
extra=()
for argument in "$@"; do
    case "$argument" in
        --quick) quick=(-DMAXFAIL=0) ;;
        -D*) extra+=("$argument") ;;
        *) echo "model-check.sh: unknown argument $argument" >&2; exit 2 ;;
    esac
done
command -v spin >/dev/null || { echo "model-check.sh: spin is missing (scripts/setup.sh, or apt-get install -y spin)" >&2; exit 2; }
work=.build/model
mkdir -p "$work"

status=0
summary=()
# run NAME MODE(safety|liveness) EXPECT(pass|fail) [-DFLAG...]
run() {
    local name="$1" mode="$2" expect="$3"; shift 3
    local dir="$work/$name"
    rm -rf "$dir" && mkdir -p "$dir" && cp "$model" "$dir/"
    local start=$(date +%s.%N) out
    # The bug variants' counterexamples come within a few thousand states: not worth optimising pan for.
    local optimise=-O2
    [ "$expect" = fail ] && [ "$mode" = safety ] && optimise=-O0
    if [ "$mode" = safety ]; then
        out=$(cd "$dir" && spin -a "$@" "${extra[@]}" KeyProtocol.pml >/dev/null &&
            gcc $optimise -w -DSAFETY -o pan pan.c && ./pan -m2000000 2>&1)
    else
        out=$(cd "$dir" && spin -a -DLIVE "$@" "${quick[@]}" "${extra[@]}" KeyProtocol.pml >/dev/null &&
            gcc $optimise -w -DNFAIR=8 -DCOLLAPSE -o pan pan.c && ./pan -a -f -m2000000 -N eventually_answered 2>&1)
    fi
    local rc=$?
    echo "$out" > "$dir/pan.out"
    local seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    local errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' <<< "$out" | tail -1)
    local states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' <<< "$out" | tail -1)
    local depth=$(sed -n 's/.*depth reached \([0-9]*\).*/\1/p' <<< "$out" | tail -1)
    local what=$(grep -E "assertion violated|acceptance cycle|invalid end state|max search depth too small" <<< "$out" | head -1)
    local line
    line=$(printf '%-18s %-9s states %-10s depth %-6s errors %-3s %6.1fs' "$name" "$mode" "${states:-?}" "${depth:-?}" "${errors:-?}" "$seconds")
    if [ $rc -ne 0 ] || [ -z "$errors" ]; then
        line+="  FAILED TO RUN"; status=1
        tail -5 <<< "$out"
    elif [ "$expect" = pass ] && [ "$errors" -ne 0 ]; then
        line+="  UNEXPECTED: $what"; status=1
    elif [ "$expect" = fail ] && [ "$errors" -eq 0 ]; then
        line+="  UNEXPECTED: no counterexample"; status=1
    elif grep -q "max search depth too small" <<< "$out"; then
        line+="  INCOMPLETE: search depth too small"; status=1
    else
        [ "$expect" = fail ] && line+="  found as expected: ${what#pan:1: }"
    fi
    echo "$line"
    summary+=("$line")
}

total_start=$(date +%s)
run safety safety pass
run liveness liveness pass
for bug in BUG_NO_FENCE BUG_TRUST_REDIS BUG_SWEEP_LIVE BUG_CACHE_EARLY; do
    run "$bug" safety fail "-D$bug"
done
run BUG_LEASE_FOREVER liveness fail -DBUG_LEASE_FOREVER
echo "== model check: $(( $(date +%s) - total_start ))s in all, $([ $status -eq 0 ] && echo "every run as expected" || echo "FAILED")"
exit $status
