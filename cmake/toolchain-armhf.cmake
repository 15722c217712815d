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
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(OKR_CROSS_TRIPLET arm-linux-gnueabihf)

set(CMAKE_C_COMPILER ${OKR_CROSS_TRIPLET}-gcc)

# Multiarch: the target's files sit under / next to the host's.
set(CMAKE_FIND_ROOT_PATH /usr/${OKR_CROSS_TRIPLET} /)
set(CMAKE_LIBRARY_ARCHITECTURE ${OKR_CROSS_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config: only the armhf .pc files plus the architecture-independent ones.
# PKG_CONFIG_LIBDIR replaces the default search path (unlike PKG_CONFIG_PATH).
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${OKR_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

find_program(OKR_QEMU qemu-arm-static)
if(OKR_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${OKR_QEMU} -L /)
endif()
