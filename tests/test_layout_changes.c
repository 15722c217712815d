/*
 * test_layout_changes: the change marks of the overview ("what moved since
 * the last standup") on the bundled demo feed with a hand-made history, at
 * 1280x720, 1920x1080, 3840x2160 and portrait 1080x1920: a key result whose
 * progress moved gets an up or down triangle and the signed points in the
 * on-track or off-track colour, one that did not move gets nothing, the
 * objective's mark follows its status, the header names the reference, and
 * the marks neither overlap anything nor shrink below the minimum text size.
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
#include "layout_test_support.h"
#include "okr_test_support.h"

#define EPS 0.5f
#define MINUS "\xE2\x88\x92" /* U+2212, the marks' minus sign */

static const int screens[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
#define N_SCREENS (sizeof(screens) / sizeof(screens[0]))

static const Rgba ON = {0x00, 0x9E, 0x73, 0xFF};
static const Rgba OFF = {0xD5, 0x5E, 0x00, 0xFF};

typedef struct {
    OkrFeed *feed;
    OkrDeltaSet deltas;
    int64_t now;
} Fixture;

/* A sample of the element two days ago whose shown percentage was `shift`
 * points below today's (so the delta is exactly +shift). */
static void add_before(OkrSamples *s, const char *key, OkrSample now_sample, long shift, int64_t at)
{
    long whole = i18n_percent_whole(now_sample.progress, NULL);
    now_sample.at = at;
    now_sample.progress = (double)(whole - shift) / 100.0;
    assert_int_equal(okr_samples_add(s, key, &now_sample), 0);
}

/* The demo feed, against a history in which, since the reference (a day
 * ago): objective 0 moved +5, its key result 0 moved +8, its key result 1
 * moved -3, and nothing else moved. */
static void fixture_build(Fixture *fx)
{
    OkrSamples *s = okr_samples_new();
    char key[OKR_DELTA_KEY_MAX];
    int64_t at;
    memset(fx, 0, sizeof(*fx));
    fx->feed = okr_test_demo_feed(&fx->now);
    at = fx->now - 2 * 86400;
    assert_non_null(s);
    assert_true(fx->feed->n_objectives >= 2 && fx->feed->objectives[0].n_key_results >= 3);
    for (size_t o = 0; o < fx->feed->n_objectives; o++) {
        const OkrObjective *obj = &fx->feed->objectives[o];
        okr_delta_key_objective(obj, key, sizeof(key));
        add_before(s, key, okr_delta_sample_objective(obj, at), o == 0 ? 5 : 0, at);
        for (size_t k = 0; k < obj->n_key_results; k++) {
            long shift = o == 0 && k == 0 ? 8 : (o == 0 && k == 1 ? -3 : 0);
            okr_delta_key_kr(obj, &obj->key_results[k], key, sizeof(key));
            add_before(s, key, okr_delta_sample_kr(&obj->key_results[k], at), shift, at);
        }
    }
    assert_int_equal(okr_delta_compute(fx->feed, s, fx->now - 86400, fx->now, NULL, 0, &fx->deltas),
                     0);
    okr_samples_free(s);
}

static void fixture_free(Fixture *fx)
{
    okr_delta_set_free(&fx->deltas);
    okr_feed_free(fx->feed);
}

static LayoutInput input(const Fixture *fx, int w, int h, bool with_deltas)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = fx->feed;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.view.kind = VIEW_OVERVIEW;
    in.view.selected = -1;
    in.header.title = "Acme OKRs";
    in.header.period = "Q4 2026 · day 57 of 92";
    in.header.period_elapsed = 0.62;
    in.header.clock = "09:41";
    in.header.updated = "fetched 09:30";
    in.header.since = "since Tue 09:30";
    in.deltas = with_deltas ? &fx->deltas : NULL;
    return in;
}

static bool same(Rgba a, Rgba b)
{
    return memcmp(&a, &b, sizeof(a)) == 0;
}

static const Element *find_text(const Layout *l, const char *text)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_TEXT && strcmp(l->items[i].u.text.text, text) == 0)
            return &l->items[i];
    return NULL;
}

static int count_glyph(const Layout *l, GlyphKind g)
{
    int n = 0;
    for (size_t i = 0; i < l->count; i++)
        n += l->items[i].kind == EL_GLYPH && l->items[i].u.glyph.glyph == g;
    return n;
}

/* The arrow of a mark: the glyph just left of its text, on its line. */
static const Element *arrow_of(const Layout *l, const Element *text)
{
    const Element *best = NULL;
    for (size_t i = 0; i < l->count; i++) {
        const Element *e = &l->items[i];
        float right = e->box.x + e->box.w;
        if (e->kind != EL_GLYPH || right > text->box.x + EPS ||
            right < text->box.x - text->u.text.size_px)
            continue;
        if (e->box.y < text->box.y - EPS || e->box.y + e->box.h > text->box.y + text->box.h + EPS)
            continue;
        best = e;
    }
    return best;
}

static void check_mark(const Layout *l, const char *text, GlyphKind g, Rgba col, float S)
{
    const Element *t = find_text(l, text);
    const Element *a;
    if (!t)
        print_error("no mark \"%s\"\n", text);
    assert_non_null(t);
    assert_true(same(t->u.text.color, col));
    assert_true(t->u.text.size_px >= 0.025f * S);
    a = arrow_of(l, t);
    assert_non_null(a);
    assert_int_equal(a->u.glyph.glyph, g);
    assert_true(same(a->u.glyph.color, col));
}

/* No text or glyph overlaps another, nothing leaves the safe area. */
static void check_clear(const Layout *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const Element *a = &l->items[i];
        assert_true(layout_test_inside(l->safe, a->box));
        if (a->kind != EL_TEXT && a->kind != EL_GLYPH)
            continue;
        for (size_t j = i + 1; j < l->count; j++) {
            const Element *b = &l->items[j];
            if ((b->kind == EL_TEXT || b->kind == EL_GLYPH) &&
                layout_test_overlap(a->box, b->box)) {
                print_error("overlap: '%s' and '%s'\n",
                            a->kind == EL_TEXT ? a->u.text.text : "glyph",
                            b->kind == EL_TEXT ? b->u.text.text : "glyph");
                fail();
            }
            if (b->kind == EL_RING && layout_test_overlap(a->box, b->box) &&
                (a->kind == EL_GLYPH &&
                 (a->u.glyph.glyph == GLYPH_UP || a->u.glyph.glyph == GLYPH_DOWN)))
                fail_msg("a change mark lies on a ring");
        }
    }
}

static void moved_elements_get_an_arrow_and_signed_points_in_their_colour(void **state)
{
    Fixture fx;
    (void)state;
    fixture_build(&fx);
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(&fx, screens[s][0], screens[s][1], true);
        const float S = (float)(in.width < in.height ? in.width : in.height);
        Layout l;
        assert_int_equal(layout_build(&in, &l), 0);
        check_mark(&l, "+8", GLYPH_UP, ON, S);         /* key result 0 */
        check_mark(&l, MINUS "3", GLYPH_DOWN, OFF, S); /* key result 1 */
        check_mark(&l, "+5", GLYPH_UP, ON, S);         /* objective 0 */
        /* nothing else moved: two up arrows, one down, no "+0" */
        assert_int_equal(count_glyph(&l, GLYPH_UP), 2);
        assert_int_equal(count_glyph(&l, GLYPH_DOWN), 1);
        assert_null(find_text(&l, "+0"));
        assert_null(find_text(&l, "0"));
        assert_true(l.min_text_px >= 0.025f * S);
        check_clear(&l);
        layout_free(&l);
    }
    fixture_free(&fx);
}

static void the_key_results_mark_sits_right_of_its_percentage(void **state)
{
    Fixture fx;
    char pct[32];
    (void)state;
    fixture_build(&fx);
    i18n_format_progress(I18N_EN, fx.feed->objectives[0].key_results[0].score.raw, pct,
                         sizeof(pct));
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(&fx, screens[s][0], screens[s][1], true);
        Layout l;
        const Element *p, *m;
        assert_int_equal(layout_build(&in, &l), 0);
        p = find_text(&l, pct);
        m = find_text(&l, "+8");
        assert_non_null(p);
        assert_non_null(m);
        assert_true(m->box.x >= p->box.x + p->box.w - EPS);
        assert_true(fabsf(m->box.y - p->box.y) < EPS); /* the same line */
        layout_free(&l);
    }
    fixture_free(&fx);
}

static void header_names_the_reference_only_when_there_are_deltas(void **state)
{
    Fixture fx;
    (void)state;
    fixture_build(&fx);
    for (size_t s = 0; s < N_SCREENS; s++) {
        Layout l;
        LayoutInput in = input(&fx, screens[s][0], screens[s][1], true);
        const Element *t;
        assert_int_equal(layout_build(&in, &l), 0);
        t = find_text(&l, "since Tue 09:30");
        assert_non_null(t);
        assert_true(t->box.y + t->box.h <= l.safe.y + 0.2f * l.safe.h); /* in the header band */
        layout_free(&l);

        in = input(&fx, screens[s][0], screens[s][1], false);
        assert_int_equal(layout_build(&in, &l), 0);
        assert_null(find_text(&l, "since Tue 09:30"));
        assert_int_equal(count_glyph(&l, GLYPH_UP) + count_glyph(&l, GLYPH_DOWN), 0);
        check_clear(&l);
        layout_free(&l);
    }
    fixture_free(&fx);
}

static void points_are_signed_with_a_real_minus_and_grouped(void **state)
{
    char buf[32];
    (void)state;
    i18n_format_points(I18N_EN, 8, buf, sizeof(buf));
    assert_string_equal(buf, "+8");
    i18n_format_points(I18N_EN, -3, buf, sizeof(buf));
    assert_string_equal(buf, MINUS "3");
    i18n_format_points(I18N_EN, 0, buf, sizeof(buf));
    assert_string_equal(buf, "0");
    i18n_format_points(I18N_EN, 1200, buf, sizeof(buf));
    assert_string_equal(buf, "+1,200");
    i18n_format_points(I18N_DE, -1200, buf, sizeof(buf));
    assert_string_equal(buf, MINUS "1.200");
}

static const Element *find_prefix(const Layout *l, const char *text)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_TEXT &&
            strncmp(l->items[i].u.text.text, text, strlen(text)) == 0)
            return &l->items[i];
    return NULL;
}

/* Reading order: left to right in landscape, top to bottom in portrait. */
static bool before(const Element *a, const Element *b, bool portrait)
{
    return portrait ? a->box.y + a->box.h <= b->box.y + EPS : a->box.x + a->box.w <= b->box.x + EPS;
}

/* The changes view: "Moved most" (the +8 key result before the -3 one),
 * "Status changed", then "No update since ..." with owners, in reading
 * order, at every size; nothing overlaps. */
static void changes_view_has_three_sections_in_order(void **state)
{
    Fixture fx;
    const OkrObjective *o;
    (void)state;
    fixture_build(&fx);
    o = &fx.feed->objectives[0];
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(&fx, screens[s][0], screens[s][1], true);
        const bool portrait = in.height > in.width;
        const Element *moved, *status, *stale, *up, *down, *t_up, *t_down;
        Layout l;
        in.view.kind = VIEW_CHANGES;
        assert_int_equal(layout_build(&in, &l), 0);
        moved = find_text(&l, "Moved most");
        status = find_text(&l, "Status changed");
        stale = find_prefix(&l, "No update since ");
        assert_non_null(moved);
        assert_non_null(status);
        assert_non_null(stale);
        assert_true(before(moved, status, portrait));
        assert_true(before(status, stale, portrait));
        up = find_text(&l, "+8");
        down = find_text(&l, MINUS "3");
        assert_non_null(up);
        assert_non_null(down);
        assert_true(up->box.y + up->box.h <= down->box.y + EPS); /* biggest rise first */
        assert_true(up->box.y >= moved->box.y + moved->box.h - EPS);
        t_up = find_text(&l, o->key_results[0].title);
        t_down = find_text(&l, o->key_results[1].title);
        assert_non_null(t_up);
        assert_non_null(t_down);
        /* the fixture's history changed no status: the section says so */
        assert_non_null(find_text(&l, "nothing"));
        check_clear(&l);
        assert_true(l.min_text_px >= 0.025f * (float)(in.width < in.height ? in.width : in.height));
        layout_free(&l);
    }
    fixture_free(&fx);
}

/* Key results whose updated_at is older than the reference are listed
 * under their owner's name. */
static void no_update_section_names_the_owners(void **state)
{
    Fixture fx;
    OkrDelta *d;
    const OkrKeyResult *kr;
    (void)state;
    fixture_build(&fx);
    d = (OkrDelta *)okr_delta_kr(&fx.deltas, 1, 1);
    kr = &fx.feed->objectives[1].key_results[1];
    assert_non_null(d);
    assert_non_null(kr->owner);
    for (size_t i = 0; i < fx.deltas.n_key_results; i++)
        fx.deltas.key_results[i].no_update = false;
    d->no_update = true;
    {
        LayoutInput in = input(&fx, 1920, 1080, true);
        const Element *owner, *title, *heading;
        Layout l;
        in.view.kind = VIEW_CHANGES;
        assert_int_equal(layout_build(&in, &l), 0);
        heading = find_prefix(&l, "No update since ");
        assert_non_null(heading);
        owner = NULL;
        for (size_t i = 0; i < l.count; i++)
            if (l.items[i].kind == EL_TEXT && strcmp(l.items[i].u.text.text, kr->owner) == 0 &&
                l.items[i].box.x >= heading->box.x - EPS)
                owner = &l.items[i];
        assert_non_null(owner);
        assert_int_equal(owner->u.text.weight, FONT_SEMIBOLD);
        title = find_text(&l, kr->title);
        assert_non_null(title);
        assert_true(title->box.y >=
                    owner->box.y + owner->box.h - EPS); /* the title under the name */
        layout_free(&l);
    }
    fixture_free(&fx);
}

/* The changes view's heading names the reference in the header's words
 * (i18n_format_reference): the weekday under 6 days back, the date when the
 * reference is a week or more back (a weekday alone would name the wrong
 * week). Tue 2026-11-24 08:30 UTC = 1795509000. */
static void no_update_heading_names_the_reference_as_the_header_does(void **state)
{
    static const struct {
        int64_t after;
        const char *heading;
    } cases[] = {{86400, "No update since Tue 08:30"},
                 {8 * 86400, "No update since Nov 24, 08:30"}};
    Fixture fx;
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    fixture_build(&fx);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        LayoutInput in = input(&fx, 1920, 1080, true);
        Layout l;
        fx.deltas.reference = 1795509000;
        fx.deltas.now = 1795509000 + cases[i].after;
        in.view.kind = VIEW_CHANGES;
        assert_int_equal(layout_build(&in, &l), 0);
        assert_non_null(find_text(&l, cases[i].heading));
        layout_free(&l);
    }
    fixture_free(&fx);
    unsetenv("TZ");
    tzset();
}

/* In landscape a section is a third of the width (about 550 px at
 * 1920x1080, text 30 px): "Launch the partner webinar series with two
 * co-hosting partners" (63 characters, about 35 em) cannot fit one line and
 * takes two, pushing the next row down; "Send 3 email newsletters" (about
 * 13 em) keeps one. */
static void changes_view_wraps_a_long_title_onto_a_second_line(void **state)
{
    Fixture fx;
    const OkrObjective *o;
    (void)state;
    fixture_build(&fx);
    o = &fx.feed->objectives[0];
    assert_true(o->n_key_results >= 3);
    for (size_t i = 0; i < fx.deltas.n_key_results; i++)
        fx.deltas.key_results[i].no_update = false;
    ((OkrDelta *)okr_delta_kr(&fx.deltas, 0, 1))->no_update = true;
    ((OkrDelta *)okr_delta_kr(&fx.deltas, 0, 2))->no_update = true;
    {
        LayoutInput in = input(&fx, 1920, 1080, true);
        const Element *longt, *shortt;
        Layout l;
        in.view.kind = VIEW_CHANGES;
        assert_int_equal(layout_build(&in, &l), 0);
        longt = find_text(&l, o->key_results[2].title);
        shortt = find_text(&l, o->key_results[1].title);
        assert_non_null(longt);
        assert_non_null(shortt);
        assert_string_equal(o->key_results[2].title,
                            "Launch the partner webinar series with two co-hosting partners");
        assert_int_equal(longt->u.text.max_lines, 2);
        assert_int_equal(shortt->u.text.max_lines, 1);
        assert_true(longt->box.h > 1.9f * shortt->box.h - 4.0f);
        layout_free(&l);
    }
    fixture_free(&fx);
}

/* The lowest edge of the texts and glyphs between two headings (y0, y1). */
static float section_bottom(const Layout *l, float y0, float y1)
{
    float bottom = y0;
    for (size_t i = 0; i < l->count; i++) {
        const Element *e = &l->items[i];
        if ((e->kind == EL_TEXT || e->kind == EL_GLYPH) && e->box.y >= y0 - EPS && e->box.y < y1)
            bottom = fmaxf(bottom, e->box.y + e->box.h);
    }
    return bottom;
}

/* Portrait stacks the sections with the same gap after each, 3 % of the
 * short side (32.4 px at 1080x1920), whether a section is short ("nothing")
 * or long: equal thirds left a short section's third empty. With sixteen
 * movers, more than fit, the long section takes the room the short ones do
 * not need (more rows than a third holds, about five) and still ends one
 * gap above the next heading. */
static void portrait_sections_are_stacked_with_equal_gaps(void **state)
{
    Fixture fx;
    (void)state;
    fixture_build(&fx);
    for (int many = 0; many <= 1; many++) {
        LayoutInput in = input(&fx, 1080, 1920, true);
        const Element *moved, *status, *stale;
        float gap1, gap2;
        int rows = 0;
        Layout l;
        if (many)
            for (size_t i = 0; i < fx.deltas.n_key_results; i++) {
                fx.deltas.key_results[i].has_points = true;
                fx.deltas.key_results[i].points = (long)i + 1;
                fx.deltas.key_results[i].no_update = false;
            }
        in.view.kind = VIEW_CHANGES;
        assert_int_equal(layout_build(&in, &l), 0);
        moved = find_text(&l, "Moved most");
        status = find_text(&l, "Status changed");
        stale = find_prefix(&l, "No update since ");
        assert_non_null(moved);
        assert_non_null(status);
        assert_non_null(stale);
        gap1 = status->box.y - section_bottom(&l, moved->box.y + moved->box.h, status->box.y);
        gap2 = stale->box.y - section_bottom(&l, status->box.y + status->box.h, stale->box.y);
        assert_float_equal(gap1, 32.4f, 0.5f);
        assert_float_equal(gap2, 32.4f, 0.5f);
        for (size_t i = 0; i < l.count; i++)
            rows += l.items[i].kind == EL_GLYPH && (l.items[i].u.glyph.glyph == GLYPH_UP ||
                                                    l.items[i].u.glyph.glyph == GLYPH_DOWN);
        if (many) {
            /* more than half the movers: the short sections gave up their
             * thirds, and the rest are counted */
            assert_true(rows > 8 && rows < 16);
            assert_non_null(find_prefix(&l, "+"));
        }
        check_clear(&l);
        layout_free(&l);
    }
    fixture_free(&fx);
}

static void without_history_the_changes_view_says_so(void **state)
{
    Fixture fx;
    Layout l;
    LayoutInput in;
    (void)state;
    fixture_build(&fx);
    in = input(&fx, 1920, 1080, false);
    in.view.kind = VIEW_CHANGES;
    assert_int_equal(layout_build(&in, &l), 0);
    assert_non_null(find_prefix(&l, "No history yet"));
    layout_free(&l);
    fixture_free(&fx);
}

/* The ring whose anim_key is key, or NULL. */
static const Element *ring_with_key(const Layout *l, uint32_t key)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_RING && l->items[i].u.ring.anim_key == key)
            return &l->items[i];
    return NULL;
}

/* What app/anim.c needs to draw a new mark in: its glyph and text tagged
 * with the key of the ring it belongs to (the same in every view), its
 * points, and a rise of 0.4 text sizes, up for "+", down for "-". The
 * overview says it placed every ring's mark; the other views do not. */
static void change_marks_carry_their_rings_key_and_points(void **state)
{
    Fixture fx;
    (void)state;
    fixture_build(&fx);
    LayoutInput in = input(&fx, 1920, 1080, true);
    Layout l;
    assert_int_equal(layout_build(&in, &l), 0);
    assert_true(l.marks_complete);
    const Element *plus = find_text(&l, "+8"), *minus = find_text(&l, MINUS "3");
    const Element *obj = find_text(&l, "+5");
    assert_non_null(plus);
    assert_non_null(minus);
    assert_non_null(obj);
    assert_int_equal(plus->mark.points, 8);
    assert_int_equal(minus->mark.points, -3);
    assert_int_equal(obj->mark.points, 5);
    assert_float_equal(plus->mark.rise, 0.4f * plus->u.text.size_px, 1e-3);
    assert_float_equal(minus->mark.rise, -0.4f * minus->u.text.size_px, 1e-3);
    /* each belongs to a different ring, one that is on the screen */
    assert_true(plus->mark.key != minus->mark.key && plus->mark.key != obj->mark.key);
    assert_non_null(ring_with_key(&l, plus->mark.key));
    assert_non_null(ring_with_key(&l, minus->mark.key));
    assert_non_null(ring_with_key(&l, obj->mark.key));
    /* the arrows carry the same tag as their text */
    assert_memory_equal(&arrow_of(&l, plus)->mark, &plus->mark, sizeof(ElementMark));
    assert_memory_equal(&arrow_of(&l, minus)->mark, &minus->mark, sizeof(ElementMark));
    /* everything else is no mark, and nothing is faded by the layout */
    int tagged = 0;
    for (size_t i = 0; i < l.count; i++) {
        tagged += l.items[i].mark.key != 0;
        assert_true(l.items[i].fade == 0.0f);
    }
    assert_int_equal(tagged, 6);
    uint32_t key8 = plus->mark.key;
    layout_free(&l);

    /* the changes view: the same mark, the same key; not every ring is there */
    in.view.kind = VIEW_CHANGES;
    assert_int_equal(layout_build(&in, &l), 0);
    assert_false(l.marks_complete);
    plus = find_text(&l, "+8");
    assert_non_null(plus);
    assert_int_equal(plus->mark.key, key8);
    layout_free(&l);
    in.view.kind = VIEW_OBJECTIVE;
    in.view.objective = 0;
    assert_int_equal(layout_build(&in, &l), 0);
    assert_false(l.marks_complete);
    layout_free(&l);
    fixture_free(&fx);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(moved_elements_get_an_arrow_and_signed_points_in_their_colour),
        cmocka_unit_test(the_key_results_mark_sits_right_of_its_percentage),
        cmocka_unit_test(header_names_the_reference_only_when_there_are_deltas),
        cmocka_unit_test(no_update_heading_names_the_reference_as_the_header_does),
        cmocka_unit_test(changes_view_wraps_a_long_title_onto_a_second_line),
        cmocka_unit_test(points_are_signed_with_a_real_minus_and_grouped),
        cmocka_unit_test(changes_view_has_three_sections_in_order),
        cmocka_unit_test(no_update_section_names_the_owners),
        cmocka_unit_test(portrait_sections_are_stacked_with_equal_gaps),
        cmocka_unit_test(without_history_the_changes_view_says_so),
        cmocka_unit_test(change_marks_carry_their_rings_key_and_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
