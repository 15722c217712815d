/*
 * okr_test_support: what the feed parsers' tests (test_okr_parse,
 * test_okr_csv) and the layout tests share: a whole file read for a fixture,
 * the diagnostics printed when an expectation fails, and the bundled demo
 * feed as the layout tests see it. cmocka asserts inside: call them from a
 * test only.
 */
#ifndef OKR_TEST_SUPPORT_H
#define OKR_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "okr_diag.h"
#include "okr_model.h"

/* The whole file (malloc'd, NUL-terminated; free it) and its length; fails
 * the test when it cannot be read. */
char *okr_test_read_path(const char *path, size_t *len);

/* Every diagnostic in d, one line each, to the test's output. */
void okr_test_print_diags(const OkrDiagList *d);

/* assets/demo-feed.json parsed with the default limits and scored two thirds
 * into its period, the moment written to *now (when not NULL). Free it with
 * okr_feed_free. */
OkrFeed *okr_test_demo_feed(int64_t *now);

#endif
