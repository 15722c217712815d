/*
 * ring: one progress ring (track, progress arc with round caps, second lap
 * for over-achievement, pace marker) appended to a GeomBuf.
 *
 * Angles: 0 is 12 o'clock and progress runs clockwise on screen; value 1.0
 * is one full lap. Values above 1 draw a second, brighter lap over the
 * first with a soft shadow at its head; anything above 2 is drawn as 2 laps
 * (the label still shows the real number).
 */
#ifndef RING_H
#define RING_H

#include <stdbool.h>
#include "geom.h"
#include "layout.h"

typedef struct {
    float cx, cy, radius; /* radius to the outer edge */
    float thickness;
    float value;    /* raw progress */
    bool has_value; /* false: track only */
    float pace;     /* 0..1, < 0 none */
    Rgba color, lap_color, track_color, pace_color;
    bool skip_track; /* the track was drawn already (e.g. from a cache) */
} RingSpec;

/* Queue the ring's triangles into g (flush g to draw). */
void ring_draw(GeomBuf *g, const RingSpec *ring);

/* Corners of the pace marker (tip, base, base; x,y pairs): a triangle just
 * outside the ring at the pace angle, its tip pointing at the ring, reaching
 * at most LAYOUT_PACE_OUT thicknesses past the radius (more only on rings
 * too small for a visible one). */
void ring_pace_marker(const RingSpec *ring, float xy[6]);

/* Segments used for a full circle at this radius (for tests and tuning). */
int ring_segments(float radius);

/* Angular size (radians, measured at mid-radius) of one round cap. */
float ring_cap_angle(float radius, float thickness);

#endif
