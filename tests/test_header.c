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

/* A failed fetch of the given class. */
static FeedResult failure(int64_t at, FeedFail fail, int status, const char *reason)
{
    FeedResult r = result(FEED_RESULT_FETCH_ERROR, at, reason);
    r.fail = fail;
    r.http_status = status;
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
    assert_string_equal(t.updated, "fetched 09:30");
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
    FeedResult r = failure(T0912, FEED_FAIL_NET_TIMEOUT, 0, "timeout");
    header_status_update(&st, &r);
    r = failure(T0920, FEED_FAIL_NET_REFUSED, 0, "connection refused");
    header_status_update(&st, &r);
    HeaderTexts t;
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 1);
    /* the time before the reason: a badge cut short keeps both */
    assert_string_equal(t.badges[0], "offline since 09:12: connection refused");
    assert_int_equal(t.kinds[0], BADGE_WARN);
    /* the last good data is still what "fetched" refers to */
    assert_string_equal(t.updated, "fetched 09:30");

    r = result(FEED_RESULT_NOT_MODIFIED, NOW, "");
    header_status_update(&st, &r);
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 0);
}

static void an_invalid_body_shows_the_feed_error_since_its_first_time(void **state)
{
    (void)state;
    HeaderStatus st = fresh_status();
    FeedResult r = result(FEED_RESULT_INVALID, T0912, "not JSON");
    header_status_update(&st, &r);
    HeaderTexts t;
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "feed error since 09:12: not JSON");
    assert_int_equal(t.kinds[0], BADGE_ERROR);

    /* the whole reason goes to the layout, which cuts it only where the
     * header has no more room; the time stays that of the first error */
    r = result(FEED_RESULT_INVALID, T0920,
               "line 3: expected a value after the colon, got the end of the text");
    header_status_update(&st, &r);
    header_format(&t, q4_feed(), &st, NOW);
    assert_string_equal(
        t.badges[0],
        "feed error since 09:12: line 3: expected a value after the colon, got the end of the text");

    r = result(FEED_RESULT_NEW, NOW, "");
    header_status_update(&st, &r);
    header_format(&t, q4_feed(), &st, NOW);
    assert_int_equal(t.n_badges, 0);
    assert_string_equal(t.updated, "fetched 09:41");
}

/* Offline means the network. A server that refuses, an address that is
 * wrong, a missing file are said as what they are, in both languages. */
static void only_the_network_is_offline_the_rest_say_what_failed(void **state)
{
    (void)state;
    static const struct {
        FeedFail fail;
        int status;
        const char *reason;
        const char *failed_url;
        I18nLang lang;
        const char *badge;
    } rows[] = {
        {FEED_FAIL_HTTP_DENIED, 401, "HTTP 401", "", I18N_EN,
         "failing since 09:12: not allowed (401): check the token"},
        {FEED_FAIL_HTTP_DENIED, 403, "HTTP 403", "", I18N_EN,
         "failing since 09:12: not allowed (403): check the token"},
        {FEED_FAIL_HTTP_NOT_FOUND, 404, "HTTP 404", "", I18N_EN,
         "failing since 09:12: not found (404)"},
        {FEED_FAIL_HTTP_STATUS, 500, "HTTP 500", "", I18N_EN,
         "failing since 09:12: server error (HTTP 500)"},
        {FEED_FAIL_HTTP_STATUS, 400, "HTTP 400", "", I18N_EN,
         "failing since 09:12: refused by the server (HTTP 400)"},
        {FEED_FAIL_FILE_MISSING, 0, "file not found", "", I18N_EN,
         "failing since 09:12: file not found: /srv/okr/feed.json"},
        {FEED_FAIL_FILE_DENIED, 0, "permission denied", "", I18N_EN,
         "failing since 09:12: no permission to read /srv/okr/feed.json"},
        {FEED_FAIL_TLS, 0, "TLS certificate not trusted", "", I18N_EN,
         "failing since 09:12: TLS certificate not trusted"},
        {FEED_FAIL_CA_FILE, 0, "cannot read CA file nosuch.pem: No such file or directory", "",
         I18N_EN, "failing since 09:12: cannot read CA file nosuch.pem: No such file or directory"},
        {FEED_FAIL_NET_TIMEOUT, 0, "timeout", "", I18N_EN, "offline since 09:12: timeout"},
        {FEED_FAIL_NET_HOST, 0, "host not found", "", I18N_EN,
         "offline since 09:12: host not found"},
        {FEED_FAIL_NET_LOST, 0, "connection reset", "", I18N_EN,
         "offline since 09:12: connection lost"},
        {FEED_FAIL_NET_REFUSED, 0,
         "connection refused at https://10.0.0.7:8443/okr?... (redirected)",
         "https://10.0.0.7:8443/okr?...", I18N_EN,
         "offline since 09:12: connection refused at https://10.0.0.7:8443/okr?..."},
        {FEED_FAIL_HTTP_DENIED, 401, "HTTP 401", "", I18N_DE,
         "Fehler seit 09:12: nicht erlaubt (401): Token prüfen"},
        {FEED_FAIL_HTTP_NOT_FOUND, 404, "HTTP 404", "", I18N_DE,
         "Fehler seit 09:12: nicht gefunden (404)"},
        {FEED_FAIL_FILE_MISSING, 0, "file not found", "", I18N_DE,
         "Fehler seit 09:12: Datei nicht gefunden: /srv/okr/feed.json"},
        {FEED_FAIL_NET_TIMEOUT, 0, "timeout", "", I18N_DE,
         "offline seit 09:12: Zeitüberschreitung"},
        {FEED_FAIL_NET_REFUSED, 0, "connection refused", "", I18N_DE,
         "offline seit 09:12: Verbindung abgelehnt"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        HeaderStatus st = fresh_status();
        st.lang = rows[i].lang;
        header_status_set_location(&st, "/srv/okr/feed.json");
        FeedResult r = failure(T0912, rows[i].fail, rows[i].status, rows[i].reason);
        snprintf(r.failed_url, sizeof(r.failed_url), "%s", rows[i].failed_url);
        header_status_update(&st, &r);
        HeaderTexts t;
        header_format(&t, q4_feed(), &st, NOW);
        assert_int_equal(t.n_badges, 1);
        assert_string_equal(t.badges[0], rows[i].badge);
    }
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
    /* the data's own age (updated_at), said as such */
    assert_string_equal(t.badges[0], "data 3 d old");
    assert_int_equal(t.kinds[0], BADGE_WARN);

    f->updated_at = 1795674600; /* 06:30: 3 h 11 min, under the 24 h default */
    header_format(&t, f, &st, NOW);
    assert_int_equal(t.n_badges, 0);
    st.stale_after_s = 2 * 3600;
    header_format(&t, f, &st, NOW);
    assert_string_equal(t.badges[0], "data 3 h old");

    /* a feed without updated_at: all that is known is when it was fetched */
    f->has_updated_at = false;
    st.received_at = 1795424400;
    header_format(&t, f, &st, NOW);
    assert_string_equal(t.badges[0], "last fetched 3 d ago");
    assert_string_equal(t.updated, "fetched Nov 23, 09:00");
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
    r = failure(T0920, FEED_FAIL_HTTP_STATUS, 500, "HTTP 500");
    header_status_update(&st, &r);
    OkrFeed *f = q4_feed();
    f->updated_at = 1795424400;
    HeaderTexts t;
    header_format(&t, f, &st, NOW);
    assert_int_equal(t.n_badges, 3);
    assert_string_equal(t.badges[0], "feed error since 09:12: not JSON");
    assert_string_equal(t.badges[1], "failing since 09:20: server error (HTTP 500)");
    assert_string_equal(t.badges[2], "data 3 d old");
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
    assert_string_equal(t.updated, "fetched Nov 24, 18:05");
    assert_string_equal(t.notice, "demo feed");
}

/* No data and a reason: the screen says it in full (which feed, why, what
 * to do, when the next try is) instead of a small badge. */
static void without_data_the_screen_says_what_is_wrong_and_what_to_do(void **state)
{
    (void)state;
    HeaderStatus st;
    header_status_init(&st, true);
    header_status_set_location(&st, "file:///srv/okr/feed.json");
    HeaderTexts t;
    header_format(&t, NULL, &st, NOW);
    HeaderInfo h = header_info(&t);
    assert_null(h.problem_title); /* nothing tried yet: just waiting */

    FeedResult r = failure(T0912, FEED_FAIL_FILE_MISSING, 0, "file not found");
    header_status_update(&st, &r);
    header_format(&t, NULL, &st, NOW);
    h = header_info(&t);
    assert_null(h.title);
    assert_null(h.updated);
    assert_null(h.period);
    assert_true(h.period_elapsed < 0);
    assert_string_equal(h.clock, "09:41");
    assert_null(h.badges[0]); /* the screen says it, in full */
    assert_string_equal(h.notice, "demo feed");
    assert_string_equal(h.problem_title, "The feed cannot be shown");
    assert_string_equal(h.problem_reason, "File not found: /srv/okr/feed.json");
    assert_null(h.problem_where); /* the reason names the path already */
    assert_string_equal(
        h.problem_todo,
        "Create the file or point --feed at it. The file is read again as soon as it changes.");
    header_status_set_location(&st, "file://localhost/srv/okr/feed.json");
    header_format(&t, NULL, &st, NOW);
    assert_string_equal(t.problem_reason, "File not found: /srv/okr/feed.json");

    /* a URL: redacted, with the token advice and the next try (10 s: to the second) */
    header_status_init(&st, false);
    header_status_set_location(&st, "https://kiosk:pw@okr.example.com/feed.json?key=abc");
    r = failure(T0912, FEED_FAIL_HTTP_DENIED, 401, "HTTP 401");
    r.next_poll_s = 10.0;
    header_status_update(&st, &r);
    header_format(&t, NULL, &st, T0912);
    assert_string_equal(t.problem_reason, "Not allowed (401): check the token");
    assert_string_equal(t.problem_where, "Feed: https://okr.example.com/feed.json?...");
    assert_string_equal(t.problem_todo,
                        "Check the token (OKR_KIOSK_TOKEN or --token-file). Next try at 09:12:10.");
    assert_int_equal(t.n_badges, 0);

    /* offline, a retry ten minutes away */
    r = failure(T0920, FEED_FAIL_NET_TIMEOUT, 0, "timeout");
    r.next_poll_s = 600.0;
    header_status_update(&st, &r);
    header_format(&t, NULL, &st, T0920);
    assert_string_equal(t.problem_reason, "Offline: timeout");
    assert_string_equal(t.problem_todo, "Check the network and the address. Next try at 09:30.");

    /* not a feed, in German */
    st.lang = I18N_DE;
    r = result(FEED_RESULT_INVALID, T0920, "not JSON: the text ends early at line 1");
    r.next_poll_s = 60.0;
    header_status_update(&st, &r);
    header_format(&t, NULL, &st, T0920);
    assert_string_equal(t.problem_title, "Der Feed kann nicht angezeigt werden");
    assert_string_equal(t.problem_reason,
                        "Der Feed hat einen Fehler: not JSON: the text ends early at line 1");
    assert_string_equal(t.problem_where, "Feed: https://okr.example.com/feed.json?...");
    assert_string_equal(t.problem_todo,
                        "okr-kiosk --check https://okr.example.com/feed.json?... listet jedes "
                        "Problem auf. Nächster Versuch um 09:21:00.");

    /* once data is shown, the header's badges take over again */
    st.lang = I18N_EN;
    r = failure(T0920, FEED_FAIL_NET_TIMEOUT, 0, "timeout");
    header_status_update(&st, &r);
    header_format(&t, q4_feed(), &st, NOW);
    assert_string_equal(t.problem_title, "");
    assert_int_equal(t.n_badges, 2);
    assert_string_equal(t.badges[0],
                        "feed error since 09:20: not JSON: the text ends early at line 1");
    assert_string_equal(t.badges[1], "offline since 09:20: timeout");
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
    assert_string_equal(t.updated, "abgerufen 09:30");
    assert_string_equal(t.period, "Q4 2026 \xC2\xB7 Tag 57 von 92");
    assert_string_equal(t.notice, "Demo-Feed");

    FeedResult r = failure(T0912, FEED_FAIL_NET_TIMEOUT, 0, "timeout");
    header_status_update(&st, &r);
    r = result(FEED_RESULT_INVALID, T0920, "line 3: expected a number");
    header_status_update(&st, &r);
    f->updated_at = 1795674600; /* 06:30: 3 h 11 min before NOW */
    st.stale_after_s = 2 * 3600;
    header_format(&t, f, &st, NOW);
    assert_int_equal(t.n_badges, 2);
    assert_string_equal(t.badges[0], "Feed-Fehler seit 09:20: line 3: expected a number");
    assert_string_equal(t.badges[1], "Daten 3 Std. alt");

    /* an invalid body ends "offline"; a new failure brings it back */
    r = failure(T0920, FEED_FAIL_NET_TIMEOUT, 0, "timeout");
    header_status_update(&st, &r);
    header_format(&t, f, &st, NOW);
    assert_string_equal(t.badges[1], "offline seit 09:20: Zeitüberschreitung");

    r = result(FEED_RESULT_NEW, 1795543500, ""); /* 2026-11-24 18:05 */
    header_status_update(&st, &r);
    header_format(&t, f, &st, NOW);
    assert_string_equal(t.updated, "abgerufen 24. Nov., 18:05");
}

static void the_history_reference_and_its_problems_show_in_the_header(void **state)
{
    (void)state;
    HeaderStatus st = fresh_status();
    /* NOW is Thursday 09:41 UTC (TZ=UTC here); the reference a day earlier. */
    st.has_reference = true;
    st.reference = NOW - 86400 - 11 * 60;
    st.history_reason = I18N_MSG_HIST_READ_ONLY;
    HeaderTexts t;
    header_format(&t, q4_feed(), &st, NOW);
    assert_string_equal(t.since, "since Wed 09:30");
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "history not saved: folder is read-only");
    assert_int_equal(t.kinds[0], BADGE_WARN);
    HeaderInfo h = header_info(&t);
    assert_string_equal(h.since, "since Wed 09:30");
    /* A damaged file moved aside is a notice: history goes on. */
    st.history_reason = I18N_MSG_HIST_CORRUPT;
    st.history_note = true;
    st.has_reference = false;
    header_format(&t, q4_feed(), &st, NOW);
    assert_string_equal(t.badges[0], "history: damaged file moved aside");
    assert_int_equal(t.kinds[0], BADGE_INFO);
    assert_null(header_info(&t).since);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_history_reference_and_its_problems_show_in_the_header),
        cmocka_unit_test(fresh_data_shows_clock_updated_time_and_period_day),
        cmocka_unit_test(the_period_says_when_it_starts_and_that_it_ended),
        cmocka_unit_test(a_failed_fetch_shows_offline_since_the_first_failure_with_the_last_reason),
        cmocka_unit_test(an_invalid_body_shows_the_feed_error_since_its_first_time),
        cmocka_unit_test(only_the_network_is_offline_the_rest_say_what_failed),
        cmocka_unit_test(old_data_shows_stale_with_its_age),
        cmocka_unit_test(cached_data_is_marked_until_a_fresh_fetch),
        cmocka_unit_test(badges_come_most_important_first_and_at_most_three),
        cmocka_unit_test(times_on_another_day_carry_the_date),
        cmocka_unit_test(without_data_the_screen_says_what_is_wrong_and_what_to_do),
        cmocka_unit_test(german_texts_read_as_a_german_office_expects),
    };
    return cmocka_run_group_tests(tests, setup_utc, NULL);
}
