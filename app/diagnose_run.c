/*
 * diagnose_run: `okr-kiosk --diagnose` on the real system. Fills DiagEnv
 * with the real /dev, /sys and /proc, the kernel's CEC calls and a DRM card
 * probe through libdrm, then adds what only SDL can tell: the video driver
 * it really starts, the renderer and its texture limit, the GL/EGL strings,
 * and whether SDL's own DRM fd is the master. The DRM card is probed (and
 * closed) before SDL opens it, so the probe does not see SDL in the way.
 */
#include "app.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_syswm.h>
#include <xf86drm.h>

#include "diagnose.h"
#include "drm_card.h"
#include "feed_source.h"
#include "kiosk_history.h"

static bool can_read(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

static void probe_card(const char *dev_path, DiagCardProbe *out)
{
    int fd = open(dev_path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        out->open_error = errno;
        return;
    }
    DrmIo io;
    drm_io_libdrm(&io, &fd);
    int n = io.connectors(io.ctx, out->conn, DRM_IO_MAX_CONNECTORS);
    out->n_conn = n < 0 ? -1 : n;
    /* Master is free when this fd got it on open or can take it now. */
    if (drmIsMaster(fd) || drmSetMaster(fd) == 0) {
        out->master = 1;
        drmDropMaster(fd);
    } else {
        out->master = 0;
    }
    close(fd);
}

typedef const unsigned char *(*GetStringFn)(unsigned int);
typedef void *(*EglGetDisplayFn)(void);
typedef const char *(*EglQueryFn)(void *, int);

static void gl_strings(DiagReport *r, const char *driver)
{
    GetStringFn get = (GetStringFn)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    if (get != NULL && get(0x1F00) != NULL) /* GL_VENDOR */
        diag_add(r, "video", "GL", NULL, "vendor %s, renderer %s, version %s",
                 (const char *)get(0x1F00), (const char *)get(0x1F01), (const char *)get(0x1F02));
    if (strcmp(driver, "kmsdrm") != 0 && strcmp(driver, "wayland") != 0)
        return;
    EglGetDisplayFn cur = (EglGetDisplayFn)(uintptr_t)SDL_GL_GetProcAddress("eglGetCurrentDisplay");
    EglQueryFn query = (EglQueryFn)(uintptr_t)SDL_GL_GetProcAddress("eglQueryString");
    void *dpy = cur != NULL ? cur() : NULL;
    if (dpy != NULL && query != NULL)
        diag_add(r, "video", "EGL", NULL, "vendor %s, version %s", query(dpy, 0x3053),
                 query(dpy, 0x3054));
}

/* SDL's own fd: is it really the master (SDL 2.26 does not check)? */
static void sdl_master(DiagReport *r, SDL_Window *win)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_KMSDRM)
        return;
    int fd = info.info.kmsdrm.drm_fd;
    if (drmIsMaster(fd))
        diag_add(r, "video", "DRM master", NULL, "yes, on SDL's fd for card%d",
                 info.info.kmsdrm.dev_index);
    else
        diag_add(
            r, "video", "DRM master",
            "another process holds the screen (see the drm section's master line); if it is the running "
            "wall, stop it first: sudo systemctl stop okr-kiosk",
            "no: SDL's fd for card%d is not the master, the screen would stay black",
            info.info.kmsdrm.dev_index);
}

static void diag_sdl(DiagReport *r, bool kms, int card_index)
{
    char idx[16];
    if (kms) {
        if (card_index < 0) {
            diag_add(r, "video", "SDL", NULL,
                     "not started: no display card with a screen (see drm)");
            return;
        }
        snprintf(idx, sizeof(idx), "%d", card_index);
        SDL_SetHint(SDL_HINT_KMSDRM_DEVICE_INDEX, idx);
    }
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        diag_add(
            r, "video", "SDL",
            kms ? "check the drm section (a connected screen, nobody else holding it) "
                  "and the KMSDRM libraries: sudo apt install libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri"
                : "is the desktop reachable from this shell (DISPLAY, XAUTHORITY)?",
            "cannot start video: %s", SDL_GetError());
        return;
    }
    const char *drv = SDL_GetCurrentVideoDriver();
    SDL_version v;
    SDL_GetVersion(&v);
    diag_add(r, "video", "SDL", NULL, "%d.%d.%d started the %s driver", v.major, v.minor, v.patch,
             drv ? drv : "?");
    SDL_Window *win = SDL_CreateWindow("okr-kiosk --diagnose", SDL_WINDOWPOS_UNDEFINED,
                                       SDL_WINDOWPOS_UNDEFINED, 320, 180, SDL_WINDOW_HIDDEN);
    if (win == NULL) {
        diag_add(r, "video", "window",
                 kms ? "check the drm section: a connected screen and the DRM master" : "",
                 "cannot open one: %s", SDL_GetError());
        if (!kms)
            r->item[r->n - 1].advice[0] = '\0', r->problems--;
        goto quit;
    }
    SDL_Renderer *ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED);
    if (ren == NULL) {
        diag_add(r, "video", "renderer",
                 "install the GL libraries: sudo apt install libegl1 libgles2 "
                 "libegl-mesa0 libgl1-mesa-dri; on a Pi keep dtoverlay=vc4-kms-v3d",
                 "no GPU renderer: %s", SDL_GetError());
    } else {
        SDL_RendererInfo info;
        if (SDL_GetRendererInfo(ren, &info) == 0)
            diag_add(r, "video", "renderer", NULL, "%s, largest texture %dx%d%s", info.name,
                     info.max_texture_width, info.max_texture_height,
                     info.max_texture_width > 0 && info.max_texture_width < 4096
                         ? " (a Pi 3 class GPU: keep the screen at 1920x1080)"
                         : "");
        gl_strings(r, drv ? drv : "");
    }
    if (kms)
        sdl_master(r, win);
    if (ren != NULL)
        SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
quit:
    SDL_Quit();
}

static void diag_user(DiagReport *r, bool console)
{
    struct passwd *pw = getpwuid(geteuid());
    gid_t gids[64];
    int n = getgroups(64, gids);
    char *names[65];
    int k = 0;
    struct group *primary = getgrgid(getegid());
    if (primary != NULL && (names[k] = strdup(primary->gr_name)) != NULL)
        k++;
    for (int i = 0; i < n && k < 64; i++) {
        if (gids[i] == getegid())
            continue;
        struct group *g = getgrgid(gids[i]);
        if (g != NULL && (names[k] = strdup(g->gr_name)) != NULL)
            k++;
    }
    diag_groups(r, pw != NULL ? pw->pw_name : "?", (const char *const *)names, k, console);
    for (int i = 0; i < k; i++)
        free(names[i]);
}

static void diag_feed(DiagReport *r, const AppOptions *opts)
{
    char shown[1024];
    if (opts->feed_is_demo) {
        diag_add(r, "feed", "feed", NULL,
                 "the demo feed (no feed set: feed = URL in /etc/okr-kiosk.conf)");
        return;
    }
    feed_source_redact(opts->feed, shown, sizeof(shown));
    FeedSourceConfig cfg = app_feed_config(opts);
    cfg.cache_dir = "";
    FeedResult res = {0};
    feed_fetch_once(&cfg, &res);
    if (res.kind == FEED_RESULT_NEW || res.kind == FEED_RESULT_NOT_MODIFIED)
        diag_add(r, "feed", shown, NULL, "reachable%s%d, %zu bytes in %.0f ms",
                 res.http_status ? ": HTTP " : "", res.http_status, res.bytes, res.elapsed_ms);
    else if (res.kind == FEED_RESULT_INVALID)
        diag_add(r, "feed", shown, "run okr-kiosk --check with the same feed for every problem",
                 "reachable but not showable: %.300s", res.reason);
    else
        diag_add(r, "feed", shown,
                 "check the address, the network (DNS, proxy, clock for TLS), the token "
                 "(OKR_KIOSK_TOKEN or token-file) and ca-file for a private CA",
                 "cannot read it: %.300s", res.reason[0] ? res.reason : "no data");
    feed_result_clear(&res);
}

int app_diagnose(const AppOptions *opts, const ConfFileList *files)
{
    DiagReport *r = malloc(sizeof(*r));
    if (r == NULL) {
        log_msg(LOG_LEVEL_ERROR, "out of memory");
        return 2;
    }
    diag_init(r);
    CecIo cec;
    cec_io_kernel(&cec);
    DiagEnv e = {.root = "",
                 .sdl_videodriver = getenv("SDL_VIDEODRIVER"),
                 .display = getenv("DISPLAY"),
                 .wayland_display = getenv("WAYLAND_DISPLAY"),
                 .cec = &cec,
                 .can_read = can_read,
                 .probe_card = probe_card,
                 .self_pid = (int)getpid()};
    char why[256], connector[48];
    unsigned connector_id;
    int card;
    bool kms = strcmp(diag_video_choice(&e, why, sizeof(why)), "kmsdrm") == 0;

    diag_add(r, "okr-kiosk", "version", NULL, "%s", OKR_VERSION);
    diag_video(r, &e);
    diag_drm(r, &e, &card, connector, sizeof(connector), &connector_id);
    if (!kms)
        e.probe_card = NULL;
    diag_sdl(r, kms, card);
    diag_input(r, &e);
    diag_cec(r, &e, card, connector, connector_id);
    diag_user(r, kms);
    if (files->count == 0)
        diag_add(r, "config", "files", NULL,
                 "none read: defaults and the command line (/etc/okr-kiosk.conf is "
                 "the place for the wall's settings)");
    for (int i = 0; i < files->count; i++)
        diag_add(r, "config", "read", NULL, "%s", files->paths[i]);
    diag_feed(r, opts);
    char cache[1024];
    struct stat st;
    if (!opts->feed_is_demo && feed_source_cache_path(opts->feed, cache, sizeof(cache)))
        diag_add(r, "paths", "cache", NULL, "%s (%s)", cache,
                 stat(cache, &st) == 0 ? "present" : "not written yet");
    else
        diag_add(r, "paths", "cache", NULL, "none (the demo feed is not cached)");
    char hist[1024];
    int h = app_history_path(opts, hist, sizeof(hist));
    if (h == 0)
        diag_add(r, "paths", "history", NULL, "%s (%s)", hist,
                 stat(hist, &st) == 0 ? "present" : "not written yet");
    else if (h == 1)
        diag_add(r, "paths", "history", NULL, "off (history = off): no \"since the last standup\"");
    else
        diag_add(r, "paths", "history",
                 "set history = PATH in /etc/okr-kiosk.conf, or give the user a home",
                 "no place for it: neither $XDG_STATE_HOME nor $HOME is set");

    int rc = 0;
    if (opts->json)
        rc = diag_print_json(r, stdout) == 0 ? 0 : 2;
    else
        diag_print_text(r, stdout);
    if (rc == 0)
        rc = r->problems > 0 ? 1 : 0;
    free(r);
    return rc;
}
