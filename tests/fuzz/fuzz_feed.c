/*
 * fuzz_feed: libFuzzer harness over the whole feed path that hostile bytes
 * can reach: parse + validate -> score -> both --check reports -> layout of
 * every kind of view at 1920x1080 and at one of 1080x1920, 640x480,
 * 3840x2160 or 1280x720 picked by the input (overview pages
 * and selection, the help overlay, focus views of the first, last, an
 * input-chosen and an out-of-range objective, a few team views and an
 * unknown team).
 *
 * "Now" is fuzzed too: every input is scored at a fixed instant, and again at
 * an instant taken from the input bytes (a hash picks a point around the
 * feed's own period and timestamps, or an arbitrary 64-bit time), because the
 * scorer does arithmetic on now minus feed times.
 *
 * Besides crashes, the harness checks what the rest of the program relies
 * on: the model stays within its limits and holds only valid UTF-8 without
 * control characters; every score is finite and in range; the --check JSON
 * parses back; the --check text is valid UTF-8; every placed element is
 * finite and inside the screen, with terminated text and a percent_of that
 * points at a ring (OKR_FUZZ_STRICT=1 adds the safe area and valid UTF-8 in
 * every text element). A broken promise aborts like a crash.
 *
 * cJSON's allocations normally land in okr_parse's bump arena, where ASan
 * cannot see overflows between nodes. By default the harness therefore puts
 * the stock allocator back after the parser installed its hooks, so every
 * cJSON node is its own heap block; OKR_FUZZ_ARENA=1 in the environment keeps
 * the arena (the production path) instead.
 */
#include <cjson/cJSON.h>
#include <math.h>
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
static bool verbose, strict;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    verbose = getenv("OKR_FUZZ_VERBOSE") != NULL;
    strict = getenv("OKR_FUZZ_STRICT") != NULL;
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
    case 0:
        return feed->has_period ? feed->period_start + jitter : jitter;
    case 1:
        return feed->has_period ? feed->period_end + jitter : -jitter;
    case 2:
        return feed->has_period ? feed->period_start - 1 : 0;
    case 3:
        return feed->has_period ? feed->period_end : 1;
    case 4:
        return feed->has_updated_at ? feed->updated_at + jitter : FIXED_NOW + jitter;
    case 5:
        return NOW_MIN + (int64_t)((h >> 3) % (uint64_t)NOW_SPAN);
    case 6:
        return (h >> 3) & 1 ? NOW_MIN : NOW_MIN + NOW_SPAN - 1;
    default:
        return FIXED_NOW;
    }
}

#define CHECK(cond) ((cond) ? (void)0 : broken(#cond, __LINE__))

static void broken(const char *what, int line)
{
    fprintf(stderr, "fuzz_feed.c:%d: broken promise: %s\n", line, what);
    abort();
}

/* Valid UTF-8 (no overlongs, surrogates or values above U+10FFFF) of n bytes. */
static bool utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

/* A string of the model: NULL allowed unless required; within the limit,
 * valid UTF-8, no control characters. */
static void check_text(const char *t, bool required)
{
    if (!t) {
        CHECK(!required);
        return;
    }
    size_t n = strlen(t);
    CHECK(n <= OKR_LIMIT_STRING);
    CHECK(utf8_ok((const unsigned char *)t, n));
    for (size_t i = 0; i < n; i++)
        CHECK((unsigned char)t[i] >= 0x20 && t[i] != 0x7F);
}

static void check_model(const OkrFeed *f)
{
    check_text(f->title, false);
    check_text(f->period_label, false);
    CHECK(f->n_objectives <= OKR_LIMIT_OBJECTIVES);
    CHECK(f->n_objectives == 0 || f->objectives);
    for (size_t i = 0; i < f->n_objectives; i++) {
        const OkrObjective *o = &f->objectives[i];
        check_text(o->id, false);
        check_text(o->title, true);
        check_text(o->owner, false);
        check_text(o->team, false);
        CHECK(isfinite(o->weight) && o->weight >= 0.0);
        CHECK(o->n_key_results <= OKR_LIMIT_KEY_RESULTS);
        CHECK(o->n_actions <= OKR_LIMIT_ACTIONS);
        for (size_t k = 0; k < o->n_key_results; k++) {
            const OkrKeyResult *kr = &o->key_results[k];
            check_text(kr->id, false);
            check_text(kr->title, true);
            check_text(kr->owner, false);
            check_text(kr->unit, false);
            CHECK(isfinite(kr->weight) && kr->weight >= 0.0);
            CHECK(!kr->has_start || isfinite(kr->start));
            CHECK(!kr->has_current || isfinite(kr->current));
            CHECK(!kr->has_target || isfinite(kr->target));
            CHECK(!kr->has_progress || isfinite(kr->progress));
        }
        for (size_t a = 0; a < o->n_actions; a++) {
            check_text(o->actions[a].title, true);
            check_text(o->actions[a].owner, false);
        }
    }
}

static void check_score(const OkrScore *s)
{
    CHECK(s->status != OKR_STATUS_UNSET);
    CHECK(s->status >= OKR_STATUS_NO_DATA && s->status <= OKR_STATUS_DONE);
    if (s->has_value) {
        CHECK(isfinite(s->raw));
        CHECK(s->ring >= 0.0 && s->ring <= 1.0);
    }
    if (s->has_expected)
        CHECK(s->expected >= 0.0 && s->expected <= 1.0);
    CHECK(s->age_s >= -1);
}

static void check_scores(const OkrFeed *f)
{
    if (f->has_expected)
        CHECK(f->expected >= 0.0 && f->expected <= 1.0);
    CHECK(f->feed_age_s >= -1);
    for (size_t i = 0; i < f->n_objectives; i++) {
        const OkrObjective *o = &f->objectives[i];
        check_score(&o->score);
        CHECK(o->n_no_data <= o->n_key_results);
        for (size_t k = 0; k < o->n_key_results; k++)
            check_score(&o->key_results[k].score);
    }
}

/* Both --check reports: the JSON one must parse back into an object, the
 * text one must be valid UTF-8 (it goes to a terminal or a journal). */
static void check_reports(const OkrFeed *feed, const OkrDiagList *diags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    okr_report_json(f, feed, diags);
    fclose(f);
    cJSON *doc = cJSON_ParseWithLength(buf, len);
    CHECK(doc && cJSON_IsObject(doc));
    cJSON_Delete(doc);
    CHECK(utf8_ok((const unsigned char *)buf, len));
    free(buf);

    buf = NULL;
    len = 0;
    f = open_memstream(&buf, &len);
    if (!f)
        return;
    okr_report_text(f, feed, diags);
    fclose(f);
    CHECK(utf8_ok((const unsigned char *)buf, len));
    free(buf);
}

static void check_layout(const Layout *l, const LayoutInput *in)
{
    const float slack = 1.0f; /* rounding of the burn-in shift */
    CHECK(l->page_count >= 1);
    for (size_t i = 0; i < l->count; i++) {
        const Element *e = &l->items[i];
        Box b = e->box;
        if (verbose)
            fprintf(
                stderr,
                "%dx%d view %d obj %d team '%s' page %d help %d: element %zu kind %d "
                "box %.1f,%.1f %.1fx%.1f text '%s' shift %.1f,%.1f safe %.1f,%.1f %.1fx%.1f notice %d\n",
                in->width, in->height, in->view.kind, in->view.objective, in->view.team,
                in->view.page, in->help, i, e->kind, b.x, b.y, b.w, b.h,
                e->kind == EL_TEXT ? e->u.text.text : "", in->shift_x, in->shift_y, l->safe.x,
                l->safe.y, l->safe.w, l->safe.h, in->header.notice != NULL);
        CHECK(isfinite(b.x) && isfinite(b.y) && isfinite(b.w) && isfinite(b.h));
        CHECK(b.w >= 0.0f && b.h >= 0.0f);
        CHECK(b.x >= -slack && b.y >= -slack);
        CHECK(b.x + b.w <= (float)in->width + slack && b.y + b.h <= (float)in->height + slack);
        /* Strict mode (OKR_FUZZ_STRICT=1) adds two promises of layout.h
         * that the layout does not keep yet: everything but full-screen
         * backgrounds stays in the safe area at the largest burn-in shift,
         * and text cut to fit a buffer is cut on a character boundary. */
        bool backdrop = e->kind == EL_RECT && b.w >= (float)in->width && b.h >= (float)in->height;
        Box sa = l->safe;
        CHECK(!strict || backdrop ||
              (b.x >= sa.x - slack && b.y >= sa.y - slack && b.x + b.w <= sa.x + sa.w + slack &&
               b.y + b.h <= sa.y + sa.h + slack));
        if (e->kind == EL_TEXT) {
            const char *t = e->u.text.text;
            const char *nul = memchr(t, '\0', sizeof e->u.text.text);
            CHECK(nul != NULL);
            CHECK(!strict || utf8_ok((const unsigned char *)t, (size_t)(nul - t)));
            CHECK(isfinite(e->u.text.size_px) && e->u.text.size_px > 0.0f);
            int p = e->u.text.percent_of;
            CHECK(p < 0 || ((size_t)p < l->count && l->items[p].kind == EL_RING));
        } else if (e->kind == EL_RING) {
            CHECK(isfinite(e->u.ring.value) && isfinite(e->u.ring.radius));
        }
    }
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

/* Which views to lay out: every kind, but only a few of each, so one input
 * costs a few milliseconds (a 100-objective feed would otherwise take a
 * hundred focus layouts per size and pass). */
enum { VIEWS_ALL, VIEWS_FEW };

#define MAX_FOCUS 5
#define MAX_TEAMS 3

static void lay_all_views(const OkrFeed *feed, int w, int h, uint64_t hash, int which)
{
    LayoutInput in;
    memset(&in, 0, sizeof in);
    in.feed = feed;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.shift_x = (float)((int)(hash >> 16 & 0xff) - 128);
    in.shift_y = (float)((int)(hash >> 24 & 0xff) - 128);
    in.header.title = okr_feed_title(feed);
    in.header.period = feed && feed->period_label ? feed->period_label : NULL;
    in.header.period_elapsed = feed && feed->has_expected ? feed->expected : -1.0;
    in.header.clock = "09:41";
    in.header.updated = "updated 09:30";
    in.header.badges[0] = "offline 3 min";
    in.header.badge_kinds[0] = BADGE_WARN;
    in.header.notice = (hash & 1) ? "demo feed" : NULL;
    size_t n = feed ? feed->n_objectives : 0;

    /* Overview: first page, then the last page with a selection. */
    int pages = 1;
    in.view.kind = VIEW_OVERVIEW;
    in.view.selected = -1;
    lay(&in, &pages);
    in.view.page = pages - 1;
    in.view.selected = n ? (int)(hash % n) : 0;
    lay(&in, NULL);
    if (which == VIEWS_ALL) {
        /* A page past the end, and the help overlay. */
        in.view.page = pages + 3;
        lay(&in, NULL);
        in.view.page = 0;
        in.help = true;
        lay(&in, NULL);
        in.help = false;
    }
    if (!feed)
        return;

    /* Focus views: the first, the last, one chosen by the input, one past
     * the end. */
    size_t focus[MAX_FOCUS] = {0, n ? n - 1 : 0, n ? (size_t)(hash >> 11) % n : 0, n, 1};
    in.view.kind = VIEW_OBJECTIVE;
    for (size_t i = 0; i < (which == VIEWS_ALL ? MAX_FOCUS : 1); i++) {
        in.view.objective = (int)focus[which == VIEWS_ALL ? i : 2];
        lay(&in, NULL);
    }
    if (which != VIEWS_ALL)
        return;

    /* Team views: a few distinct teams from a point chosen by the input,
     * first and last page, then a team nobody has. */
    in.view.kind = VIEW_TEAM;
    in.view.objective = 0;
    size_t done = 0, first = n ? (size_t)(hash >> 17) % n : 0;
    for (size_t s = 0; s < n && done < MAX_TEAMS; s++) {
        size_t i = (first + s) % n;
        const char *team = feed->objectives[i].team;
        /* Like app/view_state.c: a name that does not fit View.team gets no
         * team view (cutting it would match nothing). */
        if (!team || !team[0] || strlen(team) >= sizeof in.view.team ||
            strcmp(team, in.view.team) == 0)
            continue;
        snprintf(in.view.team, sizeof in.view.team, "%s", team);
        in.view.page = 0;
        lay(&in, &pages);
        in.view.page = pages - 1;
        lay(&in, NULL);
        done++;
    }
    snprintf(in.view.team, sizeof in.view.team, "%s", "no such team");
    in.view.page = 0;
    lay(&in, NULL);
}

static void score_and_show(OkrFeed *feed, const OkrDiagList *diags, int64_t now, uint64_t hash,
                           bool all_sizes)
{
    okr_score_feed(feed, NULL, now);
    check_scores(feed);
    if (all_sizes) {
        check_reports(feed, diags);
    } else {
        okr_report_json(devnull, feed, diags);
        okr_report_text(devnull, feed, diags);
    }
    (void)okr_report_exit_code(feed);
    /* 1920x1080 always; one more screen picked by the input. */
    static const int other[][2] = {{1080, 1920}, {640, 480}, {3840, 2160}, {1280, 720}};
    lay_all_views(feed, 1920, 1080, hash, all_sizes ? VIEWS_ALL : VIEWS_FEW);
    if (all_sizes) {
        const int *wh = other[(hash >> 29) % 4];
        lay_all_views(feed, wh[0], wh[1], hash >> 3, VIEWS_ALL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    uint64_t hash = fnv1a(data, size);

    OkrFeed *feed = okr_feed_parse((const char *)data, size, NULL, &diags);
    if (!feed) {
        /* Not showable: the reports and the "waiting for data" screen. */
        CHECK(diags.n_errors > 0);
        check_reports(NULL, &diags);
        lay_all_views(NULL, 1920, 1080, hash, VIEWS_ALL);
        goto cleanup;
    }
    check_model(feed);
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
