/*
 * diagnose: `okr-kiosk --diagnose [--json]`, one command a person with a Pi
 * runs to see what the kiosk sees: the video driver SDL would use and why,
 * the DRM cards and connectors, who holds DRM master, the renderer and GL
 * stack, the input devices, the HDMI-CEC adapters, the user's groups, the
 * configuration files, the feed, the cache and the history file.
 *
 * A report is a list of items (section, label, value) and, for each
 * problem, what to do. The collectors read everything through DiagEnv: a
 * root directory for /dev, /sys and /proc, the environment's values, and
 * function pointers for what needs a real device (opening a DRM card, CEC
 * ioctls, readability), so the tests build fake trees and fake devices and
 * check the structure and the advice. app/diagnose_run.c fills DiagEnv with
 * the real system and adds what needs SDL (renderer, GL strings).
 */
#ifndef APP_DIAGNOSE_H
#define APP_DIAGNOSE_H

#include <stdbool.h>
#include <stdio.h>

#include "cec.h"
#include "drm_io.h"

#define DIAG_MAX_ITEMS 128

/* The groups the console unit needs: video (/dev/dri/card*, /dev/cec*),
 * render (/dev/dri/renderD*), input (/dev/input/event*). The unit file's
 * SupplementaryGroups= must name these (a test checks it). */
#define DIAG_CONSOLE_GROUPS "video render input"

typedef struct DiagItem {
    char section[16]; /* "video", "drm", "input", "cec", "user", "config", "feed", "paths" */
    char label[48];
    char value[480];
    char advice[400]; /* what to do; "" when this line is fine */
} DiagItem;

typedef struct DiagReport {
    DiagItem item[DIAG_MAX_ITEMS];
    int n;
    int problems;
} DiagReport;

void diag_init(DiagReport *r);

/* Adds one line; advice NULL or "" for a line that is fine. */
void diag_add(DiagReport *r, const char *section, const char *label, const char *advice,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Plain words: a heading per section, "label: value" lines, problems marked
 * "PROBLEM" with "-> what to do" under them, and a summary line. */
void diag_print_text(const DiagReport *r, FILE *f);

/* {"problems": N, "sections": [{"name": ..., "items": [{"label", "value",
 * "ok", "advice"}]}]}. Returns 0, -1 when out of memory. */
int diag_print_json(const DiagReport *r, FILE *f);

/* What opening a DRM card found (filled by DiagEnv.probe_card). */
typedef struct DiagCardProbe {
    int open_error; /* errno of open(O_RDWR), 0 when opened */
    int master;     /* 1: this process could become master, 0: another
                              process holds it, -1: not known */
    int n_conn;     /* -1 when the connectors could not be read */
    DrmIoConnector conn[DRM_IO_MAX_CONNECTORS];
} DiagCardProbe;

typedef struct DiagEnv {
    const char *root;                                        /* "" for the real system */
    const char *sdl_videodriver, *display, *wayland_display; /* NULL = unset */
    const CecIo *cec;                                        /* NULL: no CEC section */
    bool (*can_read)(const char *path);
    /* NULL: no card is opened (only sysfs is read). */
    void (*probe_card)(const char *dev_path, DiagCardProbe *out);
    int self_pid;
} DiagEnv;

/* "kmsdrm", "x11", "wayland" or what SDL_VIDEODRIVER names, and why. */
const char *diag_video_choice(const DiagEnv *e, char *why, size_t whylen);

void diag_video(DiagReport *r, const DiagEnv *e);
/* Also sets *card_index and *connector (to the card the kiosk would use, -1
 * and "" when none) and *connector_id (0 when not read). */
void diag_drm(DiagReport *r, const DiagEnv *e, int *card_index, char *connector,
              size_t connector_len, unsigned *connector_id);
void diag_input(DiagReport *r, const DiagEnv *e);
void diag_cec(DiagReport *r, const DiagEnv *e, int card_index, const char *connector,
              unsigned connector_id);
/* groups[0..n): the user's group names; console: the kiosk runs on kmsdrm. */
void diag_groups(DiagReport *r, const char *user, const char *const *groups, int n, bool console);

#endif
