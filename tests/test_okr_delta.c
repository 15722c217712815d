/*
 * Tests for data/okr_delta.c: identity keys, the sample store's order and
 * pruning, deltas in points and status since a reference, "no update since",
 * samples from the future ignored, and trend series. Expected values are
 * worked out by hand in the comments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "okr_delta.h"

#define DAY 86400

static OkrSample smp(int64_t at, double progress, OkrStatus st)
{
    return (OkrSample){.at = at,
                       .updated_at = at,
                       .progress = progress,
                       .current = NAN,
                       .confidence = NAN,
                       .status = st};
}

/* A feed of one objective "Grow" with two key results: "A" (id "kr-a",
 * progress 0.50 on track, updated at t0 + 10 d) and "Signups" without id
 * (progress 0.30 at risk, updated at t0 + 1 d). */
typedef struct {
    OkrFeed feed;
    OkrObjective obj;
    OkrKeyResult kr[2];
} Fixture;

static void fixture(Fixture *f, int64_t t0)
{
    memset(f, 0, sizeof *f);
    f->kr[0].id = "kr-a";
    f->kr[0].title = "A";
    f->kr[0].score = (OkrScore){.has_value = true, .raw = 0.50, .status = OKR_STATUS_ON_TRACK};
    f->kr[0].has_updated_at = true;
    f->kr[0].updated_at = t0 + 10 * DAY;
    f->kr[1].title = "  Signups   per\tweek ";
    f->kr[1].score = (OkrScore){.has_value = true, .raw = 0.30, .status = OKR_STATUS_AT_RISK};
    f->kr[1].has_updated_at = true;
    f->kr[1].updated_at = t0 + 1 * DAY;
    f->obj.title = "Grow";
    f->obj.key_results = f->kr;
    f->obj.n_key_results = 2;
    f->obj.score = (OkrScore){.has_value = true, .raw = 0.40, .status = OKR_STATUS_AT_RISK};
    f->feed.objectives = &f->obj;
    f->feed.n_objectives = 1;
    f->feed.has_period = true;
    f->feed.period_start = t0;
    f->feed.period_end = t0 + 90 * DAY;
}

static void keys_use_the_id_else_normalised_titles(void **state)
{
    (void)state;
    Fixture f;
    fixture(&f, 0);
    char buf[OKR_DELTA_KEY_MAX];
    okr_delta_key_kr(&f.obj, &f.kr[0], buf, sizeof buf);
    assert_string_equal(buf, "k:kr-a");
    f.obj.title = " GROW\n";
    okr_delta_key_kr(&f.obj, &f.kr[1], buf, sizeof buf);
    assert_string_equal(buf, "k:grow\x1fsignups per week");
    okr_delta_key_objective(&f.obj, buf, sizeof buf);
    assert_string_equal(buf, "o:grow");
    char tiny[6];
    assert_int_equal(okr_delta_key_objective(&f.obj, tiny, sizeof tiny), 6);
    assert_string_equal(tiny, "o:gro");
}

static void samples_stay_sorted_and_the_same_instant_replaces(void **state)
{
    (void)state;
    OkrSamples *s = okr_samples_new();
    OkrSample a = smp(300, 0.3, OKR_STATUS_ON_TRACK), b = smp(100, 0.1, OKR_STATUS_ON_TRACK),
              c = smp(200, 0.2, OKR_STATUS_ON_TRACK), d = smp(200, 0.25, OKR_STATUS_AT_RISK);
    assert_int_equal(okr_samples_add(s, "k:x", &a), 0);
    assert_int_equal(okr_samples_add(s, "k:x", &b), 0);
    assert_int_equal(okr_samples_add(s, "k:x", &c), 0);
    assert_int_equal(okr_samples_add(s, "k:x", &d), 0);
    size_t n;
    const OkrSample *v = okr_samples_get(s, "k:x", &n);
    assert_int_equal(n, 3);
    assert_int_equal(okr_samples_count(s), 3);
    assert_true(v[0].at == 100 && v[1].at == 200 && v[2].at == 300);
    assert_float_equal(v[1].progress, 0.25, 1e-12);
    assert_null(okr_samples_at(s, "k:x", 99));
    assert_float_equal(okr_samples_at(s, "k:x", 250)->progress, 0.25, 1e-12);
    assert_null(okr_samples_at(s, "k:nope", 250));
    okr_samples_free(s);
}

static void prune_keeps_the_value_in_force_at_the_cut(void **state)
{
    (void)state;
    OkrSamples *s = okr_samples_new();
    for (int i = 1; i <= 5; i++) {
        OkrSample x = smp(i * 100, i / 10.0, OKR_STATUS_ON_TRACK);
        okr_samples_add(s, "k:x", &x);
    }
    /* Cut at 350: 100, 200, 300 are older; 300 is in force at 350 and stays. */
    assert_int_equal(okr_samples_prune(s, 350), 2);
    size_t n;
    const OkrSample *v = okr_samples_get(s, "k:x", &n);
    assert_int_equal(n, 3);
    assert_int_equal(v[0].at, 300);
    assert_int_equal(okr_samples_count(s), 3);
    okr_samples_free(s);
}

static void thin_keeps_one_per_bucket_and_the_value_at_the_cut(void **state)
{
    (void)state;
    OkrSamples *s = okr_samples_new();
    /* Samples every 10 s from 0 to 200; keep_after 150, buckets of 60 s
     * counted back from 150: [100,150] [40,90] [0,30]. Of 0..150 the newest of
     * each bucket stays: 150 (the value in force), 90, 30. After 150:
     * 160..200 all stay. */
    for (int t = 0; t <= 200; t += 10) {
        OkrSample x = smp(t, t / 1000.0, OKR_STATUS_ON_TRACK);
        okr_samples_add(s, "k:x", &x);
    }
    okr_samples_thin(s, 150, 60);
    size_t n;
    const OkrSample *v = okr_samples_get(s, "k:x", &n);
    int64_t want[] = {30, 90, 150, 160, 170, 180, 190, 200};
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(v[i].at, want[i]);
    okr_samples_free(s);
}

static void deltas_count_points_and_status_changes_since_the_reference(void **state)
{
    (void)state;
    int64_t t0 = 1790000000, now = t0 + 20 * DAY, ref = now - DAY;
    Fixture f;
    fixture(&f, t0);
    OkrSamples *s = okr_samples_new();
    /* kr-a: 0.42 at ref - 1 h (on track), 0.47 after ref: before = 0.42,
     * now 0.50 -> 50 - 42 = +8 points, status unchanged. */
    OkrSample a1 = smp(ref - 3600, 0.42, OKR_STATUS_ON_TRACK);
    OkrSample a2 = smp(ref + 3600, 0.47, OKR_STATUS_ON_TRACK);
    okr_samples_add(s, "k:kr-a", &a1);
    okr_samples_add(s, "k:kr-a", &a2);
    /* Signups: 0.33 on track before -> 0.30 at risk now: -3 points, changed. */
    OkrSample b1 = smp(t0, 0.33, OKR_STATUS_ON_TRACK);
    okr_samples_add(s, "k:grow\x1fsignups per week", &b1);
    OkrDeltaSet set = {0};
    assert_int_equal(okr_delta_compute(&f.feed, s, ref, now, NULL, 0, &set), 0);
    const OkrDelta *da = okr_delta_kr(&set, 0, 0), *db = okr_delta_kr(&set, 0, 1);
    assert_true(da->has_before && da->has_points);
    assert_int_equal(da->points, 8);
    assert_false(da->status_changed);
    assert_true(da->no_update); /* updated at t0 + 10 d, before ref = t0 + 19 d */
    assert_true(db->has_points);
    assert_int_equal(db->points, -3);
    assert_true(db->status_changed);
    assert_int_equal(db->status_before, OKR_STATUS_ON_TRACK);
    assert_true(okr_delta_moved(db));
    /* The objective has no samples: nothing to compare. */
    const OkrDelta *dobj = okr_delta_objective(&set, 0);
    assert_false(dobj->has_before);
    assert_false(okr_delta_moved(dobj));
    assert_null(okr_delta_kr(&set, 0, 2));
    assert_null(okr_delta_kr(&set, 1, 0));
    assert_null(okr_delta_objective(NULL, 0));
    okr_delta_set_free(&set);
    okr_samples_free(s);
}

static void no_update_since_means_updated_at_older_than_the_reference(void **state)
{
    (void)state;
    int64_t t0 = 1790000000;
    Fixture f;
    fixture(&f, t0);
    OkrDeltaSet set = {0};
    /* Reference t0 + 5 d: kr-a updated at t0 + 10 d (after), Signups at
     * t0 + 1 d (before): only Signups has had no update. The objective's
     * newest update is t0 + 10 d: updated. */
    okr_delta_compute(&f.feed, NULL, t0 + 5 * DAY, t0 + 12 * DAY, NULL, 0, &set);
    assert_false(okr_delta_kr(&set, 0, 0)->no_update);
    assert_true(okr_delta_kr(&set, 0, 1)->no_update);
    assert_false(okr_delta_objective(&set, 0)->no_update);
    assert_int_equal(okr_delta_objective(&set, 0)->updated_at, t0 + 10 * DAY);
    okr_delta_set_free(&set);
}

static void samples_from_the_future_are_ignored(void **state)
{
    (void)state;
    int64_t t0 = 1790000000, now = t0 + 20 * DAY;
    Fixture f;
    fixture(&f, t0);
    OkrSamples *s = okr_samples_new();
    /* Written while the clock ran a year ahead: after now, so neither the
     * value at a reference after now nor the trend may use it. */
    OkrSample fut = smp(now + 365 * DAY, 0.90, OKR_STATUS_DONE);
    okr_samples_add(s, "k:kr-a", &fut);
    OkrDeltaSet set = {0};
    okr_delta_compute(&f.feed, s, now + 400 * DAY, now, NULL, 0, &set);
    const OkrDelta *d = okr_delta_kr(&set, 0, 0);
    assert_false(d->has_before);
    for (int i = 0; i < d->trend.n - 1; i++)
        assert_true(isnan(d->trend.progress[i]));
    okr_delta_set_free(&set);
    okr_samples_free(s);
}

static void trend_spans_the_period_to_now_with_the_standups_inside(void **state)
{
    (void)state;
    int64_t t0 = 1790000000, now = t0 + 47 * DAY;
    Fixture f;
    fixture(&f, t0);
    OkrSamples *s = okr_samples_new();
    /* 0.10 from day 0, 0.30 from day 20. 48 points from t0 to t0 + 47 d:
     * point i at t0 + i days. Points 0..19 read 0.10, 20..46 read 0.30, the
     * last is the feed's 0.50. */
    OkrSample a = smp(t0, 0.10, OKR_STATUS_ON_TRACK),
              b = smp(t0 + 20 * DAY, 0.30, OKR_STATUS_ON_TRACK);
    okr_samples_add(s, "k:kr-a", &a);
    okr_samples_add(s, "k:kr-a", &b);
    int64_t st[] = {t0 - DAY, t0 + DAY, t0 + 2 * DAY, now + DAY};
    OkrDeltaSet set = {0};
    okr_delta_compute(&f.feed, s, now - DAY, now, st, 4, &set);
    const OkrTrend *tr = &okr_delta_kr(&set, 0, 0)->trend;
    assert_int_equal(tr->n, OKR_TREND_POINTS);
    assert_int_equal(tr->t[0], t0);
    assert_int_equal(tr->t[47], now);
    assert_int_equal(tr->t[20], t0 + 20 * DAY);
    assert_float_equal(tr->progress[19], 0.10f, 1e-6);
    assert_float_equal(tr->progress[20], 0.30f, 1e-6);
    assert_float_equal(tr->progress[47], 0.50f, 1e-6);
    assert_int_equal(set.trend_from, t0);
    assert_int_equal(set.trend_to, t0 + 90 * DAY);
    assert_int_equal(set.n_standups, 2);
    assert_int_equal(set.standups[0], t0 + DAY);
    okr_delta_set_free(&set);
    okr_samples_free(s);
}

static void a_sample_differs_only_in_what_the_history_keeps(void **state)
{
    (void)state;
    OkrSample a = smp(1, 0.5, OKR_STATUS_ON_TRACK), b = a;
    b.at = 99;
    assert_false(okr_sample_changed(&a, &b));
    b.confidence = 0.7;
    assert_true(okr_sample_changed(&a, &b));
    b = a;
    b.progress = NAN;
    assert_true(okr_sample_changed(&a, &b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_use_the_id_else_normalised_titles),
        cmocka_unit_test(samples_stay_sorted_and_the_same_instant_replaces),
        cmocka_unit_test(prune_keeps_the_value_in_force_at_the_cut),
        cmocka_unit_test(thin_keeps_one_per_bucket_and_the_value_at_the_cut),
        cmocka_unit_test(deltas_count_points_and_status_changes_since_the_reference),
        cmocka_unit_test(no_update_since_means_updated_at_older_than_the_reference),
        cmocka_unit_test(samples_from_the_future_are_ignored),
        cmocka_unit_test(trend_spans_the_period_to_now_with_the_standups_inside),
        cmocka_unit_test(a_sample_differs_only_in_what_the_history_keeps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
