/*
 * okr_parse: feed bytes -> validated OkrFeed (format v1, docs/feed-format.md).
 *
 * This part walks the model: the feed, its period, objectives, key results
 * and actions. okr_parse_doc.c turns the bytes into a checked cJSON tree,
 * okr_parse_values.c reads each typed member (see okr_parse_priv.h). Only
 * "not JSON", "not an object", "no objectives array" and the size/depth
 * limits are errors; everything else is a warning on the smallest element
 * that has it, and the bad value is ignored so its siblings still show.
 */
#include "okr_parse_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------- key results -- */

static void check_scorable(Ctx *c, const OkrKeyResult *kr, const char *base)
{
    if (kr->has_progress || kr->has_done)
        return;
    if (!kr->has_current && !kr->has_target) {
        WARN(c, base, NULL,
             "nothing to score: give \"progress\", \"done\", or \"current\" and \"target\"; "
             "shown as no data");
        return;
    }
    if (!kr->has_current) {
        WARN(c, base, NULL, "has a target but no usable \"current\" value; shown as no data");
        return;
    }
    if (!kr->has_target) {
        WARN(c, base, NULL, "has a current value but no usable \"target\"; shown as no data");
        return;
    }
    if (kr->has_direction &&
        (kr->direction == OKR_DIR_AT_LEAST || kr->direction == OKR_DIR_AT_MOST))
        return;
    double start = kr->has_start ? kr->start : 0.0;
    if (kr->target == start) {
        WARN(c, base, "target",
             "equals start (%.15g), so there is no span to measure; it counts as 100 %% once "
             "current reaches %.15g, else 0 %%",
             start, kr->target);
    } else if (kr->has_direction && kr->direction == OKR_DIR_DECREASE && kr->target > start) {
        WARN(c, base, "direction",
             "says decrease, but target (%.15g) is above start (%.15g); progress follows the "
             "numbers",
             kr->target, start);
    } else if (kr->has_direction && kr->direction == OKR_DIR_INCREASE && kr->target < start) {
        WARN(c, base, "direction",
             "says increase, but target (%.15g) is below start (%.15g); progress follows the "
             "numbers",
             kr->target, start);
    }
}

static void get_direction(Ctx *c, const Fields *obj, const char *base, OkrKeyResult *kr)
{
    static const ParseWord words[] = {{"increase", OKR_DIR_INCREASE},
                                      {"decrease", OKR_DIR_DECREASE},
                                      {"at_least", OKR_DIR_AT_LEAST},
                                      {"at_most", OKR_DIR_AT_MOST}};
    int v;
    if (parse_get_word(c, obj, K_DIRECTION, base, words, sizeof words / sizeof words[0],
                       "increase, decrease, at_least or at_most", "; using increase",
                       &v) == FIELD_OK) {
        kr->direction = (OkrDirection)v;
        kr->has_direction = true;
    }
}

static void parse_key_result(Ctx *c, const cJSON *json, const char *base, OkrKeyResult *kr)
{
    Fields fields, *obj = &fields;
    parse_index_fields(c, json, base, obj);
    kr->weight = 1.0;
    parse_get_string(c, obj, K_ID, base, "", &kr->id);
    kr->title = parse_get_title(c, obj, base, "(untitled key result)");
    parse_get_string(c, obj, K_OWNER, base, "", &kr->owner);
    parse_get_string(c, obj, K_UNIT, base, "", &kr->unit);
    kr->has_start = parse_get_number(c, obj, K_START, base, &kr->start) == FIELD_OK;
    kr->has_current = parse_get_number(c, obj, K_CURRENT, base, &kr->current) == FIELD_OK;
    kr->has_target = parse_get_number(c, obj, K_TARGET, base, &kr->target) == FIELD_OK;
    kr->has_progress = parse_get_progress(c, obj, base, &kr->progress) == FIELD_OK;
    kr->has_done = parse_get_bool(c, obj, K_DONE, base, &kr->done) == FIELD_OK;
    get_direction(c, obj, base, kr);
    kr->weight = parse_get_weight(c, obj, base);
    if (parse_get_number(c, obj, K_CONFIDENCE, base, &kr->confidence) == FIELD_OK) {
        if (kr->confidence < 0.0 || kr->confidence > 1.0)
            WARN(c, base, "confidence", "%.15g is outside 0..1 (0.7 means 70 %%); ignored",
                 kr->confidence);
        else
            kr->has_confidence = true;
    }
    kr->status_in = parse_get_status(c, obj, base);
    kr->has_updated_at =
        parse_get_time(c, obj, K_UPDATED_AT, base, &kr->updated_at, NULL) == FIELD_OK;
    parse_kr_history(c, obj, base, kr);
    check_scorable(c, kr, base);
}

static void parse_action(Ctx *c, const cJSON *json, const char *base, OkrAction *a)
{
    Fields fields, *obj = &fields;
    parse_index_fields(c, json, base, obj);
    a->title = parse_get_title(c, obj, base, "(untitled action)");
    parse_get_string(c, obj, K_OWNER, base, "", &a->owner);
    parse_get_bool(c, obj, K_DONE, base, &a->done);
    a->has_due = parse_get_time(c, obj, K_DUE, base, &a->due, NULL) == FIELD_OK;
}

/* ---------------------------------------------------------- objectives -- */

/*
 * Fills *out with a calloc'd array of up to max items of an array field,
 * calling fn for each object element; non-objects are skipped with a warning.
 * Returns the array's size (0 when absent or not an array).
 */
/* "base.key[i]" (or "key[i]" at the top), without snprintf: it runs for
 * every element of every list. Cut to fit like snprintf would. */
static void element_path(char *out, size_t size, const char *base, const char *key, size_t i)
{
    char digits[24];
    size_t nd = 0, n = 0;
    do {
        digits[nd++] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    const char *parts[] = {base, base[0] ? "." : "", key, "["};
    for (size_t p = 0; p < 4; p++) {
        for (const char *q = parts[p]; *q && n + 1 < size; q++)
            out[n++] = *q;
    }
    while (nd > 0 && n + 1 < size)
        out[n++] = digits[--nd];
    if (n + 1 < size)
        out[n++] = ']';
    out[n] = '\0';
}

typedef void (*ItemFn)(Ctx *c, const cJSON *obj, const char *base, void *item);

static size_t parse_list(Ctx *c, const cJSON *arr, const char *base, const char *key, size_t max,
                         size_t item_size, const char *noun, ItemFn fn, void **out, size_t *n_out)
{
    char path[sizeof(((OkrDiag *)0)->path)];
    size_t total = (size_t)cJSON_GetArraySize(arr);
    size_t want = total < max ? total : max;
    *out = NULL;
    *n_out = 0;
    if (total > max)
        WARN(c, base, key, "%zu %s; only the first %zu are shown", total, noun, max);
    if (want == 0)
        return total;
    unsigned char *items = calloc(want, item_size);
    if (!items) {
        c->oom = true;
        return total;
    }
    size_t i = 0, n = 0;
    for (const cJSON *el = arr->child; el && i < want && !c->oom; el = el->next, i++) {
        element_path(path, sizeof path, base, key, i);
        if (!cJSON_IsObject(el)) {
            parse_warn_type(c, path, NULL, "an object", el, "; skipped");
            continue;
        }
        fn(c, el, path, items + n * item_size);
        n++;
    }
    *out = items;
    *n_out = n;
    return total;
}

static void kr_item(Ctx *c, const cJSON *obj, const char *base, void *item)
{
    parse_key_result(c, obj, base, item);
}

static void action_item(Ctx *c, const cJSON *obj, const char *base, void *item)
{
    parse_action(c, obj, base, item);
}

static void parse_objective(Ctx *c, const cJSON *json, const char *base, void *item)
{
    OkrObjective *o = item;
    Fields fields, *obj = &fields;
    parse_index_fields(c, json, base, obj);
    void *arr;
    parse_get_string(c, obj, K_ID, base, "", &o->id);
    o->title = parse_get_title(c, obj, base, "(untitled objective)");
    parse_get_string(c, obj, K_OWNER, base, "", &o->owner);
    parse_get_string(c, obj, K_TEAM, base, "", &o->team);
    o->weight = parse_get_weight(c, obj, base);
    o->has_progress = parse_get_progress(c, obj, base, &o->progress) == FIELD_OK;
    o->status_in = parse_get_status(c, obj, base);

    const cJSON *krs = parse_field(obj, K_KEY_RESULTS);
    if (krs && !cJSON_IsArray(krs)) {
        parse_warn_type(c, base, "key_results", "an array", krs, "; no key results shown");
    } else if (krs) {
        parse_list(c, krs, base, "key_results", c->lim.max_key_results, sizeof(OkrKeyResult),
                   "key results", kr_item, &arr, &o->n_key_results);
        o->key_results = arr;
    }
    if (o->n_key_results == 0 && !o->has_progress && !c->oom)
        WARN(c, base, NULL, "has no key results and no progress; shown as no data");
    if (o->n_key_results > 0 && !o->has_progress) {
        bool all_zero = true;
        for (size_t i = 0; i < o->n_key_results && all_zero; i++)
            all_zero = o->key_results[i].weight == 0.0;
        if (all_zero)
            WARN(c, base, NULL,
                 "every key result has weight 0; the objective shows their unweighted mean");
    }

    const cJSON *acts = parse_field(obj, K_ACTIONS);
    if (acts && !cJSON_IsArray(acts)) {
        parse_warn_type(c, base, "actions", "an array", acts, "; no actions shown");
    } else if (acts) {
        parse_list(c, acts, base, "actions", c->lim.max_actions, sizeof(OkrAction), "actions",
                   action_item, &arr, &o->n_actions);
        o->actions = arr;
    }
}

/* ---------------------------------------------------------------- feed -- */

static void parse_version(Ctx *c, const Fields *root, OkrFeed *feed)
{
    double v;
    feed->version = 1;
    if (parse_get_number(c, root, K_VERSION, "", &v) != FIELD_OK)
        return;
    if (v != floor(v) || v < 1.0) {
        WARN(c, "", "version", "%.15g is not a known format version; reading it as version 1", v);
    } else if (v > 1.0) {
        feed->version = v > 1e6 ? 1000000 : (int)v;
        WARN(c, "", "version",
             "format version %.15g is newer than this program (1); fields it does not know "
             "are ignored",
             v);
    }
}

static void parse_period(Ctx *c, const Fields *root, OkrFeed *feed)
{
    const cJSON *pj = parse_field(root, K_PERIOD);
    Fields fields, *period = &fields;
    if (!pj)
        return;
    if (!cJSON_IsObject(pj)) {
        parse_warn_type(c, "", "period", "an object", pj, "; pace is not computed");
        return;
    }
    parse_index_fields(c, pj, "period", period);
    parse_get_string(c, period, K_LABEL, "period", "", &feed->period_label);
    int64_t start, end;
    bool start_date_only, end_date_only;
    FieldState s = parse_get_time(c, period, K_START, "period", &start, &start_date_only);
    FieldState e = parse_get_time(c, period, K_END, "period", &end, &end_date_only);
    if (s == FIELD_ABSENT && e == FIELD_ABSENT)
        return;
    if (s == FIELD_ABSENT || e == FIELD_ABSENT) {
        WARN(c, "period", NULL, "needs both \"start\" and \"end\"; pace is not computed");
        return;
    }
    if (s != FIELD_OK || e != FIELD_OK)
        return;
    if (end_date_only)
        end += 86400; /* the end date is inclusive: the period ends at the next midnight */
    if (end <= start) {
        WARN(c, "period", "end", "is before the start; pace is not computed");
        return;
    }
    feed->has_period = true;
    feed->period_start = start;
    feed->period_end = end;
}

static void parse_root(Ctx *c, const Fields *root, OkrFeed *feed)
{
    void *arr;
    parse_version(c, root, feed);
    parse_get_string(c, root, K_TITLE, "", "", &feed->title);
    parse_period(c, root, feed);
    feed->has_updated_at =
        parse_get_time(c, root, K_UPDATED_AT, "", &feed->updated_at, NULL) == FIELD_OK;
    const cJSON *objs = parse_field(root, K_OBJECTIVES);
    parse_list(c, objs, "", "objectives", c->lim.max_objectives, sizeof(OkrObjective), "objectives",
               parse_objective, &arr, &feed->n_objectives);
    feed->objectives = arr;
}


/* --------------------------------------------------------------- entry -- */

OkrFeed *okr_feed_parse(const char *data, size_t len, const OkrLimits *limits, OkrDiagList *diags)
{
    Ctx c = {.lim = limits ? *limits : okr_limits_default(), .diags = diags};
    OkrFeed *feed = NULL;
    ParseDoc doc;
    Fields fields;
    bool ok = false;

    if (!parse_doc_read(&c, data, len, &doc, &fields))
        goto cleanup;
    feed = calloc(1, sizeof *feed);
    if (!feed) {
        c.oom = true;
        goto cleanup;
    }
    parse_root(&c, &fields, feed);
    ok = !c.oom;

cleanup:
    if (c.oom)
        parse_diag_at(&c, OKR_DIAG_ERROR, "", NULL, "out of memory while reading the feed");
    if (!ok) {
        okr_feed_free(feed);
        feed = NULL;
    }
    parse_doc_free(&doc);
    return feed;
}
