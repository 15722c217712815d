/*
 * loop_core: the kiosk loop's decisions (see loop_core.h). Everything here
 * was the body of the SDL loop once; it is kept free of SDL so a test can
 * run minutes and days of the loop with a fake clock. The rules:
 *
 * - Draw only when something is dirty: new data, a key, an animation step,
 *   the clock's minute, the rotation, a burn-in step or dimming change,
 *   resize/expose. Otherwise sleep until the earliest deadline.
 * - A frame drawn inside a sweep or slide is followed by one more (paced at
 *   LOOP_FRAME_MIN_MS) until a frame shows the settled values.
 * - Outside the schedule: one black frame, then nothing until it turns on.
 */
#include "loop_core.h"

#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

void loop_core_init(LoopCore *c, double rotate_s, uint64_t mono_ms)
{
    memset(c, 0, sizeof(*c));
    view_state_init(&c->vs, rotate_s, mono_ms);
    kiosk_tick_init(&c->kt, NULL, NULL, false);
    c->kf.screen_on = true;
    c->kf.dim = 1.0f;
    c->kf.next_s = INT64_MAX;
    c->tick_due = true;
    c->relayout = true;
    c->minute = -1;
}

void loop_core_configure(LoopCore *c, const Schedule *schedule, const BurninDim *dim, bool burnin,
                         double rotate_s)
{
    kiosk_tick_init(&c->kt, schedule, dim, burnin);
    c->tick_due = true;
    c->vs.rotate_ms = (uint64_t)(rotate_s * 1000.0);
    c->relayout = true;
}

void loop_core_feed_result(LoopCore *c)
{
    c->relayout = true;
}

void loop_core_relayout(LoopCore *c)
{
    c->relayout = true;
}

void loop_core_exposed(LoopCore *c)
{
    c->dirty = true;
    c->blank_drawn = false;
}

void loop_core_resized(LoopCore *c, int w, int h)
{
    c->short_side = w < h ? w : h;
    c->tick_due = true; /* the burn-in amplitude follows the size */
    c->relayout = true;
    loop_core_exposed(c);
}

unsigned loop_core_key(LoopCore *c, AppKey key, const LoopClock *t)
{
    c->tick_due = true; /* outside the schedule a key extends the wake-up */
    if (kiosk_tick_key(&c->kt, floor_div(t->wall_ms, 1000))) {
        c->relayout = true;
        return LOOP_KEY_WOKE;
    }
    unsigned act = view_state_key(&c->vs, key, t->mono_ms);
    if (act & VS_CHANGED)
        c->relayout = true;
    return act;
}

/* The always-on decision, when due: screen on/off, shift, dimming. */
static unsigned tick_always_on(LoopCore *c, int64_t now_s)
{
    unsigned actions = 0;
    if (!c->tick_due && now_s < c->kf.next_s)
        return 0;
    KioskFrame before = c->kf;
    kiosk_tick(&c->kt, now_s, c->short_side, &c->kf);
    c->tick_due = false;
    if (c->kf.turned_on) {
        actions |= LOOP_SCREEN_ON;
        c->relayout = true;
        c->minute = -1; /* rescore: time went by in the dark */
    }
    if (c->kf.turned_off) {
        actions |= LOOP_SCREEN_OFF;
        c->blank_drawn = false;
        c->dirty = true;
    }
    if (c->kf.screen_on && (before.shift_x != c->kf.shift_x || before.shift_y != c->kf.shift_y))
        c->relayout = true;
    if (c->kf.screen_on && before.dim != c->kf.dim)
        c->dirty = true;
    return actions;
}

LoopPlan loop_core_step(LoopCore *c, const LoopClock *t)
{
    LoopPlan plan = {0, 0};
    int64_t now_s = floor_div(t->wall_ms, 1000);
    plan.actions |= tick_always_on(c, now_s);
    if (c->kf.screen_on) {
        int64_t minute = floor_div(now_s, 60);
        if (minute != c->minute) {
            c->minute = minute;
            c->relayout = true;
            plan.actions |= LOOP_RESCORE;
        }
        if (view_state_tick(&c->vs, t->mono_ms) & VS_CHANGED) {
            c->relayout = true;
            plan.actions |= LOOP_VIEW_STEP;
        }
        if (c->relayout) {
            c->relayout = false;
            c->dirty = true;
            plan.actions |= LOOP_REBUILD;
        }
    }
    if (!c->dirty && !c->animating)
        return plan;
    if (!c->kf.screen_on) {
        /* Nothing changes on a black screen once its frame is shown. */
        if (!c->blank_drawn)
            plan.actions |= LOOP_BLANK;
        c->blank_drawn = true;
        c->dirty = false;
        c->animating = false;
        return plan;
    }
    plan.actions |= LOOP_DRAW;
    if (!c->dirty && t->mono_ms < c->last_frame_ms + LOOP_FRAME_MIN_MS)
        plan.pace_ms = c->last_frame_ms + LOOP_FRAME_MIN_MS - t->mono_ms;
    return plan;
}

void loop_core_drawn(LoopCore *c, uint64_t mono_ms, bool animating)
{
    c->last_frame_ms = mono_ms;
    c->dirty = false;
    c->animating = animating;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

uint64_t loop_core_wait_ms(const LoopCore *c, const LoopClock *t)
{
    if (c->tick_due)
        return 0;
    /* The always-on deadline: screen on/off, burn-in step, dimming. */
    uint64_t always = LOOP_MAX_WAIT_MS;
    if (c->kf.next_s != INT64_MAX) {
        int64_t d = c->kf.next_s * 1000 - t->wall_ms;
        always = d <= 0 ? 0 : min_u64((uint64_t)d, always);
    }
    if (!c->kf.screen_on)
        return c->blank_drawn ? always : 0;
    if (c->dirty || c->relayout)
        return 0;
    if (c->animating) {
        uint64_t due = c->last_frame_ms + LOOP_FRAME_MIN_MS;
        return due > t->mono_ms ? due - t->mono_ms : 0;
    }
    /* The next wall-clock minute, then the rotation. */
    int64_t in_minute = t->wall_ms % 60000;
    if (in_minute < 0)
        in_minute += 60000;
    uint64_t wait = (uint64_t)(60000 - in_minute);
    uint64_t rot = view_state_deadline(&c->vs);
    if (rot != UINT64_MAX)
        wait = rot > t->mono_ms ? min_u64(rot - t->mono_ms, wait) : 0;
    return min_u64(min_u64(always, wait), LOOP_MAX_WAIT_MS);
}
