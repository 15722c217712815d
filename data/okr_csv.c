/*
 * okr_csv: spreadsheet CSV -> OkrFeed (see okr_csv.h and docs/spreadsheets.md).
 *
 * Four stages, one pass each:
 *  1. The bytes: body limit, a web page or UTF-16 is an error, a UTF-8 byte
 *     order mark is skipped, and a file that is not UTF-8 at all but reads as
 *     Windows-1252 (Excel's plain "CSV") is converted with one warning.
 *  2. The delimiter (',' ';' tab) is counted outside quotes on the first lines
 *     unless the caller fixed it; the decimal and date rules follow from it.
 *  3. libcsv tokenizes and hands over one record at a time, so no table is
 *     ever built: the header row (the first row, within the first ten, that
 *     names an objective or key result column; rows above it may hold at most
 *     two cells, a title or a note) maps columns to fields, and
 *     every later row is turned into a key result, an action or objective
 *     fields at once. Rows are counted like the sheet counts them (a blank
 *     line is a row; a line break inside quotes is not), so "row 7" is row 7
 *     in the spreadsheet.
 *  4. Cells are read as people type them; a cell that cannot be read is a
 *     warning with its row and column, and only that value is left out.
 */
#include "okr_csv.h"
#include "okr_format.h"
#include "okr_util.h"

#include <csv.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 256   /* cells further right are ignored */
#define HEADER_SEARCH 10  /* non-blank rows searched for the header */
#define SNIPPET_MAX 40    /* bytes of a bad value quoted in a message */
#define NAME_MAX_SHOWN 40 /* bytes of a column name in a path */
#define MAX_EXTRA_COLUMNS 32
#define NUMBER_MAX 64 /* characters of a number cell that are read */

/* ------------------------------------------------------------- columns -- */

typedef enum {
    F_OBJECTIVE,
    F_KEY_RESULT,
    F_OWNER,
    F_OBJECTIVE_OWNER,
    F_TEAM,
    F_START,
    F_CURRENT,
    F_TARGET,
    F_UNIT,
    F_DIRECTION,
    F_PROGRESS,
    F_STATUS,
    F_CONFIDENCE,
    F_WEIGHT,
    F_UPDATED_AT,
    F_DONE,
    F_ID,
    F_ACTION,
    F_DUE,
    F_COUNT
} Field;

/* The canonical name first; every name is already normalized (see
 * normalize_name): lower case, no spaces, '_' or '-'. */
static const char *const FIELD_NAMES[F_COUNT][8] = {
    [F_OBJECTIVE] = {"objective", "ziel", "objectivetitle", "objectivename"},
    [F_KEY_RESULT] = {"keyresult", "kr", "schl\xC3\xBCsselergebnis", "keyresulttitle",
                      "keyresultname"},
    [F_OWNER] = {"owner", "verantwortlich", "verantwortlicher", "krowner"},
    [F_OBJECTIVE_OWNER] = {"objectiveowner", "zielverantwortlich", "zielverantwortlicher"},
    [F_TEAM] = {"team", "abteilung"},
    [F_START] = {"start", "startwert", "baseline", "startvalue"},
    [F_CURRENT] = {"current", "istwert", "ist", "aktuell", "currentvalue"},
    [F_TARGET] = {"target", "zielwert", "soll", "sollwert", "targetvalue"},
    [F_UNIT] = {"unit", "einheit"},
    [F_DIRECTION] = {"direction", "richtung"},
    [F_PROGRESS] = {"progress", "fortschritt"},
    [F_STATUS] = {"status"},
    [F_CONFIDENCE] = {"confidence", "zuversicht", "konfidenz"},
    [F_WEIGHT] = {"weight", "gewichtung", "gewicht"},
    [F_UPDATED_AT] = {"updatedat", "updated", "lastupdate", "lastupdated", "aktualisiert", "stand"},
    [F_DONE] = {"done", "erledigt"},
    [F_ID] = {"id"},
    [F_ACTION] = {"action", "ma\xC3\x9fnahme", "massnahme", "initiative"},
    [F_DUE] = {"due", "f\xC3\xA4llig", "duedate", "f\xC3\xA4lligkeit"},
};

/* The names --check uses for a field in messages. */
static const char *const FIELD_LABELS[F_COUNT] = {
    "objective",  "key_result", "owner",     "objective_owner", "team",   "start",      "current",
    "target",     "unit",       "direction", "progress",        "status", "confidence", "weight",
    "updated_at", "done",       "id",        "action",          "due",
};

/*
 * Lower-cases ASCII and the German capitals Ä Ö Ü, drops spaces (also
 * no-break spaces), '_', '-' and a trailing ':', so "Key Result", "key_result"
 * and "KEY-RESULT:" are the same name. Writes at most size - 1 bytes.
 */
static void normalize_name(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ' || ch == '_' || ch == '-' || ch == '\t' || ch == '\r' || ch == '\n')
            continue;
        if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        if (ch == 0xC3 && i + 1 < n) {
            unsigned char c2 = (unsigned char)s[i + 1];
            if (c2 == 0x84 || c2 == 0x96 || c2 == 0x9C) /* Ä Ö Ü -> ä ö ü */
                c2 += 0x20;
            out[o++] = (char)ch;
            out[o++] = (char)c2;
            i++;
            continue;
        }
        out[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    while (o > 0 && out[o - 1] == ':')
        o--;
    out[o] = '\0';
}

static int field_by_name(const char *norm)
{
    for (int f = 0; f < F_COUNT; f++) {
        for (int a = 0; a < 8 && FIELD_NAMES[f][a]; a++) {
            if (strcmp(norm, FIELD_NAMES[f][a]) == 0)
                return f;
        }
    }
    return -1;
}

/* "A".."Z", "AA".. for a 0-based column. */
static void column_letters(size_t col, char *out, size_t size)
{
    char tmp[8];
    size_t n = 0;
    col++;
    while (col > 0 && n < sizeof tmp) {
        col--;
        tmp[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    size_t o = 0;
    while (n > 0 && o + 1 < size)
        out[o++] = tmp[--n];
    out[o] = '\0';
}

/* ---------------------------------------------------------------- text -- */

static bool is_ws(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Trims ASCII white space and no-break spaces (U+00A0, U+202F) at both ends. */
static void trim(const char **s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t len = *n;
    for (;;) {
        if (len > 0 && is_ws(p[0])) {
            p++, len--;
        } else if (len > 1 && p[0] == 0xC2 && p[1] == 0xA0) {
            p += 2, len -= 2;
        } else if (len > 2 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) {
            p += 3, len -= 3;
        } else {
            break;
        }
    }
    for (;;) {
        if (len > 0 && is_ws(p[len - 1])) {
            len--;
        } else if (len > 1 && p[len - 2] == 0xC2 && p[len - 1] == 0xA0) {
            len -= 2;
        } else if (len > 2 && p[len - 3] == 0xE2 && p[len - 2] == 0x80 && p[len - 1] == 0xAF) {
            len -= 3;
        } else {
            break;
        }
    }
    *s = (const char *)p;
    *n = len;
}

/* A cell's text, safe to quote in a message. */
static void snippet(const char *s, size_t n, char *out, size_t size)
{
    OkrTextFlags f = {0};
    char buf[SNIPPET_MAX + 1];
    okr_text_clean(s, n, buf, SNIPPET_MAX, true, &f);
    snprintf(out, size, "%s", buf);
}

/* ------------------------------------------------------------- context -- */

typedef struct {
    const char *s;
    size_t n;
} Cell;

typedef struct {
    char label[NAME_MAX_SHOWN + 32]; /* column "Istwert" (F) */
    int field;                       /* -1: not used */
} Column;

typedef struct {
    int field;
    char name[64]; /* normalized */
} ExtraColumn;

typedef struct {
    OkrLimits lim;
    OkrDiagList *diags;
    bool oom;
    char decimal; /* ',' or '.' */
    char delimiter;
    OkrCsvDateOrder date_order;
    bool decimal_explicit;
    ExtraColumn extra[MAX_EXTRA_COLUMNS];
    size_t n_extra;

    /* the record being collected */
    char *buf;
    size_t buf_len, buf_cap;
    size_t cell_start[MAX_COLUMNS], cell_len[MAX_COLUMNS];
    size_t n_cells, n_cells_total;
    int last_term; /* terminator of the previous record, for CR LF */
    size_t row;    /* sheet row number of the record being collected */

    /* the header */
    bool have_header, gave_up;
    size_t header_row, rows_searched;
    Column *cols;
    size_t n_cols;
    int col_of[F_COUNT];

    /* ragged rows, reported once at the end */
    size_t short_rows, first_short, long_rows, first_long;

    /* the model */
    OkrFeed *feed;
    size_t cap_objectives;
    size_t *kr_cap, *act_cap; /* per objective */
    size_t *first_row;        /* per objective: the row that named it */
    size_t *krs_dropped, *acts_dropped, *krs_dropped_row, *acts_dropped_row;
    size_t objectives_dropped, first_dropped_row;
    long current; /* index of the objective of the rows below, -1: none */
    bool current_dropped;
} Ctx;

static void cell_path(const Ctx *c, size_t col, char *out, size_t size)
{
    if (col < c->n_cols)
        snprintf(out, size, "row %zu, %s", c->row, c->cols[col].label);
    else
        snprintf(out, size, "row %zu", c->row);
}

static void warn_cell(Ctx *c, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn_cell(Ctx *c, size_t col, const char *fmt, ...)
{
    char path[sizeof(((OkrDiag *)0)->path)];
    char msg[sizeof(((OkrDiag *)0)->message)];
    cell_path(c, col, path, sizeof path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    okr_diag_add(c->diags, OKR_DIAG_WARNING, path, "%s", msg);
}

/* A cell of the current row, trimmed (see trim_cells). */
static Cell get(const Ctx *c, Field f)
{
    Cell cell = {"", 0};
    int col = c->col_of[f];
    if (col >= 0 && (size_t)col < c->n_cells) {
        cell.s = c->buf + c->cell_start[col];
        cell.n = c->cell_len[col];
    }
    return cell;
}

static size_t col_of(const Ctx *c, Field f)
{
    return c->col_of[f] >= 0 ? (size_t)c->col_of[f] : SIZE_MAX;
}

/* A copy of a text cell, or NULL when it is empty (or out of memory). */
static char *copy_cell(Ctx *c, Field f)
{
    Cell cell = get(c, f);
    char stack[OKR_LIMIT_STRING + 1];
    char *buf, *dst = NULL;
    OkrTextFlags flags = {0};
    if (cell.n == 0)
        return NULL;
    buf = c->lim.max_string <= OKR_LIMIT_STRING ? stack : malloc(c->lim.max_string + 1);
    if (!buf) {
        c->oom = true;
        return NULL;
    }
    size_t n = okr_text_clean(cell.s, cell.n, buf, c->lim.max_string, true, &flags);
    if (flags.invalid)
        warn_cell(c, col_of(c, f), "not valid UTF-8; the bad bytes are shown as \xEF\xBF\xBD");
    if (flags.cut)
        warn_cell(c, col_of(c, f), "longer than %zu bytes; cut to fit", c->lim.max_string);
    dst = malloc(n + 1);
    if (dst)
        memcpy(dst, buf, n + 1);
    else
        c->oom = true;
    if (buf != stack)
        free(buf);
    return dst;
}

/* ------------------------------------------------------------- numbers -- */

typedef struct {
    bool percent;
    const char *currency; /* "€", "$", ... or NULL */
    bool contradicts;     /* the separators follow the other decimal rule */
} NumInfo;

static bool starts_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && memcmp(s, w, k) == 0;
}

static bool ends_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && memcmp(s + n - k, w, k) == 0;
}

static const char *const CURRENCIES[] = {"\xE2\x82\xAC", "$",   "\xC2\xA3", "\xC2\xA5",
                                         "EUR",          "USD", "GBP",      "CHF"};

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static const char *strip_currency(const char **s, size_t *n)
{
    if (*n > 0 && is_digit((*s)[0]) && is_digit((*s)[*n - 1]))
        return NULL; /* the common case: nothing around the digits */
    for (size_t i = 0; i < sizeof CURRENCIES / sizeof CURRENCIES[0]; i++) {
        const char *w = CURRENCIES[i];
        size_t k = strlen(w);
        if (starts_with(*s, *n, w)) {
            *s += k;
            *n -= k;
            trim(s, n);
            return w;
        }
        if (ends_with(*s, *n, w)) {
            *n -= k;
            trim(s, n);
            return w;
        }
    }
    return NULL;
}

static bool strip_sign(const char **s, size_t *n, bool *neg)
{
    if (*n > 0 && ((*s)[0] == '-' || (*s)[0] == '+')) {
        *neg = (*s)[0] == '-';
        (*s)++, (*n)--;
        return true;
    }
    if (starts_with(*s, *n, "\xE2\x88\x92")) { /* U+2212 minus sign */
        *neg = true;
        *s += 3, *n -= 3;
        return true;
    }
    return false;
}

/*
 * Digits with dec as the decimal separator and the other of ',' '.' (or a
 * space, no-break space or apostrophe) between groups of three before it,
 * then an optional exponent. Writes a plain C number into out.
 */
static bool digits_to_c(const char *s, size_t n, char dec, char *out, size_t size)
{
    char thou = dec == ',' ? '.' : ',';
    size_t o = 0, group = 0, groups = 0, i = 0;
    bool seen_dec = false, any = false;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        size_t sep_len = 0;
        if (ch >= '0' && ch <= '9') {
            if (o + 2 >= size)
                return false;
            out[o++] = (char)ch;
            group++;
            any = true;
            i++;
            continue;
        }
        if (ch == (unsigned char)dec) {
            if (seen_dec || (groups > 0 && group != 3))
                return false;
            seen_dec = true;
            out[o++] = '.';
            i++;
            continue;
        }
        if ((ch == 'e' || ch == 'E') && any) {
            size_t j = i + 1;
            if (j < n && (s[j] == '+' || s[j] == '-'))
                j++;
            if (j >= n || (groups > 0 && !seen_dec && group != 3))
                return false;
            for (size_t k = j; k < n; k++) {
                if (s[k] < '0' || s[k] > '9')
                    return false;
            }
            if (o + (n - i) + 1 >= size)
                return false;
            memcpy(out + o, s + i, n - i);
            o += n - i;
            i = n;
            break;
        }
        if (ch == (unsigned char)thou || ch == ' ' || ch == '\'')
            sep_len = 1;
        else if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
            sep_len = 2;
        else if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0xAF)
            sep_len = 3;
        if (sep_len == 0 || seen_dec || group == 0 || group > 3 || (groups > 0 && group != 3))
            return false;
        groups++;
        group = 0;
        i += sep_len;
    }
    if (!any || (groups > 0 && !seen_dec && group != 3))
        return false;
    out[o] = '\0';
    return true;
}

/* A number as people type it; false when the cell is not one. */
static bool read_number(const char *s, size_t n, char dec, double *out, NumInfo *info)
{
    char buf[NUMBER_MAX + 8];
    bool neg = false;
    memset(info, 0, sizeof *info);
    trim(&s, &n);
    if (n == 0 || n > NUMBER_MAX)
        return false;
    if (s[n - 1] == '%') {
        info->percent = true;
        n--;
        trim(&s, &n);
    }
    bool signed_ = strip_sign(&s, &n, &neg);
    trim(&s, &n);
    info->currency = strip_currency(&s, &n);
    if (!signed_)
        strip_sign(&s, &n, &neg);
    if (n == 0)
        return false;
    if (!digits_to_c(s, n, dec, buf, sizeof buf)) {
        if (!digits_to_c(s, n, dec == ',' ? '.' : ',', buf, sizeof buf))
            return false;
        info->contradicts = true;
    }
    char *end = NULL;
    double v = strtod(buf, &end);
    if (!end || *end != '\0' || !isfinite(v))
        return false;
    *out = neg ? -v : v;
    return true;
}

/* ---------------------------------------------------------------- dates -- */

static bool read_uint(const char **p, const char *end, int min_digits, int max_digits, int *out)
{
    int v = 0, d = 0;
    while (*p < end && **p >= '0' && **p <= '9' && d < max_digits) {
        v = v * 10 + (**p - '0');
        (*p)++;
        d++;
    }
    if (d < min_digits || (*p < end && **p >= '0' && **p <= '9'))
        return false;
    *out = v;
    return true;
}

static const char *order_name(OkrCsvDateOrder o)
{
    return o == OKR_CSV_DATE_DMY   ? "day/month/year"
           : o == OKR_CSV_DATE_MDY ? "month/day/year"
                                   : "year/month/day";
}

typedef enum { DATE_OK, DATE_BAD, DATE_WRONG_ORDER } DateResult;

/* Optional " 8:30", " 08:30:00", " 8:30 PM" after a date. */
static bool read_clock(const char *p, const char *end, int *h, int *mi, int *sec)
{
    *h = *mi = *sec = 0;
    while (p < end && *p == ' ')
        p++;
    if (p == end)
        return true;
    if (!read_uint(&p, end, 1, 2, h) || p >= end || *p++ != ':' || !read_uint(&p, end, 2, 2, mi))
        return false;
    if (p < end && *p == ':') {
        p++;
        if (!read_uint(&p, end, 2, 2, sec))
            return false;
    }
    while (p < end && *p == ' ')
        p++;
    if (end - p == 2 && (p[1] == 'M' || p[1] == 'm') &&
        (p[0] == 'A' || p[0] == 'a' || p[0] == 'P' || p[0] == 'p')) {
        if (*h < 1 || *h > 12)
            return false;
        *h = *h % 12 + (p[0] == 'P' || p[0] == 'p' ? 12 : 0);
        p = end;
    }
    return p == end && *h <= 23 && *mi <= 59 && *sec <= 59;
}

/* A checked date and time of day (UTC) -> unix seconds. */
static bool make_time(int y, int m, int d, int h, int mi, int sec, int64_t *out)
{
    if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > okr_days_in_month(y, m))
        return false;
    *out = okr_days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60 + sec;
    return true;
}

/* "Jan".."Dec" (any case) -> 1..12, else 0. */
static int month_from_name(const char *p)
{
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    char m[3];
    for (int i = 0; i < 3; i++)
        m[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
    for (int i = 0; i < 12; i++) {
        if (memcmp(names + i * 3, m, 3) == 0)
            return i + 1;
    }
    return 0;
}

/* ISO, D.M.YYYY, D/Mon/YY, and slash or dash dates in the sheet's order. Times after a
 * date are read as UTC. */
static DateResult read_date(const Ctx *c, const char *s, size_t n, int64_t *out)
{
    char iso[64];
    trim(&s, &n);
    if (n == 0 || n >= sizeof iso)
        return DATE_BAD;
    if (n >= 10 && s[4] == '-') {
        memcpy(iso, s, n);
        iso[n] = '\0';
        if (okr_parse_time(iso, out) == 0)
            return DATE_OK;
    }

    const char *p = s, *end = s + n;
    int a, b, y, h, mi, sec;
    const char *a_start = p;
    if (!read_uint(&p, end, 1, 4, &a) || p >= end)
        return DATE_BAD;
    int a_digits = (int)(p - a_start);
    char sep = *p++;
    if (sep != '.' && sep != '/' && sep != '-')
        return DATE_BAD;
    bool month_named = false;
    if (p + 3 <= end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))) {
        b = month_from_name(p);
        if (b == 0)
            return DATE_BAD;
        p += 3;
        month_named = true;
    } else if (!read_uint(&p, end, 1, 2, &b)) {
        return DATE_BAD;
    }
    if (p >= end || *p++ != sep)
        return DATE_BAD;
    const char *y_start = p;
    if (!read_uint(&p, end, 1, 4, &y))
        return DATE_BAD;
    int y_digits = (int)(p - y_start);
    if (!read_clock(p, end, &h, &mi, &sec))
        return DATE_BAD;

    if (a_digits == 4) { /* 2026/11/26, 2026.11.26 */
        if (y_digits > 2 || month_named)
            return DATE_BAD;
        return make_time(a, b, y, h, mi, sec, out) ? DATE_OK : DATE_BAD;
    }
    if (a_digits > 2 || (y_digits != 2 && y_digits != 4))
        return DATE_BAD;
    if (y_digits == 2)
        y += 2000;
    if (month_named) /* Jira's 24/Nov/26 */
        return make_time(y, b, a, h, mi, sec, out) ? DATE_OK : DATE_BAD;
    OkrCsvDateOrder order = sep == '.' ? OKR_CSV_DATE_DMY : c->date_order;
    if (order == OKR_CSV_DATE_YMD) /* a two-digit first part: not year-first */
        order = c->decimal == ',' ? OKR_CSV_DATE_DMY : OKR_CSV_DATE_MDY;
    int d = order == OKR_CSV_DATE_DMY ? a : b, m = order == OKR_CSV_DATE_DMY ? b : a;
    if (make_time(y, m, d, h, mi, sec, out))
        return DATE_OK;
    int64_t other;
    if (sep != '.' && make_time(y, d, m, h, mi, sec, &other))
        return DATE_WRONG_ORDER;
    return DATE_BAD;
}

/* ---------------------------------------------------------------- words -- */

typedef struct {
    const char *word;
    int value;
} Word;

static int lookup_word(const Word *words, size_t count, const char *s, size_t n)
{
    char norm[64];
    trim(&s, &n);
    if (n == 0 || n >= sizeof norm)
        return -1;
    normalize_name(s, n, norm, sizeof norm);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(norm, words[i].word) == 0)
            return words[i].value;
    }
    return -1;
}

static const Word DONE_WORDS[] = {
    {"yes", 1},
    {"no", 0},
    {"true", 1},
    {"false", 0},
    {"x", 1},
    {"ja", 1},
    {"nein", 0},
    {"1", 1},
    {"0", 0},
    {"\xE2\x9C\x93", 1},
    {"\xE2\x9C\x94", 1},
    {"\xE2\x98\x91", 1},
    {"\xE2\x9C\x97", 0},
    {"y", 1},
    {"n", 0},
    {"wahr", 1},
    {"falsch", 0},
    {"done", 1},
    {"erledigt", 1},
    {"open", 0},
    {"offen", 0},
};

static const Word STATUS_WORDS[] = {
    {"ontrack", OKR_STATUS_ON_TRACK},
    {"green", OKR_STATUS_ON_TRACK},
    {"implan", OKR_STATUS_ON_TRACK},
    {"gr\xC3\xBCn", OKR_STATUS_ON_TRACK},
    {"atrisk", OKR_STATUS_AT_RISK},
    {"needsattention", OKR_STATUS_AT_RISK},
    {"amber", OKR_STATUS_AT_RISK},
    {"yellow", OKR_STATUS_AT_RISK},
    {"gef\xC3\xA4hrdet", OKR_STATUS_AT_RISK},
    {"gelb", OKR_STATUS_AT_RISK},
    {"offtrack", OKR_STATUS_OFF_TRACK},
    {"behind", OKR_STATUS_OFF_TRACK},
    {"red", OKR_STATUS_OFF_TRACK},
    {"kritisch", OKR_STATUS_OFF_TRACK},
    {"rot", OKR_STATUS_OFF_TRACK},
    {"done", OKR_STATUS_DONE},
    {"accomplished", OKR_STATUS_DONE},
    {"complete", OKR_STATUS_DONE},
    {"completed", OKR_STATUS_DONE},
    {"achieved", OKR_STATUS_DONE},
    {"erreicht", OKR_STATUS_DONE},
    {"erledigt", OKR_STATUS_DONE},
    {"abgeschlossen", OKR_STATUS_DONE},
};

static const Word DIRECTION_WORDS[] = {
    {"increase", OKR_DIR_INCREASE},
    {"up", OKR_DIR_INCREASE},
    {"steigern", OKR_DIR_INCREASE},
    {"erh\xC3\xB6hen", OKR_DIR_INCREASE},
    {"decrease", OKR_DIR_DECREASE},
    {"down", OKR_DIR_DECREASE},
    {"senken", OKR_DIR_DECREASE},
    {"verringern", OKR_DIR_DECREASE},
    {"atleast", OKR_DIR_AT_LEAST},
    {"mindestens", OKR_DIR_AT_LEAST},
    {">=", OKR_DIR_AT_LEAST},
    {"\xE2\x89\xA5", OKR_DIR_AT_LEAST},
    {"atmost", OKR_DIR_AT_MOST},
    {"h\xC3\xB6"
     "chstens",
     OKR_DIR_AT_MOST},
    {"<=", OKR_DIR_AT_MOST},
    {"\xE2\x89\xA4", OKR_DIR_AT_MOST},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------- cell readers -- */

static void quote_cell(Cell cell, char *out, size_t size)
{
    snippet(cell.s, cell.n, out, size);
}

/* A number cell; false (with a warning when it is not empty) otherwise. */
static bool get_number(Ctx *c, Field f, double *out, NumInfo *info)
{
    Cell cell = get(c, f);
    char what[SNIPPET_MAX + 8];
    if (cell.n == 0)
        return false;
    if (!read_number(cell.s, cell.n, c->decimal, out, info)) {
        quote_cell(cell, what, sizeof what);
        warn_cell(c, col_of(c, f), "expected a number, got \"%s\"", what);
        return false;
    }
    if (info->contradicts) {
        quote_cell(cell, what, sizeof what);
        warn_cell(
            c, col_of(c, f),
            "\"%s\" is written with a decimal %s, but this sheet's numbers use a "
            "decimal %s%s; read as %.15g%s",
            what, c->decimal == ',' ? "point" : "comma", c->decimal == ',' ? "comma" : "point",
            c->decimal_explicit   ? ""
            : c->delimiter == ',' ? " (the columns are separated by commas)"
                                  : " (the columns are separated by semicolons or tabs)",
            *out,
            c->decimal_explicit ? ""
            : c->decimal == ',' ? "; if the sheet writes every number so, set csv-decimal = point"
                                : "; if the sheet writes every number so, set csv-decimal = comma");
    }
    return true;
}

/* A fraction written as 66 %, 0.66 or 66 (over 1: a percent, with a warning). */
static bool get_fraction(Ctx *c, Field f, double *out)
{
    NumInfo info;
    double v;
    if (!get_number(c, f, &v, &info))
        return false;
    if (info.percent) {
        v /= 100.0;
    } else if (v > 1.0) {
        char what[SNIPPET_MAX + 8];
        quote_cell(get(c, f), what, sizeof what);
        warn_cell(c, col_of(c, f), "\"%s\" is read as %.15g %% (write 0.66 or 66 %% to say so)",
                  what, v);
        v /= 100.0;
    }
    *out = v;
    return true;
}

/* A date cell; false (with a warning when it is not empty) otherwise. */
static bool get_date(Ctx *c, Field f, int64_t *out)
{
    Cell cell = get(c, f);
    char what[SNIPPET_MAX + 8];
    if (cell.n == 0)
        return false;
    DateResult r = read_date(c, cell.s, cell.n, out);
    if (r == DATE_OK)
        return true;
    quote_cell(cell, what, sizeof what);
    if (r == DATE_WRONG_ORDER)
        warn_cell(c, col_of(c, f),
                  "\"%s\" is not a date in %s order, which this sheet uses; if the %s comes "
                  "first, set csv-date-order = %s; ignored",
                  what, order_name(c->date_order),
                  c->date_order == OKR_CSV_DATE_MDY ? "day" : "month",
                  c->date_order == OKR_CSV_DATE_MDY ? "dmy" : "mdy");
    else
        warn_cell(c, col_of(c, f),
                  "expected a date like 2026-11-26, 26.11.2026 or %s, got \"%s\"; ignored",
                  c->date_order == OKR_CSV_DATE_MDY ? "11/26/2026" : "26/11/2026", what);
    return false;
}

/* A cell that is one of words: its value; -1 when empty, or (with "expected
 * <expected>, got ...; <consequence>") when it is none of them. */
static int get_word(Ctx *c, Field f, const Word *words, size_t count, const char *expected,
                    const char *consequence)
{
    Cell cell = get(c, f);
    char what[SNIPPET_MAX + 8];
    if (cell.n == 0)
        return -1;
    int v = lookup_word(words, count, cell.s, cell.n);
    if (v < 0) {
        quote_cell(cell, what, sizeof what);
        warn_cell(c, col_of(c, f), "expected %s, got \"%s\"; %s", expected, what, consequence);
    }
    return v;
}

static bool get_done(Ctx *c, Field f, bool *out)
{
    int v = get_word(c, f, DONE_WORDS, COUNT(DONE_WORDS),
                     "yes or no (ja, nein, x, true, false, 1, 0)", "ignored");
    if (v < 0)
        return false;
    *out = v == 1;
    return true;
}

static OkrStatus get_status(Ctx *c)
{
    int v = get_word(c, F_STATUS, STATUS_WORDS, COUNT(STATUS_WORDS),
                     "on track, at risk, off track or done (im Plan, gef\xC3\xA4hrdet, kritisch, "
                     "erreicht)",
                     "the status is computed instead");
    return v < 0 ? OKR_STATUS_UNSET : (OkrStatus)v;
}

static double get_weight(Ctx *c)
{
    NumInfo info;
    double w;
    if (!get_number(c, F_WEIGHT, &w, &info))
        return 1.0;
    if (info.percent)
        w /= 100.0;
    if (w < 0.0) {
        warn_cell(c, col_of(c, F_WEIGHT), "%.15g is negative; using 1", w);
        w = 1.0;
    }
    return w;
}

/* --------------------------------------------------------------- model -- */

static void *grow(Ctx *c, void *arr, size_t *cap, size_t want, size_t item)
{
    if (want <= *cap)
        return arr;
    size_t ncap = *cap ? *cap * 2 : 4;
    while (ncap < want)
        ncap *= 2;
    unsigned char *p = realloc(arr, ncap * item);
    if (!p) {
        c->oom = true;
        return NULL;
    }
    memset(p + *cap * item, 0, (ncap - *cap) * item);
    *cap = ncap;
    return p;
}

/* Finds the objective named title (rows with the same objective title belong
 * together even when other rows come between), or adds it. -1 when it is over
 * the limit or memory ran out. */
static long objective_for(Ctx *c, const char *title)
{
    OkrFeed *feed = c->feed;
    if (c->current >= 0 && strcmp(feed->objectives[c->current].title, title) == 0)
        return c->current;
    for (size_t i = 0; i < feed->n_objectives; i++) {
        if (strcmp(feed->objectives[i].title, title) == 0)
            return (long)i;
    }
    if (feed->n_objectives >= c->lim.max_objectives) {
        if (c->objectives_dropped++ == 0)
            c->first_dropped_row = c->row;
        return -1;
    }
    size_t n = feed->n_objectives, cap = c->cap_objectives;
    OkrObjective *objs = grow(c, feed->objectives, &cap, n + 1, sizeof *objs);
    if (!objs)
        return -1;
    feed->objectives = objs;
    /* the per-objective counters grow with the same capacity */
    size_t **side[] = {&c->kr_cap,       &c->act_cap,         &c->first_row,       &c->krs_dropped,
                       &c->acts_dropped, &c->krs_dropped_row, &c->acts_dropped_row};
    for (size_t i = 0; i < COUNT(side); i++) {
        size_t old = c->cap_objectives;
        size_t *p = grow(c, *side[i], &old, n + 1, sizeof(size_t));
        if (!p)
            return -1;
        *side[i] = p;
    }
    c->cap_objectives = cap;
    OkrObjective *o = &objs[n];
    memset(o, 0, sizeof *o);
    o->title = strdup(title);
    if (!o->title) {
        c->oom = true;
        return -1;
    }
    o->weight = 1.0;
    c->first_row[n] = c->row;
    feed->n_objectives = n + 1;
    return (long)n;
}

static bool row_has(const Ctx *c, Field f)
{
    return get(c, f).n > 0;
}

/* Fields every row may give its objective: team, objective_owner. */
static void objective_extras(Ctx *c, OkrObjective *o)
{
    if (!o->team && row_has(c, F_TEAM))
        o->team = copy_cell(c, F_TEAM);
    if (!o->owner && row_has(c, F_OBJECTIVE_OWNER))
        o->owner = copy_cell(c, F_OBJECTIVE_OWNER);
}

/* A row with an objective and nothing of a key result or action. */
static void objective_row(Ctx *c, OkrObjective *o)
{
    if (!o->owner && row_has(c, F_OWNER))
        o->owner = copy_cell(c, F_OWNER);
    if (!o->id && row_has(c, F_ID))
        o->id = copy_cell(c, F_ID);
    double p;
    if (get_fraction(c, F_PROGRESS, &p)) {
        o->progress = p;
        o->has_progress = true;
    }
    OkrStatus st = get_status(c);
    if (st != OKR_STATUS_UNSET)
        o->status_in = st;
    if (row_has(c, F_WEIGHT))
        o->weight = get_weight(c);
}

static void check_scorable(Ctx *c, const OkrKeyResult *kr)
{
    if (kr->has_progress || kr->has_done)
        return;
    if (!kr->has_current && !kr->has_target) {
        warn_cell(c, SIZE_MAX,
                  "nothing to score: fill in progress, done, or current and target; "
                  "shown as no data");
        return;
    }
    if (!kr->has_current || !kr->has_target) {
        warn_cell(c, col_of(c, kr->has_current ? F_TARGET : F_CURRENT),
                  "empty or unreadable, so the key result has no progress; shown as no data");
        return;
    }
    if (kr->has_direction &&
        (kr->direction == OKR_DIR_AT_LEAST || kr->direction == OKR_DIR_AT_MOST))
        return;
    double start = kr->has_start ? kr->start : 0.0;
    if (!kr->has_start && kr->target < kr->current) {
        warn_cell(c, col_of(c, F_START),
                  "empty: a number that should fall (target %.15g below current %.15g) needs its "
                  "start value; read as 0",
                  kr->target, kr->current);
        return;
    }
    if (kr->target == start)
        warn_cell(c, col_of(c, F_TARGET),
                  "equals start (%.15g), so there is no span to measure; it counts as 100 %% "
                  "once current reaches %.15g, else 0 %%",
                  start, kr->target);
}

/* start, current and target; a percent or currency sign becomes the unit
 * when the unit cell is empty. */
static void kr_numbers(Ctx *c, OkrKeyResult *kr)
{
    static const Field fs[3] = {F_START, F_CURRENT, F_TARGET};
    double *vals[3] = {&kr->start, &kr->current, &kr->target};
    bool *has[3] = {&kr->has_start, &kr->has_current, &kr->has_target};
    const char *sign = NULL;
    for (int i = 0; i < 3; i++) {
        NumInfo info;
        *has[i] = get_number(c, fs[i], vals[i], &info);
        if (*has[i] && !sign)
            sign = info.percent ? "%" : info.currency;
    }
    kr->unit = copy_cell(c, F_UNIT);
    if (!kr->unit && sign) {
        kr->unit = strdup(sign);
        if (!kr->unit)
            c->oom = true;
    }
}

static void kr_row(Ctx *c, OkrKeyResult *kr, bool untitled)
{
    kr->weight = 1.0;
    kr->title = untitled ? strdup("(untitled key result)") : copy_cell(c, F_KEY_RESULT);
    if (!kr->title) {
        c->oom = true;
        return;
    }
    kr->id = copy_cell(c, F_ID);
    kr->owner = copy_cell(c, F_OWNER);
    kr_numbers(c, kr);
    kr->has_progress = get_fraction(c, F_PROGRESS, &kr->progress);
    if (kr->has_progress && kr->progress < 0.0)
        warn_cell(c, col_of(c, F_PROGRESS), "is negative; it is still used");
    kr->has_done = get_done(c, F_DONE, &kr->done);
    Cell dir = get(c, F_DIRECTION);
    if (dir.n > 0) {
        int v = lookup_word(DIRECTION_WORDS, COUNT(DIRECTION_WORDS), dir.s, dir.n);
        char what[SNIPPET_MAX + 8];
        if (v < 0) {
            quote_cell(dir, what, sizeof what);
            warn_cell(c, col_of(c, F_DIRECTION),
                      "expected increase, decrease, at least or at most (steigern, senken, "
                      "mindestens, h\xC3\xB6"
                      "chstens), got \"%s\"; using increase",
                      what);
        } else {
            kr->direction = (OkrDirection)v;
            kr->has_direction = true;
        }
    }
    if (row_has(c, F_WEIGHT))
        kr->weight = get_weight(c);
    double conf;
    if (get_fraction(c, F_CONFIDENCE, &conf)) {
        if (conf < 0.0 || conf > 1.0)
            warn_cell(c, col_of(c, F_CONFIDENCE), "%.15g %% is outside 0..100 %%; ignored",
                      conf * 100.0);
        else
            kr->confidence = conf, kr->has_confidence = true;
    }
    kr->status_in = get_status(c);
    kr->has_updated_at = get_date(c, F_UPDATED_AT, &kr->updated_at);
    check_scorable(c, kr);
}

static void action_row(Ctx *c, OkrAction *a)
{
    a->title = copy_cell(c, F_ACTION);
    if (!a->title) {
        c->oom = true;
        return;
    }
    a->owner = copy_cell(c, F_OWNER);
    get_done(c, F_DONE, &a->done);
    a->has_due = get_date(c, F_DUE, &a->due);
}

static void add_kr(Ctx *c, long oi, bool untitled)
{
    OkrObjective *o = &c->feed->objectives[oi];
    if (o->n_key_results >= c->lim.max_key_results) {
        if (c->krs_dropped[oi]++ == 0)
            c->krs_dropped_row[oi] = c->row;
        return;
    }
    OkrKeyResult *krs = grow(c, o->key_results, &c->kr_cap[oi], o->n_key_results + 1, sizeof *krs);
    if (!krs)
        return;
    o->key_results = krs;
    kr_row(c, &krs[o->n_key_results], untitled);
    o->n_key_results++; /* even half-filled: okr_feed_free frees its strings */
}

static void add_action(Ctx *c, long oi)
{
    OkrObjective *o = &c->feed->objectives[oi];
    if (o->n_actions >= c->lim.max_actions) {
        if (c->acts_dropped[oi]++ == 0)
            c->acts_dropped_row[oi] = c->row;
        return;
    }
    OkrAction *as = grow(c, o->actions, &c->act_cap[oi], o->n_actions + 1, sizeof *as);
    if (!as)
        return;
    o->actions = as;
    action_row(c, &as[o->n_actions]);
    o->n_actions++;
}

/* The objective of this row: its own cell, else the one above. */
static long row_objective(Ctx *c, bool *named)
{
    Cell cell = get(c, F_OBJECTIVE);
    *named = cell.n > 0;
    if (cell.n == 0) {
        if (c->current >= 0 || c->current_dropped)
            return c->current_dropped ? -1 : c->current;
        warn_cell(c, col_of(c, F_OBJECTIVE),
                  c->col_of[F_OBJECTIVE] >= 0
                      ? "empty, and no row above names an objective; the row is shown under "
                        "\"(untitled objective)\""
                      : "the sheet has no objective column; the key results are shown under "
                        "\"(untitled objective)\"");
        long oi = objective_for(c, "(untitled objective)");
        c->current = oi;
        return oi;
    }
    char *title = copy_cell(c, F_OBJECTIVE);
    if (!title)
        return -1;
    long oi = objective_for(c, title);
    free(title);
    c->current = oi;
    c->current_dropped = oi < 0;
    return oi;
}

static bool row_is_blank(const Ctx *c)
{
    for (size_t i = 0; i < c->n_cells; i++) {
        if (c->cell_len[i] > 0)
            return false;
    }
    return true;
}

static void check_ragged(Ctx *c)
{
    if (c->n_cells_total > c->n_cols) {
        for (size_t i = c->n_cols; i < c->n_cells; i++) {
            if (c->cell_len[i] > 0) {
                if (c->long_rows++ == 0)
                    c->first_long = c->row;
                break;
            }
        }
    } else if (c->n_cells_total < c->n_cols) {
        /* cells missing on the right only matter when a used column is among them */
        for (size_t i = c->n_cells_total; i < c->n_cols; i++) {
            if (c->cols[i].field >= 0) {
                if (c->short_rows++ == 0)
                    c->first_short = c->row;
                break;
            }
        }
    }
}

static void data_row(Ctx *c)
{
    if (row_is_blank(c))
        return;
    check_ragged(c);
    bool named;
    long oi = row_objective(c, &named);
    if (oi < 0)
        return;
    OkrObjective *o = &c->feed->objectives[oi];
    objective_extras(c, o);
    bool has_numbers = row_has(c, F_START) || row_has(c, F_CURRENT) || row_has(c, F_TARGET) ||
                       row_has(c, F_CONFIDENCE) || row_has(c, F_UNIT);
    if (row_has(c, F_KEY_RESULT)) {
        add_kr(c, oi, false);
    } else if (row_has(c, F_ACTION)) {
        add_action(c, oi);
    } else if (has_numbers) {
        warn_cell(c, col_of(c, F_KEY_RESULT),
                  "empty, but the row has key result values; shown as \"(untitled key "
                  "result)\"");
        add_kr(c, oi, true);
    } else if (named) {
        objective_row(c, o);
    } else {
        warn_cell(c, SIZE_MAX, "names no objective, key result or action; ignored");
    }
}

/* -------------------------------------------------------------- header -- */

static bool add_column_label(Ctx *c, size_t col, Cell name)
{
    char letters[8], shown[NAME_MAX_SHOWN + 1];
    OkrTextFlags f = {0};
    column_letters(col, letters, sizeof letters);
    okr_text_clean(name.s, name.n, shown, NAME_MAX_SHOWN, true, &f);
    if (name.n == 0)
        snprintf(c->cols[col].label, sizeof c->cols[col].label, "column %s", letters);
    else
        snprintf(c->cols[col].label, sizeof c->cols[col].label, "column \"%s\" (%s)", shown,
                 letters);
    return true;
}

/* Returns a Field, -1 for an unknown name, FIELD_IGNORED for one the caller
 * mapped to "ignore". */
#define FIELD_IGNORED (-2)

static int column_field(const Ctx *c, const char *norm)
{
    for (size_t i = 0; i < c->n_extra; i++) {
        if (strcmp(norm, c->extra[i].name) == 0)
            return c->extra[i].field;
    }
    return field_by_name(norm);
}

/* Is this row the header? It is when it names an objective or key result
 * column (or one the caller mapped to them). *title_like: it holds at most two
 * cells, so it may be a title or a note above the header. */
static bool is_header(const Ctx *c, bool *title_like)
{
    size_t filled = 0;
    for (size_t i = 0; i < c->n_cells; i++)
        filled += c->cell_len[i] > 0;
    *title_like = filled <= 2;
    for (size_t i = 0; i < c->n_cells; i++) {
        char norm[64];
        normalize_name(c->buf + c->cell_start[i], c->cell_len[i], norm, sizeof norm);
        int f = column_field(c, norm);
        if (f == F_OBJECTIVE || f == F_KEY_RESULT)
            return true;
    }
    return false;
}

/* Maps the header's columns; unknown ones are listed in one warning. */
static void read_header(Ctx *c)
{
    char unknown[200] = "", norm[64]; /* the message stays within OkrDiag.message */
    size_t n_unknown = 0, used = 0;
    c->n_cols = c->n_cells;
    c->cols = calloc(c->n_cols ? c->n_cols : 1, sizeof *c->cols);
    if (!c->cols) {
        c->oom = true;
        return;
    }
    for (size_t i = 0; i < c->n_cols; i++) {
        Cell cell = {c->buf + c->cell_start[i], c->cell_len[i]};
        add_column_label(c, i, cell);
        c->cols[i].field = -1;
        if (cell.n == 0)
            continue; /* Google's trailing empty columns */
        normalize_name(cell.s, cell.n, norm, sizeof norm);
        int f = column_field(c, norm);
        if (f == FIELD_IGNORED)
            continue;
        if (f >= 0 && c->col_of[f] < 0) {
            c->col_of[f] = (int)i;
            c->cols[i].field = f;
            continue;
        }
        if (f >= 0) {
            c->row = c->header_row;
            warn_cell(c, i, "a second %s column; only the first one (%s) is read", FIELD_LABELS[f],
                      c->cols[c->col_of[f]].label + 7);
            continue;
        }
        char shown[NAME_MAX_SHOWN + 1], letters[8];
        snippet(cell.s, cell.n, shown, sizeof shown);
        column_letters(i, letters, sizeof letters);
        if (n_unknown < 8 && used + strlen(shown) + 16 < sizeof unknown)
            used += (size_t)snprintf(unknown + used, sizeof unknown - used, "%s\"%s\" (%s)",
                                     n_unknown ? ", " : "", shown, letters);
        n_unknown++;
    }
    char path[32];
    snprintf(path, sizeof path, "row %zu", c->header_row);
    if (c->n_cells_total > MAX_COLUMNS)
        okr_diag_add(c->diags, OKR_DIAG_WARNING, path, "%zu columns; only the first %d are read",
                     c->n_cells_total, MAX_COLUMNS);
    if (n_unknown > 0) {
        okr_diag_add(c->diags, OKR_DIAG_WARNING, path,
                     "%zu column%s not used, their cells are ignored: %s%s", n_unknown,
                     n_unknown == 1 ? " is" : "s are", unknown, n_unknown > 8 ? ", ..." : "");
    }
}

static void header_missing(Ctx *c)
{
    okr_diag_add(c->diags, OKR_DIAG_ERROR, "row 1",
                 "no header row: none of the first rows names an \"Objective\" or \"Key "
                 "Result\" column (or Ziel, Schl\xC3\xBCsselergebnis); put the column names in "
                 "the first row, or map a tool's own names with csv-columns (see "
                 "docs/spreadsheets.md)");
}

/* ------------------------------------------------------------ records -- */

static void on_field(void *s, size_t len, void *data)
{
    Ctx *c = data;
    c->n_cells_total++;
    if (c->gave_up || c->n_cells >= MAX_COLUMNS)
        return;
    if (c->buf_len + len + 1 > c->buf_cap) {
        size_t cap = c->buf_cap ? c->buf_cap : 4096;
        while (cap < c->buf_len + len + 1)
            cap *= 2;
        char *b = realloc(c->buf, cap);
        if (!b) {
            c->oom = true;
            c->gave_up = true;
            return;
        }
        c->buf = b;
        c->buf_cap = cap;
    }
    if (len)
        memcpy(c->buf + c->buf_len, s, len);
    c->cell_start[c->n_cells] = c->buf_len;
    c->cell_len[c->n_cells] = len;
    c->buf_len += len;
    c->buf[c->buf_len++] = '\0';
    c->n_cells++;
}

/* Trims every cell of the record once; readers then take them as they are. */
static void trim_cells(Ctx *c)
{
    for (size_t i = 0; i < c->n_cells; i++) {
        const char *s = c->buf + c->cell_start[i];
        size_t n = c->cell_len[i];
        trim(&s, &n);
        c->cell_start[i] = (size_t)(s - c->buf);
        c->cell_len[i] = n;
    }
}

static void on_record(int term, void *data)
{
    Ctx *c = data;
    bool empty = c->n_cells_total == 0;
    /* With CSV_REPALL_NL, the LF of a CR LF arrives as a record of its own. */
    if (empty && term == '\n' && c->last_term == '\r') {
        c->last_term = term;
        return;
    }
    c->last_term = term;
    c->row++;
    trim_cells(c);
    bool title_like;
    if (!c->gave_up && !c->oom && !empty) {
        if (c->have_header) {
            data_row(c);
        } else if (is_header(c, &title_like)) {
            c->have_header = true;
            c->header_row = c->row;
            read_header(c);
        } else if (!title_like || ++c->rows_searched >= HEADER_SEARCH) {
            /* a full row that names nothing known is a header we cannot read */
            c->gave_up = true;
        }
    }
    c->n_cells = c->n_cells_total = 0;
    c->buf_len = 0;
}

/* ------------------------------------------------------------ encoding -- */

/* Windows-1252 0x80..0x9F as Unicode; 0 where the code page has no character. */
static const unsigned short CP1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static size_t put_utf8(unsigned cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* Windows-1252 -> UTF-8 (the five undefined bytes become U+FFFD). */
static char *from_cp1252(const char *text, size_t len, size_t *out_len)
{
    char *out = malloc(len * 3 + 1);
    size_t o = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        unsigned cp = ch;
        if (ch >= 0x80 && ch < 0xA0)
            cp = CP1252[ch - 0x80] ? CP1252[ch - 0x80] : 0xFFFD;
        o += put_utf8(cp, out + o);
    }
    *out_len = o;
    return out;
}

/*
 * Errors for text that is not a sheet (a web page, UTF-16); converts
 * Windows-1252 (not one valid multi-byte UTF-8 sequence but some high bytes)
 * into *converted. Text with some valid and some invalid UTF-8 stays as it is:
 * each cell repairs its own bytes and says so.
 */
static bool check_encoding(Ctx *c, const char **text, size_t *len, char **converted)
{
    const unsigned char *p = (const unsigned char *)*text;
    size_t n = *len, valid_multi = 0, invalid = 0;
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        okr_diag_add(c->diags, OKR_DIAG_ERROR, "",
                     "the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV; save it as "
                     "\"CSV UTF-8 (comma delimited)\" instead");
        return false;
    }
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        *text += 3;
        *len -= 3;
        p += 3;
        n -= 3;
    }
    size_t zeros = 0;
    for (size_t i = 0; i < n && i < 64; i++)
        zeros += p[i] == 0;
    if (zeros >= 8) {
        okr_diag_add(c->diags, OKR_DIAG_ERROR, "",
                     "the file holds binary data or UTF-16 text, not CSV; save the sheet as "
                     "\"CSV UTF-8\"");
        return false;
    }
    if (okr_format_looks_like_html(*text, *len)) {
        okr_diag_add(c->diags, OKR_DIAG_ERROR, "", "%s", OKR_FORMAT_HTML_SHEET_MESSAGE);
        return false;
    }
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = okr_utf8_valid_len_n(p + i, n - i);
        if (k == 0) {
            invalid++;
            i++;
        } else {
            valid_multi++;
            i += k;
        }
    }
    if (invalid > 0 && valid_multi == 0) {
        size_t out_len;
        *converted = from_cp1252(*text, *len, &out_len);
        if (!*converted) {
            c->oom = true;
            return false;
        }
        *text = *converted;
        *len = out_len;
        okr_diag_add(c->diags, OKR_DIAG_WARNING, "",
                     "the file is not UTF-8; it was read as Windows-1252 (Excel's plain "
                     "\"CSV\"). Save it as \"CSV UTF-8\" to be sure every character shows "
                     "right");
    }
    return true;
}

/* ----------------------------------------------------------- delimiter -- */

/* Counts ',' ';' and tabs outside quotes on the first lines that hold any;
 * the most frequent wins, ',' on a tie. */
static char sniff_delimiter(const char *text, size_t len)
{
    size_t counts[3] = {0, 0, 0}, lines = 0;
    bool quoted = false, line_has = false;
    for (size_t i = 0; i < len && i < 65536 && lines < 5; i++) {
        char ch = text[i];
        if (ch == '"') {
            quoted = !quoted;
        } else if (!quoted && (ch == '\n' || ch == '\r')) {
            lines += line_has;
            line_has = false;
        } else if (!quoted) {
            int k = ch == ',' ? 0 : ch == ';' ? 1 : ch == '\t' ? 2 : -1;
            if (k >= 0) {
                counts[k]++;
                line_has = true;
            }
        }
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2])
        return ';';
    if (counts[2] > counts[0] && counts[2] > counts[1])
        return '\t';
    return ',';
}

/* -------------------------------------------------------------- options -- */

OkrCsvOptions okr_csv_options_default(void)
{
    OkrCsvOptions o = {0};
    return o;
}

int okr_csv_decimal_parse(const char *text, OkrCsvDecimal *out)
{
    if (!text)
        return -1;
    if (strcmp(text, "auto") == 0)
        *out = OKR_CSV_DECIMAL_AUTO;
    else if (strcmp(text, "comma") == 0 || strcmp(text, ",") == 0)
        *out = OKR_CSV_DECIMAL_COMMA;
    else if (strcmp(text, "point") == 0 || strcmp(text, ".") == 0)
        *out = OKR_CSV_DECIMAL_POINT;
    else
        return -1;
    return 0;
}

int okr_csv_date_order_parse(const char *text, OkrCsvDateOrder *out)
{
    if (!text)
        return -1;
    if (strcmp(text, "auto") == 0)
        *out = OKR_CSV_DATE_AUTO;
    else if (strcmp(text, "dmy") == 0)
        *out = OKR_CSV_DATE_DMY;
    else if (strcmp(text, "mdy") == 0)
        *out = OKR_CSV_DATE_MDY;
    else if (strcmp(text, "ymd") == 0)
        *out = OKR_CSV_DATE_YMD;
    else
        return -1;
    return 0;
}

int okr_csv_delimiter_parse(const char *text, char *out)
{
    if (!text)
        return -1;
    if (strcmp(text, "auto") == 0)
        *out = 0;
    else if (strcmp(text, ",") == 0 || strcmp(text, "comma") == 0)
        *out = ',';
    else if (strcmp(text, ";") == 0 || strcmp(text, "semicolon") == 0)
        *out = ';';
    else if (strcmp(text, "tab") == 0 || strcmp(text, "\t") == 0)
        *out = '\t';
    else
        return -1;
    return 0;
}

/* "Summary=key_result, Epic Link=objective" into c->extra. */
static void read_extra_columns(Ctx *c, const char *spec)
{
    const char *p = spec;
    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        char field_norm[64], shown[SNIPPET_MAX + 1];
        if (n > 0 && !(n == 1 && p[0] == ' ')) {
            int f = -1;
            if (eq) {
                normalize_name(eq + 1, n - (size_t)(eq + 1 - p), field_norm, sizeof field_norm);
                f = strcmp(field_norm, "ignore") == 0 ? FIELD_IGNORED : field_by_name(field_norm);
            }
            if (f == -1 || !eq) {
                const char *t = p;
                size_t tn = n;
                trim(&t, &tn);
                snippet(t, tn, shown, sizeof shown);
                okr_diag_add(c->diags, OKR_DIAG_WARNING, "csv-columns",
                             "\"%s\" is not \"Header name=field\" with a field such as "
                             "objective, key_result, current, target or ignore; ignored",
                             shown);
            } else if (c->n_extra < MAX_EXTRA_COLUMNS) {
                ExtraColumn *e = &c->extra[c->n_extra++];
                e->field = f;
                normalize_name(p, (size_t)(eq - p), e->name, sizeof e->name);
            }
        }
        p = end ? end + 1 : NULL;
    }
}

/* ---------------------------------------------------------------- entry -- */

static void report_dropped(Ctx *c)
{
    char path[32];
    OkrFeed *feed = c->feed;
    if (c->objectives_dropped > 0) {
        snprintf(path, sizeof path, "row %zu", c->first_dropped_row);
        okr_diag_add(c->diags, OKR_DIAG_WARNING, path,
                     "more than %zu objectives; rows of objective %zu and later ones (%zu "
                     "rows) are not shown",
                     c->lim.max_objectives, c->lim.max_objectives + 1, c->objectives_dropped);
    }
    for (size_t i = 0; i < feed->n_objectives; i++) {
        OkrObjective *o = &feed->objectives[i];
        char name[SNIPPET_MAX + 8]; /* cut on a character boundary, unlike %.60s */
        snippet(o->title, strlen(o->title), name, sizeof name);
        if (c->krs_dropped[i] > 0) {
            snprintf(path, sizeof path, "row %zu", c->krs_dropped_row[i]);
            okr_diag_add(c->diags, OKR_DIAG_WARNING, path,
                         "objective \"%s\" has %zu key results; only the first %zu are "
                         "shown",
                         name, o->n_key_results + c->krs_dropped[i], c->lim.max_key_results);
        }
        if (c->acts_dropped[i] > 0) {
            snprintf(path, sizeof path, "row %zu", c->acts_dropped_row[i]);
            okr_diag_add(c->diags, OKR_DIAG_WARNING, path,
                         "objective \"%s\" has %zu actions; only the first %zu are shown", name,
                         o->n_actions + c->acts_dropped[i], c->lim.max_actions);
        }
        if (o->n_key_results == 0 && !o->has_progress) {
            c->row = c->first_row[i];
            warn_cell(c, col_of(c, F_OBJECTIVE),
                      "objective \"%s\" has no key results and no progress; shown "
                      "as no data",
                      name);
        }
    }
    if (c->short_rows > 0) {
        snprintf(path, sizeof path, "row %zu", c->first_short);
        if (c->short_rows == 1)
            okr_diag_add(c->diags, OKR_DIAG_WARNING, path,
                         "fewer cells than the header row; the missing cells are read as empty");
        else
            okr_diag_add(c->diags, OKR_DIAG_WARNING, path,
                         "fewer cells than the header row (and %zu more rows); the missing "
                         "cells are read as empty",
                         c->short_rows - 1);
    }
    if (c->long_rows > 0) {
        snprintf(path, sizeof path, "row %zu", c->first_long);
        if (c->long_rows == 1)
            okr_diag_add(c->diags, OKR_DIAG_WARNING, path,
                         "more cells than the header row; the cells without a column name are "
                         "ignored");
        else
            okr_diag_add(c->diags, OKR_DIAG_WARNING, path,
                         "more cells than the header row (and %zu more rows); the cells without "
                         "a column name are ignored",
                         c->long_rows - 1);
    }
}

static bool tokenize(Ctx *c, const char *text, size_t len)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_REPALL_NL) != 0) {
        c->oom = true;
        return false;
    }
    /* libcsv's default trims spaces and tabs around unquoted fields, but never
     * the delimiter itself, so tab-separated files work too */
    csv_set_delim(&p, (unsigned char)c->delimiter);
    csv_set_blk_size(&p, 1024);
    size_t done = csv_parse(&p, text, len, on_field, on_record, c);
    if (done == len)
        csv_fini(&p, on_field, on_record, c);
    if (done != len && csv_error(&p) == CSV_ENOMEM)
        c->oom = true;
    csv_free(&p);
    return !c->oom;
}

OkrFeed *okr_csv_parse(const char *data, size_t len, const OkrLimits *limits,
                       const OkrCsvOptions *opts, OkrDiagList *diags)
{
    OkrCsvOptions o = opts ? *opts : okr_csv_options_default();
    Ctx *c = calloc(1, sizeof *c);
    OkrFeed *feed = NULL;
    char *converted = NULL;
    const char *text = data ? data : "";
    bool ok = false;

    if (!data)
        len = 0;
    if (!c) {
        okr_diag_add(diags, OKR_DIAG_ERROR, "", "out of memory while reading the sheet");
        return NULL;
    }
    c->lim = limits ? *limits : okr_limits_default();
    c->diags = diags;
    c->current = -1;
    for (int f = 0; f < F_COUNT; f++)
        c->col_of[f] = -1;

    if (len > c->lim.max_body) {
        okr_diag_add(diags, OKR_DIAG_ERROR, "",
                     "the sheet is %zu bytes, over the limit of %zu bytes; it is not read", len,
                     c->lim.max_body);
        goto cleanup;
    }
    if (!check_encoding(c, &text, &len, &converted))
        goto cleanup;
    c->delimiter = o.delimiter ? o.delimiter : sniff_delimiter(text, len);
    c->decimal_explicit = o.decimal != OKR_CSV_DECIMAL_AUTO;
    c->decimal = o.decimal == OKR_CSV_DECIMAL_COMMA   ? ','
                 : o.decimal == OKR_CSV_DECIMAL_POINT ? '.'
                 : c->delimiter == ','                ? '.'
                                                      : ',';
    c->date_order = o.date_order != OKR_CSV_DATE_AUTO ? o.date_order
                    : c->decimal == ','               ? OKR_CSV_DATE_DMY
                                                      : OKR_CSV_DATE_MDY;
    if (o.columns)
        read_extra_columns(c, o.columns);

    feed = calloc(1, sizeof *feed);
    if (!feed) {
        c->oom = true;
        goto cleanup;
    }
    feed->version = 1;
    c->feed = feed;
    if (!tokenize(c, text, len))
        goto cleanup;
    if (!c->have_header) {
        if (!c->oom)
            header_missing(c);
        goto cleanup;
    }
    report_dropped(c);
    ok = !c->oom;

cleanup:
    if (c->oom)
        okr_diag_add(diags, OKR_DIAG_ERROR, "", "out of memory while reading the sheet");
    if (!ok) {
        okr_feed_free(feed);
        feed = NULL;
    }
    free(converted);
    free(c->buf);
    free(c->cols);
    free(c->kr_cap);
    free(c->act_cap);
    free(c->first_row);
    free(c->krs_dropped);
    free(c->acts_dropped);
    free(c->krs_dropped_row);
    free(c->acts_dropped_row);
    free(c);
    return feed;
}
