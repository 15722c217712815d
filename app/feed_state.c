/*
 * feed_state: applies the feed source's results to what the wall shows.
 *
 * The rule that matters: only a NEW result ever changes the feed on screen.
 * Every failure keeps the last good data and says so in the header, so the
 * wall never blanks and never pretends that old data is fresh. The header
 * wording itself lives in header.c; this module decides which state it
 * describes and keeps the feed's ownership in one place.
 */
#include "feed_state.h"

#include <stdio.h>
#include <string.h>

void feed_state_init(FeedState *fs, bool demo, const OkrScoreConfig *score_cfg)
{
    memset(fs, 0, sizeof(*fs));
    header_status_init(&fs->status, demo);
    fs->score_cfg = score_cfg != NULL ? *score_cfg : okr_score_config_default();
    fs->last_kind = FEED_RESULT_NOT_MODIFIED;
}

void feed_state_free(FeedState *fs)
{
    okr_feed_free(fs->feed);
    fs->feed = NULL;
}

FeedStateChange feed_state_apply(FeedState *fs, FeedResult *r, int64_t now)
{
    FeedStateChange change = FEED_STATE_SAME;

    /* The loop's clock, not the worker's: they differ under --now. A cached
     * feed keeps its fetch time so its age shows. */
    if (!(r->kind == FEED_RESULT_NEW && r->from_cache && r->at > 0 && r->at <= now))
        r->at = now;
    if (r->kind == FEED_RESULT_NEW && r->feed == NULL)
        r->kind = FEED_RESULT_INVALID; /* a broken promise: never blank the wall */

    if (r->kind == FEED_RESULT_NEW) {
        okr_score_feed(r->feed, &fs->score_cfg, now);
        okr_feed_free(fs->feed);
        fs->feed = r->feed;
        r->feed = NULL;
        fs->feeds++;
        change = FEED_STATE_NEW_FEED;
    }
    if (r->kind == FEED_RESULT_FETCH_ERROR || r->kind == FEED_RESULT_INVALID)
        snprintf(fs->last_reason, sizeof(fs->last_reason), "%s", r->reason);
    header_status_update(&fs->status, r);

    fs->last_kind = r->kind;
    fs->last_at = now;
    fs->next_poll_s = r->next_poll_s;
    fs->next_poll_at = r->next_poll_s > 0 ? now + (int64_t)(r->next_poll_s + 0.5) : 0;
    fs->results++;
    feed_result_clear(r);
    return change;
}

void feed_state_rescore(FeedState *fs, int64_t now)
{
    if (fs->feed != NULL)
        okr_score_feed(fs->feed, &fs->score_cfg, now);
}

void feed_state_texts(const FeedState *fs, int64_t now, HeaderTexts *out)
{
    header_format(out, fs->feed, &fs->status, now);
}
