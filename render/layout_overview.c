/*
 * layout_overview: the overview and team views, one card per objective: its
 * ring, title, status and owner, and its key results as a list of rows (small
 * ring, percentage, title) that people can read from across the room.
 *
 * Planning is separate from emitting: a card is first planned (ring size, text
 * sizes, key-result grid) for a box, which tells whether everything fits at
 * the minimum text size and how good it looks. The page grid (columns x rows)
 * and the number of objectives per page are chosen by planning candidate cards
 * and keeping the best legible one, so 1 objective fills the screen and 12
 * with 8 key results each go to pages instead of shrinking below the minimum.
 * Every card of a page uses the same title block height, key-result text size
 * and row shape, so their rows line up.
 */
#include "layout_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_PER_PAGE 12
#define KR_SHOWN 8 /* key results a card shows; beyond that "+N more" */

/* Key results are laid out as a list of rows in one or more columns. Shapes:
 *   KR_ROW:  small ring | status glyph + percentage | title of 1-2 lines,
 *            all on one band (the percentages form a column, the title takes
 *            the rest of the width)
 *   KR_CELL: ring | percentage over a title of 1-2 lines (for narrow columns)
 * Every size is in units of the text size t. fit_kr tries every shape, line
 * count and column count and keeps the one that reads best: as much of each
 * title as possible, then large text, then a larger ring. */
typedef enum { KR_ROW, KR_CELL } KrShape;

typedef struct {
    int cols, rows;
    KrShape shape;
    int lines;    /* title lines */
    float t;      /* text size */
    float d;      /* ring diameter */
    float cw;     /* column width */
    float rh;     /* row height */
    float pitch;  /* top of one row to the top of the next */
    float pct_em; /* percentage width in ems (without the glyph) */
    float tw;     /* title width */
    float chars;  /* about how many title characters a key result shows */
} KrGrid;

/* Card arrangements, see plan_card_d. */
typedef enum { CARD_SIDE, CARD_STACK, CARD_COLUMN } CardMode;

typedef struct {
    bool ok;
    float quality;
    Box box;   /* card */
    Box ring;  /* ring bounding box (square) */
    Box title; /* title_lines lines of tt */
    Box meta;  /* glyph + status word + owner, 1 line of ts */
    Box kr_area;
    float tt, ts;
    int title_lines;
    CardMode mode;
    KrGrid kr;
} CardPlan;

#define KR_GLYPH_EM 1.3f     /* status glyph and its gap, before the percentage */
#define KR_GAP_EM 0.45f      /* ring to text */
#define KR_ROW_GAP_EM 0.25f  /* between rows */
#define KR_TITLE_GAP_EM 0.6f /* percentage to title */
#define KR_COL_GAP_EM 1.4f
#define KR_RING_MAX 0.45f   /* largest key-result ring, of the objective's */
#define KR_RING_THICK 0.17f /* of a key-result ring's diameter (objective: 0.12) */

/* Ring diameter, in ems: a row's ring is the same size whatever its lines
 * (it sits beside the first one); a cell's spans its percentage and title. */
static float kr_ring_em(KrShape shape, int lines)
{
    if (shape == KR_ROW)
        return 1.5f;
    return LAYOUT_LINE * (float)(1 + lines);
}

/* Pixels a row needs beyond its ems: the snapping slack of its text boxes
 * (see lay_text_h) below the ring's bottom. */
static float kr_row_px(KrShape shape, int lines)
{
    if (shape == KR_ROW)
        return lines > 1 ? 3.0f : 0.0f;
    return (float)lines + 7.0f;
}

/* Row height, in ems (plus kr_row_px). */
static float kr_row_em(KrShape shape, int lines)
{
    const float ring = kr_ring_em(shape, lines);
    if (shape == KR_ROW && lines > 1) /* first line centred on the ring */
        return 0.5f * (ring - LAYOUT_LINE) + LAYOUT_LINE * (float)lines;
    return ring;
}

/* Width of everything in a column but the title, in ems. */
static float kr_fixed_em(KrShape shape, int lines, float pct_em)
{
    float e = kr_ring_em(shape, lines) + KR_GAP_EM;
    if (shape == KR_ROW)
        e += KR_GLYPH_EM + pct_em + KR_TITLE_GAP_EM;
    return e;
}

static float kr_score(const Lctx *c, const KrGrid *g)
{
    const float tmax = 0.030f * c->S;
    /* titles first (steeply up to ~26 characters, a little beyond), then the
     * text size, then the ring; one column and one line read most easily */
    return 1.5f * fminf(g->chars / 26.0f, 1.0f) + 0.5f * fminf(g->chars / 60.0f, 1.0f) +
           0.6f * g->t / tmax + 0.2f * fminf(g->d / (2.4f * tmax), 1.0f) -
           0.05f * (float)(g->cols - 1) - 0.02f * (float)(g->lines - 1) - 0.001f * (float)g->rows;
}

/* The largest text size at which n rows of a shape fit the height h. */
static float kr_t_max(float w, float h, int n, KrShape shape, int lines, int cols)
{
    const int rows = (n + cols - 1) / cols;
    (void)w;
    return (h - (float)rows * kr_row_px(shape, lines)) /
           ((float)rows * kr_row_em(shape, lines) + (float)(rows - 1) * KR_ROW_GAP_EM);
}

/* One shape in w x h for n key results; t_fixed > 0 keeps that text size. */
static bool kr_fit_one(const Lctx *c, float w, float h, int n, KrShape shape, int lines, int cols,
                       float pct_em, float t_fixed, KrGrid *k)
{
    const float tmax = 0.030f * c->S;
    const int rows = (n + cols - 1) / cols;
    const float hk = kr_ring_em(shape, lines);
    const float t_h = kr_t_max(w, h, n, shape, lines, cols);
    float t = t_fixed > 0.0f ? t_fixed : fminf(tmax, t_h);

    if (t > t_h * 1.0001f || t < c->tmin * 0.9999f)
        return false;
    memset(k, 0, sizeof(*k));
    k->cols = cols;
    k->rows = rows;
    k->shape = shape;
    k->lines = lines;
    k->t = t;
    k->d = hk * t;
    k->rh = kr_row_em(shape, lines) * t + kr_row_px(shape, lines);
    k->pct_em = pct_em;
    k->cw = (w - (float)(cols - 1) * KR_COL_GAP_EM * t) / (float)cols;
    k->tw = k->cw - kr_fixed_em(shape, lines, pct_em) * t;
    if (k->tw < 4.0f * t)
        return false; /* not even a word or two */
    if (shape == KR_CELL && k->cw - k->d - KR_GAP_EM * t < (KR_GLYPH_EM + pct_em) * t)
        return false; /* the percentage line must fit beside the ring */
    /* rows stay together at the top; spare height opens the gaps a little */
    k->pitch = k->rh + KR_ROW_GAP_EM * t;
    if (rows > 1) {
        float spare = (h - (float)rows * k->rh) / (float)(rows - 1);
        k->pitch = k->rh + fminf(fmaxf(spare, KR_ROW_GAP_EM * t), 0.9f * t);
    }
    /* a wrapped second line loses a word's end */
    k->chars = (lines == 1 ? 1.0f : 1.8f) * k->tw / (0.55f * t);
    return true;
}

/* The best list for n key results in w x h. t_fixed > 0 keeps that text size
 * and shape (a card matching the rest of its page); otherwise any. */
static bool fit_kr(const Lctx *c, float w, float h, int n, float pct_em, float t_fixed,
                   int only_shape, float dmax, KrGrid *best)
{
    float best_score = 0.0f;
    bool found = false;
    if (n <= 0) {
        memset(best, 0, sizeof(*best));
        return true;
    }
    if (n > KR_SHOWN)
        n = KR_SHOWN;
    for (int shape = KR_ROW; shape <= KR_CELL; shape++) {
        if (only_shape >= 0 && shape != only_shape)
            continue;
        for (int lines = 1; lines <= 2; lines++) {
            for (int cols = 1; cols <= n && cols <= 4; cols++) {
                if (cols > 1 && (cols - 1) * ((n + cols - 1) / cols) >= n)
                    continue; /* a whole column would stay empty */
                /* the largest text that fits, and smaller ones down to the
                 * minimum: a smaller size may show more of each title */
                for (int step = 0; step <= (t_fixed > 0.0f ? 0 : 4); step++) {
                    KrGrid k;
                    float score, t = t_fixed;
                    if (step > 0) {
                        float top =
                            fminf(0.030f * c->S, kr_t_max(w, h, n, (KrShape)shape, lines, cols));
                        t = top - (top - c->tmin) * (float)step / 4.0f;
                        if (t < c->tmin)
                            break;
                    }
                    if (!kr_fit_one(c, w, h, n, (KrShape)shape, lines, cols, pct_em, t, &k))
                        continue;
                    if (k.d > dmax)
                        continue; /* the objective's ring stays the largest */
                    score = kr_score(c, &k);
                    if (!found || score > best_score + 1e-4f) {
                        found = true;
                        best_score = score;
                        *best = k;
                    }
                }
            }
        }
    }
    return found;
}

/* Width in ems of the widest percentage (or "no data") any key result of
 * these objectives shows: the column of percentages is sized to it. */
static float pct_em_of(const OkrFeed *f, const size_t *objs, size_t n, I18nLang lang)
{
    float em = 2.0f;
    for (size_t i = 0; i < n; i++) {
        const OkrObjective *o = &f->objectives[objs[i]];
        for (size_t k = 0; k < o->n_key_results && k < KR_SHOWN; k++) {
            const OkrKeyResult *kr = &o->key_results[k];
            char buf[32];
            float e = 0.0f;
            if (!kr->score.has_value) {
                e = lay_text_em(i18n_text(lang, I18N_MSG_NO_DATA));
            } else {
                i18n_format_progress(lang, kr->score.raw, buf, sizeof(buf));
                /* semibold tabular digits are wider than the 0.55 average */
                for (const char *p = buf; *p; p++)
                    e += *p == '%' ? 1.0f : (*p == ' ' ? 0.3f : 0.68f);
            }
            if (e > em)
                em = e;
        }
    }
    return em;
}

#define MARK_GAP_EM 0.35f /* percentage to its change mark */

/* Width in ems of the change-mark column of these objectives' key results
 * (the widest mark and the gap before it), 0 when none moved. */
static float mark_em_of(const Lctx *c, const size_t *objs, size_t n)
{
    const OkrFeed *f = c->in->feed;
    float em = 0.0f;
    for (size_t i = 0; i < n && c->in->deltas; i++) {
        const OkrObjective *o = &f->objectives[objs[i]];
        for (size_t k = 0; k < o->n_key_results && k < KR_SHOWN; k++) {
            float e = lay_mark_em(okr_delta_kr(c->in->deltas, objs[i], k), c->in->lang);
            if (e > 0.0f && e + MARK_GAP_EM > em)
                em = e + MARK_GAP_EM;
        }
    }
    return em;
}

#define RING_MIN_FRAC 0.17f /* smallest objective ring, of S: percentage >= 3.4 % */
#define KR_MIN_CHARS 18.0f  /* below this a key-result title says too little */

static float card_quality(const Lctx *c, const CardPlan *pl, float D, float rw, int nkr)
{
    const float S = c->S;
    /* a ring of 0.4 S reads from across the room; larger still helps a little */
    float q = fminf(D / (0.40f * S), 1.0f) + 0.2f * fminf(D / S, 1.0f) +
              0.3f * fminf(rw / (18.0f * pl->tt), 1.0f);
    if (nkr > 0)
        q += kr_score(c, &pl->kr);
    else
        q += 2.5f;
    return q;
}

/* One arrangement with ring diameter D. Mode "side": the ring on the left,
 * vertically centred; title, status and the key-result list share the right,
 * from the top down. Mode "stack": the ring top left with the title and status
 * beside it, the key-result list across the full width below. Mode "column"
 * (a tall card, e.g. one objective in portrait): the ring centred on top, the
 * title, status and list across the full width below it. The title block
 * has title_lines lines in every card of a page, so the status rows and the
 * lists line up from card to card. */
static CardPlan plan_card_d(const Lctx *c, Box box, int nkr, float pct_em, CardMode mode,
                            int title_lines, float D)
{
    const float S = c->S, p = 0.018f * S, g = 0.018f * S;
    const float ix = box.x + p, iy = box.y + p, iw = box.w - 2.0f * p, ih = box.h - 2.0f * p;
    CardPlan pl;
    float rx, rw, th, mh, top;

    memset(&pl, 0, sizeof(pl));
    pl.box = box;
    pl.mode = mode;
    pl.title_lines = title_lines;
    pl.tt = fmaxf(c->tmin * 1.05f, fminf(0.038f * S, 0.09f * ih));
    pl.ts = fmaxf(c->tmin, fminf(0.030f * S, 0.065f * ih));
    th = lay_text_h(pl.tt, title_lines);
    mh = lay_text_h(pl.ts, 1);
    if (iw <= 0.0f || ih <= 0.0f || D > ih + 0.01f)
        return pl;
    rx = ix + D + g;
    rw = ix + iw - rx;
    if (mode == CARD_COLUMN) {
        rw = iw;
        pl.ring = (Box){ix + 0.5f * (iw - D), iy, D, D};
        pl.title = (Box){ix, iy + D + g, iw, th};
        pl.meta = (Box){ix, pl.title.y + th + 0.15f * g, iw, mh};
        top = pl.meta.y + mh + 0.5f * g;
        pl.kr_area = (Box){ix, top, iw, iy + ih - top};
    } else if (mode == CARD_SIDE) {
        pl.ring = (Box){ix, iy + 0.5f * (ih - D), D, D};
        pl.title = (Box){rx, iy, rw, th};
        pl.meta = (Box){rx, iy + th + 0.15f * g, rw, mh};
        top = pl.meta.y + mh + 0.5f * g;
        pl.kr_area = (Box){rx, top, rw, iy + ih - top};
    } else {
        if (D < th + mh + 0.15f * g)
            return pl;
        pl.ring = (Box){ix, iy, D, D};
        pl.title = (Box){rx, iy, rw, th};
        pl.meta = (Box){rx, iy + th + 0.15f * g, rw, mh};
        top = iy + D + g;
        pl.kr_area = (Box){ix, top, iw, iy + ih - top};
    }
    /* legible: the ring holds a big enough percentage, the title has room for
     * ~13 characters a line, the key results fit at the minimum size and show
     * more than a word of their titles */
    if (D < RING_MIN_FRAC * S || rw < 7.0f * pl.tt)
        return pl;
    if (nkr > 0 &&
        (pl.kr_area.h <= 0.0f ||
         !fit_kr(c, pl.kr_area.w, pl.kr_area.h, nkr, pct_em, 0.0f, -1, KR_RING_MAX * D, &pl.kr) ||
         pl.kr.chars < KR_MIN_CHARS))
        return pl;
    {
        /* height the list takes; what is left over is empty card */
        float used = nkr > 0 ? (float)(pl.kr.rows - 1) * pl.kr.pitch + pl.kr.rh : 0.0f;
        float spare = fmaxf(0.0f, pl.kr_area.h - used), empty;
        if (mode != CARD_STACK) {
            /* centre the text column beside the ring (everything, in a
             * column); every card of a page shifts alike, as it is planned
             * for the page's longest list */
            float dy = 0.5f * spare;
            pl.title.y += dy;
            pl.meta.y += dy;
            pl.kr_area.y += dy;
            pl.kr_area.h -= dy;
            if (mode == CARD_COLUMN)
                pl.ring.y += dy;
            empty = rw * spare;
        } else {
            empty = rw * fmaxf(0.0f, D - (th + 0.15f * g + mh)) + iw * spare;
        }
        pl.ok = true;
        pl.quality = card_quality(c, &pl, D, rw, nkr) - (nkr > 0 ? empty / (iw * ih) : 0.0f);
    }
    return pl;
}

/* The best ring size for a mode: try diameters from large to small. */
static CardPlan plan_card(const Lctx *c, Box box, int nkr, float pct_em, CardMode mode,
                          int title_lines)
{
    const float p = 0.018f * c->S;
    const float iw = box.w - 2.0f * p, ih = box.h - 2.0f * p;
    const float dmax = mode == CARD_STACK    ? fminf(0.70f * ih, 0.40f * iw)
                       : mode == CARD_COLUMN ? fminf(0.50f * ih, 0.80f * iw)
                                             : fminf(ih, (nkr > 0 ? 0.45f : 0.5f) * iw);
    const float dmin = RING_MIN_FRAC * c->S;
    CardPlan best;
    memset(&best, 0, sizeof(best));
    best.box = box;
    for (int i = 0; i <= 16; i++) {
        float D = dmax - (dmax - dmin) * (float)i / 16.0f;
        CardPlan pl;
        if (D <= 0.0f)
            break;
        pl = plan_card_d(c, box, nkr, pct_em, mode, title_lines, D);
        if (pl.ok && (!best.ok || pl.quality > best.quality))
            best = pl;
        if (dmax <= dmin)
            break;
    }
    if (!best.ok) { /* best effort for a tiny window: drawable, not legible */
        best = plan_card_d(c, box, 0, pct_em, CARD_SIDE, title_lines, fminf(0.5f * ih, 0.4f * iw));
        best.ok = false;
    }
    return best;
}

static CardPlan best_card(const Lctx *c, Box box, int nkr, float pct_em, int title_lines)
{
    CardPlan best;
    memset(&best, 0, sizeof(best));
    for (int m = CARD_SIDE; m <= CARD_COLUMN; m++) {
        CardPlan pl;
        if (m == CARD_COLUMN && (box.h <= box.w || box.w < 0.6f * c->S))
            break; /* only for a tall card as wide as most of the screen */
        pl = plan_card(c, box, nkr, pct_em, (CardMode)m, title_lines);
        if (m == CARD_SIDE || (pl.ok && (!best.ok || pl.quality > best.quality)))
            best = pl;
    }
    return best;
}

/* The grid for k cards in the content area: columns, rows and the plan of a
 * card in a full row (the last row's cards are stretched, never smaller).
 * Planned with two-line titles, the most a title takes. */
typedef struct {
    int cols, rows;
    float cw, ch;
    CardPlan plan;
} PageGrid;

static float grid_gap(const Lctx *c)
{
    return 0.018f * c->S;
}

static bool choose_grid(const Lctx *c, int k, int nkr, float pct_em, PageGrid *out)
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
        pg.plan = best_card(c, (Box){a.x, a.y, pg.cw, pg.ch}, nkr, pct_em, 2);
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
    return m > KR_SHOWN ? KR_SHOWN : m;
}

int layout_overview_paging(Lctx *c, const size_t *objs, size_t n, int *per_page)
{
    int kmax, most = 1, pages;
    float pct_em;
    PageGrid pg;
    if (n == 0 || !c->in->feed) {
        *per_page = 0;
        return 1;
    }
    kmax = max_krs(c->in->feed, objs, n);
    pct_em = pct_em_of(c->in->feed, objs, n, c->in->lang) + mark_em_of(c, objs, n);
    for (int k = (int)(n < MAX_PER_PAGE ? n : MAX_PER_PAGE); k >= 1; k--) {
        if (choose_grid(c, k, kmax, pct_em, &pg)) {
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

static void emit_kr(Lctx *c, const OkrFeed *f, size_t oi, size_t ki, Box cell, const KrGrid *g)
{
    const OkrKeyResult *kr = &f->objectives[oi].key_results[ki];
    const float t = g->t, d = g->d, lh = lay_text_h(t, 1);
    const float tx = cell.x + d + KR_GAP_EM * t;
    /* top of the percentage line (and a row's first title line): centred
     * on a row's ring; a cell's is level with the top of its ring */
    const float ty = g->shape == KR_ROW ? cell.y + 0.5f * (d - lh) : cell.y;
    const float pw = KR_GLYPH_EM * t + g->pct_em * t;
    int ring;
    char pct[32];
    Rgba col = layout_status_color(kr->score.status);

    ring = lay_ring(c, cell.x + 0.5f * d, cell.y + 0.5f * d, 0.5f * d, KR_RING_THICK * d,
                    kr->score.has_value, kr->score.raw, -1.0, kr->score.status,
                    layout_kr_key(f, oi, ki));
    lay_glyph(c, (Box){tx, ty + lay_glyph_dy(t), t, t}, layout_status_glyph(kr->score.status), col);
    const float pct_w = (g->pct_em - c->mark_em) * t;
    if (kr->score.has_value) {
        i18n_format_progress(c->in->lang, kr->score.raw, pct, sizeof(pct));
        lay_text(c, (Box){tx + KR_GLYPH_EM * t, ty, pct_w, lh}, pct, t, FONT_SEMIBOLD, ALIGN_LEFT,
                 1, LC_TEXT, ring);
    } else {
        lay_text(c, (Box){tx + KR_GLYPH_EM * t, ty, pct_w, lh},
                 i18n_text(c->in->lang, I18N_MSG_NO_DATA), t, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2,
                 -1);
    }
    if (c->mark_em > 0.0f) {
        float mx = tx + KR_GLYPH_EM * t + pct_w + MARK_GAP_EM * t;
        lay_mark(c, mx, ty, (c->mark_em - MARK_GAP_EM) * t, t, okr_delta_kr(c->in->deltas, oi, ki));
    }
    if (g->shape == KR_ROW) {
        float x = tx + pw + KR_TITLE_GAP_EM * t;
        lay_text(c, (Box){x, ty, cell.x + cell.w - x, lay_text_h(t, g->lines)}, kr->title, t,
                 FONT_REGULAR, ALIGN_LEFT, g->lines, LC_TEXT, -1);
    } else {
        lay_text(c, (Box){tx, ty + lh, cell.x + cell.w - tx, lay_text_h(t, g->lines)}, kr->title, t,
                 FONT_REGULAR, ALIGN_LEFT, g->lines, LC_TEXT, -1);
    }
}

/* Status glyph, status word and owner on one line. */
static void emit_meta(Lctx *c, size_t oi, const OkrObjective *o, Box m, float ts)
{
    const OkrStatus st = o->score.status;
    const char *word = layout_status_word_lang(st, c->in->lang);
    const float wx = m.x + 1.3f * ts;
    /* the word's box is its estimated width (0.55 em a letter undercounts
     * "done" by a few pixels), so the owner follows closely */
    float ww = fminf((lay_text_em(word) + 0.5f) * ts, m.x + m.w - wx);
    lay_glyph(c, (Box){m.x, m.y + lay_glyph_dy(ts), ts, ts}, layout_status_glyph(st),
              layout_status_color(st));
    lay_text(c, (Box){wx, m.y, ww, m.h}, word, ts, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT, -1);
    {
        /* the objective's change mark follows its status */
        float mx = wx + ww + 0.6f * ts;
        float used =
            lay_mark(c, mx, m.y, m.x + m.w - mx, ts, okr_delta_objective(c->in->deltas, oi));
        if (used > 0.0f)
            ww += 0.6f * ts + used;
    }
    if (o->owner && o->owner[0]) {
        float ox = wx + ww + 0.9f * ts;
        if (m.x + m.w - ox >= 4.0f * ts)
            lay_text(c, (Box){ox, m.y, m.x + m.w - ox, m.h}, o->owner, ts, FONT_REGULAR, ALIGN_LEFT,
                     1, LC_TEXT2, -1);
    }
}

static void emit_card(Lctx *c, size_t oi, const CardPlan *pl, bool selected)
{
    const OkrFeed *f = c->in->feed;
    const OkrObjective *o = &f->objectives[oi];
    const float S = c->S, radius = 0.012f * S;
    const Box r = pl->ring;
    float s;
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
    /* centre percentage: a 3.4 x 1.25 em box fits inside the inner circle
     * (0.332 D: the ring gives LAYOUT_PACE_OUT of its thickness to the pace
     * marker) while s <= 0.175 D */
    s = fminf(0.10f * S, 0.175f * r.w);
    {
        Box pb = {r.x + 0.5f * r.w - 1.7f * s, r.y + 0.5f * r.h - 0.5f * lay_text_h(s, 1), 3.4f * s,
                  lay_text_h(s, 1)};
        if (o->score.has_value) {
            i18n_format_progress(c->in->lang, o->score.raw, pct, sizeof(pct));
            float ps = lay_centre_size(c, pct, s); /* "5000 %" smaller, never cut */
            pb.y = r.y + 0.5f * r.h - 0.5f * lay_text_h(ps, 1);
            pb.h = lay_text_h(ps, 1);
            lay_text(c, pb, pct, ps, FONT_SEMIBOLD, ALIGN_CENTER, 1, LC_TEXT, ring);
        } else {
            lay_text(c, pb, "–", s, FONT_SEMIBOLD, ALIGN_CENTER, 1, LC_TEXT2, -1);
        }
    }

    /* the title block has the page's line count and keeps to the top, so
     * the status rows and lists of all cards line up whatever the titles
     * (the width estimate is only a guess: a title that wraps to one line on
     * screen looks the same as one known to be short) */
    {
        Box tb = pl->title;
        int lines = pl->title_lines;
        if (lines > 1 && lay_fits_one_line(o->title, pl->tt, tb.w)) {
            lines = 1;
            tb.h = lay_text_h(pl->tt, 1);
        }
        lay_text(c, tb, o->title, pl->tt, FONT_SEMIBOLD, ALIGN_LEFT, lines, LC_TEXT, -1);
        emit_meta(c, oi, o, pl->meta, pl->ts);
    }

    if (o->n_key_results > 0 && pl->kr.cols > 0) {
        const KrGrid *g = &pl->kr;
        const float cgap = KR_COL_GAP_EM * g->t;
        /* at most 8 rows; beyond that the last one counts the rest */
        size_t n = o->n_key_results > KR_SHOWN ? KR_SHOWN - 1 : o->n_key_results;
        /* fill columns top to bottom, so the list reads down */
        for (size_t k = 0; k < n; k++) {
            int col = (int)k / g->rows, row = (int)k % g->rows;
            Box cell = {pl->kr_area.x + (float)col * (g->cw + cgap),
                        pl->kr_area.y + (float)row * g->pitch, g->cw, g->rh};
            emit_kr(c, f, oi, k, cell, g);
        }
        if (o->n_key_results > KR_SHOWN) {
            int col = (KR_SHOWN - 1) / g->rows, row = (KR_SHOWN - 1) % g->rows;
            float lh = lay_text_h(g->t, 1), x = g->d + KR_GAP_EM * g->t;
            char buf[48];
            snprintf(buf, sizeof(buf), "+%zu more", o->n_key_results - (KR_SHOWN - 1));
            lay_text(c,
                     (Box){pl->kr_area.x + (float)col * (g->cw + cgap) + x,
                           pl->kr_area.y + (float)row * g->pitch + 0.5f * (g->rh - lh), g->cw - x,
                           lh},
                     buf, g->t, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2, -1);
        }
    }
}

/* Box of card i of k in the grid: the last row's cards share its width. */
static Box card_box(const Lctx *c, const PageGrid *pg, int k, int i)
{
    const float g = grid_gap(c);
    const Box a = c->content;
    int row = i / pg->cols, col = i % pg->cols;
    int in_row = (row == pg->rows - 1) ? k - row * pg->cols : pg->cols;
    float cw = (a.w - (float)(in_row - 1) * g) / (float)in_row;
    return (Box){a.x + (float)col * (cw + g), a.y + (float)row * (pg->ch + g), cw, pg->ch};
}

/* Plans every card of the page with title_lines title lines; false if one is
 * not legible, or (one line) if a title would not fit its line. */
static bool plan_page(const Lctx *c, const PageGrid *pg, const size_t *objs, int k, int kmax,
                      float pct_em, int title_lines, CardPlan *plans)
{
    const OkrFeed *f = c->in->feed;
    float t_ref = 0.0f, pitch_ref = 0.0f;
    int shape_ref = -1;
    for (int i = 0; i < k; i++) {
        const OkrObjective *o = &f->objectives[objs[i]];
        int own = (int)o->n_key_results;
        CardPlan *pl = &plans[i];
        Box box = card_box(c, pg, k, i);
        *pl = best_card(c, box, kmax, pct_em, title_lines);
        if (i > 0 && plans[0].ok && fabsf(box.w - plans[0].box.w) > 0.5f) {
            /* a stretched card in the last row: the same ring as the others,
             * the extra width goes to the text */
            CardPlan same =
                plan_card_d(c, box, kmax, pct_em, plans[0].mode, title_lines, plans[0].ring.w);
            if (same.ok)
                *pl = same;
        }
        if (!pl->ok)
            return false;
        if (title_lines == 1 && !lay_fits_one_line(o->title, pl->tt, pl->title.w))
            return false;
        if (i == 0) {
            t_ref = pl->kr.t;
            shape_ref = (int)pl->kr.shape;
            pitch_ref = pl->kr.pitch - pl->kr.rh; /* the gap between rows */
        }
        /* the same text size and row shape in every card (a stretched card
         * in the last row too); a card with fewer key results than the
         * page's most may give each more lines or fewer columns */
        if (own > 0 && t_ref > 0.0f && (i > 0 || own < kmax)) {
            KrGrid g;
            if (fit_kr(c, pl->kr_area.w, pl->kr_area.h, own, pct_em, t_ref, shape_ref,
                       KR_RING_MAX * pl->ring.w, &g)) {
                /* rows no further apart than the page's */
                g.pitch = fminf(g.pitch, g.rh + fmaxf(pitch_ref, KR_ROW_GAP_EM * g.t));
                pl->kr = g;
            }
        }
    }
    return true;
}

void layout_overview(Lctx *c, const size_t *objs, size_t n, int page)
{
    const float g = grid_gap(c);
    const Box a = c->content;
    int per = c->out->objectives_per_page, k, kmax;
    size_t first;
    float pct_em;
    PageGrid pg;
    CardPlan plans[MAX_PER_PAGE];

    if (per <= 0)
        return;
    first = (size_t)page * (size_t)per;
    if (first >= n)
        return;
    k = (int)(n - first < (size_t)per ? n - first : (size_t)per);
    if (k > MAX_PER_PAGE)
        k = MAX_PER_PAGE;
    kmax = max_krs(c->in->feed, objs, n);
    /* the marks make a column of their own right of the percentages, the
     * same on every page so the pages' rows agree */
    c->mark_em = mark_em_of(c, objs, n);
    pct_em = pct_em_of(c->in->feed, objs, n, c->in->lang) + c->mark_em;
    if (!choose_grid(c, k, kmax, pct_em, &pg)) {
        /* nothing legible (a tiny window): one card per column, best effort */
        pg.cols = k;
        pg.rows = 1;
        pg.cw = (a.w - (float)(k - 1) * g) / (float)k;
        pg.ch = a.h;
    }
    /* one-line titles on this page free a line for the key results */
    if (!plan_page(c, &pg, objs + first, k, kmax, pct_em, 1, plans) &&
        !plan_page(c, &pg, objs + first, k, kmax, pct_em, 2, plans)) {
        for (int i = 0; i < k; i++) {
            if (!plans[i].ok)
                plans[i] = plan_card(c, card_box(c, &pg, k, i), kmax, pct_em, CARD_SIDE, 2);
        }
    }
    for (int i = 0; i < k; i++) {
        size_t oi = objs[first + (size_t)i];
        emit_card(c, oi, &plans[i],
                  c->in->view.selected >= 0 && (size_t)c->in->view.selected == oi);
    }
}
