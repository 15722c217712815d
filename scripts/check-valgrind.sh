#!/bin/sh
# Run okr-kiosk's headless paths under valgrind memcheck: the screenshot of the
# demo feed at 1920x1080 (no display), --check and --check --json of the demo
# feed, and --check of a broken feed. Each run must end with zero errors and
# zero definitely or indirectly lost bytes. "Still reachable" memory kept by
# fontconfig, FreeType and SDL for the life of the process is allowed.
#
# tests/valgrind.supp holds suppressions for leaks inside third-party
# libraries only (every entry names only their frames and says why).
#
# Environment: OKR_BUILD_DIR (build-valgrind; a normal RelWithDebInfo build).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${OKR_BUILD_DIR:-$top/build-valgrind}
jobs=${JOBS:-2}

"$top/scripts/deps.sh" test
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$jobs" --target okr-kiosk >/dev/null
kiosk="$build/app/okr-kiosk"

work=$(mktemp -d "${TMPDIR:-/tmp}/okr-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A feed that parses but is full of warnings, and one that is not JSON.
cp "$top/tests/data/feed-wrong-types.json" "$work/warnings.json"
printf '{"objectives": [{"title": "cut short", "key_results": [' >"$work/broken.json"

failures=0
# run NAME EXPECTED_EXIT ARGS...
run() {
    name=$1
    want=$2
    shift 2
    log="$work/$name.valgrind"
    set +e
    env -u DISPLAY -u WAYLAND_DISPLAY XDG_CACHE_HOME="$work/cache" \
        valgrind --tool=memcheck --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
        --error-exitcode=99 --track-origins=yes --num-callers=30 \
        --suppressions="$top/tests/valgrind.supp" \
        --log-file="$log" "$kiosk" "$@" >"$work/$name.out" 2>"$work/$name.err"
    rc=$?
    set -e
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -1)
    lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1)
    indirect=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1)
    reach=$(sed -n 's/.*still reachable: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1)
    echo "check-valgrind: $name: exit $rc, errors ${errors:-?}," \
        "definitely lost ${lost:-0}, indirectly lost ${indirect:-0}, still reachable ${reach:-0} bytes"
    if [ "$rc" -ne "$want" ] || [ "${errors:-1}" != 0 ]; then
        failures=$((failures + 1))
        echo "check-valgrind: $name FAILED (expected exit $want):" >&2
        cat "$work/$name.err" >&2
        grep -v "^==[0-9]*== *$" "$log" | head -120 >&2
    fi
}

run screenshot 0 --feed "$top/assets/demo-feed.json" --now 2026-11-26T09:30:00Z \
    --screenshot "$work/shot.png" --size 1920x1080
run check 0 --check "$top/assets/demo-feed.json" --now 2026-11-26T09:30:00Z
run check-json 0 --check "$top/assets/demo-feed.json" --json --now 2026-11-26T09:30:00Z
run check-warnings 0 --check "$work/warnings.json" --now 2026-11-26T09:30:00Z
run check-broken 1 --check "$work/broken.json"
run check-missing 2 --check "$work/no-such-feed.json"

if [ "$failures" -ne 0 ]; then
    echo "check-valgrind: $failures run(s) failed" >&2
    exit 1
fi
echo "check-valgrind: all runs clean"
