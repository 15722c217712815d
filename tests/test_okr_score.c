/*
 * Tests for okr_score: key result progress in every scoring mode, objective
 * roll-up with weights and no-data key results, pace across the period,
 * status thresholds and staleness. Every expected number is worked out by
 * hand in the comment next to it.
 *
 * The reference period is Q4 2026: 2026-10-01 (day 20727 since 1970, so
 * 1790812800 s) to 2026-12-31 inclusive, which ends at 2027-01-01 00:00
 * (day 20819, 1798761600 s): 92 days = 7948800 s.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "okr_score.h"

#define DAY 86400
#define Q4_START INT64_C(1790812800)
#define Q4_END INT64_C(1798761600)
#define NO_PERIOD (-1.0)
#define EPS 1e-9

static OkrScoreConfig cfg(void)
{
    return okr_score_config_default();
}

static OkrKeyResult numbers(double start, double current, double target)
{
    OkrKeyResult kr = {.title = "kr",
                       .weight = 1,
                       .start = start,
                       .current = current,
                       .target = target,
                       .has_start = true,
                       .has_current = true,
                       .has_target = true};
    return kr;
}

static OkrKeyResult with_progress(double p)
{
    OkrKeyResult kr = {.title = "kr", .weight = 1, .progress = p, .has_progress = true};
    return kr;
}

static OkrScore score(const OkrKeyResult *kr)
{
    OkrScoreConfig c = cfg();
    return okr_score_key_result(kr, NO_PERIOD, false, &c, 0);
}

static OkrScore score_at(const OkrKeyResult *kr, double expected)
{
    OkrScoreConfig c = cfg();
    return okr_score_key_result(kr, expected, false, &c, 0);
}

/* ------------------------------------------------------- key results -- */

static void kr_progress_handles_increasing_metrics(void **state)
{
    (void)state;
    OkrKeyResult kr = numbers(20, 26, 30); /* (26-20)/(30-20) = 0.6 */
    OkrScore s = score(&kr);
    assert_true(s.has_value);
    assert_float_equal(s.raw, 0.6, EPS);
    assert_float_equal(s.ring, 0.6, EPS);
}

static void kr_progress_handles_decreasing_metrics(void **state)
{
    (void)state;
    OkrKeyResult kr = numbers(58, 52, 45); /* (52-58)/(45-58) = -6/-13 = 0.461538... */
    OkrScore s = score(&kr);
    assert_float_equal(s.raw, 6.0 / 13.0, EPS);
    kr.direction = OKR_DIR_DECREASE;
    kr.has_direction = true;
    assert_float_equal(score(&kr).raw, 6.0 / 13.0, EPS);
    kr.current = 60; /* worse than the start: (60-58)/(-13) = -0.1538, ring 0 */
    s = score(&kr);
    assert_float_equal(s.raw, -2.0 / 13.0, EPS);
    assert_float_equal(s.ring, 0.0, EPS);
    kr.current = 45; /* reached exactly */
    assert_float_equal(score(&kr).raw, 1.0, EPS);
}

static void kr_progress_keeps_over_achievement_raw_and_clamps_the_ring(void **state)
{
    (void)state;
    OkrKeyResult kr = numbers(0, 13, 10); /* 13/10 = 1.3 */
    OkrScore s = score(&kr);
    assert_float_equal(s.raw, 1.3, EPS);
    assert_float_equal(s.ring, 1.0, EPS);
    assert_int_equal(s.status, OKR_STATUS_DONE);
}

static void kr_start_defaults_to_zero(void **state)
{
    (void)state;
    OkrKeyResult kr = numbers(0, 2, 3);
    kr.has_start = false;
    kr.start = 99; /* ignored: has_start is false */
    assert_float_equal(score(&kr).raw, 2.0 / 3.0, EPS);
}

static void kr_zero_span_scores_one_when_reached_else_zero(void **state)
{
    (void)state;
    OkrKeyResult kr = numbers(5, 5, 5);
    assert_float_equal(score(&kr).raw, 1.0, EPS);
    kr.current = 6;
    assert_float_equal(score(&kr).raw, 1.0, EPS);
    kr.current = 4;
    OkrScore s = score(&kr);
    assert_true(s.has_value);
    assert_float_equal(s.raw, 0.0, EPS);
    /* a falling metric "reaches" its target from above */
    kr = numbers(3, 2.5, 3);
    kr.direction = OKR_DIR_DECREASE;
    kr.has_direction = true;
    assert_float_equal(score(&kr).raw, 1.0, EPS);
    kr.current = 3.5;
    assert_float_equal(score(&kr).raw, 0.0, EPS);
}

static void kr_binary_done_scores_one_or_zero(void **state)
{
    (void)state;
    OkrKeyResult kr = {.title = "kr", .weight = 1, .has_done = true, .done = true};
    OkrScore s = score(&kr);
    assert_float_equal(s.raw, 1.0, EPS);
    assert_int_equal(s.status, OKR_STATUS_DONE);
    kr.done = false;
    s = score(&kr);
    assert_true(s.has_value);
    assert_float_equal(s.raw, 0.0, EPS);
    assert_int_equal(s.status, OKR_STATUS_OFF_TRACK);
}

static void kr_at_least_and_at_most_pass_or_fail(void **state)
{
    (void)state;
    OkrKeyResult kr = numbers(0, 10, 10);
    kr.has_start = false;
    kr.has_direction = true;
    kr.direction = OKR_DIR_AT_LEAST;
    assert_float_equal(score(&kr).raw, 1.0, EPS);
    kr.current = 9.99;
    assert_float_equal(score(&kr).raw, 0.0, EPS);
    kr.current = 500; /* pass/fail: never above 1 */
    assert_float_equal(score(&kr).raw, 1.0, EPS);

    kr.direction = OKR_DIR_AT_MOST;
    kr.target = 2.5;
    kr.current = 2.8;
    assert_float_equal(score(&kr).raw, 0.0, EPS);
    kr.current = 2.5;
    assert_float_equal(score(&kr).raw, 1.0, EPS);
    kr.current = 1.0;
    assert_float_equal(score(&kr).raw, 1.0, EPS);
    /* start is irrelevant for pass/fail, even when it equals the target */
    kr.has_start = true;
    kr.start = 2.5;
    kr.current = 3;
    assert_float_equal(score(&kr).raw, 0.0, EPS);
}

static void kr_explicit_progress_comes_first_even_out_of_range(void **state)
{
    (void)state;
    OkrKeyResult kr = numbers(0, 9, 10); /* numbers alone would give 0.9 */
    kr.has_progress = true;
    kr.progress = 0.25;
    kr.has_done = true;
    kr.done = true;
    assert_float_equal(score(&kr).raw, 0.25, EPS);

    kr = with_progress(1.5); /* out of range: still used */
    OkrScore s = score(&kr);
    assert_float_equal(s.raw, 1.5, EPS);
    assert_float_equal(s.ring, 1.0, EPS);
    kr = with_progress(-0.2);
    s = score(&kr);
    assert_float_equal(s.raw, -0.2, EPS);
    assert_float_equal(s.ring, 0.0, EPS);
}

static void kr_done_comes_before_numbers_and_direction(void **state)
{
    (void)state;
    OkrKeyResult kr = numbers(0, 10, 10); /* numbers alone: 1.0 */
    kr.has_done = true;
    kr.done = false;
    kr.has_direction = true;
    kr.direction = OKR_DIR_AT_LEAST;
    assert_float_equal(score(&kr).raw, 0.0, EPS);
}

static void kr_without_usable_numbers_is_no_data_not_zero(void **state)
{
    (void)state;
    OkrKeyResult kr = {.title = "kr", .weight = 1};
    OkrScore s = score(&kr);
    assert_false(s.has_value);
    assert_int_equal(s.status, OKR_STATUS_NO_DATA);

    kr.has_target = true; /* a target without a current value */
    kr.target = 10;
    assert_false(score(&kr).has_value);
    kr.has_direction = true;
    kr.direction = OKR_DIR_AT_MOST;
    assert_false(score(&kr).has_value);

    kr = numbers(-1e308, 1e308, 1e308); /* inf / inf: not a usable number */
    assert_false(score(&kr).has_value);
}

static void kr_explicit_status_wins_over_the_computed_one(void **state)
{
    (void)state;
    OkrKeyResult kr = with_progress(1.0);
    kr.status_in = OKR_STATUS_AT_RISK;
    assert_int_equal(score(&kr).status, OKR_STATUS_AT_RISK);
    kr = (OkrKeyResult){.title = "kr", .weight = 1, .status_in = OKR_STATUS_ON_TRACK};
    OkrScore s = score(&kr); /* no data, but the team says on track */
    assert_false(s.has_value);
    assert_int_equal(s.status, OKR_STATUS_ON_TRACK);
}

/* ------------------------------------------------------------ status -- */

static void status_follows_the_gap_to_the_expected_pace(void **state)
{
    (void)state;
    OkrKeyResult kr = with_progress(0.45);
    /* expected 0.5: gap 0.05 on track, 0.10 on track (boundary), 0.20 at risk,
     * 0.25 at risk (boundary), 0.30 off track */
    assert_int_equal(score_at(&kr, 0.5).status, OKR_STATUS_ON_TRACK);
    kr.progress = 0.40;
    assert_int_equal(score_at(&kr, 0.5).status, OKR_STATUS_ON_TRACK);
    kr.progress = 0.30;
    assert_int_equal(score_at(&kr, 0.5).status, OKR_STATUS_AT_RISK);
    kr.progress = 0.25;
    assert_int_equal(score_at(&kr, 0.5).status, OKR_STATUS_AT_RISK);
    kr.progress = 0.20;
    assert_int_equal(score_at(&kr, 0.5).status, OKR_STATUS_OFF_TRACK);
    kr.progress = 0.9; /* ahead of pace */
    OkrScore s = score_at(&kr, 0.5);
    assert_int_equal(s.status, OKR_STATUS_ON_TRACK);
    assert_true(s.has_expected);
    assert_float_equal(s.expected, 0.5, EPS);
}

static void status_without_a_period_uses_fixed_thresholds(void **state)
{
    (void)state;
    OkrKeyResult kr = with_progress(0.7);
    assert_int_equal(score(&kr).status, OKR_STATUS_ON_TRACK);
    kr.progress = 0.69;
    assert_int_equal(score(&kr).status, OKR_STATUS_AT_RISK);
    kr.progress = 0.4;
    assert_int_equal(score(&kr).status, OKR_STATUS_AT_RISK);
    kr.progress = 0.39;
    assert_int_equal(score(&kr).status, OKR_STATUS_OFF_TRACK);
    assert_false(score(&kr).has_expected);
}

static void status_thresholds_are_configurable(void **state)
{
    (void)state;
    OkrScoreConfig c = cfg();
    c.on_track_gap = 0.05;
    c.at_risk_gap = 0.08;
    OkrKeyResult kr = with_progress(0.43); /* gap 0.07 */
    assert_int_equal(okr_score_key_result(&kr, 0.5, false, &c, 0).status, OKR_STATUS_AT_RISK);
    kr.progress = 0.40; /* gap 0.10 */
    assert_int_equal(okr_score_key_result(&kr, 0.5, false, &c, 0).status, OKR_STATUS_OFF_TRACK);
    c.no_period_on_track = 0.9;
    kr.progress = 0.8;
    assert_int_equal(okr_score_key_result(&kr, NO_PERIOD, false, &c, 0).status, OKR_STATUS_AT_RISK);
}

static void status_before_the_period_is_not_started_unless_done(void **state)
{
    (void)state;
    OkrScoreConfig c = cfg();
    OkrKeyResult kr = with_progress(0.3);
    assert_int_equal(okr_score_key_result(&kr, 0.0, true, &c, 0).status, OKR_STATUS_NOT_STARTED);
    kr.progress = 1.0;
    assert_int_equal(okr_score_key_result(&kr, 0.0, true, &c, 0).status, OKR_STATUS_DONE);
}

/* ---------------------------------------------------------- the feed -- */

typedef struct {
    OkrFeed feed;
    OkrObjective obj;
    OkrKeyResult krs[4];
} OneObjective;

static void one_objective(OneObjective *f, size_t n_krs, bool with_period)
{
    f->feed = (OkrFeed){.version = 1};
    f->obj =
        (OkrObjective){.title = "o", .weight = 1, .key_results = f->krs, .n_key_results = n_krs};
    f->feed.objectives = &f->obj;
    f->feed.n_objectives = 1;
    if (with_period) {
        f->feed.has_period = true;
        f->feed.period_start = Q4_START;
        f->feed.period_end = Q4_END;
    }
}

static void objective_is_the_weighted_mean_of_clamped_key_results(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(1.0);
    f.krs[0].weight = 3;
    f.krs[1] = with_progress(0.2);
    one_objective(&f, 2, false);
    okr_score_feed(&f.feed, NULL, 0);
    assert_float_equal(f.obj.score.raw, (3 * 1.0 + 0.2) / 4, EPS); /* 0.8 */

    f.krs[0] = numbers(0, 13, 10); /* raw 1.3 counts as 1.0 */
    f.krs[1] = with_progress(0.5);
    one_objective(&f, 2, false);
    okr_score_feed(&f.feed, NULL, 0);
    assert_float_equal(f.obj.score.raw, 0.75, EPS);
    assert_float_equal(f.krs[0].score.raw, 1.3, EPS);
}

static void objective_ignores_weight_zero_unless_every_weight_is_zero(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(0.0);
    f.krs[0].weight = 0;
    f.krs[1] = with_progress(0.5);
    one_objective(&f, 2, false);
    okr_score_feed(&f.feed, NULL, 0);
    assert_float_equal(f.obj.score.raw, 0.5, EPS);
    assert_int_equal(f.obj.n_no_data, 0);

    /* every weight 0: not "no data" beside key results that have data, but
     * their unweighted mean, (0 + 0.5) / 2 */
    f.krs[1].weight = 0;
    okr_score_feed(&f.feed, NULL, 0);
    assert_true(f.obj.score.has_value);
    assert_float_equal(f.obj.score.raw, 0.25, EPS);
}

static void objective_excludes_and_counts_no_data_key_results(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = numbers(20, 26, 30);
    f.krs[1] = (OkrKeyResult){.title = "empty", .weight = 1};
    f.krs[2] = (OkrKeyResult){.title = "empty too", .weight = 2};
    one_objective(&f, 3, false);
    okr_score_feed(&f.feed, NULL, 0);
    assert_float_equal(f.obj.score.raw, 0.6, EPS);
    assert_int_equal(f.obj.n_no_data, 2);

    one_objective(&f, 3, false);
    f.obj.key_results = &f.krs[1]; /* only the two empty ones */
    f.obj.n_key_results = 2;
    okr_score_feed(&f.feed, NULL, 0);
    assert_false(f.obj.score.has_value);
    assert_int_equal(f.obj.score.status, OKR_STATUS_NO_DATA);
    assert_int_equal(f.obj.n_no_data, 2);
}

static void objective_explicit_progress_and_status_win(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(0.1);
    f.krs[1] = (OkrKeyResult){.title = "empty", .weight = 1};
    one_objective(&f, 2, false);
    f.obj.has_progress = true;
    f.obj.progress = 0.9;
    okr_score_feed(&f.feed, NULL, 0);
    assert_float_equal(f.obj.score.raw, 0.9, EPS);
    assert_int_equal(f.obj.score.status, OKR_STATUS_ON_TRACK);
    assert_int_equal(f.obj.n_no_data, 1);

    f.obj.status_in = OKR_STATUS_OFF_TRACK;
    okr_score_feed(&f.feed, NULL, 0);
    assert_int_equal(f.obj.score.status, OKR_STATUS_OFF_TRACK);
}

static void pace_is_zero_at_the_start_of_the_period(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(0.0);
    one_objective(&f, 1, true);
    okr_score_feed(&f.feed, NULL, Q4_START);
    assert_true(f.feed.has_expected);
    assert_float_equal(f.feed.expected, 0.0, EPS);
    assert_int_equal(f.krs[0].score.status, OKR_STATUS_ON_TRACK); /* gap 0 */
    assert_int_equal(f.feed.scored_at, Q4_START);
}

static void pace_is_half_in_the_middle_of_the_period(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(0.30); /* gap 0.20: at risk */
    one_objective(&f, 1, true);
    okr_score_feed(&f.feed, NULL, Q4_START + 46 * DAY); /* 46 of 92 days */
    assert_float_equal(f.feed.expected, 0.5, EPS);
    assert_float_equal(f.krs[0].score.expected, 0.5, EPS);
    assert_int_equal(f.krs[0].score.status, OKR_STATUS_AT_RISK);
    assert_int_equal(f.obj.score.status, OKR_STATUS_AT_RISK);
}

static void pace_counts_the_end_date_as_a_whole_day(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(0.95);
    one_objective(&f, 1, true);
    /* noon on 2026-12-31, the inclusive last day: 91.5 of 92 days */
    okr_score_feed(&f.feed, NULL, Q4_END - DAY / 2);
    assert_float_equal(f.feed.expected, 91.5 / 92.0, EPS);
    okr_score_feed(&f.feed, NULL, Q4_END);
    assert_float_equal(f.feed.expected, 1.0, EPS);
    assert_int_equal(f.krs[0].score.status, OKR_STATUS_ON_TRACK); /* gap 0.05 */
}

static void pace_is_clamped_after_the_period(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(0.8); /* gap 1.0 - 0.8 = 0.2: at risk */
    one_objective(&f, 1, true);
    okr_score_feed(&f.feed, NULL, Q4_END + 10 * DAY);
    assert_float_equal(f.feed.expected, 1.0, EPS);
    assert_int_equal(f.krs[0].score.status, OKR_STATUS_AT_RISK);
}

static void pace_before_the_period_is_zero_and_not_started(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(0.3);
    f.krs[1] = with_progress(1.0);
    f.krs[2] = with_progress(0.1);
    f.krs[2].status_in = OKR_STATUS_AT_RISK;
    one_objective(&f, 3, true);
    okr_score_feed(&f.feed, NULL, Q4_START - DAY);
    assert_float_equal(f.feed.expected, 0.0, EPS);
    assert_int_equal(f.krs[0].score.status, OKR_STATUS_NOT_STARTED);
    assert_int_equal(f.krs[1].score.status, OKR_STATUS_DONE);
    assert_int_equal(f.krs[2].score.status, OKR_STATUS_AT_RISK);
    assert_int_equal(f.obj.score.status, OKR_STATUS_NOT_STARTED);
}

static void feed_without_a_period_has_no_expected_pace(void **state)
{
    (void)state;
    OneObjective f;
    f.krs[0] = with_progress(0.5);
    one_objective(&f, 1, false);
    okr_score_feed(&f.feed, NULL, Q4_START);
    assert_false(f.feed.has_expected);
    assert_false(f.krs[0].score.has_expected);
    assert_int_equal(f.krs[0].score.status, OKR_STATUS_AT_RISK); /* 0.4 <= 0.5 < 0.7 */
}

static void stale_after_seven_days_and_not_before(void **state)
{
    (void)state;
    OneObjective f;
    int64_t now = Q4_START + 50 * DAY;
    f.krs[0] = with_progress(0.5);
    f.krs[0].has_updated_at = true;
    f.krs[0].updated_at = now - 7 * DAY; /* exactly 7 days: not yet stale */
    f.krs[1] = f.krs[0];
    f.krs[1].updated_at = now - 7 * DAY - 1;
    f.krs[2] = with_progress(0.5); /* no updated_at: age unknown */
    f.krs[3] = f.krs[0];
    f.krs[3].updated_at = now + 3600; /* in the future: "just now" */
    one_objective(&f, 4, true);
    f.feed.has_updated_at = true;
    f.feed.updated_at = now - 90;
    okr_score_feed(&f.feed, NULL, now);
    assert_false(f.krs[0].score.stale);
    assert_int_equal(f.krs[0].score.age_s, 7 * DAY);
    assert_true(f.krs[1].score.stale);
    assert_int_equal(f.krs[1].score.age_s, 7 * DAY + 1);
    assert_false(f.krs[2].score.stale);
    assert_int_equal(f.krs[2].score.age_s, -1);
    assert_false(f.krs[3].score.stale);
    assert_int_equal(f.krs[3].score.age_s, 0);
    assert_int_equal(f.feed.feed_age_s, 90);
    /* the objective is flagged when any key result is stale */
    assert_true(f.obj.score.stale);
    assert_int_equal(f.obj.score.age_s, 7 * DAY + 1);
}

static void stale_threshold_is_configurable(void **state)
{
    (void)state;
    OneObjective f;
    OkrScoreConfig c = cfg();
    c.stale_after_s = 3600;
    f.krs[0] = with_progress(0.5);
    f.krs[0].has_updated_at = true;
    f.krs[0].updated_at = 1000;
    one_objective(&f, 1, false);
    okr_score_feed(&f.feed, &c, 1000 + 3601);
    assert_true(f.krs[0].score.stale);
    assert_int_equal(f.feed.feed_age_s, -1);
}

static void status_names_are_the_words_check_prints(void **state)
{
    (void)state;
    assert_string_equal(okr_status_name(OKR_STATUS_NO_DATA), "no_data");
    assert_string_equal(okr_status_name(OKR_STATUS_NOT_STARTED), "not_started");
    assert_string_equal(okr_status_name(OKR_STATUS_ON_TRACK), "on_track");
    assert_string_equal(okr_status_name(OKR_STATUS_AT_RISK), "at_risk");
    assert_string_equal(okr_status_name(OKR_STATUS_OFF_TRACK), "off_track");
    assert_string_equal(okr_status_name(OKR_STATUS_DONE), "done");
    assert_string_equal(okr_status_name(OKR_STATUS_UNSET), "unset");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kr_progress_handles_increasing_metrics),
        cmocka_unit_test(kr_progress_handles_decreasing_metrics),
        cmocka_unit_test(kr_progress_keeps_over_achievement_raw_and_clamps_the_ring),
        cmocka_unit_test(kr_start_defaults_to_zero),
        cmocka_unit_test(kr_zero_span_scores_one_when_reached_else_zero),
        cmocka_unit_test(kr_binary_done_scores_one_or_zero),
        cmocka_unit_test(kr_at_least_and_at_most_pass_or_fail),
        cmocka_unit_test(kr_explicit_progress_comes_first_even_out_of_range),
        cmocka_unit_test(kr_done_comes_before_numbers_and_direction),
        cmocka_unit_test(kr_without_usable_numbers_is_no_data_not_zero),
        cmocka_unit_test(kr_explicit_status_wins_over_the_computed_one),
        cmocka_unit_test(status_follows_the_gap_to_the_expected_pace),
        cmocka_unit_test(status_without_a_period_uses_fixed_thresholds),
        cmocka_unit_test(status_thresholds_are_configurable),
        cmocka_unit_test(status_before_the_period_is_not_started_unless_done),
        cmocka_unit_test(objective_is_the_weighted_mean_of_clamped_key_results),
        cmocka_unit_test(objective_ignores_weight_zero_unless_every_weight_is_zero),
        cmocka_unit_test(objective_excludes_and_counts_no_data_key_results),
        cmocka_unit_test(objective_explicit_progress_and_status_win),
        cmocka_unit_test(pace_is_zero_at_the_start_of_the_period),
        cmocka_unit_test(pace_is_half_in_the_middle_of_the_period),
        cmocka_unit_test(pace_counts_the_end_date_as_a_whole_day),
        cmocka_unit_test(pace_is_clamped_after_the_period),
        cmocka_unit_test(pace_before_the_period_is_zero_and_not_started),
        cmocka_unit_test(feed_without_a_period_has_no_expected_pace),
        cmocka_unit_test(stale_after_seven_days_and_not_before),
        cmocka_unit_test(stale_threshold_is_configurable),
        cmocka_unit_test(status_names_are_the_words_check_prints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
