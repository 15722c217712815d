/*
 * power: the schedule -> TV power decisions (see power.h). No I/O: the loop
 * carries the actions out, so tests walk whole days through it.
 */
#include "power.h"

#include <string.h>

int power_setting_parse(const char *text, PowerSetting *out)
{
    if (strcmp(text, "auto") == 0)
        *out = POWER_SETTING_AUTO;
    else if (strcmp(text, "on") == 0 || strcmp(text, "yes") == 0)
        *out = POWER_SETTING_ON;
    else if (strcmp(text, "off") == 0 || strcmp(text, "no") == 0)
        *out = POWER_SETTING_OFF;
    else
        return -1;
    return 0;
}

const char *power_setting_name(PowerSetting s)
{
    return s == POWER_SETTING_ON ? "on" : s == POWER_SETTING_OFF ? "off" : "auto";
}

void power_init(Power *p, PowerSetting dpms, PowerSetting cec)
{
    memset(p, 0, sizeof(*p));
    p->dpms_setting = dpms;
    p->cec_setting = cec;
    p->screen_on = true;
}

void power_set_available(Power *p, bool have_dpms, bool have_cec)
{
    p->have_dpms = have_dpms;
    p->have_cec = have_cec;
    if (!have_dpms)
        p->output_off = false; /* nothing holds the output off any more */
}

static bool use_dpms(const Power *p)
{
    return p->have_dpms && p->dpms_setting != POWER_SETTING_OFF;
}

static bool use_cec(const Power *p)
{
    return p->have_cec && p->cec_setting != POWER_SETTING_OFF;
}

unsigned power_screen(Power *p, bool on)
{
    unsigned act = 0;
    if (p->started && on == p->screen_on)
        return 0;
    p->started = true;
    p->screen_on = on;
    if (!on) {
        act |= POWER_BLANK;
        if (use_dpms(p)) {
            act |= POWER_DPMS_OFF;
            p->output_off = true;
        }
        if (use_cec(p))
            act |= POWER_CEC_STANDBY;
        return act;
    }
    if (p->output_off) {
        act |= POWER_DPMS_ON;
        p->output_off = false;
    }
    if (use_cec(p))
        act |= POWER_CEC_WAKE;
    return act | POWER_REDRAW;
}

unsigned power_dpms_failed(Power *p)
{
    bool was_off = p->output_off;
    p->have_dpms = false;
    p->output_off = false;
    return was_off && !p->screen_on ? POWER_BLANK : 0;
}

unsigned power_reapply(Power *p)
{
    p->output_off = false;
    if (!p->started || p->screen_on)
        return POWER_REDRAW;
    if (use_dpms(p)) {
        p->output_off = true;
        return POWER_BLANK | POWER_DPMS_OFF;
    }
    return POWER_BLANK;
}

bool power_may_present(const Power *p)
{
    return !p->output_off;
}

const char *power_describe(const Power *p)
{
    bool d = use_dpms(p), c = use_cec(p);
    return d && c ? "DPMS and HDMI-CEC" : d ? "DPMS" : c ? "HDMI-CEC" : "a black frame";
}

const char *power_missing(const Power *p)
{
    if (p->dpms_setting == POWER_SETTING_ON && !p->have_dpms)
        return "dpms = on, but there is no DPMS control here (only on the console with kmsdrm, "
               "as DRM master): the screen shows a black frame instead";
    if (p->cec_setting == POWER_SETTING_ON && !p->have_cec)
        return "cec = on, but no HDMI-CEC adapter for the screen's port is usable (is /dev/cec0 "
               "there and in the video group? run okr-kiosk --diagnose)";
    return NULL;
}
