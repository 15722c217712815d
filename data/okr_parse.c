/*
 * okr_parse: feed bytes -> validated OkrFeed (format v1, docs/feed-format.md).
 *
 * Three stages:
 *  1. A linear pre-scan of the raw bytes checks the size and nesting depth
 *     before cJSON sees them, so a 100,000-deep document is rejected in O(n)
 *     without any recursion. It also finds number tokens longer than cJSON's
 *     63-character buffer, which cJSON would otherwise misread as a syntax
 *     error; those are rewritten (same length, padded with spaces) in a copy.
 *  2. cJSON builds the tree; a syntax error is reported with line and column.
 *  3. The tree is walked into plain structs. Only "not JSON", "not an object",
 *     "no objectives array" and the size/depth limits are errors; everything
 *     else is a warning on the smallest element that has it, and the bad value
 *     is ignored so its siblings still show. Strings are copied with invalid
 *     UTF-8 replaced by U+FFFD and cut on a character boundary.
 * While cJSON runs inside okr_feed_parse, its allocations come from a bump
 * arena that is dropped in one go (see "cJSON allocation" below): malloc and
 * free of ~50,000 small nodes were 40 % of the time for a 1 MB feed.
 */
#include "okr_parse.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CJSON_NUMBER_MAX 63 /* cJSON 1.7.15 reads at most this many characters */
#define SNIPPET_MAX 40      /* bytes of a bad value quoted in a message */

static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* U+2026 */
static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

OkrLimits okr_limits_default(void)
{
    OkrLimits lim = {
        .max_body = OKR_LIMIT_BODY,
        .max_depth = OKR_LIMIT_DEPTH,
        .max_string = OKR_LIMIT_STRING,
        .max_objectives = OKR_LIMIT_OBJECTIVES,
        .max_key_results = OKR_LIMIT_KEY_RESULTS,
        .max_actions = OKR_LIMIT_ACTIONS,
    };
    return lim;
}

/* ---------------------------------------------------------------- time -- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm),
 * so parsing never depends on TZ or timegm(). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char ch = (*p)[i];
        if (ch < '0' || ch > '9')
            return false;
        v = v * 10 + (ch - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static int parse_time_ex(const char *text, int64_t *out, bool *date_only)
{
    const char *p = text;
    int y, mo, d, h = 0, mi = 0, s = 0, off = 0;
    if (!p || !digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
        !digits(&p, 2, &d))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return -1;
    *date_only = *p == '\0';
    if (!*date_only) {
        if (*p != 'T' && *p != 't' && *p != ' ')
            return -1;
        p++;
        if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi) || *p++ != ':' ||
            !digits(&p, 2, &s))
            return -1;
        if (h > 23 || mi > 59 || s > 60) /* 60: a leap second */
            return -1;
        if (*p == '.') {
            p++;
            if (*p < '0' || *p > '9')
                return -1;
            while (*p >= '0' && *p <= '9')
                p++;
        }
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om;
            if (!digits(&p, 2, &oh) || *p++ != ':' || !digits(&p, 2, &om) || oh > 23 || om > 59)
                return -1;
            off = sign * (oh * 3600 + om * 60);
        } else {
            return -1;
        }
        if (*p != '\0')
            return -1;
    }
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - off;
    return 0;
}

int okr_parse_time(const char *text, int64_t *out)
{
    bool date_only;
    int64_t t;
    if (parse_time_ex(text, &t, &date_only) != 0)
        return -1;
    *out = t;
    return 0;
}

/* ------------------------------------------------------------- strings -- */

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is invalid
 * (bad lead byte, bad continuation, overlong, surrogate, above U+10FFFF). */
static size_t utf8_valid_len(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4
                                                                                        : 0;
    }
    return 0;
}

typedef struct {
    bool invalid; /* some bytes were replaced */
    bool cut;     /* the text was longer than the limit */
} TextFlags;

/*
 * Copies NUL-terminated src into dst (room for max + 1 bytes): invalid UTF-8
 * bytes become U+FFFD, control characters a space; when the result would pass
 * max bytes it is cut on a character boundary and ends in an ellipsis, still
 * within max bytes. Returns the length written.
 */
static size_t sanitize_text(const char *src, char *dst, size_t max, TextFlags *flags)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t n = 0, keep = 0; /* keep: last boundary that leaves room for "…" */
    size_t room = max >= sizeof ELLIPSIS - 1 ? max - (sizeof ELLIPSIS - 1) : 0;
    while (*s) {
        const char *piece = (const char *)s;
        size_t len = 1, plen = 1;
        if (*s < 0x20 || *s == 0x7F) {
            piece = " ";
        } else if (*s >= 0x80) {
            len = plen = utf8_valid_len(s);
            if (len == 0) {
                flags->invalid = true;
                piece = REPLACEMENT;
                plen = sizeof REPLACEMENT - 1;
                len = 1;
            }
        }
        if (n + plen > max) {
            flags->cut = true;
            n = keep;
            if (max >= sizeof ELLIPSIS - 1) {
                memcpy(dst + n, ELLIPSIS, sizeof ELLIPSIS - 1);
                n += sizeof ELLIPSIS - 1;
            }
            break;
        }
        if (plen == 1)
            dst[n] = *piece;
        else
            memcpy(dst + n, piece, plen);
        n += plen;
        if (n <= room)
            keep = n;
        s += len;
    }
    dst[n] = '\0';
    return n;
}

/* A short, valid-UTF-8 description of a JSON value for messages. */
static void describe(const cJSON *item, char *buf, size_t size)
{
    if (cJSON_IsString(item)) {
        char snip[SNIPPET_MAX + 1];
        TextFlags f = {0};
        sanitize_text(item->valuestring, snip, SNIPPET_MAX, &f);
        snprintf(buf, size, "the string \"%s\"", snip);
    } else if (cJSON_IsNumber(item)) {
        snprintf(buf, size, "the number %.15g", item->valuedouble);
    } else if (cJSON_IsBool(item)) {
        snprintf(buf, size, "%s", cJSON_IsTrue(item) ? "true" : "false");
    } else if (cJSON_IsNull(item)) {
        snprintf(buf, size, "null");
    } else if (cJSON_IsArray(item)) {
        snprintf(buf, size, "an array");
    } else {
        snprintf(buf, size, "an object");
    }
}

/* ------------------------------------------------------------- context -- */

typedef struct {
    OkrLimits lim;
    OkrDiagList *diags;
    bool oom;
} Ctx;

static void diag_at(Ctx *c, OkrDiagLevel level, const char *base, const char *field,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void diag_at(Ctx *c, OkrDiagLevel level, const char *base, const char *field,
                    const char *fmt, ...)
{
    char path[sizeof(((OkrDiag *)0)->path)];
    char msg[sizeof(((OkrDiag *)0)->message)];
    if (field && base[0])
        snprintf(path, sizeof path, "%s.%s", base, field);
    else
        snprintf(path, sizeof path, "%s", field ? field : base);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    okr_diag_add(c->diags, level, path, "%s", msg);
}

#define WARN(c, base, field, ...) diag_at((c), OKR_DIAG_WARNING, (base), (field), __VA_ARGS__)

static void warn_type(Ctx *c, const char *base, const char *field, const char *expected,
                      const cJSON *got, const char *consequence)
{
    char what[SNIPPET_MAX + 32];
    describe(got, what, sizeof what);
    WARN(c, base, field, "expected %s, got %s%s", expected, what, consequence);
}

/* ---------------------------------------------------------- field readers -- */

typedef enum { FIELD_ABSENT, FIELD_OK, FIELD_BAD } FieldState;

/*
 * The known member names. Each object is indexed once (one pass over its
 * members) instead of searching it by name for every field: with ~20 lookups
 * per key result that was a tenth of the parse time.
 */
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
    K_COUNT
} Key;

static const char *const KEY_NAMES[K_COUNT] = {
    [K_ID] = "id",
    [K_TITLE] = "title",
    [K_OWNER] = "owner",
    [K_TEAM] = "team",
    [K_UNIT] = "unit",
    [K_START] = "start",
    [K_CURRENT] = "current",
    [K_TARGET] = "target",
    [K_PROGRESS] = "progress",
    [K_DONE] = "done",
    [K_DIRECTION] = "direction",
    [K_WEIGHT] = "weight",
    [K_CONFIDENCE] = "confidence",
    [K_STATUS] = "status",
    [K_UPDATED_AT] = "updated_at",
    [K_KEY_RESULTS] = "key_results",
    [K_ACTIONS] = "actions",
    [K_DUE] = "due",
    [K_VERSION] = "version",
    [K_PERIOD] = "period",
    [K_OBJECTIVES] = "objectives",
    [K_LABEL] = "label",
    [K_END] = "end",
};

typedef struct {
    const cJSON *v[K_COUNT];
} Fields;

static bool is_key(const char *name, Key k)
{
    return strcmp(name, KEY_NAMES[k]) == 0;
}

/* Dispatch on the first letter: at most three comparisons per member. */
static int key_id(const char *n)
{
    switch (n[0]) {
    case 'a': return is_key(n, K_ACTIONS) ? K_ACTIONS : -1;
    case 'c': return is_key(n, K_CURRENT) ? K_CURRENT : is_key(n, K_CONFIDENCE) ? K_CONFIDENCE : -1;
    case 'd':
        return is_key(n, K_DONE) ? K_DONE
             : is_key(n, K_DIRECTION) ? K_DIRECTION
             : is_key(n, K_DUE) ? K_DUE : -1;
    case 'e': return is_key(n, K_END) ? K_END : -1;
    case 'i': return is_key(n, K_ID) ? K_ID : -1;
    case 'k': return is_key(n, K_KEY_RESULTS) ? K_KEY_RESULTS : -1;
    case 'l': return is_key(n, K_LABEL) ? K_LABEL : -1;
    case 'o': return is_key(n, K_OWNER) ? K_OWNER : is_key(n, K_OBJECTIVES) ? K_OBJECTIVES : -1;
    case 'p': return is_key(n, K_PROGRESS) ? K_PROGRESS : is_key(n, K_PERIOD) ? K_PERIOD : -1;
    case 's': return is_key(n, K_START) ? K_START : is_key(n, K_STATUS) ? K_STATUS : -1;
    case 't':
        return is_key(n, K_TITLE) ? K_TITLE
             : is_key(n, K_TARGET) ? K_TARGET
             : is_key(n, K_TEAM) ? K_TEAM : -1;
    case 'u': return is_key(n, K_UNIT) ? K_UNIT : is_key(n, K_UPDATED_AT) ? K_UPDATED_AT : -1;
    case 'v': return is_key(n, K_VERSION) ? K_VERSION : -1;
    case 'w': return is_key(n, K_WEIGHT) ? K_WEIGHT : -1;
    default: return -1;
    }
}

/* The first member of each known name wins, as with cJSON's own lookup. */
static void index_fields(const cJSON *obj, Fields *f)
{
    memset(f, 0, sizeof *f);
    for (const cJSON *it = obj->child; it; it = it->next) {
        int k = it->string ? key_id(it->string) : -1;
        if (k >= 0 && !f->v[k])
            f->v[k] = it;
    }
}

/* null counts as absent everywhere: "progress": null means "not given". */
static const cJSON *field(const Fields *obj, Key key)
{
    const cJSON *it = obj->v[key];
    return it && !cJSON_IsNull(it) ? it : NULL;
}

static char *copy_text(Ctx *c, const char *src, const char *base, const char *key)
{
    char stack[OKR_LIMIT_STRING + 1];
    char *buf = c->lim.max_string <= OKR_LIMIT_STRING ? stack : malloc(c->lim.max_string + 1);
    char *dst = NULL;
    TextFlags f = {0};
    if (!buf)
        goto cleanup;
    size_t n = sanitize_text(src, buf, c->lim.max_string, &f);
    if (f.invalid)
        WARN(c, base, key, "not valid UTF-8; the bad bytes are shown as \xEF\xBF\xBD");
    if (f.cut)
        WARN(c, base, key, "longer than %zu bytes; cut to fit", c->lim.max_string);
    dst = malloc(n + 1);
    if (dst)
        memcpy(dst, buf, n + 1);
cleanup:
    if (!dst)
        c->oom = true;
    if (buf != stack)
        free(buf);
    return dst;
}

static FieldState get_string(Ctx *c, const Fields *obj, Key key, const char *base,
                             const char *consequence, char **out)
{
    const cJSON *it = field(obj, key);
    *out = NULL;
    if (!it)
        return FIELD_ABSENT;
    if (!cJSON_IsString(it)) {
        warn_type(c, base, KEY_NAMES[key], "a string", it, consequence);
        return FIELD_BAD;
    }
    *out = copy_text(c, it->valuestring, base, KEY_NAMES[key]);
    return FIELD_OK;
}

static FieldState get_number(Ctx *c, const Fields *obj, Key key, const char *base,
                             double *out)
{
    const cJSON *it = field(obj, key);
    if (!it)
        return FIELD_ABSENT;
    if (!cJSON_IsNumber(it)) {
        warn_type(c, base, KEY_NAMES[key], "a number", it, "");
        return FIELD_BAD;
    }
    if (!isfinite(it->valuedouble)) {
        WARN(c, base, KEY_NAMES[key], "the number is too large to use (not finite); ignored");
        return FIELD_BAD;
    }
    *out = it->valuedouble;
    return FIELD_OK;
}

static FieldState get_bool(Ctx *c, const Fields *obj, Key key, const char *base,
                           bool *out)
{
    const cJSON *it = field(obj, key);
    if (!it)
        return FIELD_ABSENT;
    if (!cJSON_IsBool(it)) {
        warn_type(c, base, KEY_NAMES[key], "true or false", it, "");
        return FIELD_BAD;
    }
    *out = cJSON_IsTrue(it);
    return FIELD_OK;
}

static FieldState get_time(Ctx *c, const Fields *obj, Key key, const char *base,
                           int64_t *out, bool *date_only)
{
    const cJSON *it = field(obj, key);
    bool dummy;
    if (!it)
        return FIELD_ABSENT;
    if (!cJSON_IsString(it) || parse_time_ex(it->valuestring, out, date_only ? date_only : &dummy) != 0) {
        warn_type(c, base, KEY_NAMES[key], "a date like \"2026-10-01\" or \"2026-11-26T08:30:00Z\"", it,
                  "");
        return FIELD_BAD;
    }
    return FIELD_OK;
}

static OkrStatus get_status(Ctx *c, const Fields *obj, const char *base)
{
    static const struct {
        const char *name;
        OkrStatus status;
    } names[] = {{"on_track", OKR_STATUS_ON_TRACK},
                 {"at_risk", OKR_STATUS_AT_RISK},
                 {"off_track", OKR_STATUS_OFF_TRACK},
                 {"done", OKR_STATUS_DONE}};
    const cJSON *it = field(obj, K_STATUS);
    if (!it)
        return OKR_STATUS_UNSET;
    if (cJSON_IsString(it)) {
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            if (strcmp(it->valuestring, names[i].name) == 0)
                return names[i].status;
        }
    }
    warn_type(c, base, "status", "on_track, at_risk, off_track or done", it,
              "; the status is computed instead");
    return OKR_STATUS_UNSET;
}

/* A progress fraction: outside 0..1 is flagged but still used. */
static FieldState get_progress(Ctx *c, const Fields *obj, const char *base, double *out)
{
    FieldState st = get_number(c, obj, K_PROGRESS, base, out);
    if (st == FIELD_OK && (*out < 0.0 || *out > 1.0))
        WARN(c, base, "progress",
             "%.15g is outside 0..1 (progress is a fraction: 0.66 means 66 %%); it is still used",
             *out);
    return st;
}

static double get_weight(Ctx *c, const Fields *obj, const char *base)
{
    double w = 1.0;
    if (get_number(c, obj, K_WEIGHT, base, &w) == FIELD_OK && w < 0.0) {
        WARN(c, base, "weight", "%.15g is negative; using 1", w);
        w = 1.0;
    }
    return w;
}

/* A title is required: a missing one becomes a visible placeholder, so the
 * element still shows (and still counts) and the mistake is visible. */
static char *get_title(Ctx *c, const Fields *obj, const char *base, const char *placeholder)
{
    char consequence[64];
    char *title = NULL;
    snprintf(consequence, sizeof consequence, "; shown as \"%s\"", placeholder);
    FieldState st = get_string(c, obj, K_TITLE, base, consequence, &title);
    if (st == FIELD_OK && title) {
        const char *p = title;
        while (*p == ' ')
            p++;
        if (*p)
            return title;
        free(title);
        title = NULL;
        WARN(c, base, "title", "is empty; shown as \"%s\"", placeholder);
    } else if (st == FIELD_ABSENT) {
        WARN(c, base, NULL, "has no title; shown as \"%s\"", placeholder);
    }
    if (c->oom)
        return NULL;
    title = strdup(placeholder);
    if (!title)
        c->oom = true;
    return title;
}

/* --------------------------------------------------------- key results -- */

static void check_scorable(Ctx *c, const OkrKeyResult *kr, const char *base)
{
    if (kr->has_progress || kr->has_done)
        return;
    if (!kr->has_current && !kr->has_target) {
        WARN(c, base, NULL,
             "nothing to score: give \"progress\", \"done\", or \"current\" and \"target\"; "
             "shown as no data");
        return;
    }
    if (!kr->has_current) {
        WARN(c, base, NULL, "has a target but no usable \"current\" value; shown as no data");
        return;
    }
    if (!kr->has_target) {
        WARN(c, base, NULL, "has a current value but no usable \"target\"; shown as no data");
        return;
    }
    if (kr->has_direction &&
        (kr->direction == OKR_DIR_AT_LEAST || kr->direction == OKR_DIR_AT_MOST))
        return;
    double start = kr->has_start ? kr->start : 0.0;
    if (kr->target == start) {
        WARN(c, base, "target",
             "equals start (%.15g), so there is no span to measure; it counts as 100 %% once "
             "current reaches %.15g, else 0 %%",
             start, kr->target);
    } else if (kr->has_direction && kr->direction == OKR_DIR_DECREASE && kr->target > start) {
        WARN(c, base, "direction",
             "says decrease, but target (%.15g) is above start (%.15g); progress follows the "
             "numbers",
             kr->target, start);
    } else if (kr->has_direction && kr->direction == OKR_DIR_INCREASE && kr->target < start) {
        WARN(c, base, "direction",
             "says increase, but target (%.15g) is below start (%.15g); progress follows the "
             "numbers",
             kr->target, start);
    }
}

static void get_direction(Ctx *c, const Fields *obj, const char *base, OkrKeyResult *kr)
{
    static const struct {
        const char *name;
        OkrDirection dir;
    } names[] = {{"increase", OKR_DIR_INCREASE},
                 {"decrease", OKR_DIR_DECREASE},
                 {"at_least", OKR_DIR_AT_LEAST},
                 {"at_most", OKR_DIR_AT_MOST}};
    const cJSON *it = field(obj, K_DIRECTION);
    if (!it)
        return;
    if (cJSON_IsString(it)) {
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            if (strcmp(it->valuestring, names[i].name) == 0) {
                kr->direction = names[i].dir;
                kr->has_direction = true;
                return;
            }
        }
    }
    warn_type(c, base, "direction", "increase, decrease, at_least or at_most", it,
              "; using increase");
}

static void parse_key_result(Ctx *c, const cJSON *json, const char *base, OkrKeyResult *kr)
{
    Fields fields, *obj = &fields;
    index_fields(json, obj);
    kr->weight = 1.0;
    get_string(c, obj, K_ID, base, "", &kr->id);
    kr->title = get_title(c, obj, base, "(untitled key result)");
    get_string(c, obj, K_OWNER, base, "", &kr->owner);
    get_string(c, obj, K_UNIT, base, "", &kr->unit);
    kr->has_start = get_number(c, obj, K_START, base, &kr->start) == FIELD_OK;
    kr->has_current = get_number(c, obj, K_CURRENT, base, &kr->current) == FIELD_OK;
    kr->has_target = get_number(c, obj, K_TARGET, base, &kr->target) == FIELD_OK;
    kr->has_progress = get_progress(c, obj, base, &kr->progress) == FIELD_OK;
    kr->has_done = get_bool(c, obj, K_DONE, base, &kr->done) == FIELD_OK;
    get_direction(c, obj, base, kr);
    kr->weight = get_weight(c, obj, base);
    if (get_number(c, obj, K_CONFIDENCE, base, &kr->confidence) == FIELD_OK) {
        if (kr->confidence < 0.0 || kr->confidence > 1.0)
            WARN(c, base, "confidence", "%.15g is outside 0..1 (0.7 means 70 %%); ignored",
                 kr->confidence);
        else
            kr->has_confidence = true;
    }
    kr->status_in = get_status(c, obj, base);
    kr->has_updated_at = get_time(c, obj, K_UPDATED_AT, base, &kr->updated_at, NULL) == FIELD_OK;
    check_scorable(c, kr, base);
}

static void parse_action(Ctx *c, const cJSON *json, const char *base, OkrAction *a)
{
    Fields fields, *obj = &fields;
    index_fields(json, obj);
    a->title = get_title(c, obj, base, "(untitled action)");
    get_string(c, obj, K_OWNER, base, "", &a->owner);
    get_bool(c, obj, K_DONE, base, &a->done);
    a->has_due = get_time(c, obj, K_DUE, base, &a->due, NULL) == FIELD_OK;
}

/* ---------------------------------------------------------- objectives -- */

/*
 * Fills *out with a calloc'd array of up to max items of an array field,
 * calling fn for each object element; non-objects are skipped with a warning.
 * Returns the array's size (0 when absent or not an array).
 */
/* "base.key[i]" (or "key[i]" at the top), without snprintf: it runs for
 * every element of every list. Cut to fit like snprintf would. */
static void element_path(char *out, size_t size, const char *base, const char *key, size_t i)
{
    char digits[24];
    size_t nd = 0, n = 0;
    do {
        digits[nd++] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    const char *parts[] = {base, base[0] ? "." : "", key, "["};
    for (size_t p = 0; p < 4; p++) {
        for (const char *q = parts[p]; *q && n + 1 < size; q++)
            out[n++] = *q;
    }
    while (nd > 0 && n + 1 < size)
        out[n++] = digits[--nd];
    if (n + 1 < size)
        out[n++] = ']';
    out[n] = '\0';
}

typedef void (*ItemFn)(Ctx *c, const cJSON *obj, const char *base, void *item);

static size_t parse_list(Ctx *c, const cJSON *arr, const char *base, const char *key,
                         size_t max, size_t item_size, const char *noun, ItemFn fn,
                         void **out, size_t *n_out)
{
    char path[sizeof(((OkrDiag *)0)->path)];
    size_t total = (size_t)cJSON_GetArraySize(arr);
    size_t want = total < max ? total : max;
    *out = NULL;
    *n_out = 0;
    if (total > max)
        WARN(c, base, key, "%zu %s; only the first %zu are shown", total, noun, max);
    if (want == 0)
        return total;
    unsigned char *items = calloc(want, item_size);
    if (!items) {
        c->oom = true;
        return total;
    }
    size_t i = 0, n = 0;
    for (const cJSON *el = arr->child; el && i < want && !c->oom; el = el->next, i++) {
        element_path(path, sizeof path, base, key, i);
        if (!cJSON_IsObject(el)) {
            warn_type(c, path, NULL, "an object", el, "; skipped");
            continue;
        }
        fn(c, el, path, items + n * item_size);
        n++;
    }
    *out = items;
    *n_out = n;
    return total;
}

static void kr_item(Ctx *c, const cJSON *obj, const char *base, void *item)
{
    parse_key_result(c, obj, base, item);
}

static void action_item(Ctx *c, const cJSON *obj, const char *base, void *item)
{
    parse_action(c, obj, base, item);
}

static void parse_objective(Ctx *c, const cJSON *json, const char *base, void *item)
{
    OkrObjective *o = item;
    Fields fields, *obj = &fields;
    index_fields(json, obj);
    void *arr;
    get_string(c, obj, K_ID, base, "", &o->id);
    o->title = get_title(c, obj, base, "(untitled objective)");
    get_string(c, obj, K_OWNER, base, "", &o->owner);
    get_string(c, obj, K_TEAM, base, "", &o->team);
    o->weight = get_weight(c, obj, base);
    o->has_progress = get_progress(c, obj, base, &o->progress) == FIELD_OK;
    o->status_in = get_status(c, obj, base);

    const cJSON *krs = field(obj, K_KEY_RESULTS);
    if (krs && !cJSON_IsArray(krs)) {
        warn_type(c, base, "key_results", "an array", krs, "; no key results shown");
    } else if (krs) {
        parse_list(c, krs, base, "key_results", c->lim.max_key_results, sizeof(OkrKeyResult),
                   "key results", kr_item, &arr, &o->n_key_results);
        o->key_results = arr;
    }
    if (o->n_key_results == 0 && !o->has_progress && !c->oom)
        WARN(c, base, NULL, "has no key results and no progress; shown as no data");

    const cJSON *acts = field(obj, K_ACTIONS);
    if (acts && !cJSON_IsArray(acts)) {
        warn_type(c, base, "actions", "an array", acts, "; no actions shown");
    } else if (acts) {
        parse_list(c, acts, base, "actions", c->lim.max_actions, sizeof(OkrAction), "actions",
                   action_item, &arr, &o->n_actions);
        o->actions = arr;
    }
}

/* ---------------------------------------------------------------- feed -- */

static void parse_version(Ctx *c, const Fields *root, OkrFeed *feed)
{
    double v;
    feed->version = 1;
    if (get_number(c, root, K_VERSION, "", &v) != FIELD_OK)
        return;
    if (v != floor(v) || v < 1.0) {
        WARN(c, "", "version", "%.15g is not a known format version; reading it as version 1",
             v);
    } else if (v > 1.0) {
        feed->version = v > 1e6 ? 1000000 : (int)v;
        WARN(c, "", "version",
             "format version %.15g is newer than this program (1); fields it does not know "
             "are ignored",
             v);
    }
}

static void parse_period(Ctx *c, const Fields *root, OkrFeed *feed)
{
    const cJSON *pj = field(root, K_PERIOD);
    Fields fields, *period = &fields;
    if (!pj)
        return;
    if (!cJSON_IsObject(pj)) {
        warn_type(c, "", "period", "an object", pj, "; pace is not computed");
        return;
    }
    index_fields(pj, period);
    get_string(c, period, K_LABEL, "period", "", &feed->period_label);
    int64_t start, end;
    bool start_date_only, end_date_only;
    FieldState s = get_time(c, period, K_START, "period", &start, &start_date_only);
    FieldState e = get_time(c, period, K_END, "period", &end, &end_date_only);
    if (s == FIELD_ABSENT && e == FIELD_ABSENT)
        return;
    if (s == FIELD_ABSENT || e == FIELD_ABSENT) {
        WARN(c, "period", NULL, "needs both \"start\" and \"end\"; pace is not computed");
        return;
    }
    if (s != FIELD_OK || e != FIELD_OK)
        return;
    if (end_date_only)
        end += 86400; /* the end date is inclusive: the period ends at the next midnight */
    if (end <= start) {
        WARN(c, "period", "end", "is before the start; pace is not computed");
        return;
    }
    feed->has_period = true;
    feed->period_start = start;
    feed->period_end = end;
}

static void parse_root(Ctx *c, const Fields *root, OkrFeed *feed)
{
    void *arr;
    parse_version(c, root, feed);
    get_string(c, root, K_TITLE, "", "", &feed->title);
    parse_period(c, root, feed);
    feed->has_updated_at =
        get_time(c, root, K_UPDATED_AT, "", &feed->updated_at, NULL) == FIELD_OK;
    const cJSON *objs = field(root, K_OBJECTIVES);
    parse_list(c, objs, "", "objectives", c->lim.max_objectives, sizeof(OkrObjective),
               "objectives", parse_objective, &arr, &feed->n_objectives);
    feed->objectives = arr;
}

/* ------------------------------------------------------------ pre-scan -- */

typedef struct {
    size_t long_numbers; /* number tokens cJSON cannot read whole */
    int open;            /* brackets still open at the end */
    bool in_string;      /* the text ends inside a string */
    size_t too_deep_at;  /* offset of the bracket over the limit, or SIZE_MAX */
} Scan;

static bool is_number_char(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' ||
           ch == 'E';
}

/* Offset of the quote that closes the string whose body starts at i, or len.
 * memchr finds candidate quotes fast; a quote after an odd run of
 * backslashes is escaped. */
static size_t string_end(const unsigned char *p, size_t len, size_t i)
{
    while (i < len) {
        const unsigned char *q = memchr(p + i, '"', len - i);
        if (!q)
            return len;
        size_t at = (size_t)(q - p), bs = 0;
        while (at - bs > i && p[at - bs - 1] == '\\')
            bs++;
        if (bs % 2 == 0)
            return at;
        i = at + 1;
    }
    return len;
}

static void prescan(const char *data, size_t len, int max_depth, Scan *scan)
{
    const unsigned char *p = (const unsigned char *)data;
    int depth = 0;
    memset(scan, 0, sizeof *scan);
    scan->too_deep_at = SIZE_MAX;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = p[i];
        if (ch == '"') {
            i = string_end(p, len, i + 1);
            if (i >= len)
                scan->in_string = true;
        } else if (ch == '{' || ch == '[') {
            if (++depth > max_depth) {
                scan->too_deep_at = i;
                return;
            }
        } else if (ch == '}' || ch == ']') {
            if (depth > 0)
                depth--;
        } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
            size_t j = i;
            while (j < len && is_number_char(p[j]))
                j++;
            if (j - i > CJSON_NUMBER_MAX)
                scan->long_numbers++;
            i = j - 1;
        }
    }
    scan->open = depth;
}

/* Rewrites number tokens longer than cJSON can read as an equivalent short
 * form padded with spaces, so offsets (and error positions) do not move. */
static int shorten_numbers(char *buf, size_t len)
{
    int rc = -1;
    char *tok = NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)buf[i];
        if (ch == '"') {
            i = string_end((const unsigned char *)buf, len, i + 1);
            continue;
        }
        if (!(ch == '-' || (ch >= '0' && ch <= '9')))
            continue;
        size_t j = i;
        while (j < len && is_number_char((unsigned char)buf[j]))
            j++;
        size_t n = j - i;
        if (n > CJSON_NUMBER_MAX) {
            char *t = realloc(tok, n + 1);
            if (!t)
                goto cleanup;
            tok = t;
            memcpy(tok, buf + i, n);
            tok[n] = '\0';
            char *end = NULL;
            double v = strtod(tok, &end);
            if (end == tok + n) {
                char repr[40];
                int r = isfinite(v) ? snprintf(repr, sizeof repr, "%.17g", v)
                                    : snprintf(repr, sizeof repr, "%s", v < 0 ? "-1e999" : "1e999");
                memset(buf + i, ' ', n);
                memcpy(buf + i, repr, (size_t)r);
            }
        }
        i = j - 1;
    }
    rc = 0;
cleanup:
    free(tok);
    return rc;
}

/* 1-based line and column (in characters) of a byte offset. */
static void line_col(const char *data, size_t len, size_t pos, size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < pos && i < len; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (ch == '\n') {
            (*line)++;
            *col = 1;
        } else if ((ch & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static void report_syntax_error(Ctx *c, const char *data, size_t len, size_t pos,
                                const Scan *scan)
{
    size_t line, col, end = len;
    bool unclosed = scan->open > 0 || scan->in_string;
    const char *what = scan->in_string ? "inside a string" : "with a bracket still open";
    while (end > 0 && strchr(" \t\r\n", data[end - 1]))
        end--;
    if (unclosed && pos + 1 >= end) {
        line_col(data, len, end, &line, &col);
        diag_at(c, OKR_DIAG_ERROR, "", NULL,
                "not JSON: the text ends early at line %zu, column %zu, %s; is the file cut "
                "short?",
                line, col, what);
        return;
    }
    line_col(data, len, pos, &line, &col);
    char near[SNIPPET_MAX + 1], raw[SNIPPET_MAX + 1];
    size_t n = len - pos < 20 ? len - pos : 20;
    memcpy(raw, data + pos, n);
    raw[n] = '\0';
    TextFlags f = {0};
    sanitize_text(raw, near, SNIPPET_MAX, &f);
    diag_at(c, OKR_DIAG_ERROR, "", NULL,
            "not JSON: syntax error at line %zu, column %zu, near \"%s\"%s%s%s", line, col, near,
            unclosed ? "; the text also ends " : "", unclosed ? what : "",
            unclosed ? " (is the file cut short?)" : "");
}

/* ---------------------------------------------------- cJSON allocation -- */

/*
 * cJSON only offers process-wide allocation hooks. They are installed once and
 * behave exactly like malloc/free unless the calling thread is inside
 * okr_feed_parse, which points tls_arena at its own arena for the duration of
 * cJSON_ParseWithLengthOpts. The tree is then released by dropping the arena
 * (no cJSON_Delete), and frees during the parse are no-ops. Other threads and
 * other cJSON users never see the arena.
 */
#define ARENA_CHUNK (256u * 1024u)

typedef struct ArenaChunk {
    struct ArenaChunk *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
} ArenaChunk;

typedef struct {
    ArenaChunk *head;
    size_t allocs;
} Arena;

static _Thread_local Arena *tls_arena;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void *arena_malloc(size_t size)
{
    Arena *a = tls_arena;
    if (!a)
        return malloc(size);
    size = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    ArenaChunk *ch = a->head;
    if (!ch || ch->cap - ch->used < size) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        ch = malloc(sizeof *ch + cap);
        if (!ch)
            return NULL;
        ch->used = 0;
        ch->cap = cap;
        ch->next = a->head;
        a->head = ch;
    }
    void *p = ch->data + ch->used;
    ch->used += size;
    a->allocs++;
    return p;
}

static void arena_free(void *p)
{
    if (!tls_arena)
        free(p);
}

static void arena_drop(Arena *a)
{
    while (a->head) {
        ArenaChunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}

static void install_hooks(void)
{
    cJSON_Hooks hooks = {.malloc_fn = arena_malloc, .free_fn = arena_free};
    cJSON_InitHooks(&hooks);
}

/* cJSON_ParseWithLengthOpts with the tree in *arena. When someone else has
 * replaced the hooks since, nothing lands in the arena and *in_arena is false:
 * the caller then frees the tree with cJSON_Delete. */
static cJSON *parse_in_arena(const char *text, size_t len, const char **end, Arena *arena,
                             bool *in_arena)
{
    pthread_once(&hooks_once, install_hooks);
    tls_arena = arena;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, end, false);
    tls_arena = NULL;
    *in_arena = arena->allocs > 0;
    return root;
}

/* --------------------------------------------------------------- entry -- */

/* Checks on the raw bytes, before cJSON: size, emptiness, depth. Skips a
 * byte order mark. Returns false after reporting an error. */
static bool check_bytes(Ctx *c, const char **text, size_t *len, Scan *scan)
{
    if (*len > c->lim.max_body) {
        diag_at(c, OKR_DIAG_ERROR, "", NULL,
                "the feed is %zu bytes, over the limit of %zu bytes; it is not read", *len,
                c->lim.max_body);
        return false;
    }
    if (*len >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
        *text += 3;
        *len -= 3;
    }
    size_t first = 0;
    while (first < *len && (*text)[first] && strchr(" \t\r\n", (*text)[first]))
        first++;
    if (first == *len) {
        diag_at(c, OKR_DIAG_ERROR, "", NULL, "not JSON: the feed is empty");
        return false;
    }
    prescan(*text, *len, c->lim.max_depth, scan);
    if (scan->too_deep_at != SIZE_MAX) {
        size_t line, col;
        line_col(*text, *len, scan->too_deep_at, &line, &col);
        diag_at(c, OKR_DIAG_ERROR, "", NULL,
                "nested deeper than %d levels at line %zu, column %zu; the feed is not read",
                c->lim.max_depth, line, col);
        return false;
    }
    return true;
}

/* Checks on the parsed document: nothing after it, an object, an
 * "objectives" array. Returns false after reporting an error. */
static bool check_document(Ctx *c, const char *text, size_t len, const char *end,
                           const cJSON *root, Fields *fields)
{
    char what[SNIPPET_MAX + 32];
    size_t rest = (size_t)(end - text), line, col;
    while (rest < len && text[rest] && strchr(" \t\r\n", text[rest]))
        rest++;
    if (rest < len) {
        line_col(text, len, rest, &line, &col);
        diag_at(c, OKR_DIAG_ERROR, "", NULL,
                "not JSON: unexpected text after the end of the document at line %zu, column %zu",
                line, col);
        return false;
    }
    if (!cJSON_IsObject(root)) {
        describe(root, what, sizeof what);
        diag_at(c, OKR_DIAG_ERROR, "", NULL,
                "the feed must be a JSON object ({...}) with an \"objectives\" array, got %s",
                what);
        return false;
    }
    index_fields(root, fields);
    const cJSON *objs = field(fields, K_OBJECTIVES);
    if (!objs) {
        diag_at(c, OKR_DIAG_ERROR, "objectives", NULL,
                "missing: the feed needs an \"objectives\" array");
        return false;
    }
    if (!cJSON_IsArray(objs)) {
        describe(objs, what, sizeof what);
        diag_at(c, OKR_DIAG_ERROR, "objectives", NULL, "expected an array, got %s", what);
        return false;
    }
    return true;
}

OkrFeed *okr_feed_parse(const char *data, size_t len, const OkrLimits *limits, OkrDiagList *diags)
{
    Ctx c = {.lim = limits ? *limits : okr_limits_default(), .diags = diags};
    OkrFeed *feed = NULL;
    cJSON *root = NULL;
    Arena arena = {0};
    bool in_arena = false, ok = false;
    char *copy = NULL;
    const char *text = data, *end = NULL;
    Scan scan;
    Fields fields;

    if (!data)
        len = 0;
    if (c.lim.max_depth > CJSON_NESTING_LIMIT) /* cJSON would stop there anyway */
        c.lim.max_depth = CJSON_NESTING_LIMIT;
    if (!check_bytes(&c, &text, &len, &scan))
        goto cleanup;
    if (scan.long_numbers > 0) {
        copy = malloc(len);
        if (!copy || (memcpy(copy, text, len), shorten_numbers(copy, len)) != 0) {
            c.oom = true;
            goto cleanup;
        }
        text = copy;
    }

    root = parse_in_arena(text, len, &end, &arena, &in_arena);
    if (!root) {
        if (end)
            report_syntax_error(&c, text, len, (size_t)(end - text), &scan);
        else
            c.oom = true;
        goto cleanup;
    }
    if (!check_document(&c, text, len, end, root, &fields))
        goto cleanup;

    feed = calloc(1, sizeof *feed);
    if (!feed) {
        c.oom = true;
        goto cleanup;
    }
    parse_root(&c, &fields, feed);
    ok = !c.oom;

cleanup:
    if (c.oom)
        diag_at(&c, OKR_DIAG_ERROR, "", NULL, "out of memory while reading the feed");
    if (!ok) {
        okr_feed_free(feed);
        feed = NULL;
    }
    if (!in_arena)
        cJSON_Delete(root);
    arena_drop(&arena);
    free(copy);
    return feed;
}
