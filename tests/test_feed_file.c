/*
 * Tests of the local-file feed source with real files in a temporary
 * directory: every way editors and scripts replace a file, half-written
 * files, things that are not files. Everything goes through
 * feed_source_start() and the mailbox, with bounded waits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "feed_file.h"
#include "feed_source.h"
#include "feed_test_support.h"

#define WAIT_S 4.0

typedef struct {
    char dir[1024];
    char path[1200];
    FeedMailbox *mb;
    FeedSource *src;
} Fixture;

/* A small valid feed whose title tells the versions apart. */
static void feed_text(char *out, size_t outlen, const char *title)
{
    snprintf(out, outlen,
             "{\"version\": 1, \"title\": \"%s\", \"objectives\": [{\"title\": \"Grow\", "
             "\"key_results\": [{\"title\": \"Reach 10\", \"start\": 0, \"current\": 5, "
             "\"target\": 10}]}]}\n",
             title);
}

static void write_feed(const char *path, const char *title)
{
    char text[512];
    feed_text(text, sizeof(text), title);
    test_write_file(path, text);
}

static void start_source(Fixture *f, const char *location)
{
    char err[256] = "";
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = location;
    f->src = feed_source_start(&cfg, f->mb, err, sizeof(err));
    if (!f->src)
        fail_msg("start failed: %s", err);
}

/* The next result must be NEW with this title. */
static void expect_new(Fixture *f, const char *title)
{
    FeedResult r;
    assert_true(test_wait_result(f->mb, &r, WAIT_S));
    if (r.kind != FEED_RESULT_NEW)
        fail_msg("wanted NEW \"%s\", got kind %d (%s)", title, r.kind, r.reason);
    assert_non_null(r.feed);
    assert_string_equal(r.feed->title, title);
    assert_false(r.from_cache);
    assert_float_equal(r.next_poll_s, 0.0, 0); /* files: next attempt on change */
    feed_result_clear(&r);
}

static void expect_kind(Fixture *f, FeedResultKind kind, const char *reason)
{
    FeedResult r;
    assert_true(test_wait_result(f->mb, &r, WAIT_S));
    if (r.kind != kind)
        fail_msg("wanted kind %d, got %d (%s)", kind, r.kind, r.reason);
    if (reason)
        assert_string_equal(r.reason, reason);
    assert_null(r.feed);
    feed_result_clear(&r);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof(*f));
    test_make_temp_dir(f->dir, sizeof(f->dir));
    snprintf(f->path, sizeof(f->path), "%s/feed.json", f->dir);
    f->mb = feed_mailbox_new(NULL, NULL);
    write_feed(f->path, "A");
    start_source(f, f->path);
    expect_new(f, "A");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    feed_source_stop(f->src);
    feed_mailbox_free(f->mb);
    test_remove_tree(f->dir);
    free(f);
    feed_file_force_polling = false;
    return 0;
}

static void rewrite_in_place_is_picked_up(void **state)
{
    Fixture *f = *state;
    write_feed(f->path, "B");
    expect_new(f, "B");
}

static void truncate_then_write_gives_one_new_feed(void **state)
{
    Fixture *f = *state;
    char text[512];
    feed_text(text, sizeof(text), "C");
    int fd = open(f->path, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 0), 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    /* the debounce means the empty moment is never read */
    expect_new(f, "C");
}

static void temp_file_renamed_over_is_picked_up(void **state)
{
    Fixture *f = *state;
    char tmp[1300];
    snprintf(tmp, sizeof(tmp), "%s.tmp", f->path);
    write_feed(tmp, "D");
    assert_int_equal(rename(tmp, f->path), 0);
    expect_new(f, "D");
}

static void deleted_file_is_an_error_until_recreated(void **state)
{
    Fixture *f = *state;
    assert_int_equal(unlink(f->path), 0);
    expect_kind(f, FEED_RESULT_FETCH_ERROR, "file not found");
    write_feed(f->path, "E");
    expect_new(f, "E");
}

static void half_written_file_is_invalid_then_new_when_complete(void **state)
{
    Fixture *f = *state;
    char text[512];
    feed_text(text, sizeof(text), "F");
    size_t half = strlen(text) / 2;
    FILE *fp = fopen(f->path, "wb");
    assert_non_null(fp);
    fwrite(text, 1, half, fp);
    fflush(fp);
    expect_kind(f, FEED_RESULT_INVALID, NULL);
    fwrite(text + half, 1, strlen(text) - half, fp);
    fclose(fp);
    expect_new(f, "F");
}

static void going_back_to_the_good_bytes_after_a_bad_write_is_new(void **state)
{
    Fixture *f = *state;
    test_write_file(f->path, "{\"objectives\": [");
    expect_kind(f, FEED_RESULT_INVALID, NULL);
    /* the same bytes as the last good feed: it must be shown again, not
     * reported as unchanged, or the screen would keep the error badge */
    write_feed(f->path, "A");
    expect_new(f, "A");
}

static void directory_in_place_of_the_file_is_refused(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    assert_int_equal(unlink(f->path), 0);
    assert_int_equal(mkdir(f->path, 0700), 0);
    /* "file not found" may come first if the two steps are seen apart */
    double end = test_now_s() + WAIT_S;
    for (;;) {
        assert_true(test_wait_result(f->mb, &r, end - test_now_s()));
        assert_int_equal(r.kind, FEED_RESULT_FETCH_ERROR);
        if (strcmp(r.reason, "file not found") != 0)
            break;
        feed_result_clear(&r);
    }
    assert_string_equal(r.reason, "not a regular file (a directory)");
    feed_result_clear(&r);
}

static void unchanged_rewrite_is_not_modified(void **state)
{
    Fixture *f = *state;
    write_feed(f->path, "A");
    expect_kind(f, FEED_RESULT_NOT_MODIFIED, NULL);
}

static void refresh_reads_at_once(void **state)
{
    Fixture *f = *state;
    double t0 = test_now_s();
    feed_source_refresh(f->src);
    expect_kind(f, FEED_RESULT_NOT_MODIFIED, NULL);
    assert_true(test_now_s() - t0 < 1.0);
}

static void sparse_two_gigabyte_file_is_refused_without_reading(void **state)
{
    Fixture *f = *state;
    char big[1100];
    snprintf(big, sizeof(big), "%s/big.json", f->dir);
    int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)2 * 1024 * 1024 * 1024), 0);
    close(fd);
    assert_int_equal(rename(big, f->path), 0);
    double t0 = test_now_s();
    expect_kind(f, FEED_RESULT_FETCH_ERROR, "feed larger than 8 MiB");
    assert_true(test_now_s() - t0 < 2.0);
}

static void unreadable_file_is_permission_denied(void **state)
{
    Fixture *f = *state;
    if (geteuid() == 0) {
        skip(); /* root reads anything */
    }
    assert_int_equal(chmod(f->path, 0), 0);
    expect_kind(f, FEED_RESULT_FETCH_ERROR, "permission denied");
}

static void polling_fallback_sees_a_rewrite(void **state)
{
    Fixture *f = *state;
    feed_source_stop(f->src);
    feed_file_force_polling = true;
    start_source(f, f->path);
    expect_new(f, "A");
    write_feed(f->path, "Polled, longer title");
    expect_new(f, "Polled, longer title"); /* within one 2 s poll + debounce */
    /* and a rename over keeps working too */
    char tmp[1300];
    snprintf(tmp, sizeof(tmp), "%s.tmp", f->path);
    write_feed(tmp, "Renamed");
    assert_int_equal(rename(tmp, f->path), 0);
    expect_new(f, "Renamed");
}

static void file_url_with_escapes_is_read(void **state)
{
    Fixture *f = *state;
    char path[1100], url[1200];
    snprintf(path, sizeof(path), "%s/my feed.json", f->dir);
    snprintf(url, sizeof(url), "file://%s/my%%20feed.json", f->dir);
    write_feed(path, "Escaped");
    feed_source_stop(f->src);
    start_source(f, url);
    expect_new(f, "Escaped");
}

static void missing_file_at_start_loads_once_created(void **state)
{
    Fixture *f = *state;
    char path[1100];
    snprintf(path, sizeof(path), "%s/later.json", f->dir);
    feed_source_stop(f->src);
    start_source(f, path);
    expect_kind(f, FEED_RESULT_FETCH_ERROR, "file not found");
    write_feed(path, "Later");
    expect_new(f, "Later");
}

static void file_url_with_a_remote_host_is_refused(void **state)
{
    (void)state;
    char err[256] = "";
    FeedMailbox *mb = feed_mailbox_new(NULL, NULL);
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = "file://fileserver/okr/feed.json";
    assert_null(feed_source_start(&cfg, mb, err, sizeof(err)));
    assert_non_null(strstr(err, "file://"));
    feed_mailbox_free(mb);
}

static void fetch_once_reads_a_file(void **state)
{
    Fixture *f = *state;
    FeedResult r;
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = f->path;
    feed_fetch_once(&cfg, &r);
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_string_equal(r.feed->title, "A");
    assert_int_equal(r.bytes, strlen("{\"version\": 1, \"title\": \"A\", \"objectives\": [{"
                                     "\"title\": \"Grow\", \"key_results\": [{\"title\": "
                                     "\"Reach 10\", \"start\": 0, \"current\": 5, "
                                     "\"target\": 10}]}]}\n"));
    feed_result_clear(&r);
}

static void start_and_stop_leave_no_descriptor_behind(void **state)
{
    Fixture *f = *state;
    feed_source_stop(f->src);
    f->src = NULL;
    int before = test_count_fds();
    for (int i = 0; i < 100; i++) {
        start_source(f, f->path);
        feed_source_stop(f->src);
        f->src = NULL;
    }
    assert_int_equal(test_count_fds(), before);
    FeedResult r;
    while (feed_mailbox_take(f->mb, &r))
        feed_result_clear(&r);
    start_source(f, f->path);
}

/* Voluntary context switches (sleeps ended) of this process's threads other
 * than the main one: here, the source's worker. */
static long worker_wakeups(void)
{
    long total = 0;
    char path[300], line[256];
    DIR *d = opendir("/proc/self/task");
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || atoi(e->d_name) == (int)getpid())
            continue;
        snprintf(path, sizeof(path), "/proc/self/task/%s/status", e->d_name);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            continue;
        while (fgets(line, sizeof(line), f) != NULL)
            if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0)
                total += atol(line + 24);
        fclose(f);
    }
    closedir(d);
    return total;
}

static void an_idle_watched_file_lets_the_worker_sleep(void **state)
{
    Fixture *f = *state;
    FeedFileWatch w;
    assert_int_equal(feed_file_watch_init(&w, f->path), 0);
    bool polled = feed_file_watch_needs_polling(&w);
    feed_file_watch_close(&w);
    if (polled)
        skip(); /* no inotify here, or the temporary directory is remote */
    /* past the one early look 2 s after the start; the next is the safety
     * net FEED_FILE_SAFETY_S (10 s) later */
    struct timespec pause = {2, 300 * 1000 * 1000};
    nanosleep(&pause, NULL);
    long before = worker_wakeups();
    /* longer than the 2 s poll the worker used to wake for every time */
    pause = (struct timespec){2, 500 * 1000 * 1000};
    nanosleep(&pause, NULL);
    assert_int_equal(worker_wakeups(), before);
    /* and it still wakes for a change */
    write_feed(f->path, "Woken");
    expect_new(f, "Woken");
}

static void network_and_fuse_file_systems_are_polled(void **state)
{
    (void)state;
    assert_true(feed_file_fs_is_remote(0x6969));           /* NFS */
    assert_true(feed_file_fs_is_remote((long)0xFF534D42)); /* CIFS */
    assert_true(feed_file_fs_is_remote((long)0xFE534D42)); /* SMB2 */
    assert_true(feed_file_fs_is_remote(0x65735546));       /* FUSE */
    assert_false(feed_file_fs_is_remote(0xEF53));          /* ext4 */
    assert_false(feed_file_fs_is_remote(0x01021994));      /* tmpfs */
    assert_false(feed_file_fs_is_remote(0x9123683E));      /* btrfs */
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(rewrite_in_place_is_picked_up),
        T(truncate_then_write_gives_one_new_feed),
        T(temp_file_renamed_over_is_picked_up),
        T(deleted_file_is_an_error_until_recreated),
        T(half_written_file_is_invalid_then_new_when_complete),
        T(going_back_to_the_good_bytes_after_a_bad_write_is_new),
        T(directory_in_place_of_the_file_is_refused),
        T(unchanged_rewrite_is_not_modified),
        T(refresh_reads_at_once),
        T(sparse_two_gigabyte_file_is_refused_without_reading),
        T(unreadable_file_is_permission_denied),
        T(polling_fallback_sees_a_rewrite),
        T(file_url_with_escapes_is_read),
        T(missing_file_at_start_loads_once_created),
        cmocka_unit_test(file_url_with_a_remote_host_is_refused),
        T(fetch_once_reads_a_file),
        T(start_and_stop_leave_no_descriptor_behind),
        T(an_idle_watched_file_lets_the_worker_sleep),
        cmocka_unit_test(network_and_fuse_file_systems_are_polled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
