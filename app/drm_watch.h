/*
 * drm_watch: notices HDMI hotplug while the kiosk runs.
 *
 * SDL 2.26's KMSDRM driver reads the connectors once, at start, and never
 * sends SDL_DISPLAYEVENT: a TV swapped for one with another EDID keeps the
 * old mode, and some kernels leave a 4K60 output blank after a reconnect.
 * The kernel announces every connector change as a uevent of the "drm"
 * subsystem (HOTPLUG=1); this thread listens on a NETLINK_KOBJECT_UEVENT
 * socket (the kernel's own multicast group, readable without root, no
 * libudev needed), and on such an event sets a flag and wakes the loop. The
 * loop then reads the connectors on SDL's DRM fd and decides
 * (drm_watch_signature) whether the display really changed.
 */
#ifndef APP_DRM_WATCH_H
#define APP_DRM_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "drm_io.h"

typedef struct DrmWatch DrmWatch;

/* True for a uevent datagram ("ACTION@DEVPATH\0KEY=VALUE\0...") of the drm
 * subsystem that reports a connector change (HOTPLUG=1, or a change action). */
bool drm_watch_is_hotplug(const char *msg, size_t len);

/* Listens on the kernel's uevent socket. NULL with the reason in err. */
DrmWatch *drm_watch_start(void (*wake)(void *arg), void *arg, char *err, size_t errlen);

/* The same over an fd the caller made (a socketpair in tests); the watch
 * owns and closes it. */
DrmWatch *drm_watch_start_fd(int fd, void (*wake)(void *arg), void *arg, char *err, size_t errlen);

/* True once after each hotplug event (clears it). Any thread. */
bool drm_watch_take(DrmWatch *w);

void drm_watch_stop(DrmWatch *w);

/* What the screen is, as one comparable line: the connected connector
 * (want first, as drm_io_pick) and its preferred mode, "HDMI-A-1
 * 3840x2160@60", or "" when none is connected. */
void drm_watch_signature(const DrmIoConnector *c, int n, const char *want, char *out, size_t len);

#endif
