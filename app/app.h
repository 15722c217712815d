/*
 * app: the three ways okr-kiosk runs (the kiosk loop, --check, --screenshot)
 * and the small pieces they share: loading a feed once, building the scene
 * (header texts + layout) for a view. Each mode returns the process exit code.
 */
#ifndef APP_APP_H
#define APP_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "conf_file.h"
#include "feed_source.h"
#include "header.h"
#include "layout.h"
#include "options.h"
#include "view_state.h"

/*
 * SIGHUP: the kiosk calls fn to read the settings again (main() reads them
 * the same way at start); on success it applies what it can without a
 * restart (feed source, schedule, dimming, language, rotation, ...). files
 * holds the configuration files read at start, for the start-up log line.
 * fn NULL: SIGHUP only refreshes the feed.
 */
typedef struct {
    int (*fn)(AppOptions *out, ConfFileList *files, void *ud, char *err, size_t errlen);
    void *ud;
    ConfFileList files;
} AppReload;

/* The wall: runs until SIGTERM/SIGINT, Q or the window is closed. reload
 * may be NULL (as fn NULL); it is borrowed for the call. See kiosk.c. */
int app_kiosk(const AppOptions *opts, const AppReload *reload);

int app_check(const AppOptions *opts);
int app_screenshot(const AppOptions *opts);
/* --diagnose [--json]: what the kiosk finds here and what to fix (see
 * diagnose.h). Exit 0 no problem, 1 problems, 2 out of memory. */
int app_diagnose(const AppOptions *opts, const ConfFileList *files);
/* --history-export OUT.csv: every recorded sample as CSV. Exit 0 or 2. */
int app_history_export(const AppOptions *opts);

/* A feed source configuration from the options; header pointers point into
 * opts, which must outlive the configuration. */
FeedSourceConfig app_feed_config(const AppOptions *opts);

/* Keep the bundled demo feed looking current: move its times by whole days so
 * its updated_at falls on now's day. Re-scores nothing. */
void app_shift_demo(OkrFeed *feed, int64_t now);

/*
 * Build the layout for the view state at the given size, and feed the page
 * geometry back into the view state (rebuilding once if that moved the page).
 * Returns 0 or -1 (allocation failure).
 */
int app_build_scene(Layout *out, const OkrFeed *feed, ViewState *vs, const HeaderTexts *texts,
                    int width, int height, float safe_frac);

/* The same with the always-on inputs: the burn-in shift and the language. */
typedef struct {
    int width, height; /* the layout's size (turned with --orientation) */
    float safe_frac;
    float shift_x, shift_y; /* burn-in shift, whole pixels */
    I18nLang lang;
    const OkrDeltaSet *deltas; /* changes since the reference (kiosk_history.h), or NULL */
    LayoutLinesFn lines;       /* titles measured with the fonts (render_text_lines), */
    void *lines_ctx;           /* or NULL: guessed from their characters */
} AppSceneSize;
int app_build_scene_at(Layout *out, const OkrFeed *feed, ViewState *vs, const HeaderTexts *texts,
                       const AppSceneSize *size);

#endif
