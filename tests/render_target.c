/* render_target: see render_target.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "render_target.h"

Target target_new(int w, int h)
{
    Target t;
    char err[256];
    t.surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(t.surf);
    t.sdl = SDL_CreateSoftwareRenderer(t.surf);
    assert_non_null(t.sdl);
    t.r = render_create(t.sdl, NULL, err, sizeof(err));
    if (!t.r)
        fail_msg("render_create: %s", err);
    render_clear(t.r);
    return t;
}

void target_free(Target *t)
{
    render_destroy(t->r);
    SDL_DestroyRenderer(t->sdl);
    SDL_FreeSurface(t->surf);
}
