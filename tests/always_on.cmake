# Tests of the always-on pieces: configuration file, screen schedule, burn-in
# shift, display card choice, UI strings, and the systemd units. The modules
# are plain C, so each test builds its module's source directly instead of
# linking the whole app library.
set(OKR_APP_DIR ${PROJECT_SOURCE_DIR}/app)

# name -> module sources (besides tests/<name>.c)
set(OKR_ALWAYS_ON_TESTS
  "test_conf_file:conf_file.c"
  "test_schedule:schedule.c"
  "test_burnin:burnin.c,schedule.c"
  "test_drm_card:drm_card.c"
  "test_i18n:../data/okr_i18n.c")
foreach(okr_ao_entry ${OKR_ALWAYS_ON_TESTS})
  string(REPLACE ":" ";" okr_ao_parts "${okr_ao_entry}")
  list(GET okr_ao_parts 0 okr_ao_name)
  list(GET okr_ao_parts 1 okr_ao_mods)
  string(REPLACE "," ";" okr_ao_mods "${okr_ao_mods}")
  list(TRANSFORM okr_ao_mods PREPEND ${OKR_APP_DIR}/)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${okr_ao_name}.c)
    okr_add_test(${okr_ao_name} SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/${okr_ao_name}.c
                 ${okr_ao_mods} LIBS m)
    target_include_directories(${okr_ao_name} PRIVATE ${OKR_APP_DIR} ${PROJECT_SOURCE_DIR}/data)
  endif()
endforeach()

# systemd-analyze verify on the shipped units (skipped, exit 77, only when
# systemd-analyze is not installed).
if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/test_units.sh AND TARGET okr-kiosk)
  add_test(NAME test_units
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/test_units.sh ${PROJECT_SOURCE_DIR}
                   $<TARGET_FILE:okr-kiosk>)
  set_tests_properties(test_units PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
endif()
