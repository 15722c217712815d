/*
 * okr_parse_history: a key result's own history in the feed,
 *   "history": [{"at": "2026-10-05", "current": 12}, {"at": ..., "progress": 0.3}]
 * which seeds the wall's recorded history so a new screen shows trends from
 * day one. Points are kept in time order, at most PARSE_HISTORY_MAX (the
 * newest); a point without a date or without a number is skipped with a
 * warning. Two points at the same instant: one of them is kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "okr_parse_priv.h"

static int cmp_at(const void *a, const void *b)
{
    int64_t x = ((const OkrHistoryPoint *)a)->at, y = ((const OkrHistoryPoint *)b)->at;
    return (x > y) - (x < y);
}

void parse_kr_history(Ctx *c, const Fields *obj, const char *base, OkrKeyResult *kr)
{
    const cJSON *arr = parse_field(obj, K_HISTORY);
    if (!arr)
        return;
    if (!cJSON_IsArray(arr)) {
        parse_warn_type(c, base, "history", "a list of {\"at\": date, \"current\": number}", arr,
                        "; ignored");
        return;
    }
    int n = cJSON_GetArraySize(arr);
    if (n <= 0)
        return;
    size_t cap = (size_t)n < PARSE_HISTORY_MAX ? (size_t)n : PARSE_HISTORY_MAX;
    if ((size_t)n > cap)
        WARN(c, base, "history", "has %d points; the newest %d are used", n, PARSE_HISTORY_MAX);
    OkrHistoryPoint *pts = calloc((size_t)n, sizeof *pts);
    if (!pts) {
        c->oom = true;
        return;
    }
    size_t k = 0, i = 0;
    char path[160];
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        snprintf(path, sizeof path, "%s%shistory[%zu]", base, base[0] ? "." : "", i);
        if (!cJSON_IsObject(it)) {
            parse_warn_type(c, path, NULL,
                            "an object like {\"at\": \"2026-10-05\", \"current\": 12}", it,
                            "; skipped");
            continue;
        }
        Fields f;
        parse_index_fields(c, it, path, &f);
        OkrHistoryPoint p = {0};
        if (parse_get_time(c, &f, K_AT, path, &p.at, NULL) != FIELD_OK) {
            if (!parse_field(&f, K_AT))
                WARN(c, path, NULL, "has no \"at\" date; skipped");
            continue;
        }
        p.has_current = parse_get_number(c, &f, K_CURRENT, path, &p.current) == FIELD_OK;
        p.has_progress = parse_get_progress(c, &f, path, &p.progress) == FIELD_OK;
        if (!p.has_current && !p.has_progress) {
            WARN(c, path, NULL, "has neither \"current\" nor \"progress\"; skipped");
            continue;
        }
        pts[k++] = p;
    }
    qsort(pts, k, sizeof *pts, cmp_at);
    /* Equal instants: one point per instant. */
    size_t w = 0;
    for (size_t r = 0; r < k; r++) {
        if (w > 0 && pts[w - 1].at == pts[r].at) {
            pts[w - 1] = pts[r];
            continue;
        }
        pts[w++] = pts[r];
    }
    if (w > cap) {
        memmove(pts, pts + (w - cap), cap * sizeof *pts);
        w = cap;
    }
    if (w == 0) {
        free(pts);
        return;
    }
    kr->history = pts;
    kr->n_history = w;
}
