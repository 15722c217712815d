# Layout tests: pure, no window. Built against the real parser and scorer so
# the bundled demo feed is checked too.
okr_add_test(test_layout SOURCES test_layout.c okr_test_support.c layout_test_support.c LIBS okr_layout okr_core m)

# Layout timing (a program, not a test): bench_layout [runs]
add_executable(bench_layout bench/bench_layout.c)
target_link_libraries(bench_layout PRIVATE okr_layout okr_core)
target_compile_definitions(bench_layout PRIVATE OKR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# Change marks since the last standup, on the demo feed with a made history.
okr_add_test(test_layout_changes SOURCES test_layout_changes.c okr_test_support.c layout_test_support.c LIBS okr_layout okr_core m)

# The focus view's trend lines, on a hand-made feed and history.
okr_add_test(test_layout_trend SOURCES test_layout_trend.c LIBS okr_layout okr_core m)
