/*
 * feed_state: what the wall shows of its feed, and the honest state around
 * it: the current good feed (or none yet), when it arrived, whether the
 * source is failing and why, whether the last body was unusable, whether the
 * data came from the disk cache, and when the source will try again.
 *
 * Pure (no SDL, no threads, no clock of its own): the kiosk loop, the
 * screenshot path and the fault tests all feed FeedResults through
 * feed_state_apply() with "now" passed in, so a test drives exactly the code
 * the wall runs.
 *
 *   NEW           replaces the feed (the old one is freed), scored at now;
 *   NOT_MODIFIED  only records that the feed was checked;
 *   FETCH_ERROR   keeps the last good feed, shows "offline since ..." (the
 *                 network) or "failing since ..." (anything else);
 *   INVALID       keeps the last good feed, shows "feed error since ...".
 *
 * Ownership: the FeedState owns its feed; feed_state_free() releases it.
 * feed_state_apply() takes the feed out of a NEW result and clears the
 * result.
 */
#ifndef APP_FEED_STATE_H
#define APP_FEED_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "feed_result.h"
#include "header.h"
#include "okr_model.h"
#include "okr_score.h"

typedef struct {
    OkrFeed *feed;       /* the shown feed, NULL until the first good one */
    HeaderStatus status; /* what the header badges say */
    OkrScoreConfig score_cfg;
    FeedResultKind last_kind;
    char last_reason[160]; /* of the last FETCH_ERROR / INVALID */
    int64_t last_at;       /* wall time of the last result applied */
    double next_poll_s;    /* the source's delay after the last result */
    int64_t next_poll_at;  /* last_at + next_poll_s, 0 when unknown (files) */
    uint64_t results;      /* results applied */
    uint64_t feeds;        /* NEW results applied */
} FeedState;

typedef enum {
    FEED_STATE_SAME,     /* the feed shown is unchanged (status may differ) */
    FEED_STATE_NEW_FEED, /* a new feed replaced the old one */
} FeedStateChange;

void feed_state_init(FeedState *fs, bool demo, const OkrScoreConfig *score_cfg);
void feed_state_free(FeedState *fs);

/*
 * Applies one result at wall time now (unix seconds; the loop's clock, which
 * governs the header under --now). A result loaded from the disk cache keeps
 * its own fetch time when that is not in the future, so the header says how
 * old the cached data is. The result is cleared either way.
 */
FeedStateChange feed_state_apply(FeedState *fs, FeedResult *r, int64_t now);

/* Re-scores the shown feed at now (pace moves with the clock). */
void feed_state_rescore(FeedState *fs, int64_t now);

/* The header texts, badges included, for now. */
void feed_state_texts(const FeedState *fs, int64_t now, HeaderTexts *out);

#endif
