/*
 * bench_history: the history's costs (issue 12), medians of several runs.
 *
 *  record    one refresh of a 100-key-result feed into a real SQLite file
 *            (every key result changed: the worst case), on top of a quarter
 *            of hourly history; target median <= 2 ms
 *  deltas    all deltas and trend series of a 100-key-result feed over 1 week,
 *            1 quarter and 1 year of hourly samples held in memory (not
 *            thinned: the worst case); target <= 5 ms and flat in the size
 *  bytes     bytes written for one simulated day: 100 key results polled
 *            every 60 s (1,440 refreshes), values changing hourly; measured
 *            in a child process from /proc/self/io (write_bytes: what reached
 *            the block layer, after a final fsync; wchar: what write(2) got);
 *            target <= 2 MiB/day; and per changing refresh
 *
 * usage: bench_history [DIR] (default /tmp; DIR must be on a real disk for
 * write_bytes to mean anything: tmpfs never reaches the block layer)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "history.h"

#define N_KR 100
#define RUNS 7
#define T0 INT64_C(1790000000)
#define HOUR 3600

typedef struct {
    OkrFeed feed;
    OkrObjective obj[10];
    OkrKeyResult kr[N_KR];
    char ids[N_KR][16];
} Feed;

static void make_feed(Feed *f, int step)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < N_KR; i++) {
        snprintf(f->ids[i], sizeof f->ids[i], "kr-%03d", i);
        f->kr[i].id = f->ids[i];
        f->kr[i].title = f->ids[i];
        f->kr[i].has_current = true;
        f->kr[i].current = step + i;
        f->kr[i].has_updated_at = true;
        f->kr[i].updated_at = T0 + (int64_t)step * HOUR;
        f->kr[i].score = (OkrScore){.has_value = true,
                                    .raw = fmod(0.001 * step + i * 0.01, 1.2),
                                    .status = OKR_STATUS_ON_TRACK};
    }
    for (int o = 0; o < 10; o++) {
        f->obj[o].title = "objective";
        f->obj[o].id = f->ids[o * 10];
        f->obj[o].key_results = &f->kr[o * 10];
        f->obj[o].n_key_results = 10;
        f->obj[o].score = (OkrScore){
            .has_value = true, .raw = 0.001 * step + o * 0.05, .status = OKR_STATUS_AT_RISK};
    }
    f->feed.objectives = f->obj;
    f->feed.n_objectives = 10;
    f->feed.has_period = true;
    f->feed.period_start = T0;
    f->feed.period_end = T0 + 92 * 86400;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_d);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void bench_record(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bench-record.db", dir);
    unlink(path);
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    if (!h) {
        fprintf(stderr, "%s\n", err);
        exit(1);
    }
    /* A quarter of hourly history first. */
    int steps = 92 * 24;
    for (int s = 0; s < steps; s++) {
        Feed f;
        make_feed(&f, s);
        HistorySnapshot *snap = history_snapshot("bench", &f.feed, T0 + (int64_t)s * HOUR);
        history_record(h, snap, mem, &st, err, sizeof err);
        history_snapshot_free(snap);
    }
    double t[50];
    int n = 0;
    for (int r = 0; r < 50; r++) {
        Feed f;
        make_feed(&f, steps + r);
        double a = now_ms();
        HistorySnapshot *snap =
            history_snapshot("bench", &f.feed, T0 + (int64_t)(steps + r) * HOUR);
        int w = history_record(h, snap, mem, &st, err, sizeof err);
        history_snapshot_free(snap);
        t[n++] = now_ms() - a;
        if (w != N_KR + 10)
            fprintf(stderr, "wrote %d rows, expected %d\n", w, N_KR + 10);
    }
    double unchanged[50];
    for (int r = 0; r < 50; r++) {
        Feed f;
        make_feed(&f, steps + 49);
        double a = now_ms();
        HistorySnapshot *snap =
            history_snapshot("bench", &f.feed, T0 + (int64_t)(steps + 50 + r) * HOUR);
        history_record(h, snap, mem, &st, err, sizeof err);
        history_snapshot_free(snap);
        unchanged[r] = now_ms() - a;
    }
    double med = median(t, n); /* sorts t */
    printf("record: one refresh of %d key results + 10 objectives, all changed, on %zu samples: "
           "median %.3f ms (max %.3f); unchanged refresh: median %.3f ms\n",
           N_KR, okr_samples_count(mem), med, t[n - 1], median(unchanged, 50));
    history_close(h);
    okr_samples_free(mem);
    unlink(path);
}

static void bench_deltas(void)
{
    const struct {
        const char *name;
        int hours;
    } sizes[] = {{"1 week", 7 * 24}, {"1 quarter", 92 * 24}, {"1 year", 365 * 24}};
    for (size_t k = 0; k < 3; k++) {
        OkrSamples *mem = okr_samples_new();
        Feed f;
        char key[OKR_DELTA_KEY_MAX];
        int64_t start = T0 - (int64_t)sizes[k].hours * HOUR;
        for (int s = 0; s < sizes[k].hours; s++) {
            make_feed(&f, s);
            for (int i = 0; i < N_KR; i++) {
                okr_delta_key_kr(&f.obj[i / 10], &f.kr[i], key, sizeof key);
                OkrSample smp = okr_delta_sample_kr(&f.kr[i], start + (int64_t)s * HOUR);
                okr_samples_add(mem, key, &smp);
            }
            for (int o = 0; o < 10; o++) {
                okr_delta_key_objective(&f.obj[o], key, sizeof key);
                OkrSample smp = okr_delta_sample_objective(&f.obj[o], start + (int64_t)s * HOUR);
                okr_samples_add(mem, key, &smp);
            }
        }
        make_feed(&f, sizes[k].hours);
        f.feed.period_start = T0 - 80 * 86400;
        f.feed.period_end = T0 + 12 * 86400;
        int64_t st[128];
        for (int i = 0; i < 128; i++)
            st[i] = T0 - (int64_t)(128 - i) * 86400 + 9 * HOUR;
        double t[RUNS * 5];
        OkrDeltaSet set = {0};
        for (int r = 0; r < RUNS * 5; r++) {
            double a = now_ms();
            okr_delta_compute(&f.feed, mem, T0 - 86400, T0, st, 128, &set);
            t[r] = now_ms() - a;
        }
        printf("deltas: %d key results + 10 objectives with %s of hourly samples (%zu): "
               "median %.3f ms\n",
               N_KR, sizes[k].name, okr_samples_count(mem), median(t, RUNS * 5));
        okr_delta_set_free(&set);
        okr_samples_free(mem);
    }
}

/* write_bytes and wchar of this process. */
static void io_of_self(long long *write_bytes, long long *wchar)
{
    FILE *f = fopen("/proc/self/io", "r");
    char line[128];
    *write_bytes = *wchar = -1;
    while (f && fgets(line, sizeof line, f)) {
        sscanf(line, "write_bytes: %lld", write_bytes);
        sscanf(line, "wchar: %lld", wchar);
    }
    if (f)
        fclose(f);
}

static void bench_bytes(const char *dir, int run)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bench-bytes-%d.db", dir, run);
    unlink(path);
    int p[2];
    if (pipe(p) != 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        HistoryState st;
        char err[256];
        History *h = history_open(path, &st, err, sizeof err);
        OkrSamples *mem = okr_samples_new();
        /* The day before, to start from a warm file. */
        for (int m = 0; m < 24 * 60; m += 60) {
            Feed f;
            make_feed(&f, m / 60);
            HistorySnapshot *snap = history_snapshot("bench", &f.feed, T0 + (int64_t)m * 60);
            history_record(h, snap, mem, &st, err, sizeof err);
            history_snapshot_free(snap);
        }
        sync();
        long long wb0, wc0, wb1, wc1;
        io_of_self(&wb0, &wc0);
        int changed = 0;
        for (int m = 24 * 60; m < 48 * 60; m++) {
            Feed f;
            make_feed(&f, m / 60); /* values change on the hour */
            HistorySnapshot *snap = history_snapshot("bench", &f.feed, T0 + (int64_t)m * 60);
            changed += history_record(h, snap, mem, &st, err, sizeof err) > 0;
            history_snapshot_free(snap);
        }
        history_close(h); /* the last checkpoint counts too */
        sync();
        io_of_self(&wb1, &wc1);
        long long out[3] = {wb1 - wb0, wc1 - wc0, changed};
        if (write(p[1], out, sizeof out) != (ssize_t)sizeof out)
            _exit(1);
        _exit(0);
    }
    close(p[1]);
    long long out[3] = {0};
    if (read(p[0], out, sizeof out) == (ssize_t)sizeof out)
        printf("bytes: one day, %d key results polled every 60 s, changing hourly (%lld changing "
               "refreshes): write_bytes %.1f KiB/day (%.1f KiB per changing refresh), wchar "
               "%.1f KiB/day\n",
               N_KR, out[2], out[0] / 1024.0, out[2] ? out[0] / 1024.0 / out[2] : 0.0,
               out[1] / 1024.0);
    close(p[0]);
    waitpid(pid, NULL, 0);
    unlink(path);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    bench_record(dir);
    bench_deltas();
    for (int r = 0; r < 3; r++)
        bench_bytes(dir, r);
    return 0;
}
