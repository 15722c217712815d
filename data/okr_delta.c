/*
 * okr_delta: deltas and trend series from recorded samples (see the header).
 *
 * OkrSamples is an array of elements sorted by key, each with its samples
 * sorted by time: finding an element is a binary search on the key, finding
 * the value in force at an instant a binary search on the time. New keys are
 * rare (a feed has a few hundred elements) so inserting one with memmove is
 * fine; new samples nearly always go at the end of their element.
 */
#include "okr_delta.h"
#include "okr_util.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "okr_i18n.h"

typedef struct {
    char *key;
    OkrSample *v;
    size_t n, cap;
} Element;

struct OkrSamples {
    Element *el;
    size_t n, cap;
    size_t total;
};

OkrSamples *okr_samples_new(void)
{
    return calloc(1, sizeof(OkrSamples));
}

void okr_samples_free(OkrSamples *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->el[i].key);
        free(s->el[i].v);
    }
    free(s->el);
    free(s);
}

/* Index of key, or of where it would go (*found false). */
static size_t find_el(const OkrSamples *s, const char *key, bool *found)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->el[mid].key, key);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

static const Element *get_el(const OkrSamples *s, const char *key)
{
    bool found;
    if (!s || !key)
        return NULL;
    size_t i = find_el(s, key, &found);
    return found ? &s->el[i] : NULL;
}

/* Number of samples with at <= t (index of the first later one). */
static size_t count_upto(const OkrSample *v, size_t n, int64_t t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].at <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int okr_samples_add(OkrSamples *s, const char *key, const OkrSample *sample)
{
    bool found;
    size_t i = find_el(s, key, &found);
    if (!found) {
        Element *el = okr_grow(s->el, &s->cap, s->n, sizeof *el, 64);
        if (!el)
            return -1;
        s->el = el;
        char *k = strdup(key);
        if (!k)
            return -1;
        memmove(&s->el[i + 1], &s->el[i], (s->n - i) * sizeof *s->el);
        s->el[i] = (Element){.key = k};
        s->n++;
    }
    Element *e = &s->el[i];
    size_t pos = count_upto(e->v, e->n, sample->at);
    if (pos > 0 && e->v[pos - 1].at == sample->at) {
        e->v[pos - 1] = *sample;
        return 0;
    }
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 8;
        OkrSample *v = realloc(e->v, cap * sizeof *v);
        if (!v)
            return -1;
        e->v = v;
        e->cap = cap;
    }
    memmove(&e->v[pos + 1], &e->v[pos], (e->n - pos) * sizeof *e->v);
    e->v[pos] = *sample;
    e->n++;
    s->total++;
    return 0;
}

const OkrSample *okr_samples_get(const OkrSamples *s, const char *key, size_t *n)
{
    const Element *e = get_el(s, key);
    *n = e ? e->n : 0;
    return e && e->n ? e->v : NULL;
}

const OkrSample *okr_samples_at(const OkrSamples *s, const char *key, int64_t t)
{
    const Element *e = get_el(s, key);
    if (!e)
        return NULL;
    size_t k = count_upto(e->v, e->n, t);
    return k ? &e->v[k - 1] : NULL;
}

void okr_samples_clear(OkrSamples *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->el[i].key);
        free(s->el[i].v);
    }
    s->n = 0;
    s->total = 0;
}

size_t okr_samples_drop_after(OkrSamples *s, int64_t t)
{
    size_t dropped = 0;
    for (size_t i = 0; s && i < s->n; i++) {
        Element *e = &s->el[i];
        size_t k = count_upto(e->v, e->n, t);
        dropped += e->n - k;
        e->n = k;
    }
    if (s)
        s->total -= dropped;
    return dropped;
}

size_t okr_samples_count(const OkrSamples *s)
{
    return s ? s->total : 0;
}

/* Keeps the samples for which keep[] is set, in order. */
static size_t compact(Element *e, const unsigned char *keep)
{
    size_t w = 0;
    for (size_t r = 0; r < e->n; r++)
        if (keep[r])
            e->v[w++] = e->v[r];
    size_t dropped = e->n - w;
    e->n = w;
    return dropped;
}

size_t okr_samples_prune(OkrSamples *s, int64_t before)
{
    size_t dropped = 0;
    for (size_t i = 0; s && i < s->n; i++) {
        Element *e = &s->el[i];
        size_t k = count_upto(e->v, e->n, before - 1); /* samples older than before */
        if (k <= 1)
            continue;
        memmove(e->v, e->v + (k - 1), (e->n - (k - 1)) * sizeof *e->v);
        e->n -= k - 1;
        dropped += k - 1;
    }
    if (s)
        s->total -= dropped;
    return dropped;
}

size_t okr_samples_thin(OkrSamples *s, int64_t keep_after, int64_t bucket_s)
{
    size_t dropped = 0;
    if (!s || bucket_s <= 0)
        return 0;
    for (size_t i = 0; i < s->n; i++) {
        Element *e = &s->el[i];
        size_t k = count_upto(e->v, e->n, keep_after);
        if (k < 2)
            continue;
        unsigned char *keep = malloc(e->n);
        if (!keep)
            return dropped; /* thinning is an optimisation: skip it */
        memset(keep, 1, e->n);
        /* Among the first k - 1 samples (the k-th is the value in force at
         * keep_after and always stays), keep the newest of each bucket. Buckets
         * are counted back from keep_after so they do not depend on when the
         * history started. */
        for (size_t r = 0; r + 1 < k; r++) {
            int64_t b_r = (keep_after - e->v[r].at) / bucket_s;
            int64_t b_n = (keep_after - e->v[r + 1].at) / bucket_s;
            if (b_r == b_n)
                keep[r] = 0;
        }
        dropped += compact(e, keep);
        free(keep);
    }
    s->total -= dropped;
    return dropped;
}

void okr_samples_each(const OkrSamples *s,
                      void (*fn)(const char *key, const OkrSample *v, size_t n, void *ctx),
                      void *ctx)
{
    for (size_t i = 0; s && i < s->n; i++)
        fn(s->el[i].key, s->el[i].v, s->el[i].n, ctx);
}

/* Appends s normalised (ASCII lower case, white space runs as one space,
 * trimmed) at buf[*w], never writing past len - 1. */
static void put_norm(const char *s, char *buf, size_t len, size_t *w, size_t *total)
{
    bool space = false, any = false;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
            space = any;
            continue;
        }
        if (space) {
            if (*w + 1 < len)
                buf[(*w)++] = ' ';
            (*total)++;
            space = false;
        }
        if (*w + 1 < len)
            buf[(*w)++] = (char)tolower(*p);
        (*total)++;
        any = true;
    }
}

static void put_raw(const char *s, char *buf, size_t len, size_t *w, size_t *total)
{
    for (const char *p = s; *p; p++) {
        if (*w + 1 < len)
            buf[(*w)++] = *p;
        (*total)++;
    }
}

size_t okr_delta_key_kr(const OkrObjective *obj, const OkrKeyResult *kr, char *buf, size_t len)
{
    size_t w = 0, total = 0;
    if (kr->id && kr->id[0]) {
        put_raw("k:", buf, len, &w, &total);
        put_raw(kr->id, buf, len, &w, &total);
    } else {
        put_raw("k:", buf, len, &w, &total);
        put_norm(obj ? obj->title : "", buf, len, &w, &total);
        put_raw("\x1f", buf, len, &w, &total);
        put_norm(kr->title, buf, len, &w, &total);
    }
    if (len)
        buf[w] = '\0';
    return total;
}

size_t okr_delta_key_objective(const OkrObjective *obj, char *buf, size_t len)
{
    size_t w = 0, total = 0;
    put_raw("o:", buf, len, &w, &total);
    if (obj->id && obj->id[0])
        put_raw(obj->id, buf, len, &w, &total);
    else
        put_norm(obj->title, buf, len, &w, &total);
    if (len)
        buf[w] = '\0';
    return total;
}

OkrSample okr_delta_sample_kr(const OkrKeyResult *kr, int64_t now)
{
    return (OkrSample){
        .at = now,
        .updated_at = kr->has_updated_at ? kr->updated_at : -1,
        .progress = kr->score.has_value ? kr->score.raw : NAN,
        .current = kr->has_current ? kr->current : NAN,
        .confidence = kr->has_confidence ? kr->confidence : NAN,
        .status = kr->score.status,
    };
}

/* The newest updated_at of the objective's key results, or -1. */
static int64_t objective_updated_at(const OkrObjective *obj)
{
    int64_t u = -1;
    for (size_t i = 0; i < obj->n_key_results; i++)
        if (obj->key_results[i].has_updated_at && obj->key_results[i].updated_at > u)
            u = obj->key_results[i].updated_at;
    return u;
}

OkrSample okr_delta_sample_objective(const OkrObjective *obj, int64_t now)
{
    return (OkrSample){
        .at = now,
        .updated_at = objective_updated_at(obj),
        .progress = obj->score.has_value ? obj->score.raw : NAN,
        .current = NAN,
        .confidence = NAN,
        .status = obj->score.status,
    };
}

static bool same_num(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

bool okr_sample_changed(const OkrSample *a, const OkrSample *b)
{
    return !same_num(a->progress, b->progress) || !same_num(a->current, b->current) ||
           !same_num(a->confidence, b->confidence) || a->status != b->status ||
           a->updated_at != b->updated_at;
}

/* Progress from the element's samples at each trend instant; the last point
 * is the feed's own value now. */
static void fill_trend(OkrTrend *tr, const Element *e, int64_t from, int64_t now,
                       double now_progress)
{
    int n = from < now ? OKR_TREND_POINTS : 1;
    tr->n = n;
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        int64_t t = n == 1 ? now : from + (int64_t)((double)(now - from) * i / (n - 1));
        tr->t[i] = t;
        if (i == n - 1) {
            tr->progress[i] = (float)now_progress;
            break;
        }
        /* t only grows: continue the search from the previous position. */
        if (e) {
            size_t rest = count_upto(e->v + k, e->n - k, t);
            k += rest;
        }
        tr->progress[i] = e && k ? (float)e->v[k - 1].progress : NAN;
    }
}

static void fill_delta(OkrDelta *d, const Element *e, const OkrSample *now_s, int64_t reference,
                       int64_t now, int64_t trend_from)
{
    memset(d, 0, sizeof *d);
    d->updated_at = now_s->updated_at;
    d->status_before = OKR_STATUS_UNSET;
    d->no_update = now_s->updated_at >= 0 && now_s->updated_at < reference;
    int64_t ref = reference < now ? reference : now;
    const OkrSample *before = NULL;
    if (e) {
        size_t k = count_upto(e->v, e->n, ref);
        before = k ? &e->v[k - 1] : NULL;
    }
    if (before) {
        d->has_before = true;
        d->status_before = before->status;
        d->status_changed = before->status != OKR_STATUS_UNSET &&
                            now_s->status != OKR_STATUS_UNSET && before->status != now_s->status;
        if (!isnan(before->progress) && !isnan(now_s->progress)) {
            d->has_points = true;
            d->points = i18n_percent_whole(now_s->progress, NULL) -
                        i18n_percent_whole(before->progress, NULL);
        }
    }
    fill_trend(&d->trend, e, trend_from, now, now_s->progress);
}

void okr_delta_set_free(OkrDeltaSet *set)
{
    if (!set)
        return;
    free(set->objectives);
    free(set->kr_first);
    free(set->key_results);
    memset(set, 0, sizeof *set);
}

int okr_delta_compute(const OkrFeed *feed, const OkrSamples *samples, int64_t reference,
                      int64_t now, const int64_t *standups, size_t n_standups, OkrDeltaSet *set)
{
    okr_delta_set_free(set);
    set->reference = reference;
    set->now = now;
    if (feed && feed->has_period && feed->period_start < now) {
        set->trend_from = feed->period_start;
        set->trend_to = feed->period_end > now ? feed->period_end : now;
    } else {
        set->trend_from = now - 30 * 86400;
        set->trend_to = now;
    }
    /* The newest standups inside [trend_from, now]. */
    size_t first = 0;
    while (first < n_standups && standups[first] < set->trend_from)
        first++;
    size_t last = first;
    while (last < n_standups && standups[last] <= now)
        last++;
    if (last - first > OKR_DELTA_MAX_STANDUPS)
        first = last - OKR_DELTA_MAX_STANDUPS;
    set->n_standups = last - first;
    if (set->n_standups)
        memcpy(set->standups, standups + first, set->n_standups * sizeof *standups);
    if (!feed || feed->n_objectives == 0)
        return 0;

    size_t n_kr = 0;
    for (size_t i = 0; i < feed->n_objectives; i++)
        n_kr += feed->objectives[i].n_key_results;
    set->objectives = calloc(feed->n_objectives, sizeof *set->objectives);
    set->kr_first = calloc(feed->n_objectives, sizeof *set->kr_first);
    set->key_results = calloc(n_kr ? n_kr : 1, sizeof *set->key_results);
    if (!set->objectives || !set->kr_first || !set->key_results) {
        okr_delta_set_free(set);
        return -1;
    }
    set->n_objectives = feed->n_objectives;
    set->n_key_results = n_kr;

    char key[OKR_DELTA_KEY_MAX];
    size_t at = 0;
    for (size_t i = 0; i < feed->n_objectives; i++) {
        const OkrObjective *obj = &feed->objectives[i];
        okr_delta_key_objective(obj, key, sizeof key);
        OkrSample s = okr_delta_sample_objective(obj, now);
        fill_delta(&set->objectives[i], get_el(samples, key), &s, reference, now, set->trend_from);
        set->kr_first[i] = at;
        for (size_t j = 0; j < obj->n_key_results; j++, at++) {
            const OkrKeyResult *kr = &obj->key_results[j];
            okr_delta_key_kr(obj, kr, key, sizeof key);
            s = okr_delta_sample_kr(kr, now);
            fill_delta(&set->key_results[at], get_el(samples, key), &s, reference, now,
                       set->trend_from);
        }
    }
    return 0;
}

const OkrDelta *okr_delta_objective(const OkrDeltaSet *set, size_t obj)
{
    if (!set || !set->objectives || obj >= set->n_objectives)
        return NULL;
    return &set->objectives[obj];
}

const OkrDelta *okr_delta_kr(const OkrDeltaSet *set, size_t obj, size_t kr)
{
    if (!set || !set->objectives || obj >= set->n_objectives)
        return NULL;
    size_t end = obj + 1 < set->n_objectives ? set->kr_first[obj + 1] : set->n_key_results;
    size_t i = set->kr_first[obj] + kr;
    if (i >= end)
        return NULL;
    return &set->key_results[i];
}

bool okr_delta_moved(const OkrDelta *d)
{
    return d && ((d->has_points && d->points != 0) || d->status_changed);
}
