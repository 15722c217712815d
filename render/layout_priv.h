/*
 * layout_priv: what the layout_*.c files share and nobody else needs: the
 * build context (screen metrics, the element list being filled), the theme
 * colours and the small helpers that append elements.
 *
 * Every size is a fraction of the screen's short side S, so the same layout
 * reads the same from 720p to 4K and in portrait.
 */
#ifndef LAYOUT_PRIV_H
#define LAYOUT_PRIV_H

#include "layout.h"

/* Theme (dark). */
#define LC_BG ((Rgba){0x0E, 0x11, 0x16, 0xFF})
#define LC_CARD ((Rgba){0x16, 0x1B, 0x22, 0xFF})
#define LC_TRACK ((Rgba){0x26, 0x2C, 0x36, 0xFF})
#define LC_TEXT ((Rgba){0xE6, 0xE9, 0xEF, 0xFF})
#define LC_TEXT2 ((Rgba){0xA8, 0xB1, 0xBD, 0xFF}) /* >= 7:1 on the card */
#define LC_ON ((Rgba){0x00, 0x9E, 0x73, 0xFF})
#define LC_RISK ((Rgba){0xE6, 0x9F, 0x00, 0xFF})
#define LC_OFF ((Rgba){0xD5, 0x5E, 0x00, 0xFF})
#define LC_DONE ((Rgba){0x56, 0xB4, 0xE9, 0xFF})
#define LC_GREY ((Rgba){0x8B, 0x94, 0x9E, 0xFF})
#define LC_HILITE ((Rgba){0xE6, 0xE9, 0xEF, 0xFF}) /* selected card outline */

/* Line height of text, as a multiple of size_px (the renderer's contract).
 * Fonts' own line skip is up to ~1.21 em (Inter) and the renderer shows only
 * lines that fit whole, so a box of n lines must be a little taller. */
#define LAYOUT_LINE 1.25f

typedef struct {
    const LayoutInput *in;
    Layout *out;
    float S;       /* short side of the screen, px */
    float tmin;    /* smallest text size placed anywhere */
    Box inner;     /* safe area inset by the largest burn-in shift */
    Box content;   /* inner minus the header band */
    int scrim;     /* index of the full-screen help scrim, or -1 */
    bool failed;   /* an allocation failed */
    float mark_em; /* overview: width of the key results' change-mark
                         column in ems (0: no marks on this page) */
    float side_em; /* overview: the widest objective status line (glyph,
                         word, change mark) or owner of the page, in ems */
    float tall_em; /* the same with each change mark on a line of its own
                         (side_em when nothing moved) */
} Lctx;

/* Appenders: return the element index, or -1 after an allocation failure
 * (ctx->failed is then set and later calls do nothing). */
int lay_rect(Lctx *c, Box b, Rgba fill, float corner_radius);
int lay_text(Lctx *c, Box b, const char *text, float size, FontWeight w, TextAlign a, int max_lines,
             Rgba color, int percent_of);
int lay_glyph(Lctx *c, Box b, GlyphKind g, Rgba color);
int lay_ring(Lctx *c, float cx, float cy, float radius, float thickness, bool has_value,
             double value, double pace, OkrStatus status, uint32_t anim_key);
/* A polyline through n points (2..LAYOUT_POLY_MAX; more are cut) of stroke
 * width w; its box is the points' bounds grown by half the width. */
int lay_poly(Lctx *c, const float *x, const float *y, int n, float w, Rgba color);

/* Height of a text box of n lines of size px. The renderer rounds the size
 * and the box to whole pixels and shows only whole lines, so each line gets
 * a pixel more and the box three (snapping, not design: it is the same at
 * every screen size). */
static inline float lay_text_h(float size, int lines)
{
    return (float)lines * (LAYOUT_LINE * size + 1.0f) + 3.0f;
}

/* Offset from the top of a one-line text box to a glyph of the text's size
 * centred on that line. */
static inline float lay_glyph_dy(float size)
{
    return 0.5f * (lay_text_h(size, 1) - size);
}

Rgba layout_lap_color(Rgba c);

/* Change marks ("what moved since the last standup"): an up or down triangle
 * and the signed points, "+8" in the on-track colour, "\u22123" in the
 * off-track one. A mark is drawn only for a delta whose points moved. */
bool lay_mark_wanted(const OkrDelta *d);
/* Width of d's mark in ems of its text size (0 when none is wanted). */
float lay_mark_em(const OkrDelta *d, I18nLang lang);
/* Places d's mark with its text of size t on the line whose top is y, from
 * x, at most w wide. Returns the width used (0: nothing placed). */
float lay_mark(Lctx *c, float x, float y, float w, float t, const OkrDelta *d);

/* Trend lines (layout_trend.c): the progress of a key result over the
 * period in a small box, read, not studied: no axes, no grid. */
/* Whether d has a trend worth a line: two or more points with a value. */
bool lay_trend_wanted(const OkrDelta *d);
/* Places d's trend in box b: the expected pace as a faint diagonal from 0 %
 * at the period's start (bottom left) to 100 % at its end (top right), the
 * progress as a line in the status colour (clamped to 0..100 %), a dot at
 * each standup of set, a larger dot at now and, beside it, d's change mark
 * with text of size t. Returns whether the mark was placed (false also when
 * nothing was: !lay_trend_wanted(d)). */
bool lay_trend(Lctx *c, Box b, const OkrDeltaSet *set, const OkrDelta *d, OkrStatus status,
               float t);

/* Generous estimate: does text of this size fit one line of width px? */
bool lay_fits_one_line(const char *text, float size, float width);
/* The same estimate as a width in ems. */
float lay_text_em(const char *text);
/* Lines a word wrap of text at this size needs in width px (same guess). */
int lay_lines_needed(const char *text, float size, float width);
/* Lines text takes at width as the renderer wraps it (LayoutInput.lines),
 * or 0 when the layout has no measure and must guess. */
int lay_lines_measured(const Lctx *c, const char *text, FontWeight weight, float size, float width);
/* A generous width in ems of a number ("6600 %"): numbers are never cut. */
float lay_number_em(const char *text);
/* The size for a ring's centre number, whose box is 3.4 em of size wide:
 * smaller when the text would not fit ("5000 %"), never below the smallest
 * text (2.5 % of the short side). */
float lay_centre_size(const Lctx *c, const char *text, float size);

/* Stable, feed-unique animation keys. */
uint32_t layout_objective_key(const OkrFeed *feed, size_t oi);
uint32_t layout_kr_key(const OkrFeed *feed, size_t oi, size_t ki);

/* The views. */
void layout_header(Lctx *c, const char *team, int page, int page_count);
void layout_overview(Lctx *c, const size_t *objs, size_t n, int page);
void layout_focus(Lctx *c, size_t oi);
void layout_help(Lctx *c);
void layout_changes(Lctx *c);
void layout_message(Lctx *c, const char *text);

/* Paging of n objectives (indices objs) in the content area: fills per_page
 * and returns the page count (>= 1). */
int layout_overview_paging(Lctx *c, const size_t *objs, size_t n, int *per_page);

#endif
