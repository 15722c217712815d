/*
 * drm_card: which /dev/dri/cardN drives the screen, for SDL's KMSDRM driver.
 *
 * A Raspberry Pi 4/5 exposes several DRM cards: the v3d GPU (render only, no
 * connectors) and the vc4 display controller, and their numbers can swap from
 * one boot to the next. SDL 2.26 opens card 0 unless told otherwise
 * (SDL_HINT_KMSDRM_DEVICE_INDEX), so the kiosk asks sysfs which card has a
 * connected connector instead of trusting the number. Order of preference:
 *   1. a card with a connector whose status is "connected";
 *   2. a card with a connector whose status is "unknown" (some drivers never
 *      detect; writeback connectors are ignored);
 *   3. a card driven by vc4 (the Pi's display controller), or else any card
 *      that has connectors: no screen is connected, the caller shows/logs the
 *      message and retries later rather than crash-looping;
 *   4. nothing: no card with connectors at all.
 * Cards whose /dev node is missing are skipped. Ties go to the lowest number.
 * Roots are parameters so tests run on a fake tree in a temporary directory.
 */
#ifndef OKR_DRM_CARD_H
#define OKR_DRM_CARD_H

#include <stddef.h>

#define DRM_CARD_MAX 16

typedef enum DrmCardStatus {
    DRM_CARD_CONNECTED = 0,    /* a display is connected to the card */
    DRM_CARD_UNKNOWN = 1,      /* connector state unknown, probably fine */
    DRM_CARD_NO_DISPLAY = 2,   /* display card found, nothing plugged in */
    DRM_CARD_NONE = -1         /* no display card at all */
} DrmCardStatus;

typedef struct DrmCardChoice {
    int index;                 /* N of /dev/dri/cardN, -1 if none */
    DrmCardStatus status;
    char driver[32];           /* e.g. "vc4", "" if unknown */
    char connector[48];        /* e.g. "HDMI-A-1" when connected */
    char message[512];         /* one line for the log / the screen */
} DrmCardChoice;

/* dev_dir: "/dev/dri"; sysfs_dir: "/sys/class/drm". Returns out->status. */
DrmCardStatus drm_card_choose(const char *dev_dir, const char *sysfs_dir,
                              DrmCardChoice *out);

/* Same with both under root ("" or "/" for the real system):
 * root/dev/dri and root/sys/class/drm. */
DrmCardStatus drm_card_choose_root(const char *root, DrmCardChoice *out);

#endif
