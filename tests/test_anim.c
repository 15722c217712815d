/*
 * test_anim: ring value sweeps and view transitions.
 *
 * Ease-out is cubic: e(t) = 1 - (1 - t)^3. By hand: e(0.5) = 1 - 0.125 = 0.875,
 * e(0.25) = 1 - 0.421875 = 0.578125, e(0.75) = 1 - 0.015625 = 0.984375.
 * A sweep lasts 800 ms, so t = 0.5 is 400 ms after it starts.
 */
#include <setjmp.h>
#include <stdarg.h>
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

static void a_slide_moves_the_new_view_in_from_the_side_of_travel(void **state)
{
    (void)state;
    ViewTransition t;
    TransitionFrame f;
    anim_transition_start(&t, 1, 1000, false);
    assert_true(anim_transition_frame(&t, 1000, 1000.0f, &f));
    assert_float_equal(f.new_dx, 1000.0, EPS);
    assert_float_equal(f.old_dx, 0.0, EPS);
    /* halfway (175 ms of 350): eased 0.875 */
    assert_true(anim_transition_frame(&t, 1175, 1000.0f, &f));
    assert_float_equal(f.new_dx, 125.0, 1e-3);
    assert_float_equal(f.old_dx, -875.0, 1e-3);
    assert_false(anim_transition_frame(&t, 1350, 1000.0f, &f));
    assert_false(t.active);
    assert_float_equal(f.new_dx, 0.0, EPS);

    anim_transition_start(&t, -1, 0, false);
    anim_transition_frame(&t, 175, 1000.0f, &f);
    assert_float_equal(f.new_dx, -125.0, 1e-3);

    anim_transition_start(&t, 0, 0, false);
    anim_transition_frame(&t, 175, 1000.0f, &f);
    assert_float_equal(f.new_dx, 0.0, EPS);
    assert_float_equal(f.new_opacity, 0.875, EPS);
    assert_float_equal(f.old_opacity, 0.125, EPS);
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
        cmocka_unit_test(a_slide_moves_the_new_view_in_from_the_side_of_travel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
