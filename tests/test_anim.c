/*
 * test_anim: ring value sweeps and view transitions.
 *
 * Ease-out is cubic: e(t) = 1 - (1 - t)^3. By hand: e(0.5) = 1 - 0.125 = 0.875,
 * e(0.25) = 1 - 0.421875 = 0.578125, e(0.75) = 1 - 0.015625 = 0.984375.
 * A sweep lasts 800 ms, so t = 0.5 is 400 ms after it starts.
 *
 * A change mark drawing in is at e(t) of the way: its fade is 1 - e(t) and
 * it sits (1 - e(t)) * rise below (rise > 0) or above its place. With
 * rise = 16 px: 0 ms fade 1, 16 px off; 400 ms fade 0.125, 2 px off;
 * 800 ms fade 0, in place.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "anim.h"

#define EPS 1e-5

static void ease_out_has_the_cubic_values_by_hand(void **state)
{
    (void)state;
    assert_float_equal(anim_ease_out(0.0f), 0.0, EPS);
    assert_float_equal(anim_ease_out(0.25f), 0.578125, EPS);
    assert_float_equal(anim_ease_out(0.5f), 0.875, EPS);
    assert_float_equal(anim_ease_out(0.75f), 0.984375, EPS);
    assert_float_equal(anim_ease_out(1.0f), 1.0, EPS);
    assert_float_equal(anim_ease_out(-1.0f), 0.0, EPS);
    assert_float_equal(anim_ease_out(2.0f), 1.0, EPS);
}

static void first_data_sweeps_up_from_zero(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    assert_non_null(a);
    assert_float_equal(anim_value(a, 7, 0.8f, 1000), 0.0, EPS);
    assert_true(anim_active(a, 1000));
    /* 400 ms in: 0.8 * 0.875 = 0.7 */
    assert_float_equal(anim_value(a, 7, 0.8f, 1400), 0.7, EPS);
    /* 200 ms in: 0.8 * 0.578125 = 0.4625 */
    assert_float_equal(anim_value(a, 7, 0.8f, 1200), 0.4625, EPS);
    anim_free(a);
}

static void a_sweep_ends_at_the_target_after_800_ms(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    anim_value(a, 1, 0.5f, 0);
    /* 700 ms: 0.5 * (1 - 0.125^3) = 0.4990234375 */
    assert_true(anim_active(a, 700));
    assert_float_equal(anim_value(a, 1, 0.5f, 700), 0.4990234375, EPS);
    assert_float_equal(anim_value(a, 1, 0.5f, 800), 0.5, EPS);
    assert_false(anim_active(a, 800));
    assert_float_equal(anim_value(a, 1, 0.5f, 5000), 0.5, EPS);
    anim_free(a);
}

static void a_new_target_sweeps_from_the_old_value(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    anim_value(a, 1, 0.2f, 0);
    assert_float_equal(anim_value(a, 1, 0.2f, 1000), 0.2, EPS);
    assert_false(anim_active(a, 1000));
    /* new data at 2000: 0.2 -> 0.6; at 2400: 0.2 + 0.4 * 0.875 = 0.55 */
    assert_float_equal(anim_value(a, 1, 0.6f, 2000), 0.2, EPS);
    assert_float_equal(anim_value(a, 1, 0.6f, 2400), 0.55, EPS);
    assert_float_equal(anim_value(a, 1, 0.6f, 2800), 0.6, EPS);
    anim_free(a);
}

static void a_target_changed_mid_sweep_starts_from_the_shown_value(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    anim_value(a, 3, 1.0f, 0);
    /* at 400 ms the ring shows 0.875; the target drops to 0.5 */
    assert_float_equal(anim_value(a, 3, 0.5f, 400), 0.875, EPS);
    /* 400 ms into the new sweep: 0.875 + (0.5 - 0.875) * 0.875 = 0.546875 */
    assert_float_equal(anim_value(a, 3, 0.5f, 800), 0.546875, EPS);
    assert_float_equal(anim_value(a, 3, 0.5f, 1200), 0.5, EPS);
    anim_free(a);
}

static void keys_animate_independently(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    /* enough keys to make the table grow a few times */
    for (uint32_t k = 0; k < 500; k++)
        anim_value(a, k, 1.0f, 0);
    anim_value(a, 1000, 1.0f, 400);
    assert_float_equal(anim_value(a, 42, 1.0f, 400), 0.875, EPS);
    assert_float_equal(anim_value(a, 1000, 1.0f, 400), 0.0, EPS);
    assert_float_equal(anim_value(a, 499, 1.0f, 800), 1.0, EPS);
    assert_true(anim_active(a, 800));
    assert_false(anim_active(a, 1200));
    anim_free(a);
}

static void reduce_motion_shows_targets_at_once(void **state)
{
    (void)state;
    Animator *a = anim_new(true);
    assert_float_equal(anim_value(a, 1, 0.7f, 0), 0.7, EPS);
    assert_float_equal(anim_value(a, 1, 0.3f, 10), 0.3, EPS);
    assert_false(anim_active(a, 10));
    ViewTransition t;
    TransitionFrame f;
    anim_transition_start(&t, 1, 0, true);
    assert_false(anim_transition_frame(&t, 0, 1920, &f));
    assert_float_equal(f.new_dx, 0.0, EPS);
    assert_float_equal(f.new_opacity, 1.0, EPS);
    anim_free(a);
}

static void nothing_is_animating_when_idle(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    assert_false(anim_active(a, 0));
    anim_value(a, 9, 0.0f, 0); /* 0 -> 0 is no sweep */
    assert_false(anim_active(a, 0));
    anim_value(a, 9, 0.4f, 100);
    anim_settle(a);
    assert_false(anim_active(a, 100));
    assert_float_equal(anim_value(a, 9, 0.4f, 100), 0.4, EPS);
    anim_free(a);
}

static void apply_animates_rings_and_rewrites_their_percent_text(void **state)
{
    (void)state;
    Element items[3];
    memset(items, 0, sizeof(items));
    items[0].kind = EL_RING;
    items[0].u.ring.has_value = true;
    items[0].u.ring.value = 1.3f;
    items[0].u.ring.anim_key = 11;
    items[1].kind = EL_TEXT;
    snprintf(items[1].u.text.text, sizeof(items[1].u.text.text), "130 %%");
    items[1].u.text.percent_of = 0;
    items[2].kind = EL_TEXT;
    snprintf(items[2].u.text.text, sizeof(items[2].u.text.text), "title");
    items[2].u.text.percent_of = -1;
    Layout l = {.items = items, .count = 3, .cap = 3};

    Animator *a = anim_new(false);
    anim_apply(a, &l, 0);
    assert_float_equal(items[0].u.ring.value, 0.0, EPS);
    assert_string_equal(items[1].u.text.text, "0 %");
    /* 400 ms: 1.3 * 0.875 = 1.1375 -> "114 %" */
    items[0].u.ring.value = 1.3f;
    anim_apply(a, &l, 400);
    assert_float_equal(items[0].u.ring.value, 1.1375, EPS);
    assert_string_equal(items[1].u.text.text, "114 %");
    assert_string_equal(items[2].u.text.text, "title");
    items[0].u.ring.value = 1.3f;
    anim_apply(a, &l, 800);
    assert_string_equal(items[1].u.text.text, "130 %");
    anim_free(a);
}

/* A raw progress of 5000 is 500000 %: past the cap of 9999, the ring's text
 * reads "9999+ %" as the layout and --check write it; 0.995 is 99 %. */
static void apply_writes_percent_text_with_the_shared_cap_and_never_100_early(void **state)
{
    (void)state;
    Element items[2];
    memset(items, 0, sizeof(items));
    items[0].kind = EL_RING;
    items[0].u.ring.has_value = true;
    items[0].u.ring.value = 5000.0f;
    items[0].u.ring.anim_key = 12;
    items[1].kind = EL_TEXT;
    items[1].u.text.percent_of = 0;
    Layout l = {.items = items, .count = 2, .cap = 2};
    Animator *a = anim_new(true);
    anim_apply(a, &l, 0);
    assert_string_equal(items[1].u.text.text, "9999+ %");
    items[0].u.ring.value = 0.995f;
    anim_apply(a, &l, 10);
    assert_string_equal(items[1].u.text.text, "99 %");
    anim_free(a);
}

/* 350 ms: the old view for the first 40 % (140 ms), then the new one; each
 * moves 8 % of the width (80 px of 1000). */
static void a_slide_fades_the_old_view_out_then_the_new_one_in_from_the_side_of_travel(void **state)
{
    (void)state;
    ViewTransition t;
    TransitionFrame f;
    anim_transition_start(&t, 1, 1000, false);
    assert_true(anim_transition_frame(&t, 1000, 1000.0f, &f));
    assert_float_equal(f.old_dx, 0.0, EPS);
    assert_float_equal(f.old_opacity, 1.0, EPS);
    assert_float_equal(f.new_opacity, 0.0, EPS);
    /* 70 ms: half the fade-out, a quarter of the way (speeding up) */
    assert_true(anim_transition_frame(&t, 1070, 1000.0f, &f));
    assert_float_equal(f.old_dx, -20.0, 1e-3);
    assert_float_equal(f.old_opacity, 0.5, 1e-5);
    assert_float_equal(f.new_opacity, 0.0, EPS);
    /* 245 ms: half the fade-in, eased 0.875: 10 px to go; the old view gone */
    assert_true(anim_transition_frame(&t, 1245, 1000.0f, &f));
    assert_float_equal(f.new_dx, 10.0, 1e-3);
    assert_float_equal(f.new_opacity, 0.875, 1e-5);
    assert_float_equal(f.old_opacity, 0.0, EPS);
    assert_false(anim_transition_frame(&t, 1350, 1000.0f, &f));
    assert_false(t.active);
    assert_float_equal(f.new_dx, 0.0, EPS);
    assert_float_equal(f.new_opacity, 1.0, EPS);

    /* back: the old view leaves to the right, the new one comes from the left */
    anim_transition_start(&t, -1, 0, false);
    anim_transition_frame(&t, 70, 1000.0f, &f);
    assert_float_equal(f.old_dx, 20.0, 1e-3);
    anim_transition_frame(&t, 245, 1000.0f, &f);
    assert_float_equal(f.new_dx, -10.0, 1e-3);

    /* never both views at once */
    anim_transition_start(&t, 1, 0, false);
    for (uint64_t ms = 0; ms < ANIM_VIEW_MS; ms += 5) {
        assert_true(anim_transition_frame(&t, ms, 1000.0f, &f));
        assert_true(f.old_opacity <= 0.0f || f.new_opacity <= 0.0f);
    }

    anim_transition_start(&t, 0, 0, false);
    anim_transition_frame(&t, 175, 1000.0f, &f);
    assert_float_equal(f.new_dx, 0.0, EPS);
    assert_float_equal(f.new_opacity, 0.875, EPS);
    assert_float_equal(f.old_opacity, 0.125, EPS);
}

/* A ring (key 21) at value, and beside it a change mark of points made of a
 * glyph and a text at y = 100, rising 16 px (falling when points < 0). */
enum { MARK_RING, MARK_GLYPH, MARK_TEXT, MARK_N };

static void mark_layout(Element *items, Layout *l, float value, long points, bool complete)
{
    memset(items, 0, sizeof(*items) * MARK_N);
    items[MARK_RING].kind = EL_RING;
    items[MARK_RING].u.ring.has_value = true;
    items[MARK_RING].u.ring.value = value;
    items[MARK_RING].u.ring.anim_key = 21;
    items[MARK_GLYPH].kind = EL_GLYPH;
    items[MARK_GLYPH].box = (Box){10, 100, 20, 20};
    items[MARK_TEXT].kind = EL_TEXT;
    items[MARK_TEXT].box = (Box){30, 100, 60, 40};
    items[MARK_TEXT].u.text.percent_of = -1;
    snprintf(items[MARK_TEXT].u.text.text, sizeof(items[MARK_TEXT].u.text.text), "%+ld", points);
    for (int i = MARK_GLYPH; i <= MARK_TEXT; i++)
        items[i].mark = (ElementMark){21, points, points > 0 ? 16.0f : -16.0f};
    /* no mark: the ring alone */
    *l = (Layout){.items = items, .count = points != 0 ? MARK_N : 1, .cap = MARK_N};
    l->marks_complete = complete;
}

typedef struct {
    uint64_t t;
    float fade, y; /* expected for both the glyph and the text */
} MarkRow;

/* Builds the layout afresh for each row (as the loop copies its base layout
 * before animating it) and checks the mark at that time. */
static void check_mark_rows(Animator *a, float value, long points, const MarkRow *rows, size_t n)
{
    Element items[MARK_N];
    Layout l;
    for (size_t i = 0; i < n; i++) {
        mark_layout(items, &l, value, points, true);
        anim_apply(a, &l, rows[i].t);
        for (int e = MARK_GLYPH; e <= MARK_TEXT; e++) {
            if (fabsf(items[e].fade - rows[i].fade) > 1e-5f ||
                fabsf(items[e].box.y - rows[i].y) > 1e-4f)
                fail_msg("at %llu ms element %d: fade %f y %f, expected fade %f y %f",
                         (unsigned long long)rows[i].t, e, (double)items[e].fade,
                         (double)items[e].box.y, (double)rows[i].fade, (double)rows[i].y);
        }
    }
}

static void a_new_mark_fades_in_and_rises_into_place_in_800_ms(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    const MarkRow rows[] = {
        {1000, 1.0f, 116.0f},       /* just appeared: transparent, 16 px low */
        {1200, 0.421875f, 106.75f}, /* 1 - 0.578125; 100 + 16 * 0.421875 */
        {1400, 0.125f, 102.0f},     {1800, 0.0f, 100.0f}, {5000, 0.0f, 100.0f},
    };
    check_mark_rows(a, 0.5f, 8, rows, sizeof(rows) / sizeof(rows[0]));
    anim_free(a);
}

static void a_mark_that_fell_comes_down_into_place(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    const MarkRow rows[] = {
        {0, 1.0f, 84.0f},
        {400, 0.125f, 98.0f},
        {800, 0.0f, 100.0f},
    };
    check_mark_rows(a, 0.5f, -3, rows, sizeof(rows) / sizeof(rows[0]));
    anim_free(a);
}

/* The mark draws in while its ring sweeps, with the same timing. */
static void a_mark_draws_in_with_its_ring(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    Element items[MARK_N];
    Layout l;
    mark_layout(items, &l, 0.2f, 0, true);
    anim_apply(a, &l, 0);
    mark_layout(items, &l, 0.2f, 0, true);
    anim_apply(a, &l, 1000);
    assert_false(anim_active(a, 1000));
    /* new data at 2000: the ring 0.2 -> 0.6 and "+40" appears */
    mark_layout(items, &l, 0.6f, 40, true);
    anim_apply(a, &l, 2000);
    assert_float_equal(items[MARK_RING].u.ring.value, 0.2, EPS);
    assert_float_equal(items[MARK_TEXT].fade, 1.0, EPS);
    mark_layout(items, &l, 0.6f, 40, true);
    anim_apply(a, &l, 2400);
    assert_float_equal(items[MARK_RING].u.ring.value, 0.55, EPS);
    assert_float_equal(items[MARK_TEXT].fade, 0.125, EPS);
    assert_true(anim_active(a, 2799));
    assert_false(anim_active(a, 2800));
    anim_free(a);
}

static void reduce_motion_shows_marks_in_place_at_once(void **state)
{
    (void)state;
    Animator *a = anim_new(true);
    const MarkRow rows[] = {
        {0, 0.0f, 100.0f},
        {400, 0.0f, 100.0f},
    };
    check_mark_rows(a, 0.5f, 8, rows, 2);
    assert_false(anim_active(a, 0));
    /* a new number is in place at once too */
    check_mark_rows(a, 0.5f, 9, rows, 1);
    assert_false(anim_active(a, 0));
    anim_free(a);
}

/* The loop rebuilds the layout every minute and on every refresh: a mark
 * showing the same number stays where it is. */
static void an_unchanged_mark_does_not_draw_in_again_on_a_refresh(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    const MarkRow first[] = {{0, 1.0f, 116.0f}, {800, 0.0f, 100.0f}};
    const MarkRow again[] = {{60000, 0.0f, 100.0f}, {60400, 0.0f, 100.0f}};
    check_mark_rows(a, 0.5f, 8, first, 2);
    assert_false(anim_active(a, 800));
    check_mark_rows(a, 0.5f, 8, again, 2);
    assert_false(anim_active(a, 60000));
    anim_free(a);
}

static void a_mark_with_a_new_number_draws_in_again(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    const MarkRow first[] = {{0, 1.0f, 116.0f}, {800, 0.0f, 100.0f}};
    const MarkRow next[] = {{2000, 1.0f, 116.0f}, {2400, 0.125f, 102.0f}, {2800, 0.0f, 100.0f}};
    check_mark_rows(a, 0.5f, 8, first, 2);
    check_mark_rows(a, 0.5f, 9, next, 3);
    /* from "+9" to "-2": it now comes down from above */
    const MarkRow down[] = {{3000, 1.0f, 84.0f}, {3400, 0.125f, 98.0f}};
    check_mark_rows(a, 0.5f, -2, down, 2);
    anim_free(a);
}

/* The overview places every ring's mark (marks_complete): a ring shown there
 * without one has none, and when the same "+8" comes back it is new again.
 * The focus view shows rings without marks: that forgets nothing. */
static void a_mark_back_after_it_was_gone_draws_in_again(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    Element items[MARK_N];
    Layout l;
    const MarkRow first[] = {{0, 1.0f, 116.0f}, {800, 0.0f, 100.0f}};
    const MarkRow back[] = {{3000, 1.0f, 116.0f}, {3400, 0.125f, 102.0f}};
    const MarkRow still[] = {{5000, 0.0f, 100.0f}};
    check_mark_rows(a, 0.5f, 8, first, 2);
    /* a view without marks (not complete): the mark is kept */
    mark_layout(items, &l, 0.5f, 0, false);
    anim_apply(a, &l, 1000);
    check_mark_rows(a, 0.5f, 8, still, 1);
    assert_false(anim_active(a, 5000));
    /* the overview with the ring and no mark: it is gone */
    mark_layout(items, &l, 0.5f, 0, true);
    anim_apply(a, &l, 2000);
    assert_false(anim_active(a, 2000));
    check_mark_rows(a, 0.5f, 8, back, 2);
    anim_free(a);
}

static void settle_puts_marks_in_place(void **state)
{
    (void)state;
    Animator *a = anim_new(false);
    const MarkRow first[] = {{0, 1.0f, 116.0f}};
    const MarkRow settled[] = {{100, 0.0f, 100.0f}};
    check_mark_rows(a, 0.5f, 8, first, 1);
    assert_true(anim_active(a, 100));
    anim_settle(a);
    assert_false(anim_active(a, 100));
    check_mark_rows(a, 0.5f, 8, settled, 1);
    anim_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ease_out_has_the_cubic_values_by_hand),
        cmocka_unit_test(first_data_sweeps_up_from_zero),
        cmocka_unit_test(a_sweep_ends_at_the_target_after_800_ms),
        cmocka_unit_test(a_new_target_sweeps_from_the_old_value),
        cmocka_unit_test(a_target_changed_mid_sweep_starts_from_the_shown_value),
        cmocka_unit_test(keys_animate_independently),
        cmocka_unit_test(reduce_motion_shows_targets_at_once),
        cmocka_unit_test(nothing_is_animating_when_idle),
        cmocka_unit_test(apply_animates_rings_and_rewrites_their_percent_text),
        cmocka_unit_test(apply_writes_percent_text_with_the_shared_cap_and_never_100_early),
        cmocka_unit_test(
            a_slide_fades_the_old_view_out_then_the_new_one_in_from_the_side_of_travel),
        cmocka_unit_test(a_new_mark_fades_in_and_rises_into_place_in_800_ms),
        cmocka_unit_test(a_mark_that_fell_comes_down_into_place),
        cmocka_unit_test(a_mark_draws_in_with_its_ring),
        cmocka_unit_test(reduce_motion_shows_marks_in_place_at_once),
        cmocka_unit_test(an_unchanged_mark_does_not_draw_in_again_on_a_refresh),
        cmocka_unit_test(a_mark_with_a_new_number_draws_in_again),
        cmocka_unit_test(a_mark_back_after_it_was_gone_draws_in_again),
        cmocka_unit_test(settle_puts_marks_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
