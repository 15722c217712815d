/*
 * kiosk_history: the wall's side of the history (data/history.h): where the
 * file is, what feed key it uses, a snapshot to the writer thread for every
 * new feed applied, and the deltas the layout draws, recomputed when a feed
 * arrives, when the writer recorded something, and when the reference time
 * passes (the next standup, or hourly without a standup setting).
 *
 * --check and --history-export use the same helpers, so they record and
 * compare exactly as the wall does.
 */
#ifndef APP_KIOSK_HISTORY_H
#define APP_KIOSK_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "header.h"
#include "history.h"
#include "okr_delta.h"
#include "options.h"

/* The history file for opts: 0 and the path, 1 when --history off, -1 when
 * auto finds neither $XDG_STATE_HOME nor $HOME. */
int app_history_path(const AppOptions *opts, char *buf, size_t len);

/* The feed's key in the history: its location, a URL without user,
 * password or query (never store a token on disk), a file by its absolute
 * path with links resolved (as given when it cannot be resolved). */
void app_history_feed_key(const AppOptions *opts, char *buf, size_t len);

/* Thinning of the in-memory samples: exact after the reference, then one per
 * bucket (a 1/96 of the period, or of 90 days). */
int64_t app_history_bucket_s(const OkrFeed *feed);

/* The deltas of feed (scored at now) against samples, with the reference and
 * the standup dots from opts' standup setting. Returns 0 or -1. */
int app_history_deltas(const AppOptions *opts, const OkrFeed *feed, const OkrSamples *samples,
                       int64_t now, OkrDeltaSet *out);

/* The I18N_MSG_HIST_* reason for a state, 0 for ok/off; *note set when it
 * is a notice (history still saved). */
int app_history_reason(HistoryState state, bool *note);

/* --check and --screenshot: records feed at now when opts->record, then
 * computes its deltas from the history file (which is never created only to
 * compare). Problems go to stderr. Returns 0 (*have: deltas computed), or -1
 * when --record failed. In check.c. */
int app_history_check(const AppOptions *opts, const OkrFeed *feed, int64_t now, OkrDeltaSet *ds,
                      bool *have);

typedef struct {
    HistoryWriter *writer; /* NULL: history off or unavailable */
    HistoryState state;    /* as last reported */
    OkrDeltaSet deltas;    /* for the feed last passed to kiosk_history_update */
    bool have_deltas;
    const OkrFeed *deltas_for;
    unsigned long generation;
    int64_t next_change; /* recompute at this wall time (0 = at the next call) */
    char detail[HISTORY_ERR_MAX];
} KioskHistory;

/* Starts the writer for opts (nothing when --history off). wake is called on
 * the writer thread when there is something new to show. */
void kiosk_history_start(KioskHistory *kh, const AppOptions *opts, void (*wake)(void *), void *ctx);

/* A new feed was applied (scored at now): queue it for recording. */
void kiosk_history_feed_applied(KioskHistory *kh, const AppOptions *opts, const OkrFeed *feed,
                                int64_t now);

/* Recomputes the deltas when needed; returns true when they (or the history
 * state) changed and the scene must be rebuilt. feed may be NULL. */
bool kiosk_history_update(KioskHistory *kh, const AppOptions *opts, const OkrFeed *feed,
                          int64_t now);

/* The deltas to draw, or NULL. */
const OkrDeltaSet *kiosk_history_deltas(const KioskHistory *kh, const OkrFeed *feed);

/* Header: the reference and the history badge. */
void kiosk_history_header(const KioskHistory *kh, HeaderStatus *st);

/* The wall time at which kiosk_history_update() wants to run next, or 0. */
int64_t kiosk_history_deadline(const KioskHistory *kh);

/* Records what is queued (at most 2 s) and stops the writer. */
void kiosk_history_stop(KioskHistory *kh);

#endif
