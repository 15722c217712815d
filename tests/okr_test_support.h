/*
 * okr_test_support: what the feed parsers' tests (test_okr_parse,
 * test_okr_csv) share: a whole file read for a fixture, and the diagnostics
 * printed when an expectation fails. cmocka asserts inside: call them from a
 * test only.
 */
#ifndef OKR_TEST_SUPPORT_H
#define OKR_TEST_SUPPORT_H

#include <stddef.h>

#include "okr_diag.h"

/* The whole file (malloc'd, NUL-terminated; free it) and its length; fails
 * the test when it cannot be read. */
char *okr_test_read_path(const char *path, size_t *len);

/* Every diagnostic in d, one line each, to the test's output. */
void okr_test_print_diags(const OkrDiagList *d);

#endif
