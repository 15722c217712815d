/*
 * shape_cache: rings and glyphs pre-drawn into textures, for the software
 * renderer.
 *
 * SDL's software rasteriser allocates and blends a temporary surface for
 * every blended triangle, so a ring's few hundred fringe triangles cost far
 * more there than on a GPU. With this cache a shape is drawn with the same
 * geometry once into a target texture and later frames only copy it; a
 * changed value (an animation step) draws a new one. Entries are evicted
 * least recently used first beyond a byte budget, except those drawn in
 * this frame or the one before (shape_cache_begin_frame), as in text_cache. A shape with an empty
 * middle (a ring) can be kept as the inked pieces of sixteen rows, without
 * its hole and the transparent corners around it.
 *
 * A shape larger than the renderer's texture limit is not cached: the
 * draw calls fail and the caller draws the geometry itself.
 *
 * Ownership: borrows the SDL_Renderer; owns its textures and vertex buffer.
 */
#ifndef SHAPE_CACHE_H
#define SHAPE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <SDL.h>
#include "geom.h"

typedef struct ShapeCache ShapeCache;

/* Fills g (already reset, offset 0, opacity 1) with the shape, in texture
 * coordinates. */
typedef void (*ShapeBuildFn)(GeomBuf *g, const void *arg);

ShapeCache *shape_cache_create(SDL_Renderer *sdl, size_t max_bytes);
void shape_cache_destroy(ShapeCache *sc);

/* A new frame begins: shapes not drawn since the frame before become
 * evictable, and are evicted now while the cache is over its budget. */
void shape_cache_begin_frame(ShapeCache *sc);
void shape_cache_set_budget(ShapeCache *sc, size_t max_bytes);

/* Lower the largest texture side the cache makes (pixels; 0 keeps that
 * side). It starts at what the renderer reports (SDL_GetRendererInfo). */
void shape_cache_set_max_texture(ShapeCache *sc, int max_w, int max_h);

/* Copy the shape identified by key (key_len bytes) to (x, y) with size
 * (w, h) pixels and the given opacity; on a miss build() draws it into a new
 * w x h texture cleared to 'clear' (the shape's colour at alpha 0, so edge
 * blending keeps the colour). Returns 0, or -1 when the texture could not be
 * made (the caller then draws the geometry directly). */
int shape_cache_draw(ShapeCache *sc, const void *key, size_t key_len, int x, int y, int w, int h,
                     SDL_Color clear, float opacity, ShapeBuildFn build, const void *arg);

/* The texture for key, built on a miss as for shape_cache_draw(); owned by
 * the cache and valid until the next call. NULL on failure. */
SDL_Texture *shape_cache_get(ShapeCache *sc, const void *key, size_t key_len, int w, int h,
                             SDL_Color clear, ShapeBuildFn build, const void *arg);

/* Like shape_cache_draw() for a side x side shape with nothing inside the
 * centred square of half side 'hole' (a ring): only the inked pieces of
 * sixteen rows are kept (two per row where a transparent run of at least
 * 'hole' columns lies between), which saves the hole's and the corners'
 * memory and the blitter's walk
 * over its transparent pixels. Returns 0, or -1 as shape_cache_draw(). */
int shape_cache_draw_holed(ShapeCache *sc, const void *key, size_t key_len, int x, int y, int side,
                           int hole, SDL_Color clear, float opacity, ShapeBuildFn build,
                           const void *arg);

/* Drop the texture for key (w x h) if the cache holds it: for pictures that
 * are known not to be drawn again soon. Returns true when one was dropped. */
bool shape_cache_forget(ShapeCache *sc, const void *key, size_t key_len, int w, int h);

/* The shape for key (w x h) went off the screen: unless it was drawn in
 * this frame, it is no longer in use and may be evicted at once (the
 * texture stays while the budget holds it). */
void shape_cache_release(ShapeCache *sc, const void *key, size_t key_len, int w, int h);

void shape_cache_stats(const ShapeCache *sc, size_t *created, size_t *hits, size_t *bytes);
/* Texture bytes released (evicted or forgotten) since shape_cache_create. */
size_t shape_cache_freed_bytes(const ShapeCache *sc);

#endif
