/*
 * Tests of the HTTP poll schedule (feed_http_next_delay and friends): pure
 * functions, so every number here is worked out from the policy in
 * feed_http.h, with no clock and no network.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "feed_http.h"
#include "feed_source.h"

static const FeedDelayPolicy policy = {.poll_s = 60, .jitter = 0.10, .max_backoff_s = 600};
static const FeedDelayPolicy no_jitter = {.poll_s = 60, .jitter = 0, .max_backoff_s = 600};

static void a_one_shot_fetch_names_the_sources_first_retry_without_jitter(void **state)
{
    (void)state;
    FeedSourceConfig cfg = feed_source_config_default(); /* 60 s, 10 % jitter, 600 s cap */
    /* a failure: the first backoff step, 10 s, not the poll interval */
    assert_float_equal(feed_source_first_retry_s(&cfg, FEED_RESULT_FETCH_ERROR), 10.0, 1e-9);
    /* an answer (an unusable body too): the poll interval, jitter left out */
    assert_float_equal(feed_source_first_retry_s(&cfg, FEED_RESULT_INVALID), 60.0, 1e-9);
    /* the cap holds for the first step as for any */
    cfg.max_backoff_s = 4.0;
    assert_float_equal(feed_source_first_retry_s(&cfg, FEED_RESULT_FETCH_ERROR), 4.0, 1e-9);
}

static void success_waits_the_poll_interval(void **state)
{
    (void)state;
    assert_float_equal(feed_http_next_delay(&no_jitter, 0, FEED_RESULT_NEW, -1, 0.3), 60.0, 1e-9);
    assert_float_equal(feed_http_next_delay(&no_jitter, 0, FEED_RESULT_NOT_MODIFIED, -1, 0.9), 60.0,
                       1e-9);
    /* rand01 = 0.5 is the middle of the jitter range */
    assert_float_equal(feed_http_next_delay(&policy, 0, FEED_RESULT_NEW, -1, 0.5), 60.0, 1e-9);
}

static void jitter_stays_within_ten_percent_of_the_interval(void **state)
{
    (void)state;
    /* 60 s +/- 10 %: 54 s at rand01 = 0, towards 66 s as rand01 -> 1 */
    assert_float_equal(feed_http_next_delay(&policy, 0, FEED_RESULT_NEW, -1, 0.0), 54.0, 1e-9);
    assert_float_equal(feed_http_next_delay(&policy, 0, FEED_RESULT_NEW, -1, 0.75), 63.0, 1e-9);
    uint64_t rng = 42;
    double lo = 1e9, hi = 0;
    for (int i = 0; i < 10000; i++) {
        double d = feed_http_next_delay(&policy, 0, FEED_RESULT_NEW, -1, feed_rng_01(&rng));
        assert_true(d >= 54.0 && d < 66.0);
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
    }
    /* the draws really spread over the range, they are not all the same */
    assert_true(lo < 55.0);
    assert_true(hi > 65.0);
}

static void backoff_starts_at_ten_seconds_doubles_and_caps_at_ten_minutes(void **state)
{
    (void)state;
    const double expected[] = {10, 20, 40, 80, 160, 320, 600, 600};
    for (int n = 1; n <= 8; n++)
        assert_float_equal(feed_http_next_delay(&no_jitter, n, FEED_RESULT_FETCH_ERROR, -1, 0.5),
                           expected[n - 1], 1e-9);
    assert_float_equal(feed_http_next_delay(&no_jitter, 1000, FEED_RESULT_FETCH_ERROR, -1, 0.5),
                       600.0, 1e-9);
}

static void backoff_jitter_never_goes_above_the_cap(void **state)
{
    (void)state;
    /* 3rd failure: 40 s +/- 10 % */
    assert_float_equal(feed_http_next_delay(&policy, 3, FEED_RESULT_FETCH_ERROR, -1, 0.0), 36.0,
                       1e-9);
    /* at the cap: 600 - 10 % = 540 at the low end, never above 600 */
    assert_float_equal(feed_http_next_delay(&policy, 12, FEED_RESULT_FETCH_ERROR, -1, 0.0), 540.0,
                       1e-9);
    assert_float_equal(feed_http_next_delay(&policy, 12, FEED_RESULT_FETCH_ERROR, -1, 0.999), 600.0,
                       1e-9);
}

static void retry_after_wins_over_the_backoff(void **state)
{
    (void)state;
    assert_float_equal(feed_http_next_delay(&policy, 1, FEED_RESULT_FETCH_ERROR, 7, 0.0), 7.0,
                       1e-9);
    /* 5th failure would be 160 s; the server asked for 300 */
    assert_float_equal(feed_http_next_delay(&policy, 5, FEED_RESULT_FETCH_ERROR, 300, 0.9), 300.0,
                       1e-9);
    /* and for less than the backoff: the server knows best */
    assert_float_equal(feed_http_next_delay(&policy, 6, FEED_RESULT_FETCH_ERROR, 30, 0.9), 30.0,
                       1e-9);
}

static void retry_after_is_clamped_between_one_second_and_the_cap(void **state)
{
    (void)state;
    assert_float_equal(feed_http_next_delay(&policy, 1, FEED_RESULT_FETCH_ERROR, 86400, 0.5), 600.0,
                       1e-9);
    assert_float_equal(feed_http_next_delay(&policy, 1, FEED_RESULT_FETCH_ERROR, 0, 0.5), 1.0,
                       1e-9);
}

static void invalid_body_keeps_the_normal_interval(void **state)
{
    (void)state;
    /* the server answered; a captive portal page is not a reason to back off */
    assert_float_equal(feed_http_next_delay(&no_jitter, 0, FEED_RESULT_INVALID, -1, 0.5), 60.0,
                       1e-9);
}

static void schedule_counts_failures_and_resets_after_success(void **state)
{
    (void)state;
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = "http://127.0.0.1:1/";
    cfg.jitter = 0;
    FeedHttp *h = feed_http_new(&cfg, 7);
    assert_non_null(h);
    FeedResult err = {.kind = FEED_RESULT_FETCH_ERROR};
    FeedResult ok = {.kind = FEED_RESULT_NOT_MODIFIED};
    FeedResult bad = {.kind = FEED_RESULT_INVALID};

    assert_float_equal(feed_http_schedule(h, &err), 10.0, 1e-9);
    assert_float_equal(feed_http_schedule(h, &err), 20.0, 1e-9);
    assert_float_equal(feed_http_schedule(h, &err), 40.0, 1e-9);
    assert_float_equal(feed_http_schedule(h, &ok), 60.0, 1e-9);
    /* the count restarted: the next failure is a first failure again */
    assert_float_equal(feed_http_schedule(h, &err), 10.0, 1e-9);
    assert_float_equal(feed_http_schedule(h, &bad), 60.0, 1e-9);
    assert_float_equal(feed_http_schedule(h, &err), 10.0, 1e-9);
    feed_http_free(h);
}

static void retry_after_reads_seconds_and_http_dates(void **state)
{
    (void)state;
    assert_float_equal(feed_http_parse_retry_after("7", 1000), 7.0, 1e-9);
    assert_float_equal(feed_http_parse_retry_after(" 120 ", 1000), 120.0, 1e-9);
    /* 00:01:40 on 1 Jan 1970 is unix time 100; at "now" 40 that is 60 s away */
    assert_float_equal(feed_http_parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", 40), 60.0,
                       1e-9);
    /* 2 Jan 1970 00:00:00 = 86400; a date in the past means "now" */
    assert_float_equal(feed_http_parse_retry_after("Fri, 02 Jan 1970 00:00:00 GMT", 90000), 0.0,
                       1e-9);
    assert_true(feed_http_parse_retry_after("", 0) < 0);
    assert_true(feed_http_parse_retry_after("12abc", 0) < 0);
    assert_true(feed_http_parse_retry_after("soon", 0) < 0);
}

static void prng_repeats_for_the_same_seed(void **state)
{
    (void)state;
    uint64_t a = 12345, b = 12345, c = 54321;
    bool differs = false;
    for (int i = 0; i < 100; i++) {
        double x = feed_rng_01(&a);
        assert_float_equal(x, feed_rng_01(&b), 0);
        assert_true(x >= 0.0 && x < 1.0);
        differs = differs || x != feed_rng_01(&c);
    }
    assert_true(differs);
}

static void log_urls_lose_credentials_and_queries(void **state)
{
    (void)state;
    char out[256];
    feed_source_redact("https://user:pw@example.com:8443/okr/feed.json?token=abc", out,
                       sizeof(out));
    assert_string_equal(out, "https://example.com:8443/okr/feed.json?...");
    feed_source_redact("http://example.com/feed.json", out, sizeof(out));
    assert_string_equal(out, "http://example.com/feed.json");
    feed_source_redact("http://tok@example.com", out, sizeof(out));
    assert_string_equal(out, "http://example.com");
}

/* Everything stderr receives while fn runs. */
static void capture_stderr(void (*fn)(void), char *out, size_t size)
{
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fileno(tmp), STDERR_FILENO);
    fn();
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    rewind(tmp);
    size_t n = fread(out, 1, size - 1, tmp);
    out[n] = '\0';
    fclose(tmp);
}

static void log_a_failed_fetch(void)
{
    FeedResult r;
    char where[256];
    memset(&r, 0, sizeof(r));
    r.kind = FEED_RESULT_FETCH_ERROR;
    r.http_status = 500;
    r.bytes = 12;
    r.elapsed_ms = 3.4;
    r.next_poll_s = 60.0;
    snprintf(r.reason, sizeof(r.reason), "HTTP 500");
    feed_source_redact("https://u:secret@example.com/f.json?token=abc", where, sizeof(where));
    feed_source_log_result(where, &r);
}

/* The loop and --check -v write this one line, in the log's one format
 * "<level>: <message>", never "okr-kiosk: ..." and never the token. */
static void the_fetch_line_uses_the_log_format_and_the_redacted_location(void **state)
{
    (void)state;
    char out[1024];
    capture_stderr(log_a_failed_fetch, out, sizeof(out));
    assert_string_equal(out, "warn: fetch https://example.com/f.json?...: status 500, 12 bytes, "
                             "3 ms, failed: HTTP 500, next in 60 s\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(success_waits_the_poll_interval),
        cmocka_unit_test(the_fetch_line_uses_the_log_format_and_the_redacted_location),
        cmocka_unit_test(jitter_stays_within_ten_percent_of_the_interval),
        cmocka_unit_test(backoff_starts_at_ten_seconds_doubles_and_caps_at_ten_minutes),
        cmocka_unit_test(backoff_jitter_never_goes_above_the_cap),
        cmocka_unit_test(retry_after_wins_over_the_backoff),
        cmocka_unit_test(retry_after_is_clamped_between_one_second_and_the_cap),
        cmocka_unit_test(invalid_body_keeps_the_normal_interval),
        cmocka_unit_test(schedule_counts_failures_and_resets_after_success),
        cmocka_unit_test(retry_after_reads_seconds_and_http_dates),
        cmocka_unit_test(prng_repeats_for_the_same_seed),
        cmocka_unit_test(log_urls_lose_credentials_and_queries),
        cmocka_unit_test(a_one_shot_fetch_names_the_sources_first_retry_without_jitter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
