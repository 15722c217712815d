/*
 * options: command line parsing for okr-kiosk.
 *
 * getopt_long only finds the option; options_set() interprets the value by
 * the option's long name, so a config file reader can call the same function
 * with "key = value" lines and get the same checks and messages. Every value
 * is range-checked here so the rest of the program can trust AppOptions.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_file.h"
#include "okr_i18n.h"
#include "log.h"
#include "okr_parse.h"

#ifndef OKR_DATADIR
#define OKR_DATADIR "/usr/local/share/okr-kiosk"
#endif
#ifndef OKR_VERSION
#define OKR_VERSION "0"
#endif

#define TOKEN_MAX (OPT_HEADER_MAX - 32)

void options_default(AppOptions *o)
{
    memset(o, 0, sizeof(*o));
    o->run = OPT_RUN_KIOSK;
    o->rotate_s = 15.0;
    o->size_w = 1920;
    o->size_h = 1080;
    o->view.kind = OPT_VIEW_OVERVIEW;
    o->poll_s = 60.0;
    o->safe_area = 0.05;
    o->win_w = 1280;
    o->win_h = 720;
    schedule_init(&o->schedule);
    o->dim.level = 1.0f;
    schedule_init(&o->dim.when);
    o->stale_after_s = OPT_STALE_AFTER_DEFAULT_S;
    o->burnin = true;
}

int options_log_level(const AppOptions *o)
{
    int l = LOG_LEVEL_INFO + o->verbose;
    return l < LOG_LEVEL_ERROR ? LOG_LEVEL_ERROR : l > LOG_LEVEL_TRACE ? LOG_LEVEL_TRACE : l;
}

int options_parse_duration(const char *text, int64_t *out_s)
{
    char *end = NULL;
    if (strcmp(text, "off") == 0 || strcmp(text, "never") == 0) {
        *out_s = 0;
        return 0;
    }
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || end == text || !isfinite(v) || v < 0)
        return -1;
    while (*end == ' ')
        end++;
    double unit = 0;
    if (*end == '\0' || strcmp(end, "s") == 0 || strcmp(end, "sec") == 0)
        unit = 1;
    else if (strcmp(end, "m") == 0 || strcmp(end, "min") == 0)
        unit = 60;
    else if (strcmp(end, "h") == 0)
        unit = 3600;
    else if (strcmp(end, "d") == 0)
        unit = 86400;
    if (unit == 0 || v * unit > 366.0 * 86400)
        return -1;
    *out_s = (int64_t)(v * unit + 0.5);
    return 0;
}

/* Repeatable keys: the first value from a new source replaces the list. */
static void add_schedule_text(AppOptions *o, const char *line)
{
    size_t n = strlen(o->schedule_text);
    if (n > 0 && n + 2 < sizeof(o->schedule_text))
        snprintf(o->schedule_text + n, sizeof(o->schedule_text) - n, "; ");
    n = strlen(o->schedule_text);
    snprintf(o->schedule_text + n, sizeof(o->schedule_text) - n, "%s", line);
}

static int set_schedule(AppOptions *o, const char *v, char *err, size_t errlen)
{
    char why[256];
    if (o->schedule_source != o->source) {
        schedule_init(&o->schedule);
        o->schedule_text[0] = '\0';
        o->schedule_source = o->source;
    }
    if (strcmp(v, "always") == 0 || v[0] == '\0')
        return 0;
    if (schedule_add(&o->schedule, v, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "--schedule: %s (e.g. \"mon-fri 07:30-19:00\")", why);
        return -1;
    }
    add_schedule_text(o, v);
    return 0;
}

static int copy_value(char *dst, size_t dstlen, const char *value, const char *name, char *err,
                      size_t errlen)
{
    size_t n = strlen(value);
    if (n == 0) {
        snprintf(err, errlen, "--%s: the value is empty", name);
        return -1;
    }
    if (n >= dstlen) {
        snprintf(err, errlen, "--%s: the value is too long (at most %zu bytes)", name, dstlen - 1);
        return -1;
    }
    memcpy(dst, value, n + 1);
    return 0;
}

static int parse_seconds(const char *value, double lo, double hi, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(value, &end);
    if (errno != 0 || end == value || *end != '\0' || !isfinite(v) || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_int(const char *value, int lo, int hi, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int options_parse_size(const char *text, int *w, int *h)
{
    char *end = NULL;
    errno = 0;
    long a = strtol(text, &end, 10);
    if (errno != 0 || end == text || (*end != 'x' && *end != 'X'))
        return -1;
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (errno != 0 || end == rest || *end != '\0')
        return -1;
    if (a < 1 || a > 16384 || b < 1 || b > 16384)
        return -1;
    *w = (int)a;
    *h = (int)b;
    return 0;
}

int options_parse_view(const char *text, OptView *out)
{
    OptView v;
    memset(&v, 0, sizeof(v));
    if (strcmp(text, "overview") == 0) {
        v.kind = OPT_VIEW_OVERVIEW;
    } else if (strcmp(text, "help") == 0) {
        v.kind = OPT_VIEW_HELP;
    } else if (strncmp(text, "objective:", 10) == 0) {
        int n = 0;
        if (parse_int(text + 10, 1, 1000, &n) != 0)
            return -1;
        v.kind = OPT_VIEW_OBJECTIVE;
        v.objective = n - 1;
    } else if (strncmp(text, "team:", 5) == 0) {
        size_t n = strlen(text + 5);
        if (n == 0 || n >= sizeof(v.team))
            return -1;
        v.kind = OPT_VIEW_TEAM;
        memcpy(v.team, text + 5, n + 1);
    } else {
        return -1;
    }
    *out = v;
    return 0;
}

static int add_header(AppOptions *o, const char *value, char *err, size_t errlen)
{
    const char *colon = strchr(value, ':');
    if (colon == NULL || colon == value || strpbrk(value, "\r\n") != NULL) {
        /* Do not echo the value: it may hold a secret. */
        snprintf(err, errlen, "--header: expected \"Name: value\" on one line");
        return -1;
    }
    if (o->header_source != o->source) {
        o->n_headers = 0;
        o->header_source = o->source;
    }
    if (o->n_headers >= OPT_MAX_HEADERS - 1) {
        snprintf(err, errlen, "--header: at most %d headers", OPT_MAX_HEADERS - 1);
        return -1;
    }
    if (strlen(value) >= OPT_HEADER_MAX) {
        snprintf(err, errlen, "--header: too long (at most %d bytes)", OPT_HEADER_MAX - 1);
        return -1;
    }
    snprintf(o->headers[o->n_headers++], OPT_HEADER_MAX, "%s", value);
    return 0;
}

/* A flag's value: none (the command line) or yes/true/on/1 set it,
 * no/false/off/0 clear it (a config file can say "reduce-motion = no"). */
static int parse_flag(const char *value, const char *name, bool *out, char *err, size_t errlen)
{
    static const char *const yes[] = {"", "yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    if (value == NULL) {
        *out = true;
        return 0;
    }
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
        if (strcmp(value, yes[i]) == 0) {
            *out = true;
            return 0;
        }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        if (strcmp(value, no[i]) == 0) {
            *out = false;
            return 0;
        }
    snprintf(err, errlen, "--%s: expected yes or no, got \"%.60s\"", name, value);
    return -1;
}

int options_set(AppOptions *o, const char *name, const char *value, char *err, size_t errlen)
{
    const char *v = value != NULL ? value : "";

    if (strcmp(name, "feed") == 0)
        return copy_value(o->feed, sizeof(o->feed), v, name, err, errlen);
    if (strcmp(name, "check") == 0) {
        o->run = OPT_RUN_CHECK;
        return copy_value(o->feed, sizeof(o->feed), v, name, err, errlen);
    }
    if (strcmp(name, "json") == 0)
        return parse_flag(value, name, &o->json, err, errlen);
    if (strcmp(name, "now") == 0) {
        int64_t t = 0;
        if (okr_parse_time(v, &t) != 0) {
            snprintf(err, errlen, "--now: expected an RFC 3339 time like 2026-11-26T09:30:00Z, got \"%.60s\"", v);
            return -1;
        }
        o->has_now = true;
        o->now = t;
        return 0;
    }
    if (strcmp(name, "windowed") == 0) {
        if (options_parse_size(v, &o->win_w, &o->win_h) != 0) {
            snprintf(err, errlen, "--windowed: expected WIDTHxHEIGHT like 1280x720, got \"%.60s\"", v);
            return -1;
        }
        o->windowed = true;
        return 0;
    }
    if (strcmp(name, "size") == 0) {
        if (options_parse_size(v, &o->size_w, &o->size_h) != 0) {
            snprintf(err, errlen, "--size: expected WIDTHxHEIGHT like 1920x1080, got \"%.60s\"", v);
            return -1;
        }
        return 0;
    }
    if (strcmp(name, "display") == 0) {
        if (parse_int(v, 0, 63, &o->display) != 0) {
            snprintf(err, errlen, "--display: expected a display number 0..63, got \"%.60s\"", v);
            return -1;
        }
        return 0;
    }
    if (strcmp(name, "rotate") == 0) {
        if (parse_seconds(v, 0, 86400, &o->rotate_s) != 0 || (o->rotate_s > 0 && o->rotate_s < 1)) {
            snprintf(err, errlen, "--rotate: expected seconds (0 = off, or 1..86400), got \"%.60s\"", v);
            return -1;
        }
        return 0;
    }
    if (strcmp(name, "poll") == 0) {
        if (parse_seconds(v, 1, 86400, &o->poll_s) != 0) {
            snprintf(err, errlen, "--poll: expected seconds 1..86400, got \"%.60s\"", v);
            return -1;
        }
        return 0;
    }
    if (strcmp(name, "safe-area") == 0) {
        if (parse_seconds(v, 0, 0.25, &o->safe_area) != 0) {
            snprintf(err, errlen, "--safe-area: expected a fraction 0..0.25 of the screen, got \"%.60s\"", v);
            return -1;
        }
        return 0;
    }
    if (strcmp(name, "reduce-motion") == 0)
        return parse_flag(value, name, &o->reduce_motion, err, errlen);
    if (strcmp(name, "screenshot") == 0) {
        o->run = OPT_RUN_SCREENSHOT;
        return copy_value(o->screenshot, sizeof(o->screenshot), v, name, err, errlen);
    }
    if (strcmp(name, "view") == 0) {
        if (options_parse_view(v, &o->view) != 0) {
            snprintf(err, errlen,
                     "--view: expected overview, objective:N (1-based), team:NAME or help, got \"%.60s\"", v);
            return -1;
        }
        return 0;
    }
    if (strcmp(name, "renderer") == 0) {
        static const char *const names[] = {"auto", "gpu", "software"};
        for (int i = 0; i < 3; i++)
            if (strcmp(v, names[i]) == 0) {
                o->renderer = (OptRenderer)i;
                return 0;
            }
        snprintf(err, errlen, "--renderer: expected auto, gpu or software, got \"%.60s\"", v);
        return -1;
    }
    if (strcmp(name, "font") == 0)
        return copy_value(o->font, sizeof(o->font), v, name, err, errlen);
    if (strcmp(name, "ca-file") == 0)
        return copy_value(o->ca_file, sizeof(o->ca_file), v, name, err, errlen);
    if (strcmp(name, "token-file") == 0)
        return copy_value(o->token_file, sizeof(o->token_file), v, name, err, errlen);
    if (strcmp(name, "header") == 0)
        return add_header(o, v, err, errlen);
    if (strcmp(name, "verbose") == 0) {
        /* Each flag raises the level; a config file may give the level. */
        if (value == NULL) {
            o->verbose++;
            return 0;
        }
        bool on = false;
        if (parse_int(value, 0, 3, &o->verbose) == 0)
            return 0;
        if (parse_flag(value, name, &on, err, errlen) != 0)
            return -1;
        o->verbose = on ? 1 : 0;
        return 0;
    }
    if (strcmp(name, "log-level") == 0) {
        LogLevel l;
        if (log_level_parse(v, &l) != 0) {
            snprintf(err, errlen, "--log-level: expected error, warn, info, debug or trace, got \"%.60s\"", v);
            return -1;
        }
        o->verbose = (int)l - LOG_LEVEL_INFO;
        return 0;
    }
    if (strcmp(name, "config") == 0)
        return copy_value(o->config, sizeof(o->config), v, name, err, errlen);
    if (strcmp(name, "mode") == 0) {
        if (strcmp(v, "auto") == 0 || strcmp(v, "current") == 0) {
            o->has_mode = false;
            return 0;
        }
        if (options_parse_size(v, &o->mode_w, &o->mode_h) != 0) {
            snprintf(err, errlen, "--mode: expected WIDTHxHEIGHT like 1920x1080, or current, got \"%.60s\"", v);
            return -1;
        }
        o->has_mode = true;
        return 0;
    }
    if (strcmp(name, "lang") == 0) {
        I18nLang l;
        if (strcmp(v, "auto") == 0) {
            o->lang[0] = '\0';
            return 0;
        }
        if ((strcmp(v, "en") != 0 && strcmp(v, "de") != 0) || i18n_lang_parse(v, &l) != 0) {
            snprintf(err, errlen, "--lang: expected en, de or auto, got \"%.60s\"", v);
            return -1;
        }
        snprintf(o->lang, sizeof(o->lang), "%s", v);
        return 0;
    }
    if (strcmp(name, "schedule") == 0)
        return set_schedule(o, v, err, errlen);
    if (strcmp(name, "dim") == 0) {
        char why[256];
        BurninDim d;
        if (burnin_dim_parse(v, &d, why, sizeof(why)) != 0) {
            snprintf(err, errlen, "--%s (e.g. \"22:00-06:00 40%%\")", why);
            return -1;
        }
        o->dim = d;
        snprintf(o->dim_text, sizeof(o->dim_text), "%s", d.enabled ? v : "");
        return 0;
    }
    if (strcmp(name, "stale-after") == 0) {
        if (options_parse_duration(v, &o->stale_after_s) != 0) {
            snprintf(err, errlen, "--stale-after: expected a duration like 3h, 90m or 2d (0 = never), got \"%.60s\"",
                     v);
            return -1;
        }
        return 0;
    }
    if (strcmp(name, "orientation") == 0) {
        int deg = -1;
        if (parse_int(v, 0, 270, &deg) != 0 || deg % 90 != 0) {
            snprintf(err, errlen, "--orientation: expected 0, 90, 180 or 270 (degrees clockwise), got \"%.60s\"", v);
            return -1;
        }
        o->orientation = deg;
        return 0;
    }
    if (strcmp(name, "burn-in-shift") == 0)
        return parse_flag(value, name, &o->burnin, err, errlen);
    if (strcmp(name, "help") == 0) {
        o->run = OPT_RUN_HELP;
        return 0;
    }
    if (strcmp(name, "version") == 0) {
        o->run = OPT_RUN_VERSION;
        return 0;
    }
    snprintf(err, errlen, "unknown option \"%.60s\"", name);
    return -1;
}

void options_demo_feed_path(char *out, size_t outlen)
{
    snprintf(out, outlen, "%s/demo-feed.json", OKR_DATADIR);
#ifdef OKR_APP_SOURCE_DIR
    if (access(out, R_OK) != 0)
        snprintf(out, outlen, "%s/assets/demo-feed.json", OKR_APP_SOURCE_DIR);
#endif
}

int options_finish(AppOptions *o, const char *token_env, char *err, size_t errlen)
{
    char token[TOKEN_MAX] = "";

    if (o->run == OPT_RUN_HELP || o->run == OPT_RUN_VERSION)
        return 0;
    if (o->json && o->run != OPT_RUN_CHECK) {
        snprintf(err, errlen, "--json only goes with --check FEED");
        return -1;
    }
    if (o->feed[0] == '\0') {
        if (o->run == OPT_RUN_CHECK) {
            snprintf(err, errlen, "--check: needs a feed path or URL");
            return -1;
        }
        options_demo_feed_path(o->feed, sizeof(o->feed));
        o->feed_is_demo = true;
    }

    o->token_warning[0] = '\0';
    if (o->token_file[0] != '\0') {
        char why[300];
        if (conf_secret_from_file(o->token_file, token, sizeof(token), o->token_warning,
                                  sizeof(o->token_warning), why, sizeof(why)) != 0) {
            snprintf(err, errlen, "--token-file: %s", why);
            return -1;
        }
    } else if (token_env != NULL && token_env[0] != '\0') {
        snprintf(token, sizeof(token), "%s", token_env);
    }
    if (token[0] != '\0') {
        if (strpbrk(token, "\r\n") != NULL || strlen(token) + 1 >= TOKEN_MAX) {
            snprintf(err, errlen, "the bearer token is not usable (too long or has line breaks)");
            return -1;
        }
        if (o->n_headers >= OPT_MAX_HEADERS - 1) {
            snprintf(err, errlen, "--header: no room for the Authorization header");
            return -1;
        }
        snprintf(o->headers[o->n_headers++], OPT_HEADER_MAX, "Authorization: Bearer %s", token);
        memset(token, 0, sizeof(token));
    }
    return 0;
}

static const struct option long_options[] = {
    {"feed", required_argument, NULL, 0},
    {"check", required_argument, NULL, 0},
    {"json", no_argument, NULL, 0},
    {"now", required_argument, NULL, 0},
    {"windowed", required_argument, NULL, 0},
    {"display", required_argument, NULL, 0},
    {"rotate", required_argument, NULL, 0},
    {"reduce-motion", no_argument, NULL, 0},
    {"screenshot", required_argument, NULL, 0},
    {"size", required_argument, NULL, 0},
    {"view", required_argument, NULL, 0},
    {"renderer", required_argument, NULL, 0},
    {"font", required_argument, NULL, 0},
    {"ca-file", required_argument, NULL, 0},
    {"header", required_argument, NULL, 0},
    {"token-file", required_argument, NULL, 0},
    {"poll", required_argument, NULL, 0},
    {"safe-area", required_argument, NULL, 0},
    {"config", required_argument, NULL, 0},
    {"mode", required_argument, NULL, 0},
    {"lang", required_argument, NULL, 0},
    {"schedule", required_argument, NULL, 0},
    {"dim", required_argument, NULL, 0},
    {"stale-after", required_argument, NULL, 0},
    {"orientation", required_argument, NULL, 0},
    {"burn-in-shift", required_argument, NULL, 0},
    {"log-level", required_argument, NULL, 0},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

bool options_known(const char *name)
{
    for (size_t i = 0; long_options[i].name != NULL; i++)
        if (strcmp(long_options[i].name, name) == 0)
            return true;
    return false;
}

size_t options_names(const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; long_options[i].name != NULL && n < max; i++)
        out[n++] = long_options[i].name;
    return n;
}

int options_parse(AppOptions *o, int argc, char **argv, char *err, size_t errlen)
{
    if (options_parse_argv(o, argc, argv, err, errlen) != 0)
        return -1;
    return options_finish(o, getenv(OPT_TOKEN_ENV), err, errlen);
}

int options_parse_argv(AppOptions *o, int argc, char **argv, char *err, size_t errlen)
{
    int idx = 0;
    int c;

    o->source = OPT_SRC_CLI;
    optind = 0; /* 0 makes glibc reset its state fully between calls */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":vhV", long_options, &idx)) != -1) {
        const char *name;
        switch (c) {
        case 0:
            name = long_options[idx].name;
            break;
        case 'v':
            name = "verbose";
            break;
        case 'h':
            name = "help";
            break;
        case 'V':
            name = "version";
            break;
        case ':':
            snprintf(err, errlen, "%.60s needs a value (see --help)", argv[optind - 1]);
            return -1;
        default:
            snprintf(err, errlen, "unknown option %.60s (see --help)", argv[optind - 1]);
            return -1;
        }
        if (options_set(o, name, optarg, err, errlen) != 0)
            return -1;
    }
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument \"%.60s\" (did you mean --feed %.60s?)", argv[optind],
                 argv[optind]);
        return -1;
    }
    return 0;
}

void options_print_help(FILE *f, const char *argv0)
{
    char demo[OPT_PATH_MAX];
    options_demo_feed_path(demo, sizeof(demo));
    fprintf(f,
            "Usage: %s [OPTION]...\n"
            "Show an OKR feed as live progress rings, fullscreen.\n"
            "\n"
            "Feed:\n"
            "  --feed PATH|URL        feed file, file:// or http(s):// URL\n"
            "                         (default: the demo feed, %s)\n"
            "  --poll SECONDS         HTTP poll interval (default: 60)\n"
            "  --ca-file PATH         extra CA bundle for a private CA (default: none)\n"
            "  --header \"Name: value\" extra request header, repeatable (default: none)\n"
            "  --token-file PATH      bearer token file; default: $%s if set\n"
            "  --stale-after DURATION stale badge when the data is older, e.g. 3h, 2d;\n"
            "                         0 = never (default: 24h)\n"
            "\n"
            "Screen:\n"
            "  --display N            display to use fullscreen (default: 0)\n"
            "  --windowed WxH         a window instead of fullscreen (default: off)\n"
            "  --mode WxH             display mode on a console without a desktop (kmsdrm),\n"
            "                         e.g. 1920x1080 on a 4K TV (default: current)\n"
            "  --orientation DEGREES  0, 90, 180, 270: draw rotated clockwise, for a\n"
            "                         turned screen (default: 0)\n"
            "  --safe-area FRACTION   overscan margin per side, 0..0.25 (default: 0.05)\n"
            "  --rotate SECONDS       auto-rotate views, 0 = off (default: 15)\n"
            "  --view VIEW            start view: overview, objective:N, team:NAME, help\n"
            "                         (default: overview)\n"
            "  --reduce-motion        no animations (default: off)\n"
            "  --renderer auto|gpu|software  gpu: OpenGL, software if that fails;\n"
            "                         software: no OpenGL at all; auto: gpu when the\n"
            "                         machine has one (/dev/dri), else software (default: auto)\n"
            "  --font PATH            font file (default: Inter, else DejaVu Sans)\n"
            "  --lang en|de|auto      language of the screen (default: auto, from the locale)\n"
            "\n"
            "Always on:\n"
            "  --schedule \"DAYS HH:MM-HH:MM\"  when the screen is on, repeatable, e.g.\n"
            "                         \"mon-fri 07:30-19:00\"; outside it the screen is\n"
            "                         black, a key wakes it for 5 min (default: always)\n"
            "  --dim \"HH:MM-HH:MM N%%\" night dimming to N %% brightness (default: off)\n"
            "  --burn-in-shift yes|no move the picture a pixel every 5 min (default: yes)\n"
            "  --now RFC3339          fix the clock at start, e.g. 2026-11-26T09:30:00Z\n"
            "                         (default: the system clock)\n"
            "\n"
            "Other modes:\n"
            "  --check FEED           validate a feed, print problems and scores;\n"
            "                         exit 0 showable, 1 not showable, 2 unreadable\n"
            "  --json                 with --check: print the scored model as JSON\n"
            "  --screenshot OUT.png   render one frame to a PNG without a display\n"
            "  --size WxH             screenshot size (default: 1920x1080)\n"
            "  --config PATH          read this configuration file instead of\n"
            "                         /etc/okr-kiosk.conf and ~/.config/okr-kiosk/config\n"
            "  --log-level LEVEL      error, warn, info, debug, trace (default: info)\n"
            "  -v, --verbose          one level more: debug (view changes), then trace\n"
            "  -h, --help             this help\n"
            "  -V, --version          print the version\n"
            "\n"
            "Keys: arrows/PageUp/PageDown previous/next, Enter/Down focus, Esc/Backspace/Up\n"
            "back, 1-9 objective, T team, Space pause rotation, R refresh, H/? help,\n"
            "F fullscreen, Q quit.\n",
            argv0, demo, OPT_TOKEN_ENV);
}
