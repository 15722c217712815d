/*
 * okr_model: releasing a parsed feed, status names, and moving a feed in time.
 *
 * Everything in an OkrFeed is owned by the feed (see okr_model.h), so one
 * okr_feed_free() walks the arrays and frees every string once.
 */
#include "okr_model.h"

#include <stdlib.h>

static void free_key_result(OkrKeyResult *kr)
{
    free(kr->id);
    free(kr->title);
    free(kr->owner);
    free(kr->unit);
    free(kr->history);
}

static void free_objective(OkrObjective *obj)
{
    for (size_t i = 0; i < obj->n_key_results; i++)
        free_key_result(&obj->key_results[i]);
    free(obj->key_results);
    for (size_t i = 0; i < obj->n_actions; i++) {
        free(obj->actions[i].title);
        free(obj->actions[i].owner);
    }
    free(obj->actions);
    free(obj->id);
    free(obj->title);
    free(obj->owner);
    free(obj->team);
}

void okr_feed_free(OkrFeed *feed)
{
    if (!feed)
        return;
    for (size_t i = 0; i < feed->n_objectives; i++)
        free_objective(&feed->objectives[i]);
    free(feed->objectives);
    free(feed->title);
    free(feed->period_label);
    free(feed);
}

const char *okr_status_name(OkrStatus status)
{
    switch (status) {
    case OKR_STATUS_UNSET:
        return "unset";
    case OKR_STATUS_NO_DATA:
        return "no_data";
    case OKR_STATUS_NOT_STARTED:
        return "not_started";
    case OKR_STATUS_ON_TRACK:
        return "on_track";
    case OKR_STATUS_AT_RISK:
        return "at_risk";
    case OKR_STATUS_OFF_TRACK:
        return "off_track";
    case OKR_STATUS_DONE:
        return "done";
    }
    return "unknown";
}

void okr_feed_shift_time(OkrFeed *feed, int64_t delta_s)
{
    if (!feed)
        return;
    if (feed->has_period) {
        feed->period_start += delta_s;
        feed->period_end += delta_s;
    }
    if (feed->has_updated_at)
        feed->updated_at += delta_s;
    for (size_t i = 0; i < feed->n_objectives; i++) {
        OkrObjective *obj = &feed->objectives[i];
        for (size_t k = 0; k < obj->n_key_results; k++) {
            if (obj->key_results[k].has_updated_at)
                obj->key_results[k].updated_at += delta_s;
            for (size_t h = 0; h < obj->key_results[k].n_history; h++)
                obj->key_results[k].history[h].at += delta_s;
        }
        for (size_t a = 0; a < obj->n_actions; a++) {
            if (obj->actions[a].has_due)
                obj->actions[a].due += delta_s;
        }
    }
}

const char *okr_feed_title(const OkrFeed *feed)
{
    const char *t = feed ? feed->title : NULL;
    if (t) {
        for (const char *p = t; *p; p++)
            if (*p != ' ')
                return t;
    }
    return OKR_FEED_TITLE_DEFAULT;
}
