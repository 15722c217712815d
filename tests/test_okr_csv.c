/*
 * Tests for okr_csv: the fixtures in tests/data/csv (Google publish-to-web and
 * export, Excel CSV UTF-8 in English and German, LibreOffice, a Jira export
 * read with csv-columns, Excel's Windows-1252 "CSV"), each with its progress
 * worked out by hand, then every rule of the format with the cell path its
 * warning names.
 *
 * Dates by hand: 2026-11-26 is day 20783 since 1970 (1795651200 s); 08:30
 * adds 30600 s. 2026-11-24 is 1795478400, 2026-11-20 1795132800, 2026-12-01
 * 1796083200, 2026-11-23 1795392000.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "okr_csv.h"
#include "okr_score.h"
#include "okr_test_support.h"

#define EPS 1e-9
#define NOW INT64_C(1795681800) /* 2026-11-26T08:30:00Z */
#define D_2026_11_26 INT64_C(1795651200)
#define D_2026_11_24 INT64_C(1795478400)
#define D_2026_11_20 INT64_C(1795132800)
#define D_2026_11_23 INT64_C(1795392000)
#define D_2026_12_01 INT64_C(1796083200)

/* ------------------------------------------------------------ helpers -- */

static char *read_fixture(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/csv/%s", OKR_TEST_DATA, name);
    return okr_test_read_path(path, len);
}

static OkrFeed *parse_opts(const char *text, const OkrCsvOptions *o, OkrDiagList *d)
{
    OkrFeed *feed = okr_csv_parse(text, strlen(text), NULL, o, d);
    if (feed)
        okr_score_feed(feed, NULL, NOW);
    return feed;
}

static OkrFeed *parse(const char *text, OkrDiagList *d)
{
    return parse_opts(text, NULL, d);
}

static OkrFeed *parse_fixture(const char *name, const OkrCsvOptions *o, OkrDiagList *d)
{
    size_t len;
    char *buf = read_fixture(name, &len);
    OkrFeed *feed = okr_csv_parse(buf, len, NULL, o, d);
    free(buf);
    if (feed)
        okr_score_feed(feed, NULL, NOW);
    else
        okr_test_print_diags(d);
    assert_non_null(feed);
    return feed;
}

/* The diagnostic with exactly this path whose message holds part. */
static const OkrDiag *find_diag(const OkrDiagList *d, const char *path, const char *part)
{
    for (size_t i = 0; i < d->count; i++) {
        if (strcmp(d->items[i].path, path) == 0 && strstr(d->items[i].message, part))
            return &d->items[i];
    }
    print_message("no diagnostic at \"%s\" with \"%s\"; have:\n", path, part);
    okr_test_print_diags(d);
    return NULL;
}

static void expect_warning(const OkrDiagList *d, const char *path, const char *part)
{
    const OkrDiag *g = find_diag(d, path, part);
    assert_non_null(g);
    assert_int_equal(g->level, OKR_DIAG_WARNING);
}

static void expect_error(const OkrDiagList *d, const char *path, const char *part)
{
    const OkrDiag *g = find_diag(d, path, part);
    assert_non_null(g);
    assert_int_equal(g->level, OKR_DIAG_ERROR);
}

static const OkrKeyResult *kr_at(const OkrFeed *f, size_t o, size_t k)
{
    assert_true(o < f->n_objectives);
    assert_true(k < f->objectives[o].n_key_results);
    return &f->objectives[o].key_results[k];
}

static void expect_progress(const OkrScore *s, double want)
{
    assert_true(s->has_value);
    if (fabs(s->raw - want) > EPS)
        print_message("progress %.12g, want %.12g\n", s->raw, want);
    assert_true(fabs(s->raw - want) <= EPS);
}

/* One key result "K" under objective "O" with the given extra header/cells. */
static OkrFeed *one_row(const char *header, const char *row, OkrDiagList *d)
{
    char text[2048];
    snprintf(text, sizeof text, "Objective,Key Result,%s\nO,K,%s\n", header, row);
    return parse(text, d);
}

/* ------------------------------------------------------------ fixtures -- */

static void google_publish_to_web_export_reads_with_progress_by_hand(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse_fixture("google-publish.csv", NULL, &d);
    assert_int_equal(d.n_warnings, 0);
    assert_int_equal(f->n_objectives, 2);
    assert_string_equal(f->objectives[0].title, "Grow revenue");
    assert_int_equal(f->objectives[0].n_key_results, 3);
    /* 12 / 40 */
    expect_progress(&kr_at(f, 0, 0)->score, 0.30);
    assert_int_equal(kr_at(f, 0, 0)->status_in, OKR_STATUS_ON_TRACK);
    assert_int_equal(kr_at(f, 0, 0)->updated_at, D_2026_11_24);
    assert_string_equal(kr_at(f, 0, 0)->owner, "Anna");
    /* "1,000" .. "1,250.50" .. "2,000": 250.5 / 1000 */
    expect_progress(&kr_at(f, 0, 1)->score, 0.2505);
    assert_string_equal(kr_at(f, 0, 1)->unit, "$");
    assert_int_equal(kr_at(f, 0, 1)->updated_at, D_2026_11_20);
    /* 8 % -> 4 %, now 6 %: (6 - 8) / (4 - 8) */
    expect_progress(&kr_at(f, 0, 2)->score, 0.5);
    assert_string_equal(kr_at(f, 0, 2)->unit, "%");
    assert_int_equal(kr_at(f, 0, 2)->status_in, OKR_STATUS_AT_RISK);
    /* mean of 0.30, 0.2505, 0.5 */
    expect_progress(&f->objectives[0].score, (0.30 + 0.2505 + 0.5) / 3.0);
    /* (70 - 60) / (80 - 60) and "50%" */
    expect_progress(&kr_at(f, 1, 0)->score, 0.5);
    expect_progress(&kr_at(f, 1, 1)->score, 0.5);
    expect_progress(&f->objectives[1].score, 0.5);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void google_export_skips_a_title_row_and_reads_objective_rows(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse_fixture("google-export.csv", NULL, &d);
    assert_int_equal(d.n_warnings, 0);
    assert_int_equal(f->n_objectives, 2);
    const OkrObjective *o = &f->objectives[0];
    assert_string_equal(o->title, "Ship the mobile app");
    assert_string_equal(o->owner, "Farid");
    assert_string_equal(o->team, "Mobile");
    assert_int_equal(o->n_key_results, 3);
    expect_progress(&kr_at(f, 0, 0)->score, 150.0 / 500.0);
    expect_progress(&kr_at(f, 0, 1)->score, 4.2 / 4.5);
    expect_progress(&kr_at(f, 0, 2)->score, 0.99);
    expect_progress(&o->score, (0.3 + 4.2 / 4.5 + 0.99) / 3.0);
    /* an objective row with a progress and no key results */
    assert_string_equal(f->objectives[1].team, "Support");
    assert_true(f->objectives[1].has_progress);
    expect_progress(&f->objectives[1].score, 0.40);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void excel_csv_utf8_english_reads_quotes_line_breaks_booleans_and_actions(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse_fixture("excel-en.csv", NULL, &d);
    assert_int_equal(d.n_warnings, 0);
    assert_int_equal(f->n_objectives, 1);
    const OkrObjective *o = &f->objectives[0];
    assert_string_equal(o->title, "Win the \"Big Three\" accounts");
    assert_int_equal(o->n_key_results, 3);
    expect_progress(&kr_at(f, 0, 0)->score, 1.0 / 3.0);
    assert_string_equal(kr_at(f, 0, 0)->unit, "contracts");
    assert_true(kr_at(f, 0, 0)->has_confidence);
    assert_true(fabs(kr_at(f, 0, 0)->confidence - 0.7) < EPS);
    assert_int_equal(kr_at(f, 0, 0)->updated_at, D_2026_11_26 + 30600);
    /* the line break inside the quoted cell is one space */
    assert_string_equal(kr_at(f, 0, 1)->title, "Pipeline value (weighted)");
    expect_progress(&kr_at(f, 0, 1)->score, (250000.0 - 100000.0) / (400000.0 - 100000.0));
    assert_string_equal(kr_at(f, 0, 1)->unit, "$");
    assert_true(fabs(kr_at(f, 0, 1)->confidence - 0.6) < EPS);
    assert_true(kr_at(f, 0, 2)->has_done && kr_at(f, 0, 2)->done);
    expect_progress(&kr_at(f, 0, 2)->score, 1.0);
    expect_progress(&o->score, (1.0 / 3.0 + 0.5 + 1.0) / 3.0);
    assert_int_equal(o->n_actions, 2);
    assert_string_equal(o->actions[0].title, "Prepare pitch deck");
    assert_string_equal(o->actions[0].owner, "Jo");
    assert_false(o->actions[0].done);
    assert_true(o->actions[0].has_due);
    assert_int_equal(o->actions[0].due, D_2026_12_01);
    assert_true(o->actions[1].done);
    assert_int_equal(o->actions[1].due, D_2026_11_20);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void excel_csv_utf8_german_reads_semicolons_decimal_commas_and_weights(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse_fixture("excel-de.csv", NULL, &d);
    assert_int_equal(d.n_warnings, 0);
    assert_int_equal(f->n_objectives, 2);
    assert_string_equal(f->objectives[0].title, "Umsatz steigern");
    assert_string_equal(kr_at(f, 0, 0)->title, "Neukunden");
    assert_int_equal(kr_at(f, 0, 0)->updated_at, D_2026_11_24);
    /* "1.000,00 €" .. "1.250,50 €" .. "2.000,00 €" */
    const OkrKeyResult *k = kr_at(f, 0, 1);
    assert_true(fabs(k->start - 1000.0) < EPS && fabs(k->current - 1250.5) < EPS &&
                fabs(k->target - 2000.0) < EPS);
    assert_string_equal(k->unit, "\xE2\x82\xAC");
    assert_true(fabs(k->weight - 2.0) < EPS);
    expect_progress(&k->score, 0.2505);
    assert_true(kr_at(f, 0, 2)->has_direction);
    assert_int_equal(kr_at(f, 0, 2)->direction, OKR_DIR_DECREASE);
    expect_progress(&kr_at(f, 0, 2)->score, 0.5);
    /* weighted: (0.3 * 1 + 0.2505 * 2 + 0.5 * 1) / 4 */
    expect_progress(&f->objectives[0].score, (0.3 + 0.501 + 0.5) / 4.0);
    /* WAHR */
    assert_true(kr_at(f, 1, 0)->done);
    expect_progress(&f->objectives[1].score, 1.0);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void libreoffice_export_reads_lf_two_digit_years_and_repeated_objectives(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse_fixture("libreoffice.csv", NULL, &d);
    assert_int_equal(d.n_warnings, 0);
    assert_int_equal(f->n_objectives, 1);
    expect_progress(&kr_at(f, 0, 0)->score, 3.0 / 8.0);
    expect_progress(&kr_at(f, 0, 1)->score, 0.5);
    expect_progress(&f->objectives[0].score, (0.375 + 0.5) / 2.0);
    assert_int_equal(kr_at(f, 0, 0)->status_in, OKR_STATUS_ON_TRACK);
    assert_int_equal(kr_at(f, 0, 1)->status_in, OKR_STATUS_AT_RISK);
    assert_int_equal(kr_at(f, 0, 0)->updated_at, D_2026_11_26);
    assert_int_equal(kr_at(f, 0, 1)->updated_at, D_2026_11_23);
    assert_string_equal(kr_at(f, 0, 1)->unit, "days");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void jira_export_reads_with_columns_renamed_in_the_config(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrCsvOptions o = okr_csv_options_default();
    o.columns = "Summary=key_result, Issue key=id, Assignee=owner, "
                "Custom field (Epic Name)=objective, Custom field (Baseline)=start, "
                "Custom field (Current Value)=current, Custom field (Target Value)=target, "
                "Status=ignore";
    OkrFeed *f = parse_fixture("jira.csv", &o, &d);
    /* Issue id and Issue Type are listed once as not used */
    assert_int_equal(d.n_warnings, 1);
    expect_warning(&d, "row 1", "\"Issue id\" (C), \"Issue Type\" (D)");
    assert_int_equal(f->n_objectives, 1);
    assert_string_equal(f->objectives[0].title, "Platform reliability");
    const OkrKeyResult *k = kr_at(f, 0, 0);
    assert_string_equal(k->id, "OKR-12");
    assert_string_equal(k->owner, "Omar Said");
    /* (450 - 800) / (300 - 800) */
    expect_progress(&k->score, 0.7);
    /* 24/Nov/26 9:30 AM */
    assert_int_equal(k->updated_at, D_2026_11_24 + 9 * 3600 + 30 * 60);
    /* (62 - 100) / (50 - 100) */
    expect_progress(&kr_at(f, 0, 1)->score, 0.76);
    expect_progress(&f->objectives[0].score, 0.73);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void jira_export_without_the_column_mapping_says_which_header_is_missing(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    size_t len;
    char *buf = read_fixture("jira.csv", &len);
    /* row 2 holds the words "Key Result" (Issue Type), but a full row that
     * names nothing known ends the search for the header */
    assert_null(okr_csv_parse(buf, len, NULL, NULL, &d));
    expect_error(&d, "row 1", "csv-columns");
    free(buf);
    okr_diag_list_free(&d);
}

static void windows_1252_file_is_converted_with_one_warning(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse_fixture("excel-de-1252.csv", NULL, &d);
    assert_int_equal(d.n_warnings, 1);
    expect_warning(&d, "", "Windows-1252");
    assert_string_equal(f->objectives[0].title, "Gr\xC3\xB6\xC3\x9F"
                                                "ere Reichweite");
    assert_string_equal(kr_at(f, 0, 0)->title, "Aufrufe");
    assert_string_equal(kr_at(f, 0, 0)->unit, "\xE2\x82\xAC");
    expect_progress(&kr_at(f, 0, 0)->score, 0.3);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void html_sign_in_page_is_an_error_that_asks_whether_the_sheet_is_published(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    size_t len;
    char *buf = read_fixture("sign-in.html", &len);
    assert_null(okr_csv_parse(buf, len, NULL, NULL, &d));
    expect_error(&d, "",
                 "the sheet answered with a web page, not CSV: is it published / "
                 "shared with anyone who has the link?");
    free(buf);
    okr_diag_list_free(&d);
}

/* Both templates of docs/spreadsheets.md read without a warning:
 * 12 / 40, (13.5k - 12k) / (15k - 12k), (6 - 8) / (4 - 8) -> mean 1.3 / 3;
 * done, (4.2 - 3.8) / (4.6 - 3.8), 75 % -> mean 2.25 / 3. */
static void the_english_and_german_templates_read_without_a_warning(void **state)
{
    (void)state;
    static const char *const names[2] = {"okr-template.csv", "okr-vorlage.csv"};
    for (int i = 0; i < 2; i++) {
        char path[512];
        size_t len;
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        snprintf(path, sizeof path, "%s/assets/%s", OKR_SOURCE_DIR, names[i]);
        char *buf = okr_test_read_path(path, &len);
        OkrFeed *f = okr_csv_parse(buf, len, NULL, NULL, &d);
        free(buf);
        assert_non_null(f);
        okr_score_feed(f, NULL, NOW);
        okr_test_print_diags(&d);
        assert_int_equal(d.n_warnings, 0);
        assert_int_equal(f->n_objectives, 2);
        expect_progress(&kr_at(f, 0, 0)->score, 0.3);
        expect_progress(&kr_at(f, 0, 1)->score, 0.5);
        expect_progress(&kr_at(f, 0, 2)->score, 0.5);
        expect_progress(&f->objectives[0].score, 1.3 / 3.0);
        assert_int_equal(f->objectives[0].n_actions, 2);
        assert_true(f->objectives[0].actions[0].done);
        assert_int_equal(f->objectives[0].actions[1].due, D_2026_12_01);
        assert_true(kr_at(f, 0, 0)->has_confidence);
        assert_int_equal(kr_at(f, 0, 0)->updated_at, D_2026_11_24);
        expect_progress(&kr_at(f, 1, 0)->score, 1.0);
        expect_progress(&kr_at(f, 1, 1)->score, 0.5);
        expect_progress(&kr_at(f, 1, 2)->score, 0.75);
        expect_progress(&f->objectives[1].score, 0.75);
        assert_string_equal(f->objectives[1].team, i == 0 ? "People" : "Personal");
        okr_feed_free(f);
        okr_diag_list_free(&d);
    }
}

/* -------------------------------------------------------------- bytes -- */

static void utf16_text_is_rejected_with_what_to_save_instead(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    static const char utf16[] = "\xFF\xFE"
                                "O\0b\0j\0";
    assert_null(okr_csv_parse(utf16, sizeof utf16 - 1, NULL, NULL, &d));
    expect_error(&d, "", "CSV UTF-8");
    okr_diag_list_free(&d);
}

static void invalid_utf8_in_a_cell_is_repaired_with_its_cell_named(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    /* one valid "ü" elsewhere, so the file counts as UTF-8 with a bad byte */
    OkrFeed *f = parse("Objective,Key Result,Owner\nT\xC3\xBCren,K\xFF,A\n", &d);
    assert_non_null(f);
    assert_string_equal(kr_at(f, 0, 0)->title, "K\xEF\xBF\xBD");
    expect_warning(&d, "row 2, column \"Key Result\" (B)", "not valid UTF-8");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void body_over_the_limit_and_empty_bodies_are_errors(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrLimits lim = okr_limits_default();
    lim.max_body = 10;
    assert_null(okr_csv_parse("Objective,Key Result\n", 21, &lim, NULL, &d));
    expect_error(&d, "", "over the limit of 10 bytes");
    okr_diag_list_free(&d);
    assert_null(okr_csv_parse("", 0, NULL, NULL, &d));
    expect_error(&d, "row 1", "no header row");
    okr_diag_list_free(&d);
    assert_null(okr_csv_parse(NULL, 5, NULL, NULL, &d));
    assert_true(d.n_errors > 0);
    okr_diag_list_free(&d);
}

/* ---------------------------------------------------------- structure -- */

static void delimiter_is_sniffed_from_the_header_or_given(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    /* tab: decimal comma by rule */
    OkrFeed *f = parse("Objective\tKey Result\tCurrent\tTarget\nO\tK\t2,5\t10\n", &d);
    expect_progress(&kr_at(f, 0, 0)->score, 0.25);
    assert_int_equal(d.n_warnings, 0);
    okr_feed_free(f);
    /* a title with commas does not outvote the semicolons */
    f = parse("Objective;Key Result;Current;Target\n\"A, B, C and D\";K;1;4\n", &d);
    assert_string_equal(f->objectives[0].title, "A, B, C and D");
    expect_progress(&kr_at(f, 0, 0)->score, 0.25);
    okr_feed_free(f);
    /* given: ';' although commas are more frequent */
    OkrCsvOptions o = okr_csv_options_default();
    o.delimiter = ';';
    f = parse_opts("Objective;Key Result;Current;Target\nO;K,with,commas;3;4\n", &o, &d);
    assert_string_equal(kr_at(f, 0, 0)->title, "K,with,commas");
    expect_progress(&kr_at(f, 0, 0)->score, 0.75);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void header_names_ignore_case_spaces_underscores_and_dashes(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("OBJECTIVE,key_result,Objective-Owner, T E A M ,CURRENT VALUE,target\n"
                       "O,K,Olga,Ops,1,2\n",
                       &d);
    assert_int_equal(d.n_warnings, 0);
    assert_string_equal(f->objectives[0].owner, "Olga");
    assert_string_equal(f->objectives[0].team, "Ops");
    expect_progress(&kr_at(f, 0, 0)->score, 0.5);
    okr_feed_free(f);
    /* German names, capital umlaut */
    f = parse("ZIEL;SCHL\xC3\x9CSSELERGEBNIS;Ist;Soll;F\xC3\xA4llig;Ma\xC3\x9fnahme\n"
              "O;K;1;4;;\n;;;;01.12.2026;Plan schreiben\n",
              &d);
    assert_int_equal(d.n_warnings, 0);
    expect_progress(&kr_at(f, 0, 0)->score, 0.25);
    assert_int_equal(f->objectives[0].n_actions, 1);
    assert_int_equal(f->objectives[0].actions[0].due, D_2026_12_01);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void unknown_columns_are_listed_once_and_a_second_copy_is_named(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective,Notes,Key Result,Quarter,Current,Target,Current\n"
                       "O,n,K,Q4,1,2,9\nO,n,K2,Q4,1,4,9\n",
                       &d);
    assert_int_equal(d.n_warnings, 2);
    expect_warning(&d, "row 1",
                   "2 columns are not used, their cells are ignored: \"Notes\" (B), "
                   "\"Quarter\" (D)");
    expect_warning(&d, "row 1, column \"Current\" (G)",
                   "a second current column; only the "
                   "first one (\"Current\" (E)) is read");
    expect_progress(&kr_at(f, 0, 1)->score, 0.25);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void no_header_row_is_an_error(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    assert_null(parse("Name,Value,Goal\nA,1,2\n", &d));
    expect_error(&d, "row 1", "no header row");
    okr_diag_list_free(&d);
}

static void empty_objective_cell_belongs_to_the_objective_above(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective,Key Result,Progress\nA,a1,10%\n,a2,20%\nB,b1,30%\n,b2,40%\n"
                       "A,a3,50%\n",
                       &d);
    assert_int_equal(f->n_objectives, 2);
    assert_int_equal(f->objectives[0].n_key_results, 3);
    assert_string_equal(kr_at(f, 0, 2)->title, "a3");
    assert_string_equal(kr_at(f, 1, 1)->title, "b2");
    okr_feed_free(f);
    /* no objective above: a visible placeholder and a warning on the cell */
    f = parse("Objective,Key Result,Progress\n,k,10%\n", &d);
    assert_string_equal(f->objectives[0].title, "(untitled objective)");
    expect_warning(&d, "row 2, column \"Objective\" (A)", "no row above names an objective");
    okr_feed_free(f);
    okr_diag_list_free(&d);
    /* no objective column at all: one placeholder objective, said once */
    f = parse("Key Result,Progress\nk1,10%\nk2,20%\n", &d);
    assert_int_equal(f->n_objectives, 1);
    assert_int_equal(f->objectives[0].n_key_results, 2);
    expect_warning(&d, "row 2", "the sheet has no objective column");
    assert_int_equal(d.n_warnings, 1);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void objective_rows_set_objective_fields_and_key_result_rows_do_not(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective,Key Result,Owner,Team,Progress,Status,Weight,Id\n"
                       "O,,Olga,Ops,60%,at risk,3,obj-1\n,K,Karl,,20%,,,kr-1\n",
                       &d);
    assert_int_equal(d.n_warnings, 0);
    const OkrObjective *o = &f->objectives[0];
    assert_string_equal(o->owner, "Olga");
    assert_string_equal(o->team, "Ops");
    assert_string_equal(o->id, "obj-1");
    assert_true(o->has_progress && fabs(o->progress - 0.6) < EPS);
    assert_int_equal(o->status_in, OKR_STATUS_AT_RISK);
    assert_true(fabs(o->weight - 3.0) < EPS);
    assert_string_equal(kr_at(f, 0, 0)->owner, "Karl");
    assert_string_equal(kr_at(f, 0, 0)->id, "kr-1");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void a_row_with_numbers_but_no_key_result_title_gets_a_placeholder(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective,Key Result,Current,Target\nO,,1,2\n", &d);
    assert_string_equal(kr_at(f, 0, 0)->title, "(untitled key result)");
    expect_warning(&d, "row 2, column \"Key Result\" (B)", "the row has key result values");
    okr_feed_free(f);
    f = parse("Objective,Key Result,Owner\nO,K,A\n,,Bob\n", &d);
    expect_warning(&d, "row 3", "names no objective, key result or action; ignored");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void rows_count_like_the_sheet_with_blank_lines_and_line_breaks_in_cells(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    /* row 2 spans two lines, row 3 is blank, the bad cell is in row 4 */
    OkrFeed *f = parse("Objective,Key Result,Current,Target\r\n\"O\r\nx\",K,1,2\r\n\r\n"
                       ",K2,ten,2\r\n",
                       &d);
    expect_warning(&d, "row 4, column \"Current\" (C)", "expected a number, got \"ten\"");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void ragged_rows_are_warnings_not_rejections(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective,Key Result,Current,Target\nO,K1,1\nO,K2,1,2,extra\n"
                       "O,K3,1\nO,K4,1,2,,\n",
                       &d);
    assert_int_equal(f->objectives[0].n_key_results, 4);
    expect_progress(&kr_at(f, 0, 1)->score, 0.5);
    expect_warning(&d, "row 2", "fewer cells than the header row (and 1 more rows)");
    expect_warning(&d, "row 3", "more cells than the header row; the cells without a column");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void limits_keep_the_first_objectives_and_key_results(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    size_t cap = 64 * 1024, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "Objective,Key Result,Progress\n");
    for (int i = 0; i < 30; i++) /* rows 2..31 */
        n += (size_t)snprintf(text + n, cap - n, "Big,k%d,10%%\n", i);
    for (int i = 1; i < 105; i++) /* rows 32.. */
        n += (size_t)snprintf(text + n, cap - n, "O%d,k,10%%\n", i);
    OkrFeed *f = parse(text, &d);
    assert_int_equal(f->n_objectives, 100);
    assert_int_equal(f->objectives[0].n_key_results, 25);
    expect_warning(&d, "row 27", "objective \"Big\" has 30 key results; only the first 25");
    /* objective 101 is O100, named in row 31 + 100 */
    expect_warning(&d, "row 131", "more than 100 objectives");
    free(text);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void columns_past_the_256th_are_ignored_with_a_warning(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    /* A header and a row of 300 columns: three named, then 297 empty ones. */
    char commas[300] = "";
    memset(commas, ',', 297);
    char text[8192];
    snprintf(text, sizeof text, "Objective,Key Result,Progress%s\nO,K,10%%%s\n", commas, commas);
    OkrFeed *f = parse(text, &d);
    assert_non_null(f);
    expect_warning(&d, "row 1", "300 columns; only the first 256 are read");
    assert_int_equal(d.n_warnings, 1);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void long_cells_are_cut_on_a_character_boundary(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    char text[2048] = "Objective,Key Result,Progress\nO,";
    size_t n = strlen(text);
    for (int i = 0; i < 200; i++) { /* 400 bytes of "ä" */
        text[n++] = '\xC3';
        text[n++] = '\xA4';
    }
    memcpy(text + n, ",1%\n", 5);
    OkrFeed *f = parse(text, &d);
    size_t len = strlen(kr_at(f, 0, 0)->title);
    assert_true(len <= OKR_LIMIT_STRING);
    assert_string_equal(kr_at(f, 0, 0)->title + len - 3, "\xE2\x80\xA6");
    expect_warning(&d, "row 2, column \"Key Result\" (B)", "longer than 300 bytes");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

/* -------------------------------------------------------------- values -- */

static void numbers_follow_the_decimal_rule_and_a_contradiction_is_a_warning(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    /* ';' means decimal comma: "1.500" is fifteen hundred, "12.5" contradicts */
    OkrFeed *f = parse("Objective;Key Result;Start;Current;Target\nO;K;0;12.5;1.500\n", &d);
    assert_true(fabs(kr_at(f, 0, 0)->current - 12.5) < EPS);
    assert_true(fabs(kr_at(f, 0, 0)->target - 1500.0) < EPS);
    expect_warning(&d, "row 2, column \"Current\" (D)",
                   "\"12.5\" is written with a decimal point, but this sheet's numbers use a "
                   "decimal comma (the columns are separated by semicolons or tabs); read as "
                   "12.5");
    assert_int_equal(d.n_warnings, 1);
    okr_feed_free(f);
    okr_diag_list_free(&d);
    /* ',' means decimal point: "1,200" is twelve hundred, "0,5" contradicts */
    f = one_row("Current,Target", "\"0,5\",\"1,200\"", &d);
    assert_true(fabs(kr_at(f, 0, 0)->current - 0.5) < EPS);
    assert_true(fabs(kr_at(f, 0, 0)->target - 1200.0) < EPS);
    expect_warning(&d, "row 2, column \"Current\" (C)",
                   "read as 0.5; if the sheet writes every number so, set csv-decimal = comma");
    okr_feed_free(f);
    okr_diag_list_free(&d);
    /* given: comma decimals in a comma-separated file (a German Google sheet) */
    OkrCsvOptions o = okr_csv_options_default();
    o.decimal = OKR_CSV_DECIMAL_COMMA;
    f = parse_opts("Objective,Key Result,Current,Target\nO,K,\"2,5\",\"1.000\"\n", &o, &d);
    assert_int_equal(d.n_warnings, 0);
    assert_true(fabs(kr_at(f, 0, 0)->current - 2.5) < EPS);
    assert_true(fabs(kr_at(f, 0, 0)->target - 1000.0) < EPS);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void numbers_accept_signs_spaces_currencies_percents_and_exponents(void **state)
{
    (void)state;
    static const struct {
        const char *cell;
        double want;
    } cases[] = {
        {"\" 42 \"", 42},
        {"-3", -3},
        {"\"\xE2\x88\x92"
         "3\"",
         -3},
        {"+7", 7},
        {"\"$1,234.50\"", 1234.5},
        {"\"1,234.50 USD\"", 1234.5},
        {"45%", 45},
        {"\"45 %\"", 45},
        {"1E3", 1000},
        {"\"1 000 000\"", 1000000},
        {"\"\xE2\x82\xAC -5\"", -5},
        {"\"1\xC2\xA0"
         "000\"",
         1000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        OkrFeed *f = one_row("Current,Target", cases[i].cell, &d);
        if (!kr_at(f, 0, 0)->has_current || fabs(kr_at(f, 0, 0)->current - cases[i].want) > EPS) {
            print_message("cell %s\n", cases[i].cell);
            okr_test_print_diags(&d);
        }
        assert_true(kr_at(f, 0, 0)->has_current);
        assert_true(fabs(kr_at(f, 0, 0)->current - cases[i].want) < EPS);
        okr_feed_free(f);
        okr_diag_list_free(&d);
    }
    static const char *const bad[] = {"ten", "1.2.3", "\"1,23,4\"", "12abc", "%", "$", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        OkrFeed *f = one_row("Current,Target", bad[i], &d);
        assert_false(kr_at(f, 0, 0)->has_current);
        expect_warning(&d, "row 2, column \"Current\" (C)", "expected a number");
        okr_feed_free(f);
        okr_diag_list_free(&d);
    }
}

static void progress_is_read_as_percent_fraction_or_plain_percent(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective,Key Result,Progress\nO,a,66%\nO,b,0.66\nO,c,66\nO,d,1\n", &d);
    for (size_t k = 0; k < 3; k++)
        assert_true(fabs(kr_at(f, 0, k)->progress - 0.66) < EPS);
    assert_true(fabs(kr_at(f, 0, 3)->progress - 1.0) < EPS);
    assert_int_equal(d.n_warnings, 1);
    expect_warning(&d, "row 4, column \"Progress\" (C)", "\"66\" is read as 66 %");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void done_words_in_both_languages_and_a_bad_one(void **state)
{
    (void)state;
    static const struct {
        const char *word;
        bool done;
    } cases[] = {{"yes", true}, {"No", false},          {"TRUE", true},  {"false", false},
                 {"x", true},   {"Ja", true},           {"nein", false}, {"1", true},
                 {"0", false},  {"\xE2\x9C\x93", true}, {"WAHR", true},  {"FALSCH", false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        OkrFeed *f = one_row("Done", cases[i].word, &d);
        assert_true(kr_at(f, 0, 0)->has_done);
        assert_int_equal(kr_at(f, 0, 0)->done, cases[i].done);
        okr_feed_free(f);
        okr_diag_list_free(&d);
    }
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = one_row("Done", "maybe", &d);
    assert_false(kr_at(f, 0, 0)->has_done);
    expect_warning(&d, "row 2, column \"Done\" (C)", "expected yes or no");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void status_words_in_both_languages_and_a_bad_one(void **state)
{
    (void)state;
    static const struct {
        const char *word;
        OkrStatus st;
    } cases[] = {
        {"on track", OKR_STATUS_ON_TRACK},
        {"On-Track", OKR_STATUS_ON_TRACK},
        {"GREEN", OKR_STATUS_ON_TRACK},
        {"im Plan", OKR_STATUS_ON_TRACK},
        {"at risk", OKR_STATUS_AT_RISK},
        {"Needs attention", OKR_STATUS_AT_RISK},
        {"amber", OKR_STATUS_AT_RISK},
        {"yellow", OKR_STATUS_AT_RISK},
        {"Gef\xC3\x84hrdet", OKR_STATUS_AT_RISK},
        {"off track", OKR_STATUS_OFF_TRACK},
        {"behind", OKR_STATUS_OFF_TRACK},
        {"Red", OKR_STATUS_OFF_TRACK},
        {"kritisch", OKR_STATUS_OFF_TRACK},
        {"done", OKR_STATUS_DONE},
        {"Accomplished", OKR_STATUS_DONE},
        {"complete", OKR_STATUS_DONE},
        {"erreicht", OKR_STATUS_DONE},
        {"Erledigt", OKR_STATUS_DONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        char row[128];
        snprintf(row, sizeof row, "10%%,%s", cases[i].word);
        OkrFeed *f = one_row("Progress,Status", row, &d);
        if (kr_at(f, 0, 0)->status_in != cases[i].st)
            print_message("word %s\n", cases[i].word);
        assert_int_equal(kr_at(f, 0, 0)->status_in, cases[i].st);
        assert_int_equal(d.n_warnings, 0);
        okr_feed_free(f);
        okr_diag_list_free(&d);
    }
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = one_row("Progress,Status", "10%,meh", &d);
    assert_int_equal(kr_at(f, 0, 0)->status_in, OKR_STATUS_UNSET);
    expect_warning(&d, "row 2, column \"Status\" (D)", "the status is computed instead");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void dates_in_every_written_form_and_the_date_order_rule(void **state)
{
    (void)state;
    static const struct {
        const char *cell;
        OkrCsvDateOrder order;
        int64_t want;
    } cases[] = {
        {"2026-11-26", OKR_CSV_DATE_AUTO, D_2026_11_26},
        {"2026-11-26T08:30:00Z", OKR_CSV_DATE_AUTO, D_2026_11_26 + 30600},
        {"26.11.2026", OKR_CSV_DATE_AUTO, D_2026_11_26},
        {"26.11.26", OKR_CSV_DATE_AUTO, D_2026_11_26},
        {"11/26/2026", OKR_CSV_DATE_AUTO, D_2026_11_26}, /* ',' file: month first */
        {"12/1/2026", OKR_CSV_DATE_AUTO, D_2026_12_01},
        {"1/12/2026", OKR_CSV_DATE_DMY, D_2026_12_01},
        {"2026/11/26", OKR_CSV_DATE_YMD, D_2026_11_26},
        {"2026/11/26", OKR_CSV_DATE_MDY, D_2026_11_26}, /* four digits first: year */
        {"11/26/2026 8:30 PM", OKR_CSV_DATE_AUTO, D_2026_11_26 + 20 * 3600 + 1800},
        {"26/Nov/26 8:30 AM", OKR_CSV_DATE_AUTO, D_2026_11_26 + 30600},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        OkrCsvOptions o = okr_csv_options_default();
        o.date_order = cases[i].order;
        char text[256];
        snprintf(text, sizeof text, "Objective,Key Result,Progress,Updated\nO,K,1%%,%s\n",
                 cases[i].cell);
        OkrFeed *f = parse_opts(text, &o, &d);
        if (!kr_at(f, 0, 0)->has_updated_at || kr_at(f, 0, 0)->updated_at != cases[i].want) {
            print_message("cell %s\n", cases[i].cell);
            okr_test_print_diags(&d);
        }
        assert_true(kr_at(f, 0, 0)->has_updated_at);
        assert_int_equal(kr_at(f, 0, 0)->updated_at, cases[i].want);
        okr_feed_free(f);
        okr_diag_list_free(&d);
    }
    /* ';' file: day first, so 11/26/2026 is impossible and says how to fix it */
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective;Key Result;Progress;Stand\nO;K;1%;11/26/2026\n", &d);
    assert_false(kr_at(f, 0, 0)->has_updated_at);
    expect_warning(&d, "row 2, column \"Stand\" (D)",
                   "\"11/26/2026\" is not a date in day/month/year order, which this sheet "
                   "uses; if the month comes first, set csv-date-order = mdy; ignored");
    okr_feed_free(f);
    okr_diag_list_free(&d);
    f = parse("Objective;Key Result;Progress;Stand\nO;K;1%;31.02.2026\n", &d);
    expect_warning(&d, "row 2, column \"Stand\" (D)", "expected a date like 2026-11-26");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void direction_confidence_and_weight_cells(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective,Key Result,Start,Current,Target,Direction,Confidence,Weight\n"
                       "O,a,10,5,0,decrease,80%,50%\nO,b,0,5,3,at least,0.4,\n"
                       "O,c,0,1,2,sideways,150%,-1\n",
                       &d);
    assert_int_equal(kr_at(f, 0, 0)->direction, OKR_DIR_DECREASE);
    assert_true(fabs(kr_at(f, 0, 0)->confidence - 0.8) < EPS);
    assert_true(fabs(kr_at(f, 0, 0)->weight - 0.5) < EPS);
    assert_int_equal(kr_at(f, 0, 1)->direction, OKR_DIR_AT_LEAST);
    expect_progress(&kr_at(f, 0, 1)->score, 1.0);
    assert_false(kr_at(f, 0, 2)->has_direction);
    assert_false(kr_at(f, 0, 2)->has_confidence);
    assert_true(fabs(kr_at(f, 0, 2)->weight - 1.0) < EPS);
    expect_warning(&d, "row 4, column \"Direction\" (F)", "using increase");
    expect_warning(&d, "row 4, column \"Confidence\" (G)", "outside 0..100 %");
    expect_warning(&d, "row 4, column \"Weight\" (H)", "negative; using 1");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void key_results_without_anything_to_score_say_which_cell_to_fill(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *f = parse("Objective,Key Result,Current,Target\nO,a,,\nO,b,3,\nO,c,,5\n", &d);
    expect_warning(&d, "row 2", "nothing to score");
    expect_warning(&d, "row 3, column \"Target\" (D)", "shown as no data");
    expect_warning(&d, "row 4, column \"Current\" (C)", "shown as no data");
    assert_false(kr_at(f, 0, 0)->score.has_value);
    okr_feed_free(f);
    okr_diag_list_free(&d);
    /* a falling number without its start reads from 0: 150 %, and says why */
    f = parse("Objective,Key Result,Start,Current,Target\nO,Churn,,6%,4%\n", &d);
    expect_warning(&d, "row 2, column \"Start\" (C)", "needs its start value; read as 0");
    expect_progress(&kr_at(f, 0, 0)->score, 1.5);
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

static void option_words_are_read(void **state)
{
    (void)state;
    OkrCsvDecimal dec;
    OkrCsvDateOrder ord;
    char delim;
    assert_int_equal(okr_csv_decimal_parse("comma", &dec), 0);
    assert_int_equal(dec, OKR_CSV_DECIMAL_COMMA);
    assert_int_equal(okr_csv_decimal_parse("point", &dec), 0);
    assert_int_equal(dec, OKR_CSV_DECIMAL_POINT);
    assert_int_equal(okr_csv_decimal_parse("dot?", &dec), -1);
    assert_int_equal(okr_csv_date_order_parse("mdy", &ord), 0);
    assert_int_equal(ord, OKR_CSV_DATE_MDY);
    assert_int_equal(okr_csv_date_order_parse("ydm", &ord), -1);
    assert_int_equal(okr_csv_delimiter_parse("tab", &delim), 0);
    assert_int_equal(delim, '\t');
    assert_int_equal(okr_csv_delimiter_parse(";", &delim), 0);
    assert_int_equal(delim, ';');
    assert_int_equal(okr_csv_delimiter_parse("|", &delim), -1);
}

static void a_bad_column_mapping_is_a_warning(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrCsvOptions o = okr_csv_options_default();
    o.columns = "Summary=key_result, Epic=nonsense, no equals sign";
    OkrFeed *f = parse_opts("Objective,Summary,Progress\nO,K,5%\n", &o, &d);
    assert_string_equal(kr_at(f, 0, 0)->title, "K");
    expect_warning(&d, "csv-columns", "\"Epic=nonsense\"");
    expect_warning(&d, "csv-columns", "\"no equals sign\"");
    okr_feed_free(f);
    okr_diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(google_publish_to_web_export_reads_with_progress_by_hand),
        cmocka_unit_test(google_export_skips_a_title_row_and_reads_objective_rows),
        cmocka_unit_test(excel_csv_utf8_english_reads_quotes_line_breaks_booleans_and_actions),
        cmocka_unit_test(excel_csv_utf8_german_reads_semicolons_decimal_commas_and_weights),
        cmocka_unit_test(libreoffice_export_reads_lf_two_digit_years_and_repeated_objectives),
        cmocka_unit_test(jira_export_reads_with_columns_renamed_in_the_config),
        cmocka_unit_test(jira_export_without_the_column_mapping_says_which_header_is_missing),
        cmocka_unit_test(windows_1252_file_is_converted_with_one_warning),
        cmocka_unit_test(html_sign_in_page_is_an_error_that_asks_whether_the_sheet_is_published),
        cmocka_unit_test(the_english_and_german_templates_read_without_a_warning),
        cmocka_unit_test(utf16_text_is_rejected_with_what_to_save_instead),
        cmocka_unit_test(invalid_utf8_in_a_cell_is_repaired_with_its_cell_named),
        cmocka_unit_test(body_over_the_limit_and_empty_bodies_are_errors),
        cmocka_unit_test(delimiter_is_sniffed_from_the_header_or_given),
        cmocka_unit_test(header_names_ignore_case_spaces_underscores_and_dashes),
        cmocka_unit_test(unknown_columns_are_listed_once_and_a_second_copy_is_named),
        cmocka_unit_test(no_header_row_is_an_error),
        cmocka_unit_test(empty_objective_cell_belongs_to_the_objective_above),
        cmocka_unit_test(objective_rows_set_objective_fields_and_key_result_rows_do_not),
        cmocka_unit_test(a_row_with_numbers_but_no_key_result_title_gets_a_placeholder),
        cmocka_unit_test(rows_count_like_the_sheet_with_blank_lines_and_line_breaks_in_cells),
        cmocka_unit_test(ragged_rows_are_warnings_not_rejections),
        cmocka_unit_test(limits_keep_the_first_objectives_and_key_results),
        cmocka_unit_test(columns_past_the_256th_are_ignored_with_a_warning),
        cmocka_unit_test(long_cells_are_cut_on_a_character_boundary),
        cmocka_unit_test(numbers_follow_the_decimal_rule_and_a_contradiction_is_a_warning),
        cmocka_unit_test(numbers_accept_signs_spaces_currencies_percents_and_exponents),
        cmocka_unit_test(progress_is_read_as_percent_fraction_or_plain_percent),
        cmocka_unit_test(done_words_in_both_languages_and_a_bad_one),
        cmocka_unit_test(status_words_in_both_languages_and_a_bad_one),
        cmocka_unit_test(dates_in_every_written_form_and_the_date_order_rule),
        cmocka_unit_test(direction_confidence_and_weight_cells),
        cmocka_unit_test(key_results_without_anything_to_score_say_which_cell_to_fill),
        cmocka_unit_test(option_words_are_read),
        cmocka_unit_test(a_bad_column_mapping_is_a_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
