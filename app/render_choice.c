/* render_choice: the renderer for --renderer and the video driver (see
 * render_choice.h). */
#include "render_choice.h"

#include <stdio.h>
#include <string.h>

static bool is_kmsdrm(const char *driver)
{
    return driver != NULL && strcmp(driver, "kmsdrm") == 0;
}

RenderChoice render_choose(OptRenderer asked, const char *video_driver, bool have_gpu)
{
    RenderChoice c = {false, true, NULL};
    if (is_kmsdrm(video_driver)) {
        c.fallback = false;
        if (asked == OPT_RENDER_SOFTWARE)
            c.note =
                "renderer software: SDL has no software window on the console (kmsdrm), drawing with the "
                "GPU instead; use renderer = auto or gpu there";
        return c;
    }
    if (asked == OPT_RENDER_SOFTWARE || (asked == OPT_RENDER_AUTO && !have_gpu)) {
        c.software = true;
        c.fallback = false;
    }
    return c;
}

const char *render_choice_gpu_error(const char *video_driver, const char *sdl_error, char *buf,
                                    size_t len)
{
    if (is_kmsdrm(video_driver))
        snprintf(
            buf, len,
            "cannot draw on the console: no OpenGL ES renderer (%s); the console needs EGL, OpenGL ES "
            "and the Mesa drivers: apt install libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri",
            sdl_error);
    else
        snprintf(buf, len, "cannot create a renderer: %s", sdl_error);
    return buf;
}
