/*
 * layout: the entry point (layout_build) and what every view shares: the
 * growable element list, screen metrics, status colours/words/glyphs,
 * animation keys, and the header band.
 *
 * Sizes: S is the screen's short side (the height in landscape, the width in
 * portrait). The spec asks for text >= 2.5 % of the screen height; in portrait
 * that would make text wider than a 1080 px wide screen can hold in two
 * columns, so, as DESIGN.md says, we measure against the short side: the
 * smallest text is 2.6 % of S everywhere (a little above 2.5 % so rounding in
 * the renderer never drops below it).
 *
 * Burn-in shift: everything is laid out inside the safe area inset by the
 * largest allowed shift (0.5 % of S), then moved by the clamped shift, so the
 * shifted picture still stays inside the safe area and the screen.
 */
#include "layout_priv.h"
#include "okr_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SHIFT_FRAC 0.005f
/* A badge's padding each side, in text sizes: enough to read as a pill, no
 * more (each badge's width is its text's first). */
#define HEADER_PILL_PAD 0.35f

/* ---- element list ---- */

static int push(Lctx *c, const Element *e)
{
    Layout *o = c->out;
    if (c->failed)
        return -1;
    if (o->count == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 128;
        Element *items = realloc(o->items, cap * sizeof(*items));
        if (!items) {
            c->failed = true;
            return -1;
        }
        o->items = items;
        o->cap = cap;
    }
    o->items[o->count] = *e;
    return (int)o->count++;
}

/* A zeroed element of this kind in this box: every lay_* fills in its part. */
static Element element(ElementKind kind, Box b)
{
    Element e;
    memset(&e, 0, sizeof(e));
    e.kind = kind;
    e.box = b;
    return e;
}

int lay_rect(Lctx *c, Box b, Rgba fill, float corner_radius)
{
    Element e = element(EL_RECT, b);
    e.u.rect.fill = fill;
    e.u.rect.corner_radius = corner_radius;
    return push(c, &e);
}

int lay_text(Lctx *c, Box b, const char *text, float size, FontWeight w, TextAlign a, int max_lines,
             Rgba color, int percent_of)
{
    Element e;
    if (!text || !text[0] || b.w <= 0.0f || b.h <= 0.0f)
        return -1;
    e = element(EL_TEXT, b);
    okr_utf8_copy(e.u.text.text, sizeof(e.u.text.text), text);
    e.u.text.size_px = size;
    e.u.text.weight = w;
    e.u.text.align = a;
    e.u.text.max_lines = max_lines;
    e.u.text.color = color;
    e.u.text.percent_of = percent_of;
    if (c->out->min_text_px <= 0.0f || size < c->out->min_text_px)
        c->out->min_text_px = size;
    return push(c, &e);
}

int lay_glyph(Lctx *c, Box b, GlyphKind g, Rgba color)
{
    Element e = element(EL_GLYPH, b);
    e.u.glyph.glyph = g;
    e.u.glyph.color = color;
    return push(c, &e);
}

int lay_poly(Lctx *c, const float *x, const float *y, int n, float w, Rgba color)
{
    float x0, y0, x1, y1;
    if (n < 2)
        return -1;
    if (n > LAYOUT_POLY_MAX)
        n = LAYOUT_POLY_MAX;
    x0 = x1 = x[0];
    y0 = y1 = y[0];
    for (int i = 1; i < n; i++) {
        x0 = fminf(x0, x[i]);
        x1 = fmaxf(x1, x[i]);
        y0 = fminf(y0, y[i]);
        y1 = fmaxf(y1, y[i]);
    }
    Element e = element(EL_POLYLINE, (Box){x0 - 0.5f * w, y0 - 0.5f * w, x1 - x0 + w, y1 - y0 + w});
    e.u.poly.n = n;
    e.u.poly.width = w;
    e.u.poly.color = color;
    memcpy(e.u.poly.x, x, (size_t)n * sizeof(*x));
    memcpy(e.u.poly.y, y, (size_t)n * sizeof(*y));
    return push(c, &e);
}

bool lay_mark_wanted(const OkrDelta *d)
{
    return d && d->has_points && d->points != 0;
}

/* Glyph and the gap after it, in ems. */
#define MARK_GLYPH_EM 0.95f

float lay_mark_em(const OkrDelta *d, I18nLang lang)
{
    char buf[32];
    float e = 0.0f;
    if (!lay_mark_wanted(d))
        return 0.0f;
    i18n_format_points(lang, d->points, buf, sizeof(buf));
    /* semibold tabular digits, + and the minus sign are ~0.62 em; the
     * estimate is generous so the text never meets what follows */
    for (const unsigned char *p = (const unsigned char *)buf; *p; p++)
        if ((*p & 0xC0) != 0x80)
            e += (*p == ',' || *p == '.') ? 0.3f : 0.68f;
    /* and the renderer's snapping to whole pixels of a small size */
    return MARK_GLYPH_EM + e + 0.3f;
}

/* The anim_key of the ring d belongs to (d is one of c->in->deltas'), so a
 * mark keeps its identity in every view; 0 when d is not found. */
static uint32_t mark_key(const Lctx *c, const OkrDelta *d)
{
    const OkrFeed *f = c->in->feed;
    uint32_t key = 0;
    for (size_t o = 0; f && o < f->n_objectives && key == 0; o++) {
        if (okr_delta_objective(c->in->deltas, o) == d)
            key = layout_objective_key(f, o);
        for (size_t k = 0; k < f->objectives[o].n_key_results && key == 0; k++)
            if (okr_delta_kr(c->in->deltas, o, k) == d)
                key = layout_kr_key(f, o, k);
    }
    return key;
}

/* Tags the element at index i (if placed) as part of the mark m. */
static void tag_mark(Lctx *c, int i, const ElementMark *m)
{
    if (i >= 0)
        c->out->items[i].mark = *m;
}

/* A new mark drawing in slides this many text sizes: up into place when its
 * points rose, down when they fell (app/anim.c). */
#define MARK_RISE_EM 0.4f

float lay_mark(Lctx *c, float x, float y, float w, float t, const OkrDelta *d)
{
    char buf[32];
    float em = lay_mark_em(d, c->in->lang), gs = 0.72f * t;
    bool up;
    Rgba col;
    ElementMark m;
    if (em <= 0.0f || em * t > w + 0.5f)
        return 0.0f;
    up = d->points > 0;
    col = up ? LC_ON : LC_OFF;
    m = (ElementMark){mark_key(c, d), d->points, (up ? MARK_RISE_EM : -MARK_RISE_EM) * t};
    i18n_format_points(c->in->lang, d->points, buf, sizeof(buf));
    /* the triangle sits on the digits' middle, a little smaller than they */
    tag_mark(c,
             lay_glyph(c, (Box){x, y + lay_glyph_dy(t) + 0.5f * (t - gs), gs, gs},
                       up ? GLYPH_UP : GLYPH_DOWN, col),
             &m);
    tag_mark(c,
             lay_text(c,
                      (Box){x + MARK_GLYPH_EM * t, y, (em - MARK_GLYPH_EM) * t, lay_text_h(t, 1)},
                      buf, t, FONT_SEMIBOLD, ALIGN_LEFT, 1, col, -1),
             &m);
    return em * t;
}

int lay_ring(Lctx *c, float cx, float cy, float radius, float thickness, bool has_value,
             double value, double pace, OkrStatus status, uint32_t anim_key)
{
    Element e = element(EL_RING, (Box){cx - radius, cy - radius, 2.0f * radius, 2.0f * radius});
    /* the pace marker sits outside the ring: the ring gives it room */
    if (pace >= 0.0 && pace <= 1.0)
        radius -= LAYOUT_PACE_OUT * thickness;
    e.u.ring.cx = cx;
    e.u.ring.cy = cy;
    e.u.ring.radius = radius;
    e.u.ring.thickness = thickness;
    e.u.ring.has_value = has_value;
    /* a feed can say anything: keep the value a sane float */
    if (!has_value || !isfinite(value))
        value = 0.0;
    e.u.ring.value = (float)(value > 1e6 ? 1e6 : (value < -1e6 ? -1e6 : value));
    e.u.ring.pace = (float)pace;
    e.u.ring.status = status;
    e.u.ring.color = layout_status_color(status);
    e.u.ring.lap_color = layout_lap_color(e.u.ring.color);
    e.u.ring.track_color = LC_TRACK;
    e.u.ring.pace_color = LC_TEXT;
    e.u.ring.anim_key = anim_key;
    return push(c, &e);
}

/* A generous guess (0.55 em a character, 1 em for CJK and wider) of whether
 * text fits one line; used only to tighten layouts, never to cut text. */
bool lay_fits_one_line(const char *text, float size, float width)
{
    return lay_text_em(text) * size <= width;
}

int lay_lines_measured(const Lctx *c, const char *text, FontWeight weight, float size, float width)
{
    if (!c->in->lines || !text || !text[0])
        return 0;
    int n = c->in->lines(c->in->lines_ctx, text, weight, size, width);
    return n > 0 ? n : 0;
}

/* The same guess as a width in ems (of size 1). */
float lay_text_em(const char *text)
{
    float em = 0.0f;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        em += *p >= 0xE3 ? 1.0f : 0.55f;
    }
    return em;
}

/* Lines a greedy word wrap at width needs for text, with a per-character
 * guess a little wider than lay_text_em's (0.6 em, the semibold faces of
 * large titles run wider than the regular ones): a long word that starts a line wastes the rest of the
 * previous one, which a plain em total misses in narrow columns. A word
 * wider than a line is broken, as the renderer breaks it. */
int lay_lines_needed(const char *text, float size, float width)
{
    const float space = 0.3f * size;
    float x = 0.0f;
    int lines = 1;
    const char *p = text;
    if (width <= 0.0f || size <= 0.0f)
        return 1;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        float w = 0.0f;
        for (; *e && *e != ' '; e++)
            if ((*e & 0xC0) != 0x80)
                w += (unsigned char)*e >= 0xE3 ? size : 0.6f * size;
        if (x > 0.0f && x + space + w > width) {
            lines++;
            x = 0.0f;
        }
        x += (x > 0.0f ? space : 0.0f) + w;
        while (x > width) { /* a word longer than the line */
            lines++;
            x -= width;
        }
        p = e;
    }
    return lines;
}

/* A generous width, in ems, of a number such as "6600 %" or "9999+ %":
 * figures are cut by nobody, so this errs wide (tabular digits of the
 * semibold faces we ship are 0.58-0.70 em, "%" up to 1.0 em). */
float lay_number_em(const char *text)
{
    float em = 0.0f;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        em += *p == ' ' ? 0.35f : *p == '%' ? 1.0f : 0.72f;
    }
    return em;
}

float lay_centre_size(const Lctx *c, const char *text, float size)
{
    float em = lay_number_em(text);
    if (em > 3.4f)
        size *= 3.4f / em;
    return fmaxf(size, 0.025f * c->S);
}

/* ---- status, colours, keys ---- */

Rgba layout_status_color(OkrStatus status)
{
    switch (status) {
    case OKR_STATUS_ON_TRACK:
        return LC_ON;
    case OKR_STATUS_AT_RISK:
        return LC_RISK;
    case OKR_STATUS_OFF_TRACK:
        return LC_OFF;
    case OKR_STATUS_DONE:
        return LC_DONE;
    default:
        return LC_GREY;
    }
}

const char *layout_status_word_lang(OkrStatus status, I18nLang lang)
{
    switch (status) {
    case OKR_STATUS_ON_TRACK:
        return i18n_text(lang, I18N_MSG_ON_TRACK);
    case OKR_STATUS_AT_RISK:
        return i18n_text(lang, I18N_MSG_AT_RISK);
    case OKR_STATUS_OFF_TRACK:
        return i18n_text(lang, I18N_MSG_OFF_TRACK);
    case OKR_STATUS_DONE:
        return i18n_text(lang, I18N_MSG_DONE);
    case OKR_STATUS_NOT_STARTED:
        return i18n_text(lang, I18N_MSG_NOT_STARTED);
    default:
        return i18n_text(lang, I18N_MSG_NO_DATA);
    }
}

const char *layout_status_word(OkrStatus status)
{
    return layout_status_word_lang(status, I18N_EN);
}

GlyphKind layout_status_glyph(OkrStatus status)
{
    switch (status) {
    case OKR_STATUS_ON_TRACK:
    case OKR_STATUS_DONE:
        return GLYPH_CHECK;
    case OKR_STATUS_AT_RISK:
        return GLYPH_EXCLAIM;
    case OKR_STATUS_OFF_TRACK:
        return GLYPH_CROSS;
    default:
        return GLYPH_DASH;
    }
}

/* A brighter tint (45 % towards white) for the second lap. */
Rgba layout_lap_color(Rgba c)
{
    Rgba t = c;
    t.r = (uint8_t)(c.r + (255 - c.r) * 45 / 100);
    t.g = (uint8_t)(c.g + (255 - c.g) * 45 / 100);
    t.b = (uint8_t)(c.b + (255 - c.b) * 45 / 100);
    return t;
}

uint32_t layout_hash(const char *s)
{
    return okr_hash32_more(OKR_HASH32_INIT, s);
}

static const char *obj_name(const OkrObjective *o)
{
    return o->id ? o->id : o->title;
}
static const char *kr_name(const OkrKeyResult *k)
{
    return k->id ? k->id : k->title;
}

/* Objective key: hash of its id (or title). A later objective with the same
 * name gets its index mixed in, so keys stay unique and stable. */
uint32_t layout_objective_key(const OkrFeed *feed, size_t oi)
{
    const char *name = obj_name(&feed->objectives[oi]);
    for (size_t j = 0; j < oi; j++) {
        if (strcmp(obj_name(&feed->objectives[j]), name) == 0) {
            char idx[24];
            snprintf(idx, sizeof(idx), "#%zu", oi);
            return okr_hash32_more(layout_hash(name), idx);
        }
    }
    return layout_hash(name);
}

uint32_t layout_kr_key(const OkrFeed *feed, size_t oi, size_t ki)
{
    const OkrObjective *o = &feed->objectives[oi];
    const char *name = kr_name(&o->key_results[ki]);
    char prefix[24];
    uint32_t h;
    snprintf(prefix, sizeof(prefix), "%08x/", (unsigned)layout_objective_key(feed, oi));
    h = okr_hash32_more(okr_hash32_more(OKR_HASH32_INIT, prefix), name);
    for (size_t j = 0; j < ki; j++) {
        if (strcmp(kr_name(&o->key_results[j]), name) == 0) {
            char idx[24];
            snprintf(idx, sizeof(idx), "#%zu", ki);
            return okr_hash32_more(h, idx);
        }
    }
    return h;
}


/* ---- header band ---- */

static Box header_pill(Lctx *c, float x, float y, float w, float t, const char *text, Rgba fill,
                       Rgba ink)
{
    float pad_h = HEADER_PILL_PAD * t, pad_v = 0.15f * t;
    Box pill = {x, y, w, lay_text_h(t, 1) + 2.0f * pad_v};
    lay_rect(c, pill, fill, pill.h * 0.5f);
    lay_text(c, (Box){x + pad_h, y + pad_v, w - 2.0f * pad_h, lay_text_h(t, 1)}, text, t,
             FONT_SEMIBOLD, ALIGN_CENTER, 1, ink, -1);
    return pill;
}

static Rgba badge_color(BadgeKind k)
{
    switch (k) {
    case BADGE_WARN:
        return LC_RISK;
    case BADGE_ERROR:
        return LC_OFF;
    default:
        return LC_DONE;
    }
}

/* Pill widths for n texts in w (gaps taken out): each its text's width (the
 * generous guess) when all fit; else the narrow ones keep theirs and the
 * others share what is left equally, so only the longest are cut, and by as
 * little as the header's width allows. */
static void pill_widths(const float *want, int n, float w, float *out)
{
    bool fixed[LAYOUT_MAX_BADGES + 1] = {false};
    int open = n;
    float left = w;
    bool changed = true;
    while (changed && open > 0) {
        changed = false;
        float share = left / (float)open;
        for (int i = 0; i < n; i++) {
            if (!fixed[i] && want[i] <= share) {
                out[i] = want[i];
                left -= want[i];
                fixed[i] = true;
                open--;
                changed = true;
            }
        }
    }
    for (int i = 0; i < n; i++)
        if (!fixed[i])
            out[i] = left / (float)open;
}

/* Badges and the notice as pills from (x, y) across w, on one row (a
 * second row would push the cards onto another page); returns their height. */
static float header_badges(Lctx *c, float x, float y, float w, float t)
{
    const HeaderInfo *h = &c->in->header;
    const char *texts[LAYOUT_MAX_BADGES + 1];
    Rgba fills[LAYOUT_MAX_BADGES + 1];
    float want[LAYOUT_MAX_BADGES + 1], pw[LAYOUT_MAX_BADGES + 1];
    int n = 0;
    const float g = 0.012f * c->S, pad = 2.0f * HEADER_PILL_PAD * t;
    float used = 0.0f;
    for (int i = 0; i < LAYOUT_MAX_BADGES; i++) {
        if (h->badges[i] && h->badges[i][0]) {
            texts[n] = h->badges[i];
            fills[n++] = badge_color(h->badge_kinds[i]);
        }
    }
    if (h->notice && h->notice[0]) {
        texts[n] = h->notice;
        fills[n++] = LC_TRACK;
    }
    if (n == 0 || w < 4.0f * t)
        return 0.0f;
    /* the guess plus a little over half a character: a short text of wide
     * letters ("aus dem Cache") can beat 0.55 em a character */
    for (int i = 0; i < n; i++)
        want[i] = (lay_text_em(texts[i]) + 0.6f) * t + pad + 1.0f;
    pill_widths(want, n, w - (float)(n - 1) * g, pw);
    for (int i = 0; i < n; i++) {
        /* dark text on the coloured badges, light text on the dim notice */
        bool notice = i == n - 1 && h->notice && h->notice[0];
        Box p = header_pill(c, x, y, pw[i], t, texts[i], fills[i], notice ? LC_TEXT : LC_BG);
        used = p.h;
        x += pw[i] + g;
    }
    return used;
}

static bool has_badges(const HeaderInfo *h)
{
    for (int i = 0; i < LAYOUT_MAX_BADGES; i++)
        if (h->badges[i] && h->badges[i][0])
            return true;
    return h->notice && h->notice[0];
}

/* Header row 1: title (+ team) on the left; page indicator and clock on the
 * right. Returns the row's height. */
static float header_row1(Lctx *c, const char *team, int page, int page_count)
{
    const HeaderInfo *h = &c->in->header;
    const Box in = c->inner;
    const float S = c->S, t_title = 0.040f * S, t_clock = 0.045f * S, t = 0.028f * S;
    const float g = 0.015f * S, row1 = lay_text_h(t_clock, 1);
    float right = in.x + in.w;        /* right edge still free */
    char title[LAYOUT_TEXT_MAX + 80]; /* feed title + team name; lay_text cuts it */

    if (h->clock && h->clock[0]) {
        float cw = 3.4f * t_clock;
        lay_text(c, (Box){right - cw, in.y, cw, row1}, h->clock, t_clock, FONT_SEMIBOLD,
                 ALIGN_RIGHT, 1, LC_TEXT, -1);
        right -= cw + g;
    }
    if (page_count > 1) {
        char buf[32];
        float pw = 4.6f * t;
        snprintf(buf, sizeof(buf), "%d / %d", page + 1, page_count);
        lay_text(c, (Box){right - pw, in.y + row1 - lay_text_h(t, 1), pw, lay_text_h(t, 1)}, buf, t,
                 FONT_REGULAR, ALIGN_RIGHT, 1, LC_TEXT2, -1);
        right -= pw + g;
    }
    if (c->in->deltas && h->since && h->since[0]) {
        /* what the change marks compare with, so "+8" is never ambiguous */
        float sw = fminf((lay_text_em(h->since) + 0.3f) * t, 0.30f * in.w);
        lay_text(c, (Box){right - sw, in.y + row1 - lay_text_h(t, 1), sw, lay_text_h(t, 1)},
                 h->since, t, FONT_REGULAR, ALIGN_RIGHT, 1, LC_TEXT2, -1);
        right -= sw + g;
    }
    if (team && team[0])
        snprintf(title, sizeof(title), "%s · %s", h->title && h->title[0] ? h->title : "Team",
                 team);
    else
        snprintf(title, sizeof(title), "%s", h->title ? h->title : "");
    lay_text(
        c, (Box){in.x, in.y + row1 - lay_text_h(t_title, 1), right - in.x, lay_text_h(t_title, 1)},
        title, t_title, FONT_SEMIBOLD, ALIGN_LEFT, 1, LC_TEXT, -1);
    return row1;
}

/* Header row 2 at y: period with its progress bar on the left, "updated" on
 * the right, badges between them (on a row of their own in portrait).
 * Returns the bottom of what it placed. */
static float header_row2(Lctx *c, float y)
{
    const HeaderInfo *h = &c->in->header;
    const Box in = c->inner;
    const float S = c->S, t = 0.028f * S, g = 0.015f * S;
    const bool portrait = c->in->height > c->in->width;
    const bool has_period = (h->period && h->period[0]) || h->period_elapsed >= 0.0;
    const bool has_updated = h->updated && h->updated[0];
    float left_w = (portrait ? 0.55f : 0.34f) * in.w;
    float right_w = (portrait ? 0.40f : 0.20f) * in.w;
    float row2 = lay_text_h(t, 1), bottom;

    /* In landscape the badges get what the period and "fetched" leave: each
     * takes its text's width (the bar at least a fifth of the row). */
    if (!portrait && h->period && h->period[0]) {
        float need = lay_text_em(h->period) * t;
        float least = h->period_elapsed >= 0.0 ? 0.20f * in.w : 0.0f;
        if (need < least)
            need = least;
        if (need < left_w)
            left_w = need;
    }
    if (!portrait && has_updated) {
        /* "fetched Nov 24, 18:05" whole; a German date needs more than a fifth */
        right_w = lay_text_em(h->updated) * t;
        if (right_w > 0.28f * in.w)
            right_w = 0.28f * in.w;
    }

    if (h->period && h->period[0])
        lay_text(c, (Box){in.x, y, left_w, row2}, h->period, t, FONT_REGULAR, ALIGN_LEFT, 1,
                 LC_TEXT2, -1);
    if (h->period_elapsed >= 0.0) {
        float by = y + row2 + 0.004f * S, bh = 0.006f * S;
        double e = h->period_elapsed > 1.0 ? 1.0 : h->period_elapsed;
        lay_rect(c, (Box){in.x, by, left_w, bh}, LC_TRACK, bh * 0.5f);
        if (e > 0.0)
            lay_rect(c, (Box){in.x, by, (float)(left_w * e), bh}, LC_TEXT2, bh * 0.5f);
        row2 += 0.010f * S;
    }
    if (has_updated)
        lay_text(c, (Box){in.x + in.w - right_w, y, right_w, lay_text_h(t, 1)}, h->updated, t,
                 FONT_REGULAR, ALIGN_RIGHT, 1, LC_TEXT2, -1);
    bottom = y + row2;
    if (has_badges(h)) {
        float bt = 0.026f * S;
        if (portrait) {
            float used = header_badges(c, in.x, bottom + 0.4f * g, in.w, bt);
            bottom += 0.4f * g + used;
        } else {
            float bx = in.x + (has_period ? left_w + g : 0.0f);
            float bend = in.x + in.w - (has_updated ? right_w + g : 0.0f);
            float used = header_badges(c, bx, y, bend - bx, bt);
            if (y + used > bottom)
                bottom = y + used;
        }
    }
    return bottom;
}

/* The header band of every view; sets c->content to the area below it. */
void layout_header(Lctx *c, const char *team, int page, int page_count)
{
    const Box in = c->inner;
    float row1 = header_row1(c, team, page, page_count);
    float bottom = header_row2(c, in.y + row1 + 0.25f * 0.015f * c->S) + 0.025f * c->S;
    c->content = (Box){in.x, bottom, in.w, in.y + in.h - bottom};
}

/* Lines a text of size px takes in width w (the generous guess), 1..max. */
static int lines_for(const char *text, float size, float w, int max)
{
    int n = (int)ceilf(lay_text_em(text) * size / (w > 1.0f ? w : 1.0f));
    return n < 1 ? 1 : (n > max ? max : n);
}

/* No data, and a reason: the screen says what is wrong, which feed, and
 * what to do, large enough to read from the door. */
static void layout_problem(Lctx *c)
{
    const HeaderInfo *h = &c->in->header;
    const float S = c->S, gap = 0.030f * S;
    const Box b = c->content;
    const float w = b.w * 0.90f, x = b.x + 0.5f * (b.w - w);
    struct {
        const char *text;
        float size;
        FontWeight weight;
        int max_lines;
        Rgba color;
    } rows[4] = {
        {h->problem_title, 0.060f * S, FONT_SEMIBOLD, 2, LC_TEXT},
        {h->problem_reason, 0.045f * S, FONT_SEMIBOLD, 5, LC_RISK}, /* in full, even in portrait */
        {h->problem_where, 0.034f * S, FONT_REGULAR, 3, LC_TEXT2},
        {h->problem_todo, 0.034f * S, FONT_REGULAR, 4, LC_TEXT},
    };
    float hs[4], total = 0.0f;
    const float glyph = 0.10f * S;
    int n = 0;
    for (int i = 0; i < 4; i++) {
        hs[i] = 0.0f;
        if (rows[i].text == NULL || rows[i].text[0] == '\0')
            continue;
        hs[i] =
            lay_text_h(rows[i].size, lines_for(rows[i].text, rows[i].size, w, rows[i].max_lines));
        total += hs[i];
        n++;
    }
    total += glyph + (float)n * gap;
    float y = b.y + 0.5f * (b.h - total);
    if (y < b.y)
        y = b.y;
    lay_glyph(c, (Box){b.x + 0.5f * (b.w - glyph), y, glyph, glyph}, GLYPH_EXCLAIM, LC_RISK);
    y += glyph + gap;
    for (int i = 0; i < 4; i++) {
        if (hs[i] <= 0.0f)
            continue;
        int lines = lines_for(rows[i].text, rows[i].size, w, rows[i].max_lines);
        lay_text(c, (Box){x, y, w, hs[i]}, rows[i].text, rows[i].size, rows[i].weight, ALIGN_CENTER,
                 lines, rows[i].color, -1);
        y += hs[i] + gap;
    }
}

void layout_message(Lctx *c, const char *text)
{
    float t = 0.05f * c->S;
    Box b = c->content;
    lay_text(c, (Box){b.x, b.y + 0.5f * (b.h - lay_text_h(t, 1)), b.w, lay_text_h(t, 1)}, text, t,
             FONT_REGULAR, ALIGN_CENTER, 1, LC_TEXT2, -1);
}

/* ---- entry point ---- */

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

static void apply_shift(Lctx *c, float dx, float dy)
{
    if (dx == 0.0f && dy == 0.0f)
        return;
    for (size_t i = 0; i < c->out->count; i++) {
        Element *e = &c->out->items[i];
        if ((int)i == c->scrim)
            continue;
        e->box.x += dx;
        e->box.y += dy;
        if (e->kind == EL_RING) {
            e->u.ring.cx += dx;
            e->u.ring.cy += dy;
        }
    }
}

static int team_objectives(const OkrFeed *f, const char *team, size_t *objs)
{
    int n = 0;
    for (size_t i = 0; i < f->n_objectives; i++)
        if (f->objectives[i].team && strcmp(f->objectives[i].team, team) == 0)
            objs[n++] = i;
    return n;
}

static void build_view(Lctx *c, size_t *objs)
{
    const LayoutInput *in = c->in;
    const OkrFeed *f = in->feed;
    const View *v = &in->view;
    size_t n = 0;
    int per = 0, pages = 1, page = v->page;

    if (!f) {
        layout_header(c, NULL, 0, 1);
        if (in->header.problem_title || in->header.problem_reason)
            layout_problem(c);
        else
            layout_message(c, i18n_text(in->lang, I18N_MSG_WAITING_SCREEN));
        return;
    }
    if (v->kind == VIEW_TEAM) {
        n = (size_t)team_objectives(f, v->team, objs);
    } else {
        for (size_t i = 0; i < f->n_objectives; i++)
            objs[n++] = i;
    }
    /* Paging needs the content area, which depends on whether the header shows
     * a page indicator; the indicator sits on row 1 and never changes height. */
    {
        Layout probe_out = {0};
        Lctx probe = *c;
        probe.out = &probe_out;
        layout_header(&probe, NULL, 0, 1);
        c->content = probe.content;
        free(probe_out.items);
        if (probe.failed) {
            c->failed = true;
            return;
        }
    }
    pages = layout_overview_paging(c, objs, n, &per);
    c->out->page_count = pages;
    c->out->objectives_per_page = per;
    if (page < 0)
        page = 0;
    if (page >= pages)
        page = pages - 1;

    if (v->kind == VIEW_CHANGES) {
        layout_header(c, NULL, 0, 1);
        layout_changes(c);
        return;
    }
    if (v->kind == VIEW_OBJECTIVE) {
        layout_header(c, NULL, 0, 1);
        if (f->n_objectives == 0) {
            layout_message(c, i18n_text(in->lang, I18N_MSG_NO_OBJECTIVES));
            return;
        }
        if (v->objective <= 0)
            layout_focus(c, 0);
        else if ((size_t)v->objective >= f->n_objectives)
            layout_focus(c, f->n_objectives - 1);
        else
            layout_focus(c, (size_t)v->objective);
        return;
    }
    layout_header(c, v->kind == VIEW_TEAM ? v->team : NULL, page, pages);
    if (n == 0) {
        layout_message(c, i18n_text(in->lang, v->kind == VIEW_TEAM ? I18N_MSG_NO_TEAM_OBJECTIVES
                                                                   : I18N_MSG_NO_OBJECTIVES));
        return;
    }
    c->out->marks_complete = true;
    layout_overview(c, objs, n, page);
}

int layout_build(const LayoutInput *in, Layout *out)
{
    Lctx c;
    size_t *objs = NULL;
    float S, sx, sy, ms;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    out->page_count = 1;
    memset(&c, 0, sizeof(c));
    c.in = in;
    c.out = out;
    c.scrim = -1;
    S = (float)(in->width < in->height ? in->width : in->height);
    if (S < 1.0f)
        S = 1.0f;
    c.S = S;
    c.tmin = 0.026f * S;
    sx = clampf(in->safe_frac, 0.0f, 0.25f) * (float)in->width;
    sy = clampf(in->safe_frac, 0.0f, 0.25f) * (float)in->height;
    out->safe = (Box){sx, sy, (float)in->width - 2.0f * sx, (float)in->height - 2.0f * sy};
    ms = MAX_SHIFT_FRAC * S;
    c.inner = (Box){sx + ms, sy + ms, out->safe.w - 2.0f * ms, out->safe.h - 2.0f * ms};

    objs =
        malloc(sizeof(*objs) * (in->feed && in->feed->n_objectives ? in->feed->n_objectives : 1));
    if (!objs)
        goto cleanup;
    build_view(&c, objs);
    if (in->help && !c.failed)
        layout_help(&c);
    if (c.failed)
        goto cleanup;
    apply_shift(&c, clampf(in->shift_x, -ms, ms), clampf(in->shift_y, -ms, ms));
    rc = 0;
cleanup:
    free(objs);
    if (rc != 0)
        layout_free(out);
    return rc;
}

int layout_copy(Layout *dst, const Layout *src)
{
    if (dst->cap < src->count) {
        Element *items = realloc(dst->items, src->count * sizeof(*items));
        if (items == NULL)
            return -1;
        dst->items = items;
        dst->cap = src->count;
    }
    if (src->count > 0)
        memcpy(dst->items, src->items, src->count * sizeof(*src->items));
    dst->count = src->count;
    dst->page_count = src->page_count;
    dst->objectives_per_page = src->objectives_per_page;
    dst->min_text_px = src->min_text_px;
    dst->safe = src->safe;
    return 0;
}

void layout_free(Layout *layout)
{
    if (!layout)
        return;
    free(layout->items);
    layout->items = NULL;
    layout->count = layout->cap = 0;
}
