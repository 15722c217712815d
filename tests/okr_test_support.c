/*
 * okr_test_support: see okr_test_support.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "okr_test_support.h"

char *okr_test_read_path(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

void okr_test_print_diags(const OkrDiagList *d)
{
    for (size_t i = 0; i < d->count; i++)
        print_message("  %s: %s: %s\n", d->items[i].level ? "error" : "warning", d->items[i].path,
                      d->items[i].message);
}
