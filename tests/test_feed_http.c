/*
 * Tests of the HTTP feed source against a real server process on 127.0.0.1
 * (tests/http_server.py). Each case starts a source with jitter 0 and no
 * cache, so the chosen next delay is exact: 60 s after a success, 10 s after
 * a first failure, doubling after that, or the server's Retry-After.
 * Consecutive attempts are driven with feed_source_refresh(), never by
 * waiting out a delay.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed_source.h"
#include "feed_test_support.h"

static TestServer server;

static FeedSourceConfig test_config(char *url, size_t urllen, const char *path)
{
    FeedSourceConfig cfg = feed_source_config_default();
    snprintf(url, urllen, "http://127.0.0.1:%d%s", server.port, path);
    cfg.location = url;
    cfg.jitter = 0;
    cfg.cache_dir = "";
    cfg.connect_timeout_s = 2;
    cfg.total_timeout_s = 5;
    return cfg;
}

typedef struct {
    FeedMailbox *mb;
    FeedSource *src;
} Run;

/* Starts a source and takes its first result. */
static Run start(const FeedSourceConfig *cfg, FeedResult *first)
{
    char err[256] = "";
    Run run = {feed_mailbox_new(NULL, NULL), NULL};
    assert_non_null(run.mb);
    run.src = feed_source_start(cfg, run.mb, err, sizeof(err));
    if (!run.src)
        fail_msg("start failed: %s", err);
    assert_true(test_wait_result(run.mb, first, 15));
    return run;
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

/* One attempt at path: its kind, reason and next delay. */
static void expect_one(const char *path, double total_timeout_s, FeedResultKind kind,
                       const char *reason_part, int status, double next_poll_s)
{
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), path);
    if (total_timeout_s > 0)
        cfg.total_timeout_s = total_timeout_s;
    Run run = start(&cfg, &r);
    if (r.kind != kind)
        fail_msg("%s: kind %d, wanted %d (reason \"%s\")", path, r.kind, kind, r.reason);
    if (reason_part && !strstr(r.reason, reason_part))
        fail_msg("%s: reason \"%s\" lacks \"%s\"", path, r.reason, reason_part);
    assert_int_equal(r.http_status, status);
    assert_float_equal(r.next_poll_s, next_poll_s, 1e-6);
    assert_false(r.from_cache);
    feed_result_clear(&r);
    finish(&run);
}

static void ok_gives_a_new_feed_and_waits_the_poll_interval(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/ok");
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_int_equal(r.http_status, 200);
    assert_non_null(r.feed);
    assert_string_equal(r.feed->title, "Server feed");
    assert_int_equal(r.feed->n_objectives, 1);
    assert_int_equal(r.bytes, 134); /* the FEED constant of http_server.py */
    assert_float_equal(r.next_poll_s, 60.0, 1e-9);
    assert_true(r.at > 0);
    feed_result_clear(&r);
    finish(&run);
}

static void second_poll_sends_the_etag_and_gets_not_modified(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/ok");
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    feed_result_clear(&r);
    /* the server answers 304 only when If-None-Match carries its ETag */
    next(&run, &r);
    assert_int_equal(r.kind, FEED_RESULT_NOT_MODIFIED);
    assert_int_equal(r.http_status, 304);
    assert_null(r.feed);
    assert_float_equal(r.next_poll_s, 60.0, 1e-9);
    feed_result_clear(&r);
    finish(&run);
}

static void last_modified_alone_makes_the_next_poll_conditional(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/ok-last-modified");
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    feed_result_clear(&r);
    next(&run, &r);
    assert_int_equal(r.kind, FEED_RESULT_NOT_MODIFIED);
    assert_int_equal(r.http_status, 304);
    feed_result_clear(&r);
    finish(&run);
}

static void http_404_is_an_error_retried_after_ten_seconds(void **state)
{
    (void)state;
    expect_one("/404", 0, FEED_RESULT_FETCH_ERROR, "HTTP 404", 404, 10);
}

static void http_500_backs_off_doubling_on_each_failure(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/500");
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "HTTP 500");
    assert_int_equal(r.http_status, 500);
    assert_float_equal(r.next_poll_s, 10.0, 1e-9);
    feed_result_clear(&r);
    next(&run, &r);
    assert_float_equal(r.next_poll_s, 20.0, 1e-9);
    feed_result_clear(&r);
    next(&run, &r);
    assert_float_equal(r.next_poll_s, 40.0, 1e-9);
    feed_result_clear(&r);
    finish(&run);
}

static void http_429_waits_the_retry_after_seconds(void **state)
{
    (void)state;
    expect_one("/429", 0, FEED_RESULT_FETCH_ERROR, "HTTP 429", 429, 7);
}

static void http_503_waits_until_the_retry_after_date(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/503");
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "HTTP 503");
    /* the server says "now + 30 s" as an HTTP date (whole seconds) */
    assert_true(r.next_poll_s >= 28.0 && r.next_poll_s <= 31.0);
    feed_result_clear(&r);
    finish(&run);
}

static void server_slower_than_the_timeout_is_a_timeout(void **state)
{
    (void)state;
    double t0 = test_now_s();
    expect_one("/slow", 1, FEED_RESULT_FETCH_ERROR, "timeout", 0, 10);
    assert_true(test_now_s() - t0 < 4.0);
}

static void trickling_server_is_cut_off_by_the_low_speed_limit(void **state)
{
    (void)state;
    /* total timeout 6 s: the low-speed window is 2 s, so the cut comes well
     * before the total timeout would */
    double t0 = test_now_s();
    expect_one("/trickle", 6, FEED_RESULT_FETCH_ERROR, "timeout", 0, 10);
    double took = test_now_s() - t0;
    assert_true(took >= 1.5 && took < 5.0);
}

static void truncated_body_is_reported_as_truncated(void **state)
{
    (void)state;
    expect_one("/truncated", 0, FEED_RESULT_FETCH_ERROR, "truncated response", 0, 10);
}

static void body_over_the_cap_without_length_is_cut_off(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/huge");
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "feed larger than 8 MiB");
    assert_true(r.bytes <= 8u * 1024u * 1024u);
    assert_float_equal(r.next_poll_s, 10.0, 1e-9);
    feed_result_clear(&r);
    finish(&run);

    cfg.limits.max_body = 1024 * 1024;
    run = start(&cfg, &r);
    assert_string_equal(r.reason, "feed larger than 1 MiB");
    feed_result_clear(&r);
    finish(&run);
}

static void body_announced_over_the_cap_is_refused_at_once(void **state)
{
    (void)state;
    double t0 = test_now_s();
    expect_one("/huge-length", 0, FEED_RESULT_FETCH_ERROR, "feed larger than 8 MiB", 0, 10);
    assert_true(test_now_s() - t0 < 2.0);
}

static void redirect_loop_stops_after_five_redirects(void **state)
{
    (void)state;
    expect_one("/redirect-loop", 0, FEED_RESULT_FETCH_ERROR, "too many redirects", 0, 10);
}

static void redirect_to_a_file_url_is_refused(void **state)
{
    (void)state;
    expect_one("/redirect-file", 0, FEED_RESULT_FETCH_ERROR, "refused", 0, 10);
}

static void connection_refused_is_retried_after_ten_seconds(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = feed_source_config_default();
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", test_unused_port());
    cfg.location = url;
    cfg.jitter = 0;
    cfg.cache_dir = "";
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "connection refused");
    assert_int_equal(r.http_status, 0);
    assert_float_equal(r.next_poll_s, 10.0, 1e-9);
    feed_result_clear(&r);
    finish(&run);
}

static void unknown_host_is_host_not_found(void **state)
{
    (void)state;
    char url[] = "http://okr-kiosk-test.invalid/feed.json";
    FeedResult r;
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = url;
    cfg.jitter = 0;
    cfg.cache_dir = "";
    cfg.connect_timeout_s = 3;
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "host not found");
    assert_float_equal(r.next_poll_s, 10.0, 1e-9);
    feed_result_clear(&r);
    finish(&run);
}

static void html_page_is_invalid_and_says_so(void **state)
{
    (void)state;
    expect_one("/html", 0, FEED_RESULT_INVALID, "HTML page", 200, 60);
}

static void json_that_is_not_a_feed_is_invalid(void **state)
{
    (void)state;
    expect_one("/notfeed", 0, FEED_RESULT_INVALID, "objectives", 200, 60);
}

static void gzip_body_is_decoded(void **state)
{
    (void)state;
    /* the server answers 406 unless the request accepts gzip */
    expect_one("/gzip", 0, FEED_RESULT_NEW, NULL, 200, 60);
}

static void user_agent_names_the_kiosk(void **state)
{
    (void)state;
    expect_one("/user-agent", 0, FEED_RESULT_NEW, NULL, 200, 60);
}

static void extra_headers_are_sent_but_never_logged(void **state)
{
    (void)state;
    char url[128];
    char log_path[] = "/tmp/okr-feed-log-XXXXXX";
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/auth");

    expect_one("/auth", 0, FEED_RESULT_FETCH_ERROR, "HTTP 401", 401, 10);

    /* verbose, with the token, stderr captured in a file */
    int log_fd = mkstemp(log_path);
    assert_true(log_fd >= 0);
    int saved = dup(STDERR_FILENO);
    dup2(log_fd, STDERR_FILENO);
    cfg.verbose = true;
    cfg.headers[0] = "Authorization: Bearer s3cret-token-xyz";
    cfg.headers[1] = NULL;
    Run run = start(&cfg, &r);
    finish(&run);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);

    assert_int_equal(r.kind, FEED_RESULT_NEW);
    feed_result_clear(&r);
    char log[4096] = "";
    ssize_t n = pread(log_fd, log, sizeof(log) - 1, 0);
    close(log_fd);
    unlink(log_path);
    assert_true(n > 0);
    log[n] = '\0';
    assert_non_null(strstr(log, "/auth"));
    assert_non_null(strstr(log, "changed"));
    assert_null(strstr(log, "s3cret"));
    assert_null(strstr(log, "Bearer"));
}

static void self_signed_https_is_refused_unless_its_ca_is_given(void **state)
{
    (void)state;
    char dir[512], url[128], ca[600];
    TestServer tls;
    FeedResult r;
    test_make_temp_dir(dir, sizeof(dir));
    if (test_server_start_tls(&tls, dir) != 0)
        fail_msg("cannot start the HTTPS test server");
    FeedSourceConfig cfg = feed_source_config_default();
    snprintf(url, sizeof(url), "https://127.0.0.1:%d/ok", tls.port);
    cfg.location = url;
    cfg.jitter = 0;
    cfg.cache_dir = "";
    Run run = start(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "TLS certificate not trusted");
    assert_float_equal(r.next_poll_s, 10.0, 1e-9);
    feed_result_clear(&r);
    finish(&run);

    snprintf(ca, sizeof(ca), "%s/cert.pem", dir);
    cfg.ca_file = ca;
    run = start(&cfg, &r);
    if (r.kind != FEED_RESULT_NEW)
        fail_msg("with --ca-file: kind %d (%s)", r.kind, r.reason);
    assert_string_equal(r.feed->title, "Server feed");
    feed_result_clear(&r);
    finish(&run);
    test_server_stop(&tls);
    test_remove_tree(dir);
}

/* One attempt at url: the result (caller clears it). */
static void one_attempt(const char *url, const char *ca_file, FeedResult *r)
{
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = url;
    cfg.ca_file = ca_file;
    cfg.jitter = 0;
    cfg.cache_dir = "";
    cfg.connect_timeout_s = 2;
    cfg.total_timeout_s = 5;
    Run run = start(&cfg, r);
    finish(&run);
}

static void a_missing_ca_file_is_named_instead_of_blaming_the_certificate(void **state)
{
    (void)state;
    char dir[512], url[128], ca[600];
    TestServer tls;
    FeedResult r;
    test_make_temp_dir(dir, sizeof(dir));
    if (test_server_start_tls(&tls, dir) != 0)
        fail_msg("cannot start the HTTPS test server");
    snprintf(url, sizeof(url), "https://127.0.0.1:%d/ok", tls.port);

    snprintf(ca, sizeof(ca), "%s/nosuch.pem", dir);
    one_attempt(url, ca, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_int_equal(r.fail, FEED_FAIL_CA_FILE);
    char want[800];
    snprintf(want, sizeof(want), "cannot read CA file %s: No such file or directory", ca);
    assert_string_equal(r.reason, want);
    assert_false(feed_fail_is_offline(r.fail));
    feed_result_clear(&r);

    /* a file that is there but holds no certificate */
    snprintf(ca, sizeof(ca), "%s/empty.pem", dir);
    test_write_file(ca, "this is not a certificate\n");
    one_attempt(url, ca, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_int_equal(r.fail, FEED_FAIL_CA_FILE);
    snprintf(want, sizeof(want), "cannot read CA file %s: no certificate in it", ca);
    assert_string_equal(r.reason, want);
    feed_result_clear(&r);
    test_server_stop(&tls);
    test_remove_tree(dir);
}

static void a_redirect_to_a_closed_port_names_the_url_that_failed(void **state)
{
    (void)state;
    char url[128], want[256];
    FeedResult r;
    int closed = test_unused_port();
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/redirect-to?port=%d", server.port, closed);
    one_attempt(url, NULL, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_int_equal(r.fail, FEED_FAIL_NET_REFUSED);
    /* the target, without its user, password or query */
    snprintf(want, sizeof(want), "https://127.0.0.1:%d/moved?...", closed);
    assert_string_equal(r.failed_url, want);
    snprintf(want, sizeof(want),
             "connection refused at https://127.0.0.1:%d/moved?... (redirected)", closed);
    assert_string_equal(r.reason, want);
    assert_null(strstr(r.reason, "pw"));
    assert_null(strstr(r.reason, "secret"));
    feed_result_clear(&r);

    /* without a redirect the reason stays short and names no URL */
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", closed);
    one_attempt(url, NULL, &r);
    assert_string_equal(r.reason, "connection refused");
    assert_string_equal(r.failed_url, "");
    feed_result_clear(&r);
}

/* Only the network is "offline": refusals by the server and missing files
 * are classed apart so the screen can name them. */
static void each_failure_is_classed_for_the_screen(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        const char *control; /* a /control query first, or NULL */
        FeedFail fail;
        bool offline;
    } rows[] = {
        {"/auth", NULL, FEED_FAIL_HTTP_DENIED, false},
        {"/feed", "mode=status&code=403", FEED_FAIL_HTTP_DENIED, false},
        {"/404", NULL, FEED_FAIL_HTTP_NOT_FOUND, false},
        {"/feed", "mode=status&code=410", FEED_FAIL_HTTP_NOT_FOUND, false},
        {"/500", NULL, FEED_FAIL_HTTP_STATUS, false},
        {"/truncated", NULL, FEED_FAIL_NET_LOST, true},
    };
    char url[160];
    FeedResult r;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (rows[i].control)
            assert_int_equal(test_server_control(&server, rows[i].control), 0);
        snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", server.port, rows[i].path);
        one_attempt(url, NULL, &r);
        assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
        if (r.fail != rows[i].fail)
            fail_msg("%s: class %d, wanted %d (%s)", rows[i].path, r.fail, rows[i].fail, r.reason);
        assert_int_equal(feed_fail_is_offline(r.fail), rows[i].offline);
        feed_result_clear(&r);
    }
    assert_int_equal(test_server_control(&server, "mode=ok"), 0);

    snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", test_unused_port());
    one_attempt(url, NULL, &r);
    assert_int_equal(r.fail, FEED_FAIL_NET_REFUSED);
    assert_true(feed_fail_is_offline(r.fail));
    feed_result_clear(&r);

    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = "/nonexistent/okr-kiosk/feed.json";
    feed_fetch_once(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_int_equal(r.fail, FEED_FAIL_FILE_MISSING);
    assert_false(feed_fail_is_offline(r.fail));
    feed_result_clear(&r);
}

static void unsupported_scheme_is_refused_by_name(void **state)
{
    (void)state;
    char err[256] = "";
    FeedMailbox *mb = feed_mailbox_new(NULL, NULL);
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = "ftp://example.com/feed.json";
    assert_null(feed_source_start(&cfg, mb, err, sizeof(err)));
    assert_non_null(strstr(err, "\"ftp\""));
    cfg.location = "gopher://example.com/feed.json";
    assert_null(feed_source_start(&cfg, mb, err, sizeof(err)));
    assert_non_null(strstr(err, "\"gopher\""));
    cfg.location = "";
    assert_null(feed_source_start(&cfg, mb, err, sizeof(err)));
    feed_mailbox_free(mb);
}

static void stop_returns_promptly_during_a_slow_transfer(void **state)
{
    (void)state;
    char url[128];
    char err[256];
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/slow");
    cfg.total_timeout_s = 30;
    FeedMailbox *mb = feed_mailbox_new(NULL, NULL);
    FeedSource *src = feed_source_start(&cfg, mb, err, sizeof(err));
    assert_non_null(src);
    test_sleep_ms(300); /* the request is now waiting on the server */
    double t0 = test_now_s();
    feed_source_stop(src);
    double took_ms = (test_now_s() - t0) * 1000.0;
    print_message("stop during a transfer took %.1f ms\n", took_ms);
    assert_true(took_ms < 300.0);
    feed_mailbox_free(mb);
}

static void start_and_stop_leave_no_descriptor_or_thread_behind(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/ok");
    /* warm up: curl's global state opens what it keeps for the process */
    Run run = start(&cfg, &r);
    feed_result_clear(&r);
    finish(&run);
    int before = test_count_fds();
    int threads = test_count_threads();
    for (int i = 0; i < 30; i++) {
        run = start(&cfg, &r);
        assert_int_equal(r.kind, FEED_RESULT_NEW);
        feed_result_clear(&r);
        finish(&run);
    }
    /* A joined worker's kernel task can take a moment to disappear from
     * /proc (seen under qemu-user on a loaded machine): wait up to 2 s, as
     * the fault table does; a leaked thread stays and still fails. */
    double end = test_now_s() + 2.0;
    while ((test_count_threads() > threads || test_count_fds() > before) && test_now_s() < end)
        test_sleep_ms(10);
    assert_int_equal(test_count_fds(), before);
    assert_int_equal(test_count_threads(), threads);
}

static void fetch_once_reads_a_url_synchronously(void **state)
{
    (void)state;
    char url[128];
    FeedResult r;
    FeedSourceConfig cfg = test_config(url, sizeof(url), "/ok");
    feed_fetch_once(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_string_equal(r.feed->title, "Server feed");
    feed_result_clear(&r);
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/404", server.port);
    feed_fetch_once(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "HTTP 404");
    feed_result_clear(&r);
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
        cmocka_unit_test(ok_gives_a_new_feed_and_waits_the_poll_interval),
        cmocka_unit_test(second_poll_sends_the_etag_and_gets_not_modified),
        cmocka_unit_test(last_modified_alone_makes_the_next_poll_conditional),
        cmocka_unit_test(http_404_is_an_error_retried_after_ten_seconds),
        cmocka_unit_test(http_500_backs_off_doubling_on_each_failure),
        cmocka_unit_test(http_429_waits_the_retry_after_seconds),
        cmocka_unit_test(http_503_waits_until_the_retry_after_date),
        cmocka_unit_test(server_slower_than_the_timeout_is_a_timeout),
        cmocka_unit_test(trickling_server_is_cut_off_by_the_low_speed_limit),
        cmocka_unit_test(truncated_body_is_reported_as_truncated),
        cmocka_unit_test(body_over_the_cap_without_length_is_cut_off),
        cmocka_unit_test(body_announced_over_the_cap_is_refused_at_once),
        cmocka_unit_test(redirect_loop_stops_after_five_redirects),
        cmocka_unit_test(redirect_to_a_file_url_is_refused),
        cmocka_unit_test(connection_refused_is_retried_after_ten_seconds),
        cmocka_unit_test(unknown_host_is_host_not_found),
        cmocka_unit_test(html_page_is_invalid_and_says_so),
        cmocka_unit_test(json_that_is_not_a_feed_is_invalid),
        cmocka_unit_test(gzip_body_is_decoded),
        cmocka_unit_test(user_agent_names_the_kiosk),
        cmocka_unit_test(extra_headers_are_sent_but_never_logged),
        cmocka_unit_test(self_signed_https_is_refused_unless_its_ca_is_given),
        cmocka_unit_test(a_missing_ca_file_is_named_instead_of_blaming_the_certificate),
        cmocka_unit_test(a_redirect_to_a_closed_port_names_the_url_that_failed),
        cmocka_unit_test(each_failure_is_classed_for_the_screen),
        cmocka_unit_test(unsupported_scheme_is_refused_by_name),
        cmocka_unit_test(stop_returns_promptly_during_a_slow_transfer),
        cmocka_unit_test(fetch_once_reads_a_url_synchronously),
        cmocka_unit_test(start_and_stop_leave_no_descriptor_or_thread_behind),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
