/*
 * bench_util: see bench_util.h.
 */
#include "bench_util.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "okr_score.h"

void bench_put(BenchBuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n =
            vsnprintf(b->data ? b->data + b->len : NULL, b->data ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n >= 0 && b->data && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap * 2 + (size_t)(n > 0 ? n : 0) + 1;
        char *d = realloc(b->data, cap);
        if (!d) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
        b->data = d;
        b->cap = cap;
    }
}

BenchBuf bench_read_file(const char *path)
{
    BenchBuf b = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return b;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bench_put(&b, "%.*s", (int)n, chunk);
    fclose(f);
    return b;
}

double bench_clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof(*t), cmp_double);
    return t[n / 2];
}

int bench_feed_run(const char *name, const char *data, size_t len, BenchParse parse, int runs,
                   bool show_diags)
{
    OkrLimits lim = okr_limits_default();
    lim.max_objectives = 1000;
    OkrScoreConfig cfg = okr_score_config_default();
    double times[64], cpu[64];
    size_t n_krs = 0, warnings = 0;
    if (runs > 64)
        runs = 64;
    for (int r = 0; r < runs; r++) {
        OkrDiagList diags = OKR_DIAG_LIST_INIT;
        double t0 = bench_clock_ms(CLOCK_MONOTONIC), c0 = bench_clock_ms(CLOCK_THREAD_CPUTIME_ID);
        OkrFeed *feed = parse(data, len, &lim, &diags);
        if (feed)
            okr_score_feed(feed, &cfg, 1795681800); /* 2026-11-26T08:30:00Z */
        times[r] = bench_clock_ms(CLOCK_MONOTONIC) - t0;
        cpu[r] = bench_clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
        if (!feed) {
            fprintf(stderr, "%s: %s\n", name, okr_diag_first(&diags)->message);
            okr_diag_list_free(&diags);
            return -1;
        }
        n_krs = 0;
        for (size_t i = 0; i < feed->n_objectives; i++)
            n_krs += feed->objectives[i].n_key_results;
        warnings = diags.n_warnings;
        if (show_diags && r == 0)
            for (size_t i = 0; i < diags.count && i < 3; i++)
                printf("  %s: %s: %s\n", name, diags.items[i].path, diags.items[i].message);
        okr_feed_free(feed);
        okr_diag_list_free(&diags);
    }
    double med = bench_median(times, runs);
    printf("%-12s %8zu bytes %6zu KRs %3zu warnings  median %7.3f ms wall (min %.3f, max %.3f), "
           "%7.3f ms cpu\n",
           name, len, n_krs, warnings, med, times[0], times[runs - 1], bench_median(cpu, runs));
    return 0;
}
