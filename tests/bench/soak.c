/*
 * soak: proves that a wall left running does not grow. It plays N feed
 * refreshes (10,000 by default) through the whole path the kiosk runs, with
 * every value changing each time:
 *
 *   a feed file rewritten (a temporary file renamed over it)
 *   -> the real file feed source (worker thread, read, parse) -> mailbox
 *   -> feed_state (the wall's copy of the feed and its header status)
 *   -> view state (a fixed cycle of CYCLE refreshes through the overview,
 *      every objective's focus view, the team views and the help overlay)
 *   -> scene layout
 *   -> two frames on SDL's software renderer at 1920x1080, with the ring
 *      sweeps advanced on an accelerated clock (half a sweep per frame).
 *
 * At refresh WARM (1,000) and at the last one (both multiples of CYCLE, so
 * the same view is on screen and in the caches) it prints RSS and PSS (from
 * /proc/self/smaps_rollup), the open file descriptors and the threads, and
 * fails (exit 1) when RSS or PSS grew by 1 MiB or more between the two, or
 * the descriptor or thread count changed.
 *
 *   soak [REFRESHES [WARM]]      defaults: 10000 1000
 *
 * ctest runs "soak 1000 100"; docs/soak.md has the full run and its figures.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "anim.h"
#include "app.h"
#include "feed_source.h"
#include "feed_state.h"
#include "layout.h"
#include "render.h"
#include "view_state.h"

#define WIDTH 1920
#define HEIGHT 1080
#define T0 1795683600 /* 2026-11-26T09:00:00Z */
#define MAX_GROWTH_KIB 1024
#define OBJECTIVES 8
#define KRS 4
#define CYCLE 20

/* Under AddressSanitizer freed memory waits in quarantine, so memory figures
 * grow by design: only descriptors and threads are held then (LeakSanitizer
 * checks memory at exit instead). */
#if defined(__SANITIZE_ADDRESS__)
#define MEMORY_CHECKED false
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEMORY_CHECKED false
#endif
#endif
#ifndef MEMORY_CHECKED
#define MEMORY_CHECKED true
#endif

/* The view for refresh i: overview, the focus view of each objective, each
 * team, the help overlay; the same view at every multiple of CYCLE. */
static void pick_view(ViewState *vs, int i)
{
    static const char *const teams[] = {"Team 0", "Team 1", "Team 2"};
    int p = i % CYCLE;
    if (p < 5)
        view_state_start(vs, VIEW_OVERVIEW, 0, NULL, false);
    else if (p < 5 + OBJECTIVES)
        view_state_start(vs, VIEW_OBJECTIVE, p - 5, NULL, false);
    else if (p < 5 + OBJECTIVES + 3)
        view_state_start(vs, VIEW_TEAM, 0, teams[p - 5 - OBJECTIVES], false);
    else
        view_state_start(vs, VIEW_OVERVIEW, 0, NULL, true);
}

typedef struct {
    long rss_kib, pss_kib, pss_anon_kib;
    long heap_kib; /* malloc's bytes in use: every arena plus mmapped blocks */
    int fds, threads;
} Usage;

static int count_dir(const char *path)
{
    int n = 0;
    DIR *d = opendir(path);
    if (d == NULL)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

/* Freed memory is handed back first (malloc_trim), so what is measured is
 * what is held, not what malloc keeps around for reuse. */
static Usage measure(void)
{
    Usage u = {-1, -1, -1, -1, count_dir("/proc/self/fd"), count_dir("/proc/self/task")};
    malloc_trim(0);
    struct mallinfo2 mi = mallinfo2();
    u.heap_kib = (long)((mi.uordblks + mi.hblkhd) / 1024);
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    char line[256];
    if (f == NULL)
        return u;
    while (fgets(line, sizeof(line), f) != NULL) {
        long v;
        if (sscanf(line, "Rss: %ld kB", &v) == 1)
            u.rss_kib = v;
        else if (sscanf(line, "Pss: %ld kB", &v) == 1)
            u.pss_kib = v;
        else if (sscanf(line, "Pss_Anon: %ld kB", &v) == 1)
            u.pss_anon_kib = v;
    }
    fclose(f);
    return u;
}

/* The feed of refresh i: every key result's value moves each time. */
static int write_feed(const char *dir, const char *path, int i)
{
    static char json[16384];
    char tmp[600];
    size_t n = 0;

    n += (size_t)snprintf(
        json + n, sizeof(json) - n,
        "{\"version\": 1, \"title\": \"Soak %d\", \"period\": {\"label\": \"Q4 2026\", "
        "\"start\": \"2026-10-01\", \"end\": \"2026-12-31\"}, "
        "\"updated_at\": \"2026-11-26T08:30:00Z\", \"objectives\": [",
        i);
    for (int o = 0; o < OBJECTIVES; o++) {
        n += (size_t)snprintf(json + n, sizeof(json) - n,
                              "%s{\"title\": \"Objective %d of the soak\", \"team\": \"Team %d\", "
                              "\"owner\": \"Owner %d\", \"key_results\": [",
                              o ? "," : "", o, o % 3, o);
        for (int k = 0; k < KRS; k++) {
            int target = 40 + 10 * k;
            int current = (i * (3 + o) + k * 17) % (target + 15);
            n += (size_t)snprintf(json + n, sizeof(json) - n,
                                  "%s{\"title\": \"Key result %d.%d moves to %d\", \"start\": 0, "
                                  "\"current\": %d, \"target\": %d, \"unit\": \"pts\"}",
                                  k ? "," : "", o, k, target, current, target);
        }
        n += (size_t)snprintf(json + n, sizeof(json) - n, "]}");
    }
    n += (size_t)snprintf(json + n, sizeof(json) - n, "]}\n");
    if (n >= sizeof(json))
        return -1;

    snprintf(tmp, sizeof(tmp), "%s/.feed.json.tmp", dir);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    ssize_t w = write(fd, json, n);
    close(fd);
    if (w != (ssize_t)n || rename(tmp, path) != 0)
        return -1;
    return 0;
}

/* The mailbox's wake-up: a byte in a pipe the main loop polls. */
static void wake_pipe(void *ud)
{
    int fd = *(int *)ud;
    ssize_t w = write(fd, "w", 1);
    (void)w;
}

static void drain(int fd)
{
    char buf[64];
    while (read(fd, buf, sizeof(buf)) > 0) {
    }
}

static void print_usage(const char *when, int i, const Usage *u)
{
    printf("%-5s refresh %6d: RSS %6ld KiB  PSS %6ld KiB (anon %6ld)  heap %6ld KiB  fds %3d  "
           "threads %2d\n",
           when, i, u->rss_kib, u->pss_kib, u->pss_anon_kib, u->heap_kib, u->fds, u->threads);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    int refreshes = argc > 1 ? atoi(argv[1]) : 10000;
    int warm = argc > 2 ? atoi(argv[2]) : 1000;
    int rc = 1;
    char dir[256], path[300], err[256];
    int wake[2] = {-1, -1};
    SDL_Surface *surf = NULL;
    SDL_Renderer *sdl = NULL;
    Renderer *rend = NULL;
    Animator *anim = NULL;
    FeedMailbox *mb = NULL;
    FeedSource *src = NULL;
    FeedState fs;
    ViewState vs;
    HeaderTexts texts;
    Layout base, frame;
    Usage at_warm = {0}, at_end = {0};
    struct timespec t0, t1;

    memset(&base, 0, sizeof(base));
    memset(&frame, 0, sizeof(frame));
    feed_state_init(&fs, false, NULL);
    if (refreshes < 2 || warm < 1 || warm >= refreshes || warm % CYCLE || refreshes % CYCLE) {
        fprintf(stderr, "usage: soak [REFRESHES [WARM]], WARM < REFRESHES, both multiples of %d\n",
                CYCLE);
        return 2;
    }
    setenv("TZ", "UTC", 1);
    tzset();
    const char *tmpdir = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/okr-soak-XXXXXX", tmpdir && tmpdir[0] ? tmpdir : "/tmp");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof(path), "%s/feed.json", dir);

    surf = SDL_CreateRGBSurfaceWithFormat(0, WIDTH, HEIGHT, 32, SDL_PIXELFORMAT_ARGB8888);
    sdl = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    rend = sdl ? render_create(sdl, NULL, err, sizeof(err)) : NULL;
    anim = anim_new(false);
    if (rend == NULL || anim == NULL || pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        fprintf(stderr, "soak: cannot set up: %s\n", sdl ? err : SDL_GetError());
        goto done;
    }
    mb = feed_mailbox_new(wake_pipe, &wake[1]);
    if (mb == NULL || write_feed(dir, path, 0) != 0)
        goto done;
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = path;
    src = feed_source_start(&cfg, mb, err, sizeof(err));
    if (src == NULL) {
        fprintf(stderr, "soak: %s\n", err);
        goto done;
    }

    uint64_t mono = 1000;            /* the accelerated animation clock, ms */
    view_state_init(&vs, 0.0, mono); /* no timed rotation: pick_view() */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 1; i <= refreshes; i++) {
        int64_t now = T0 + (int64_t)i * 60;
        if (write_feed(dir, path, i) != 0) {
            fprintf(stderr, "soak: cannot write %s: %s\n", path, strerror(errno));
            goto done;
        }
        feed_source_refresh(src);

        /* Until this refresh's feed is on the wall ("Soak i"). */
        char want[32];
        snprintf(want, sizeof(want), "Soak %d", i);
        for (int polls = 0; fs.feed == NULL || strcmp(fs.feed->title, want) != 0; polls++) {
            FeedResult r;
            struct pollfd p = {.fd = wake[0], .events = POLLIN};
            if (polls > 1000) {
                fprintf(stderr, "soak: refresh %d never arrived\n", i);
                goto done;
            }
            if (!feed_mailbox_take(mb, &r)) {
                poll(&p, 1, 10);
                drain(wake[0]);
                continue;
            }
            if (r.kind == FEED_RESULT_FETCH_ERROR || r.kind == FEED_RESULT_INVALID) {
                fprintf(stderr, "soak: refresh %d: %s\n", i, r.reason);
                feed_result_clear(&r);
                goto done;
            }
            if (feed_state_apply(&fs, &r, now) == FEED_STATE_NEW_FEED)
                view_state_set_feed(&vs, fs.feed);
        }

        /* The scene, and a frame mid-sweep and one at its end. */
        pick_view(&vs, i);
        feed_state_texts(&fs, now, &texts);
        if (app_build_scene(&base, fs.feed, &vs, &texts, WIDTH, HEIGHT, 0.0f) != 0) {
            fprintf(stderr, "soak: out of memory building the layout\n");
            goto done;
        }
        for (int f = 0; f < 2; f++) {
            mono += ANIM_SWEEP_MS / 2;
            if (layout_copy(&frame, &base) != 0)
                goto done;
            anim_apply(anim, &frame, mono);
            render_clear(rend);
            render_layout(rend, &frame, 0.0f, 0.0f, 1.0f);
            SDL_RenderFlush(sdl);
        }

        if (i == warm) {
            at_warm = measure();
            print_usage("warm", i, &at_warm);
        } else if (i % (refreshes / 10) == 0 && i != refreshes) {
            Usage u = measure();
            print_usage("", i, &u);
        }
    }
    at_end = measure();
    print_usage("end", refreshes, &at_end);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    long rss_growth = at_end.rss_kib - at_warm.rss_kib;
    long pss_growth = at_end.pss_kib - at_warm.pss_kib;
    long anon_growth = at_end.pss_anon_kib - at_warm.pss_anon_kib;
    long heap_growth = at_end.heap_kib - at_warm.heap_kib;
    printf("%d refreshes, %d frames in %.1f s (%.1f ms per refresh)\n", refreshes, 2 * refreshes,
           secs, secs * 1000.0 / refreshes);
    printf(
        "growth from refresh %d to %d: RSS %+ld KiB, PSS %+ld KiB (anon %+ld KiB), heap %+ld KiB "
        "(limit < %d KiB), fds %+d, threads %+d\n",
        warm, refreshes, rss_growth, pss_growth, anon_growth, heap_growth, MAX_GROWTH_KIB,
        at_end.fds - at_warm.fds, at_end.threads - at_warm.threads);
    /* Total PSS also moves when other processes map or unmap the same
     * libraries (swings of several MiB with RSS unchanged on a busy
     * machine), so the limit holds RSS, this process's own share (the
     * anonymous PSS) and malloc's bytes in use, the sharpest of the three. */
    bool mem_ok = at_warm.rss_kib >= 0 && at_warm.pss_anon_kib >= 0 &&
                  rss_growth < MAX_GROWTH_KIB && anon_growth < MAX_GROWTH_KIB &&
                  heap_growth < MAX_GROWTH_KIB;
    if (!MEMORY_CHECKED)
        printf("built with AddressSanitizer: memory growth not checked\n");
    bool ok = (mem_ok || !MEMORY_CHECKED) && at_end.fds == at_warm.fds &&
              at_end.threads == at_warm.threads;
    printf("%s\n", ok ? "PASS" : "FAIL");
    rc = ok ? 0 : 1;

done:
    feed_source_stop(src);
    feed_mailbox_free(mb);
    feed_state_free(&fs);
    layout_free(&base);
    layout_free(&frame);
    anim_free(anim);
    render_destroy(rend);
    if (sdl != NULL)
        SDL_DestroyRenderer(sdl);
    if (surf != NULL)
        SDL_FreeSurface(surf);
    for (int k = 0; k < 2; k++)
        if (wake[k] >= 0)
            close(wake[k]);
    unlink(path);
    rmdir(dir);
    return rc;
}
