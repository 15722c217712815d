# Renderer tests: the software renderer, pixels read back, real system fonts.
# Plus the frame benchmark (a program, not a ctest test).
okr_add_test(test_ring SOURCES test_ring.c LIBS okr_render)
okr_add_test(test_text SOURCES test_text.c render_target.c LIBS okr_render)
# The eviction rule both texture caches share (render/lru.h), without SDL.
okr_add_test(test_lru SOURCES test_lru.c LIBS okr_render)
# Colour emoji and emoji sequences (needs fonts-noto-color-emoji).
okr_add_test(test_emoji SOURCES test_emoji.c render_target.c LIBS okr_render)
okr_add_test(test_render SOURCES test_render.c render_target.c LIBS okr_render)

add_executable(bench_frame bench/bench_frame.c bench/bench_util.c)
target_link_libraries(bench_frame PRIVATE okr_render okr_layout okr_app_core okr_core)
target_compile_definitions(bench_frame PRIVATE OKR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# What a title with colour emoji costs to draw (a program, not a ctest test).
add_executable(bench_emoji bench/bench_emoji.c)
target_link_libraries(bench_emoji PRIVATE okr_render)

# What a viewer can read of the demo's key-result titles: the real layout
# wrapped by the real text cache and fonts.
okr_add_test(test_kr_titles SOURCES test_kr_titles.c render_target.c okr_test_support.c LIBS okr_render okr_layout okr_core)
