/*
 * test_loop_core: the kiosk loop's decisions (app/loop_core.c) driven by a
 * fake clock, the way app/kiosk.c drives them: events in, then "what now?"
 * (loop_core_step) and "how long may I sleep?" (loop_core_wait_ms).
 *
 * Each case is a table of rows, run in order: an event or a question at t
 * milliseconds after the start, and the expected answer. Both clocks advance
 * together from a wall time given per case (TZ=UTC; 2026-11-26 is a
 * Thursday, its 00:00 UTC is 1795651200). Waits and deadlines below were
 * worked out by hand from the wall times in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "anim.h"
#include "loop_core.h"

#define THU_0000_MS (1795651200LL * 1000)
#define HMS(h, m, s) ((int64_t)(((h)*3600 + (m)*60 + (s)) * 1000))

typedef enum {
    STEP,   /* loop_core_step: actions must equal want, pace_ms must equal arg */
    WAIT,   /* loop_core_wait_ms must equal want */
    DRAWN,  /* loop_core_drawn, arg = still animating */
    FEED,   /* loop_core_feed_result */
    KEY,    /* loop_core_key with key arg: its flags must equal want */
    EXPOSE, /* loop_core_exposed */
    RESIZE, /* loop_core_resized to arg x arg/16*9 */
    END,
} Op;

typedef struct {
    Op op;
    int64_t t; /* ms since the start of the case */
    long arg;
    uint64_t want;
} Row;

#define FIRST \
    (LOOP_SCREEN_ON | LOOP_RESCORE | LOOP_REBUILD | LOOP_DRAW) /* the first step of a lit screen */
#define FRAME (LOOP_REBUILD | LOOP_DRAW)
#define MINUTE (LOOP_RESCORE | LOOP_REBUILD | LOOP_DRAW)

static OkrObjective objectives[6];
static OkrFeed feed;

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    return 0;
}

/* Six objectives, one per overview page once the layout says 1 per page. */
static void give_feed(LoopCore *c)
{
    memset(objectives, 0, sizeof(objectives));
    memset(&feed, 0, sizeof(feed));
    for (size_t i = 0; i < 6; i++)
        objectives[i].title = "objective";
    feed.objectives = objectives;
    feed.n_objectives = 6;
    view_state_set_feed(&c->vs, &feed);
    view_state_set_per_page(&c->vs, 1);
}

/* A 1920x1080 wall rotating every rotate_s, on the schedule (NULL: always). */
static void start(LoopCore *c, double rotate_s, const char *schedule)
{
    Schedule s;
    char err[128];
    schedule_init(&s);
    if (schedule != NULL)
        assert_int_equal(schedule_add(&s, schedule, err, sizeof(err)), 0);
    loop_core_init(c, rotate_s, 0);
    loop_core_configure(c, &s, NULL, false, rotate_s);
    loop_core_resized(c, 1920, 1080);
    give_feed(c);
}

static void run_table(LoopCore *c, int64_t wall0_ms, const Row *rows)
{
    for (int i = 0; rows[i].op != END; i++) {
        const Row *r = &rows[i];
        LoopClock t = {(uint64_t)r->t, wall0_ms + r->t};
        char where[64];
        snprintf(where, sizeof(where), "row %d (t=%lld ms)", i, (long long)r->t);
        switch (r->op) {
        case STEP: {
            LoopPlan p = loop_core_step(c, &t);
            if (p.actions != r->want || p.pace_ms != (uint64_t)r->arg)
                fail_msg("%s: actions 0x%x pace %llu, expected 0x%llx pace %ld", where, p.actions,
                         (unsigned long long)p.pace_ms, (unsigned long long)r->want, r->arg);
            break;
        }
        case WAIT: {
            uint64_t w = loop_core_wait_ms(c, &t);
            if (w != r->want)
                fail_msg("%s: wait %llu ms, expected %llu", where, (unsigned long long)w,
                         (unsigned long long)r->want);
            break;
        }
        case DRAWN:
            loop_core_drawn(c, t.mono_ms, r->arg != 0);
            break;
        case FEED:
            loop_core_feed_result(c);
            break;
        case KEY: {
            unsigned f = loop_core_key(c, (AppKey)r->arg, &t);
            if (f != r->want)
                fail_msg("%s: key flags 0x%x, expected 0x%llx", where, f,
                         (unsigned long long)r->want);
            break;
        }
        case EXPOSE:
            loop_core_exposed(c);
            break;
        case RESIZE:
            loop_core_resized(c, (int)r->arg, (int)(r->arg / 16 * 9));
            break;
        case END:
            break;
        }
    }
}

/* 09:30:05: after the first frame nothing is due until 09:31:00. */
static void idle_waits_until_the_next_clock_minute(void **state)
{
    (void)state;
    LoopCore c;
    start(&c, 0, NULL);
    const Row rows[] = {
        {WAIT, 0, 0, 0}, /* the first frame is due */
        {STEP, 0, 0, FIRST},
        {DRAWN, 20, 0, 0},
        {WAIT, 20, 0, 54980},    /* 09:30:05.020 -> 09:31:00 */
        {STEP, 20, 0, 0},        /* nothing to do: no frame */
        {WAIT, 30000, 0, 25000}, /* woken early (say, a wake-up with nothing in it) */
        {STEP, 30000, 0, 0},
        {STEP, 55000, 0, MINUTE}, /* 09:31:00: rescore, draw the new minute */
        {DRAWN, 55010, 0, 0},
        {WAIT, 55010, 0, 59990},
        {END, 0, 0, 0},
    };
    run_table(&c, THU_0000_MS + HMS(9, 30, 5), rows);
}

/* A sweep: frames every LOOP_FRAME_MIN_MS until one shows the settled values. */
static void a_running_sweep_asks_for_the_next_frame(void **state)
{
    (void)state;
    LoopCore c;
    start(&c, 0, NULL);
    const Row rows[] = {
        {STEP, 0, 0, FIRST},      {DRAWN, 0, 1, 0}, /* mid-sweep */
        {WAIT, 0, 0, 15},         {WAIT, 5, 0, 10},
        {STEP, 5, 10, LOOP_DRAW},                           /* the next frame, paced 10 ms */
        {DRAWN, 15, 1, 0},        {STEP, 40, 0, LOOP_DRAW}, /* late: no pacing */
        {DRAWN, 40, 0, 0},                                  /* settled */
        {WAIT, 40, 0, 54960},                               /* 09:30:05.040 -> 09:31:00 */
        {STEP, 40, 0, 0},         {END, 0, 0, 0},
    };
    run_table(&c, THU_0000_MS + HMS(9, 30, 5), rows);
}

/* mon-fri 07:30-19:00, Thursday 18:59:30: at 19:00 one black frame, then
 * sleep (at most LOOP_MAX_WAIT_MS at a time) until Friday 07:30. */
static void schedule_off_sleeps_until_the_schedule_turns_on(void **state)
{
    (void)state;
    LoopCore c;
    start(&c, 0, "mon-fri 07:30-19:00");
    const int64_t fri_0729_40 = HMS(12, 30, 10); /* after Thu 18:59:30 */
    const Row rows[] = {
        {STEP, 0, 0, FIRST},
        {DRAWN, 0, 0, 0},
        {WAIT, 0, 0, 30000}, /* 19:00:00 is both the minute and the schedule */
        {STEP, 30000, 0, LOOP_SCREEN_OFF | LOOP_BLANK},
        {WAIT, 30000, 0, LOOP_MAX_WAIT_MS},
        {STEP, 90000, 0, 0},  /* woke after 60 s: nothing, no frame */
        {FEED, 100000, 0, 0}, /* data while off: nothing drawn */
        {WAIT, 100000, 0, LOOP_MAX_WAIT_MS},
        {STEP, 100000, 0, 0},
        {EXPOSE, 110000, 0, 0}, /* the black frame was lost: draw it again */
        {WAIT, 110000, 0, 0},
        {STEP, 110000, 0, LOOP_BLANK},
        {WAIT, fri_0729_40, 0, 20000}, /* Friday 07:29:40 */
        {STEP, fri_0729_40, 0, 0},
        {STEP, fri_0729_40 + 20000, 0, FIRST},
        {END, 0, 0, 0},
    };
    run_table(&c, THU_0000_MS + HMS(18, 59, 30), rows);
}

/* A key on a black screen only wakes it, for SCHEDULE_WAKE_S. */
static void a_key_on_a_black_screen_only_wakes_it(void **state)
{
    (void)state;
    LoopCore c;
    start(&c, 0, "mon-fri 07:30-19:00");
    const Row rows[] = {
        {STEP, 0, 0, LOOP_SCREEN_OFF | LOOP_BLANK}, /* Thursday 20:00:00 */
        {KEY, 1000, OKR_KEY_RIGHT, LOOP_KEY_WOKE},  /* the view stays */
        {WAIT, 1000, 0, 0},
        {STEP, 1000, 0, FIRST},
        {DRAWN, 1000, 0, 0},
        {WAIT, 1000, 0, 59000},    /* 20:00:01 -> 20:01:00 */
        {WAIT, 299000, 0, 1000},   /* 20:04:59 */
        {STEP, 300000, 0, MINUTE}, /* 20:05:00: a new minute */
        {DRAWN, 300000, 0, 0},
        {WAIT, 300000, 0, 1000}, /* the wake-up ends at 20:05:01 */
        {STEP, 301000, 0, LOOP_SCREEN_OFF | LOOP_BLANK},
        {END, 0, 0, 0},
    };
    run_table(&c, THU_0000_MS + HMS(20, 0, 0), rows);
    assert_int_equal(c.vs.view.kind, VIEW_OVERVIEW);
    assert_int_equal(c.vs.view.page, 0);
}

/* A feed result (new data or only a new status) redraws once, then idles. */
static void a_feed_result_redraws_once(void **state)
{
    (void)state;
    LoopCore c;
    start(&c, 0, NULL);
    const Row rows[] =
        {
            {STEP, 0, 0, FIRST},    {DRAWN, 10, 0, 0},      {FEED, 1000, 0, 0},
            {WAIT, 1000, 0, 0},     {STEP, 1000, 0, FRAME}, {DRAWN, 1010, 0, 0},
            {WAIT, 1010, 0, 53990},                         /* 09:30:06.010 -> 09:31:00 */
            {STEP, 1010, 0, 0},     {FEED, 2000, 0, 0},     /* two results before the loop runs: */
            {FEED, 2000, 0, 0},     {STEP, 2000, 0, FRAME}, /* still one frame */
            {DRAWN, 2000, 0, 0},    {STEP, 2000, 0, 0},     {END, 0, 0, 0},
        };
    run_table(&c, THU_0000_MS + HMS(9, 30, 5), rows);
}

/* Rotation every 30 s; a key holds it for VS_HOLD_MS (120 s), a second key
 * during the hold starts the 120 s again. 09:30:05 at t=0. */
static void a_key_during_the_rotation_pause_restarts_the_pause(void **state)
{
    (void)state;
    LoopCore c;
    start(&c, 30, NULL);
    const Row rows[] = {
        {STEP, 0, 0, FIRST},
        {DRAWN, 0, 0, 0},
        {WAIT, 0, 0, 30000},            /* the rotation comes before 09:31 */
        {KEY, 10000, OKR_KEY_OTHER, 0}, /* holds rotation until t=130000 */
        {STEP, 10000, 0, 0},
        {WAIT, 10000, 0, 45000},         /* 09:30:15 -> 09:31:00 */
        {STEP, 40000, 0, 0},             /* no rotation at 40 s */
        {KEY, 100000, OKR_KEY_OTHER, 0}, /* hold again: until t=220000 */
        {STEP, 100000, 0, MINUTE},       /* 09:31:45 */
        {DRAWN, 100000, 0, 0},
        {STEP, 130000, 0, MINUTE}, /* 09:32:15: the first hold's end, no rotation */
        {DRAWN, 130000, 0, 0},
        {STEP, 200000, 0, MINUTE}, /* 09:33:25 */
        {DRAWN, 200000, 0, 0},
        {WAIT, 200000, 0, 20000},                  /* to the end of the second hold */
        {STEP, 220000, 0, LOOP_VIEW_STEP | FRAME}, /* rotation resumes */
        {DRAWN, 220000, 0, 0},
        {WAIT, 220000, 0, 15000}, /* 09:33:45 -> 09:34:00 comes first */
        {END, 0, 0, 0},
    };
    run_table(&c, THU_0000_MS + HMS(9, 30, 5), rows);
    assert_int_equal(c.vs.view.page, 1);
}

/* A resize or an expose draws at once; a resize also rebuilds the layout. */
static void a_resize_rebuilds_and_an_expose_only_redraws(void **state)
{
    (void)state;
    LoopCore c;
    start(&c, 0, NULL);
    const Row rows[] = {
        {STEP, 0, 0, FIRST},
        {DRAWN, 0, 0, 0},
        {EXPOSE, 500, 0, 0},
        {WAIT, 500, 0, 0},
        {STEP, 500, 0, LOOP_DRAW},
        {DRAWN, 500, 0, 0},
        {RESIZE, 600, 1280, 0},
        {STEP, 600, 0, FRAME},
        {DRAWN, 600, 0, 0},
        {WAIT, 600, 0, 54400},
        {END, 0, 0, 0},
    };
    run_table(&c, THU_0000_MS + HMS(9, 30, 5), rows);
    assert_int_equal(c.short_side, 720);
}

/* The loop as app/kiosk.c runs it, with a real Animator and a layout of one
 * ring and its change mark ("+points"): from t0 it carries out every step,
 * draws (copy, animate, "drawn") and sleeps as told, until it would sleep a
 * second or more. Returns the frames drawn; *last is the time of the last. */
static int run_until_idle(LoopCore *c, Animator *a, long points, int64_t wall0_ms, uint64_t t0,
                          uint64_t *last)
{
    Element items[3];
    int frames = 0;
    uint64_t t = t0;
    for (int guard = 0; guard < 1000; guard++) {
        LoopClock clk = {t, wall0_ms + (int64_t)t};
        LoopPlan p = loop_core_step(c, &clk);
        if (p.actions & LOOP_DRAW) {
            t += p.pace_ms;
            memset(items, 0, sizeof(items));
            items[0].kind = EL_RING;
            items[0].u.ring.has_value = true;
            items[0].u.ring.value = 0.5f;
            items[0].u.ring.anim_key = 5;
            for (int i = 1; i < 3; i++) {
                items[i].kind = i == 1 ? EL_GLYPH : EL_TEXT;
                items[i].u.text.percent_of = -1;
                items[i].mark = (ElementMark){5, points, 10.0f};
            }
            Layout l = {.items = items, .count = 3, .cap = 3, .marks_complete = true};
            anim_apply(a, &l, t);
            loop_core_drawn(c, t, anim_active(a, t));
            frames++;
            *last = t;
        }
        clk = (LoopClock){t, wall0_ms + (int64_t)t};
        uint64_t w = loop_core_wait_ms(c, &clk);
        if (w >= 1000)
            return frames;
        t += w;
    }
    fail_msg("the loop never went idle");
    return frames;
}

/* At the start the ring sweeps up and its mark draws in, with frames every
 * 15 ms: at 0, 15, ..., 795 they are still moving (795 < 800), the frame at
 * 810 shows them in place, and then the loop sleeps until the next clock
 * minute (09:30:05.810 -> 09:31:00 is 54190 ms). A refresh with the same
 * values draws one frame, no motion. A new number beside a ring that keeps
 * its value: the mark alone draws in, the same 55 frames, then idle. */
static void a_mark_drawing_in_ends_and_the_loop_goes_idle(void **state)
{
    (void)state;
    LoopCore c;
    const int64_t wall0 = THU_0000_MS + HMS(9, 30, 5);
    uint64_t last = 0;
    Animator *a = anim_new(false);
    assert_non_null(a);
    start(&c, 0, NULL);
    assert_int_equal(run_until_idle(&c, a, 8, wall0, 0, &last), 55);
    assert_int_equal(last, 810);
    LoopClock clk = {last, wall0 + (int64_t)last};
    assert_int_equal(loop_core_wait_ms(&c, &clk), 54190);

    loop_core_feed_result(&c); /* 09:30:15: the same values again */
    assert_int_equal(run_until_idle(&c, a, 8, wall0, 10000, &last), 1);
    assert_int_equal(last, 10000);

    loop_core_feed_result(&c); /* 09:30:25: "+9" */
    assert_int_equal(run_until_idle(&c, a, 9, wall0, 20000, &last), 55);
    assert_int_equal(last, 20810);
    anim_free(a);
}

/* --reduce-motion: the new mark is in place in the first frame, the only one. */
static void with_reduce_motion_a_new_mark_costs_one_frame(void **state)
{
    (void)state;
    LoopCore c;
    uint64_t last = 0;
    Animator *a = anim_new(true);
    assert_non_null(a);
    start(&c, 0, NULL);
    assert_int_equal(run_until_idle(&c, a, 8, THU_0000_MS + HMS(9, 30, 5), 0, &last), 1);
    assert_int_equal(last, 0);
    anim_free(a);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(idle_waits_until_the_next_clock_minute),
        cmocka_unit_test(a_running_sweep_asks_for_the_next_frame),
        cmocka_unit_test(schedule_off_sleeps_until_the_schedule_turns_on),
        cmocka_unit_test(a_key_on_a_black_screen_only_wakes_it),
        cmocka_unit_test(a_feed_result_redraws_once),
        cmocka_unit_test(a_key_during_the_rotation_pause_restarts_the_pause),
        cmocka_unit_test(a_resize_rebuilds_and_an_expose_only_redraws),
        cmocka_unit_test(a_mark_drawing_in_ends_and_the_loop_goes_idle),
        cmocka_unit_test(with_reduce_motion_a_new_mark_costs_one_frame),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
