/*
 * shape_cache: texture cache for pre-drawn shapes (see shape_cache.h).
 * A flat array searched by a 64-bit hash of the key bytes, like text_cache.
 */
#include "shape_cache.h"
#include "lru.h"
#include "okr_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SHAPE_KEY_MAX 256 /* a trend line's key (render.c PolyArg) is 204 bytes */
#define SHAPE_MAX_ENTRIES 512

#define SHAPE_STRIPS 16 /* a holed shape is cut into this many rows */
#define SHAPE_PARTS (2 * SHAPE_STRIPS)

typedef struct {
    uint64_t hash;
    unsigned char key[SHAPE_KEY_MAX];
    size_t key_len;
    SDL_Texture *tex[SHAPE_PARTS]; /* one, or the inked pieces of each row */
    SDL_Rect part[SHAPE_PARTS];    /* where each lies in the w x h picture */
    int parts;
    int w, h, hole;
    size_t bytes;
    LruStamp use;
} ShapeEntry;

struct ShapeCache {
    SDL_Renderer *sdl;
    GeomBuf geom;
    ShapeEntry *entries;
    Lru lru; /* frame: shape_cache_begin_frame() count */
    size_t created, hits;
    int max_w, max_h; /* largest texture the renderer takes, 0 = no limit */
};

ShapeCache *shape_cache_create(SDL_Renderer *sdl, size_t max_bytes)
{
    ShapeCache *sc = calloc(1, sizeof(*sc));
    if (!sc)
        goto fail;
    sc->entries = calloc(SHAPE_MAX_ENTRIES, sizeof(*sc->entries));
    if (!sc->entries)
        goto fail;
    sc->sdl = sdl;
    sc->lru.max_entries = SHAPE_MAX_ENTRIES;
    sc->lru.max_bytes = max_bytes;
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(sdl, &info) == 0)
        shape_cache_set_max_texture(sc, info.max_texture_width, info.max_texture_height);
    geom_init(&sc->geom);
    sc->geom.tolerance = GEOM_TOLERANCE_SOFTWARE; /* software renderer only */
    return sc;
fail:
    free(sc);
    return NULL;
}

void shape_cache_set_max_texture(ShapeCache *sc, int max_w, int max_h)
{
    if (max_w > 0 && (sc->max_w == 0 || max_w < sc->max_w))
        sc->max_w = max_w;
    if (max_h > 0 && (sc->max_h == 0 || max_h < sc->max_h))
        sc->max_h = max_h;
}

static void entry_free(ShapeCache *sc, size_t i)
{
    for (int k = 0; k < sc->entries[i].parts; k++)
        SDL_DestroyTexture(sc->entries[i].tex[k]);
    sc->entries[i] = sc->entries[lru_drop(&sc->lru, sc->entries[i].bytes)];
}

static void drop(void *sc, size_t i)
{
    entry_free(sc, i);
}

void shape_cache_destroy(ShapeCache *sc)
{
    if (!sc)
        return;
    while (sc->lru.count > 0)
        entry_free(sc, 0);
    geom_free(&sc->geom);
    free(sc->entries);
    free(sc);
}

/* Evict least recently used shapes not in use until bytes more fit. */
static void evict_for(ShapeCache *sc, size_t bytes)
{
    lru_evict(&sc->lru, bytes, &sc->entries[0].use, sizeof(ShapeEntry), drop, sc);
}

void shape_cache_begin_frame(ShapeCache *sc)
{
    sc->lru.frame++;
    evict_for(sc, 0);
}

void shape_cache_set_budget(ShapeCache *sc, size_t max_bytes)
{
    sc->lru.max_bytes = max_bytes;
}

/* Draw the shape into a new texture; NULL on failure. */
static SDL_Texture *build_texture(ShapeCache *sc, int w, int h, SDL_Color clear, ShapeBuildFn build,
                                  const void *arg)
{
    SDL_Texture *prev = SDL_GetRenderTarget(sc->sdl);
    Uint8 r, g, b, a;
    SDL_GetRenderDrawColor(sc->sdl, &r, &g, &b, &a);
    SDL_Texture *tex =
        SDL_CreateTexture(sc->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!tex || SDL_SetRenderTarget(sc->sdl, tex) != 0)
        goto fail;
    SDL_SetRenderDrawColor(sc->sdl, clear.r, clear.g, clear.b, 0);
    SDL_RenderClear(sc->sdl);
    build(&sc->geom, arg);
    geom_flush(&sc->geom, sc->sdl);
    SDL_SetRenderTarget(sc->sdl, prev);
    SDL_SetRenderDrawColor(sc->sdl, r, g, b, a);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    return tex;
fail:
    if (tex)
        SDL_DestroyTexture(tex);
    return NULL;
}

/* Index of the entry for key, or -1. */
static long find(const ShapeCache *sc, uint64_t hv, const void *key, size_t key_len, int w, int h)
{
    for (size_t i = 0; i < sc->lru.count; i++) {
        const ShapeEntry *e = &sc->entries[i];
        if (e->hash == hv && e->key_len == key_len && e->w == w && e->h == h &&
            !memcmp(e->key, key, key_len))
            return (long)i;
    }
    return -1;
}

/* The inked pieces of one row of a picture: the rows pixels (w wide,
 * pitch bytes apart), rows y .. y + rows - 1 of the picture. The columns
 * from the first inked one (alpha > 0) to the last, as two pieces when a
 * transparent run of at least gap columns lies between (a ring's hole).
 * Returns the number of rectangles (0 to 2), in picture coordinates. */
static int row_pieces(const Uint8 *pixels, int pitch, int w, int y, int rows, int gap,
                      SDL_Rect *out, bool *used)
{
    for (int x = 0; x < w; x++)
        used[x] = false;
    for (int k = 0; k < rows; k++) {
        const Uint32 *row = (const Uint32 *)(pixels + (size_t)k * (size_t)pitch);
        for (int x = 0; x < w; x++)
            used[x] = used[x] || (row[x] >> 24) != 0;
    }
    int l = 0, r = w;
    while (l < r && !used[l])
        l++;
    while (r > l && !used[r - 1])
        r--;
    if (l == r)
        return 0;
    int best0 = 0, best1 = 0; /* the longest transparent run inside */
    for (int x = l; x < r;) {
        if (used[x]) {
            x++;
            continue;
        }
        int x0 = x;
        while (x < r && !used[x])
            x++;
        if (x - x0 > best1 - best0) {
            best0 = x0;
            best1 = x;
        }
    }
    if (best1 - best0 < gap) {
        out[0] = (SDL_Rect){l, y, r - l, rows};
        return 1;
    }
    out[0] = (SDL_Rect){l, y, best0 - l, rows};
    out[1] = (SDL_Rect){best1, y, r - best1, rows};
    return 2;
}

/* Copy the inked pieces of the w x h target texture full, cut into
 * SHAPE_STRIPS rows (see row_pieces; a ring keeps its annulus, not its hole
 * and corners), into textures of their own, pixel for pixel (read back a
 * row at a time, not redrawn); their rectangles go to part[], their bytes
 * to *bytes. Returns the number made, or 0 on failure. */
static int split_texture(ShapeCache *sc, SDL_Texture *full, int w, int h, int hole,
                         SDL_Texture **tex, SDL_Rect *part, size_t *bytes)
{
    int made = 0;
    int pitch = w * 4, strip = (h + SHAPE_STRIPS - 1) / SHAPE_STRIPS;
    Uint8 *pixels = malloc((size_t)pitch * (size_t)strip);
    bool *used = malloc((size_t)w * sizeof(*used));
    SDL_Texture *prev = SDL_GetRenderTarget(sc->sdl);
    *bytes = 0;
    if (!pixels || !used || SDL_SetRenderTarget(sc->sdl, full) != 0)
        goto fail;
    for (int y0 = 0; y0 < h; y0 += strip) {
        int rows = y0 + strip < h ? strip : h - y0;
        SDL_Rect band = {0, y0, w, rows};
        if (SDL_RenderReadPixels(sc->sdl, &band, SDL_PIXELFORMAT_ARGB8888, pixels, pitch) != 0)
            goto fail;
        int n = row_pieces(pixels, pitch, w, y0, rows, hole, &part[made], used);
        for (int end = made + n; made < end; made++) {
            const SDL_Rect *r = &part[made];
            tex[made] = SDL_CreateTexture(sc->sdl, SDL_PIXELFORMAT_ARGB8888,
                                          SDL_TEXTUREACCESS_STATIC, r->w, r->h);
            if (!tex[made] || SDL_UpdateTexture(tex[made], NULL, pixels + 4 * r->x, pitch) != 0)
                goto fail;
            SDL_SetTextureBlendMode(tex[made], SDL_BLENDMODE_BLEND);
            *bytes += (size_t)r->w * (size_t)r->h * 4;
        }
    }
    SDL_SetRenderTarget(sc->sdl, prev);
    free(used);
    free(pixels);
    return made;
fail:
    SDL_SetRenderTarget(sc->sdl, prev);
    for (int k = 0; k <= made && k < SHAPE_PARTS; k++)
        if (tex[k]) {
            SDL_DestroyTexture(tex[k]);
            tex[k] = NULL;
        }
    free(used);
    free(pixels);
    return 0;
}

bool shape_cache_forget(ShapeCache *sc, const void *key, size_t key_len, int w, int h)
{
    if (key_len > SHAPE_KEY_MAX)
        return false;
    long i = find(sc, okr_hash64(key, key_len), key, key_len, w, h);
    if (i < 0)
        return false;
    entry_free(sc, (size_t)i);
    return true;
}

void shape_cache_release(ShapeCache *sc, const void *key, size_t key_len, int w, int h)
{
    if (key_len > SHAPE_KEY_MAX)
        return;
    long i = find(sc, okr_hash64(key, key_len), key, key_len, w, h);
    if (i >= 0)
        lru_release(&sc->lru, &sc->entries[i].use);
}

/* The entry for key, built on a miss (as bands around the hole when
 * hole > 0); NULL on failure. */
static ShapeEntry *lookup(ShapeCache *sc, const void *key, size_t key_len, int w, int h, int hole,
                          SDL_Color clear, ShapeBuildFn build, const void *arg)
{
    if (key_len > SHAPE_KEY_MAX || w <= 0 || h <= 0 || (sc->max_w > 0 && w > sc->max_w) ||
        (sc->max_h > 0 && h > sc->max_h))
        return NULL; /* the caller draws the shape itself */
    uint64_t hv = okr_hash64(key, key_len);
    sc->lru.tick++;
    long hit = find(sc, hv, key, key_len, w, h);
    if (hit >= 0 && sc->entries[hit].hole == hole) {
        sc->hits++;
        lru_touch(&sc->lru, &sc->entries[hit].use);
        return &sc->entries[hit];
    }
    if (hit >= 0)
        entry_free(sc, (size_t)hit); /* the same picture kept the other way */
    size_t bytes = (size_t)w * (size_t)h * 4;
    if (hole > 0)
        bytes -= (size_t)(2 * hole) * (size_t)(2 * hole) * 4;
    evict_for(sc, bytes);
    SDL_Texture *full = build_texture(sc, w, h, clear, build, arg);
    if (!full)
        return NULL;
    ShapeEntry *e = &sc->entries[sc->lru.count];
    SDL_memset(e->tex, 0, sizeof(e->tex));
    if (hole > 0) {
        e->parts = split_texture(sc, full, w, h, hole, e->tex, e->part, &bytes);
        SDL_DestroyTexture(full);
        if (e->parts == 0)
            return NULL;
    } else {
        e->tex[0] = full;
        e->part[0] = (SDL_Rect){0, 0, w, h};
        e->parts = 1;
    }
    e->hash = hv;
    memcpy(e->key, key, key_len);
    e->key_len = key_len;
    e->w = w;
    e->h = h;
    e->hole = hole;
    e->bytes = bytes;
    lru_add(&sc->lru, &e->use, bytes);
    sc->created++;
    return e;
}

SDL_Texture *shape_cache_get(ShapeCache *sc, const void *key, size_t key_len, int w, int h,
                             SDL_Color clear, ShapeBuildFn build, const void *arg)
{
    ShapeEntry *e = lookup(sc, key, key_len, w, h, 0, clear, build, arg);
    return e ? e->tex[0] : NULL;
}

int shape_cache_draw_holed(ShapeCache *sc, const void *key, size_t key_len, int x, int y, int side,
                           int hole, SDL_Color clear, float opacity, ShapeBuildFn build,
                           const void *arg)
{
    if (hole < 1 || 2 * hole >= side)
        return -1;
    ShapeEntry *e = lookup(sc, key, key_len, side, side, hole, clear, build, arg);
    if (!e)
        return -1;
    for (int k = 0; k < e->parts; k++) {
        SDL_Rect dst = {x + e->part[k].x, y + e->part[k].y, e->part[k].w, e->part[k].h};
        SDL_SetTextureAlphaMod(e->tex[k], (Uint8)(opacity * 255.0f + 0.5f));
        if (SDL_RenderCopy(sc->sdl, e->tex[k], NULL, &dst) != 0)
            return -1;
    }
    return 0;
}

int shape_cache_draw(ShapeCache *sc, const void *key, size_t key_len, int x, int y, int w, int h,
                     SDL_Color clear, float opacity, ShapeBuildFn build, const void *arg)
{
    SDL_Texture *tex = shape_cache_get(sc, key, key_len, w, h, clear, build, arg);
    if (!tex)
        return -1;
    SDL_SetTextureAlphaMod(tex, (Uint8)(opacity * 255.0f + 0.5f));
    SDL_Rect dst = {x, y, w, h};
    return SDL_RenderCopy(sc->sdl, tex, NULL, &dst) == 0 ? 0 : -1;
}

void shape_cache_stats(const ShapeCache *sc, size_t *created, size_t *hits, size_t *bytes)
{
    if (created)
        *created = sc->created;
    if (hits)
        *hits = sc->hits;
    if (bytes)
        *bytes = sc->lru.bytes;
}

size_t shape_cache_freed_bytes(const ShapeCache *sc)
{
    return sc->lru.freed;
}
