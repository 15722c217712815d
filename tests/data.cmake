# Tests and benchmark of the data core (okr_core: model, parse, score, report).
okr_add_test(test_okr_score SOURCES test_okr_score.c LIBS okr_core)
okr_add_test(test_okr_parse SOURCES test_okr_parse.c LIBS okr_core)
okr_add_test(test_okr_report SOURCES test_okr_report.c LIBS okr_core)

# Not a ctest test: run it by hand, it prints median timings.
add_executable(bench_parse bench/bench_parse.c)
target_link_libraries(bench_parse PRIVATE okr_core)
target_compile_definitions(bench_parse PRIVATE OKR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
