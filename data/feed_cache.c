/*
 * feed_cache: on-disk copy of the last good body of a URL feed.
 *
 * The format and the atomic write are described in feed_cache.h. The header
 * carries the body's length and hash, which is how a cache cut short by a
 * full disk or edited by hand is told apart from a good one.
 */
#include "feed_cache.h"
#include "feed_file.h"
#include "okr_util.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "okr-kiosk-cache 1"
#define CACHE_HEADER_MAX 128

bool feed_cache_path(const char *cache_dir, const char *location, char *out, size_t outlen)
{
    char dir[PATH_MAX];
    int n;

    if (cache_dir && cache_dir[0] == '\0')
        return false;
    if (cache_dir) {
        n = snprintf(dir, sizeof(dir), "%s", cache_dir);
    } else {
        const char *xdg = getenv("XDG_CACHE_HOME");
        const char *home = getenv("HOME");
        if (xdg && xdg[0] == '/')
            n = snprintf(dir, sizeof(dir), "%s/okr-kiosk", xdg);
        else if (home && home[0])
            n = snprintf(dir, sizeof(dir), "%s/.cache/okr-kiosk", home);
        else
            return false;
    }
    if (n < 0 || (size_t)n >= sizeof(dir))
        return false;
    n = snprintf(out, outlen, "%s/feed-%016" PRIx64 ".cache", dir,
                 okr_hash64(location, strlen(location)));
    return n > 0 && (size_t)n < outlen;
}

char *feed_cache_load(const char *path, size_t max, size_t *len, int64_t *fetched_at)
{
    char *raw = NULL;
    char *body = NULL;
    size_t raw_len = 0;
    char reason[160];
    long long at = 0;
    unsigned long long body_len = 0, hash = 0;
    int hdr_len = 0;

    *len = 0;
    if (feed_file_read(path, max + CACHE_HEADER_MAX, &raw, &raw_len, reason, sizeof(reason)) != 0)
        goto cleanup; /* missing, unreadable or too big: nothing to show */
    if (sscanf(raw, CACHE_MAGIC " %lld %llu %llx\n%n", &at, &body_len, &hash, &hdr_len) != 3 ||
        hdr_len <= 0 || hdr_len > CACHE_HEADER_MAX || raw[hdr_len - 1] != '\n' ||
        (unsigned long long)(raw_len - (size_t)hdr_len) != body_len || body_len > max ||
        okr_hash64(raw + hdr_len, (size_t)body_len) != (uint64_t)hash) {
        unlink(path); /* corrupt: never try it again */
        goto cleanup;
    }
    body = malloc((size_t)body_len + 1);
    if (!body)
        goto cleanup;
    memcpy(body, raw + hdr_len, (size_t)body_len);
    body[body_len] = '\0';
    *len = (size_t)body_len;
    *fetched_at = (int64_t)at;

cleanup:
    free(raw);
    return body;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int feed_cache_store(const char *path, const char *data, size_t len, int64_t fetched_at)
{
    char tmp[PATH_MAX];
    char header[CACHE_HEADER_MAX];
    int fd = -1;
    int rc = -1;
    int saved = 0;

    int n = snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof(tmp)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (okr_make_parent_dirs(path) != 0)
        return -1;
    fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    int hl = snprintf(header, sizeof(header), CACHE_MAGIC " %lld %zu %016" PRIx64 "\n",
                      (long long)fetched_at, len, okr_hash64(data, len));
    if (write_all(fd, header, (size_t)hl) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0)
        goto cleanup;
    if (close(fd) != 0) {
        fd = -1;
        goto cleanup;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto cleanup;
    rc = 0;

cleanup:
    saved = errno;
    if (fd >= 0)
        close(fd);
    if (rc != 0)
        unlink(tmp);
    errno = saved;
    return rc;
}
