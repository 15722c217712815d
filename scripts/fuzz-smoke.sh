#!/bin/sh
# Build the libFuzzer harnesses (the "fuzz" preset, clang, in build-fuzz) and
# run each for a short while from its seed corpus; fail on any crash, leak,
# sanitizer report or timeout. CI runs this on every submission; the long run
# is described in docs/fuzzing.md.
#
# Environment: FUZZ_SECONDS per harness (60), FUZZ_WORK (a temporary directory)
# for the grown corpora and crash files, OKR_FUZZ_BUILD_DIR (build-fuzz).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-60}
build=${OKR_FUZZ_BUILD_DIR:-$top/build-fuzz}
work=${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/okr-fuzz.XXXXXX")}
mkdir -p "$work"

if ! command -v clang >/dev/null 2>&1; then
    "$top/scripts/deps.sh" test
fi

cmake -S "$top" -B "$build" --preset fuzz >/dev/null
cmake --build "$build" -j2 --target fuzz_feed fuzz_config fuzz_csv

status=0
for h in feed config csv; do
    mkdir -p "$work/corpus-$h" "$work/crash-$h"
    dict=""
    [ -f "$top/tests/fuzz/$h.dict" ] && dict="-dict=$top/tests/fuzz/$h.dict"
    log="$work/fuzz-$h.log"
    echo "fuzz-smoke: fuzz_$h for ${seconds}s (log: $log)"
    # shellcheck disable=SC2086
    if "$build/tests/fuzz/fuzz_$h" -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $dict \
        -artifact_prefix="$work/crash-$h/" \
        "$work/corpus-$h" "$top/tests/fuzz/corpus-$h" "$top/tests/fuzz/crashes-$h" \
        >"$log" 2>&1; then
        grep -E "^stat::number_of_executed_units|DONE" "$log" | sed "s/^/fuzz-smoke: $h: /"
    else
        status=1
        echo "fuzz-smoke: fuzz_$h FAILED; the input is in $work/crash-$h:" >&2
        ls -l "$work/crash-$h" >&2
        grep -E -A30 "ERROR|==[0-9]+==|runtime error|deadly signal|timeout" "$log" | head -60 >&2
    fi
done
if [ "$status" -eq 0 ]; then
    echo "fuzz-smoke: no crash"
    # Keep the work directory only when it was asked for or holds a finding.
    [ -n "${FUZZ_WORK:-}" ] || rm -rf "$work"
fi
exit "$status"
