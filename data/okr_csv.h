/*
 * okr_csv: spreadsheet bytes (CSV as Google Sheets, Excel, LibreOffice and
 * tool exports write it) -> the same validated OkrFeed that okr_parse makes
 * from JSON, so scoring, --check and the layout do not know the difference.
 *
 * One row per key result; columns are found by their header names (English
 * and German aliases, docs/spreadsheets.md). Every problem is reported into
 * the OkrDiagList with the cell a person can find in the sheet as its path:
 * `row 7, column "Istwert" (F)`. Only "cannot be read at all" is an error (an
 * HTML page, UTF-16, no header row naming an objective or key result column,
 * over the body limit); a bad cell is a warning and its siblings still show.
 *
 * The tokenizer is Debian's libcsv (RFC 4180 plus the quirks of real
 * exports); this module sniffs the delimiter, repairs the encoding and reads
 * the values as people type them (decimal commas, 45 %, 1.000.000, ja/nein,
 * 26.11.2026).
 */
#ifndef OKR_CSV_H
#define OKR_CSV_H

#include <stddef.h>
#include "okr_diag.h"
#include "okr_model.h"
#include "okr_parse.h"

typedef enum {
    OKR_CSV_DECIMAL_AUTO = 0, /* comma when the delimiter is ';' or tab, else point */
    OKR_CSV_DECIMAL_COMMA,
    OKR_CSV_DECIMAL_POINT,
} OkrCsvDecimal;

typedef enum {
    OKR_CSV_DATE_AUTO = 0, /* day first with decimal commas, month first with points */
    OKR_CSV_DATE_DMY,
    OKR_CSV_DATE_MDY,
    OKR_CSV_DATE_YMD,
} OkrCsvDateOrder;

/* Room for a column mapping in a settings struct (okr_format.h, options.h). */
#define OKR_CSV_COLUMNS_MAX 1024

typedef struct {
    char delimiter; /* ',', ';', '\t', or 0: sniffed from the header row */
    OkrCsvDecimal decimal;
    OkrCsvDateOrder date_order;
    /* Extra header names for a tool's export, "Summary=key_result, Epic
     * Link=objective" (the field names of docs/spreadsheets.md); NULL or "".
     * Borrowed for the call. */
    const char *columns;
} OkrCsvOptions;

/* Everything automatic, no extra columns. */
OkrCsvOptions okr_csv_options_default(void);

/*
 * Parse and validate. Returns a feed the caller frees with okr_feed_free(), or
 * NULL when it cannot be shown (diags then holds at least one error). limits
 * and opts may be NULL (defaults). The feed is not scored yet.
 */
OkrFeed *okr_csv_parse(const char *data, size_t len, const OkrLimits *limits,
                       const OkrCsvOptions *opts, OkrDiagList *diags);

/* Reads "comma", "point", "dmy", ... into the enums; 0, or -1 when unknown. */
int okr_csv_decimal_parse(const char *text, OkrCsvDecimal *out);
int okr_csv_date_order_parse(const char *text, OkrCsvDateOrder *out);
/* Reads ",", ";", "tab" (or a tab character), "auto"; 0, or -1. */
int okr_csv_delimiter_parse(const char *text, char *out);

#endif
