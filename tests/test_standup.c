/*
 * Tests for app/standup.c and the times syntax of app/schedule.c: the
 * "since the last standup" rule across weekdays, weekends, several standup
 * lines, daylight-saving changes in Europe/Berlin and without a setting.
 * Expected instants are in UTC, from CET = UTC+1 and CEST = UTC+2 (2026:
 * summer time from 29 March, winter time from 25 October). 2026-11-25 is a
 * Wednesday.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "standup.h"

static int berlin(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    return 0;
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    return (int64_t)timegm(&tm);
}

static Schedule times(const char *a, const char *b)
{
    Schedule s;
    char err[256] = "";
    schedule_init(&s);
    if (schedule_add_times(&s, a, err, sizeof err) != 0)
        fail_msg("'%s' did not parse: %s", a, err);
    if (b && schedule_add_times(&s, b, err, sizeof err) != 0)
        fail_msg("'%s' did not parse: %s", b, err);
    return s;
}

typedef struct {
    const char *what;
    int64_t now, want;
} Case;

static void reference_is_the_standup_before_the_current_one(void **state)
{
    (void)state;
    Schedule s = times("mon-fri 09:30", NULL);
    const Case cases[] = {
        {"Wed at the standup", utc(2026, 11, 25, 8, 30), utc(2026, 11, 24, 8, 30)},
        {"Wed a minute before", utc(2026, 11, 25, 8, 29), utc(2026, 11, 23, 8, 30)},
        {"Wed late evening", utc(2026, 11, 25, 22, 59), utc(2026, 11, 24, 8, 30)},
        {"Thu just before", utc(2026, 11, 26, 8, 29), utc(2026, 11, 24, 8, 30)},
        {"Mon after the standup", utc(2026, 11, 23, 9, 0), utc(2026, 11, 20, 8, 30)},
        {"Mon before the standup", utc(2026, 11, 23, 8, 0), utc(2026, 11, 19, 8, 30)},
        {"Sat", utc(2026, 11, 28, 11, 0), utc(2026, 11, 26, 8, 30)},
        {"Sun", utc(2026, 11, 29, 11, 0), utc(2026, 11, 26, 8, 30)},
        {"Tue after the spring change", utc(2026, 3, 31, 8, 0), utc(2026, 3, 30, 7, 30)},
        {"Mon after the spring change", utc(2026, 3, 30, 8, 0), utc(2026, 3, 27, 8, 30)},
        {"Mon after the autumn change", utc(2026, 10, 26, 9, 0), utc(2026, 10, 23, 7, 30)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t got = standup_reference(&s, cases[i].now);
        if (got != cases[i].want)
            fail_msg("%s: got %lld, want %lld", cases[i].what, (long long)got,
                     (long long)cases[i].want);
    }
}

static void several_standup_lines_add_up(void **state)
{
    (void)state;
    Schedule s = times("mon-fri 09:30", "fri 16:00");
    /* Fri 17:00: the current standup is Fri 16:00, the one before Fri 09:30. */
    assert_int_equal(standup_reference(&s, utc(2026, 11, 27, 16, 0)), utc(2026, 11, 27, 8, 30));
    /* Mon 10:00: current Mon 09:30, before it Fri 16:00. */
    assert_int_equal(standup_reference(&s, utc(2026, 11, 30, 9, 0)), utc(2026, 11, 27, 15, 0));
}

static void without_a_standup_the_reference_is_seven_days_ago(void **state)
{
    (void)state;
    Schedule s;
    schedule_init(&s);
    int64_t now = utc(2026, 11, 25, 8, 30);
    assert_int_equal(standup_reference(&s, now), now - 7 * 86400);
    assert_int_equal(standup_reference(NULL, now), now - 7 * 86400);
    assert_int_equal(standup_next_change(&s, now), -1);
}

static void the_reference_changes_at_the_next_standup(void **state)
{
    (void)state;
    Schedule s = times("weekdays 09:30", NULL);
    assert_int_equal(standup_next_change(&s, utc(2026, 11, 25, 9, 0)), utc(2026, 11, 26, 8, 30));
    assert_int_equal(standup_next_change(&s, utc(2026, 11, 27, 9, 0)), utc(2026, 11, 30, 8, 30));
    /* At the standup itself the next change is the following one. */
    assert_int_equal(standup_next_change(&s, utc(2026, 11, 26, 8, 30)), utc(2026, 11, 27, 8, 30));
}

static void a_standup_in_the_skipped_hour_falls_where_mktime_puts_it(void **state)
{
    (void)state;
    /* 29 March 2026 02:30 does not exist in Berlin; mktime reads it as 03:30
     * CEST = 01:30 UTC. The day before, 02:30 CET = 01:30 UTC as well. */
    Schedule s = times("daily 02:30", NULL);
    assert_int_equal(standup_reference(&s, utc(2026, 3, 29, 10, 0)), utc(2026, 3, 28, 1, 30));
    assert_int_equal(standup_reference(&s, utc(2026, 3, 30, 10, 0)), utc(2026, 3, 29, 1, 30));
}

static void standup_list_gives_the_instants_in_order(void **state)
{
    (void)state;
    Schedule s = times("mon-fri 09:30", NULL);
    int64_t out[8];
    size_t n = standup_list(&s, utc(2026, 11, 20, 12, 0), utc(2026, 11, 25, 12, 0), out, 8);
    /* Mon 23, Tue 24, Wed 25 (Fri 20's is before from). */
    assert_int_equal(n, 3);
    assert_int_equal(out[0], utc(2026, 11, 23, 8, 30));
    assert_int_equal(out[2], utc(2026, 11, 25, 8, 30));
    n = standup_list(&s, utc(2026, 11, 1, 0, 0), utc(2026, 11, 25, 12, 0), out, 2);
    assert_int_equal(n, 2); /* the newest two */
    assert_int_equal(out[0], utc(2026, 11, 24, 8, 30));
}

static void times_syntax_errors_name_the_word(void **state)
{
    (void)state;
    Schedule s;
    char err[256];
    schedule_init(&s);
    assert_int_equal(schedule_add_times(&s, "mon-fri 09:30-10:00", err, sizeof err), -1);
    assert_non_null(strstr(err, "09:30-10:00"));
    assert_int_equal(schedule_add_times(&s, "mon-fri", err, sizeof err), -1);
    assert_non_null(strstr(err, "no time"));
    assert_int_equal(schedule_add_times(&s, "always", err, sizeof err), -1);
    assert_int_equal(s.count, 0);
    assert_int_equal(schedule_add_times(&s, "mon,wed 9:30, fri 16:00", err, sizeof err), 0);
    char buf[128];
    schedule_describe(&s, buf, sizeof buf);
    assert_string_equal(buf, "mon,wed 09:30, fri 16:00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reference_is_the_standup_before_the_current_one),
        cmocka_unit_test(several_standup_lines_add_up),
        cmocka_unit_test(without_a_standup_the_reference_is_seven_days_ago),
        cmocka_unit_test(the_reference_changes_at_the_next_standup),
        cmocka_unit_test(a_standup_in_the_skipped_hour_falls_where_mktime_puts_it),
        cmocka_unit_test(standup_list_gives_the_instants_in_order),
        cmocka_unit_test(times_syntax_errors_name_the_word),
    };
    return cmocka_run_group_tests(tests, berlin, NULL);
}
