/*
 * options: the table of settings and the parsers it points at.
 *
 * One row per option (OptionDef, see options.h). options_set() finds the row
 * by long name and runs its parser, so the command line (getopt_long, whose
 * option list is built from the table) and the config file reader call the
 * same code and get the same checks and messages. Every value is
 * range-checked here so the rest of the program can trust AppOptions.
 * Defaults are values too: options_default() parses each row's `def`, so
 * --help prints exactly the default that is used.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf_file.h"
#include "okr_i18n.h"
#include "log.h"
#include "okr_format.h"
#include "okr_parse.h"

#ifndef OKR_DATADIR
#define OKR_DATADIR "/usr/local/share/okr-kiosk"
#endif
#ifndef OKR_VERSION
#define OKR_VERSION "0"
#endif

#define TOKEN_MAX (OPT_HEADER_MAX - 32)
#define OPT_SIZE_MAX 16384
#define TABLE_MAX 128 /* rows; getopt's list is built in a buffer this big */

/* ----------------------------------------------------------- helpers -- */

static void *field_at(AppOptions *o, const OptionDef *d, int i)
{
    return (char *)o + d->fields[i].offset;
}

static const void *field_in(const AppOptions *o, const OptionDef *d, int i)
{
    return (const char *)o + d->fields[i].offset;
}

/* "--name: expected <expect>, got "value"". */
static int bad_value(const OptionDef *d, const char *value, char *err, size_t errlen)
{
    snprintf(err, errlen, "--%s: expected %s, got \"%.60s\"", d->name, d->expect,
             value != NULL ? value : "");
    return -1;
}

/* ---------------------------------------------------- value parsers -- */

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

static int parse_double(const char *value, double lo, double hi, double *out)
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

/* "WxH" as two numbers, any size: 0, or -1 when it is not of that shape. */
static int size_shape(const char *text, long *w, long *h)
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
    *w = a;
    *h = b;
    return 0;
}

int options_parse_size(const char *text, int *w, int *h)
{
    long a = 0, b = 0;
    if (size_shape(text, &a, &b) != 0 || a < 1 || a > OPT_SIZE_MAX || b < 1 || b > OPT_SIZE_MAX)
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
    } else if (strcmp(text, "changes") == 0) {
        v.kind = OPT_VIEW_CHANGES;
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

/* "WxH" into two ints, naming the limit when only the limit is wrong. */
static int parse_size_checked(const OptionDef *d, const char *v, int *w, int *h, char *err,
                              size_t errlen)
{
    long a = 0, b = 0;
    if (size_shape(v, &a, &b) != 0)
        return bad_value(d, v, err, errlen);
    if (a < 1 || a > OPT_SIZE_MAX || b < 1 || b > OPT_SIZE_MAX) {
        snprintf(err, errlen, "--%s: width and height must each be 1..%d pixels, got \"%.60s\"",
                 d->name, OPT_SIZE_MAX, v);
        return -1;
    }
    *w = (int)a;
    *h = (int)b;
    return 0;
}

/* The kind's parser, for rows without their own. */
static int parse_by_kind(AppOptions *o, const OptionDef *d, const char *value, char *err,
                         size_t errlen)
{
    const char *v = value != NULL ? value : "";
    switch (d->kind) {
    case OPT_TEXT:
        return copy_value(field_at(o, d, 0), d->fields[0].size, v, d->name, err, errlen);
    case OPT_FLAG:
        return parse_flag(value, d->name, field_at(o, d, 0), err, errlen);
    case OPT_INT: {
        int n = 0;
        if (parse_int(v, (int)d->min, (int)d->max, &n) != 0 ||
            (d->step > 0 && n % (int)d->step != 0))
            return bad_value(d, v, err, errlen);
        *(int *)field_at(o, d, 0) = n;
        return 0;
    }
    case OPT_NUMBER:
        if (parse_double(v, d->min, d->max, field_at(o, d, 0)) != 0)
            return bad_value(d, v, err, errlen);
        return 0;
    case OPT_WORD:
        for (int i = 0; d->words[i] != NULL; i++)
            if (strcmp(v, d->words[i]) == 0) {
                *(int *)field_at(o, d, 0) = i;
                return 0;
            }
        return bad_value(d, v, err, errlen);
    case OPT_DURATION:
        if (options_parse_duration(v, field_at(o, d, 0)) != 0)
            return bad_value(d, v, err, errlen);
        return 0;
    case OPT_SIZE:
        for (int i = 0; d->words != NULL && d->words[i] != NULL; i++)
            if (strcmp(v, d->words[i]) == 0) {
                *(bool *)field_at(o, d, 2) = false;
                return 0;
            }
        if (parse_size_checked(d, v, field_at(o, d, 0), field_at(o, d, 1), err, errlen) != 0)
            return -1;
        if (d->fields[2].size > 0)
            *(bool *)field_at(o, d, 2) = true;
        return 0;
    case OPT_CUSTOM:
    default:
        break;
    }
    snprintf(err, errlen, "--%s: the option has no parser", d->name);
    return -1;
}

/* ---------------------------------------------- the options' parsers -- */

/* --check and --screenshot are two programs in one: refuse both at once
 * rather than silently run one of them. */
static int set_run(AppOptions *o, OptRun run, char *err, size_t errlen)
{
    bool was_mode =
        o->run == OPT_RUN_CHECK || o->run == OPT_RUN_SCREENSHOT || o->run == OPT_RUN_DIAGNOSE;
    bool is_mode = run == OPT_RUN_CHECK || run == OPT_RUN_SCREENSHOT || run == OPT_RUN_DIAGNOSE;
    if (was_mode && is_mode && o->run != run &&
        (o->run == OPT_RUN_DIAGNOSE || run == OPT_RUN_DIAGNOSE)) {
        snprintf(err, errlen,
                 "--diagnose runs alone: it already reads the feed (--feed) and the display");
        return -1;
    }
    if (was_mode && is_mode && o->run != run) {
        snprintf(err, errlen,
                 "--check and --screenshot cannot be combined: run --check FEED to validate a "
                 "feed, then --feed FEED --screenshot OUT.png to draw it");
        return -1;
    }
    o->run = run;
    return 0;
}

/* A path or URL; "-" is not standard input here (the kiosk polls its feed,
 * --check reads it like the kiosk does), so say so instead of "not found". */
static int parse_feed(AppOptions *o, const OptionDef *d, const char *value, char *err,
                      size_t errlen)
{
    if (value != NULL && strcmp(value, "-") == 0) {
        snprintf(err, errlen,
                 "--%s: reading the feed from standard input (-) is not supported; save it to "
                 "a file and give its path, or give its URL",
                 d->name);
        return -1;
    }
    return parse_by_kind(o, d, value, err, errlen);
}

static int parse_check(AppOptions *o, const OptionDef *d, const char *value, char *err,
                       size_t errlen)
{
    if (set_run(o, OPT_RUN_CHECK, err, errlen) != 0)
        return -1;
    return parse_feed(o, d, value, err, errlen);
}

static int parse_screenshot(AppOptions *o, const OptionDef *d, const char *value, char *err,
                            size_t errlen)
{
    if (set_run(o, OPT_RUN_SCREENSHOT, err, errlen) != 0)
        return -1;
    return parse_by_kind(o, d, value, err, errlen);
}

static int parse_diagnose(AppOptions *o, const OptionDef *d, const char *value, char *err,
                          size_t errlen)
{
    (void)d, (void)value;
    return set_run(o, OPT_RUN_DIAGNOSE, err, errlen);
}

static int parse_help(AppOptions *o, const OptionDef *d, const char *value, char *err,
                      size_t errlen)
{
    (void)d, (void)value, (void)err, (void)errlen;
    o->run = OPT_RUN_HELP;
    return 0;
}

static int parse_version(AppOptions *o, const OptionDef *d, const char *value, char *err,
                         size_t errlen)
{
    (void)d, (void)value, (void)err, (void)errlen;
    o->run = OPT_RUN_VERSION;
    return 0;
}

static int parse_now(AppOptions *o, const OptionDef *d, const char *value, char *err, size_t errlen)
{
    int64_t t = 0;
    if (value == NULL || okr_parse_time(value, &t) != 0)
        return bad_value(d, value, err, errlen);
    o->has_now = true;
    o->now = t;
    return 0;
}

/* "off": fullscreen, and the window F makes is 1280x720. */
static int parse_windowed(AppOptions *o, const OptionDef *d, const char *value, char *err,
                          size_t errlen)
{
    if (parse_by_kind(o, d, value, err, errlen) != 0)
        return -1;
    if (!o->windowed) {
        o->win_w = 1280;
        o->win_h = 720;
    }
    return 0;
}

static int parse_rotate(AppOptions *o, const OptionDef *d, const char *value, char *err,
                        size_t errlen)
{
    if (parse_by_kind(o, d, value, err, errlen) != 0)
        return -1;
    if (o->rotate_s > 0 && o->rotate_s < 1)
        return bad_value(d, value, err, errlen);
    return 0;
}

static int parse_view(AppOptions *o, const OptionDef *d, const char *value, char *err,
                      size_t errlen)
{
    if (value == NULL || options_parse_view(value, &o->view) != 0)
        return bad_value(d, value, err, errlen);
    return 0;
}

static int parse_lang(AppOptions *o, const OptionDef *d, const char *value, char *err,
                      size_t errlen)
{
    const char *v = value != NULL ? value : "";
    I18nLang l;
    if (strcmp(v, "auto") == 0) {
        o->lang[0] = '\0';
        return 0;
    }
    if ((strcmp(v, "en") != 0 && strcmp(v, "de") != 0) || i18n_lang_parse(v, &l) != 0)
        return bad_value(d, v, err, errlen);
    snprintf(o->lang, sizeof(o->lang), "%s", v);
    return 0;
}

static int parse_csv_delimiter(AppOptions *o, const OptionDef *d, const char *value, char *err,
                               size_t errlen)
{
    const char *v = value != NULL ? value : "";
    if (okr_csv_delimiter_parse(v, &o->csv_delimiter) == 0)
        return 0;
    return bad_value(d, v, err, errlen);
}

static void format_csv_delimiter(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    snprintf(buf, len, "%s",
             o->csv_delimiter == '\t'  ? "tab"
             : o->csv_delimiter == ';' ? "semicolon"
             : o->csv_delimiter == ',' ? "comma"
                                       : "auto");
}

/* Checked here, read again by app_feed_config (okr_format_period_parse). */
static int parse_period(AppOptions *o, const OptionDef *d, const char *value, char *err,
                        size_t errlen)
{
    const char *v = value != NULL ? value : "";
    OkrFormatOptions f = okr_format_options_default();
    char why[160];
    if (strlen(v) >= sizeof(o->period) || okr_format_period_parse(v, &f, why, sizeof(why)) != 0) {
        if (strlen(v) >= sizeof(o->period))
            return bad_value(d, v, err, errlen);
        snprintf(err, errlen, "--%s: %s", d->name, why);
        return -1;
    }
    snprintf(o->period, sizeof(o->period), "%s", v);
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

static int parse_schedule(AppOptions *o, const OptionDef *d, const char *value, char *err,
                          size_t errlen)
{
    char why[256];
    const char *v = value != NULL ? value : "";
    if (o->schedule_source != o->source) {
        schedule_init(&o->schedule);
        o->schedule_text[0] = '\0';
        o->schedule_source = o->source;
    }
    if (strcmp(v, "always") == 0 || v[0] == '\0')
        return 0;
    if (schedule_add(&o->schedule, v, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "--%s: %s (e.g. \"%s\")", d->name, why, d->example);
        return -1;
    }
    add_schedule_text(o, v);
    return 0;
}

/* --standup: the same days as --schedule, with times instead of ranges. */
static int parse_standup(AppOptions *o, const OptionDef *d, const char *value, char *err,
                         size_t errlen)
{
    char why[256];
    const char *v = value != NULL ? value : "";
    if (o->standup_source != o->source) {
        schedule_init(&o->standup);
        o->standup_text[0] = '\0';
        o->standup_source = o->source;
    }
    if (strcmp(v, "none") == 0 || v[0] == '\0')
        return 0;
    if (schedule_add_times(&o->standup, v, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "--%s: %s (e.g. \"%s\")", d->name, why, d->example);
        return -1;
    }
    size_t n = strlen(o->standup_text);
    if (n > 0 && n + 2 < sizeof(o->standup_text))
        snprintf(o->standup_text + n, sizeof(o->standup_text) - n, "; ");
    n = strlen(o->standup_text);
    snprintf(o->standup_text + n, sizeof(o->standup_text) - n, "%s", v);
    return 0;
}

static void format_standup(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    snprintf(buf, len, "%s", o->standup.count > 0 ? o->standup_text : "none");
}

static int parse_history_export(AppOptions *o, const OptionDef *d, const char *value, char *err,
                                size_t errlen)
{
    if (parse_by_kind(o, d, value, err, errlen) != 0)
        return -1;
    o->run = OPT_RUN_HISTORY_EXPORT;
    return 0;
}

static int parse_dim(AppOptions *o, const OptionDef *d, const char *value, char *err, size_t errlen)
{
    char why[256];
    BurninDim dim;
    const char *v = value != NULL ? value : "";
    if (burnin_dim_parse(v, &dim, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "--%s (e.g. \"%s\")", why, d->example); /* why starts with "dim: " */
        return -1;
    }
    o->dim = dim;
    snprintf(o->dim_text, sizeof(o->dim_text), "%s", dim.enabled ? v : "");
    return 0;
}

static int parse_header(AppOptions *o, const OptionDef *d, const char *value, char *err,
                        size_t errlen)
{
    const char *v = value != NULL ? value : "";
    const char *colon = strchr(v, ':');
    if (colon == NULL || colon == v || strpbrk(v, "\r\n") != NULL) {
        /* Do not echo the value: it may hold a secret. */
        snprintf(err, errlen, "--%s: expected \"Name: value\" on one line", d->name);
        return -1;
    }
    if (o->header_source != o->source) {
        o->n_headers = 0;
        o->header_source = o->source;
    }
    if (o->n_headers >= OPT_MAX_HEADERS - 1) {
        snprintf(err, errlen, "--%s: at most %d headers", d->name, OPT_MAX_HEADERS - 1);
        return -1;
    }
    if (strlen(v) >= OPT_HEADER_MAX) {
        snprintf(err, errlen, "--%s: too long (at most %d bytes)", d->name, OPT_HEADER_MAX - 1);
        return -1;
    }
    snprintf(o->headers[o->n_headers++], OPT_HEADER_MAX, "%s", v);
    return 0;
}

/* Each -v raises the level; a config file gives 0..3 or yes/no. */
static int parse_verbose(AppOptions *o, const OptionDef *d, const char *value, char *err,
                         size_t errlen)
{
    bool on = false;
    if (value == NULL) {
        o->verbose++;
        return 0;
    }
    if (parse_int(value, (int)d->min, (int)d->max, &o->verbose) == 0)
        return 0;
    if (parse_flag(value, d->name, &on, err, errlen) != 0)
        return -1;
    o->verbose = on ? 1 : 0;
    return 0;
}

static int parse_log_level(AppOptions *o, const OptionDef *d, const char *value, char *err,
                           size_t errlen)
{
    LogLevel l;
    if (value == NULL || log_level_parse(value, &l) != 0)
        return bad_value(d, value, err, errlen);
    o->verbose = (int)l - LOG_LEVEL_INFO;
    return 0;
}

/* ------------------------------------------------------- formatters -- */

/* The shortest text that reads back as the same double. */
static void format_double(double v, char *buf, size_t len)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* 86400 -> "24h", 172800 -> "2d", 5400 -> "90m", 0 -> "off". */
static void format_duration(int64_t s, char *buf, size_t len)
{
    if (s == 0)
        snprintf(buf, len, "off");
    else if (s % 86400 == 0 && s >= 2 * 86400)
        snprintf(buf, len, "%lldd", (long long)(s / 86400));
    else if (s % 3600 == 0)
        snprintf(buf, len, "%lldh", (long long)(s / 3600));
    else if (s % 60 == 0)
        snprintf(buf, len, "%lldm", (long long)(s / 60));
    else
        snprintf(buf, len, "%llds", (long long)s);
}

static void format_by_kind(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    buf[0] = '\0';
    switch (d->kind) {
    case OPT_TEXT:
        snprintf(buf, len, "%s", (const char *)field_in(o, d, 0));
        break;
    case OPT_FLAG:
        snprintf(buf, len, "%s", *(const bool *)field_in(o, d, 0) ? "yes" : "no");
        break;
    case OPT_INT:
        snprintf(buf, len, "%d", *(const int *)field_in(o, d, 0));
        break;
    case OPT_NUMBER:
        format_double(*(const double *)field_in(o, d, 0), buf, len);
        break;
    case OPT_WORD: {
        int i = *(const int *)field_in(o, d, 0);
        for (int k = 0; d->words[k] != NULL; k++)
            if (k == i)
                snprintf(buf, len, "%s", d->words[k]);
        break;
    }
    case OPT_DURATION:
        format_duration(*(const int64_t *)field_in(o, d, 0), buf, len);
        break;
    case OPT_SIZE:
        if (d->words != NULL && !*(const bool *)field_in(o, d, 2))
            snprintf(buf, len, "%s", d->words[0]);
        else
            snprintf(buf, len, "%dx%d", *(const int *)field_in(o, d, 0),
                     *(const int *)field_in(o, d, 1));
        break;
    case OPT_CUSTOM:
    default:
        break;
    }
}

static void format_nothing(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)o, (void)d, (void)len;
    buf[0] = '\0';
}

static void format_now(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    struct tm tm;
    time_t t = (time_t)o->now;
    buf[0] = '\0';
    if (o->has_now && gmtime_r(&t, &tm) != NULL)
        strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void format_view(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    switch (o->view.kind) {
    case OPT_VIEW_OBJECTIVE:
        snprintf(buf, len, "objective:%d", o->view.objective + 1);
        break;
    case OPT_VIEW_TEAM:
        snprintf(buf, len, "team:%s", o->view.team);
        break;
    case OPT_VIEW_HELP:
        snprintf(buf, len, "help");
        break;
    case OPT_VIEW_CHANGES:
        snprintf(buf, len, "changes");
        break;
    case OPT_VIEW_OVERVIEW:
    default:
        snprintf(buf, len, "overview");
        break;
    }
}

static void format_lang(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    snprintf(buf, len, "%s", o->lang[0] ? o->lang : "auto");
}

static void format_schedule(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    snprintf(buf, len, "%s", o->schedule.count > 0 ? o->schedule_text : "always");
}

static void format_dim(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    snprintf(buf, len, "%s", o->dim.enabled ? o->dim_text : "off");
}

/* The headers given as options (not the one the token makes), "; "-joined. */
static void format_header(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    buf[0] = '\0';
    for (int i = 0; i < o->n_headers; i++) {
        if (strncmp(o->headers[i], "Authorization: Bearer ", 22) == 0)
            continue;
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, "%s%s", n > 0 ? "; " : "", o->headers[i]);
    }
}

static void format_log_level(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    (void)d;
    snprintf(buf, len, "%s", log_level_name((LogLevel)options_log_level(o)));
}

/* ---------------------------------------------------------- the table -- */

static const char *const renderer_words[] = {"auto", "gpu", "software", NULL};
static const char *const off_words[] = {"off", "no", NULL};
static const char *const current_words[] = {"current", "auto", NULL};
/* In PowerSetting's order (power.h). */
static const char *const power_words[] = {"auto", "on", "off", NULL};
/* In the order of OkrFormat, OkrCsvDecimal and OkrCsvDateOrder. */
static const char *const format_words[] = {"auto", "json", "csv", NULL};
static const char *const decimal_words[] = {"auto", "comma", "point", NULL};
static const char *const date_order_words[] = {"auto", "dmy", "mdy", "ymd", NULL};

/* One row per option, in --help order (rows of a group stay together). */
static const OptionDef table[] = {
    /* Feed */
    {.name = "feed",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(feed)},
     .parse = parse_feed,
     .flags = OPT_LOG_ALWAYS | OPT_URL,
     .def_help = "the demo feed",
     .expect = "a path or URL",
     .example = "https://okr.example/feed.json",
     .group = "Feed",
     .metavar = "PATH|URL",
     .help = "feed file, file:// or http(s):// URL"},
    {.name = "poll",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_NUMBER,
     .fields = {OPT_FIELD(poll_s)},
     .min = 1,
     .max = 86400,
     .def = "60",
     .expect = "seconds 1..86400",
     .example = "30",
     .group = "Feed",
     .metavar = "SECONDS",
     .help = "HTTP poll interval"},
    {.name = "ca-file",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(ca_file)},
     .def_help = "none",
     .expect = "a file",
     .example = "/etc/ssl/private-ca.pem",
     .group = "Feed",
     .metavar = "PATH",
     .help = "extra CA bundle for a private CA"},
    {.name = "header",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(headers), OPT_FIELD(n_headers)},
     .parse = parse_header,
     .format = format_header,
     .flags = OPT_SECRET,
     .def_help = "none",
     .expect = "\"Name: value\"",
     .example = "X-Team: platform",
     .group = "Feed",
     .metavar = "\"Name: value\"",
     .help = "extra request header, repeatable"},
    {.name = "token-file",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(token_file)},
     .def_help = "$" OPT_TOKEN_ENV " if set",
     .expect = "a file",
     .example = "/etc/okr-kiosk/token",
     .group = "Feed",
     .metavar = "PATH",
     .help = "bearer token file (first line)"},
    {.name = "stale-after",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_DURATION,
     .fields = {OPT_FIELD(stale_after_s)},
     .def = "24h",
     .expect = "a duration like 3h, 90m or 2d (0 = never)",
     .example = "3h",
     .group = "Feed",
     .metavar = "DURATION",
     .help = "stale badge when the data is older, e.g. 3h, 2d;\n0 = never"},
    {.name = "format",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_WORD,
     .fields = {OPT_FIELD(format)},
     .words = format_words,
     .def = "auto",
     .expect = "auto, json or csv",
     .example = "csv",
     .group = "Feed",
     .metavar = "auto|json|csv",
     .help =
         "how the feed is read; auto: CSV for text/csv, a .csv\nname or a sheet's output=csv link, else JSON"},
    {.name = "csv-delimiter",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(csv_delimiter)},
     .parse = parse_csv_delimiter,
     .format = format_csv_delimiter,
     .def = "auto",
     .expect = "auto, comma, semicolon or tab",
     .example = "semicolon",
     .group = "Feed",
     .metavar = "SEP",
     .help = "CSV column separator: auto (from the header row),\ncomma, semicolon or tab"},
    {.name = "csv-decimal",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_WORD,
     .fields = {OPT_FIELD(csv_decimal)},
     .words = decimal_words,
     .def = "auto",
     .expect = "auto, comma or point",
     .example = "comma",
     .group = "Feed",
     .metavar = "SEP",
     .help =
         "CSV decimal separator: auto, comma or point;\nauto: comma when columns are split by ; or tabs"},
    {.name = "csv-date-order",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_WORD,
     .fields = {OPT_FIELD(csv_date_order)},
     .words = date_order_words,
     .def = "auto",
     .expect = "auto, dmy, mdy or ymd",
     .example = "dmy",
     .group = "Feed",
     .metavar = "ORDER",
     .help =
         "order of dates like 01/12/2026: auto, dmy, mdy\nor ymd; auto: dmy with decimal commas, else mdy"},
    {.name = "csv-columns",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(csv_columns)},
     .def_help = "none",
     .expect = "\"Header=field, ...\"",
     .example = "Summary=key_result, Epic=objective",
     .group = "Feed",
     .metavar = "MAP",
     .help = "extra CSV column names, \"Header=field, ...\",\ne.g. for a tool's export"},
    {.name = "title",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(title)},
     .def_help = "the feed's",
     .expect = "a title of at most 300 bytes",
     .example = "Team Nord OKRs",
     .group = "Feed",
     .metavar = "TEXT",
     .help = "title on the wall, over the feed's"},
    {.name = "period",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(period)},
     .parse = parse_period,
     .def_help = "the feed's",
     .expect = "\"LABEL, START, END\" like \"Q4 2026, 2026-10-01, 2026-12-31\"",
     .example = "Q4 2026, 2026-10-01, 2026-12-31",
     .group = "Feed",
     .metavar = "PERIOD",
     .help =
         "period over the feed's: \"LABEL, START, END\" like\n\"Q4 2026, 2026-10-01, 2026-12-31\" (end inclusive)"},

    /* Screen */
    {.name = "display",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_INT,
     .fields = {OPT_FIELD(display)},
     .min = 0,
     .max = 63,
     .flags = OPT_RESTART,
     .def = "0",
     .expect = "a display number 0..63",
     .example = "1",
     .group = "Screen",
     .metavar = "N",
     .help = "display to use fullscreen"},
    {.name = "windowed",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_SIZE,
     .fields = {OPT_FIELD(win_w), OPT_FIELD(win_h), OPT_FIELD(windowed)},
     .words = off_words,
     .parse = parse_windowed,
     .flags = OPT_RESTART,
     .def = "off",
     .expect = "WIDTHxHEIGHT like 1280x720, or off",
     .example = "1280x720",
     .group = "Screen",
     .metavar = "WxH",
     .help = "a window instead of fullscreen"},
    {.name = "mode",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_SIZE,
     .fields = {OPT_FIELD(mode_w), OPT_FIELD(mode_h), OPT_FIELD(has_mode)},
     .words = current_words,
     .flags = OPT_RESTART,
     .def = "current",
     .expect = "WIDTHxHEIGHT like 1920x1080, or current",
     .example = "1920x1080",
     .group = "Screen",
     .metavar = "WxH",
     .help = "display mode on a console without a desktop (kmsdrm),\ne.g. 1920x1080 on a 4K TV"},
    {.name = "orientation",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_INT,
     .fields = {OPT_FIELD(orientation)},
     .min = 0,
     .max = 270,
     .step = 90,
     .def = "0",
     .expect = "0, 90, 180 or 270 (degrees clockwise)",
     .example = "90",
     .group = "Screen",
     .metavar = "DEGREES",
     .help = "0, 90, 180, 270: draw rotated clockwise, for a\nturned screen"},
    {.name = "safe-area",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_NUMBER,
     .fields = {OPT_FIELD(safe_area)},
     .min = 0,
     .max = 0.25,
     .def = "0.05",
     .expect = "a fraction 0..0.25 of the screen",
     .example = "0.1",
     .group = "Screen",
     .metavar = "FRACTION",
     .help = "overscan margin per side, 0..0.25"},
    {.name = "rotate",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_NUMBER,
     .fields = {OPT_FIELD(rotate_s)},
     .min = 0,
     .max = 86400,
     .parse = parse_rotate,
     .def = "15",
     .expect = "seconds (0 = off, or 1..86400)",
     .example = "20",
     .group = "Screen",
     .metavar = "SECONDS",
     .help = "auto-rotate views, 0 = off"},
    {.name = "view",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(view)},
     .parse = parse_view,
     .format = format_view,
     .def = "overview",
     .expect = "overview, objective:N (1-based), team:NAME, changes or help",
     .example = "objective:2",
     .group = "Screen",
     .metavar = "VIEW",
     .help = "start view: overview, objective:N, team:NAME, changes, help"},
    {.name = "reduce-motion",
     .arg = OPT_ARG_NONE,
     .kind = OPT_FLAG,
     .fields = {OPT_FIELD(reduce_motion)},
     .flags = OPT_RESTART,
     .def = "no",
     .expect = "yes or no",
     .example = "yes",
     .group = "Screen",
     .help = "no animations"},
    {.name = "renderer",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_WORD,
     .fields = {OPT_FIELD(renderer)},
     .words = renderer_words,
     .flags = OPT_RESTART,
     .def = "auto",
     .expect = "auto, gpu or software",
     .example = "software",
     .group = "Screen",
     .metavar = "auto|gpu|software",
     .help =
         "gpu: OpenGL, software if that fails;\nsoftware: no OpenGL at all; auto: gpu when the\n"
         "machine has one (/dev/dri), else software;\non the console (kmsdrm) always gpu, never software"},
    {.name = "font",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(font)},
     .flags = OPT_RESTART,
     .def_help = "Inter, else DejaVu Sans",
     .expect = "a font file",
     .example = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     .group = "Screen",
     .metavar = "PATH",
     .help = "font file"},
    {.name = "lang",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_TEXT_FIELD(lang)},
     .parse = parse_lang,
     .format = format_lang,
     .def = "auto",
     .expect = "en, de or auto",
     .example = "de",
     .group = "Screen",
     .metavar = "en|de|auto",
     .help = "language of the screen; auto: from the locale"},

    /* Always on */
    {.name = "schedule",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(schedule), OPT_TEXT_FIELD(schedule_text)},
     .parse = parse_schedule,
     .format = format_schedule,
     .def = "always",
     .expect = "a schedule",
     .example = "mon-fri 07:30-19:00",
     .group = "Always on",
     .metavar = "\"DAYS HH:MM-HH:MM\"",
     .help =
         "when the screen is on, repeatable, e.g.\n\"mon-fri 07:30-19:00\"; outside it the screen is\n"
         "black, a key wakes it for 5 min"},
    {.name = "dim",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(dim), OPT_TEXT_FIELD(dim_text)},
     .parse = parse_dim,
     .format = format_dim,
     .def = "off",
     .expect = "\"HH:MM-HH:MM N%\"",
     .example = "22:00-06:00 40%",
     .group = "Always on",
     .metavar = "\"HH:MM-HH:MM N%\"",
     .help = "night dimming to N % brightness"},
    {.name = "burn-in-shift",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_FLAG,
     .fields = {OPT_FIELD(burnin)},
     .def = "yes",
     .expect = "yes or no",
     .example = "no",
     .group = "Always on",
     .metavar = "yes|no",
     .help = "move the picture a pixel every 5 min"},
    {.name = "dpms",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_WORD,
     .fields = {OPT_FIELD(dpms)},
     .words = power_words,
     .flags = OPT_RESTART,
     .def = "auto",
     .expect = "auto, on or off",
     .example = "off",
     .group = "Always on",
     .metavar = "auto|on|off",
     .help =
         "switch the HDMI signal off outside the schedule\n(console only); auto: where it works"},
    {.name = "cec",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_WORD,
     .fields = {OPT_FIELD(cec)},
     .words = power_words,
     .flags = OPT_RESTART,
     .def = "auto",
     .expect = "auto, on or off",
     .example = "off",
     .group = "Always on",
     .metavar = "auto|on|off",
     .help =
         "HDMI-CEC: TV to standby outside the schedule, on\nat its start or a key; auto: when the screen's\n"
         "HDMI port has an adapter"},
    {.name = "now",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(has_now), OPT_FIELD(now)},
     .parse = parse_now,
     .format = format_now,
     .def_help = "the system clock",
     .expect = "an RFC 3339 time like 2026-11-26T09:30:00Z",
     .example = "2026-11-26T09:30:00Z",
     .group = "Always on",
     .metavar = "RFC3339",
     .help = "fix the clock at start, e.g. 2026-11-26T09:30:00Z"},

    /* History */
    {.name = "history",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(history)},
     .flags = OPT_RESTART,
     .def = "auto",
     .expect = "a path, auto or off",
     .example = "/var/lib/okr/history.db",
     .group = "History",
     .metavar = "PATH|auto|off",
     .help =
         "where the wall keeps what it saw (SQLite); auto:\n$XDG_STATE_HOME/okr-kiosk/history.db; off: no history"},
    {.name = "standup",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(standup), OPT_TEXT_FIELD(standup_text)},
     .parse = parse_standup,
     .format = format_standup,
     .def = "none",
     .expect = "days and times like mon-fri 09:30",
     .example = "mon-fri 09:30",
     .group = "History",
     .metavar = "\"DAYS HH:MM\"",
     .help =
         "standup times, repeatable: changes are shown since\nthe last standup; none: since 7 days ago"},
    {.name = "history-keep",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_INT,
     .fields = {OPT_FIELD(history_keep)},
     .min = 1,
     .max = 20,
     .def = "2",
     .expect = "periods 1..20",
     .example = "4",
     .group = "History",
     .metavar = "PERIODS",
     .help = "periods kept: the current one and those before"},
    {.name = "record",
     .arg = OPT_ARG_NONE,
     .kind = OPT_FLAG,
     .fields = {OPT_FIELD(record)},
     .flags = OPT_CLI_ONLY,
     .expect = "yes or no",
     .example = "yes",
     .group = "History",
     .help = "with --check: record the feed into the history\nas the wall would (at --now)"},
    {.name = "history-export",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(history_export), OPT_FIELD(run)},
     .parse = parse_history_export,
     .flags = OPT_CLI_ONLY,
     .expect = "a file name",
     .example = "history.csv",
     .group = "History",
     .metavar = "OUT.csv",
     .help = "write the recorded history as CSV, one row per\nsample, and exit"},

    /* Other modes */
    {.name = "check",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(feed), OPT_FIELD(run)},
     .parse = parse_check,
     .flags = OPT_CLI_ONLY,
     .expect = "a feed",
     .example = "feed.json",
     .group = "Other modes",
     .metavar = "FEED",
     .help =
         "validate a feed, print problems and scores;\nexit 0 showable, 1 not showable, 2 unreadable"},
    {.name = "json",
     .arg = OPT_ARG_NONE,
     .kind = OPT_FLAG,
     .fields = {OPT_FIELD(json)},
     .flags = OPT_CLI_ONLY,
     .expect = "yes or no",
     .example = "yes",
     .group = "Other modes",
     .help =
         "with --check: print the scored model as JSON;\nwith --diagnose: the findings as JSON"},
    {.name = "screenshot",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(screenshot), OPT_FIELD(run)},
     .parse = parse_screenshot,
     .flags = OPT_CLI_ONLY,
     .expect = "a file name",
     .example = "out.png",
     .group = "Other modes",
     .metavar = "OUT.png",
     .help =
         "render one frame to a PNG without a display\n(with --renderer gpu: through the GPU, needs one)"},
    {.name = "size",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_SIZE,
     .fields = {OPT_FIELD(size_w), OPT_FIELD(size_h)},
     .def = "1920x1080",
     .expect = "WIDTHxHEIGHT like 1920x1080",
     .example = "1280x720",
     .group = "Other modes",
     .metavar = "WxH",
     .help = "screenshot size"},
    {.name = "config",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_TEXT,
     .fields = {OPT_TEXT_FIELD(config)},
     .flags = OPT_CLI_ONLY,
     .expect = "a file",
     .example = "/etc/okr-kiosk/wall.conf",
     .group = "Other modes",
     .metavar = "PATH",
     .help =
         "read this configuration file instead of\n/etc/okr-kiosk.conf and ~/.config/okr-kiosk/config"},
    {.name = "log-level",
     .arg = OPT_ARG_VALUE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(verbose)},
     .parse = parse_log_level,
     .format = format_log_level,
     .def = "info",
     .expect = "error, warn, info, debug or trace",
     .example = "debug",
     .group = "Other modes",
     .metavar = "LEVEL",
     .help = "error, warn, info, debug, trace"},
    {.name = "verbose",
     .short_name = 'v',
     .arg = OPT_ARG_NONE,
     .kind = OPT_INT,
     .fields = {OPT_FIELD(verbose)},
     .min = 0,
     .max = 3,
     .parse = parse_verbose,
     .expect = "0..3, yes or no",
     .example = "1",
     .group = "Other modes",
     .help = "one level more: debug (view changes), then trace"},
    {.name = "diagnose",
     .arg = OPT_ARG_NONE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(run)},
     .parse = parse_diagnose,
     .format = format_nothing,
     .flags = OPT_CLI_ONLY,
     .expect = "no value",
     .example = "yes",
     .group = "Other modes",
     .help =
         "what the kiosk finds here (video, DRM, input,\nHDMI-CEC, groups, feed) and what to fix;\n"
         "with --json as JSON"},
    {.name = "help",
     .short_name = 'h',
     .arg = OPT_ARG_NONE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(run)},
     .parse = parse_help,
     .format = format_nothing,
     .flags = OPT_CLI_ONLY,
     .expect = "no value",
     .example = "yes",
     .group = "Other modes",
     .help = "this help"},
    {.name = "version",
     .short_name = 'V',
     .arg = OPT_ARG_NONE,
     .kind = OPT_CUSTOM,
     .fields = {OPT_FIELD(run)},
     .parse = parse_version,
     .format = format_nothing,
     .flags = OPT_CLI_ONLY,
     .expect = "no value",
     .example = "yes",
     .group = "Other modes",
     .help = "print the version"},
};

#define TABLE_ROWS (sizeof(table) / sizeof(table[0]))
_Static_assert(TABLE_ROWS <= TABLE_MAX, "raise TABLE_MAX");

const OptionDef *options_table(size_t *count)
{
    *count = TABLE_ROWS;
    return table;
}

const OptionDef *options_find(const char *name)
{
    for (size_t i = 0; i < TABLE_ROWS; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

int options_set(AppOptions *o, const char *name, const char *value, char *err, size_t errlen)
{
    const OptionDef *d = options_find(name);
    if (d == NULL) {
        snprintf(err, errlen, "unknown option \"%.60s\"", name);
        return -1;
    }
    if (d->parse != NULL)
        return d->parse(o, d, value, err, errlen);
    return parse_by_kind(o, d, value, err, errlen);
}

void options_format(const AppOptions *o, const OptionDef *d, char *buf, size_t len)
{
    if (len == 0)
        return;
    buf[0] = '\0';
    if (d->format != NULL)
        d->format(o, d, buf, len);
    else
        format_by_kind(o, d, buf, len);
}

bool options_differ(const AppOptions *a, const AppOptions *b, const OptionDef *d)
{
    for (int i = 0; i < OPT_MAX_FIELDS && d->fields[i].size > 0; i++) {
        const char *x = field_in(a, d, i), *y = field_in(b, d, i);
        if (d->fields[i].text ? strncmp(x, y, d->fields[i].size) != 0
                              : memcmp(x, y, d->fields[i].size) != 0)
            return true;
    }
    return false;
}

void options_copy_fields(AppOptions *dst, const AppOptions *src, const OptionDef *d)
{
    for (int i = 0; i < OPT_MAX_FIELDS && d->fields[i].size > 0; i++)
        memcpy(field_at(dst, d, i), field_in(src, d, i), d->fields[i].size);
}

void options_default(AppOptions *o)
{
    char err[256];
    memset(o, 0, sizeof(*o));
    o->source = OPT_SRC_DEFAULT;
    schedule_init(&o->schedule);
    /* A default that does not parse is a bug in the table: the tests parse
     * every row's default, so it cannot ship. */
    for (size_t i = 0; i < TABLE_ROWS; i++)
        if (table[i].def != NULL &&
            options_set(o, table[i].name, table[i].def, err, sizeof(err)) != 0)
            log_msg(LOG_LEVEL_ERROR, "default of --%s: %s", table[i].name, err);
}

int options_log_level(const AppOptions *o)
{
    int l = LOG_LEVEL_INFO + o->verbose;
    return l < LOG_LEVEL_ERROR ? LOG_LEVEL_ERROR : l > LOG_LEVEL_TRACE ? LOG_LEVEL_TRACE : l;
}

bool options_known(const char *name)
{
    return options_find(name) != NULL;
}

size_t options_names(const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < TABLE_ROWS && n < max; i++)
        out[n++] = table[i].name;
    return n;
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
    if (o->json && o->run != OPT_RUN_CHECK && o->run != OPT_RUN_DIAGNOSE) {
        snprintf(err, errlen, "--json only goes with --check FEED or --diagnose");
        return -1;
    }
    if (o->record && o->run != OPT_RUN_CHECK) {
        snprintf(err, errlen, "--record only goes with --check FEED");
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
        /* Blanks around the token, as around a token file's line, are not part of it. */
        const char *t = token_env + strspn(token_env, " \t");
        size_t n = strlen(t);
        while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
            n--;
        snprintf(token, sizeof(token), "%.*s", (int)n, t);
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

/* ------------------------------------------------------ command line -- */

int options_parse(AppOptions *o, int argc, char **argv, char *err, size_t errlen)
{
    if (options_parse_argv(o, argc, argv, err, errlen) != 0)
        return -1;
    return options_finish(o, getenv(OPT_TOKEN_ENV), err, errlen);
}

int options_parse_argv(AppOptions *o, int argc, char **argv, char *err, size_t errlen)
{
    struct option longs[TABLE_MAX + 1];
    char shorts[2 * TABLE_MAX + 2] = ":";
    size_t ns = 1;
    int idx = 0;
    int c;

    for (size_t i = 0; i < TABLE_ROWS; i++) {
        const OptionDef *d = &table[i];
        longs[i] = (struct option){
            d->name, d->arg == OPT_ARG_NONE ? no_argument : required_argument, NULL, 0};
        if (d->short_name != 0) {
            shorts[ns++] = d->short_name;
            if (d->arg == OPT_ARG_VALUE)
                shorts[ns++] = ':';
        }
    }
    longs[TABLE_ROWS] = (struct option){NULL, 0, NULL, 0};
    shorts[ns] = '\0';

    o->source = OPT_SRC_CLI;
    optind = 0; /* 0 makes glibc reset its state fully between calls */
    opterr = 0;
    while ((c = getopt_long(argc, argv, shorts, longs, &idx)) != -1) {
        const OptionDef *d = NULL;
        if (c == 0) {
            d = &table[idx];
        } else if (c == ':') {
            snprintf(err, errlen, "%.60s needs a value (see --help)", argv[optind - 1]);
            return -1;
        } else {
            for (size_t i = 0; i < TABLE_ROWS && c != '?'; i++)
                if (table[i].short_name == c)
                    d = &table[i];
        }
        if (d == NULL) {
            snprintf(err, errlen, "unknown option %.60s (see --help)", argv[optind - 1]);
            return -1;
        }
        if (options_set(o, d->name, optarg, err, errlen) != 0)
            return -1;
    }
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument \"%.60s\" (did you mean --feed %.60s?)",
                 argv[optind], argv[optind]);
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- help -- */

#define HELP_COL 25
#define HELP_WIDTH 79

/* "  -v, --verbose", "  --rotate SECONDS", then the help text from column
 * 25, and "(default: ...)" at its end or on a line of its own. */
static void print_row(FILE *f, const OptionDef *d)
{
    char left[128];
    const char *def = d->def != NULL ? d->def : d->def_help;
    if (d->def != NULL && d->kind == OPT_FLAG && d->arg == OPT_ARG_NONE)
        def = strcmp(d->def, "yes") == 0 ? "on" : "off";

    if (d->short_name != 0)
        snprintf(left, sizeof(left), "  -%c, --%s", d->short_name, d->name);
    else
        snprintf(left, sizeof(left), "  --%s", d->name);
    if (d->metavar != NULL) {
        size_t n = strlen(left);
        snprintf(left + n, sizeof(left) - n, " %s", d->metavar);
    }
    int col = fprintf(f, "%s", left);
    const char *line = d->help;
    for (;;) {
        const char *nl = strchr(line, '\n');
        int n = nl != NULL ? (int)(nl - line) : (int)strlen(line);
        if (col < HELP_COL)
            col += fprintf(f, "%*s", HELP_COL - col, "");
        else
            col += fprintf(f, "  ");
        col += fprintf(f, "%.*s", n, line);
        if (nl == NULL)
            break;
        fprintf(f, "\n");
        col = 0;
        line = nl + 1;
    }
    if (def != NULL) {
        if (col + (int)strlen(def) + 12 > HELP_WIDTH)
            fprintf(f, "\n%*s(default: %s)", HELP_COL, "", def);
        else
            fprintf(f, " (default: %s)", def);
    }
    fprintf(f, "\n");
}

void options_print_help(FILE *f, const char *argv0)
{
    char demo[OPT_PATH_MAX];
    const char *group = NULL;
    options_demo_feed_path(demo, sizeof(demo));
    fprintf(f, "Usage: %s [OPTION]...\nShow an OKR feed as live progress rings, fullscreen.\n",
            argv0);
    for (size_t i = 0; i < TABLE_ROWS; i++) {
        if (group == NULL || strcmp(group, table[i].group) != 0) {
            group = table[i].group;
            fprintf(f, "\n%s:\n", group);
        }
        print_row(f, &table[i]);
    }
    fprintf(f, "\nCommand line only:");
    int n = 0;
    for (size_t i = 0; i < TABLE_ROWS; i++)
        if (table[i].flags & OPT_CLI_ONLY)
            fprintf(f, "%s --%s", n++ > 0 ? "," : "", table[i].name);
    fprintf(
        f,
        ". Every other option can\n"
        "also be a line \"name = value\" in /etc/okr-kiosk.conf or ~/.config/okr-kiosk/config.\n"
        "The demo feed: %s\n"
        "\n"
        "Keys: arrows/PageUp/PageDown previous/next, Enter/Down focus, Esc/Backspace/Up\n"
        "back, 1-9 objective, T team, Space pause rotation, R refresh, H/? help,\n"
        "F fullscreen, Q quit.\n",
        demo);
}
