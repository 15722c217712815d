/*
 * check: `okr-kiosk --check FEED [--json] [--now T]`. Reads the feed once
 * (no cache, no thread), scores it, and prints every problem and the computed
 * model through okr_report. Exit 0 showable, 1 not showable, 2 unreadable.
 */
#include "app.h"
#include "log.h"

#include <stdio.h>
#include <time.h>

#include "feed_source.h"
#include "okr_report.h"
#include "okr_score.h"

int app_check(const AppOptions *opts)
{
    FeedSourceConfig cfg = app_feed_config(opts);
    cfg.cache_dir = "";
    cfg.verbose = opts->verbose > 0;
    FeedResult r = {0};
    int rc = OKR_CHECK_UNREADABLE;

    feed_fetch_once(&cfg, &r);
    if (r.kind == FEED_RESULT_FETCH_ERROR || r.kind == FEED_RESULT_NOT_MODIFIED) {
        char shown[1024];
        /* the location may carry credentials (user:token@host, ?key=...) */
        feed_source_redact(opts->feed, shown, sizeof(shown));
        log_msg(LOG_LEVEL_ERROR, "cannot read %s: %s", shown, r.reason[0] ? r.reason : "no data");
        goto done;
    }
    if (r.feed != NULL) {
        OkrScoreConfig sc = okr_score_config_default();
        okr_score_feed(r.feed, &sc, opts->has_now ? opts->now : (int64_t)time(NULL));
    }
    if (opts->json)
        okr_report_json(stdout, r.feed, &r.diags);
    else
        okr_report_text(stdout, r.feed, &r.diags);
    rc = okr_report_exit_code(r.feed);
done:
    feed_result_clear(&r);
    return rc;
}
