/*
 * options: the kiosk's settings and the command line that fills them.
 *
 * Every setting has a long option name, and options_set() takes that name and
 * a text value, so the command line (getopt_long) and a future key = value
 * config file share one parser and one set of error messages. Values are
 * copied into fixed buffers: an AppOptions owns nothing on the heap and can be
 * copied with '='.
 *
 * Secrets: the bearer token (from --token-file or $OKR_KIOSK_TOKEN) ends up in
 * headers[] as "Authorization: Bearer ..."; nothing here prints headers.
 */
#ifndef APP_OPTIONS_H
#define APP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "burnin.h"
#include "schedule.h"

#define OPT_PATH_MAX 1024
#define OPT_MAX_HEADERS 8
#define OPT_HEADER_MAX 1024
#define OPT_TOKEN_ENV "OKR_KIOSK_TOKEN"
#define OPT_SCHEDULE_TEXT_MAX 512
#define OPT_STALE_AFTER_DEFAULT_S (24 * 3600)

/* Where a setting came from, so a repeatable key (header, schedule) given in
 * a later source replaces the earlier source's list instead of adding to it:
 * the user file overrides the system file, the command line both. */
enum { OPT_SRC_DEFAULT = 0, OPT_SRC_FILE1 = 1, OPT_SRC_CLI = 100 };

typedef enum {
    OPT_RUN_KIOSK = 0,
    OPT_RUN_CHECK,
    OPT_RUN_SCREENSHOT,
    OPT_RUN_HELP,
    OPT_RUN_VERSION,
} OptRun;

/* The starting view (--view). Objective numbers are 1-based on the command
 * line like the 1-9 keys; objective here is the 0-based index. */
typedef enum { OPT_VIEW_OVERVIEW = 0, OPT_VIEW_OBJECTIVE, OPT_VIEW_TEAM, OPT_VIEW_HELP } OptViewKind;

/* auto: the GPU when the machine has one (/dev/dri), else software. */
typedef enum { OPT_RENDER_AUTO = 0, OPT_RENDER_GPU, OPT_RENDER_SOFTWARE } OptRenderer;

typedef struct {
    OptViewKind kind;
    int objective;
    char team[64];
} OptView;

typedef struct {
    OptRun run;
    char feed[OPT_PATH_MAX];   /* path or URL; "" until options_finish() */
    bool feed_is_demo;         /* no --feed: the bundled demo feed */
    bool json;                 /* --check --json */
    bool has_now;
    int64_t now;               /* --now, unix seconds */
    bool windowed;
    int win_w, win_h;          /* --windowed WxH */
    int display;               /* --display N (0) */
    double rotate_s;           /* --rotate (15, 0 = off) */
    bool reduce_motion;
    char screenshot[OPT_PATH_MAX];
    int size_w, size_h;        /* --size WxH (1920x1080) */
    OptView view;
    char font[OPT_PATH_MAX];   /* "" = fontconfig default */
    char ca_file[OPT_PATH_MAX];
    char headers[OPT_MAX_HEADERS][OPT_HEADER_MAX];
    int n_headers;
    char token_file[OPT_PATH_MAX];
    double poll_s;             /* --poll (60) */
    double safe_area;          /* --safe-area (0.05) */
    int verbose;               /* -v raises, --log-level sets: level = info + verbose (-2..2) */
    OptRenderer renderer;      /* --renderer auto|gpu|software */

    /* Always-on settings. */
    char config[OPT_PATH_MAX]; /* --config (command line only) */
    bool has_mode;
    int mode_w, mode_h;        /* --mode WxH: a display mode on KMSDRM */
    char lang[8];              /* --lang en|de; "" = from the locale */
    Schedule schedule;         /* --schedule, repeatable; empty = always on */
    char schedule_text[OPT_SCHEDULE_TEXT_MAX]; /* the lines joined by "; " */
    BurninDim dim;             /* --dim "22:00-06:00 40%" */
    char dim_text[128];
    int64_t stale_after_s;     /* --stale-after (24h; 0 = never) */
    int orientation;           /* --orientation 0|90|180|270 (clockwise) */
    bool burnin;               /* --burn-in-shift yes|no (yes) */

    /* Bookkeeping for sources of settings (not options themselves). */
    int source;                /* OPT_SRC_* of the values being set now */
    int header_source, schedule_source;
    char token_warning[256];   /* set by options_finish: a token file others can read */
} AppOptions;

void options_default(AppOptions *o);

/*
 * Set one option by its long name ("rotate", "feed", ...) from a text value
 * (NULL for flags; a config file may give flags yes/no, true/false, on/off,
 * 1/0). Returns 0, or -1 with a message in err naming the option.
 */
int options_set(AppOptions *o, const char *name, const char *value, char *err, size_t errlen);
/* True when name is an option options_set() knows (to tell an unknown key
 * from a bad value). */
bool options_known(const char *name);

/* The long option names (the config file's keys), for "did you mean". */
size_t options_names(const char **out, size_t max);

/* Parse argv (getopt_long) on top of what o holds, without finishing. */
int options_parse_argv(AppOptions *o, int argc, char **argv, char *err, size_t errlen);

/* Parse argv (getopt_long), then options_finish(). Returns 0, or -1 with a
 * message in err (the caller prints it and exits 2). */
int options_parse(AppOptions *o, int argc, char **argv, char *err, size_t errlen);

/*
 * After all sources of settings: check combinations, pick the demo feed when
 * no feed was given, and turn the token (token_env, the value of
 * $OKR_KIOSK_TOKEN or NULL; else --token-file) into an Authorization header.
 */
int options_finish(AppOptions *o, const char *token_env, char *err, size_t errlen);

/* The log level the options ask for: info + verbose, clamped to the levels
 * of log.h (0 error .. 4 trace). */
int options_log_level(const AppOptions *o);

/* "3h", "90m", "90min", "2d", "45s", "3600" (seconds); "0"/"off" = 0.
 * Returns 0 or -1. */
int options_parse_duration(const char *text, int64_t *out_s);

/* Parse "WxH" (both 1..16384). Returns 0 or -1. */
int options_parse_size(const char *text, int *w, int *h);
/* Parse "overview", "objective:N", "team:NAME", "help". Returns 0 or -1. */
int options_parse_view(const char *text, OptView *out);

/* The demo feed: OKR_DATADIR/demo-feed.json when installed, else the source
 * tree's assets/demo-feed.json (running from a build directory). */
void options_demo_feed_path(char *out, size_t outlen);

void options_print_help(FILE *f, const char *argv0);

#endif
