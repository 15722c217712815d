/*
 * fuzz_config: libFuzzer harness for the configuration file reader
 * (app/conf_file.c) and the setters it feeds.
 *
 * Each input is parsed three ways: as a string with a small setter that
 * knows a few keys and checks what the parser promises it (trimmed key of
 * [A-Za-z0-9_-], no newline in key or value); as a string with the kiosk's
 * real setter (options_set, every option and its value checks); and as a file
 * (an in-memory file through /proc/self/fd, so the size and NUL checks run),
 * which is also read as a token file. The value helpers and the "did you
 * mean" suggestion run on every value the setter sees.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "conf_file.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const KNOWN[] = {"feed",  "rotate",   "poll",   "fullscreen", "size",
                                    "title", "schedule", "header", "token-file"};
#define N_KNOWN (sizeof KNOWN / sizeof KNOWN[0])

typedef struct {
    int lines;
    size_t schedule_bytes;
} Seen;

static void check_key(const char *key, const char *value)
{
    if (!key[0])
        abort();
    for (const char *k = key; *k; k++) {
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') ||
              *k == '-' || *k == '_'))
            abort();
    }
    if (strchr(value, '\n'))
        abort();
    size_t n = strlen(value);
    if (n > CONF_LINE_MAX)
        abort();
}

static int small_setter(void *ud, const char *key, const char *value, char *err, size_t errlen)
{
    Seen *seen = ud;
    long l;
    int b, w, h;
    check_key(key, value);
    seen->lines++;
    /* Every helper on every value: none may crash on any text. */
    (void)conf_parse_long(value, -1000000, 1000000, &l);
    (void)conf_parse_bool(value, &b);
    (void)conf_parse_size(value, &w, &h);
    if (strcmp(key, "rotate") == 0 || strcmp(key, "poll") == 0) {
        if (conf_parse_long(value, 0, 86400, &l) != 0) {
            snprintf(err, errlen, "expected seconds, 0 = off");
            return CONF_BAD_VALUE;
        }
        return CONF_OK;
    }
    if (strcmp(key, "fullscreen") == 0)
        return conf_parse_bool(value, &b) == 0 ? CONF_OK : CONF_BAD_VALUE;
    if (strcmp(key, "size") == 0)
        return conf_parse_size(value, &w, &h) == 0 ? CONF_OK : CONF_BAD_VALUE;
    if (strcmp(key, "schedule") == 0) {
        seen->schedule_bytes += strlen(value);
        return CONF_OK;
    }
    for (size_t i = 0; i < N_KNOWN; i++) {
        if (strcmp(key, KNOWN[i]) == 0)
            return CONF_OK;
    }
    const char *hint = conf_file_suggest(key, KNOWN, N_KNOWN);
    if (hint)
        snprintf(err, errlen, "(did you mean '%s'?)", hint);
    return CONF_UNKNOWN_KEY;
}

static int options_setter(void *ud, const char *key, const char *value, char *err, size_t errlen)
{
    AppOptions *o = ud;
    check_key(key, value);
    if (options_set(o, key, value, err, errlen) != 0)
        return CONF_BAD_VALUE;
    return CONF_OK;
}

/* The input as a file that conf_file_load and conf_secret_from_file open by
 * path. Returns the fd (caller closes) or -1. */
static int memfile(const uint8_t *data, size_t size, char *path, size_t pathlen)
{
    int fd = memfd_create("fuzz-conf", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)w;
    }
    snprintf(path, pathlen, "/proc/self/fd/%d", fd);
    return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512], warn[512];
    char *text = malloc(size + 1);
    int fd = -1;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    Seen seen = {0};
    err[0] = '\0';
    if (conf_file_parse_string(text, "fuzz.conf", small_setter, &seen, err, sizeof err) != 0 &&
        !err[0])
        abort(); /* an error always comes with a message */

    AppOptions *opts = malloc(sizeof *opts);
    if (opts) {
        options_default(opts);
        (void)conf_file_parse_string(text, "fuzz.conf", options_setter, opts, err, sizeof err);
        free(opts);
    }

    char path[64];
    fd = memfile(data, size, path, sizeof path);
    if (fd >= 0) {
        Seen again = {0};
        (void)conf_file_load(path, small_setter, &again, err, sizeof err);
        char token[CONF_SECRET_MAX + 1];
        err[0] = '\0';
        if (conf_secret_from_file(path, token, sizeof token, warn, sizeof warn, err, sizeof err) ==
            0) {
            size_t n = strlen(token);
            if (n == 0 || strchr(token, '\n') || token[n - 1] == '\r' || token[n - 1] == ' ')
                abort();
            /* The secret never appears in what the reader reports. */
            if (n >= 8 && (strstr(warn, token) || strstr(err, token)))
                abort();
        }
        conf_secret_wipe(token, sizeof token);
        close(fd);
    }
    free(text);
    return 0;
}
