/*
 * input_watch: a poll() thread over /dev/input/event* that wakes the loop on
 * key presses (see input_watch.h for why). Rescans the directory when inotify
 * reports a change; a device that goes away (POLLHUP/POLLERR, ENODEV) is
 * closed. Stopping writes to a pipe the thread polls too.
 */
#include "input_watch.h"
#include "okr_util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    int fd;
    char name[64];
} Device;

struct InputWatch {
    char dir[256];
    void (*wake)(void *arg);
    void *arg;
    int stop[2];
    int inotify;
    Device dev[INPUT_WATCH_MAX_FDS];
    int n_dev;
    pthread_mutex_t lock;       /* guards n_dev for input_watch_count, and keys */
    int keys[INPUT_WATCH_KEYS]; /* a ring of key codes pressed */
    int key_head, n_keys;
    pthread_t thread;
    bool running;
};

static bool is_open(const InputWatch *w, const char *name)
{
    for (int i = 0; i < w->n_dev; i++)
        if (strcmp(w->dev[i].name, name) == 0)
            return true;
    return false;
}

static void close_device(InputWatch *w, int i)
{
    close(w->dev[i].fd);
    pthread_mutex_lock(&w->lock);
    w->dev[i] = w->dev[w->n_dev - 1];
    w->n_dev--;
    pthread_mutex_unlock(&w->lock);
}

/* Opens every event* not open yet. */
static void scan(InputWatch *w)
{
    DIR *d = opendir(w->dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && w->n_dev < INPUT_WATCH_MAX_FDS) {
        if (strncmp(e->d_name, "event", 5) != 0 || strlen(e->d_name) >= sizeof(w->dev[0].name) ||
            is_open(w, e->d_name))
            continue;
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", w->dir, e->d_name);
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue; /* not readable (no "input" group) or gone */
        pthread_mutex_lock(&w->lock);
        w->dev[w->n_dev].fd = fd;
        memcpy(w->dev[w->n_dev].name, e->d_name, strlen(e->d_name) + 1); /* length checked above */
        w->n_dev++;
        pthread_mutex_unlock(&w->lock);
    }
    closedir(d);
}

static void remember_key(InputWatch *w, int code)
{
    pthread_mutex_lock(&w->lock);
    if (w->n_keys == INPUT_WATCH_KEYS) { /* drop the oldest */
        w->key_head = (w->key_head + 1) % INPUT_WATCH_KEYS;
        w->n_keys--;
    }
    w->keys[(w->key_head + w->n_keys) % INPUT_WATCH_KEYS] = code;
    w->n_keys++;
    pthread_mutex_unlock(&w->lock);
}

bool input_watch_take_key(InputWatch *w, int *code)
{
    if (w == NULL)
        return false;
    pthread_mutex_lock(&w->lock);
    bool have = w->n_keys > 0;
    if (have) {
        *code = w->keys[w->key_head];
        w->key_head = (w->key_head + 1) % INPUT_WATCH_KEYS;
        w->n_keys--;
    }
    pthread_mutex_unlock(&w->lock);
    return have;
}

/* Reads what is queued on device i; true when a key went down. Closes the
 * device when it is gone. */
static bool drain(InputWatch *w, int i, bool *closed)
{
    struct input_event ev[32];
    bool key = false;
    *closed = false;
    for (;;) {
        ssize_t n = read(w->dev[i].fd, ev, sizeof(ev));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            /* ENODEV: unplugged; 0: the writer of a test FIFO left. */
            close_device(w, i);
            *closed = true;
            break;
        }
        for (size_t j = 0; j < (size_t)n / sizeof(ev[0]); j++)
            if (ev[j].type == EV_KEY && ev[j].value == 1) {
                key = true;
                remember_key(w, ev[j].code);
            }
    }
    return key;
}

static void *run(void *arg)
{
    InputWatch *w = arg;
    struct pollfd p[INPUT_WATCH_MAX_FDS + 2];
    for (;;) {
        int n = 0;
        p[n++] = (struct pollfd){w->stop[0], POLLIN, 0};
        if (w->inotify >= 0)
            p[n++] = (struct pollfd){w->inotify, POLLIN, 0};
        int first_dev = n;
        for (int i = 0; i < w->n_dev; i++)
            p[n++] = (struct pollfd){w->dev[i].fd, POLLIN, 0};
        if (poll(p, (nfds_t)n, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[0].revents)
            break;
        if (w->inotify >= 0 && (p[1].revents & POLLIN)) {
            char buf[4096];
            while (read(w->inotify, buf, sizeof(buf)) > 0)
                ;
            scan(w);
            continue; /* the device list changed: rebuild the poll set */
        }
        bool key = false;
        /* Walk backwards: close_device() moves the last device into i. */
        for (int i = w->n_dev - 1; i >= 0; i--) {
            short re = p[first_dev + i].revents;
            if (re == 0)
                continue;
            bool closed = false;
            if (re & POLLIN)
                key |= drain(w, i, &closed);
            if (!closed && (re & (POLLHUP | POLLERR | POLLNVAL)))
                close_device(w, i);
        }
        if (key)
            w->wake(w->arg);
    }
    return NULL;
}

InputWatch *input_watch_start(const char *dir, void (*wake)(void *arg), void *arg, char *err,
                              size_t errlen)
{
    InputWatch *w = calloc(1, sizeof(*w));
    if (w == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    w->stop[0] = w->stop[1] = -1;
    w->inotify = -1;
    pthread_mutex_init(&w->lock, NULL);
    snprintf(w->dir, sizeof(w->dir), "%s", dir);
    w->wake = wake;
    w->arg = arg;
    struct stat st;
    errno = 0;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: %s", dir, errno ? strerror(errno) : "not a directory");
        goto fail;
    }
    w->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->inotify >= 0 &&
        inotify_add_watch(w->inotify, dir, IN_CREATE | IN_ATTRIB | IN_MOVED_TO) < 0) {
        close(w->inotify);
        w->inotify = -1; /* no hot-plug, the devices present still work */
    }
    scan(w);
    if (okr_thread_start(&w->thread, &w->running, w->stop, run, w, err, errlen) != 0)
        goto fail;
    return w;
fail:
    input_watch_stop(w);
    return NULL;
}

int input_watch_count(InputWatch *w)
{
    pthread_mutex_lock(&w->lock);
    int n = w->n_dev;
    pthread_mutex_unlock(&w->lock);
    return n;
}

void input_watch_stop(InputWatch *w)
{
    if (w == NULL)
        return;
    okr_thread_stop(w->thread, w->running, w->stop);
    for (int i = 0; i < w->n_dev; i++)
        close(w->dev[i].fd);
    if (w->inotify >= 0)
        close(w->inotify);
    pthread_mutex_destroy(&w->lock);
    free(w);
}
