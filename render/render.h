/*
 * render: the only code that draws. It walks a Layout (render/layout.h) and
 * turns each element into SDL calls: anti-aliased rings with SDL_RenderGeometry
 * (ring.c), cached text textures from SDL_ttf with fontconfig fallbacks
 * (text_cache.c, fonts.c), and status glyphs drawn as geometry (glyph.c).
 *
 * Ownership: render_create() borrows the SDL_Renderer (the caller destroys it
 * after render_destroy()); the Renderer owns its fonts and texture cache.
 *
 * Process-wide side effect: on glibc, render_create() fixes malloc's mmap
 * threshold for the whole process at 128 KiB (mallopt(M_MMAP_THRESHOLD), see
 * render.c), so every large allocation, any thread's, gets its own mapping
 * that goes back to the system on free: the software renderer's texture
 * pixels no longer pin heap memory once evicted. render_destroy() does not
 * undo it.
 */
#ifndef RENDER_H
#define RENDER_H

#include <stddef.h>
#include <SDL.h>
#include "layout.h"

typedef struct Renderer Renderer;

/* font_path overrides the default font (found through fontconfig: Inter, then
 * DejaVu Sans). Returns NULL with a message in err when no font can be opened. */
Renderer *render_create(SDL_Renderer *sdl, const char *font_path, char *err, size_t errlen);
void render_destroy(Renderer *r);

/* Begin a frame: fill the whole target with the background colour. The
 * caches then keep what the last two frames drew and size their budgets to
 * the output (render_cache_budgets). */
void render_clear(Renderer *r);
/* The text and ring cache budgets (texture bytes) for a w x h screen. */
void render_cache_budgets(int w, int h, size_t *text_bytes, size_t *shape_bytes);
/* Draw every element, offset by (dx, dy) pixels (view slides) and with
 * the given opacity 0..1 (cross-fades, help overlay fade-in). Elements
 * wholly outside the target are skipped and their cached textures released
 * (a view sliding out gives its memory to the one sliding in), and at
 * opacity 0 nothing is drawn and all of it is released; texts move by
 * whole pixels. */
void render_layout(Renderer *r, const Layout *layout, float dx, float dy, float opacity);

/* Text textures created / reused since render_create (for tests, benchmarks). */
void render_text_stats(const Renderer *r, size_t *created, size_t *hits);

/* The largest texture sdl takes (pixels a side; 0 = no limit): the GPU's
 * max_texture_width/height, or OKR_MAX_TEXTURE_SIZE from the environment
 * when that is smaller (to run a small GPU's code paths on a desktop). */
void render_texture_limit(SDL_Renderer *sdl, int *max_w, int *max_h);
/* w x h scaled down, keeping its shape, until it fits max_w x max_h (0 = no
 * limit); unchanged when it fits. For a full-screen target texture. */
void render_fit_texture(int w, int h, int max_w, int max_h, int *fit_w, int *fit_h);

/* The largest texture this renderer makes (render_texture_limit() of its
 * SDL_Renderer). No texture of the caches is larger. */
void render_max_texture(const Renderer *r, int *max_w, int *max_h);

/* Texture bytes the text and shape caches hold now (for tests, benchmarks). */
void render_cache_usage(const Renderer *r, size_t *text_bytes, size_t *shape_bytes);
/* The widest and the tallest text texture made so far (for tests). */
void render_largest_texture(const Renderer *r, int *w, int *h);

/* The text of a text element as render_layout draws it: its lines joined by
 * '\n', with an ellipsis where text was cut (for tests and measurements of
 * what a viewer can read). Returns the number of lines (0: nothing drawn).
 * Numbers drawn character by character (percent_of) come out as one line. */
int render_text_as_drawn(Renderer *r, const Element *e, char *out, size_t outlen);

/* Lines a text element of this weight, size and box width wraps into when
 * drawn (its box tall enough for all of them, at most 16), 0 when the font
 * cannot be opened: the layout's measure (LayoutInput.lines, renderer as
 * ctx). The box's left edge may fall between pixels, so the width is taken
 * a pixel narrower than it can be drawn. Answers are remembered. */
int render_text_lines(void *renderer, const char *text, FontWeight weight, float size_px,
                      float width);

/* Write the current target's pixels to a PNG. Returns 0, or -1 with err set. */
int render_save_png(SDL_Renderer *sdl, const char *path, char *err, size_t errlen);

#endif
