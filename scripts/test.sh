#!/bin/sh
# Install what is missing, build everything with warnings as errors, and run
# the whole test suite with ctest.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${OKR_BUILD_DIR:-$top/build-test}
"$top/scripts/deps.sh" test
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOKR_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j2
