/*
 * okr_parse: feed bytes -> validated OkrFeed (format version 1, docs/feed-format.md).
 *
 * Every problem is reported into an OkrDiagList with its JSON path. Errors mean
 * the feed cannot be shown (not JSON, not an object, no "objectives" array,
 * over a limit that makes the whole body unusable); everything else is a
 * warning on the smallest element that has it, and a broken key result never
 * hides its siblings.
 *
 * Process-wide side effect: the first okr_feed_parse installs cJSON's global
 * allocation hooks (cJSON_InitHooks, once, thread-safe). They behave exactly
 * like malloc/free except on a thread inside okr_feed_parse, whose tree goes
 * to a private bump arena that is dropped in one go. Other cJSON users in the
 * process (okr_report's --json output) are unaffected, but must not install
 * hooks of their own: the parser then notices and falls back to
 * cJSON_Delete, losing only the arena's speed.
 */
#ifndef OKR_PARSE_H
#define OKR_PARSE_H

#include <stddef.h>
#include "okr_diag.h"
#include "okr_model.h"

#define OKR_LIMIT_BODY (8u * 1024u * 1024u)
#define OKR_LIMIT_DEPTH 64
#define OKR_LIMIT_STRING 300
#define OKR_LIMIT_OBJECTIVES 100
#define OKR_LIMIT_KEY_RESULTS 25
#define OKR_LIMIT_ACTIONS 50

typedef struct {
    size_t max_body;   /* bytes */
    int max_depth;     /* JSON nesting */
    size_t max_string; /* bytes kept for display, cut on a UTF-8 boundary */
    size_t max_objectives;
    size_t max_key_results; /* per objective */
    size_t max_actions;     /* per objective */
} OkrLimits;

/* The defaults above. */
OkrLimits okr_limits_default(void);

/*
 * Parse and validate. Returns a feed the caller frees with okr_feed_free(), or
 * NULL when it cannot be shown (diags then holds at least one error).
 * The feed is not scored yet: call okr_score_feed().
 */
OkrFeed *okr_feed_parse(const char *data, size_t len, const OkrLimits *limits, OkrDiagList *diags);

/* "YYYY-MM-DD" or RFC 3339 -> unix seconds. Date-only values are UTC midnight.
 * Returns 0 on success, -1 when the text is not such a date. */
int okr_parse_time(const char *text, int64_t *out);

#endif
