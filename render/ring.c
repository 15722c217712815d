/*
 * ring: progress rings as triangle strips (see ring.h for the conventions).
 *
 * Drawing order: the dim full-circle track, then the first lap, then (over
 * 100 %) a soft dark shadow just ahead of the second lap's head and the
 * second lap itself, so the point where the lap overlaps itself stays
 * visible; finally the pace marker, a small triangle just outside the ring
 * pointing at where progress should be by today. Every piece carries a one
 * pixel alpha fringe (geom.c), and round caps are half discs that overlap
 * the arc by a pixel so no seam shows where they meet.
 */
#include "ring.h"

#include <math.h>

#define RING_PI 3.14159265358979323846f
#define RING_TAU (2.0f * RING_PI)

static SDL_Color sdl_color(Rgba c)
{
    return (SDL_Color){c.r, c.g, c.b, c.a};
}

int ring_segments(float radius)
{
    return geom_circle_segments(radius);
}

float ring_cap_angle(float radius, float thickness)
{
    float rm = radius - thickness * 0.5f;
    if (rm <= 0)
        return RING_PI;
    float s = thickness * 0.25f / rm;
    if (s > 1)
        s = 1;
    /* chord of length thickness/2 on the mid-radius circle */
    return 2.0f * asinf(s);
}

/* Point on the circle of radius r at ring angle t (0 = 12 o'clock, clockwise). */
static void ring_point(const RingSpec *s, float r, float t, float *x, float *y)
{
    *x = s->cx + r * sinf(t);
    *y = s->cy - r * cosf(t);
}

/* Arc from a0 to a1 with round caps at both ends (clockwise tangent at t is
 * (cos t, sin t)). */
static void capped_arc(GeomBuf *g, const RingSpec *s, float a0, float a1, SDL_Color c)
{
    float r_in = s->radius - s->thickness, rm = s->radius - s->thickness * 0.5f;
    float hw = s->thickness * 0.5f, x, y;
    geom_arc(g, s->cx, s->cy, r_in, s->radius, a0, a1, c);
    ring_point(s, rm, a0, &x, &y);
    geom_half_disc(g, x, y, hw, -cosf(a0), -sinf(a0), 1.5f, c);
    ring_point(s, rm, a1, &x, &y);
    geom_half_disc(g, x, y, hw, cosf(a1), sinf(a1), 1.5f, c);
}

static void second_lap(GeomBuf *g, const RingSpec *s, float lap)
{
    float rm = s->radius - s->thickness * 0.5f, head = RING_TAU * lap, x, y;
    /* shadow: a little wider than the ring, centred just past the head cap,
     * so a darker crescent shows on the first lap in front of the head */
    float ahead = ring_cap_angle(s->radius, s->thickness) * 0.8f;
    ring_point(s, rm, head + ahead, &x, &y);
    SDL_Color shadow = {0, 0, 0, 110};
    geom_soft_disc(g, x, y, s->thickness * 0.36f, s->thickness * 0.20f, shadow);
    capped_arc(g, s, 0, head, sdl_color(s->lap_color));
}

void ring_pace_marker(const RingSpec *s, float xy[6])
{
    float t = RING_TAU * s->pace, ux = sinf(t), uy = -cosf(t); /* outward */
    float gap = fmaxf(1.0f, 0.06f * s->thickness), h = fmaxf(4.0f, 0.34f * s->thickness);
    float hw = fmaxf(3.0f, 0.28f * s->thickness), rb;
    if (gap + h > LAYOUT_PACE_OUT * s->thickness + 0.01f) /* tiny rings: the minimums win */
        h = fmaxf(2.0f, LAYOUT_PACE_OUT * s->thickness - gap);
    rb = s->radius + gap + h;
    /* tip on the ring's side, base further out */
    xy[0] = s->cx + (s->radius + gap) * ux;
    xy[1] = s->cy + (s->radius + gap) * uy;
    xy[2] = s->cx + rb * ux - hw * uy;
    xy[3] = s->cy + rb * uy + hw * ux;
    xy[4] = s->cx + rb * ux + hw * uy;
    xy[5] = s->cy + rb * uy - hw * ux;
}

static void pace_marker(GeomBuf *g, const RingSpec *s)
{
    float xy[6];
    SDL_Color c = sdl_color(s->pace_color);
    int v[3];
    ring_pace_marker(s, xy);
    for (int i = 0; i < 3; i++)
        v[i] = geom_vertex(g, xy[2 * i], xy[2 * i + 1], c);
    if (v[0] >= 0 && v[1] >= 0 && v[2] >= 0)
        geom_tri(g, v[0], v[1], v[2]);
}

void ring_draw(GeomBuf *g, const RingSpec *s)
{
    if (s->radius <= 0 || s->thickness <= 0)
        return;
    float r_in = s->radius - s->thickness;
    if (r_in < 0)
        r_in = 0;
    if (!s->skip_track)
        geom_arc(g, s->cx, s->cy, r_in, s->radius, 0, RING_TAU, sdl_color(s->track_color));
    if (!s->has_value)
        return;

    float v = isfinite(s->value) ? s->value : 0.0f;
    if (v > 2.0f)
        v = 2.0f;
    if (v > 0.0f) {
        if (v < 1.0f) {
            capped_arc(g, s, 0, RING_TAU * v, sdl_color(s->color));
        } else {
            geom_arc(g, s->cx, s->cy, r_in, s->radius, 0, RING_TAU, sdl_color(s->color));
            if (v > 1.0f)
                second_lap(g, s, v - 1.0f);
        }
    }
    if (s->pace >= 0.0f && s->pace <= 1.0f)
        pace_marker(g, s);
}
