/*
 * okr_report: what `okr-kiosk --check` prints: every problem with its JSON path,
 * then the computed model, as text for people or as JSON for scripts.
 *
 * The feed must already be scored (okr_score_feed); it may be NULL when it
 * could not be parsed, and then only the problems are printed. Nothing here
 * allocates anything the caller has to free.
 */
#ifndef OKR_REPORT_H
#define OKR_REPORT_H

#include <stdio.h>
#include "okr_diag.h"
#include "okr_model.h"

/* Exit codes of --check. OKR_CHECK_UNREADABLE is decided by the caller (the
 * feed could not be read at all: missing file, network error). */
enum { OKR_CHECK_OK = 0, OKR_CHECK_NOT_SHOWABLE = 1, OKR_CHECK_UNREADABLE = 2 };

/* "warning: PATH: reason" / "error: PATH: reason" lines, then a table of every
 * objective and key result: progress % (raw, 130 % stays 130 %; i18n_format_progress), status, stale
 * flag and "current / target unit". */
void okr_report_text(FILE *out, const OkrFeed *feed, const OkrDiagList *diags);

/* The same model and numbers as one JSON document (see docs/feed-format.md). */
void okr_report_json(FILE *out, const OkrFeed *feed, const OkrDiagList *diags);

/* The same with each objective's and key result's "delta" since the
 * reference and a top-level "since" object (deltas NULL: as okr_report_json). */
struct OkrDeltaSet;
void okr_report_json_deltas(FILE *out, const OkrFeed *feed, const OkrDiagList *diags,
                            const struct OkrDeltaSet *deltas);

/* OKR_CHECK_OK when the feed can be shown (warnings allowed), else
 * OKR_CHECK_NOT_SHOWABLE. */
int okr_report_exit_code(const OkrFeed *feed);

#endif
