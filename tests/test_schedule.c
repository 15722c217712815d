/*
 * Tests for app/schedule.c: the schedule syntax and its errors, ranges over
 * midnight and several ranges a day, daylight-saving switch days in
 * Europe/Berlin (TZ is set by the test), the wake-on-key state, and a whole
 * simulated day driven by an injected clock. Expected instants are written in
 * UTC, worked out by hand from the Berlin offsets (CET = UTC+1,
 * CEST = UTC+2; 2026 switches on 29 March 02:00 CET and 25 October 03:00 CEST).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schedule.h"

static int berlin(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    return 0;
}

/* An instant given in UTC. */
static time_t utc(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    return timegm(&tm);
}

/* A wall-clock time on a weekday (0 = Sunday). */
static struct tm wall(int wday, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_wday = wday;
    tm.tm_hour = h;
    tm.tm_min = mi;
    return tm;
}

static Schedule parsed(const char *line)
{
    Schedule s;
    char err[256] = "";
    schedule_init(&s);
    if (schedule_add(&s, line, err, sizeof err) != 0)
        fail_msg("'%s' did not parse: %s", line, err);
    return s;
}

static void parse_reads_day_ranges_lists_and_times(void **state)
{
    (void)state;
    Schedule s = parsed("mon-fri 07:30-19:00");
    assert_int_equal(s.count, 1);
    assert_int_equal(s.ranges[0].days, 0x3e); /* Mon..Fri = bits 1..5 */
    assert_int_equal(s.ranges[0].start_min, 7 * 60 + 30);
    assert_int_equal(s.ranges[0].end_min, 19 * 60);

    s = parsed("mon,wed,fri 08:00-17:00");
    assert_int_equal(s.ranges[0].days, (1 << 1) | (1 << 3) | (1 << 5));
    s = parsed("sat-sun 10:00-14:00");
    assert_int_equal(s.ranges[0].days, (1 << 6) | 1);
    s = parsed("fri-mon 9:00-10:00");
    assert_int_equal(s.ranges[0].days, (1 << 5) | (1 << 6) | 1 | (1 << 1));
    assert_int_equal(s.ranges[0].start_min, 540);
    s = parsed("Daily 22:00-06:00");
    assert_int_equal(s.ranges[0].days, 0x7f);
    assert_int_equal(s.ranges[0].start_min, 22 * 60);
    assert_int_equal(s.ranges[0].end_min, 6 * 60);
    s = parsed("weekdays 06:00-24:00");
    assert_int_equal(s.ranges[0].days, 0x3e);
    assert_int_equal(s.ranges[0].end_min, 1440);
    s = parsed("12:00-13:00");
    assert_int_equal(s.ranges[0].days, 0x7f);
}

static void parse_keeps_days_for_following_ranges(void **state)
{
    (void)state;
    Schedule s = parsed("mon-fri 07:30-12:00, 13:00-19:00; sat 09:00-13:00");
    assert_int_equal(s.count, 3);
    assert_int_equal(s.ranges[0].days, 0x3e);
    assert_int_equal(s.ranges[1].days, 0x3e);
    assert_int_equal(s.ranges[1].start_min, 13 * 60);
    assert_int_equal(s.ranges[2].days, 1 << 6);
    assert_int_equal(s.ranges[2].end_min, 13 * 60);

    char err[256];
    assert_int_equal(schedule_add(&s, "sun 10:00-12:00", err, sizeof err), 0);
    assert_int_equal(s.count, 4);
    assert_int_equal(s.ranges[3].days, 1);

    char text[256];
    schedule_describe(&s, text, sizeof text);
    assert_string_equal(text, "mon-fri 07:30-12:00, mon-fri 13:00-19:00, "
                              "sat 09:00-13:00, sun 10:00-12:00");
}

static void parse_rejects_bad_lines_with_clear_errors(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        const char *error;
    } bad[] = {
        {"mox-fri 07:30-19:00", "unknown day or time 'mox-fri' (expected mon..sun, mon-fri, "
                                "daily, weekdays, weekends or HH:MM-HH:MM)"},
        {"mon-fri 25:00-26:00", "bad time range '25:00-26:00' (expected HH:MM-HH:MM, "
                                "00:00 to 24:00)"},
        {"mon-fri 07:30", "bad time range '07:30' (expected HH:MM-HH:MM, 00:00 to 24:00)"},
        {"mon-fri 7:3-19:00", "bad time range '7:3-19:00' (expected HH:MM-HH:MM, "
                              "00:00 to 24:00)"},
        {"mon-fri 07:60-19:00", "bad time range '07:60-19:00' (expected HH:MM-HH:MM, "
                                "00:00 to 24:00)"},
        {"mon-fri 07:30-07:30", "time range '07:30-07:30' is empty"},
        {"mon-fri", "days 'mon-fri' have no time range (e.g. mon-fri 07:30-19:00)"},
        {"mon-fri 08:00-12:00 sat", "days 'sat' have no time range (e.g. sat 07:30-19:00)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Schedule s = parsed("sun 10:00-11:00");
        char err[256] = "";
        assert_int_equal(schedule_add(&s, bad[i].line, err, sizeof err), -1);
        assert_string_equal(err, bad[i].error);
        assert_int_equal(s.count, 1); /* unchanged */
    }
}

static void empty_and_always_mean_always_on(void **state)
{
    (void)state;
    Schedule s = parsed("");
    assert_int_equal(s.count, 0);
    s = parsed(" always ");
    assert_int_equal(s.count, 0);
    struct tm t = wall(3, 3, 0);
    assert_true(schedule_is_on(&s, &t));
    assert_true(schedule_next_change(&s, utc(2026, 11, 27, 12, 0)) == (time_t)-1);
    s = parsed("daily 00:00-24:00");
    assert_true(schedule_is_on(&s, &t));
    assert_true(schedule_next_change(&s, utc(2026, 11, 27, 12, 0)) == (time_t)-1);
}

static void range_over_midnight_belongs_to_its_start_day(void **state)
{
    (void)state;
    Schedule s = parsed("fri 22:00-06:00");
    struct tm t;
    t = wall(5, 21, 59);
    assert_false(schedule_is_on(&s, &t));
    t = wall(5, 22, 0);
    assert_true(schedule_is_on(&s, &t));
    t = wall(5, 23, 59);
    assert_true(schedule_is_on(&s, &t));
    t = wall(6, 0, 0);
    assert_true(schedule_is_on(&s, &t));
    t = wall(6, 5, 59);
    assert_true(schedule_is_on(&s, &t));
    t = wall(6, 6, 0);
    assert_false(schedule_is_on(&s, &t));
    t = wall(6, 23, 0);
    assert_false(schedule_is_on(&s, &t)); /* Saturday night is not Friday */
    t = wall(5, 3, 0);
    assert_false(schedule_is_on(&s, &t)); /* Friday early belongs to Thursday */
    t = wall(0, 1, 0);
    assert_false(schedule_is_on(&s, &t));
}

static void several_ranges_leave_gaps_between_them(void **state)
{
    (void)state;
    Schedule s = parsed("mon-fri 07:30-12:00, 13:00-19:00");
    struct tm t;
    t = wall(1, 7, 29);
    assert_false(schedule_is_on(&s, &t));
    t = wall(1, 7, 30);
    assert_true(schedule_is_on(&s, &t));
    t = wall(1, 11, 59);
    assert_true(schedule_is_on(&s, &t));
    t = wall(1, 12, 0);
    assert_false(schedule_is_on(&s, &t));
    t = wall(1, 12, 59);
    assert_false(schedule_is_on(&s, &t));
    t = wall(1, 13, 0);
    assert_true(schedule_is_on(&s, &t));
    t = wall(5, 18, 59);
    assert_true(schedule_is_on(&s, &t));
    t = wall(6, 10, 0);
    assert_false(schedule_is_on(&s, &t));
}

static void next_change_skips_the_weekend(void **state)
{
    (void)state;
    Schedule s = parsed("mon-fri 07:30-19:00");
    /* Friday 27 Nov 2026, 20:00 CET = 19:00 UTC -> Monday 30 Nov 07:30 CET. */
    assert_true(schedule_next_change(&s, utc(2026, 11, 27, 19, 0)) == utc(2026, 11, 30, 6, 30));
    /* Monday 09:00 CET -> 19:00 CET the same day. */
    assert_true(schedule_next_change(&s, utc(2026, 11, 30, 8, 0)) == utc(2026, 11, 30, 18, 0));
    /* Exactly at a boundary, the next one is returned. */
    assert_true(schedule_next_change(&s, utc(2026, 11, 30, 6, 30)) == utc(2026, 11, 30, 18, 0));
}

static void spring_forward_day_is_an_hour_shorter(void **state)
{
    (void)state;
    Schedule s = parsed("daily 07:30-19:00");
    /* Sat 28 Mar 20:00 CET (19:00 UTC) -> Sun 29 Mar 07:30 CEST (05:30 UTC):
     * 11.5 h on the wall clock, 10.5 h of real time. */
    time_t now = utc(2026, 3, 28, 19, 0);
    time_t next = schedule_next_change(&s, now);
    assert_true(next == utc(2026, 3, 29, 5, 30));
    assert_int_equal(next - now, 10 * 3600 + 1800);
    assert_true(schedule_next_change(&s, next) == utc(2026, 3, 29, 17, 0));

    s = parsed("daily 22:00-06:00");
    /* Sat 23:00 CET (22:00 UTC) -> Sun 06:00 CEST (04:00 UTC). */
    assert_true(schedule_next_change(&s, utc(2026, 3, 28, 22, 0)) == utc(2026, 3, 29, 4, 0));
}

static void boundary_in_the_skipped_hour_falls_on_the_jump(void **state)
{
    (void)state;
    Schedule s = parsed("daily 02:30-04:00");
    /* 02:30 does not exist on 29 March: the clock jumps from 02:00 CET to
     * 03:00 CEST (01:00 UTC), straight into the range. */
    time_t on = schedule_next_change(&s, utc(2026, 3, 28, 23, 30));
    assert_true(on == utc(2026, 3, 29, 1, 0));
    assert_true(schedule_is_on_at(&s, on));
    assert_false(schedule_is_on_at(&s, on - 1));
    assert_true(schedule_next_change(&s, on) == utc(2026, 3, 29, 2, 0)); /* 04:00 CEST */
}

static void fall_back_day_is_an_hour_longer(void **state)
{
    (void)state;
    Schedule s = parsed("daily 07:30-19:00");
    /* Sat 24 Oct 20:00 CEST (18:00 UTC) -> Sun 25 Oct 07:30 CET (06:30 UTC). */
    time_t now = utc(2026, 10, 24, 18, 0);
    time_t next = schedule_next_change(&s, now);
    assert_true(next == utc(2026, 10, 25, 6, 30));
    assert_int_equal(next - now, 12 * 3600 + 1800);

    s = parsed("daily 22:00-06:00");
    /* Sat 23:00 CEST (21:00 UTC) -> Sun 06:00 CET (05:00 UTC): 8 h of night. */
    assert_true(schedule_next_change(&s, utc(2026, 10, 24, 21, 0)) == utc(2026, 10, 25, 5, 0));
}

static void repeated_hour_follows_the_wall_clock(void **state)
{
    (void)state;
    Schedule s = parsed("daily 02:30-05:00");
    /* 02:30 happens twice on 25 October; the clock at 03:00 CEST goes back
     * to 02:00 CET, before the range, and reaches 02:30 again an hour later. */
    time_t t = utc(2026, 10, 24, 23, 0); /* 01:00 CEST */
    t = schedule_next_change(&s, t);
    assert_true(t == utc(2026, 10, 25, 0, 30)); /* 02:30 CEST: on */
    t = schedule_next_change(&s, t);
    assert_true(t == utc(2026, 10, 25, 1, 0)); /* 02:00 CET: off */
    t = schedule_next_change(&s, t);
    assert_true(t == utc(2026, 10, 25, 1, 30)); /* 02:30 CET: on */
    t = schedule_next_change(&s, t);
    assert_true(t == utc(2026, 10, 25, 4, 0)); /* 05:00 CET: off */
}

static void key_wakes_the_screen_for_five_minutes(void **state)
{
    (void)state;
    Schedule s = parsed("mon-fri 07:30-19:00");
    time_t sat = utc(2026, 11, 28, 11, 0); /* Saturday 12:00 CET */
    assert_false(schedule_screen_on(&s, sat));
    schedule_wake(&s, sat);
    assert_true(schedule_screen_on(&s, sat));
    assert_true(schedule_screen_on(&s, sat + 299));
    assert_false(schedule_screen_on(&s, sat + 300));
    assert_true(schedule_next_screen_change(&s, sat) == sat + 300);
    /* Asleep again, the next change is Monday 07:30 CET. */
    assert_true(schedule_next_screen_change(&s, sat + 300) == utc(2026, 11, 30, 6, 30));

    /* A key shortly before the end of the day keeps the screen on 5 minutes. */
    Schedule w = parsed("mon-fri 07:30-19:00");
    time_t fri = utc(2026, 11, 27, 17, 58); /* 18:58 CET */
    schedule_wake(&w, fri);
    assert_true(schedule_next_screen_change(&w, fri) == utc(2026, 11, 27, 18, 3));
}

/* One event of the simulated day: minute of the day and new state. */
typedef struct Event {
    int minute;
    bool on;
} Event;

static void simulated_day_blanks_and_wakes_at_the_right_minutes(void **state)
{
    (void)state;
    Schedule s = parsed("mon-fri 07:30-19:00");
    /* Friday 27 Nov 2026 00:00 CET = Thursday 23:00 UTC. */
    const time_t midnight = utc(2026, 11, 26, 23, 0);
    const int keys[] = {3 * 60, 12 * 60, 21 * 60, 21 * 60 + 3, 23 * 60 + 58};
    const Event want[] = {
        {3 * 60, true},       {3 * 60 + 5, false},  /* woken at night */
        {7 * 60 + 30, true},  {19 * 60, false},     /* the schedule */
        {21 * 60, true},      {21 * 60 + 8, false}, /* second key extends */
        {23 * 60 + 58, true},                       /* still on at midnight */
    };
    const size_t nwant = sizeof want / sizeof want[0];

    /* 1. Step the injected clock minute by minute, as a polling loop would. */
    Event got[32];
    size_t ngot = 0;
    bool on = schedule_screen_on(&s, midnight);
    assert_false(on);
    for (int m = 0; m <= 24 * 60; m++) {
        time_t now = midnight + (time_t)m * 60;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
            if (keys[k] == m)
                schedule_wake(&s, now);
        bool now_on = schedule_screen_on(&s, now);
        if (now_on != on && ngot < 32)
            got[ngot++] = (Event){m, now_on};
        on = now_on;
    }
    assert_int_equal(ngot, nwant);
    for (size_t i = 0; i < nwant; i++) {
        assert_int_equal(got[i].minute, want[i].minute);
        assert_int_equal(got[i].on, want[i].on);
    }

    /* 2. The kiosk's way: sleep until the next change or the next key. */
    Schedule k2 = parsed("mon-fri 07:30-19:00");
    ngot = 0;
    on = false;
    time_t now = midnight;
    size_t next_key = 0;
    const time_t end = midnight + 24 * 3600;
    while (now < end) {
        time_t change = schedule_next_screen_change(&k2, now);
        time_t key_at = next_key < 5 ? midnight + (time_t)keys[next_key] * 60 : end;
        time_t wake = change != (time_t)-1 && change < key_at ? change : key_at;
        if (wake > end)
            break;
        now = wake;
        if (now == key_at) {
            schedule_wake(&k2, now);
            next_key++;
        }
        bool now_on = schedule_screen_on(&k2, now);
        if (now_on != on && ngot < 32)
            got[ngot++] = (Event){(int)((now - midnight) / 60), now_on};
        on = now_on;
    }
    assert_int_equal(ngot, nwant);
    for (size_t i = 0; i < nwant; i++) {
        assert_int_equal(got[i].minute, want[i].minute);
        assert_int_equal(got[i].on, want[i].on);
    }
}

/* Every minute of a switch day: next_change agrees with is_on exactly. */
static void check_day_consistency(const Schedule *s, time_t start)
{
    for (int m = 0; m < 26 * 60; m++) {
        time_t t = start + (time_t)m * 60;
        bool cur = schedule_is_on_at(s, t);
        time_t next = schedule_next_change(s, t);
        assert_true(next > t);
        assert_true(schedule_is_on_at(s, next) != cur);
        assert_true(schedule_is_on_at(s, next - 1) == cur);
        if (schedule_is_on_at(s, t + 60) != cur)
            assert_true(next <= t + 60);
    }
}

static void next_change_agrees_with_the_clock_on_switch_days(void **state)
{
    (void)state;
    static const char *const lines[] = {"daily 22:00-06:00", "daily 07:30-19:00, 02:15-02:45",
                                        "sat 23:30-02:30, sun 03:00-03:30"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        Schedule s = parsed(lines[i]);
        check_day_consistency(&s, utc(2026, 3, 28, 22, 0));
        check_day_consistency(&s, utc(2026, 10, 24, 21, 0));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_reads_day_ranges_lists_and_times),
        cmocka_unit_test(parse_keeps_days_for_following_ranges),
        cmocka_unit_test(parse_rejects_bad_lines_with_clear_errors),
        cmocka_unit_test(empty_and_always_mean_always_on),
        cmocka_unit_test(range_over_midnight_belongs_to_its_start_day),
        cmocka_unit_test(several_ranges_leave_gaps_between_them),
        cmocka_unit_test(next_change_skips_the_weekend),
        cmocka_unit_test(spring_forward_day_is_an_hour_shorter),
        cmocka_unit_test(boundary_in_the_skipped_hour_falls_on_the_jump),
        cmocka_unit_test(fall_back_day_is_an_hour_longer),
        cmocka_unit_test(repeated_hour_follows_the_wall_clock),
        cmocka_unit_test(key_wakes_the_screen_for_five_minutes),
        cmocka_unit_test(simulated_day_blanks_and_wakes_at_the_right_minutes),
        cmocka_unit_test(next_change_agrees_with_the_clock_on_switch_days),
    };
    return cmocka_run_group_tests(tests, berlin, NULL);
}
