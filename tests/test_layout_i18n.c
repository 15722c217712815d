/*
 * test_layout_i18n: the words and numbers the layout writes itself follow
 * LayoutInput.lang: German status words, "Check-in vor ...", "Zuversicht",
 * "fällig 5. Dez.", help texts, the waiting screen, and decimal commas in the
 * key results' value lines ("2,3 / 3 %"). English stays the default.
 * Built on the real parser and scorer with the bundled demo feed; expected
 * texts worked out from the feed's values by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "okr_parse.h"
#include "okr_score.h"

#define NOW 1795685400 /* 2026-11-26T09:30:00Z */

static OkrFeed *demo;

static int setup(void **state)
{
    (void)state;
    FILE *f = fopen(OKR_SOURCE_DIR "/assets/demo-feed.json", "rb");
    if (f == NULL)
        return -1;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    OkrLimits limits = okr_limits_default();
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    demo = okr_feed_parse(buf, n, &limits, &diags);
    okr_diag_list_free(&diags);
    if (demo == NULL)
        return -1;
    OkrScoreConfig sc = okr_score_config_default();
    okr_score_feed(demo, &sc, NOW);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    okr_feed_free(demo);
    return 0;
}

static Layout build(const OkrFeed *feed, ViewKind kind, int objective, bool help, I18nLang lang,
                    int w, int h)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = feed;
    in.view.kind = kind;
    in.view.objective = objective;
    in.view.selected = -1;
    in.help = help;
    in.width = w;
    in.height = h;
    in.safe_frac = 0.05f;
    in.lang = lang;
    Layout out = {0};
    assert_int_equal(layout_build(&in, &out), 0);
    return out;
}

static bool has_text(const Layout *l, const char *text)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_TEXT && strcmp(l->items[i].u.text.text, text) == 0)
            return true;
    return false;
}

static bool has_prefix(const Layout *l, const char *prefix)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == EL_TEXT &&
            strncmp(l->items[i].u.text.text, prefix, strlen(prefix)) == 0)
            return true;
    return false;
}

static void the_german_focus_view_writes_decimal_commas(void **state)
{
    (void)state;
    /* objective 4: 2.3 of 3 %, 13 of 20 %, 30 h falling to 4 h */
    Layout l = build(demo, VIEW_OBJECTIVE, 3, false, I18N_DE, 1920, 1080);
    assert_true(has_text(&l, "2,3 / 3 %"));
    assert_true(has_text(&l, "13 / 20 %"));
    assert_true(has_text(&l, "30 h \xe2\x86\x92 4 h"));
    assert_false(has_text(&l, "2.3 / 3 %"));
    layout_free(&l);
    /* objective 3: 17,400 of 20,000 sessions, 2.8 s at most 2.5 s */
    l = build(demo, VIEW_OBJECTIVE, 2, false, I18N_DE, 1920, 1080);
    assert_true(has_text(&l, "17,4k / 20k sessions"));
    assert_true(has_text(&l, "2,8 s \xe2\x86\x92 2,5 s"));
    layout_free(&l);
}

static void the_german_focus_view_speaks_german(void **state)
{
    (void)state;
    static const char *const english[] = {"on track", "at risk", "off track",  "done",
                                          "not done", "no data", "not started"};
    /* objective 1: on track, three actions of which one is done */
    Layout l = build(demo, VIEW_OBJECTIVE, 0, false, I18N_DE, 1920, 1080);
    assert_true(has_text(&l, "im Plan"));
    assert_true(has_text(&l, "Ma\xc3\x9fnahmen \xc2\xb7 1 von 3 erledigt"));
    assert_true(has_prefix(&l, "Check-in vor "));
    assert_true(has_prefix(&l, "Ben Okafor \xc2\xb7 Zuversicht 70 %"));
    assert_true(has_prefix(&l, "f\xc3\xa4llig "));
    assert_true(has_text(&l, "Team Marketing"));
    assert_true(has_prefix(&l, "Soll heute "));
    for (size_t i = 0; i < l.count; i++) {
        const Element *e = &l.items[i];
        if (e->kind != EL_TEXT)
            continue;
        for (size_t k = 0; k < sizeof(english) / sizeof(english[0]); k++)
            if (strcmp(e->u.text.text, english[k]) == 0)
                fail_msg("English \"%s\" in the German focus view", english[k]);
        if (strstr(e->u.text.text, "checked in") || strstr(e->u.text.text, "confidence") ||
            strncmp(e->u.text.text, "due ", 4) == 0)
            fail_msg("English \"%s\" in the German focus view", e->u.text.text);
    }
    layout_free(&l);
}

static void english_stays_the_default(void **state)
{
    (void)state;
    Layout l = build(demo, VIEW_OBJECTIVE, 3, false, I18N_EN, 1920, 1080);
    assert_true(has_text(&l, "2.3 / 3 %"));
    assert_true(has_prefix(&l, "checked in "));
    layout_free(&l);
    l = build(demo, VIEW_OBJECTIVE, 0, false, I18N_EN, 1920, 1080);
    assert_true(has_text(&l, "on track"));
    assert_true(has_text(&l, "Actions \xc2\xb7 1 of 3 done"));
    layout_free(&l);
}

static void help_and_the_waiting_screen_are_german(void **state)
{
    (void)state;
    Layout l = build(demo, VIEW_OVERVIEW, 0, true, I18N_DE, 1920, 1080);
    assert_true(has_text(&l, "Tasten"));
    assert_true(has_text(&l, "zur\xc3\xbc"
                             "ck / weiter"));
    assert_true(has_text(&l, "Beliebige Taste schlie\xc3\x9ft"));
    assert_false(has_text(&l, "Keys"));
    layout_free(&l);
    l = build(NULL, VIEW_OVERVIEW, 0, false, I18N_DE, 1920, 1080);
    assert_true(has_text(&l, "Warte auf Daten\xe2\x80\xa6"));
    layout_free(&l);
}

/* Longer German words still fit: every element inside the screen. */
static void german_views_stay_on_screen(void **state)
{
    (void)state;
    const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
    for (size_t s = 0; s < 4; s++) {
        for (int v = -2; v < (int)demo->n_objectives; v++) {
            int w = sizes[s][0], h = sizes[s][1];
            Layout l = build(demo, v < 0 ? VIEW_OVERVIEW : VIEW_OBJECTIVE, v < 0 ? 0 : v, v == -1,
                             I18N_DE, w, h);
            for (size_t i = 0; i < l.count; i++) {
                Box b = l.items[i].box;
                if (b.x < -0.5f || b.y < -0.5f || b.x + b.w > (float)w + 0.5f ||
                    b.y + b.h > (float)h + 0.5f)
                    fail_msg("%dx%d view %d: element %zu outside the screen", w, h, v, i);
            }
            layout_free(&l);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_german_focus_view_writes_decimal_commas),
        cmocka_unit_test(the_german_focus_view_speaks_german),
        cmocka_unit_test(english_stays_the_default),
        cmocka_unit_test(help_and_the_waiting_screen_are_german),
        cmocka_unit_test(german_views_stay_on_screen),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
