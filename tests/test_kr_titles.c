/*
 * test_kr_titles: how many key-result titles of the bundled demo feed a
 * viewer can read whole on the overview: laid out by the real layout, then
 * wrapped by the real text cache with the system's fonts (Inter, else DejaVu
 * Sans) exactly as the renderer draws them, at 1280x720, 1920x1080,
 * 3840x2160 and portrait 1080x1920, without and with change marks. A title is
 * whole when every character of it is drawn and no line ends in an ellipsis.
 * Prints the shares (the README quotes them) and the titles that are cut.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "okr_delta.h"
#include "okr_parse.h"
#include "okr_score.h"
#include "okr_test_support.h"
#include "render.h"
#include "render_target.h"

static const int screens[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
#define N_SCREENS (sizeof(screens) / sizeof(screens[0]))

/* A history in which every key result and objective moved since the
 * reference, alternately up and down by two-digit points: the widest change
 * marks the overview can get, so the titles get the least width. */
static void make_deltas(const OkrFeed *f, int64_t now, OkrDeltaSet *out)
{
    OkrSamples *s = okr_samples_new();
    char key[OKR_DELTA_KEY_MAX];
    int64_t at = now - 2 * 86400;
    long shift = 12;
    assert_non_null(s);
    for (size_t o = 0; o < f->n_objectives; o++) {
        const OkrObjective *obj = &f->objectives[o];
        OkrSample smp = okr_delta_sample_objective(obj, at);
        okr_delta_key_objective(obj, key, sizeof(key));
        smp.progress -= (double)shift / 100.0;
        assert_int_equal(okr_samples_add(s, key, &smp), 0);
        for (size_t k = 0; k < obj->n_key_results; k++) {
            shift = -shift;
            okr_delta_key_kr(obj, &obj->key_results[k], key, sizeof(key));
            smp = okr_delta_sample_kr(&obj->key_results[k], at);
            smp.progress -= (double)shift / 100.0;
            assert_int_equal(okr_samples_add(s, key, &smp), 0);
        }
    }
    assert_int_equal(okr_delta_compute(f, s, now - 86400, now, NULL, 0, out), 0);
    okr_samples_free(s);
}

/* The header the demo feed's overview gets from the app. */
static LayoutInput input(const OkrFeed *f, int w, int h, const OkrDeltaSet *deltas)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = f;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.view.kind = VIEW_OVERVIEW;
    in.view.selected = -1;
    in.header.title = "Marketing OKRs";
    in.header.period = "Q4 2026 \xC2\xB7 day 57 of 92";
    in.header.period_elapsed = 0.62;
    in.header.clock = "09:41";
    in.header.updated = "fetched 09:30";
    in.header.notice = "demo feed";
    in.header.since = deltas ? "since Tue 09:30" : NULL;
    in.deltas = deltas;
    return in;
}

/* The text with every whitespace run removed, to compare what is drawn
 * (lines joined by '\n') with the title. */
static void squeeze(const char *in, char *out, size_t outlen)
{
    size_t n = 0;
    for (; *in && n + 1 < outlen; in++)
        if (*in != ' ' && *in != '\n')
            out[n++] = *in;
    out[n] = '\0';
}

/* The text element showing this title, or NULL. */
static const Element *title_element(const Layout *l, const char *title)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_TEXT && strcmp(l->items[i].u.text.text, title) == 0)
            return &l->items[i];
    return NULL;
}

/* Key-result titles shown whole on the overview of w x h; *total gets how
 * many there are. Prints those that are cut. */
static int whole_titles(Renderer *r, const OkrFeed *f, int w, int h, const OkrDeltaSet *deltas,
                        int *total)
{
    LayoutInput in = input(f, w, h, deltas);
    Layout l;
    int whole = 0;
    memset(&l, 0, sizeof(l));
    assert_int_equal(layout_build(&in, &l), 0);
    assert_int_equal(l.page_count, 1);
    *total = 0;
    for (size_t o = 0; o < f->n_objectives; o++) {
        for (size_t k = 0; k < f->objectives[o].n_key_results; k++) {
            const char *title = f->objectives[o].key_results[k].title;
            const Element *e = title_element(&l, title);
            char drawn[1024], a[LAYOUT_TEXT_MAX], b[1024];
            (*total)++;
            assert_non_null(e);
            assert_true(e->u.text.size_px >= 0.025f * (float)(w < h ? w : h));
            assert_true(render_text_as_drawn(r, e, drawn, sizeof(drawn)) > 0);
            squeeze(title, a, sizeof(a));
            squeeze(drawn, b, sizeof(b));
            if (strcmp(a, b) == 0)
                whole++;
            else
                print_message("  %dx%d%s cut: \"%s\" (%.0f px box, %d lines)\n", w, h,
                              deltas ? " marks" : "", drawn, e->box.w, e->u.text.max_lines);
        }
    }
    layout_free(&l);
    return whole;
}

/* The share of demo key-result titles shown whole, printed for the four
 * sizes with and without change marks. The target, all of them at
 * 1920x1080, does not fit one page of four cards at the minimum text size
 * (see the README); what is asserted is worked out by hand: without marks,
 * "Send 3 email newsletters" (about 12 em) fits its line at every size, and
 * the bottom row of cards, whose objective titles take one line, gives the
 * freed line to its key results, so "Publish 10 SEO-optimised blog
 * articles" (about 19 em in a title box of 14 to 15 em) wraps whole onto
 * two; before titles could wrap only the first was whole. */
static void demo_key_result_titles_wrap_to_two_lines_where_the_card_has_room(void **state)
{
    int64_t now;
    OkrFeed *f = okr_test_demo_feed(&now);
    OkrDeltaSet deltas;
    Target t = target_new(64, 64);
    memset(&deltas, 0, sizeof(deltas));
    (void)state;
    make_deltas(f, now, &deltas);
    for (int marks = 0; marks <= 1; marks++) {
        for (size_t s = 0; s < N_SCREENS; s++) {
            int w = screens[s][0], h = screens[s][1], total;
            int whole = whole_titles(t.r, f, w, h, marks ? &deltas : NULL, &total);
            print_message("%s %dx%d: %d of %d key-result titles whole (%.0f %%)\n",
                          marks ? "with change marks" : "no history", w, h, whole, total,
                          100.0 * whole / total);
            assert_int_equal(total, 16);
            if (!marks)
                assert_true(whole >= 2);
        }
    }
    target_free(&t);
    okr_delta_set_free(&deltas);
    okr_feed_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_key_result_titles_wrap_to_two_lines_where_the_card_has_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
