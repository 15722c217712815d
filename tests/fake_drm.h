/*
 * fake_drm: a DrmIo (app/drm_io.h) over a table of connectors that records
 * every property set and can refuse them, for the DPMS and hotplug tests.
 */
#ifndef TESTS_FAKE_DRM_H
#define TESTS_FAKE_DRM_H

#include <string.h>

#include "drm_io.h"

typedef struct {
    uint32_t obj, prop;
    uint64_t value;
} FakeDrmSet;

typedef struct {
    DrmIoConnector conn[DRM_IO_MAX_CONNECTORS];
    int n_conn;
    int master;     /* what is_master answers */
    int set_error;  /* -errno for set_property, 0 = accept */
    int list_error; /* -errno for connectors, 0 = list */
    FakeDrmSet sets[32];
    int n_sets;
} FakeDrm;

static int fake_drm_connectors(void *ctx, DrmIoConnector *out, int max)
{
    FakeDrm *f = ctx;
    if (f->list_error)
        return f->list_error;
    int n = f->n_conn < max ? f->n_conn : max;
    memcpy(out, f->conn, sizeof(out[0]) * (size_t)n);
    return n;
}

static int fake_drm_set_property(void *ctx, uint32_t obj, uint32_t prop, uint64_t value)
{
    FakeDrm *f = ctx;
    if (f->set_error)
        return f->set_error;
    if (f->n_sets < 32)
        f->sets[f->n_sets++] = (FakeDrmSet){obj, prop, value};
    for (int i = 0; i < f->n_conn; i++)
        if (f->conn[i].id == obj && f->conn[i].dpms_prop == prop)
            f->conn[i].dpms = value;
    return 0;
}

static int fake_drm_is_master(void *ctx)
{
    return ((FakeDrm *)ctx)->master;
}

static inline DrmIo fake_drm_io(FakeDrm *f)
{
    DrmIo io = {f, fake_drm_connectors, fake_drm_set_property, fake_drm_is_master};
    return io;
}

/* A Pi 4: HDMI-A-1 (id 32) with a 1080p TV, HDMI-A-2 (id 42) empty; DPMS is
 * property 2 on both, as on vc4. */
static inline void fake_drm_pi4(FakeDrm *f)
{
    memset(f, 0, sizeof(*f));
    f->master = 1;
    f->n_conn = 2;
    f->conn[0] = (DrmIoConnector){32, "HDMI-A-1",       DRM_IO_CONNECTED, 2,
                                  0,  {1920, 1080, 60}, {1920, 1080, 60}};
    f->conn[1] = (DrmIoConnector){42, "HDMI-A-2", DRM_IO_DISCONNECTED, 2, 0, {0, 0, 0}, {0, 0, 0}};
}

#endif
