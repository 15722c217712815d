/*
 * test_layout_trend: the focus view's trend lines. A hand-made feed (period
 * 2026-10-01 .. 2026-12-31, so the trend's x axis runs from 2026-10-01 00:00
 * to 2027-01-01 00:00 UTC) viewed at its midpoint, 2026-11-16 00:00, with a
 * hand-made history for key result "a" and none for "b":
 *   - no value before 5.5/47 of the way to now, 20 % from there, 80 % from
 *     23.5/47 of the way, and the feed's 40 % now;
 *   - standups at 5 %, 30 %, 60 % and 90 % of the way to now;
 *   - the reference (the last standup) a day before now, 2026-11-15 00:00
 *     (a Sunday), when 80 % was in force: a change of -40 points.
 * One test sees the same history (its instants scaled) a quarter of the way
 * into the period instead, 2026-10-24.
 * The trend's points are evenly spaced from the period's start to now, so
 * point i lies i/47 of the way to now, i/94 of the way across the plot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"
#include "okr_delta.h"
#include "okr_model.h"
#include "okr_parse.h"
#include "okr_score.h"

#define EPS 0.5f
#define MINUS "\xE2\x88\x92"

#define PERIOD_START 1790812800 /* 2026-10-01T00:00:00Z */
#define PERIOD_END 1798761600   /* 2027-01-01T00:00:00Z */
#define NOW 1794787200          /* 2026-11-16T00:00:00Z, the midpoint */
#define QUARTER 1792800000      /* 2026-10-24T00:00:00Z, a quarter of the way */

static const int screens[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
#define N_SCREENS (sizeof(screens) / sizeof(screens[0]))

static const Rgba TEXT = {0xE6, 0xE9, 0xEF, 0xFF};

static const char FEED[] =
    "{\"version\": 1, \"title\": \"T\","
    " \"period\": {\"label\": \"Q4\", \"start\": \"2026-10-01\", \"end\": \"2026-12-31\"},"
    " \"objectives\": [{\"id\": \"o\", \"title\": \"Grow\", \"key_results\": ["
    "  {\"id\": \"a\", \"title\": \"Signups\", \"start\": 0, \"current\": 40, \"target\": 100,"
    "   \"owner\": \"Ben\", \"updated_at\": \"2026-11-10T12:00:00Z\"},"
    "  {\"id\": \"b\", \"title\": \"Churn\", \"start\": 0, \"current\": 10, \"target\": 20,"
    "   \"owner\": \"Eva\", \"updated_at\": \"2026-11-15T20:00:00Z\"}]}]}";

typedef struct {
    OkrFeed *feed;
    OkrDeltaSet set;
    int64_t now;
} Fixture;

/* The instant f of the way from the period's start to now. */
static int64_t way(const Fixture *fx, double f)
{
    return PERIOD_START + (int64_t)((double)(fx->now - PERIOD_START) * f);
}

/* The feed and history above, seen at now (NOW unless a test says). */
static void fixture_at(Fixture *fx, int64_t now)
{
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    OkrLimits lim = okr_limits_default();
    OkrScoreConfig cfg = okr_score_config_default();
    OkrSamples *s = okr_samples_new();
    char key[OKR_DELTA_KEY_MAX];
    const OkrObjective *o;
    OkrSample v;
    int64_t standups[4];

    memset(fx, 0, sizeof(*fx));
    fx->now = now;
    standups[0] = way(fx, 0.05);
    standups[1] = way(fx, 0.30);
    standups[2] = way(fx, 0.60);
    standups[3] = way(fx, 0.90);
    fx->feed = okr_feed_parse(FEED, sizeof(FEED) - 1, &lim, &diags);
    okr_diag_list_free(&diags);
    assert_non_null(fx->feed);
    assert_true(fx->feed->period_start == PERIOD_START && fx->feed->period_end == PERIOD_END);
    okr_score_feed(fx->feed, &cfg, now);
    o = &fx->feed->objectives[0];
    assert_non_null(s);
    okr_delta_key_kr(o, &o->key_results[0], key, sizeof(key));
    v = okr_delta_sample_kr(&o->key_results[0], way(fx, 5.5 / 47));
    v.progress = 0.2;
    assert_int_equal(okr_samples_add(s, key, &v), 0);
    v.at = way(fx, 23.5 / 47);
    v.progress = 0.8;
    assert_int_equal(okr_samples_add(s, key, &v), 0);
    assert_int_equal(okr_delta_compute(fx->feed, s, now - 86400, now, standups, 4, &fx->set), 0);
    assert_true(fx->set.trend_from == PERIOD_START && fx->set.trend_to == PERIOD_END);
    okr_samples_free(s);
}

static void fixture_build(Fixture *fx)
{
    fixture_at(fx, NOW);
}

static void fixture_free(Fixture *fx)
{
    okr_delta_set_free(&fx->set);
    okr_feed_free(fx->feed);
}

static void layout_at(const Fixture *fx, int w, int h, bool deltas, I18nLang lang, Layout *l)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = fx->feed;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.view.kind = VIEW_OBJECTIVE;
    in.view.objective = 0;
    in.view.selected = -1;
    in.header.title = "T";
    in.header.clock = "00:00";
    in.header.since = deltas ? "since Sun 00:00" : NULL;
    in.lang = lang;
    in.deltas = deltas ? &fx->set : NULL;
    memset(l, 0, sizeof(*l));
    assert_int_equal(layout_build(&in, l), 0);
}

static bool same_color(Rgba a, Rgba b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The faint pace line (the only translucent polyline) and the progress line. */
static const Element *find_poly(const Layout *l, bool pace, int *count)
{
    const Element *found = NULL;
    *count = 0;
    for (size_t i = 0; i < l->count; i++) {
        const Element *e = &l->items[i];
        if (e->kind != EL_POLYLINE || (e->u.poly.color.a < 255) != pace)
            continue;
        (*count)++;
        found = e;
    }
    return found;
}

/* The plot area from the pace line: bottom left to top right. */
static Box plot_of(const Element *pace)
{
    assert_int_equal(pace->u.poly.n, 2);
    return (Box){pace->u.poly.x[0], pace->u.poly.y[1], pace->u.poly.x[1] - pace->u.poly.x[0],
                 pace->u.poly.y[0] - pace->u.poly.y[1]};
}

static const Element *find_text(const Layout *l, const char *text)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_TEXT && strcmp(l->items[i].u.text.text, text) == 0)
            return &l->items[i];
    return NULL;
}

/* Discs (round rects) of colour c, centres written to cx/cy. */
static int find_discs(const Layout *l, Rgba c, float *cx, float *cy, int max)
{
    int n = 0;
    for (size_t i = 0; i < l->count; i++) {
        const Element *e = &l->items[i];
        if (e->kind != EL_RECT || !same_color(e->u.rect.fill, c) ||
            fabsf(e->u.rect.corner_radius - 0.5f * e->box.w) > 0.01f || e->box.w != e->box.h)
            continue;
        if (n < max) {
            cx[n] = e->box.x + 0.5f * e->box.w;
            cy[n] = e->box.y + 0.5f * e->box.h;
        }
        n++;
    }
    return n;
}

static void progress_line_maps_time_and_percent_to_the_plot(void **state)
{
    /* change points of the series: (point index, progress) */
    const float xi[5] = {6, 23, 24, 46, 47}, pv[5] = {0.2f, 0.2f, 0.8f, 0.8f, 0.4f};
    Fixture fx;
    Layout l;
    int n;
    (void)state;
    fixture_build(&fx);
    layout_at(&fx, 1920, 1080, true, I18N_EN, &l);
    const Element *pace = find_poly(&l, true, &n);
    assert_int_equal(n, 1);
    const Element *line = find_poly(&l, false, &n);
    assert_int_equal(n, 1);
    Box p = plot_of(pace);
    assert_true(p.w > 100.0f && p.h > 60.0f);
    /* the flat stretches are one segment each: five vertices */
    assert_int_equal(line->u.poly.n, 5);
    for (int i = 0; i < 5; i++) {
        assert_float_equal(line->u.poly.x[i], p.x + p.w * xi[i] / 94.0f, 0.05f);
        assert_float_equal(line->u.poly.y[i], p.y + p.h * (1.0f - pv[i]), 0.05f);
    }
    /* now is the period's midpoint */
    assert_float_equal(line->u.poly.x[4], p.x + 0.5f * p.w, 0.05f);
    /* in the key result's status colour, thin: under 1 % of the short side */
    assert_true(
        same_color(line->u.poly.color,
                   layout_status_color(fx.feed->objectives[0].key_results[0].score.status)));
    assert_true(line->u.poly.width >= 2.0f && line->u.poly.width < 0.01f * 1080.0f);
    layout_free(&l);
    fixture_free(&fx);
}

static void pace_line_runs_from_zero_at_the_start_to_full_at_the_end(void **state)
{
    Fixture fx;
    Layout l;
    int n;
    (void)state;
    fixture_build(&fx);
    layout_at(&fx, 1920, 1080, true, I18N_EN, &l);
    const Element *pace = find_poly(&l, true, &n);
    const Element *pct = find_text(&l, "40 %");
    assert_non_null(pace);
    assert_non_null(pct);
    /* from the bottom left (0 % at the start) up to the top right (100 % at
     * the end), faint and thinner than the progress line */
    assert_true(pace->u.poly.x[0] < pace->u.poly.x[1] && pace->u.poly.y[0] > pace->u.poly.y[1]);
    assert_true(pace->u.poly.color.a < 160);
    assert_true(pace->u.poly.width < find_poly(&l, false, &n)->u.poly.width);
    /* in the row of "a" (below its title, above b's), right of its
     * percentage or below it, at the row's right end inside the safe area */
    const Element *title = find_text(&l, "Signups"), *next = find_text(&l, "Churn");
    assert_true(pace->box.y >= title->box.y - EPS && pace->box.y + pace->box.h <= next->box.y);
    assert_true(pace->box.x >= pct->box.x + pct->box.w - EPS ||
                pace->box.y >= pct->box.y + pct->box.h - EPS);
    assert_true(pace->box.x + pace->box.w <= l.safe.x + l.safe.w + EPS);
    assert_true(pace->box.x + pace->box.w >= pct->box.x + pct->box.w - 0.02f * 1080.0f);
    layout_free(&l);
    fixture_free(&fx);
}

static void standups_are_dots_on_the_line(void **state)
{
    Fixture fx;
    Layout l;
    int n;
    float cx[8], cy[8];
    (void)state;
    fixture_build(&fx);
    layout_at(&fx, 1920, 1080, true, I18N_EN, &l);
    Box p = plot_of(find_poly(&l, true, &n));
    /* the standup at 5 % lies before the first value: no dot; the others at
     * 30 % (20 % then), 60 % and 90 % (80 %) of the way to now, i.e. at
     * 15 %, 30 % and 45 % of the plot; newest first */
    n = find_discs(&l, TEXT, cx, cy, 8);
    assert_int_equal(n, 3);
    const float fx_[3] = {0.45f, 0.30f, 0.15f}, fy[3] = {0.8f, 0.8f, 0.2f};
    for (int i = 0; i < 3; i++) {
        assert_float_equal(cx[i], p.x + fx_[i] * p.w, 0.05f);
        assert_float_equal(cy[i], p.y + (1.0f - fy[i]) * p.h, 0.05f);
    }
    layout_free(&l);
    fixture_free(&fx);
}

/* The mark's glyph (a down triangle: -40) and text. */
static void find_mark(const Layout *l, const Element **glyph, const Element **text)
{
    *glyph = *text = NULL;
    for (size_t i = 0; i < l->count; i++) {
        const Element *e = &l->items[i];
        if (e->kind == EL_GLYPH && e->u.glyph.glyph == GLYPH_DOWN)
            *glyph = e;
        if (e->kind == EL_TEXT && strcmp(e->u.text.text, MINUS "40") == 0)
            *text = e;
    }
    assert_non_null(*glyph);
    assert_non_null(*text);
}

static bool meets(Box a, Box b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Whether the progress line's segments come near box r (sampled each px). */
static bool line_crosses(const Element *line, Box r)
{
    for (int i = 0; i + 1 < line->u.poly.n; i++) {
        float x0 = line->u.poly.x[i], y0 = line->u.poly.y[i];
        float x1 = line->u.poly.x[i + 1], y1 = line->u.poly.y[i + 1];
        int steps = (int)(fabsf(x1 - x0) + fabsf(y1 - y0)) + 1;
        for (int k = 0; k <= steps; k++) {
            float x = x0 + (x1 - x0) * (float)k / (float)steps;
            float y = y0 + (y1 - y0) * (float)k / (float)steps;
            if (x > r.x && x < r.x + r.w && y > r.y && y < r.y + r.h)
                return true;
        }
    }
    return false;
}

static void the_end_is_a_larger_dot_in_the_status_colour(void **state)
{
    Fixture fx;
    Layout l;
    int n;
    float cx[4], cy[4];
    (void)state;
    fixture_build(&fx);
    layout_at(&fx, 1920, 1080, true, I18N_EN, &l);
    Box p = plot_of(find_poly(&l, true, &n));
    Rgba col = layout_status_color(fx.feed->objectives[0].key_results[0].score.status);
    /* a dot of the status colour at now (the midpoint), 40 %, larger than
     * the standups' */
    n = find_discs(&l, col, cx, cy, 4);
    assert_int_equal(n, 1);
    assert_float_equal(cx[0], p.x + 0.5f * p.w, 0.05f);
    assert_float_equal(cy[0], p.y + 0.6f * p.h, 0.05f);
    for (size_t i = 0; i < l.count; i++) {
        const Element *e = &l.items[i];
        if (e->kind == EL_RECT && same_color(e->u.rect.fill, col))
            assert_true(e->box.w >= 0.012f * 1080.0f);
        if (e->kind == EL_RECT && same_color(e->u.rect.fill, TEXT))
            assert_true(e->box.w < 0.01f * 1080.0f);
    }
    layout_free(&l);
    fixture_free(&fx);
}

static void the_change_labels_the_end_where_it_crosses_no_line(void **state)
{
    Fixture fx;
    Layout l;
    int n;
    const Element *glyph, *text;
    (void)state;
    /* A quarter of the way into the period the time still to go leaves room
     * right of the end dot (a quarter across the plot, at 40 %): the change
     * since the reference, 80 % -> 40 %, labels it there. */
    fixture_at(&fx, QUARTER);
    layout_at(&fx, 1920, 1080, true, I18N_EN, &l);
    Box p = plot_of(find_poly(&l, true, &n));
    const Element *line = find_poly(&l, false, &n);
    float ex = p.x + 0.25f * p.w, ey = p.y + 0.6f * p.h;
    assert_float_equal(line->u.poly.x[line->u.poly.n - 1], ex, 0.05f);
    find_mark(&l, &glyph, &text);
    assert_true(text->u.text.size_px >= 0.025f * 1080.0f);
    assert_true(glyph->box.x > ex && glyph->box.x < ex + 1.5f * text->u.text.size_px);
    assert_true(text->box.y < ey && text->box.y + text->box.h > ey);
    assert_false(line_crosses(line, glyph->box) || line_crosses(line, text->box));
    layout_free(&l);
    fixture_free(&fx);
    /* At the midpoint the line fills the left half of the plot and the right
     * half is too narrow for the label: it crosses no line, it goes before
     * the percentage on its line instead. */
    fixture_build(&fx);
    layout_at(&fx, 1920, 1080, true, I18N_EN, &l);
    line = find_poly(&l, false, &n);
    const Element *pct = find_text(&l, "40 %");
    find_mark(&l, &glyph, &text);
    assert_false(line_crosses(line, glyph->box) || line_crosses(line, text->box));
    assert_true(text->box.x + text->box.w <= pct->box.x + EPS);
    assert_true(fabsf(text->box.y - pct->box.y) < 1.0f);
    assert_false(meets(text->box, pct->box));
    layout_free(&l);
    fixture_free(&fx);
}

static void no_history_draws_no_trend(void **state)
{
    Fixture fx;
    Layout l;
    int n;
    float cx[8], cy[8];
    (void)state;
    fixture_build(&fx);
    /* "b" has no samples: one line in the whole view, that of "a", and
     * nothing in b's row */
    layout_at(&fx, 1920, 1080, true, I18N_EN, &l);
    const Element *churn = find_text(&l, "Churn");
    assert_non_null(churn);
    find_poly(&l, false, &n);
    assert_int_equal(n, 1);
    for (size_t i = 0; i < l.count; i++) {
        const Element *e = &l.items[i];
        if (e->kind == EL_POLYLINE)
            assert_true(e->box.y + e->box.h <= churn->box.y + EPS);
    }
    layout_free(&l);
    /* without a history at all: no line, no dot, no mark */
    layout_at(&fx, 1920, 1080, false, I18N_EN, &l);
    find_poly(&l, false, &n);
    assert_int_equal(n, 0);
    find_poly(&l, true, &n);
    assert_int_equal(n, 0);
    assert_int_equal(find_discs(&l, TEXT, cx, cy, 8), 0);
    assert_null(find_text(&l, MINUS "40"));
    assert_non_null(find_text(&l, "Signups"));
    layout_free(&l);
    fixture_free(&fx);
}

static void a_key_result_without_an_update_since_the_reference_says_so(void **state)
{
    Fixture fx;
    Layout l;
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    fixture_build(&fx);
    /* "a" was updated Nov 10, before the reference (Sun Nov 15 00:00);
     * "b" on Nov 15 20:00, after it */
    layout_at(&fx, 1920, 1080, true, I18N_EN, &l);
    const Element *e = find_text(&l, "no update since Sun");
    assert_non_null(e);
    assert_true(e->u.text.color.r == 0xE6 && e->u.text.color.g == 0x9F); /* at-risk colour */
    int count = 0;
    for (size_t i = 0; i < l.count; i++)
        count += l.items[i].kind == EL_TEXT && strstr(l.items[i].u.text.text, "no update") ? 1 : 0;
    assert_int_equal(count, 1);
    layout_free(&l);
    layout_at(&fx, 1920, 1080, true, I18N_DE, &l);
    assert_non_null(find_text(&l, "kein Update seit So."));
    layout_free(&l);
    /* no history: the check-in age as before */
    layout_at(&fx, 1920, 1080, false, I18N_EN, &l);
    for (size_t i = 0; i < l.count; i++)
        assert_false(l.items[i].kind == EL_TEXT && strstr(l.items[i].u.text.text, "no update"));
    layout_free(&l);
    fixture_free(&fx);
}

static bool overlap(Box a, Box b)
{
    return a.x + EPS < b.x + b.w && b.x + EPS < a.x + a.w && a.y + EPS < b.y + b.h &&
           b.y + EPS < a.y + a.h;
}

static bool inside(Box in, Box b)
{
    return b.x >= in.x - EPS && b.y >= in.y - EPS && b.x + b.w <= in.x + in.w + EPS &&
           b.y + b.h <= in.y + in.h + EPS;
}

static void the_trend_fits_the_row_at_every_size(void **state)
{
    Fixture fx;
    (void)state;
    fixture_build(&fx);
    for (size_t s = 0; s < N_SCREENS; s++) {
        const int w = screens[s][0], h = screens[s][1];
        const float S = (float)(w < h ? w : h);
        Layout l;
        int n;
        layout_at(&fx, w, h, true, I18N_EN, &l);
        find_poly(&l, false, &n);
        assert_int_equal(n, 1);
        assert_true(l.min_text_px >= 0.025f * S);
        const Element *pct = find_text(&l, "40 %");
        assert_non_null(pct);
        for (size_t i = 0; i < l.count; i++) {
            const Element *a = &l.items[i];
            if (!inside(l.safe, a->box)) {
                print_error("%dx%d: element %zu (kind %d) outside the safe area\n", w, h, i,
                            a->kind);
                fail();
            }
            if (a->kind != EL_POLYLINE)
                continue;
            /* lines cross no text, glyph or ring but their own change mark */
            for (size_t j = 0; j < l.count; j++) {
                const Element *b = &l.items[j];
                bool mark = (b->kind == EL_TEXT && strcmp(b->u.text.text, MINUS "40") == 0) ||
                            (b->kind == EL_GLYPH && b->u.glyph.glyph == GLYPH_DOWN);
                if ((b->kind == EL_TEXT || b->kind == EL_GLYPH || b->kind == EL_RING) && !mark &&
                    overlap(a->box, b->box)) {
                    print_error("%dx%d: line %zu crosses '%s'\n", w, h, i,
                                b->kind == EL_TEXT ? b->u.text.text : "(ring)");
                    fail();
                }
            }
            /* and sit right of the percentage or below it: it keeps its room */
            assert_true(a->box.x >= pct->box.x + pct->box.w - EPS ||
                        a->box.y >= pct->box.y + pct->box.h - EPS);
        }
        layout_free(&l);
    }
    fixture_free(&fx);
}

/* The bundled demo feed with a daily history from its period's start for
 * every key result and objective (a steady climb to today's value, with a
 * dip every fifth day) and weekday standups. */
static OkrFeed *demo_with_history(OkrDeltaSet *set, int64_t now)
{
    FILE *fp = fopen(OKR_SOURCE_DIR "/assets/demo-feed.json", "rb");
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    OkrLimits lim = okr_limits_default();
    OkrScoreConfig cfg = okr_score_config_default();
    OkrSamples *s = okr_samples_new();
    char buf[1 << 16], key[OKR_DELTA_KEY_MAX];
    int64_t standups[OKR_DELTA_MAX_STANDUPS];
    size_t len, n_st = 0;
    assert_non_null(fp);
    len = fread(buf, 1, sizeof(buf), fp);
    fclose(fp);
    OkrFeed *f = okr_feed_parse(buf, len, &lim, &diags);
    okr_diag_list_free(&diags);
    assert_non_null(f);
    okr_score_feed(f, &cfg, now);
    for (int64_t t = f->period_start + 34200; t < now && n_st < OKR_DELTA_MAX_STANDUPS; t += 86400)
        if ((t / 86400 + 4) % 7 != 0 && (t / 86400 + 4) % 7 != 6) /* 1970-01-01: Thursday */
            standups[n_st++] = t;
    for (size_t o = 0; o < f->n_objectives; o++)
        for (size_t k = 0; k <= f->objectives[o].n_key_results; k++) {
            const OkrObjective *obj = &f->objectives[o];
            OkrSample v;
            if (k < obj->n_key_results) {
                okr_delta_key_kr(obj, &obj->key_results[k], key, sizeof(key));
                v = okr_delta_sample_kr(&obj->key_results[k], now);
            } else {
                okr_delta_key_objective(obj, key, sizeof(key));
                v = okr_delta_sample_objective(obj, now);
            }
            double end = isfinite(v.progress) ? v.progress : 0.5;
            for (int64_t t = f->period_start, d = 0; t < now - 86400; t += 86400, d++) {
                v.at = t;
                v.progress = end * (double)(t - f->period_start) / (double)(now - f->period_start) *
                             (d % 5 == 4 ? 0.9 : 1.0);
                assert_int_equal(okr_samples_add(s, key, &v), 0);
            }
        }
    assert_int_equal(okr_delta_compute(f, s, standups[n_st - 1], now, standups, n_st, set), 0);
    okr_samples_free(s);
    return f;
}

static void the_demo_feeds_focus_views_fit_their_trends_at_every_size(void **state)
{
    const int64_t now = 1795773600; /* Fri 2026-11-27 10:00 UTC */
    OkrDeltaSet set;
    (void)state;
    memset(&set, 0, sizeof(set));
    OkrFeed *f = demo_with_history(&set, now);
    Fixture fx = {f, set, now};
    for (size_t s = 0; s < N_SCREENS; s++) {
        const int w = screens[s][0], h = screens[s][1];
        const float S = (float)(w < h ? w : h);
        for (size_t o = 0; o < f->n_objectives; o++) {
            Layout l;
            LayoutInput in;
            int lines = 0, with_values = 0;
            memset(&in, 0, sizeof(in));
            in.feed = f;
            in.width = w;
            in.height = h;
            in.safe_frac = 0.05f;
            in.view.kind = VIEW_OBJECTIVE;
            in.view.objective = (int)o;
            in.view.selected = -1;
            in.header.title = f->title;
            in.header.clock = "10:00";
            in.header.since = "since Thu 09:30";
            in.deltas = &fx.set;
            memset(&l, 0, sizeof(l));
            assert_int_equal(layout_build(&in, &l), 0);
            for (size_t k = 0; k < f->objectives[o].n_key_results; k++)
                with_values += f->objectives[o].key_results[k].score.has_value ? 1 : 0;
            for (size_t i = 0; i < l.count; i++) {
                const Element *a = &l.items[i];
                bool at = a->kind == EL_TEXT || a->kind == EL_GLYPH;
                lines += a->kind == EL_POLYLINE && a->u.poly.color.a == 255;
                if (!inside(l.safe, a->box) ||
                    (a->kind == EL_TEXT && a->u.text.size_px < 0.025f * S)) {
                    print_error("%dx%d objective %zu: element %zu outside or too small\n", w, h, o,
                                i);
                    fail();
                }
                for (size_t j = i + 1; j < l.count; j++) {
                    const Element *b = &l.items[j];
                    bool bt = b->kind == EL_TEXT || b->kind == EL_GLYPH;
                    bool mark = (a->mark.key && b->kind == EL_POLYLINE) ||
                                (b->mark.key && a->kind == EL_POLYLINE);
                    if (!overlap(a->box, b->box) || mark)
                        continue;
                    if ((at && bt) || (a->kind == EL_POLYLINE && (bt || b->kind == EL_RING)) ||
                        (b->kind == EL_POLYLINE && (at || a->kind == EL_RING))) {
                        print_error("%dx%d objective %zu: elements %zu and %zu (kinds %d, %d) "
                                    "overlap\n",
                                    w, h, o, i, j, a->kind, b->kind);
                        fail();
                    }
                }
            }
            /* every key result with a value has its trend at every size */
            assert_int_equal(lines, with_values);
            layout_free(&l);
        }
    }
    okr_delta_set_free(&fx.set);
    okr_feed_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(progress_line_maps_time_and_percent_to_the_plot),
        cmocka_unit_test(pace_line_runs_from_zero_at_the_start_to_full_at_the_end),
        cmocka_unit_test(standups_are_dots_on_the_line),
        cmocka_unit_test(the_end_is_a_larger_dot_in_the_status_colour),
        cmocka_unit_test(the_change_labels_the_end_where_it_crosses_no_line),
        cmocka_unit_test(no_history_draws_no_trend),
        cmocka_unit_test(a_key_result_without_an_update_since_the_reference_says_so),
        cmocka_unit_test(the_trend_fits_the_row_at_every_size),
        cmocka_unit_test(the_demo_feeds_focus_views_fit_their_trends_at_every_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
