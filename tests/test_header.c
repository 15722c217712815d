/*
 * test_header: header texts and badges with a fixed "now" and TZ=UTC.
 *
 * Times (UTC, unix seconds):
 *   NOW      2026-11-26 09:41  1795686060
 *   T0930    2026-11-26 09:30  1795685400 (NOW - 11 min)
 *   T0912    2026-11-26 09:12  1795684320
 *   T0920    2026-11-26 09:20  1795684800
 *   P_START  2026-10-01 00:00  1790812800
 *   P_END    2027-01-01 00:00  1798761600 (the day after 2026-12-31)
 * The period is 92 days; NOW is 56 days and 9:41 h after its start: day 57.
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

#include "header.h"

#define NOW 1795686060
#define T0930 1795685400
#define T0912 1795684320
#define T0920 1795684800
#define P_START 1790812800
#define P_END 1798761600

static OkrFeed feed;

static int setup_utc(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    return 0;
}

static OkrFeed *q4_feed(void)
{
    memset(&feed, 0, sizeof(feed));
    feed.title = "Marketing OKRs";
    feed.period_label = "Q4 2026";
    feed.has_period = true;
    feed.period_start = P_START;
    feed.period_end = P_END;
    feed.has_expected = true;
    feed.expected = 0.6;
    feed.has_updated_at = true;
    feed.updated_at = T0930;
    return &feed;
}

static HeaderStatus fresh_status(void)
{
    HeaderStatus st;
    header_status_init(&st, false);
    FeedResult r;
    memset(&r, 0, sizeof(r));
    r.kind = FEED_RESULT_NEW;
    r.at = T0930;
    header_status_update(&st, &r);
    return st;
}

static FeedResult result(FeedResultKind kind, int64_t at, const char *reason)
{
    FeedResult r;
    memset(&r, 0, sizeof(r));
    r.kind = kind;
    r.at = at;
    snprintf(r.reason, sizeof(r.reason), "%s", reason);
    return r;
}

static void fresh_data_shows_clock_updated_time_and_period_day(void **state)
{
    (void)state;
    HeaderStatus st = fresh_status();
    HeaderTexts t;
    header_format(&t, q4_feed(), &st, NOW);
    assert_string_equal(t.title, "Marketing OKRs");
    assert_string_equal(t.clock, "09:41");
    assert_string_equal(t.updated, "updated 09:30");
    assert_string_equal(t.period, "Q4 2026 \xC2\xB7 day 57 of 92");
    assert_float_equal(t.period_elapsed, 0.6, 1e-9);
    assert_int_equal(t.n_badges, 0);
    assert_string_equal(t.notice, "");

    HeaderInfo h = header_info(&t);
    assert_string_equal(h.clock, "09:41");
    assert_null(h.badges[0]);
    assert_null(h.notice);
}

static void the_period_says_when_it_starts_and_that_it_ended(void **state)
{
    (void)state;
    HeaderStatus st = fresh_status();
    HeaderTexts t;
    /* 2026-09-28 12:00: 2.5 days before the start, rounded up */
    header_format(&t, q4_feed(), &st, 1790596800);
    assert_string_equal(t.period, "Q4 2026 \xC2\xB7 starts in 3 d");
    header_format(&t, q4_feed(), &st, P_END);
    assert_string_equal(t.period, "Q4 2026 \xC2\xB7 ended");
    /* first and last day */
    header_format(&t, q4_feed(), &st, P_START);
    assert_string_equal(t.period, "Q4 2026 \xC2\xB7 day 1 of 92");
    header_format(&t, q4_feed(), &st, P_END - 1);
    assert_string_equal(t.period, "Q4 2026 \xC2\xB7 day 92 of 92");
}

static void a_failed_fetch_shows_offline_since_the_first_failure_with_the_last_reason(void **state)
{
    (void)state;
    HeaderStatus st = fresh_status();
    FeedResult r = result(FEED_RESULT_FETCH_ERROR, T0912, "timeout");
    header_status_update(&st, &r);
    r = result(FEED_RESULT_FETCH_ERROR, T0920, "connection refused");
    header_status_update(&st, &r);
    HeaderTexts t;
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "offline since 09:12 (connection refused)");
    assert_int_equal(t.kinds[0], BADGE_WARN);
    /* the last good data is still what "updated" refers to */
    assert_string_equal(t.updated, "updated 09:30");

    r = result(FEED_RESULT_NOT_MODIFIED, NOW, "");
    header_status_update(&st, &r);
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 0);
}

static void an_invalid_body_shows_a_short_feed_error(void **state)
{
    (void)state;
    HeaderStatus st = fresh_status();
    FeedResult r = result(FEED_RESULT_INVALID, NOW, "not JSON");
    header_status_update(&st, &r);
    HeaderTexts t;
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "feed error: not JSON");
    assert_int_equal(t.kinds[0], BADGE_ERROR);

    /* a long reason is cut to 45 bytes plus an ellipsis */
    r = result(FEED_RESULT_INVALID, NOW,
               "line 3: expected a value after the colon, got the end of the text");
    header_status_update(&st, &r);
    header_format(&t, q4_feed(), &st, NOW);
    assert_string_equal(t.badges[0], "feed error: line 3: expected a value after the colon, got\xE2\x80\xA6");

    r = result(FEED_RESULT_NEW, NOW, "");
    header_status_update(&st, &r);
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 0);
    assert_string_equal(t.updated, "updated 09:41");
}

static void old_data_shows_stale_with_its_age(void **state)
{
    (void)state;
    HeaderStatus st = fresh_status();
    HeaderTexts t;
    OkrFeed *f = q4_feed();
    f->updated_at = 1795424400; /* 2026-11-23 09:00: 3 d 41 min before NOW */
    header_format(&t, f, &st, NOW);
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "stale: 3 d");
    assert_int_equal(t.kinds[0], BADGE_WARN);

    f->updated_at = 1795674600; /* 06:30: 3 h 11 min, under the 24 h default */
    header_format(&t, f, &st, NOW);
    assert_int_equal(t.n_badges, 0);
    st.stale_after_s = 2 * 3600;
    header_format(&t, f, &st, NOW);
    assert_string_equal(t.badges[0], "stale: 3 h");
}

static void cached_data_is_marked_until_a_fresh_fetch(void **state)
{
    (void)state;
    HeaderStatus st;
    header_status_init(&st, false);
    FeedResult r = result(FEED_RESULT_NEW, 1795543500, "");
    r.from_cache = true;
    r.at = NOW; /* loaded at start */
    header_status_update(&st, &r);
    HeaderTexts t;
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "cached data");
    assert_int_equal(t.kinds[0], BADGE_INFO);
    r = result(FEED_RESULT_NEW, NOW, "");
    header_status_update(&st, &r);
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 0);
}

static void badges_come_most_important_first_and_at_most_three(void **state)
{
    (void)state;
    HeaderStatus st;
    header_status_init(&st, false);
    FeedResult r = result(FEED_RESULT_NEW, NOW, "");
    r.from_cache = true;
    header_status_update(&st, &r);
    r = result(FEED_RESULT_INVALID, T0912, "not JSON");
    header_status_update(&st, &r);
    r = result(FEED_RESULT_FETCH_ERROR, T0920, "HTTP 500");
    header_status_update(&st, &r);
    OkrFeed *f = q4_feed();
    f->updated_at = 1795424400;
    HeaderTexts t;
    header_format(&t, f, &st, NOW);
    assert_int_equal(t.n_badges, 3);
    assert_string_equal(t.badges[0], "feed error: not JSON");
    assert_string_equal(t.badges[1], "offline since 09:20 (HTTP 500)");
    assert_string_equal(t.badges[2], "stale: 3 d");
}

static void times_on_another_day_carry_the_date(void **state)
{
    (void)state;
    HeaderStatus st;
    header_status_init(&st, true);
    FeedResult r = result(FEED_RESULT_NEW, 1795543500, ""); /* 2026-11-24 18:05 */
    header_status_update(&st, &r);
    HeaderTexts t;
    header_format(&t, q4_feed(), &st, NOW);
    assert_string_equal(t.updated, "updated Nov 24, 18:05");
    assert_string_equal(t.notice, "demo feed");
}

static void without_data_only_the_clock_and_notices_show(void **state)
{
    (void)state;
    HeaderStatus st;
    header_status_init(&st, true);
    FeedResult r = result(FEED_RESULT_FETCH_ERROR, T0912, "file not found");
    header_status_update(&st, &r);
    HeaderTexts t;
    header_format(&t, NULL, &st, NOW);
    HeaderInfo h = header_info(&t);
    assert_null(h.title);
    assert_null(h.updated);
    assert_null(h.period);
    assert_true(h.period_elapsed < 0);
    assert_string_equal(h.clock, "09:41");
    assert_string_equal(h.badges[0], "offline since 09:12 (file not found)");
    assert_string_equal(h.notice, "demo feed");
}

static void german_texts_read_as_a_german_office_expects(void **state)
{
    (void)state;
    HeaderStatus st = fresh_status();
    st.lang = I18N_DE;
    st.demo = true;
    HeaderTexts t;
    OkrFeed *f = q4_feed();
    header_format(&t, f, &st, NOW);
    assert_string_equal(t.updated, "aktualisiert 09:30");
    assert_string_equal(t.period, "Q4 2026 \xC2\xB7 Tag 57 von 92");
    assert_string_equal(t.notice, "Demo-Feed");

    FeedResult r = result(FEED_RESULT_FETCH_ERROR, T0912, "timeout");
    header_status_update(&st, &r);
    r = result(FEED_RESULT_INVALID, T0920, "line 3: expected a number");
    header_status_update(&st, &r);
    f->updated_at = 1795674600; /* 06:30: 3 h 11 min before NOW */
    st.stale_after_s = 2 * 3600;
    header_format(&t, f, &st, NOW);
    assert_int_equal(t.n_badges, 2);
    assert_string_equal(t.badges[0], "Feed-Fehler: line 3: expected a number");
    assert_string_equal(t.badges[1], "veraltet: 3 Std.");

    /* an invalid body ends "offline"; a new failure brings it back */
    r = result(FEED_RESULT_FETCH_ERROR, T0920, "timeout");
    header_status_update(&st, &r);
    header_format(&t, f, &st, NOW);
    assert_string_equal(t.badges[1], "offline seit 09:20 (timeout)");

    r = result(FEED_RESULT_NEW, 1795543500, ""); /* 2026-11-24 18:05 */
    header_status_update(&st, &r);
    header_format(&t, f, &st, NOW);
    assert_string_equal(t.updated, "aktualisiert 24. Nov., 18:05");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fresh_data_shows_clock_updated_time_and_period_day),
        cmocka_unit_test(the_period_says_when_it_starts_and_that_it_ended),
        cmocka_unit_test(a_failed_fetch_shows_offline_since_the_first_failure_with_the_last_reason),
        cmocka_unit_test(an_invalid_body_shows_a_short_feed_error),
        cmocka_unit_test(old_data_shows_stale_with_its_age),
        cmocka_unit_test(cached_data_is_marked_until_a_fresh_fetch),
        cmocka_unit_test(badges_come_most_important_first_and_at_most_three),
        cmocka_unit_test(times_on_another_day_carry_the_date),
        cmocka_unit_test(without_data_only_the_clock_and_notices_show),
        cmocka_unit_test(german_texts_read_as_a_german_office_expects),
    };
    return cmocka_run_group_tests(tests, setup_utc, NULL);
}
