# Cross-compile okr-kiosk for 32-bit Raspberry Pi OS (Pi 1/2/3/Zero, armhf) on a
# Debian 12 amd64 machine with multiarch: the :armhf -dev packages install
# next to the native ones, their libraries live in /usr/lib/arm-linux-gnueabihf
# and the headers are shared under /usr/include. The sysroot is therefore "/",
# and pkg-config must only see the armhf .pc files.
#
#   cmake -S . -B build-armhf -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-armhf.cmake
#
# Tests run under qemu-user: the armhf loader is /lib/ld-linux-armhf.so.3 and
# its libraries are in the multiarch directories, so `-L /` is the right root.
set(CMAKE_SYSTEM_PROCESSOR arm)
set(OKR_CROSS_TRIPLET arm-linux-gnueabihf)
set(OKR_QEMU_NAME qemu-arm-static)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-linux-cross.cmake)
