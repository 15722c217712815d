#!/bin/sh
# Cross-build okr-kiosk for the Raspberry Pi's arm64 (Pi OS 64-bit) on a Debian 12
# amd64 machine, run the pure test programs under qemu-user, and check that the
# arm64 binary renders the demo feed like the native one.
#
# Usage: scripts/cross-arm64.sh [--no-install] [--no-tests] [--no-screenshot]
#   --no-tests            build only (scripts/check-package.sh packages the result)
#   OKR_ARM64_BUILD_DIR   arm64 build directory   (default: build-arm64)
#   OKR_NATIVE_BUILD_DIR  native build directory  (default: build-native)
#   OKR_CROSS_TESTS       ctest -R regex of the tests to run under qemu
#   OKR_SHOT_NOW          the fixed clock for the screenshots
#
# Multiarch does the heavy lifting: `dpkg --add-architecture arm64` lets the
# :arm64 -dev packages install next to the native ones (same headers, libraries
# in /usr/lib/aarch64-linux-gnu), so no separate sysroot is needed, and
# qemu-aarch64-static -L / finds the arm64 loader and libraries in place.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${OKR_ARM64_BUILD_DIR:-$top/build-arm64}
native=${OKR_NATIVE_BUILD_DIR:-$top/build-native}
tests=${OKR_CROSS_TESTS:-^test_(okr_.*|feed_.*|layout.*|view_state|anim|header|options|schedule|burnin|drm_card|i18n|conf_file)$}
shot_now=${OKR_SHOT_NOW:-2026-11-26T09:30:00Z}
install=1
run_tests=1
screenshot=1
for arg in "$@"; do
    case "$arg" in
    --no-install) install=0 ;;
    --no-tests) run_tests=0 ;;
    --no-screenshot) screenshot=0 ;;
    *) echo "usage: $0 [--no-install] [--no-tests] [--no-screenshot]" >&2; exit 2 ;;
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
        libcurl4-openssl-dev:arm64 libcjson-dev:arm64 libfontconfig-dev:arm64 libdrm-dev:arm64 libcsv-dev:arm64 libsqlite3-dev:arm64 \
        libcmocka-dev:arm64
fi

step "configuring $build"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
    -DCMAKE_TOOLCHAIN_FILE="$top/cmake/toolchain-arm64.cmake" >/dev/null

step "building for arm64"
cmake --build "$build" -j2
file "$build/app/okr-kiosk" 2>/dev/null || true

if [ "$run_tests" -eq 1 ]; then
    step "running the pure test programs under qemu-aarch64"
    # ctest runs them through CMAKE_CROSSCOMPILING_EMULATOR (qemu-aarch64-static -L /).
    ctest --test-dir "$build" --output-on-failure -j2 -R "$tests"
fi

if [ "$screenshot" -eq 1 ]; then
    step "rendering the demo feed with the native and the arm64 binary"
    cmake -S "$top" -B "$native" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOKR_BUILD_TESTS=OFF \
        -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
    cmake --build "$native" -j2 --target okr-kiosk
    out=$build/shots
    mkdir -p "$out"
    status=0
    # name size view: the overview in landscape and portrait, and a focus view.
    for shot in "overview 1920x1080 overview" "portrait 1080x1920 overview" \
                "focus 1920x1080 objective:1"; do
        # shellcheck disable=SC2086
        set -- $shot
        args="--feed $top/assets/demo-feed.json --size $2 --view $3 --now $shot_now"
        # shellcheck disable=SC2086
        SDL_VIDEODRIVER=dummy "$native/app/okr-kiosk" $args --screenshot "$out/$1-native.png"
        # shellcheck disable=SC2086
        SDL_VIDEODRIVER=dummy qemu-aarch64-static -L / "$build/app/okr-kiosk" $args \
            --screenshot "$out/$1-arm64.png"
        printf '%s: ' "$1"
        python3 "$top/tests/png_compare.py" "$out/$1-native.png" "$out/$1-arm64.png" ||
            status=1
    done
    if [ "$status" -ne 0 ]; then
        echo "cross-arm64: the arm64 pictures differ from the native ones (see $out)" >&2
        exit 1
    fi
fi

step "done"
echo "cross-arm64: total $(( $(now) - total_start )) s"
