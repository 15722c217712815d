/*
 * fuzz_csv: libFuzzer harness over the spreadsheet path: bytes -> okr_csv
 * (and okr_format's detection and overrides) -> score -> both --check
 * reports -> layout of a few views.
 *
 * The first byte picks the CSV options (delimiter auto / ',' / ';' / tab,
 * decimal rule, date order, a column mapping, the title/period overrides);
 * the rest is the sheet. The promises checked are the JSON harness's own
 * (fuzz_feed.c): the model stays within its limits and holds valid UTF-8
 * without control characters, every score is finite and in range, the
 * reports are valid, every placed element is inside the screen. The harness
 * includes fuzz_feed.c, with its entry points renamed, to use those checks
 * rather than a second copy that could drift.
 */
#define LLVMFuzzerTestOneInput fuzz_feed_test_one_input
#define LLVMFuzzerInitialize fuzz_feed_initialize
#include "fuzz_feed.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize

#include "okr_csv.h"
#include "okr_format.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return fuzz_feed_initialize(argc, argv);
}

/* Options from one byte: bits 0-1 delimiter, 2-3 decimal, 4-5 date order,
 * 6 a column mapping, 7 overrides through okr_format_parse. */
static OkrFormatOptions options_from(uint8_t b)
{
    static const char delims[4] = {0, ',', ';', '\t'};
    OkrFormatOptions o = okr_format_options_default();
    o.format = OKR_FORMAT_CSV;
    o.delimiter = delims[b & 3];
    o.decimal = (OkrCsvDecimal)((b >> 2) % 3);
    o.date_order = (OkrCsvDateOrder)((b >> 4) & 3);
    if (b & 0x40)
        snprintf(o.csv_columns, sizeof o.csv_columns, "%s",
                 "Summary=key_result, Epic=objective, Notes=ignore, Bad=nonsense");
    if (b & 0x80) {
        char err[160];
        snprintf(o.title, sizeof o.title, "%s", "Fuzz title");
        if (okr_format_period_parse("Q4 2026, 2026-10-01, 2026-12-31", &o, err, sizeof err) != 0)
            abort();
    }
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    uint64_t hash = fnv1a(data, size);
    OkrFormatOptions o = options_from(size > 0 ? data[0] : 0);
    const char *text = size > 0 ? (const char *)data + 1 : "";
    size_t len = size > 0 ? size - 1 : 0;

    OkrFeed *feed = okr_format_parse(text, len, NULL, &o, "sheet.csv", "text/csv", &diags);
    if (!feed) {
        CHECK(diags.n_errors > 0);
        check_reports(NULL, &diags);
        lay_all_views(NULL, 1920, 1080, hash, VIEWS_FEW);
        goto cleanup;
    }
    CHECK(diags.n_errors == 0);
    check_model(feed);
    score_and_show(feed, &diags, FIXED_NOW, hash, true);
    score_and_show(feed, &diags, now_from_input(feed, hash), hash, false);

cleanup:
    okr_feed_free(feed);
    okr_diag_list_free(&diags);
    return 0;
}
