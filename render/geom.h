/*
 * geom: a reusable triangle batch for SDL_RenderGeometry, plus the
 * anti-aliased primitives the renderer builds from it (thick lines, discs,
 * rounded rectangles, annulus arcs).
 *
 * Anti-aliasing without a graphics library: every shape is drawn as an opaque
 * body inset by half a pixel plus a one-pixel fringe whose outer vertices keep
 * the colour at alpha 0, so the GPU (or SDL's software rasteriser) blends the
 * edge. Shapes are appended to one buffer that grows as needed and is reused
 * every frame; geom_flush() hands the batch to SDL in one call.
 *
 * Ownership: a GeomBuf is caller-owned (zero-initialise it); geom_free()
 * releases its arrays.
 */
#ifndef GEOM_H
#define GEOM_H

#include <stdbool.h>
#include <SDL.h>

typedef struct {
    SDL_Vertex *v;
    int *idx;
    int nv, cap_v;
    int ni, cap_i;
    bool oom;        /* an allocation failed; the batch is dropped at flush */
    float dx, dy;    /* offset added to every vertex */
    float opacity;   /* multiplies every vertex alpha (0..1) */
    float tolerance; /* how far (px) a chord may stray from a true circle */
} GeomBuf;

/* Default chord tolerance: an eighth of a pixel, invisible under the fringe.
 * SDL's software rasteriser snaps vertices to whole pixels, so there a
 * coarser tolerance (GEOM_TOLERANCE_SOFTWARE) looks the same and saves
 * triangles, which are what costs there. */
#define GEOM_TOLERANCE 0.125f
#define GEOM_TOLERANCE_SOFTWARE 0.35f

void geom_init(GeomBuf *g);
void geom_free(GeomBuf *g);
/* Draw what was queued (if anything) and empty the batch. Returns 0 or -1. */
int geom_flush(GeomBuf *g, SDL_Renderer *sdl);

/* Low-level: add a vertex (offset and opacity applied), return its index,
 * or -1 when out of memory. */
int geom_vertex(GeomBuf *g, float x, float y, SDL_Color c);
void geom_tri(GeomBuf *g, int a, int b, int c);
void geom_quad(GeomBuf *g, int a, int b, int c, int d); /* a-b-c-d in order */

/* Thick anti-aliased line of total width w, with round caps when asked. */
void geom_line(GeomBuf *g, float x0, float y0, float x1, float y1, float w, SDL_Color c,
               bool round_caps);
/* Anti-aliased filled disc. */
void geom_disc(GeomBuf *g, float cx, float cy, float r, SDL_Color c);
/* Half disc of radius r centred on (cx, cy), bulging towards direction
 * (ux, uy) (unit vector), extended 'back' pixels the other way so it overlaps
 * the shape it caps without a seam; used for round caps. */
void geom_half_disc(GeomBuf *g, float cx, float cy, float r, float ux, float uy, float back,
                    SDL_Color c);
/* Soft disc: opaque-ish core of radius r, fading to 0 over 'soft' pixels. */
void geom_soft_disc(GeomBuf *g, float cx, float cy, float r, float soft, SDL_Color c);
/* Anti-aliased filled rectangle with rounded corners (radius may be 0).
 * The flat body is three axis-aligned bands; with bands != NULL they are not
 * queued but written there (up to 3, the count is returned) so the caller
 * can fill them with SDL_RenderFillRect, which the software renderer does
 * far faster than large triangles. */
int geom_rounded_rect(GeomBuf *g, float x, float y, float w, float h, float radius, SDL_Color c,
                      SDL_FRect *bands);

/* Segments for a full circle of radius r at the default tolerance (the chord
 * strays at most GEOM_TOLERANCE from the circle); clamped to 12..1024. */
int geom_circle_segments(float r);

/* Annulus arc between radii r_in and r_out (outer edge), from angle a0 to a1
 * (radians, 0 = 12 o'clock, growing clockwise on screen). A full turn
 * (a1 - a0 >= 2 pi) closes the loop. Edges along the radii get no fringe
 * (caps or neighbours cover them). */
void geom_arc(GeomBuf *g, float cx, float cy, float r_in, float r_out, float a0, float a1,
              SDL_Color c);

#endif
