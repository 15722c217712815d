/*
 * bench_layout: how long layout_build() takes for the bundled demo feed and a
 * generated 12 objectives x 8 key results feed, at 1080p and 4K, in the
 * overview and the focus view. Prints microseconds per layout (median of
 * runs). A program, not a test: timing depends on the machine.
 *
 * usage: bench_layout [runs]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"
#include "okr_parse.h"
#include "okr_score.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* 12 x 8, every key result with a value, owner and confidence. */
static OkrFeed *gen_feed(void)
{
    OkrFeed *f = calloc(1, sizeof(*f));
    char buf[96];
    if (!f)
        return NULL;
    f->title = dup("Bench OKRs");
    f->has_expected = true;
    f->expected = 0.5;
    f->objectives = calloc(12, sizeof(*f->objectives));
    f->n_objectives = f->objectives ? 12 : 0;
    for (size_t i = 0; i < f->n_objectives; i++) {
        OkrObjective *o = &f->objectives[i];
        snprintf(buf, sizeof(buf), "Objective %zu: make the product faster for everyone", i);
        o->title = dup(buf);
        o->owner = dup("Maria Gonzalez");
        o->team = dup(i % 2 ? "Growth" : "Platform");
        o->score.has_value = true;
        o->score.raw = 0.08 * (double)i;
        o->score.status = OKR_STATUS_ON_TRACK;
        o->key_results = calloc(8, sizeof(*o->key_results));
        o->n_key_results = o->key_results ? 8 : 0;
        for (size_t k = 0; k < o->n_key_results; k++) {
            OkrKeyResult *kr = &o->key_results[k];
            snprintf(buf, sizeof(buf), "Key result %zu.%zu: raise the count", i, k);
            kr->title = dup(buf);
            kr->owner = dup("Sam Lee");
            kr->unit = dup("deals");
            kr->has_current = kr->has_target = kr->has_confidence = true;
            kr->current = (double)(k * 4);
            kr->target = 30;
            kr->confidence = 0.6;
            kr->score.has_value = true;
            kr->score.raw = kr->current / kr->target;
            kr->score.status = OKR_STATUS_AT_RISK;
            kr->score.age_s = 86400;
        }
    }
    return f;
}

static OkrFeed *demo_feed(void)
{
    FILE *fp = fopen(OKR_SOURCE_DIR "/assets/demo-feed.json", "rb");
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    OkrLimits lim = okr_limits_default();
    OkrScoreConfig cfg = okr_score_config_default();
    OkrFeed *f = NULL;
    char *buf = NULL;
    long len;
    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0)
        goto cleanup;
    buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, fp) != (size_t)len)
        goto cleanup;
    f = okr_feed_parse(buf, (size_t)len, &lim, &diags);
    if (f)
        okr_score_feed(f, &cfg, f->has_period ? (f->period_start + f->period_end) / 2 : 0);
cleanup:
    okr_diag_list_free(&diags);
    free(buf);
    fclose(fp);
    return f;
}

static void bench(const char *name, const OkrFeed *f, int w, int h, ViewKind kind, int runs)
{
    LayoutInput in;
    Layout l;
    double *t = malloc(sizeof(double) * (size_t)runs);
    size_t count = 0;
    if (!t)
        return;
    memset(&in, 0, sizeof(in));
    in.feed = f;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.view.kind = kind;
    in.view.selected = 0;
    in.header.title = "Bench";
    in.header.clock = "09:41";
    for (int i = 0; i < runs; i++) {
        double t0 = now_us();
        if (layout_build(&in, &l) != 0) {
            fprintf(stderr, "layout_build failed\n");
            break;
        }
        t[i] = now_us() - t0;
        count = l.count;
        layout_free(&l);
    }
    qsort(t, (size_t)runs, sizeof(double), cmp_double);
    printf("%-10s %4dx%-4d %-8s %4zu elements  median %7.1f us  max %7.1f us\n", name, w, h,
           kind == VIEW_OBJECTIVE ? "focus" : "overview", count, t[runs / 2], t[runs - 1]);
    free(t);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 500;
    OkrFeed *demo = demo_feed(), *big = gen_feed();
    if (runs < 1)
        runs = 1;
    for (int v = 0; v < 2; v++) {
        ViewKind kind = v ? VIEW_OBJECTIVE : VIEW_OVERVIEW;
        if (demo) {
            bench("demo", demo, 1920, 1080, kind, runs);
            bench("demo", demo, 3840, 2160, kind, runs);
        }
        if (big) {
            bench("12x8", big, 1920, 1080, kind, runs);
            bench("12x8", big, 3840, 2160, kind, runs);
            bench("12x8", big, 1080, 1920, kind, runs);
        }
    }
    okr_feed_free(demo);
    okr_feed_free(big);
    return 0;
}
