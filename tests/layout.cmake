# Layout tests: pure, no window. Built against the real parser and scorer so
# the bundled demo feed is checked too.
okr_add_test(test_layout SOURCES test_layout.c LIBS okr_layout okr_core m)
