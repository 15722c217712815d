/*
 * dpms: switches the HDMI signal off and on through the "DPMS" property of
 * the connected connector, on SDL's DRM fd (through app/drm_io.h, so tests
 * use a fake device).
 *
 * SDL 2.26 has no call for this. On a driver with atomic mode setting (vc4,
 * v3d's display side, i915, amdgpu) the kernel turns a legacy DPMS write
 * into an atomic commit that deactivates the CRTC: the TV sees "no signal".
 * Page flips on the inactive CRTC fail, so the loop presents nothing while
 * it is off (power_may_present), and redraws after switching on. Only the
 * DRM master may set it: when another process owns the display the call
 * fails with EACCES, and the caller falls back to a black frame.
 */
#ifndef APP_DPMS_H
#define APP_DPMS_H

#include <stdbool.h>
#include <stddef.h>

#include "drm_io.h"

typedef struct Dpms {
    DrmIo io;
    bool ready;
    uint32_t connector_id, prop_id;
    char connector[32];
} Dpms;

/* Finds the connector (want, else the first connected) and its DPMS
 * property. Returns 0, or -1 with the reason in why. */
int dpms_open(Dpms *d, const DrmIo *io, const char *want, char *why, size_t whylen);

/* Switches the signal. Returns 0, or -errno with what to do in why. */
int dpms_set(Dpms *d, bool on, char *why, size_t whylen);

#endif
