/*
 * render_choice: which SDL renderer the kiosk draws with, for --renderer and
 * the video driver SDL started.
 *
 * SDL's software renderer draws into the window's surface. SDL 2.26's
 * KMSDRM driver (the console) has no window surface of its own: SDL_video.c
 * would make one from a GPU texture (its "texture framebuffer", which needs
 * EGL and OpenGL ES anyway, plus an upload of the whole screen per frame),
 * and with SDL_HINT_FRAMEBUFFER_ACCELERATION=0 there is none at all, so
 * `software` there ended in "cannot create a renderer". On kmsdrm the kiosk
 * therefore refuses `software` (it says so and draws with the GPU) and never
 * falls back to it; a GPU renderer that cannot be made is an error that names
 * the missing EGL/GLES packages. Elsewhere (x11, wayland, offscreen, dummy):
 * `software` draws without OpenGL, `gpu` falls back to software when no GPU
 * renderer can be made, and `auto` is gpu when a DRM device exists.
 *
 * Pure: the caller passes the driver's name and whether /dev/dri has a
 * device, so tests walk the table.
 */
#ifndef APP_RENDER_CHOICE_H
#define APP_RENDER_CHOICE_H

#include <stdbool.h>
#include "options.h"

typedef struct {
    bool software;    /* SDL's software renderer, no OpenGL */
    bool fallback;    /* a GPU renderer that cannot be made: try software */
    const char *note; /* a warning to log about the choice, or NULL */
} RenderChoice;

/* video_driver: SDL_GetCurrentVideoDriver() (NULL counts as not kmsdrm). */
RenderChoice render_choose(OptRenderer asked, const char *video_driver, bool have_gpu);

/* The error when no GPU renderer can be made on video_driver, with what to
 * do (written to buf, which is returned). */
const char *render_choice_gpu_error(const char *video_driver, const char *sdl_error, char *buf,
                                    size_t len);

#endif
