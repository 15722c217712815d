/*
 * history_writer: the history's own thread, so no frame waits for the disk.
 *
 * The loop hands over snapshots (built from the scored feed on its thread);
 * this thread opens the file, loads the feed's samples, records each
 * snapshot, prunes at most once an hour, and keeps the in-memory samples
 * that the loop reads (under the mutex) to compute deltas. A failed open is
 * retried at the next snapshot, at most once a minute, so a full disk that
 * gets space, or a lock that goes away, heals without a restart.
 */
#include "history.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUEUE_MAX 4
#define REOPEN_S 60
#define PRUNE_EVERY_S 3600

typedef struct {
    HistorySnapshot *snap;
    int64_t keep_before, exact_after, bucket_s;
} Job;

struct HistoryWriter {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *path;
    void (*notify)(void *ctx);
    void *ctx;

    /* under mu */
    Job queue[QUEUE_MAX];
    int n_queue;
    bool stop, busy;
    HistoryState state;
    char detail[HISTORY_ERR_MAX];
    OkrSamples *mem;
    char feed_key[1024];
    unsigned long generation;

    /* the thread's own */
    History *h;
    int64_t last_open_try, last_prune;
    bool loaded;
};

static void set_state(HistoryWriter *w, HistoryState st, const char *detail)
{
    pthread_mutex_lock(&w->mu);
    bool changed = w->state != st || strcmp(w->detail, detail ? detail : "") != 0;
    w->state = st;
    snprintf(w->detail, sizeof w->detail, "%s", detail ? detail : "");
    pthread_mutex_unlock(&w->mu);
    if (changed && w->notify)
        w->notify(w->ctx);
}

static bool ensure_open(HistoryWriter *w, int64_t now)
{
    if (w->h)
        return true;
    if (w->last_open_try && now - w->last_open_try < REOPEN_S && now >= w->last_open_try)
        return false;
    w->last_open_try = now;
    HistoryState st;
    char err[HISTORY_ERR_MAX] = "";
    w->h = history_open(w->path, &st, err, sizeof err);
    set_state(w, st, err);
    w->loaded = false;
    return w->h != NULL;
}

static void drop_db(HistoryWriter *w)
{
    history_close(w->h);
    w->h = NULL;
}

static void run_job(HistoryWriter *w, Job *j)
{
    HistoryState st = HISTORY_OK;
    char err[HISTORY_ERR_MAX] = "";
    HistorySnapshot *snap = j->snap;
    if (snap->at < HISTORY_CLOCK_MIN) {
        set_state(w, HISTORY_CLOCK, "the clock reads before 2024 (not set yet?)");
        return;
    }
    if (!ensure_open(w, snap->at))
        return;
    /* A new feed location (or the first snapshot): load its samples. The
     * writer's copy is loaded into a fresh set and swapped in under the lock. */
    if (!w->loaded || strcmp(w->feed_key, snap->feed_key) != 0) {
        OkrSamples *fresh = okr_samples_new();
        if (!fresh || history_load(w->h, snap->feed_key, j->exact_after, j->bucket_s, fresh, &st,
                                   err, sizeof err) != 0) {
            okr_samples_free(fresh);
            set_state(w, fresh ? st : HISTORY_IO, fresh ? err : "out of memory");
            drop_db(w);
            return;
        }
        pthread_mutex_lock(&w->mu);
        okr_samples_free(w->mem);
        w->mem = fresh;
        snprintf(w->feed_key, sizeof w->feed_key, "%s", snap->feed_key);
        w->generation++;
        pthread_mutex_unlock(&w->mu);
        w->loaded = true;
    }
    /* This thread is the only writer of w->mem: it reads it without the lock
     * and takes the lock only to change it, after the commit. */
    int n = history_record_mu(w->h, snap, w->mem, &w->mu, &st, err, sizeof err);
    if (n > 0) {
        pthread_mutex_lock(&w->mu);
        w->generation++;
        pthread_mutex_unlock(&w->mu);
    }
    if (n < 0) {
        set_state(w, st, err);
        if (st != HISTORY_LOCKED && st != HISTORY_CLOCK)
            drop_db(w); /* reopen later: the disk may get space */
        return;
    }
    bool notify = n > 0;
    /* Retention, at most hourly, off the render thread. */
    if (j->keep_before > 0 && (w->last_prune == 0 || snap->at - w->last_prune >= PRUNE_EVERY_S ||
                               snap->at < w->last_prune)) {
        w->last_prune = snap->at;
        long d =
            history_prune_mem(w->h, snap->feed_key, j->keep_before, w->mem, &st, err, sizeof err);
        pthread_mutex_lock(&w->mu);
        okr_samples_prune(w->mem, j->keep_before);
        if (j->bucket_s > 0)
            okr_samples_thin(w->mem, j->exact_after, j->bucket_s);
        w->generation++;
        pthread_mutex_unlock(&w->mu);
        if (d < 0) {
            set_state(w, st, err);
            return;
        }
        notify = true;
    }
    HistoryState cur;
    pthread_mutex_lock(&w->mu);
    cur = w->state;
    pthread_mutex_unlock(&w->mu);
    if (cur != HISTORY_OK && cur != HISTORY_MOVED)
        set_state(w, HISTORY_OK, "");
    else if (notify && w->notify)
        w->notify(w->ctx);
}

static void *thread_main(void *arg)
{
    HistoryWriter *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->stop && w->n_queue == 0)
            pthread_cond_wait(&w->cv, &w->mu);
        if (w->n_queue == 0)
            break; /* stop with nothing left */
        Job j = w->queue[0];
        memmove(&w->queue[0], &w->queue[1], (size_t)(w->n_queue - 1) * sizeof(Job));
        w->n_queue--;
        w->busy = true;
        pthread_mutex_unlock(&w->mu);
        run_job(w, &j);
        history_snapshot_free(j.snap);
        pthread_mutex_lock(&w->mu);
        w->busy = false;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    drop_db(w);
    return NULL;
}

HistoryWriter *history_writer_start(const char *path, void (*notify)(void *ctx), void *ctx)
{
    HistoryWriter *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->path = strdup(path);
    w->mem = okr_samples_new();
    w->notify = notify;
    w->ctx = ctx;
    if (!w->path || !w->mem || pthread_mutex_init(&w->mu, NULL) != 0) {
        free(w->path);
        okr_samples_free(w->mem);
        free(w);
        return NULL;
    }
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->thread, NULL, thread_main, w) != 0) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        free(w->path);
        okr_samples_free(w->mem);
        free(w);
        return NULL;
    }
    return w;
}

void history_writer_submit(HistoryWriter *w, HistorySnapshot *snap, int64_t keep_before,
                           int64_t exact_after, int64_t bucket_s)
{
    if (!w || !snap) {
        history_snapshot_free(snap);
        return;
    }
    pthread_mutex_lock(&w->mu);
    if (w->n_queue == QUEUE_MAX) {
        history_snapshot_free(w->queue[0].snap);
        memmove(&w->queue[0], &w->queue[1], (QUEUE_MAX - 1) * sizeof(Job));
        w->n_queue--;
    }
    w->queue[w->n_queue++] = (Job){snap, keep_before, exact_after, bucket_s};
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

HistoryState history_writer_state(HistoryWriter *w, char *detail, size_t len)
{
    if (!w)
        return HISTORY_OFF;
    pthread_mutex_lock(&w->mu);
    HistoryState st = w->state;
    if (detail && len)
        snprintf(detail, len, "%s", w->detail);
    pthread_mutex_unlock(&w->mu);
    return st;
}

const OkrSamples *history_writer_lock(HistoryWriter *w, char *feed_key, size_t len)
{
    pthread_mutex_lock(&w->mu);
    if (feed_key && len)
        snprintf(feed_key, len, "%s", w->feed_key);
    return w->mem;
}

void history_writer_unlock(HistoryWriter *w)
{
    pthread_mutex_unlock(&w->mu);
}

unsigned long history_writer_generation(HistoryWriter *w)
{
    if (!w)
        return 0;
    pthread_mutex_lock(&w->mu);
    unsigned long g = w->generation;
    pthread_mutex_unlock(&w->mu);
    return g;
}

void history_writer_stop(HistoryWriter *w, int timeout_ms)
{
    if (!w)
        return;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->mu);
    while ((w->n_queue > 0 || w->busy) && pthread_cond_timedwait(&w->cv, &w->mu, &until) == 0) {
    }
    /* Out of time: drop what still waits, finish what runs. */
    for (int i = 0; i < w->n_queue; i++)
        history_snapshot_free(w->queue[i].snap);
    w->n_queue = 0;
    w->stop = true;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    okr_samples_free(w->mem);
    free(w->path);
    free(w);
}
