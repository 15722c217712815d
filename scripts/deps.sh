#!/bin/sh
# Install the Debian packages okr-kiosk needs that are not installed yet.
# Usage: scripts/deps.sh [run|build|test] [--print|--print-recommends]
#   Each level includes the ones before; --print lists the level's packages
#   and installs nothing; --print-recommends lists the run-time packages the
#   Debian package only recommends.
# Works on Debian 12 and Raspberry Pi OS Bookworm; uses sudo when not root.
set -eu

level=${1:-build}
print=0
[ "${2:-}" = "--print" ] && print=1

# SDL's KMSDRM driver (the Pi's console) opens GBM, EGL (libglvnd + Mesa's
# vendor library), GLES 2 and Mesa's DRI drivers (vc4, v3d) with dlopen;
# libsdl2-2.0-0 depends on none of them, so they are named here (and in the
# Debian package's Depends, cmake/Packaging.cmake).
run_pkgs="libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libcurl4 libcjson1 libdrm2
libegl1 libgles2 libegl-mesa0 libgbm1 libgl1-mesa-dri
fontconfig fonts-inter fonts-dejavu-core fonts-droid-fallback ca-certificates libcsv3 libsqlite3-0"
# Colour emoji in titles and names (10 MiB installed): the Debian package only
# recommends it (the wall works without: an emoji sequence is drawn as its
# base from another font, or as a box); the emoji tests need it.
run_recommends="fonts-noto-color-emoji"
build_pkgs="build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev
libsdl2-image-dev libcurl4-openssl-dev libcjson-dev libfontconfig-dev libdrm-dev libcsv-dev
libsqlite3-dev"
# The package stage (scripts/check-package.sh): dpkg-dev (dpkg-shlibdeps for
# cpack), lintian, debootstrap and qemu-user-static for the arm64 root, file.
test_pkgs="libcmocka-dev python3 openssl xvfb xauth xdotool valgrind clang clang-format libclang-rt-14-dev systemd
libgl1 libglx-mesa0 libgl1-mesa-dri
dpkg-dev lintian debootstrap qemu-user-static file"

case "$level" in
run) want="$run_pkgs $run_recommends" ;;
build) want="$run_pkgs $run_recommends $build_pkgs" ;;
test) want="$run_pkgs $run_recommends $build_pkgs $test_pkgs" ;;
*) echo "usage: $0 [run|build|test] [--print|--print-recommends]" >&2; exit 2 ;;
esac
if [ "${2:-}" = "--print-recommends" ]; then
    # shellcheck disable=SC2086
    printf '%s\n' $run_recommends
    exit 0
fi
if [ "$print" -eq 1 ]; then
    # shellcheck disable=SC2086
    printf '%s\n' $want
    exit 0
fi

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "okr-kiosk: these packages are missing and neither root nor sudo is available:$missing" >&2
    exit 1
fi

echo "okr-kiosk: installing$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
