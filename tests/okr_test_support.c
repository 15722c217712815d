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

#include "okr_parse.h"
#include "okr_score.h"
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

OkrFeed *okr_test_demo_feed(int64_t *now)
{
    size_t len;
    char *buf = okr_test_read_path(OKR_SOURCE_DIR "/assets/demo-feed.json", &len);
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    OkrLimits lim = okr_limits_default();
    OkrScoreConfig cfg = okr_score_config_default();
    OkrFeed *f = okr_feed_parse(buf, len, &lim, &diags);
    free(buf);
    okr_diag_list_free(&diags);
    assert_non_null(f);
    assert_true(f->has_period);
    int64_t at = f->period_start + (f->period_end - f->period_start) * 2 / 3;
    okr_score_feed(f, &cfg, at);
    if (now)
        *now = at;
    return f;
}
