# The Pi's display and TV power: mode choice, schedule -> TV power, DPMS and
# HDMI-CEC against fake devices, DRM hotplug events, the DRM master check and
# --diagnose on fake sysfs trees. Each test builds its module's sources.
set(OKR_POWER_APP ${PROJECT_SOURCE_DIR}/app)

function(okr_power_test name)
  cmake_parse_arguments(P "" "" "MODULES;LIBS" ${ARGN})
  list(TRANSFORM P_MODULES PREPEND ${OKR_POWER_APP}/)
  okr_add_test(${name} SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/${name}.c ${P_MODULES} LIBS ${P_LIBS})
  target_include_directories(${name} PRIVATE ${OKR_POWER_APP})
endfunction()

okr_power_test(test_mode_pick MODULES mode_pick.c)
okr_power_test(test_power MODULES power.c kiosk_tick.c schedule.c burnin.c LIBS m)
# drm_io.c's pure helpers are used, its libdrm calls are not.
okr_power_test(test_dpms MODULES dpms.c drm_io.c LIBS PkgConfig::DRM)
okr_power_test(test_cec MODULES cec.c LIBS okr_core Threads::Threads)
okr_power_test(test_drm_owner MODULES drm_owner.c LIBS okr_core)
# log.c lives in data/ (okr_core).
okr_power_test(test_diagnose MODULES diagnose.c drm_card.c drm_io.c drm_owner.c cec.c
               LIBS okr_core PkgConfig::CJSON PkgConfig::DRM Threads::Threads)
okr_power_test(test_keymap MODULES keymap.c LIBS okr_app_core PkgConfig::SDL2)
okr_power_test(test_drm_watch MODULES drm_watch.c drm_io.c LIBS okr_core PkgConfig::DRM Threads::Threads)

# The real binary's --diagnose under Xvfb and without a desktop (no DRM here).
if(TARGET okr-kiosk)
  add_test(NAME app_diagnose
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/diagnose_test.py $<TARGET_FILE:okr-kiosk>)
  set_tests_properties(app_diagnose PROPERTIES TIMEOUT 120)
endif()
