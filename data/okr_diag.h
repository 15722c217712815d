/*
 * okr_diag: a growable list of problems found in a feed, each with the JSON
 * path of the smallest element that has it ("objectives[2].key_results[0].target")
 * and a reason a person can act on.
 *
 * Ownership: the caller owns the OkrDiagList (usually on the stack, zeroed with
 * OKR_DIAG_LIST_INIT) and releases its items with okr_diag_list_free().
 */
#ifndef OKR_DIAG_H
#define OKR_DIAG_H

#include <stddef.h>

typedef enum { OKR_DIAG_WARNING, OKR_DIAG_ERROR } OkrDiagLevel;

typedef struct {
    OkrDiagLevel level;
    char path[160];
    char message[320];
} OkrDiag;

typedef struct {
    OkrDiag *items;
    size_t count, cap;
    size_t n_errors, n_warnings;
} OkrDiagList;

#define OKR_DIAG_LIST_INIT \
    {                      \
        0                  \
    }

/* At most this many items are stored; further warnings are only counted in
 * n_warnings (so a 10 MB feed of mistakes cannot eat memory). Errors are
 * always stored. */
#define OKR_DIAG_MAX_ITEMS 1000

/* printf-style; the message is cut to fit. Allocation failure drops the item. */
void okr_diag_add(OkrDiagList *list, OkrDiagLevel level, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void okr_diag_list_free(OkrDiagList *list);
/* First error, else first warning, else NULL. */
const OkrDiag *okr_diag_first(const OkrDiagList *list);

#endif
