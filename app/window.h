/*
 * window: the kiosk's screen. Opens the SDL window and renderer (GPU or
 * software, fullscreen on the desktop's mode or a --mode switch on KMSDRM,
 * a --display), turns the picture for --orientation, dims it, presents it,
 * shows the window after its first frame, follows resizes and F
 * (fullscreen), and picks the DRM card on KMSDRM before SDL starts.
 *
 * The window draws nothing of the wall itself: the loop renders the layout
 * with render_layout(w->rend, ...) between window_begin_frame() and
 * window_end_frame().
 *
 * Ownership: a KioskWindow is a value owned by the loop; window_open()
 * creates the SDL window, the SDL renderer and the Renderer, window_close()
 * destroys them (it is safe on a window that never opened). Thread: the main
 * thread only (SDL rendering).
 */
#ifndef APP_WINDOW_H
#define APP_WINDOW_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <SDL.h>

#include "options.h"
#include "render.h"

typedef struct {
    SDL_Window *win;
    SDL_Renderer *sdl;
    Renderer *rend;
    int w, h;           /* the output in pixels */
    int lw, lh;         /* the layout's size: w x h, swapped at 90/270 degrees */
    int orientation;    /* 0, 90, 180, 270 */
    bool software;      /* no GL: draw into the window surface */
    bool fallback;      /* software when no GPU renderer can be made */
    bool mode_switched; /* --mode on kmsdrm: real fullscreen in that mode */
    bool fullscreen;
    bool covering;     /* fullscreen without a window manager: a window the size of the display */
    SDL_Rect windowed; /* where the window was before fullscreen */
    bool shown;        /* shown after the first frame */
    uint64_t frames;   /* frames presented (the black frame not counted) */
    SDL_Texture *rot;  /* --orientation: the frame before it is turned */
    int rot_w, rot_h;
    bool rotated;                   /* this frame is drawn into rot */
    const struct timespec *started; /* process start, for the -vv start-up timing */
    int drm_card;                   /* kmsdrm: N of /dev/dri/cardN chosen for SDL, else -1 */
    char drm_connector[48];         /* kmsdrm: its connected connector, "HDMI-A-1" */
} KioskWindow;

/*
 * Before SDL_Init(): SDL hints, and on KMSDRM the card with the screen,
 * waiting (and saying so every 5 minutes) while none is connected.
 * Returns false when SIGTERM came while waiting.
 */
bool window_prepare(KioskWindow *w, const AppOptions *o, const struct timespec *started);

/* Opens the window hidden, and the renderer with the font (NULL: the bundled
 * one): software or GPU by --renderer and the video driver (render_choice.h).
 * Returns 0; -1 with the reason logged when the window or renderer
 * failed (worth another try: a display that is still coming up); -2 when the
 * font cannot be opened (a setting to fix, no retry helps). */
int window_open(KioskWindow *w, const AppOptions *o);

/* kmsdrm: SDL's own DRM fd (SDL_GetWindowWMInfo, info.kmsdrm.drm_fd), owned
 * by SDL; -1 on other drivers. */
int window_drm_fd(const KioskWindow *w);

/* The SDL renderer's name ("opengl", "software"). */
const char *window_renderer_name(const KioskWindow *w);

/* --orientation changed (reload): the layout size follows. */
void window_set_orientation(KioskWindow *w, int degrees);

/* Read the output size again; true (and logged) when it changed. */
bool window_update_size(KioskWindow *w);

/* F: fullscreen on or off. The loop then calls window_update_size(). */
void window_toggle_fullscreen(KioskWindow *w);

/* After SDL_RENDER_DEVICE_RESET: a new Renderer (textures were lost).
 * Returns 0 or -1 with the reason logged. */
int window_recreate_renderer(KioskWindow *w, const char *font);

/* A frame: begin (clear; into the rotation texture with --orientation),
 * render layouts with w->rend, end (dim: brightness 0..1, turn, present;
 * shows the window after its first frame). */
void window_begin_frame(KioskWindow *w);
void window_end_frame(KioskWindow *w, float dim);

/* The screen is off: present one black frame. */
void window_blank(KioskWindow *w);

void window_close(KioskWindow *w);

#endif
