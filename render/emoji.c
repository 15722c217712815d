/*
 * emoji: clusters of emoji sequences and the area-averaging scaler (see
 * emoji.h).
 *
 * Which codepoints are pictographs follows Unicode's Extended_Pictographic
 * property in broad ranges (arrows, technical and dingbat blocks, the
 * supplementary symbol planes): a few non-emoji symbols inside them only
 * matter when a ZWJ, VS16 or skin tone follows them, which text does not do.
 */
#include "emoji.h"

#include <stdlib.h>
#include <string.h>

#define ZWJ 0x200Du
#define VS16 0xFE0Fu
#define KEYCAP 0x20E3u

uint32_t emoji_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t left = len - *i;
    uint32_t cp;
    size_t n;
    if (u[0] < 0x80) {
        *i += 1;
        return u[0];
    } else if ((u[0] & 0xE0) == 0xC0) {
        cp = u[0] & 0x1F;
        n = 2;
    } else if ((u[0] & 0xF0) == 0xE0) {
        cp = u[0] & 0x0F;
        n = 3;
    } else if ((u[0] & 0xF8) == 0xF0) {
        cp = u[0] & 0x07;
        n = 4;
    } else {
        *i += 1;
        return 0xFFFD;
    }
    if (left < n) {
        *i += 1;
        return 0xFFFD;
    }
    for (size_t k = 1; k < n; k++) {
        if ((u[k] & 0xC0) != 0x80) {
            *i += 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (u[k] & 0x3F);
    }
    *i += n;
    return cp;
}

static bool is_skin_tone(uint32_t cp)
{
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
}

static bool is_regional(uint32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

static bool is_tag(uint32_t cp)
{
    return cp >= 0xE0020 && cp <= 0xE007F;
}

static bool is_keycap_base(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
}

/* Variation selectors, the combining keycap and ZWJ: shaped with the glyph
 * before them whatever it is. */
static bool is_joiner(uint32_t cp)
{
    return cp == ZWJ || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == KEYCAP ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}

static bool is_pictograph(uint32_t cp)
{
    if (cp >= 0x1F000 && cp <= 0x1FAFF)
        return !is_skin_tone(cp) && !is_regional(cp);
    return cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 ||
           cp == 0x2139 || (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x23FF) ||
           cp == 0x24C2 || (cp >= 0x25A0 && cp <= 0x27BF) || (cp >= 0x2934 && cp <= 0x2935) ||
           (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x3030 || cp == 0x303D || cp == 0x3297 ||
           cp == 0x3299;
}

/* Unicode's Emoji_Presentation=Yes in the Basic Multilingual Plane: the
 * symbols shown as emoji without VS16 (a watch, a coffee, a check mark). */
static bool bmp_presentation(uint32_t cp)
{
    static const uint16_t ranges[][2] = {
        {0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE},
        {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
        {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4},
        {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
        {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
        {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
        {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}};
    for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return true;
    return false;
}

/* Shown as emoji by default: the BMP list above, and the supplementary
 * planes' pictographs, regional indicators and skin tones (nearly all
 * Emoji_Presentation; the few that are not, a thermometer or a desktop
 * computer, come from emoji keyboards with VS16 anyway). */
static bool default_emoji(uint32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || bmp_presentation(cp);
}

/* The codepoint at t[i], or 0 at the end; *after is the byte after it. */
static uint32_t peek(const char *t, size_t len, size_t i, size_t *after)
{
    *after = i;
    return i < len ? emoji_utf8_next(t, len, after) : 0;
}

/* After an emoji at t[*i]: its VS16 and skin tone (one each, in that
 * order as Unicode writes them, either alone). Marks c a sequence. */
static void emoji_marks(const char *t, size_t len, size_t *i, EmojiCluster *c)
{
    size_t j;
    uint32_t cp = peek(t, len, *i, &j);
    if (cp == VS16) {
        *i = j;
        c->sequence = true;
        cp = peek(t, len, *i, &j);
    }
    if (is_skin_tone(cp)) {
        *i = j;
        c->sequence = true;
    }
}

EmojiCluster emoji_cluster(const char *t, size_t len, size_t i)
{
    EmojiCluster c = {i, 0, false, false};
    size_t j;
    c.base = emoji_utf8_next(t, len, &i);
    uint32_t next = peek(t, len, i, &j);
    if (is_regional(c.base) && is_regional(next)) {
        c.end = j;
        c.sequence = c.emoji = true;
        return c;
    }
    if (is_keycap_base(c.base)) {
        if (next == VS16)
            next = peek(t, len, j, &j);
        if (next == KEYCAP) {
            c.end = j;
            c.sequence = c.emoji = true;
            return c;
        }
    } else if (is_pictograph(c.base)) {
        emoji_marks(t, len, &i, &c);
        /* a ZWJ chain: each ZWJ followed by a pictograph and its marks */
        for (;;) {
            if (peek(t, len, i, &j) != ZWJ)
                break;
            size_t k;
            uint32_t joined = peek(t, len, j, &k);
            if (!is_pictograph(joined))
                break;
            i = k;
            c.sequence = true;
            emoji_marks(t, len, &i, &c);
        }
        if (c.base == 0x1F3F4) /* black flag + tags: England, Scotland, Wales */
            while (is_tag(peek(t, len, i, &j))) {
                i = j;
                c.sequence = true;
            }
    }
    /* what is left that modifies the glyph before it stays with it */
    bool text_style = false;
    while (i < len) {
        uint32_t cp = peek(t, len, i, &j);
        if (!is_joiner(cp) && !(c.sequence && (is_skin_tone(cp) || is_tag(cp))))
            break;
        text_style |= cp == 0xFE0E; /* VS15: the text presentation */
        i = j;
    }
    c.end = i;
    c.emoji = c.sequence || (default_emoji(c.base) && !text_style);
    return c;
}

size_t emoji_fallback(const char *t, const EmojiCluster *cl, size_t start, char out[4])
{
    size_t i = start;
    uint32_t first = emoji_utf8_next(t, cl->end, &i);
    if (is_regional(first) && i < cl->end) {
        uint32_t second = emoji_utf8_next(t, cl->end, &i);
        out[0] = (char)('A' + (first - 0x1F1E6));
        out[1] = (char)('A' + (second - 0x1F1E6));
        return 2;
    }
    memcpy(out, t + start, i - start);
    return i - start;
}

/* ---- scaling ---- */

/* The source pixels under each of n output pixels along an axis of src
 * pixels: output k covers [k * src / n, (k + 1) * src / n); first[k] is
 * the first source pixel it touches, weights w[k * span ..] the share of
 * each (summing to 1). */
typedef struct {
    int n, span;
    int *first;
    float *w;
} Axis;

static int axis_init(Axis *a, int src, int n)
{
    a->n = n;
    a->span = src / n + 2;
    a->first = malloc(sizeof(int) * (size_t)n);
    a->w = calloc((size_t)n * (size_t)a->span, sizeof(float));
    if (!a->first || !a->w)
        return -1;
    double r = (double)src / n;
    for (int k = 0; k < n; k++) {
        double x0 = k * r, x1 = (k + 1) * r;
        int s = (int)x0;
        a->first[k] = s;
        for (int m = 0; m < a->span && s + m < src; m++) {
            double p0 = s + m, p1 = p0 + 1;
            double lo = p0 > x0 ? p0 : x0, hi = p1 < x1 ? p1 : x1;
            if (hi > lo)
                a->w[k * a->span + m] = (float)((hi - lo) / r);
        }
    }
    return 0;
}

static void axis_free(Axis *a)
{
    free(a->first);
    free(a->w);
}

/* Row y of src (ARGB8888) premultiplied into out: RGBA floats, 0..255. */
static void premul_row(const SDL_Surface *src, int y, float *out)
{
    const Uint32 *in = (const Uint32 *)((const Uint8 *)src->pixels + y * src->pitch);
    for (int x = 0; x < src->w; x++, out += 4) {
        Uint32 p = in[x];
        float a = (float)(p >> 24), k = a / 255.0f;
        out[0] = (float)((p >> 16) & 0xFFu) * k;
        out[1] = (float)((p >> 8) & 0xFFu) * k;
        out[2] = (float)(p & 0xFFu) * k;
        out[3] = a;
    }
}

/* Draw premultiplied p over dst's straight-alpha pixel *d. */
static void over(Uint32 *d, const float p[4])
{
    float sa = p[3] / 255.0f;
    if (sa <= 0.0f)
        return;
    float da = (float)(*d >> 24) / 255.0f;
    float keep = da * (1.0f - sa); /* dst's share left */
    float oa = sa + keep;
    float rgb[3] = {(float)((*d >> 16) & 0xFFu), (float)((*d >> 8) & 0xFFu), (float)(*d & 0xFFu)};
    Uint32 out = 0;
    for (int ch = 0; ch < 3; ch++) {
        float v = (p[ch] + rgb[ch] * keep) / oa + 0.5f;
        out = (out << 8) | (Uint32)(v > 255.0f ? 255.0f : v);
    }
    *d = ((Uint32)(oa * 255.0f + 0.5f) << 24) | out;
}

int emoji_blit_scaled(SDL_Surface *src, SDL_Surface *dst, SDL_Rect at)
{
    int rc = -1;
    Axis ax = {0}, ay = {0};
    SDL_Surface *argb = NULL;
    float *lines = NULL; /* ay.span source rows premultiplied, row r in slot r % span */
    int *held = NULL;    /* which row each slot holds, -1: none */
    float *acc = NULL;   /* the source rows under one output row, weighted */
    if (at.w < 1 || at.h < 1 || src->w < 1 || src->h < 1)
        return 0;
    if (src->format->format != SDL_PIXELFORMAT_ARGB8888) {
        argb = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!argb)
            goto done;
        src = argb;
    }
    if (axis_init(&ax, src->w, at.w) != 0 || axis_init(&ay, src->h, at.h) != 0)
        goto done;
    size_t row_floats = (size_t)src->w * 4;
    lines = malloc(row_floats * (size_t)ay.span * sizeof(float));
    held = malloc((size_t)ay.span * sizeof(int));
    acc = malloc(row_floats * sizeof(float));
    if (!lines || !held || !acc)
        goto done;
    for (int i = 0; i < ay.span; i++)
        held[i] = -1;
    /* one output row at a time (memory: a few source rows, whatever the
     * length of the run): down, the source rows under it, each
     * premultiplied once as the rows move down; then across */
    SDL_LockSurface(src);
    SDL_LockSurface(dst);
    for (int k = 0; k < at.h; k++) {
        int dy = at.y + k;
        if (dy < 0 || dy >= dst->h)
            continue;
        memset(acc, 0, row_floats * sizeof(float));
        const float *wy = ay.w + (size_t)k * (size_t)ay.span;
        int taps = src->h - ay.first[k] < ay.span ? src->h - ay.first[k] : ay.span;
        for (int m = 0; m < taps; m++) {
            int r = ay.first[k] + m, slot = r % ay.span;
            float *line = lines + (size_t)slot * row_floats;
            if (wy[m] <= 0.0f)
                continue;
            if (held[slot] != r) {
                premul_row(src, r, line);
                held[slot] = r;
            }
            for (size_t i = 0; i < row_floats; i++)
                acc[i] += wy[m] * line[i];
        }
        Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + dy * dst->pitch);
        for (int x = 0; x < at.w; x++) {
            int dx = at.x + x;
            if (dx < 0 || dx >= dst->w)
                continue;
            const float *wx = ax.w + (size_t)x * (size_t)ax.span;
            const float *in = acc + (size_t)ax.first[x] * 4;
            int n = src->w - ax.first[x] < ax.span ? src->w - ax.first[x] : ax.span;
            float p[4] = {0, 0, 0, 0};
            for (int m = 0; m < n; m++, in += 4)
                for (int ch = 0; ch < 4; ch++)
                    p[ch] += wx[m] * in[ch];
            over(&out[dx], p);
        }
    }
    SDL_UnlockSurface(dst);
    SDL_UnlockSurface(src);
    rc = 0;
done:
    free(acc);
    free(held);
    free(lines);
    axis_free(&ax);
    axis_free(&ay);
    if (argb)
        SDL_FreeSurface(argb);
    return rc;
}
