#!/bin/sh
# Cross-build okr-kiosk for the Raspberry Pi's arm64 (Pi OS 64-bit) on a Debian 12
# amd64 machine, run the pure test programs under qemu-user, and check that the
# arm64 binary renders the demo feed like the native one.
#
# Usage: scripts/cross-arm64.sh [--no-install] [--no-screenshot]
#   OKR_ARM64_BUILD_DIR   arm64 build directory   (default: build-arm64)
#   OKR_NATIVE_BUILD_DIR  native build directory  (default: build-native)
#   OKR_CROSS_TESTS       ctest -R regex of the tests to run under qemu
#   OKR_SHOT_TOLERANCE    max. mean absolute channel difference (default 1.0)
#
# Multiarch does the heavy lifting: `dpkg --add-architecture arm64` lets the
# :arm64 -dev packages install next to the native ones (same headers, libraries
# in /usr/lib/aarch64-linux-gnu), so no separate sysroot is needed, and
# qemu-aarch64-static -L / finds the arm64 loader and libraries in place.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${OKR_ARM64_BUILD_DIR:-$top/build-arm64}
native=${OKR_NATIVE_BUILD_DIR:-$top/build-native}
tests=${OKR_CROSS_TESTS:-^(test_okr|test_feed|test_parse|test_score|test_model|test_layout|test_schedule|test_burnin|test_drm_card|test_i18n|test_conf_file)}
tolerance=${OKR_SHOT_TOLERANCE:-1.0}
install=1
screenshot=1
for arg in "$@"; do
    case "$arg" in
    --no-install) install=0 ;;
    --no-screenshot) screenshot=0 ;;
    *) echo "usage: $0 [--no-install] [--no-screenshot]" >&2; exit 2 ;;
    esac
done

now() { date +%s; }
step_start=$(now)
step() {
    t=$(now)
    echo "cross-arm64: $1 (previous step took $((t - step_start)) s)"
    step_start=$t
}
total_start=$step_start

if [ "$install" -eq 1 ]; then
    step "installing the cross compiler, qemu and the :arm64 libraries"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo dpkg --add-architecture arm64
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static \
        libsdl2-dev:arm64 libsdl2-ttf-dev:arm64 libsdl2-image-dev:arm64 \
        libcurl4-openssl-dev:arm64 libcjson-dev:arm64 libfontconfig-dev:arm64 \
        libcmocka-dev:arm64
fi

step "configuring $build"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_TOOLCHAIN_FILE="$top/cmake/toolchain-arm64.cmake" >/dev/null

step "building for arm64"
cmake --build "$build" -j2
file "$build/app/okr-kiosk" 2>/dev/null || true

step "running the pure test programs under qemu-aarch64"
# ctest runs them through CMAKE_CROSSCOMPILING_EMULATOR (qemu-aarch64-static -L /).
ctest --test-dir "$build" --output-on-failure -j2 -R "$tests"

if [ "$screenshot" -eq 1 ]; then
    step "rendering the demo feed with the native and the arm64 binary"
    if [ ! -x "$native/app/okr-kiosk" ]; then
        cmake -S "$top" -B "$native" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOKR_BUILD_TESTS=OFF >/dev/null
        cmake --build "$native" -j2 --target okr-kiosk
    fi
    shot_args="--feed $top/assets/demo-feed.json --size 1920x1080 --now 2026-05-14T09:30:00Z"
    out=$build/shots
    mkdir -p "$out"
    # shellcheck disable=SC2086
    SDL_VIDEODRIVER=dummy "$native/app/okr-kiosk" $shot_args --screenshot "$out/native.png"
    # shellcheck disable=SC2086
    SDL_VIDEODRIVER=dummy qemu-aarch64-static -L / "$build/app/okr-kiosk" $shot_args \
        --screenshot "$out/arm64.png"
    python3 "$top/tests/png_compare.py" --tolerance "$tolerance" \
        "$out/native.png" "$out/arm64.png"
fi

step "done"
echo "cross-arm64: total $(( $(now) - total_start )) s"
