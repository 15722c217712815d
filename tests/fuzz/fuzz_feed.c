/*
 * fuzz_feed: libFuzzer harness over the whole feed path that hostile bytes
 * can reach: parse + validate -> score -> both --check reports -> layout of
 * every view at 1920x1080 (overview pages, each objective's focus view, each
 * team's view, the help overlay) and at a portrait size.
 *
 * "Now" is fuzzed too: every input is scored at a fixed instant, and again at
 * an instant taken from the input bytes (a hash picks a point around the
 * feed's own period and timestamps, or an arbitrary 64-bit time), because the
 * scorer does arithmetic on now minus feed times.
 *
 * cJSON's allocations normally land in okr_parse's bump arena, where ASan
 * cannot see overflows between nodes. By default the harness therefore puts
 * the stock allocator back after the parser installed its hooks, so every
 * cJSON node is its own heap block; OKR_FUZZ_ARENA=1 in the environment keeps
 * the arena (the production path) instead.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "okr_parse.h"
#include "okr_report.h"
#include "okr_score.h"

#define FIXED_NOW 1795689000 /* 2026-11-26T08:30:00Z */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    if (!devnull)
        abort();
    const char *arena = getenv("OKR_FUZZ_ARENA");
    if (!arena || strcmp(arena, "1") != 0) {
        /* The first parse installs the parser's hooks; replacing them makes
         * okr_parse fall back to cJSON_Delete (see parse_in_arena). */
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        okr_feed_free(okr_feed_parse("{\"objectives\":[]}", 17, NULL, &d));
        okr_diag_list_free(&d);
        cJSON_InitHooks(NULL);
    }
    return 0;
}

static uint64_t fnv1a(const uint8_t *data, size_t size)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < size; i++) {
        h ^= data[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Every instant okr_parse_time can produce (years 0000..9999), which bounds
 * what --now accepts; the clock of a running kiosk lies inside it too. */
#define NOW_MIN (-62167219200ll) /* 0000-01-01T00:00:00Z */
#define NOW_SPAN (253402300800ll - NOW_MIN)

/* An instant chosen by the input: around the period, the feed's own
 * timestamps, or anywhere --now could name. */
static int64_t now_from_input(const OkrFeed *feed, uint64_t h)
{
    int64_t jitter = (int64_t)((h >> 8) % (200ull * 86400ull)) - 100 * 86400;
    switch (h & 7) {
    case 0: return feed->has_period ? feed->period_start + jitter : jitter;
    case 1: return feed->has_period ? feed->period_end + jitter : -jitter;
    case 2: return feed->has_period ? feed->period_start - 1 : 0;
    case 3: return feed->has_period ? feed->period_end : 1;
    case 4: return feed->has_updated_at ? feed->updated_at + jitter : FIXED_NOW + jitter;
    case 5: return NOW_MIN + (int64_t)((h >> 3) % (uint64_t)NOW_SPAN);
    case 6: return (h >> 3) & 1 ? NOW_MIN : NOW_MIN + NOW_SPAN - 1;
    default: return FIXED_NOW;
    }
}

static void check_layout(const Layout *l, const LayoutInput *in)
{
    /* What the renderer relies on: finite boxes, percent_of pointing at a
     * ring, NUL-terminated text. */
    for (size_t i = 0; i < l->count; i++) {
        const Element *e = &l->items[i];
        if (e->box.x != e->box.x || e->box.y != e->box.y || e->box.w != e->box.w ||
            e->box.h != e->box.h)
            abort(); /* NaN box */
        if (e->kind == EL_TEXT) {
            if (memchr(e->u.text.text, '\0', sizeof e->u.text.text) == NULL)
                abort();
            int p = e->u.text.percent_of;
            if (p >= 0 && ((size_t)p >= l->count || l->items[p].kind != EL_RING))
                abort();
        }
    }
    if (l->page_count < 1)
        abort();
    (void)in;
}

static void lay(const LayoutInput *in, int *pages)
{
    Layout l;
    memset(&l, 0, sizeof l);
    if (layout_build(in, &l) == 0) {
        check_layout(&l, in);
        if (pages)
            *pages = l.page_count;
    }
    layout_free(&l);
}

static void lay_all_views(const OkrFeed *feed, int w, int h, uint64_t hash)
{
    LayoutInput in;
    memset(&in, 0, sizeof in);
    in.feed = feed;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.shift_x = (float)((int)(hash >> 16 & 0xff) - 128);
    in.shift_y = (float)((int)(hash >> 24 & 0xff) - 128);
    in.header.title = feed && feed->title ? feed->title : "OKRs";
    in.header.period = feed && feed->period_label ? feed->period_label : NULL;
    in.header.period_elapsed = feed && feed->has_expected ? feed->expected : -1.0;
    in.header.clock = "09:41";
    in.header.updated = "updated 09:30";
    in.header.badges[0] = "offline 3 min";
    in.header.badge_kinds[0] = BADGE_WARN;
    in.header.notice = (hash & 1) ? "demo feed" : NULL;

    /* Overview: first page, last page, one past it, a selection. */
    int pages = 1;
    in.view.kind = VIEW_OVERVIEW;
    in.view.selected = -1;
    lay(&in, &pages);
    in.view.page = pages - 1;
    in.view.selected = feed && feed->n_objectives ? (int)(hash % feed->n_objectives) : 0;
    lay(&in, NULL);
    in.view.page = pages + 3;
    lay(&in, NULL);

    /* Help overlay on the overview. */
    in.view.page = 0;
    in.help = true;
    lay(&in, NULL);
    in.help = false;

    if (!feed)
        return;
    /* Each objective's focus view, and one out of range. */
    in.view.kind = VIEW_OBJECTIVE;
    for (size_t i = 0; i <= feed->n_objectives; i++) {
        in.view.objective = (int)i;
        lay(&in, NULL);
    }
    /* Each team's view (first objective of each distinct team), plus a team
     * nobody has. */
    in.view.kind = VIEW_TEAM;
    in.view.objective = 0;
    for (size_t i = 0; i < feed->n_objectives; i++) {
        const char *team = feed->objectives[i].team;
        bool seen = false;
        if (!team)
            continue;
        for (size_t j = 0; j < i && !seen; j++)
            seen = feed->objectives[j].team && strcmp(feed->objectives[j].team, team) == 0;
        if (seen)
            continue;
        snprintf(in.view.team, sizeof in.view.team, "%s", team);
        in.view.page = 0;
        lay(&in, &pages);
        in.view.page = pages - 1;
        lay(&in, NULL);
    }
    snprintf(in.view.team, sizeof in.view.team, "%s", "no such team");
    in.view.page = 0;
    lay(&in, NULL);
}

static void score_and_show(OkrFeed *feed, const OkrDiagList *diags, int64_t now, uint64_t hash,
                           bool all_sizes)
{
    okr_score_feed(feed, NULL, now);
    okr_report_json(devnull, feed, diags);
    okr_report_text(devnull, feed, diags);
    (void)okr_report_exit_code(feed);
    lay_all_views(feed, 1920, 1080, hash);
    if (all_sizes) {
        lay_all_views(feed, 1080, 1920, hash >> 3);
        lay_all_views(feed, 320, 200, hash >> 5);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    uint64_t hash = fnv1a(data, size);

    OkrFeed *feed = okr_feed_parse((const char *)data, size, NULL, &diags);
    if (!feed) {
        /* Not showable: the reports and the "waiting for data" screen. */
        okr_report_json(devnull, NULL, &diags);
        okr_report_text(devnull, NULL, &diags);
        lay_all_views(NULL, 1920, 1080, hash);
        goto cleanup;
    }
    score_and_show(feed, &diags, FIXED_NOW, hash, true);
    score_and_show(feed, &diags, now_from_input(feed, hash), hash, false);

    /* What the app does to the demo feed: move every timestamp. */
    okr_feed_shift_time(feed, (int64_t)(hash % (20ull * 365 * 86400)) - 10ll * 365 * 86400);
    score_and_show(feed, &diags, FIXED_NOW, hash >> 7, false);

cleanup:
    okr_feed_free(feed);
    okr_diag_list_free(&diags);
    return 0;
}
