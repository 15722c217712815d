/*
 * header: the texts of the header band (clock, "updated HH:MM", period and
 * day count, badges) from the feed, what the feed source last reported, and
 * "now". Pure: the wall clock is passed in and local time comes from
 * localtime_r, so tests fix TZ and now.
 *
 * HeaderStatus remembers the honest state of the data: when it was fetched,
 * whether the last attempts failed (since when, why: "offline" only when the
 * network is the reason), whether the last body was invalid, whether it came
 * from the disk cache, when the source tries again. The loop feeds every
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
    bool demo;             /* showing the bundled demo feed */
    bool from_cache;       /* the shown data came from the disk cache */
    int64_t received_at;   /* wall time the shown data arrived (fetched), 0 = never */
    int64_t checked_at;    /* last successful attempt (new or unchanged) */
    bool failing;          /* the last attempts could not read the feed */
    int64_t failing_since; /* first failed attempt in a row */
    FeedFail fail;         /* the last failure's class (only NET_ ones are "offline") */
    int http_status;       /* of the last failure, 0 if none */
    char fail_reason[160]; /* the last failure's English detail */
    char failed_url[256];  /* the redirect target that failed, redacted, or "" */
    bool invalid;          /* the last body could not be shown */
    int64_t invalid_since; /* first unusable body in a row */
    char invalid_reason[160];
    int64_t next_try_at;   /* when the source tries again, 0 = on change (files) */
    int64_t stale_after_s; /* feed updated_at older than this: stale badge */
    I18nLang lang;         /* language of the texts (English by default) */
    char location[512];    /* the feed's path, or its URL without credentials */
    bool location_is_url;
    /* History (data/history.h): the reference the change marks compare with,
     * and why history is not saved (an I18N_MSG_HIST_* reason, 0 = none;
     * history_note: it is a notice and history is saved). */
    bool has_reference;
    int64_t reference;
    int history_reason;
    bool history_note;
} HeaderStatus;

void header_status_init(HeaderStatus *st, bool demo);
/* The feed's location, for the texts that name it (a URL is redacted here:
 * no user, password or query is kept). */
void header_status_set_location(HeaderStatus *st, const char *location);
/* Record one result (the feed inside is not touched). */
void header_status_update(HeaderStatus *st, const FeedResult *r);

typedef struct {
    char title[LAYOUT_TEXT_MAX];
    char period[160];
    double period_elapsed; /* 0..1, < 0 none */
    char clock[16];
    char updated[64]; /* "fetched 09:30" */
    char badges[LAYOUT_MAX_BADGES][LAYOUT_TEXT_MAX];
    BadgeKind kinds[LAYOUT_MAX_BADGES];
    int n_badges;
    char notice[64];
    char since[64]; /* "since Tue 09:30", "" without history */
    /* No data to show and a reason why: the screen says it in full (the
     * error badges are then left out, the screen says more). "" when not. */
    char problem_title[128];
    char problem_reason[LAYOUT_TEXT_MAX];
    char problem_where[LAYOUT_TEXT_MAX];
    char problem_todo[LAYOUT_TEXT_MAX];
} HeaderTexts;

/* The failure in st in words of st->lang: "offline since"-style badges and
 * the problem screen use it ("connection refused", "not allowed (401): check
 * the token", "file not found: /srv/okr.json"). */
void header_fail_words(const HeaderStatus *st, char *out, size_t outlen);

/* feed may be NULL (no data yet). */
void header_format(HeaderTexts *out, const OkrFeed *feed, const HeaderStatus *st, int64_t now);
/* A HeaderInfo pointing into texts (valid while texts is). */
HeaderInfo header_info(const HeaderTexts *texts);

#endif
