/*
 * render_target: a software renderer on an in-memory surface with the
 * project's Renderer on top, cleared to the background, for the render tests
 * that read pixels back. No window and no display needed.
 */
#ifndef RENDER_TARGET_H
#define RENDER_TARGET_H

#include <SDL.h>
#include "render.h"

typedef struct {
    SDL_Surface *surf;
    SDL_Renderer *sdl;
    Renderer *r;
} Target;

/* Fails the current cmocka test when any part cannot be made. */
Target target_new(int w, int h);
void target_free(Target *t);

#endif
