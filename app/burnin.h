/*
 * burnin: care for panels that show the same picture for months.
 *
 * burnin_offset() gives the whole layout a small shift that changes every
 * BURNIN_PERIOD_S seconds. The shifts walk a closed path over a square of
 * 2A x 2A pixel positions (A = 0.4 % of the screen's short side, at least
 * 1 px: 4 px at 1080p, 8 px at 4K), one pixel per step, visiting every
 * position once per cycle before coming back to the start. A static edge
 * therefore sits on the same pixel for only one period per cycle (64 periods
 * = 5 h 20 min at 1080p), and each step is too small to notice. Offsets are
 * whole pixels so text stays crisp. Everything is a pure function of the
 * caller's clock.
 *
 * Night dimming: "dim = 22:00-06:00 40%" (any schedule syntax, then the
 * brightness to keep) scales the picture to 40 % inside those hours.
 */
#ifndef OKR_BURNIN_H
#define OKR_BURNIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "schedule.h"

#define BURNIN_PERIOD_S 300

/* Half the side of the square of positions, in pixels (>= 1). */
int burnin_amplitude_px(int short_side_px);

/* Number of steps before the path repeats: (2A)^2. */
int burnin_cycle_steps(int short_side_px);

/* The shift for the frame drawn at now_s (any epoch, seconds); both in
 * [-A, A - 1], whole pixels. */
void burnin_offset(int64_t now_s, int short_side_px, float *dx, float *dy);

/* When the shift next changes (the loop's deadline). */
int64_t burnin_next_change(int64_t now_s);

typedef struct BurninDim {
    bool enabled;
    float level; /* brightness inside the hours, 0.05..1 */
    Schedule when;
} BurninDim;

/* Parses "22:00-06:00 40%" or "mon-fri 19:00-07:00, sat-sun 00:00-24:00 30%".
 * An empty string or "off" disables dimming. 0 or -1 with err. */
int burnin_dim_parse(const char *spec, BurninDim *out, char *err, size_t errlen);

/* 1.0 outside the dimming hours (or when disabled), else the level. */
float burnin_dim_factor(const BurninDim *d, const struct tm *local);

#endif
