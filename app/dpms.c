/*
 * dpms: the DPMS property of the screen's connector (see dpms.h).
 */
#include "dpms.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int dpms_open(Dpms *d, const DrmIo *io, const char *want, char *why, size_t whylen)
{
    DrmIoConnector c[DRM_IO_MAX_CONNECTORS];
    memset(d, 0, sizeof(*d));
    d->io = *io;
    int n = io->connectors(io->ctx, c, DRM_IO_MAX_CONNECTORS);
    if (n < 0) {
        snprintf(why, whylen, "cannot read the DRM connectors: %s", strerror(-n));
        return -1;
    }
    const DrmIoConnector *pick = drm_io_pick(c, n, want);
    if (pick == NULL) {
        snprintf(why, whylen, "no connected screen on this DRM device");
        return -1;
    }
    if (pick->dpms_prop == 0) {
        snprintf(why, whylen, "%s has no DPMS property", pick->name);
        return -1;
    }
    d->connector_id = pick->id;
    d->prop_id = pick->dpms_prop;
    snprintf(d->connector, sizeof(d->connector), "%s", pick->name);
    d->ready = true;
    return 0;
}

int dpms_set(Dpms *d, bool on, char *why, size_t whylen)
{
    if (!d->ready) {
        snprintf(why, whylen, "no DPMS control");
        return -ENODEV;
    }
    int rc = d->io.set_property(d->io.ctx, d->connector_id, d->prop_id,
                                on ? DRM_IO_DPMS_ON : DRM_IO_DPMS_OFF);
    if (rc == 0)
        return 0;
    if (rc == -EACCES || rc == -EPERM)
        snprintf(
            why, whylen,
            "DPMS %s on %s refused: this process is not the DRM master (a desktop, plymouth or "
            "another kiosk holds the display; run okr-kiosk --diagnose)",
            on ? "on" : "off", d->connector);
    else if (rc == -ENOENT || rc == -EINVAL || rc == -ENODEV)
        snprintf(why, whylen, "DPMS %s on %s failed: the connector is gone (%s)", on ? "on" : "off",
                 d->connector, strerror(-rc));
    else
        snprintf(why, whylen, "DPMS %s on %s failed: %s", on ? "on" : "off", d->connector,
                 strerror(-rc));
    d->ready = false;
    return rc;
}
