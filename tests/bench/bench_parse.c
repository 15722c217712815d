/*
 * bench_parse: how long parse + validate + score takes for feeds of about
 * 1, 2 and 4 MB (100, 200 and 400 objectives of 20 key results, ~500 bytes
 * each) and for the bundled demo feed. Prints the median of 21 runs each, as
 * wall-clock time and as this thread's CPU time (steadier on a busy machine).
 *
 * The 1 MB feed stays within the default limits (100 objectives, 25 key
 * results each); the 2 and 4 MB feeds raise the objective limit so every
 * size does the same work per key result and linearity is visible.
 * Target: <= 10 ms for 1 MB on a Raspberry-Pi-class or better machine.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "okr_parse.h"
#include "okr_score.h"

#define RUNS 21
#define KRS_PER_OBJECTIVE 20

typedef struct {
    char *data;
    size_t len, cap;
} Buf;

static void put(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(Buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap * 2 + (size_t)n + 1;
        char *d = realloc(b->data, cap);
        if (!d) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
        b->data = d;
        b->cap = cap;
    }
}

static Buf generate(int objectives)
{
    Buf b = {0};
    put(&b,
        "{\"version\": 1, \"title\": \"Generated OKRs\", "
        "\"period\": {\"label\": \"Q4 2026\", \"start\": \"2026-10-01\", \"end\": \"2026-12-31\"}, "
        "\"updated_at\": \"2026-11-26T08:30:00Z\", \"objectives\": [\n");
    for (int o = 0; o < objectives; o++) {
        put(&b,
            "%s{\"id\": \"obj-%04d\", \"title\": \"Build a new demand generation channel number %d\", "
            "\"owner\": \"Anna Lindqvist\", \"team\": \"Team %d\", \"weight\": 1, \"progress\": null, "
            "\"status\": null, \"key_results\": [\n",
            o ? ",\n" : "", o, o, o % 7);
        for (int k = 0; k < KRS_PER_OBJECTIVE; k++) {
            int falling = k % 5 == 4;
            put(&b,
                "%s  {\"id\": \"kr-%04d-%02d\", \"title\": \"Increase MQLs attributed to inbound "
                "marketing from %d to %d in the partner channel\", \"start\": %d, \"current\": %.2f, "
                "\"target\": %d, \"unit\": \"MQLs\", \"direction\": \"%s\", \"weight\": %d, "
                "\"owner\": \"Ben Okafor\", \"confidence\": 0.%d, \"status\": null, "
                "\"updated_at\": \"2026-11-%02dT10:15:00Z\", \"note\": \"Weekly numbers come from "
                "the CRM export every Monday morning; see the funnel dashboard for the breakdown by source, "
                "campaign and region, and ask Ben before changing the target.\"}",
                k ? ",\n" : "", o, k, 20 + k, 30 + k, falling ? 30 + k : 20 + k,
                25 + k + (k % 13) * 0.37, falling ? 20 + k : 30 + k,
                falling ? "decrease" : "increase", 1 + k % 3, k % 10, 1 + (k % 26));
        }
        put(&b,
            "],\n \"actions\": [{\"title\": \"Clean up CRM data\", \"done\": true, \"owner\": "
            "\"Cara Mendes\", \"due\": \"2026-10-15\"}, {\"title\": \"Build funnel dashboard\", "
            "\"done\": false, \"due\": \"2026-12-01\"}]}");
    }
    put(&b, "\n]}\n");
    return b;
}

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run(const char *name, const char *data, size_t len)
{
    OkrLimits lim = okr_limits_default();
    lim.max_objectives = 1000;
    OkrScoreConfig cfg = okr_score_config_default();
    double times[RUNS], cpu[RUNS];
    size_t n_krs = 0, warnings = 0;
    for (int r = 0; r < RUNS; r++) {
        OkrDiagList diags = OKR_DIAG_LIST_INIT;
        double t0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
        OkrFeed *feed = okr_feed_parse(data, len, &lim, &diags);
        if (feed)
            okr_score_feed(feed, &cfg, 1795681800); /* 2026-11-26T08:30:00Z */
        times[r] = clock_ms(CLOCK_MONOTONIC) - t0;
        cpu[r] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
        if (!feed) {
            fprintf(stderr, "%s: %s\n", name, okr_diag_first(&diags)->message);
            okr_diag_list_free(&diags);
            return -1;
        }
        n_krs = 0;
        for (size_t i = 0; i < feed->n_objectives; i++)
            n_krs += feed->objectives[i].n_key_results;
        warnings = diags.n_warnings;
        okr_feed_free(feed);
        okr_diag_list_free(&diags);
    }
    qsort(times, RUNS, sizeof times[0], cmp_double);
    qsort(cpu, RUNS, sizeof cpu[0], cmp_double);
    printf("%-10s %8zu bytes %5zu KRs %3zu warnings  median %7.3f ms wall (min %.3f, max %.3f), "
           "%7.3f ms cpu\n",
           name, len, n_krs, warnings, times[RUNS / 2], times[0], times[RUNS - 1], cpu[RUNS / 2]);
    return 0;
}

static Buf read_file(const char *path)
{
    Buf b = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return b;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        put(&b, "%.*s", (int)n, chunk);
    fclose(f);
    return b;
}

int main(int argc, char **argv)
{
    int rc = 0;
    const char *demo = argc > 1 ? argv[1] : OKR_SOURCE_DIR "/assets/demo-feed.json";
    Buf d = read_file(demo);
    if (d.data)
        rc |= run("demo feed", d.data, d.len);
    else
        fprintf(stderr, "cannot read %s\n", demo);
    free(d.data);
    const int sizes[] = {100, 200, 400};
    const char *names[] = {"~1 MB", "~2 MB", "~4 MB"};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        Buf b = generate(sizes[i]);
        rc |= run(names[i], b.data, b.len);
        free(b.data);
    }
    return rc ? 1 : 0;
}
