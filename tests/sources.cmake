# Feed source tests: the poll schedule (pure), HTTP against a real server
# process (tests/http_server.py), local files on disk, and the on-disk cache.
set(FEED_TEST_SUPPORT ${CMAKE_CURRENT_LIST_DIR}/feed_test_support.c)

okr_add_test(test_feed_delay SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_feed_delay.c LIBS okr_feed)
okr_add_test(test_feed_result SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_feed_result.c LIBS okr_feed)
foreach(t test_feed_http test_feed_file test_feed_cache test_feed_sheet)
  okr_add_test(${t} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${t}.c ${FEED_TEST_SUPPORT} LIBS okr_feed)
  target_include_directories(${t} PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  set_tests_properties(${t} PROPERTIES TIMEOUT 120)
endforeach()
