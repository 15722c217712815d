/*
 * bench_frame: how long one frame takes to draw on the software renderer
 * (no window, no display) at 1920x1080 and 3840x2160, for the bundled demo
 * feed and a generated feed of 12 objectives x 5 key results.
 *
 * For each case: the overview layout is built once (layout_build), a few
 * frames warm the text and shape caches, then the median of FRAMES frames
 * (clear + render_layout + flush) is printed. "steady" is a redraw with
 * nothing changed (clock tick, expose); "sweep" changes every ring value
 * and percentage each frame, as during the 800 ms ring animation, so every
 * ring and percentage label is drawn anew. "clear" is the floor: filling the
 * background alone. Target: <= 4 ms per steady 1080p frame for 12 x 5.
 * The minimum is printed too: on a busy machine it is the better estimate
 * of what a frame costs when it has a core to itself.
 *
 * Last, the texture bytes the caches hold while the demo feed rotates
 * through its overview and objectives twice (the kiosk's slide, app/anim.c,
 * at 60 frames a second, then 4 settled frames each): the peak (during slides) and what
 * stays between slides. Text textures are what a GPU's memory pays (rings
 * are cached on the software renderer only).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "anim.h"
#include "bench_util.h"
#include "layout.h"
#include "okr_delta.h"
#include "okr_parse.h"
#include "okr_score.h"
#include "render.h"

#define FRAMES 41
#define WARMUP 5
#define NOW_UNIX 1795685400 /* 2026-11-26T09:30:00Z */

static BenchBuf generate_12x5(void)
{
    static const char *titles[] = {"Build a new demand generation channel",
                                   "Implement a marketing technology stack",
                                   "Increase website traffic",
                                   "Improve funnel conversion rates",
                                   "Launch the partner programme in the DACH region",
                                   "Reduce churn of small customers",
                                   "Ship the new onboarding flow",
                                   "Grow the community forum",
                                   "Hire and onboard the platform team",
                                   "Cut cloud spend per customer",
                                   "Make the mobile app faster on low-end phones",
                                   "Win three reference customers"};
    BenchBuf b = {0};
    bench_put(&b,
              "{\"version\": 1, \"title\": \"Company OKRs\", \"period\": {\"label\": \"Q4 2026\", "
              "\"start\": \"2026-10-01\", \"end\": \"2026-12-31\"}, "
              "\"updated_at\": \"2026-11-26T08:30:00Z\", \"objectives\": [\n");
    for (int o = 0; o < 12; o++) {
        bench_put(&b,
                  "%s{\"id\": \"obj-%d\", \"title\": \"%s\", \"owner\": \"Anna Lindqvist\", "
                  "\"team\": \"Team %d\", \"key_results\": [",
                  o ? ",\n" : "", o, titles[o], o % 3);
        for (int k = 0; k < 5; k++) {
            int target = 10 + 7 * k, current = (o * 7 + k * 13) % (target + 6);
            bench_put(&b,
                      "%s{\"id\": \"kr-%d-%d\", \"title\": \"Raise the number of qualified leads "
                      "from partners %d\", \"start\": 0, \"current\": %d, \"target\": %d, "
                      "\"unit\": \"leads\", \"owner\": \"Ben Okafor\", \"confidence\": 0.6, "
                      "\"updated_at\": \"2026-11-%02d\"}",
                      k ? ", " : "", o, k, k, current, target, 10 + (o + k) % 16);
        }
        bench_put(&b, "], \"actions\": [{\"title\": \"Write the plan\", \"done\": true}]}");
    }
    bench_put(&b, "\n]}\n");
    return b;
}

/* CPU time of this thread: the software renderer draws on the calling
 * thread, and CPU time does not count the time other processes on a busy
 * machine take from it (the wall clock would). */
static double now_ms(void)
{
    return bench_clock_ms(CLOCK_THREAD_CPUTIME_ID);
}

/* Sweep step f of FRAMES: every ring at a new fraction of its value (never
 * drawn before, like an ease-out sweep), and its label. */
static void animate(Layout *l, const float *final, int f)
{
    float k = 0.5f + 0.5f * (float)(f + 1) / (float)FRAMES;
    for (size_t i = 0; i < l->count; i++) {
        Element *e = &l->items[i];
        if (e->kind == EL_RING)
            e->u.ring.value = final[i] * k;
    }
    for (size_t i = 0; i < l->count; i++) {
        Element *e = &l->items[i];
        int ring = e->kind == EL_TEXT ? e->u.text.percent_of : -1;
        if (ring >= 0 && (size_t)ring < l->count)
            snprintf(e->u.text.text, sizeof(e->u.text.text), "%.1f %%",
                     l->items[ring].u.ring.value * 100.0f);
    }
}

static int run(const char *name, OkrFeed *feed, int w, int h)
{
    int rc = -1;
    char err[256];
    Layout layout = {0};
    float *final = NULL;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    Renderer *r = sdl ? render_create(sdl, NULL, err, sizeof(err)) : NULL;
    if (!r) {
        fprintf(stderr, "%s: %s\n", name, sdl ? err : SDL_GetError());
        goto done;
    }
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = feed;
    in.view.kind = VIEW_OVERVIEW;
    in.view.selected = -1;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.header.title = feed->title;
    in.header.period = "Q4 2026 \xC2\xB7 day 57 of 92";
    in.header.period_elapsed = 0.62;
    in.header.clock = "09:30";
    in.header.updated = "updated 09:30";
    if (layout_build(&in, &layout) != 0) {
        fprintf(stderr, "%s: layout failed\n", name);
        goto done;
    }
    final = calloc(layout.count + 1, sizeof(*final));
    if (!final)
        goto done;
    size_t rings = 0, texts = 0;
    for (size_t i = 0; i < layout.count; i++) {
        if (layout.items[i].kind == EL_RING) {
            final[i] = layout.items[i].u.ring.value;
            rings++;
        }
        texts += layout.items[i].kind == EL_TEXT;
    }

    double clear[FRAMES], steady[FRAMES], sweep[FRAMES];
    for (int f = 0; f < WARMUP + FRAMES; f++) {
        double t0 = now_ms();
        render_clear(r);
        SDL_RenderFlush(sdl);
        double t1 = now_ms();
        render_clear(r);
        render_layout(r, &layout, 0, 0, 1.0f);
        SDL_RenderFlush(sdl);
        double t2 = now_ms();
        if (f >= WARMUP) {
            clear[f - WARMUP] = t1 - t0;
            steady[f - WARMUP] = t2 - t1;
        }
    }
    /* where the steady time goes: the same frame with one kind of element */
    double by_kind[4];
    Layout only = layout;
    only.items = calloc(layout.count + 1, sizeof(*only.items));
    if (!only.items)
        goto done;
    for (int k = 0; k < 4; k++) {
        only.count = 0;
        for (size_t i = 0; i < layout.count; i++)
            if ((int)layout.items[i].kind == k)
                only.items[only.count++] = layout.items[i];
        double t[FRAMES];
        for (int f = 0; f < WARMUP + FRAMES; f++) {
            render_clear(r);
            SDL_RenderFlush(sdl);
            double t0 = now_ms();
            render_layout(r, &only, 0, 0, 1.0f);
            SDL_RenderFlush(sdl);
            if (f >= WARMUP)
                t[f - WARMUP] = now_ms() - t0;
        }
        by_kind[k] = bench_median(t, FRAMES);
    }
    free(only.items);
    size_t created, hits;
    render_text_stats(r, &created, &hits);
    for (int f = 0; f < FRAMES; f++) {
        animate(&layout, final, f);
        double t0 = now_ms();
        render_clear(r);
        render_layout(r, &layout, 0, 0, 1.0f);
        SDL_RenderFlush(sdl);
        sweep[f] = now_ms() - t0;
    }
    double steady_med = bench_median(steady, FRAMES), sweep_med = bench_median(sweep, FRAMES);
    printf("%-6s %4dx%-4d %2zu objectives on page 1 (%d pages), %3zu rings, %3zu texts: "
           "steady %6.2f ms (min %5.2f)  sweep %6.2f ms (min %5.2f)  clear %5.2f ms  "
           "(text textures %zu made, %zu reused)\n",
           name, w, h,
           feed->n_objectives < (size_t)layout.objectives_per_page
               ? feed->n_objectives
               : (size_t)layout.objectives_per_page,
           layout.page_count, rings, texts, steady_med, steady[0], sweep_med, sweep[0],
           bench_median(clear, FRAMES), created, hits);
    printf("       steady by kind: rects %.2f ms, rings %.2f ms, texts %.2f ms, glyphs %.2f ms\n",
           by_kind[EL_RECT], by_kind[EL_RING], by_kind[EL_TEXT], by_kind[EL_GLYPH]);
    rc = 0;
done:
    free(final);
    layout_free(&layout);
    render_destroy(r);
    if (sdl)
        SDL_DestroyRenderer(sdl);
    if (surf)
        SDL_FreeSurface(surf);
    return rc;
}

static int build_view(Layout *l, OkrFeed *feed, int w, int h, int objective)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = feed;
    in.view.kind = objective < 0 ? VIEW_OVERVIEW : VIEW_OBJECTIVE;
    in.view.objective = objective < 0 ? 0 : objective;
    in.view.selected = -1;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.header.title = feed->title;
    in.header.period = "Q4 2026 \xC2\xB7 day 57 of 92";
    in.header.period_elapsed = 0.62;
    in.header.clock = "09:30";
    in.header.updated = "updated 09:30";
    return layout_build(&in, l);
}

static int rotation_memory(OkrFeed *feed, int w, int h)
{
    int rc = -1, views = (int)feed->n_objectives + 1;
    char err[256];
    Layout old = {0}, cur = {0};
    size_t text, shapes, peak_text = 0, peak_shapes = 0, settled_text = 0, settled_shapes = 0;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    Renderer *r = sdl ? render_create(sdl, NULL, err, sizeof(err)) : NULL;
    if (!r || build_view(&cur, feed, w, h, -1) != 0)
        goto done;
    size_t made_first = 0;
    for (int step = 1; step <= 2 * views; step++) {
        if (step == views + 1)
            render_text_stats(r, &made_first, NULL);
        layout_free(&old);
        old = cur;
        memset(&cur, 0, sizeof(cur));
        if (build_view(&cur, feed, w, h, step % views - 1) != 0)
            goto done;
        /* the kiosk's own transition (app/anim.c) at 60 frames a second,
         * then 4 settled frames */
        ViewTransition tr;
        anim_transition_start(&tr, 1, 0, false);
        for (uint64_t ms = 0, settled = 0; settled < 4; ms += 17) {
            TransitionFrame tf;
            bool sliding = anim_transition_frame(&tr, ms, (float)w, &tf);
            settled += !sliding;
            render_clear(r);
            if (sliding)
                render_layout(r, &old, tf.old_dx, 0.0f, tf.old_opacity);
            render_layout(r, &cur, tf.new_dx, 0.0f, tf.new_opacity);
            render_cache_usage(r, &text, &shapes);
            peak_text = text > peak_text ? text : peak_text;
            peak_shapes = shapes > peak_shapes ? shapes : peak_shapes;
        }
        settled_text = text > settled_text ? text : settled_text;
        settled_shapes = shapes > settled_shapes ? shapes : settled_shapes;
    }
    size_t budget_text, budget_shapes, made;
    render_cache_budgets(w, h, &budget_text, &budget_shapes);
    render_text_stats(r, &made, NULL);
    printf(
        "rotating %dx%d: text textures peak %.1f MiB, between slides at most %.1f MiB (budget %.1f); "
        "rings peak %.1f MiB, between slides at most %.1f MiB (budget %.1f); "
        "%zu text textures made in %d slides, %zu of them in the second round\n",
        w, h, peak_text / 1048576.0, settled_text / 1048576.0, budget_text / 1048576.0,
        peak_shapes / 1048576.0, settled_shapes / 1048576.0, budget_shapes / 1048576.0, made,
        2 * views, made - made_first);
    rc = 0;
done:
    layout_free(&old);
    layout_free(&cur);
    render_destroy(r);
    if (sdl)
        SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surf);
    return rc;
}

/* The focus view of objective 0 at w x h with the changes in set. */
static LayoutInput focus_input(const OkrFeed *feed, int w, int h, const OkrDeltaSet *set)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = feed;
    in.view.kind = VIEW_OBJECTIVE;
    in.view.selected = -1;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.header.title = feed->title;
    in.header.clock = "09:30";
    in.header.since = "since Thu 09:30";
    in.deltas = set;
    return in;
}

/* Steady frames of objective 0's focus view, with every key result's trend
 * (a daily history from the period's start, standups every weekday) and
 * without: what the trend lines cost. */
static double focus_steady(Renderer *r, SDL_Renderer *sdl, const Layout *l)
{
    double t[FRAMES];
    for (int f = 0; f < WARMUP + FRAMES; f++) {
        render_clear(r);
        SDL_RenderFlush(sdl);
        double t0 = now_ms();
        render_layout(r, l, 0, 0, 1.0f);
        SDL_RenderFlush(sdl);
        if (f >= WARMUP)
            t[f - WARMUP] = now_ms() - t0;
    }
    return bench_median(t, FRAMES);
}

static int focus_trends(OkrFeed *feed, int w, int h)
{
    int rc = -1;
    char err[256], key[OKR_DELTA_KEY_MAX];
    Layout with = {0}, without = {0};
    OkrDeltaSet set;
    OkrSamples *s = okr_samples_new();
    int64_t standups[OKR_DELTA_MAX_STANDUPS];
    size_t n_st = 0, polys = 0;
    memset(&set, 0, sizeof(set));
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    Renderer *r = sdl ? render_create(sdl, NULL, err, sizeof(err)) : NULL;
    if (!r || !s) {
        fprintf(stderr, "focus: %s\n", sdl ? err : SDL_GetError());
        goto done;
    }
    for (int64_t t = feed->period_start + 9 * 3600 + 1800; t < NOW_UNIX; t += 86400) {
        int wd = (int)((t / 86400 + 4) % 7); /* 1970-01-01 was a Thursday */
        if (wd != 0 && wd != 6 && n_st < OKR_DELTA_MAX_STANDUPS)
            standups[n_st++] = t;
    }
    for (size_t o = 0; o < feed->n_objectives; o++)
        for (size_t k = 0; k < feed->objectives[o].n_key_results; k++) {
            const OkrKeyResult *kr = &feed->objectives[o].key_results[k];
            okr_delta_key_kr(&feed->objectives[o], kr, key, sizeof(key));
            int d = 0;
            for (int64_t t = feed->period_start; t < NOW_UNIX; t += 86400, d++) {
                OkrSample v = okr_delta_sample_kr(kr, t);
                v.progress = kr->score.raw * (double)(t - feed->period_start) /
                             (double)(NOW_UNIX - feed->period_start) * (d % 5 == 4 ? 0.9 : 1.0);
                if (okr_samples_add(s, key, &v) != 0)
                    goto done;
            }
        }
    if (okr_delta_compute(feed, s, standups[n_st - 1], NOW_UNIX, standups, n_st, &set) != 0 ||
        build_view(&without, feed, w, h, 0) != 0)
        goto done;
    {
        LayoutInput in = focus_input(feed, w, h, &set);
        if (layout_build(&in, &with) != 0)
            goto done;
    }
    for (size_t i = 0; i < with.count; i++)
        polys += with.items[i].kind == EL_POLYLINE;
    /* the layout's own cost: the focus view built with its trends, without,
     * and with its titles measured with the fonts as the wall does (the
     * first build measures, later ones find the answers remembered) */
    double lay[3][FRAMES], first_measured = 0.0;
    for (int k = 0; k < 3; k++)
        for (int f = 0; f < FRAMES; f++) {
            Layout tmp = {0};
            double t0 = now_ms();
            int built = k == 1 ? build_view(&tmp, feed, w, h, 0) : 0;
            if (k != 1) {
                LayoutInput in = focus_input(feed, w, h, &set);
                if (k == 2) {
                    in.lines = render_text_lines;
                    in.lines_ctx = r;
                }
                built = layout_build(&in, &tmp);
            }
            lay[k][f] = now_ms() - t0;
            if (k == 2 && f == 0)
                first_measured = lay[k][f];
            layout_free(&tmp);
            if (built != 0)
                goto done;
        }
    double a = focus_steady(r, sdl, &with), b = focus_steady(r, sdl, &without);
    double line_bytes = 0.0;
    /* the trend's part alone: its lines, and its dots (round rectangles) */
    Layout part = with;
    double lines, dots;
    part.items = calloc(with.count + 1, sizeof(*part.items));
    if (!part.items)
        goto done;
    part.count = 0;
    for (size_t i = 0; i < with.count; i++)
        if (with.items[i].kind == EL_POLYLINE)
            part.items[part.count++] = with.items[i];
    lines = focus_steady(r, sdl, &part);
    {
        /* what the lines' cached pictures hold, on a renderer of their own */
        Renderer *r2 = render_create(sdl, NULL, err, sizeof(err));
        size_t bytes = 0;
        if (r2) {
            render_clear(r2);
            render_layout(r2, &part, 0, 0, 1.0f);
            render_cache_usage(r2, NULL, &bytes);
            render_destroy(r2);
        }
        line_bytes = (double)bytes;
    }
    part.count = 0;
    for (size_t i = 0; i < with.count; i++)
        if (with.items[i].kind == EL_RECT && with.items[i].box.w < 0.02f * (float)h)
            part.items[part.count++] = with.items[i];
    dots = focus_steady(r, sdl, &part);
    free(part.items);
    printf("focus  %4dx%-4d objective 1 with trends (%zu lines, %zu elements): steady %6.2f ms "
           "(lines alone %.2f ms, dots alone %.2f ms; line pictures %.2f MiB); "
           "without history (%zu elements): %6.2f ms\n",
           w, h, polys, with.count, a, lines, dots, line_bytes / 1048576.0, without.count, b);
    printf("       its layout_build: %.3f ms with trends, %.3f ms without; titles measured with "
           "the fonts: %.3f ms (the first build %.1f ms)\n",
           bench_median(lay[0], FRAMES), bench_median(lay[1], FRAMES), bench_median(lay[2], FRAMES),
           first_measured);
    rc = 0;
done:
    layout_free(&with);
    layout_free(&without);
    okr_delta_set_free(&set);
    okr_samples_free(s);
    render_destroy(r);
    if (sdl)
        SDL_DestroyRenderer(sdl);
    if (surf)
        SDL_FreeSurface(surf);
    return rc;
}

static OkrFeed *load(const char *data, size_t len)
{
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    OkrLimits lim = okr_limits_default();
    OkrFeed *feed = okr_feed_parse(data, len, &lim, &diags);
    if (feed) {
        OkrScoreConfig cfg = okr_score_config_default();
        okr_score_feed(feed, &cfg, NOW_UNIX);
    } else {
        const OkrDiag *d = okr_diag_first(&diags);
        fprintf(stderr, "feed: %s\n", d ? d->message : "unreadable");
    }
    okr_diag_list_free(&diags);
    return feed;
}

int main(void)
{
    int rc = 1;
    BenchBuf demo = bench_read_file(OKR_SOURCE_DIR "/assets/demo-feed.json");
    BenchBuf big = generate_12x5();
    OkrFeed *f_demo = demo.data ? load(demo.data, demo.len) : NULL;
    OkrFeed *f_big = load(big.data, big.len);
    if (!f_demo || !f_big) {
        fprintf(stderr, "cannot load the feeds\n");
        goto done;
    }
    printf("software renderer, thread CPU time, median of %d frames after %d warm-up "
           "frames\n",
           FRAMES, WARMUP);
    static const int sizes[][2] = {{1920, 1080}, {3840, 2160}};
    for (size_t s = 0; s < 2; s++) {
        if (run("demo", f_demo, sizes[s][0], sizes[s][1]) != 0 ||
            run("12x5", f_big, sizes[s][0], sizes[s][1]) != 0)
            goto done;
    }
    for (size_t s = 0; s < 2; s++)
        if (focus_trends(f_demo, sizes[s][0], sizes[s][1]) != 0)
            goto done;
    for (size_t s = 0; s < 2; s++)
        if (rotation_memory(f_demo, sizes[s][0], sizes[s][1]) != 0)
            goto done;
    rc = 0;
done:
    okr_feed_free(f_demo);
    okr_feed_free(f_big);
    free(demo.data);
    free(big.data);
    return rc;
}
