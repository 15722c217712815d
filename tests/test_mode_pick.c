/*
 * Tests for app/mode_pick.c: mode lists as real TVs report them (SDL's order:
 * largest first, then the highest rate), and the mode --mode WxH must get.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mode_pick.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A 4K TV without 4Kp60: its current mode is 3840x2160@30, and 1080p comes
 * at 60, 50, 30, 25 and 24 Hz. */
static void full_hd_on_a_4k30_tv_gets_60_hz(void **state)
{
    (void)state;
    const ModePickMode tv[] = {{3840, 2160, 30}, {3840, 2160, 25}, {1920, 1080, 30},
                               {1920, 1080, 24}, {1920, 1080, 60}, {1920, 1080, 50},
                               {1280, 720, 60}};
    assert_int_equal(mode_pick(tv, N(tv), 1920, 1080, MODE_PICK_MAX_HZ), 4);
    assert_int_equal(mode_pick(tv, N(tv), 3840, 2160, MODE_PICK_MAX_HZ), 0);
}

static void a_120_hz_monitor_stays_at_60(void **state)
{
    (void)state;
    const ModePickMode mon[] = {
        {1920, 1080, 144}, {1920, 1080, 120}, {1920, 1080, 60}, {1920, 1080, 59}};
    assert_int_equal(mode_pick(mon, N(mon), 1920, 1080, MODE_PICK_MAX_HZ), 2);
}

static void only_fast_modes_of_that_size_take_the_slowest(void **state)
{
    (void)state;
    const ModePickMode mon[] = {{2560, 1440, 165}, {2560, 1440, 75}, {2560, 1440, 144}};
    assert_int_equal(mode_pick(mon, N(mon), 2560, 1440, MODE_PICK_MAX_HZ), 1);
}

static void a_size_the_screen_lacks_is_minus_one(void **state)
{
    (void)state;
    const ModePickMode tv[] = {{1920, 1080, 60}, {1280, 720, 60}};
    assert_int_equal(mode_pick(tv, N(tv), 1024, 768, MODE_PICK_MAX_HZ), -1);
    assert_int_equal(mode_pick(tv, 0, 1920, 1080, MODE_PICK_MAX_HZ), -1);
    /* Same pixels turned is another size. */
    assert_int_equal(mode_pick(tv, N(tv), 1080, 1920, MODE_PICK_MAX_HZ), -1);
}

static void unknown_rate_loses_to_a_known_one(void **state)
{
    (void)state;
    const ModePickMode m[] = {{1920, 1080, 0}, {1920, 1080, 24}};
    assert_int_equal(mode_pick(m, N(m), 1920, 1080, MODE_PICK_MAX_HZ), 1);
    const ModePickMode only[] = {{800, 480, 0}};
    assert_int_equal(mode_pick(only, 1, 800, 480, MODE_PICK_MAX_HZ), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_hd_on_a_4k30_tv_gets_60_hz),
        cmocka_unit_test(a_120_hz_monitor_stays_at_60),
        cmocka_unit_test(only_fast_modes_of_that_size_take_the_slowest),
        cmocka_unit_test(a_size_the_screen_lacks_is_minus_one),
        cmocka_unit_test(unknown_rate_loses_to_a_known_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
