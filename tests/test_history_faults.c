/*
 * The history under faults, against real SQLite files: a writer process
 * killed with SIGKILL at random moments 1,000 times, a full disk (a small
 * tmpfs), a read-only mount, a database locked by another process, and the
 * badge the wall shows for each. Mounting needs root: those tests skip, and
 * say so, when mount(2) is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "header.h"
#include "history.h"
#include "kiosk_history.h"

#define T0 INT64_C(1790000000)
#define KILLS 1000

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/okr-hfault-XXXXXX",
             getenv("OKR_TEST_TMP") ? getenv("OKR_TEST_TMP") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A feed of n key results with progress p + i / 1000. */
typedef struct {
    OkrFeed feed;
    OkrObjective obj;
    OkrKeyResult kr[8];
    char ids[8][8];
} Feed;

static void make_feed(Feed *f, double p)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < 8; i++) {
        snprintf(f->ids[i], sizeof f->ids[i], "kr%d", i);
        f->kr[i].id = f->ids[i];
        f->kr[i].title = f->ids[i];
        f->kr[i].score =
            (OkrScore){.has_value = true, .raw = p + i / 1000.0, .status = OKR_STATUS_ON_TRACK};
    }
    f->obj.title = "O";
    f->obj.key_results = f->kr;
    f->obj.n_key_results = 8;
    f->obj.score = (OkrScore){.has_value = true, .raw = p, .status = OKR_STATUS_ON_TRACK};
    f->feed.objectives = &f->obj;
    f->feed.n_objectives = 1;
}

/* One value of sql on a read-only connection (closing it does not
 * checkpoint, so the loop measures the writer, not fsync). */
static long query(const char *path, const char *sql, char *text, size_t len)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long n = -1;
    /* Read-write, as the wall opens it: a writer killed in the middle of its
     * first transaction leaves a WAL that only a writable connection may
     * recover; a read-only one fails to read it, which is no verdict. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        if (text)
            snprintf(text, len, "(cannot open: %s)", sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 2000);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
        if (text)
            snprintf(text, len, "%s", (const char *)sqlite3_column_text(st, 0));
    } else if (text) {
        snprintf(text, len, "(cannot read: %s)", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* The child: records a changing feed forever, and after each commit writes
 * the number of rows it knows are committed to fd. */
static void writer_child(const char *path, int fd, unsigned seed)
{
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    if (!h || history_load(h, "feed", 0, 0, mem, &st, err, sizeof err) != 0)
        _exit(3);
    long rows = (long)okr_samples_count(mem);
    size_t n;
    const OkrSample *v = okr_samples_get(mem, "o:o", &n);
    int64_t t = n ? v[n - 1].at : T0;
    for (unsigned i = 1;; i++) {
        Feed f;
        make_feed(&f, (double)((seed + i) % 97) / 100.0 + 0.001);
        HistorySnapshot *snap = history_snapshot("feed", &f.feed, t + i * 60);
        int w = history_record(h, snap, mem, &st, err, sizeof err);
        history_snapshot_free(snap);
        if (w < 0)
            _exit(4);
        rows += w;
        if (write(fd, &rows, sizeof rows) != (ssize_t)sizeof rows)
            _exit(5);
    }
}

static void sigkill_while_writing_loses_at_most_the_write_in_flight(void **state)
{
    (void)state;
    char path[128] = "";
    srand(12345);
    long expected_min = 0;
    int mid = 0; /* kills after the writer had committed in that run */
    for (int k = 0; k < KILLS; k++) {
        if (k % 100 == 0) {
            /* A fresh file every 100 kills keeps the writer's start-up short. */
            snprintf(path, sizeof path, "%s/kill-%d.db", dir, k / 100);
            expected_min = 0;
        }
        int p[2];
        assert_int_equal(pipe(p), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(p[0]);
            writer_child(path, p[1], (unsigned)k * 7919u);
        }
        close(p[1]);
        /* Nine times in ten wait for the first commit, then kill within the
         * next 2 ms (a commit takes a fraction of that): the kill lands in
         * the middle of a write. Otherwise anywhere from the start, the open
         * and the schema included. */
        long reported = expected_min, r;
        if (k % 10 != 0 && read(p[0], &r, sizeof r) == (ssize_t)sizeof r)
            reported = r;
        struct timespec d = {0, (long)(rand() % 2000) * 1000L};
        nanosleep(&d, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        if (!WIFSIGNALED(status))
            fail_msg("kill %d: the writer exited by itself (status %d)", k, WEXITSTATUS(status));
        while (read(p[0], &r, sizeof r) == (ssize_t)sizeof r)
            reported = r;
        close(p[0]);
        mid += reported > expected_min;
        if (access(path, F_OK) != 0 && reported == 0)
            continue; /* killed before the file was made */
        /* Every 50th time (and the last) the full integrity check; always
         * the count: all reported commits are there, at most one more. */
        if (k % 50 == 0 || k == KILLS - 1) {
            char ok[64] = "";
            query(path, "PRAGMA integrity_check", ok, sizeof ok);
            if (strcmp(ok, "ok") != 0)
                fail_msg("kill %d: integrity_check says %s", k, ok);
        }
        long rows = query(path, "SELECT count(*) FROM sample", NULL, 0);
        if (rows < 0 && reported == 0)
            rows = 0; /* killed before the schema was made */
        if (rows < reported || rows > reported + 9)
            fail_msg("kill %d: %ld rows, the writer had reported %ld committed", k, rows, reported);
        expected_min = rows;
    }
    /* Most kills hit a writer in the middle of its work, not before it
     * started. */
    fprintf(stderr, "(%d of %d kills after a commit)\n", mid, KILLS);
    assert_true(mid >= KILLS / 2);
    /* It is still our history. */
    assert_int_equal(query(path, "PRAGMA application_id", NULL, 0), HISTORY_APP_ID);
    assert_true(expected_min > 0);
}

/* Mounts a tmpfs of size bytes at dir/name; false (and a skip) when the
 * system refuses (not root, no CAP_SYS_ADMIN). */
static bool mount_tmpfs(const char *name, const char *opts, char *at, size_t len)
{
    snprintf(at, len, "%s/%s", dir, name);
    mkdir(at, 0700);
    if (mount("tmpfs", at, "tmpfs", 0, opts) != 0) {
        fprintf(stderr, "(mount tmpfs: %s: skipped)\n", strerror(errno));
        return false;
    }
    return true;
}

static void a_full_disk_is_reported_and_the_file_stays_sound(void **state)
{
    (void)state;
    char at[128], path[160];
    if (!mount_tmpfs("full", "size=96k", at, sizeof at))
        skip();
    snprintf(path, sizeof path, "%s/history.db", at);
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    assert_non_null(h);
    OkrSamples *mem = okr_samples_new();
    int failed = 0;
    for (int i = 0; i < 20000 && !failed; i++) {
        Feed f;
        make_feed(&f, i / 20000.0);
        HistorySnapshot *snap = history_snapshot("feed", &f.feed, T0 + i * 60);
        if (history_record(h, snap, mem, &st, err, sizeof err) < 0)
            failed = 1;
        history_snapshot_free(snap);
    }
    assert_true(failed);
    assert_int_equal(st, HISTORY_DISK_FULL);
    history_close(h);
    okr_samples_free(mem);
    /* The badge says why. */
    bool note;
    HeaderStatus hs;
    header_status_init(&hs, false);
    hs.history_reason = app_history_reason(st, &note);
    hs.history_note = note;
    HeaderTexts t;
    header_format(&t, NULL, &hs, T0);
    assert_int_equal(t.n_badges, 1);
    assert_string_equal(t.badges[0], "history not saved: disk full");
    assert_int_equal(t.kinds[0], BADGE_WARN);
    /* What committed is readable and sound (the tmpfs is still full). */
    char ok[64] = "";
    query(path, "PRAGMA integrity_check", ok, sizeof ok);
    assert_string_equal(ok, "ok");
    assert_true(query(path, "SELECT count(*) FROM sample", NULL, 0) > 0);
    umount2(at, MNT_DETACH);
}

static void a_read_only_mount_is_reported_as_read_only(void **state)
{
    (void)state;
    char at[128], path[160];
    if (!mount_tmpfs("ro", "size=1m", at, sizeof at))
        skip();
    /* A history made while writable, then the mount turns read-only. */
    snprintf(path, sizeof path, "%s/history.db", at);
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    assert_non_null(h);
    history_close(h);
    assert_int_equal(mount(NULL, at, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
    h = history_open(path, &st, err, sizeof err);
    assert_null(h);
    assert_int_equal(st, HISTORY_READ_ONLY);
    /* And a new file in a read-only folder. */
    snprintf(path, sizeof path, "%s/sub/history.db", at);
    h = history_open(path, &st, err, sizeof err);
    assert_null(h);
    assert_int_equal(st, HISTORY_READ_ONLY);
    umount2(at, MNT_DETACH);
}

static void a_lock_held_by_another_process_is_reported_then_heals(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/lock.db", dir);
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    assert_non_null(h);
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    if (pid == 0) {
        /* Another program holds the write lock for 3 s. */
        sqlite3 *db;
        sqlite3_open(path, &db);
        int rc = sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
        char c = rc == SQLITE_OK ? 'y' : 'n';
        if (write(p[1], &c, 1) != 1)
            _exit(1);
        sleep(3);
        _exit(0);
    }
    char c = 0;
    assert_int_equal(read(p[0], &c, 1), 1);
    assert_int_equal(c, 'y');
    OkrSamples *mem = okr_samples_new();
    Feed f;
    make_feed(&f, 0.5);
    HistorySnapshot *snap = history_snapshot("feed", &f.feed, T0);
    assert_int_equal(history_record(h, snap, mem, &st, err, sizeof err), -1);
    assert_int_equal(st, HISTORY_LOCKED);
    bool note;
    assert_int_equal(app_history_reason(st, &note), I18N_MSG_HIST_LOCKED);
    waitpid(pid, NULL, 0);
    /* The other program is gone: the same snapshot is written. */
    assert_int_equal(history_record(h, snap, mem, &st, err, sizeof err), 9);
    history_snapshot_free(snap);
    history_close(h);
    okr_samples_free(mem);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sigkill_while_writing_loses_at_most_the_write_in_flight),
        cmocka_unit_test(a_full_disk_is_reported_and_the_file_stays_sound),
        cmocka_unit_test(a_read_only_mount_is_reported_as_read_only),
        cmocka_unit_test(a_lock_held_by_another_process_is_reported_then_heals),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
