/*
 * text_cache: text textures rendered with SDL_ttf (blended, anti-aliased),
 * wrapped into a box, and cached.
 *
 * A texture is keyed by everything that changes its pixels: text, weight,
 * pixel size, colour, wrap width, max lines, alignment and tabular digits.
 * Drawing the same text again reuses the texture; entries are evicted least
 * recently used first when the count or byte budget is exceeded, except the
 * ones drawn in this frame or the one before (text_cache_begin_frame): what
 * is on screen stays cached even over the budget, so a view never renders
 * its texts anew every frame.
 *
 * Wrapping breaks at spaces (anywhere inside a word too long for a line),
 * stops at max_lines, and ends the last line with an ellipsis when text
 * remains. Each codepoint is drawn by the font that has it (fonts.c), so a
 * line is split into runs per font; an emoji sequence goes whole to the
 * colour emoji face, its pictures scaled to the text size inside the line
 * box (emoji.h); tabular mode puts every ASCII digit in a cell as wide as
 * the widest digit so counting numbers do not jitter.
 *
 * Textures never exceed the renderer's max_texture_width/height (a Pi 3's
 * GPU takes 2048, a Pi 4's 4096; a long title at 4K is wider): the ink of
 * each line is cut into pieces no larger than that and the pieces are
 * packed in rows (see TextImage).
 *
 * Ownership: the cache borrows the SDL_Renderer and Fonts (both must outlive
 * it) and owns its textures; text_cache_destroy() frees them.
 */
#ifndef TEXT_CACHE_H
#define TEXT_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <SDL.h>
#include "fonts.h"
#include "layout.h"

typedef struct TextCache TextCache;

typedef struct {
    const char *text; /* UTF-8 */
    FontWeight weight;
    int size_px;
    Rgba color;
    int wrap_w;      /* line width limit in pixels */
    int max_lines;   /* >= 1 */
    TextAlign align; /* alignment of lines inside the texture */
    bool tabular;    /* fixed-width digits */
} TextSpec;

#define TEXT_IMAGE_PARTS 16

/* A piece of the texture and where it goes in the laid-out text. */
typedef struct {
    int sx, sy, w, h; /* source rectangle in the texture */
    int x, y;         /* its top-left corner relative to the laid-out text */
} TextPart;

typedef struct {
    SDL_Texture *texture; /* owned by the cache; valid until the next get */
    int w, h;             /* the laid-out text: lines x line height */
    int ink_y, ink_h;     /* rows ink_y .. ink_y + ink_h - 1 of it hold all
                             the ink (blank rows above and below are cut) */
    int lines;
    int line_h;
    /* The texture holds only the ink: each line cut to its inked rows and
     * columns, lines side by side (a short last line leaves no blank
     * rectangle beside it), in further rows where a row would be wider
     * than the texture limit, a line wider than it cut into pieces. Draw
     * every part at its place. */
    int parts;
    TextPart part[TEXT_IMAGE_PARTS];
} TextImage;

TextCache *text_cache_create(SDL_Renderer *sdl, Fonts *fonts, size_t max_entries, size_t max_bytes);
void text_cache_destroy(TextCache *tc);

/* A new frame begins: texts not drawn since the frame before become
 * evictable, and are evicted now while the cache is over its budget. */
void text_cache_begin_frame(TextCache *tc);
/* Change the byte budget (0 = none); applied at the next frame. */
void text_cache_set_budget(TextCache *tc, size_t max_bytes);

/* Lower the largest texture size the cache asks for (pixels; 0 keeps that
 * side). It starts at what the renderer reports (SDL_GetRendererInfo).
 * Set it before the first text is cached. */
void text_cache_set_max_texture(TextCache *tc, int max_w, int max_h);
/* The widest and the tallest texture made so far (for tests). */
void text_cache_largest_texture(const TextCache *tc, int *w, int *h);

/* Texture for spec, from the cache or freshly rendered. Returns 0, or -1
 * (out->texture NULL) for empty text or a rendering failure. */
int text_cache_get(TextCache *tc, const TextSpec *spec, TextImage *out);

/* The text of spec went off the screen: unless it was drawn in this frame,
 * its textures (for any max_lines) are no longer in use and may be evicted
 * at once, so a slide holds what is on the screen, not both views whole.
 * They stay while the budget holds them. */
void text_cache_release(TextCache *tc, const TextSpec *spec);

void text_cache_stats(const TextCache *tc, size_t *created, size_t *hits);
/* Entries and texture bytes held now. */
void text_cache_usage(const TextCache *tc, size_t *entries, size_t *bytes);
/* Texture bytes released (evicted) since text_cache_create. */
size_t text_cache_freed_bytes(const TextCache *tc);

/* The text as it would be laid out: lines joined by '\n', with the ellipsis
 * where text was cut. Returns the number of lines (0 for empty text). */
int text_cache_layout(TextCache *tc, const TextSpec *spec, char *out, size_t outlen);

/* Line advance and height of one line (pixels) for this weight and size;
 * 0 when the font cannot be opened. Remembered per weight and size, so a
 * frame that draws only cached texts needs no open font. */
void text_cache_line_metrics(TextCache *tc, FontWeight weight, int size_px, int *skip, int *height);
/* Advance of a space (pixels) for this weight and size, remembered likewise. */
int text_cache_space_width(TextCache *tc, FontWeight weight, int size_px);

/* Width in pixels of one line of text as the cache would lay it out. */
int text_cache_measure(TextCache *tc, const TextSpec *spec, const char *text, size_t len);

#endif
