# What `cmake --install` puts where, and the Debian package CPack makes of it:
#
#   cmake -S . -B build -DCMAKE_INSTALL_PREFIX=/usr && cmake --build build
#   (cd build && cpack)        ->  build/okr-kiosk_VERSION_ARCH.deb
#
# The same works in a cross build (cmake/toolchain-arm64.cmake): the package's
# architecture follows the target, and dpkg-shlibdeps reads the :arm64
# libraries that the cross build links against (scripts/check-package.sh).
#
# Depends = what dpkg-shlibdeps finds in the binary (SDL2, SDL2_ttf,
# SDL2_image, libcurl, cJSON, fontconfig, libc) + OKR_DEB_RUNTIME_DEPENDS:
# the libraries SDL's KMSDRM driver loads at run time with dlopen, which no
# ELF dependency names (libsdl2-2.0-0 itself does not depend on them), the
# fonts the kiosk looks for through fontconfig, and the CA certificates for
# HTTPS feeds. scripts/deps.sh's "run" level lists the same packages.
#
# Recommends = OKR_DEB_RUNTIME_RECOMMENDS: the colour emoji font (10 MiB
# installed). Titles with emoji need it to show them; the wall works without
# it (an emoji sequence falls back to its base glyph from another font), so
# it is no Depends: `apt install` brings recommends by default, a minimal
# image made with --no-install-recommends can leave it out.
include_guard(GLOBAL)

# --- Files --------------------------------------------------------------------
# Compressed the way Debian ships them (gzip -9n: no name, no time stamp).
set(OKR_PKG_DIR ${PROJECT_BINARY_DIR}/pkg)
set(OKR_DEB_MAINTAINER "okr-kiosk maintainers <okr-kiosk@example.org>" CACHE STRING
    "Maintainer field of the Debian package and its changelog")
set(OKR_DEB_VERSION ${PROJECT_VERSION})
string(TIMESTAMP OKR_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC) # honours SOURCE_DATE_EPOCH
configure_file(${PROJECT_SOURCE_DIR}/assets/debian/changelog.in ${OKR_PKG_DIR}/changelog @ONLY)

add_custom_command(
  OUTPUT ${OKR_PKG_DIR}/okr-kiosk.1.gz ${OKR_PKG_DIR}/changelog.gz
  COMMAND sh -c "gzip -9n -c '${PROJECT_SOURCE_DIR}/docs/okr-kiosk.1' > okr-kiosk.1.gz"
  COMMAND sh -c "gzip -9n -c changelog > changelog.gz"
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/okr-kiosk.1 ${OKR_PKG_DIR}/changelog
  WORKING_DIRECTORY ${OKR_PKG_DIR}
  COMMENT "Compressing the man page and the package changelog"
  VERBATIM)
add_custom_target(okr_pkg_docs ALL DEPENDS ${OKR_PKG_DIR}/okr-kiosk.1.gz ${OKR_PKG_DIR}/changelog.gz)

install(FILES assets/demo-feed.json assets/okr-template.csv assets/okr-vorlage.csv
        DESTINATION ${CMAKE_INSTALL_DATADIR}/okr-kiosk)
install(FILES assets/okr-kiosk.service DESTINATION lib/systemd/system)
install(FILES assets/okr-kiosk-user.service
        DESTINATION lib/systemd/user RENAME okr-kiosk.service)
install(FILES assets/okr-kiosk.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${OKR_PKG_DIR}/okr-kiosk.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES assets/okr-kiosk.conf.example docs/feed-format.md docs/spreadsheets.md
              docs/raspberry-pi.md assets/debian/copyright ${OKR_PKG_DIR}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# /etc/okr-kiosk.conf (everything commented out: the demo feed) when the
# prefix is /usr, never over an existing file: a `sudo cmake --install` keeps
# the wall's settings. In the package it is a conffile, so dpkg keeps local
# edits on upgrade as well.
if(CMAKE_INSTALL_FULL_SYSCONFDIR STREQUAL "/etc")
  install(CODE "
    if(NOT EXISTS \"\$ENV{DESTDIR}/etc/okr-kiosk.conf\")
      file(INSTALL DESTINATION /etc TYPE FILE RENAME okr-kiosk.conf
           FILES \"${PROJECT_SOURCE_DIR}/assets/okr-kiosk.conf.example\")
    else()
      message(STATUS \"Keeping: \$ENV{DESTDIR}/etc/okr-kiosk.conf\")
    endif()")
endif()

# --- The Debian package ---------------------------------------------------------
# Run-time packages no ELF dependency names (see the top of this file).
set(OKR_DEB_KMSDRM_DEPENDS "libegl1, libgles2, libegl-mesa0, libgbm1, libgl1-mesa-dri")
set(OKR_DEB_RUNTIME_DEPENDS
    "${OKR_DEB_KMSDRM_DEPENDS}, fontconfig, fonts-inter, fonts-dejavu-core, fonts-droid-fallback, ca-certificates, adduser")
set(OKR_DEB_RUNTIME_RECOMMENDS "fonts-noto-color-emoji")

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  set(OKR_DEB_ARCH arm64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(arm|armv7.*|armhf)$")
  set(OKR_DEB_ARCH armhf)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|amd64|AMD64)$")
  set(OKR_DEB_ARCH amd64)
else()
  execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE OKR_DEB_ARCH
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()

file(MAKE_DIRECTORY ${OKR_PKG_DIR}/control)
foreach(script postinst prerm postrm)
  file(COPY ${PROJECT_SOURCE_DIR}/assets/debian/${script} DESTINATION ${OKR_PKG_DIR}/control
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                        WORLD_READ WORLD_EXECUTE)
endforeach()
file(WRITE ${OKR_PKG_DIR}/control/conffiles "/etc/okr-kiosk.conf\n")

# Read by cpack when it runs: a cross build's dpkg-shlibdeps must look up the
# target's libraries (/usr/lib/aarch64-linux-gnu, the :arm64 packages' shlibs)
# with the target's objdump, which DEB_HOST_ARCH selects. A package of a build
# whose prefix is not /usr would look for its demo feed in the wrong place.
file(WRITE ${OKR_PKG_DIR}/cpack-config.cmake "
if(CPACK_GENERATOR STREQUAL \"DEB\")
  if(NOT \"${CMAKE_INSTALL_PREFIX}\" STREQUAL \"/usr\")
    message(FATAL_ERROR \"okr-kiosk: a Debian package needs a build configured with -DCMAKE_INSTALL_PREFIX=/usr (this one: ${CMAKE_INSTALL_PREFIX})\")
  endif()
  set(ENV{DEB_HOST_ARCH} \"${OKR_DEB_ARCH}\")
endif()
")

set(CPACK_GENERATOR DEB)
set(CPACK_PROJECT_CONFIG_FILE ${OKR_PKG_DIR}/cpack-config.cmake)
set(CPACK_PACKAGE_NAME okr-kiosk)
set(CPACK_PACKAGE_VENDOR "okr-kiosk")
set(CPACK_PACKAGE_CONTACT "${OKR_DEB_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${OKR_DEB_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "OKR wall for an office TV or a Raspberry Pi")
set(CPACK_PACKAGE_DESCRIPTION
    "okr-kiosk polls an OKR feed (JSON over HTTP(S), or a local file) and draws\n\
animated progress rings for every objective and key result, fullscreen on\n\
a desktop or straight to the screen through KMS on a Raspberry Pi without\n\
one. The arrow keys, a presenter clicker or the TV remote zoom into one\n\
objective or team. The last good data stays up when the network drops.\n\
\n\
The package holds the program, its man page, a demo feed, systemd units for\n\
the console (tty1) and for a desktop session, and /etc/okr-kiosk.conf.")
set(CPACK_SET_DESTDIR ON) # /etc/okr-kiosk.conf is outside the prefix
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # okr-kiosk_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${OKR_DEB_ARCH})
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${OKR_DEB_RUNTIME_DEPENDS}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "${OKR_DEB_RUNTIME_RECOMMENDS}")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${OKR_PKG_DIR}/control/postinst ${OKR_PKG_DIR}/control/prerm
    ${OKR_PKG_DIR}/control/postrm ${OKR_PKG_DIR}/control/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
