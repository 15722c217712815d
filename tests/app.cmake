# app/ tests: pure modules (cmocka), the real window under Xvfb, and the
# headless screenshot; plus the app benchmarks (programs, not ctest tests).
okr_add_test(test_view_state SOURCES test_view_state.c LIBS okr_app_core)
okr_add_test(test_anim SOURCES test_anim.c LIBS okr_app_core)
okr_add_test(test_standup SOURCES test_standup.c LIBS okr_app_core)
okr_add_test(test_header SOURCES test_header.c LIBS okr_app_core)
okr_add_test(test_options SOURCES test_options.c LIBS okr_app_core)
okr_add_test(test_render_choice SOURCES test_render_choice.c LIBS okr_app_core)

# The real binary: keys and idle redraws in a real X server, and a headless
# screenshot with DISPLAY unset.
add_test(NAME app_window
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/window_test.py window
                 $<TARGET_FILE:okr-kiosk>)
# The same through OpenGL (Mesa's llvmpipe where there is no GPU).
add_test(NAME app_window_gpu
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/window_test.py window
                 $<TARGET_FILE:okr-kiosk> --renderer gpu)
# Every view through OpenGL (llvmpipe under an Xvfb of its own) with a Pi 3's
# 2048 texture limit, compared with the software screenshots.
add_test(NAME app_gpu_compare
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/gpu_compare_test.py
                 $<TARGET_FILE:okr-kiosk> ${PROJECT_SOURCE_DIR}/assets/demo-feed.json
                 ${OKR_TEST_DATA}/feed-long-titles.json ${CMAKE_CURRENT_BINARY_DIR}/gpu-compare)
set_tests_properties(app_gpu_compare PROPERTIES TIMEOUT 900)
add_test(NAME app_screenshot
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/window_test.py screenshot
                 $<TARGET_FILE:okr-kiosk> ${PROJECT_SOURCE_DIR}/assets/demo-feed.json
                 ${CMAKE_CURRENT_BINARY_DIR}/app-screenshots)
# F on X11 without a window manager (xinit on a kiosk PC), both renderers.
add_test(NAME app_fullscreen_no_wm
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/window_test.py fullscreen
                 $<TARGET_FILE:okr-kiosk>)
add_test(NAME app_fullscreen_no_wm_gpu
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/window_test.py fullscreen
                 $<TARGET_FILE:okr-kiosk> --renderer gpu)
set_tests_properties(app_window app_window_gpu app_screenshot app_fullscreen_no_wm app_fullscreen_no_wm_gpu
                     PROPERTIES TIMEOUT 120)

# Benchmarks (run by hand: tests/bench/bench_idle.py, bench_mem.py,
# bench_startup.py). The bare window is the memory baseline.
add_executable(bench_app_bare_window bench/bench_app_bare_window.c)
target_link_libraries(bench_app_bare_window PRIVATE PkgConfig::SDL2)

# Always-on wiring: settings precedence, the loop's always-on decisions over
# a simulated day, and the input wake-up thread.
okr_add_test(test_config_precedence SOURCES test_config_precedence.c LIBS okr_app_core)
okr_add_test(test_day_sim SOURCES test_day_sim.c LIBS okr_app_core)
# The loop's decisions (dirty flags, deadlines, rotation, schedule) with a fake clock.
okr_add_test(test_loop_core SOURCES test_loop_core.c LIBS okr_app_core)
okr_add_test(test_input_watch SOURCES test_input_watch.c ${PROJECT_SOURCE_DIR}/app/input_watch.c
             LIBS okr_core Threads::Threads)
target_include_directories(test_input_watch PRIVATE ${PROJECT_SOURCE_DIR}/app)

# The always-on behaviour of the real binary on the dummy video driver:
# schedule blanking, SIGHUP reload (good and bad files), SIGTERM, no token in
# the log.
add_test(NAME app_always_on
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/window_test.py always-on
                 $<TARGET_FILE:okr-kiosk>)
set_tests_properties(app_always_on PROPERTIES TIMEOUT 60)

# Memory after a simulated week of refreshes (run by hand: build-*/tests/bench_week).
add_executable(bench_week bench/bench_week.c)
target_link_libraries(bench_week PRIVATE okr_app)

# The layout's own words and numbers in German (LayoutInput.lang).
okr_add_test(test_layout_i18n SOURCES test_layout_i18n.c LIBS okr_layout okr_core m)

# The bearer token never appears in --check output, logs, screenshots' logs,
# the cache or crash output (a real server on 127.0.0.1).
add_test(NAME app_secrets
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/secrets_test.py
                 $<TARGET_FILE:okr-kiosk>)
set_tests_properties(app_secrets PROPERTIES TIMEOUT 120)

# The history from the command line: --check --record / --json, --history-export.
add_test(NAME app_history_cli
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/history_cli_test.py $<TARGET_FILE:okr-kiosk>)
set_tests_properties(app_history_cli PROPERTIES TIMEOUT 120)
