/*
 * feed_file: reads a local feed file safely and notices when it changes.
 *
 * The read opens with O_NONBLOCK so a FIFO in place of the feed cannot block
 * the worker, checks fstat() for a regular file and its size against the body
 * limit before reading a byte (a 2 GB sparse file is refused at once), and
 * still stops at the limit while reading in case the file grows meanwhile.
 *
 * See feed_file.h for why the directory, not the file, is watched.
 */
#include "feed_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

bool feed_file_force_polling = false;

void feed_too_big_reason(char *out, size_t outlen, size_t max)
{
    const size_t mib = 1024u * 1024u;
    if (max >= mib && max % mib == 0)
        snprintf(out, outlen, "feed larger than %zu MiB", max / mib);
    else
        snprintf(out, outlen, "feed larger than %zu bytes", max);
}

static const char *file_type_name(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    return "something else";
}

static void errno_reason(int err, char *reason, size_t reasonlen)
{
    switch (err) {
    case ENOENT:
    case ENOTDIR:
        snprintf(reason, reasonlen, "file not found");
        break;
    case EACCES:
    case EPERM:
        snprintf(reason, reasonlen, "permission denied");
        break;
    default:
        snprintf(reason, reasonlen, "cannot read file: %s", strerror(err));
        break;
    }
}

int feed_file_read(const char *path, size_t max, char **body, size_t *len, char *reason,
                   size_t reasonlen)
{
    int rc = -1;
    int fd = -1;
    int cause = 0;
    char *buf = NULL;
    size_t used = 0;
    struct stat st;

    *body = NULL;
    *len = 0;
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        cause = errno;
        errno_reason(cause, reason, reasonlen);
        goto cleanup;
    }
    if (fstat(fd, &st) != 0) {
        cause = errno;
        errno_reason(cause, reason, reasonlen);
        goto cleanup;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(reason, reasonlen, "not a regular file (%s)", file_type_name(st.st_mode));
        goto cleanup;
    }
    if ((uintmax_t)st.st_size > (uintmax_t)max) {
        feed_too_big_reason(reason, reasonlen, max);
        goto cleanup;
    }
    /* One byte more than the limit tells "grew past it" from "exactly it". */
    size_t cap = (size_t)st.st_size + 1 + 4096;
    if (cap > max + 2)
        cap = max + 2;
    buf = malloc(cap);
    if (!buf) {
        snprintf(reason, reasonlen, "out of memory");
        goto cleanup;
    }
    for (;;) {
        if (used + 1 >= cap) {
            if (cap >= max + 2)
                break;
            size_t ncap = cap * 2 > max + 2 ? max + 2 : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                snprintf(reason, reasonlen, "out of memory");
                goto cleanup;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t n = read(fd, buf + used, cap - 1 - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            errno_reason(errno, reason, reasonlen);
            goto cleanup;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    if (used > max) {
        feed_too_big_reason(reason, reasonlen, max);
        goto cleanup;
    }
    buf[used] = '\0';
    *body = buf;
    *len = used;
    buf = NULL;
    rc = 0;

cleanup:
    free(buf);
    if (fd >= 0)
        close(fd);
    if (rc != 0)
        errno = cause;
    return rc;
}

/* ---- watching ------------------------------------------------------------- */

#define WATCH_MASK                                                                      \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | \
     IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF)

static void record_stat(FeedFileWatch *w, const struct stat *st)
{
    w->exists = st != NULL;
    if (!st) {
        w->dev = 0;
        w->ino = 0;
        w->size = 0;
        w->mtime_ns = 0;
        w->mode = 0;
        return;
    }
    w->dev = st->st_dev;
    w->ino = st->st_ino;
    w->size = st->st_size;
    w->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    w->mode = st->st_mode;
}

int feed_file_watch_init(FeedFileWatch *w, const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    struct stat st;

    memset(w, 0, sizeof(*w));
    w->ifd = -1;
    w->path = strdup(path);
    w->name = strdup(slash ? slash + 1 : path);
    if (!w->path || !w->name) {
        feed_file_watch_close(w);
        return -1;
    }
    if (!slash)
        snprintf(dir, sizeof(dir), ".");
    else if (slash == path)
        snprintf(dir, sizeof(dir), "/");
    else
        snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);

    record_stat(w, stat(path, &st) == 0 ? &st : NULL);
    if (feed_file_force_polling)
        return 0;
    w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->ifd >= 0 && inotify_add_watch(w->ifd, dir, WATCH_MASK) < 0) {
        close(w->ifd);
        w->ifd = -1;
    }
    struct statfs fs;
    w->remote = statfs(dir, &fs) == 0 && feed_file_fs_is_remote((long)fs.f_type);
    return 0;
}

bool feed_file_fs_is_remote(long f_type)
{
    /* magic numbers from <linux/magic.h> and the file systems' sources */
    static const unsigned long remote[] = {
        0x6969,     /* NFS */
        0x517B,     /* SMB */
        0xFF534D42, /* CIFS */
        0xFE534D42, /* SMB2 */
        0x65735546, /* FUSE (sshfs, rclone, ...) */
        0x01021997, /* 9P */
        0x00C36400, /* Ceph */
        0x5346414F, /* AFS */
        0x6B414653, /* kAFS */
        0x73757245, /* Coda */
    };
    for (size_t i = 0; i < sizeof(remote) / sizeof(remote[0]); i++)
        if ((unsigned long)f_type == remote[i] || (unsigned int)f_type == remote[i])
            return true;
    return false;
}

bool feed_file_watch_needs_polling(const FeedFileWatch *w)
{
    return w->ifd < 0 || w->remote;
}

void feed_file_watch_close(FeedFileWatch *w)
{
    if (w->ifd >= 0)
        close(w->ifd);
    w->ifd = -1;
    free(w->path);
    free(w->name);
    w->path = w->name = NULL;
}

bool feed_file_watch_drain(FeedFileWatch *w)
{
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool hit = false;

    if (w->ifd < 0)
        return false;
    for (;;) {
        ssize_t n = read(w->ifd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_Q_OVERFLOW)) {
                /* The directory itself went away or events were lost: look
                 * anyway; a dead watch is replaced by polling. */
                hit = true;
                if (ev->mask & IN_IGNORED) {
                    close(w->ifd);
                    w->ifd = -1;
                    return true;
                }
            } else if (ev->len > 0 && strcmp(ev->name, w->name) == 0) {
                hit = true;
            }
            p += sizeof(struct inotify_event) + ev->len;
        }
    }
    return hit;
}

bool feed_file_watch_changed(FeedFileWatch *w)
{
    struct stat st;
    FeedFileWatch before = *w;

    record_stat(w, stat(w->path, &st) == 0 ? &st : NULL);
    return before.exists != w->exists || before.dev != w->dev || before.ino != w->ino ||
           before.size != w->size || before.mtime_ns != w->mtime_ns || before.mode != w->mode;
}
