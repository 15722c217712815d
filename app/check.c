/*
 * check: `okr-kiosk --check FEED [--json] [--now T] [--record]`. Reads the
 * feed once (no cache, no thread), scores it, and prints every problem and
 * the computed model through okr_report. Exit 0 showable, 1 not showable, 2
 * unreadable.
 *
 * History: --record records the feed into the history as the wall would at
 * now (same snapshot, same retention; with --now it is a backfill, which
 * keeps the samples recorded after that time); --json adds each element's delta
 * since the last standup when a history file exists (it is never created
 * just to compare).
 */
#include "app.h"
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feed_source.h"
#include "kiosk_history.h"
#include "standup.h"
#include "okr_report.h"
#include "okr_score.h"

int app_history_check(const AppOptions *opts, const OkrFeed *feed, int64_t now, OkrDeltaSet *ds,
                      bool *have)
{
    char path[4096], key[1024], err[HISTORY_ERR_MAX] = "";
    HistoryState st = HISTORY_OK;
    int rc = 0;
    *have = false;
    if (app_history_path(opts, path, sizeof path) != 0) {
        if (opts->record)
            log_msg(LOG_LEVEL_ERROR, "--record: no history (--history off, or neither "
                                     "XDG_STATE_HOME nor HOME is set)");
        return opts->record ? -1 : 0;
    }
    if (!opts->record && access(path, F_OK) != 0)
        return 0;
    History *h = history_open(path, &st, err, sizeof err);
    OkrSamples *mem = okr_samples_new();
    if (st == HISTORY_MOVED)
        log_msg(LOG_LEVEL_WARN, "history: %s", err);
    if (!h || !mem) {
        log_msg(LOG_LEVEL_ERROR, "history %s: %s", path, h ? "out of memory" : err);
        rc = opts->record ? -1 : 0;
        goto done;
    }
    app_history_feed_key(opts, key, sizeof key);
    int64_t ref = standup_reference(&opts->standup, now);
    if (history_load(h, key, ref, app_history_bucket_s(feed), mem, &st, err, sizeof err) != 0) {
        log_msg(LOG_LEVEL_ERROR, "history %s: %s", path, err);
        rc = opts->record ? -1 : 0;
        goto done;
    }
    if (opts->record) {
        HistorySnapshot *snap = history_snapshot(key, feed, now);
        if (snap)
            snap->backfill = opts->has_now; /* an old export: keep what came after */
        int n = snap ? history_record(h, snap, mem, &st, err, sizeof err) : -1;
        history_snapshot_free(snap);
        if (n < 0) {
            log_msg(LOG_LEVEL_ERROR, "--record: %s (%s)", snap ? err : "out of memory",
                    history_state_name(st));
            rc = -1;
            goto done;
        }
        int64_t cut = history_retention_cut(feed, opts->history_keep, now);
        if (history_prune_mem(h, key, cut, mem, &st, err, sizeof err) < 0)
            log_msg(LOG_LEVEL_WARN, "history: %s", err);
        log_msg(LOG_LEVEL_INFO, "recorded %d samples into %s", n, path);
    }
    *have = app_history_deltas(opts, feed, mem, now, ds) == 0;
done:
    okr_samples_free(mem);
    history_close(h);
    return rc;
}

int app_check(const AppOptions *opts)
{
    FeedSourceConfig cfg = app_feed_config(opts);
    cfg.cache_dir = "";
    cfg.verbose = opts->verbose > 0;
    FeedResult r = {0};
    OkrDeltaSet ds = {0}; /* before the first goto: done frees it */
    bool have = false;
    int rc = OKR_CHECK_UNREADABLE;

    feed_fetch_once(&cfg, &r);
    if (r.kind == FEED_RESULT_FETCH_ERROR || r.kind == FEED_RESULT_NOT_MODIFIED) {
        char shown[1024];
        /* the location may carry credentials (user:token@host, ?key=...) */
        feed_source_redact(opts->feed, shown, sizeof(shown));
        log_msg(LOG_LEVEL_ERROR, "cannot read %s: %s", shown, r.reason[0] ? r.reason : "no data");
        goto done;
    }
    int64_t now = opts->has_now ? opts->now : (int64_t)time(NULL);
    if (r.feed != NULL) {
        OkrScoreConfig sc = okr_score_config_default();
        okr_score_feed(r.feed, &sc, now);
        if ((opts->record || opts->json) && app_history_check(opts, r.feed, now, &ds, &have) != 0) {
            rc = OKR_CHECK_UNREADABLE;
            goto done;
        }
    }
    if (opts->json)
        okr_report_json_deltas(stdout, r.feed, &r.diags, have ? &ds : NULL);
    else
        okr_report_text(stdout, r.feed, &r.diags);
    rc = okr_report_exit_code(r.feed);
done:
    okr_delta_set_free(&ds);
    feed_result_clear(&r);
    return rc;
}
