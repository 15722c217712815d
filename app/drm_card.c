/*
 * drm_card: picks the DRM card with a screen by reading sysfs (see drm_card.h).
 *
 * Only sysfs is read: /sys/class/drm/cardN-<connector>/status tells whether a
 * screen is plugged in, /sys/class/drm/cardN/device/driver names the driver.
 * No ioctl on the device is needed, so this works before SDL opens anything
 * and in tests without hardware.
 */
#include "drm_card.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct Card {
    int index;
    int connectors; /* not counting writeback */
    int connected;
    int unknown;
    char driver[32];
    char first_connected[48];
    char first_unknown[48];
    char connector_list[160]; /* "HDMI-A-1 disconnected, ..." for messages */
} Card;

static void read_driver(const char *sysfs_dir, int index, char *out, size_t len)
{
    char path[1024], target[1024];
    out[0] = '\0';
    snprintf(path, sizeof path, "%s/card%d/device/driver", sysfs_dir, index);
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n <= 0)
        return;
    target[n] = '\0';
    const char *base = strrchr(target, '/');
    base = base ? base + 1 : target;
    size_t n_base = strlen(base);
    if (n_base >= len)
        n_base = len - 1;
    memcpy(out, base, n_base);
    out[n_base] = '\0';
}

static void read_status(const char *path, char *out, size_t len)
{
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (fgets(out, (int)len, f))
        out[strcspn(out, "\r\n")] = '\0';
    fclose(f);
}

static void note_connector(Card *c, const char *conn, const char *status)
{
    size_t used = strlen(c->connector_list);
    if (used + 2 < sizeof c->connector_list)
        snprintf(c->connector_list + used, sizeof c->connector_list - used, "%s%s %s",
                 used ? ", " : "", conn, status[0] ? status : "(no status)");
    c->connectors++;
    if (strcmp(status, "connected") == 0) {
        if (c->connected++ == 0)
            snprintf(c->first_connected, sizeof c->first_connected, "%s", conn);
    } else if (strcmp(status, "unknown") == 0) {
        if (c->unknown++ == 0)
            snprintf(c->first_unknown, sizeof c->first_unknown, "%s", conn);
    }
}

/* Parses "cardN" (returns N) or "cardN-CONN" (N, *conn set); else -1. */
static int parse_entry(const char *name, const char **conn)
{
    *conn = NULL;
    if (strncmp(name, "card", 4) != 0 || name[4] < '0' || name[4] > '9')
        return -1;
    char *end;
    long n = strtol(name + 4, &end, 10);
    if (n < 0 || n >= DRM_CARD_MAX)
        return -1;
    if (*end == '-' && end[1])
        *conn = end + 1;
    else if (*end != '\0')
        return -1;
    return (int)n;
}

static int scan(const char *dev_dir, const char *sysfs_dir, Card cards[DRM_CARD_MAX],
                int present[DRM_CARD_MAX])
{
    DIR *d = opendir(sysfs_dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *conn;
        int n = parse_entry(e->d_name, &conn);
        if (n < 0)
            continue;
        if (!present[n]) {
            char node[1024];
            struct stat st;
            snprintf(node, sizeof node, "%s/card%d", dev_dir, n);
            if (stat(node, &st) != 0)
                continue;
            present[n] = 1;
            cards[n].index = n;
            read_driver(sysfs_dir, n, cards[n].driver, sizeof cards[n].driver);
        }
        if (conn && strncmp(conn, "Writeback", 9) != 0) {
            char path[1024], status[32];
            snprintf(path, sizeof path, "%s/%s/status", sysfs_dir, e->d_name);
            read_status(path, status, sizeof status);
            note_connector(&cards[n], conn, status);
        }
    }
    closedir(d);
    return 0;
}

static void describe_cards(const Card *cards, const int *present, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < DRM_CARD_MAX; i++) {
        if (!present[i])
            continue;
        const Card *c = &cards[i];
        int w = snprintf(buf + used, len - used, "%scard%d (%s: %s)", used ? "; " : "", i,
                         c->driver[0] ? c->driver : "driver unknown",
                         c->connectors ? c->connector_list : "no connectors, render only");
        if (w < 0 || (size_t)w >= len - used)
            return;
        used += (size_t)w;
    }
}

static void fill(DrmCardChoice *out, const Card *c, DrmCardStatus st, const char *conn)
{
    out->index = c->index;
    out->status = st;
    snprintf(out->driver, sizeof out->driver, "%s", c->driver);
    snprintf(out->connector, sizeof out->connector, "%s", conn ? conn : "");
}

DrmCardStatus drm_card_choose(const char *dev_dir, const char *sysfs_dir, DrmCardChoice *out)
{
    Card cards[DRM_CARD_MAX];
    int present[DRM_CARD_MAX] = {0};
    char seen[400];
    memset(cards, 0, sizeof cards);
    memset(out, 0, sizeof *out);
    out->index = -1;
    out->status = DRM_CARD_NONE;

    if (scan(dev_dir, sysfs_dir, cards, present) != 0) {
        snprintf(out->message, sizeof out->message,
                 "no display card: cannot read %s (%s); is the KMS driver loaded "
                 "(dtoverlay=vc4-kms-v3d on a Raspberry Pi)?",
                 sysfs_dir, strerror(errno));
        return out->status;
    }
    describe_cards(cards, present, seen, sizeof seen);

    const Card *pick = NULL;
    for (int i = 0; i < DRM_CARD_MAX && !pick; i++)
        if (present[i] && cards[i].connected)
            pick = &cards[i];
    if (pick) {
        fill(out, pick, DRM_CARD_CONNECTED, pick->first_connected);
        snprintf(out->message, sizeof out->message, "display on card%d (%s), %s connected",
                 pick->index, pick->driver[0] ? pick->driver : "driver unknown",
                 pick->first_connected);
        return out->status;
    }
    for (int i = 0; i < DRM_CARD_MAX && !pick; i++)
        if (present[i] && cards[i].unknown)
            pick = &cards[i];
    if (pick) {
        fill(out, pick, DRM_CARD_UNKNOWN, pick->first_unknown);
        snprintf(out->message, sizeof out->message,
                 "no display reports \"connected\" yet: %s; a TV that was off at boot "
                 "or the composite output reports \"unknown\" and SDL cannot use it; "
                 "switch the TV on or check the HDMI cable, retrying",
                 seen);
        return out->status;
    }
    for (int i = 0; i < DRM_CARD_MAX && !pick; i++)
        if (present[i] && drm_card_is_vc4(cards[i].driver))
            pick = &cards[i];
    for (int i = 0; i < DRM_CARD_MAX && !pick; i++)
        if (present[i] && cards[i].connectors)
            pick = &cards[i];
    if (pick) {
        fill(out, pick, DRM_CARD_NO_DISPLAY, NULL);
        snprintf(out->message, sizeof out->message,
                 "no display connected: %s; check the HDMI cable and that the "
                 "screen is on, retrying",
                 seen);
        return out->status;
    }
    snprintf(out->message, sizeof out->message,
             "no display card with outputs found%s%s; is the KMS driver loaded "
             "(dtoverlay=vc4-kms-v3d on a Raspberry Pi)?",
             seen[0] ? ": " : " in ", seen[0] ? seen : sysfs_dir);
    return out->status;
}

bool drm_card_is_vc4(const char *driver)
{
    return strcmp(driver, "vc4-drm") == 0 || strcmp(driver, "vc4") == 0;
}

static int read_lines(const char *path, char *first, size_t len)
{
    FILE *f = fopen(path, "r");
    int lines = 0;
    char line[128];
    if (first && len)
        first[0] = '\0';
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0])
            continue;
        if (lines++ == 0 && first) {
            size_t n = strlen(line) < len ? strlen(line) : len - 1;
            memcpy(first, line, n);
            first[n] = '\0';
        }
    }
    fclose(f);
    return lines;
}

static int find_card(DrmCardInfo *out, int n, int index)
{
    for (int i = 0; i < n; i++)
        if (out[i].index == index)
            return i;
    return -1;
}

int drm_card_list(const char *dev_dir, const char *sysfs_dir, DrmCardInfo *out, int max)
{
    Card cards[DRM_CARD_MAX];
    int present[DRM_CARD_MAX] = {0};
    int n = 0;
    memset(cards, 0, sizeof cards);
    if (scan(dev_dir, sysfs_dir, cards, present) != 0)
        return -1;
    for (int i = 0; i < DRM_CARD_MAX && n < max; i++) {
        if (!present[i])
            continue;
        memset(&out[n], 0, sizeof out[n]);
        out[n].index = i;
        snprintf(out[n].driver, sizeof out[n].driver, "%s", cards[i].driver);
        n++;
    }
    /* The connectors, in name order for a stable report. */
    struct dirent **names = NULL;
    int k = scandir(sysfs_dir, &names, NULL, alphasort);
    for (int j = 0; j < k; j++) {
        const char *conn;
        int idx = parse_entry(names[j]->d_name, &conn);
        int c = idx >= 0 && conn ? find_card(out, n, idx) : -1;
        if (c >= 0 && strncmp(conn, "Writeback", 9) != 0 &&
            out[c].n_connectors < DRM_CARD_MAX_CONNECTORS) {
            DrmConnectorInfo *ci = &out[c].conn[out[c].n_connectors++];
            char path[1024], buf[32];
            snprintf(ci->name, sizeof ci->name, "%s", conn);
            snprintf(path, sizeof path, "%s/%s/status", sysfs_dir, names[j]->d_name);
            read_status(path, ci->status, sizeof ci->status);
            snprintf(path, sizeof path, "%s/%s/modes", sysfs_dir, names[j]->d_name);
            ci->n_modes = read_lines(path, ci->preferred, sizeof ci->preferred);
            snprintf(path, sizeof path, "%s/%s/dpms", sysfs_dir, names[j]->d_name);
            read_status(path, ci->dpms, sizeof ci->dpms);
            snprintf(path, sizeof path, "%s/%s/enabled", sysfs_dir, names[j]->d_name);
            read_status(path, buf, sizeof buf);
            ci->enabled = strcmp(buf, "enabled") == 0;
        }
        free(names[j]);
    }
    free(names);
    return n;
}

DrmCardStatus drm_card_choose_root(const char *root, DrmCardChoice *out)
{
    char dev[1024], sys[1024];
    if (!root || strcmp(root, "/") == 0)
        root = "";
    snprintf(dev, sizeof dev, "%s/dev/dri", root);
    snprintf(sys, sizeof sys, "%s/sys/class/drm", root);
    return drm_card_choose(dev, sys, out);
}
