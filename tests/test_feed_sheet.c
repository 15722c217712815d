/*
 * A spreadsheet as a feed, end to end through the feed source: Google
 * Sheets' publish and export links served by tests/http_server.py on
 * 127.0.0.1 with Google's redirect chains, the CSV found by its Content-Type
 * when the URL does not say so, an ETag that changes when the sheet does,
 * 429 with Retry-After, the sign-in page of a sheet that is not published,
 * a cached sheet shown after a restart, and a CSV file edited in place.
 *
 * Sheet variant N (http_server.py sheet_variant): "Ship it vN" with a key
 * result at 50 %, and "Grow it" with Count at N * 10 of 100.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_source.h"
#include "feed_test_support.h"

static TestServer server;

typedef struct {
    FeedMailbox *mb;
    FeedSource *src;
    char url[256];
} Run;

static FeedSourceConfig sheet_config(Run *run, const char *path)
{
    FeedSourceConfig cfg = feed_source_config_default();
    snprintf(run->url, sizeof run->url, "http://127.0.0.1:%d%s", server.port, path);
    cfg.location = run->url;
    cfg.jitter = 0;
    cfg.cache_dir = "";
    cfg.connect_timeout_s = 2;
    cfg.total_timeout_s = 5;
    return cfg;
}

static void start(Run *run, const FeedSourceConfig *cfg, FeedResult *first)
{
    char err[256] = "";
    run->mb = feed_mailbox_new(NULL, NULL);
    assert_non_null(run->mb);
    run->src = feed_source_start(cfg, run->mb, err, sizeof err);
    if (!run->src)
        fail_msg("start failed: %s", err);
    assert_true(test_wait_result(run->mb, first, 15));
}

static void next(Run *run, FeedResult *r)
{
    feed_source_refresh(run->src);
    assert_true(test_wait_result(run->mb, r, 15));
}

static void finish(Run *run)
{
    feed_source_stop(run->src);
    feed_mailbox_free(run->mb);
}

/* A NEW result holding sheet variant n. */
static void expect_sheet(const FeedResult *r, int n)
{
    char title[32];
    if (r->kind != FEED_RESULT_NEW)
        fail_msg("kind %d, reason \"%s\"", r->kind, r->reason);
    assert_int_equal(r->http_status, r->from_cache ? 0 : 200);
    assert_non_null(r->feed);
    assert_int_equal(r->diags.n_warnings, 0);
    assert_int_equal(r->feed->n_objectives, 2);
    snprintf(title, sizeof title, "Ship it v%d", n);
    assert_string_equal(r->feed->objectives[0].title, title);
    const OkrKeyResult *half = &r->feed->objectives[0].key_results[0];
    assert_true(half->has_progress);
    assert_float_equal(half->progress, 0.5, 1e-12);
    const OkrKeyResult *count = &r->feed->objectives[1].key_results[0];
    assert_string_equal(count->title, "Count");
    assert_string_equal(count->owner, "Bo");
    assert_float_equal(count->current, n * 10.0, 1e-12);
    assert_float_equal(count->target, 100.0, 1e-12);
}

static void control(const char *query)
{
    assert_int_equal(test_server_control(&server, query), 0);
}

static void publish_link_follows_googles_redirects_and_reads_the_csv(void **state)
{
    (void)state;
    Run run;
    FeedResult r;
    control("kind=csv&mode=ok&feed=1");
    FeedSourceConfig cfg =
        sheet_config(&run, "/spreadsheets/d/e/KEY/pub?gid=0&single=true&output=csv");
    start(&run, &cfg, &r);
    expect_sheet(&r, 1);
    assert_float_equal(r.next_poll_s, 60.0, 1e-9);
    feed_result_clear(&r);
    finish(&run);
}

static void export_link_is_read_as_csv_too(void **state)
{
    (void)state;
    Run run;
    FeedResult r;
    control("kind=csv&mode=ok&feed=3");
    FeedSourceConfig cfg = sheet_config(&run, "/spreadsheets/d/KEY/export?format=csv&gid=0");
    start(&run, &cfg, &r);
    expect_sheet(&r, 3);
    feed_result_clear(&r);
    finish(&run);
}

static void a_url_that_does_not_say_csv_is_read_by_its_content_type(void **state)
{
    (void)state;
    Run run;
    FeedResult r;
    control("kind=csv&mode=ok&feed=2");
    FeedSourceConfig cfg = sheet_config(&run, "/feed");
    start(&run, &cfg, &r);
    expect_sheet(&r, 2);
    feed_result_clear(&r);
    finish(&run);
}

static void an_edited_sheet_changes_its_etag_and_the_wall_gets_the_new_values(void **state)
{
    (void)state;
    Run run;
    FeedResult r;
    control("kind=csv&mode=ok&feed=1");
    FeedSourceConfig cfg = sheet_config(&run, "/spreadsheets/d/e/KEY/pub?output=csv");
    start(&run, &cfg, &r);
    expect_sheet(&r, 1);
    feed_result_clear(&r);
    /* unchanged: the ETag comes back and the server says 304 */
    next(&run, &r);
    assert_int_equal(r.kind, FEED_RESULT_NOT_MODIFIED);
    assert_int_equal(r.http_status, 304);
    feed_result_clear(&r);
    /* someone edits the sheet: a new ETag, the new numbers */
    control("feed=4");
    next(&run, &r);
    expect_sheet(&r, 4);
    feed_result_clear(&r);
    finish(&run);
}

static void too_many_requests_waits_the_retry_after_then_reads_the_sheet_again(void **state)
{
    (void)state;
    Run run;
    FeedResult r;
    control("kind=csv&mode=retry&code=429&retry_after=42&retry_date=");
    FeedSourceConfig cfg = sheet_config(&run, "/spreadsheets/d/e/KEY/pub?output=csv");
    start(&run, &cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_int_equal(r.http_status, 429);
    assert_float_equal(r.next_poll_s, 42.0, 1e-9);
    feed_result_clear(&r);
    control("mode=ok&feed=5");
    next(&run, &r);
    expect_sheet(&r, 5);
    feed_result_clear(&r);
    finish(&run);
}

static void a_sheet_that_is_not_published_says_so(void **state)
{
    (void)state;
    Run run;
    FeedResult r;
    control("kind=csv&mode=signin");
    FeedSourceConfig cfg = sheet_config(&run, "/spreadsheets/d/e/KEY/pub?output=csv");
    start(&run, &cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_INVALID);
    assert_int_equal(r.http_status, 200);
    assert_null(r.feed);
    assert_string_equal(r.reason, "the sheet answered with a web page, not CSV: is it published / "
                                  "shared with anyone who has the link?");
    assert_int_equal(r.diags.n_errors, 1);
    feed_result_clear(&r);
    control("mode=ok");
    finish(&run);
}

/* The cache keeps the body without its Content-Type: a cached sheet must
 * still be read as CSV at the next start, when the server is down. */
static void a_cached_sheet_is_shown_after_a_restart_while_the_server_fails(void **state)
{
    (void)state;
    char dir[256];
    Run run;
    FeedResult r;
    test_make_temp_dir(dir, sizeof dir);
    control("kind=csv&mode=ok&feed=6");
    FeedSourceConfig cfg = sheet_config(&run, "/feed");
    cfg.cache_dir = dir;
    start(&run, &cfg, &r);
    expect_sheet(&r, 6);
    assert_false(r.from_cache);
    feed_result_clear(&r);
    finish(&run);

    control("mode=status&code=500");
    start(&run, &cfg, &r);
    expect_sheet(&r, 6);
    assert_true(r.from_cache);
    feed_result_clear(&r);
    assert_true(test_wait_result(run.mb, &r, 15));
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    feed_result_clear(&r);
    finish(&run);
    control("mode=ok");
    test_remove_tree(dir);
}

static void a_csv_file_edited_in_place_is_read_again(void **state)
{
    (void)state;
    char dir[256], path[320];
    FeedResult r;
    test_make_temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/okrs.csv", dir);
    test_write_file(path, "\xEF\xBB\xBFZiel;Schl\xC3\xBCsselergebnis;Istwert;Zielwert\r\n"
                          "Umsatz;Neukunden;12;40\r\n");
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = path;
    cfg.cache_dir = "";
    Run run;
    start(&run, &cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_float_equal(r.feed->objectives[0].key_results[0].current, 12.0, 1e-12);
    feed_result_clear(&r);
    /* an editor saves in place: truncate and write */
    test_write_file(path, "\xEF\xBB\xBFZiel;Schl\xC3\xBCsselergebnis;Istwert;Zielwert\r\n"
                          "Umsatz;Neukunden;18,5;40\r\n");
    assert_true(test_wait_kind(run.mb, FEED_RESULT_NEW, &r, 10));
    assert_float_equal(r.feed->objectives[0].key_results[0].current, 18.5, 1e-12);
    feed_result_clear(&r);
    finish(&run);
    test_remove_tree(dir);
}

static int setup(void **state)
{
    (void)state;
    return test_server_start(&server);
}

static int teardown(void **state)
{
    (void)state;
    test_server_stop(&server);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(publish_link_follows_googles_redirects_and_reads_the_csv),
        cmocka_unit_test(export_link_is_read_as_csv_too),
        cmocka_unit_test(a_url_that_does_not_say_csv_is_read_by_its_content_type),
        cmocka_unit_test(an_edited_sheet_changes_its_etag_and_the_wall_gets_the_new_values),
        cmocka_unit_test(too_many_requests_waits_the_retry_after_then_reads_the_sheet_again),
        cmocka_unit_test(a_sheet_that_is_not_published_says_so),
        cmocka_unit_test(a_cached_sheet_is_shown_after_a_restart_while_the_server_fails),
        cmocka_unit_test(a_csv_file_edited_in_place_is_read_again),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
