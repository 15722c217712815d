/*
 * drm_watch: the uevent thread and the display signature (see drm_watch.h).
 */
#include "drm_watch.h"
#include "okr_util.h"

#include <errno.h>
#include <linux/netlink.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct DrmWatch {
    int fd;
    int stop[2];
    void (*wake)(void *arg);
    void *arg;
    pthread_t thread;
    bool running;
    pthread_mutex_t lock;
    bool pending;
};

bool drm_watch_is_hotplug(const char *msg, size_t len)
{
    bool drm = false, hotplug = false, change = false;
    size_t i = 0;
    /* The first string is "ACTION@DEVPATH"; udev's own messages (group 2)
     * start with "libudev" and are never received here. */
    if (len >= 7 && strncmp(msg, "change@", 7) == 0)
        change = true;
    while (i < len) {
        const char *s = msg + i;
        size_t n = strnlen(s, len - i);
        /* Exactly "drm": not "drm_dp_aux_dev" and the like. */
        if (n == 13 && strncmp(s, "SUBSYSTEM=drm", 13) == 0)
            drm = true;
        if (n == 9 && strncmp(s, "HOTPLUG=1", 9) == 0)
            hotplug = true;
        if (n == 13 && strncmp(s, "ACTION=change", 13) == 0)
            change = true;
        i += n + 1;
    }
    return drm && (hotplug || change);
}

static void *run(void *arg)
{
    DrmWatch *w = arg;
    char buf[8192];
    for (;;) {
        struct pollfd p[2] = {{w->stop[0], POLLIN, 0}, {w->fd, POLLIN, 0}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[0].revents)
            break;
        if (p[1].revents & (POLLERR | POLLHUP | POLLNVAL))
            break;
        ssize_t n = recv(w->fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
        if (n <= 0)
            continue;
        buf[n] = '\0';
        if (!drm_watch_is_hotplug(buf, (size_t)n))
            continue;
        pthread_mutex_lock(&w->lock);
        w->pending = true;
        pthread_mutex_unlock(&w->lock);
        w->wake(w->arg);
    }
    return NULL;
}

DrmWatch *drm_watch_start_fd(int fd, void (*wake)(void *arg), void *arg, char *err, size_t errlen)
{
    DrmWatch *w = calloc(1, sizeof(*w));
    if (w == NULL) {
        snprintf(err, errlen, "out of memory");
        close(fd);
        return NULL;
    }
    w->fd = fd;
    w->wake = wake;
    w->arg = arg;
    w->stop[0] = w->stop[1] = -1;
    pthread_mutex_init(&w->lock, NULL);
    if (okr_thread_start(&w->thread, &w->running, w->stop, run, w, err, errlen) != 0) {
        drm_watch_stop(w);
        return NULL;
    }
    return w;
}

DrmWatch *drm_watch_start(void (*wake)(void *arg), void *arg, char *err, size_t errlen)
{
    int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
    if (fd < 0) {
        snprintf(err, errlen, "uevent socket: %s", strerror(errno));
        return NULL;
    }
    struct sockaddr_nl sa;
    memset(&sa, 0, sizeof(sa));
    sa.nl_family = AF_NETLINK;
    sa.nl_groups = 1; /* the kernel's uevents */
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        snprintf(err, errlen, "uevent socket: %s", strerror(errno));
        close(fd);
        return NULL;
    }
    return drm_watch_start_fd(fd, wake, arg, err, errlen);
}

bool drm_watch_take(DrmWatch *w)
{
    if (w == NULL)
        return false;
    pthread_mutex_lock(&w->lock);
    bool p = w->pending;
    w->pending = false;
    pthread_mutex_unlock(&w->lock);
    return p;
}

void drm_watch_stop(DrmWatch *w)
{
    if (w == NULL)
        return;
    okr_thread_stop(w->thread, w->running, w->stop);
    close(w->fd);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

void drm_watch_signature(const DrmIoConnector *c, int n, const char *want, char *out, size_t len)
{
    const DrmIoConnector *p = drm_io_pick(c, n, want);
    if (p == NULL) {
        if (len)
            out[0] = '\0';
        return;
    }
    char mode[32];
    drm_io_mode_text(&p->preferred, mode, sizeof(mode));
    snprintf(out, len, "%s %s", p->name, mode);
}
