/*
 * conf_file: the okr-kiosk configuration file, a plain "key = value" format.
 *
 *   # comment            blank lines and lines starting with # are ignored
 *   feed = https://okr.example.com/feed.json
 *   rotate = 20          whitespace around key and value is trimmed
 *   title = "Team A # 1" quotes ('...' or "...") keep # and outer spaces
 *   schedule = mon-fri 07:30-19:00   a key may repeat; the setter decides
 *                                    whether that appends or overrides
 *
 * A UTF-8 byte order mark at the start (Notepad writes one) is skipped.
 * A " #" after an unquoted value starts a comment, so URL fragments
 * ("...feed.json#x") survive. Keys are the long command-line options without
 * the dashes. The parser knows no keys itself: it hands each pair to a setter
 * callback, so the options struct stays in one place (app/options.c) and the
 * file and the command line cannot drift apart.
 *
 * Precedence, lowest first: /etc/okr-kiosk.conf, then
 * $XDG_CONFIG_HOME/okr-kiosk/config (or ~/.config/okr-kiosk/config), each
 * overriding the one before; `--config PATH` replaces both; the command line
 * overrides every file. So a caller does:
 *     conf_file_find(conf_file_cli_path(argc, argv), ...)  -> list of files
 *     conf_file_load() for each file, in order            -> defaults + files
 *     parse argv                                          -> overrides
 *
 * Secrets (the feed's bearer token) come from a file or an environment
 * variable through conf_secret_*; they are never part of an error message.
 */
#ifndef OKR_CONF_FILE_H
#define OKR_CONF_FILE_H

#include <stddef.h>

#define CONF_SYSTEM_PATH "/etc/okr-kiosk.conf"
#define CONF_USER_SUBPATH "okr-kiosk/config"
#define CONF_TOKEN_ENV "OKR_KIOSK_TOKEN"
#define CONF_MAX_FILES 2
#define CONF_PATH_MAX 1024
#define CONF_LINE_MAX 4096
#define CONF_FILE_MAX (1024 * 1024)
#define CONF_SECRET_MAX 4096

/* What a setter returns. On CONF_BAD_VALUE the setter may write a short
 * reason into err ("expected seconds, 0 = off"); the parser prefixes it with
 * "file:line: bad value for 'key': ". */
enum { CONF_OK = 0, CONF_UNKNOWN_KEY = 1, CONF_BAD_VALUE = 2 };

typedef int (*ConfSetFn)(void *ud, const char *key, const char *value, char *err, size_t errlen);

/* Parses the text of one file. name is used in messages ("name:line: ...").
 * Stops at the first error, returns 0 on success and -1 on error with a
 * message in err. The setter sees NUL-terminated, trimmed, unquoted strings
 * that live only for the duration of the call. */
int conf_file_parse_string(const char *text, const char *name, ConfSetFn set, void *ud, char *err,
                           size_t errlen);

/* Reads path (at most CONF_FILE_MAX bytes) and parses it. */
int conf_file_load(const char *path, ConfSetFn set, void *ud, char *err, size_t errlen);

typedef struct ConfFileList {
    int count;
    char paths[CONF_MAX_FILES][CONF_PATH_MAX];
} ConfFileList;

/* Lists the files to load, in order (later overrides earlier).
 * cli_path: the --config argument or NULL. When given it is the only file and
 * must exist (error otherwise). When NULL: system_path if it exists, then the
 * user file under xdg_config_home (or home/.config when xdg_config_home is NULL
 * or empty; skipped when both are unset) if it exists. No file at all is not
 * an error. Returns 0 or -1 with a message in err. */
int conf_file_find(const char *cli_path, const char *system_path, const char *xdg_config_home,
                   const char *home, ConfFileList *out, char *err, size_t errlen);

/* conf_file_find with CONF_SYSTEM_PATH, $XDG_CONFIG_HOME and $HOME. */
int conf_file_find_default(const char *cli_path, ConfFileList *out, char *err, size_t errlen);

/* Loads every file of the list in order. Returns 0 or -1 (first error). */
int conf_file_load_all(const ConfFileList *list, ConfSetFn set, void *ud, char *err, size_t errlen);

/* Finds "--config PATH" or "--config=PATH" in argv (the last one wins).
 * Returns a pointer into argv or NULL. Stops at "--". */
const char *conf_file_cli_path(int argc, char *const argv[]);

/* The known key closest to key (edit distance <= 2), for "did you mean"
 * hints; NULL when nothing is close. */
const char *conf_file_suggest(const char *key, const char *const *known, size_t count);

/* Value helpers for setters. Each returns 0 on success, -1 otherwise. */
int conf_parse_bool(const char *value, int *out); /* yes/no true/false on/off 1/0 */
int conf_parse_long(const char *value, long min, long max, long *out);
int conf_parse_size(const char *value, int *w, int *h); /* "1920x1080" */

/* Reads a secret from path into out: the first line, without a leading
 * UTF-8 byte order mark, CR/LF and blanks on either side. Fails on a missing,
 * empty or too long secret, and when the first line is empty (the error says
 * which). When the file
 * can be read by group or others, a warning naming the file (never the
 * secret) is written to warn (else warn is set to ""). 0 or -1 + err. */
int conf_secret_from_file(const char *path, char *out, size_t outlen, char *warn, size_t warnlen,
                          char *err, size_t errlen);

/* Copies the environment variable name into out. 0, or -1 when unset/empty
 * or too long (err says which, without the value). */
int conf_secret_from_env(const char *name, char *out, size_t outlen, char *err, size_t errlen);

/* The token for the feed: from file when file is non-NULL and non-empty,
 * else from the environment variable env_name (CONF_TOKEN_ENV if NULL).
 * Returns 1 when a token was loaded, 0 when none is configured (no file, env
 * unset), -1 on error. */
int conf_secret_load(const char *file, const char *env_name, char *out, size_t outlen, char *warn,
                     size_t warnlen, char *err, size_t errlen);

/* Overwrites a secret buffer so it does not linger in memory. */
void conf_secret_wipe(char *buf, size_t len);

#endif
