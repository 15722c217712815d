/*
 * render: walks a Layout and draws it (see render.h).
 *
 * Geometry (rectangles, rings, glyphs) is queued into one vertex batch and
 * handed to SDL_RenderGeometry in as few calls as the drawing order allows:
 * the batch is flushed only before a texture is drawn, so a run of shapes
 * costs one call. Text goes through the texture cache and is clipped to its
 * element's box, so nothing is drawn outside it.
 *
 * On SDL's software renderer (screenshots, machines without a GPU) every
 * blended triangle costs a temporary surface, so there the same geometry is
 * drawn once into cached textures (shape_cache.c) and copied: settled rings,
 * glyphs and card corners; card bodies are plain rectangle fills. Rings that
 * are sweeping are drawn directly over their cached track, which is dropped
 * once the ring settles.
 *
 * Memory (the kiosk runs for weeks, and at 4K every texture is large): a
 * ring's picture keeps only its inked pieces (no hole), a text only the ink
 * of each line, what a slide has moved off the screen is not drawn and its
 * textures may go at once (so a slide holds about one screen of textures,
 * not two views), fonts are closed once the layout's texts are cached, and
 * freed memory goes back to the system (see release_unused).
 */
#include "render.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonts.h"
#include "geom.h"
#include "glyph.h"
#include "ring.h"
#include "shape_cache.h"
#include "okr_util.h"
#include "text_cache.h"

/* Cache budgets, in texture bytes: what stays cached besides what is on the
 * screen (that always stays, even over the budget: see text_cache.h, so a
 * view never renders its texts every frame; and what a slide moved off the
 * screen may go at once: see render_layout). They scale with the screen,
 * an eighth of its bytes for text and a sixteenth for rings (software
 * renderer only), at least 5.5 and 3 MiB. At 1080p every view of the
 * demo's rotation stays cached (its views hold 1.0 to 1.5 MiB of text and
 * up to 0.9 MiB of rings there). At 4K one focus view alone holds about
 * 4.5 MiB of text and 2 MiB of rings, a rotation cannot stay cached in any
 * budget a Pi can pay, and least recently used is the view needed next: a
 * view that rotates back in is rendered again, once, whatever the budget,
 * so the floors hold the view on screen and little more. GPU memory on a
 * Pi is shared and small: the target is the kiosk within 16 MiB of a bare
 * window, also at 4K while auto-rotating. */
#define RENDER_TEXT_ENTRIES 1024
#define RENDER_TEXT_SHARE 8   /* text budget: screen bytes / 8 */
#define RENDER_SHAPE_SHARE 16 /* ring budget: screen bytes / 16 */
#define RENDER_TEXT_MIN_BYTES (11u * 512u * 1024u)
#define RENDER_SHAPE_MIN_BYTES (3u * 1024u * 1024u)

#define RENDER_SEEN_SLOTS 512

/* Freed texture bytes after which the heap is trimmed (see release_unused). */
#define RENDER_TRIM_BYTES (1024u * 1024u)
/* Pixel buffers from this size up get their own mappings (see render_create). */
#define RENDER_MMAP_THRESHOLD (128 * 1024)

typedef struct {
    uint32_t key; /* anim_key, 0 = empty */
    float value;
    bool track_cached; /* a track texture was cached for its sweep */
} RingSeen;

static const SDL_Color BACKGROUND = {0x0E, 0x11, 0x16, 0xFF};

#define RENDER_LINES_MEMO 1024 /* texts at sizes render_text_lines remembers */

typedef struct {
    uint64_t key; /* hash of text, weight and size */
    int w1, w2;   /* widths for one and for two lines (measure_title); w1 0:
                     empty; w1 -1: key includes a width, w2 is its lines */
} LinesMemo;

struct Renderer {
    SDL_Renderer *sdl;
    Fonts *fonts;
    TextCache *text;
    GeomBuf geom;
    ShapeCache *shapes;               /* software renderer only, else NULL */
    RingSeen seen[RENDER_SEEN_SLOTS]; /* last value drawn per ring anim_key */
    size_t trimmed_at;                /* freed texture bytes at the last heap trim */
    bool swept;                       /* a ring of this render_layout call was sweeping */
    bool ttf_init;
    int max_w, max_h;       /* largest texture, 0 = no limit (see render_max_texture) */
    int screen_w, screen_h; /* the output size the budgets are for */
    LinesMemo lines_memo[RENDER_LINES_MEMO];
};

void render_texture_limit(SDL_Renderer *sdl, int *max_w, int *max_h)
{
    SDL_RendererInfo info;
    *max_w = *max_h = 0;
    if (SDL_GetRendererInfo(sdl, &info) == 0) {
        *max_w = info.max_texture_width;
        *max_h = info.max_texture_height;
    }
    const char *env = getenv("OKR_MAX_TEXTURE_SIZE");
    char *end;
    long v = env ? strtol(env, &end, 10) : 0;
    if (env && *end == '\0' && v >= 64 && v <= 65536) {
        if (*max_w == 0 || v < *max_w)
            *max_w = (int)v;
        if (*max_h == 0 || v < *max_h)
            *max_h = (int)v;
    }
}

Renderer *render_create(SDL_Renderer *sdl, const char *font_path, char *err, size_t errlen)
{
    Renderer *r = calloc(1, sizeof(*r));
    if (!r) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    r->sdl = sdl;
    geom_init(&r->geom);
#ifdef __GLIBC__
    /* Texture pixels live in malloc'd memory on the software renderer. glibc
     * raises its mmap threshold after the first large free, so later
     * textures land in the heap, and a freed one (an evicted view, a
     * re-rendered text) stays resident between live ones. A fixed threshold
     * keeps every large buffer in its own mapping, returned on free. */
    mallopt(M_MMAP_THRESHOLD, RENDER_MMAP_THRESHOLD);
#endif
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
        goto fail;
    }
    r->ttf_init = true;
    r->fonts = fonts_create(font_path, err, errlen);
    if (!r->fonts)
        goto fail;
    r->text = text_cache_create(sdl, r->fonts, RENDER_TEXT_ENTRIES, RENDER_TEXT_MIN_BYTES);
    if (!r->text) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    render_texture_limit(sdl, &r->max_w, &r->max_h);
    text_cache_set_max_texture(r->text, r->max_w, r->max_h);
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(sdl, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) &&
        (info.flags & SDL_RENDERER_TARGETTEXTURE))
        r->shapes = shape_cache_create(sdl, RENDER_SHAPE_MIN_BYTES); /* NULL: draw directly */
    if (r->shapes) {
        shape_cache_set_max_texture(r->shapes, r->max_w, r->max_h);
        r->geom.tolerance = GEOM_TOLERANCE_SOFTWARE;
    }
    SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_BLEND);
    return r;
fail:
    render_destroy(r);
    return NULL;
}

void render_destroy(Renderer *r)
{
    if (!r)
        return;
    shape_cache_destroy(r->shapes);
    text_cache_destroy(r->text);
    fonts_destroy(r->fonts);
    geom_free(&r->geom);
    if (r->ttf_init)
        TTF_Quit();
    free(r);
}

void render_cache_budgets(int w, int h, size_t *text_bytes, size_t *shape_bytes)
{
    size_t screen = (size_t)(w > 0 ? w : 0) * (size_t)(h > 0 ? h : 0) * 4;
    *text_bytes = screen / RENDER_TEXT_SHARE;
    *shape_bytes = screen / RENDER_SHAPE_SHARE;
    if (*text_bytes < RENDER_TEXT_MIN_BYTES)
        *text_bytes = RENDER_TEXT_MIN_BYTES;
    if (*shape_bytes < RENDER_SHAPE_MIN_BYTES)
        *shape_bytes = RENDER_SHAPE_MIN_BYTES;
}

/* A frame begins: budgets for the output's size, and what the last two
 * frames did not draw may go. */
static void begin_frame(Renderer *r)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(r->sdl, &w, &h) == 0 && (w != r->screen_w || h != r->screen_h)) {
        size_t text, shapes;
        render_cache_budgets(w, h, &text, &shapes);
        text_cache_set_budget(r->text, text);
        if (r->shapes)
            shape_cache_set_budget(r->shapes, shapes);
        r->screen_w = w;
        r->screen_h = h;
    }
    text_cache_begin_frame(r->text);
    if (r->shapes)
        shape_cache_begin_frame(r->shapes);
}

void render_clear(Renderer *r)
{
    begin_frame(r);
    SDL_SetRenderDrawColor(r->sdl, BACKGROUND.r, BACKGROUND.g, BACKGROUND.b, BACKGROUND.a);
    SDL_RenderClear(r->sdl);
}

void render_text_stats(const Renderer *r, size_t *created, size_t *hits)
{
    text_cache_stats(r->text, created, hits);
}

void render_cache_usage(const Renderer *r, size_t *text_bytes, size_t *shape_bytes)
{
    text_cache_usage(r->text, NULL, text_bytes);
    *shape_bytes = 0;
    if (r->shapes)
        shape_cache_stats(r->shapes, NULL, NULL, shape_bytes);
}

void render_largest_texture(const Renderer *r, int *w, int *h)
{
    text_cache_largest_texture(r->text, w, h);
}

void render_fit_texture(int w, int h, int max_w, int max_h, int *fit_w, int *fit_h)
{
    long long num = 1, den = 1; /* the scale, num / den <= 1 */
    if (max_w > 0 && w > max_w) {
        num = max_w;
        den = w;
    }
    if (max_h > 0 && h > max_h && (long long)max_h * den < num * h) {
        num = max_h;
        den = h;
    }
    /* rounded down: never over the limit */
    *fit_w = (int)((long long)w * num / den);
    *fit_h = (int)((long long)h * num / den);
    *fit_w = *fit_w < 1 ? 1 : *fit_w;
    *fit_h = *fit_h < 1 ? 1 : *fit_h;
}

void render_max_texture(const Renderer *r, int *max_w, int *max_h)
{
    *max_w = r->max_w;
    *max_h = r->max_h;
}

/* Numeric labels get fixed-width digits: percentages bound to a ring and
 * texts that start with a number ("26 / 30 MQLs", "09:41"). */
static bool wants_tabular(const Element *e)
{
    const char *t = e->u.text.text;
    if (e->u.text.percent_of >= 0)
        return true;
    if (*t == '-' || *t == '+' || *t == '~')
        t++;
    return isdigit((unsigned char)*t) != 0;
}

/* Copy the w x h piece of tex at (sx, sy) to (x, y), cut to the whole-pixel
 * box [x0,x1)x[y0,y1). */
static void copy_clipped(Renderer *r, SDL_Texture *tex, int sx, int sy, int w, int h, int x, int y,
                         int x0, int y0, int x1, int y1, float opacity)
{
    SDL_Rect src = {sx, sy, w, h}, dst = {x, y, w, h};
    if (dst.x < x0) {
        src.x += x0 - dst.x;
        src.w -= x0 - dst.x;
        dst.x = x0;
    }
    if (dst.y < y0) {
        src.y += y0 - dst.y;
        src.h -= y0 - dst.y;
        dst.y = y0;
    }
    if (dst.x + src.w > x1)
        src.w = x1 - dst.x;
    if (dst.y + src.h > y1)
        src.h = y1 - dst.y;
    if (src.w <= 0 || src.h <= 0)
        return;
    dst.w = src.w;
    dst.h = src.h;
    SDL_SetTextureAlphaMod(tex, (Uint8)lroundf(opacity * 255.0f));
    SDL_RenderCopy(r->sdl, tex, &src, &dst);
}

/* Draw a text image with its top-left corner at (x, y), cut to the box. */
static void copy_text(Renderer *r, const TextImage *img, int x, int y, int x0, int y0, int x1,
                      int y1, float opacity)
{
    for (int i = 0; i < img->parts; i++) {
        const TextPart *p = &img->part[i];
        copy_clipped(r, img->texture, p->sx, p->sy, p->w, p->h, x + p->x, y + p->y, x0, y0, x1, y1,
                     opacity);
    }
}

#define LABEL_MAX_CHARS 16

/* A one-line number in tabular digits ("09:41", "26 / 30", "-3"): the clock
 * changes every minute, and drawn from cached characters its new minute
 * needs no font (the fonts are closed by then; reopening one re-reads and
 * re-parses its file). */
static bool is_numeric_label(const Element *e)
{
    if (e->u.text.max_lines > 1 || !wants_tabular(e))
        return false;
    for (const char *t = e->u.text.text; *t; t++)
        if (!strchr("0123456789:., %+-~/", *t))
            return false;
    return true;
}

/* A counting label ("37 %" bound to an animated ring) changes every frame
 * of a sweep, the clock every minute. Drawn from one cached texture per
 * character, in tabular cells, it costs no font rendering at all once each
 * character was seen. Returns
 * false (nothing drawn) when the text is not short plain ASCII or does not
 * fit on one line; the caller then draws it whole. */
static bool draw_label_chars(Renderer *r, const Element *e, TextSpec spec, int x0, int y0, int x1,
                             int y1, float opacity)
{
    const char *t = e->u.text.text;
    size_t n = strnlen(t, LABEL_MAX_CHARS + 1);
    if (n == 0 || n > LABEL_MAX_CHARS)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)t[i] < 0x20 || (unsigned char)t[i] > 0x7E)
            return false;
    TextImage img[LABEL_MAX_CHARS];
    int total = 0, h = 0;
    spec.max_lines = 1;
    spec.wrap_w = 0;
    for (size_t i = 0; i < n; i++) {
        char one[2] = {t[i], '\0'};
        spec.text = one;
        if (t[i] == ' ') {
            /* a space has no ink: only its advance is needed */
            img[i].texture = NULL;
            img[i].w = text_cache_space_width(r->text, spec.weight, spec.size_px);
            img[i].h = img[i].ink_y = img[i].ink_h = img[i].parts = 0;
        } else if (text_cache_get(r->text, &spec, &img[i]) != 0) {
            return false;
        }
        total += img[i].w;
        h = img[i].h > h ? img[i].h : h;
    }
    if (total > x1 - x0)
        return false;
    int x = x0, y = y0;
    if (e->u.text.align == ALIGN_CENTER)
        x = x0 + ((x1 - x0) - total) / 2;
    else if (e->u.text.align == ALIGN_RIGHT)
        x = x1 - total;
    if (h < y1 - y0)
        y = y0 + ((y1 - y0) - h) / 2;
    for (size_t i = 0; i < n; i++) {
        if (img[i].texture)
            copy_text(r, &img[i], x, y, x0, y0, x1, y1, opacity);
        x += img[i].w;
    }
    return true;
}

/* The spec e's text is drawn with at offset (dx, dy), and the whole pixels
 * of its box, [x0,x1)x[y0,y1). False when the box holds no pixel. The box
 * moves by whole pixels: a slide's fractional offsets would change the
 * wrap width by a pixel from frame to frame, and every changed width is a
 * new texture. */
static bool text_spec(const Element *e, float dx, float dy, TextSpec *spec, int *x0, int *y0,
                      int *x1, int *y1)
{
    Box b = e->box;
    int ox = (int)lroundf(dx), oy = (int)lroundf(dy);
    *x0 = (int)ceilf(b.x) + ox;
    *y0 = (int)ceilf(b.y) + oy;
    *x1 = (int)floorf(b.x + b.w) + ox;
    *y1 = (int)floorf(b.y + b.h) + oy;
    if (*x1 <= *x0 || *y1 <= *y0)
        return false;
    *spec = (TextSpec){
        .text = e->u.text.text,
        .weight = e->u.text.weight,
        .size_px = (int)lroundf(e->u.text.size_px),
        .color = e->u.text.color,
        .wrap_w = *x1 - *x0,
        .max_lines = e->u.text.max_lines < 1 ? 1 : e->u.text.max_lines,
        .align = e->u.text.align,
        .tabular = wants_tabular(e),
    };
    return true;
}

/* Never more lines than the box shows whole, so the ellipsis is seen. */
static void clamp_lines(Renderer *r, TextSpec *spec, int y0, int y1)
{
    int skip, line_h;
    text_cache_line_metrics(r->text, spec->weight, spec->size_px, &skip, &line_h);
    if (skip > 0 && spec->max_lines > 1) {
        int fit = (y1 - y0 - line_h) / skip + 1;
        if (fit < spec->max_lines)
            spec->max_lines = fit < 1 ? 1 : fit;
    }
}

/* Numbers drawn from cached characters (see draw_label_chars). */
static bool is_char_label(const Element *e)
{
    return e->u.text.percent_of >= 0 || is_numeric_label(e);
}

static void draw_text(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    TextSpec spec;
    int x0, y0, x1, y1;
    if (!text_spec(e, dx, dy, &spec, &x0, &y0, &x1, &y1))
        return;
    if (is_char_label(e) && draw_label_chars(r, e, spec, x0, y0, x1, y1, opacity))
        return;
    clamp_lines(r, &spec, y0, y1);
    TextImage img;
    if (text_cache_get(r->text, &spec, &img) != 0)
        return;
    int x = x0, y = y0;
    if (e->u.text.align == ALIGN_CENTER)
        x = x0 + ((x1 - x0) - img.w) / 2;
    else if (e->u.text.align == ALIGN_RIGHT)
        x = x1 - img.w;
    if (e->u.text.max_lines <= 1 && img.h < y1 - y0) /* a one-line box: centre it */
        y = y0 + ((y1 - y0) - img.h) / 2;
    copy_text(r, &img, x, y, x0, y0, x1, y1, opacity);
}

int render_text_as_drawn(Renderer *r, const Element *e, char *out, size_t outlen)
{
    TextSpec spec;
    int x0, y0, x1, y1;
    if (outlen > 0)
        out[0] = '\0';
    if (e->kind != EL_TEXT || !text_spec(e, 0.0f, 0.0f, &spec, &x0, &y0, &x1, &y1))
        return 0;
    clamp_lines(r, &spec, y0, y1);
    return text_cache_layout(r->text, &spec, out, outlen);
}

/* For a text at one weight and size: the width it takes on one line, and
 * the least width in which a greedy word wrap (the text cache's) gives it at
 * most two: the wrap takes the longest first line that fits, so two lines
 * fit width w exactly when some break between words leaves both halves
 * within w. Measured once per text and size, so the layout's plan search,
 * which asks at many widths, costs a lookup. */
static void measure_title(Renderer *r, const TextSpec *spec, int *w1, int *w2)
{
    const char *t = spec->text;
    size_t len = strlen(t);
    *w1 = text_cache_measure(r->text, spec, t, len);
    *w2 = INT_MAX;
    for (size_t i = 0; i < len; i++) {
        if (t[i] != ' ' || i == 0 || t[i - 1] == ' ')
            continue; /* a break: the end of a word */
        size_t rest = i;
        while (rest < len && t[rest] == ' ')
            rest++;
        if (rest == len)
            break;
        int a = text_cache_measure(r->text, spec, t, i);
        int b = text_cache_measure(r->text, spec, t + rest, len - rest);
        int m = a > b ? a : b;
        if (m < *w2)
            *w2 = m;
    }
}

int render_text_lines(void *renderer, const char *text, FontWeight weight, float size_px,
                      float width)
{
    Renderer *r = renderer;
    int px = (int)lroundf(size_px), w = (int)floorf(width) - 1;
    if (!text || !text[0] || px < 1 || w < 1)
        return 0;
    TextSpec spec = {.text = text, .weight = weight, .size_px = px, .wrap_w = w, .max_lines = 16};
    if (strchr(text, '\n'))
        return text_cache_layout(r->text, &spec, NULL, 0);
    uint64_t key = okr_hash64(text, strlen(text));
    int v[2] = {(int)weight, px};
    key = okr_hash64_more(key, v, sizeof(v));
    LinesMemo *m = &r->lines_memo[key % RENDER_LINES_MEMO];
    if (!(m->w1 > 0 && m->key == key)) {
        int w1, w2;
        measure_title(r, &spec, &w1, &w2);
        if (w1 <= 0)
            return 0; /* no font */
        *m = (LinesMemo){key, w1, w2};
    }
    if (m->w1 <= w)
        return 1;
    if (m->w2 <= w)
        return 2;
    /* three lines or more (a long objective title in a narrow column):
     * wrapped, the answer remembered for this width */
    int vw[3] = {(int)weight, px, w};
    uint64_t wkey = okr_hash64_more(okr_hash64(text, strlen(text)), vw, sizeof(vw));
    LinesMemo *mw = &r->lines_memo[wkey % RENDER_LINES_MEMO];
    if (mw->w1 < 0 && mw->key == wkey)
        return mw->w2;
    int n = text_cache_layout(r->text, &spec, NULL, 0);
    if (n > 0)
        *mw = (LinesMemo){wkey, -1, n};
    return n;
}

/* The ring as drawn, normalised so equal pictures have equal bytes (the
 * shape cache keys on them, padding included). */
static void ring_spec(const Element *e, RingSpec *s)
{
    SDL_memset(s, 0, sizeof(*s));
    s->cx = e->u.ring.cx;
    s->cy = e->u.ring.cy;
    s->radius = e->u.ring.radius;
    s->thickness = e->u.ring.thickness;
    s->value = e->u.ring.value;
    s->has_value = e->u.ring.has_value;
    s->pace = e->u.ring.pace;
    s->color = e->u.ring.color;
    s->lap_color = e->u.ring.lap_color;
    s->track_color = e->u.ring.track_color;
    s->pace_color = e->u.ring.pace_color;
    if (!s->has_value) {
        s->value = 0;
        s->pace = -1;
    }
    if (!(s->value > 0.0f)) /* also NaN */
        s->value = 0;
    if (s->value > 2.0f)
        s->value = 2.0f;
    if (!(s->pace >= 0.0f && s->pace <= 1.0f))
        s->pace = -1;
}

static void build_ring(GeomBuf *g, const void *arg)
{
    ring_draw(g, arg);
}

typedef struct {
    GlyphKind kind;
    Box box;
    Rgba color;
} GlyphArg;

static void build_glyph(GeomBuf *g, const void *arg)
{
    const GlyphArg *a = arg;
    glyph_draw(g, a->kind, a->box, a->color);
}

/* The shape cache key of e's ring drawn at offset (dx, dy): the spec with the
 * centre moved into a texture of side 2 * *half, placed at (*x, *y). */
static void ring_key(const Element *e, float dx, float dy, RingSpec *s, int *half, int *x, int *y)
{
    ring_spec(e, s);
    /* room for the pace marker outside the ring (its minimum size on tiny rings) */
    float ext = fmaxf(8.0f, (LAYOUT_PACE_OUT + 0.1f) * s->thickness);
    *half = (int)ceilf(s->radius + ext + 3.0f);
    s->cx = s->cy = (float)*half;
    *x = (int)lroundf(e->u.ring.cx + dx) - *half;
    *y = (int)lroundf(e->u.ring.cy + dy) - *half;
}

/* A ring whose value changed since it was last drawn is sweeping: caching
 * each step would only fill the shape cache with pictures shown once (and
 * evict the ones that stay), so those are drawn directly. Returns the ring's
 * slot (NULL for rings without an animation key, always settled). */
static RingSeen *ring_seen(Renderer *r, const Element *e, bool *settled)
{
    uint32_t key = e->u.ring.anim_key;
    *settled = true;
    if (key == 0)
        return NULL;
    float v = e->u.ring.has_value ? e->u.ring.value : -1.0f;
    RingSeen *s = &r->seen[(key * 2654435761u) % RENDER_SEEN_SLOTS];
    if (s->key != key)
        s->track_cached = false; /* a new ring in this slot */
    *settled = s->key == key && s->value == v;
    s->key = key;
    s->value = v;
    return s;
}

/* A settled ring is copied whole from its own texture; the track texture its
 * sweep was drawn over is not needed until the next sweep, which is minutes
 * away (a new feed value), so it is dropped rather than kept beside the
 * full ring. */
static void forget_track(Renderer *r, const Element *e, float dx, float dy)
{
    Element track = *e;
    track.u.ring.has_value = false;
    RingSpec s;
    int half, x, y;
    ring_key(&track, dx, dy, &s, &half, &x, &y);
    shape_cache_forget(r->shapes, &s, sizeof(s), 2 * half, 2 * half);
}

/* Software renderer: copy the ring from the shape cache (rounded to whole
 * pixels, which the software rasteriser snaps to anyway). */
static bool cached_ring(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    RingSpec s;
    int half, x, y;
    ring_key(e, dx, dy, &s, &half, &x, &y);
    Rgba t = s.track_color;
    SDL_Color clear = {t.r, t.g, t.b, 0};
    int side = 2 * half;
    /* keep and copy only the inked pieces, not the hole and the corners
     * (half the texture): they would cost memory, and the software blitter
     * still walks transparent pixels */
    float clear_r = s.radius - s.thickness - fmaxf(2.0f, s.thickness * 0.22f) - 2.0f;
    int k = clear_r > 0 ? (int)floorf(clear_r * 0.70710678f) : 0;
    if (k >= 8)
        return shape_cache_draw_holed(r->shapes, &s, sizeof(s), x, y, side, k, clear, opacity,
                                      build_ring, &s) == 0;
    return shape_cache_draw(r->shapes, &s, sizeof(s), x, y, side, side, clear, opacity, build_ring,
                            &s) == 0;
}

static void draw_ring(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    GeomBuf *g = &r->geom;
    RingSpec s;
    ring_spec(e, &s);
    bool settled;
    RingSeen *seen = ring_seen(r, e, &settled);
    if (!settled)
        r->swept = true;
    if (r->shapes) {
        /* on whole pixels, like the cached pictures, so nothing shifts
         * when a ring switches between drawn and cached */
        s.cx = roundf(s.cx + dx) - dx;
        s.cy = roundf(s.cy + dy) - dy;
        geom_flush(g, r->sdl);
        if (settled) {
            if (seen && seen->track_cached && e->u.ring.has_value) {
                forget_track(r, e, dx, dy);
                seen->track_cached = false;
            }
            if (cached_ring(r, e, dx, dy, opacity))
                return;
        } else {
            /* sweeping: the track from the cache, the moving arc drawn */
            Element track = *e;
            track.u.ring.has_value = false;
            s.skip_track = cached_ring(r, &track, dx, dy, opacity);
            if (seen)
                seen->track_cached = s.skip_track;
        }
    }
    ring_draw(g, &s);
}

static bool cached_glyph(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    GlyphArg a;
    SDL_memset(&a, 0, sizeof(a));
    float side = fminf(e->box.w, e->box.h);
    int pad = (int)ceilf(fmaxf(1.5f, side * 0.12f)) + 2;
    a.kind = e->u.glyph.glyph;
    a.box = (Box){(float)pad, (float)pad, ceilf(e->box.w), ceilf(e->box.h)};
    a.color = e->u.glyph.color;
    int x = (int)lroundf(e->box.x + dx) - pad, y = (int)lroundf(e->box.y + dy) - pad;
    Rgba c = a.color;
    return shape_cache_draw(r->shapes, &a, sizeof(a), x, y, (int)a.box.w + 2 * pad,
                            (int)a.box.h + 2 * pad, (SDL_Color){c.r, c.g, c.b, 0}, opacity,
                            build_glyph, &a) == 0;
}

typedef struct {
    int kind; /* 3: corner disc */
    int radius;
    Rgba color;
} DiscArg;

static void build_disc(GeomBuf *g, const void *arg)
{
    const DiscArg *a = arg;
    SDL_Color c = {a->color.r, a->color.g, a->color.b, a->color.a};
    geom_disc(g, (float)a->radius, (float)a->radius, (float)a->radius, c);
}

/* Software renderer: the body as filled rectangles on whole pixels and the
 * four corners as quadrants of one cached anti-aliased disc. */
static void sw_rect(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    Rgba f = e->u.rect.fill;
    int x0 = (int)lroundf(e->box.x + dx), y0 = (int)lroundf(e->box.y + dy);
    int x1 = (int)lroundf(e->box.x + e->box.w + dx), y1 = (int)lroundf(e->box.y + e->box.h + dy);
    int w = x1 - x0, h = y1 - y0;
    if (w <= 0 || h <= 0)
        return;
    float rf = fminf(e->u.rect.corner_radius, 0.5f * (float)(w < h ? w : h));
    int rad = rf > 0.0f ? (int)lroundf(rf) : 0;
    SDL_Texture *disc = NULL;
    if (rad >= 1) {
        DiscArg a;
        SDL_memset(&a, 0, sizeof(a));
        a.kind = 3;
        a.radius = rad;
        a.color = f;
        disc = shape_cache_get(r->shapes, &a, sizeof(a), 2 * rad, 2 * rad,
                               (SDL_Color){f.r, f.g, f.b, 0}, build_disc, &a);
    }
    if (!disc)
        rad = 0;
    Uint8 alpha = (Uint8)(f.a * opacity + 0.5f);
    SDL_SetRenderDrawColor(r->sdl, f.r, f.g, f.b, alpha);
    /* an opaque fill needs no blending: a plain fill is several times faster */
    if (alpha == 255)
        SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_NONE);
    SDL_Rect bands[3] = {
        {x0, y0 + rad, w, h - 2 * rad},
        {x0 + rad, y0, w - 2 * rad, rad},
        {x0 + rad, y1 - rad, w - 2 * rad, rad},
    };
    for (int i = 0; i < 3; i++)
        if (bands[i].w > 0 && bands[i].h > 0)
            SDL_RenderFillRect(r->sdl, &bands[i]);
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
    if (disc) {
        SDL_SetTextureAlphaMod(disc, (Uint8)(opacity * 255.0f + 0.5f));
        const int sx[4] = {0, rad, rad, 0}, sy[4] = {0, 0, rad, rad};
        const int tx[4] = {x0, x1 - rad, x1 - rad, x0}, ty[4] = {y0, y0, y1 - rad, y1 - rad};
        for (int k = 0; k < 4; k++) {
            SDL_Rect src = {sx[k], sy[k], rad, rad}, dst = {tx[k], ty[k], rad, rad};
            SDL_RenderCopy(r->sdl, disc, &src, &dst);
        }
    }
}

static void draw_rect(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    Rgba f = e->u.rect.fill;
    if (r->shapes) {
        geom_flush(&r->geom, r->sdl);
        sw_rect(r, e, dx, dy, opacity);
        return;
    }
    geom_rounded_rect(&r->geom, e->box.x, e->box.y, e->box.w, e->box.h, e->u.rect.corner_radius,
                      (SDL_Color){f.r, f.g, f.b, f.a}, NULL);
}

/* A polyline as round-capped segments: the caps make the round joins. */
static void poly_segments(GeomBuf *g, const float *x, const float *y, int n, float w, Rgba k)
{
    const SDL_Color col = {k.r, k.g, k.b, k.a};
    for (int i = 0; i + 1 < n; i++)
        geom_line(g, x[i], y[i], x[i + 1], y[i + 1], w, col, true);
}

/* A polyline on whole pixels relative to its texture (the shape cache's
 * key: small, and zeroed past n). */
typedef struct {
    int16_t n, unused;
    float width;
    Rgba color;
    int16_t x[LAYOUT_POLY_MAX], y[LAYOUT_POLY_MAX];
} PolyArg;

static void build_poly(GeomBuf *g, const void *arg)
{
    const PolyArg *a = arg;
    float x[LAYOUT_POLY_MAX], y[LAYOUT_POLY_MAX];
    for (int i = 0; i < a->n; i++) {
        x[i] = a->x[i];
        y[i] = a->y[i];
    }
    poly_segments(g, x, y, a->n, a->width, a->color);
}

/* Software renderer: the line from the shape cache. Its long thin triangles
 * are what the software rasteriser pays most for (each blends a temporary
 * surface as large as its bounding box), so a trend costs one copy instead.
 * The points are whole pixels from the first one, which sits on the pixel
 * nearest to it (where that rasteriser snaps them anyway): the same line in
 * another place has the same key, so the pace diagonals of a list's rows
 * share one picture. */
static bool cached_poly(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    PolyArg a;
    SDL_memset(&a, 0, sizeof(a));
    const int pad = (int)ceilf(0.5f * e->u.poly.width) + 2;
    long rx[LAYOUT_POLY_MAX], ry[LAYOUT_POLY_MAX], x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    a.n = (int16_t)(e->u.poly.n < LAYOUT_POLY_MAX ? e->u.poly.n : LAYOUT_POLY_MAX);
    a.width = e->u.poly.width;
    a.color = e->u.poly.color;
    if (a.n < 1 || !isfinite(e->u.poly.x[0]) || !isfinite(e->u.poly.y[0]) ||
        fabsf(e->u.poly.x[0]) > 1e6f || fabsf(e->u.poly.y[0]) > 1e6f)
        return false;
    for (int i = 0; i < a.n; i++) {
        float fx = e->u.poly.x[i] - e->u.poly.x[0], fy = e->u.poly.y[i] - e->u.poly.y[0];
        if (!(fabsf(fx) < 16384.0f && fabsf(fy) < 16384.0f))
            return false; /* not a small box's line: draw it directly */
        rx[i] = lroundf(fx);
        ry[i] = lroundf(fy);
        x0 = rx[i] < x0 ? rx[i] : x0;
        y0 = ry[i] < y0 ? ry[i] : y0;
        x1 = rx[i] > x1 ? rx[i] : x1;
        y1 = ry[i] > y1 ? ry[i] : y1;
    }
    for (int i = 0; i < a.n; i++) {
        a.x[i] = (int16_t)(rx[i] - x0 + pad);
        a.y[i] = (int16_t)(ry[i] - y0 + pad);
    }
    const int x = (int)lroundf(e->u.poly.x[0] + dx) + (int)x0 - pad;
    const int y = (int)lroundf(e->u.poly.y[0] + dy) + (int)y0 - pad;
    const int w = (int)(x1 - x0) + 2 * pad + 1, h = (int)(y1 - y0) + 2 * pad + 1;
    Rgba c = a.color;
    return shape_cache_draw(r->shapes, &a, sizeof(a), x, y, w, h, (SDL_Color){c.r, c.g, c.b, 0},
                            opacity, build_poly, &a) == 0;
}

static void draw_poly(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    if (r->shapes) {
        geom_flush(&r->geom, r->sdl);
        if (cached_poly(r, e, dx, dy, opacity))
            return;
    }
    poly_segments(&r->geom, e->u.poly.x, e->u.poly.y,
                  e->u.poly.n < LAYOUT_POLY_MAX ? e->u.poly.n : LAYOUT_POLY_MAX, e->u.poly.width,
                  e->u.poly.color);
}

/* After drawing a layout, close the fonts: each open face holds its
 * shaping tables and glyph cache (a few hundred KiB at 4K), and once the
 * layout's texts are cached nothing needs them until a text changes (the
 * clock, drawn from cached characters, needs them only for a digit it has
 * not shown before). Frames of a sweep draw their
 * counting percentages from cached characters; only while those are first
 * seen (a sweep that made new texts) do the fonts stay open for the next
 * frame.
 *
 * Then, once fonts were closed or a megabyte of textures was released (a
 * view rotated out, tracks of settled rings), hand the heap's free pages
 * back to the system: the kiosk runs for weeks and its resident size is
 * what the machine pays. Large buffers are returned on free already (see
 * render_create); this catches the small ones between live allocations. */
static void release_unused(Renderer *r, size_t texts_before)
{
    size_t texts_now;
    text_cache_stats(r->text, &texts_now, NULL);
    bool closed = false;
    if (!(r->swept && texts_now != texts_before) && fonts_open_count(r->fonts) > 0) {
        fonts_close_all(r->fonts);
        closed = true;
    }
    size_t freed = text_cache_freed_bytes(r->text);
    if (r->shapes)
        freed += shape_cache_freed_bytes(r->shapes);
    if (!closed && freed - r->trimmed_at < RENDER_TRIM_BYTES)
        return;
    r->trimmed_at = freed;
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

/* e went off the screen (a view sliding out) or faded out: its textures are no longer
 * in use, so the caches may let them go while the incoming view's are made
 * (the characters of numbers are shared and small, and stay). */
static void release_offscreen(Renderer *r, const Element *e, float dx, float dy)
{
    if (e->kind == EL_TEXT && !is_char_label(e)) {
        TextSpec spec;
        int x0, y0, x1, y1;
        if (text_spec(e, dx, dy, &spec, &x0, &y0, &x1, &y1))
            text_cache_release(r->text, &spec);
    } else if (e->kind == EL_RING && r->shapes) {
        Element track = *e;
        track.u.ring.has_value = false;
        const Element *pictures[2] = {e, &track};
        for (int i = 0; i < 2; i++) {
            RingSpec s;
            int half, x, y;
            ring_key(pictures[i], dx, dy, &s, &half, &x, &y);
            shape_cache_release(r->shapes, &s, sizeof(s), 2 * half, 2 * half);
        }
    }
}

/* Does any of e, moved by (dx, dy), fall inside the w x h viewport? Its box
 * holds what it draws; the margin covers anti-aliased fringes and strokes
 * that reach a little past it. A slide moves a view off the screen: what
 * is no longer shown is not drawn, so its textures are not in use and can
 * go (see text_cache.h), and what slides in is made as it appears. */
static bool on_screen(const Element *e, float dx, float dy, int w, int h)
{
    if (w <= 0 || h <= 0)
        return true; /* no viewport known: draw everything */
    float m = 4.0f + 0.15f * fminf(e->box.w, e->box.h);
    float x0 = e->box.x + dx - m, y0 = e->box.y + dy - m;
    float x1 = e->box.x + e->box.w + dx + m, y1 = e->box.y + e->box.h + dy + m;
    return !(x1 <= 0.0f || y1 <= 0.0f || x0 >= (float)w || y0 >= (float)h);
}

void render_layout(Renderer *r, const Layout *layout, float dx, float dy, float opacity)
{
    if (opacity <= 0.0f) {
        /* faded out (a view that slid away): none of it is on the screen */
        for (size_t i = 0; i < layout->count; i++)
            release_offscreen(r, &layout->items[i], dx, dy);
        return;
    }
    if (opacity > 1.0f)
        opacity = 1.0f;
    GeomBuf *g = &r->geom;
    size_t texts_before;
    text_cache_stats(r->text, &texts_before, NULL);
    r->swept = false;
    g->dx = dx;
    g->dy = dy;
    g->opacity = opacity;
    /* untextured geometry blends with the renderer's draw mode */
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
    SDL_Rect vp = {0, 0, 0, 0};
    SDL_RenderGetViewport(r->sdl, &vp);
    for (size_t i = 0; i < layout->count; i++) {
        const Element *e = &layout->items[i];
        if (!on_screen(e, dx, dy, vp.w, vp.h)) {
            release_offscreen(r, e, dx, dy);
            continue;
        }
        /* an element drawing in (app/anim.c) is more transparent still */
        float op = e->fade > 0.0f ? opacity * (1.0f - fminf(e->fade, 1.0f)) : opacity;
        if (op <= 0.0f)
            continue;
        g->opacity = op;
        switch (e->kind) {
        case EL_RECT:
            draw_rect(r, e, dx, dy, op);
            break;
        case EL_RING:
            draw_ring(r, e, dx, dy, op);
            break;
        case EL_GLYPH:
            if (r->shapes) {
                geom_flush(g, r->sdl);
                if (cached_glyph(r, e, dx, dy, op))
                    break;
            }
            glyph_draw(g, e->u.glyph.glyph, e->box, e->u.glyph.color);
            break;
        case EL_TEXT:
            geom_flush(g, r->sdl);
            draw_text(r, e, dx, dy, op);
            break;
        case EL_POLYLINE:
            draw_poly(r, e, dx, dy, op);
            break;
        }
    }
    geom_flush(g, r->sdl);
    g->dx = g->dy = 0;
    g->opacity = 1.0f;
    release_unused(r, texts_before);
}

/* ---- PNG files ---- */

/* A growable memory buffer behind an SDL_RWops, so the PNG is encoded
 * completely before a byte reaches the disk (SDL_image ignores the result of
 * closing its file, which is where a full disk shows). */
typedef struct {
    unsigned char *data;
    size_t len, cap;
    bool failed;
} MemBuf;

static size_t SDLCALL mem_write(SDL_RWops *rw, const void *p, size_t size, size_t n)
{
    MemBuf *m = rw->hidden.unknown.data1;
    size_t add = size * n;
    if (m->failed || (size != 0 && add / size != n))
        return 0;
    if (m->len + add > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap < m->len + add)
            cap *= 2;
        unsigned char *d = realloc(m->data, cap);
        if (d == NULL) {
            m->failed = true;
            return 0;
        }
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, p, add);
    m->len += add;
    return n;
}

static Sint64 SDLCALL mem_size(SDL_RWops *rw)
{
    return (Sint64)((MemBuf *)rw->hidden.unknown.data1)->len;
}

/* Only "where am I" is needed by an encoder that writes straight through. */
static Sint64 SDLCALL mem_seek(SDL_RWops *rw, Sint64 offset, int whence)
{
    MemBuf *m = rw->hidden.unknown.data1;
    if ((whence == RW_SEEK_CUR && offset == 0) || (whence == RW_SEEK_END && offset == 0))
        return (Sint64)m->len;
    if (whence == RW_SEEK_SET && offset == (Sint64)m->len)
        return offset;
    return SDL_SetError("seek in a PNG being written");
}

static size_t SDLCALL mem_read(SDL_RWops *rw, void *p, size_t size, size_t n)
{
    (void)rw, (void)p, (void)size, (void)n;
    return 0;
}

static int SDLCALL mem_close(SDL_RWops *rw)
{
    SDL_FreeRW(rw);
    return 0;
}

static int encode_png(SDL_Surface *s, MemBuf *m, char *err, size_t errlen)
{
    SDL_RWops *rw = SDL_AllocRW();
    if (rw == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->size = mem_size;
    rw->seek = mem_seek;
    rw->read = mem_read;
    rw->write = mem_write;
    rw->close = mem_close;
    rw->hidden.unknown.data1 = m;
    if (IMG_SavePNG_RW(s, rw, 1) != 0 || m->failed || m->len == 0) {
        snprintf(err, errlen, "cannot encode the PNG: %s",
                 m->failed ? "out of memory" : IMG_GetError());
        return -1;
    }
    return 0;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes to something that is not a regular file (a pipe, /dev/stdout, a
 * device) as it is: it cannot be replaced by a rename, and must not be. */
static int write_in_place(const char *path, const MemBuf *m, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write_all(fd, m->data, m->len) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (close(fd) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Writes a temporary file next to path, checks every write, the fsync and the
 * close, then renames it over path: a full disk or a read-only directory
 * leaves the previous file as it was. A symbolic link is followed (the file it
 * points to is replaced, the link stays). */
static int write_replacing(const char *path, const MemBuf *m, char *err, size_t errlen)
{
    char real[PATH_MAX], tmp[PATH_MAX + 32];
    const char *target = path;
    struct stat st;
    int fd = -1, rc = -1;

    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real) != NULL)
        target = real;
    if (stat(target, &st) == 0 && !S_ISREG(st.st_mode))
        return write_in_place(target, m, err, errlen);
    const char *slash = strrchr(target, '/');
    int dirlen = slash != NULL ? (int)(slash - target + 1) : 0;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        int n = snprintf(tmp, sizeof(tmp), "%.*s.%s.%ld-%d.tmp", dirlen, target, target + dirlen,
                         (long)getpid(), attempt);
        if (n < 0 || (size_t)n >= sizeof(tmp)) {
            snprintf(err, errlen, "cannot write %s: the name is too long", path);
            return -1;
        }
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
            return -1;
        }
    }
    if (fd < 0) {
        snprintf(err, errlen, "cannot write %s: no free temporary name", path);
        return -1;
    }
    if (write_all(fd, m->data, m->len) != 0 || fsync(fd) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        goto done;
    }
    if (close(fd) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        goto done;
    }
    if (rename(tmp, target) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    if (rc != 0)
        unlink(tmp);
    return rc;
}

int render_save_png(SDL_Renderer *sdl, const char *path, char *err, size_t errlen)
{
    int rc = -1, w = 0, h = 0;
    SDL_Surface *s = NULL;
    MemBuf png = {0};
    if (SDL_GetRendererOutputSize(sdl, &w, &h) != 0) {
        snprintf(err, errlen, "cannot read the output size: %s", SDL_GetError());
        goto done;
    }
    s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) {
        snprintf(err, errlen, "out of memory: %s", SDL_GetError());
        goto done;
    }
    if (SDL_RenderReadPixels(sdl, NULL, SDL_PIXELFORMAT_RGBA32, s->pixels, s->pitch) != 0) {
        snprintf(err, errlen, "cannot read pixels: %s", SDL_GetError());
        goto done;
    }
    /* the target is opaque; make the PNG so whatever the alpha channel says */
    for (int y = 0; y < h; y++) {
        Uint8 *row = (Uint8 *)s->pixels + y * s->pitch;
        for (int x = 0; x < w; x++)
            row[4 * x + 3] = 0xFF;
    }
    if (encode_png(s, &png, err, errlen) != 0 || write_replacing(path, &png, err, errlen) != 0)
        goto done;
    rc = 0;
done:
    free(png.data);
    if (s)
        SDL_FreeSurface(s);
    return rc;
}
