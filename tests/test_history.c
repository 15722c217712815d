/*
 * Tests for data/history.c and history_writer.c against real SQLite files in
 * a temporary folder: recording only what changed, loading back, seeds
 * merged, retention, CSV export, samples from the future, an unset clock,
 * damaged and foreign files moved aside, a read-only folder, a database
 * locked by another connection, and the writer thread.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "history.h"

#define DAY 86400
#define T0 INT64_C(1790000000) /* 2026-09-21 */

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/okr-history-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    return 0;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s/%s", dir, name);
}

/* A feed of one objective "Grow" with key results "kr-a" (id) and "Signups"
 * (no id); progress values set by the test. */
typedef struct {
    OkrFeed feed;
    OkrObjective obj;
    OkrKeyResult kr[2];
} Fixture;

static void fixture(Fixture *f, double a, double b, OkrStatus sa)
{
    memset(f, 0, sizeof *f);
    f->kr[0].id = "kr-a";
    f->kr[0].title = "A";
    f->kr[0].score = (OkrScore){.has_value = true, .raw = a, .status = sa};
    f->kr[1].title = "Signups";
    f->kr[1].score = (OkrScore){.has_value = true, .raw = b, .status = OKR_STATUS_ON_TRACK};
    f->obj.title = "Grow";
    f->obj.key_results = f->kr;
    f->obj.n_key_results = 2;
    f->obj.score = (OkrScore){.has_value = true, .raw = (a + b) / 2, .status = sa};
    f->feed.objectives = &f->obj;
    f->feed.n_objectives = 1;
}

static int record(History *h, OkrSamples *mem, const Fixture *f, int64_t at)
{
    HistorySnapshot *snap = history_snapshot("https://x/feed.json", &f->feed, at);
    HistoryState st;
    char err[256] = "";
    int n = history_record(h, snap, mem, &st, err, sizeof err);
    history_snapshot_free(snap);
    if (n < 0)
        fail_msg("record failed: %s (%s)", err, history_state_name(st));
    return n;
}

static long count_rows(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void only_changed_elements_are_written_and_load_back(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "sub/dir/history.db");
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    assert_non_null(h);
    assert_int_equal(st, HISTORY_OK);
    OkrSamples *mem = okr_samples_new();
    Fixture f;
    fixture(&f, 0.40, 0.20, OKR_STATUS_ON_TRACK);
    /* First refresh: objective + 2 key results = 3 rows. */
    assert_int_equal(record(h, mem, &f, T0), 3);
    /* Same values a minute later: nothing. */
    assert_int_equal(record(h, mem, &f, T0 + 60), 0);
    /* kr-a moves: it and the objective (whose average moved) = 2 rows. */
    fixture(&f, 0.50, 0.20, OKR_STATUS_ON_TRACK);
    assert_int_equal(record(h, mem, &f, T0 + 3600), 2);
    history_close(h);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM sample"), 5);
    assert_int_equal(count_rows(path, "PRAGMA application_id"), HISTORY_APP_ID);

    /* Open again and load: the same 5 samples, kr-a's two in order. */
    h = history_open(path, &st, err, sizeof err);
    assert_non_null(h);
    OkrSamples *back = okr_samples_new();
    assert_int_equal(history_load(h, "https://x/feed.json", 0, 0, back, &st, err, sizeof err), 0);
    assert_int_equal(okr_samples_count(back), 5);
    size_t n;
    const OkrSample *v = okr_samples_get(back, "k:kr-a", &n);
    assert_int_equal(n, 2);
    assert_int_equal(v[0].at, T0);
    assert_float_equal(v[0].progress, 0.40, 1e-12);
    assert_float_equal(v[1].progress, 0.50, 1e-12);
    assert_true(isnan(v[1].current));
    assert_int_equal(v[1].status, OKR_STATUS_ON_TRACK);
    /* Another feed location has nothing. */
    assert_int_equal(history_load(h, "other", 0, 0, back, &st, err, sizeof err), 0);
    assert_int_equal(okr_samples_count(back), 0);
    okr_samples_free(back);
    okr_samples_free(mem);
    history_close(h);
}

static void seeds_are_merged_without_overriding_recorded_samples(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "seed.db");
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    Fixture f;
    fixture(&f, 0.40, 0.20, OKR_STATUS_ON_TRACK);
    /* kr-a: start 0, target 200; seed current 50 at T0 - 2 d -> 25 %, and
     * progress 0.3 at T0 - 1 d; one in the future (T0 + 1 d) is not used. */
    OkrHistoryPoint pts[3] = {{.at = T0 - 2 * DAY, .current = 50, .has_current = true},
                              {.at = T0 - DAY, .progress = 0.3, .has_progress = true},
                              {.at = T0 + DAY, .progress = 0.9, .has_progress = true}};
    f.kr[0].has_start = f.kr[0].has_target = true;
    f.kr[0].start = 0;
    f.kr[0].target = 200;
    f.kr[0].history = pts;
    f.kr[0].n_history = 3;
    /* 3 elements + 2 seeds. */
    assert_int_equal(record(h, mem, &f, T0), 5);
    /* Seeds again: already there, nothing new. */
    assert_int_equal(record(h, mem, &f, T0 + 60), 0);
    size_t n;
    const OkrSample *v = okr_samples_get(mem, "k:kr-a", &n);
    assert_int_equal(n, 3);
    assert_float_equal(v[0].progress, 0.25, 1e-12);
    assert_float_equal(v[0].current, 50, 1e-12);
    assert_int_equal(v[0].status, OKR_STATUS_UNSET);
    assert_float_equal(v[1].progress, 0.30, 1e-12);
    okr_samples_free(mem);
    history_close(h);
}

static void samples_from_the_future_are_deleted_when_the_clock_went_back(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "future.db");
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    Fixture f;
    fixture(&f, 0.40, 0.20, OKR_STATUS_ON_TRACK);
    record(h, mem, &f, T0);
    fixture(&f, 0.60, 0.20, OKR_STATUS_ON_TRACK);
    record(h, mem, &f, T0 + 365 * DAY); /* clock a year ahead */
    /* Corrected back to T0 + 1 h with the old values: the year-ahead samples
     * (kr-a and the objective) go; nothing else changed, so nothing new. */
    fixture(&f, 0.40, 0.20, OKR_STATUS_ON_TRACK);
    assert_int_equal(record(h, mem, &f, T0 + 3600), 0);
    history_close(h);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM sample"), 3);
    assert_int_equal(count_rows(path, "SELECT max(at) FROM sample"), T0);
    assert_int_equal(okr_samples_count(mem), 3);
    okr_samples_free(mem);
}

/* --check --record --now T (an old export) and a wall on a clock fixed by
 * --now are backfills: the samples after T stay, the new one goes in its
 * place in time, and the value in force at T decides whether it is new. */
static void a_backfill_keeps_the_samples_after_it(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "backfill.db");
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    Fixture f;
    fixture(&f, 0.40, 0.20, OKR_STATUS_ON_TRACK);
    record(h, mem, &f, T0);
    fixture(&f, 0.60, 0.20, OKR_STATUS_ON_TRACK);
    record(h, mem, &f, T0 + 10 * DAY);
    /* an export from day 5 with kr-a at 0.50: kr-a and the objective differ
     * from what was in force then (day 0), so both are written */
    fixture(&f, 0.50, 0.20, OKR_STATUS_ON_TRACK);
    HistorySnapshot *snap = history_snapshot("https://x/feed.json", &f.feed, T0 + 5 * DAY);
    snap->backfill = true;
    assert_int_equal(history_record(h, snap, mem, &st, err, sizeof err), 2);
    history_snapshot_free(snap);
    /* the same export again: nothing new, and still nothing deleted */
    snap = history_snapshot("https://x/feed.json", &f.feed, T0 + 5 * DAY + 60);
    snap->backfill = true;
    assert_int_equal(history_record(h, snap, mem, &st, err, sizeof err), 0);
    history_snapshot_free(snap);
    history_close(h);
    /* 3 at day 0, 2 at day 10, 2 at day 5 */
    assert_int_equal(count_rows(path, "SELECT count(*) FROM sample"), 7);
    assert_int_equal(count_rows(path, "SELECT max(at) FROM sample"), T0 + 10 * DAY);
    assert_int_equal(okr_samples_count(mem), 7);
    /* in memory, in time order: 0.40, 0.50, 0.60 */
    size_t n;
    const OkrSample *v = okr_samples_get(mem, "k:kr-a", &n);
    assert_int_equal(n, 3);
    assert_int_equal(v[1].at, T0 + 5 * DAY);
    assert_float_equal(v[0].progress, 0.40, 1e-9);
    assert_float_equal(v[1].progress, 0.50, 1e-9);
    assert_float_equal(v[2].progress, 0.60, 1e-9);
    okr_samples_free(mem);
}


static void nothing_is_recorded_while_the_clock_reads_1970(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "clock.db");
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    Fixture f;
    fixture(&f, 0.40, 0.20, OKR_STATUS_ON_TRACK);
    HistorySnapshot *snap = history_snapshot("feed", &f.feed, 120);
    assert_int_equal(history_record(h, snap, mem, &st, err, sizeof err), -1);
    assert_int_equal(st, HISTORY_CLOCK);
    history_snapshot_free(snap);
    history_close(h);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM sample"), 0);
    okr_samples_free(mem);
}

static void retention_keeps_the_value_in_force_at_the_cut(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "prune.db");
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    Fixture f;
    /* kr-a changes every day for 10 days (10 rows), Signups never after day
     * 0 (1 row), the objective with kr-a (10 rows) = 21 rows. */
    for (int d = 0; d < 10; d++) {
        fixture(&f, 0.1 + d * 0.05, 0.20, OKR_STATUS_ON_TRACK);
        record(h, mem, &f, T0 + d * DAY);
    }
    assert_int_equal(count_rows(path, "SELECT count(*) FROM sample"), 21);
    /* Cut at day 5 + 1 h: kr-a and the objective lose days 0..4 (their day 5
     * is in force at the cut), Signups keeps its only row: 10 deleted. */
    long d = history_prune(h, "https://x/feed.json", T0 + 5 * DAY + 3600, &st, err, sizeof err);
    assert_int_equal(d, 10);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM sample"), 11);
    assert_int_equal(count_rows(path, "SELECT min(at) FROM sample WHERE element ="
                                      " (SELECT id FROM element WHERE key='k:kr-a')"),
                     T0 + 5 * DAY);
    history_close(h);
    okr_samples_free(mem);
}

static void retention_cut_is_the_period_before_the_current_one(void **state)
{
    (void)state;
    OkrFeed feed = {0};
    feed.has_period = true;
    feed.period_start = T0;
    feed.period_end = T0 + 91 * DAY;
    assert_int_equal(history_retention_cut(&feed, 2, T0 + DAY), T0 - 91 * DAY);
    assert_int_equal(history_retention_cut(&feed, 1, T0 + DAY), T0);
    assert_int_equal(history_retention_cut(NULL, 2, T0), T0 - 180 * DAY);
}

static void export_writes_one_row_per_sample(void **state)
{
    (void)state;
    char path[300], csv[300];
    path_of(path, sizeof path, "export.db");
    path_of(csv, sizeof csv, "out.csv");
    HistoryState st;
    char err[256];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    Fixture f;
    fixture(&f, 0.40, 0.205, OKR_STATUS_AT_RISK);
    f.kr[0].has_current = true;
    f.kr[0].current = 12.5;
    record(h, mem, &f, T0);
    FILE *out = fopen(csv, "w");
    assert_int_equal(history_export_csv(h, out, err, sizeof err), 3);
    fclose(out);
    history_close(h);
    char text[2048] = "";
    FILE *in = fopen(csv, "r");
    size_t n = fread(text, 1, sizeof text - 1, in);
    fclose(in);
    text[n] = '\0';
    /* T0 = 2026-09-21T14:13:20Z. Rows sorted by element key. */
    assert_string_equal(
        text, "feed,element,at,progress_pct,current,confidence,status,updated_at\n"
              "https://x/feed.json,k:grow / signups,2026-09-21T14:13:20Z,20.5,,,on_track,\n"
              "https://x/feed.json,k:kr-a,2026-09-21T14:13:20Z,40,12.5,,at_risk,\n"
              "https://x/feed.json,o:grow,2026-09-21T14:13:20Z,30.25,,,at_risk,\n");
    okr_samples_free(mem);
}

static void move_aside_check(const char *name, const char *content, size_t len)
{
    char path[300], moved_glob[400];
    path_of(path, sizeof path, name);
    FILE *f = fopen(path, "wb");
    fwrite(content, 1, len, f);
    fclose(f);
    HistoryState st;
    char err[512];
    History *h = history_open(path, &st, err, sizeof err);
    assert_non_null(h);
    assert_int_equal(st, HISTORY_MOVED);
    assert_non_null(strstr(err, ".damaged-"));
    history_close(h);
    /* The old bytes still exist under the new name. */
    snprintf(moved_glob, sizeof moved_glob, "ls %s.damaged-* >/dev/null 2>&1", path);
    assert_int_equal(system(moved_glob), 0);
    assert_int_equal(count_rows(path, "PRAGMA application_id"), HISTORY_APP_ID);
}

static void a_damaged_file_is_moved_aside_not_deleted(void **state)
{
    (void)state;
    /* A valid header followed by garbage pages. */
    char junk[8192];
    memset(junk, 0x5a, sizeof junk);
    memcpy(junk, "SQLite format 3", 16);
    move_aside_check("damaged.db", junk, sizeof junk);
    move_aside_check("text.db", "this is a text file, not a database\n", 36);
}

static void another_program_s_database_is_moved_aside(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "foreign.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "CREATE TABLE photos(x); INSERT INTO photos VALUES(1);", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    HistoryState st;
    char err[512];
    History *h = history_open(path, &st, err, sizeof err);
    assert_non_null(h);
    assert_int_equal(st, HISTORY_MOVED);
    history_close(h);
}

static void a_read_only_folder_is_reported_as_such(void **state)
{
    (void)state;
    char ro[300], path[400];
    path_of(ro, sizeof ro, "ro");
    mkdir(ro, 0500);
    snprintf(path, sizeof path, "%s/history.db", ro);
    if (geteuid() == 0) {
        /* root writes anywhere: a read-only mount is what makes a folder
         * read-only for it; tests/history_faults.sh covers that. */
        skip();
    }
    HistoryState st;
    char err[512];
    History *h = history_open(path, &st, err, sizeof err);
    assert_null(h);
    assert_int_equal(st, HISTORY_READ_ONLY);
}

static void a_locked_database_is_reported_and_nothing_is_lost(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "locked.db");
    HistoryState st;
    char err[512];
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    Fixture f;
    fixture(&f, 0.40, 0.20, OKR_STATUS_ON_TRACK);
    record(h, mem, &f, T0);
    /* Another connection holds the write lock. */
    sqlite3 *other;
    sqlite3_open(path, &other);
    assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
    fixture(&f, 0.50, 0.20, OKR_STATUS_ON_TRACK);
    HistorySnapshot *snap = history_snapshot("https://x/feed.json", &f.feed, T0 + 60);
    assert_int_equal(history_record(h, snap, mem, &st, err, sizeof err), -1);
    assert_int_equal(st, HISTORY_LOCKED);
    /* mem did not take the failed write: the next try writes it. */
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    assert_int_equal(history_record(h, snap, mem, &st, err, sizeof err), 2);
    history_snapshot_free(snap);
    history_close(h);
    okr_samples_free(mem);
}

static int notified;
static void on_notify(void *ctx)
{
    (void)ctx;
    __atomic_add_fetch(&notified, 1, __ATOMIC_SEQ_CST);
}

static void the_writer_thread_records_and_shares_the_samples(void **state)
{
    (void)state;
    char path[300];
    path_of(path, sizeof path, "writer.db");
    HistoryWriter *w = history_writer_start(path, on_notify, NULL);
    assert_non_null(w);
    Fixture f;
    for (int i = 0; i < 3; i++) {
        fixture(&f, 0.1 * (i + 1), 0.20, OKR_STATUS_ON_TRACK);
        history_writer_submit(w, history_snapshot("feed-w", &f.feed, T0 + i * 3600), 0, 0, 0);
    }
    history_writer_stop(w, 5000);
    /* 3 + 2 + 2 rows. */
    assert_int_equal(count_rows(path, "SELECT count(*) FROM sample"), 7);
    assert_true(notified > 0);

    /* A new writer loads them back and reports through the lock. */
    w = history_writer_start(path, NULL, NULL);
    /* The same values as the last refresh: loaded, nothing new written. */
    fixture(&f, 0.1 * 3, 0.20, OKR_STATUS_ON_TRACK);
    history_writer_submit(w, history_snapshot("feed-w", &f.feed, T0 + 4 * 3600), 0, 0, 0);
    for (int i = 0; i < 200 && history_writer_generation(w) == 0; i++)
        usleep(10000);
    char key[64];
    const OkrSamples *mem = history_writer_lock(w, key, sizeof key);
    assert_string_equal(key, "feed-w");
    assert_int_equal(okr_samples_count(mem), 7);
    history_writer_unlock(w);
    assert_int_equal(history_writer_state(w, NULL, 0), HISTORY_OK);
    history_writer_stop(w, 5000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_changed_elements_are_written_and_load_back),
        cmocka_unit_test(seeds_are_merged_without_overriding_recorded_samples),
        cmocka_unit_test(samples_from_the_future_are_deleted_when_the_clock_went_back),
        cmocka_unit_test(a_backfill_keeps_the_samples_after_it),
        cmocka_unit_test(nothing_is_recorded_while_the_clock_reads_1970),
        cmocka_unit_test(retention_keeps_the_value_in_force_at_the_cut),
        cmocka_unit_test(retention_cut_is_the_period_before_the_current_one),
        cmocka_unit_test(export_writes_one_row_per_sample),
        cmocka_unit_test(a_damaged_file_is_moved_aside_not_deleted),
        cmocka_unit_test(another_program_s_database_is_moved_aside),
        cmocka_unit_test(a_read_only_folder_is_reported_as_such),
        cmocka_unit_test(a_locked_database_is_reported_and_nothing_is_lost),
        cmocka_unit_test(the_writer_thread_records_and_shares_the_samples),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
