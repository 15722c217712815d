/*
 * Tests of the on-disk cache of URL feeds: written atomically, put into the
 * mailbox before any fetch, corrupt files ignored, and an unwritable cache
 * never stopping the source. Uses the real test server and real directories.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed_cache.h"
#include "feed_source.h"
#include "feed_test_support.h"

/* What http_server.py serves at /ok. */
static const char SERVER_FEED[] =
    "{\"version\": 1, \"title\": \"Server feed\", \"objectives\": ["
    "{\"title\": \"Ship it\", \"key_results\": [{\"title\": \"Half done\", \"progress\": 0.5}]}]}";
static const char CACHED_FEED[] =
    "{\"title\": \"Cached feed\", \"objectives\": [{\"title\": \"Keep going\", "
    "\"key_results\": [{\"title\": \"One\", \"done\": true}]}]}";

static TestServer server;

typedef struct {
    char dir[512];
    char cache_dir[700];
    char url[128];
    FeedMailbox *mb;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof(*f));
    test_make_temp_dir(f->dir, sizeof(f->dir));
    snprintf(f->cache_dir, sizeof(f->cache_dir), "%s/cache/okr", f->dir);
    snprintf(f->url, sizeof(f->url), "http://127.0.0.1:%d/ok", server.port);
    f->mb = feed_mailbox_new(NULL, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    feed_mailbox_free(f->mb);
    test_remove_tree(f->dir);
    free(f);
    return 0;
}

static FeedSource *start(Fixture *f, const char *url, const char *cache_dir)
{
    char err[256] = "";
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = url;
    cfg.cache_dir = cache_dir;
    cfg.jitter = 0;
    FeedSource *src = feed_source_start(&cfg, f->mb, err, sizeof(err));
    if (!src)
        fail_msg("start failed: %s", err);
    return src;
}

static void dead_url(char *out, size_t outlen)
{
    snprintf(out, outlen, "http://127.0.0.1:%d/ok", test_unused_port());
}

static int count_entries(const char *dir, int *tmp_files)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    *tmp_files = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        n++;
        if (strstr(e->d_name, "tmp"))
            (*tmp_files)++;
    }
    closedir(d);
    return n;
}

static void new_feed_is_cached_atomically(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    char path[PATH_MAX];
    FeedSource *src = start(f, f->url, f->cache_dir);
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    feed_result_clear(&r);
    feed_source_stop(src);

    /* one file, named by the location's hash, no temporary left behind */
    int tmp_files;
    assert_int_equal(count_entries(f->cache_dir, &tmp_files), 1);
    assert_int_equal(tmp_files, 0);
    assert_true(feed_cache_path(f->cache_dir, f->url, path, sizeof(path)));
    assert_non_null(strstr(path, "/feed-"));
    size_t len = 0;
    int64_t at = 0;
    char *body = feed_cache_load(path, 1 << 20, &len, &at);
    assert_non_null(body);
    assert_int_equal(len, strlen(SERVER_FEED));
    assert_memory_equal(body, SERVER_FEED, len);
    assert_true(at > 1700000000);
    free(body);
    /* the private directory is not world-readable */
    struct stat st;
    assert_int_equal(stat(f->cache_dir, &st), 0);
    assert_int_equal(st.st_mode & 077, 0);
}

static void default_cache_lives_under_xdg_cache_home(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    char xdg_dir[600];
    snprintf(xdg_dir, sizeof(xdg_dir), "%s/xdg", f->dir);
    setenv("XDG_CACHE_HOME", xdg_dir, 1);
    FeedSource *src = start(f, f->url, NULL);
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    feed_result_clear(&r);
    feed_source_stop(src);
    char sub[700];
    int tmp_files;
    snprintf(sub, sizeof(sub), "%s/okr-kiosk", xdg_dir);
    assert_int_equal(count_entries(sub, &tmp_files), 1);
    /* the public name of the file (--diagnose shows it) is the one written */
    char path[1024];
    struct stat st;
    assert_true(feed_source_cache_path(f->url, path, sizeof(path)));
    assert_memory_equal(path, sub, strlen(sub));
    assert_int_equal(path[strlen(sub)], '/');
    assert_int_equal(stat(path, &st), 0);
    unsetenv("XDG_CACHE_HOME");
}

static void empty_cache_dir_turns_the_cache_off(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    char xdg_dir[600], sub[700];
    struct stat st;
    snprintf(xdg_dir, sizeof(xdg_dir), "%s/xdg", f->dir);
    snprintf(sub, sizeof(sub), "%s/okr-kiosk", xdg_dir);
    setenv("XDG_CACHE_HOME", xdg_dir, 1);
    FeedSource *src = start(f, f->url, "");
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    feed_result_clear(&r);
    feed_source_stop(src);
    assert_int_not_equal(stat(sub, &st), 0);
    unsetenv("XDG_CACHE_HOME");
}

static void cached_feed_comes_first_before_any_fetch(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    char url[128], path[PATH_MAX];
    dead_url(url, sizeof(url));
    assert_true(feed_cache_path(f->cache_dir, url, path, sizeof(path)));
    assert_int_equal(feed_cache_store(path, CACHED_FEED, strlen(CACHED_FEED), 1700000000), 0);

    FeedSource *src = start(f, url, f->cache_dir);
    /* no wait: the cached feed is in the mailbox when start returns */
    assert_true(feed_mailbox_take(f->mb, &r));
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_true(r.from_cache);
    assert_int_equal(r.at, 1700000000);
    assert_string_equal(r.feed->title, "Cached feed");
    feed_result_clear(&r);
    /* then the real attempt, which fails: the screen keeps the cached data */
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_string_equal(r.reason, "connection refused");
    assert_false(r.from_cache);
    feed_result_clear(&r);
    feed_source_stop(src);
}

static void fresh_fetch_after_the_cache_is_new_and_replaces_it(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    char path[PATH_MAX];
    assert_true(feed_cache_path(f->cache_dir, f->url, path, sizeof(path)));
    assert_int_equal(feed_cache_store(path, CACHED_FEED, strlen(CACHED_FEED), 1700000000), 0);
    FeedSource *src = start(f, f->url, f->cache_dir);
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_true(r.from_cache);
    feed_result_clear(&r);
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_false(r.from_cache);
    assert_string_equal(r.feed->title, "Server feed");
    feed_result_clear(&r);
    feed_source_stop(src);
    size_t len;
    int64_t at;
    char *body = feed_cache_load(path, 1 << 20, &len, &at);
    assert_non_null(body);
    assert_memory_equal(body, SERVER_FEED, strlen(SERVER_FEED));
    free(body);
}

/* Starts on a dead URL with whatever is at the cache path; the first result
 * must be the failed fetch, and the bad file must be gone. */
static void expect_cache_ignored(Fixture *f, const char *url, const char *path)
{
    FeedResult r;
    struct stat st;
    FeedSource *src = start(f, url, f->cache_dir);
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
    assert_false(r.from_cache);
    feed_result_clear(&r);
    feed_source_stop(src);
    assert_int_not_equal(stat(path, &st), 0);
}

static void corrupt_cache_file_is_ignored_and_removed(void **state)
{
    Fixture *f = *state;
    char url[128], path[PATH_MAX];
    dead_url(url, sizeof(url));
    assert_true(feed_cache_path(f->cache_dir, url, path, sizeof(path)));
    assert_int_equal(feed_cache_store(path, CACHED_FEED, 4, 1), 0); /* make the dir */
    test_write_file(path, "\x01\x02 this is not a cache file at all");
    expect_cache_ignored(f, url, path);
}

static void cache_with_a_flipped_byte_is_ignored(void **state)
{
    Fixture *f = *state;
    char url[128], path[PATH_MAX];
    dead_url(url, sizeof(url));
    assert_true(feed_cache_path(f->cache_dir, url, path, sizeof(path)));
    assert_int_equal(feed_cache_store(path, CACHED_FEED, strlen(CACHED_FEED), 1700000000), 0);
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    fseek(fp, -5, SEEK_END);
    fputc('X', fp);
    fclose(fp);
    expect_cache_ignored(f, url, path);
}

static void cache_cut_short_is_ignored(void **state)
{
    Fixture *f = *state;
    char url[128], path[PATH_MAX];
    dead_url(url, sizeof(url));
    assert_true(feed_cache_path(f->cache_dir, url, path, sizeof(path)));
    assert_int_equal(feed_cache_store(path, CACHED_FEED, strlen(CACHED_FEED), 1700000000), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(truncate(path, st.st_size - 10), 0);
    expect_cache_ignored(f, url, path);
}

static void cached_body_that_no_longer_parses_is_ignored(void **state)
{
    Fixture *f = *state;
    char url[128], path[PATH_MAX];
    dead_url(url, sizeof(url));
    assert_true(feed_cache_path(f->cache_dir, url, path, sizeof(path)));
    assert_int_equal(feed_cache_store(path, "{\"no\": 1}", 9, 1700000000), 0);
    expect_cache_ignored(f, url, path);
}

static void cache_dir_under_a_regular_file_still_gives_results(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    char blocker[600], cache_dir[700];
    /* mkdir fails below a regular file even for root */
    snprintf(blocker, sizeof(blocker), "%s/plain-file", f->dir);
    test_write_file(blocker, "not a directory");
    snprintf(cache_dir, sizeof(cache_dir), "%s/okr", blocker);
    FeedSource *src = start(f, f->url, cache_dir);
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_string_equal(r.feed->title, "Server feed");
    feed_result_clear(&r);
    feed_source_refresh(src);
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_NOT_MODIFIED);
    feed_result_clear(&r);
    feed_source_stop(src);
}

static void read_only_cache_dir_still_gives_results(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    if (geteuid() == 0) {
        skip(); /* root writes into a 0500 directory; see the test above */
    }
    char parent[600];
    snprintf(parent, sizeof(parent), "%s/ro", f->dir);
    assert_int_equal(mkdir(parent, 0500), 0);
    FeedSource *src = start(f, f->url, parent);
    assert_true(test_wait_result(f->mb, &r, 10));
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    feed_result_clear(&r);
    feed_source_stop(src);
    int tmp_files;
    assert_int_equal(count_entries(parent, &tmp_files), 0);
}

static int group_setup(void **state)
{
    (void)state;
    unsetenv("XDG_CACHE_HOME");
    return test_server_start(&server);
}

static int group_teardown(void **state)
{
    (void)state;
    test_server_stop(&server);
    return 0;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(new_feed_is_cached_atomically),
        T(default_cache_lives_under_xdg_cache_home),
        T(empty_cache_dir_turns_the_cache_off),
        T(cached_feed_comes_first_before_any_fetch),
        T(fresh_fetch_after_the_cache_is_new_and_replaces_it),
        T(corrupt_cache_file_is_ignored_and_removed),
        T(cache_with_a_flipped_byte_is_ignored),
        T(cache_cut_short_is_ignored),
        T(cached_body_that_no_longer_parses_is_ignored),
        T(cache_dir_under_a_regular_file_still_gives_results),
        T(read_only_cache_dir_still_gives_results),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
