/*
 * Tests for okr_parse: valid feeds, every error and warning with its exact
 * JSON path, truncated and malformed JSON, wrong types everywhere, limits
 * (100,000-deep nesting, a 10 MB body, long strings, counts), invalid UTF-8,
 * huge numbers, the date parser, and the bundled demo feed.
 *
 * Dates by hand: 2026-01-01 is day 20454 since 1970 (56 years, 14 leap days),
 * so 2026-10-01 is day 20727 (1790812800 s), 2026-10-15 day 20741
 * (1792022400 s), 2026-11-24 day 20781 (1795478400 s), 2026-11-26 day 20783
 * (1795651200 s; 08:30 adds 30600 s), 2027-01-01 day 20819 (1798761600 s).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "okr_parse.h"
#include "okr_score.h"
#include "okr_test_support.h"

#define EPS 1e-9
#define NOW_2026_11_26_0830 INT64_C(1795681800)

/* ------------------------------------------------------------ helpers -- */

static OkrFeed *parse_file(const char *name, OkrDiagList *d)
{
    char path[512];
    size_t len;
    snprintf(path, sizeof path, "%s/%s", OKR_TEST_DATA, name);
    char *buf = okr_test_read_path(path, &len);
    OkrFeed *feed = okr_feed_parse(buf, len, NULL, d);
    free(buf);
    return feed;
}

static OkrFeed *parse_str(const char *json, OkrDiagList *d)
{
    return okr_feed_parse(json, strlen(json), NULL, d);
}

/* A diagnostic at exactly this path with exactly this message. */
static void expect_diag(const OkrDiagList *d, OkrDiagLevel level, const char *path,
                        const char *message)
{
    for (size_t i = 0; i < d->count; i++) {
        const OkrDiag *it = &d->items[i];
        if (it->level == level && strcmp(it->path, path) == 0 && strcmp(it->message, message) == 0)
            return;
    }
    print_message("missing: %s: %s\nhave:\n", path, message);
    okr_test_print_diags(d);
    fail();
}

/* A diagnostic at exactly this path whose message starts with prefix. */
static void expect_diag_prefix(const OkrDiagList *d, OkrDiagLevel level, const char *path,
                               const char *prefix)
{
    for (size_t i = 0; i < d->count; i++) {
        const OkrDiag *it = &d->items[i];
        if (it->level == level && strcmp(it->path, path) == 0 &&
            strncmp(it->message, prefix, strlen(prefix)) == 0)
            return;
    }
    print_message("missing: %s: %s...\nhave:\n", path, prefix);
    okr_test_print_diags(d);
    fail();
}

/* Parse must fail with exactly one error. */
static const OkrDiag *expect_error(const char *json, size_t len)
{
    static OkrDiagList d;
    okr_diag_list_free(&d);
    OkrFeed *feed = okr_feed_parse(json, len, NULL, &d);
    assert_null(feed);
    assert_int_equal(d.n_errors, 1);
    return okr_diag_first(&d);
}

/* ---------------------------------------------------------- valid feed -- */

static void parse_reads_every_field_of_the_example_feed(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_file("feed-example.json", &d);
    assert_non_null(feed);
    okr_test_print_diags(&d);
    assert_int_equal(d.count, 0);
    assert_int_equal(feed->version, 1);
    assert_string_equal(feed->title, "Marketing OKRs");
    assert_string_equal(feed->period_label, "Q4 2026");
    assert_true(feed->has_period);
    assert_int_equal(feed->period_start, INT64_C(1790812800));
    assert_int_equal(feed->period_end, INT64_C(1798761600)); /* end date inclusive */
    assert_true(feed->has_updated_at);
    assert_int_equal(feed->updated_at, NOW_2026_11_26_0830);
    assert_int_equal(feed->n_objectives, 1);

    const OkrObjective *o = &feed->objectives[0];
    assert_string_equal(o->id, "demand-gen");
    assert_string_equal(o->title, "Build a new demand generation channel");
    assert_string_equal(o->owner, "Anna");
    assert_string_equal(o->team, "Marketing");
    assert_float_equal(o->weight, 1.0, EPS);
    assert_false(o->has_progress); /* "progress": null */
    assert_int_equal(o->status_in, OKR_STATUS_UNSET);
    assert_int_equal(o->n_key_results, 4);

    const OkrKeyResult *kr = &o->key_results[0];
    assert_string_equal(kr->id, "kr-mql");
    assert_string_equal(kr->title, "Increase inbound MQLs from 20 to 30");
    assert_true(kr->has_start && kr->has_current && kr->has_target);
    assert_float_equal(kr->start, 20, EPS);
    assert_float_equal(kr->current, 26, EPS);
    assert_float_equal(kr->target, 30, EPS);
    assert_string_equal(kr->unit, "MQLs");
    assert_true(kr->has_direction);
    assert_int_equal(kr->direction, OKR_DIR_INCREASE);
    assert_string_equal(kr->owner, "Ben");
    assert_true(kr->has_confidence);
    assert_float_equal(kr->confidence, 0.7, EPS);
    assert_true(kr->has_updated_at);
    assert_int_equal(kr->updated_at, INT64_C(1795478400));

    kr = &o->key_results[1];
    assert_null(kr->id);
    assert_null(kr->unit);
    assert_false(kr->has_direction);
    assert_float_equal(kr->weight, 1.0, EPS); /* default */
    assert_false(kr->has_updated_at);
    assert_true(o->key_results[2].has_progress);
    assert_float_equal(o->key_results[2].progress, 0.66, EPS);
    assert_true(o->key_results[3].has_done);
    assert_true(o->key_results[3].done);

    assert_int_equal(o->n_actions, 1);
    assert_string_equal(o->actions[0].title, "Clean up CRM data");
    assert_true(o->actions[0].done);
    assert_string_equal(o->actions[0].owner, "Cara");
    assert_true(o->actions[0].has_due);
    assert_int_equal(o->actions[0].due, INT64_C(1792022400));

    /* scored at 2026-11-26 08:30: 0.6, 2/3, 0.66, 1 -> mean 0.73166... */
    okr_score_feed(feed, NULL, NOW_2026_11_26_0830);
    assert_float_equal(o->score.raw, (0.6 + 2.0 / 3.0 + 0.66 + 1.0) / 4.0, EPS);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static void parse_ignores_unknown_fields_and_treats_null_as_absent(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_str(
        "{\"objectives\": [{\"title\": \"o\", \"colour\": \"red\", \"owner\": null, "
        "\"key_results\": [{\"title\": \"k\", \"progress\": 0.5, \"done\": null, \"status\": null, "
        "\"extra\": {\"deep\": [1, 2]}}]}], \"generator\": \"sheet-export 2.1\", \"period\": null}",
        &d);
    assert_non_null(feed);
    assert_int_equal(d.count, 0);
    assert_null(feed->objectives[0].owner);
    assert_false(feed->objectives[0].key_results[0].has_done);
    assert_false(feed->has_period);
    assert_int_equal(feed->version, 1); /* absent: version 1 */
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static void parse_accepts_a_byte_order_mark_and_rfc3339_periods(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    const char *json = "\xEF\xBB\xBF{\"period\": {\"start\": \"2026-10-01T00:00:00Z\", "
                       "\"end\": \"2026-10-02T12:00:00+02:00\"}, \"objectives\": []}";
    OkrFeed *feed = parse_str(json, &d);
    assert_non_null(feed);
    assert_int_equal(d.count, 0);
    /* a timestamp end is the exact instant: 2026-10-02 10:00Z = start + 34 h */
    assert_int_equal(feed->period_end - feed->period_start, 34 * 3600);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

/* -------------------------------------------------------------- errors -- */

static void parse_rejects_text_that_is_not_json_with_line_and_column(void **state)
{
    (void)state;
    const char *json = "{\n  \"objectives\": [\n    {\"title\": xyz}\n  ]\n}";
    const OkrDiag *e = expect_error(json, strlen(json));
    assert_string_equal(e->path, "");
    assert_string_equal(e->message,
                        "not JSON: syntax error at line 3, column 15, near \"xyz}   ] }\"");
}

static void parse_rejects_truncated_json_and_says_so(void **state)
{
    (void)state;
    const char *json = "{\"objectives\": [{\"title\": \"a\"}";
    const OkrDiag *e = expect_error(json, strlen(json));
    assert_string_equal(e->message, "not JSON: the text ends early at line 1, column 31, with a "
                                    "bracket still open; is the file cut short?");
    /* cut inside a string, from a file */
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    assert_null(parse_file("feed-truncated.json", &d));
    assert_int_equal(d.n_errors, 1);
    assert_non_null(strstr(d.items[0].message, "ends inside a string (is the file cut short?)"));
    okr_diag_list_free(&d);
    /* every prefix of a valid feed is an error, never a crash */
    const char *full = "{\"objectives\": [{\"title\": \"a\", \"key_results\": [{\"title\": "
                       "\"k\", \"current\": 1.5e2, \"target\": 300}]}]}";
    for (size_t n = 0; n < strlen(full); n++) {
        d = (OkrDiagList)OKR_DIAG_LIST_INIT;
        assert_null(okr_feed_parse(full, n, NULL, &d));
        assert_int_equal(d.n_errors, 1);
        okr_diag_list_free(&d);
    }
}

static void parse_rejects_empty_input(void **state)
{
    (void)state;
    assert_string_equal(expect_error("", 0)->message, "not JSON: the feed is empty");
    assert_string_equal(expect_error(" \n\t ", 4)->message, "not JSON: the feed is empty");
    assert_string_equal(expect_error(NULL, 0)->message, "not JSON: the feed is empty");
}

static void parse_rejects_text_after_the_document(void **state)
{
    (void)state;
    const char *json = "{\"objectives\": []} x";
    assert_string_equal(expect_error(json, strlen(json))->message,
                        "not JSON: unexpected text after the end of the document at line 1, "
                        "column 20");
}

static void parse_rejects_a_document_that_is_not_an_object(void **state)
{
    (void)state;
    const OkrDiag *e = expect_error("[1, 2]", 6);
    assert_string_equal(e->path, "");
    assert_string_equal(e->message, "the feed must be a JSON object ({...}) with an "
                                    "\"objectives\" array, got an array");
    assert_string_equal(expect_error("42", 2)->message,
                        "the feed must be a JSON object ({...}) with an \"objectives\" array, "
                        "got the number 42");
}

static void parse_rejects_a_feed_without_an_objectives_array(void **state)
{
    (void)state;
    const char *a = "{\"title\": \"x\"}";
    const OkrDiag *e = expect_error(a, strlen(a));
    assert_string_equal(e->path, "objectives");
    assert_string_equal(e->message, "missing: the feed needs an \"objectives\" array");
    const char *b = "{\"objectives\": null}";
    assert_string_equal(expect_error(b, strlen(b))->path, "objectives");
    const char *c = "{\"objectives\": {\"a\": 1}}";
    e = expect_error(c, strlen(c));
    assert_string_equal(e->path, "objectives");
    assert_string_equal(e->message, "expected an array, got an object");
}

static void parse_rejects_a_body_over_the_size_limit(void **state)
{
    (void)state;
    /* a valid 10 MB feed: one objective plus a 10 MB unknown field */
    size_t pad = 10u * 1024u * 1024u;
    const char *head = "{\"objectives\": [{\"title\": \"o\", \"progress\": 0.5}], \"padding\": \"";
    size_t hl = strlen(head), len = hl + pad + 2;
    char *buf = malloc(len);
    assert_non_null(buf);
    memcpy(buf, head, hl);
    memset(buf + hl, 'a', pad);
    memcpy(buf + hl + pad, "\"}", 2);

    const OkrDiag *e = expect_error(buf, len);
    char want[160];
    snprintf(want, sizeof want,
             "the feed is %zu bytes, over the limit of 8388608 bytes; it is not read", len);
    assert_string_equal(e->message, want);

    /* with the limit raised, the same body parses, quickly */
    OkrLimits lim = okr_limits_default();
    lim.max_body = 16u * 1024u * 1024u;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    clock_t t0 = clock();
    OkrFeed *feed = okr_feed_parse(buf, len, &lim, &d);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_non_null(feed);
    assert_int_equal(d.count, 0);
    assert_true(secs < 2.0);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
    free(buf);
}

static void parse_rejects_100000_deep_nesting_without_recursion(void **state)
{
    (void)state;
    size_t depth = 100000, len = 2 * depth;
    char *buf = malloc(len);
    assert_non_null(buf);
    memset(buf, '[', depth);
    memset(buf + depth, ']', depth);
    clock_t t0 = clock();
    const OkrDiag *e = expect_error(buf, len);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
    assert_string_equal(e->message, "nested deeper than 64 levels at line 1, column 65; the feed "
                                    "is not read");
    /* objects count too */
    for (size_t i = 0; i < depth; i++)
        buf[i] = i % 2 ? ':' : '{';
    assert_non_null(strstr(expect_error(buf, depth)->message, "nested deeper than 64 levels"));
    free(buf);
}

static void parse_accepts_nesting_at_the_limit_and_brackets_in_strings(void **state)
{
    (void)state;
    /* root object (1) + 63 arrays = 64 levels: allowed */
    char buf[512];
    int n = snprintf(buf, sizeof buf, "{\"objectives\": [], \"x\": ");
    for (int i = 0; i < 63; i++)
        buf[n++] = '[';
    for (int i = 0; i < 63; i++)
        buf[n++] = ']';
    buf[n++] = '}';
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = okr_feed_parse(buf, (size_t)n, NULL, &d);
    assert_non_null(feed);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
    /* one more level is too deep */
    memmove(buf + 25, buf + 24, (size_t)n - 24);
    buf[24] = '[';
    memmove(buf + 25 + 64, buf + 24 + 64, (size_t)n + 1 - 24 - 64);
    buf[24 + 64] = ']';
    assert_non_null(strstr(expect_error(buf, (size_t)n + 2)->message, "nested deeper"));

    /* 200 brackets inside a string are text, not nesting */
    char title[256];
    memset(title, '[', 200);
    title[200] = '\0';
    n = snprintf(buf, sizeof buf, "{\"objectives\": [{\"title\": \"%s\\\"\", \"progress\": 1}]}",
                 title);
    feed = okr_feed_parse(buf, (size_t)n, NULL, &d);
    assert_non_null(feed);
    assert_int_equal(strlen(feed->objectives[0].title), 201);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

/* ------------------------------------------------------------ warnings -- */

static void parse_warns_about_wrong_types_at_their_exact_path(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_file("feed-wrong-types.json", &d);
    assert_non_null(feed);
    assert_int_equal(d.n_errors, 0);
    const OkrDiagLevel W = OKR_DIAG_WARNING;
    expect_diag(&d, W, "version", "expected a number, got the string \"1\"");
    expect_diag(&d, W, "title", "expected a string, got the number 5");
    expect_diag(&d, W, "period", "expected an object, got the string \"Q4\"; pace is not computed");
    expect_diag(&d, W, "updated_at",
                "expected a date like \"2026-10-01\" or "
                "\"2026-11-26T08:30:00Z\", got the string \"yesterday\"");
    expect_diag(&d, W, "objectives[0].title",
                "expected a string, got true; shown as \"(untitled objective)\"");
    expect_diag(&d, W, "objectives[0].owner", "expected a string, got the number 3");
    expect_diag(&d, W, "objectives[0].team", "expected a string, got an array");
    expect_diag(&d, W, "objectives[0].weight", "expected a number, got the string \"heavy\"");
    expect_diag(&d, W, "objectives[0].progress", "expected a number, got the string \"half\"");
    expect_diag(&d, W, "objectives[0].status",
                "expected on_track, at_risk, off_track or done, got the string \"green\"; the "
                "status is computed instead");
    expect_diag(&d, W, "objectives[0].key_results",
                "expected an array, got the string \"none\"; no key results shown");
    expect_diag(&d, W, "objectives[0].actions",
                "expected an array, got an object; no actions shown");
    expect_diag(&d, W, "objectives[1].key_results[0].target",
                "expected a number, got the string \"ten\"");
    expect_diag(&d, W, "objectives[1].key_results[0].done",
                "expected true or false, got the string \"yes\"");
    expect_diag(&d, W, "objectives[1].key_results[0].direction",
                "expected increase, decrease, at_least or at_most, got the string \"up\"; using "
                "increase");
    expect_diag(&d, W, "objectives[1].key_results[0].unit", "expected a string, got the number 7");
    expect_diag(&d, W, "objectives[1].key_results[0].weight", "expected a number, got an array");
    expect_diag(&d, W, "objectives[1].key_results[0].confidence",
                "expected a number, got the string \"high\"");
    expect_diag_prefix(&d, W, "objectives[1].key_results[0].updated_at",
                       "expected a date like \"2026-10-01\"");
    expect_diag(&d, W, "objectives[1].key_results[0].status",
                "expected on_track, at_risk, off_track or done, got the number 1; the status is "
                "computed instead");
    expect_diag(&d, W, "objectives[1].key_results[0].owner", "expected a string, got an object");
    expect_diag(&d, W, "objectives[1].key_results[0]",
                "has a current value but no usable \"target\"; shown as no data");
    expect_diag(&d, W, "objectives[1].key_results[1]",
                "expected an object, got the string \"just a string\"; skipped");
    expect_diag(&d, W, "objectives[1].key_results[3]", "expected an object, got null; skipped");
    expect_diag(&d, W, "objectives[1].actions[0].done",
                "expected true or false, got the string \"no\"");
    expect_diag(&d, W, "objectives[1].actions[0].owner", "expected a string, got false");
    expect_diag_prefix(&d, W, "objectives[1].actions[0].due", "expected a date like");
    expect_diag(&d, W, "objectives[1].actions[1]", "expected an object, got the number 7; skipped");
    assert_int_equal(d.n_warnings, 29); /* and nothing else */

    /* the bad values are ignored, the rest of each element is kept */
    assert_int_equal(feed->n_objectives, 2);
    assert_string_equal(feed->objectives[0].title, "(untitled objective)");
    assert_null(feed->objectives[0].owner);
    assert_float_equal(feed->objectives[0].weight, 1.0, EPS);
    const OkrObjective *o = &feed->objectives[1];
    assert_int_equal(o->n_key_results, 2); /* the string and the null are skipped */
    assert_string_equal(o->key_results[0].title, "Grow organic sessions");
    assert_false(o->key_results[0].has_target);
    assert_true(o->key_results[0].has_current);
    assert_false(o->key_results[0].has_done);
    assert_int_equal(o->key_results[0].direction, OKR_DIR_INCREASE);
    assert_int_equal(o->key_results[0].status_in, OKR_STATUS_UNSET);
    /* a broken key result never hides its siblings */
    assert_string_equal(o->key_results[1].title, "Cut the bounce rate");
    okr_score_feed(feed, NULL, NOW_2026_11_26_0830);
    assert_false(o->key_results[0].score.has_value);
    assert_float_equal(o->key_results[1].score.raw, 6.0 / 13.0, EPS);
    assert_float_equal(o->score.raw, 6.0 / 13.0, EPS);
    assert_int_equal(o->n_no_data, 1);
    assert_int_equal(o->n_actions, 1);
    assert_string_equal(o->actions[0].title, "Develop SEO research");
    assert_false(o->actions[0].has_due);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static void parse_warns_about_questionable_data(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_file("feed-warnings.json", &d);
    assert_non_null(feed);
    assert_int_equal(d.n_errors, 0);
    const OkrDiagLevel W = OKR_DIAG_WARNING;
    expect_diag(&d, W, "version",
                "format version 2 is newer than this program (1); fields it does not know are "
                "ignored");
    expect_diag(&d, W, "period.end", "is before the start; pace is not computed");
    expect_diag(&d, W, "objectives[0].key_results[0].target",
                "equals start (3), so there is no span to measure; it counts as 100 % once "
                "current reaches 3, else 0 %");
    expect_diag(&d, W, "objectives[0].key_results[1].progress",
                "66 is outside 0..1 (progress is a fraction: 0.66 means 66 %); it is still used");
    expect_diag(&d, W, "objectives[0].key_results[2]",
                "has a target but no usable \"current\" value; shown as no data");
    expect_diag(&d, W, "objectives[0].key_results[3]",
                "has a current value but no usable \"target\"; shown as no data");
    expect_diag(&d, W, "objectives[0].key_results[4]",
                "nothing to score: give \"progress\", \"done\", or \"current\" and \"target\"; "
                "shown as no data");
    expect_diag(&d, W, "objectives[0].key_results[5]",
                "has no title; shown as \"(untitled key result)\"");
    expect_diag(&d, W, "objectives[0].key_results[6].title",
                "is empty; shown as \"(untitled key result)\"");
    expect_diag(&d, W, "objectives[0].key_results[7].direction",
                "says decrease, but target (60) is above start (48); progress follows the numbers");
    expect_diag(&d, W, "objectives[0].key_results[8].weight", "-2 is negative; using 1");
    expect_diag(&d, W, "objectives[0].key_results[8].confidence",
                "7 is outside 0..1 (0.7 means 70 %); ignored");
    expect_diag(&d, W, "objectives[1]", "has no title; shown as \"(untitled objective)\"");
    expect_diag(&d, W, "objectives[1]", "has no key results and no progress; shown as no data");
    assert_int_equal(d.n_warnings, 14);

    assert_int_equal(feed->version, 2);
    assert_false(feed->has_period);
    const OkrObjective *o = &feed->objectives[0];
    assert_int_equal(o->n_key_results, 9); /* nothing dropped */
    assert_string_equal(o->key_results[5].title, "(untitled key result)");
    assert_string_equal(o->key_results[6].title, "(untitled key result)");
    assert_float_equal(o->key_results[8].weight, 1.0, EPS);
    assert_false(o->key_results[8].has_confidence);
    okr_score_feed(feed, NULL, NOW_2026_11_26_0830);
    assert_float_equal(o->key_results[1].score.raw, 66.0, EPS); /* still used */
    assert_int_equal(o->n_no_data, 3);
    assert_string_equal(feed->objectives[1].title, "(untitled objective)");
    assert_int_equal(feed->objectives[1].score.status, OKR_STATUS_NO_DATA);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static void parse_warns_when_the_period_is_incomplete(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_str("{\"period\": {\"start\": \"2026-10-01\"}, \"objectives\": []}", &d);
    assert_non_null(feed);
    expect_diag(&d, OKR_DIAG_WARNING, "period",
                "needs both \"start\" and \"end\"; pace is not computed");
    assert_false(feed->has_period);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static void parse_warns_about_the_remaining_cases(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed =
        parse_str("{\"version\": 0.5, \"period\": {\"start\": \"2026-10-01\", \"end\": \"Q4\"}, "
                  "\"objectives\": [{\"title\": \"o\", \"key_results\": [{\"title\": \"k\", "
                  "\"start\": 10, \"current\": 8, \"target\": 5, \"direction\": \"increase\"}], "
                  "\"actions\": [{\"done\": true}, {\"title\": \"\"}]}]}",
                  &d);
    assert_non_null(feed);
    const OkrDiagLevel W = OKR_DIAG_WARNING;
    expect_diag(&d, W, "version", "0.5 is not a known format version; reading it as version 1");
    expect_diag(&d, W, "period.end",
                "expected a date like \"2026-10-01\" or "
                "\"2026-11-26T08:30:00Z\", got the string \"Q4\"");
    expect_diag(&d, W, "objectives[0].key_results[0].direction",
                "says increase, but target (5) is below start (10); progress follows the numbers");
    expect_diag(&d, W, "objectives[0].actions[0]", "has no title; shown as \"(untitled action)\"");
    expect_diag(&d, W, "objectives[0].actions[1].title",
                "is empty; shown as \"(untitled action)\"");
    assert_int_equal(d.n_warnings, 5);
    assert_int_equal(feed->version, 1);
    assert_false(feed->has_period);
    assert_string_equal(feed->objectives[0].actions[0].title, "(untitled action)");
    assert_true(feed->objectives[0].actions[0].done);
    okr_score_feed(feed, NULL, 0);
    assert_float_equal(feed->objectives[0].key_results[0].score.raw, 0.4, EPS); /* -2 / -5 */
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static void parse_replaces_invalid_utf8_and_warns(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_file("feed-invalid-utf8.json", &d);
    assert_non_null(feed);
    const char *msg = "not valid UTF-8; the bad bytes are shown as \xEF\xBF\xBD";
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].title", msg);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].owner", msg);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].team", msg);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results[0].title", msg);
    const OkrObjective *o = &feed->objectives[0];
    /* each bad byte becomes U+FFFD (EF BF BD) */
    assert_string_equal(o->title, "ab\xEF\xBF\xBD\xEF\xBF\xBD"
                                  "cd");
    /* C0 AF is an overlong "/" */
    assert_string_equal(o->owner, "\xEF\xBF\xBD\xEF\xBF\xBDx");
    /* ED A0 80 would be a UTF-16 surrogate */
    assert_string_equal(o->team, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* a valid é is kept; the cut-off E2 82 at the end is replaced */
    assert_string_equal(o->key_results[0].title, "caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

/* A JavaScript producer that cuts "Launch 🚀" in the middle of the emoji
 * writes a lone high surrogate: the feed is still read, the half becomes
 * U+FFFD with a warning at its path. A full pair (\ud83d\ude80, U+1F680 =
 * F0 9F 9A 80) and an escaped backslash before "ud83d" are untouched. */
static void parse_replaces_a_lone_surrogate_escape_and_warns(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_str("{\"objectives\":[{\"title\":\"Launch \\ud83d\",\"key_results\":"
                              "[{\"title\":\"k\\ude80!\",\"progress\":0.5},"
                              "{\"title\":\"\\ud83d\\ude80 ok \\\\ud83d\",\"progress\":0.5}]}]}",
                              &d);
    assert_non_null(feed);
    const char *msg = "has half of a UTF-16 surrogate pair (a \\ud800-\\udfff escape alone, as "
                      "when an emoji is cut in two); shown as \xEF\xBF\xBD";
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].title", msg);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results[0].title", msg);
    assert_int_equal(d.n_warnings, 2);
    assert_string_equal(feed->objectives[0].title, "Launch \xEF\xBF\xBD");
    assert_string_equal(feed->objectives[0].key_results[0].title, "k\xEF\xBF\xBD!");
    assert_string_equal(feed->objectives[0].key_results[1].title, "\xF0\x9F\x9A\x80 ok \\ud83d");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

/* \u0000 used to end the title at "a": now the rest is kept. */
static void parse_keeps_the_text_after_an_escaped_nul_and_warns(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_str("{\"objectives\":[{\"title\":\"a\\u0000b\",\"progress\":0.5}]}", &d);
    assert_non_null(feed);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].title",
                "contains \\u0000 (a NUL character); shown as \xEF\xBF\xBD, the text after it is "
                "kept");
    assert_string_equal(feed->objectives[0].title, "a\xEF\xBF\xBD"
                                                   "b");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

/* "progress":0.1,"progress":0.9 is 0.9 in JavaScript and Python: here too,
 * with a warning at the repeated member's path. */
static void parse_keeps_the_last_of_a_duplicate_member_and_warns(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed =
        parse_str("{\"title\":\"one\",\"title\":\"two\",\"objectives\":[{\"title\":\"o\","
                  "\"key_results\":[{\"title\":\"k\",\"progress\":0.1,"
                  "\"progress\":0.9}]}]}",
                  &d);
    assert_non_null(feed);
    const char *msg = "given more than once; the last one is used (as JavaScript and Python "
                      "read it)";
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results[0].progress", msg);
    expect_diag(&d, OKR_DIAG_WARNING, "title", msg);
    assert_float_equal(feed->objectives[0].key_results[0].progress, 0.9, EPS);
    assert_string_equal(feed->title, "two");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

/* Every key result has weight 0: the objective used to show "no data" beside
 * key results at 50 % and 90 %. Now it shows their plain mean, (0.5 + 0.9) / 2
 * = 0.7, and --check warns. */
static void an_objective_whose_key_results_all_weigh_0_shows_their_mean_and_warns(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_str("{\"objectives\":[{\"title\":\"o\",\"key_results\":["
                              "{\"title\":\"a\",\"progress\":0.5,\"weight\":0},"
                              "{\"title\":\"b\",\"progress\":0.9,\"weight\":0}]}]}",
                              &d);
    assert_non_null(feed);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0]",
                "every key result has weight 0; the objective shows their unweighted mean");
    okr_score_feed(feed, NULL, NOW_2026_11_26_0830);
    assert_true(feed->objectives[0].score.has_value);
    assert_float_equal(feed->objectives[0].score.raw, 0.7, EPS);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static void parse_turns_control_characters_into_spaces(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_str("{\"objectives\": [{\"title\": \"two\\nlines\\tand \\u00e9\", "
                              "\"progress\": 1}]}",
                              &d);
    assert_non_null(feed);
    assert_int_equal(d.count, 0);
    assert_string_equal(feed->objectives[0].title, "two lines and \xC3\xA9");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static OkrFeed *parse_title(const char *title, const OkrLimits *lim, OkrDiagList *d)
{
    size_t n = strlen(title) + 64;
    char *buf = malloc(n);
    assert_non_null(buf);
    int len = snprintf(buf, n, "{\"objectives\": [{\"title\": \"%s\", \"progress\": 1}]}", title);
    OkrFeed *feed = okr_feed_parse(buf, (size_t)len, lim, d);
    free(buf);
    assert_non_null(feed);
    return feed;
}

static void parse_cuts_long_strings_on_a_utf8_boundary(void **state)
{
    (void)state;
    char title[400], want[400];
    OkrDiagList d = OKR_DIAG_LIST_INIT;

    /* 298 + 2 bytes = exactly 300: kept whole, no warning */
    memset(title, 'a', 298);
    snprintf(title + 298, sizeof title - 298, "%s", "\xC3\xA9");
    OkrFeed *feed = parse_title(title, NULL, &d);
    assert_string_equal(feed->objectives[0].title, title);
    assert_int_equal(d.count, 0);
    okr_feed_free(feed);

    /* 299 + 2 = 301: cut to 297 "a" + "…" (3 bytes) = 300 bytes */
    memset(title, 'a', 299);
    snprintf(title + 299, sizeof title - 299, "%s", "\xC3\xA9");
    feed = parse_title(title, NULL, &d);
    memset(want, 'a', 297);
    snprintf(want + 297, sizeof want - 297, "%s", "\xE2\x80\xA6");
    assert_string_equal(feed->objectives[0].title, want);
    assert_int_equal(strlen(feed->objectives[0].title), 300);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].title", "longer than 300 bytes; cut to fit");
    okr_feed_free(feed);
    okr_diag_list_free(&d);

    /* 296 "a" + two 3-byte characters = 302: "日" would end at 299, past the
     * 297 bytes that leave room for the ellipsis, so the cut is after 296 */
    memset(title, 'a', 296);
    snprintf(title + 296, sizeof title - 296, "%s", "\xE6\x97\xA5\xE6\x9C\xAC");
    feed = parse_title(title, NULL, &d);
    memset(want, 'a', 296);
    snprintf(want + 296, sizeof want - 296, "%s", "\xE2\x80\xA6");
    assert_string_equal(feed->objectives[0].title, want);
    okr_feed_free(feed);
    okr_diag_list_free(&d);

    /* a configurable limit */
    OkrLimits lim = okr_limits_default();
    lim.max_string = 10;
    feed = parse_title("abcdefghijkl", &lim, &d);
    assert_string_equal(feed->objectives[0].title, "abcdefg\xE2\x80\xA6");
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].title", "longer than 10 bytes; cut to fit");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

static void parse_rejects_non_finite_and_reads_huge_numbers(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_file("feed-huge-numbers.json", &d);
    assert_non_null(feed);
    const char *msg = "the number is too large to use (not finite); ignored";
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results[0].target", msg);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results[1].start", msg);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results[2].current", msg);
    assert_int_equal(d.n_warnings, 5); /* plus two "no usable" warnings */
    const OkrKeyResult *krs = feed->objectives[0].key_results;
    assert_false(krs[0].has_target);
    assert_false(krs[1].has_start); /* start falls back to 0: (1-0)/(2-0) = 0.5 */
    assert_false(krs[2].has_current);
    /* numbers longer than cJSON's 63-character buffer are read whole */
    assert_true(krs[3].has_current && krs[3].has_target);
    assert_float_equal(krs[3].current / 1.5e98, 1.0, 1e-12);
    assert_float_equal(krs[3].target / 3e98, 1.0, 1e-12);
    assert_float_equal(krs[4].progress, 0.5, EPS);
    assert_true(krs[5].has_current);
    assert_float_equal(krs[5].current, 0.0, 0.0); /* 1e-999 underflows to 0 */
    okr_score_feed(feed, NULL, 0);
    assert_float_equal(krs[1].score.raw, 0.5, EPS);
    assert_float_equal(krs[3].score.raw, 0.5, EPS);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

/* -------------------------------------------------------------- limits -- */

static char *repeat_feed(size_t n_objectives, size_t n_krs, size_t n_actions, const char *kr)
{
    size_t cap = 256 + n_objectives * (128 + n_krs * (strlen(kr) + 2) + n_actions * 40);
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t len = (size_t)snprintf(buf, cap, "{\"objectives\": [");
    for (size_t o = 0; o < n_objectives; o++) {
        len += (size_t)snprintf(buf + len, cap - len, "%s{\"title\": \"o%zu\", \"key_results\": [",
                                o ? "," : "", o);
        for (size_t k = 0; k < n_krs; k++)
            len += (size_t)snprintf(buf + len, cap - len, "%s%s", k ? "," : "", kr);
        len += (size_t)snprintf(buf + len, cap - len, "], \"actions\": [");
        for (size_t a = 0; a < n_actions; a++)
            len +=
                (size_t)snprintf(buf + len, cap - len, "%s{\"title\": \"a%zu\"}", a ? "," : "", a);
        len += (size_t)snprintf(buf + len, cap - len, "]}");
    }
    snprintf(buf + len, cap - len, "]}");
    return buf;
}

static void parse_caps_the_counts_with_a_warning(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    char *json = repeat_feed(101, 1, 0, "{\"title\": \"k\", \"progress\": 0.5}");
    OkrFeed *feed = parse_str(json, &d);
    assert_non_null(feed);
    assert_int_equal(feed->n_objectives, 100);
    assert_string_equal(feed->objectives[99].title, "o99");
    expect_diag(&d, OKR_DIAG_WARNING, "objectives", "101 objectives; only the first 100 are shown");
    assert_int_equal(d.n_warnings, 1);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
    free(json);

    json = repeat_feed(1, 26, 51, "{\"title\": \"k\", \"progress\": 0.5}");
    feed = parse_str(json, &d);
    assert_int_equal(feed->objectives[0].n_key_results, 25);
    assert_int_equal(feed->objectives[0].n_actions, 50);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results",
                "26 key results; only the first 25 are shown");
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].actions",
                "51 actions; only the first 50 are shown");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
    free(json);

    /* the limits are configurable */
    OkrLimits lim = okr_limits_default();
    lim.max_objectives = 2;
    lim.max_key_results = 3;
    json = repeat_feed(5, 4, 0, "{\"title\": \"k\", \"progress\": 0.5}");
    feed = okr_feed_parse(json, strlen(json), &lim, &d);
    assert_int_equal(feed->n_objectives, 2);
    assert_int_equal(feed->objectives[1].n_key_results, 3);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives", "5 objectives; only the first 2 are shown");
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[1].key_results",
                "4 key results; only the first 3 are shown");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
    free(json);
}

static void parse_stores_at_most_a_thousand_warnings_but_counts_all(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    /* 100 x 25 key results with two problems each: 5000 warnings */
    char *json = repeat_feed(100, 25, 0, "{\"title\": 1, \"progress\": 2}");
    OkrFeed *feed = parse_str(json, &d);
    assert_non_null(feed);
    assert_int_equal(d.count, OKR_DIAG_MAX_ITEMS);
    assert_int_equal(d.n_warnings, 5000);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
    free(json);
}

/* ---------------------------------------------------------------- time -- */

static int64_t t(const char *text)
{
    int64_t v = INT64_MIN;
    assert_int_equal(okr_parse_time(text, &v), 0);
    return v;
}

static void parse_time_reads_dates_and_rfc3339_timestamps(void **state)
{
    (void)state;
    assert_int_equal(t("1970-01-01"), 0);
    assert_int_equal(t("1969-12-31"), -86400);
    assert_int_equal(t("2026-10-01"), INT64_C(1790812800));
    assert_int_equal(t("2024-02-29"), INT64_C(1709164800)); /* 19723 + 59 days */
    assert_int_equal(t("2026-11-26T08:30:00Z"), NOW_2026_11_26_0830);
    assert_int_equal(t("2026-11-26T08:30:00.123456Z"), NOW_2026_11_26_0830);
    assert_int_equal(t("2026-11-26t08:30:00z"), NOW_2026_11_26_0830);
    assert_int_equal(t("2026-11-26 08:30:00Z"), NOW_2026_11_26_0830);
    assert_int_equal(t("2026-11-26T10:30:00+02:00"), NOW_2026_11_26_0830);
    assert_int_equal(t("2026-11-26T03:00:00-05:30"), NOW_2026_11_26_0830);
    assert_int_equal(t("2026-11-27T00:30:00+16:00"), NOW_2026_11_26_0830);
}

static void parse_time_rejects_malformed_dates(void **state)
{
    (void)state;
    const char *bad[] = {"",
                         "2026",
                         "2026-1-01",
                         "2026-13-01",
                         "2026-00-10",
                         "2026-02-29",
                         "2100-02-29",
                         "2026-04-31",
                         "2026-10-01T24:00:00Z",
                         "2026-10-01T08:60:00Z",
                         "2026-10-01T08:30:00",
                         "2026-10-01T08:30Z",
                         "2026-10-01T08:30:00+0200",
                         "2026-10-01T08:30:00.Z",
                         "2026-10-01 junk",
                         "2026-10-01Z",
                         "2026-10-01T08:30:00Zx",
                         "tomorrow"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v = 42;
        if (okr_parse_time(bad[i], &v) != -1) {
            print_message("accepted \"%s\"\n", bad[i]);
            fail();
        }
        assert_int_equal(v, 42); /* untouched */
    }
}

static void parse_time_does_not_depend_on_the_time_zone(void **state)
{
    (void)state;
    setenv("TZ", "Pacific/Kiritimati", 1);
    tzset();
    assert_int_equal(t("2026-10-01"), INT64_C(1790812800));
    setenv("TZ", "America/St_Johns", 1);
    tzset();
    assert_int_equal(t("2026-11-26T08:30:00Z"), NOW_2026_11_26_0830);
    unsetenv("TZ");
    tzset();
}

static void feed_shift_time_moves_every_timestamp(void **state)
{
    (void)state;
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = parse_file("feed-example.json", &d);
    const int64_t delta = -10 * 86400;
    okr_feed_shift_time(feed, delta);
    assert_int_equal(feed->period_start, INT64_C(1790812800) + delta);
    assert_int_equal(feed->period_end, INT64_C(1798761600) + delta);
    assert_int_equal(feed->updated_at, NOW_2026_11_26_0830 + delta);
    assert_int_equal(feed->objectives[0].key_results[0].updated_at, INT64_C(1795478400) + delta);
    assert_false(feed->objectives[0].key_results[1].has_updated_at);
    assert_int_equal(feed->objectives[0].key_results[1].updated_at, 0); /* absent: untouched */
    assert_int_equal(feed->objectives[0].actions[0].due, INT64_C(1792022400) + delta);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

/* ----------------------------------------------------------- demo feed -- */

static void demo_feed_parses_cleanly_and_shows_every_kind_of_key_result(void **state)
{
    (void)state;
    size_t len;
    char *buf = okr_test_read_path(OKR_SOURCE_DIR "/assets/demo-feed.json", &len);
    OkrDiagList d = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = okr_feed_parse(buf, len, NULL, &d);
    free(buf);
    assert_non_null(feed);
    okr_test_print_diags(&d);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_warnings, 0);
    okr_score_feed(feed, NULL, NOW_2026_11_26_0830);

    assert_int_equal(feed->n_objectives, 4);
    assert_string_equal(feed->objectives[0].title, "Build a new demand generation channel");
    assert_string_equal(feed->objectives[1].title,
                        "Implement a marketing technology infrastructure");
    assert_string_equal(feed->objectives[2].title, "Increase website traffic");
    assert_string_equal(feed->objectives[3].title, "Improve funnel conversion rates");
    bool decreasing = false, over = false, binary = false, stale = false, long_title = false;
    bool seen[OKR_STATUS_DONE + 1] = {0};
    bool two_teams = false;
    for (size_t i = 0; i < feed->n_objectives; i++) {
        const OkrObjective *o = &feed->objectives[i];
        assert_in_range(o->n_key_results, 3, 5);
        assert_true(o->n_actions > 0);
        assert_non_null(o->owner);
        assert_non_null(o->team);
        if (strcmp(o->team, feed->objectives[0].team) != 0)
            two_teams = true;
        for (size_t k = 0; k < o->n_key_results; k++) {
            const OkrKeyResult *kr = &o->key_results[k];
            assert_non_null(kr->owner);
            assert_true(kr->score.has_value);
            decreasing |= kr->has_target && kr->has_start && kr->target < kr->start;
            over |= kr->score.raw > 1.0;
            binary |= kr->has_done;
            stale |= kr->score.stale;
            long_title |= strlen(kr->title) > 60;
            seen[kr->score.status] = true;
        }
    }
    assert_true(decreasing);
    assert_true(over);
    assert_true(binary);
    assert_true(stale);
    assert_true(long_title);
    assert_true(two_teams);
    assert_true(seen[OKR_STATUS_ON_TRACK] && seen[OKR_STATUS_AT_RISK]);
    assert_true(seen[OKR_STATUS_OFF_TRACK] && seen[OKR_STATUS_DONE]);
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

typedef struct {
    const char *data;
    size_t len;
    int failures;
} ThreadJob;

static void *parse_many(void *arg)
{
    ThreadJob *job = arg;
    for (int i = 0; i < 200; i++) {
        OkrDiagList d = OKR_DIAG_LIST_INIT;
        OkrFeed *feed = okr_feed_parse(job->data, job->len, NULL, &d);
        if (!feed || d.count != 0 || feed->n_objectives != 4 ||
            strcmp(feed->objectives[3].title, "Improve funnel conversion rates") != 0)
            job->failures++;
        okr_feed_free(feed);
        okr_diag_list_free(&d);
    }
    return NULL;
}

/* The cJSON arena is per thread: feed sources parse on worker threads. */
static void parse_is_safe_on_several_threads_at_once(void **state)
{
    (void)state;
    size_t len;
    char *buf = okr_test_read_path(OKR_SOURCE_DIR "/assets/demo-feed.json", &len);
    pthread_t threads[4];
    ThreadJob jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (ThreadJob){.data = buf, .len = len};
        assert_int_equal(pthread_create(&threads[i], NULL, parse_many, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(jobs[i].failures, 0);
    }
    free(buf);
}

static void parse_reads_a_key_result_s_history_seed_sorted_and_skips_bad_points(void **state)
{
    (void)state;
    OkrDiagList d = {0};
    OkrFeed *feed = parse_str(
        "{\"objectives\":[{\"title\":\"O\",\"key_results\":[{\"title\":\"K\",\"current\":5,"
        "\"target\":10,\"history\":[{\"at\":\"2026-10-19\",\"progress\":0.3},"
        "{\"at\":\"2026-10-05\",\"current\":2},{\"current\":4},{\"at\":\"2026-10-07\"},7]}]}]}",
        &d);
    assert_non_null(feed);
    const OkrKeyResult *kr = &feed->objectives[0].key_results[0];
    /* Two good points, in time order: 2026-10-05 (current 2), 2026-10-19
     * (progress 0.3). */
    assert_int_equal(kr->n_history, 2);
    assert_int_equal(kr->history[0].at, 1791158400); /* 2026-10-05T00:00Z */
    assert_true(kr->history[0].has_current && !kr->history[0].has_progress);
    assert_float_equal(kr->history[0].current, 2, 1e-12);
    assert_int_equal(kr->history[1].at, 1792368000); /* 2026-10-19T00:00Z */
    assert_float_equal(kr->history[1].progress, 0.3, 1e-12);
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results[0].history[2]",
                "has no \"at\" date; skipped");
    expect_diag(&d, OKR_DIAG_WARNING, "objectives[0].key_results[0].history[3]",
                "has neither \"current\" nor \"progress\"; skipped");
    expect_diag_prefix(&d, OKR_DIAG_WARNING, "objectives[0].key_results[0].history[4]",
                       "expected an object");
    okr_feed_free(feed);
    okr_diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_reads_a_key_result_s_history_seed_sorted_and_skips_bad_points),
        cmocka_unit_test(parse_reads_every_field_of_the_example_feed),
        cmocka_unit_test(parse_ignores_unknown_fields_and_treats_null_as_absent),
        cmocka_unit_test(parse_accepts_a_byte_order_mark_and_rfc3339_periods),
        cmocka_unit_test(parse_rejects_text_that_is_not_json_with_line_and_column),
        cmocka_unit_test(parse_rejects_truncated_json_and_says_so),
        cmocka_unit_test(parse_rejects_empty_input),
        cmocka_unit_test(parse_rejects_text_after_the_document),
        cmocka_unit_test(parse_rejects_a_document_that_is_not_an_object),
        cmocka_unit_test(parse_rejects_a_feed_without_an_objectives_array),
        cmocka_unit_test(parse_rejects_a_body_over_the_size_limit),
        cmocka_unit_test(parse_rejects_100000_deep_nesting_without_recursion),
        cmocka_unit_test(parse_accepts_nesting_at_the_limit_and_brackets_in_strings),
        cmocka_unit_test(parse_warns_about_wrong_types_at_their_exact_path),
        cmocka_unit_test(parse_warns_about_questionable_data),
        cmocka_unit_test(parse_warns_when_the_period_is_incomplete),
        cmocka_unit_test(parse_warns_about_the_remaining_cases),
        cmocka_unit_test(parse_replaces_invalid_utf8_and_warns),
        cmocka_unit_test(parse_replaces_a_lone_surrogate_escape_and_warns),
        cmocka_unit_test(parse_keeps_the_text_after_an_escaped_nul_and_warns),
        cmocka_unit_test(parse_keeps_the_last_of_a_duplicate_member_and_warns),
        cmocka_unit_test(an_objective_whose_key_results_all_weigh_0_shows_their_mean_and_warns),
        cmocka_unit_test(parse_turns_control_characters_into_spaces),
        cmocka_unit_test(parse_cuts_long_strings_on_a_utf8_boundary),
        cmocka_unit_test(parse_rejects_non_finite_and_reads_huge_numbers),
        cmocka_unit_test(parse_caps_the_counts_with_a_warning),
        cmocka_unit_test(parse_stores_at_most_a_thousand_warnings_but_counts_all),
        cmocka_unit_test(parse_time_reads_dates_and_rfc3339_timestamps),
        cmocka_unit_test(parse_time_rejects_malformed_dates),
        cmocka_unit_test(parse_time_does_not_depend_on_the_time_zone),
        cmocka_unit_test(feed_shift_time_moves_every_timestamp),
        cmocka_unit_test(demo_feed_parses_cleanly_and_shows_every_kind_of_key_result),
        cmocka_unit_test(parse_is_safe_on_several_threads_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
