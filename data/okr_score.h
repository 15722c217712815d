/*
 * okr_score: pure scoring of key results and objectives, pace and status.
 *
 * "now" is always passed in (unix seconds); nothing here reads the clock, so
 * tests and --now control time completely.
 */
#ifndef OKR_SCORE_H
#define OKR_SCORE_H

#include <stdint.h>
#include "okr_model.h"

typedef struct {
    double on_track_gap;       /* expected - progress <= this: on track (0.10) */
    double at_risk_gap;        /* <= this: at risk, else off track (0.25) */
    double no_period_on_track; /* without a period: progress >= this (0.7) */
    double no_period_at_risk;  /* >= this (0.4) */
    int64_t stale_after_s;     /* key result updated_at older than this (7 days) */
} OkrScoreConfig;

OkrScoreConfig okr_score_config_default(void);

/* Score one key result; expected < 0 means "no period". */
OkrScore okr_score_key_result(const OkrKeyResult *kr, double expected, bool before_period,
                              const OkrScoreConfig *cfg, int64_t now);

/* Fill every OkrScore in the feed, plus feed->expected, feed_age_s, scored_at.
 * An objective's score.stale is true when any of its key results is stale,
 * and its age_s is that of its least recently updated key result. */
void okr_score_feed(OkrFeed *feed, const OkrScoreConfig *cfg, int64_t now);

#endif
