/*
 * loop_core: what the kiosk loop does next, as a pure function of the time
 * and the events. No SDL, no threads, no clock of its own.
 *
 * The loop (app/kiosk.c) tells the core what happened (a feed result, a key,
 * a resize or expose, a frame drawn) and asks it two questions with the time
 * passed in: loop_core_step() "what must be done now?" (a set of actions the
 * loop carries out in the order of the LOOP_* bits) and loop_core_wait_ms()
 * "how long may I sleep?". The core owns the dirty flags, the rotation
 * (ViewState), the always-on decision (KioskTick: schedule, burn-in shift,
 * dimming) and the clock minute; a test drives it with a fake clock
 * (tests/test_loop_core.c).
 *
 * Two clocks: mono_ms (SDL_GetTicks64(): frames, animations, rotation) and
 * wall_ms (unix milliseconds, the system clock or --now: the clock minute
 * and the screen schedule).
 *
 * Power: LOOP_SCREEN_ON and LOOP_SCREEN_OFF are the schedule's transitions
 * (and a key waking the screen), reported exactly once each; a power module
 * (DPMS, HDMI-CEC) hooks them in the loop.
 *
 * Ownership: a LoopCore is a plain value owned by the loop; nothing to free.
 * Thread: the main thread only.
 */
#ifndef APP_LOOP_CORE_H
#define APP_LOOP_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk_tick.h"
#include "view_state.h"

#define LOOP_FRAME_MIN_MS 15u   /* pace animation where present does not wait for vsync */
#define LOOP_MAX_WAIT_MS 60000u /* never sleep longer than this */

typedef struct {
    uint64_t mono_ms; /* monotonic milliseconds */
    int64_t wall_ms;  /* unix milliseconds */
} LoopClock;

/* Actions of loop_core_step(), in the order the loop carries them out. */
enum {
    LOOP_SCREEN_ON = 1u << 0,  /* the screen turned on: power up; the feed is rescored */
    LOOP_SCREEN_OFF = 1u << 1, /* the screen turned off: power down (LOOP_BLANK follows) */
    LOOP_RESCORE = 1u << 2,    /* a new clock minute (or screen on): rescore the feed */
    LOOP_VIEW_STEP = 1u << 3,  /* rotation moved the view: start the slide */
    LOOP_REBUILD = 1u << 4,    /* build the layout again (LOOP_DRAW follows) */
    LOOP_DRAW = 1u << 5,       /* draw a frame, then call loop_core_drawn() */
    LOOP_BLANK = 1u << 6,      /* draw the one black frame of a screen that is off */
};

/* Extra bit of loop_core_key() beside the VS_* flags of view_state_key(). */
#define LOOP_KEY_WOKE (1u << 8) /* the screen was off: the key only woke it */

typedef struct {
    unsigned actions; /* LOOP_* bits */
    uint64_t pace_ms; /* with LOOP_DRAW: wait this long first (animation pacing) */
} LoopPlan;

typedef struct {
    ViewState vs;     /* the view and its rotation */
    KioskTick kt;     /* the always-on state */
    KioskFrame kf;    /* its last decision: screen on, shift, dim, next_s */
    bool tick_due;    /* run kiosk_tick() at the next step */
    bool relayout;    /* the layout must be built again */
    bool dirty;       /* the picture must be drawn again */
    bool animating;   /* the last frame was mid-animation: draw another */
    bool blank_drawn; /* the screen is off and its black frame is shown */
    int64_t minute;   /* the wall-clock minute last scored, -1 none */
    uint64_t last_frame_ms;
    int short_side; /* the screen's short side in pixels (burn-in amplitude) */
} LoopCore;

/* Screen on, nothing drawn yet, rotation every rotate_s seconds (0 = off). */
void loop_core_init(LoopCore *c, double rotate_s, uint64_t mono_ms);

/* Settings (start and SIGHUP): schedule and dim may be NULL. The always-on
 * decision runs again and the layout is rebuilt. */
void loop_core_configure(LoopCore *c, const Schedule *schedule, const BurninDim *dim, bool burnin,
                         double rotate_s);

/* Events. */
void loop_core_feed_result(LoopCore *c);           /* any result applied: the header changed */
void loop_core_relayout(LoopCore *c);              /* the view or the settings changed */
void loop_core_exposed(LoopCore *c);               /* expose, render targets lost: draw again */
void loop_core_resized(LoopCore *c, int w, int h); /* the screen's new size (pixels) */
/* A key at t: VS_* flags of view_state_key() (VS_CHANGED: start the slide),
 * or LOOP_KEY_WOKE when the screen was off and the key only woke it. */
unsigned loop_core_key(LoopCore *c, AppKey key, const LoopClock *t);

/* What to do now. Updates the core as if the actions were done, except
 * LOOP_DRAW, which the loop confirms with loop_core_drawn(). */
LoopPlan loop_core_step(LoopCore *c, const LoopClock *t);

/* A frame was presented at mono_ms; animating: values in it are not final. */
void loop_core_drawn(LoopCore *c, uint64_t mono_ms, bool animating);

/* Milliseconds the loop may sleep at t (unless an event wakes it): 0 when
 * work is due, else the nearest of the next frame of an animation, the next
 * clock minute, the rotation, the always-on deadline, LOOP_MAX_WAIT_MS. */
uint64_t loop_core_wait_ms(const LoopCore *c, const LoopClock *t);

#endif
