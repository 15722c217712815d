/*
 * bench_week: memory after a simulated week of refreshes.
 *
 * Feeds 10,080 refreshes (one a minute for seven days) with changing values
 * through the code the wall runs for each refresh: the feed text is parsed
 * (okr_feed_parse), applied and scored (feed_state_apply), the header texts
 * and the layout are built (feed_state_texts, app_build_scene_at), the view
 * rotates, and the frame is drawn by the software renderer into a 1920x1080
 * surface, with two frames part-way through each value sweep so the counting
 * numbers go through the text cache too. The clock is simulated: a week takes
 * a minute or two. Prints PSS and heap in use after the first refresh, after
 * each day and at the end.
 *
 * usage: bench_week [--refreshes N] [--size WxH]
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <cjson/cJSON.h>

#include "anim.h"
#include "app.h"
#include "feed_state.h"
#include "okr_parse.h"
#include "render.h"

static long pss_kib(void)
{
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    char line[256];
    long v = -1;
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof(line), f) != NULL)
        if (sscanf(line, "Pss: %ld kB", &v) == 1)
            break;
    fclose(f);
    return v;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* The demo feed with every key result's "current" moved for refresh i. */
static char *feed_text(cJSON *doc, long i)
{
    cJSON *objs = cJSON_GetObjectItem(doc, "objectives");
    int n = 0;
    cJSON *o;
    cJSON_ArrayForEach(o, objs)
    {
        cJSON *kr;
        cJSON_ArrayForEach(kr, cJSON_GetObjectItem(o, "key_results"))
        {
            cJSON *start = cJSON_GetObjectItem(kr, "start");
            cJSON *target = cJSON_GetObjectItem(kr, "target");
            cJSON *cur = cJSON_GetObjectItem(kr, "current");
            if (!cJSON_IsNumber(start) || !cJSON_IsNumber(target) || !cJSON_IsNumber(cur))
                continue;
            double span = target->valuedouble - start->valuedouble;
            /* a slow walk with a daily wobble: new values every refresh */
            double frac = 0.1 + 0.8 * (double)((i * 7 + n * 131) % 1000) / 1000.0;
            cJSON_SetNumberValue(cur, start->valuedouble + span * frac);
            n++;
        }
    }
    return cJSON_PrintUnformatted(doc);
}

int main(int argc, char **argv)
{
    long refreshes = 7L * 24 * 60;
    int w = 1920, h = 1080;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--refreshes") == 0)
            refreshes = atol(argv[i + 1]);
        else if (strcmp(argv[i], "--size") == 0 && sscanf(argv[i + 1], "%dx%d", &w, &h) != 2)
            return 2;
    }
    char path[1024], err[256];
    options_demo_feed_path(path, sizeof(path));
    char *text = read_all(path);
    cJSON *doc = text != NULL ? cJSON_Parse(text) : NULL;
    if (doc == NULL) {
        fprintf(stderr, "bench_week: cannot read %s\n", path);
        return 1;
    }
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = surface != NULL ? SDL_CreateSoftwareRenderer(surface) : NULL;
    Renderer *rend = sdl != NULL ? render_create(sdl, NULL, err, sizeof(err)) : NULL;
    if (rend == NULL) {
        fprintf(stderr, "bench_week: renderer: %s\n", sdl == NULL ? SDL_GetError() : err);
        return 1;
    }

    FeedState fs;
    feed_state_init(&fs, false, NULL);
    ViewState vs;
    view_state_init(&vs, 15, 0);
    Animator *anim = anim_new(false);
    Layout base = {0}, frame = {0};
    HeaderTexts texts;
    OkrLimits limits = okr_limits_default();
    int64_t t0 = 1795647600; /* Thu 2026-11-26 00:00 CET */
    uint64_t mono = 0;
    struct timespec c0, c1;
    clock_gettime(CLOCK_MONOTONIC, &c0);

    for (long i = 0; i < refreshes; i++) {
        int64_t now = t0 + i * 60;
        char *body = feed_text(doc, i);
        FeedResult r;
        memset(&r, 0, sizeof(r));
        r.kind = FEED_RESULT_NEW;
        r.bytes = strlen(body);
        r.feed = okr_feed_parse(body, r.bytes, &limits, &r.diags);
        cJSON_free(body);
        if (r.feed == NULL) {
            fprintf(stderr, "bench_week: the generated feed did not parse\n");
            return 1;
        }
        if (feed_state_apply(&fs, &r, now) == FEED_STATE_NEW_FEED)
            view_state_set_feed(&vs, fs.feed);
        /* rotate: four views a minute, as with --rotate 15 */
        for (int step = 0; step < 4; step++) {
            mono += 15000;
            view_state_tick(&vs, mono);
            feed_state_texts(&fs, now, &texts);
            AppSceneSize size = {w,     h,
                                 0.05f, (float)(i % 8) - 4.0f,
                                 0.0f,  (i / 1440) % 2 ? I18N_DE : I18N_EN,
                                 NULL,  render_text_lines,
                                 rend};
            if (app_build_scene_at(&base, fs.feed, &vs, &texts, &size) != 0)
                return 1;
            /* a sweep: two frames on the way, then the settled one */
            uint64_t ms[3] = {mono + 200, mono + 500, mono + 1000};
            for (int f = 0; f < (step == 0 ? 3 : 1); f++) {
                layout_free(&frame);
                frame.items = malloc(base.count * sizeof(*base.items));
                if (frame.items == NULL)
                    return 1;
                memcpy(frame.items, base.items, base.count * sizeof(*base.items));
                frame.count = frame.cap = base.count;
                anim_apply(anim, &frame, step == 0 ? ms[f] : ms[2]);
                render_clear(rend);
                render_layout(rend, &frame, 0.0f, 0.0f, 1.0f);
                SDL_RenderPresent(sdl);
            }
        }
        if (i == 0 || (i + 1) % 1440 == 0 || i + 1 == refreshes) {
            struct mallinfo2 mi = mallinfo2();
            clock_gettime(CLOCK_MONOTONIC, &c1);
            double s = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
            size_t created = 0, hits = 0;
            render_text_stats(rend, &created, &hits);
            printf(
                "refresh %6ld (day %.2f): PSS %6ld KiB, heap in use %6zu KiB, text textures created %zu, "
                "%.1f s\n",
                i + 1, (double)(i + 1) / 1440.0, pss_kib(), mi.uordblks / 1024, created, s);
            fflush(stdout);
        }
    }
    layout_free(&base);
    layout_free(&frame);
    anim_free(anim);
    feed_state_free(&fs);
    render_destroy(rend);
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surface);
    cJSON_Delete(doc);
    free(text);
    return 0;
}
