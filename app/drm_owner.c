/*
 * drm_owner: /proc scan for a DRM card's other users (see drm_owner.h).
 */
#include "drm_owner.h"
#include "okr_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void read_comm(const char *proc_dir, const char *pid, char *out, size_t len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s/comm", proc_dir, pid);
    okr_read_first_line(path, out, len);
}

/* 1: has the card open, 0: not, -1: cannot look. */
static int holds(const char *proc_dir, const char *pid, const char *card_path)
{
    char dir[512];
    snprintf(dir, sizeof(dir), "%s/%s/fd", proc_dir, pid);
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char link[768], target[512];
        snprintf(link, sizeof(link), "%s/%s", dir, e->d_name);
        ssize_t n = readlink(link, target, sizeof(target) - 1);
        if (n <= 0)
            continue;
        target[n] = '\0';
        found = strcmp(target, card_path) == 0;
    }
    closedir(d);
    return found;
}

int drm_owner_scan(const char *proc_dir, const char *card_path, pid_t self, DrmHolder *out, int max,
                   int *hidden)
{
    int n = 0;
    *hidden = 0;
    DIR *d = opendir(proc_dir);
    if (d == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end != '\0' || pid <= 0 || (pid_t)pid == self)
            continue;
        int h = holds(proc_dir, e->d_name, card_path);
        if (h < 0) {
            (*hidden)++;
            continue;
        }
        if (h == 0 || n >= max)
            continue;
        out[n].pid = (pid_t)pid;
        read_comm(proc_dir, e->d_name, out[n].comm, sizeof(out[n].comm));
        n++;
    }
    closedir(d);
    return n;
}

const char *drm_owner_advice(const char *comm)
{
    static const char *const desktops[] = {"Xorg",     "Xwayland", "gnome-shell", "kwin_wayland",
                                           "kwin_x11", "weston",   "labwc",       "wayfire",
                                           "sway",     "mutter",   "lightdm",     "gdm",
                                           "sddm",     "cage",     "openbox",     NULL};
    if (strcmp(comm, "plymouthd") == 0)
        return "the boot splash still holds the screen: remove \"splash\" from /boot/firmware/cmdline.txt, "
               "or let the unit wait for plymouth-quit-wait.service";
    if (strcmp(comm, "okr-kiosk") == 0)
        return "another okr-kiosk runs: sudo systemctl stop okr-kiosk (or stop the one started by hand)";
    for (int i = 0; desktops[i] != NULL; i++)
        if (strcmp(comm, desktops[i]) == 0)
            return "a desktop owns the screen: boot to the console (sudo raspi-config: System Options > "
                   "Boot / Auto Login > Console) or use the desktop autostart instead of the console unit";
    return "stop that program, or make it release the display";
}

void drm_owner_describe(const DrmHolder *h, int n, int hidden, const char *card_path, char *out,
                        size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    if (n == 0) {
        snprintf(out, len, "another process holds %s%s; to see which: sudo fuser -v %s", card_path,
                 hidden ? " (processes of other users cannot be looked into)" : "", card_path);
        return;
    }
    for (int i = 0; i < n && used < len; i++) {
        int w = snprintf(out + used, len - used, "%s%s (pid %d)", i ? ", " : "",
                         h[i].comm[0] ? h[i].comm : "?", (int)h[i].pid);
        if (w < 0)
            return;
        used += (size_t)w;
    }
    if (used < len)
        snprintf(out + used, len - used, " has %s open: %s", card_path,
                 drm_owner_advice(h[0].comm));
}
