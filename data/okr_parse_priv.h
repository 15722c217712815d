/*
 * okr_parse_priv: what the three parts of the feed parser share (internal to
 * okr_parse*.c; nothing else includes it).
 *
 *  okr_parse_doc.c     the document and its limits: size, depth and long
 *                      numbers checked on the raw bytes, cJSON in a bump
 *                      arena, syntax errors with line and column, the root.
 *  okr_parse_values.c  values and dates: the diagnostics context, text
 *                      sanitising, the member index and the typed field
 *                      readers, RFC 3339 dates.
 *  okr_parse.c         the model walk: feed, period, objectives, key results,
 *                      actions; and okr_feed_parse, which runs the three.
 */
#ifndef OKR_PARSE_PRIV_H
#define OKR_PARSE_PRIV_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "okr_diag.h"
#include "okr_parse.h"

#define PARSE_SNIPPET_MAX 40 /* bytes of a bad value quoted in a message */

/* What okr_parse_doc writes in place of a \u escape cJSON cannot take
 * (same length), and the UTF-8 it becomes: two Unicode noncharacters, which
 * no feed has reason to contain. The string reader shows each as U+FFFD and
 * warns. */
#define PARSE_MARK_SURROGATE "\\ufdd0"  /* a lone UTF-16 surrogate */
#define PARSE_MARK_NUL "\\ufdd1"        /* \u0000 */
#define PARSE_MARK_UTF8_LEAD "\xEF\xB7" /* U+FDD0 is EF B7 90, U+FDD1 EF B7 91 */

/* ---- diagnostics (okr_parse_values.c) ---- */

typedef struct {
    OkrLimits lim;
    OkrDiagList *diags;
    bool oom;
} Ctx;

/* One diagnostic at base.field (field NULL: at base). */
void parse_diag_at(Ctx *c, OkrDiagLevel level, const char *base, const char *field, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));

#define WARN(c, base, field, ...) parse_diag_at((c), OKR_DIAG_WARNING, (base), (field), __VA_ARGS__)

/* "expected <expected>, got <what got is><consequence>" at base.field. */
void parse_warn_type(Ctx *c, const char *base, const char *field, const char *expected,
                     const cJSON *got, const char *consequence);

/* A short, valid-UTF-8 description of a JSON value for messages. */
void parse_describe(const cJSON *item, char *buf, size_t size);

typedef struct {
    bool invalid;        /* some bytes were replaced */
    bool cut;            /* the text was longer than the limit */
    bool lone_surrogate; /* a \u escape of half a UTF-16 pair became U+FFFD */
    bool nul;            /* a \u0000 became U+FFFD */
} TextFlags;

/* Copies NUL-terminated src into dst (room for max + 1 bytes) as
 * okr_text_clean does (invalid UTF-8 becomes U+FFFD, control characters a
 * space, cut with "…" past max bytes), and the PARSE_MARK_* characters become
 * U+FFFD too. Returns the length written. */
size_t parse_sanitize_text(const char *src, char *dst, size_t max, TextFlags *flags);

/* okr_parse_time that also says whether the text was a date without a time. */
int parse_time_ex(const char *text, int64_t *out, bool *date_only);

/* ---- members and typed fields (okr_parse_values.c) ---- */

typedef enum { FIELD_ABSENT, FIELD_OK, FIELD_BAD } FieldState;

/* The member names the format knows. */
typedef enum {
    K_ID,
    K_TITLE,
    K_OWNER,
    K_TEAM,
    K_UNIT,
    K_START,
    K_CURRENT,
    K_TARGET,
    K_PROGRESS,
    K_DONE,
    K_DIRECTION,
    K_WEIGHT,
    K_CONFIDENCE,
    K_STATUS,
    K_UPDATED_AT,
    K_KEY_RESULTS,
    K_ACTIONS,
    K_DUE,
    K_VERSION,
    K_PERIOD,
    K_OBJECTIVES,
    K_LABEL,
    K_END,
    K_HISTORY,
    K_AT,
    K_COUNT
} Key;

extern const char *const PARSE_KEY_NAMES[K_COUNT];

/* An object's known members, indexed in one pass. */
typedef struct {
    const cJSON *v[K_COUNT];
} Fields;

/* A member given twice: the last one counts (as in JavaScript and Python),
 * with a warning at base.name. */
void parse_index_fields(Ctx *c, const cJSON *obj, const char *base, Fields *f);

/* The member, or NULL when absent or null ("progress": null means "not given"). */
const cJSON *parse_field(const Fields *obj, Key key);

FieldState parse_get_string(Ctx *c, const Fields *obj, Key key, const char *base,
                            const char *consequence, char **out);
FieldState parse_get_number(Ctx *c, const Fields *obj, Key key, const char *base, double *out);
FieldState parse_get_bool(Ctx *c, const Fields *obj, Key key, const char *base, bool *out);
FieldState parse_get_time(Ctx *c, const Fields *obj, Key key, const char *base, int64_t *out,
                          bool *date_only);
/* One of the words a member may be, and what it stands for. */
typedef struct {
    const char *name;
    int value;
} ParseWord;

/* The member key as one of count words (exactly, case and all) into *out;
 * anything else is warned about as "expected <expected>, got ...<consequence>"
 * and gives FIELD_BAD. */
FieldState parse_get_word(Ctx *c, const Fields *obj, Key key, const char *base,
                          const ParseWord *words, size_t count, const char *expected,
                          const char *consequence, int *out);
OkrStatus parse_get_status(Ctx *c, const Fields *obj, const char *base);
FieldState parse_get_progress(Ctx *c, const Fields *obj, const char *base, double *out);
double parse_get_weight(Ctx *c, const Fields *obj, const char *base);
/* A required title: a missing or empty one becomes the placeholder (malloc'd;
 * NULL only when out of memory). */
char *parse_get_title(Ctx *c, const Fields *obj, const char *base, const char *placeholder);

/* ---- a key result's "history" seed (okr_parse_history.c) ---- */

#define PARSE_HISTORY_MAX 1000 /* points kept per key result */

/* Reads the key result's "history" array into kr->history (sorted by at). */
void parse_kr_history(Ctx *c, const Fields *obj, const char *base, OkrKeyResult *kr);

/* ---- the document (okr_parse_doc.c) ---- */

typedef struct ParseArenaChunk ParseArenaChunk;

typedef struct {
    ParseArenaChunk *head;
    size_t allocs;
} ParseArena;

/* A parsed document: the cJSON tree and what holds its memory. */
typedef struct {
    cJSON *root;
    ParseArena arena;
    bool in_arena; /* the tree lives in arena (else free it with cJSON_Delete) */
    char *copy;    /* the bytes as rewritten for cJSON, or NULL */
} ParseDoc;

/* Checks the raw bytes, parses them and checks the root (an object with an
 * "objectives" array), whose members it indexes into *root. Returns false
 * after reporting an error (or setting c->oom). parse_doc_free either way. */
bool parse_doc_read(Ctx *c, const char *data, size_t len, ParseDoc *doc, Fields *root);
void parse_doc_free(ParseDoc *doc);

#endif
