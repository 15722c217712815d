/*
 * feed_file: the local-file side of a feed source (internal to data/).
 *
 * Reading: a whole regular file, at most the body limit, refusing
 * directories, devices and FIFOs with a reason a person can act on.
 *
 * Watching: inotify on the file's DIRECTORY, filtered by the file's name, so
 * that writing in place, truncating, renaming a temporary file over it and
 * deleting then recreating it are all seen (a watch on the file itself would
 * die with the old inode). With a watch the worker sleeps until an event
 * comes, or FEED_FILE_SAFETY_S for a stat as a safety net. Where inotify is
 * missing, the directory cannot be watched, or it lies on a network or FUSE
 * file system (changes made on another machine raise no event here), the
 * source polls mtime + size + inode every FEED_FILE_POLL_S seconds instead.
 */
#ifndef FEED_FILE_H
#define FEED_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define FEED_FILE_POLL_S 2.0
/* With a working inotify watch: a stat this often, as a safety net. */
#define FEED_FILE_SAFETY_S 10.0
/* Quiet time after the last change event before the file is read, so a
 * writer in progress is not read mid-write. */
#define FEED_FILE_DEBOUNCE_MS 150
/* A writer that never stops: read anyway this long after the first event. */
#define FEED_FILE_DEBOUNCE_MAX_MS 1000

/* Test hook: when true, new watches skip inotify and use polling. */
extern bool feed_file_force_polling;

typedef struct {
    int ifd;     /* inotify descriptor, -1 when polling */
    bool remote; /* on a network or FUSE file system: poll next to inotify */
    char *path;  /* as given */
    char *name;  /* last path component, matched against events */
    /* last seen state, for polling and to tell real changes apart */
    bool exists;
    dev_t dev;
    ino_t ino;
    off_t size;
    int64_t mtime_ns;
    mode_t mode;
} FeedFileWatch;

/* Returns 0, or -1 on allocation failure. Falls back to polling by itself. */
int feed_file_watch_init(FeedFileWatch *w, const char *path);
void feed_file_watch_close(FeedFileWatch *w);
/* Whether the file must be stat'ed every FEED_FILE_POLL_S seconds: no
 * inotify watch, or one that cannot see every change (remote). */
bool feed_file_watch_needs_polling(const FeedFileWatch *w);
/* Whether a file system of this statfs() f_type can change without inotify
 * events here (NFS, SMB/CIFS, FUSE, 9P, Ceph, AFS, Coda). */
bool feed_file_fs_is_remote(long f_type);

/* Reads pending inotify events; true when one concerns the feed file. */
bool feed_file_watch_drain(FeedFileWatch *w);
/* Stats the file; true when it differs from the last recorded state (and
 * records the new one). */
bool feed_file_watch_changed(FeedFileWatch *w);

/* Reads path into a malloc'd, NUL-terminated buffer. Returns 0, or -1 with a
 * short reason ("file not found", "not a regular file (a directory)",
 * "permission denied", "feed larger than 8 MiB"); errno is then the cause
 * when opening failed (ENOENT, EACCES, ...), else 0. */
int feed_file_read(const char *path, size_t max, char **body, size_t *len, char *reason,
                   size_t reasonlen);

/* "feed larger than 8 MiB" (or "... than N bytes" when not whole MiB). */
void feed_too_big_reason(char *out, size_t outlen, size_t max);

#endif
