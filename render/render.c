/*
 * render: walks a Layout and draws it (see render.h).
 *
 * Geometry (rectangles, rings, glyphs) is queued into one vertex batch and
 * handed to SDL_RenderGeometry in as few calls as the drawing order allows:
 * the batch is flushed only before a text texture is drawn, so a run of
 * shapes costs one call. Text goes through the texture cache and is clipped
 * to its element's box, so nothing is drawn outside it.
 */
#include "render.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fonts.h"
#include "geom.h"
#include "glyph.h"
#include "ring.h"
#include "text_cache.h"

#define RENDER_TEXT_ENTRIES 1024
#define RENDER_TEXT_BYTES (64u * 1024u * 1024u)

static const SDL_Color BACKGROUND = {0x0E, 0x11, 0x16, 0xFF};

struct Renderer {
    SDL_Renderer *sdl;
    Fonts *fonts;
    TextCache *text;
    GeomBuf geom;
    bool ttf_init;
};

Renderer *render_create(SDL_Renderer *sdl, const char *font_path, char *err, size_t errlen)
{
    Renderer *r = calloc(1, sizeof(*r));
    if (!r) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    r->sdl = sdl;
    geom_init(&r->geom);
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
        goto fail;
    }
    r->ttf_init = true;
    r->fonts = fonts_create(font_path, err, errlen);
    if (!r->fonts)
        goto fail;
    r->text = text_cache_create(sdl, r->fonts, RENDER_TEXT_ENTRIES, RENDER_TEXT_BYTES);
    if (!r->text) {
        snprintf(err, errlen, "out of memory");
        goto fail;
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
    text_cache_destroy(r->text);
    fonts_destroy(r->fonts);
    geom_free(&r->geom);
    if (r->ttf_init)
        TTF_Quit();
    free(r);
}

void render_clear(Renderer *r)
{
    SDL_SetRenderDrawColor(r->sdl, BACKGROUND.r, BACKGROUND.g, BACKGROUND.b, BACKGROUND.a);
    SDL_RenderClear(r->sdl);
}

void render_text_stats(const Renderer *r, size_t *created, size_t *hits)
{
    text_cache_stats(r->text, created, hits);
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

static void draw_text(Renderer *r, const Element *e, float dx, float dy, float opacity)
{
    Box b = e->box;
    b.x += dx;
    b.y += dy;
    /* whole pixels inside the box */
    int x0 = (int)ceilf(b.x), y0 = (int)ceilf(b.y);
    int x1 = (int)floorf(b.x + b.w), y1 = (int)floorf(b.y + b.h);
    if (x1 <= x0 || y1 <= y0)
        return;
    TextSpec spec = {
        .text = e->u.text.text,
        .weight = e->u.text.weight,
        .size_px = (int)lroundf(e->u.text.size_px),
        .color = e->u.text.color,
        .wrap_w = x1 - x0,
        .max_lines = e->u.text.max_lines < 1 ? 1 : e->u.text.max_lines,
        .align = e->u.text.align,
        .tabular = wants_tabular(e),
    };
    TextImage img;
    if (text_cache_get(r->text, &spec, &img) != 0)
        return;
    SDL_Rect dst = {x0, y0, img.w, img.h};
    if (e->u.text.align == ALIGN_CENTER)
        dst.x = x0 + ((x1 - x0) - img.w) / 2;
    else if (e->u.text.align == ALIGN_RIGHT)
        dst.x = x1 - img.w;
    if (spec.max_lines == 1 && img.h < y1 - y0)
        dst.y = y0 + ((y1 - y0) - img.h) / 2;
    /* clip to the box */
    SDL_Rect src = {0, 0, img.w, img.h};
    if (dst.x < x0) {
        src.x += x0 - dst.x;
        src.w -= x0 - dst.x;
        dst.x = x0;
    }
    if (dst.x + src.w > x1)
        src.w = x1 - dst.x;
    if (dst.y + src.h > y1)
        src.h = y1 - dst.y;
    if (src.w <= 0 || src.h <= 0)
        return;
    dst.w = src.w;
    dst.h = src.h;
    SDL_SetTextureAlphaMod(img.texture, (Uint8)lroundf(opacity * 255.0f));
    SDL_RenderCopy(r->sdl, img.texture, &src, &dst);
}

static void queue_ring(Renderer *r, const Element *e)
{
    RingSpec s = {
        .cx = e->u.ring.cx,
        .cy = e->u.ring.cy,
        .radius = e->u.ring.radius,
        .thickness = e->u.ring.thickness,
        .value = e->u.ring.value,
        .has_value = e->u.ring.has_value,
        .pace = e->u.ring.pace,
        .color = e->u.ring.color,
        .lap_color = e->u.ring.lap_color,
        .track_color = e->u.ring.track_color,
        .pace_color = e->u.ring.pace_color,
    };
    ring_draw(&r->geom, &s);
}

void render_layout(Renderer *r, const Layout *layout, float dx, float dy, float opacity)
{
    if (opacity <= 0.0f)
        return;
    if (opacity > 1.0f)
        opacity = 1.0f;
    GeomBuf *g = &r->geom;
    g->dx = dx;
    g->dy = dy;
    g->opacity = opacity;
    for (size_t i = 0; i < layout->count; i++) {
        const Element *e = &layout->items[i];
        switch (e->kind) {
        case EL_RECT: {
            Rgba f = e->u.rect.fill;
            geom_rounded_rect(g, e->box.x, e->box.y, e->box.w, e->box.h,
                              e->u.rect.corner_radius, (SDL_Color){f.r, f.g, f.b, f.a});
            break;
        }
        case EL_RING:
            queue_ring(r, e);
            break;
        case EL_GLYPH:
            glyph_draw(g, e->u.glyph.glyph, e->box, e->u.glyph.color);
            break;
        case EL_TEXT:
            geom_flush(g, r->sdl);
            draw_text(r, e, dx, dy, opacity);
            break;
        }
    }
    geom_flush(g, r->sdl);
    g->dx = g->dy = 0;
    g->opacity = 1.0f;
}

int render_save_png(SDL_Renderer *sdl, const char *path, char *err, size_t errlen)
{
    int rc = -1, w = 0, h = 0;
    SDL_Surface *s = NULL;
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
    if (IMG_SavePNG(s, path) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, IMG_GetError());
        goto done;
    }
    rc = 0;
done:
    if (s)
        SDL_FreeSurface(s);
    return rc;
}
