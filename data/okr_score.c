/*
 * okr_score: turns the parsed numbers of a feed into progress, pace and status.
 *
 * Pure functions of (feed, config, now): nothing here reads the clock or adds
 * warnings; the parser already flagged what is wrong in the data. The rules are
 * the ones in docs/feed-format.md ("Scoring"), applied in this order for a key
 * result: explicit progress, done, at_least/at_most, then the span formula
 * (current - start) / (target - start), which also covers falling metrics.
 * Threshold comparisons allow a tiny epsilon so 0.5 - 0.4 counts as 0.10.
 */
#include "okr_score.h"

#include <math.h>

#define GAP_EPSILON 1e-9

OkrScoreConfig okr_score_config_default(void)
{
    OkrScoreConfig cfg = {
        .on_track_gap = 0.10,
        .at_risk_gap = 0.25,
        .no_period_on_track = 0.7,
        .no_period_at_risk = 0.4,
        .stale_after_s = 7 * 24 * 3600,
    };
    return cfg;
}

static double clamp01(double v)
{
    return v < 0.0 ? 0.0 : (v > 1.0 ? 1.0 : v);
}

/* The unclamped progress of a key result; false when it has no usable data. */
static bool kr_raw_value(const OkrKeyResult *kr, double *raw)
{
    if (kr->has_progress) {
        *raw = kr->progress;
    } else if (kr->has_done) {
        *raw = kr->done ? 1.0 : 0.0;
    } else if (!kr->has_current || !kr->has_target) {
        return false;
    } else if (kr->has_direction && kr->direction == OKR_DIR_AT_LEAST) {
        *raw = kr->current >= kr->target ? 1.0 : 0.0;
    } else if (kr->has_direction && kr->direction == OKR_DIR_AT_MOST) {
        *raw = kr->current <= kr->target ? 1.0 : 0.0;
    } else {
        double start = kr->has_start ? kr->start : 0.0;
        if (kr->target == start) {
            bool falling = kr->has_direction && kr->direction == OKR_DIR_DECREASE;
            bool reached = falling ? kr->current <= kr->target : kr->current >= kr->target;
            *raw = reached ? 1.0 : 0.0;
        } else {
            *raw = (kr->current - start) / (kr->target - start);
        }
    }
    /* Extreme finite inputs can still overflow (1e308 - -1e308). */
    return isfinite(*raw);
}

static OkrStatus status_for(OkrStatus explicit_status, bool has_value, double raw, double expected,
                            bool before_period, const OkrScoreConfig *cfg)
{
    if (explicit_status != OKR_STATUS_UNSET)
        return explicit_status;
    if (!has_value)
        return OKR_STATUS_NO_DATA;
    if (raw >= 1.0)
        return OKR_STATUS_DONE;
    if (before_period)
        return OKR_STATUS_NOT_STARTED;
    if (expected >= 0.0) {
        double gap = expected - raw;
        if (gap <= cfg->on_track_gap + GAP_EPSILON)
            return OKR_STATUS_ON_TRACK;
        if (gap <= cfg->at_risk_gap + GAP_EPSILON)
            return OKR_STATUS_AT_RISK;
        return OKR_STATUS_OFF_TRACK;
    }
    if (raw >= cfg->no_period_on_track - GAP_EPSILON)
        return OKR_STATUS_ON_TRACK;
    if (raw >= cfg->no_period_at_risk - GAP_EPSILON)
        return OKR_STATUS_AT_RISK;
    return OKR_STATUS_OFF_TRACK;
}

OkrScore okr_score_key_result(const OkrKeyResult *kr, double expected, bool before_period,
                              const OkrScoreConfig *cfg, int64_t now)
{
    OkrScore s = {.age_s = -1};
    double raw = 0.0;
    s.has_value = kr_raw_value(kr, &raw);
    if (s.has_value) {
        s.raw = raw;
        s.ring = clamp01(raw);
    }
    s.has_expected = expected >= 0.0;
    s.expected = s.has_expected ? clamp01(expected) : 0.0;
    s.status = status_for(kr->status_in, s.has_value, s.raw, expected, before_period, cfg);
    if (kr->has_updated_at) {
        /* A timestamp in the future counts as "just now". */
        s.age_s = now > kr->updated_at ? now - kr->updated_at : 0;
        s.stale = s.age_s > cfg->stale_after_s;
    }
    return s;
}

static void score_objective(OkrObjective *obj, double expected, bool before_period,
                            const OkrScoreConfig *cfg, int64_t now)
{
    double sum = 0.0, weights = 0.0, plain = 0.0;
    size_t n_plain = 0;
    OkrScore s = {.age_s = -1};
    obj->n_no_data = 0;
    for (size_t i = 0; i < obj->n_key_results; i++) {
        OkrKeyResult *kr = &obj->key_results[i];
        kr->score = okr_score_key_result(kr, expected, before_period, cfg, now);
        if (!kr->score.has_value) {
            obj->n_no_data++;
        } else {
            plain += kr->score.ring;
            n_plain++;
            if (kr->weight > 0.0) {
                sum += kr->weight * kr->score.ring;
                weights += kr->weight;
            }
        }
        if (kr->score.stale)
            s.stale = true;
        if (kr->score.age_s > s.age_s)
            s.age_s = kr->score.age_s;
    }
    if (obj->has_progress && isfinite(obj->progress)) {
        s.has_value = true;
        s.raw = obj->progress;
    } else if (weights > 0.0) {
        s.has_value = true;
        s.raw = sum / weights;
    } else if (n_plain > 0) {
        /* no weighted key result has data: their plain mean, never "no data"
         * beside key results that have some (the parser warns) */
        s.has_value = true;
        s.raw = plain / (double)n_plain;
    }
    if (s.has_value)
        s.ring = clamp01(s.raw);
    s.has_expected = expected >= 0.0;
    s.expected = s.has_expected ? clamp01(expected) : 0.0;
    s.status = status_for(obj->status_in, s.has_value, s.raw, expected, before_period, cfg);
    obj->score = s;
}

void okr_score_feed(OkrFeed *feed, const OkrScoreConfig *cfg, int64_t now)
{
    OkrScoreConfig defaults = okr_score_config_default();
    if (!cfg)
        cfg = &defaults;
    double expected = -1.0;
    bool before_period = false;
    feed->scored_at = now;
    feed->has_expected = false;
    feed->expected = 0.0;
    if (feed->has_period && feed->period_end > feed->period_start) {
        double span = (double)(feed->period_end - feed->period_start);
        expected = clamp01((double)(now - feed->period_start) / span);
        before_period = now < feed->period_start;
        feed->has_expected = true;
        feed->expected = expected;
    }
    if (feed->has_updated_at)
        feed->feed_age_s = now > feed->updated_at ? now - feed->updated_at : 0;
    else
        feed->feed_age_s = -1;
    for (size_t i = 0; i < feed->n_objectives; i++)
        score_objective(&feed->objectives[i], expected, before_period, cfg, now);
}
