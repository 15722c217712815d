/*
 * drm_io: the libdrm implementation of the DrmIo table (see drm_io.h).
 */
#include "drm_io.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <xf86drm.h>
#include <xf86drmMode.h>

static void mode_of(const drmModeModeInfo *m, DrmIoMode *out)
{
    out->w = m->hdisplay;
    out->h = m->vdisplay;
    out->hz = (int)m->vrefresh;
}

static void read_dpms(int fd, const drmModeConnector *c, DrmIoConnector *out)
{
    for (int i = 0; i < c->count_props; i++) {
        drmModePropertyPtr p = drmModeGetProperty(fd, c->props[i]);
        if (p == NULL)
            continue;
        if (strcmp(p->name, "DPMS") == 0) {
            out->dpms_prop = p->prop_id;
            out->dpms = c->prop_values[i];
        }
        drmModeFreeProperty(p);
    }
}

static void read_current(int fd, const drmModeConnector *c, DrmIoConnector *out)
{
    if (c->encoder_id == 0)
        return;
    drmModeEncoderPtr e = drmModeGetEncoder(fd, c->encoder_id);
    if (e == NULL)
        return;
    if (e->crtc_id != 0) {
        drmModeCrtcPtr crtc = drmModeGetCrtc(fd, e->crtc_id);
        if (crtc != NULL) {
            if (crtc->mode_valid)
                mode_of(&crtc->mode, &out->current);
            drmModeFreeCrtc(crtc);
        }
    }
    drmModeFreeEncoder(e);
}

static int libdrm_connectors(void *ctx, DrmIoConnector *out, int max)
{
    int fd = *(int *)ctx;
    drmModeResPtr res = drmModeGetResources(fd);
    if (res == NULL)
        return errno ? -errno : -ENODEV;
    int n = 0;
    for (int i = 0; i < res->count_connectors && n < max; i++) {
        drmModeConnectorPtr c = drmModeGetConnector(fd, res->connectors[i]);
        if (c == NULL)
            continue;
        const char *type = drmModeGetConnectorTypeName(c->connector_type);
        if (type != NULL && strcmp(type, "Writeback") == 0) {
            drmModeFreeConnector(c);
            continue;
        }
        DrmIoConnector *o = &out[n++];
        memset(o, 0, sizeof(*o));
        o->id = c->connector_id;
        snprintf(o->name, sizeof(o->name), "%s-%u", type ? type : "Unknown", c->connector_type_id);
        o->connection = (int)c->connection;
        /* The kernel lists the preferred mode first (drm_mode_sort). */
        for (int m = 0; m < c->count_modes; m++)
            if (c->modes[m].type & DRM_MODE_TYPE_PREFERRED) {
                mode_of(&c->modes[m], &o->preferred);
                break;
            }
        if (o->preferred.w == 0 && c->count_modes > 0)
            mode_of(&c->modes[0], &o->preferred);
        read_dpms(fd, c, o);
        read_current(fd, c, o);
        drmModeFreeConnector(c);
    }
    drmModeFreeResources(res);
    return n;
}

static int libdrm_set_property(void *ctx, uint32_t obj, uint32_t prop, uint64_t value)
{
    int fd = *(int *)ctx;
    int rc = drmModeObjectSetProperty(fd, obj, DRM_MODE_OBJECT_CONNECTOR, prop, value);
    return rc == 0 ? 0 : rc < 0 ? rc : -EIO;
}

static int libdrm_is_master(void *ctx)
{
    return drmIsMaster(*(int *)ctx) ? 1 : 0;
}

void drm_io_libdrm(DrmIo *io, int *fd)
{
    io->ctx = fd;
    io->connectors = libdrm_connectors;
    io->set_property = libdrm_set_property;
    io->is_master = libdrm_is_master;
}

const DrmIoConnector *drm_io_pick(const DrmIoConnector *c, int n, const char *want)
{
    const DrmIoConnector *first = NULL;
    for (int i = 0; i < n; i++) {
        if (c[i].connection != DRM_IO_CONNECTED)
            continue;
        if (want != NULL && want[0] && strcmp(c[i].name, want) == 0)
            return &c[i];
        if (first == NULL)
            first = &c[i];
    }
    return first;
}

void drm_io_mode_text(const DrmIoMode *m, char *out, int len)
{
    if (m->w <= 0 || m->h <= 0)
        snprintf(out, (size_t)len, "none");
    else
        snprintf(out, (size_t)len, "%dx%d@%d", m->w, m->h, m->hz);
}
