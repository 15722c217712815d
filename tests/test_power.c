/*
 * Tests for app/power.c: the schedule -> TV power transitions, driven through
 * a day by app/kiosk_tick.c with a fake clock, the way the loop drives them
 * (tick, sleep until next_s or a key). Each table row is one wall; the
 * expected actions at each instant are worked out from power.h's rules.
 *
 * The wall: Europe/Berlin, "mon-fri 07:30-19:00" (Thu 2026-11-26 00:00 CET =
 * 1795647600), a key wakes the screen for 5 minutes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk_tick.h"
#include "power.h"

#define THU_0000 1795647600LL
#define AT(h, m) (THU_0000 + (h)*3600LL + (m)*60LL)
#define FRI_0000 (THU_0000 + 24 * 3600)

#define OFF (POWER_BLANK | POWER_DPMS_OFF | POWER_CEC_STANDBY)
#define ON (POWER_DPMS_ON | POWER_CEC_WAKE | POWER_REDRAW)

typedef enum { EV_KEY, EV_CEC_GONE, EV_CEC_BACK, EV_DPMS_FAILS } EventKind;

typedef struct {
    int64_t at;
    EventKind kind;
} Event;

typedef struct {
    int64_t at;
    unsigned act;
    bool may_present; /* after the actions */
} Step;

typedef struct {
    const char *name;
    PowerSetting dpms, cec;
    bool have_dpms, have_cec;
    Event events[4];
    int n_events;
    Step want[8];
    int n_want;
} Row;

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);
    return 0;
}

static void run_row(const Row *row)
{
    Schedule s;
    BurninDim d;
    char err[256];
    KioskTick kt;
    KioskFrame f;
    Power p;
    Step got[16];
    int n_got = 0, e = 0;

    schedule_init(&s);
    assert_int_equal(schedule_add(&s, "mon-fri 07:30-19:00", err, sizeof(err)), 0);
    memset(&d, 0, sizeof(d)); /* no dimming */
    kiosk_tick_init(&kt, &s, &d, false);
    power_init(&p, row->dpms, row->cec);
    power_set_available(&p, row->have_dpms, row->have_cec);
    bool have_cec = row->have_cec;

    for (int64_t now = THU_0000; now < FRI_0000;) {
        kiosk_tick(&kt, now, 1080, &f);
        unsigned act = 0;
        if (f.turned_on || f.turned_off)
            act = power_screen(&p, f.screen_on);
        if (act) {
            assert_true(n_got < 16);
            got[n_got++] = (Step){now, act, power_may_present(&p)};
        }
        int64_t next = f.next_s < FRI_0000 ? f.next_s : FRI_0000;
        if (e < row->n_events && row->events[e].at < next)
            next = row->events[e].at;
        now = next;
        for (; e < row->n_events && row->events[e].at == now; e++) {
            switch (row->events[e].kind) {
            case EV_KEY:
                kiosk_tick_key(&kt, now);
                break;
            case EV_CEC_GONE:
            case EV_CEC_BACK:
                have_cec = row->events[e].kind == EV_CEC_BACK;
                power_set_available(&p, p.have_dpms, have_cec);
                break;
            case EV_DPMS_FAILS: {
                unsigned a = power_dpms_failed(&p);
                if (a)
                    got[n_got++] = (Step){now, a, power_may_present(&p)};
                break;
            }
            }
        }
    }
    for (int i = 0; i < row->n_want && i < n_got; i++) {
        if (got[i].at != row->want[i].at || got[i].act != row->want[i].act ||
            got[i].may_present != row->want[i].may_present)
            fail_msg(
                "%s: step %d: got %+lld s acts 0x%x present %d, want %+lld s acts 0x%x present %d",
                row->name, i, (long long)(got[i].at - THU_0000), got[i].act, got[i].may_present,
                (long long)(row->want[i].at - THU_0000), row->want[i].act,
                row->want[i].may_present);
    }
    if (n_got != row->n_want)
        fail_msg("%s: %d steps, want %d", row->name, n_got, row->n_want);
}

static const Row rows[] = {
    {"a Pi with DPMS and CEC through a weekday",
     POWER_SETTING_AUTO,
     POWER_SETTING_AUTO,
     true,
     true,
     {{0}},
     0,
     {{THU_0000, OFF, false}, {AT(7, 30), ON, true}, {AT(19, 0), OFF, false}},
     3},
    {"a key at night wakes the TV for five minutes",
     POWER_SETTING_AUTO,
     POWER_SETTING_AUTO,
     true,
     true,
     {{AT(22, 0), EV_KEY}},
     1,
     {{THU_0000, OFF, false},
      {AT(7, 30), ON, true},
      {AT(19, 0), OFF, false},
      {AT(22, 0), ON, true},
      {AT(22, 5), OFF, false}},
     5},
    /* A TV that acknowledges <Standby> and stays on: the signal is still off,
     * so it shows "no signal" (and most then sleep by themselves). */
    {"a TV that ignores standby still loses the signal",
     POWER_SETTING_AUTO,
     POWER_SETTING_ON,
     true,
     true,
     {{0}},
     0,
     {{THU_0000, OFF, false}, {AT(7, 30), ON, true}, {AT(19, 0), OFF, false}},
     3},
    {"dpms off keeps the signal and sends CEC only",
     POWER_SETTING_OFF,
     POWER_SETTING_AUTO,
     true,
     true,
     {{0}},
     0,
     {{THU_0000, POWER_BLANK | POWER_CEC_STANDBY, true},
      {AT(7, 30), POWER_CEC_WAKE | POWER_REDRAW, true},
      {AT(19, 0), POWER_BLANK | POWER_CEC_STANDBY, true}},
     3},
    {"a desktop without either shows a black frame",
     POWER_SETTING_AUTO,
     POWER_SETTING_AUTO,
     false,
     false,
     {{0}},
     0,
     {{THU_0000, POWER_BLANK, true},
      {AT(7, 30), POWER_REDRAW, true},
      {AT(19, 0), POWER_BLANK, true}},
     3},
    {"cec off sends nothing on the bus",
     POWER_SETTING_AUTO,
     POWER_SETTING_OFF,
     true,
     true,
     {{0}},
     0,
     {{THU_0000, POWER_BLANK | POWER_DPMS_OFF, false},
      {AT(7, 30), POWER_DPMS_ON | POWER_REDRAW, true},
      {AT(19, 0), POWER_BLANK | POWER_DPMS_OFF, false}},
     3},
    {"an adapter that disappears at noon is left out in the evening",
     POWER_SETTING_AUTO,
     POWER_SETTING_AUTO,
     true,
     true,
     {{AT(12, 0), EV_CEC_GONE}, {AT(23, 0), EV_CEC_BACK}},
     2,
     {{THU_0000, OFF, false},
      {AT(7, 30), ON, true},
      {AT(19, 0), POWER_BLANK | POWER_DPMS_OFF, false}},
     3},
    /* Another process took DRM master in the night: DPMS is refused, the
     * black frame is drawn again and the morning needs no DPMS on. */
    {"dpms refused at night falls back to the black frame",
     POWER_SETTING_AUTO,
     POWER_SETTING_AUTO,
     true,
     true,
     {{AT(3, 0), EV_DPMS_FAILS}},
     1,
     {{THU_0000, OFF, false},
      {AT(3, 0), POWER_BLANK, true},
      {AT(7, 30), POWER_CEC_WAKE | POWER_REDRAW, true},
      {AT(19, 0), POWER_BLANK | POWER_CEC_STANDBY, true}},
     4},
};

static void schedule_drives_the_tv_power_as_each_row_says(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        run_row(&rows[i]);
}

static void the_first_decision_acts_even_when_on(void **state)
{
    (void)state;
    Power p;
    power_init(&p, POWER_SETTING_AUTO, POWER_SETTING_AUTO);
    power_set_available(&p, true, true);
    /* A kiosk started during the day wakes a TV left in standby. */
    assert_int_equal(power_screen(&p, true), POWER_CEC_WAKE | POWER_REDRAW);
    assert_int_equal(power_screen(&p, true), 0);
    assert_true(power_may_present(&p));
}

/* A display change at night makes a new window with the output on: black
 * frame and DPMS off again, and no message to the TV. */
static void a_new_window_at_night_goes_dark_again_without_cec(void **state)
{
    (void)state;
    Power p;
    power_init(&p, POWER_SETTING_AUTO, POWER_SETTING_AUTO);
    power_set_available(&p, true, true);
    power_screen(&p, false);
    assert_int_equal(power_reapply(&p), POWER_BLANK | POWER_DPMS_OFF);
    assert_false(power_may_present(&p));
    assert_int_equal(power_screen(&p, true), POWER_DPMS_ON | POWER_CEC_WAKE | POWER_REDRAW);
    assert_int_equal(power_reapply(&p), POWER_REDRAW);
    assert_true(power_may_present(&p));
}

static void settings_parse_and_missing_controls_are_named(void **state)
{
    (void)state;
    PowerSetting s;
    assert_int_equal(power_setting_parse("auto", &s), 0);
    assert_int_equal(s, POWER_SETTING_AUTO);
    assert_int_equal(power_setting_parse("on", &s), 0);
    assert_int_equal(s, POWER_SETTING_ON);
    assert_int_equal(power_setting_parse("no", &s), 0);
    assert_int_equal(s, POWER_SETTING_OFF);
    assert_int_equal(power_setting_parse("maybe", &s), -1);

    Power p;
    power_init(&p, POWER_SETTING_ON, POWER_SETTING_AUTO);
    power_set_available(&p, false, true);
    assert_non_null(strstr(power_missing(&p), "dpms = on"));
    assert_string_equal(power_describe(&p), "HDMI-CEC");
    power_init(&p, POWER_SETTING_AUTO, POWER_SETTING_ON);
    power_set_available(&p, true, false);
    assert_non_null(strstr(power_missing(&p), "okr-kiosk --diagnose"));
    assert_string_equal(power_describe(&p), "DPMS");
    power_init(&p, POWER_SETTING_AUTO, POWER_SETTING_AUTO);
    power_set_available(&p, false, false);
    assert_null(power_missing(&p));
    assert_string_equal(power_describe(&p), "a black frame");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schedule_drives_the_tv_power_as_each_row_says),
        cmocka_unit_test(the_first_decision_acts_even_when_on),
        cmocka_unit_test(a_new_window_at_night_goes_dark_again_without_cec),
        cmocka_unit_test(settings_parse_and_missing_controls_are_named),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
