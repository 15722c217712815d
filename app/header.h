/*
 * header: the texts of the header band (clock, "updated HH:MM", period and
 * day count, badges) from the feed, what the feed source last reported, and
 * "now". Pure: the wall clock is passed in and local time comes from
 * localtime_r, so tests fix TZ and now.
 *
 * HeaderStatus remembers the honest state of the data: when it was received,
 * whether the last attempt failed (offline since when, why), whether the last
 * body was invalid, whether it came from the disk cache. The loop feeds every
 * FeedResult into header_status_update().
 */
#ifndef APP_HEADER_H
#define APP_HEADER_H

#include <stdbool.h>
#include <stdint.h>

#include "feed_result.h"
#include "okr_i18n.h"
#include "layout.h"
#include "okr_model.h"

#define HEADER_STALE_AFTER_S (24 * 3600)

typedef struct {
    bool demo;               /* showing the bundled demo feed */
    bool from_cache;         /* the shown data came from the disk cache */
    int64_t received_at;     /* wall time the shown data arrived, 0 = never */
    int64_t checked_at;      /* last successful attempt (new or unchanged) */
    bool offline;
    int64_t offline_since;   /* first failed attempt in a row */
    char offline_reason[96];
    bool invalid;            /* the last body could not be shown */
    char invalid_reason[160];
    int64_t stale_after_s;   /* feed updated_at older than this: stale badge */
    I18nLang lang;           /* language of the texts (English by default) */
} HeaderStatus;

void header_status_init(HeaderStatus *st, bool demo);
/* Record one result (the feed inside is not touched). */
void header_status_update(HeaderStatus *st, const FeedResult *r);

typedef struct {
    char title[LAYOUT_TEXT_MAX];
    char period[160];
    double period_elapsed;   /* 0..1, < 0 none */
    char clock[16];
    char updated[64];
    char badges[LAYOUT_MAX_BADGES][192];
    BadgeKind kinds[LAYOUT_MAX_BADGES];
    int n_badges;
    char notice[64];
} HeaderTexts;

/* feed may be NULL (no data yet). */
void header_format(HeaderTexts *out, const OkrFeed *feed, const HeaderStatus *st, int64_t now);
/* A HeaderInfo pointing into texts (valid while texts is). */
HeaderInfo header_info(const HeaderTexts *texts);

#endif
