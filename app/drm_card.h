/*
 * drm_card: which /dev/dri/cardN drives the screen, for SDL's KMSDRM driver.
 *
 * A Raspberry Pi 4/5 exposes several DRM cards: the v3d GPU (render only, no
 * connectors) and the vc4 display controller, and their numbers can swap from
 * one boot to the next. SDL 2.26 opens card 0 unless told otherwise
 * (SDL_HINT_KMSDRM_DEVICE_INDEX), so the kiosk asks sysfs which card has a
 * connected connector instead of trusting the number. Order of preference:
 *   1. a card with a connector whose status is "connected";
 *   2. a card with a connector whose status is "unknown": the composite
 *      output always is, and HDMI can be while the TV was off at boot. SDL
 *      2.26 makes displays only of "connected" connectors (SDL_kmsdrmvideo.c,
 *      KMSDRM_InitDisplays), so it would start with no display: the caller
 *      waits for "connected" as for case 3 (writeback connectors are
 *      ignored);
 *   3. a card driven by vc4-drm (the Pi's display controller; the kernel's
 *      platform driver name, the module is vc4), or else any card that has
 *      connectors: no screen is connected, the caller shows/logs the message
 *      and retries later rather than crash-looping;
 *   4. nothing: no card with connectors at all.
 * Cards whose /dev node is missing are skipped. Ties go to the lowest number.
 * Roots are parameters so tests run on a fake tree in a temporary directory.
 */
#ifndef OKR_DRM_CARD_H
#define OKR_DRM_CARD_H

#include <stdbool.h>
#include <stddef.h>

#define DRM_CARD_MAX 16

typedef enum DrmCardStatus {
    DRM_CARD_CONNECTED = 0,  /* a display is connected to the card */
    DRM_CARD_UNKNOWN = 1,    /* only "unknown" connectors: SDL finds no
                                  display there, wait for "connected" */
    DRM_CARD_NO_DISPLAY = 2, /* display card found, nothing plugged in */
    DRM_CARD_NONE = -1       /* no display card at all */
} DrmCardStatus;

typedef struct DrmCardChoice {
    int index; /* N of /dev/dri/cardN, -1 if none */
    DrmCardStatus status;
    char driver[32];    /* e.g. "vc4-drm", "" if unknown */
    char connector[48]; /* e.g. "HDMI-A-1" when connected */
    char message[512];  /* one line for the log / the screen */
} DrmCardChoice;

/* dev_dir: "/dev/dri"; sysfs_dir: "/sys/class/drm". Returns out->status. */
DrmCardStatus drm_card_choose(const char *dev_dir, const char *sysfs_dir, DrmCardChoice *out);

/* Every card with its connectors as sysfs tells them, for --diagnose. */
#define DRM_CARD_MAX_CONNECTORS 8

typedef struct DrmConnectorInfo {
    char name[48];      /* "HDMI-A-1" */
    char status[16];    /* "connected", "disconnected", "unknown" */
    char preferred[24]; /* first line of sysfs "modes" ("1920x1080"),
                                  "" when none */
    int n_modes;
    char dpms[8]; /* "On", "Off", "" */
    bool enabled; /* the connector drives a CRTC now */
} DrmConnectorInfo;

typedef struct DrmCardInfo {
    int index;
    char driver[32];
    int n_connectors;
    DrmConnectorInfo conn[DRM_CARD_MAX_CONNECTORS];
} DrmCardInfo;

/* Fills out[0..max) in card order; returns the number of cards (node
 * present), or -1 when sysfs_dir cannot be read. */
int drm_card_list(const char *dev_dir, const char *sysfs_dir, DrmCardInfo *out, int max);

/* True for the Pi's display controller driver ("vc4-drm"; "vc4" too). */
bool drm_card_is_vc4(const char *driver);

/* Same with both under root ("" or "/" for the real system):
 * root/dev/dri and root/sys/class/drm. */
DrmCardStatus drm_card_choose_root(const char *root, DrmCardChoice *out);

#endif
