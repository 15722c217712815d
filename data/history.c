/*
 * history: the SQLite store of samples (see the header for the why).
 *
 * Errors are sorted into the few states a person can act on: the extended
 * SQLite code says full / read-only / busy; a file that is not a database,
 * fails the quick check, or carries another application id is moved aside.
 */
#include "history.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "okr_i18n.h"
#include "okr_score.h"
#include "okr_util.h"

#define BUSY_TIMEOUT_MS 1500

struct History {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *ins, *feed_id, *feed_add, *el_id, *el_add;
};

const char *history_state_name(HistoryState state)
{
    switch (state) {
    case HISTORY_OK:
        return "ok";
    case HISTORY_OFF:
        return "off";
    case HISTORY_DISK_FULL:
        return "disk full";
    case HISTORY_READ_ONLY:
        return "read-only";
    case HISTORY_MOVED:
        return "damaged file moved aside";
    case HISTORY_LOCKED:
        return "locked by another process";
    case HISTORY_CLOCK:
        return "clock not set";
    case HISTORY_IO:
        return "error";
    }
    return "error";
}

int history_default_path(char *buf, size_t len)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, len, "%s/okr-kiosk/history.db", xdg);
    else if (home && home[0])
        n = snprintf(buf, len, "%s/.local/state/okr-kiosk/history.db", home);
    else
        return -1;
    return n > 0 && (size_t)n < len ? 0 : -1;
}

/* The state for an SQLite result code (extended codes included). */
static HistoryState state_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return HISTORY_DISK_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return HISTORY_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return HISTORY_LOCKED;
    default:
        break;
    }
    /* An I/O error with ENOSPC underneath is a full disk. */
    return HISTORY_IO;
}

static void fail(HistoryState *state, HistoryState s, char *err, size_t errlen, const char *what,
                 const char *detail)
{
    if (state)
        *state = s;
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", what, detail);
}

static void fail_db(History *h, int rc, HistoryState *state, char *err, size_t errlen,
                    const char *what)
{
    HistoryState s = state_of(rc);
    if (s == HISTORY_IO && (rc & 0xff) == SQLITE_IOERR && errno == ENOSPC)
        s = HISTORY_DISK_FULL;
    fail(state, s, err, errlen, what, h && h->db ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc));
}

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS feed(id INTEGER PRIMARY KEY, location TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS element(id INTEGER PRIMARY KEY, feed INTEGER NOT NULL,"
    " key TEXT NOT NULL, UNIQUE(feed, key));"
    "CREATE TABLE IF NOT EXISTS sample(feed INTEGER NOT NULL, at INTEGER NOT NULL,"
    " element INTEGER NOT NULL, progress REAL, current REAL, confidence REAL,"
    " status INTEGER NOT NULL, updated_at INTEGER, PRIMARY KEY(feed, at, element))"
    " WITHOUT ROWID;";

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Checks that db is ours (or empty) and sets it up. Returns an SQLite code;
 * SQLITE_NOTADB for a foreign or damaged file. */
static int setup(sqlite3 *db)
{
    int rc, app = 0, tables = 0, ok = 0;
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    rc = pragma_int(db, "PRAGMA application_id", &app);
    if (rc != SQLITE_OK)
        return rc;
    rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables);
    if (rc != SQLITE_OK)
        return rc;
    if (tables > 0 && app != HISTORY_APP_ID)
        return SQLITE_NOTADB; /* another program's database */
    if (tables > 0) {
        sqlite3_stmt *st;
        rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL);
        if (rc != SQLITE_OK)
            return rc;
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW)
            return rc;
        if (!ok)
            return SQLITE_CORRUPT;
    }
    rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
    /* A refresh touches a few pages at the end of the table: a small page
     * cache (256 KiB instead of 2 MiB) keeps the kiosk's memory down. */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA cache_size=-256", NULL, NULL, NULL);
    if (rc == SQLITE_OK && tables == 0) {
        char sql[128];
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=1;",
                 HISTORY_APP_ID);
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, SCHEMA, NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        else
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    return rc;
}

/* Renames path (and its -wal / -shm) to path.damaged-STAMP. Returns 0 and
 * the new name in moved. */
static int move_aside(const char *path, char *moved, size_t len)
{
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32] = "0";
    if (gmtime_r(&now, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    int n = snprintf(moved, len, "%s.damaged-%s", path, stamp);
    if (n < 0 || (size_t)n >= len)
        return -1;
    if (rename(path, moved) != 0)
        return -1;
    const char *sfx[] = {"-wal", "-shm"};
    for (int i = 0; i < 2; i++) {
        char a[4200], b[4200];
        snprintf(a, sizeof a, "%s%s", path, sfx[i]);
        snprintf(b, sizeof b, "%s%s", moved, sfx[i]);
        if (access(a, F_OK) == 0)
            rename(a, b); /* best effort: a stale -shm is rebuilt anyway */
    }
    return 0;
}

static int prepare(History *h)
{
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } q[] = {
        {&h->ins, "INSERT OR REPLACE INTO sample(feed, at, element, progress, current,"
                  " confidence, status, updated_at) VALUES(?,?,?,?,?,?,?,?)"},
        {&h->feed_id, "SELECT id FROM feed WHERE location=?"},
        {&h->feed_add, "INSERT INTO feed(location) VALUES(?)"},
        {&h->el_id, "SELECT id FROM element WHERE feed=? AND key=?"},
        {&h->el_add, "INSERT INTO element(feed, key) VALUES(?,?)"},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        int rc = sqlite3_prepare_v3(h->db, q[i].sql, -1, SQLITE_PREPARE_PERSISTENT, q[i].st, NULL);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static int try_open(const char *path, sqlite3 **db)
{
    int rc = sqlite3_open_v2(
        path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        sqlite3_extended_result_codes(*db, 1);
    if (rc == SQLITE_OK)
        rc = setup(*db);
    if (rc != SQLITE_OK) {
        sqlite3_close_v2(*db);
        *db = NULL;
    }
    return rc;
}

History *history_open(const char *path, HistoryState *state, char *err, size_t errlen)
{
    History *h = NULL;
    sqlite3 *db = NULL;
    HistoryState st = HISTORY_OK;
    char moved[4200] = "";

    if (state)
        *state = HISTORY_OK;
    if (err && errlen)
        err[0] = '\0';
    if (okr_make_parent_dirs(path) != 0) {
        int e = errno;
        fail(state,
             e == ENOSPC                               ? HISTORY_DISK_FULL
             : e == EROFS || e == EACCES || e == EPERM ? HISTORY_READ_ONLY
                                                       : HISTORY_IO,
             err, errlen, "cannot create the history folder", strerror(e));
        return NULL;
    }
    int rc = try_open(path, &db);
    if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT) {
        if (move_aside(path, moved, sizeof moved) != 0) {
            fail(state, HISTORY_IO, err, errlen, "cannot move the damaged history file aside",
                 strerror(errno));
            return NULL;
        }
        st = HISTORY_MOVED;
        rc = try_open(path, &db);
    }
    if (rc != SQLITE_OK) {
        HistoryState s = state_of(rc);
        if (s == HISTORY_IO && errno == ENOSPC)
            s = HISTORY_DISK_FULL;
        if (s == HISTORY_IO && access(path, F_OK) != 0 && (errno == EACCES || errno == EROFS))
            s = HISTORY_READ_ONLY;
        fail(state, s, err, errlen, path, sqlite3_errstr(rc));
        return NULL;
    }
    h = calloc(1, sizeof *h);
    if (!h || !(h->path = strdup(path))) {
        free(h);
        sqlite3_close_v2(db);
        fail(state, HISTORY_IO, err, errlen, path, "out of memory");
        return NULL;
    }
    h->db = db;
    rc = prepare(h);
    if (rc != SQLITE_OK) {
        fail_db(h, rc, state, err, errlen, path);
        history_close(h);
        return NULL;
    }
    if (st == HISTORY_MOVED) {
        if (state)
            *state = HISTORY_MOVED;
        if (err && errlen)
            snprintf(err, errlen,
                     "the file at the history path was not a usable history; "
                     "moved it to %s and started a new one",
                     moved);
    }
    return h;
}

void history_close(History *h)
{
    if (!h)
        return;
    sqlite3_finalize(h->ins);
    sqlite3_finalize(h->feed_id);
    sqlite3_finalize(h->feed_add);
    sqlite3_finalize(h->el_id);
    sqlite3_finalize(h->el_add);
    sqlite3_close_v2(h->db);
    free(h->path);
    free(h);
}

/* ---- snapshots ---- */

void history_snapshot_free(HistorySnapshot *snap)
{
    if (!snap)
        return;
    for (size_t i = 0; i < snap->n; i++)
        free(snap->keys[i]);
    for (size_t i = 0; i < snap->n_seed; i++)
        free(snap->seed_keys[i]);
    free(snap->keys);
    free(snap->samples);
    free(snap->seed_keys);
    free(snap->seeds);
    free(snap->feed_key);
    free(snap);
}

static int snap_put(char ***keys, OkrSample **v, size_t *n, const char *key, const OkrSample *s)
{
    char *k = strdup(key);
    if (!k)
        return -1;
    (*keys)[*n] = k;
    (*v)[*n] = *s;
    (*n)++;
    return 0;
}

HistorySnapshot *history_snapshot(const char *feed_key, const OkrFeed *feed, int64_t now)
{
    HistorySnapshot *snap = calloc(1, sizeof *snap);
    size_t total = 0, seeds = 0;
    if (!snap)
        return NULL;
    for (size_t i = 0; i < feed->n_objectives; i++) {
        total += 1 + feed->objectives[i].n_key_results;
        for (size_t j = 0; j < feed->objectives[i].n_key_results; j++)
            seeds += feed->objectives[i].key_results[j].n_history;
    }
    snap->feed_key = strdup(feed_key ? feed_key : "");
    snap->at = now;
    snap->keys = calloc(total ? total : 1, sizeof *snap->keys);
    snap->samples = calloc(total ? total : 1, sizeof *snap->samples);
    snap->seed_keys = calloc(seeds ? seeds : 1, sizeof *snap->seed_keys);
    snap->seeds = calloc(seeds ? seeds : 1, sizeof *snap->seeds);
    if (!snap->feed_key || !snap->keys || !snap->samples || !snap->seed_keys || !snap->seeds)
        goto fail;

    OkrScoreConfig cfg = okr_score_config_default();
    char key[OKR_DELTA_KEY_MAX];
    for (size_t i = 0; i < feed->n_objectives; i++) {
        const OkrObjective *o = &feed->objectives[i];
        okr_delta_key_objective(o, key, sizeof key);
        OkrSample s = okr_delta_sample_objective(o, now);
        if (snap_put(&snap->keys, &snap->samples, &snap->n, key, &s) != 0)
            goto fail;
        for (size_t j = 0; j < o->n_key_results; j++) {
            const OkrKeyResult *kr = &o->key_results[j];
            okr_delta_key_kr(o, kr, key, sizeof key);
            s = okr_delta_sample_kr(kr, now);
            if (snap_put(&snap->keys, &snap->samples, &snap->n, key, &s) != 0)
                goto fail;
            for (size_t k = 0; k < kr->n_history; k++) {
                const OkrHistoryPoint *p = &kr->history[k];
                OkrKeyResult tmp = *kr;
                tmp.has_progress = p->has_progress;
                tmp.progress = p->progress;
                tmp.has_current = p->has_current;
                tmp.current = p->current;
                tmp.has_done = false;
                tmp.status_in = OKR_STATUS_UNSET;
                OkrScore sc = okr_score_key_result(&tmp, -1.0, false, &cfg, p->at);
                OkrSample seed = {.at = p->at,
                                  .updated_at = p->at,
                                  .progress = sc.has_value ? sc.raw : NAN,
                                  .current = p->has_current ? p->current : NAN,
                                  .confidence = NAN,
                                  .status = OKR_STATUS_UNSET};
                if (snap_put(&snap->seed_keys, &snap->seeds, &snap->n_seed, key, &seed) != 0)
                    goto fail;
            }
        }
    }
    return snap;
fail:
    history_snapshot_free(snap);
    return NULL;
}

/* ---- ids ---- */

static int lookup_id(sqlite3_stmt *get, sqlite3_stmt *add, int64_t feed, const char *text,
                     int64_t *id)
{
    int col = 1, rc;
    sqlite3_reset(get);
    if (feed >= 0)
        sqlite3_bind_int64(get, col++, feed);
    sqlite3_bind_text(get, col, text, -1, SQLITE_STATIC);
    rc = sqlite3_step(get);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(get, 0);
        sqlite3_reset(get);
        return SQLITE_OK;
    }
    sqlite3_reset(get);
    if (rc != SQLITE_DONE)
        return rc;
    if (!add)
        return SQLITE_NOTFOUND;
    col = 1;
    sqlite3_reset(add);
    if (feed >= 0)
        sqlite3_bind_int64(add, col++, feed);
    sqlite3_bind_text(add, col, text, -1, SQLITE_STATIC);
    rc = sqlite3_step(add);
    sqlite3_reset(add);
    if (rc != SQLITE_DONE)
        return rc;
    *id = sqlite3_last_insert_rowid(sqlite3_db_handle(add));
    return SQLITE_OK;
}

static void bind_real(sqlite3_stmt *st, int col, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, col);
    else
        sqlite3_bind_double(st, col, v);
}

static double col_real(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

static int insert(History *h, int64_t feed, int64_t el, const OkrSample *s)
{
    sqlite3_stmt *st = h->ins;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, feed);
    sqlite3_bind_int64(st, 2, s->at);
    sqlite3_bind_int64(st, 3, el);
    bind_real(st, 4, s->progress);
    bind_real(st, 5, s->current);
    bind_real(st, 6, s->confidence);
    sqlite3_bind_int(st, 7, (int)s->status);
    if (s->updated_at >= 0)
        sqlite3_bind_int64(st, 8, s->updated_at);
    else
        sqlite3_bind_null(st, 8);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* ---- load ---- */

int history_load(History *h, const char *feed_key, int64_t exact_after, int64_t bucket_s,
                 OkrSamples *mem, HistoryState *state, char *err, size_t errlen)
{
    okr_samples_clear(mem);
    int64_t feed;
    int rc = lookup_id(h->feed_id, NULL, -1, feed_key, &feed);
    if (rc == SQLITE_NOTFOUND)
        return 0;
    if (rc != SQLITE_OK) {
        fail_db(h, rc, state, err, errlen, "reading the history");
        return -1;
    }
    sqlite3_stmt *st;
    rc = sqlite3_prepare_v2(h->db,
                            "SELECT e.key, s.at, s.progress, s.current, s.confidence, s.status,"
                            " s.updated_at FROM sample s JOIN element e ON e.id = s.element"
                            " WHERE s.feed = ? ORDER BY s.at",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) {
        fail_db(h, rc, state, err, errlen, "reading the history");
        return -1;
    }
    sqlite3_bind_int64(st, 1, feed);
    size_t since_thin = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        OkrSample s = {
            .at = sqlite3_column_int64(st, 1),
            .progress = col_real(st, 2),
            .current = col_real(st, 3),
            .confidence = col_real(st, 4),
            .status = (OkrStatus)sqlite3_column_int(st, 5),
            .updated_at =
                sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6),
        };
        if (okr_samples_add(mem, (const char *)sqlite3_column_text(st, 0), &s) != 0) {
            rc = SQLITE_NOMEM;
            break;
        }
        /* Thin as the rows come (they come in time order), so a long history
         * never sits in memory whole. */
        if (++since_thin >= 4096 && bucket_s > 0) {
            okr_samples_thin(mem, exact_after < s.at ? exact_after : s.at, bucket_s);
            since_thin = 0;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        fail_db(h, rc, state, err, errlen, "reading the history");
        return -1;
    }
    if (bucket_s > 0)
        okr_samples_thin(mem, exact_after, bucket_s);
    return 0;
}

/* ---- record ---- */

int history_record(History *h, const HistorySnapshot *snap, OkrSamples *mem, HistoryState *state,
                   char *err, size_t errlen)
{
    return history_record_mu(h, snap, mem, NULL, state, err, errlen);
}

int history_record_mu(History *h, const HistorySnapshot *snap, OkrSamples *mem, pthread_mutex_t *mu,
                      HistoryState *state, char *err, size_t errlen)
{
    int written = 0, rc;
    int64_t feed = 0;
    unsigned char *write = NULL, *seed_write = NULL;

    if (snap->at < HISTORY_CLOCK_MIN) {
        fail(state, HISTORY_CLOCK, err, errlen, "not recording",
             "the clock reads before 2024 (not set yet?)");
        return -1;
    }
    write = calloc(snap->n + 1, 1);
    seed_write = calloc(snap->n_seed + 1, 1);
    if (!write || !seed_write) {
        fail(state, HISTORY_IO, err, errlen, "recording", "out of memory");
        written = -1;
        goto done;
    }
    /* What changed since the value in force at snap->at. */
    size_t n_write = 0;
    for (size_t i = 0; i < snap->n; i++) {
        const OkrSample *prev = okr_samples_at(mem, snap->keys[i], snap->at);
        write[i] = !prev || okr_sample_changed(prev, &snap->samples[i]);
        n_write += write[i];
    }
    for (size_t i = 0; i < snap->n_seed; i++) {
        const OkrSample *prev = okr_samples_at(mem, snap->seed_keys[i], snap->seeds[i].at);
        seed_write[i] = snap->seeds[i].at <= snap->at && (!prev || prev->at != snap->seeds[i].at);
        n_write += seed_write[i];
    }
    /* Samples from the future: any later than snap->at? (A backfill keeps
     * them: its time is not the clock's.) */
    bool future = false;
    for (size_t i = 0; i < snap->n && !future && !snap->backfill; i++) {
        size_t n;
        const OkrSample *v = okr_samples_get(mem, snap->keys[i], &n);
        future = n && v[n - 1].at > snap->at;
    }
    if (n_write == 0 && !future)
        goto done;

    rc = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = lookup_id(h->feed_id, h->feed_add, -1, snap->feed_key, &feed);
    if (rc == SQLITE_OK && future) {
        sqlite3_stmt *del;
        rc = sqlite3_prepare_v2(h->db, "DELETE FROM sample WHERE feed=? AND at>?", -1, &del, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(del, 1, feed);
            sqlite3_bind_int64(del, 2, snap->at);
            rc = sqlite3_step(del) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(h->db);
            sqlite3_finalize(del);
        }
    }
    for (size_t i = 0; rc == SQLITE_OK && i < snap->n + snap->n_seed; i++) {
        bool seed = i >= snap->n;
        size_t k = seed ? i - snap->n : i;
        if (!(seed ? seed_write[k] : write[k]))
            continue;
        int64_t el;
        rc = lookup_id(h->el_id, h->el_add, feed, seed ? snap->seed_keys[k] : snap->keys[k], &el);
        if (rc == SQLITE_OK)
            rc = insert(h, feed, el, seed ? &snap->seeds[k] : &snap->samples[k]);
        written++;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        fail_db(h, rc, state, err, errlen, "recording the history");
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
        written = -1;
        goto done;
    }
    /* Committed: mirror it in memory. */
    if (mu)
        pthread_mutex_lock(mu);
    if (future)
        okr_samples_drop_after(mem, snap->at);
    for (size_t i = 0; i < snap->n; i++)
        if (write[i])
            okr_samples_add(mem, snap->keys[i], &snap->samples[i]);
    for (size_t i = 0; i < snap->n_seed; i++)
        if (seed_write[i])
            okr_samples_add(mem, snap->seed_keys[i], &snap->seeds[i]);
    if (mu)
        pthread_mutex_unlock(mu);
    if (state)
        *state = HISTORY_OK;
done:
    free(write);
    free(seed_write);
    return written;
}

/* ---- retention ---- */

int64_t history_retention_cut(const OkrFeed *feed, int keep_periods, int64_t now)
{
    if (keep_periods < 1)
        keep_periods = 1;
    if (feed && feed->has_period && feed->period_end > feed->period_start &&
        feed->period_start <= now) {
        int64_t len = feed->period_end - feed->period_start;
        return feed->period_start - (int64_t)(keep_periods - 1) * len;
    }
    return now - (int64_t)keep_periods * 90 * 86400;
}

typedef struct {
    History *h;
    int64_t feed, before;
    int rc;
} KeepCtx;

/* Marks each element's value in force at before as kept. */
static void keep_cb(const char *key, const OkrSample *v, size_t n, void *ctx)
{
    KeepCtx *k = ctx;
    if (k->rc != SQLITE_OK)
        return;
    size_t i = 0;
    while (i < n && v[i].at < k->before)
        i++;
    if (i == 0)
        return;
    int64_t el;
    int rc = lookup_id(k->h->el_id, NULL, k->feed, key, &el);
    if (rc == SQLITE_NOTFOUND)
        return;
    if (rc != SQLITE_OK) {
        k->rc = rc;
        return;
    }
    sqlite3_stmt *st;
    rc = sqlite3_prepare_v2(k->h->db, "INSERT OR IGNORE INTO temp.keep VALUES(?,?)", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, el);
        sqlite3_bind_int64(st, 2, v[i - 1].at);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(k->h->db);
        sqlite3_finalize(st);
    }
    k->rc = rc;
}

long history_prune(History *h, const char *feed_key, int64_t before, HistoryState *state, char *err,
                   size_t errlen)
{
    OkrSamples *mem = okr_samples_new();
    long n = -1;
    if (!mem) {
        fail(state, HISTORY_IO, err, errlen, "pruning", "out of memory");
        return -1;
    }
    if (history_load(h, feed_key, before, 0, mem, state, err, errlen) == 0)
        n = history_prune_mem(h, feed_key, before, mem, state, err, errlen);
    okr_samples_free(mem);
    return n;
}

long history_prune_mem(History *h, const char *feed_key, int64_t before, const OkrSamples *mem,
                       HistoryState *state, char *err, size_t errlen)
{
    int64_t feed = -1;
    long deleted = 0;
    int rc = lookup_id(h->feed_id, NULL, -1, feed_key, &feed);
    if (rc == SQLITE_NOTFOUND) {
        feed = -1;
        rc = SQLITE_OK;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h->db,
                          "BEGIN IMMEDIATE; CREATE TEMP TABLE IF NOT EXISTS keep(element INTEGER,"
                          " at INTEGER, PRIMARY KEY(element, at)); DELETE FROM temp.keep;",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK && feed >= 0) {
        KeepCtx k = {h, feed, before, SQLITE_OK};
        okr_samples_each(mem, keep_cb, &k);
        rc = k.rc;
    }
    if (rc == SQLITE_OK) {
        sqlite3_stmt *st;
        rc = sqlite3_prepare_v2(h->db,
                                "DELETE FROM sample WHERE at < ?1 AND (feed != ?2 OR"
                                " (element, at) NOT IN (SELECT element, at FROM temp.keep))",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, before);
            sqlite3_bind_int64(st, 2, feed);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(h->db);
            deleted = sqlite3_changes(h->db);
            sqlite3_finalize(st);
        }
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h->db,
                          "DELETE FROM element WHERE id NOT IN (SELECT element FROM sample);"
                          "DELETE FROM feed WHERE id NOT IN (SELECT feed FROM element);"
                          "COMMIT;",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        fail_db(h, rc, state, err, errlen, "pruning the history");
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return deleted;
}

/* ---- export ---- */

static void csv_field(FILE *out, const char *s)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (quote)
        fputc('"', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        if (*p == '\x1f')
            fputs(" / ", out);
        else
            fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
}

static void csv_num(FILE *out, sqlite3_stmt *st, int col, double scale)
{
    if (sqlite3_column_type(st, col) != SQLITE_NULL)
        fprintf(out, "%.10g", sqlite3_column_double(st, col) * scale);
}

long history_export_csv(History *h, FILE *out, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    long rows = 0;
    int rc = sqlite3_prepare_v2(h->db,
                                "SELECT f.location, e.key, s.at, s.progress, s.current,"
                                " s.confidence, s.status, s.updated_at FROM sample s"
                                " JOIN element e ON e.id = s.element JOIN feed f ON f.id = s.feed"
                                " ORDER BY f.location, s.at, e.key",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) {
        fail_db(h, rc, NULL, err, errlen, "exporting the history");
        return -1;
    }
    fputs("feed,element,at,progress_pct,current,confidence,status,updated_at\n", out);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char when[40];
        const char *key = (const char *)sqlite3_column_text(st, 1);
        csv_field(out, (const char *)sqlite3_column_text(st, 0));
        fputc(',', out);
        csv_field(out, key);
        i18n_format_utc(sqlite3_column_int64(st, 2), when, sizeof when);
        fprintf(out, ",%s,", when);
        csv_num(out, st, 3, 100.0);
        fputc(',', out);
        csv_num(out, st, 4, 1.0);
        fputc(',', out);
        csv_num(out, st, 5, 1.0);
        int status = sqlite3_column_int(st, 6);
        fprintf(out, ",%s,", status == OKR_STATUS_UNSET ? "" : okr_status_name((OkrStatus)status));
        if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
            i18n_format_utc(sqlite3_column_int64(st, 7), when, sizeof when);
            fputs(when, out);
        }
        fputc('\n', out);
        rows++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        fail_db(h, rc, NULL, err, errlen, "exporting the history");
        return -1;
    }
    return rows;
}
