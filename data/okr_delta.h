/*
 * okr_delta: what moved since a reference time ("since the last standup").
 *
 * Pure: no SQLite, no clock, no threads. The history store (history.c) fills
 * an OkrSamples with what it recorded; this module answers, for every key
 * result and objective of a scored feed, how far its progress moved since the
 * reference, whether its status changed, whether it has had no update since
 * the reference, and a fixed-size trend series over the period for drawing.
 *
 * Identity: an element's key is built by okr_delta_key_kr() /
 * okr_delta_key_objective(): "k:" + the feed's id when it has one, else
 * "k:" + objective title + US (0x1f) + key result title, both normalised
 * (ASCII letters lower-cased, runs of white space made one space, trimmed).
 * Objectives: "o:" + id, else "o:" + normalised title. Renaming an element
 * without an id starts a new history for it (docs/feed-format.md).
 *
 * Time: samples later than "now" (written while the clock ran ahead, or read
 * after it jumped back) are ignored by every function here, so a clock jump
 * cannot produce a delta from the future.
 *
 * Cost: every lookup is a binary search in one element's sorted samples, so
 * computing all deltas and trend series is flat in the size of the history.
 */
#ifndef OKR_DELTA_H
#define OKR_DELTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "okr_model.h"

#define OKR_DELTA_KEY_MAX 512
/* Points of a trend series, evenly spaced from the period start to "now". */
#define OKR_TREND_POINTS 48
/* Standup instants kept for the trend's dots (the newest ones). */
#define OKR_DELTA_MAX_STANDUPS 128

/* One recorded state of a key result or objective. */
typedef struct OkrSample {
    int64_t at;         /* when it was recorded (unix seconds, UTC) */
    int64_t updated_at; /* the feed's updated_at, -1 when unknown */
    double progress;    /* raw progress fraction (score.raw); NAN: no value */
    double current;     /* the key result's current value; NAN: absent */
    double confidence;  /* 0..1; NAN: absent */
    OkrStatus status;   /* scored status; OKR_STATUS_UNSET: unknown (seed) */
} OkrSample;

/* The samples of many elements, each element's sorted by at (one sample per
 * instant). Opaque; created by okr_samples_new(), freed by okr_samples_free(). */
typedef struct OkrSamples OkrSamples;

OkrSamples *okr_samples_new(void);
void okr_samples_free(OkrSamples *s);

/* Adds a sample of the element key. A sample at the same instant as an
 * existing one replaces it; an older one is inserted in order. Returns 0, or
 * -1 when memory runs out (s unchanged). */
int okr_samples_add(OkrSamples *s, const char *key, const OkrSample *sample);

/* The element's samples (sorted by at) and their count, or NULL and 0. The
 * pointer is valid until the next okr_samples_add/drop on s. */
const OkrSample *okr_samples_get(const OkrSamples *s, const char *key, size_t *n);

/* The newest sample of key with at <= t, or NULL. */
const OkrSample *okr_samples_at(const OkrSamples *s, const char *key, int64_t t);

/* Removes every element and sample. */
void okr_samples_clear(OkrSamples *s);

/* Drops every sample later than t (see "Time" above). Returns how many. */
size_t okr_samples_drop_after(OkrSamples *s, int64_t t);

/* Total number of samples held. */
size_t okr_samples_count(const OkrSamples *s);

/* Drops every sample older than before, except that each element keeps its
 * newest sample older than before (the value in force at that instant).
 * Returns the number dropped. */
size_t okr_samples_prune(OkrSamples *s, int64_t before);

/* Thins the samples older than keep_after so that at most one per bucket of
 * bucket_s seconds (the newest of the bucket) remains; each element keeps its
 * newest sample at or before keep_after exactly. Bounds memory for long
 * histories while deltas stay exact and trends keep their shape. Returns the
 * number dropped. */
size_t okr_samples_thin(OkrSamples *s, int64_t keep_after, int64_t bucket_s);

/* Calls fn for every element key and its samples (order unspecified). */
void okr_samples_each(const OkrSamples *s,
                      void (*fn)(const char *key, const OkrSample *v, size_t n, void *ctx),
                      void *ctx);

/* Identity keys (see the top of this file). Write at most len bytes (NUL
 * included, truncated keys stay NUL-terminated); return the key's length. */
size_t okr_delta_key_kr(const OkrObjective *obj, const OkrKeyResult *kr, char *buf, size_t len);
size_t okr_delta_key_objective(const OkrObjective *obj, char *buf, size_t len);

/* The sample the wall records for a scored key result / objective at now. */
OkrSample okr_delta_sample_kr(const OkrKeyResult *kr, int64_t now);
OkrSample okr_delta_sample_objective(const OkrObjective *obj, int64_t now);

/* Whether b differs from a in anything the history keeps (the store writes a
 * sample only when it does; at is not compared). */
bool okr_sample_changed(const OkrSample *a, const OkrSample *b);

/* Progress over the period, for the focus view's trend line. */
typedef struct OkrTrend {
    int n;                            /* points used, 0 = no trend */
    int64_t t[OKR_TREND_POINTS];      /* instant of each point, ascending */
    float progress[OKR_TREND_POINTS]; /* raw progress then; NAN: no value yet */
} OkrTrend;

/* One element's change since the reference. */
typedef struct OkrDelta {
    bool has_before;         /* a sample at or before the reference exists */
    bool has_points;         /* both then and now have a progress value */
    long points;             /* shown percentage now minus shown percentage then
                               (i18n_percent_whole of each): "+8" agrees with
                               the rings; 0 when !has_points */
    OkrStatus status_before; /* OKR_STATUS_UNSET when unknown */
    bool status_changed;     /* has_before, both statuses known and different */
    bool no_update;          /* updated_at known and older than the reference */
    int64_t updated_at;      /* -1 unknown */
    OkrTrend trend;
} OkrDelta;

/*
 * Deltas for a whole feed, parallel to its objectives and key results.
 * Filled by okr_delta_compute(), released by okr_delta_set_free(); the caller
 * owns the struct (it may live on the stack or in the loop's state). Read it
 * through okr_delta_objective() / okr_delta_kr(), which accept NULL and out of
 * range indexes (they return NULL: draw no change marks).
 */
typedef struct OkrDeltaSet {
    int64_t reference; /* "since" instant (unix seconds) */
    int64_t now;
    int64_t trend_from; /* x axis of the trends: period start (or now - 30 d) */
    int64_t trend_to;   /* period end (or now) */
    size_t n_standups;  /* standup instants in [trend_from, now], ascending */
    int64_t standups[OKR_DELTA_MAX_STANDUPS];
    size_t n_objectives;
    OkrDelta *objectives; /* [n_objectives] */
    size_t *kr_first;     /* [n_objectives]: objective i's key results are
                              key_results[kr_first[i] ...] */
    size_t n_key_results;
    OkrDelta *key_results; /* all key results, objective by objective */
} OkrDeltaSet;

/*
 * Computes set for the scored feed against the samples at reference, with
 * now as the present (samples after now are ignored). standups (ascending,
 * may be NULL with n 0) are copied for the trend's dots. Any previous
 * contents of set are freed first; set must be zeroed before its first use.
 * samples may be NULL (no history: has_before is false everywhere, trends
 * hold only "now"). Returns 0, or -1 when memory runs out (set is then empty).
 */
int okr_delta_compute(const OkrFeed *feed, const OkrSamples *samples, int64_t reference,
                      int64_t now, const int64_t *standups, size_t n_standups, OkrDeltaSet *set);

void okr_delta_set_free(OkrDeltaSet *set);

const OkrDelta *okr_delta_objective(const OkrDeltaSet *set, size_t obj);
const OkrDelta *okr_delta_kr(const OkrDeltaSet *set, size_t obj, size_t kr);

/* Whether a change mark is worth drawing: points != 0 or status changed. */
bool okr_delta_moved(const OkrDelta *d);

#endif
