/*
 * settings: where AppOptions come from, in order of precedence (lowest
 * first): the defaults, /etc/okr-kiosk.conf, $XDG_CONFIG_HOME/okr-kiosk/config
 * (or ~/.config/...), or instead of both the file named by --config, then the
 * command line; finally the token from --token-file or $OKR_KIOSK_TOKEN.
 *
 * The same function runs at start and on SIGHUP, so a reload reads exactly
 * what a restart would. The environment is a parameter so tests point it at
 * temporary files instead of /etc.
 */
#ifndef APP_SETTINGS_H
#define APP_SETTINGS_H

#include <stddef.h>

#include "conf_file.h"
#include "options.h"

typedef struct {
    const char *system_path;     /* CONF_SYSTEM_PATH; NULL: none */
    const char *xdg_config_home; /* $XDG_CONFIG_HOME or NULL */
    const char *home;            /* $HOME or NULL */
    const char *token_env;       /* the value of $OKR_KIOSK_TOKEN or NULL */
} SettingsEnv;

/* The process environment. */
SettingsEnv settings_env_default(void);

/*
 * Fills o from scratch (options_default first). files receives the
 * configuration files read, in order. Returns 0, or -1 with a message in err
 * ("file:line: unknown key 'rotat' (did you mean 'rotate'?)", or a command
 * line error); the caller exits 2 (or keeps the old settings on reload).
 */
int settings_load(AppOptions *o, int argc, char **argv, const SettingsEnv *env, ConfFileList *files,
                  char *err, size_t errlen);

/* The config file setter (a ConfSetFn whose ud is the AppOptions): the key
 * must be a row of the options table that a file may set. */
int settings_file_set(void *ud, const char *key, const char *value, char *err, size_t errlen);

/*
 * One log line's worth: the files read, the feed, and every setting a file
 * may hold that differs from its default, as the option would be written,
 * e.g. "files /etc/okr-kiosk.conf; feed https://host/feed.json, poll 120,
 * lang de, schedule mon-fri 07:30-19:00, header (not shown), token from the
 * token file". Never a header value or the token; the feed URL without user,
 * password or query.
 */
void settings_describe(const AppOptions *o, const ConfFileList *files, char *buf, size_t len);

/* Settings whose change needs a restart of the process (the OPT_RESTART rows
 * of the options table: window, renderer, fonts): the names of those that
 * differ, comma-separated, into buf ("" when none differ). */
void settings_restart_needed(const AppOptions *old, const AppOptions *now, char *buf, size_t len);

/* For a reload: settings_restart_needed(), and those settings keep their
 * running value in next, so applying next changes everything else. */
void settings_keep_restart(const AppOptions *running, AppOptions *next, char *buf, size_t len);

#endif
