/*
 * power: what the kiosk does to the TV when the schedule switches the screen
 * off or on, as a pure function of the screen state and of which power
 * controls this machine has.
 *
 * Two controls, each behind its own setting (auto | on | off):
 *   - DPMS: the "DPMS" property of the connected connector, set through SDL's
 *     own DRM fd (app/dpms.c). Off stops the HDMI signal; most TVs go to
 *     standby on "no signal" after a while. Only on kmsdrm (a desktop owns
 *     its own DPMS: the kiosk lets its screensaver run while black).
 *   - HDMI-CEC: <Standby> to the TV, and <Image View On> then <Active
 *     Source> to wake it (app/cec.c, on its own thread).
 * Screen off: one black frame first (so switching on never shows the
 * evening's picture), then DPMS off, then <Standby>. Screen on (schedule or a
 * key at night): DPMS on, the CEC wake-up, then a fresh frame. While the
 * output is off nothing may be presented: a page flip on a switched-off CRTC
 * fails (power_may_present).
 *
 * A control that fails (DPMS refused because another process is DRM master,
 * the property gone) is dropped: the screen falls back to the black frame,
 * which is what a TV that ignores <Standby> shows too.
 */
#ifndef APP_POWER_H
#define APP_POWER_H

#include <stdbool.h>

/* cec = / dpms = settings. auto: use it when the machine has it; on: use it
 * and warn when it is missing; off: never. */
typedef enum { POWER_SETTING_AUTO = 0, POWER_SETTING_ON, POWER_SETTING_OFF } PowerSetting;

/* Parses "auto", "on"/"yes", "off"/"no". Returns 0 or -1. */
int power_setting_parse(const char *text, PowerSetting *out);
const char *power_setting_name(PowerSetting s);

/* Actions for the loop, in this order. */
enum {
    POWER_BLANK = 1u << 0, /* present one black frame */
    POWER_DPMS_OFF = 1u << 1,
    POWER_CEC_STANDBY = 1u << 2,
    POWER_DPMS_ON = 1u << 3,
    POWER_CEC_WAKE = 1u << 4, /* <Image View On>, then <Active Source> */
    POWER_REDRAW = 1u << 5,   /* draw a fresh frame now */
};

typedef struct {
    PowerSetting dpms_setting, cec_setting;
    bool have_dpms;  /* a DPMS property on SDL's DRM fd */
    bool have_cec;   /* a CEC adapter for the screen's HDMI port */
    bool started;    /* power_screen() ran once */
    bool screen_on;  /* as last set */
    bool output_off; /* DPMS off is in force */
} Power;

void power_init(Power *p, PowerSetting dpms, PowerSetting cec);

/* What the machine has; may change while running (an adapter unplugged). */
void power_set_available(Power *p, bool have_dpms, bool have_cec);

/* The schedule (or a key) switched the screen; the first call always acts.
 * Returns POWER_* bits. */
unsigned power_screen(Power *p, bool on);

/* Setting DPMS failed: stop using it. When the output was being switched
 * off, returns POWER_BLANK (the black frame stays the fallback). */
unsigned power_dpms_failed(Power *p);

/* The window and its DRM fd were made anew (a display change): the new
 * output is on. Returns what puts it back into the current state: the black
 * frame and DPMS off while the screen is off, else a redraw. No CEC. */
unsigned power_reapply(Power *p);

/* False while DPMS holds the output off. */
bool power_may_present(const Power *p);

/* The controls in use, for the log: "DPMS and HDMI-CEC", "DPMS", "HDMI-CEC",
 * "a black frame". */
const char *power_describe(const Power *p);

/* A warning for a setting "on" whose control is missing, or NULL. */
const char *power_missing(const Power *p);

#endif
