/*
 * test_day_sim: the kiosk's always-on decisions (app/kiosk_tick.c) driven
 * through whole days by a fake clock, the way the main loop drives them:
 * tick, then sleep until next_s or until a key. Nothing waits in real time.
 *
 * The wall: Europe/Berlin, "mon-fri 07:30-19:00", dimmed to 50 % from 18:00
 * to 07:30, a 1920x1080 screen (burn-in amplitude 4 px, one step per 5 min).
 * Instants below were worked out by hand from the time zone rules
 * (Thu 2026-11-26 00:00 CET = 1795647600).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "kiosk_tick.h"

#define THU_0000 1795647600LL
#define THU_0300 (THU_0000 + 3 * 3600)
#define THU_0730 (THU_0000 + 7 * 3600 + 1800)
#define THU_1200 (THU_0000 + 12 * 3600)
#define THU_1800 (THU_0000 + 18 * 3600)
#define THU_1900 (THU_0000 + 19 * 3600)
#define FRI_0000 (THU_0000 + 24 * 3600)

typedef struct {
    int64_t at;
    bool on;
} Change;

typedef struct {
    Change changes[16];
    int n_changes;
    int ticks;
    int shifts;          /* burn-in moves while on */
    int64_t dimmed_on_s; /* seconds shown dimmed */
    int64_t on_s;
    bool key_acted[4]; /* per key: did it reach the views? */
} DayLog;

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    return 0;
}

/* Runs the loop's decisions from start to end; keys[] are key presses. */
static void simulate(KioskTick *kt, int64_t start, int64_t end, const int64_t *keys, int n_keys,
                     DayLog *log)
{
    memset(log, 0, sizeof(*log));
    KioskFrame f, prev;
    memset(&prev, 0, sizeof(prev));
    int64_t now = start;
    int k = 0;
    while (now < end) {
        kiosk_tick(kt, now, 1080, &f);
        log->ticks++;
        assert_true(log->ticks < 1000); /* a loop that polls would spin here */
        if (f.turned_on || f.turned_off) {
            assert_true(log->n_changes < 16);
            log->changes[log->n_changes++] = (Change){now, f.screen_on};
        }
        if (f.screen_on) {
            assert_true(f.shift_x >= -4 && f.shift_x <= 3 && f.shift_y >= -4 && f.shift_y <= 3);
            if (prev.screen_on && !f.turned_on &&
                (f.shift_x != prev.shift_x || f.shift_y != prev.shift_y)) {
                /* one pixel, on a 5-minute boundary */
                float d = (f.shift_x - prev.shift_x) * (f.shift_x - prev.shift_x) +
                          (f.shift_y - prev.shift_y) * (f.shift_y - prev.shift_y);
                assert_float_equal(d, 1.0f, 0);
                assert_int_equal(now % 300, 0);
                log->shifts++;
            }
        } else {
            assert_true(f.next_s > now); /* black: sleep until the next change */
        }
        /* Sleep until the deadline or the next key, whichever comes first. */
        int64_t next = f.next_s < end ? f.next_s : end;
        assert_true(next > now);
        if (k < n_keys && keys[k] < next)
            next = keys[k];
        if (f.screen_on) {
            log->on_s += next - now;
            if (f.dim < 1.0f)
                log->dimmed_on_s += next - now;
        }
        prev = f;
        now = next;
        if (k < n_keys && keys[k] == now) {
            bool only_woke = kiosk_tick_key(kt, now);
            log->key_acted[k] = !only_woke;
            k++;
        }
    }
}

static KioskTick office_wall(void)
{
    Schedule s;
    BurninDim d;
    char err[256];
    schedule_init(&s);
    assert_int_equal(schedule_add(&s, "mon-fri 07:30-19:00", err, sizeof(err)), 0);
    assert_int_equal(burnin_dim_parse("18:00-07:30 50%", &d, err, sizeof(err)), 0);
    KioskTick kt;
    kiosk_tick_init(&kt, &s, &d, true);
    return kt;
}

static void a_weekday_is_black_until_half_past_seven_and_after_seven(void **state)
{
    (void)state;
    KioskTick kt = office_wall();
    DayLog log;
    simulate(&kt, THU_0000, FRI_0000, NULL, 0, &log);
    assert_int_equal(log.n_changes, 3);
    assert_int_equal(log.changes[0].at, THU_0000); /* first tick: blank once */
    assert_false(log.changes[0].on);
    assert_int_equal(log.changes[1].at, THU_0730);
    assert_true(log.changes[1].on);
    assert_int_equal(log.changes[2].at, THU_1900);
    assert_false(log.changes[2].on);
    assert_int_equal(log.on_s, THU_1900 - THU_0730);
    /* 11.5 h on = 138 periods of 5 min: moves at 07:35 ... 18:55 */
    assert_int_equal(log.shifts, 137);
    /* dimmed from 18:00 until the screen goes off at 19:00 */
    assert_int_equal(log.dimmed_on_s, 3600);
    /* woken only by deadlines: one per shift, plus on/off and the dimming */
    assert_true(log.ticks <= 137 + 6);
}

static void a_key_at_night_wakes_the_screen_for_five_minutes_without_acting(void **state)
{
    (void)state;
    KioskTick kt = office_wall();
    DayLog log;
    const int64_t keys[] = {THU_0300, THU_0300 + 120, THU_1200};
    simulate(&kt, THU_0000, FRI_0000, keys, 3, &log);
    assert_int_equal(log.n_changes, 5);
    assert_int_equal(log.changes[1].at, THU_0300);
    assert_true(log.changes[1].on);
    /* the second key at 03:02 keeps it on until 03:07 */
    assert_int_equal(log.changes[2].at, THU_0300 + 120 + 300);
    assert_false(log.changes[2].on);
    assert_int_equal(log.changes[3].at, THU_0730);
    assert_false(log.key_acted[0]); /* the first key only woke the wall */
    assert_true(log.key_acted[1]);  /* the screen was on: the key acts */
    assert_true(log.key_acted[2]);  /* inside the schedule: the key acts */
    /* at night the woken screen is dimmed */
    assert_int_equal(log.dimmed_on_s, 420 + 3600);
}

static void the_weekend_stays_black_and_a_key_still_wakes_it(void **state)
{
    (void)state;
    KioskTick kt = office_wall();
    DayLog log;
    int64_t sat = FRI_0000 + 86400;
    const int64_t keys[] = {sat + 10 * 3600};
    simulate(&kt, sat, sat + 86400, keys, 1, &log);
    assert_int_equal(log.n_changes, 3);
    assert_false(log.changes[0].on);
    assert_int_equal(log.changes[1].at, sat + 10 * 3600);
    assert_int_equal(log.changes[2].at, sat + 10 * 3600 + 300);
    assert_int_equal(log.on_s, 300);
    assert_true(log.ticks <= 6);
}

static void the_spring_forward_day_switches_on_at_seven_local_time(void **state)
{
    (void)state;
    Schedule s;
    char err[256];
    schedule_init(&s);
    assert_int_equal(schedule_add(&s, "daily 07:00-19:00", err, sizeof(err)), 0);
    KioskTick kt;
    kiosk_tick_init(&kt, &s, NULL, false);
    DayLog log;
    /* Sun 2026-03-29: 02:00 CET becomes 03:00 CEST; the day has 23 h. */
    simulate(&kt, 1774738800LL, 1774821600LL, NULL, 0, &log);
    assert_int_equal(log.n_changes, 3);
    assert_int_equal(log.changes[1].at, 1774760400LL); /* 07:00 CEST = 05:00 UTC */
    assert_int_equal(log.changes[2].at, 1774803600LL); /* 19:00 CEST */
    assert_int_equal(log.shifts, 0);                   /* burn-in shift off */
    assert_true(log.ticks <= 4);
}

static void without_a_schedule_the_screen_never_goes_off(void **state)
{
    (void)state;
    KioskTick kt;
    kiosk_tick_init(&kt, NULL, NULL, true);
    DayLog log;
    simulate(&kt, THU_0000, FRI_0000, NULL, 0, &log);
    assert_int_equal(log.n_changes, 1);
    assert_true(log.changes[0].on);
    assert_int_equal(log.on_s, 86400);
    assert_int_equal(log.shifts, 86400 / 300 - 1);
    assert_int_equal(log.dimmed_on_s, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_weekday_is_black_until_half_past_seven_and_after_seven),
        cmocka_unit_test(a_key_at_night_wakes_the_screen_for_five_minutes_without_acting),
        cmocka_unit_test(the_weekend_stays_black_and_a_key_still_wakes_it),
        cmocka_unit_test(the_spring_forward_day_switches_on_at_seven_local_time),
        cmocka_unit_test(without_a_schedule_the_screen_never_goes_off),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
