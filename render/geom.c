/*
 * geom: anti-aliased shapes as one growing triangle batch for
 * SDL_RenderGeometry (see geom.h for the fringe technique).
 *
 * Convex shapes (discs, round-capped lines, rounded rectangles) all go
 * through one routine: the outline is offset half a pixel inwards (opaque
 * fan) and half a pixel outwards (alpha 0), and the strip between them is the
 * fringe. Arcs are not convex and get their own strip with four vertices per
 * step (inner fringe, inner body, outer body, outer fringe).
 */
#include "geom.h"

#include <math.h>
#include <stdlib.h>

#define GEOM_PI 3.14159265358979323846f
#define MAX_POLY 2200

void geom_init(GeomBuf *g)
{
    SDL_memset(g, 0, sizeof(*g));
    g->opacity = 1.0f;
    g->tolerance = GEOM_TOLERANCE;
}

void geom_free(GeomBuf *g)
{
    free(g->v);
    free(g->idx);
    g->v = NULL;
    g->idx = NULL;
    g->nv = g->ni = g->cap_v = g->cap_i = 0;
}

int geom_flush(GeomBuf *g, SDL_Renderer *sdl)
{
    int rc = 0;
    if (!g->oom && g->ni > 0)
        rc = SDL_RenderGeometry(sdl, NULL, g->v, g->nv, g->idx, g->ni);
    g->nv = 0;
    g->ni = 0;
    g->oom = false;
    return rc == 0 ? 0 : -1;
}

/* items (room for *cap of size bytes, fewer than need) reallocated to a
 * doubling of *cap (first the first time) that holds need, *cap updated.
 * NULL when memory runs out; items and *cap are then untouched. */
static void *grow(void *items, int *cap, int need, size_t size, int first)
{
    int n = *cap ? *cap : first;
    while (n < need)
        n *= 2;
    void *p = realloc(items, (size_t)n * size);
    if (p)
        *cap = n;
    return p;
}

static bool reserve(GeomBuf *g, int more_v, int more_i)
{
    if (g->nv + more_v > g->cap_v) {
        SDL_Vertex *v = grow(g->v, &g->cap_v, g->nv + more_v, sizeof(*v), 1024);
        if (!v)
            goto oom;
        g->v = v;
    }
    if (g->ni + more_i > g->cap_i) {
        int *idx = grow(g->idx, &g->cap_i, g->ni + more_i, sizeof(*idx), 2048);
        if (!idx)
            goto oom;
        g->idx = idx;
    }
    return true;
oom:
    g->oom = true;
    return false;
}

int geom_vertex(GeomBuf *g, float x, float y, SDL_Color c)
{
    if (!reserve(g, 1, 0))
        return -1;
    SDL_Vertex *v = &g->v[g->nv];
    v->position.x = x + g->dx;
    v->position.y = y + g->dy;
    if (g->opacity < 1.0f)
        c.a = (Uint8)(c.a * g->opacity + 0.5f);
    v->color = c;
    v->tex_coord.x = 0;
    v->tex_coord.y = 0;
    return g->nv++;
}

void geom_tri(GeomBuf *g, int a, int b, int c)
{
    if (a < 0 || b < 0 || c < 0 || !reserve(g, 0, 3))
        return;
    g->idx[g->ni++] = a;
    g->idx[g->ni++] = b;
    g->idx[g->ni++] = c;
}

void geom_quad(GeomBuf *g, int a, int b, int c, int d)
{
    geom_tri(g, a, b, c);
    geom_tri(g, a, c, d);
}

/* Segments for a full circle of radius r whose chords stray at most tol
 * pixels from it (sagitta r (1 - cos(pi / n)) <= tol), clamped to 12..1024. */
static int segments_for(float r, float tol)
{
    if (r <= tol * 2.0f)
        return 12;
    float n = GEOM_PI / acosf(1.0f - tol / r);
    int segs = (int)ceilf(n);
    if (segs < 12)
        segs = 12;
    if (segs > 1024)
        segs = 1024;
    return segs;
}

int geom_circle_segments(float r)
{
    return segments_for(r, GEOM_TOLERANCE);
}

static int circle_segments(const GeomBuf *g, float r)
{
    return segments_for(r, g->tolerance > 0 ? g->tolerance : GEOM_TOLERANCE);
}

/* Fill the convex polygon pts[0..n) (any winding) with a half-pixel fringe
 * on every edge but the one from pts[skip] to pts[skip + 1] (skip -1: all),
 * an edge buried in the shape it joins, where a fringe would only blend the
 * colour over itself and leave a faint seam. */
static void convex_fill(GeomBuf *g, const SDL_FPoint *pts, int n, SDL_Color c, int skip)
{
    if (n < 3 || !reserve(g, 2 * n, 3 * (n - 2) + 6 * n))
        return;
    float area = 0;
    for (int i = 0; i < n; i++) {
        const SDL_FPoint *p = &pts[i], *q = &pts[(i + 1) % n];
        area += p->x * q->y - q->x * p->y;
    }
    /* outward normal of edge (dx, dy): (dy, -dx) for area > 0 (clockwise
     * on screen with y down), else the opposite */
    float sign = area > 0 ? 1.0f : -1.0f;
    SDL_Color clear = c;
    clear.a = 0;
    int base = g->nv;
    for (int i = 0; i < n; i++) {
        const SDL_FPoint *prev = &pts[(i + n - 1) % n], *p = &pts[i], *next = &pts[(i + 1) % n];
        float e1x = p->x - prev->x, e1y = p->y - prev->y;
        float e2x = next->x - p->x, e2y = next->y - p->y;
        float l1 = sqrtf(e1x * e1x + e1y * e1y), l2 = sqrtf(e2x * e2x + e2y * e2y);
        if (l1 < 1e-6f)
            l1 = 1e-6f;
        if (l2 < 1e-6f)
            l2 = 1e-6f;
        float n1x = sign * e1y / l1, n1y = -sign * e1x / l1;
        float n2x = sign * e2y / l2, n2y = -sign * e2x / l2;
        float mx = n1x + n2x, my = n1y + n2y;
        float d = 1.0f + n1x * n2x + n1y * n2y;
        if (d < 0.25f)
            d = 0.25f; /* limit the miter on very sharp corners */
        mx = mx / d * 0.5f;
        my = my / d * 0.5f;
        geom_vertex(g, p->x - mx, p->y - my, c);
        geom_vertex(g, p->x + mx, p->y + my, clear);
    }
    for (int i = 1; i + 1 < n; i++)
        geom_tri(g, base, base + 2 * i, base + 2 * (i + 1));
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        if (i != skip)
            geom_quad(g, base + 2 * i, base + 2 * i + 1, base + 2 * j + 1, base + 2 * j);
    }
}

/* Append points of an arc of radius r around (cx, cy) from direction angle
 * t0 to t1 (standard math angles in screen space) with 'segs' steps. */
static int arc_points(SDL_FPoint *pts, int at, float cx, float cy, float r, float t0, float t1,
                      int segs)
{
    for (int i = 0; i <= segs && at < MAX_POLY; i++) {
        float t = t0 + (t1 - t0) * (float)i / (float)segs;
        pts[at].x = cx + r * cosf(t);
        pts[at].y = cy + r * sinf(t);
        at++;
    }
    return at;
}

static int half_segments(const GeomBuf *g, float r)
{
    int s = circle_segments(g, r) / 2;
    return s < 4 ? 4 : s;
}

void geom_disc(GeomBuf *g, float cx, float cy, float r, SDL_Color c)
{
    SDL_FPoint pts[MAX_POLY];
    int segs = circle_segments(g, r);
    if (segs > MAX_POLY - 1)
        segs = MAX_POLY - 1;
    int n = arc_points(pts, 0, cx, cy, r, 0, 2 * GEOM_PI, segs) - 1; /* drop the duplicate */
    convex_fill(g, pts, n, c, -1);
}

void geom_half_disc(GeomBuf *g, float cx, float cy, float r, float ux, float uy, float back,
                    SDL_Color c)
{
    SDL_FPoint pts[MAX_POLY];
    float t = atan2f(uy, ux);
    int n = arc_points(pts, 0, cx, cy, r, t - GEOM_PI / 2, t + GEOM_PI / 2, half_segments(g, r));
    int skip = -1;
    if (back > 0 && n + 2 <= MAX_POLY) {
        /* the ends are at +-90 degrees from u: add the back corners */
        float px = -uy * r, py = ux * r;
        pts[n++] = (SDL_FPoint){cx + px - ux * back, cy + py - uy * back};
        pts[n++] = (SDL_FPoint){cx - px - ux * back, cy - py - uy * back};
        skip = n - 2;
    }
    convex_fill(g, pts, n, c, skip);
}

void geom_line(GeomBuf *g, float x0, float y0, float x1, float y1, float w, SDL_Color c,
               bool round_caps)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    float hw = w * 0.5f;
    if (len < 1e-4f) {
        if (round_caps)
            geom_disc(g, x0, y0, hw, c);
        return;
    }
    SDL_FPoint pts[MAX_POLY];
    int n = 0;
    float nx = -dy / len, ny = dx / len;
    if (round_caps) {
        float t = atan2f(ny, nx); /* normal direction */
        int segs = half_segments(g, hw);
        n = arc_points(pts, n, x1, y1, hw, t, t - GEOM_PI, segs);
        n = arc_points(pts, n, x0, y0, hw, t - GEOM_PI, t - 2 * GEOM_PI, segs);
    } else {
        pts[0] = (SDL_FPoint){x0 + nx * hw, y0 + ny * hw};
        pts[1] = (SDL_FPoint){x1 + nx * hw, y1 + ny * hw};
        pts[2] = (SDL_FPoint){x1 - nx * hw, y1 - ny * hw};
        pts[3] = (SDL_FPoint){x0 - nx * hw, y0 - ny * hw};
        n = 4;
    }
    convex_fill(g, pts, n, c, -1);
}

void geom_soft_disc(GeomBuf *g, float cx, float cy, float r, float soft, SDL_Color c)
{
    int segs = circle_segments(g, r + soft);
    if (!reserve(g, 2 * segs + 1, 9 * segs))
        return;
    SDL_Color clear = c;
    clear.a = 0;
    int centre = geom_vertex(g, cx, cy, c);
    int base = g->nv;
    for (int i = 0; i < segs; i++) {
        float t = 2 * GEOM_PI * (float)i / (float)segs;
        float ct = cosf(t), st = sinf(t);
        geom_vertex(g, cx + r * ct, cy + r * st, c);
        geom_vertex(g, cx + (r + soft) * ct, cy + (r + soft) * st, clear);
    }
    for (int i = 0; i < segs; i++) {
        int j = (i + 1) % segs;
        geom_tri(g, centre, base + 2 * i, base + 2 * j);
        geom_quad(g, base + 2 * i, base + 2 * i + 1, base + 2 * j + 1, base + 2 * j);
    }
}

int geom_rounded_rect(GeomBuf *g, float x, float y, float w, float h, float radius, SDL_Color c,
                      SDL_FRect *bands)
{
    if (w <= 1.0f || h <= 1.0f)
        return 0;
    float r = radius;
    if (r > w * 0.5f)
        r = w * 0.5f;
    if (r > h * 0.5f)
        r = h * 0.5f;
    if (r < 0.5f)
        r = 0.5f; /* a square corner: the fringe rounds it by half a pixel */
    /* corner centres, clockwise from the top right */
    const float ccx[4] = {x + w - r, x + w - r, x + r, x + r};
    const float ccy[4] = {y + r, y + h - r, y + h - r, y + r};
    int segs = circle_segments(g, r + 0.5f) / 4;
    if (segs < 1)
        segs = 1;
    if (!reserve(g, 4 * 2 * (segs + 1) + 4, 4 * (segs * 9 + 6) + 6))
        return 0;
    SDL_Color clear = c;
    clear.a = 0;
    float ri = r - 0.5f, ro = r + 0.5f;
    int first = g->nv;
    for (int k = 0; k < 4; k++) {
        int centre = geom_vertex(g, ccx[k], ccy[k], c);
        int base = g->nv;
        for (int i = 0; i <= segs; i++) {
            float t = -GEOM_PI / 2 + GEOM_PI / 2 * ((float)k + (float)i / (float)segs);
            float ct = cosf(t), st = sinf(t);
            geom_vertex(g, ccx[k] + ri * ct, ccy[k] + ri * st, c);
            geom_vertex(g, ccx[k] + ro * ct, ccy[k] + ro * st, clear);
        }
        for (int i = 0; i < segs; i++) {
            int a = base + 2 * i, b = a + 2;
            if (ri > 0.01f)
                geom_tri(g, centre, a, b);
            geom_quad(g, a, a + 1, b + 1, b);
        }
    }
    /* straight edges' fringe: from the last column of one corner to the
     * first column of the next */
    int stride = 1 + 2 * (segs + 1);
    for (int k = 0; k < 4; k++) {
        int a = first + k * stride + 1 + 2 * segs;
        int b = first + ((k + 1) % 4) * stride + 1;
        geom_quad(g, a, a + 1, b + 1, b);
    }
    /* body: a middle band and the top and bottom bands between the corners */
    SDL_FRect band[3] = {
        {x + 0.5f, y + r, w - 1.0f, h - 2.0f * r},
        {x + r, y + 0.5f, w - 2.0f * r, r - 0.5f},
        {x + r, y + h - r, w - 2.0f * r, r - 0.5f},
    };
    int n = 0;
    for (int i = 0; i < 3; i++) {
        if (band[i].w <= 0 || band[i].h <= 0)
            continue;
        if (bands) {
            bands[n++] = band[i];
            continue;
        }
        SDL_FRect *q = &band[i];
        int v0 = geom_vertex(g, q->x, q->y, c);
        int v1 = geom_vertex(g, q->x + q->w, q->y, c);
        int v2 = geom_vertex(g, q->x + q->w, q->y + q->h, c);
        int v3 = geom_vertex(g, q->x, q->y + q->h, c);
        geom_quad(g, v0, v1, v2, v3);
    }
    return n;
}

void geom_arc(GeomBuf *g, float cx, float cy, float r_in, float r_out, float a0, float a1,
              SDL_Color c)
{
    float span = a1 - a0;
    if (span <= 0 || r_out <= r_in)
        return;
    bool closed = span >= 2 * GEOM_PI - 1e-5f;
    if (closed)
        span = 2 * GEOM_PI;
    int full = circle_segments(g, r_out);
    int segs = (int)ceilf((float)full * span / (2 * GEOM_PI));
    if (segs < 1)
        segs = 1;
    int cols = closed ? segs : segs + 1;
    if (!reserve(g, 4 * cols, 18 * segs))
        return;

    /* radii: inner fringe, inner body, outer body, outer fringe */
    float rb_in = r_in + 0.5f, rb_out = r_out - 0.5f;
    if (rb_in > rb_out)
        rb_in = rb_out = (r_in + r_out) * 0.5f;
    const float rad[4] = {r_in - 0.5f, rb_in, rb_out, r_out + 0.5f};
    SDL_Color clear = c;
    clear.a = 0;
    int base = g->nv;
    for (int i = 0; i < cols; i++) {
        float t = a0 + span * (float)i / (float)segs;
        float sx = sinf(t), sy = -cosf(t);
        for (int k = 0; k < 4; k++)
            geom_vertex(g, cx + rad[k] * sx, cy + rad[k] * sy, (k == 0 || k == 3) ? clear : c);
    }
    for (int i = 0; i < segs; i++) {
        int a = base + 4 * i;
        int b = base + 4 * ((i + 1) % cols);
        for (int k = 0; k < 3; k++)
            geom_quad(g, a + k, b + k, b + k + 1, a + k + 1);
    }
}
