/*
 * okr_diag: the list of problems found in a feed (path + reason).
 *
 * The list grows by doubling. It stores at most OKR_DIAG_MAX_ITEMS items so
 * that a huge feed full of mistakes cannot exhaust memory; later warnings are
 * only counted. Errors are rare (the parser stops at the first) and always kept.
 */
#include "okr_diag.h"
#include "okr_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(OkrDiagList *list)
{
    OkrDiag *items = okr_grow(list->items, &list->cap, list->count, sizeof *items, 16);
    if (!items)
        return -1;
    list->items = items;
    return 0;
}

void okr_diag_add(OkrDiagList *list, OkrDiagLevel level, const char *path, const char *fmt, ...)
{
    if (!list)
        return;
    if (level == OKR_DIAG_ERROR)
        list->n_errors++;
    else
        list->n_warnings++;
    if (level == OKR_DIAG_WARNING && list->count >= OKR_DIAG_MAX_ITEMS)
        return;
    if (grow(list) != 0)
        return;
    OkrDiag *d = &list->items[list->count++];
    d->level = level;
    snprintf(d->path, sizeof d->path, "%s", path ? path : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
}

void okr_diag_list_free(OkrDiagList *list)
{
    if (!list)
        return;
    free(list->items);
    memset(list, 0, sizeof *list);
}

const OkrDiag *okr_diag_first(const OkrDiagList *list)
{
    if (!list)
        return NULL;
    for (size_t i = 0; i < list->count; i++) {
        if (list->items[i].level == OKR_DIAG_ERROR)
            return &list->items[i];
    }
    return list->count ? &list->items[0] : NULL;
}
