/*
 * settings: the configuration files, then the command line, then the token
 * (see settings.h). Keys are the long option names; options_set() gives
 * both sources one parser and the same checks. Program modes (help, check,
 * screenshot, ...) and --config itself are command-line only: a kiosk whose
 * config file says "check = ..." would print a report and exit at every boot.
 */
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_http.h"

static const char *const cli_only[] = {"help", "version", "config", "check", "json", "screenshot"};

static int file_set(void *ud, const char *key, const char *value, char *err, size_t errlen)
{
    AppOptions *o = ud;
    char msg[512];

    if (!options_known(key)) {
        const char *names[64];
        size_t n = options_names(names, 64);
        const char *hint = conf_file_suggest(key, names, n);
        if (hint != NULL)
            snprintf(err, errlen, "(did you mean '%s'?)", hint);
        else
            err[0] = '\0';
        return CONF_UNKNOWN_KEY;
    }
    for (size_t i = 0; i < sizeof(cli_only) / sizeof(cli_only[0]); i++)
        if (strcmp(key, cli_only[i]) == 0) {
            snprintf(err, errlen, "'%s' works on the command line only", key);
            return CONF_BAD_VALUE;
        }
    if (options_set(o, key, value, msg, sizeof(msg)) != 0) {
        /* options_set says "--key: why"; the parser already names the key. */
        const char *why = msg;
        size_t klen = strlen(key);
        if (strncmp(why, "--", 2) == 0 && strncmp(why + 2, key, klen) == 0 && why[2 + klen] == ':')
            why += 3 + klen + (why[3 + klen] == ' ');
        snprintf(err, errlen, "%s", why);
        return CONF_BAD_VALUE;
    }
    return CONF_OK;
}

SettingsEnv settings_env_default(void)
{
    SettingsEnv e;
    e.system_path = CONF_SYSTEM_PATH;
    e.xdg_config_home = getenv("XDG_CONFIG_HOME");
    e.home = getenv("HOME");
    e.token_env = getenv(OPT_TOKEN_ENV);
    return e;
}

int settings_load(AppOptions *o, int argc, char **argv, const SettingsEnv *env, ConfFileList *files, char *err,
                  size_t errlen)
{
    options_default(o);
    files->count = 0;
    const char *cli = conf_file_cli_path(argc, argv);
    if (conf_file_find(cli, env->system_path, env->xdg_config_home, env->home, files, err, errlen) != 0)
        return -1;
    for (int i = 0; i < files->count; i++) {
        o->source = OPT_SRC_FILE1 + i;
        if (conf_file_load(files->paths[i], file_set, o, err, errlen) != 0)
            return -1;
    }
    if (options_parse_argv(o, argc, argv, err, errlen) != 0)
        return -1;
    /* getopt accepts "--conf PATH"; the file search above saw only the full
     * spelling, so insist on it rather than silently skip the file. */
    if (o->config[0] != '\0' && (cli == NULL || strcmp(cli, o->config) != 0)) {
        snprintf(err, errlen, "write --config in full (--config PATH or --config=PATH)");
        return -1;
    }
    return options_finish(o, env->token_env, err, errlen);
}

static void add(char *buf, size_t len, const char *fmt, const char *a)
{
    size_t n = strlen(buf);
    if (n + 1 >= len)
        return;
    if (n > 0 && buf[n - 1] != ' ')
        snprintf(buf + n, len - n, ", ");
    n = strlen(buf);
    snprintf(buf + n, len - n, fmt, a);
}

static void add_num(char *buf, size_t len, const char *name, double v)
{
    char t[96];
    snprintf(t, sizeof(t), "%s %g", name, v);
    add(buf, len, "%s", t);
}

void settings_describe(const AppOptions *o, const ConfFileList *files, char *buf, size_t len)
{
    AppOptions d;
    char t[OPT_PATH_MAX + 64];
    options_default(&d);
    buf[0] = '\0';

    snprintf(buf, len, "files ");
    if (files->count == 0)
        add(buf, len, "%s", "(none)");
    for (int i = 0; i < files->count; i++)
        add(buf, len, "%s", files->paths[i]);
    size_t n = strlen(buf);
    snprintf(buf + n, len - n, "; ");

    if (o->feed_is_demo) {
        add(buf, len, "%s", "feed: the demo feed");
    } else {
        char red[OPT_PATH_MAX];
        feed_http_redact_url(o->feed, red, sizeof(red));
        snprintf(t, sizeof(t), "feed %s", red);
        add(buf, len, "%s", t);
    }
    if (o->poll_s != d.poll_s)
        add_num(buf, len, "poll", o->poll_s);
    if (o->rotate_s != d.rotate_s)
        add_num(buf, len, "rotate", o->rotate_s);
    if (o->safe_area != d.safe_area)
        add_num(buf, len, "safe-area", o->safe_area);
    if (o->display != d.display)
        add_num(buf, len, "display", o->display);
    if (o->windowed) {
        snprintf(t, sizeof(t), "windowed %dx%d", o->win_w, o->win_h);
        add(buf, len, "%s", t);
    }
    if (o->has_mode) {
        snprintf(t, sizeof(t), "mode %dx%d", o->mode_w, o->mode_h);
        add(buf, len, "%s", t);
    }
    if (o->orientation != 0)
        add_num(buf, len, "orientation", o->orientation);
    if (o->lang[0])
        add(buf, len, "lang %s", o->lang);
    if (o->schedule.count > 0)
        add(buf, len, "schedule %s", o->schedule_text);
    if (o->dim.enabled)
        add(buf, len, "dim %s", o->dim_text);
    if (!o->burnin)
        add(buf, len, "%s", "burn-in-shift no");
    if (o->stale_after_s != d.stale_after_s)
        add_num(buf, len, "stale-after (s)", (double)o->stale_after_s);
    if (o->reduce_motion)
        add(buf, len, "%s", "reduce-motion");
    if (o->renderer != d.renderer)
        add(buf, len, "renderer %s", o->renderer == OPT_RENDER_GPU ? "gpu" : "software");
    if (o->font[0])
        add(buf, len, "font %s", o->font);
    if (o->ca_file[0])
        add(buf, len, "ca-file %s", o->ca_file);
    if (o->view.kind != OPT_VIEW_OVERVIEW)
        add(buf, len, "%s", "view (not the overview)");
    if (o->has_now)
        add(buf, len, "%s", "now (fixed clock)");
    if (o->verbose != 0)
        add_num(buf, len, "verbose", o->verbose);
    int extra = o->n_headers;
    bool token = false;
    for (int i = 0; i < o->n_headers; i++)
        if (strncmp(o->headers[i], "Authorization: Bearer ", 22) == 0) {
            token = true;
            extra--;
        }
    if (extra > 0) {
        snprintf(t, sizeof(t), "%d extra header%s (values not shown)", extra, extra == 1 ? "" : "s");
        add(buf, len, "%s", t);
    }
    if (token)
        add(buf, len, "%s", o->token_file[0] ? "token from the token file" : "token from $" OPT_TOKEN_ENV);
}

void settings_restart_needed(const AppOptions *old, const AppOptions *now, char *buf, size_t len)
{
    buf[0] = '\0';
    if (old->display != now->display)
        add(buf, len, "%s", "display");
    if (old->windowed != now->windowed || old->win_w != now->win_w || old->win_h != now->win_h)
        add(buf, len, "%s", "windowed");
    if (old->has_mode != now->has_mode || old->mode_w != now->mode_w || old->mode_h != now->mode_h)
        add(buf, len, "%s", "mode");
    if (old->renderer != now->renderer)
        add(buf, len, "%s", "renderer");
    if (old->reduce_motion != now->reduce_motion)
        add(buf, len, "%s", "reduce-motion");
    if (strcmp(old->font, now->font) != 0)
        add(buf, len, "%s", "font");
}
