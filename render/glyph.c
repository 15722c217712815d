/*
 * glyph: symbols from round-capped strokes on a unit square (see glyph.h).
 * Coordinates below are fractions of the square; the stroke width is 12 % of
 * its side (at least 1.5 px) so the symbols read like a semibold font.
 */
#include "glyph.h"

#include <math.h>
#include <stdbool.h>

typedef struct {
    GeomBuf *g;
    float x, y, s, stroke;
    SDL_Color c;
} Pen;

static void stroke(const Pen *p, float x0, float y0, float x1, float y1)
{
    geom_line(p->g, p->x + x0 * p->s, p->y + y0 * p->s, p->x + x1 * p->s, p->y + y1 * p->s,
              p->stroke, p->c, true);
}

static void check(const Pen *p, float inset)
{
    float k = 1.0f - 2.0f * inset;
    stroke(p, inset + 0.08f * k, inset + 0.54f * k, inset + 0.38f * k, inset + 0.82f * k);
    stroke(p, inset + 0.38f * k, inset + 0.82f * k, inset + 0.92f * k, inset + 0.20f * k);
}

static void box_outline(const Pen *p)
{
    const float a = 0.12f, b = 0.88f;
    stroke(p, a, a, b, a);
    stroke(p, b, a, b, b);
    stroke(p, b, b, a, b);
    stroke(p, a, b, a, a);
}

static void clock(const Pen *p)
{
    float cx = p->x + 0.5f * p->s, cy = p->y + 0.5f * p->s;
    float r = 0.44f * p->s;
    geom_arc(p->g, cx, cy, r - p->stroke, r, 0, 2.0f * 3.14159265f, p->c);
    stroke(p, 0.5f, 0.5f, 0.5f, 0.24f);
    stroke(p, 0.5f, 0.5f, 0.70f, 0.5f);
}

/* A filled triangle, point up or down, inside the square's middle 80 %:
 * a change mark's arrow, read by its shape without its colour. */
static void triangle(const Pen *p, bool up)
{
    const float a = 0.10f, b = 0.90f, top = up ? 0.16f : 0.84f, base = up ? 0.84f : 0.16f;
    int i0 = geom_vertex(p->g, p->x + 0.5f * p->s, p->y + top * p->s, p->c);
    int i1 = geom_vertex(p->g, p->x + a * p->s, p->y + base * p->s, p->c);
    int i2 = geom_vertex(p->g, p->x + b * p->s, p->y + base * p->s, p->c);
    if (i0 >= 0 && i1 >= 0 && i2 >= 0)
        geom_tri(p->g, i0, i1, i2);
    /* thin round-capped edges: the anti-aliased fringe the fill lacks */
    {
        Pen e = *p;
        e.stroke = fmaxf(1.0f, 0.5f * p->stroke);
        stroke(&e, 0.5f, top, a, base);
        stroke(&e, a, base, b, base);
        stroke(&e, b, base, 0.5f, top);
    }
}

void glyph_draw(GeomBuf *g, GlyphKind kind, Box box, Rgba color)
{
    float s = fminf(box.w, box.h);
    if (s <= 0)
        return;
    Pen p = {g, box.x + (box.w - s) * 0.5f, box.y + (box.h - s) * 0.5f,
             s, fmaxf(1.5f, s * 0.12f),     {color.r, color.g, color.b, color.a}};
    switch (kind) {
    case GLYPH_CHECK:
        check(&p, 0.05f);
        break;
    case GLYPH_EXCLAIM:
        stroke(&p, 0.5f, 0.12f, 0.5f, 0.60f);
        geom_disc(g, p.x + 0.5f * s, p.y + 0.86f * s, p.stroke * 0.62f, p.c);
        break;
    case GLYPH_CROSS:
        stroke(&p, 0.18f, 0.18f, 0.82f, 0.82f);
        stroke(&p, 0.82f, 0.18f, 0.18f, 0.82f);
        break;
    case GLYPH_DASH:
        stroke(&p, 0.18f, 0.5f, 0.82f, 0.5f);
        break;
    case GLYPH_CLOCK:
        clock(&p);
        break;
    case GLYPH_BOX:
        box_outline(&p);
        break;
    case GLYPH_BOX_CHECKED:
        box_outline(&p);
        p.stroke *= 0.9f;
        check(&p, 0.26f);
        break;
    case GLYPH_UP:
    case GLYPH_DOWN:
        triangle(&p, kind == GLYPH_UP);
        break;
    }
}
