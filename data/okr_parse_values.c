/*
 * okr_parse_values: values and dates of the feed (part of okr_parse; see
 * okr_parse_priv.h for the three parts).
 *
 * Every reader takes an indexed object and a member key, and either fills its
 * output or warns with the member's JSON path and what happens instead; a bad
 * value never stops its siblings. Strings are copied with invalid UTF-8
 * replaced by U+FFFD, control characters by spaces, and cut on a character
 * boundary. Dates are RFC 3339 or "YYYY-MM-DD", parsed without TZ or timegm().
 */
#include "okr_parse_priv.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "okr_util.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* ---------------------------------------------------------------- time -- */

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

int parse_time_ex(const char *text, int64_t *out, bool *date_only)
{
    const char *p = text;
    int y, mo, d, h = 0, mi = 0, s = 0, off = 0;
    if (!p || !digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
        !digits(&p, 2, &d))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > okr_days_in_month(y, mo))
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
    *out = okr_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - off;
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

/*
 * okr_text_clean (see okr_util.h), then the PARSE_MARK_* characters become
 * U+FFFD. A mark is as long as U+FFFD and the cleaned text is valid UTF-8
 * (0xEF only ever leads a character), so replacing them afterwards, in place,
 * cuts the text exactly where replacing them first would have.
 */
size_t parse_sanitize_text(const char *src, char *dst, size_t max, TextFlags *flags)
{
    OkrTextFlags f = {flags->invalid, flags->cut};
    size_t n = okr_text_clean(src, strlen(src), dst, max, false, &f);
    flags->invalid = f.invalid;
    flags->cut = f.cut;
    for (char *p = dst; (p = strstr(p, PARSE_MARK_UTF8_LEAD)) != NULL; p += 2) {
        if (p[2] != '\x90' && p[2] != '\x91')
            continue;
        if (p[2] == '\x90')
            flags->lone_surrogate = true;
        else
            flags->nul = true;
        memcpy(p, REPLACEMENT, sizeof REPLACEMENT - 1);
    }
    return n;
}

/* A short, valid-UTF-8 description of a JSON value for messages. */
void parse_describe(const cJSON *item, char *buf, size_t size)
{
    if (cJSON_IsString(item)) {
        char snip[PARSE_SNIPPET_MAX + 1];
        TextFlags f = {0};
        parse_sanitize_text(item->valuestring, snip, PARSE_SNIPPET_MAX, &f);
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

void parse_diag_at(Ctx *c, OkrDiagLevel level, const char *base, const char *field, const char *fmt,
                   ...)
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

void parse_warn_type(Ctx *c, const char *base, const char *field, const char *expected,
                     const cJSON *got, const char *consequence)
{
    char what[PARSE_SNIPPET_MAX + 32];
    parse_describe(got, what, sizeof what);
    WARN(c, base, field, "expected %s, got %s%s", expected, what, consequence);
}

/* ---------------------------------------------------------- field readers -- */

/*
 * The known member names. Each object is indexed once (one pass over its
 * members) instead of searching it by name for every field: with ~20 lookups
 * per key result that was a tenth of the parse time.
 */
const char *const PARSE_KEY_NAMES[K_COUNT] = {
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
    [K_HISTORY] = "history",
    [K_AT] = "at",
};

/* The key named n, or -1. Comparing the first letter first rules out all
 * but one to three names without a call; the names are the table's, so a new
 * key needs no second list here. */
static int key_id(const char *n)
{
    for (int k = 0; k < K_COUNT; k++)
        if (PARSE_KEY_NAMES[k][0] == n[0] && strcmp(PARSE_KEY_NAMES[k], n) == 0)
            return k;
    return -1;
}

/* The last member of each known name wins, as in JavaScript and Python (cJSON's
 * own lookup would take the first), with a warning on the repeat. */
void parse_index_fields(Ctx *c, const cJSON *obj, const char *base, Fields *f)
{
    memset(f, 0, sizeof *f);
    for (const cJSON *it = obj->child; it; it = it->next) {
        int k = it->string ? key_id(it->string) : -1;
        if (k < 0)
            continue;
        if (f->v[k])
            WARN(c, base, PARSE_KEY_NAMES[k],
                 "given more than once; the last one is used (as JavaScript and Python read it)");
        f->v[k] = it;
    }
}

/* null counts as absent everywhere: "progress": null means "not given". */
const cJSON *parse_field(const Fields *obj, Key key)
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
    size_t n = parse_sanitize_text(src, buf, c->lim.max_string, &f);
    if (f.invalid)
        WARN(c, base, key, "not valid UTF-8; the bad bytes are shown as \xEF\xBF\xBD");
    if (f.lone_surrogate)
        WARN(c, base, key,
             "has half of a UTF-16 surrogate pair (a \\ud800-\\udfff escape alone, as when an "
             "emoji is cut in two); shown as \xEF\xBF\xBD");
    if (f.nul)
        WARN(c, base, key,
             "contains \\u0000 (a NUL character); shown as \xEF\xBF\xBD, the "
             "text after it is kept");
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

/* Looks up key and checks its type with is(); a value of another type is
 * warned about (want: what it should be) and gives FIELD_BAD. */
static FieldState typed_field(Ctx *c, const Fields *obj, Key key, const char *base,
                              cJSON_bool (*is)(const cJSON *), const char *want,
                              const char *consequence, const cJSON **it)
{
    *it = parse_field(obj, key);
    if (!*it)
        return FIELD_ABSENT;
    if (!is(*it)) {
        parse_warn_type(c, base, PARSE_KEY_NAMES[key], want, *it, consequence);
        return FIELD_BAD;
    }
    return FIELD_OK;
}

FieldState parse_get_string(Ctx *c, const Fields *obj, Key key, const char *base,
                            const char *consequence, char **out)
{
    const cJSON *it;
    *out = NULL;
    FieldState st = typed_field(c, obj, key, base, cJSON_IsString, "a string", consequence, &it);
    if (st == FIELD_OK)
        *out = copy_text(c, it->valuestring, base, PARSE_KEY_NAMES[key]);
    return st;
}

FieldState parse_get_number(Ctx *c, const Fields *obj, Key key, const char *base, double *out)
{
    const cJSON *it;
    FieldState st = typed_field(c, obj, key, base, cJSON_IsNumber, "a number", "", &it);
    if (st != FIELD_OK)
        return st;
    if (!isfinite(it->valuedouble)) {
        WARN(c, base, PARSE_KEY_NAMES[key], "the number is too large to use (not finite); ignored");
        return FIELD_BAD;
    }
    *out = it->valuedouble;
    return FIELD_OK;
}

FieldState parse_get_bool(Ctx *c, const Fields *obj, Key key, const char *base, bool *out)
{
    const cJSON *it;
    FieldState st = typed_field(c, obj, key, base, cJSON_IsBool, "true or false", "", &it);
    if (st == FIELD_OK)
        *out = cJSON_IsTrue(it);
    return st;
}

FieldState parse_get_time(Ctx *c, const Fields *obj, Key key, const char *base, int64_t *out,
                          bool *date_only)
{
    const cJSON *it = parse_field(obj, key);
    bool dummy;
    if (!it)
        return FIELD_ABSENT;
    if (!cJSON_IsString(it) ||
        parse_time_ex(it->valuestring, out, date_only ? date_only : &dummy) != 0) {
        parse_warn_type(c, base, PARSE_KEY_NAMES[key],
                        "a date like \"2026-10-01\" or \"2026-11-26T08:30:00Z\"", it, "");
        return FIELD_BAD;
    }
    return FIELD_OK;
}

FieldState parse_get_word(Ctx *c, const Fields *obj, Key key, const char *base,
                          const ParseWord *words, size_t count, const char *expected,
                          const char *consequence, int *out)
{
    const cJSON *it = parse_field(obj, key);
    if (!it)
        return FIELD_ABSENT;
    if (cJSON_IsString(it)) {
        for (size_t i = 0; i < count; i++) {
            if (strcmp(it->valuestring, words[i].name) == 0) {
                *out = words[i].value;
                return FIELD_OK;
            }
        }
    }
    parse_warn_type(c, base, PARSE_KEY_NAMES[key], expected, it, consequence);
    return FIELD_BAD;
}

OkrStatus parse_get_status(Ctx *c, const Fields *obj, const char *base)
{
    static const ParseWord words[] = {{"on_track", OKR_STATUS_ON_TRACK},
                                      {"at_risk", OKR_STATUS_AT_RISK},
                                      {"off_track", OKR_STATUS_OFF_TRACK},
                                      {"done", OKR_STATUS_DONE}};
    int v;
    if (parse_get_word(c, obj, K_STATUS, base, words, sizeof words / sizeof words[0],
                       "on_track, at_risk, off_track or done", "; the status is computed instead",
                       &v) != FIELD_OK)
        return OKR_STATUS_UNSET;
    return (OkrStatus)v;
}

/* A progress fraction: outside 0..1 is flagged but still used. */
FieldState parse_get_progress(Ctx *c, const Fields *obj, const char *base, double *out)
{
    FieldState st = parse_get_number(c, obj, K_PROGRESS, base, out);
    if (st == FIELD_OK && (*out < 0.0 || *out > 1.0))
        WARN(c, base, "progress",
             "%.15g is outside 0..1 (progress is a fraction: 0.66 means 66 %%); it is still used",
             *out);
    return st;
}

double parse_get_weight(Ctx *c, const Fields *obj, const char *base)
{
    double w = 1.0;
    if (parse_get_number(c, obj, K_WEIGHT, base, &w) == FIELD_OK && w < 0.0) {
        WARN(c, base, "weight", "%.15g is negative; using 1", w);
        w = 1.0;
    }
    return w;
}

/* A title is required: a missing one becomes a visible placeholder, so the
 * element still shows (and still counts) and the mistake is visible. */
char *parse_get_title(Ctx *c, const Fields *obj, const char *base, const char *placeholder)
{
    char consequence[64];
    char *title = NULL;
    snprintf(consequence, sizeof consequence, "; shown as \"%s\"", placeholder);
    FieldState st = parse_get_string(c, obj, K_TITLE, base, consequence, &title);
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
