# The fault table (tests/test_faults.c): the real feed source against a real
# HTTP server process on 127.0.0.1 and real files, each result applied
# through app/feed_state.c as the wall applies it. Plus the soak program and
# its shortened ctest form.
okr_add_test(test_faults
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_faults.c
          ${CMAKE_CURRENT_LIST_DIR}/feed_test_support.c
          ${PROJECT_SOURCE_DIR}/app/feed_state.c
  LIBS okr_app_core okr_feed)
target_include_directories(test_faults PRIVATE ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(test_faults PROPERTIES TIMEOUT 240 SKIP_RETURN_CODE 77)

# The soak (tests/bench/soak.c, docs/soak.md): feed refreshes through the real
# file source, feed_state, the scene layout and the software renderer at
# 1920x1080; memory, descriptors and threads must not grow. ctest runs the
# short form (1,000 refreshes, measured from 100); the full run is
# `soak` (10,000, from 1,000).
add_executable(soak ${CMAKE_CURRENT_LIST_DIR}/bench/soak.c)
target_link_libraries(soak PRIVATE okr_app)
add_test(NAME soak_short COMMAND soak 1000 100)
set_tests_properties(soak_short PROPERTIES TIMEOUT 600)
