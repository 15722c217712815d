/*
 * layout_help: the help overlay, a translucent scrim over the whole screen
 * (the only element allowed outside the safe area) and a centred panel that
 * lists every key. Any key closes it (the app does that).
 */
#include "layout_priv.h"

#include <math.h>

static const char *const keys[][2] = {
    {"Left / Right, PgUp / PgDn", "previous / next"},
    {"Enter / Down", "focus the selected objective"},
    {"Esc / Backspace / Up", "back to the overview"},
    {"1 – 9", "jump to objective"},
    {"T", "next team"},
    {"Space", "pause / resume rotation"},
    {"R", "refresh the feed now"},
    {"H / ?", "this help"},
    {"F", "fullscreen on / off"},
    {"Q", "quit"},
};
#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

void layout_help(Lctx *c)
{
    const Box in = c->inner;
    const float S = c->S, p = 0.03f * S;
    const float tt = 0.042f * S;
    Rgba scrim = LC_BG;
    float t, kw, pw, ph, rowh, x, y;
    int lines;

    scrim.a = 220;
    c->scrim = lay_rect(c, (Box){0.0f, 0.0f, (float)c->in->width, (float)c->in->height}, scrim, 0.0f);

    /* key column ~14 sizes, action column ~18: shrink to the width, never
     * below the minimum; wrap key names to two lines when narrow */
    t = fminf(0.032f * S, (in.w - 2.0f * p) / 34.0f);
    if (t < c->tmin)
        t = c->tmin;
    pw = fminf(in.w, 34.0f * t + 2.0f * p);
    lines = (pw - 2.0f * p) < 32.0f * t ? 2 : 1;
    kw = 0.44f * (pw - 2.0f * p);
    rowh = lay_text_h(t, lines) + 0.35f * t;
    ph = 2.0f * p + lay_text_h(tt, 1) + 0.5f * p + (float)N_KEYS * rowh + 0.5f * p +
         lay_text_h(t, 1);
    if (ph > in.h) {
        /* never happens at the supported sizes; keep the panel on screen */
        ph = in.h;
    }
    x = in.x + 0.5f * (in.w - pw);
    y = in.y + 0.5f * (in.h - ph);
    lay_rect(c, (Box){x, y, pw, ph}, LC_CARD, 0.015f * S);
    x += p;
    y += p;
    lay_text(c, (Box){x, y, pw - 2.0f * p, lay_text_h(tt, 1)}, "Keys", tt, FONT_SEMIBOLD,
             ALIGN_LEFT, 1, LC_TEXT, -1);
    y += lay_text_h(tt, 1) + 0.5f * p;
    for (size_t i = 0; i < N_KEYS; i++) {
        lay_text(c, (Box){x, y, kw, lay_text_h(t, lines)}, keys[i][0], t, FONT_SEMIBOLD,
                 ALIGN_LEFT, lines, LC_TEXT, -1);
        lay_text(c, (Box){x + kw + 0.5f * t, y, pw - 2.0f * p - kw - 0.5f * t, lay_text_h(t, lines)},
                 keys[i][1], t, FONT_REGULAR, ALIGN_LEFT, lines, LC_TEXT2, -1);
        y += rowh;
    }
    y += 0.5f * p;
    lay_text(c, (Box){x, y, pw - 2.0f * p, lay_text_h(t, 1)}, "Any key closes", t, FONT_REGULAR,
             ALIGN_CENTER, 1, LC_TEXT2, -1);
}
