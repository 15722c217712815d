/*
 * test_faults: the fault table. Every way a feed can go wrong, played against
 * the real feed source (its worker thread, libcurl, a real HTTP server
 * process on 127.0.0.1, real files on disk), with each result applied
 * through feed_state exactly as the wall applies it.
 *
 * For each row: the last good data stays on screen (same objectives), the
 * header shows the right badge, the source schedules the right retry
 * (backoff, Retry-After in seconds and as an HTTP-date) and does not try
 * earlier, the wall recovers by itself when the fault clears, and no thread
 * or file descriptor is left behind.
 *
 * No real waiting for retries: the source runs on injected clocks (wall and
 * monotonic). The test moves them forward by exactly the delay the source
 * chose and wakes the worker; one second short of it, the worker must stay
 * quiet. Only the faults that are about time (a server that never answers,
 * one byte per second) take real seconds, bounded by short timeouts.
 *
 * Every row runs with a bearer token in the request headers and verbose
 * logging; stderr is captured to a file and must never contain the token,
 * nor may any result's reason or any badge.
 *
 * Times by hand: 2026-11-26 is day 20783 since 1970, 1795651200 s; T0 =
 * 09:00:00 UTC = 1795683600. The first failure of a row happens at T0 + 60
 * (one poll interval after the good fetch), so it reads "since 09:01".
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "feed_cache.h"
#include "feed_source.h"
#include "feed_state.h"
#include "feed_test_support.h"
#include "header.h"
#include "okr_parse.h"

#define T0 1795683600 /* 2026-11-26T09:00:00Z */
#define MONO0 5000000.0
#define TOKEN "s3cret-token-xyz"
#define AUTH_HEADER "Authorization: Bearer " TOKEN
#define QUIET_MS 150 /* how long "no attempt yet" is watched */

/* ---- injected clocks ------------------------------------------------------ */

static _Atomic int64_t g_wall;
static _Atomic int64_t g_mono_ms;

static int64_t clock_wall(void *ud)
{
    (void)ud;
    return atomic_load(&g_wall);
}

static double clock_mono(void *ud)
{
    (void)ud;
    return (double)atomic_load(&g_mono_ms);
}

static void clock_reset(void)
{
    atomic_store(&g_wall, T0);
    atomic_store(&g_mono_ms, (int64_t)MONO0);
}

static void clock_advance_ms(int64_t ms)
{
    atomic_fetch_add(&g_mono_ms, ms);
    /* the wall clock moves in whole seconds, rounded like the delays */
    atomic_store(&g_wall, T0 + (int64_t)((atomic_load(&g_mono_ms) - (int64_t)MONO0 + 500) / 1000));
}

/* ---- captured stderr -------------------------------------------------------- */

static char g_dir[256];
static char g_capture[600];
static int g_saved_stderr = -1;
static long g_capture_seen;
static bool g_logged_something;

static void capture_start(void)
{
    snprintf(g_capture, sizeof(g_capture), "%s/stderr.log", g_dir);
    int fd = open(g_capture, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    assert_true(fd >= 0);
    fflush(stderr);
    g_saved_stderr = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
    g_capture_seen = 0;
}

/* Checks what was logged since the last call for the token, then shows it
 * on the real stderr. */
static void capture_check(void)
{
    fflush(stderr);
    FILE *f = fopen(g_capture, "rb");
    assert_non_null(f);
    fseek(f, g_capture_seen, SEEK_SET);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    g_capture_seen += (long)n;
    fclose(f);
    if (g_saved_stderr >= 0 && n > 0) {
        ssize_t w = write(g_saved_stderr, buf, n);
        (void)w;
    }
    if (strstr(buf, "info: fetch ") || strstr(buf, "warn: fetch "))
        g_logged_something = true;
    assert_null(strstr(buf, TOKEN));
}

static void capture_stop(void)
{
    capture_check();
    fflush(stderr);
    dup2(g_saved_stderr, STDERR_FILENO);
    close(g_saved_stderr);
    g_saved_stderr = -1;
}

/* ---- the rig: one source, its mailbox and the wall's feed state ----------- */

typedef struct {
    FeedMailbox *mb;
    FeedSource *src;
    FeedSourceConfig cfg;
    FeedState fs;
    int fds0, threads0;
    char location[512];
    char cache_dir[512];
    char ca_file[512];
} Rig;

static Rig *g_rig; /* the live one, for teardown after a failed assertion */
static TestServer g_server;

static void rig_counts(Rig *rig)
{
    rig->fds0 = test_count_fds();
    rig->threads0 = test_count_threads();
}

/* Starts a source on location with the shared test settings; fs is kept
 * when keep_state (a restart of the kiosk with other options). */
static void rig_start(Rig *rig, const char *location, bool keep_state)
{
    if (!keep_state) {
        memset(rig, 0, sizeof(*rig));
        rig_counts(rig);
        feed_state_init(&rig->fs, false, NULL);
        clock_reset();
    }
    snprintf(rig->location, sizeof(rig->location), "%s", location);
    header_status_set_location(&rig->fs.status, rig->location);
    rig->mb = feed_mailbox_new(NULL, NULL);
    assert_non_null(rig->mb);
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = rig->location;
    cfg.poll_s = 60;
    cfg.jitter = 0; /* exact delays */
    cfg.connect_timeout_s = 2;
    cfg.total_timeout_s = 3;
    cfg.headers[0] = AUTH_HEADER;
    cfg.headers[1] = NULL;
    cfg.cache_dir = rig->cache_dir; /* "" unless a row sets one: no cache */
    cfg.ca_file = rig->ca_file[0] ? rig->ca_file : NULL;
    cfg.verbose = true;
    cfg.wall_now = clock_wall;
    cfg.mono_ms = clock_mono;
    rig->cfg = cfg;
    char err[256];
    rig->src = feed_source_start(&rig->cfg, rig->mb, err, sizeof(err));
    assert_non_null(rig->src);
    g_rig = rig;
}

/* Stops the source only (the wall's state lives on). */
static void rig_stop_source(Rig *rig)
{
    feed_source_stop(rig->src);
    rig->src = NULL;
    feed_mailbox_free(rig->mb);
    rig->mb = NULL;
}

static void rig_stop(Rig *rig)
{
    g_rig = NULL;
    rig_stop_source(rig);
    feed_state_free(&rig->fs);
    /* curl may finish an abandoned name lookup on its own thread */
    double end = test_now_s() + 5;
    while (test_count_threads() > rig->threads0 && test_now_s() < end)
        test_sleep_ms(20);
    assert_int_equal(test_count_threads(), rig->threads0);
    assert_int_equal(test_count_fds(), rig->fds0);
    capture_check();
}

static void assert_clean_text(const char *s)
{
    assert_null(strstr(s, TOKEN));
}

/* The next result (within timeout_s), with the token nowhere in it. */
static void rig_next(Rig *rig, FeedResult *r, double timeout_s)
{
    assert_true(test_wait_result(rig->mb, r, timeout_s));
    assert_clean_text(r->reason);
}

/* Moves the clocks by delay_s minus one second, checks the worker stays
 * quiet, then moves the last second and takes the attempt it makes. */
static void rig_wait_retry(Rig *rig, double delay_s, FeedResult *r, double timeout_s)
{
    int64_t ms = (int64_t)(delay_s * 1000.0 + 0.5);
    FeedResult early;
    if (ms > 1000) {
        clock_advance_ms(ms - 1000);
        feed_source_wake(rig->src);
        test_sleep_ms(QUIET_MS);
        assert_false(feed_mailbox_take(rig->mb, &early));
        ms = 1000;
    }
    clock_advance_ms(ms);
    feed_source_wake(rig->src);
    rig_next(rig, r, timeout_s);
}

static FeedStateChange rig_apply(Rig *rig, FeedResult *r)
{
    return feed_state_apply(&rig->fs, r, clock_wall(NULL));
}

/* The header's badges now, with the token in none of them. */
static HeaderTexts rig_texts(const Rig *rig)
{
    HeaderTexts t;
    feed_state_texts(&rig->fs, clock_wall(NULL), &t);
    for (int i = 0; i < t.n_badges; i++)
        assert_clean_text(t.badges[i]);
    assert_clean_text(t.updated);
    assert_clean_text(t.problem_reason);
    assert_clean_text(t.problem_where);
    assert_clean_text(t.problem_todo);
    return t;
}

/* No data yet: the screen's own words instead of badges. */
static void assert_problem(const Rig *rig, const char *reason, const char *todo)
{
    HeaderTexts t = rig_texts(rig);
    assert_int_equal(t.n_badges, 0);
    assert_string_equal(t.problem_reason, reason);
    assert_string_equal(t.problem_todo, todo);
}

static void assert_badges(const Rig *rig, const char *b0, const char *b1)
{
    HeaderTexts t = rig_texts(rig);
    assert_int_equal(t.n_badges, (b0 != NULL) + (b1 != NULL));
    if (b0)
        assert_string_equal(t.badges[0], b0);
    if (b1)
        assert_string_equal(t.badges[1], b1);
}

/* The feed on the wall is variant n of the server's feed. */
static void assert_shows(const Rig *rig, int n)
{
    char title[64], obj[64];
    snprintf(title, sizeof(title), "Server feed v%d", n);
    snprintf(obj, sizeof(obj), "Ship it v%d", n);
    assert_non_null(rig->fs.feed);
    assert_string_equal(rig->fs.feed->title, title);
    assert_int_equal(rig->fs.feed->n_objectives, 2);
    assert_string_equal(rig->fs.feed->objectives[0].title, obj);
    assert_string_equal(rig->fs.feed->objectives[1].title, "Grow it");
}

static void control(const char *query)
{
    assert_int_equal(test_server_control(&g_server, query), 0);
}

static void feed_url(char *out, size_t outlen, int port)
{
    snprintf(out, outlen, "http://127.0.0.1:%d/feed", port);
}

/* ---- HTTP rows ------------------------------------------------------------------ */

typedef struct {
    const char *fault;  /* control query that turns the fault on */
    const char *fault2; /* and for the second attempt (NULL: the same) */
    FeedResultKind kind;
    const char *reason;
    int http_status;
    double delay1, delay2;  /* next_poll_s after the first and second failure */
    const char *badge;      /* at T0 + 60 */
    const char *badge2;     /* after the second failure (NULL: the same) */
    int recover_feed;       /* variant served when it clears: 1 = same (304) */
    double attempt_timeout; /* real seconds an attempt may take */
    double max_elapsed_ms;  /* 0: not checked */
} HttpRow;

static void run_http_row(const HttpRow *row)
{
    Rig rig;
    FeedResult r;
    char url[256], q[64];

    control("mode=ok&feed=1");
    feed_url(url, sizeof(url), g_server.port);
    rig_start(&rig, url, false);

    /* the good data */
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_true(r.next_poll_s == 60.0);
    assert_int_equal(rig_apply(&rig, &r), FEED_STATE_NEW_FEED);
    assert_shows(&rig, 1);
    assert_badges(&rig, NULL, NULL);

    /* the fault, at the next poll */
    control(row->fault);
    rig_wait_retry(&rig, 60, &r, row->attempt_timeout);
    assert_int_equal(r.kind, row->kind);
    assert_string_equal(r.reason, row->reason);
    assert_int_equal(r.http_status, row->http_status);
    assert_true(r.next_poll_s == row->delay1);
    if (row->max_elapsed_ms > 0)
        assert_true(r.elapsed_ms < row->max_elapsed_ms);
    assert_int_equal(rig_apply(&rig, &r), FEED_STATE_SAME);
    assert_shows(&rig, 1);
    assert_badges(&rig, row->badge, NULL);

    /* it goes on: the second delay */
    if (row->fault2)
        control(row->fault2);
    rig_wait_retry(&rig, row->delay1, &r, row->attempt_timeout);
    assert_int_equal(r.kind, row->kind);
    assert_string_equal(r.reason, row->reason);
    assert_true(r.next_poll_s == row->delay2);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(&rig, row->badge2 ? row->badge2 : row->badge, NULL);

    /* it clears: the wall recovers by itself at the next attempt */
    snprintf(q, sizeof(q), "mode=ok&feed=%d", row->recover_feed);
    control(q);
    rig_wait_retry(&rig, row->delay2, &r, 5);
    assert_int_equal(r.kind, row->recover_feed == 1 ? FEED_RESULT_NOT_MODIFIED : FEED_RESULT_NEW);
    assert_true(r.next_poll_s == 60.0);
    rig_apply(&rig, &r);
    assert_shows(&rig, row->recover_feed);
    assert_badges(&rig, NULL, NULL);
    rig_stop(&rig);
}

static void http_404_keeps_the_data_backs_off_and_recovers(void **state)
{
    (void)state;
    HttpRow row = {"mode=status&code=404",
                   NULL,
                   FEED_RESULT_FETCH_ERROR,
                   "HTTP 404",
                   404,
                   10,
                   20,
                   "failing since 09:01: not found (404)",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_500_keeps_the_data_backs_off_and_recovers_with_a_304(void **state)
{
    (void)state;
    HttpRow row = {"mode=status&code=500",
                   NULL,
                   FEED_RESULT_FETCH_ERROR,
                   "HTTP 500",
                   500,
                   10,
                   20,
                   "failing since 09:01: server error (HTTP 500)",
                   NULL,
                   1,
                   5,
                   0};
    run_http_row(&row);
}

static void http_429_waits_the_retry_after_seconds(void **state)
{
    (void)state;
    HttpRow row = {"mode=retry&code=429&retry_after=120&retry_date=",
                   "mode=retry&code=429&retry_after=45&retry_date=",
                   FEED_RESULT_FETCH_ERROR,
                   "HTTP 429",
                   429,
                   120,
                   45,
                   "failing since 09:01: refused by the server (HTTP 429)",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_429_waits_the_retry_after_date(void **state)
{
    (void)state;
    /* first failure at T0 + 60: a date at T0 + 150 is 90 s away; the second
     * failure is at T0 + 150, and T0 + 195 is 45 s away */
    HttpRow row = {"mode=retry&code=429&retry_date=1795683750",
                   "mode=retry&code=429&retry_date=1795683795",
                   FEED_RESULT_FETCH_ERROR,
                   "HTTP 429",
                   429,
                   90,
                   45,
                   "failing since 09:01: refused by the server (HTTP 429)",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_503_waits_the_retry_after_seconds(void **state)
{
    (void)state;
    HttpRow row = {"mode=retry&code=503&retry_after=300&retry_date=",
                   "mode=retry&code=503&retry_after=30&retry_date=",
                   FEED_RESULT_FETCH_ERROR,
                   "HTTP 503",
                   503,
                   300,
                   30,
                   "failing since 09:01: server error (HTTP 503)",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_503_waits_the_retry_after_date(void **state)
{
    (void)state;
    /* T0 + 60 -> a date at T0 + 180 is 120 s; then T0 + 180 -> T0 + 240 is 60 s */
    HttpRow row = {"mode=retry&code=503&retry_date=1795683780",
                   "mode=retry&code=503&retry_date=1795683840",
                   FEED_RESULT_FETCH_ERROR,
                   "HTTP 503",
                   503,
                   120,
                   60,
                   "failing since 09:01: server error (HTTP 503)",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_retry_after_beyond_the_cap_waits_the_cap(void **state)
{
    (void)state;
    /* a day asked, 600 s (max_backoff_s) granted; a date in the past: 1 s */
    HttpRow row = {"mode=retry&code=503&retry_after=86400&retry_date=",
                   "mode=retry&code=503&retry_date=1795680000",
                   FEED_RESULT_FETCH_ERROR,
                   "HTTP 503",
                   503,
                   600,
                   1,
                   "failing since 09:01: server error (HTTP 503)",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_server_that_never_answers_times_out(void **state)
{
    (void)state;
    /* total timeout 3 s; the low-speed cut-off (1 s below 64 B/s) may come first */
    HttpRow row = {"mode=hang", NULL, FEED_RESULT_FETCH_ERROR,        "timeout", 0,
                   10,          20,   "offline since 09:01: timeout", NULL,      2,
                   10,          3500};
    run_http_row(&row);
}

static void http_one_byte_per_second_is_cut_off(void **state)
{
    (void)state;
    HttpRow row = {"mode=trickle",
                   NULL,
                   FEED_RESULT_FETCH_ERROR,
                   "timeout",
                   0,
                   10,
                   20,
                   "offline since 09:01: timeout",
                   NULL,
                   2,
                   10,
                   3500};
    run_http_row(&row);
}

static void http_truncated_body_is_an_error(void **state)
{
    (void)state;
    HttpRow row = {"mode=truncated",
                   NULL,
                   FEED_RESULT_FETCH_ERROR,
                   "truncated response",
                   0,
                   10,
                   20,
                   "offline since 09:01: connection lost",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

/* Under AddressSanitizer freed memory sits in quarantine and the peak RSS
 * says nothing about what the code held: the bound is checked in normal
 * builds only. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_BOUND_CHECKED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_BOUND_CHECKED 0
#endif
#endif
#ifndef RSS_BOUND_CHECKED
#define RSS_BOUND_CHECKED 1
#endif

static long max_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void http_100_mb_without_length_stops_at_the_cap(void **state)
{
    (void)state;
    long before = max_rss_kib();
    /* 8 MiB arrive in well under 3 s on loopback */
    HttpRow row = {"mode=huge",
                   NULL,
                   FEED_RESULT_FETCH_ERROR,
                   "feed larger than 8 MiB",
                   0,
                   10,
                   20,
                   "failing since 09:01: feed larger than 8 MiB",
                   NULL,
                   2,
                   10,
                   3000};
    run_http_row(&row);
    /* the body buffer stops at the cap: never 100 MB, nor 2 x 8 MiB */
    if (RSS_BOUND_CHECKED)
        assert_true(max_rss_kib() - before < 12 * 1024);
}

static void http_gzip_bomb_stops_at_the_cap_after_decompression(void **state)
{
    (void)state;
    long before = max_rss_kib();
    HttpRow row = {"mode=gzip-bomb",
                   NULL,
                   FEED_RESULT_FETCH_ERROR,
                   "feed larger than 8 MiB",
                   0,
                   10,
                   20,
                   "failing since 09:01: feed larger than 8 MiB",
                   NULL,
                   2,
                   10,
                   3000};
    run_http_row(&row);
    if (RSS_BOUND_CHECKED)
        assert_true(max_rss_kib() - before < 12 * 1024);
}

static void http_stop_during_a_transfer_that_never_ends_returns_at_once(void **state)
{
    (void)state;
    Rig rig;
    char url[256];

    control("mode=hang");
    feed_url(url, sizeof(url), g_server.port);
    rig_start(&rig, url, false);
    test_sleep_ms(300); /* the request is out, the answer never comes */
    double t0 = test_now_s();
    rig_stop_source(&rig);
    assert_true(test_now_s() - t0 < 0.5); /* not the 3 s timeout */
    rig_stop(&rig);
    control("mode=ok&feed=1");
}

static void http_redirect_loop_is_cut_off(void **state)
{
    (void)state;
    HttpRow row = {"mode=redirect-loop",
                   NULL,
                   FEED_RESULT_FETCH_ERROR,
                   "too many redirects",
                   0,
                   10,
                   20,
                   "failing since 09:01: too many redirects",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_redirect_to_a_file_url_is_refused(void **state)
{
    (void)state;
    HttpRow row = {"mode=redirect-file",
                   NULL,
                   FEED_RESULT_FETCH_ERROR,
                   "redirect to an unsupported scheme refused",
                   0,
                   10,
                   20,
                   "failing since 09:01: redirect to an unsupported scheme refused",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_json_that_is_not_a_feed_is_a_feed_error(void **state)
{
    (void)state;
    /* an answer that cannot be shown is not an outage: the normal poll
     * interval; the badge carries the whole reason (the layout cuts it where
     * the header has no more room) */
    HttpRow row = {
        "mode=notfeed",
        NULL,
        FEED_RESULT_INVALID,
        "objectives: missing: the feed needs an \"objectives\" array",
        200,
        60,
        60,
        "feed error since 09:01: objectives: missing: the feed needs an \"objectives\" array",
        NULL,
        2,
        5,
        0};
    run_http_row(&row);
}

static void http_captive_portal_page_is_a_feed_error(void **state)
{
    (void)state;
    HttpRow row = {"mode=html",
                   NULL,
                   FEED_RESULT_INVALID,
                   "got an HTML page, not a feed",
                   200,
                   60,
                   60,
                   "feed error since 09:01: got an HTML page, not a feed",
                   NULL,
                   2,
                   5,
                   0};
    run_http_row(&row);
}

static void http_connection_refused_backs_off_and_recovers(void **state)
{
    (void)state;
    Rig rig;
    FeedResult r;
    TestServer own;
    char url[256];
    int port = test_unused_port();

    assert_true(port > 0);
    assert_int_equal(test_server_start_port(&own, port), 0);
    feed_url(url, sizeof(url), port);
    rig_start(&rig, url, false);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);

    test_server_stop(&own); /* nobody listens on the port any more */
    rig_wait_retry(&rig, 60, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "connection refused");
    assert_true(r.next_poll_s == 10.0);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(&rig, "offline since 09:01: connection refused", NULL);
    /* 10, 20, 40, 80 ... the badge keeps the time of the first failure */
    double expect = 20;
    for (int i = 0; i < 3; i++, expect *= 2) {
        rig_wait_retry(&rig, expect / 2, &r, 5);
        assert_string_equal(r.reason, "connection refused");
        assert_true(r.next_poll_s == expect);
        rig_apply(&rig, &r);
        assert_badges(&rig, "offline since 09:01: connection refused", NULL);
    }
    /* expect is 160 now, the delay the last failure chose was 80 */
    assert_int_equal(test_server_start_port(&own, port), 0);
    own.port = port;
    TestServer saved = g_server;
    g_server = own;
    control("mode=ok&feed=2");
    g_server = saved;
    rig_wait_retry(&rig, 80, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_true(r.next_poll_s == 60.0);
    rig_apply(&rig, &r);
    assert_shows(&rig, 2);
    assert_badges(&rig, NULL, NULL);
    rig_stop(&rig);
    test_server_stop(&own);
}

static void http_unresolvable_name_backs_off(void **state)
{
    (void)state;
    Rig rig;
    FeedResult r;
    char url[256];

    /* .invalid never resolves (RFC 6761). No good data first: the wall says
     * so and keeps trying. Recovery needs the name to resolve, which a test
     * cannot arrange; the connection-refused row covers the same path. */
    snprintf(url, sizeof(url), "http://okr-feed.invalid:%d/feed", g_server.port);
    rig_start(&rig, url, false);
    rig_next(&rig, &r, 10);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "host not found");
    assert_true(r.next_poll_s == 10.0);
    rig_apply(&rig, &r);
    assert_null(rig.fs.feed);
    /* 09:00:00 + 10 s, to the second */
    assert_problem(&rig, "Offline: host not found",
                   "Check the network and the address. Next try at 09:00:10.");
    rig_wait_retry(&rig, 10, &r, 10);
    assert_string_equal(r.reason, "host not found");
    assert_true(r.next_poll_s == 20.0);
    rig_apply(&rig, &r);
    assert_problem(&rig, "Offline: host not found",
                   "Check the network and the address. Next try at 09:00:30.");
    rig_stop(&rig);
}

static void https_self_signed_is_refused_unless_its_ca_is_given(void **state)
{
    (void)state;
    Rig rig;
    FeedResult r;
    TestServer tls;
    char dir[400], url[256];

    if (system("command -v openssl >/dev/null 2>&1") != 0)
        skip(); /* openssl makes the certificate */
    snprintf(dir, sizeof(dir), "%s/tls", g_dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(test_server_start_tls(&tls, dir), 0);
    snprintf(url, sizeof(url), "https://127.0.0.1:%d/feed", tls.port);

    /* with --ca-file: good data */
    memset(&rig, 0, sizeof(rig));
    rig_counts(&rig);
    feed_state_init(&rig.fs, false, NULL);
    clock_reset();
    snprintf(rig.ca_file, sizeof(rig.ca_file), "%s/cert.pem", dir);
    rig_start(&rig, url, true);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    rig_stop_source(&rig);

    /* restarted without it: refused, the data stays */
    rig.ca_file[0] = '\0';
    clock_advance_ms(60000);
    rig_start(&rig, url, true);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "TLS certificate not trusted");
    assert_true(r.next_poll_s == 10.0);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(&rig, "failing since 09:01: TLS certificate not trusted", NULL);
    rig_wait_retry(&rig, 10, &r, 5);
    assert_string_equal(r.reason, "TLS certificate not trusted");
    assert_true(r.next_poll_s == 20.0);
    rig_apply(&rig, &r);
    rig_stop_source(&rig);

    /* and with it again: recovered */
    snprintf(rig.ca_file, sizeof(rig.ca_file), "%s/cert.pem", dir);
    rig_start(&rig, url, true);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(&rig, NULL, NULL);
    rig_stop(&rig);
    test_server_stop(&tls);
}

static void token_in_the_url_is_kept_out_of_the_log(void **state)
{
    (void)state;
    Rig rig;
    FeedResult r;
    char url[256];

    /* credentials in the URL itself as well as in the header */
    control("mode=status&code=500");
    snprintf(url, sizeof(url), "http://user:" TOKEN "@127.0.0.1:%d/feed?key=" TOKEN, g_server.port);
    rig_start(&rig, url, false);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "HTTP 500");
    rig_apply(&rig, &r);
    assert_problem(&rig, "Server error (HTTP 500)",
                   "The server has a problem; it is asked again. Next try at 09:00:10.");
    HeaderTexts shown = rig_texts(&rig);
    char where[128];
    snprintf(where, sizeof(where), "Feed: http://127.0.0.1:%d/feed?...", g_server.port);
    assert_string_equal(shown.problem_where, where);
    rig_stop(&rig); /* checks the captured log */
    control("mode=ok&feed=1");
}

static void token_does_not_follow_a_redirect_to_another_host(void **state)
{
    (void)state;
    Rig rig;
    FeedResult r;
    char url[256];

    /* 127.0.0.1 -> localhost: the same server, but another host name, so
     * the Authorization header must be left behind (it answers 400 if not) */
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/redirect-other-host", g_server.port);
    rig_start(&rig, url, false);
    rig_next(&rig, &r, 5);
    assert_string_equal(r.reason, "");
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_int_equal(r.http_status, 200);
    feed_result_clear(&r);
    rig_stop(&rig);
}

/* ---- file rows ------------------------------------------------------------------ */

static void write_variant(const char *path, int n)
{
    char json[512];
    snprintf(
        json, sizeof(json),
        "{\"version\": 1, \"title\": \"Server feed v%d\", \"objectives\": ["
        "{\"title\": \"Ship it v%d\", \"key_results\": [{\"title\": \"Half done\", \"progress\": 0.5}]},"
        "{\"title\": \"Grow it\", \"key_results\": [{\"title\": \"Count\", \"start\": 0, \"current\": %d,"
        " \"target\": 100}]}]}",
        n, n, n);
    test_write_file(path, json);
}

typedef enum { FAULT_DELETE, FAULT_DIRECTORY, FAULT_SPARSE } FileFault;

static void run_file_row(FileFault fault, const char *reason)
{
    Rig rig;
    FeedResult r;
    char dir[512], path[600];

    snprintf(dir, sizeof(dir), "%s/file-%d", g_dir, (int)fault);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof(path), "%s/feed.json", dir);
    write_variant(path, 1);
    rig_start(&rig, path, false);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_true(r.next_poll_s == 0.0); /* a file is read on change */
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);

    clock_advance_ms(60000);
    switch (fault) {
    case FAULT_DELETE:
        assert_int_equal(unlink(path), 0);
        break;
    case FAULT_DIRECTORY:
        assert_int_equal(unlink(path), 0);
        assert_int_equal(mkdir(path, 0700), 0);
        break;
    case FAULT_SPARSE: {
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        assert_true(fd >= 0);
        assert_int_equal(ftruncate(fd, (off_t)2048 * 1024 * 1024), 0);
        close(fd);
        break;
    }
    }
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, reason);
    assert_true(r.elapsed_ms < 500); /* refused by its size, not read (2 GB would take seconds) */
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    char badge[1024];
    if (fault == FAULT_DELETE) /* named with its path: it is no network fault */
        snprintf(badge, sizeof(badge), "failing since 09:01: file not found: %s", path);
    else
        snprintf(badge, sizeof(badge), "failing since 09:01: %s", reason);
    assert_badges(&rig, badge, NULL);

    if (fault == FAULT_DIRECTORY)
        assert_int_equal(rmdir(path), 0);
    write_variant(path, 2); /* O_TRUNC: the sparse file shrinks back */
    assert_true(test_wait_kind(rig.mb, FEED_RESULT_NEW, &r, 5));
    rig_apply(&rig, &r);
    assert_shows(&rig, 2);
    assert_badges(&rig, NULL, NULL);
    rig_stop(&rig);
}

static void file_deleted_keeps_the_data_and_recovers(void **state)
{
    (void)state;
    run_file_row(FAULT_DELETE, "file not found");
}

static void file_replaced_by_a_directory_keeps_the_data_and_recovers(void **state)
{
    (void)state;
    run_file_row(FAULT_DIRECTORY, "not a regular file (a directory)");
}

static void file_2_gb_sparse_is_refused_by_its_size_at_once(void **state)
{
    (void)state;
    run_file_row(FAULT_SPARSE, "feed larger than 8 MiB");
}

static void file_truncated_mid_write_is_a_feed_error_until_finished(void **state)
{
    (void)state;
    Rig rig;
    FeedResult r;
    char dir[512], path[600];
    const char *first = "{\"version\": 1, \"objectives\": [";
    const char *rest =
        "{\"title\": \"Ship it v2\", \"key_results\": [{\"title\": \"k\", \"progress\": 1}]},"
        "{\"title\": \"Grow it\", \"key_results\": [{\"title\": \"c\", \"progress\": 0}]}],"
        " \"title\": \"Server feed v2\"}";

    snprintf(dir, sizeof(dir), "%s/file-trunc", g_dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof(path), "%s/feed.json", dir);
    write_variant(path, 1);
    rig_start(&rig, path, false);
    rig_next(&rig, &r, 5);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);

    /* a writer stops half way (in place) */
    clock_advance_ms(60000);
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, first, strlen(first)), (ssize_t)strlen(first));
    fsync(fd);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_INVALID);
    /* "{"version": 1, "objectives": [" ends at line 1, column 31 */
    assert_string_equal(r.reason,
                        "not JSON: the text ends early at line 1, column 31, with a bracket "
                        "still open; is the file cut short?");
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(
        &rig,
        "feed error since 09:01: not JSON: the text ends early at line 1, column 31, with a "
        "bracket still open; is the file cut short?",
        NULL);

    /* and finishes */
    assert_int_equal(write(fd, rest, strlen(rest)), (ssize_t)strlen(rest));
    close(fd);
    assert_true(test_wait_kind(rig.mb, FEED_RESULT_NEW, &r, 5));
    rig_apply(&rig, &r);
    assert_shows(&rig, 2);
    assert_badges(&rig, NULL, NULL);
    rig_stop(&rig);
}

/* Checks without cmocka, for the row that runs in a child process. */
#define CHECK(c)                                                                  \
    do {                                                                          \
        if (!(c)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
            return 1;                                                             \
        }                                                                         \
    } while (0)

static int unreadable_row(const char *path)
{
    FeedMailbox *mb = feed_mailbox_new(NULL, NULL);
    FeedState fs;
    FeedResult r;
    HeaderTexts t;
    char err[256];
    int threads0 = test_count_threads();

    CHECK(mb != NULL);
    clock_reset();
    feed_state_init(&fs, false, NULL);
    header_status_set_location(&fs.status, path);
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = path;
    cfg.headers[0] = AUTH_HEADER;
    cfg.verbose = true;
    cfg.wall_now = clock_wall;
    cfg.mono_ms = clock_mono;
    FeedSource *src = feed_source_start(&cfg, mb, err, sizeof(err));
    CHECK(src != NULL);
    CHECK(test_wait_result(mb, &r, 5) && r.kind == FEED_RESULT_NEW);
    feed_state_apply(&fs, &r, clock_wall(NULL));
    CHECK(fs.feed != NULL && strcmp(fs.feed->title, "Server feed v1") == 0);

    clock_advance_ms(60000);
    CHECK(chmod(path, 0) == 0);
    CHECK(test_wait_result(mb, &r, 5) && r.kind == FEED_RESULT_FETCH_ERROR);
    CHECK(strcmp(r.reason, "permission denied") == 0);
    feed_state_apply(&fs, &r, clock_wall(NULL));
    CHECK(fs.feed != NULL && strcmp(fs.feed->title, "Server feed v1") == 0);
    feed_state_texts(&fs, clock_wall(NULL), &t);
    char badge[1024];
    snprintf(badge, sizeof(badge), "failing since 09:01: no permission to read %s", path);
    CHECK(t.n_badges == 1 && strcmp(t.badges[0], badge) == 0);

    CHECK(chmod(path, 0644) == 0);
    write_variant(path, 2);
    /* the chmod alone may be read first (v1 again), then the new bytes */
    for (int i = 0; i < 3 && strcmp(fs.feed->title, "Server feed v2") != 0; i++) {
        CHECK(test_wait_kind(mb, FEED_RESULT_NEW, &r, 5));
        feed_state_apply(&fs, &r, clock_wall(NULL));
    }
    CHECK(strcmp(fs.feed->title, "Server feed v2") == 0);
    feed_state_texts(&fs, clock_wall(NULL), &t);
    CHECK(t.n_badges == 0);
    feed_source_stop(src);
    feed_mailbox_free(mb);
    feed_state_free(&fs);
    CHECK(test_count_threads() == threads0);
    return 0;
}

static void file_made_unreadable_keeps_the_data_and_recovers(void **state)
{
    (void)state;
    char dir[512], path[600];

    snprintf(dir, sizeof(dir), "%s/file-unreadable", g_dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    chmod(g_dir, 0755);
    snprintf(path, sizeof(path), "%s/feed.json", dir);
    write_variant(path, 1);
    if (geteuid() != 0) {
        assert_int_equal(unreadable_row(path), 0);
        return;
    }
    /* root reads anything: play the row as nobody, in a child */
    struct passwd *pw = getpwnam("nobody");
    if (pw == NULL)
        skip();
    assert_int_equal(chown(dir, pw->pw_uid, pw->pw_gid), 0);
    assert_int_equal(chown(path, pw->pw_uid, pw->pw_gid), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
            _exit(3);
        _exit(unreadable_row(path));
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 3)
        skip(); /* root without the right to change user (a confined container) */
    assert_int_equal(WEXITSTATUS(status), 0);
    capture_check();
}

/* ---- cache rows ----------------------------------------------------------------- */

static void cache_corrupt_is_ignored_and_a_reboot_without_network_shows_the_cache(void **state)
{
    (void)state;
    Rig rig;
    FeedResult r;
    TestServer own;
    char url[256], cpath[1024];
    int port = test_unused_port();

    assert_true(port > 0);
    assert_int_equal(test_server_start_port(&own, port), 0);
    feed_url(url, sizeof(url), port);

    /* a corrupt cache file: ignored, the feed is fetched and cached anew */
    memset(&rig, 0, sizeof(rig));
    rig_counts(&rig);
    feed_state_init(&rig.fs, false, NULL);
    clock_reset();
    snprintf(rig.cache_dir, sizeof(rig.cache_dir), "%s/cache", g_dir);
    assert_true(feed_cache_path(rig.cache_dir, url, cpath, sizeof(cpath)));
    assert_int_equal(mkdir(rig.cache_dir, 0700), 0);
    test_write_file(cpath, "okr-kiosk-cache 1 123 99 00000000\n{\"objectives\": [");
    rig_start(&rig, url, true);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_false(r.from_cache);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(&rig, NULL, NULL);
    size_t len = 0;
    int64_t at = 0;
    char *cached = feed_cache_load(cpath, 1 << 20, &len, &at);
    assert_non_null(cached);
    assert_non_null(strstr(cached, "Server feed v1"));
    assert_int_equal(at, T0);
    free(cached);
    rig_stop_source(&rig);
    feed_state_free(&rig.fs);

    /* a reboot an hour later without network: the cache in the first
     * result, marked as such and with its age, then "offline" */
    test_server_stop(&own);
    feed_state_init(&rig.fs, false, NULL);
    clock_advance_ms(3600 * 1000);
    rig_start(&rig, url, true);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_true(r.from_cache);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    HeaderTexts t = rig_texts(&rig);
    assert_string_equal(t.updated, "fetched 09:00");
    assert_badges(&rig, "cached data", NULL);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "connection refused");
    assert_true(r.next_poll_s == 10.0);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(&rig, "offline since 10:00: connection refused", "cached data");

    /* the network comes back */
    assert_int_equal(test_server_start_port(&own, port), 0);
    rig_wait_retry(&rig, 10, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW); /* fetched, so no longer "cached data" */
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(&rig, NULL, NULL);
    rig_stop(&rig);
    test_server_stop(&own);
}

static void cache_directory_unwritable_still_fetches_and_shows(void **state)
{
    (void)state;
    Rig rig;
    FeedResult r;
    char url[256], blocker[400];

    /* a regular file where the cache directory's parent should be: no
     * directory can be made there, not even by root */
    snprintf(blocker, sizeof(blocker), "%s/not-a-dir", g_dir);
    test_write_file(blocker, "x");
    control("mode=ok&feed=1");
    feed_url(url, sizeof(url), g_server.port);
    memset(&rig, 0, sizeof(rig));
    rig_counts(&rig);
    feed_state_init(&rig.fs, false, NULL);
    clock_reset();
    snprintf(rig.cache_dir, sizeof(rig.cache_dir), "%s/cache", blocker);
    rig_start(&rig, url, true);
    rig_next(&rig, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_true(r.next_poll_s == 60.0);
    rig_apply(&rig, &r);
    assert_shows(&rig, 1);
    assert_badges(&rig, NULL, NULL);
    /* and it goes on polling */
    control("mode=ok&feed=2");
    rig_wait_retry(&rig, 60, &r, 5);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    rig_apply(&rig, &r);
    assert_shows(&rig, 2);
    rig_stop(&rig);
    control("mode=ok&feed=1");
}

/* ---- feed_state on its own -------------------------------------------------------- */

static OkrFeed *parse_variant(int n)
{
    char json[256];
    snprintf(json, sizeof(json),
             "{\"title\": \"Server feed v%d\", \"objectives\": [{\"title\": \"o\", "
             "\"key_results\": [{\"title\": \"k\", \"progress\": 0.5}]}]}",
             n);
    OkrLimits lim = okr_limits_default();
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = okr_feed_parse(json, strlen(json), &lim, &d);
    okr_diag_list_free(&d);
    assert_non_null(f);
    return f;
}

static void feed_state_keeps_a_cached_feeds_own_time_unless_it_is_in_the_future(void **state)
{
    (void)state;
    FeedState fs;
    FeedResult r;
    HeaderTexts t;

    feed_state_init(&fs, false, NULL);
    memset(&r, 0, sizeof(r));
    r.kind = FEED_RESULT_NEW;
    r.feed = parse_variant(1);
    r.from_cache = true;
    r.at = T0 - 2 * 3600; /* cached at 07:00, shown at 09:00 */
    assert_int_equal(feed_state_apply(&fs, &r, T0), FEED_STATE_NEW_FEED);
    assert_null(r.feed); /* taken */
    feed_state_texts(&fs, T0, &t);
    assert_string_equal(t.updated, "fetched 07:00");
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "cached data");

    /* a cache time after now (a clock set back): now instead */
    memset(&r, 0, sizeof(r));
    r.kind = FEED_RESULT_NEW;
    r.feed = parse_variant(2);
    r.from_cache = true;
    r.at = T0 + 3600;
    feed_state_apply(&fs, &r, T0);
    feed_state_texts(&fs, T0, &t);
    assert_string_equal(t.updated, "fetched 09:00");
    assert_string_equal(fs.feed->title, "Server feed v2");
    feed_state_free(&fs);
    assert_null(fs.feed);
}

static void feed_state_never_blanks_the_wall_for_a_new_result_without_a_feed(void **state)
{
    (void)state;
    FeedState fs;
    FeedResult r;
    HeaderTexts t;

    feed_state_init(&fs, false, NULL);
    memset(&r, 0, sizeof(r));
    r.kind = FEED_RESULT_NEW;
    r.feed = parse_variant(1);
    feed_state_apply(&fs, &r, T0);
    memset(&r, 0, sizeof(r));
    r.kind = FEED_RESULT_NEW; /* but no feed: a broken promise */
    assert_int_equal(feed_state_apply(&fs, &r, T0 + 60), FEED_STATE_SAME);
    assert_non_null(fs.feed);
    assert_string_equal(fs.feed->title, "Server feed v1");
    feed_state_texts(&fs, T0 + 60, &t);
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "feed error since 09:01: invalid");
    feed_state_free(&fs);
}

static void feed_state_records_when_the_next_attempt_is_due(void **state)
{
    (void)state;
    FeedState fs;
    FeedResult r;

    feed_state_init(&fs, false, NULL);
    memset(&r, 0, sizeof(r));
    r.kind = FEED_RESULT_FETCH_ERROR;
    snprintf(r.reason, sizeof(r.reason), "timeout");
    r.next_poll_s = 40;
    feed_state_apply(&fs, &r, T0);
    assert_int_equal(fs.last_kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(fs.last_reason, "timeout");
    assert_true(fs.next_poll_s == 40.0);
    assert_int_equal(fs.next_poll_at, T0 + 40);
    assert_int_equal(fs.results, 1);
    assert_int_equal(fs.feeds, 0);
    assert_null(fs.feed);
    /* a file source: the next attempt is on change, no time */
    memset(&r, 0, sizeof(r));
    r.kind = FEED_RESULT_NOT_MODIFIED;
    feed_state_apply(&fs, &r, T0 + 40);
    assert_int_equal(fs.next_poll_at, 0);
    assert_false(fs.status.failing);
    feed_state_free(&fs);
}

/* ---- set-up ---------------------------------------------------------------------- */

static int group_setup(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    test_make_temp_dir(g_dir, sizeof(g_dir));
    if (test_server_start(&g_server) != 0)
        return -1;
    capture_start();
    /* one source first, so libcurl's one-time set-up is not counted as a leak */
    Rig rig;
    char url[256];
    feed_url(url, sizeof(url), g_server.port);
    rig_start(&rig, url, false);
    FeedResult r;
    if (!test_wait_result(rig.mb, &r, 5))
        return -1;
    feed_result_clear(&r);
    rig_stop_source(&rig);
    feed_state_free(&rig.fs);
    g_rig = NULL;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    capture_stop();
    test_server_stop(&g_server);
    test_remove_tree(g_dir);
    if (!g_logged_something) {
        fprintf(stderr, "verbose feed log lines never appeared: the token check saw nothing\n");
        return -1;
    }
    return 0;
}

/* After a failed assertion: stop what is still running. */
static int row_teardown(void **state)
{
    (void)state;
    if (g_rig != NULL) {
        Rig *rig = g_rig;
        g_rig = NULL;
        if (rig->src)
            rig_stop_source(rig);
        feed_state_free(&rig->fs);
    }
    return 0;
}

#define ROW(t) cmocka_unit_test_teardown(t, row_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        ROW(feed_state_keeps_a_cached_feeds_own_time_unless_it_is_in_the_future),
        ROW(feed_state_never_blanks_the_wall_for_a_new_result_without_a_feed),
        ROW(feed_state_records_when_the_next_attempt_is_due),
        ROW(http_100_mb_without_length_stops_at_the_cap),
        ROW(http_connection_refused_backs_off_and_recovers),
        ROW(http_unresolvable_name_backs_off),
        ROW(http_404_keeps_the_data_backs_off_and_recovers),
        ROW(http_500_keeps_the_data_backs_off_and_recovers_with_a_304),
        ROW(http_429_waits_the_retry_after_seconds),
        ROW(http_429_waits_the_retry_after_date),
        ROW(http_503_waits_the_retry_after_seconds),
        ROW(http_503_waits_the_retry_after_date),
        ROW(http_retry_after_beyond_the_cap_waits_the_cap),
        ROW(http_server_that_never_answers_times_out),
        ROW(http_one_byte_per_second_is_cut_off),
        ROW(http_truncated_body_is_an_error),
        ROW(http_gzip_bomb_stops_at_the_cap_after_decompression),
        ROW(http_stop_during_a_transfer_that_never_ends_returns_at_once),
        ROW(http_redirect_loop_is_cut_off),
        ROW(http_redirect_to_a_file_url_is_refused),
        ROW(https_self_signed_is_refused_unless_its_ca_is_given),
        ROW(http_json_that_is_not_a_feed_is_a_feed_error),
        ROW(http_captive_portal_page_is_a_feed_error),
        ROW(token_in_the_url_is_kept_out_of_the_log),
        ROW(token_does_not_follow_a_redirect_to_another_host),
        ROW(file_deleted_keeps_the_data_and_recovers),
        ROW(file_replaced_by_a_directory_keeps_the_data_and_recovers),
        ROW(file_made_unreadable_keeps_the_data_and_recovers),
        ROW(file_truncated_mid_write_is_a_feed_error_until_finished),
        ROW(file_2_gb_sparse_is_refused_by_its_size_at_once),
        ROW(cache_corrupt_is_ignored_and_a_reboot_without_network_shows_the_cache),
        ROW(cache_directory_unwritable_still_fetches_and_shows),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
