/*
 * kiosk_tick: screen schedule, wake-ups, burn-in shift and dimming combined
 * into one decision per wake-up of the loop (see kiosk_tick.h). Everything
 * comes from schedule.c and burnin.c; this file only combines their answers
 * and their next deadlines.
 */
#include "kiosk_tick.h"

#include <string.h>

void kiosk_tick_init(KioskTick *t, const Schedule *schedule, const BurninDim *dim, bool burnin)
{
    memset(t, 0, sizeof(*t));
    if (schedule != NULL)
        t->schedule = *schedule;
    else
        schedule_init(&t->schedule);
    t->schedule.wake_until = 0;
    if (dim != NULL) {
        t->dim = *dim;
    } else {
        t->dim.level = 1.0f;
        schedule_init(&t->dim.when);
    }
    t->burnin = burnin;
}

static int64_t earlier(int64_t a, time_t b)
{
    if (b == (time_t)-1)
        return a;
    return (int64_t)b < a ? (int64_t)b : a;
}

void kiosk_tick(KioskTick *t, int64_t now_s, int short_side_px, KioskFrame *out)
{
    time_t now = (time_t)now_s;
    memset(out, 0, sizeof(*out));
    bool on = schedule_screen_on(&t->schedule, now);
    out->screen_on = on;
    out->turned_on = on && (!t->started || !t->screen_on);
    out->turned_off = !on && (!t->started || t->screen_on);
    t->started = true;
    t->screen_on = on;

    out->dim = 1.0f;
    out->next_s = INT64_MAX;
    out->next_s = earlier(out->next_s, schedule_next_screen_change(&t->schedule, now));
    if (!on)
        return; /* black: nothing else to draw until the screen comes on */

    if (t->burnin && short_side_px > 0) {
        burnin_offset(now_s, short_side_px, &out->shift_x, &out->shift_y);
        out->next_s = earlier(out->next_s, (time_t)burnin_next_change(now_s));
    }
    if (t->dim.enabled) {
        struct tm tm;
        if (localtime_r(&now, &tm) != NULL)
            out->dim = burnin_dim_factor(&t->dim, &tm);
        out->next_s = earlier(out->next_s, schedule_next_change(&t->dim.when, now));
    }
}

bool kiosk_tick_key(KioskTick *t, int64_t now_s)
{
    time_t now = (time_t)now_s;
    bool was_on = schedule_screen_on(&t->schedule, now);
    if (!schedule_is_on_at(&t->schedule, now))
        schedule_wake(&t->schedule, now);
    return !was_on;
}
