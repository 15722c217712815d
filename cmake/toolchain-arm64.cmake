# Cross-compile okr-kiosk for 64-bit Raspberry Pi OS (Pi 3/4/5, arm64) on a
# Debian 12 amd64 machine with multiarch: the :arm64 -dev packages install
# next to the native ones, their libraries live in /usr/lib/aarch64-linux-gnu
# and the headers are shared under /usr/include. The sysroot is therefore "/",
# and pkg-config must only see the arm64 .pc files.
#
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-arm64.cmake
#
# Tests run under qemu-user: the arm64 loader is /lib/ld-linux-aarch64.so.1 and
# its libraries are in the multiarch directories, so `-L /` is the right root.
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(OKR_CROSS_TRIPLET aarch64-linux-gnu)
set(OKR_QEMU_NAME qemu-aarch64-static)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-linux-cross.cmake)
