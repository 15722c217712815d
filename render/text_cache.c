/*
 * text_cache: wrapped, font-fallback, tabular-digit text textures with an LRU
 * cache (see text_cache.h).
 *
 * Rendering a text (on a cache miss only): wrap it into lines by measuring
 * prefixes, then compose every line from runs, one TTF_RenderUTF8_Blended
 * surface per run of codepoints that share a font (and one per digit in
 * tabular mode), blitted onto a surface pre-filled with the text colour at
 * alpha 0 so blending keeps the colour and only accumulates coverage. Runs
 * from fallback fonts are placed on the main font's baseline. A run is made
 * of clusters (emoji.c), so an emoji sequence is never split between fonts
 * or lines; a bitmap font's run (colour emoji) is drawn at its one size and
 * averaged down to the text size, inside the line box.
 *
 * The cache is a flat array searched by a 64-bit hash: a frame asks for a few
 * hundred texts at most, and a linear scan of integers is cheaper than the
 * bookkeeping of a table at that size.
 */
#include "text_cache.h"
#include "emoji.h"
#include "lru.h"
#include "okr_util.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX_BYTES 2048 /* longer texts are cut (layout caps at 320) */
#define TEXT_MAX_LINES 16
#define ELLIPSIS "\xE2\x80\xA6"
#define TEXT_METRICS_SLOTS 32
#define TEXT_NO_LIMIT (1 << 24) /* no texture size limit (software renderer) */

/* Font metrics remembered per (weight, size): size_px 0 = empty. */
typedef struct {
    FontWeight weight;
    int size_px;
    int skip, height, space_w;
} Metrics;

typedef struct {
    uint64_t hash;
    char *text;
    TextSpec spec; /* spec.text points at text */
    TextImage img;
    size_t bytes;
    LruStamp use;
} Entry;

struct TextCache {
    SDL_Renderer *sdl;
    Fonts *fonts;
    Entry *entries;
    Lru lru; /* frame: text_cache_begin_frame() count */
    size_t created, hits;
    Metrics metrics[TEXT_METRICS_SLOTS];
    size_t metrics_next; /* slot replaced next when all are taken */
    int max_w, max_h;    /* largest texture the renderer takes */
    int tex_w, tex_h;    /* largest texture made so far */
};

typedef struct {
    size_t start, len; /* bytes of the source text */
    bool ellipsis;
} Line;

/* Per-render context: the spec and the main font at its size. */
typedef struct {
    TextCache *tc;
    const TextSpec *spec;
    TTF_Font *main;
    int digit_w; /* tabular cell width, 0 when not tabular */
} Ctx;

static bool is_digit_cell(const Ctx *c, uint32_t cp)
{
    return c->digit_w > 0 && cp >= '0' && cp <= '9';
}

/* ---- runs: walk a line as (font, bytes) pieces ---- */

typedef struct {
    TTF_Font *font;
    size_t start, len;
    bool cell;          /* a tabular digit */
    const char *script; /* right-to-left script (ISO 15924), NULL for LTR */
    int strike;         /* the font's one size when it is a bitmap font, else 0 */
} Run;

/* Right-to-left scripts get shaped as such (harfbuzz inside SDL_ttf joins
 * Arabic letters and orders the run right to left). */
static const char *rtl_script(uint32_t cp)
{
    if ((cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0xFB1D && cp <= 0xFB4F))
        return "Hebr";
    if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF))
        return "Arab";
    return NULL;
}

/* Does SDL_ttf shape (HarfBuzz)? Only a shaper turns an emoji sequence
 * into the colour font's one glyph; without one it would draw the pieces. */
static bool can_shape(void)
{
    static int shapes = -1;
    if (shapes < 0) {
        int major = 0, minor = 0, patch = 0;
        TTF_GetHarfBuzzVersion(&major, &minor, &patch);
        shapes = major > 0 || minor > 0 || patch > 0;
    }
    return shapes;
}

/* The colour emoji font that draws cl as one picture, or NULL. */
static TTF_Font *emoji_font(Ctx *c, const EmojiCluster *cl)
{
    if (!cl->emoji || (cl->sequence && !can_shape()))
        return NULL;
    return fonts_emoji(c->tc->fonts, c->spec->size_px, cl->base);
}

/* The font a cluster is drawn with: an emoji (a sequence whole) by the
 * colour face, anything else (a sequence no colour face has: its base) by
 * the font that has its first codepoint. */
static TTF_Font *cluster_font(Ctx *c, const EmojiCluster *cl)
{
    TTF_Font *f = emoji_font(c, cl);
    return f ? f : fonts_for(c->tc->fonts, c->spec->weight, c->spec->size_px, cl->base);
}

static bool is_cell(const Ctx *c, const EmojiCluster *cl)
{
    return !cl->sequence && is_digit_cell(c, cl->base);
}

/* Is the first non-space codepoint at t[i..len) of script s? */
static bool continues_script(const char *t, size_t len, size_t i, const char *s)
{
    while (i < len && t[i] == ' ')
        i++;
    if (i >= len)
        return false;
    const char *next = rtl_script(emoji_utf8_next(t, len, &i));
    return next && !strcmp(next, s);
}

/* Next run of t[*i..len): clusters drawn by the same font in the same
 * direction (spaces between right-to-left words stay in their run, so the
 * words keep their order). Returns false at the end. */
static bool next_run(Ctx *c, const char *t, size_t len, size_t *i, Run *run)
{
    if (*i >= len)
        return false;
    EmojiCluster cl = emoji_cluster(t, len, *i);
    run->start = *i;
    run->font = cluster_font(c, &cl);
    run->cell = is_cell(c, &cl);
    run->script = rtl_script(cl.base);
    *i = cl.end;
    if (!run->cell) {
        while (*i < len) {
            EmojiCluster next = emoji_cluster(t, len, *i);
            const char *script = rtl_script(next.base);
            bool joins;
            if (run->script && next.base == ' ')
                joins = continues_script(t, len, next.end, run->script);
            else
                joins = !is_cell(c, &next) &&
                        (script == run->script ||
                         (script && run->script && !strcmp(script, run->script))) &&
                        cluster_font(c, &next) == run->font;
            if (!joins)
                break;
            *i = next.end;
        }
    }
    run->len = *i - run->start;
    run->strike = run->font ? fonts_strike_px(c->tc->fonts, run->font) : 0;
    return run->font != NULL;
}

/* The text a run shapes, NUL-terminated in buf (TEXT_MAX_BYTES + 1 bytes):
 * of an emoji sequence its font cannot draw as one picture only the base
 * (or a flag's letters). */
static void run_text(Ctx *c, const char *t, const Run *run, char *buf)
{
    size_t n = 0, i = run->start, end = run->start + run->len;
    while (i < end && n < TEXT_MAX_BYTES) {
        EmojiCluster cl = emoji_cluster(t, end, i);
        const char *from = t + i;
        size_t keep = cl.end - i;
        char base[4];
        if (cl.sequence && emoji_font(c, &cl) != run->font) {
            keep = emoji_fallback(t, &cl, i, base);
            from = base;
        }
        if (keep > TEXT_MAX_BYTES - n)
            break;
        memcpy(buf + n, from, keep);
        n += keep;
        i = cl.end;
    }
    buf[n] = '\0';
}

/* How much a run of a bitmap font is scaled: to the text's pixel size (the
 * strike's size stands for its em), never taller than the line box. */
static double run_scale(const Ctx *c, const Run *run)
{
    if (run->strike <= 0)
        return 1.0;
    double s = (double)c->spec->size_px / run->strike;
    int h = TTF_FontHeight(run->font), line = TTF_FontHeight(c->main);
    if (h > 0 && s * h > line)
        s = (double)line / h;
    return s;
}

/* Set (or with script NULL reset) the run's shaping direction. */
static void shape_as(const Run *run, bool on)
{
    if (!run->script)
        return;
    TTF_SetFontDirection(run->font, on ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(run->font, on ? run->script : "Zzzz");
}

static int run_width(Ctx *c, const char *t, const Run *run)
{
    if (run->cell)
        return c->digit_w;
    char buf[TEXT_MAX_BYTES + 8];
    run_text(c, t, run, buf);
    int w = 0, h = 0;
    shape_as(run, true);
    if (TTF_SizeUTF8(run->font, buf, &w, &h) != 0)
        w = 0;
    shape_as(run, false);
    return run->strike > 0 ? (int)lround(w * run_scale(c, run)) : w;
}

static int measure(Ctx *c, const char *t, size_t len)
{
    int w = 0;
    size_t i = 0;
    Run run;
    while (next_run(c, t, len, &i, &run))
        w += run_width(c, t, &run);
    return w;
}

/* ---- wrapping ---- */

static size_t skip_spaces(const char *t, size_t len, size_t i)
{
    while (i < len && t[i] == ' ')
        i++;
    return i;
}

/* Longest prefix t[start..e) with e at a cluster boundary (a codepoint, or
 * a whole emoji sequence), at most 'end', whose width plus extra fits in w;
 * at least one cluster if force. */
static size_t fit_codepoints(Ctx *c, const char *t, size_t start, size_t end, int w, int extra,
                             bool force)
{
    size_t best = start, i = start;
    while (i < end) {
        i = emoji_cluster(t, end, i).end; /* never inside an emoji sequence */
        if (measure(c, t + start, i - start) + extra > w)
            break;
        best = i;
    }
    if (best == start && force && start < end)
        best = emoji_cluster(t, end, start).end;
    return best;
}

/* Greedy word wrap of t into at most max lines of width w. */
static int wrap(Ctx *c, const char *t, size_t len, int w, int max, Line *lines)
{
    int n = 0;
    size_t pos = skip_spaces(t, len, 0);
    int ell_w = measure(c, ELLIPSIS, strlen(ELLIPSIS));
    while (pos < len && n < max) {
        /* the hard line end (newline) and the best word break before it */
        size_t hard = pos;
        while (hard < len && t[hard] != '\n')
            hard++;
        size_t end = pos, e = pos;
        while (e < hard) {
            size_t next = e;
            while (next < hard && t[next] == ' ')
                next++;
            while (next < hard && t[next] != ' ')
                next++;
            if (measure(c, t + pos, next - pos) > w)
                break;
            end = next;
            e = next;
        }
        if (end == pos) /* a word longer than the line: break inside it */
            end = fit_codepoints(c, t, pos, hard, w, 0, true);
        size_t rest = skip_spaces(t, len, end);
        if (rest < len && t[rest] == '\n')
            rest++;
        rest = skip_spaces(t, len, rest);
        Line *ln = &lines[n++];
        ln->start = pos;
        ln->len = end - pos;
        ln->ellipsis = false;
        if (n == max && rest < len) {
            /* last line with text left over: make room for the ellipsis */
            while (ln->len > 0 && t[ln->start + ln->len - 1] == ' ')
                ln->len--;
            if (measure(c, t + pos, ln->len) + ell_w > w) {
                size_t cut = fit_codepoints(c, t, pos, pos + ln->len, w, ell_w, false);
                /* prefer cutting at a space when one is in the last third */
                size_t sp = cut;
                while (sp > pos && t[sp - 1] != ' ')
                    sp--;
                if (sp > pos && (cut - sp) * 3 < (cut - pos))
                    cut = sp;
                while (cut > pos && t[cut - 1] == ' ')
                    cut--;
                ln->len = cut - pos;
            }
            ln->ellipsis = true;
        }
        pos = rest;
    }
    return n;
}

/* ---- composing ---- */

/* Draw a run at x on the line whose box starts at row y; w is its width
 * (run_width). A bitmap font's run is scaled to w and into the line box,
 * its baseline on the main font's where the box allows. */
static void blit_run(Ctx *c, const char *t, const Run *run, SDL_Surface *dst, int x, int y, int w)
{
    char buf[TEXT_MAX_BYTES + 8];
    run_text(c, t, run, buf);
    Rgba k = c->spec->color;
    SDL_Color col = {k.r, k.g, k.b, 255};
    shape_as(run, true);
    SDL_Surface *s = TTF_RenderUTF8_Blended(run->font, buf, col);
    shape_as(run, false);
    if (!s)
        return;
    int main_ascent = TTF_FontAscent(c->main);
    if (run->strike > 0) {
        double scale = run_scale(c, run);
        int h = (int)lround(s->h * scale), line = TTF_FontHeight(c->main);
        int top = main_ascent - (int)lround(TTF_FontAscent(run->font) * scale);
        if (top > line - h)
            top = line - h;
        if (top < 0)
            top = 0;
        emoji_blit_scaled(s, dst, (SDL_Rect){x, y + top, w, h});
        SDL_FreeSurface(s);
        return;
    }
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    SDL_Rect at = {x, y + main_ascent - TTF_FontAscent(run->font), s->w, s->h};
    if (run->cell)
        at.x += (c->digit_w - s->w) / 2;
    SDL_BlitSurface(s, NULL, dst, &at);
    SDL_FreeSurface(s);
}

static void draw_line(Ctx *c, const char *t, const Line *ln, SDL_Surface *dst, int x, int y)
{
    size_t i = 0;
    Run run;
    const char *s = t + ln->start;
    while (next_run(c, s, ln->len, &i, &run)) {
        int w = run_width(c, s, &run);
        blit_run(c, s, &run, dst, x, y, w);
        x += w;
    }
    if (ln->ellipsis) {
        i = 0;
        while (next_run(c, ELLIPSIS, strlen(ELLIPSIS), &i, &run))
            blit_run(c, ELLIPSIS, &run, dst, x, y, run_width(c, ELLIPSIS, &run));
    }
}

static int tabular_width(TTF_Font *font)
{
    int best = 0;
    for (uint32_t d = '0'; d <= '9'; d++) {
        int minx, maxx, miny, maxy, adv;
        if (TTF_GlyphMetrics32(font, d, &minx, &maxx, &miny, &maxy, &adv) == 0 && adv > best)
            best = adv;
    }
    return best;
}

/* Are pixels x0 .. x1 - 1 of row y fully transparent? */
static bool row_blank(const SDL_Surface *s, int y, int x0, int x1)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
    for (int x = x0; x < x1; x++)
        if (row[x] >> 24)
            return false;
    return true;
}

static bool column_blank(const SDL_Surface *s, int x, int y0, int y1)
{
    for (int y = y0; y < y1; y++)
        if (((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x] >> 24)
            return false;
    return true;
}

/* The inked rectangle of each of the n lines of s (line i owns rows
 * i * skip .. i * skip + skip - 1, the last one down to the bottom), in
 * part[].x/y/w/h; lines without ink are left out. Returns the number of
 * parts, or 0 for more lines than parts. The bands cover every row, so
 * ink that strays over a line's box (a tall fallback glyph) is kept too. */
static int ink_parts(const SDL_Surface *s, int n, int skip, TextPart *part)
{
    if (n > TEXT_IMAGE_PARTS)
        return 0;
    int parts = 0;
    for (int i = 0; i < n; i++) {
        int y0 = i * skip, y1 = i == n - 1 ? s->h : (i + 1) * skip;
        if (y1 > s->h)
            y1 = s->h;
        while (y0 < y1 && row_blank(s, y0, 0, s->w))
            y0++;
        while (y1 > y0 && row_blank(s, y1 - 1, 0, s->w))
            y1--;
        if (y1 == y0)
            continue;
        int x0 = 0, x1 = s->w;
        while (x0 < x1 && column_blank(s, x0, y0, y1))
            x0++;
        while (x1 > x0 && column_blank(s, x1 - 1, y0, y1))
            x1--;
        part[parts++] = (TextPart){0, 0, x1 - x0, y1 - y0, x0, y0};
    }
    return parts;
}

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

/* Place the n pieces in[] (x, y, w, h: rectangles of the composed text) in
 * a picture no larger than max_w x max_h: side by side in one row when that
 * is narrow enough, else as a ribbon wrapped into rows of equal width (the
 * fewest rows that fit), a piece cut where a row ends; pieces taller than
 * max_h are cut into bands first. out[] gets each chunk with its place in
 * the picture (sx, sy), *pw x *ph the picture's size. Returns the number of
 * chunks, or 0 when they need more than TEXT_IMAGE_PARTS or the rows are
 * taller than max_h. */
static int pack_parts(const TextPart *in, int n, int max_w, int max_h, TextPart *out, int *pw,
                      int *ph)
{
    TextPart band[TEXT_IMAGE_PARTS];
    int bands = 0;
    long total = 0;
    for (int i = 0; i < n; i++)
        for (int y = 0; y < in[i].h; y += max_h) {
            if (bands == TEXT_IMAGE_PARTS)
                return 0;
            band[bands] = in[i];
            band[bands].y += y;
            band[bands].h = min_int(max_h, in[i].h - y);
            total += band[bands++].w;
        }
    if (bands == 0 || total <= 0)
        return 0;
    long rows = (total + max_w - 1) / max_w;
    int row_w = (int)((total + rows - 1) / rows);
    int row_h[TEXT_IMAGE_PARTS] = {0}, row_of[TEXT_IMAGE_PARTS];
    int count = 0, row = 0, x = 0;
    for (int i = 0; i < bands; i++)
        for (int cx = 0; cx < band[i].w;) {
            if (x == row_w) {
                row++;
                x = 0;
            }
            int cw = min_int(band[i].w - cx, row_w - x);
            if (count == TEXT_IMAGE_PARTS || row >= TEXT_IMAGE_PARTS)
                return 0;
            out[count] = (TextPart){x, 0, cw, band[i].h, band[i].x + cx, band[i].y};
            row_of[count++] = row;
            row_h[row] = band[i].h > row_h[row] ? band[i].h : row_h[row];
            x += cw;
            cx += cw;
        }
    int row_y[TEXT_IMAGE_PARTS], y = 0;
    for (int k = 0; k <= row; k++) {
        row_y[k] = y;
        if (row_h[k] > max_h - y)
            return 0;
        y += row_h[k];
    }
    for (int i = 0; i < count; i++)
        out[i].sy = row_y[row_of[i]];
    *pw = row == 0 ? x : row_w;
    *ph = y;
    return count;
}

/* Render spec into a new texture; fills img. Returns 0 or -1. */
static int render_text(TextCache *tc, const TextSpec *spec, TextImage *img)
{
    int rc = -1;
    SDL_Surface *surf = NULL;
    Ctx c = {tc, spec, fonts_main(tc->fonts, spec->weight, spec->size_px), 0};
    if (!c.main)
        goto done;
    if (spec->tabular)
        c.digit_w = tabular_width(c.main);
    size_t len = okr_utf8_cut(spec->text, TEXT_MAX_BYTES); /* not inside a codepoint */
    int max = spec->max_lines < 1 ? 1 : spec->max_lines;
    if (max > TEXT_MAX_LINES)
        max = TEXT_MAX_LINES;
    int w_limit = spec->wrap_w > 0 ? spec->wrap_w : INT_MAX / 4;
    Line lines[TEXT_MAX_LINES];
    int n = wrap(&c, spec->text, len, w_limit, max, lines);
    if (n == 0)
        goto done;

    int widths[TEXT_MAX_LINES], tw = 1;
    int ell_w = measure(&c, ELLIPSIS, strlen(ELLIPSIS));
    for (int i = 0; i < n; i++) {
        widths[i] = measure(&c, spec->text + lines[i].start, lines[i].len) +
                    (lines[i].ellipsis ? ell_w : 0);
        if (widths[i] > tw)
            tw = widths[i];
    }
    int skip = TTF_FontLineSkip(c.main), fh = TTF_FontHeight(c.main);
    int th = (n - 1) * skip + fh;
    surf = SDL_CreateRGBSurfaceWithFormat(0, tw, th, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surf)
        goto done;
    SDL_FillRect(surf, NULL,
                 SDL_MapRGBA(surf->format, spec->color.r, spec->color.g, spec->color.b, 0));
    for (int i = 0; i < n; i++) {
        int x = 0;
        if (spec->align == ALIGN_CENTER)
            x = (tw - widths[i]) / 2;
        else if (spec->align == ALIGN_RIGHT)
            x = tw - widths[i];
        draw_line(&c, spec->text, &lines[i], surf, x, i * skip);
    }
    if (spec->color.a < 255) {
        /* bake the colour's own alpha into the coverage */
        SDL_LockSurface(surf);
        for (int y = 0; y < th; y++) {
            Uint32 *row = (Uint32 *)((Uint8 *)surf->pixels + y * surf->pitch);
            for (int x = 0; x < tw; x++) {
                Uint32 a = row[x] >> 24;
                a = a * spec->color.a / 255;
                row[x] = (row[x] & 0x00FFFFFFu) | (a << 24);
            }
        }
        SDL_UnlockSurface(surf);
    }
    /* keep only the rows with ink: a line's box has room above and below
     * for accents and descenders that most texts do not use, and every
     * transparent row costs memory and blending time */
    int top = 0, bottom = th;
    while (top < bottom && row_blank(surf, top, 0, tw))
        top++;
    while (bottom > top && row_blank(surf, bottom - 1, 0, tw))
        bottom--;
    if (bottom == top)
        goto done; /* nothing visible (spaces) */
    /* the pieces: each line's ink, or the whole inked band when that is
     * smaller or there are too many lines; cut to the GPU's texture size
     * and packed in rows no wider than it */
    TextPart lines_ink[TEXT_IMAGE_PARTS], whole = {0, 0, tw, bottom - top, 0, top};
    int n_ink = ink_parts(surf, n, skip, lines_ink);
    int pw = 0, ph = 0, parts = 0;
    if (n_ink > 0)
        parts = pack_parts(lines_ink, n_ink, tc->max_w, tc->max_h, img->part, &pw, &ph);
    if (parts == 0 || (size_t)pw * (size_t)ph >= (size_t)tw * (size_t)(bottom - top))
        parts = pack_parts(&whole, 1, tc->max_w, tc->max_h, img->part, &pw, &ph);
    if (parts == 0)
        goto done; /* larger than the GPU can hold even cut up */
    img->texture =
        SDL_CreateTexture(tc->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, pw, ph);
    if (!img->texture)
        goto done;
    /* each piece straight from the composed surface into its place (no
     * packed copy: at 4K a long title's would be another megabyte for a
     * moment); what lies between pieces is never drawn */
    for (int i = 0; i < parts; i++) {
        const TextPart *pt = &img->part[i];
        SDL_Rect at = {pt->sx, pt->sy, pt->w, pt->h};
        const Uint8 *from = (const Uint8 *)surf->pixels + pt->y * surf->pitch + 4 * pt->x;
        SDL_UpdateTexture(img->texture, &at, from, surf->pitch);
    }
    SDL_SetTextureBlendMode(img->texture, SDL_BLENDMODE_BLEND);
    img->parts = parts;
    img->w = tw;
    img->h = th;
    img->ink_y = top;
    img->ink_h = bottom - top;
    img->lines = n;
    img->line_h = skip;
    rc = 0;
done:
    if (surf)
        SDL_FreeSurface(surf);
    return rc;
}

/* ---- cache ---- */

static uint64_t spec_hash(const TextSpec *s)
{
    uint64_t h = okr_hash64(s->text, strnlen(s->text, TEXT_MAX_BYTES));
    int v[8] = {(int)s->weight,
                s->size_px,
                s->wrap_w,
                s->max_lines,
                (int)s->align,
                (int)s->tabular,
                (int)(((Uint32)s->color.r << 24) | ((Uint32)s->color.g << 16) |
                      ((Uint32)s->color.b << 8) | s->color.a),
                0};
    return okr_hash64_more(h, v, sizeof(v));
}

static bool spec_equal(const TextSpec *a, const TextSpec *b)
{
    return a->weight == b->weight && a->size_px == b->size_px && a->wrap_w == b->wrap_w &&
           a->max_lines == b->max_lines && a->align == b->align && a->tabular == b->tabular &&
           a->color.r == b->color.r && a->color.g == b->color.g && a->color.b == b->color.b &&
           a->color.a == b->color.a && strncmp(a->text, b->text, TEXT_MAX_BYTES) == 0;
}

TextCache *text_cache_create(SDL_Renderer *sdl, Fonts *fonts, size_t max_entries, size_t max_bytes)
{
    TextCache *tc = calloc(1, sizeof(*tc));
    if (!tc)
        goto fail;
    tc->sdl = sdl;
    tc->fonts = fonts;
    tc->lru.max_entries = max_entries < 8 ? 8 : max_entries;
    text_cache_set_budget(tc, max_bytes);
    tc->entries = calloc(tc->lru.max_entries, sizeof(*tc->entries));
    if (!tc->entries)
        goto fail;
    tc->max_w = tc->max_h = TEXT_NO_LIMIT;
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(sdl, &info) == 0)
        text_cache_set_max_texture(tc, info.max_texture_width, info.max_texture_height);
    return tc;
fail:
    free(tc);
    return NULL;
}

static void entry_free(TextCache *tc, size_t i)
{
    Entry *e = &tc->entries[i];
    if (e->img.texture)
        SDL_DestroyTexture(e->img.texture);
    free(e->text);
    tc->entries[i] = tc->entries[lru_drop(&tc->lru, e->bytes)];
}

static void drop(void *tc, size_t i)
{
    entry_free(tc, i);
}

void text_cache_set_max_texture(TextCache *tc, int max_w, int max_h)
{
    if (max_w > 0 && max_w < tc->max_w)
        tc->max_w = max_w;
    if (max_h > 0 && max_h < tc->max_h)
        tc->max_h = max_h;
}

void text_cache_largest_texture(const TextCache *tc, int *w, int *h)
{
    *w = tc->tex_w;
    *h = tc->tex_h;
}

void text_cache_destroy(TextCache *tc)
{
    if (!tc)
        return;
    while (tc->lru.count > 0)
        entry_free(tc, 0);
    free(tc->entries);
    free(tc);
}

/* Evict least recently used entries until bytes more fit the budget, but
 * none in use: the texts on screen stay even over the budget (evicting
 * them would render them again every frame). A full entry table evicts
 * regardless. */
static void evict_for(TextCache *tc, size_t bytes)
{
    lru_evict(&tc->lru, bytes, &tc->entries[0].use, sizeof(Entry), drop, tc);
}

void text_cache_begin_frame(TextCache *tc)
{
    tc->lru.frame++;
    evict_for(tc, 0);
}

void text_cache_set_budget(TextCache *tc, size_t max_bytes)
{
    tc->lru.max_bytes = max_bytes ? max_bytes : SIZE_MAX; /* 0: no budget */
}

int text_cache_get(TextCache *tc, const TextSpec *spec, TextImage *out)
{
    out->texture = NULL;
    if (!spec->text || !spec->text[0] || spec->size_px < 1)
        return -1;
    uint64_t h = spec_hash(spec);
    tc->lru.tick++;
    for (size_t i = 0; i < tc->lru.count; i++) {
        Entry *e = &tc->entries[i];
        if (e->hash == h && spec_equal(&e->spec, spec)) {
            lru_touch(&tc->lru, &e->use);
            tc->hits++;
            *out = e->img;
            return 0;
        }
    }
    TextImage img = {0};
    char *copy = strndup(spec->text, TEXT_MAX_BYTES);
    if (!copy || render_text(tc, spec, &img) != 0)
        goto fail;
    int tex_w = 0, tex_h = 0;
    SDL_QueryTexture(img.texture, NULL, NULL, &tex_w, &tex_h);
    size_t bytes = (size_t)tex_w * (size_t)tex_h * 4;
    tc->tex_w = tex_w > tc->tex_w ? tex_w : tc->tex_w;
    tc->tex_h = tex_h > tc->tex_h ? tex_h : tc->tex_h;
    evict_for(tc, bytes);
    Entry *e = &tc->entries[tc->lru.count];
    e->hash = h;
    e->text = copy;
    e->spec = *spec;
    e->spec.text = copy;
    e->img = img;
    e->bytes = bytes;
    lru_add(&tc->lru, &e->use, bytes);
    tc->created++;
    *out = img;
    return 0;
fail:
    free(copy);
    return -1;
}

void text_cache_release(TextCache *tc, const TextSpec *spec)
{
    if (!spec->text || !spec->text[0])
        return;
    for (size_t i = 0; i < tc->lru.count; i++) {
        Entry *e = &tc->entries[i];
        const TextSpec *a = &e->spec;
        if (a->size_px != spec->size_px || a->wrap_w != spec->wrap_w || a->weight != spec->weight ||
            a->align != spec->align || a->tabular != spec->tabular ||
            memcmp(&a->color, &spec->color, sizeof(a->color)) != 0 ||
            strncmp(a->text, spec->text, TEXT_MAX_BYTES) != 0)
            continue;
        lru_release(&tc->lru, &e->use);
    }
}

void text_cache_stats(const TextCache *tc, size_t *created, size_t *hits)
{
    if (created)
        *created = tc->created;
    if (hits)
        *hits = tc->hits;
}

void text_cache_usage(const TextCache *tc, size_t *entries, size_t *bytes)
{
    if (entries)
        *entries = tc->lru.count;
    if (bytes)
        *bytes = tc->lru.bytes;
}

size_t text_cache_freed_bytes(const TextCache *tc)
{
    return tc->lru.freed;
}

int text_cache_measure(TextCache *tc, const TextSpec *spec, const char *text, size_t len)
{
    Ctx c = {tc, spec, fonts_main(tc->fonts, spec->weight, spec->size_px), 0};
    if (!c.main)
        return 0;
    if (spec->tabular)
        c.digit_w = tabular_width(c.main);
    return measure(&c, text, len);
}

int text_cache_layout(TextCache *tc, const TextSpec *spec, char *out, size_t outlen)
{
    Ctx c = {tc, spec, fonts_main(tc->fonts, spec->weight, spec->size_px), 0};
    if (outlen)
        out[0] = '\0';
    if (!c.main || !spec->text)
        return 0;
    if (spec->tabular)
        c.digit_w = tabular_width(c.main);
    int max = spec->max_lines < 1 ? 1 : spec->max_lines;
    if (max > TEXT_MAX_LINES)
        max = TEXT_MAX_LINES;
    Line lines[TEXT_MAX_LINES];
    int n = wrap(&c, spec->text, strnlen(spec->text, TEXT_MAX_BYTES),
                 spec->wrap_w > 0 ? spec->wrap_w : INT_MAX / 4, max, lines);
    size_t at = 0;
    for (int i = 0; i < n && at < outlen; i++) {
        int k = snprintf(out + at, outlen - at, "%s%.*s%s", i ? "\n" : "", (int)lines[i].len,
                         spec->text + lines[i].start, lines[i].ellipsis ? ELLIPSIS : "");
        if (k < 0)
            break;
        at += (size_t)k;
    }
    return n;
}

/* The metrics of weight at size_px, measured once; NULL when the font
 * cannot be opened. */
static const Metrics *metrics_for(TextCache *tc, FontWeight weight, int size_px)
{
    if (size_px < 1)
        return NULL;
    for (size_t i = 0; i < TEXT_METRICS_SLOTS; i++) {
        const Metrics *m = &tc->metrics[i];
        if (m->size_px == size_px && m->weight == weight)
            return m;
    }
    TTF_Font *f = fonts_main(tc->fonts, weight, size_px);
    if (!f)
        return NULL;
    Metrics *m = &tc->metrics[tc->metrics_next];
    tc->metrics_next = (tc->metrics_next + 1) % TEXT_METRICS_SLOTS;
    int space_h = 0;
    m->weight = weight;
    m->size_px = size_px;
    m->skip = TTF_FontLineSkip(f);
    m->height = TTF_FontHeight(f);
    if (TTF_SizeUTF8(f, " ", &m->space_w, &space_h) != 0)
        m->space_w = 0;
    return m;
}

void text_cache_line_metrics(TextCache *tc, FontWeight weight, int size_px, int *skip, int *height)
{
    const Metrics *m = metrics_for(tc, weight, size_px);
    *skip = m ? m->skip : 0;
    *height = m ? m->height : 0;
}

int text_cache_space_width(TextCache *tc, FontWeight weight, int size_px)
{
    const Metrics *m = metrics_for(tc, weight, size_px);
    return m ? m->space_w : 0;
}
