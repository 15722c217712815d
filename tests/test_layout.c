/*
 * test_layout: the layout's promises, checked on generated feeds (1 to 12
 * objectives, 0 to 8 key results each, titles from short to far too long) and
 * on the bundled demo feed, at 1280x720, 1920x1080, 3840x2160 and portrait
 * 1080x1920, in every view: nothing overlaps, nothing leaves the safe area,
 * no text is smaller than 2.5 % of the screen's short side, pages hold every
 * objective exactly once, the screen is used, and animation keys are unique
 * and stable. On the demo feed: key-result titles get room to be read from
 * across the room, and the rows of the cards on a page line up.
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

#include "layout.h"
#include "okr_model.h"
#include "okr_parse.h"
#include "okr_score.h"
#include "layout_test_support.h"
#include "okr_test_support.h"

#define EPS 0.5f

static const int screens[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
#define N_SCREENS (sizeof(screens) / sizeof(screens[0]))

static const Rgba CARD = {0x16, 0x1B, 0x22, 0xFF};
static const Rgba HILITE = {0xE6, 0xE9, 0xEF, 0xFF};

/* ---- generated feeds ---- */

static const char *const titles[] = {
    "Grow revenue",
    "Make onboarding delightful for every new customer in every region",
    "Kundenzufriedenheit über 90 % steigern und halten",
    "Ship v2",
    "Reduce the time from a support ticket being opened to it being resolved to under one day "
    "for every paying customer, including the enterprise ones with custom contracts, and keep "
    "it there through the holiday season without hiring",
    "Ümläute, accents: café, naïve, Øresund",
    "Hire 5 engineers",
    "Cut cloud costs by a third",
};
#define N_TITLES (sizeof(titles) / sizeof(titles[0]))
static const char *const teams[] = {"Growth", "Platform", "People"};

static char *dup(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    assert_non_null(d);
    memcpy(d, s, strlen(s) + 1);
    return d;
}

static char *dupf(const char *fmt, int a, int b)
{
    char buf[64];
    snprintf(buf, sizeof(buf), fmt, a, b);
    return dup(buf);
}

/* KR k of objective i: a mix of increasing, decreasing, binary, no data and
 * over-achieved results, some stale, some with confidence. */
static void gen_kr(OkrKeyResult *kr, int i, int k)
{
    int kind = (i + k) % 6;
    memset(kr, 0, sizeof(*kr));
    kr->id = dupf("o%d-k%d", i, k);
    kr->title = dup(titles[(size_t)(i * 3 + k) % N_TITLES]);
    kr->owner = (k % 3) ? dup("Anna Lindqvist-Bergström") : NULL;
    kr->weight = 1.0;
    kr->score.has_value = true;
    kr->score.age_s = 86400 * (k % 11);
    kr->score.stale = (k % 11) > 7;
    kr->has_confidence = k % 2;
    kr->confidence = 0.7;
    switch (kind) {
    case 0:
        kr->unit = dup("MQLs");
        kr->has_current = kr->has_target = true;
        kr->current = 26;
        kr->target = 30;
        break;
    case 1:
        kr->unit = dup("%");
        kr->has_current = kr->has_target = kr->has_start = kr->has_direction = true;
        kr->direction = OKR_DIR_DECREASE;
        kr->start = 6;
        kr->current = 4.6;
        kr->target = 3;
        break;
    case 2:
        kr->has_done = true;
        kr->done = k % 2;
        break;
    case 3:
        kr->score.has_value = false;
        kr->score.age_s = -1;
        break;
    case 4:
        kr->has_current = kr->has_target = true;
        kr->current = 130000;
        kr->target = 100000;
        kr->unit = dup("€");
        break;
    default:
        kr->has_progress = true;
        kr->progress = 0.4;
        break;
    }
    kr->score.raw = kind == 4 ? 1.3 : kind == 3 ? 0.0 : 0.1 * (double)((k * 3 + i) % 11);
    kr->score.ring = kr->score.raw > 1 ? 1 : kr->score.raw;
    kr->score.status =
        kind == 3 ? OKR_STATUS_NO_DATA : (OkrStatus)(OKR_STATUS_NOT_STARTED + (i + k) % 5);
}

/* n objectives; objective i has krs(i) key results and (i * 5) % 13 actions. */
static OkrFeed *gen_feed(int n, int (*krs)(int))
{
    OkrFeed *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->version = 1;
    f->title = dup("Acme OKRs");
    f->has_expected = true;
    f->expected = 0.63;
    f->scored_at = 1795000000;
    f->objectives = calloc((size_t)n, sizeof(*f->objectives));
    assert_non_null(f->objectives);
    f->n_objectives = (size_t)n;
    for (int i = 0; i < n; i++) {
        OkrObjective *o = &f->objectives[i];
        int nk = krs(i), na = (i * 5) % 13;
        o->id = dupf("o%d", i, 0);
        o->title = dup(titles[(size_t)i % N_TITLES]);
        o->owner = i % 4 ? dup("Maximilian Oberndörfer") : NULL;
        o->team = dup(teams[i % 3]);
        o->weight = 1;
        o->score.has_value = i % 7 != 6;
        o->score.raw = 0.17 * (double)(i % 8);
        o->score.status =
            o->score.has_value ? (OkrStatus)(OKR_STATUS_NOT_STARTED + i % 5) : OKR_STATUS_NO_DATA;
        o->key_results = nk ? calloc((size_t)nk, sizeof(*o->key_results)) : NULL;
        o->n_key_results = (size_t)nk;
        for (int k = 0; k < nk; k++)
            gen_kr(&o->key_results[k], i, k);
        o->actions = na ? calloc((size_t)na, sizeof(*o->actions)) : NULL;
        o->n_actions = (size_t)na;
        for (int a = 0; a < na; a++) {
            o->actions[a].title = dup(titles[(size_t)(a + i) % N_TITLES]);
            o->actions[a].owner = a % 2 ? dup("Sam") : NULL;
            o->actions[a].done = a % 3 == 0;
            o->actions[a].has_due = true;
            o->actions[a].due = 1796000000 - 86400 * a;
        }
    }
    return f;
}

static int krs_all8(int i)
{
    (void)i;
    return 8;
}
static int krs_varied(int i)
{
    return (i * 5 + 3) % 9;
}
static int krs_none(int i)
{
    (void)i;
    return 0;
}
static int krs_three(int i)
{
    (void)i;
    return 3;
}
static int krs_many(int i)
{
    return 9 + (i * 7) % 17;
} /* 9..25: over the 8 a card holds */

/* ---- checks ---- */

typedef struct {
    int w, h;
    const char *what; /* for messages */
} Ctx;

static float short_side(int w, int h)
{
    return (float)(w < h ? w : h);
}

static bool in_inner_circle(const Element *ring, Box b)
{
    float r = ring->u.ring.radius - ring->u.ring.thickness;
    float xs[2] = {b.x, b.x + b.w}, ys[2] = {b.y, b.y + b.h};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            float dx = xs[i] - ring->u.ring.cx, dy = ys[j] - ring->u.ring.cy;
            if (dx * dx + dy * dy > r * r + 1.0f)
                return false;
        }
    return true;
}

static bool is_scrim(const LayoutInput *in, const Element *e)
{
    return in->help && e->kind == EL_RECT && e->box.x == 0.0f && e->box.y == 0.0f &&
           e->box.w == (float)in->width && e->box.h == (float)in->height;
}

static void fail_at(const char *what, const LayoutInput *in, size_t i, size_t j, const Layout *l)
{
    const Element *a = &l->items[i];
    const Element *b = &l->items[j];
    print_error("%s at %dx%d view %d obj %d page %d help %d: element %zu (kind %d, %.1f,%.1f "
                "%.1fx%.1f '%s') vs %zu (kind %d, %.1f,%.1f %.1fx%.1f '%s')\n",
                what, in->width, in->height, in->view.kind, in->view.objective, in->view.page,
                in->help, i, a->kind, a->box.x, a->box.y, a->box.w, a->box.h,
                a->kind == EL_TEXT ? a->u.text.text : "", j, b->kind, b->box.x, b->box.y, b->box.w,
                b->box.h, b->kind == EL_TEXT ? b->u.text.text : "");
    fail();
}

/* Every geometric promise of one built layout. The help overlay is a layer
 * of its own: what it covers may lie under it. */
static void check_layout(const LayoutInput *in, const Layout *l)
{
    const Box screen = {0, 0, (float)in->width, (float)in->height};
    const float S = short_side(in->width, in->height);
    size_t layer_start = l->count;
    for (size_t i = 0; i < l->count; i++)
        if (is_scrim(in, &l->items[i]))
            layer_start = i;
    for (size_t i = 0; i < l->count; i++) {
        const Element *a = &l->items[i];
        if (!layout_test_inside(screen, a->box))
            fail_at("outside the screen", in, i, i, l);
        if (!is_scrim(in, a) && !layout_test_inside(l->safe, a->box))
            fail_at("outside the safe area", in, i, i, l);
        if (a->kind == EL_TEXT) {
            if (a->u.text.size_px < 0.025f * S)
                fail_at("text below 2.5 % of the short side", in, i, i, l);
            if (a->box.h + EPS < (float)a->u.text.max_lines * 1.2f * a->u.text.size_px)
                fail_at("text box shorter than its lines", in, i, i, l);
            if (a->u.text.percent_of >= 0) {
                assert_true((size_t)a->u.text.percent_of < l->count);
                assert_int_equal(l->items[a->u.text.percent_of].kind, EL_RING);
            }
        }
        if (a->kind == EL_RING) {
            /* the box is the ring's circle, with the pace marker's room around it */
            float out = a->u.ring.pace >= 0.0f ? LAYOUT_PACE_OUT * a->u.ring.thickness : 0.0f;
            if (fabsf(a->box.w - 2.0f * (a->u.ring.radius + out)) > EPS)
                fail_at("ring box is not its circle", in, i, i, l);
            assert_true(a->u.ring.thickness > 0.0f && a->u.ring.thickness < a->u.ring.radius);
        }
        for (size_t j = i + 1; j < l->count; j++) {
            const Element *b = &l->items[j];
            bool at = a->kind == EL_TEXT || a->kind == EL_GLYPH;
            bool bt = b->kind == EL_TEXT || b->kind == EL_GLYPH;
            if (i < layer_start && j >= layer_start)
                continue;
            if (!layout_test_overlap(a->box, b->box))
                continue;
            if (at && bt)
                fail_at("text boxes overlap", in, i, j, l);
            if (a->kind == EL_RING && b->kind == EL_RING)
                fail_at("rings overlap", in, i, j, l);
            if ((a->kind == EL_RING && bt) || (b->kind == EL_RING && at)) {
                const Element *ring = a->kind == EL_RING ? a : b;
                const Element *t = a->kind == EL_RING ? b : a;
                size_t ri = a->kind == EL_RING ? i : j;
                if (!(t->kind == EL_TEXT && in_inner_circle(ring, t->box)))
                    fail_at("text overlaps a ring", in, i, j, l);
                if (t->u.text.percent_of >= 0 && (size_t)t->u.text.percent_of != ri)
                    fail_at("centre text points at another ring", in, i, j, l);
            }
        }
    }
    assert_true(l->min_text_px >= 0.025f * S);
    /* unique animation keys */
    for (size_t i = 0; i < l->count; i++)
        for (size_t j = i + 1; j < l->count; j++)
            if (l->items[i].kind == EL_RING && l->items[j].kind == EL_RING &&
                l->items[i].u.ring.anim_key == l->items[j].u.ring.anim_key)
                fail_at("duplicate anim_key", in, i, j, l);
}

static LayoutInput input(const OkrFeed *f, int w, int h)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = f;
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
    in.header.badges[0] = "offline since 09:12: connection refused";
    in.header.badge_kinds[0] = BADGE_WARN;
    in.header.badges[1] = "stale 2 h";
    in.header.badge_kinds[1] = BADGE_ERROR;
    in.header.notice = "demo feed";
    return in;
}

static void build_checked(const LayoutInput *in, Layout *l)
{
    assert_int_equal(layout_build(in, l), 0);
    check_layout(in, l);
}

static int count_kind(const Layout *l, ElementKind k)
{
    int n = 0;
    for (size_t i = 0; i < l->count; i++)
        n += l->items[i].kind == k;
    return n;
}

static const Element *find_text(const Layout *l, const char *text)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_TEXT && strstr(l->items[i].u.text.text, text))
            return &l->items[i];
    return NULL;
}

static bool is_objective_ring(const Element *e)
{
    return e->kind == EL_RING && e->u.ring.pace >= 0;
}

/* Every view of a feed at every screen size: the overview (every page), each
 * objective, each team, and help over the overview. */
static void check_all_views(const OkrFeed *f)
{
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout l;
        int pages, *seen = calloc(f->n_objectives + 1, sizeof(int));
        assert_non_null(seen);

        build_checked(&in, &l);
        pages = l.page_count;
        assert_true(pages >= 1);
        layout_free(&l);
        for (int p = 0; p < pages; p++) {
            in.view.page = p;
            in.view.selected = (int)((size_t)p * 2 % (f->n_objectives ? f->n_objectives : 1));
            build_checked(&in, &l);
            assert_int_equal(l.page_count, pages);
            for (size_t i = 0; i < l.count; i++) {
                if (!is_objective_ring(&l.items[i]))
                    continue;
                assert_true(fabsf(l.items[i].u.ring.pace - (float)f->expected) < 1e-6f);
                for (size_t o = 0; o < f->n_objectives; o++) {
                    const char *id =
                        f->objectives[o].id ? f->objectives[o].id : f->objectives[o].title;
                    if (l.items[i].u.ring.anim_key == layout_hash(id))
                        seen[o]++;
                }
            }
            layout_free(&l);
        }
        for (size_t o = 0; o < f->n_objectives; o++)
            assert_int_equal(seen[o], 1);
        free(seen);

        in.view.page = 0;
        in.help = true;
        build_checked(&in, &l);
        layout_free(&l);
        in.help = false;

        in.view.kind = VIEW_OBJECTIVE;
        for (size_t o = 0; o < f->n_objectives; o++) {
            in.view.objective = (int)o;
            build_checked(&in, &l);
            layout_free(&l);
        }
        in.view.kind = VIEW_TEAM;
        for (size_t t = 0; t < 3; t++) {
            snprintf(in.view.team, sizeof(in.view.team), "%s", teams[t]);
            build_checked(&in, &l);
            for (int p = 1; p < l.page_count; p++) {
                Layout l2;
                in.view.page = p;
                build_checked(&in, &l2);
                layout_free(&l2);
            }
            in.view.page = 0;
            layout_free(&l);
        }
    }
}

/* ---- tests ---- */

static void layout_never_overlaps_or_leaves_the_safe_area(void **state)
{
    int (*patterns[])(int) = {krs_all8, krs_varied, krs_none, krs_three};
    (void)state;
    for (size_t p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++) {
        for (int n = 1; n <= 12; n++) {
            OkrFeed *f = gen_feed(n, patterns[p]);
            check_all_views(f);
            okr_feed_free(f);
        }
    }
}

static void demo_feed_lays_out_in_every_view(void **state)
{
    OkrFeed *f = okr_test_demo_feed(NULL);
    (void)state;
    assert_true(f->n_objectives > 0);
    check_all_views(f);
    okr_feed_free(f);
}

/* The card (a CARD-coloured rectangle) that holds box b, or NULL. */
static const Element *card_of(const Layout *l, Box b)
{
    for (size_t i = 0; i < l->count; i++) {
        const Element *e = &l->items[i];
        if (e->kind == EL_RECT && memcmp(&e->u.rect.fill, &CARD, sizeof(Rgba)) == 0 &&
            layout_test_inside(e->box, b))
            return e;
    }
    return NULL;
}

/* The element showing a key result's title (the whole title, or the first
 * line of a wrapped row, whose other lines follow in the next element and
 * run under the numbers), or NULL. */
static const Element *find_title(const Layout *l, const char *title, const Element **rest)
{
    *rest = NULL;
    for (size_t i = 0; i < l->count; i++) {
        const char *t = l->items[i].u.text.text;
        size_t n = strlen(t);
        if (l->items[i].kind != EL_TEXT || n == 0 || strncmp(t, title, n) != 0)
            continue;
        if (title[n] == '\0')
            return &l->items[i];
        if (title[n] == ' ' && i + 1 < l->count && l->items[i + 1].kind == EL_TEXT &&
            strcmp(l->items[i + 1].u.text.text, title + n + 1) == 0) {
            *rest = &l->items[i + 1];
            return &l->items[i];
        }
    }
    return NULL;
}

/* From across the room a key result must say what it is: in the demo's 2 x 2
 * overview at 1080p each title's first line gets a box of at least 40 % of
 * its card's width (a cell of a 2-column key-result grid beside the ring got
 * under 20 %), and at every screen size room for 25 characters at 0.55 em
 * each (or for the whole title when it is shorter): on its line, or on its
 * first line and the ones under the numbers. */
static void overview_key_result_titles_get_a_wide_box(void **state)
{
    OkrFeed *f = okr_test_demo_feed(NULL);
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout l;
        int found = 0;
        bool hd = in.width == 1920 && in.height == 1080;
        build_checked(&in, &l);
        assert_int_equal(l.page_count, 1);
        for (size_t o = 0; o < f->n_objectives; o++) {
            for (size_t k = 0; k < f->objectives[o].n_key_results; k++) {
                const Element *rest, *card;
                const Element *t = find_title(&l, f->objectives[o].key_results[k].title, &rest);
                float room;
                assert_non_null(t);
                card = card_of(&l, t->box);
                assert_non_null(card);
                room = t->box.w * (float)t->u.text.max_lines;
                if (rest) {
                    assert_ptr_equal(card_of(&l, rest->box), card);
                    room += rest->box.w * (float)rest->u.text.max_lines;
                }
                if (hd && t->box.w < 0.40f * card->box.w)
                    fail_msg("'%s': title box %.0f px in a card of %.0f px", t->u.text.text,
                             t->box.w, card->box.w);
                if (room < fminf(25.0f, (float)strlen(f->objectives[o].key_results[k].title)) *
                               0.55f * t->u.text.size_px)
                    fail_msg("%dx%d '%s': title room %.0f px for %.1f px text", in.width, in.height,
                             t->u.text.text, room, t->u.text.size_px);
                assert_true(t->u.text.size_px >= 0.025f * short_side(in.width, in.height));
                found++;
            }
        }
        assert_int_equal(found, 16);
        layout_free(&l);
    }
    okr_feed_free(f);
}

/* Cards side by side keep their rows in the same place whatever their
 * titles: the status word and the first key-result ring sit at the same
 * height from the card's top in every card of a grid row (the demo's top row
 * mixes one- and two-line titles; its bottom row has only one-line titles,
 * and gives the line it does not need to the key results). */
static void card_rows_line_up_across_a_page(void **state)
{
    OkrFeed *f = okr_test_demo_feed(NULL);
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout l;
        float row_y[4], status_dy[4], kr_dy[4];
        int cards = 0, rows = 0, compared = 0;
        build_checked(&in, &l);
        for (size_t o = 0; o < f->n_objectives; o++) {
            const OkrObjective *ob = &f->objectives[o];
            const Element *word = NULL, *ring = NULL, *card;
            for (size_t i = 0; i < l.count; i++) {
                const Element *e = &l.items[i];
                if (e->kind == EL_TEXT && !word &&
                    strcmp(e->u.text.text, layout_status_word(ob->score.status)) == 0) {
                    const Element *c = card_of(&l, e->box);
                    const Element *t = find_text(&l, ob->title);
                    if (c && t && card_of(&l, t->box) == c)
                        word = e;
                }
                if (e->kind == EL_RING && !is_objective_ring(e) && !ring) {
                    const Element *c = card_of(&l, e->box);
                    const Element *t = find_text(&l, ob->title);
                    if (c && t && card_of(&l, t->box) == c)
                        ring = e;
                }
            }
            assert_non_null(word);
            assert_non_null(ring);
            card = card_of(&l, word->box);
            {
                int r = 0;
                while (r < rows && fabsf(row_y[r] - card->box.y) >= 0.5f)
                    r++;
                if (r == rows) {
                    row_y[r] = card->box.y;
                    status_dy[r] = word->box.y - card->box.y;
                    kr_dy[r] = ring->box.y - card->box.y;
                    rows++;
                } else {
                    assert_true(fabsf(word->box.y - card->box.y - status_dy[r]) < 0.5f);
                    assert_true(fabsf(ring->box.y - card->box.y - kr_dy[r]) < 0.5f);
                    compared++;
                }
            }
            cards++;
        }
        assert_int_equal(cards, 4);
        /* 2 x 2 in landscape: each card has a neighbour to line up with */
        if (in.width > in.height)
            assert_int_equal(compared, 2);
        layout_free(&l);
    }
    okr_feed_free(f);
}

static void smallest_text_is_at_least_2_5_percent_of_the_short_side(void **state)
{
    OkrFeed *f = gen_feed(12, krs_all8);
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout l;
        float S = short_side(in.width, in.height);
        assert_int_equal(layout_build(&in, &l), 0);
        assert_true(l.min_text_px >= 0.025f * S);
        /* and the objective titles and percentages are clearly bigger: the
         * smallest objective ring (17 % of S) holds its number at 0.175 of
         * its diameter, 2.97 % of S (a page that gives its width to the key
         * results' titles may use it) */
        for (size_t i = 0; i < l.count; i++)
            if (l.items[i].kind == EL_TEXT && l.items[i].u.text.percent_of >= 0 &&
                is_objective_ring(&l.items[l.items[i].u.text.percent_of]))
                assert_true(l.items[i].u.text.size_px >= 0.0295f * S);
        layout_free(&l);
    }
    okr_feed_free(f);
}

/* 4 objectives fill the safe area: every third of it (across and down) holds
 * part of a card, and the cards' union spans > 2/3 of it both ways. */
static void four_objectives_fill_the_screen(void **state)
{
    OkrFeed *f = gen_feed(4, krs_three);
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout l;
        float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
        int cards = 0;
        build_checked(&in, &l);
        assert_int_equal(l.page_count, 1);
        for (int third = 0; third < 3; third++) {
            Box col = {l.safe.x + l.safe.w * (float)third / 3.0f, l.safe.y, l.safe.w / 3.0f,
                       l.safe.h};
            Box row = {l.safe.x, l.safe.y + l.safe.h * (float)third / 3.0f, l.safe.w,
                       l.safe.h / 3.0f};
            bool hit_col = false, hit_row = false;
            for (size_t i = 0; i < l.count; i++) {
                const Element *e = &l.items[i];
                if (e->kind != EL_RECT || memcmp(&e->u.rect.fill, &CARD, sizeof(Rgba)) != 0)
                    continue;
                hit_col |= layout_test_overlap(e->box, col);
                hit_row |= layout_test_overlap(e->box, row);
            }
            assert_true(hit_col);
            assert_true(hit_row);
        }
        for (size_t i = 0; i < l.count; i++) {
            const Element *e = &l.items[i];
            if (e->kind != EL_RECT || memcmp(&e->u.rect.fill, &CARD, sizeof(Rgba)) != 0)
                continue;
            cards++;
            x0 = fminf(x0, e->box.x);
            y0 = fminf(y0, e->box.y);
            x1 = fmaxf(x1, e->box.x + e->box.w);
            y1 = fmaxf(y1, e->box.y + e->box.h);
        }
        assert_int_equal(cards, 4);
        assert_true(x1 - x0 > l.safe.w * 2.0f / 3.0f);
        assert_true(y1 - y0 > l.safe.h * 2.0f / 3.0f);
        /* landscape uses a 2x2 grid, portrait stacks the cards */
        {
            float xs[4], ys[4];
            int nx = 0, ny = 0;
            for (size_t i = 0; i < l.count; i++) {
                const Element *e = &l.items[i];
                bool seen_x = false, seen_y = false;
                if (e->kind != EL_RECT || memcmp(&e->u.rect.fill, &CARD, sizeof(Rgba)) != 0)
                    continue;
                for (int k = 0; k < nx; k++)
                    seen_x |= fabsf(xs[k] - e->box.x) < 1.0f;
                for (int k = 0; k < ny; k++)
                    seen_y |= fabsf(ys[k] - e->box.y) < 1.0f;
                if (!seen_x)
                    xs[nx++] = e->box.x;
                if (!seen_y)
                    ys[ny++] = e->box.y;
            }
            assert_int_equal(nx, in.width > in.height ? 2 : 1);
            assert_int_equal(ny, in.width > in.height ? 2 : 4);
        }
        assert_int_equal(count_kind(&l, EL_RING), 4 + 4 * 3);
        layout_free(&l);
    }
    okr_feed_free(f);
}

static void more_objectives_than_fit_go_to_balanced_pages(void **state)
{
    OkrFeed *f = gen_feed(12, krs_all8);
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout l;
        int total = 0;
        assert_int_equal(layout_build(&in, &l), 0);
        assert_true(l.page_count > 1); /* 96 key results never fit one screen legibly */
        assert_int_equal(l.page_count, (12 + l.objectives_per_page - 1) / l.objectives_per_page);
        layout_free(&l);
        for (int p = 0; p < 12; p++) {
            int rings = 0;
            in.view.page = p;
            assert_int_equal(layout_build(&in, &l), 0);
            if (p < l.page_count) {
                for (size_t i = 0; i < l.count; i++)
                    rings += is_objective_ring(&l.items[i]);
                assert_true(rings >= 1 && rings <= l.objectives_per_page);
                total += rings;
            }
            layout_free(&l);
        }
        assert_int_equal(total, 12);
    }
    okr_feed_free(f);
}

static void selected_objective_gets_an_outline(void **state)
{
    OkrFeed *f = gen_feed(4, krs_three);
    (void)state;
    for (int sel = 0; sel < 4; sel++) {
        LayoutInput in = input(f, 1920, 1080);
        Layout l;
        int outlines = 0;
        in.view.selected = sel;
        build_checked(&in, &l);
        for (size_t i = 0; i < l.count; i++) {
            const Element *e = &l.items[i];
            if (e->kind != EL_RECT || memcmp(&e->u.rect.fill, &HILITE, sizeof(Rgba)) != 0)
                continue;
            outlines++;
            /* it surrounds the selected objective's ring */
            for (size_t j = 0; j < l.count; j++)
                if (l.items[j].kind == EL_RING &&
                    l.items[j].u.ring.anim_key == layout_hash(f->objectives[sel].id))
                    assert_true(layout_test_inside(e->box, l.items[j].box));
        }
        assert_int_equal(outlines, 1);
        layout_free(&l);
    }
    {
        LayoutInput in = input(f, 1920, 1080);
        Layout l;
        build_checked(&in, &l);
        for (size_t i = 0; i < l.count; i++)
            if (l.items[i].kind == EL_RECT)
                assert_false(memcmp(&l.items[i].u.rect.fill, &HILITE, sizeof(Rgba)) == 0 &&
                             l.items[i].box.h > 100.0f);
        layout_free(&l);
    }
    okr_feed_free(f);
}

static void anim_keys_are_stable_across_calls_and_views(void **state)
{
    OkrFeed *f = gen_feed(3, krs_three);
    LayoutInput in = input(f, 1920, 1080);
    Layout a, b;
    (void)state;
    build_checked(&in, &a);
    build_checked(&in, &b);
    assert_int_equal(a.count, b.count);
    for (size_t i = 0; i < a.count; i++) {
        assert_int_equal(a.items[i].kind, b.items[i].kind);
        if (a.items[i].kind == EL_RING)
            assert_int_equal(a.items[i].u.ring.anim_key, b.items[i].u.ring.anim_key);
    }
    layout_free(&b);
    /* the focus view of objective 1 uses the same keys as the overview */
    in.view.kind = VIEW_OBJECTIVE;
    in.view.objective = 1;
    build_checked(&in, &b);
    assert_int_equal(count_kind(&b, EL_RING), 1 + 3);
    for (size_t i = 0; i < b.count; i++) {
        bool found = false;
        if (b.items[i].kind != EL_RING)
            continue;
        for (size_t j = 0; j < a.count; j++)
            found |= a.items[j].kind == EL_RING &&
                     a.items[j].u.ring.anim_key == b.items[i].u.ring.anim_key;
        assert_true(found);
    }
    layout_free(&a);
    layout_free(&b);
    okr_feed_free(f);
}

static void duplicate_titles_without_ids_still_get_unique_keys(void **state)
{
    OkrFeed *f = gen_feed(3, krs_three);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    (void)state;
    for (size_t o = 0; o < 3; o++) {
        free(f->objectives[o].id);
        f->objectives[o].id = NULL;
        free(f->objectives[o].title);
        f->objectives[o].title = dup("Same title");
        for (size_t k = 0; k < 3; k++) {
            free(f->objectives[o].key_results[k].id);
            f->objectives[o].key_results[k].id = NULL;
            free(f->objectives[o].key_results[k].title);
            f->objectives[o].key_results[k].title = dup("Same result");
        }
    }
    build_checked(&in, &l); /* checks uniqueness */
    assert_int_equal(count_kind(&l, EL_RING), 3 + 9);
    layout_free(&l);
    okr_feed_free(f);
}

/* 5000 is 500000 %: the centre reads "9999+ %" (the cap, marked), as in
 * --check; 0.996 of a key result is 99 %, never "100 %" before it is done. */
static void absurd_and_almost_done_percentages_use_the_shared_formatter(void **state)
{
    OkrFeed *f = gen_feed(1, krs_three);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    (void)state;
    f->objectives[0].score.raw = 5000.0;
    f->objectives[0].score.has_value = true;
    f->objectives[0].key_results[0].score.raw = 0.996;
    f->objectives[0].key_results[0].score.has_value = true;
    build_checked(&in, &l);
    assert_non_null(find_text(&l, "9999+ %"));
    assert_null(find_text(&l, "99999 %"));
    assert_non_null(find_text(&l, "99 %"));
    assert_null(find_text(&l, "100 %"));
    layout_free(&l);

    /* 50 is "5000 %": the ring's centre box (3.4 em of the nominal size) holds
     * it whole at a smaller size: 4 digits at 0.72 em, the space 0.35, "%"
     * 1.0 = 4.23 em of the size used */
    f->objectives[0].score.raw = 50.0;
    in.view.kind = VIEW_OBJECTIVE;
    in.view.objective = 0;
    build_checked(&in, &l);
    const Element *t = find_text(&l, "5000 %");
    assert_non_null(t);
    assert_true(t->box.w >= 4.23f * t->u.text.size_px - 0.01f);
    layout_free(&l);
    okr_feed_free(f);
}

static void objective_ring_has_pace_tick_and_centre_percentage(void **state)
{
    OkrFeed *f = gen_feed(1, krs_three);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    int ring = -1;
    (void)state;
    f->objectives[0].score.raw = 1.3;
    f->objectives[0].score.has_value = true;
    build_checked(&in, &l);
    for (size_t i = 0; i < l.count; i++)
        if (is_objective_ring(&l.items[i]))
            ring = (int)i;
    assert_true(ring >= 0);
    assert_true(fabsf(l.items[ring].u.ring.pace - 0.63f) < 1e-6f);
    assert_true(fabsf(l.items[ring].u.ring.value - 1.3f) < 1e-6f);
    assert_true(l.items[ring].u.ring.has_value);
    {
        const Element *t = find_text(&l, "130 %");
        assert_non_null(t);
        assert_int_equal(t->u.text.percent_of, ring);
        assert_true(in_inner_circle(&l.items[ring], t->box));
        /* one objective: a big ring and a big percentage (8-10 % of the height) */
        assert_true(t->u.text.size_px >= 0.08f * 1080.0f);
        assert_true(l.items[ring].u.ring.radius * 2.0f >= 0.5f * l.safe.h);
    }
    layout_free(&l);
    okr_feed_free(f);
}

static void without_a_period_there_is_no_pace_tick(void **state)
{
    OkrFeed *f = gen_feed(2, krs_three);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    (void)state;
    f->has_expected = false;
    build_checked(&in, &l);
    for (size_t i = 0; i < l.count; i++)
        if (l.items[i].kind == EL_RING)
            assert_true(l.items[i].u.ring.pace < 0.0f);
    layout_free(&l);
    in.view.kind = VIEW_OBJECTIVE;
    build_checked(&in, &l);
    assert_null(find_text(&l, "expected"));
    layout_free(&l);
    okr_feed_free(f);
}

static void no_data_is_a_track_and_a_word_not_zero(void **state)
{
    OkrFeed *f = gen_feed(1, krs_three);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    (void)state;
    f->objectives[0].score.has_value = false;
    f->objectives[0].score.status = OKR_STATUS_NO_DATA;
    for (size_t k = 0; k < 3; k++) {
        f->objectives[0].key_results[k].score.has_value = false;
        f->objectives[0].key_results[k].score.status = OKR_STATUS_NO_DATA;
    }
    build_checked(&in, &l);
    for (size_t i = 0; i < l.count; i++) {
        if (l.items[i].kind == EL_RING)
            assert_false(l.items[i].u.ring.has_value);
        if (l.items[i].kind == EL_TEXT)
            assert_string_not_equal(l.items[i].u.text.text, "0 %");
    }
    assert_non_null(find_text(&l, "no data"));
    layout_free(&l);
    okr_feed_free(f);
}

static void status_is_colour_and_glyph_and_word(void **state)
{
    (void)state;
    assert_string_equal(layout_status_word(OKR_STATUS_ON_TRACK), "on track");
    assert_string_equal(layout_status_word(OKR_STATUS_AT_RISK), "at risk");
    assert_string_equal(layout_status_word(OKR_STATUS_OFF_TRACK), "off track");
    assert_string_equal(layout_status_word(OKR_STATUS_NO_DATA), "no data");
    assert_int_equal(layout_status_glyph(OKR_STATUS_ON_TRACK), GLYPH_CHECK);
    assert_int_equal(layout_status_glyph(OKR_STATUS_AT_RISK), GLYPH_EXCLAIM);
    assert_int_equal(layout_status_glyph(OKR_STATUS_OFF_TRACK), GLYPH_CROSS);
    assert_int_equal(layout_status_glyph(OKR_STATUS_NO_DATA), GLYPH_DASH);
    /* Okabe-Ito */
    Rgba on = layout_status_color(OKR_STATUS_ON_TRACK);
    Rgba risk = layout_status_color(OKR_STATUS_AT_RISK);
    Rgba off = layout_status_color(OKR_STATUS_OFF_TRACK);
    Rgba done = layout_status_color(OKR_STATUS_DONE);
    assert_true(on.r == 0x00 && on.g == 0x9E && on.b == 0x73);
    assert_true(risk.r == 0xE6 && risk.g == 0x9F && risk.b == 0x00);
    assert_true(off.r == 0xD5 && off.g == 0x5E && off.b == 0x00);
    assert_true(done.r == 0x56 && done.g == 0xB4 && done.b == 0xE9);
    /* FNV-1a 32 of "a" is 0xe40c292c */
    assert_int_equal(layout_hash("a"), 0xe40c292cu);
    assert_int_equal(layout_hash(""), 2166136261u);
}

static void every_card_shows_a_status_glyph_and_word(void **state)
{
    OkrFeed *f = gen_feed(5, krs_three);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    int glyphs = 0;
    (void)state;
    build_checked(&in, &l);
    for (int p = 0; p < l.page_count; p++) {
        Layout lp;
        in.view.page = p;
        build_checked(&in, &lp);
        for (size_t i = 0; i < lp.count; i++) {
            const Element *e = &lp.items[i];
            if (!is_objective_ring(e))
                continue;
            /* the objective's status word is in its card, beside its glyph */
            for (size_t o = 0; o < 5; o++) {
                const char *word = layout_status_word(f->objectives[o].score.status);
                bool found = false;
                if (e->u.ring.anim_key != layout_hash(f->objectives[o].id))
                    continue;
                for (size_t j = 0; j < lp.count; j++)
                    found |= lp.items[j].kind == EL_TEXT &&
                             strcmp(lp.items[j].u.text.text, word) == 0 &&
                             fabsf(lp.items[j].box.y - e->box.y) < 0.5f * (float)in.height;
                assert_true(found);
            }
        }
        glyphs += count_kind(&lp, EL_GLYPH);
        layout_free(&lp);
    }
    assert_true(glyphs >= 5 + 5 * 3);
    layout_free(&l);
    okr_feed_free(f);
}

static void focus_shows_values_owners_confidence_and_stale_check_ins(void **state)
{
    OkrFeed *f = gen_feed(1, krs_all8);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    bool clock = false;
    (void)state;
    /* objective 0: kr kinds are k % 6: 0 MQLs, 1 decreasing %, 2 binary, 3 no data, 4 €, 5 progress */
    f->objectives[0].key_results[1].score.stale = false;
    f->objectives[0].key_results[0].score.age_s = 3 * 86400 + 100;
    f->objectives[0].key_results[0].score.stale = true;
    in.view.kind = VIEW_OBJECTIVE;
    in.view.objective = 0;
    for (size_t s = 0; s < N_SCREENS; s++) {
        in.width = screens[s][0];
        in.height = screens[s][1];
        build_checked(&in, &l);
        assert_int_equal(count_kind(&l, EL_RING), 1 + 8);
        assert_non_null(find_text(&l, "26 / 30 MQLs"));
        assert_non_null(find_text(&l, "4.6 % → 3 %"));
        assert_non_null(find_text(&l, "€130k / €100k"));
        assert_non_null(find_text(&l, "not done"));
        assert_non_null(find_text(&l, "confidence 70 %"));
        assert_non_null(find_text(&l, "checked in 3 d ago"));
        assert_non_null(find_text(&l, "expected 63 %"));
        assert_non_null(find_text(&l, "team Growth"));
        assert_non_null(find_text(&l, "Anna Lindqvist-Bergström"));
        clock = false;
        for (size_t i = 0; i < l.count; i++)
            clock |= l.items[i].kind == EL_GLYPH && l.items[i].u.glyph.glyph == GLYPH_CLOCK;
        assert_true(clock);
        layout_free(&l);
    }
    okr_feed_free(f);
}

static void focus_lists_actions_then_counts_the_rest(void **state)
{
    OkrFeed *f = gen_feed(3, krs_three); /* objective 2 has 10 actions */
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    int boxes = 0, checked = 0;
    (void)state;
    assert_int_equal(f->objectives[2].n_actions, 10);
    f->objectives[2].actions[1].due = 1797292800; /* 2026-12-15 00:00 UTC */
    in.view.kind = VIEW_OBJECTIVE;
    in.view.objective = 2;
    build_checked(&in, &l);
    for (size_t i = 0; i < l.count; i++) {
        if (l.items[i].kind != EL_GLYPH)
            continue;
        boxes += l.items[i].u.glyph.glyph == GLYPH_BOX;
        checked += l.items[i].u.glyph.glyph == GLYPH_BOX_CHECKED;
    }
    assert_true(boxes + checked >= 1);
    assert_non_null(find_text(&l, "due Dec 15"));
    if (boxes + checked < 10) {
        char more[32];
        snprintf(more, sizeof(more), "+%d more", 10 - boxes - checked);
        assert_non_null(find_text(&l, more));
    }
    /* open actions are listed first: 6 of the 10 are open (a % 3 != 0) */
    assert_true(boxes >= (boxes + checked < 6 ? boxes + checked : 6));
    layout_free(&l);
    okr_feed_free(f);
}

static void team_view_shows_only_that_team(void **state)
{
    OkrFeed *f = gen_feed(9, krs_three);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    int rings = 0;
    (void)state;
    in.view.kind = VIEW_TEAM;
    snprintf(in.view.team, sizeof(in.view.team), "Platform");
    build_checked(&in, &l);
    for (size_t i = 0; i < l.count; i++) {
        if (!is_objective_ring(&l.items[i]))
            continue;
        rings++;
        /* objectives 1, 4, 7 are Platform's */
        assert_true(l.items[i].u.ring.anim_key == layout_hash("o1") ||
                    l.items[i].u.ring.anim_key == layout_hash("o4") ||
                    l.items[i].u.ring.anim_key == layout_hash("o7"));
    }
    assert_int_equal(rings, 3);
    assert_non_null(find_text(&l, "Platform"));
    layout_free(&l);
    okr_feed_free(f);
}

static void help_overlay_lists_every_key_over_a_scrim(void **state)
{
    OkrFeed *f = gen_feed(4, krs_three);
    static const char *const want[] = {"Left / Right",   "PgUp / PgDn",
                                       "Enter / Down",   "Esc / Backspace / Up",
                                       "1 – 9",          "Space",
                                       "H / ?",          "Any key closes",
                                       "Ring notch",     "progress expected by today",
                                       "Trend line",     "progress, a dot per standup",
                                       "Faint diagonal", "expected pace"};
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout l;
        bool scrim = false;
        in.help = true;
        build_checked(&in, &l);
        for (size_t i = 0; i < l.count; i++)
            if (is_scrim(&in, &l.items[i]))
                scrim = l.items[i].u.rect.fill.a >= 180 && l.items[i].u.rect.fill.a < 255;
        assert_true(scrim);
        for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++)
            assert_non_null(find_text(&l, want[k]));
        /* the pace marker's row sits on one line with its explanation */
        assert_true(fabsf(find_text(&l, "Ring notch")->box.y -
                          find_text(&l, "progress expected by today")->box.y) < EPS);
        /* and so do the trend line's rows */
        assert_true(fabsf(find_text(&l, "Trend line")->box.y -
                          find_text(&l, "progress, a dot per standup")->box.y) < EPS);
        assert_true(fabsf(find_text(&l, "Faint diagonal")->box.y -
                          find_text(&l, "expected pace")->box.y) < EPS);
        layout_free(&l);
    }
    okr_feed_free(f);
}

/* Key names never wrap: on a 1080 px wide portrait screen every one stays
 * on one line, with a box as wide as the whole name at 0.55 em a character. */
static void help_key_names_stay_on_one_line_in_portrait(void **state)
{
    static const char *const names[] = {"Left / Right, PgUp / PgDn", "Esc / Backspace / Up",
                                        "Enter / Down"};
    OkrFeed *f = gen_feed(4, krs_three);
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout l;
        in.help = true;
        build_checked(&in, &l);
        for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
            const Element *e = find_text(&l, names[k]);
            assert_non_null(e);
            assert_int_equal(e->u.text.max_lines, 1);
            assert_true(e->box.w >= 0.55f * (float)strlen(names[k]) * e->u.text.size_px);
        }
        layout_free(&l);
    }
    okr_feed_free(f);
}

static void without_a_feed_it_waits_under_the_header(void **state)
{
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(NULL, screens[s][0], screens[s][1]);
        Layout l;
        build_checked(&in, &l);
        assert_non_null(find_text(&l, "Waiting for data"));
        assert_non_null(find_text(&l, "09:41"));
        assert_int_equal(count_kind(&l, EL_RING), 0);
        layout_free(&l);
    }
}

static void header_shows_period_clock_badges_and_page(void **state)
{
    OkrFeed *f = gen_feed(12, krs_all8);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    char page[32];
    (void)state;
    in.view.page = 1;
    build_checked(&in, &l);
    assert_non_null(find_text(&l, "Q4 2026"));
    assert_non_null(find_text(&l, "fetched 09:30"));
    assert_non_null(find_text(&l, "offline since 09:12"));
    assert_non_null(find_text(&l, "stale 2 h"));
    assert_non_null(find_text(&l, "demo feed"));
    snprintf(page, sizeof(page), "2 / %d", l.page_count);
    assert_non_null(find_text(&l, page));
    layout_free(&l);
    okr_feed_free(f);
}

/* The badge's text box, by its full text. */
static const Element *badge_text(const Layout *l, const char *text)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_TEXT && strcmp(l->items[i].u.text.text, text) == 0)
            return &l->items[i];
    return NULL;
}

/* Starting from the disk cache without network: three badges. The first must
 * keep its time and the start of its reason: the badges take the width the
 * header has (not a third each, capped), the short ones their own width.
 * Widths by the layout's guess of 0.55 em a character, at 2.6 % of the short
 * side: "offline since 09:41: connection" is 31 characters, 17.05 em: 319 px
 * at 720p (18.72 px), 479 px at 1080p. Before, the badge got 143 px at 720p:
 * "offline since…". */
static void cached_start_badges_keep_the_time_and_the_reasons_start(void **state)
{
    OkrFeed *f = gen_feed(4, krs_three);
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        in.header.updated = "fetched Nov 24, 18:05";
        in.header.badges[0] = "offline since 09:41: connection refused";
        in.header.badge_kinds[0] = BADGE_WARN;
        in.header.badges[1] = "data 3 d old";
        in.header.badge_kinds[1] = BADGE_WARN;
        in.header.badges[2] = "cached data";
        in.header.badge_kinds[2] = BADGE_INFO;
        in.header.notice = NULL;
        Layout l;
        build_checked(&in, &l);
        float t = 0.026f * short_side(in.width, in.height);
        const Element *first = badge_text(&l, in.header.badges[0]);
        assert_non_null(first);
        if (first->box.w < 31 * 0.55f * t)
            fail_msg("%dx%d: the first badge holds %.0f px, %.0f wanted", in.width, in.height,
                     first->box.w, 31 * 0.55f * t);
        /* the short ones are not cut at all */
        for (int i = 1; i < 3; i++) {
            const Element *e = badge_text(&l, in.header.badges[i]);
            assert_non_null(e);
            assert_true(e->box.w + EPS >= (float)strlen(in.header.badges[i]) * 0.55f * t);
        }
        layout_free(&l);
    }
    okr_feed_free(f);
}

/* Nothing to show and a reason: the screen says it in large text, every
 * line whole (no cut), instead of "Waiting for data". */
static void without_data_the_problem_fills_the_screen_in_large_text(void **state)
{
    (void)state;
    static const char *const lines[4] = {
        "The feed cannot be shown",
        "The feed has an error: not JSON: the text ends early at line 1, column 17, with a bracket still "
        "open; is the file cut short?",
        "Feed: https://okr.example.com/feed.json?...",
        "Check the token (OKR_KIOSK_TOKEN or --token-file). Next try at 09:41:10."};
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(NULL, screens[s][0], screens[s][1]);
        in.header.badges[0] = in.header.badges[1] = NULL;
        in.header.problem_title = lines[0];
        in.header.problem_reason = lines[1];
        in.header.problem_where = lines[2];
        in.header.problem_todo = lines[3];
        Layout l;
        build_checked(&in, &l);
        float S = short_side(in.width, in.height);
        assert_null(find_text(&l, "Waiting for data"));
        float bottom = 0.0f;
        for (int i = 0; i < 4; i++) {
            const Element *e = badge_text(&l, lines[i]);
            assert_non_null(e);
            /* larger than the header's text (2.8 %), the title and reason more */
            assert_true(e->u.text.size_px >= (i < 2 ? 0.045f : 0.034f) * S - EPS);
            /* room for every character at 0.55 em on the lines it may use */
            float room = e->box.w * (float)e->u.text.max_lines;
            assert_true(room >= (float)strlen(lines[i]) * 0.55f * e->u.text.size_px);
            assert_true(e->box.y >= bottom); /* in order, one below the other */
            bottom = e->box.y + e->box.h;
        }
        layout_free(&l);
    }
}

/* A shifted layout is the same layout moved by the clamped shift. */
static void burn_in_shift_moves_everything_but_stays_inside(void **state)
{
    OkrFeed *f = gen_feed(4, krs_three);
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        LayoutInput in = input(f, screens[s][0], screens[s][1]);
        Layout a, b;
        float dx, dy;
        in.help = true;
        build_checked(&in, &a);
        in.shift_x = 1000.0f;
        in.shift_y = -1000.0f;
        build_checked(&in, &b);
        assert_int_equal(a.count, b.count);
        dx = b.items[a.count - 1].box.x - a.items[a.count - 1].box.x;
        dy = b.items[a.count - 1].box.y - a.items[a.count - 1].box.y;
        assert_true(dx > 0.0f && dx <= 0.01f * short_side(in.width, in.height));
        assert_true(dy < 0.0f && dy >= -0.01f * short_side(in.width, in.height));
        for (size_t i = 0; i < a.count; i++) {
            if (is_scrim(&in, &a.items[i]))
                continue;
            assert_true(fabsf(b.items[i].box.x - a.items[i].box.x - dx) < 0.01f);
            assert_true(fabsf(b.items[i].box.y - a.items[i].box.y - dy) < 0.01f);
        }
        layout_free(&a);
        layout_free(&b);
        /* no safe area (a monitor): still inside the screen */
        in.safe_frac = 0.0f;
        build_checked(&in, &b);
        layout_free(&b);
    }
    okr_feed_free(f);
}

static int krs_one(int i)
{
    (void)i;
    return 1;
}
static int krs_few(int i)
{
    return 1 + i % 4;
}

/* The focus view keeps to the area inset by the largest burn-in shift, so the
 * shifted picture stays in the safe area: a narrow key-result row stacks four
 * text boxes (title, value, owner, check-in), each with its pixel of slack. */
static void focus_view_stays_inside_at_the_largest_shift(void **state)
{
    static int (*const shapes[])(int) = {krs_one, krs_few, krs_three, krs_varied, krs_all8};
    static const float shifts[][2] = {{0, 1000}, {0, -1000}, {1000, 1000}, {-1000, -1000}};
    (void)state;
    for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
        OkrFeed *f = gen_feed(9, shapes[k]);
        for (size_t s = 0; s < N_SCREENS; s++) {
            for (size_t d = 0; d < sizeof(shifts) / sizeof(shifts[0]); d++) {
                LayoutInput in = input(f, screens[s][0], screens[s][1]);
                in.view.kind = VIEW_OBJECTIVE;
                in.shift_x = shifts[d][0];
                in.shift_y = shifts[d][1];
                for (int o = 0; o < (int)f->n_objectives; o++) {
                    Layout l;
                    in.view.objective = o;
                    build_checked(&in, &l);
                    layout_free(&l);
                }
            }
        }
        okr_feed_free(f);
    }
}

/* On tiny screens (an old 320x200 panel, a 480x272 display) the help panel
 * shrinks to stay whole: every element after the scrim, down to "Any key
 * closes", stays inside the safe area, at a legible size, without overlaps. */
static void help_overlay_stays_inside_on_tiny_screens(void **state)
{
    static const int sizes[][2] = {{320, 200}, {320, 240}, {480, 272}, {200, 320}, {400, 240}};
    OkrFeed *f = gen_feed(4, krs_three);
    (void)state;
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        for (int lang = 0; lang < 2; lang++) {
            LayoutInput in = input(f, sizes[s][0], sizes[s][1]);
            const float S = short_side(in.width, in.height);
            Layout l;
            size_t first = 0;
            bool closes = false;
            in.help = true;
            in.lang = (I18nLang)lang;
            in.shift_y = 1000.0f;
            assert_int_equal(layout_build(&in, &l), 0);
            for (size_t i = 0; i < l.count; i++)
                if (is_scrim(&in, &l.items[i]))
                    first = i + 1;
            assert_true(first > 0 && first < l.count);
            for (size_t i = first; i < l.count; i++) {
                const Element *a = &l.items[i];
                if (!layout_test_inside(l.safe, a->box))
                    fail_at("help outside the safe area", &in, i, i, &l);
                if (a->kind != EL_TEXT)
                    continue;
                if (strcmp(a->u.text.text, i18n_text(in.lang, I18N_MSG_HELP_CLOSE)) == 0)
                    closes = true;
                if (a->u.text.size_px < 0.025f * S)
                    fail_at("help text below 2.5 % of the short side", &in, i, i, &l);
                for (size_t j = i + 1; j < l.count; j++)
                    if (l.items[j].kind == EL_TEXT && layout_test_overlap(a->box, l.items[j].box))
                        fail_at("help texts overlap", &in, i, j, &l);
            }
            assert_true(closes);
            layout_free(&l);
        }
    }
    okr_feed_free(f);
}

/* Other common screens (a Pi touchscreen, old laptops, ultra-wide) keep every
 * promise too; absurd sizes only must not crash. */
/* True when s is well-formed UTF-8 (no sequence cut short). */
static bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0)
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

static void long_multibyte_texts_are_cut_between_characters(void **state)
{
    OkrFeed *f = gen_feed(1, krs_all8);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    char euros[300 + 1], owner[300 + 1];
    (void)state;
    /* 99 three-byte characters then "ab": any cut at a fixed byte count that
     * ignores characters lands inside one */
    for (int i = 0; i < 99; i++)
        memcpy(euros + 3 * i, "\xe2\x82\xac", 3);
    memcpy(euros + 297, "ab", 3);
    for (int i = 0; i < 150; i++)
        memcpy(owner + 2 * i, "\xc3\xb6", 2);
    owner[300] = '\0';
    for (size_t k = 0; k < f->objectives[0].n_key_results; k++) {
        OkrKeyResult *kr = &f->objectives[0].key_results[k];
        free(kr->unit);
        kr->unit = dup(euros);
        free(kr->owner);
        kr->owner = dup(owner);
    }
    free(f->title);
    f->title = dup(euros);
    in.header.title = f->title;
    for (int view = 0; view < 2; view++) {
        in.view.kind = view ? VIEW_OBJECTIVE : VIEW_TEAM;
        in.view.objective = 0;
        /* the team view's header joins the feed title and the team name,
         * longer together than an element holds */
        memcpy(in.view.team, owner, 62);
        in.view.team[62] = '\0';
        free(f->objectives[0].team);
        f->objectives[0].team = dup(in.view.team);
        build_checked(&in, &l);
        for (size_t i = 0; i < l.count; i++)
            if (l.items[i].kind == EL_TEXT && !utf8_valid(l.items[i].u.text.text))
                fail_at("text cut inside a UTF-8 character", &in, i, i, &l);
        layout_free(&l);
    }
    okr_feed_free(f);
}

static void other_screen_sizes_keep_the_promises(void **state)
{
    static const int sizes[][2] = {{800, 480},   {1024, 768},  {1366, 768},
                                   {2560, 1080}, {1080, 1080}, {768, 1366}};
    static const int odd[][2] = {{0, 0}, {1, 1}, {200, 100}, {100, 900}, {20000, 300}};
    OkrFeed *f = gen_feed(7, krs_varied);
    (void)state;
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        LayoutInput in = input(f, sizes[s][0], sizes[s][1]);
        Layout l;
        for (int kind = 0; kind < 3; kind++) {
            in.view.kind = (ViewKind)kind;
            in.view.objective = 5;
            snprintf(in.view.team, sizeof(in.view.team), "Growth");
            build_checked(&in, &l);
            layout_free(&l);
        }
    }
    for (size_t s = 0; s < sizeof(odd) / sizeof(odd[0]); s++) {
        LayoutInput in = input(f, odd[s][0], odd[s][1]);
        Layout l;
        in.help = true;
        for (int kind = 0; kind < 3; kind++) {
            in.view.kind = (ViewKind)kind;
            assert_int_equal(layout_build(&in, &l), 0);
            assert_true(l.page_count >= 1);
            layout_free(&l);
        }
    }
    okr_feed_free(f);
}

/* The parser allows 25 key results: cards show 7 and "+N more", the focus
 * view lists what fits and counts the rest. */
static void more_than_eight_key_results_are_counted_not_crammed(void **state)
{
    OkrFeed *f = gen_feed(3, krs_many);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    char more[32];
    (void)state;
    assert_int_equal(f->objectives[1].n_key_results, 16);
    check_all_views(f);
    in.view.selected = 1;
    build_checked(&in, &l);
    snprintf(more, sizeof(more), "+%d more", 16 - 7);
    assert_non_null(find_text(&l, more));
    layout_free(&l);
    in.view.kind = VIEW_OBJECTIVE;
    in.view.objective = 1;
    build_checked(&in, &l);
    {
        int rings = count_kind(&l, EL_RING) - 1;
        if (rings < 16) {
            snprintf(more, sizeof(more), "+%d more key results", 16 - rings);
            assert_non_null(find_text(&l, more));
        }
    }
    layout_free(&l);
    okr_feed_free(f);
}

/* Layout is a pure function: the same input gives the same elements, byte
 * for byte (rows fitted to their titles included), so a wall never flickers
 * between two arrangements of the same data. */
static void overview_is_the_same_for_the_same_input(void **state)
{
    OkrFeed *feeds[3];
    (void)state;
    feeds[0] = okr_test_demo_feed(NULL);
    feeds[1] = gen_feed(4, krs_all8);
    feeds[2] = gen_feed(12, krs_varied);
    for (size_t fi = 0; fi < 3; fi++) {
        for (size_t s = 0; s < N_SCREENS; s++) {
            LayoutInput in = input(feeds[fi], screens[s][0], screens[s][1]);
            Layout a, b;
            build_checked(&in, &a);
            build_checked(&in, &b);
            assert_int_equal(a.count, b.count);
            assert_memory_equal(a.items, b.items, a.count * sizeof(*a.items));
            layout_free(&a);
            layout_free(&b);
        }
        okr_feed_free(feeds[fi]);
    }
}

static void twelve_by_eight_builds(void **state)
{
    OkrFeed *f = gen_feed(12, krs_all8);
    LayoutInput in = input(f, 1920, 1080);
    Layout l;
    (void)state;
    for (size_t s = 0; s < N_SCREENS; s++) {
        int (*patterns[])(int) = {krs_all8, krs_three, krs_none};
        for (size_t p = 0; p < 3; p++) {
            OkrFeed *g = gen_feed(12, patterns[p]);
            LayoutInput gi = input(g, screens[s][0], screens[s][1]);
            assert_int_equal(layout_build(&gi, &l), 0);
            print_message("%dx%d 12 objectives x %d key results: %d a page, %d pages\n", gi.width,
                          gi.height, patterns[p](0), l.objectives_per_page, l.page_count);
            layout_free(&l);
            okr_feed_free(g);
        }
    }
    for (int i = 0; i < 100; i++) {
        in.view.page = i % 4;
        assert_int_equal(layout_build(&in, &l), 0);
        assert_true(l.count > 0);
        layout_free(&l);
    }
    okr_feed_free(f);
}

/* A key result at 6600 % in the focus view: the number gets the width it
 * needs and the title is cut instead. "6600 %" in DejaVu Sans Bold (the
 * widest face we fall back to) is 4 x 0.696 + 0.348 + 1.002 = 4.134 em. */
static void focus_never_cuts_a_key_results_percentage(void **state)
{
    OkrFeed *f = gen_feed(1, krs_three);
    LayoutInput in = input(f, 1280, 720);
    Layout l;
    static const int sizes[][2] = {{1280, 720}, {1080, 1920}, {1920, 1080}, {3840, 2160}};
    (void)state;
    f->objectives[0].key_results[0].score.raw = 66.0;
    f->objectives[0].key_results[0].score.has_value = true;
    f->objectives[0].key_results[0].score.status = OKR_STATUS_DONE;
    in.view.kind = VIEW_OBJECTIVE;
    in.view.objective = 0;
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        const Element *p, *title = NULL;
        in.width = sizes[s][0];
        in.height = sizes[s][1];
        build_checked(&in, &l);
        p = find_text(&l, "6600 %");
        assert_non_null(p);
        assert_true(p->box.w >= 4.134f * p->u.text.size_px);
        assert_int_equal(p->u.text.max_lines, 1);
        for (size_t i = 0; i < l.count; i++)
            if (l.items[i].kind == EL_TEXT &&
                !strcmp(l.items[i].u.text.text, f->objectives[0].key_results[0].title))
                title = &l.items[i];
        assert_non_null(title);
        /* the title on the percentage's line ends before the number */
        if (title->box.y + title->box.h > p->box.y && p->box.y + p->box.h > title->box.y)
            assert_true(title->box.x + title->box.w <= p->box.x - 1.3f * p->u.text.size_px);
        print_message("%dx%d: \"6600 %%\" box %.0f px wide at %.0f px\n", in.width, in.height,
                      p->box.w, p->u.text.size_px);
        layout_free(&l);
    }
    okr_feed_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_is_colour_and_glyph_and_word),
        cmocka_unit_test(layout_never_overlaps_or_leaves_the_safe_area),
        cmocka_unit_test(demo_feed_lays_out_in_every_view),
        cmocka_unit_test(long_multibyte_texts_are_cut_between_characters),
        cmocka_unit_test(overview_key_result_titles_get_a_wide_box),
        cmocka_unit_test(card_rows_line_up_across_a_page),
        cmocka_unit_test(smallest_text_is_at_least_2_5_percent_of_the_short_side),
        cmocka_unit_test(four_objectives_fill_the_screen),
        cmocka_unit_test(more_objectives_than_fit_go_to_balanced_pages),
        cmocka_unit_test(selected_objective_gets_an_outline),
        cmocka_unit_test(anim_keys_are_stable_across_calls_and_views),
        cmocka_unit_test(duplicate_titles_without_ids_still_get_unique_keys),
        cmocka_unit_test(objective_ring_has_pace_tick_and_centre_percentage),
        cmocka_unit_test(absurd_and_almost_done_percentages_use_the_shared_formatter),
        cmocka_unit_test(focus_never_cuts_a_key_results_percentage),
        cmocka_unit_test(without_a_period_there_is_no_pace_tick),
        cmocka_unit_test(no_data_is_a_track_and_a_word_not_zero),
        cmocka_unit_test(every_card_shows_a_status_glyph_and_word),
        cmocka_unit_test(focus_shows_values_owners_confidence_and_stale_check_ins),
        cmocka_unit_test(focus_lists_actions_then_counts_the_rest),
        cmocka_unit_test(team_view_shows_only_that_team),
        cmocka_unit_test(help_overlay_lists_every_key_over_a_scrim),
        cmocka_unit_test(help_key_names_stay_on_one_line_in_portrait),
        cmocka_unit_test(help_overlay_stays_inside_on_tiny_screens),
        cmocka_unit_test(focus_view_stays_inside_at_the_largest_shift),
        cmocka_unit_test(without_a_feed_it_waits_under_the_header),
        cmocka_unit_test(header_shows_period_clock_badges_and_page),
        cmocka_unit_test(cached_start_badges_keep_the_time_and_the_reasons_start),
        cmocka_unit_test(without_data_the_problem_fills_the_screen_in_large_text),
        cmocka_unit_test(burn_in_shift_moves_everything_but_stays_inside),
        cmocka_unit_test(other_screen_sizes_keep_the_promises),
        cmocka_unit_test(more_than_eight_key_results_are_counted_not_crammed),
        cmocka_unit_test(twelve_by_eight_builds),
        cmocka_unit_test(overview_is_the_same_for_the_same_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
