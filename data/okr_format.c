/*
 * okr_format: format detection, dispatch to okr_parse (JSON) or okr_csv, and
 * the config's overrides of title and period. See okr_format.h.
 */
#include "okr_format.h"
#include "okr_util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

OkrFormatOptions okr_format_options_default(void)
{
    OkrFormatOptions o;
    memset(&o, 0, sizeof o);
    return o;
}

static size_t skip_bom_and_space(const char *body, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && isspace((unsigned char)body[i]))
        i++;
    return i;
}

bool okr_format_looks_like_html(const char *body, size_t len)
{
    if (!body)
        return false;
    size_t i = skip_bom_and_space(body, len);
    if (i >= len || body[i] != '<')
        return false;
    /* "<!DOCTYPE html", "<html", "<head": a CSV cell rarely starts a body with '<' */
    static const char *const starts[] = {"<!doctype html", "<html", "<head",
                                         "<!--",           "<body", "<?xml"};
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        size_t n = strlen(starts[k]);
        if (len - i >= n && strncasecmp(body + i, starts[k], n) == 0)
            return true;
    }
    return false;
}

static bool body_is_json(const char *body, size_t len)
{
    size_t i = skip_bom_and_space(body ? body : "", body ? len : 0);
    return i < len && (body[i] == '{' || body[i] == '[');
}

/* The path part of a location ends in .csv / .tsv, or its query holds
 * output=csv / format=csv (also tsv). */
static bool location_says_csv(const char *location)
{
    if (!location)
        return false;
    size_t n = strcspn(location, "?#");
    if (n >= 4 && (strncasecmp(location + n - 4, ".csv", 4) == 0 ||
                   strncasecmp(location + n - 4, ".tsv", 4) == 0))
        return true;
    if (location[n] != '?')
        return false;
    const char *q = location + n + 1;
    while (*q && *q != '#') {
        size_t k = strcspn(q, "&#");
        if ((k == 10 &&
             (strncasecmp(q, "output=csv", 10) == 0 || strncasecmp(q, "format=csv", 10) == 0 ||
              strncasecmp(q, "output=tsv", 10) == 0 || strncasecmp(q, "format=tsv", 10) == 0)))
            return true;
        q += k;
        if (*q == '&')
            q++;
    }
    return false;
}

/* The media type of a Content-Type value, lower case, without parameters. */
static void media_type(const char *content_type, char *out, size_t size)
{
    size_t o = 0;
    const char *p = content_type;
    while (*p == ' ')
        p++;
    for (; *p && *p != ';' && *p != ' ' && o + 1 < size; p++)
        out[o++] = (char)tolower((unsigned char)*p);
    out[o] = '\0';
}

OkrFormat okr_format_detect(OkrFormat requested, const char *location, const char *content_type,
                            const char *body, size_t len)
{
    if (requested != OKR_FORMAT_AUTO)
        return requested;
    if (content_type && content_type[0]) {
        char mt[64];
        media_type(content_type, mt, sizeof mt);
        if (strcmp(mt, "text/csv") == 0 || strcmp(mt, "application/csv") == 0 ||
            strcmp(mt, "text/comma-separated-values") == 0 ||
            strcmp(mt, "text/tab-separated-values") == 0)
            return OKR_FORMAT_CSV;
        if ((strcmp(mt, "text/plain") == 0 || strcmp(mt, "application/octet-stream") == 0) &&
            !body_is_json(body, len) && !okr_format_looks_like_html(body, len))
            return OKR_FORMAT_CSV;
    }
    if (location_says_csv(location))
        return OKR_FORMAT_CSV;
    return OKR_FORMAT_JSON;
}

/* A copy of a config text for the model: valid UTF-8 without control
 * characters, as the parsers promise for every string (okr_model.h). */
static char *model_text(const char *src)
{
    size_t n = strlen(src);
    char *t = malloc(n + 1);
    if (!t)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)src[i];
        size_t k = ch < 0x80 ? 1 : okr_utf8_valid_len((const unsigned char *)src + i);
        if (k == 0) {
            t[i++] = '?';
        } else if (ch < 0x20 || ch == 0x7F) {
            t[i++] = ' ';
        } else {
            memcpy(t + i, src + i, k);
            i += k;
        }
    }
    t[n] = '\0';
    return t;
}

static void apply_overrides(OkrFeed *feed, const OkrFormatOptions *o, OkrDiagList *diags, bool *oom)
{
    if (o->title[0]) {
        char *t = model_text(o->title);
        if (t) {
            free(feed->title);
            feed->title = t;
        } else {
            *oom = true;
        }
    }
    if (o->period_label[0]) {
        char *t = model_text(o->period_label);
        if (t) {
            free(feed->period_label);
            feed->period_label = t;
        } else {
            *oom = true;
        }
    }
    if (o->has_period) {
        feed->has_period = true;
        feed->period_start = o->period_start;
        feed->period_end = o->period_end;
    }
    (void)diags;
}

OkrFeed *okr_format_parse(const char *body, size_t len, const OkrLimits *limits,
                          const OkrFormatOptions *opts, const char *location,
                          const char *content_type, OkrDiagList *diags)
{
    OkrFormatOptions o = opts ? *opts : okr_format_options_default();
    OkrFeed *feed = NULL;
    bool oom = false;
    OkrFormat fmt = okr_format_detect(o.format, location, content_type, body, len);

    if (fmt == OKR_FORMAT_CSV) {
        OkrCsvOptions csv = {
            .delimiter = o.delimiter,
            .decimal = o.decimal,
            .date_order = o.date_order,
            .columns = o.csv_columns,
        };
        o.csv_columns[sizeof o.csv_columns - 1] = '\0';
        feed = okr_csv_parse(body, len, limits, &csv, diags);
    } else if (okr_format_looks_like_html(body, len)) {
        okr_diag_add(diags, OKR_DIAG_ERROR, "",
                     "the feed answered with a web page (HTML), not JSON: is the URL right, and "
                     "is it public or given a token?");
    } else {
        feed = okr_feed_parse(body, len, limits, diags);
        if (!feed && o.format == OKR_FORMAT_AUTO && body && len > 0 && !body_is_json(body, len))
            okr_diag_add(diags, OKR_DIAG_ERROR, "",
                         "if this is a spreadsheet saved as CSV, name the file .csv or set "
                         "format = csv");
    }
    if (feed) {
        apply_overrides(feed, &o, diags, &oom);
        if (oom) {
            okr_diag_add(diags, OKR_DIAG_ERROR, "", "out of memory while reading the feed");
            okr_feed_free(feed);
            feed = NULL;
        }
    }
    return feed;
}

int okr_format_name_parse(const char *text, OkrFormat *out)
{
    if (!text)
        return -1;
    if (strcmp(text, "auto") == 0)
        *out = OKR_FORMAT_AUTO;
    else if (strcmp(text, "json") == 0)
        *out = OKR_FORMAT_JSON;
    else if (strcmp(text, "csv") == 0)
        *out = OKR_FORMAT_CSV;
    else
        return -1;
    return 0;
}

int okr_format_period_parse(const char *text, OkrFormatOptions *opts, char *err, size_t errlen)
{
    char label[OKR_LIMIT_STRING + 1] = "";
    int64_t dates[2];
    int n_dates = 0;
    const char *p = text ? text : "";
    while (*p) {
        size_t n = strcspn(p, ",");
        const char *s = p;
        size_t k = n;
        while (k > 0 && isspace((unsigned char)*s))
            s++, k--;
        while (k > 0 && isspace((unsigned char)s[k - 1]))
            k--;
        char part[OKR_LIMIT_STRING + 1];
        snprintf(part, sizeof part, "%.*s", (int)(k < OKR_LIMIT_STRING ? k : OKR_LIMIT_STRING), s);
        int64_t t;
        if (part[0] && okr_parse_time(part, &t) == 0) {
            if (n_dates == 2) {
                snprintf(err, errlen, "more than two dates in \"%.80s\"", text);
                okr_utf8_drop_partial(err);
                return -1;
            }
            dates[n_dates++] = t;
        } else if (part[0]) {
            if (label[0] || n_dates > 0) {
                snprintf(err, errlen,
                         "expected \"LABEL, START, END\" like \"Q4 2026, 2026-10-01, "
                         "2026-12-31\", got \"%.80s\"",
                         text);
                okr_utf8_drop_partial(err);
                return -1;
            }
            snprintf(label, sizeof label, "%s", part);
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (n_dates == 1) {
        snprintf(err, errlen, "give both the first and the last day (YYYY-MM-DD)");
        return -1;
    }
    if (n_dates == 2 && dates[1] + 86400 <= dates[0]) {
        snprintf(err, errlen, "the last day is before the first");
        return -1;
    }
    if (!label[0] && n_dates == 0) {
        snprintf(err, errlen,
                 "expected \"LABEL, START, END\" like \"Q4 2026, "
                 "2026-10-01, 2026-12-31\"");
        return -1;
    }
    snprintf(opts->period_label, sizeof opts->period_label, "%s", label);
    opts->has_period = n_dates == 2;
    if (n_dates == 2) {
        opts->period_start = dates[0];
        opts->period_end = dates[1] + 86400;
    }
    return 0;
}
