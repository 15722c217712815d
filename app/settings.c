/*
 * settings: the configuration files, then the command line, then the token
 * (see settings.h). Keys are the long option names; options_set() gives
 * both sources one parser and the same checks. Rows of the options table
 * marked OPT_CLI_ONLY (the program modes and --config itself) are refused in
 * a file: a kiosk whose config file says "check = ..." would print a report
 * and exit at every boot. The log line and the restart decision walk the
 * same table.
 */
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_source.h"

int settings_file_set(void *ud, const char *key, const char *value, char *err, size_t errlen)
{
    AppOptions *o = ud;
    char msg[512];
    const OptionDef *d = options_find(key);

    if (d == NULL) {
        size_t count = 0;
        const OptionDef *table = options_table(&count);
        const char **names = calloc(count > 0 ? count : 1, sizeof(*names));
        for (size_t i = 0; names != NULL && i < count; i++)
            names[i] = table[i].name;
        const char *hint = names != NULL ? conf_file_suggest(key, names, count) : NULL;
        free(names);
        if (hint != NULL)
            snprintf(err, errlen, "(did you mean '%s'?)", hint);
        else
            err[0] = '\0';
        return CONF_UNKNOWN_KEY;
    }
    if (d->flags & OPT_CLI_ONLY) {
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

int settings_load(AppOptions *o, int argc, char **argv, const SettingsEnv *env, ConfFileList *files,
                  char *err, size_t errlen)
{
    options_default(o);
    files->count = 0;
    const char *cli = conf_file_cli_path(argc, argv);
    if (conf_file_find(cli, env->system_path, env->xdg_config_home, env->home, files, err,
                       errlen) != 0)
        return -1;
    for (int i = 0; i < files->count; i++) {
        o->source = OPT_SRC_FILE1 + i;
        if (conf_file_load(files->paths[i], settings_file_set, o, err, errlen) != 0)
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

void settings_describe(const AppOptions *o, const ConfFileList *files, char *buf, size_t len)
{
    AppOptions *d = malloc(sizeof(*d));
    char now[OPT_PATH_MAX + 64], was[OPT_PATH_MAX + 64], t[OPT_PATH_MAX + 128];
    size_t count = 0;
    const OptionDef *table = options_table(&count);

    snprintf(buf, len, "files ");
    if (files->count == 0)
        add(buf, len, "%s", "(none)");
    for (int i = 0; i < files->count; i++)
        add(buf, len, "%s", files->paths[i]);
    size_t n = strlen(buf);
    snprintf(buf + n, len - n, "; ");
    if (d == NULL)
        return;
    options_default(d);

    /* Every setting a file may hold that differs from its default; options
     * sharing a field (log-level, verbose) once. */
    for (size_t i = 0; i < count; i++) {
        const OptionDef *row = &table[i];
        bool seen = false;
        for (size_t j = 0; j < i; j++)
            seen |= table[j].fields[0].offset == row->fields[0].offset;
        if (seen || (row->flags & OPT_CLI_ONLY))
            continue;
        options_format(o, row, now, sizeof(now));
        options_format(d, row, was, sizeof(was));
        if (!(row->flags & OPT_LOG_ALWAYS) && strcmp(now, was) == 0) {
            continue;
        } else if (row->flags & OPT_SECRET) {
            snprintf(t, sizeof(t), "%s (not shown)", row->name);
        } else if (row->flags & OPT_URL) {
            feed_source_redact(now, was, sizeof(was));
            snprintf(t, sizeof(t), "%s %s", row->name, was);
        } else {
            snprintf(t, sizeof(t), "%s %s", row->name, now);
        }
        add(buf, len, "%s", t);
    }
    free(d);
    bool token = false;
    for (int i = 0; i < o->n_headers; i++)
        token |= strncmp(o->headers[i], "Authorization: Bearer ", 22) == 0;
    if (token)
        add(buf, len, "%s",
            o->token_file[0] ? "token from the token file" : "token from $" OPT_TOKEN_ENV);
}

/* The OPT_RESTART rows that differ, comma-separated into buf; with keep,
 * their old values are copied into it. */
static void restart_rows(const AppOptions *old, const AppOptions *now, AppOptions *keep, char *buf,
                         size_t len)
{
    size_t count = 0;
    const OptionDef *table = options_table(&count);
    buf[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (!(table[i].flags & OPT_RESTART) || !options_differ(old, now, &table[i]))
            continue;
        add(buf, len, "%s", table[i].name);
        if (keep != NULL)
            options_copy_fields(keep, old, &table[i]);
    }
}

void settings_restart_needed(const AppOptions *old, const AppOptions *now, char *buf, size_t len)
{
    restart_rows(old, now, NULL, buf, len);
}

void settings_keep_restart(const AppOptions *running, AppOptions *next, char *buf, size_t len)
{
    restart_rows(running, next, next, buf, len);
}
