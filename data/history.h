/*
 * history: the wall's memory, the scored values of every key result and
 * objective over time, in an SQLite file.
 *
 * SQLite because a Pi loses power without warning and SQLite's atomic commit
 * survives that: after a crash the file opens and holds every transaction
 * that committed. WAL journal with synchronous=NORMAL: a commit appends to the
 * -wal file without an fsync, the fsync happens at checkpoints, so a power cut
 * may lose the last commits (the refreshes of the last seconds) but never
 * corrupts the file; synchronous=FULL would add an fsync per refresh, which
 * costs SD-card writes and buys nothing here, because the wall records the
 * same values again at its next refresh.
 *
 * Schema (application_id 0x4f4b5248 "OKRH", user_version 1):
 *   feed(id, location)                    one row per feed location
 *   element(id, feed, key)                okr_delta's identity keys
 *   sample(feed, at, element, progress, current, confidence, status,
 *          updated_at)                    WITHOUT ROWID, key (feed, at, element)
 * The sample key is in time order, so a refresh appends to the last leaf
 * pages instead of touching one page per key result: that is what keeps the
 * bytes written per refresh small. A row is written only when an element's
 * values differ from the value in force at that instant.
 *
 * Failures never stop the wall: every call reports a HistoryState that the
 * app shows as a badge ("history not saved: disk full") and retries later. A
 * file at the path that is not our database (damaged, or another program's)
 * is renamed to PATH.damaged-YYYYMMDDTHHMMSS (never deleted) and a new
 * history starts.
 *
 * Clock: nothing is recorded while the clock reads before 2024-01-01 (a Pi
 * without a real-time clock boots in 1970 until NTP answers). When the wall
 * records at an instant older than samples already stored (the clock jumped
 * back), those samples "from the future" were written with a wrong clock, so
 * they are deleted in the same transaction and the timeline stays in order;
 * okr_delta ignores samples after "now" in any case. A snapshot taken at a
 * time chosen by hand (--now: --check --record backfilling an old export, a
 * screenshot or a test) is not the clock: it deletes nothing and goes in its
 * place in time, so backfilling never costs the history recorded since.
 *
 * Threads: a History is used by one thread at a time. HistoryWriter runs one
 * on its own thread with a queue, so the render thread never waits for the
 * disk; it shares the in-memory samples under a mutex.
 */
#ifndef OKR_HISTORY_H
#define OKR_HISTORY_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "okr_delta.h"
#include "okr_model.h"

#define HISTORY_CLOCK_MIN INT64_C(1704067200) /* 2024-01-01T00:00:00Z */
#define HISTORY_APP_ID 0x4f4b5248
#define HISTORY_ERR_MAX 256

typedef enum HistoryState {
    HISTORY_OK = 0,
    HISTORY_OFF,       /* --history off */
    HISTORY_DISK_FULL, /* SQLITE_FULL / ENOSPC */
    HISTORY_READ_ONLY, /* the file or its folder cannot be written */
    HISTORY_MOVED,     /* a damaged or foreign file was moved aside; a new
                          history was started (a notice, history works) */
    HISTORY_LOCKED,    /* another process holds the database */
    HISTORY_CLOCK,     /* the clock reads before HISTORY_CLOCK_MIN */
    HISTORY_IO,        /* any other error (see the message) */
} HistoryState;

/* "ok", "off", "disk full", ... (logs, --check --json). */
const char *history_state_name(HistoryState state);

typedef struct History History;

/* The default file: $XDG_STATE_HOME/okr-kiosk/history.db, else
 * $HOME/.local/state/okr-kiosk/history.db. Returns 0, or -1 when neither
 * variable is set (or the path does not fit). */
int history_default_path(char *buf, size_t len);

/* Opens path, creating its folder (mode 0700) and the file when missing.
 * A damaged or foreign file is moved aside (*state = HISTORY_MOVED, and the
 * new name in err). Returns NULL with *state and err when it cannot be used. */
History *history_open(const char *path, HistoryState *state, char *err, size_t errlen);
void history_close(History *h);

/* What one refresh records: every element of a scored feed keyed by
 * okr_delta's identity, plus the feed's own "history" seed points (status
 * UNSET). Built on the caller's thread (the feed may be freed afterwards);
 * owned by the caller until given to history_writer_submit(). */
typedef struct HistorySnapshot {
    char *feed_key; /* the feed's location */
    int64_t at;
    bool backfill;      /* at was chosen by hand (--now), not read from the
                           clock: later samples are kept (see "Clock") */
    size_t n;           /* elements of this refresh */
    char **keys;        /* [n] */
    OkrSample *samples; /* [n] */
    size_t n_seed;      /* seed points */
    char **seed_keys;
    OkrSample *seeds;
} HistorySnapshot;

HistorySnapshot *history_snapshot(const char *feed_key, const OkrFeed *feed, int64_t now);
void history_snapshot_free(HistorySnapshot *snap);

/* Loads the feed's samples into mem (cleared first): all that are kept, with
 * those older than exact_after thinned to okr_samples_thin()'s buckets of
 * bucket_s. Returns 0 or -1 (state, err). */
int history_load(History *h, const char *feed_key, int64_t exact_after, int64_t bucket_s,
                 OkrSamples *mem, HistoryState *state, char *err, size_t errlen);

/* Records snap in one transaction: the elements whose sample differs from the
 * value in force at snap->at in mem (which must hold this feed's samples, as
 * history_load() leaves it), and the seed points no sample is recorded at.
 * Unless snap->backfill, deletes the feed's samples later than snap->at
 * first (see "Clock"). mem is
 * updated only when the transaction commits. Returns the number of rows
 * written, or -1 (state, err; nothing was written). */
int history_record(History *h, const HistorySnapshot *snap, OkrSamples *mem, HistoryState *state,
                   char *err, size_t errlen);

/* The same, holding mu (when not NULL) only while mem changes: the writer
 * thread reads mem freely (it is its only writer) and readers on other
 * threads never wait for the disk. */
int history_record_mu(History *h, const HistorySnapshot *snap, OkrSamples *mem, pthread_mutex_t *mu,
                      HistoryState *state, char *err, size_t errlen);

/* Retention: deletes the feed's samples older than before except the value
 * in force at before for each element (kept so deltas and trends stay exact),
 * and every other feed's samples older than before. Returns rows deleted or
 * -1. */
long history_prune(History *h, const char *feed_key, int64_t before, HistoryState *state, char *err,
                   size_t errlen);

/* history_prune with the feed's samples already in mem (as history_load()
 * left them; the writer thread's copy), which saves reading them again. */
long history_prune_mem(History *h, const char *feed_key, int64_t before, const OkrSamples *mem,
                       HistoryState *state, char *err, size_t errlen);

/* Writes every sample as CSV, one row per sample, header first:
 * feed,element,at,progress_pct,current,confidence,status,updated_at.
 * Returns the number of rows, or -1 (err). */
long history_export_csv(History *h, FILE *out, char *err, size_t errlen);

/* Retention cut for a feed: its period start minus keep_periods - 1 period
 * lengths (keep 2 = the current period and the one before); without a period
 * keep_periods x 90 days before now. */
int64_t history_retention_cut(const OkrFeed *feed, int keep_periods, int64_t now);

/* ---- the writer thread ---- */

typedef struct HistoryWriter HistoryWriter;

/* Starts a thread that opens path. notify (may be NULL) is called on that
 * thread after each load or record that changed the samples and after any
 * change of state; it must only wake the loop (SDL_PushEvent is fine).
 * Returns NULL only when the thread cannot start. */
HistoryWriter *history_writer_start(const char *path, void (*notify)(void *ctx), void *ctx);

/* Queues a snapshot (ownership passes to the writer), and the retention and
 * thinning to apply afterwards (keep_before: history_prune's before, 0 none;
 * exact_after and bucket_s as in history_load). At most 4 snapshots wait; a
 * fifth replaces the oldest waiting one, so a stuck disk cannot grow memory. */
void history_writer_submit(HistoryWriter *w, HistorySnapshot *snap, int64_t keep_before,
                           int64_t exact_after, int64_t bucket_s);

/* The current state and its detail text. */
HistoryState history_writer_state(HistoryWriter *w, char *detail, size_t len);

/* The samples of the feed last recorded, under the writer's lock: call
 * history_writer_unlock() when done reading (keep it short: the writer thread
 * waits). Never NULL. */
const OkrSamples *history_writer_lock(HistoryWriter *w, char *feed_key, size_t len);
void history_writer_unlock(HistoryWriter *w);

/* Counter that grows each time the samples change (cheap to poll). */
unsigned long history_writer_generation(HistoryWriter *w);

/* Writes what is queued (waiting at most timeout_ms), stops the thread and
 * closes the file. w may be NULL. */
void history_writer_stop(HistoryWriter *w, int timeout_ms);

#endif
