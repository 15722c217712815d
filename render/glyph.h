/*
 * glyph: status and checklist symbols (check, exclamation mark, cross, dash,
 * clock, empty and checked box) drawn as anti-aliased geometry, so they scale
 * to any size and need no icon font. The symbol is fitted into the largest
 * square centred in the box.
 */
#ifndef GLYPH_H
#define GLYPH_H

#include "geom.h"
#include "layout.h"

/* Queue the glyph's triangles into g (flush g to draw). */
void glyph_draw(GeomBuf *g, GlyphKind kind, Box box, Rgba color);

#endif
