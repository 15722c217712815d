/*
 * conf_file: reads okr-kiosk's "key = value" configuration files and secrets.
 *
 * The parser is deliberately small: one pass over the text, a line at a time,
 * with every error naming file, line and key so that a typo on a wall display
 * behind a TV is found from the journal alone. It knows no keys; the setter
 * callback owns their meaning (see conf_file.h for the format and the order
 * in which files are read).
 */
#include "conf_file.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static void set_err(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    if (err && errlen)
        snprintf(err, errlen, fmt, a ? a : "", b ? b : "");
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Splits "key = value  # comment" in place. Returns 0, or -1 with a reason. */
static int split_line(char *line, char **key, char **value, const char **why)
{
    char *eq = strchr(line, '=');
    if (!eq) {
        *why = "expected 'key = value'";
        return -1;
    }
    *eq = '\0';
    *key = trim(line);
    if (**key == '\0') {
        *why = "missing key before '='";
        return -1;
    }
    for (const char *k = *key; *k; k++) {
        if (!isalnum((unsigned char)*k) && *k != '-' && *k != '_') {
            *why = "a key holds only letters, digits, '-' and '_'";
            return -1;
        }
    }
    char *v = trim(eq + 1);
    if (*v == '"' || *v == '\'') {
        char q = *v;
        char *end = strchr(v + 1, q);
        if (!end) {
            *why = "unterminated quote";
            return -1;
        }
        *end = '\0';
        char *rest = trim(end + 1);
        if (*rest != '\0' && *rest != '#') {
            *why = "text after the closing quote";
            return -1;
        }
        *value = v + 1;
        return 0;
    }
    /* Unquoted: " #" or "\t#" starts a comment. */
    for (char *p = v; *p; p++) {
        if (*p == '#' && p > v && (p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    }
    *value = trim(v);
    return 0;
}

int conf_file_parse_string(const char *text, const char *name, ConfSetFn set, void *ud, char *err,
                           size_t errlen)
{
    char line[CONF_LINE_MAX + 2];
    int lineno = 0;
    const char *p = text;
    char where[CONF_PATH_MAX + 32];

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        lineno++;
        snprintf(where, sizeof where, "%s:%d", name, lineno);
        if (len > CONF_LINE_MAX) {
            set_err(err, errlen, "%s: line longer than 4096 bytes%s", where, NULL);
            return -1;
        }
        memcpy(line, p, len);
        line[len] = '\0';
        p = nl ? nl + 1 : p + len;

        /* A byte order mark, as Notepad writes it, starts the first line. */
        char *s = line;
        if (lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        s = trim(s);
        if (*s == '\0' || *s == '#')
            continue;
        char *key, *value;
        const char *why = NULL;
        if (split_line(s, &key, &value, &why) != 0) {
            set_err(err, errlen, "%s: %s", where, why);
            return -1;
        }
        char detail[256] = "";
        int rc = set(ud, key, value, detail, sizeof detail);
        if (rc == CONF_UNKNOWN_KEY) {
            if (err && errlen)
                snprintf(err, errlen, "%s: unknown key '%s'%s%s", where, key, detail[0] ? " " : "",
                         detail);
            return -1;
        }
        if (rc != CONF_OK) {
            if (err && errlen)
                snprintf(err, errlen, "%s: bad value for '%s'%s%s", where, key,
                         detail[0] ? ": " : "", detail);
            return -1;
        }
    }
    return 0;
}

int conf_file_load(const char *path, ConfSetFn set, void *ud, char *err, size_t errlen)
{
    int rc = -1;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        set_err(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        goto done;
    }
    buf = malloc(CONF_FILE_MAX + 1);
    if (!buf) {
        set_err(err, errlen, "%s: out of memory%s", path, NULL);
        goto done;
    }
    size_t n = fread(buf, 1, CONF_FILE_MAX + 1, f);
    if (ferror(f)) {
        set_err(err, errlen, "%s: read error: %s", path, strerror(errno));
        goto done;
    }
    if (n > CONF_FILE_MAX) {
        set_err(err, errlen, "%s: larger than 1 MiB, not a configuration file%s", path, NULL);
        goto done;
    }
    if (memchr(buf, '\0', n)) {
        set_err(err, errlen, "%s: contains NUL bytes, not a text file%s", path, NULL);
        goto done;
    }
    buf[n] = '\0';
    rc = conf_file_parse_string(buf, path, set, ud, err, errlen);
done:
    free(buf);
    if (f)
        fclose(f);
    return rc;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int add_path(ConfFileList *out, const char *path, char *err, size_t errlen)
{
    int n = snprintf(out->paths[out->count], CONF_PATH_MAX, "%s", path);
    if (n < 0 || n >= CONF_PATH_MAX) {
        set_err(err, errlen, "configuration path too long: %.80s...%s", path, NULL);
        return -1;
    }
    out->count++;
    return 0;
}

int conf_file_find(const char *cli_path, const char *system_path, const char *xdg_config_home,
                   const char *home, ConfFileList *out, char *err, size_t errlen)
{
    out->count = 0;
    if (cli_path) {
        struct stat st;
        if (stat(cli_path, &st) == 0 && S_ISDIR(st.st_mode)) {
            set_err(err, errlen,
                    "%s is a directory: --config wants a configuration file, "
                    "e.g. %s/okr-kiosk.conf",
                    cli_path, cli_path);
            return -1;
        }
        if (!file_exists(cli_path)) {
            set_err(err, errlen, "%s: configuration file not found (--config)%s", cli_path, NULL);
            return -1;
        }
        return add_path(out, cli_path, err, errlen);
    }
    if (system_path && file_exists(system_path) && add_path(out, system_path, err, errlen) != 0)
        return -1;

    char user[CONF_PATH_MAX];
    int n = -1;
    if (xdg_config_home && xdg_config_home[0] == '/')
        n = snprintf(user, sizeof user, "%s/%s", xdg_config_home, CONF_USER_SUBPATH);
    else if (home && home[0])
        n = snprintf(user, sizeof user, "%s/.config/%s", home, CONF_USER_SUBPATH);
    if (n > 0 && n < (int)sizeof user && file_exists(user) && add_path(out, user, err, errlen) != 0)
        return -1;
    return 0;
}

int conf_file_find_default(const char *cli_path, ConfFileList *out, char *err, size_t errlen)
{
    return conf_file_find(cli_path, CONF_SYSTEM_PATH, getenv("XDG_CONFIG_HOME"), getenv("HOME"),
                          out, err, errlen);
}

int conf_file_load_all(const ConfFileList *list, ConfSetFn set, void *ud, char *err, size_t errlen)
{
    for (int i = 0; i < list->count; i++) {
        if (conf_file_load(list->paths[i], set, ud, err, errlen) != 0)
            return -1;
    }
    return 0;
}

const char *conf_file_cli_path(int argc, char *const argv[])
{
    const char *found = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            found = argv[++i];
        else if (strncmp(argv[i], "--config=", 9) == 0)
            found = argv[i] + 9;
    }
    return found;
}

/* Levenshtein distance, capped: keys are short. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return SIZE_MAX;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *conf_file_suggest(const char *key, const char *const *known, size_t count)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < count; i++) {
        size_t d = edit_distance(key, known[i]);
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
    }
    return best;
}

int conf_parse_bool(const char *value, int *out)
{
    static const char *const yes[] = {"1", "yes", "true", "on"};
    static const char *const no[] = {"0", "no", "false", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(value, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(value, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

int conf_parse_long(const char *value, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (end == value || *end != '\0' || errno == ERANGE || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int conf_parse_size(const char *value, int *w, int *h)
{
    char *end;
    errno = 0;
    long a = strtol(value, &end, 10);
    if (end == value || (*end != 'x' && *end != 'X') || errno || a < 1 || a > 16384)
        return -1;
    const char *p = end + 1;
    long b = strtol(p, &end, 10);
    if (end == p || *end != '\0' || errno || b < 1 || b > 16384)
        return -1;
    *w = (int)a;
    *h = (int)b;
    return 0;
}

int conf_secret_from_file(const char *path, char *out, size_t outlen, char *warn, size_t warnlen,
                          char *err, size_t errlen)
{
    int rc = -1;
    char buf[CONF_SECRET_MAX + 2];
    if (warn && warnlen)
        warn[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_err(err, errlen, "token file %s: %s", path, strerror(errno));
        goto done;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        set_err(err, errlen, "token file %s: not a regular file%s", path, NULL);
        goto done;
    }
    if ((st.st_mode & (S_IRGRP | S_IROTH)) && warn && warnlen)
        snprintf(warn, warnlen,
                 "token file %s can be read by other users (mode %03o); "
                 "chmod 600 it and chown it to the service user",
                 path, (unsigned)(st.st_mode & 0777));
    size_t n = 0;
    while (n < sizeof buf - 1) {
        ssize_t r = read(fd, buf + n, sizeof buf - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            set_err(err, errlen, "token file %s: %s", path, strerror(errno));
            goto done;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    /* A byte order mark (Notepad) and blanks on either side are not part
     * of the token: an HTTP header cannot carry them anyway. */
    char *tok = buf;
    if (n >= 3 && memcmp(tok, "\xEF\xBB\xBF", 3) == 0)
        tok += 3;
    char *nl = strchr(tok, '\n');
    if (nl)
        *nl = '\0';
    else if (n > CONF_SECRET_MAX) {
        set_err(err, errlen, "token file %s: longer than 4096 bytes%s", path, NULL);
        goto done;
    }
    tok += strspn(tok, " \t");
    size_t len = strlen(tok);
    while (len && (tok[len - 1] == '\r' || tok[len - 1] == ' ' || tok[len - 1] == '\t'))
        tok[--len] = '\0';
    if (len == 0) {
        bool more = nl != NULL && nl[1 + strspn(nl + 1, " \t\r\n")] != '\0';
        if (more)
            set_err(err, errlen,
                    "token file %s: the first line is empty, but the token must be on "
                    "the first line%s",
                    path, NULL);
        else
            set_err(err, errlen, "token file %s is empty: write the token on its first line%s",
                    path, NULL);
        goto done;
    }
    if (len + 1 > outlen) {
        set_err(err, errlen, "token file %s: token too long%s", path, NULL);
        goto done;
    }
    memmove(out, tok, len + 1);
    rc = 0;
done:
    conf_secret_wipe(buf, sizeof buf);
    if (fd >= 0)
        close(fd);
    return rc;
}

int conf_secret_from_env(const char *name, char *out, size_t outlen, char *err, size_t errlen)
{
    const char *v = getenv(name);
    if (!v || !v[0]) {
        set_err(err, errlen, "environment variable %s is not set%s", name, NULL);
        return -1;
    }
    size_t len = strlen(v);
    if (len + 1 > outlen) {
        set_err(err, errlen, "environment variable %s: token too long%s", name, NULL);
        return -1;
    }
    memcpy(out, v, len + 1);
    return 0;
}

int conf_secret_load(const char *file, const char *env_name, char *out, size_t outlen, char *warn,
                     size_t warnlen, char *err, size_t errlen)
{
    if (warn && warnlen)
        warn[0] = '\0';
    if (file && file[0])
        return conf_secret_from_file(file, out, outlen, warn, warnlen, err, errlen) == 0 ? 1 : -1;
    const char *name = env_name ? env_name : CONF_TOKEN_ENV;
    const char *v = getenv(name);
    if (!v || !v[0])
        return 0;
    return conf_secret_from_env(name, out, outlen, err, errlen) == 0 ? 1 : -1;
}

void conf_secret_wipe(char *buf, size_t len)
{
    volatile char *p = buf;
    while (len--)
        *p++ = 0;
}
