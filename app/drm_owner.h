/*
 * drm_owner: who else has a DRM card open, to name what keeps the kiosk from
 * being DRM master (only the master may set a mode, flip pages or switch
 * DPMS; SDL 2.26 ignores a failed drmSetMaster when SDL_HINT_KMSDRM_DEVICE_INDEX
 * is set, and the screen stays black without a word).
 *
 * Scans the links in /proc/PID/fd for links to the card's device node and names each
 * process by /proc/PID/comm. Another user's fds are hidden from a normal user
 * (the kiosk's own user sees neither Xorg's nor plymouth's), so the count of
 * processes that could not be looked into is returned too, and the advice
 * then says how to look as root. The proc root is a parameter: tests build
 * a fake tree.
 */
#ifndef APP_DRM_OWNER_H
#define APP_DRM_OWNER_H

#include <stddef.h>
#include <sys/types.h>

#define DRM_OWNER_MAX 8

typedef struct DrmHolder {
    pid_t pid;
    char comm[32];
} DrmHolder;

/* Processes other than self with card_path ("/dev/dri/card1") open.
 * *hidden: processes whose fds could not be read. Returns the count. */
int drm_owner_scan(const char *proc_dir, const char *card_path, pid_t self, DrmHolder *out, int max,
                   int *hidden);

/* What to do about a holder named comm. */
const char *drm_owner_advice(const char *comm);

/* One line: "plymouthd (pid 312), Xorg (pid 800)"; with none found, what
 * to run to see (fuser as root). Then the advice of the first holder. */
void drm_owner_describe(const DrmHolder *h, int n, int hidden, const char *card_path, char *out,
                        size_t len);

#endif
