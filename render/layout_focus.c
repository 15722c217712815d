/*
 * layout_focus: one objective large, for the standup. The objective (ring,
 * percentage, status, title, owner, team, pace) sits on the left in landscape
 * and on top in portrait; its key results form a list (one or two columns),
 * each with a ring, title, "current / target unit", owner, confidence and the
 * age of its last check-in; the actions close the list as a checklist.
 *
 * The key-result list is fitted like the overview's grid: candidate
 * arrangements (columns, title lines, a wide 3-line or narrow 4-line row) are
 * tried and the one with the largest legible text wins.
 */
#include "layout_priv.h"
#include "okr_parse.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- value texts ---- */

/* "26 / 30 MQLs", "4.6 % → 3 %", "done" / "not done", "" (explicit progress) */
static void kr_value_text(char *buf, size_t len, const OkrKeyResult *kr, I18nLang lang)
{
    /* room for a number plus a unit of the longest string the parser keeps */
    char cur[OKR_LIMIT_STRING + 64], tgt[OKR_LIMIT_STRING + 64];
    buf[0] = '\0';
    if (kr->has_current && kr->has_target) {
        bool falling = kr->direction == OKR_DIR_DECREASE || kr->direction == OKR_DIR_AT_MOST;
        if (falling || i18n_unit_leads(kr->unit)) {
            i18n_format_quantity(lang, kr->current, kr->unit, cur, sizeof(cur));
            i18n_format_quantity(lang, kr->target, kr->unit, tgt, sizeof(tgt));
            snprintf(buf, len, falling ? "%s → %s" : "%s / %s", cur, tgt);
        } else {
            i18n_format_value(lang, kr->current, cur, sizeof(cur));
            i18n_format_quantity(lang, kr->target, kr->unit, tgt, sizeof(tgt));
            snprintf(buf, len, "%s / %s", cur, tgt);
        }
    } else if (kr->has_done && !kr->has_target) {
        snprintf(buf, len, "%s", i18n_text(lang, kr->done ? I18N_MSG_DONE : I18N_MSG_NOT_DONE));
    } else if (kr->has_current) {
        i18n_format_quantity(lang, kr->current, kr->unit, buf, len);
    }
    if (!kr->score.has_value || (!buf[0] && !kr->has_progress))
        snprintf(buf, len, "%s", i18n_text(lang, I18N_MSG_NO_DATA));
}

/* Width of a value text in ems of its (semibold) size: figures 0.64,
 * spaces 0.3, other letters 0.6 and CJK 1.0; a little over what the faces
 * we ship draw, so the figures in front are never the part cut. */
static float value_em(const char *text)
{
    float em = 0.0f;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        em += *p == ' ' ? 0.3f : (*p >= '0' && *p <= '9') ? 0.64f : *p >= 0xE3 ? 1.0f : 0.6f;
    }
    return em;
}

/* "checked in 3 d ago" / "Check-in vor 3 T." */
static void age_text(char *buf, size_t len, int64_t age_s, I18nLang lang)
{
    char d[32];
    if (age_s < 0) {
        snprintf(buf, len, "%s", i18n_text(lang, I18N_MSG_NEVER_CHECKED_IN));
        return;
    }
    i18n_format_duration(lang, age_s, d, sizeof(d));
    i18n_format(lang, I18N_MSG_CHECKED_IN_AGO, buf, len, d);
}

static void owner_conf_text(char *buf, size_t len, const OkrKeyResult *kr, I18nLang lang)
{
    char conf[64] = "", pct[16];
    if (kr->has_confidence) {
        i18n_format_progress(lang, kr->confidence, pct, sizeof(pct));
        i18n_format(lang, I18N_MSG_CONFIDENCE, conf, sizeof(conf), pct);
    }
    if (kr->owner && conf[0])
        snprintf(buf, len, "%s · %s", kr->owner, conf);
    else
        snprintf(buf, len, "%s", kr->owner ? kr->owner : conf);
}

/* ---- the objective block ---- */

/* Ring at r; texts (status, title, owner, team, pace) in box tb, centred when
 * below the ring, left-aligned beside it. Returns nothing; sizes from S. */
static void emit_objective(Lctx *c, size_t oi, Box r, Box tb, TextAlign align, int tl)
{
    const OkrFeed *f = c->in->feed;
    const OkrObjective *o = &f->objectives[oi];
    const float S = c->S;
    const float ts = 0.032f * S, tt = 0.045f * S, tm = 0.030f * S, lg = 0.008f * S;
    OkrStatus st = o->score.status;
    float s = fminf(0.10f * S, 0.175f * r.w), y = tb.y, gx; /* see layout_overview.c */
    char buf[LAYOUT_TEXT_MAX], pct[32];
    int ring;

    ring = lay_ring(c, r.x + 0.5f * r.w, r.y + 0.5f * r.h, 0.5f * r.w, 0.12f * r.w,
                    o->score.has_value, o->score.raw, f->has_expected ? f->expected : -1.0, st,
                    layout_objective_key(f, oi));
    if (o->score.has_value)
        i18n_format_progress(c->in->lang, o->score.raw, pct, sizeof(pct));
    else
        snprintf(pct, sizeof(pct), "–");
    float ps = lay_centre_size(c, pct, s); /* "5000 %" smaller, never cut */
    lay_text(c,
             (Box){r.x + 0.5f * r.w - 1.7f * s, r.y + 0.5f * r.h - 0.5f * lay_text_h(ps, 1),
                   3.4f * s, lay_text_h(ps, 1)},
             pct, ps, FONT_SEMIBOLD, ALIGN_CENTER, 1, o->score.has_value ? LC_TEXT : LC_TEXT2,
             o->score.has_value ? ring : -1);

    /* status: glyph + word, as a group */
    gx = align == ALIGN_CENTER ? fmaxf(tb.x, tb.x + 0.5f * tb.w - 4.0f * ts) : tb.x;
    lay_glyph(c, (Box){gx, y + lay_glyph_dy(ts), ts, ts}, layout_status_glyph(st),
              layout_status_color(st));
    lay_text(
        c,
        (Box){gx + 1.3f * ts, y, fminf(6.7f * ts, tb.x + tb.w - gx - 1.3f * ts), lay_text_h(ts, 1)},
        layout_status_word_lang(st, c->in->lang), ts, FONT_SEMIBOLD, ALIGN_LEFT, 1,
        layout_status_color(st), -1);
    y += lay_text_h(ts, 1) + lg;
    lay_text(c, (Box){tb.x, y, tb.w, lay_text_h(tt, tl)}, o->title, tt, FONT_SEMIBOLD, align, tl,
             LC_TEXT, -1);
    y += lay_text_h(tt, tl) + lg;
    if (o->owner) {
        lay_text(c, (Box){tb.x, y, tb.w, lay_text_h(tm, 1)}, o->owner, tm, FONT_REGULAR, align, 1,
                 LC_TEXT2, -1);
        y += lay_text_h(tm, 1) + lg;
    }
    if (o->team) {
        i18n_format(c->in->lang, I18N_MSG_TEAM, buf, sizeof(buf), o->team);
        lay_text(c, (Box){tb.x, y, tb.w, lay_text_h(tm, 1)}, buf, tm, FONT_REGULAR, align, 1,
                 LC_TEXT2, -1);
        y += lay_text_h(tm, 1) + lg;
    }
    if (f->has_expected) {
        i18n_format_progress(c->in->lang, f->expected, pct, sizeof(pct));
        i18n_format(c->in->lang, I18N_MSG_EXPECTED_BY_TODAY, buf, sizeof(buf), pct);
        lay_text(c, (Box){tb.x, y, tb.w, lay_text_h(tm, 1)}, buf, tm, FONT_REGULAR, align, 1,
                 LC_TEXT2, -1);
    }
}

/* Height the objective texts need (status, title, owner, team, pace). */
static float objective_text_h(const Lctx *c, const OkrObjective *o, const OkrFeed *f, int tl)
{
    const float S = c->S, lg = 0.008f * S;
    float h = lay_text_h(0.032f * S, 1) + lg + lay_text_h(0.045f * S, tl) + lg;
    int extra = (o->owner != NULL) + (o->team != NULL) + (f->has_expected ? 1 : 0);
    return h + (float)extra * (lay_text_h(0.030f * S, 1) + lg);
}

/* ---- key-result list ---- */

typedef struct {
    int cols, rows, tl; /* title lines (with vary: the most a row has) */
    bool wide;          /* 3-line row (value + check-in side by side) */
    bool trend;         /* each row ends in a trend column (layout_trend.c) */
    bool vary;          /* a row's title takes two lines only where it needs them */
    bool whole;         /* every title is (by the generous guess) shown whole */
    float t, rh, cw;    /* text size, row pitch, column width */
    float value_em;     /* wide rows: the widest value text, in sizes */
} KrList;

/* Width of a row's trend column, in text sizes (plus the gap before it). */
#define TREND_EM 6.5f
#define TREND_GAP_EM 0.6f

static int row_lines(int tl, bool wide)
{
    return tl + (wide ? 2 : 3);
}
/* Pixels of snapping slack in a row of n lines: its text boxes stacked down
 * the row (three in a wide row, four in a narrow one) are lay_text_h tall,
 * a pixel a line and three a box over their ems. */
static float row_px(int lines, bool wide)
{
    return (float)lines + (wide ? 9.0f : 12.0f);
}
static float row_block(float t, int lines, bool wide)
{
    return (float)lines * LAYOUT_LINE * t + (float)(lines - 1) * 0.1f * t + row_px(lines, wide);
}

/* Width of the glyph + percentage slot of a row: at least 4.8 sizes so the
 * titles of a list line up, wider when the number needs it ("6600 %"); the
 * title gives way, the number is never cut. */
static float kr_percent_w(const Lctx *c, const OkrKeyResult *kr, float t)
{
    char pct[32];
    if (!kr->score.has_value)
        return 4.8f * t;
    i18n_format_progress(c->in->lang, kr->score.raw, pct, sizeof(pct));
    return fmaxf(4.8f * t, (1.3f + lay_number_em(pct)) * t + 2.0f);
}

/* The ring's diameter, the height of a row's block with the list's title
 * lines (with vary: one, so the rings of a list are one size). */
static float kr_ring_d(const KrList *l)
{
    return row_block(l->t, row_lines(l->vary ? 1 : l->tl, l->wide), l->wide);
}

/* Width the title of key result k gets in a row of list l (emit_kr_row's
 * arithmetic; a change mark before the percentage is assumed whenever one
 * may go there, so the width is never overestimated). */
static float kr_title_w(const Lctx *c, size_t oi, size_t k, const KrList *l)
{
    const OkrKeyResult *kr = &c->in->feed->objectives[oi].key_results[k];
    const OkrDelta *dl = okr_delta_kr(c->in->deltas, oi, k);
    const float t = l->t, gk = 0.015f * c->S, tw = l->cw - kr_ring_d(l) - gk;
    float pw = kr_percent_w(c, kr, t), pr = pw;
    if (lay_mark_wanted(dl)) {
        float mw = lay_mark_em(dl, c->in->lang) * t, mg = 0.3f * t;
        if (pw + mw + mg + gk < 0.5f * tw)
            pr += mw + mg;
    }
    return l->wide ? tw - pr - gk : tw;
}

/* Title lines of key result k in list l: with vary, one where it fits on
 * one (measured with the fonts when the layout can, else the generous
 * guess), else two. */
static int kr_title_lines(const Lctx *c, size_t oi, size_t k, const KrList *l)
{
    if (!l->vary)
        return l->tl;
    const char *title = c->in->feed->objectives[oi].key_results[k].title;
    float w = kr_title_w(c, oi, k, l);
    int n = lay_lines_measured(c, title, FONT_SEMIBOLD, l->t, w);
    if (n > 0)
        return n == 1 ? 1 : 2;
    return lay_fits_one_line(title, l->t, w) ? 1 : 2;
}

/* Whether the title of key result k shows whole in `lines` lines: the
 * generous guess, with a line's worth of slack lost to word wrapping. */
static bool kr_title_whole(const Lctx *c, size_t oi, size_t k, const KrList *l, int lines)
{
    const char *title = c->in->feed->objectives[oi].key_results[k].title;
    float w = kr_title_w(c, oi, k, l);
    int n = lay_lines_measured(c, title, FONT_SEMIBOLD, l->t, w);
    if (n > 0)
        return n <= lines;
    float em = lay_text_em(title) * l->t;
    return lines == 1 ? em <= w : em <= 1.7f * w;
}

/* Height of a row block with tl title lines in a vary list: the title is
 * one text box, so two title lines add a line but no gap. */
static float kr_block(const KrList *l, int tl)
{
    return row_block(l->t, row_lines(tl, l->wide), l->wide) - (float)(tl - 1) * 0.1f * l->t;
}

/* Gap between the grid rows of list l: a vary list's rows, some two title
 * lines tall, stand closer (their rings still part them). */
static float kr_gap(const Lctx *c, const KrList *l)
{
    return (l->vary ? 0.012f : 0.02f) * c->S;
}

/* Height of grid row r of list l (its tallest block); with vary each grid
 * row is as tall as its titles need. */
static float kr_grid_row_h(const Lctx *c, size_t oi, int n, int r, const KrList *l)
{
    int tl = 1;
    if (!l->vary)
        return row_block(l->t, row_lines(l->tl, l->wide), l->wide);
    for (int k = r * l->cols; k < (r + 1) * l->cols && k < n; k++)
        if (kr_title_lines(c, oi, (size_t)k, l) > tl)
            tl = 2;
    return kr_block(l, tl);
}

/* Whether every title of the first n key results shows whole in l. */
static bool kr_list_whole(const Lctx *c, size_t oi, int n, const KrList *l)
{
    for (int k = 0; k < n; k++)
        if (!kr_title_whole(c, oi, (size_t)k, l, kr_title_lines(c, oi, (size_t)k, l)))
            return false;
    return true;
}

/* The candidates: 1 or 2 columns, wide or narrow rows, every title on one
 * line, every title on two, or (vary) two only where a title needs them,
 * its size found by stepping down from the largest. A list that shows every
 * title whole beats one that does not; among those the largest text wins,
 * two-line titles counting 1.3 times (a whole title is worth a smaller
 * size), wide rows and one column a little more. */
static bool fit_kr_list(const Lctx *c, size_t oi, Box a, int n, bool trend, KrList *best)
{
    const float S = c->S, gx = 0.03f * S, gy = 0.02f * S, gk = 0.015f * S, tmax = 0.034f * S;
    float best_score = 0.0f;
    bool found = false;
    for (int cols = 1; cols <= 2 && cols <= n; cols++) {
        int rows = (n + cols - 1) / cols;
        float cw = (a.w - (float)(cols - 1) * gx) / (float)cols;
        float rh = (a.h - (float)(rows - 1) * gy) / (float)rows;
        for (int tl = 2; tl >= 0; tl--) {
            for (int wide = 1; wide >= 0; wide--) {
                int L = row_lines(tl ? tl : 1, wide);
                float em = (float)L * LAYOUT_LINE + (float)(L - 1) * 0.1f;
                float need = wide ? 24.0f : 12.0f; /* text column, in sizes */
                if (trend)
                    need += TREND_EM + TREND_GAP_EM;
                float t =
                    fminf((rh - row_px(L, wide)) / em, (cw - gk - row_px(L, wide)) / (em + need));
                float score;
                KrList cand;
                if (t > tmax)
                    t = tmax;
                cand =
                    (KrList){cols, rows, tl ? tl : 2, wide, trend, tl == 0, false, t, rh, cw, 0.0f};
                if (tl == 0) {
                    /* the width bound holds at any smaller size; find the
                     * largest size whose rows, some of two title lines,
                     * stack into the height */
                    bool ok = false, wraps = false;
                    t = fminf(tmax, (cw - gk - row_px(L, wide)) / (em + need));
                    for (; t >= c->tmin; t *= 0.985f) {
                        float h = (float)(rows - 1) * kr_gap(c, &cand);
                        cand.t = t;
                        for (int r = 0; r < rows; r++)
                            h += kr_grid_row_h(c, oi, n, r, &cand);
                        if (h <= a.h) {
                            ok = true;
                            break;
                        }
                    }
                    if (!ok)
                        continue;
                    for (int k = 0; k < n && !wraps; k++)
                        wraps = kr_title_lines(c, oi, (size_t)k, &cand) == 2;
                    if (!wraps)
                        continue; /* the same as every title on one line */
                }
                if (t < c->tmin)
                    continue;
                cand.t = t;
                cand.whole = kr_list_whole(c, oi, n, &cand);
                score = t * (tl != 1 ? 1.3f : 1.0f) * (wide ? 1.05f : 1.0f) *
                        (cols == 1 ? 1.05f : 1.0f);
                if (!found || (cand.whole && !best->whole) ||
                    (cand.whole == best->whole && score > best_score)) {
                    found = true;
                    best_score = score;
                    *best = cand;
                }
            }
        }
    }
    return found;
}

/* glyph + percentage (or "no data") right-aligned in a pw-wide slot at (x, y) */
static void emit_kr_percent(Lctx *c, const OkrKeyResult *kr, int ring, float x, float y, float t,
                            float pw)
{
    OkrStatus st = kr->score.status;
    char pct[32];
    lay_glyph(c, (Box){x, y + lay_glyph_dy(t), t, t}, layout_status_glyph(st),
              layout_status_color(st));
    if (kr->score.has_value) {
        i18n_format_progress(c->in->lang, kr->score.raw, pct, sizeof(pct));
        lay_text(c, (Box){x + 1.3f * t, y, pw - 1.3f * t, lay_text_h(t, 1)}, pct, t, FONT_SEMIBOLD,
                 ALIGN_RIGHT, 1, LC_TEXT, ring);
    } /* no value: the dash glyph here, "no data" on the value line */
}

/* Wide (3 lines + title lines - 1):  title                 | %
 *                                    value | check-in      [trend]
 *                                    owner · confidence    [trend]
 * Narrow (4 lines + title lines - 1): title (full width)
 *                                    value                 | %
 *                                    owner · confidence    [trend]
 *                                    check-in              [trend]
 * The trend sits under the percentage, beside the lines below the title
 * (and the value in a narrow row), so titles keep the row's whole width.
 * The check-in reads "no update since Tue" when the key result has had none
 * since the reference; the change mark labels the trend's end (or, with no
 * trend column, precedes the percentage). */
static void emit_kr_row(Lctx *c, size_t oi, size_t ki, Box row, const KrList *l)
{
    const OkrFeed *f = c->in->feed;
    const OkrKeyResult *kr = &f->objectives[oi].key_results[ki];
    const OkrDelta *dl = okr_delta_kr(c->in->deltas, oi, ki);
    const float t = l->t, lh = lay_text_h(t, 1), lg = 0.1f * t, gk = 0.015f * c->S;
    const float d = kr_ring_d(l), sw = l->trend ? TREND_EM * t : 0.0f;
    const float tx = row.x + d + gk, tw = row.x + row.w - tx;
    const float tw_beside = tw - (l->trend ? sw + gk : 0.0f);
    const float ty = row.y + lay_text_h(t, l->tl) + lg + (l->wide ? 0.0f : lh + lg);
    const float pw = kr_percent_w(c, kr, t);
    float y = row.y, ax, pr = pw; /* pr: the percentage and a mark before it */
    int ring;
    char val[2 * (OKR_LIMIT_STRING + 64) + 8], age[96], oc[2 * OKR_LIMIT_STRING + 64];
    bool no_update = dl && dl->no_update, late = kr->score.stale || no_update, marked = false;
    Rgba age_col = late ? LC_RISK : LC_TEXT2;

    ring = lay_ring(c, row.x + 0.5f * d, row.y + 0.5f * d, 0.5f * d, 0.15f * d, kr->score.has_value,
                    kr->score.raw, -1.0, kr->score.status, layout_kr_key(f, oi, ki));
    kr_value_text(val, sizeof(val), kr, c->in->lang);
    if (no_update)
        i18n_format_no_update(c->in->lang, c->in->deltas->reference, c->in->deltas->now, age,
                              sizeof(age));
    else
        age_text(age, sizeof(age), kr->score.age_s, c->in->lang);
    owner_conf_text(oc, sizeof(oc), kr, c->in->lang);
    if (l->trend)
        marked = lay_trend(c, (Box){tx + tw_beside + gk, ty, sw, row.y + row.h - ty}, c->in->deltas,
                           dl, kr->score.status, t);
    if (!marked && lay_mark_wanted(dl)) {
        /* no trend to label: the mark goes before the percentage */
        float mw = lay_mark_em(dl, c->in->lang) * t, mg = 0.3f * t;
        if (pw + mw + mg + gk < 0.5f * tw) {
            float my = l->wide ? y : y + lay_text_h(t, l->tl) + lg;
            lay_mark(c, tx + tw - pw - mg - mw, my, mw, t, dl);
            pr += mw + mg;
        }
    }

    if (l->wide) {
        /* the value is a number: it takes the room it needs from the
         * check-in beside it ("17.4k / 20k sessions" beside a trend), as
         * wide in every row so the check-ins line up */
        float vw = fminf(fmaxf(0.42f * tw_beside, l->value_em * t), tw_beside);
        lay_text(c, (Box){tx, y, tw - pr - gk, lay_text_h(t, l->tl)}, kr->title, t, FONT_SEMIBOLD,
                 ALIGN_LEFT, l->tl, LC_TEXT, -1);
        emit_kr_percent(c, kr, ring, tx + tw - pw, y, t, pw);
        y += lay_text_h(t, l->tl) + lg;
        lay_text(c, (Box){tx, y, vw, lh}, val, t, FONT_SEMIBOLD, ALIGN_LEFT, 1, LC_TEXT, -1);
        ax = tx + vw + gk;
    } else {
        lay_text(c, (Box){tx, y, tw, lay_text_h(t, l->tl)}, kr->title, t, FONT_SEMIBOLD, ALIGN_LEFT,
                 l->tl, LC_TEXT, -1);
        y += lay_text_h(t, l->tl) + lg;
        lay_text(c, (Box){tx, y, tw - pr - gk, lh}, val, t, FONT_SEMIBOLD, ALIGN_LEFT, 1, LC_TEXT,
                 -1);
        emit_kr_percent(c, kr, ring, tx + tw - pw, y, t, pw);
        y += lh + lg;
        lay_text(c, (Box){tx, y, tw_beside, lh}, oc, t, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2, -1);
        y += lh + lg;
        ax = tx;
    }
    if (late) {
        lay_glyph(c, (Box){ax, y + lay_glyph_dy(t), t, t}, GLYPH_CLOCK, LC_RISK);
        ax += 1.3f * t;
    }
    lay_text(c, (Box){ax, y, tx + tw_beside - ax, lh}, age, t, FONT_REGULAR, ALIGN_LEFT, 1, age_col,
             -1);
    if (l->wide) {
        y += lh + lg;
        lay_text(c, (Box){tx, y, tw_beside, lh}, oc, t, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2, -1);
    }
}

/* ---- actions ---- */

static float action_row_h(float t)
{
    return lay_text_h(t, 1) + 0.25f * t;
}

static void emit_actions(Lctx *c, const OkrObjective *o, Box b, float t)
{
    const float lh = lay_text_h(t, 1), rh = action_row_h(t), gk = 0.012f * c->S;
    const OkrFeed *f = c->in->feed;
    int rows = (int)((b.h - rh) / rh + 0.01f); /* first row is the label */
    size_t n = o->n_actions, done = 0, shown = 0;
    float y = b.y;
    char buf[LAYOUT_TEXT_MAX];

    for (size_t i = 0; i < n; i++)
        done += o->actions[i].done ? 1 : 0;
    {
        char ndone[24], nall[24];
        snprintf(ndone, sizeof(ndone), "%zu", done);
        snprintf(nall, sizeof(nall), "%zu", n);
        i18n_format(c->in->lang, I18N_MSG_ACTIONS_DONE, buf, sizeof(buf), ndone, nall);
    }
    lay_text(c, (Box){b.x, y, b.w, lh}, buf, t, FONT_SEMIBOLD, ALIGN_LEFT, 1, LC_TEXT2, -1);
    y += rh;
    if (rows < 0)
        rows = 0;
    if ((size_t)rows < n && rows > 0)
        rows--; /* room for "+N more" */
    /* open actions first, then done ones */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n && shown < (size_t)rows; i++) {
            const OkrAction *a = &o->actions[i];
            /* "due Dec 15" / "fällig 15. Dez." */
            float dw = (c->in->lang == I18N_DE ? 9.5f : 7.5f) * t, ow = 0.22f * b.w;
            float tx = b.x + 1.4f * t;
            bool overdue;
            if (a->done != (pass == 1))
                continue;
            overdue = !a->done && a->has_due && f->scored_at > a->due + 86400;
            lay_glyph(c, (Box){b.x, y + lay_glyph_dy(t), t, t},
                      a->done ? GLYPH_BOX_CHECKED : GLYPH_BOX, a->done ? LC_DONE : LC_TEXT2);
            lay_text(c, (Box){tx, y, b.x + b.w - dw - ow - 2 * gk - tx, lh}, a->title, t,
                     FONT_REGULAR, ALIGN_LEFT, 1, a->done ? LC_TEXT2 : LC_TEXT, -1);
            if (a->owner)
                lay_text(c, (Box){b.x + b.w - dw - ow - gk, y, ow, lh}, a->owner, t, FONT_REGULAR,
                         ALIGN_LEFT, 1, LC_TEXT2, -1);
            if (a->has_due) {
                struct tm tm;
                time_t due = (time_t)a->due;
                char d[48], date[32];
                if (gmtime_r(&due, &tm)) {
                    i18n_format_date_short(c->in->lang, &tm, date, sizeof(date));
                    i18n_format(c->in->lang, I18N_MSG_DUE, d, sizeof(d), date);
                    lay_text(c, (Box){b.x + b.w - dw, y, dw, lh}, d, t, FONT_REGULAR, ALIGN_RIGHT,
                             1, overdue ? LC_RISK : LC_TEXT2, -1);
                }
            }
            y += rh;
            shown++;
        }
    }
    if (shown < n) {
        snprintf(buf, sizeof(buf), "+%zu more", n - shown);
        lay_text(c, (Box){b.x + 1.4f * t, y, b.w - 1.4f * t, lh}, buf, t, FONT_REGULAR, ALIGN_LEFT,
                 1, LC_TEXT2, -1);
    }
}

/* How the key results and actions share an area. */
typedef struct {
    KrList l;
    bool fit;   /* every key result at a legible size */
    bool all;   /* ... and every action row that was wanted */
    int shown;  /* key results listed; the rest are counted ("+N more") */
    float band; /* height of the actions band at the bottom, 0 none */
} ListPlan;

/* Key results fill area a; actions take a band at its bottom, as tall as they
 * need up to 30 % of a, shrinking first when the list would not fit. */
static ListPlan plan_list(const Lctx *c, size_t oi, Box a, bool trend)
{
    const OkrObjective *o = &c->in->feed->objectives[oi];
    const float S = c->S, gy = 0.02f * S, ta = 0.028f * S;
    const int n = (int)o->n_key_results;
    const int floor_rows = o->n_actions > 1 ? 3 : 2; /* label + one action (+ "+N more") */
    int want = o->n_actions ? (int)o->n_actions + 1 : 0;
    int max_rows = (int)(0.30f * a.h / action_row_h(ta));
    ListPlan p;

    memset(&p, 0, sizeof(p));
    if (want > max_rows)
        want = max_rows > floor_rows ? max_rows : floor_rows;
    if (o->n_actions && want < floor_rows)
        want = floor_rows;
    /* whole titles first: the actions give up rows (down to the first
     * action and "+N more") so that every title shows whole */
    for (int rows = want; n > 0 && rows >= (o->n_actions ? floor_rows : 0); rows--) {
        p.band = rows > 0 ? (float)rows * action_row_h(ta) : 0.0f;
        if (fit_kr_list(c, oi, (Box){a.x, a.y, a.w, a.h - p.band - (rows ? gy : 0.0f)}, n, trend,
                        &p.l) &&
            p.l.whole) {
            p.fit = true;
            p.all = rows == (int)o->n_actions + 1 || (o->n_actions == 0);
            p.shown = n;
            return p;
        }
    }
    for (int rows = want;;) {
        p.band = rows > 0 ? (float)rows * action_row_h(ta) : 0.0f;
        if (n == 0 || fit_kr_list(c, oi, (Box){a.x, a.y, a.w, a.h - p.band - (rows ? gy : 0.0f)}, n,
                                  trend, &p.l)) {
            p.fit = true;
            p.all = rows == (int)o->n_actions + 1 || (o->n_actions == 0);
            break;
        }
        if (rows == 0)
            break;
        rows = rows > floor_rows ? rows - 1 : 0;
    }
    p.shown = n;
    if (!p.fit && n > 1) {
        /* more than fit legibly (the feed allows 25): list as many as fit
         * above a "+N more" line, and keep the first actions */
        float more = lay_text_h(c->tmin, 1) + gy;
        p.band = o->n_actions ? (float)floor_rows * action_row_h(ta) : 0.0f;
        for (int m = n - 1; m >= 1; m--) {
            Box la = {a.x, a.y, a.w, a.h - p.band - (p.band > 0.0f ? gy : 0.0f) - more};
            if (fit_kr_list(c, oi, la, m, trend, &p.l)) {
                p.fit = true;
                p.shown = m;
                break;
            }
        }
    }
    if (!p.fit) {
        p.band = 0.0f;
        p.shown = 0; /* emit_list falls back to the minimum size */
    }
    return p;
}

static void emit_list(Lctx *c, size_t oi, Box a, const ListPlan *p)
{
    const OkrObjective *o = &c->in->feed->objectives[oi];
    const float S = c->S, gy = 0.02f * S, gx = 0.03f * S, ta = 0.028f * S;
    const int n = (int)o->n_key_results;
    KrList l = p->l;

    if (n > 0) {
        int shown = p->fit ? p->shown : n;
        Box la = {a.x, a.y, a.w, a.h - p->band - (p->band > 0.0f ? gy : 0.0f)};
        if (!p->fit) {
            /* too many for this screen: minimum size, as many rows as fit */
            int L = row_lines(1, false);
            l = (KrList){1, 0, 1, false, false, false, false, c->tmin, 0.0f, a.w, 0.0f};
            l.rh = row_block(c->tmin, L, false);
            l.rows = (int)((la.h + gy) / (l.rh + gy));
            if (l.rows < 1)
                l.rows = 1;
            shown = l.rows < n ? l.rows - 1 : n;
            if (shown < 0)
                shown = 0;
        }
        l.value_em = 0.0f;
        for (int k = 0; k < shown; k++) {
            char val[2 * (OKR_LIMIT_STRING + 64) + 8];
            kr_value_text(val, sizeof(val), &o->key_results[k], c->in->lang);
            l.value_em = fmaxf(l.value_em, value_em(val));
        }
        {
            /* each grid row as tall as its titles need, spaced out by up to
             * 0.6 of itself where the area has room (1.6 rows' worth) */
            int rows = (shown + l.cols - 1) / l.cols;
            float gr = kr_gap(c, &l), used = (float)(rows > 0 ? rows - 1 : 0) * gr, extra;
            float y = la.y;
            for (int r = 0; r < rows; r++)
                used += kr_grid_row_h(c, oi, shown, r, &l);
            /* the "+N more" line keeps the room plan_list kept for it */
            float more = shown < n ? lay_text_h(c->tmin, 1) + gy : 0.0f;
            extra = rows > 0 ? fmaxf(0.0f, (la.h - more - used) / (float)rows) : 0.0f;
            if (!l.vary)
                extra = fmaxf(0.0f, l.rh - kr_grid_row_h(c, oi, shown, 0, &l));
            for (int r = 0; r < rows; r++) {
                float rh = kr_grid_row_h(c, oi, shown, r, &l);
                for (int k = r * l.cols; k < (r + 1) * l.cols && k < shown; k++) {
                    KrList lk = l;
                    Box b = {la.x + (float)(k % l.cols) * (l.cw + gx), y, l.cw, rh};
                    if (l.vary) {
                        lk.tl = kr_title_lines(c, oi, (size_t)k, &l);
                        b.h = kr_block(&l, lk.tl);
                    }
                    emit_kr_row(c, oi, (size_t)k, b, &lk);
                }
                y += rh + fminf(extra, 0.6f * rh) + gr;
            }
            if (shown < n) {
                char buf[64];
                snprintf(buf, sizeof(buf), "+%d more key results", n - shown);
                lay_text(c, (Box){la.x, y, la.w, lay_text_h(c->tmin, 1)}, buf, c->tmin,
                         FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2, -1);
            }
        }
    }
    if (p->band > 0.0f)
        emit_actions(c, o, (Box){a.x, a.y + a.h - p->band, a.w, p->band}, ta);
}

/* Whether any key result of objective oi has a trend to draw. */
static bool wants_trends(const Lctx *c, size_t oi)
{
    const OkrObjective *o = &c->in->feed->objectives[oi];
    for (size_t k = 0; k < o->n_key_results; k++)
        if (lay_trend_wanted(okr_delta_kr(c->in->deltas, oi, k)))
            return true;
    return false;
}

/* The order in which a plan gives things up when the area is short:
 * every key result listed matters most, then every title whole (a key
 * result that cannot be read cannot be discussed), then the trend columns,
 * then every action row, then the larger text. Ties keep the earlier plan
 * (the wider objective column, the larger ring). */
static bool plan_better(const ListPlan *x, const ListPlan *y)
{
    if (x->shown != y->shown)
        return x->shown > y->shown;
    if (x->fit != y->fit)
        return x->fit;
    if (x->l.whole != y->l.whole)
        return x->l.whole;
    if (x->l.trend != y->l.trend)
        return x->l.trend;
    if (x->all != y->all)
        return x->all;
    if (fabsf(x->band - y->band) > 0.5f)
        return x->band > y->band;
    if (x->all)
        return false; /* both whole and complete: the wider column */
    return x->l.cw * x->l.t > y->l.cw * y->l.t + 0.5f;
}

/* Whether a plan has nothing left to give up. */
static bool plan_done(const ListPlan *p, bool trend)
{
    return p->fit && p->all && p->l.whole && p->l.trend == trend;
}

/* Landscape: the objective in a left column, the list on the right; the
 * column narrows (0.34 -> 0.26 of the width) when the list needs room.
 * Portrait: the objective on top, its ring shrinking for the same reason.
 * Trend columns are given up before anything else when the list does not
 * fit whole with them (the rows keep their change marks). */
void layout_focus(Lctx *c, size_t oi)
{
    const OkrFeed *f = c->in->feed;
    const OkrObjective *o = &f->objectives[oi];
    const Box a = c->content;
    const float S = c->S, g = 0.04f * S, tt = 0.045f * S;
    /* square-ish screens stack too: a side column would be too narrow */
    const bool portrait = (float)c->in->width < 1.25f * (float)c->in->height;
    const bool trend = wants_trends(c, oi);
    ListPlan lp;

    if (!portrait) {
        float lw = 0.34f * a.w;
        int tl;
        float th, D, y0;
        Box r, la;
        /* the widest column that lets everything fit; failing that, the
         * best by plan_better's order */
        float best_lw = 0.0f;
        ListPlan best;
        memset(&best, 0, sizeof(best));
        for (int pass = trend ? 0 : 1; pass < 2 && !plan_done(&best, trend); pass++) {
            for (int i = 0; i < 3; i++) {
                lw = (0.34f - 0.04f * (float)i) * a.w;
                lp = plan_list(c, oi, (Box){a.x + lw + g, a.y, a.w - lw - g, a.h}, pass == 0);
                if (best_lw == 0.0f || plan_better(&lp, &best)) {
                    best = lp;
                    best_lw = lw;
                }
                if (plan_done(&best, trend))
                    break;
            }
        }
        lp = best;
        lw = best_lw;
        la = (Box){a.x + lw + g, a.y, a.w - lw - g, a.h};
        /* a title that two lines of the (narrowed) column would cut takes
         * the lines its words need, up to four: the column has height to
         * spare, and the ring gives way (D below) */
        int measured = lay_lines_measured(c, o->title, FONT_SEMIBOLD, tt, lw);
        tl = measured > 0                              ? (measured > 4 ? 4 : measured)
             : lay_fits_one_line(o->title, tt, lw)     ? 1
             : lay_text_em(o->title) * tt <= 1.7f * lw ? 2
                                                       : 3;
        if (tl == 3 && measured == 0) {
            int need = lay_lines_needed(o->title, tt, lw);
            tl = need > 4 ? 4 : need < 3 ? 3 : need;
        }
        th = objective_text_h(c, o, f, tl);
        D = fminf(lw, a.h - th - g);
        r = (Box){a.x + 0.5f * (lw - D), a.y, D, D};
        /* vertically centre ring + texts in the column */
        y0 = a.y + 0.5f * (a.h - (D + g * 0.5f + th));
        if (y0 > a.y)
            r.y = y0;
        emit_objective(c, oi, r, (Box){a.x, r.y + D + 0.5f * g, lw, th}, ALIGN_CENTER, tl);
        emit_list(c, oi, la, &lp);
    } else {
        /* the lines the title's words need beside the largest ring, up to 4 */
        int measured = lay_lines_measured(c, o->title, FONT_SEMIBOLD, tt, 0.58f * a.w - g);
        int tl = measured > 0                                       ? (measured > 4 ? 4 : measured)
                 : lay_fits_one_line(o->title, tt, 0.58f * a.w - g) ? 1
                                                                    : 2;
        if (tl == 2 && measured == 0) {
            int need = lay_lines_needed(o->title, tt, 0.58f * a.w - g);
            tl = need > 4 ? 4 : need < 2 ? 2 : need;
        }
        float th = objective_text_h(c, o, f, tl);
        float dmax = fminf(0.42f * a.w, fmaxf(th, 0.22f * a.h)), D = dmax, bh;
        Box r, la;
        ListPlan best;
        float best_d = 0.0f;
        memset(&best, 0, sizeof(best));
        for (int pass = trend ? 0 : 1; pass < 2 && !plan_done(&best, trend); pass++) {
            for (int i = 0; i <= 4; i++) {
                D = fmaxf(th, dmax * (1.0f - 0.1f * (float)i));
                bh = fmaxf(D, th);
                lp = plan_list(c, oi, (Box){a.x, a.y + bh + g, a.w, a.h - bh - g}, pass == 0);
                if (best_d == 0.0f || plan_better(&lp, &best)) {
                    best = lp;
                    best_d = D;
                }
                if (plan_done(&best, trend))
                    break;
            }
        }
        lp = best;
        D = best_d;
        bh = fmaxf(D, th);
        la = (Box){a.x, a.y + bh + g, a.w, a.h - bh - g};
        /* a smaller ring left the title a wider column: the lines it is
         * drawn in there, so none stays blank (the block keeps its height) */
        int wider = lay_lines_measured(c, o->title, FONT_SEMIBOLD, tt, a.w - D - g);
        if (wider > 0 && wider < tl) {
            tl = wider;
            th = objective_text_h(c, o, f, tl);
        }
        r = (Box){a.x, a.y + 0.5f * (bh - D), D, D};
        emit_objective(c, oi, r, (Box){a.x + D + g, a.y + 0.5f * (bh - th), a.w - D - g, th},
                       ALIGN_LEFT, tl);
        emit_list(c, oi, la, &lp);
    }
}
