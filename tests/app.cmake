# app/ tests: pure modules (cmocka), the real window under Xvfb, and the
# headless screenshot; plus the app benchmarks (programs, not ctest tests).
okr_add_test(test_view_state SOURCES test_view_state.c LIBS okr_app_core)
okr_add_test(test_anim SOURCES test_anim.c LIBS okr_app_core)
okr_add_test(test_header SOURCES test_header.c LIBS okr_app_core)
okr_add_test(test_options SOURCES test_options.c LIBS okr_app_core)
