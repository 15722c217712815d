/*
 * okr_format: the one place that decides how feed bytes are read (JSON or a
 * spreadsheet's CSV) and applies what the config says on top of any feed
 * (title, period). Every caller that turns bytes into an OkrFeed goes through
 * okr_format_parse(), so detection never differs between the wall, --check,
 * the cache and the tests.
 *
 * auto picks CSV when the server says text/csv, when it says text/plain or
 * application/octet-stream (or nothing, for a cached body) and the body is
 * not JSON, or when the path/URL ends in .csv/.tsv or holds output=csv or
 * format=csv (Google Sheets' publish and export links); else JSON.
 *
 * OkrFormatOptions holds no pointers, so it is copied with '='.
 */
#ifndef OKR_FORMAT_H
#define OKR_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "okr_csv.h"
#include "okr_diag.h"
#include "okr_model.h"
#include "okr_parse.h"

typedef enum { OKR_FORMAT_AUTO = 0, OKR_FORMAT_JSON, OKR_FORMAT_CSV } OkrFormat;

#define OKR_FORMAT_HTML_SHEET_MESSAGE                                                        \
    "the sheet answered with a web page, not CSV: is it published / shared with anyone who " \
    "has the link?"

/* What a body's Content-Type is when the caller does not know it but the
 * body came from a server (the cache): the body decides. */
#define OKR_FORMAT_CONTENT_UNKNOWN "application/octet-stream"

typedef struct {
    OkrFormat format;                      /* auto, json or csv */
    char delimiter;                        /* CSV: ',', ';', '\t' or 0 (sniffed) */
    OkrCsvDecimal decimal;                 /* CSV */
    OkrCsvDateOrder date_order;            /* CSV */
    char csv_columns[OKR_CSV_COLUMNS_MAX]; /* CSV: "Header=field, ..." or "" */
    /* Overrides for any feed; "" / false: the feed's own. */
    char title[OKR_LIMIT_STRING + 1];
    char period_label[OKR_LIMIT_STRING + 1];
    bool has_period;
    int64_t period_start; /* unix seconds, 00:00 UTC of the first day */
    int64_t period_end;   /* unix seconds, 00:00 UTC of the day after the last */
} OkrFormatOptions;

/* auto, no overrides. */
OkrFormatOptions okr_format_options_default(void);

/* The format a body will be read as. location (path or URL) and content_type
 * (NULL for a local file) may be NULL. */
OkrFormat okr_format_detect(OkrFormat requested, const char *location, const char *content_type,
                            const char *body, size_t len);

/*
 * Detects the format, parses, and applies the overrides. Same contract as
 * okr_feed_parse(): a feed the caller frees with okr_feed_free(), or NULL with
 * at least one error in diags. opts and limits may be NULL.
 */
OkrFeed *okr_format_parse(const char *body, size_t len, const OkrLimits *limits,
                          const OkrFormatOptions *opts, const char *location,
                          const char *content_type, OkrDiagList *diags);

/* Does the body start (after a byte order mark and white space) with an
 * HTML document? */
bool okr_format_looks_like_html(const char *body, size_t len);

/* "auto", "json", "csv" -> *out; 0, or -1 when unknown. */
int okr_format_name_parse(const char *text, OkrFormat *out);

/* "Q4 2026, 2026-10-01, 2026-12-31", "2026-10-01, 2026-12-31" or "Q4 2026"
 * into opts' period fields (the end date is inclusive). 0, or -1 with a
 * message in err. */
int okr_format_period_parse(const char *text, OkrFormatOptions *opts, char *err, size_t errlen);

#endif
