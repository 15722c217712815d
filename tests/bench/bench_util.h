/*
 * bench_util: what the benchmark programs share: a growing text buffer to
 * generate feeds in, a clock in milliseconds, medians, and the timed
 * parse + validate + score loop of bench_parse (JSON) and bench_csv (CSV).
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "okr_parse.h"

typedef struct {
    char *data; /* NUL-terminated, malloc'd: free(b.data) */
    size_t len, cap;
} BenchBuf;

/* Appends printf-formatted text, growing the buffer (exits when memory runs
 * out: a benchmark has nothing better to do). */
void bench_put(BenchBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The whole file at path, or data NULL when it cannot be read. */
BenchBuf bench_read_file(const char *path);

/* clock_gettime(id) in milliseconds. */
double bench_clock_ms(clockid_t id);

/* Sorts the n values of t and returns the middle one (t[n / 2]). */
double bench_median(double *t, int n);

/* Parses data into a feed (errors and warnings into diags), as
 * okr_feed_parse does. */
typedef OkrFeed *(*BenchParse)(const char *data, size_t len, const OkrLimits *lim,
                               OkrDiagList *diags);

/* Parses and scores data runs times (up to 64) with up to 1000 objectives and
 * prints one line: bytes, key results, warnings, median/min/max wall time and
 * median CPU time. show_diags: also print the first run's first 3 diagnostics.
 * 0, or -1 when the feed cannot be read (the first error on stderr). */
int bench_feed_run(const char *name, const char *data, size_t len, BenchParse parse, int runs,
                   bool show_diags);

#endif
