/*
 * options: the kiosk's settings, declared once in a table.
 *
 * Every setting is one row of the table in options.c (OptionDef below): its
 * long name, argument, parser, where the value lives in AppOptions
 * (offsetof), range or allowed words, default, whether a change needs a
 * restart, whether a config file may set it, and its help text. The command
 * line (getopt_long), the config file reader (settings.c), --help, the
 * settings log line, the SIGHUP restart decision and the tests that check
 * the man page all read that table, so they cannot drift apart.
 *
 * Adding an option: a field in AppOptions, one row in the table, its entry
 * in docs/okr-kiosk.1 (a test fails until it is there), and its use. A row:
 *
 *   {.name = "poll", .arg = OPT_ARG_VALUE, .kind = OPT_NUMBER,
 *    .fields = {OPT_FIELD(poll_s)}, .min = 1, .max = 86400, .def = "60",
 *    .expect = "seconds 1..86400", .example = "30", .group = "Feed",
 *    .metavar = "SECONDS", .help = "HTTP poll interval"},
 *
 * The tests then check that the default parses, that the example reads the
 * same from the command line and a config file, and that --help and the man
 * page list the option (and its OPT_RESTART / OPT_CLI_ONLY flags).
 *
 * Values are copied into fixed buffers: an AppOptions owns nothing on the
 * heap and can be copied with '='.
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
    OPT_RUN_DIAGNOSE,
    OPT_RUN_HISTORY_EXPORT,
} OptRun;

/* The starting view (--view). Objective numbers are 1-based on the command
 * line like the 1-9 keys; objective here is the 0-based index. */
typedef enum {
    OPT_VIEW_OVERVIEW = 0,
    OPT_VIEW_OBJECTIVE,
    OPT_VIEW_TEAM,
    OPT_VIEW_HELP,
    OPT_VIEW_CHANGES
} OptViewKind;

/* auto: the GPU when the machine has one (/dev/dri), else software. */
typedef enum { OPT_RENDER_AUTO = 0, OPT_RENDER_GPU, OPT_RENDER_SOFTWARE } OptRenderer;

typedef struct {
    OptViewKind kind;
    int objective;
    char team[64];
} OptView;

typedef struct {
    OptRun run;
    char feed[OPT_PATH_MAX]; /* path or URL; "" until options_finish() */
    bool feed_is_demo;       /* no --feed: the bundled demo feed */
    bool json;               /* --check --json */
    bool has_now;
    int64_t now; /* --now, unix seconds */
    bool windowed;
    int win_w, win_h; /* --windowed WxH */
    int display;      /* --display N (0) */
    double rotate_s;  /* --rotate (15, 0 = off) */
    bool reduce_motion;
    char screenshot[OPT_PATH_MAX];
    int size_w, size_h; /* --size WxH (1920x1080) */
    OptView view;
    char font[OPT_PATH_MAX]; /* "" = fontconfig default */
    char ca_file[OPT_PATH_MAX];
    char headers[OPT_MAX_HEADERS][OPT_HEADER_MAX];
    int n_headers;
    char token_file[OPT_PATH_MAX];
    double poll_s;        /* --poll (60) */
    double safe_area;     /* --safe-area (0.05) */
    int verbose;          /* -v raises, --log-level sets: level = info + verbose (-2..2) */
    OptRenderer renderer; /* --renderer auto|gpu|software */

    /* How the feed is read (okr_format.h), and what overrides it. */
    int format;             /* --format auto|json|csv (OkrFormat) */
    char csv_delimiter;     /* --csv-delimiter: ',', ';', '\t', 0 = sniffed */
    int csv_decimal;        /* --csv-decimal auto|comma|point (OkrCsvDecimal) */
    int csv_date_order;     /* --csv-date-order auto|dmy|mdy|ymd (OkrCsvDateOrder) */
    char csv_columns[1024]; /* --csv-columns "Header=field, ..." */
    char title[301];        /* --title: overrides the feed's */
    char period[200];       /* --period "LABEL, START, END": overrides the feed's */

    /* Always-on settings. */
    char config[OPT_PATH_MAX]; /* --config (command line only) */
    bool has_mode;
    int mode_w, mode_h;                        /* --mode WxH: a display mode on KMSDRM */
    char lang[8];                              /* --lang en|de; "" = from the locale */
    Schedule schedule;                         /* --schedule, repeatable; empty = always on */
    char schedule_text[OPT_SCHEDULE_TEXT_MAX]; /* the lines joined by "; " */
    BurninDim dim;                             /* --dim "22:00-06:00 40%" */
    char dim_text[128];
    int64_t stale_after_s; /* --stale-after (24h; 0 = never) */
    int orientation;       /* --orientation 0|90|180|270 (clockwise) */
    bool burnin;           /* --burn-in-shift yes|no (yes) */
    int dpms;              /* --dpms auto|on|off: a PowerSetting (power.h) */
    int cec;               /* --cec auto|on|off: a PowerSetting */

    /* History: what moved since the last standup (data/history.h). */
    char history[OPT_PATH_MAX]; /* --history PATH|auto|off */
    int history_keep;           /* --history-keep: periods kept (2) */
    Schedule standup;           /* --standup, repeatable; empty = 7 days */
    char standup_text[OPT_SCHEDULE_TEXT_MAX];
    bool record;                       /* --check --record */
    char history_export[OPT_PATH_MAX]; /* --history-export OUT.csv */

    /* Bookkeeping for sources of settings (not options themselves). */
    int source; /* OPT_SRC_* of the values being set now */
    int header_source, schedule_source, standup_source;
    char token_warning[256]; /* set by options_finish: a token file others can read */
} AppOptions;

/* ------------------------------------------------------------ the table -- */

/* How the command line takes the option: a bare flag (--reduce-motion; a
 * config file still gives yes/no) or with a value (--rotate 20). */
typedef enum { OPT_ARG_NONE = 0, OPT_ARG_VALUE } OptArg;

/* The value's type, which picks the parser and the formatter:
 *   OPT_TEXT     char[] at fields[0], non-empty, must fit
 *   OPT_FLAG     bool at fields[0]: yes/true/on/1, no/false/off/0
 *   OPT_INT      int at fields[0] in min..max, a multiple of step (if set)
 *   OPT_NUMBER   double at fields[0] in min..max
 *   OPT_WORD     int (an enum) at fields[0]: the index of the value in words
 *   OPT_DURATION int64_t seconds at fields[0] ("3h", "90m", "2d", "off")
 *   OPT_SIZE     "WxH": ints at fields[0] and fields[1], each 1..16384; with
 *                words, fields[2] is a bool: false for one of the words
 *                ("off"), true for a size
 *   OPT_CUSTOM   parse and format do it all */
typedef enum {
    OPT_TEXT = 0,
    OPT_FLAG,
    OPT_INT,
    OPT_NUMBER,
    OPT_WORD,
    OPT_DURATION,
    OPT_SIZE,
    OPT_CUSTOM,
} OptKind;

/* Row flags. */
enum {
    OPT_RESTART = 1 << 0,    /* a change on SIGHUP takes effect only after a restart */
    OPT_CLI_ONLY = 1 << 1,   /* not in a config file (program modes, --config) */
    OPT_SECRET = 1 << 2,     /* the log line names the option but not its value */
    OPT_LOG_ALWAYS = 1 << 3, /* the log line shows it even at its default */
    OPT_URL = 1 << 4,        /* the log line shows it without user, password or query */
};

/* A member of AppOptions the option sets. text: compared as a string. */
typedef struct {
    size_t offset;
    size_t size;
    bool text;
} OptField;

#define OPT_FIELD(member)                                                      \
    {                                                                          \
        offsetof(AppOptions, member), sizeof(((AppOptions *)0)->member), false \
    }
#define OPT_TEXT_FIELD(member)                                                \
    {                                                                         \
        offsetof(AppOptions, member), sizeof(((AppOptions *)0)->member), true \
    }
#define OPT_MAX_FIELDS 4

typedef struct OptionDef OptionDef;

/* Parses value (NULL: a bare flag on the command line) into o. Returns 0, or
 * -1 with "--name: why" in err. */
typedef int (*OptParseFn)(AppOptions *o, const OptionDef *d, const char *value, char *err,
                          size_t errlen);
/* Writes the value as a config file would give it ("120", "1920x1080",
 * "yes"); "" when there is nothing to say. */
typedef void (*OptFormatFn)(const AppOptions *o, const OptionDef *d, char *buf, size_t len);

struct OptionDef {
    const char *name; /* long option and config key: "rotate" */
    char short_name;  /* 'v' for -v, or 0 */
    OptArg arg;
    OptKind kind;
    OptField fields[OPT_MAX_FIELDS]; /* fields[0] holds the value; size 0 ends the list */
    double min, max, step;    /* OPT_INT, OPT_NUMBER: the range (step: OPT_INT only, 0 = any) */
    const char *const *words; /* OPT_WORD: the allowed words; OPT_SIZE: the words for none */
    OptParseFn parse;         /* NULL: the kind's parser */
    OptFormatFn format;       /* NULL: the kind's formatter */
    unsigned flags;           /* OPT_RESTART | OPT_CLI_ONLY | ... */
    const char *def;          /* the default as a value options_default() parses; NULL: zero */
    const char *def_help;     /* the default in words for --help when def is NULL */
    const char *expect;       /* "seconds 1..86400": the error says "expected <expect>" */
    const char *example;      /* a valid value other than the default (tests round-trip it) */
    const char *group;        /* --help section: "Feed", "Screen", "Always on", "Other modes" */
    const char *metavar;      /* "SECONDS"; NULL for bare flags */
    const char *help;         /* one line or more ('\n'), without the default */
};

/* The table, in --help order; *count receives the number of rows. */
const OptionDef *options_table(size_t *count);
/* The row of a long option name, or NULL. */
const OptionDef *options_find(const char *name);
/* The option's value in o as text (see OptFormatFn). */
void options_format(const AppOptions *o, const OptionDef *d, char *buf, size_t len);
/* True when a and b hold a different value for the option (every field). */
bool options_differ(const AppOptions *a, const AppOptions *b, const OptionDef *d);
/* Copies the option's fields from src into dst. */
void options_copy_fields(AppOptions *dst, const AppOptions *src, const OptionDef *d);

/* ----------------------------------------------------------- the values -- */

/* Every row's default (OptionDef.def), on a zeroed AppOptions. */
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
