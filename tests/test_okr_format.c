/*
 * Tests for okr_format: which format a body is read as (Content-Type, path or
 * URL, the body itself, the caller's choice), the web-page errors, and the
 * config's title and period overriding what a JSON feed or a sheet says.
 *
 * 2026-10-01 is 1790812800 s; 2026-12-31 1798675200 s, so a period that ends
 * on it (inclusive) ends at 2027-01-01 00:00, 1798761600 s.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "okr_format.h"

static const char JSON[] = "{\"title\":\"From the feed\",\"period\":{\"label\":\"Q1\","
                           "\"start\":\"2026-01-01\",\"end\":\"2026-03-31\"},"
                           "\"objectives\":[{\"title\":\"O\",\"progress\":0.5}]}";
static const char CSV[] = "Objective,Key Result,Progress\nO,K,50%\n";
static const char HTML[] = "\n<!DOCTYPE html><html><head><title>Sign in</title></head></html>";

static OkrFormat detect(const char *loc, const char *ct, const char *body)
{
    return okr_format_detect(OKR_FORMAT_AUTO, loc, ct, body, strlen(body));
}

static void content_type_text_csv_means_csv_whatever_the_url(void **state)
{
    (void)state;
    assert_int_equal(detect("https://x.test/feed", "text/csv; charset=utf-8", CSV), OKR_FORMAT_CSV);
    assert_int_equal(detect("https://x.test/feed", "Text/CSV", CSV), OKR_FORMAT_CSV);
    assert_int_equal(detect("https://x.test/feed", "application/json", JSON), OKR_FORMAT_JSON);
}

static void plain_text_or_octet_stream_is_csv_only_when_the_body_is_not_json(void **state)
{
    (void)state;
    assert_int_equal(detect("https://x.test/f", "text/plain", CSV), OKR_FORMAT_CSV);
    assert_int_equal(detect("https://x.test/f", "text/plain", JSON), OKR_FORMAT_JSON);
    assert_int_equal(detect("https://x.test/f", "application/octet-stream", CSV), OKR_FORMAT_CSV);
    assert_int_equal(detect("https://x.test/f", "application/octet-stream", "\xEF\xBB\xBF  [1]"),
                     OKR_FORMAT_JSON);
}

static void google_sheets_links_and_csv_paths_mean_csv(void **state)
{
    (void)state;
    assert_int_equal(detect("https://docs.google.com/spreadsheets/d/e/KEY/pub?gid=0&single=true"
                            "&output=csv",
                            "text/html", HTML),
                     OKR_FORMAT_CSV);
    assert_int_equal(
        detect("https://docs.google.com/spreadsheets/d/KEY/export?format=csv&gid=7", NULL, CSV),
        OKR_FORMAT_CSV);
    assert_int_equal(detect("/srv/okrs.CSV", NULL, CSV), OKR_FORMAT_CSV);
    assert_int_equal(detect("file:///srv/okrs.tsv", NULL, CSV), OKR_FORMAT_CSV);
    assert_int_equal(detect("/srv/okrs.json", NULL, CSV), OKR_FORMAT_JSON);
    assert_int_equal(detect("/srv/okrs", NULL, CSV), OKR_FORMAT_JSON);
    /* only the query's own parameter counts, not a look-alike */
    assert_int_equal(detect("https://x.test/a?xoutput=csv", NULL, CSV), OKR_FORMAT_JSON);
    assert_int_equal(detect("https://x.test/a.csv#frag", NULL, CSV), OKR_FORMAT_CSV);
}

static void an_explicit_format_wins(void **state)
{
    (void)state;
    assert_int_equal(okr_format_detect(OKR_FORMAT_JSON, "a.csv", "text/csv", CSV, strlen(CSV)),
                     OKR_FORMAT_JSON);
    assert_int_equal(
        okr_format_detect(OKR_FORMAT_CSV, "a.json", "application/json", JSON, strlen(JSON)),
        OKR_FORMAT_CSV);
    OkrFormat f;
    assert_int_equal(okr_format_name_parse("csv", &f), 0);
    assert_int_equal(f, OKR_FORMAT_CSV);
    assert_int_equal(okr_format_name_parse("xlsx", &f), -1);
}

static void a_sign_in_page_for_a_sheet_says_to_publish_it(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    assert_null(okr_format_parse(HTML, strlen(HTML), NULL, NULL,
                                 "https://docs.google.com/spreadsheets/d/e/K/pub?output=csv",
                                 "text/html; charset=utf-8", &d));
    assert_int_equal(d.n_errors, 1);
    assert_string_equal(d.items[0].message, OKR_FORMAT_HTML_SHEET_MESSAGE);
    okr_diag_list_free(&d);
    /* a JSON feed's URL answering with a page gets the JSON wording */
    assert_null(okr_format_parse(HTML, strlen(HTML), NULL, NULL, "https://x.test/feed.json",
                                 "text/html", &d));
    assert_non_null(strstr(d.items[0].message, "web page (HTML), not JSON"));
    okr_diag_list_free(&d);
}

static void a_csv_file_without_a_csv_name_gets_a_hint(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    assert_null(okr_format_parse(CSV, strlen(CSV), NULL, NULL, "/srv/okrs.txt", NULL, &d));
    assert_true(d.n_errors >= 2);
    assert_non_null(strstr(d.items[d.count - 1].message, "set format = csv"));
    okr_diag_list_free(&d);
}

static void title_and_period_from_the_config_override_a_json_feed_and_a_sheet(void **state)
{
    (void)state;
    OkrFormatOptions o = okr_format_options_default();
    char err[160];
    snprintf(o.title, sizeof o.title, "Team Nord");
    assert_int_equal(
        okr_format_period_parse("Q4 2026, 2026-10-01, 2026-12-31", &o, err, sizeof err), 0);
    const char *bodies[2] = {JSON, CSV};
    const char *locs[2] = {"feed.json", "okrs.csv"};
    for (int i = 0; i < 2; i++) {
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        OkrFeed *f = okr_format_parse(bodies[i], strlen(bodies[i]), NULL, &o, locs[i], NULL, &d);
        assert_non_null(f);
        assert_string_equal(f->title, "Team Nord");
        assert_string_equal(f->period_label, "Q4 2026");
        assert_true(f->has_period);
        assert_int_equal(f->period_start, INT64_C(1790812800));
        assert_int_equal(f->period_end, INT64_C(1798761600));
        okr_feed_free(f);
        okr_diag_list_free(&d);
    }
    /* without overrides the JSON feed keeps its own */
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = okr_format_parse(JSON, strlen(JSON), NULL, NULL, "feed.json", NULL, &d);
    assert_string_equal(f->title, "From the feed");
    assert_string_equal(f->period_label, "Q1");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void period_text_is_checked(void **state)
{
    (void)state;
    OkrFormatOptions o = okr_format_options_default();
    char err[160];
    assert_int_equal(okr_format_period_parse("2026-10-01, 2026-12-31", &o, err, sizeof err), 0);
    assert_string_equal(o.period_label, "");
    assert_true(o.has_period);
    assert_int_equal(okr_format_period_parse("Q4 2026", &o, err, sizeof err), 0);
    assert_false(o.has_period);
    assert_string_equal(o.period_label, "Q4 2026");
    assert_int_equal(okr_format_period_parse("Q4, 2026-10-01", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "both"));
    assert_int_equal(okr_format_period_parse("Q4, 2026-12-31, 2026-10-01", &o, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "before"));
    assert_int_equal(okr_format_period_parse("", &o, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(content_type_text_csv_means_csv_whatever_the_url),
        cmocka_unit_test(plain_text_or_octet_stream_is_csv_only_when_the_body_is_not_json),
        cmocka_unit_test(google_sheets_links_and_csv_paths_mean_csv),
        cmocka_unit_test(an_explicit_format_wins),
        cmocka_unit_test(a_sign_in_page_for_a_sheet_says_to_publish_it),
        cmocka_unit_test(a_csv_file_without_a_csv_name_gets_a_hint),
        cmocka_unit_test(title_and_period_from_the_config_override_a_json_feed_and_a_sheet),
        cmocka_unit_test(period_text_is_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
