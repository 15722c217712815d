/*
 * window: the SDL window and renderer of the kiosk (see window.h).
 *
 * Fullscreen is the desktop's mode (SDL_WINDOW_FULLSCREEN_DESKTOP); only on
 * KMSDRM, where no desktop owns the mode, does --mode switch it. The window
 * is created hidden and shown once its first frame is presented, so a kiosk
 * never flashes an empty or garbage window.
 *
 * --orientation: the frame is drawn upright into a texture of the layout's
 * size, then turned onto the screen (the Pi's display controller cannot turn
 * by 90 degrees itself). Where the GPU's texture limit is smaller than the
 * screen, the layout is made smaller and the turn scales it up.
 */
#include "window.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drm_card.h"
#include "log.h"
#include "mode_pick.h"
#include "render_choice.h"
#include "signals.h"

#include <SDL_syswm.h>

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1000.0 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Start-up timing at -vv, for the start-up benchmark. */
static void stage(const KioskWindow *w, const char *what)
{
    if (w->started != NULL)
        log_msg(LOG_LEVEL_TRACE, "startup: %s at %.1f ms", what, ms_since(w->started));
}

/* ---- before SDL starts ---- */

/* A GPU shows up as a DRM device. Without one, OpenGL is Mesa's llvmpipe:
 * the CPU emulating a GPU, slower to start and to draw than SDL's own
 * software renderer, and heavier in memory. */
static bool have_gpu(void)
{
    bool found = false;
    DIR *d = opendir("/dev/dri");
    if (d == NULL)
        return false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL)
        found = strncmp(e->d_name, "card", 4) == 0 || strncmp(e->d_name, "renderD", 7) == 0;
    closedir(d);
    return found;
}

/* Will SDL pick KMSDRM? Asked for, or no desktop to talk to. */
static bool will_use_kmsdrm(void)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv != NULL && drv[0] != '\0')
        return strcmp(drv, "kmsdrm") == 0;
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    return (x == NULL || x[0] == '\0') && (wl == NULL || wl[0] == '\0');
}

/* On KMSDRM: tell SDL which /dev/dri/cardN has the screen (the numbers swap
 * between boots on a Pi 4/5), and wait for a screen rather than exit into a
 * restart loop. Returns false when SIGTERM came while waiting. */
static bool choose_drm_card(KioskWindow *w)
{
    DrmCardChoice c;
    int waited = 0;
    for (;;) {
        DrmCardStatus st = drm_card_choose_root("/", &c);
        if (st == DRM_CARD_CONNECTED) { /* "unknown" gives SDL no display: wait */
            char idx[16];
            snprintf(idx, sizeof(idx), "%d", c.index);
            SDL_SetHint(SDL_HINT_KMSDRM_DEVICE_INDEX, idx);
            w->drm_card = c.index;
            snprintf(w->drm_connector, sizeof(w->drm_connector), "%s", c.connector);
            log_msg(LOG_LEVEL_INFO, "display card: /dev/dri/card%d (%s)%s%s", c.index,
                    c.driver[0] ? c.driver : "?", c.connector[0] ? ", screen on " : "",
                    c.connector);
            if (waited > 0)
                log_msg(LOG_LEVEL_INFO, "a display is connected after %d s", waited);
            return true;
        }
        if (waited % 300 == 0) /* say it again every 5 minutes */
            log_msg(LOG_LEVEL_WARN, "%s; checking again every 10 s",
                    c.message[0] ? c.message : "no display connected");
        if (signals_sleep(10000))
            return false;
        waited += 10;
    }
}

bool window_prepare(KioskWindow *w, const AppOptions *o, const struct timespec *started)
{
    memset(w, 0, sizeof(*w));
    w->started = started;
    w->orientation = o->orientation;
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
    w->drm_card = -1;
    return !will_use_kmsdrm() || choose_drm_card(w);
}

/* ---- opening ---- */

static bool driver_is(const char *name)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d != NULL && strcmp(d, name) == 0;
}

/* --mode on KMSDRM: of the display's modes of that size, the highest refresh
 * rate up to 60 Hz (mode_pick.h: SDL_GetClosestDisplayMode took the first
 * one, 30 Hz on a 4K TV without 4Kp60), for a real fullscreen window (a mode
 * switch). Elsewhere the desktop's mode stays: a desktop owns the screen's
 * mode. Returns true with *mode set. */
static bool pick_mode(const AppOptions *o, int display, SDL_DisplayMode *mode)
{
    if (!o->has_mode || o->windowed)
        return false;
    if (!driver_is("kmsdrm")) {
        log_msg(
            LOG_LEVEL_INFO,
            "--mode %dx%d: only on a console without a desktop (kmsdrm); keeping the desktop's mode",
            o->mode_w, o->mode_h);
        return false;
    }
    ModePickMode list[64];
    SDL_DisplayMode all[64];
    int n = SDL_GetNumDisplayModes(display);
    if (n > 64)
        n = 64;
    for (int i = 0; i < n; i++) {
        if (SDL_GetDisplayMode(display, i, &all[i]) != 0)
            memset(&all[i], 0, sizeof(all[i]));
        list[i] = (ModePickMode){all[i].w, all[i].h, all[i].refresh_rate};
    }
    int pick = mode_pick(list, n < 0 ? 0 : n, o->mode_w, o->mode_h, MODE_PICK_MAX_HZ);
    if (pick < 0) {
        log_msg(LOG_LEVEL_WARN,
                "--mode %dx%d: the screen on display %d has no such mode; keeping the current mode",
                o->mode_w, o->mode_h, display);
        return false;
    }
    *mode = all[pick];
    log_msg(LOG_LEVEL_INFO, "mode %dx%d@%d for --mode %dx%d", mode->w, mode->h, mode->refresh_rate,
            o->mode_w, o->mode_h);
    return true;
}

/* The layout's size: the screen's, turned by --orientation. The turned
 * frame is a texture: on a GPU whose limit is smaller (a Pi 3 takes 2048 a
 * side) it is laid out smaller and the turn scales it up, rather than not
 * turned at all. */
static void set_layout_size(KioskWindow *w)
{
    bool turned = w->orientation == 90 || w->orientation == 270;
    int lw = turned ? w->h : w->w, lh = turned ? w->w : w->h;
    if (w->orientation != 0 && w->sdl != NULL) {
        int max_w, max_h, fw, fh;
        render_texture_limit(w->sdl, &max_w, &max_h);
        render_fit_texture(lw, lh, max_w, max_h, &fw, &fh);
        if ((fw != lw || fh != lh) && (fw != w->lw || fh != w->lh))
            log_msg(
                LOG_LEVEL_INFO,
                "turned frame %dx%d is over the GPU's texture limit %dx%d: drawn at %dx%d and scaled up",
                lw, lh, max_w, max_h, fw, fh);
        lw = fw;
        lh = fh;
    }
    w->lw = lw;
    w->lh = lh;
}

/* --renderer for the video driver SDL started (see render_choice.h). SDL
 * reads both hints only when the window's surface and the renderer are
 * made, so they can follow the driver. */
static void choose_renderer(KioskWindow *w, const AppOptions *o)
{
    RenderChoice c = render_choose(o->renderer, SDL_GetCurrentVideoDriver(), have_gpu());
    if (c.note != NULL)
        log_msg(LOG_LEVEL_WARN, "%s", c.note);
    w->software = c.software;
    w->fallback = c.fallback;
    if (w->software) {
        /* Draw into the window's own surface: no GL context behind it (on a
         * machine without a GPU, Mesa's llvmpipe costs start-up time, memory
         * and CPU per frame for nothing). */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
}

static int create_renderer(KioskWindow *w, int fallback_w, int fallback_h)
{
    if (!w->software) {
        w->sdl =
            SDL_CreateRenderer(w->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (w->sdl == NULL && !w->fallback) {
            char msg[512];
            log_msg(LOG_LEVEL_ERROR, "%s",
                    render_choice_gpu_error(SDL_GetCurrentVideoDriver(), SDL_GetError(), msg,
                                            sizeof(msg)));
            return -1;
        }
    }
    if (w->sdl == NULL) {
        if (!w->software)
            log_msg(LOG_LEVEL_INFO, "no accelerated renderer (%s), using software", SDL_GetError());
        w->sdl = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (w->sdl == NULL) {
        log_msg(LOG_LEVEL_ERROR, "cannot create a renderer: %s", SDL_GetError());
        return -1;
    }
    if (SDL_GetRendererOutputSize(w->sdl, &w->w, &w->h) != 0) {
        w->w = fallback_w;
        w->h = fallback_h;
    }
    set_layout_size(w);
    return 0;
}

int window_open(KioskWindow *w, const AppOptions *o)
{
    char err[256];
    int n = SDL_GetNumVideoDisplays();
    int display = o->display < n ? o->display : 0;
    if (o->display >= n)
        log_msg(LOG_LEVEL_WARN, "display %d not found (%d connected), using 0", o->display, n);
    Uint32 flags = SDL_WINDOW_HIDDEN | SDL_WINDOW_ALLOW_HIGHDPI;
    int ww = o->win_w, wh = o->win_h;
    choose_renderer(w, o);
    SDL_DisplayMode mode;
    bool switch_mode = pick_mode(o, display, &mode);
    if (switch_mode) {
        flags |= SDL_WINDOW_FULLSCREEN;
        w->mode_switched = true;
        ww = mode.w;
        wh = mode.h;
        w->fullscreen = true;
    } else if (!o->windowed) {
        SDL_Rect r;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        if (SDL_GetDisplayBounds(display, &r) == 0) {
            ww = r.w;
            wh = r.h;
        }
        w->fullscreen = true;
    } else {
        flags |= SDL_WINDOW_RESIZABLE;
    }
    /* SDL's macro mixes an unsigned mask with the int display index. */
    int centered = (int)(SDL_WINDOWPOS_CENTERED_MASK | (unsigned)display);
    w->win = SDL_CreateWindow("okr-kiosk", centered, centered, ww, wh, flags);
    if (w->win == NULL) {
        log_msg(LOG_LEVEL_ERROR, "cannot open a window: %s", SDL_GetError());
        return -1;
    }
    if (switch_mode && SDL_SetWindowDisplayMode(w->win, &mode) != 0)
        log_msg(LOG_LEVEL_WARN, "cannot set the mode %dx%d: %s", mode.w, mode.h, SDL_GetError());
    stage(w, "window created");
    if (create_renderer(w, ww, wh) != 0)
        return -1;
    stage(w, "window open");
    w->rend = render_create(w->sdl, o->font[0] ? o->font : NULL, err, sizeof(err));
    if (w->rend == NULL) {
        log_msg(LOG_LEVEL_ERROR, "%s", err);
        return -2;
    }
    stage(w, "fonts open");
    SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    return 0;
}

int window_drm_fd(const KioskWindow *w)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (w->win == NULL || !SDL_GetWindowWMInfo(w->win, &info) || info.subsystem != SDL_SYSWM_KMSDRM)
        return -1;
    return info.info.kmsdrm.drm_fd;
}

const char *window_renderer_name(const KioskWindow *w)
{
    SDL_RendererInfo info;
    if (w->sdl == NULL || SDL_GetRendererInfo(w->sdl, &info) != 0)
        return "?";
    return info.name;
}

void window_set_orientation(KioskWindow *w, int degrees)
{
    w->orientation = degrees;
    set_layout_size(w);
}

/* ---- changes ---- */

bool window_update_size(KioskWindow *w)
{
    int ow = 0, oh = 0;
    bool changed = false;
    if (SDL_GetRendererOutputSize(w->sdl, &ow, &oh) == 0 && ow > 0 && oh > 0 &&
        (ow != w->w || oh != w->h)) {
        w->w = ow;
        w->h = oh;
        changed = true;
        log_msg(LOG_LEVEL_INFO, "screen: %dx%d", ow, oh);
    }
    set_layout_size(w);
    return changed;
}

/*
 * The size the X server gives the window, or false when that cannot be
 * asked (not X11). SDL 2 takes a fullscreen request as done: without a
 * window manager to carry it out (xinit on a kiosk PC) it reports the
 * screen's size for a window that kept its own. XGetGeometry() is looked up
 * in the libX11 that SDL's X11 driver has loaded, so the kiosk needs no X11
 * library of its own.
 */
static bool x11_size(SDL_Window *win, int *w, int *h)
{
#if defined(SDL_VIDEO_DRIVER_X11)
    typedef int (*GetGeometryFn)(Display *, Drawable, Window *, int *, int *, unsigned *,
                                 unsigned *, unsigned *, unsigned *);
    static GetGeometryFn get_geometry;
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_X11)
        return false;
    if (get_geometry == NULL) {
        void *lib = dlopen("libX11.so.6", RTLD_LAZY | RTLD_NOLOAD);
        if (lib == NULL)
            return false;
        *(void **)(&get_geometry) = dlsym(lib, "XGetGeometry");
        dlclose(lib); /* SDL keeps it loaded */
        if (get_geometry == NULL)
            return false;
    }
    Window root;
    int x, y;
    unsigned ww, wh, border, depth;
    if (get_geometry(info.info.x11.display, info.info.x11.window, &root, &x, &y, &ww, &wh, &border,
                     &depth) == 0)
        return false;
    *w = (int)ww;
    *h = (int)wh;
    return true;
#else
    (void)win;
    (void)w;
    (void)h;
    return false;
#endif
}

/* True when the window's real size is known and differs from SDL's idea. */
static bool size_is_wrong(const KioskWindow *w)
{
    int sw, sh, rw, rh;
    SDL_GetWindowSize(w->win, &sw, &sh);
    return x11_size(w->win, &rw, &rh) && (rw != sw || rh != sh);
}

/* Cover the display with a plain window: fullscreen where nobody manages
 * windows. The windowed place is kept for the way back. */
static void cover_display(KioskWindow *w)
{
    SDL_Rect b;
    if (SDL_GetDisplayBounds(SDL_GetWindowDisplayIndex(w->win), &b) != 0)
        return;
    SDL_SetWindowPosition(w->win, b.x, b.y);
    SDL_SetWindowSize(w->win, b.w, b.h);
    w->covering = true;
    log_msg(
        LOG_LEVEL_INFO,
        "fullscreen: no window manager took the request; the window covers the display instead");
}

void window_toggle_fullscreen(KioskWindow *w)
{
    if (w->covering) {
        SDL_SetWindowSize(w->win, w->windowed.w, w->windowed.h);
        SDL_SetWindowPosition(w->win, w->windowed.x, w->windowed.y);
        w->covering = false;
        w->fullscreen = false;
        return;
    }
    w->fullscreen = !w->fullscreen;
    if (w->fullscreen) {
        SDL_GetWindowPosition(w->win, &w->windowed.x, &w->windowed.y);
        SDL_GetWindowSize(w->win, &w->windowed.w, &w->windowed.h);
    }
    Uint32 how = w->mode_switched ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_SetWindowFullscreen(w->win, w->fullscreen ? how : 0);
    /* SDL waited 100 ms for a window manager; give a slow one a little more
     * (pumping, so SDL sees the sizes the X server reports). */
    for (int i = 0; i < 10 && size_is_wrong(w); i++) {
        SDL_Delay(20);
        SDL_PumpEvents();
    }
    if (!size_is_wrong(w))
        return;
    /* Nobody resized the window: SDL's size is the screen's (or, on the way
     * back, still the screen's). Tell SDL the truth by leaving its fullscreen
     * and sizing the window ourselves. */
    int rw = 0, rh = 0;
    x11_size(w->win, &rw, &rh);
    if (w->fullscreen)
        SDL_SetWindowFullscreen(w->win, 0);
    if (w->fullscreen && !w->mode_switched) {
        cover_display(w);
    } else {
        w->fullscreen = false;
        SDL_SetWindowSize(w->win, rw, rh);
    }
}

int window_recreate_renderer(KioskWindow *w, const char *font)
{
    char err[256];
    render_destroy(w->rend);
    w->rend = render_create(w->sdl, font, err, sizeof(err));
    if (w->rot != NULL) {
        SDL_DestroyTexture(w->rot);
        w->rot = NULL;
    }
    if (w->rend == NULL) {
        log_msg(LOG_LEVEL_ERROR, "%s", err);
        return -1;
    }
    return 0;
}

/* ---- frames ---- */

/* Returns false when drawing goes straight to the screen. */
static bool begin_rotated(KioskWindow *w)
{
    if (w->orientation == 0)
        return false;
    if (w->rot != NULL && (w->rot_w != w->lw || w->rot_h != w->lh)) {
        SDL_DestroyTexture(w->rot);
        w->rot = NULL;
    }
    if (w->rot == NULL) {
        w->rot = SDL_CreateTexture(w->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                   w->lw, w->lh);
        if (w->rot == NULL) {
            log_msg(LOG_LEVEL_ERROR, "cannot draw rotated (%s): drawing upright", SDL_GetError());
            window_set_orientation(w, 0);
            return false;
        }
        SDL_SetTextureScaleMode(w->rot, SDL_ScaleModeLinear); /* when scaled up */
        w->rot_w = w->lw;
        w->rot_h = w->lh;
    }
    return SDL_SetRenderTarget(w->sdl, w->rot) == 0;
}

static void end_rotated(KioskWindow *w)
{
    SDL_SetRenderTarget(w->sdl, NULL);
    SDL_SetRenderDrawColor(w->sdl, 0, 0, 0, 255);
    SDL_RenderClear(w->sdl);
    bool turned = w->orientation == 90 || w->orientation == 270;
    int fw = turned ? w->h : w->w, fh = turned ? w->w : w->h; /* the frame at full size */
    SDL_Rect dst = {(w->w - fw) / 2, (w->h - fh) / 2, fw, fh};
    SDL_RenderCopyEx(w->sdl, w->rot, NULL, &dst, (double)w->orientation, NULL, SDL_FLIP_NONE);
}

/* Night dimming: black at (1 - dim) opacity over the whole frame. */
static void dim_frame(KioskWindow *w, float dim)
{
    if (dim >= 1.0f)
        return;
    SDL_SetRenderDrawBlendMode(w->sdl, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(w->sdl, 0, 0, 0, (Uint8)((1.0f - dim) * 255.0f + 0.5f));
    SDL_RenderFillRect(w->sdl, NULL);
}

void window_begin_frame(KioskWindow *w)
{
    w->rotated = begin_rotated(w);
    render_clear(w->rend);
}

void window_end_frame(KioskWindow *w, float dim)
{
    dim_frame(w, dim);
    if (w->rotated)
        end_rotated(w);
    SDL_RenderPresent(w->sdl);
    w->frames++;
    if (w->frames == 1)
        stage(w, "first frame drawn");
    if (!w->shown) {
        SDL_ShowWindow(w->win);
        w->shown = true;
        if (w->started != NULL)
            log_msg(LOG_LEVEL_DEBUG, "first frame presented after %.1f ms", ms_since(w->started));
    }
}

void window_blank(KioskWindow *w)
{
    SDL_SetRenderDrawColor(w->sdl, 0, 0, 0, 255);
    SDL_RenderClear(w->sdl);
    SDL_RenderPresent(w->sdl);
    log_msg(LOG_LEVEL_DEBUG, "screen off: black frame drawn");
    if (!w->shown) {
        SDL_ShowWindow(w->win);
        w->shown = true;
    }
}

void window_close(KioskWindow *w)
{
    render_destroy(w->rend);
    if (w->rot != NULL)
        SDL_DestroyTexture(w->rot);
    if (w->sdl != NULL)
        SDL_DestroyRenderer(w->sdl);
    if (w->win != NULL)
        SDL_DestroyWindow(w->win);
    w->rend = NULL;
    w->rot = NULL;
    w->sdl = NULL;
    w->win = NULL;
}
