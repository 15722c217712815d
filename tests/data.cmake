# Tests and benchmark of the data core (okr_core: model, parse, score, report).
set(_okr_dir ${CMAKE_CURRENT_LIST_DIR})
okr_add_test(test_okr_score SOURCES ${_okr_dir}/test_okr_score.c LIBS okr_core)
okr_add_test(test_okr_parse SOURCES ${_okr_dir}/test_okr_parse.c ${_okr_dir}/okr_test_support.c LIBS okr_core Threads::Threads)
okr_add_test(test_okr_report SOURCES ${_okr_dir}/test_okr_report.c LIBS okr_core)
okr_add_test(test_okr_util SOURCES ${_okr_dir}/test_okr_util.c LIBS okr_core)
okr_add_test(test_okr_csv SOURCES ${_okr_dir}/test_okr_csv.c ${_okr_dir}/okr_test_support.c LIBS okr_core)
okr_add_test(test_okr_format SOURCES ${_okr_dir}/test_okr_format.c LIBS okr_core)
okr_add_test(test_okr_delta SOURCES ${_okr_dir}/test_okr_delta.c LIBS okr_core)

# Not a ctest test: run build/tests/bench_parse by hand, it prints median timings.
add_executable(bench_parse ${_okr_dir}/bench/bench_parse.c ${_okr_dir}/bench/bench_util.c)
target_link_libraries(bench_parse PRIVATE okr_core)
target_compile_definitions(bench_parse PRIVATE OKR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# Not a ctest test either: build/tests/bench_csv prints median timings of CSV feeds.
add_executable(bench_csv ${_okr_dir}/bench/bench_csv.c ${_okr_dir}/bench/bench_util.c)
target_link_libraries(bench_csv PRIVATE okr_core)
okr_add_test(test_history SOURCES ${_okr_dir}/test_history.c LIBS okr_history)
# The history under SIGKILL, a full disk, a read-only mount and a lock
# (tests/test_history_faults.c); the mounts need root and skip without it.
okr_add_test(test_history_faults SOURCES ${_okr_dir}/test_history_faults.c LIBS okr_app)
set_tests_properties(test_history_faults PROPERTIES TIMEOUT 300)

# Not a ctest test: build/tests/bench_history prints the history's costs
# (record time, deltas over a week / quarter / year, bytes written per day).
add_executable(bench_history ${_okr_dir}/bench/bench_history.c)
target_link_libraries(bench_history PRIVATE okr_history m)
