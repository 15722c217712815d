#!/bin/sh
# Install what is missing, build everything with warnings as errors, and run
# the whole test suite:
#   unit      the format check (.clang-format), the normal build, every test
#             program under ctest
#   asan      the same tests built with AddressSanitizer + UBSan (+ LeakSanitizer)
#   valgrind  memcheck over the headless screenshot and --check paths
#   fuzz      a short libFuzzer run of each harness (FUZZ_SECONDS, default 60)
#   arm64     cross-build for the Raspberry Pi, tests under qemu-user, and a
#             screenshot compared with the native one
#   package   the amd64 and arm64 Debian packages (cpack, lintian), the arm64
#             one installed into a real arm64 Debian 12 root under qemu
#             (scripts/check-package.sh; the root is cached between runs)
# OKR_TEST_STAGES picks stages (default: all of them, in this order).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${OKR_BUILD_DIR:-$top/build-test}
stages=${OKR_TEST_STAGES:-unit asan valgrind fuzz arm64 package}

"$top/scripts/deps.sh" test

for stage in $stages; do
    echo "== okr-kiosk tests: $stage"
    case "$stage" in
    unit)
        "$top/scripts/check-format.sh"
        cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOKR_WERROR=ON >/dev/null
        cmake --build "$build" -j"$(nproc)"
        ctest --test-dir "$build" --output-on-failure -j2
        ;;
    asan) "$top/scripts/check-sanitizers.sh" ;;
    valgrind) "$top/scripts/check-valgrind.sh" ;;
    fuzz) "$top/scripts/fuzz-smoke.sh" ;;
    arm64) "$top/scripts/cross-arm64.sh" ;;
    package) "$top/scripts/check-package.sh" ;;
    *) echo "unknown test stage '$stage'" >&2; exit 2 ;;
    esac
done
echo "== okr-kiosk tests: all stages passed ($stages)"
