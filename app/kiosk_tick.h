/*
 * kiosk_tick: the always-on decisions of the main loop as a pure function of
 * the wall clock: is the screen on (schedule + key wake-ups), where does the
 * burn-in shift put the picture, how dim is it, and when must the loop look
 * again. The loop core (loop_core.c) calls kiosk_tick() when it is due and
 * sleeps until next_s; a test drives the same code through a whole day with
 * a fake clock (tests/test_day_sim.c) without waiting.
 */
#ifndef APP_KIOSK_TICK_H
#define APP_KIOSK_TICK_H

#include <stdbool.h>
#include <stdint.h>

#include "burnin.h"
#include "schedule.h"

typedef struct {
    Schedule schedule; /* with its wake-up state */
    BurninDim dim;
    bool burnin;    /* shift the picture against burn-in */
    bool started;   /* kiosk_tick() ran once */
    bool screen_on; /* as decided by the last kiosk_tick() */
} KioskTick;

typedef struct {
    bool screen_on;
    bool turned_on;         /* off at the previous tick (or first tick): redraw */
    bool turned_off;        /* on at the previous tick (or first tick): blank once */
    float shift_x, shift_y; /* whole pixels, for LayoutInput.shift_x/y */
    float dim;              /* brightness 0.05..1 (1 = not dimmed) */
    int64_t next_s;         /* the next instant any of the above changes,
                          INT64_MAX when never */
} KioskFrame;

/* Copies schedule and dim; burnin enables the shift. */
void kiosk_tick_init(KioskTick *t, const Schedule *schedule, const BurninDim *dim, bool burnin);

/* Decide for wall time now_s (unix seconds, local time zone from TZ) on a
 * screen whose short side is short_side_px. */
void kiosk_tick(KioskTick *t, int64_t now_s, int short_side_px, KioskFrame *out);

/* A key was pressed at now_s. Outside the schedule it keeps the screen on for
 * SCHEDULE_WAKE_S from now. Returns true when the screen was off: the key
 * only wakes the wall and must not also act (change the view). */
bool kiosk_tick_key(KioskTick *t, int64_t now_s);

#endif
