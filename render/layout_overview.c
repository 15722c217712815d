/*
 * layout_overview: the overview and team views, one card per objective with
 * its key results as a grid of small rings.
 *
 * Planning is separate from emitting: a card is first planned (ring size, text
 * sizes, key-result grid) for a box, which tells whether everything fits at
 * the minimum text size and how good it looks. The page grid (columns x rows)
 * and the number of objectives per page are chosen by planning candidate cards
 * and keeping the best legible one, so 1 objective fills the screen and 12
 * with 8 key results each go to pages instead of shrinking below the minimum.
 */
#include "layout_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_PER_PAGE 12

typedef struct {
    int cols, rows;
    int lines;     /* title lines under the percentage; 0: one-line row */
    float t;       /* text size */
    float cw, ch;  /* cell size */
    float d;       /* ring diameter */
    float chars;   /* about how many title characters a cell shows */
} KrGrid;

typedef struct {
    bool ok;
    float quality;
    Box box;      /* card */
    Box ring;     /* ring bounding box (square) */
    Box title;    /* 2 lines of tt */
    Box meta;     /* glyph + status word + owner, 1 line of ts */
    Box kr_area;
    float tt, ts;
    bool stack;
    KrGrid kr;
} CardPlan;

/* Key-result cells come in three shapes:
 *   lines 2 / 1: ring of (1 + lines) text lines; beside it the percentage
 *                over a title of that many lines (text column >= 6 sizes)
 *   lines 0:     one line: a small ring (1.5 sizes), percentage, title
 * fit_kr_grid tries every shape and column count and keeps the one that
 * reads best: large text, a visible ring, and as much of the title as fits. */
#define KR_TEXT_EM 6.0f
#define KR_ROW_RING 1.5f  /* ring of a one-line cell, in sizes */
#define KR_ROW_PCT 5.5f   /* glyph + percentage of a one-line cell, in sizes */

static float kr_score(const Lctx *c, const KrGrid *g)
{
    const float tmax = 0.030f * c->S;
    return g->t / tmax + 0.8f * fminf(g->chars / 30.0f, 1.0f) +
           0.3f * fminf(g->d / (3.6f * tmax), 1.0f) - 0.001f * (float)g->rows;
}

static bool fit_kr_grid(const Lctx *c, float w, float h, int n, KrGrid *best)
{
    const float g = 0.015f * c->S, gk = 0.012f * c->S, tmax = 0.030f * c->S;
    float best_score = 0.0f;
    bool found = false;
    if (n <= 0) {
        memset(best, 0, sizeof(*best));
        return true;
    }
    for (int lines = 2; lines >= 0; lines--) {
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            KrGrid k = {cols, rows, lines, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
            float score;
            k.cw = (w - (float)(cols - 1) * g) / (float)cols;
            k.ch = (h - (float)(rows - 1) * g) / (float)rows;
            if (k.cw <= 0.0f || k.ch <= 0.0f)
                continue;
            if (lines > 0) {
                float block = (float)(1 + lines) * LAYOUT_LINE;
                k.t = fminf(fminf(k.ch / block, (k.cw - gk) / (block + KR_TEXT_EM)), tmax);
                k.d = block * k.t;
                k.chars = (float)lines * (k.cw - k.d - gk) / (0.55f * k.t);
            } else {
                k.t = fminf(fminf(k.ch / KR_ROW_RING,
                                  (k.cw - 2.0f * gk) / (KR_ROW_RING + KR_ROW_PCT + 7.0f)),
                            tmax);
                k.d = KR_ROW_RING * k.t;
                k.chars = (k.cw - k.d - 2.0f * gk - KR_ROW_PCT * k.t) / (0.55f * k.t);
            }
            if (k.t < c->tmin)
                continue;
            score = kr_score(c, &k);
            if (!found || score > best_score) {
                found = true;
                best_score = score;
                *best = k;
            }
        }
    }
    return found;
}

#define RING_MIN_FRAC 0.17f /* smallest objective ring, of S: percentage >= 3.4 % */

static float card_quality(const Lctx *c, const CardPlan *pl, float D, float rw, int nkr)
{
    const float S = c->S;
    float q = fminf(D / (0.40f * S), 1.0f) + 0.3f * fminf(rw / (18.0f * pl->tt), 1.0f);
    if (nkr > 0)
        q += kr_score(c, &pl->kr);
    else
        q += 1.1f;
    return q;
}

/* One arrangement with ring diameter D (before limits). Mode "side": the ring
 * on the left, vertically centred; title, status and the key-result grid share
 * the right. Mode "stack": the ring top left with the title beside it, the
 * key-result grid across the full width below. */
static CardPlan plan_card_d(const Lctx *c, Box box, int nkr, bool stack, float D)
{
    const float S = c->S, p = 0.018f * S, g = 0.018f * S;
    const float ix = box.x + p, iy = box.y + p, iw = box.w - 2.0f * p, ih = box.h - 2.0f * p;
    CardPlan pl;
    float rx, rw, th, mh, top;

    memset(&pl, 0, sizeof(pl));
    pl.box = box;
    pl.stack = stack;
    pl.tt = fmaxf(c->tmin * 1.1f, fminf(0.038f * S, 0.09f * ih));
    pl.ts = fmaxf(c->tmin, fminf(0.030f * S, 0.065f * ih));
    th = lay_text_h(pl.tt, 2);
    mh = lay_text_h(pl.ts, 1);
    if (iw <= 0.0f || ih <= 0.0f || D > ih + 0.01f)
        return pl;
    rx = ix + D + g;
    rw = ix + iw - rx;
    if (!stack) {
        pl.ring = (Box){ix, iy + 0.5f * (ih - D), D, D};
        pl.title = (Box){rx, iy, rw, th};
        pl.meta = (Box){rx, iy + th + 0.3f * g, rw, mh};
        top = pl.meta.y + mh + g;
        pl.kr_area = (Box){rx, top, rw, iy + ih - top};
    } else {
        if (D < th + mh + 0.3f * g)
            return pl;
        pl.ring = (Box){ix, iy, D, D};
        pl.title = (Box){rx, iy + 0.5f * (D - th - mh - 0.3f * g), rw, th};
        pl.meta = (Box){rx, pl.title.y + th + 0.3f * g, rw, mh};
        top = iy + D + g;
        pl.kr_area = (Box){ix, top, iw, iy + ih - top};
    }
    /* legible: the ring holds a big enough percentage, the title has room for
     * ~13 characters a line, the key results fit at the minimum size */
    if (D < RING_MIN_FRAC * S || rw < 7.0f * pl.tt)
        return pl;
    if (nkr > 0 &&
        (pl.kr_area.h <= 0.0f || !fit_kr_grid(c, pl.kr_area.w, pl.kr_area.h, nkr, &pl.kr)))
        return pl;
    pl.ok = true;
    pl.quality = card_quality(c, &pl, D, rw, nkr);
    return pl;
}

/* The best ring size for a mode: try diameters from large to small. */
static CardPlan plan_card(const Lctx *c, Box box, int nkr, bool stack)
{
    const float p = 0.018f * c->S;
    const float iw = box.w - 2.0f * p, ih = box.h - 2.0f * p;
    CardPlan best;
    memset(&best, 0, sizeof(best));
    best.box = box;
    for (int i = 0; i <= 8; i++) {
        float frac = 0.70f - 0.05f * (float)i; /* of the card's height */
        float D = fminf(frac * ih, (stack ? 0.40f : (nkr > 0 ? 0.42f : 0.5f)) * iw);
        CardPlan pl;
        if (!stack)
            D = fminf(ih, (nkr > 0 ? 0.42f : 0.5f) * iw) * (1.0f - 0.05f * (float)i);
        pl = plan_card_d(c, box, nkr, stack, D);
        if (pl.ok && (!best.ok || pl.quality > best.quality))
            best = pl;
    }
    if (!best.ok) /* best effort for a tiny window */
        best = plan_card_d(c, box, 0, stack, fminf(0.5f * ih, 0.4f * iw));
    return best;
}

static CardPlan best_card(const Lctx *c, Box box, int nkr)
{
    CardPlan a = plan_card(c, box, nkr, false);
    CardPlan b = plan_card(c, box, nkr, true);
    if (!a.ok)
        return b;
    if (!b.ok)
        return a;
    return b.quality > a.quality ? b : a;
}

/* The grid for k cards in the content area: columns, rows and the plan of a
 * card in a full row (the last row's cards are stretched, never smaller). */
typedef struct {
    int cols, rows;
    float cw, ch;
    CardPlan plan;
} PageGrid;

static float grid_gap(const Lctx *c) { return 0.018f * c->S; }

static bool choose_grid(const Lctx *c, int k, int nkr, PageGrid *out)
{
    const Box a = c->content;
    const float g = grid_gap(c);
    bool found = false;
    for (int cols = 1; cols <= k; cols++) {
        int rows = (k + cols - 1) / cols;
        PageGrid pg;
        if (cols > 1 && (cols - 1) * rows >= k)
            continue; /* a whole column would stay empty */
        pg.cols = cols;
        pg.rows = rows;
        pg.cw = (a.w - (float)(cols - 1) * g) / (float)cols;
        pg.ch = (a.h - (float)(rows - 1) * g) / (float)rows;
        pg.plan = best_card(c, (Box){a.x, a.y, pg.cw, pg.ch}, nkr);
        if (!pg.plan.ok)
            continue;
        if (!found || pg.plan.quality > out->plan.quality + 1e-4f) {
            *out = pg;
            found = true;
        }
    }
    return found;
}

static int max_krs(const OkrFeed *f, const size_t *objs, size_t n)
{
    int m = 0;
    for (size_t i = 0; i < n; i++)
        if ((int)f->objectives[objs[i]].n_key_results > m)
            m = (int)f->objectives[objs[i]].n_key_results;
    return m > 8 ? 8 : m;
}

int layout_overview_paging(Lctx *c, const size_t *objs, size_t n, int *per_page)
{
    int kmax, most = 1, pages;
    PageGrid pg;
    if (n == 0 || !c->in->feed) {
        *per_page = 0;
        return 1;
    }
    kmax = max_krs(c->in->feed, objs, n);
    for (int k = (int)(n < MAX_PER_PAGE ? n : MAX_PER_PAGE); k >= 1; k--) {
        if (choose_grid(c, k, kmax, &pg)) {
            most = k;
            break;
        }
    }
    pages = (int)((n + (size_t)most - 1) / (size_t)most);
    /* balance the pages: 5 objectives at most 4 a page -> 3 + 2 */
    *per_page = (int)((n + (size_t)pages - 1) / (size_t)pages);
    return pages;
}

/* ---- emitting ---- */

static void emit_kr_cell(Lctx *c, const OkrFeed *f, size_t oi, size_t ki, Box cell,
                         const KrGrid *g)
{
    const OkrKeyResult *kr = &f->objectives[oi].key_results[ki];
    const float t = g->t, gk = 0.012f * c->S, lh = lay_text_h(t, 1);
    const float block = g->lines > 0 ? lay_text_h(t, 1 + g->lines) : g->d;
    const float d = g->d, y = cell.y + 0.5f * (cell.h - block);
    const float ty = g->lines > 0 ? y : y + 0.5f * (block - lh); /* percentage line */
    float tx = cell.x + d + gk, pw;
    int ring;
    char pct[32];
    Rgba col = layout_status_color(kr->score.status);

    ring = lay_ring(c, cell.x + 0.5f * d, y + 0.5f * d, 0.5f * d, 0.15f * d, kr->score.has_value,
                    kr->score.raw, -1.0, kr->score.status, layout_kr_key(f, oi, ki));
    pw = g->lines > 0 ? cell.x + cell.w - tx : KR_ROW_PCT * t;
    lay_glyph(c, (Box){tx, ty + 0.1f * t, t, t}, layout_status_glyph(kr->score.status), col);
    if (kr->score.has_value) {
        layout_format_percent(pct, sizeof(pct), kr->score.raw);
        lay_text(c, (Box){tx + 1.3f * t, ty, pw - 1.3f * t, lh}, pct, t, FONT_SEMIBOLD,
                 ALIGN_LEFT, 1, LC_TEXT, ring);
    } else {
        lay_text(c, (Box){tx + 1.3f * t, ty, pw - 1.3f * t, lh}, "no data", t, FONT_REGULAR,
                 ALIGN_LEFT, 1, LC_TEXT2, -1);
    }
    if (g->lines > 0) {
        lay_text(c, (Box){tx, y + lh, cell.x + cell.w - tx, lay_text_h(t, g->lines)}, kr->title,
                 t, FONT_REGULAR, ALIGN_LEFT, g->lines, LC_TEXT2, -1);
    } else {
        tx += pw + gk;
        lay_text(c, (Box){tx, ty, cell.x + cell.w - tx, lh}, kr->title, t, FONT_REGULAR,
                 ALIGN_LEFT, 1, LC_TEXT2, -1);
    }
}

static void emit_card(Lctx *c, size_t oi, const CardPlan *pl, bool selected)
{
    const OkrFeed *f = c->in->feed;
    const OkrObjective *o = &f->objectives[oi];
    const float S = c->S, radius = 0.012f * S;
    const Box r = pl->ring;
    float s, ww;
    int ring;
    char pct[32];
    OkrStatus st = o->score.status;

    if (selected) {
        float bw = fmaxf(2.0f, 0.004f * S);
        lay_rect(c, pl->box, LC_HILITE, radius);
        lay_rect(c, (Box){pl->box.x + bw, pl->box.y + bw, pl->box.w - 2 * bw, pl->box.h - 2 * bw},
                 LC_CARD, radius - bw * 0.5f);
    } else {
        lay_rect(c, pl->box, LC_CARD, radius);
    }

    ring = lay_ring(c, r.x + 0.5f * r.w, r.y + 0.5f * r.h, 0.5f * r.w, 0.12f * r.w,
                    o->score.has_value, o->score.raw, f->has_expected ? f->expected : -1.0, st,
                    layout_objective_key(f, oi));
    /* centre percentage: a 3.4 x 1.2 em box fits inside the inner circle
     * (0.38 D) while s <= 0.2 D */
    s = fminf(0.10f * S, 0.20f * r.w);
    if (o->score.has_value) {
        layout_format_percent(pct, sizeof(pct), o->score.raw);
        lay_text(c, (Box){r.x + 0.5f * r.w - 1.7f * s, r.y + 0.5f * r.h - 0.6f * s, 3.4f * s,
                          1.2f * s},
                 pct, s, FONT_SEMIBOLD, ALIGN_CENTER, 1, LC_TEXT, ring);
    } else {
        lay_text(c, (Box){r.x + 0.5f * r.w - 1.7f * s, r.y + 0.5f * r.h - 0.6f * s, 3.4f * s,
                          1.2f * s},
                 "–", s, FONT_SEMIBOLD, ALIGN_CENTER, 1, LC_TEXT2, -1);
    }

    {
        /* a title that surely fits one line pulls the status line up to it */
        bool one = lay_fits_one_line(o->title, pl->tt, pl->title.w);
        Box tb = pl->title;
        Box m = pl->meta;
        if (one) {
            float lh = lay_text_h(pl->tt, 1);
            tb.h = lh;
            m.y -= lh;
            if (pl->stack) { /* stay centred beside the ring */
                tb.y += 0.5f * lh;
                m.y += 0.5f * lh;
            }
        }
        lay_text(c, tb, o->title, pl->tt, FONT_SEMIBOLD, ALIGN_LEFT, one ? 1 : 2, LC_TEXT, -1);
        const float ts = pl->ts;
        lay_glyph(c, (Box){m.x, m.y + 0.1f * ts, ts, ts}, layout_status_glyph(st),
                  layout_status_color(st));
        ww = fminf(6.6f * ts, m.w - 1.3f * ts);
        lay_text(c, (Box){m.x + 1.3f * ts, m.y, ww, m.h}, layout_status_word(st), ts,
                 FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT, -1);
        if (o->owner && m.w - 1.3f * ts - ww > 4.0f * ts) {
            float ox = m.x + 1.3f * ts + ww + 0.5f * ts;
            lay_text(c, (Box){ox, m.y, m.x + m.w - ox, m.h}, o->owner, ts, FONT_REGULAR,
                     ALIGN_LEFT, 1, LC_TEXT2, -1);
        }
    }

    if (o->n_key_results > 0 && pl->kr.cols > 0) {
        const KrGrid *g = &pl->kr;
        const float gap = 0.015f * S;
        /* at most 8 cells; beyond that the last cell counts the rest */
        size_t n = o->n_key_results > 8 ? 7 : o->n_key_results;
        for (size_t k = 0; k < n; k++) {
            int col = (int)k % g->cols, row = (int)k / g->cols;
            Box cell = {pl->kr_area.x + (float)col * (g->cw + gap),
                        pl->kr_area.y + (float)row * (g->ch + gap), g->cw, g->ch};
            emit_kr_cell(c, f, oi, k, cell, g);
        }
        if (o->n_key_results > 8) {
            int col = 7 % g->cols, row = 7 / g->cols;
            float lh = lay_text_h(g->t, 1);
            char buf[48];
            snprintf(buf, sizeof(buf), "+%zu more", o->n_key_results - 7);
            lay_text(c, (Box){pl->kr_area.x + (float)col * (g->cw + gap),
                              pl->kr_area.y + (float)row * (g->ch + gap) + 0.5f * (g->ch - lh),
                              g->cw, lh},
                     buf, g->t, FONT_REGULAR, ALIGN_CENTER, 1, LC_TEXT2, -1);
        }
    }
}

void layout_overview(Lctx *c, const size_t *objs, size_t n, int page)
{
    const float g = grid_gap(c);
    const Box a = c->content;
    int per = c->out->objectives_per_page, k, kmax;
    size_t first;
    PageGrid pg;

    if (per <= 0)
        return;
    first = (size_t)page * (size_t)per;
    if (first >= n)
        return;
    k = (int)(n - first < (size_t)per ? n - first : (size_t)per);
    kmax = max_krs(c->in->feed, objs, n);
    if (!choose_grid(c, k, kmax, &pg)) {
        /* nothing legible (a tiny window): one card per column, best effort */
        pg.cols = k;
        pg.rows = 1;
        pg.cw = (a.w - (float)(k - 1) * g) / (float)k;
        pg.ch = a.h;
    }
    for (int i = 0; i < k; i++) {
        int row = i / pg.cols, col = i % pg.cols;
        int in_row = (row == pg.rows - 1) ? k - row * pg.cols : pg.cols;
        float cw = (a.w - (float)(in_row - 1) * g) / (float)in_row;
        Box box = {a.x + (float)col * (cw + g), a.y + (float)row * (pg.ch + g), cw, pg.ch};
        size_t oi = objs[first + (size_t)i];
        CardPlan pl = best_card(c, box, kmax);
        int own = (int)c->in->feed->objectives[oi].n_key_results;
        if (!pl.ok)
            pl = plan_card(c, box, kmax, false);
        /* same ring and title sizes in every card; the key-result grid is
         * refitted for this card's own count so one result is not tiny */
        if (pl.ok && own > 0 && own < kmax)
            fit_kr_grid(c, pl.kr_area.w, pl.kr_area.h, own > 8 ? 8 : own, &pl.kr);
        emit_card(c, oi, &pl, c->in->view.selected >= 0 && (size_t)c->in->view.selected == oi);
    }
}
