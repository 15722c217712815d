# Shared part of the cross toolchain files (toolchain-arm64.cmake,
# toolchain-armhf.cmake). The including file sets, before including this one:
#   CMAKE_SYSTEM_PROCESSOR  e.g. aarch64
#   OKR_CROSS_TRIPLET       the multiarch triplet, e.g. aarch64-linux-gnu
#   OKR_QEMU_NAME           the qemu-user binary that runs the tests, e.g. qemu-aarch64-static
set(CMAKE_SYSTEM_NAME Linux)

set(CMAKE_C_COMPILER ${OKR_CROSS_TRIPLET}-gcc)

# Multiarch: the target's files sit under / next to the host's.
set(CMAKE_FIND_ROOT_PATH /usr/${OKR_CROSS_TRIPLET} /)
set(CMAKE_LIBRARY_ARCHITECTURE ${OKR_CROSS_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config: only the target's .pc files plus the architecture-independent ones.
# PKG_CONFIG_LIBDIR replaces the default search path (unlike PKG_CONFIG_PATH).
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${OKR_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

find_program(OKR_QEMU ${OKR_QEMU_NAME})
if(OKR_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${OKR_QEMU} -L /)
endif()
