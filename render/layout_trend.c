/*
 * layout_trend: a key result's progress over the period as a sparkline, for
 * the focus view. Read, not studied: no axes, no grid, no frame. The x axis
 * is the trend's span (OkrDeltaSet trend_from .. trend_to: the period, so the
 * line ends at "now" and the rest of the box is the time still to go); the y
 * axis is 0 .. 100 % (values beyond are clamped to the edges). The expected
 * pace, a faint straight diagonal from 0 % at the start to 100 % at the end,
 * gives the scale without an axis: a line above it is ahead.
 *
 * The series (OkrTrend) is sampled at evenly spaced instants; points with no
 * value yet (before the first sample) start no line. Points on a straight
 * stretch between their neighbours are dropped (most of a series is flat
 * steps), so the renderer draws a few segments instead of 47.
 *
 * Standup dots sit on the line at each standup instant; where standups are
 * closer than the dots are wide (a quarter of daily standups in a small
 * box), every dot is kept that lies far enough from the newer one kept
 * before it, so the recent ones are always there.
 */
#include "layout_priv.h"

#include <math.h>
#include <string.h>

/* Colour of the pace diagonal: the secondary grey, faint. */
#define TREND_PACE ((Rgba){0x8B, 0x94, 0x9E, 0x78})

bool lay_trend_wanted(const OkrDelta *d)
{
    int finite = 0;
    if (!d)
        return false;
    for (int i = 0; i < d->trend.n && i < OKR_TREND_POINTS; i++)
        finite += isfinite(d->trend.progress[i]) ? 1 : 0;
    return finite >= 2;
}

typedef struct {
    Box p;          /* the plot area: x from trend_from to trend_to, y 100 % .. 0 % */
    int64_t t0, t1; /* trend_from, trend_to */
    bool pace;      /* the pace diagonal is drawn (the feed has a period) */
} Plot;

static float plot_x(const Plot *pl, int64_t t)
{
    double f = pl->t1 > pl->t0 ? (double)(t - pl->t0) / (double)(pl->t1 - pl->t0) : 1.0;
    if (f < 0.0)
        f = 0.0;
    if (f > 1.0)
        f = 1.0;
    return pl->p.x + (float)f * pl->p.w;
}

static float plot_y(const Plot *pl, float progress)
{
    float v = progress < 0.0f ? 0.0f : (progress > 1.0f ? 1.0f : progress);
    return pl->p.y + (1.0f - v) * pl->p.h;
}

/* Distance from (px, py) to the segment a-b. */
static float seg_dist(float px, float py, float ax, float ay, float bx, float by)
{
    float dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, u;
    if (l2 <= 0.0f)
        return hypotf(px - ax, py - ay);
    u = ((px - ax) * dx + (py - ay) * dy) / l2;
    u = u < 0.0f ? 0.0f : (u > 1.0f ? 1.0f : u);
    return hypotf(px - (ax + u * dx), py - (ay + u * dy));
}

/* One polyline per run of points with a value; straight stretches thinned. */
static void emit_runs(Lctx *c, const Plot *pl, const OkrTrend *tr, float lw, Rgba col)
{
    float x[OKR_TREND_POINTS], y[OKR_TREND_POINTS];
    int n = 0;
    for (int i = 0; i <= tr->n; i++) {
        bool has = i < tr->n && isfinite(tr->progress[i]);
        if (has) {
            float px = plot_x(pl, tr->t[i]), py = plot_y(pl, tr->progress[i]);
            /* the point before the newest kept lies on a straight line
             * between its neighbours: drop it */
            if (n >= 2 && seg_dist(x[n - 1], y[n - 1], x[n - 2], y[n - 2], px, py) < 0.2f)
                n--;
            x[n] = px;
            y[n] = py;
            n++;
            continue;
        }
        if (n >= 2)
            lay_poly(c, x, y, n, lw, col);
        n = 0;
    }
}

/* The line's height at instant t (linear between the series' points), or
 * NAN where the line is not drawn. */
static float line_y_at(const Plot *pl, const OkrTrend *tr, int64_t t)
{
    for (int i = 0; i + 1 < tr->n; i++) {
        if (t < tr->t[i] || t > tr->t[i + 1])
            continue;
        if (!isfinite(tr->progress[i]) || !isfinite(tr->progress[i + 1]))
            return NAN;
        float x0 = plot_x(pl, tr->t[i]), x1 = plot_x(pl, tr->t[i + 1]), x = plot_x(pl, t);
        float y0 = plot_y(pl, tr->progress[i]), y1 = plot_y(pl, tr->progress[i + 1]);
        return x1 > x0 ? y0 + (y1 - y0) * (x - x0) / (x1 - x0) : y1;
    }
    return NAN;
}

static void disc(Lctx *c, float cx, float cy, float r, Rgba col)
{
    lay_rect(c, (Box){cx - r, cy - r, 2.0f * r, 2.0f * r}, col, r);
}

/* Dots at the standups on the line, newest first, thinned where dense. */
static void emit_standups(Lctx *c, const Plot *pl, const OkrDeltaSet *set, const OkrTrend *tr,
                          float rd)
{
    float last_x = INFINITY;
    for (size_t k = set->n_standups; k-- > 0;) {
        float x = plot_x(pl, set->standups[k]), y = line_y_at(pl, tr, set->standups[k]);
        if (!isfinite(y))
            continue;
        if (last_x - x < 2.5f * rd)
            continue;
        disc(c, x, y, rd, LC_TEXT);
        last_x = x;
    }
}

/* Whether segment a-b meets rectangle r (Liang-Barsky clipping). */
static bool seg_meets_box(float ax, float ay, float bx, float by, Box r)
{
    const float dx = bx - ax, dy = by - ay;
    const float p[4] = {-dx, dx, -dy, dy};
    const float q[4] = {ax - r.x, r.x + r.w - ax, ay - r.y, r.y + r.h - ay};
    float t0 = 0.0f, t1 = 1.0f;
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0.0f) {
            if (q[i] < 0.0f)
                return false;
            continue;
        }
        float u = q[i] / p[i];
        if (p[i] < 0.0f)
            t0 = fmaxf(t0, u);
        else
            t1 = fminf(t1, u);
        if (t0 > t1)
            return false;
    }
    return true;
}

/* Whether the progress line (grown by pad) meets r. */
static bool line_meets_box(const Plot *pl, const OkrTrend *tr, Box r, float pad)
{
    Box g = {r.x - pad, r.y - pad, r.w + 2.0f * pad, r.h + 2.0f * pad};
    for (int i = 0; i + 1 < tr->n; i++) {
        if (!isfinite(tr->progress[i]) || !isfinite(tr->progress[i + 1]))
            continue;
        if (seg_meets_box(plot_x(pl, tr->t[i]), plot_y(pl, tr->progress[i]),
                          plot_x(pl, tr->t[i + 1]), plot_y(pl, tr->progress[i + 1]), g))
            return true;
    }
    return false;
}

/* The change mark as the end's label, where it crosses nothing: right of
 * the end dot (ex, ey; radius re) when the time still to go leaves room,
 * else above or below it ending at it, left of it, then in the box's left
 * corners; first clear of both lines, then clear of the progress line
 * alone (the pace line is faint). Returns whether it was placed; where no
 * place is clear the caller puts the mark before the percentage. */
static bool emit_end_mark(Lctx *c, Box b, const Plot *pl, const OkrTrend *tr, float ex, float ey,
                          float re, float lw, const OkrDelta *d, float t)
{
    const float mw = lay_mark_em(d, c->in->lang) * t, lh = lay_text_h(t, 1), gap = 0.25f * t;
    const float pace_pad = 0.5f * lw;
    if (mw <= 0.0f || mw > b.w + 0.5f || lh > b.h + 0.5f)
        return false;
    const Box cand[6] = {
        {ex + re + gap, fminf(fmaxf(ey - 0.5f * lh, b.y), b.y + b.h - lh), mw, lh},
        {ex + re - mw, ey - re - gap - lh, mw, lh},
        {ex + re - mw, ey + re + gap, mw, lh},
        {ex - re - gap - mw, fminf(fmaxf(ey - 0.5f * lh, b.y), b.y + b.h - lh), mw, lh},
        {b.x, b.y, mw, lh},
        {b.x, b.y + b.h - lh, mw, lh},
    };
    for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < 6; k++) {
            Box r = cand[k];
            if (r.x < b.x - 0.5f || r.y < b.y - 0.5f || r.x + r.w > b.x + b.w + 0.5f ||
                r.y + r.h > b.y + b.h + 0.5f)
                continue;
            /* clear of the end dot and the line */
            if (ex + re > r.x && ex - re < r.x + r.w && ey + re > r.y && ey - re < r.y + r.h)
                continue;
            if (line_meets_box(pl, tr, r, 0.5f * lw))
                continue;
            if (pass == 0 && pl->pace &&
                seg_meets_box(pl->p.x, pl->p.y + pl->p.h, pl->p.x + pl->p.w, pl->p.y,
                              (Box){r.x - pace_pad, r.y - pace_pad, r.w + 2.0f * pace_pad,
                                    r.h + 2.0f * pace_pad}))
                continue;
            return lay_mark(c, r.x, r.y, mw, t, d) > 0.0f;
        }
    }
    return false;
}

bool lay_trend(Lctx *c, Box b, const OkrDeltaSet *set, const OkrDelta *d, OkrStatus status, float t)
{
    const float S = c->S;
    const float lw = fmaxf(2.0f, 0.0035f * S);                   /* the line */
    const float rd = fmaxf(0.75f * lw, 0.0032f * S);             /* standup dots */
    const float re = 0.0065f * S, ro = fmaxf(1.5f, 0.0025f * S); /* end dot, its outline */
    const OkrTrend *tr;
    Rgba col = layout_status_color(status);
    Plot pl;
    int last = -1;

    if (!set || !lay_trend_wanted(d) || b.w < 4.0f * (re + ro) || b.h < 4.0f * (re + ro))
        return false;
    tr = &d->trend;
    /* the dots' room inside the box, so nothing drawn leaves it */
    pl.p = (Box){b.x + re + ro, b.y + re + ro, b.w - 2.0f * (re + ro), b.h - 2.0f * (re + ro)};
    pl.t0 = set->trend_from;
    pl.t1 = set->trend_to;

    pl.pace = c->in->feed && c->in->feed->has_period;
    if (pl.pace) {
        float px[2] = {pl.p.x, pl.p.x + pl.p.w}, py[2] = {pl.p.y + pl.p.h, pl.p.y};
        lay_poly(c, px, py, 2, fmaxf(1.5f, 0.6f * lw), TREND_PACE);
    }
    emit_runs(c, &pl, tr, lw, col);
    emit_standups(c, &pl, set, tr, rd);
    for (int i = tr->n - 1; i >= 0 && last < 0; i--)
        if (isfinite(tr->progress[i]))
            last = i;
    if (last == tr->n - 1) {
        /* now: a larger dot in the status colour, outlined in the background */
        float ex = plot_x(&pl, tr->t[last]), ey = plot_y(&pl, tr->progress[last]);
        disc(c, ex, ey, re + ro, LC_BG);
        disc(c, ex, ey, re, col);
        return emit_end_mark(c, b, &pl, tr, ex, ey, re + ro, lw, d, t);
    }
    return false;
}
