/*
 * drm_io: the few DRM (KMS) calls the kiosk makes on SDL's own DRM fd,
 * behind a table of functions so DPMS, the hotplug check and --diagnose run
 * in tests against a fake device that records what was set.
 *
 * The real table (drm_io_libdrm) uses libdrm on an fd the caller owns (from
 * SDL_GetWindowWMInfo, info.kmsdrm.drm_fd, or one --diagnose opened). Setting
 * a property needs DRM master; reading does not.
 */
#ifndef APP_DRM_IO_H
#define APP_DRM_IO_H

#include <stdbool.h>
#include <stdint.h>

#define DRM_IO_MAX_CONNECTORS 8

/* DRM_MODE_CONNECTED etc. from xf86drmMode.h, repeated so the fakes need no
 * libdrm headers. */
enum { DRM_IO_CONNECTED = 1, DRM_IO_DISCONNECTED = 2, DRM_IO_UNKNOWN = 3 };
/* DRM_MODE_DPMS_ON / _OFF. */
enum { DRM_IO_DPMS_ON = 0, DRM_IO_DPMS_OFF = 3 };

typedef struct DrmIoMode {
    int w, h, hz; /* 0x0@0: none */
} DrmIoMode;

typedef struct DrmIoConnector {
    uint32_t id;
    char name[32];       /* "HDMI-A-1", as sysfs names it */
    int connection;      /* DRM_IO_CONNECTED, ... */
    uint32_t dpms_prop;  /* the "DPMS" property's id, 0 = none */
    uint64_t dpms;       /* its value */
    DrmIoMode preferred; /* the mode the screen prefers (EDID) */
    DrmIoMode current;   /* what its CRTC shows now */
} DrmIoConnector;

typedef struct DrmIo {
    void *ctx;
    /* Fills out[0..max); returns the count or -errno. */
    int (*connectors)(void *ctx, DrmIoConnector *out, int max);
    /* Sets property prop of object obj; 0 or -errno (-EACCES: not master). */
    int (*set_property)(void *ctx, uint32_t obj, uint32_t prop, uint64_t value);
    /* 1 when this fd is the DRM master, 0 when not. */
    int (*is_master)(void *ctx);
} DrmIo;

/* The libdrm table over *fd (the int must outlive the table). */
void drm_io_libdrm(DrmIo *io, int *fd);

/* The connected connector named want, else the first connected one; NULL
 * when none is connected. */
const DrmIoConnector *drm_io_pick(const DrmIoConnector *c, int n, const char *want);

/* "1920x1080@60" or "none". */
void drm_io_mode_text(const DrmIoMode *m, char *out, int len);

#endif
