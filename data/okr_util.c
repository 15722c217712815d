/*
 * okr_util: FNV-1a, UTF-8 boundaries, text cleaning, calendar days and
 * mkdir -p (see okr_util.h).
 */
#include "okr_util.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char ELLIPSIS[] = "\xE2\x80\xA6";    /* U+2026 */
static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

uint64_t okr_hash64_more(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

uint64_t okr_hash64(const void *data, size_t len)
{
    return okr_hash64_more(OKR_HASH64_INIT, data, len);
}

uint32_t okr_hash32_more(uint32_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        h ^= *p;
        h *= UINT32_C(16777619);
    }
    return h;
}

size_t okr_utf8_valid_len(const unsigned char *s)
{
    /* each test below stops at the first byte that is not a continuation
     * byte, so the NUL ends a sequence before the (unbounded) n would */
    return okr_utf8_valid_len_n(s, SIZE_MAX);
}

size_t okr_utf8_valid_len_n(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return n >= 3 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return n >= 4 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

size_t okr_text_clean(const char *src, size_t len, char *dst, size_t max, bool crlf_one_space,
                      OkrTextFlags *flags)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t n = 0, keep = 0, i = 0; /* keep: last boundary that leaves room for "…" */
    size_t room = max >= sizeof ELLIPSIS - 1 ? max - (sizeof ELLIPSIS - 1) : 0;
    while (i < len) {
        if (s[i] >= 0x20 && s[i] < 0x7F && n < max) { /* plain ASCII */
            dst[n++] = (char)s[i++];
            if (n <= room)
                keep = n;
            continue;
        }
        const char *piece = (const char *)s + i;
        size_t step = 1, plen = 1;
        if (s[i] < 0x20 || s[i] == 0x7F) {
            piece = " ";
            if (crlf_one_space && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
                step = 2;
        } else if (s[i] >= 0x80) {
            step = plen = okr_utf8_valid_len_n(s + i, len - i);
            if (step == 0) {
                flags->invalid = true;
                piece = REPLACEMENT;
                plen = sizeof REPLACEMENT - 1;
                step = 1;
            }
        }
        if (n + plen > max) {
            flags->cut = true;
            n = keep;
            if (max >= sizeof ELLIPSIS - 1) {
                memcpy(dst + n, ELLIPSIS, sizeof ELLIPSIS - 1);
                n += sizeof ELLIPSIS - 1;
            }
            break;
        }
        memcpy(dst + n, piece, plen);
        n += plen;
        if (n <= room)
            keep = n;
        i += step;
    }
    dst[n] = '\0';
    return n;
}

size_t okr_utf8_cut(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    if (n < max)
        return n;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

size_t okr_utf8_copy(char *dst, size_t dstlen, const char *src)
{
    size_t n = okr_utf8_cut(src, dstlen - 1);
    memmove(dst, src, n);
    dst[n] = '\0';
    return n;
}

size_t okr_utf8_copy_short(char *dst, size_t dstlen, const char *src, size_t max)
{
    size_t len = strlen(src), el = sizeof ELLIPSIS - 1;
    if (len <= max || max < el + 1) {
        size_t n = okr_utf8_cut(src, len < max ? len : max);
        if (n >= dstlen)
            n = okr_utf8_cut(src, dstlen - 1);
        memmove(dst, src, n);
        dst[n] = '\0';
        return n;
    }
    size_t n = okr_utf8_cut(src, max - el);
    if (n + el >= dstlen)
        n = dstlen > el ? okr_utf8_cut(src, dstlen - 1 - el) : 0;
    memmove(dst, src, n);
    if (n + el < dstlen) {
        memcpy(dst + n, ELLIPSIS, el);
        n += el;
    }
    dst[n] = '\0';
    return n;
}

void okr_utf8_drop_partial(char *s)
{
    size_t n = strlen(s), lead = n;
    while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return;
    unsigned char c = (unsigned char)s[lead - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (lead - 1) < need)
        s[lead - 1] = '\0';
}

int64_t okr_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int okr_days_in_month(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

int okr_make_parent_dirs(const char *path)
{
    char dir[PATH_MAX];
    int n = snprintf(dir, sizeof(dir), "%s", path);
    if (n < 0 || (size_t)n >= sizeof(dir)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

void okr_read_first_line(const char *path, char *out, size_t len)
{
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    if (fgets(out, (int)len, f) != NULL)
        out[strcspn(out, "\n")] = '\0';
    fclose(f);
}

void *okr_grow(void *items, size_t *cap, size_t count, size_t size, size_t first)
{
    if (count < *cap)
        return items;
    size_t n = *cap ? *cap * 2 : first;
    void *grown = realloc(items, n * size);
    if (grown != NULL)
        *cap = n;
    return grown;
}

int okr_thread_start(pthread_t *thread, bool *running, int stop[2], void *(*run)(void *), void *arg,
                     char *err, size_t errlen)
{
    *running = false;
    if (pipe(stop) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    if (pthread_create(thread, NULL, run, arg) != 0) {
        snprintf(err, errlen, "cannot start a thread");
        return -1;
    }
    *running = true;
    return 0;
}

void okr_thread_stop(pthread_t thread, bool running, int stop[2])
{
    if (running) {
        ssize_t n = write(stop[1], "q", 1);
        (void)n;
        pthread_join(thread, NULL);
    }
    for (int i = 0; i < 2; i++) {
        if (stop[i] >= 0)
            close(stop[i]);
        stop[i] = -1;
    }
}
