/*
 * scene: what the kiosk loop and --screenshot share, so a screenshot is
 * exactly what the wall shows: the feed source settings, the demo feed's time
 * shift, and building the layout for a view state.
 */
#include "app.h"

#include <stdio.h>
#include <string.h>

FeedSourceConfig app_feed_config(const AppOptions *opts)
{
    FeedSourceConfig cfg = feed_source_config_default();
    cfg.location = opts->feed;
    cfg.poll_s = opts->poll_s;
    cfg.ca_file = opts->ca_file[0] ? opts->ca_file : NULL;
    int n = 0;
    for (int i = 0; i < opts->n_headers && n < FEED_MAX_HEADERS - 1; i++)
        cfg.headers[n++] = opts->headers[i];
    cfg.headers[n] = NULL;
    cfg.verbose = false; /* the loop logs each fetch itself, with a level */
    cfg.format.format = (OkrFormat)opts->format;
    cfg.format.delimiter = opts->csv_delimiter;
    cfg.format.decimal = (OkrCsvDecimal)opts->csv_decimal;
    cfg.format.date_order = (OkrCsvDateOrder)opts->csv_date_order;
    snprintf(cfg.format.csv_columns, sizeof cfg.format.csv_columns, "%s", opts->csv_columns);
    snprintf(cfg.format.title, sizeof cfg.format.title, "%s", opts->title);
    if (opts->period[0]) {
        char err[160];
        /* options_set checked it; a failure here leaves the feed's period */
        if (okr_format_period_parse(opts->period, &cfg.format, err, sizeof err) != 0)
            cfg.format.has_period = false;
    }
    return cfg;
}

void app_shift_demo(OkrFeed *feed, int64_t now)
{
    if (feed == NULL || !feed->has_updated_at)
        return;
    int64_t diff = now - feed->updated_at;
    /* Whole days, rounded down, so updated_at stays in the past. */
    int64_t days = diff >= 0 ? diff / 86400 : -((-diff + 86399) / 86400);
    if (days != 0)
        okr_feed_shift_time(feed, days * 86400);
}

static int build(Layout *out, const OkrFeed *feed, const ViewState *vs, const HeaderTexts *texts,
                 const AppSceneSize *size)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = feed;
    in.view = vs->view;
    in.help = vs->help;
    in.width = size->width;
    in.height = size->height;
    in.safe_frac = size->safe_frac;
    in.shift_x = size->shift_x;
    in.shift_y = size->shift_y;
    in.header = header_info(texts);
    in.lang = size->lang;
    in.deltas = size->deltas;
    in.lines = size->lines;
    in.lines_ctx = size->lines_ctx;
    layout_free(out);
    return layout_build(&in, out);
}

int app_build_scene_at(Layout *out, const OkrFeed *feed, ViewState *vs, const HeaderTexts *texts,
                       const AppSceneSize *size)
{
    if (build(out, feed, vs, texts, size) != 0)
        return -1;
    if (vs->view.kind == VIEW_OBJECTIVE || out->objectives_per_page < 1)
        return 0;
    View before = vs->view;
    view_state_set_per_page(vs, out->objectives_per_page);
    if (memcmp(&before, &vs->view, sizeof(before)) == 0)
        return 0;
    return build(out, feed, vs, texts, size);
}

int app_build_scene(Layout *out, const OkrFeed *feed, ViewState *vs, const HeaderTexts *texts,
                    int width, int height, float safe_frac)
{
    AppSceneSize size = {width, height, safe_frac, 0.0f, 0.0f, I18N_EN, NULL, NULL, NULL};
    return app_build_scene_at(out, feed, vs, texts, &size);
}
