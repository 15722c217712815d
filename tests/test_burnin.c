/*
 * Tests for app/burnin.c: the shift stays within 0.4 % of the short side, moves
 * one pixel every five minutes, visits every position of its square before
 * repeating, comes back to the start, and the night dimming parses and
 * applies its hours.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "burnin.h"

static const int sides[] = {480, 720, 1080, 1440, 2160};

static void amplitude_is_four_per_mille_of_the_short_side(void **state)
{
    (void)state;
    assert_int_equal(burnin_amplitude_px(1080), 4); /* 4.32 */
    assert_int_equal(burnin_amplitude_px(720), 2);  /* 2.88 */
    assert_int_equal(burnin_amplitude_px(2160), 8); /* 8.64 */
    assert_int_equal(burnin_amplitude_px(100), 1);  /* never zero */
    assert_int_equal(burnin_cycle_steps(1080), 64); /* 8 x 8 positions */
}

static void offset_stays_within_bounds_in_whole_pixels(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        double limit = 0.004 * sides[i];
        for (int64_t t = -86400; t < 3 * 86400; t += 137) {
            float dx, dy;
            burnin_offset(t, sides[i], &dx, &dy);
            assert_true(fabsf(dx) <= limit && fabsf(dy) <= limit);
            assert_true(dx == floorf(dx) && dy == floorf(dy));
        }
    }
}

static void offset_moves_one_pixel_every_five_minutes(void **state)
{
    (void)state;
    const int64_t t0 = 1795000200; /* a multiple of 300 */
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        int steps = burnin_cycle_steps(sides[i]);
        for (int k = 0; k < steps + 2; k++) {
            int64_t t = t0 + (int64_t)k * BURNIN_PERIOD_S;
            float ax, ay, bx, by, cx, cy;
            burnin_offset(t, sides[i], &ax, &ay);
            burnin_offset(t + BURNIN_PERIOD_S - 1, sides[i], &bx, &by);
            burnin_offset(t + BURNIN_PERIOD_S, sides[i], &cx, &cy);
            assert_true(ax == bx && ay == by);                    /* steady within a period */
            assert_true(fabsf(cx - ax) + fabsf(cy - ay) == 1.0f); /* then one pixel */
        }
    }
}

static void offset_visits_every_position_before_repeating(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        int a = burnin_amplitude_px(sides[i]);
        int n = 2 * a, steps = n * n;
        unsigned char *seen = calloc((size_t)steps, 1);
        assert_non_null(seen);
        float x0, y0;
        burnin_offset(0, sides[i], &x0, &y0);
        for (int k = 0; k < steps; k++) {
            float dx, dy;
            burnin_offset((int64_t)k * BURNIN_PERIOD_S, sides[i], &dx, &dy);
            int idx = ((int)dy + a) * n + ((int)dx + a);
            assert_in_range(idx, 0, steps - 1);
            assert_int_equal(seen[idx], 0); /* no position twice in a cycle */
            seen[idx] = 1;
        }
        free(seen);
        /* After the cycle it is back at the start. */
        float xs, ys;
        burnin_offset((int64_t)steps * BURNIN_PERIOD_S, sides[i], &xs, &ys);
        assert_true(xs == x0 && ys == y0);
    }
    /* At 1080p the cycle is 64 periods: 5 h 20 min without a repeat. */
    assert_int_equal(burnin_cycle_steps(1080) * BURNIN_PERIOD_S, 5 * 3600 + 20 * 60);
}

static void next_change_is_the_next_period_boundary(void **state)
{
    (void)state;
    assert_int_equal(burnin_next_change(0), 300);
    assert_int_equal(burnin_next_change(299), 300);
    assert_int_equal(burnin_next_change(300), 600);
    assert_int_equal(burnin_next_change(-1), 0);
    float ax, ay, bx, by;
    burnin_offset(-1, 1080, &ax, &ay);
    burnin_offset(-300, 1080, &bx, &by);
    assert_true(ax == bx && ay == by); /* -300..-1 is one period */
}

static void dimming_applies_only_inside_its_hours(void **state)
{
    (void)state;
    BurninDim d;
    char err[256] = "";
    assert_int_equal(burnin_dim_parse("22:00-06:00 40%", &d, err, sizeof err), 0);
    assert_true(d.enabled);
    struct tm t = {0};
    t.tm_wday = 3;
    t.tm_hour = 23;
    assert_float_equal(burnin_dim_factor(&d, &t), 0.40f, 1e-6);
    t.tm_hour = 5;
    t.tm_min = 59;
    assert_float_equal(burnin_dim_factor(&d, &t), 0.40f, 1e-6);
    t.tm_hour = 6;
    t.tm_min = 0;
    assert_float_equal(burnin_dim_factor(&d, &t), 1.0f, 1e-6);
    t.tm_hour = 12;
    assert_float_equal(burnin_dim_factor(&d, &t), 1.0f, 1e-6);

    assert_int_equal(
        burnin_dim_parse("mon-fri 19:00-07:00, sat-sun 00:00-24:00 30 %", &d, err, sizeof err), 0);
    assert_int_equal(d.when.count, 2);
    t.tm_wday = 6; /* Saturday noon */
    assert_float_equal(burnin_dim_factor(&d, &t), 0.30f, 1e-6);
}

static void dimming_off_and_bad_specs(void **state)
{
    (void)state;
    BurninDim d;
    char err[256] = "";
    assert_int_equal(burnin_dim_parse("off", &d, err, sizeof err), 0);
    assert_false(d.enabled);
    assert_int_equal(burnin_dim_parse("", &d, err, sizeof err), 0);
    assert_false(d.enabled);
    struct tm t = {0};
    assert_float_equal(burnin_dim_factor(&d, &t), 1.0f, 1e-6);

    assert_int_equal(burnin_dim_parse("22:00-06:00", &d, err, sizeof err), -1);
    assert_string_equal(err, "dim: expected hours then a brightness, e.g. '22:00-06:00 40%'");
    assert_int_equal(burnin_dim_parse("22:00-06:00 140%", &d, err, sizeof err), -1);
    assert_string_equal(err, "dim: brightness must be 5% to 100%");
    assert_int_equal(burnin_dim_parse("40%", &d, err, sizeof err), -1);
    assert_string_equal(err, "dim: no hours given, e.g. '22:00-06:00 40%'");
    assert_int_equal(burnin_dim_parse("22:00-26:00 40%", &d, err, sizeof err), -1);
    assert_string_equal(err, "dim: bad time range '22:00-26:00' (expected HH:MM-HH:MM, "
                             "00:00 to 24:00)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(amplitude_is_four_per_mille_of_the_short_side),
        cmocka_unit_test(offset_stays_within_bounds_in_whole_pixels),
        cmocka_unit_test(offset_moves_one_pixel_every_five_minutes),
        cmocka_unit_test(offset_visits_every_position_before_repeating),
        cmocka_unit_test(next_change_is_the_next_period_boundary),
        cmocka_unit_test(dimming_applies_only_inside_its_hours),
        cmocka_unit_test(dimming_off_and_bad_specs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
