/*
 * okr_report: the output of `okr-kiosk --check`, as text and as JSON.
 *
 * Both forms print the same numbers as the wall (percentages, values, ages
 * and dates all come from okr_i18n's formatters), so a script, a person
 * reading the table and the screen never disagree. Problems come first: they are what the person running --check
 * came for. Diagnostics beyond OKR_DIAG_MAX_ITEMS were only counted, and the
 * reports say how many were left out.
 */
#include "okr_report.h"

#include "okr_delta.h"
#include "okr_i18n.h"
#include "okr_parse.h"
#include "okr_util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int okr_report_exit_code(const OkrFeed *feed)
{
    return feed ? OKR_CHECK_OK : OKR_CHECK_NOT_SHOWABLE;
}

static void format_age(int64_t age_s, char *buf, size_t size)
{
    if (age_s < 0)
        snprintf(buf, size, "unknown");
    else
        i18n_format_duration(I18N_EN, age_s, buf, size);
}

static size_t stored(const OkrDiagList *diags, OkrDiagLevel level)
{
    size_t n = 0;
    for (size_t i = 0; diags && i < diags->count; i++)
        n += diags->items[i].level == level;
    return n;
}

/* ---------------------------------------------------------------- text -- */

static void text_problems(FILE *out, const OkrDiagList *diags)
{
    if (!diags)
        return;
    for (size_t i = 0; i < diags->count; i++) {
        const OkrDiag *d = &diags->items[i];
        const char *level = d->level == OKR_DIAG_ERROR ? "error" : "warning";
        if (d->path[0])
            fprintf(out, "%s: %s: %s\n", level, d->path, d->message);
        else
            fprintf(out, "%s: %s\n", level, d->message);
    }
    size_t hidden = diags->n_warnings - stored(diags, OKR_DIAG_WARNING);
    if (hidden > 0)
        fprintf(out, "warning: ... and %zu more warnings not listed\n", hidden);
}

static void text_progress(const OkrScore *s, char *buf, size_t size)
{
    if (s->has_value)
        i18n_format_progress(I18N_EN, s->raw, buf, size);
    else
        snprintf(buf, size, "no data");
}

/* "26 / 30 MQLs", "done", "2.8 / 2.5 s (at most)", "$80 / $100"; empty for
 * explicit progress. Numbers as the wall writes them (i18n_format_value). */
static void text_value(const OkrKeyResult *kr, char *buf, size_t size)
{
    const char *unit = kr->unit ? kr->unit : "";
    buf[0] = '\0';
    if (kr->has_progress)
        return;
    if (kr->has_done) {
        snprintf(buf, size, "%s", kr->done ? "done" : "not done");
        return;
    }
    /* room for a number and the longest unit the parser keeps */
    char cur[OKR_LIMIT_STRING + 64] = "?", tgt[OKR_LIMIT_STRING + 64] = "?";
    if (kr->has_current && i18n_unit_leads(unit))
        i18n_format_quantity(I18N_EN, kr->current, unit, cur, sizeof cur);
    else if (kr->has_current)
        i18n_format_value(I18N_EN, kr->current, cur, sizeof cur);
    if (kr->has_target)
        i18n_format_quantity(I18N_EN, kr->target, unit, tgt, sizeof tgt);
    else if (unit[0] && !i18n_unit_leads(unit))
        snprintf(tgt, sizeof tgt, "? %s", unit);
    const char *how = "";
    if (kr->has_direction && kr->direction == OKR_DIR_AT_LEAST)
        how = " (at least)";
    else if (kr->has_direction && kr->direction == OKR_DIR_AT_MOST)
        how = " (at most)";
    int n = snprintf(buf, size, "%s / %s%s", cur, tgt, how);
    if (n > 0 && (size_t)n >= size)
        okr_utf8_drop_partial(buf);
}

static void text_row(FILE *out, const OkrScore *s, const char *indent, const char *title,
                     const char *value)
{
    char progress[32];
    text_progress(s, progress, sizeof progress);
    fprintf(out, "%8s  %-11s %-5s  %s%s", progress, okr_status_name(s->status),
            s->stale ? "stale" : "", indent, title);
    if (value && value[0])
        fprintf(out, "  [%s]", value);
    fputc('\n', out);
}

static void text_header(FILE *out, const OkrFeed *feed)
{
    char when[40], age[32];
    fprintf(out, "\n%s", okr_feed_title(feed));
    if (feed->period_label)
        fprintf(out, " - %s", feed->period_label);
    fputc('\n', out);
    i18n_format_utc(feed->scored_at, when, sizeof when);
    fprintf(out, "checked at %s", when);
    if (feed->has_expected) {
        char pct[32];
        i18n_format_progress(I18N_EN, feed->expected, pct, sizeof pct);
        fprintf(out, ", %s of the period elapsed", pct);
    } else
        fprintf(out, ", no period (status by progress alone)");
    fputc('\n', out);
    if (feed->has_updated_at) {
        i18n_format_utc(feed->updated_at, when, sizeof when);
        format_age(feed->feed_age_s, age, sizeof age);
        fprintf(out, "feed updated %s (%s ago)\n", when, age);
    }
    fputc('\n', out);
    fprintf(out, "%8s  %-11s %-5s  %s\n", "PROGRESS", "STATUS", "STALE",
            "OBJECTIVE / KEY RESULT  [CURRENT / TARGET UNIT]");
}

void okr_report_text(FILE *out, const OkrFeed *feed, const OkrDiagList *diags)
{
    text_problems(out, diags);
    if (!feed) {
        fprintf(out, "the feed cannot be shown\n");
        return;
    }
    text_header(out, feed);
    size_t n_krs = 0;
    for (size_t i = 0; i < feed->n_objectives; i++) {
        const OkrObjective *o = &feed->objectives[i];
        char extra[64] = "";
        if (o->n_no_data)
            snprintf(extra, sizeof extra, "%zu key result%s without data", o->n_no_data,
                     o->n_no_data == 1 ? "" : "s");
        text_row(out, &o->score, "", o->title, extra);
        for (size_t k = 0; k < o->n_key_results; k++) {
            char value[128];
            text_value(&o->key_results[k], value, sizeof value);
            text_row(out, &o->key_results[k].score, "  - ", o->key_results[k].title, value);
        }
        n_krs += o->n_key_results;
    }
    size_t errors = diags ? diags->n_errors : 0, warnings = diags ? diags->n_warnings : 0;
    fprintf(out, "\n%zu objectives, %zu key results, %zu errors, %zu warnings\n",
            feed->n_objectives, n_krs, errors, warnings);
}

/* ---------------------------------------------------------------- json -- */

static void add_string(cJSON *obj, const char *key, const char *value)
{
    if (value)
        cJSON_AddStringToObject(obj, key, value);
    else
        cJSON_AddNullToObject(obj, key);
}

static void add_number(cJSON *obj, const char *key, bool has, double value)
{
    if (has)
        cJSON_AddNumberToObject(obj, key, value);
    else
        cJSON_AddNullToObject(obj, key);
}

static void add_time(cJSON *obj, const char *key, bool has, int64_t t)
{
    char buf[40];
    if (!has) {
        cJSON_AddNullToObject(obj, key);
        return;
    }
    i18n_format_utc(t, buf, sizeof buf);
    cJSON_AddStringToObject(obj, key, buf);
}

static void add_score(cJSON *obj, const OkrScore *s)
{
    add_number(obj, "progress", s->has_value, s->raw);
    add_number(obj, "ring", s->has_value, s->ring);
    add_number(obj, "percent", s->has_value, (double)i18n_percent_whole(s->raw, NULL));
    if (s->has_value) {
        char pct[32];
        i18n_format_progress(I18N_EN, s->raw, pct, sizeof pct);
        cJSON_AddStringToObject(obj, "percent_text", pct);
    } else {
        cJSON_AddNullToObject(obj, "percent_text");
    }
    add_number(obj, "expected", s->has_expected, s->expected);
    cJSON_AddStringToObject(obj, "status", okr_status_name(s->status));
    cJSON_AddBoolToObject(obj, "stale", s->stale);
    add_number(obj, "age_s", s->age_s >= 0, (double)s->age_s);
}

static const char *direction_name(OkrDirection d)
{
    switch (d) {
    case OKR_DIR_INCREASE:
        return "increase";
    case OKR_DIR_DECREASE:
        return "decrease";
    case OKR_DIR_AT_LEAST:
        return "at_least";
    case OKR_DIR_AT_MOST:
        return "at_most";
    }
    return "increase";
}

/* "delta": {"points": 8, "status_before": "on_track", "status_changed": false,
 * "no_update": true} — points and status_before only when known. */
static void add_delta(cJSON *o, const OkrDelta *d)
{
    if (!d)
        return;
    cJSON *j = cJSON_AddObjectToObject(o, "delta");
    if (!j)
        return;
    cJSON_AddBoolToObject(j, "has_before", d->has_before);
    if (d->has_points)
        cJSON_AddNumberToObject(j, "points", (double)d->points);
    else
        cJSON_AddNullToObject(j, "points");
    if (d->status_before != OKR_STATUS_UNSET)
        cJSON_AddStringToObject(j, "status_before", okr_status_name(d->status_before));
    else
        cJSON_AddNullToObject(j, "status_before");
    cJSON_AddBoolToObject(j, "status_changed", d->status_changed);
    cJSON_AddBoolToObject(j, "no_update", d->no_update);
}

static cJSON *json_key_result(const OkrKeyResult *kr)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    add_string(o, "id", kr->id);
    add_string(o, "title", kr->title);
    add_string(o, "owner", kr->owner);
    add_string(o, "unit", kr->unit);
    add_number(o, "start", kr->has_start, kr->start);
    add_number(o, "current", kr->has_current, kr->current);
    add_number(o, "target", kr->has_target, kr->target);
    cJSON_AddStringToObject(o, "direction", direction_name(kr->direction));
    cJSON_AddNumberToObject(o, "weight", kr->weight);
    add_number(o, "confidence", kr->has_confidence, kr->confidence);
    add_time(o, "updated_at", kr->has_updated_at, kr->updated_at);
    add_score(o, &kr->score);
    return o;
}

static cJSON *json_objective(const OkrObjective *obj, const OkrDeltaSet *ds, size_t oi)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    add_string(o, "id", obj->id);
    add_string(o, "title", obj->title);
    add_string(o, "owner", obj->owner);
    add_string(o, "team", obj->team);
    cJSON_AddNumberToObject(o, "weight", obj->weight);
    add_score(o, &obj->score);
    cJSON_AddNumberToObject(o, "no_data_key_results", (double)obj->n_no_data);
    cJSON *krs = cJSON_AddArrayToObject(o, "key_results");
    add_delta(o, okr_delta_objective(ds, oi));
    for (size_t i = 0; krs && i < obj->n_key_results; i++) {
        cJSON *jk = json_key_result(&obj->key_results[i]);
        if (jk)
            add_delta(jk, okr_delta_kr(ds, oi, i));
        cJSON_AddItemToArray(krs, jk);
    }
    cJSON *acts = cJSON_AddArrayToObject(o, "actions");
    for (size_t i = 0; acts && i < obj->n_actions; i++) {
        const OkrAction *a = &obj->actions[i];
        cJSON *ja = cJSON_CreateObject();
        if (!ja)
            continue;
        add_string(ja, "title", a->title);
        add_string(ja, "owner", a->owner);
        cJSON_AddBoolToObject(ja, "done", a->done);
        add_time(ja, "due", a->has_due, a->due);
        cJSON_AddItemToArray(acts, ja);
    }
    return o;
}

static void json_feed(cJSON *root, const OkrFeed *feed, const OkrDeltaSet *ds)
{
    cJSON_AddNumberToObject(root, "version", feed->version);
    add_string(root, "title", feed->title);
    add_time(root, "scored_at", true, feed->scored_at);
    cJSON *period = cJSON_AddObjectToObject(root, "period");
    if (period) {
        add_string(period, "label", feed->period_label);
        add_time(period, "start", feed->has_period, feed->period_start);
        add_time(period, "end", feed->has_period, feed->period_end); /* exclusive */
    }
    add_number(root, "expected", feed->has_expected, feed->expected);
    add_time(root, "updated_at", feed->has_updated_at, feed->updated_at);
    add_number(root, "age_s", feed->feed_age_s >= 0, (double)feed->feed_age_s);
    cJSON *objs = cJSON_AddArrayToObject(root, "objectives");
    for (size_t i = 0; objs && i < feed->n_objectives; i++)
        cJSON_AddItemToArray(objs, json_objective(&feed->objectives[i], ds, i));
}

void okr_report_json(FILE *out, const OkrFeed *feed, const OkrDiagList *diags)
{
    okr_report_json_deltas(out, feed, diags, NULL);
}

void okr_report_json_deltas(FILE *out, const OkrFeed *feed, const OkrDiagList *diags,
                            const OkrDeltaSet *deltas)
{
    cJSON *root = cJSON_CreateObject();
    char *text = NULL;
    if (!root)
        goto cleanup;
    cJSON_AddBoolToObject(root, "showable", feed != NULL);
    if (feed && deltas) {
        cJSON *since = cJSON_AddObjectToObject(root, "since");
        if (since) {
            add_time(since, "reference", true, deltas->reference);
            add_time(since, "now", true, deltas->now);
        }
    }
    if (feed)
        json_feed(root, feed, deltas);
    cJSON *problems = cJSON_AddArrayToObject(root, "problems");
    for (size_t i = 0; diags && problems && i < diags->count; i++) {
        const OkrDiag *d = &diags->items[i];
        cJSON *p = cJSON_CreateObject();
        if (!p)
            continue;
        cJSON_AddStringToObject(p, "level", d->level == OKR_DIAG_ERROR ? "error" : "warning");
        cJSON_AddStringToObject(p, "path", d->path);
        cJSON_AddStringToObject(p, "message", d->message);
        cJSON_AddItemToArray(problems, p);
    }
    cJSON_AddNumberToObject(root, "errors", diags ? (double)diags->n_errors : 0);
    cJSON_AddNumberToObject(root, "warnings", diags ? (double)diags->n_warnings : 0);
    text = cJSON_Print(root);
    if (text)
        fprintf(out, "%s\n", text);
cleanup:
    free(text);
    cJSON_Delete(root);
}
