/*
 * diagnose: the report and the collectors that need no SDL (see
 * diagnose.h). Every path is read under DiagEnv.root, every device call
 * goes through DiagEnv, so tests run this on fake trees.
 */
#include "diagnose.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "drm_card.h"
#include "drm_owner.h"
#include "okr_util.h"

/* ---- the report ---- */

void diag_init(DiagReport *r)
{
    memset(r, 0, sizeof(*r));
}

void diag_add(DiagReport *r, const char *section, const char *label, const char *advice,
              const char *fmt, ...)
{
    if (r->n >= DIAG_MAX_ITEMS)
        return;
    DiagItem *it = &r->item[r->n++];
    snprintf(it->section, sizeof(it->section), "%s", section);
    snprintf(it->label, sizeof(it->label), "%s", label);
    snprintf(it->advice, sizeof(it->advice), "%s", advice ? advice : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->value, sizeof(it->value), fmt, ap);
    va_end(ap);
    if (it->advice[0])
        r->problems++;
}

/* Sections in the order they first appear; items keep their order. */
static int sections(const DiagReport *r, const char **out, int max)
{
    int n = 0;
    for (int i = 0; i < r->n; i++) {
        bool seen = false;
        for (int k = 0; k < n && !seen; k++)
            seen = strcmp(out[k], r->item[i].section) == 0;
        if (!seen && n < max)
            out[n++] = r->item[i].section;
    }
    return n;
}

void diag_print_text(const DiagReport *r, FILE *f)
{
    const char *names[DIAG_MAX_ITEMS];
    int ns = sections(r, names, DIAG_MAX_ITEMS);
    for (int s = 0; s < ns; s++) {
        fprintf(f, "%s%s\n", s ? "\n" : "", names[s]);
        for (int i = 0; i < r->n; i++) {
            const DiagItem *it = &r->item[i];
            if (strcmp(it->section, names[s]) != 0)
                continue;
            fprintf(f, "  %s%s: %s\n", it->advice[0] ? "PROBLEM " : "", it->label, it->value);
            if (it->advice[0])
                fprintf(f, "    -> %s\n", it->advice);
        }
    }
    if (r->problems == 0)
        fprintf(f, "\nno problems found\n");
    else
        fprintf(f, "\n%d problem%s found: see the lines marked PROBLEM\n", r->problems,
                r->problems == 1 ? "" : "s");
}

int diag_print_json(const DiagReport *r, FILE *f)
{
    int rc = -1;
    const char *names[DIAG_MAX_ITEMS];
    int ns = sections(r, names, DIAG_MAX_ITEMS);
    cJSON *root = cJSON_CreateObject(), *list = NULL;
    if (root == NULL || cJSON_AddNumberToObject(root, "problems", r->problems) == NULL ||
        (list = cJSON_AddArrayToObject(root, "sections")) == NULL)
        goto done;
    for (int s = 0; s < ns; s++) {
        cJSON *sec = cJSON_CreateObject(), *items;
        if (sec == NULL)
            goto done;
        cJSON_AddItemToArray(list, sec);
        if (cJSON_AddStringToObject(sec, "name", names[s]) == NULL ||
            (items = cJSON_AddArrayToObject(sec, "items")) == NULL)
            goto done;
        for (int i = 0; i < r->n; i++) {
            const DiagItem *it = &r->item[i];
            if (strcmp(it->section, names[s]) != 0)
                continue;
            cJSON *o = cJSON_CreateObject();
            if (o == NULL)
                goto done;
            cJSON_AddItemToArray(items, o);
            if (cJSON_AddStringToObject(o, "label", it->label) == NULL ||
                cJSON_AddStringToObject(o, "value", it->value) == NULL ||
                cJSON_AddBoolToObject(o, "ok", it->advice[0] == '\0') == NULL ||
                (it->advice[0] ? cJSON_AddStringToObject(o, "advice", it->advice)
                               : cJSON_AddNullToObject(o, "advice")) == NULL)
                goto done;
        }
    }
    char *text = cJSON_Print(root);
    if (text != NULL) {
        fprintf(f, "%s\n", text);
        free(text);
        rc = 0;
    }
done:
    cJSON_Delete(root);
    return rc;
}

/* ---- video ---- */

static bool set(const char *v)
{
    return v != NULL && v[0] != '\0';
}

const char *diag_video_choice(const DiagEnv *e, char *why, size_t whylen)
{
    if (set(e->sdl_videodriver)) {
        snprintf(why, whylen, "SDL_VIDEODRIVER=%s asks for it", e->sdl_videodriver);
        return e->sdl_videodriver;
    }
    /* SDL 2.26 tries x11 before wayland, and kmsdrm after both. */
    if (set(e->display)) {
        snprintf(why, whylen, "DISPLAY=%s is set: SDL draws in the desktop's X server", e->display);
        return "x11";
    }
    if (set(e->wayland_display)) {
        snprintf(why, whylen, "WAYLAND_DISPLAY=%s is set: SDL draws in the Wayland desktop",
                 e->wayland_display);
        return "wayland";
    }
    snprintf(why, whylen,
             "no DISPLAY or WAYLAND_DISPLAY: SDL draws on the console through DRM/KMS");
    return "kmsdrm";
}

void diag_video(DiagReport *r, const DiagEnv *e)
{
    char why[256];
    const char *drv = diag_video_choice(e, why, sizeof(why));
    diag_add(r, "video", "driver", NULL, "%s (%s)", drv, why);
}

/* ---- DRM ---- */

static void path_under(const DiagEnv *e, const char *path, char *out, size_t len)
{
    snprintf(out, len, "%s%s", e->root ? e->root : "", path);
}

static const DrmIoConnector *probe_conn(const DiagCardProbe *p, const char *name)
{
    for (int i = 0; p != NULL && i < p->n_conn; i++)
        if (strcmp(p->conn[i].name, name) == 0)
            return &p->conn[i];
    return NULL;
}

static void diag_connector(DiagReport *r, const DrmCardInfo *c, const DrmConnectorInfo *ci,
                           const DiagCardProbe *p)
{
    char label[48], cur[48] = "", pref[32] = "";
    const DrmIoConnector *io = probe_conn(p, ci->name);
    snprintf(label, sizeof(label), "card%d %s", c->index, ci->name);
    if (io != NULL) {
        drm_io_mode_text(&io->preferred, pref, sizeof(pref));
        drm_io_mode_text(&io->current, cur, sizeof(cur));
    } else {
        snprintf(pref, sizeof(pref), "%s", ci->preferred[0] ? ci->preferred : "none");
        snprintf(cur, sizeof(cur), "%s",
                 ci->enabled ? "in use (open the card to see the mode)" : "off");
    }
    const char *advice = NULL;
    if (strcmp(ci->status, "unknown") == 0)
        advice =
            "SDL only uses \"connected\" outputs: switch the TV on (or to this input) before the kiosk "
            "starts, check the cable; the composite output is never used";
    diag_add(r, "drm", label, advice, "%s, preferred %s, current %s%s%s",
             ci->status[0] ? ci->status : "?", pref, cur, ci->dpms[0] ? ", DPMS " : "", ci->dpms);
}

static void diag_master(DiagReport *r, const DiagEnv *e, const DrmCardChoice *ch,
                        const DiagCardProbe *p)
{
    char card[64], label[32];
    snprintf(card, sizeof(card), "/dev/dri/card%d", ch->index);
    snprintf(label, sizeof(label), "card%d master", ch->index);
    if (p->open_error) {
        diag_add(r, "drm", label,
                 p->open_error == EACCES
                     ? "add the user to the video group: sudo usermod -aG video USER"
                     : "",
                 "cannot open %s: %s", card, strerror(p->open_error));
        if (p->open_error != EACCES)
            r->item[r->n - 1].advice[0] = '\0';
        return;
    }
    if (p->master == 1) {
        diag_add(r, "drm", label, NULL,
                 "free: nobody else drives the screen, the kiosk can take it");
        return;
    }
    if (p->master < 0) {
        diag_add(r, "drm", label, NULL, "not tested");
        return;
    }
    DrmHolder h[DRM_OWNER_MAX];
    int hidden = 0;
    char proc[512], line[480];
    path_under(e, "/proc", proc, sizeof(proc));
    int n = drm_owner_scan(proc, card, e->self_pid, h, DRM_OWNER_MAX, &hidden);
    drm_owner_describe(h, n, hidden, card, line, sizeof(line));
    bool kiosk = n > 0 && strcmp(h[0].comm, "okr-kiosk") == 0;
    if (kiosk)
        diag_add(r, "drm", label, NULL,
                 "held by okr-kiosk (pid %d): the wall is running (stop it to test the "
                 "display from here)",
                 (int)h[0].pid);
    else
        diag_add(r, "drm", label,
                 n > 0 ? drm_owner_advice(h[0].comm) : "run: sudo fuser -v /dev/dri/card*",
                 "held by another process: %s", line);
}

void diag_drm(DiagReport *r, const DiagEnv *e, int *card_index, char *connector,
              size_t connector_len, unsigned *connector_id)
{
    char dev[512], sys[512];
    DrmCardInfo cards[DRM_CARD_MAX];
    DrmCardChoice ch;
    DiagCardProbe probe;
    *card_index = -1;
    connector[0] = '\0';
    *connector_id = 0;
    path_under(e, "/dev/dri", dev, sizeof(dev));
    path_under(e, "/sys/class/drm", sys, sizeof(sys));
    char why[256];
    bool console = strcmp(diag_video_choice(e, why, sizeof(why)), "kmsdrm") == 0;
    int n = drm_card_list(dev, sys, cards, DRM_CARD_MAX);
    if (n <= 0) {
        diag_add(
            r, "drm", "cards",
            console
                ? "on a Raspberry Pi: dtoverlay=vc4-kms-v3d in /boot/firmware/config.txt, then reboot"
                : NULL,
            "none (%s)%s", n < 0 ? "no /sys/class/drm" : "no /dev/dri/card*",
            console ? "" : "; the desktop draws, so this is fine");
        return;
    }
    for (int i = 0; i < n; i++) {
        char label[32];
        snprintf(label, sizeof(label), "card%d", cards[i].index);
        diag_add(r, "drm", label, NULL, "driver %s, %d output%s%s",
                 cards[i].driver[0] ? cards[i].driver : "?", cards[i].n_connectors,
                 cards[i].n_connectors == 1 ? "" : "s",
                 cards[i].n_connectors ? "" : " (render only, e.g. the Pi's v3d GPU)");
    }
    DrmCardStatus st = drm_card_choose(dev, sys, &ch);
    memset(&probe, 0, sizeof(probe));
    probe.n_conn = -1;
    probe.master = -1;
    if (ch.index >= 0 && e->probe_card != NULL) {
        char node[64];
        snprintf(node, sizeof(node), "/dev/dri/card%d", ch.index);
        e->probe_card(node, &probe);
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < cards[i].n_connectors; j++)
            diag_connector(r, &cards[i], &cards[i].conn[j],
                           cards[i].index == ch.index ? &probe : NULL);
    const char *advice =
        st == DRM_CARD_CONNECTED ? NULL
        : st == DRM_CARD_NONE
            ? "on a Raspberry Pi: dtoverlay=vc4-kms-v3d in /boot/firmware/config.txt"
            : "connect the TV and switch it on (the kiosk waits for it)";
    diag_add(r, "drm", "kiosk would use", advice, "%s", ch.message);
    if (ch.index < 0)
        return;
    *card_index = ch.index;
    snprintf(connector, connector_len, "%s", ch.connector);
    const DrmIoConnector *c = probe_conn(&probe, ch.connector);
    if (c != NULL)
        *connector_id = c->id;
    if (e->probe_card != NULL)
        diag_master(r, e, &ch, &probe);
}

/* ---- input ---- */

static int cmp_names(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    size_t lx = strlen(x), ly = strlen(y);
    return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

void diag_input(DiagReport *r, const DiagEnv *e)
{
    char dir[512];
    path_under(e, "/dev/input", dir, sizeof(dir));
    DIR *d = opendir(dir);
    char *names[64];
    int n = 0, readable = 0;
    if (d != NULL) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL && n < 64)
            if (strncmp(de->d_name, "event", 5) == 0 && (names[n] = strdup(de->d_name)) != NULL)
                n++;
        closedir(d);
    }
    qsort(names, (size_t)n, sizeof(names[0]), cmp_names);
    for (int i = 0; i < n; i++) {
        char path[600], sys[600], name[128];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        snprintf(sys, sizeof(sys), "%s/sys/class/input/%s/device/name", e->root ? e->root : "",
                 names[i]);
        okr_read_first_line(sys, name, sizeof(name));
        bool ok = e->can_read != NULL && e->can_read(path);
        readable += ok;
        bool remote = strncmp(name, "vc4-hdmi", 8) == 0 || strstr(name, "cec") != NULL ||
                      strstr(name, "CEC") != NULL;
        char label[48];
        snprintf(label, sizeof(label), "/dev/input/%.20s", names[i]);
        diag_add(r, "input", label, NULL, "\"%s\"%s, %s", name[0] ? name : "?",
                 remote ? " (the TV remote over HDMI-CEC)" : "", ok ? "readable" : "not readable");
        free(names[i]);
    }
    if (n == 0)
        diag_add(r, "input", "devices", NULL,
                 "none: plug in a keyboard or presenter, or use the TV remote "
                 "over HDMI-CEC");
    else if (readable == 0)
        diag_add(r, "input", "keys",
                 "add the user to the input group: sudo usermod -aG input USER (the "
                 "console unit does this with SupplementaryGroups)",
                 "no device can be read: keys will not work on the console");
}

/* ---- HDMI-CEC ---- */

void diag_cec(DiagReport *r, const DiagEnv *e, int card_index, const char *connector,
              unsigned connector_id)
{
    if (e->cec == NULL)
        return;
    char dir[512];
    path_under(e, "/dev", dir, sizeof(dir));
    CecAdapterInfo a[CEC_MAX_ADAPTERS];
    int n = cec_list(e->cec, dir, a, CEC_MAX_ADAPTERS);
    if (n == 0) {
        diag_add(r, "cec", "adapters", NULL,
                 "none: the TV cannot be switched over HDMI-CEC here (DPMS and the "
                 "black frame still work)");
        return;
    }
    for (int i = 0; i < n; i++) {
        char label[48];
        snprintf(label, sizeof(label), "/dev/%.40s",
                 strrchr(a[i].dev, '/') ? strrchr(a[i].dev, '/') + 1 : a[i].dev);
        if (a[i].error) {
            diag_add(r, "cec", label,
                     a[i].error == EACCES ? "add the user to the video group: sudo usermod -aG "
                                            "video USER"
                                          : "",
                     "cannot open: %s", strerror(a[i].error));
            if (a[i].error != EACCES)
                r->item[r->n - 1].advice[0] = '\0';
            continue;
        }
        char pa[48], conn[64] = "not said by the kernel";
        cec_phys_text(a[i].phys_addr, pa, sizeof(pa));
        if (a[i].has_connector)
            snprintf(conn, sizeof(conn), "card%u connector %u", a[i].drm_card,
                     a[i].drm_connector_id);
        char la[32];
        if (a[i].log_addr == CEC_NO_LOG_ADDR)
            snprintf(la, sizeof(la), "none claimed");
        else
            snprintf(la, sizeof(la), "%u", (unsigned)a[i].log_addr);
        diag_add(r, "cec", label, NULL, "%s (%s), %s, physical address %s, logical address %s",
                 a[i].name, a[i].driver, conn, pa, la);
    }
    int pick = card_index >= 0 ? cec_pick(a, n, card_index, connector_id, connector) : -1;
    if (pick >= 0)
        diag_add(
            r, "cec", "kiosk would use",
            a[pick].phys_addr == CEC_PA_INVALID
                ? "switch the TV on and enable CEC in its menu (Anynet+, Bravia Sync, SimpLink, EasyLink, "
                  "VIERA Link); the TV is woken from the Unregistered address meanwhile"
                : NULL,
            "%s for %s", a[pick].dev + strlen(dir) + 1, connector[0] ? connector : "the screen");
    else if (card_index >= 0)
        diag_add(r, "cec", "kiosk would use", NULL, "none for %s (cec = auto leaves the TV alone)",
                 connector[0] ? connector : "the screen");
}

/* ---- groups ---- */

void diag_groups(DiagReport *r, const char *user, const char *const *groups, int n, bool console)
{
    char list[400] = "", missing[64] = "";
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        int w = snprintf(list + used, sizeof(list) - used, "%s%s", i ? " " : "", groups[i]);
        if (w < 0 || (size_t)w >= sizeof(list) - used)
            break;
        used += (size_t)w;
    }
    static const char *const need[] = {"video", "render", "input"}; /* DIAG_CONSOLE_GROUPS */
    for (size_t k = 0; k < sizeof(need) / sizeof(need[0]); k++) {
        bool have = false;
        for (int i = 0; i < n && !have; i++)
            have = strcmp(groups[i], need[k]) == 0;
        if (!have)
            snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing), "%s%s",
                     missing[0] ? "," : "", need[k]);
    }
    char advice[300] = "";
    if (console && missing[0])
        snprintf(
            advice, sizeof(advice),
            "sudo usermod -aG %s %s, then log in again (the console unit adds them itself with "
            "SupplementaryGroups=%s)",
            missing, user, DIAG_CONSOLE_GROUPS);
    diag_add(r, "user", "groups", advice, "%s is in: %s%s%s%s", user, list[0] ? list : "(none)",
             missing[0] ? "; missing for the console: " : "", missing,
             console || !missing[0] ? "" : " (only needed on the console)");
}
