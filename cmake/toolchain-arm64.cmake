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
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(OKR_CROSS_TRIPLET aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${OKR_CROSS_TRIPLET}-gcc)

# Multiarch: the target's files sit under / next to the host's.
set(CMAKE_FIND_ROOT_PATH /usr/${OKR_CROSS_TRIPLET} /)
set(CMAKE_LIBRARY_ARCHITECTURE ${OKR_CROSS_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config: only the arm64 .pc files plus the architecture-independent ones.
# PKG_CONFIG_LIBDIR replaces the default search path (unlike PKG_CONFIG_PATH).
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${OKR_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

find_program(OKR_QEMU qemu-aarch64-static)
if(OKR_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${OKR_QEMU} -L /)
endif()
