/*
 * okr_model: the OKR feed as plain C structs, shared by every layer.
 *
 * The parser (okr_parse.c) fills the "input" fields from the feed JSON; the
 * scorer (okr_score.c) fills the "computed" OkrScore of every key result and
 * objective for a given "now". Nothing here knows about SDL or the network.
 *
 * Ownership: an OkrFeed and everything it points to (strings, arrays) is
 * allocated by okr_feed_parse() and released with one okr_feed_free().
 * Strings are valid UTF-8 (invalid bytes were replaced), NUL-terminated, and
 * at most OKR_LIMIT_STRING bytes long by default.
 */
#ifndef OKR_MODEL_H
#define OKR_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    OKR_STATUS_UNSET = 0, /* input only: the feed gave no explicit status */
    OKR_STATUS_NO_DATA,
    OKR_STATUS_NOT_STARTED,
    OKR_STATUS_ON_TRACK,
    OKR_STATUS_AT_RISK,
    OKR_STATUS_OFF_TRACK,
    OKR_STATUS_DONE,
} OkrStatus;

typedef enum {
    OKR_DIR_INCREASE = 0, /* (current - start) / (target - start) */
    OKR_DIR_DECREASE,     /* same formula; documents a falling metric */
    OKR_DIR_AT_LEAST,     /* pass/fail: current >= target */
    OKR_DIR_AT_MOST,      /* pass/fail: current <= target */
} OkrDirection;

/* What okr_score_feed() computes for one key result or objective. */
typedef struct {
    bool has_value; /* false: "no data", never shown as 0 % */
    double raw;     /* unclamped progress: 1.3 is shown as 130 % */
    double ring;    /* raw clamped to [0, 1] */
    bool has_expected;
    double expected;  /* where progress should be at "now" (pace), 0..1 */
    OkrStatus status; /* never OKR_STATUS_UNSET after scoring */
    bool stale;       /* updated_at older than the stale threshold */
    int64_t age_s;    /* seconds since updated_at, -1 when unknown */
} OkrScore;

/* One point of a key result's own "history" in the feed (a seed for the
 * wall's recorded history, docs/feed-format.md). */
typedef struct {
    int64_t at; /* unix seconds (UTC) */
    double current, progress;
    bool has_current, has_progress;
} OkrHistoryPoint;

typedef struct {
    char *id;    /* NULL when absent */
    char *title; /* never NULL */
    char *owner; /* NULL when absent */
    char *unit;  /* NULL when absent */
    double start, current, target;
    bool has_start, has_current, has_target;
    double progress; /* explicit fraction, used first when has_progress */
    bool has_progress;
    bool done;
    bool has_done;
    OkrDirection direction;
    bool has_direction;
    double weight;     /* defaults to 1; 0 excludes it from the objective */
    double confidence; /* 0..1 */
    bool has_confidence;
    OkrStatus status_in; /* explicit status from the feed, or UNSET */
    int64_t updated_at;  /* unix seconds (UTC) */
    bool has_updated_at;
    OkrHistoryPoint *history; /* the feed's "history" seed, sorted by at; NULL */
    size_t n_history;
    OkrScore score; /* computed */
} OkrKeyResult;

typedef struct {
    char *title; /* never NULL */
    char *owner; /* NULL when absent */
    bool done;
    int64_t due; /* unix seconds (UTC midnight of the due date) */
    bool has_due;
} OkrAction;

typedef struct {
    char *id, *title, *owner, *team; /* title never NULL, others may be NULL */
    double weight;                   /* defaults to 1 */
    double progress;
    bool has_progress;
    OkrStatus status_in;
    OkrKeyResult *key_results;
    size_t n_key_results;
    OkrAction *actions;
    size_t n_actions;
    OkrScore score;   /* computed */
    size_t n_no_data; /* computed: key results without data */
} OkrObjective;

typedef struct {
    int version;
    char *title;        /* NULL when absent */
    char *period_label; /* NULL when absent */
    bool has_period;
    int64_t period_start; /* unix seconds, start date 00:00 UTC */
    int64_t period_end;   /* unix seconds, day after the (inclusive) end date */
    int64_t updated_at;
    bool has_updated_at;
    OkrObjective *objectives;
    size_t n_objectives;
    /* computed by okr_score_feed() */
    int64_t scored_at; /* the "now" used */
    bool has_expected;
    double expected;    /* elapsed fraction of the period, clamped */
    int64_t feed_age_s; /* now - updated_at, -1 when unknown */
} OkrFeed;

void okr_feed_free(OkrFeed *feed);

/* Moves every timestamp in the feed (period, updated_at of the feed and of
 * each key result, action due dates) by delta_s seconds. The app uses it to
 * keep the bundled demo feed looking like "today". Scores are not touched:
 * score the feed again afterwards. */
void okr_feed_shift_time(OkrFeed *feed, int64_t delta_s);

/* Short English names used by --check and logs: "on_track", "no_data", ... */
const char *okr_status_name(OkrStatus status);

/* The feed's title as every output shows it (the wall's header, --check):
 * its "title", or "OKRs" when that is missing, null or only spaces. feed may
 * be NULL. Never NULL. */
#define OKR_FEED_TITLE_DEFAULT "OKRs"
const char *okr_feed_title(const OkrFeed *feed);

#endif
