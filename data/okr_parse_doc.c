/*
 * okr_parse_doc: the feed as a JSON document, before any field is read
 * (part of okr_parse; see okr_parse_priv.h for the three parts).
 *
 * A linear pre-scan of the raw bytes checks the size and nesting depth
 * before cJSON sees them, so a 100,000-deep document is rejected in O(n)
 * without any recursion. It also finds number tokens longer than cJSON's
 * 63-character buffer, which cJSON would otherwise misread as a syntax error;
 * those are rewritten (same length, padded with spaces) in a copy. cJSON then
 * builds the tree in a bump arena (see "cJSON allocation"); a syntax error is
 * reported with line and column. Last, the root must be an object with an
 * "objectives" array.
 */
#include "okr_parse_priv.h"

#include <math.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CJSON_NUMBER_MAX 63 /* cJSON 1.7.15 reads at most this many characters */

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

/* ------------------------------------------------------------ pre-scan -- */

typedef struct {
    size_t long_numbers; /* number tokens cJSON cannot read whole */
    size_t bad_escapes;  /* \u escapes cJSON refuses or cuts a string at */
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

static int hex_digit(unsigned char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = (unsigned char)(ch | 0x20);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* The code unit of a "\uXXXX" at p[i] (end: the closing quote), or -1. */
static long u_escape(const unsigned char *p, size_t i, size_t end)
{
    long v = 0;
    if (end - i < 6 || p[i] != '\\' || p[i + 1] != 'u')
        return -1;
    for (size_t k = 2; k < 6; k++) {
        int d = hex_digit(p[i + k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/*
 * The \u escapes of the string body p[start..end) that cJSON cannot take:
 * a lone UTF-16 surrogate (a JavaScript producer's .slice() cut through an
 * emoji) makes cJSON refuse the whole document, and \u0000 ends the string
 * there. With rewrite, each becomes a noncharacter escape of the same length
 * (PARSE_MARK_SURROGATE, PARSE_MARK_NUL), which the string reader shows as
 * U+FFFD and warns about with the member's path. Returns how many there are.
 */
static size_t fix_escapes(unsigned char *p, size_t start, size_t end, bool rewrite)
{
    size_t n = 0;
    for (size_t i = start; i + 1 < end; i++) {
        if (p[i] != '\\')
            continue;
        long cu = u_escape(p, i, end);
        if (cu < 0) {
            i++; /* \" \\ \n ...: skip the escaped character */
            continue;
        }
        const char *mark = NULL;
        if (cu >= 0xD800 && cu <= 0xDBFF) {
            long lo = u_escape(p, i + 6, end);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                i += 11; /* a valid pair */
                continue;
            }
            mark = PARSE_MARK_SURROGATE;
        } else if (cu >= 0xDC00 && cu <= 0xDFFF) {
            mark = PARSE_MARK_SURROGATE;
        } else if (cu == 0) {
            mark = PARSE_MARK_NUL;
        }
        if (mark) {
            n++;
            if (rewrite) {
                memcpy(p + i + 2, mark + 2, 4); /* "\ufdd0": same length */
            }
        }
        i += 5;
    }
    return n;
}

/* fix_escapes(rewrite) over every string of the document. */
static void fix_all_escapes(char *buf, size_t len)
{
    unsigned char *p = (unsigned char *)buf;
    for (size_t i = 0; i < len; i++) {
        if (p[i] != '"')
            continue;
        size_t close = string_end(p, len, i + 1);
        if (memchr(p + i + 1, '\\', close - (i + 1)))
            fix_escapes(p, i + 1, close, true);
        i = close;
    }
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
            size_t close = string_end(p, len, i + 1);
            if (close >= len)
                scan->in_string = true;
            else if (memchr(p + i + 1, '\\', close - (i + 1)))
                scan->bad_escapes +=
                    fix_escapes((unsigned char *)(uintptr_t)p, i + 1, close, false);
            i = close;
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

static void report_syntax_error(Ctx *c, const char *data, size_t len, size_t pos, const Scan *scan)
{
    size_t line, col, end = len;
    bool unclosed = scan->open > 0 || scan->in_string;
    const char *what = scan->in_string ? "inside a string" : "with a bracket still open";
    while (end > 0 && strchr(" \t\r\n", data[end - 1]))
        end--;
    if (unclosed && pos + 1 >= end) {
        line_col(data, len, end, &line, &col);
        parse_diag_at(c, OKR_DIAG_ERROR, "", NULL,
                      "not JSON: the text ends early at line %zu, column %zu, %s; is the file cut "
                      "short?",
                      line, col, what);
        return;
    }
    line_col(data, len, pos, &line, &col);
    char near[PARSE_SNIPPET_MAX + 1], raw[PARSE_SNIPPET_MAX + 1];
    size_t n = len - pos < 20 ? len - pos : 20;
    memcpy(raw, data + pos, n);
    raw[n] = '\0';
    TextFlags f = {0};
    parse_sanitize_text(raw, near, PARSE_SNIPPET_MAX, &f);
    parse_diag_at(c, OKR_DIAG_ERROR, "", NULL,
                  "not JSON: syntax error at line %zu, column %zu, near \"%s\"%s%s%s", line, col,
                  near, unclosed ? "; the text also ends " : "", unclosed ? what : "",
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

struct ParseArenaChunk {
    struct ParseArenaChunk *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

static _Thread_local ParseArena *tls_arena;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void *arena_malloc(size_t size)
{
    ParseArena *a = tls_arena;
    if (!a)
        return malloc(size);
    size = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    ParseArenaChunk *ch = a->head;
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

static void arena_drop(ParseArena *a)
{
    while (a->head) {
        ParseArenaChunk *next = a->head->next;
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
static cJSON *parse_in_arena(const char *text, size_t len, const char **end, ParseArena *arena,
                             bool *in_arena)
{
    pthread_once(&hooks_once, install_hooks);
    tls_arena = arena;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, end, false);
    tls_arena = NULL;
    *in_arena = arena->allocs > 0;
    return root;
}

/* ------------------------------------------------------------ document -- */

/* Checks on the raw bytes, before cJSON: size, emptiness, depth. Skips a
 * byte order mark. Returns false after reporting an error. */
static bool check_bytes(Ctx *c, const char **text, size_t *len, Scan *scan)
{
    if (*len > c->lim.max_body) {
        parse_diag_at(c, OKR_DIAG_ERROR, "", NULL,
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
        parse_diag_at(c, OKR_DIAG_ERROR, "", NULL, "not JSON: the feed is empty");
        return false;
    }
    prescan(*text, *len, c->lim.max_depth, scan);
    if (scan->too_deep_at != SIZE_MAX) {
        size_t line, col;
        line_col(*text, *len, scan->too_deep_at, &line, &col);
        parse_diag_at(c, OKR_DIAG_ERROR, "", NULL,
                      "nested deeper than %d levels at line %zu, column %zu; the feed is not read",
                      c->lim.max_depth, line, col);
        return false;
    }
    return true;
}

/* Checks on the parsed document: nothing after it, an object, an
 * "objectives" array. Returns false after reporting an error. */
static bool check_document(Ctx *c, const char *text, size_t len, const char *end, const cJSON *root,
                           Fields *fields)
{
    char what[PARSE_SNIPPET_MAX + 32];
    size_t rest = (size_t)(end - text), line, col;
    while (rest < len && text[rest] && strchr(" \t\r\n", text[rest]))
        rest++;
    if (rest < len) {
        line_col(text, len, rest, &line, &col);
        parse_diag_at(
            c, OKR_DIAG_ERROR, "", NULL,
            "not JSON: unexpected text after the end of the document at line %zu, column %zu", line,
            col);
        return false;
    }
    if (!cJSON_IsObject(root)) {
        parse_describe(root, what, sizeof what);
        parse_diag_at(c, OKR_DIAG_ERROR, "", NULL,
                      "the feed must be a JSON object ({...}) with an \"objectives\" array, got %s",
                      what);
        return false;
    }
    parse_index_fields(c, root, "", fields);
    const cJSON *objs = parse_field(fields, K_OBJECTIVES);
    if (!objs) {
        parse_diag_at(c, OKR_DIAG_ERROR, "objectives", NULL,
                      "missing: the feed needs an \"objectives\" array");
        return false;
    }
    if (!cJSON_IsArray(objs)) {
        parse_describe(objs, what, sizeof what);
        parse_diag_at(c, OKR_DIAG_ERROR, "objectives", NULL, "expected an array, got %s", what);
        return false;
    }
    return true;
}


bool parse_doc_read(Ctx *c, const char *data, size_t len, ParseDoc *doc, Fields *root)
{
    const char *text = data, *end = NULL;
    Scan scan;

    memset(doc, 0, sizeof *doc);
    if (!data)
        len = 0;
    if (c->lim.max_depth > CJSON_NESTING_LIMIT) /* cJSON would stop there anyway */
        c->lim.max_depth = CJSON_NESTING_LIMIT;
    if (!check_bytes(c, &text, &len, &scan))
        return false;
    if (scan.long_numbers > 0 || scan.bad_escapes > 0) {
        doc->copy = malloc(len);
        if (!doc->copy || (memcpy(doc->copy, text, len),
                           scan.long_numbers > 0 && shorten_numbers(doc->copy, len) != 0)) {
            c->oom = true;
            return false;
        }
        if (scan.bad_escapes > 0)
            fix_all_escapes(doc->copy, len);
        text = doc->copy;
    }
    doc->root = parse_in_arena(text, len, &end, &doc->arena, &doc->in_arena);
    if (!doc->root) {
        if (end)
            report_syntax_error(c, text, len, (size_t)(end - text), &scan);
        else
            c->oom = true;
        return false;
    }
    return check_document(c, text, len, end, doc->root, root);
}

void parse_doc_free(ParseDoc *doc)
{
    if (!doc->in_arena)
        cJSON_Delete(doc->root);
    arena_drop(&doc->arena);
    free(doc->copy);
    memset(doc, 0, sizeof *doc);
}
