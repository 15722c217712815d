/*
 * layout_help: the help overlay, a translucent scrim over the whole screen
 * (the only element allowed outside the safe area) and a centred panel that
 * lists every key. Any key closes it (the app does that). The columns are
 * sized from the estimated widths of their texts, so a key name never wraps.
 */
#include "layout_priv.h"

#include <math.h>

/* Key names stay as printed on the keys; what they do is translated. */
static const struct {
    const char *key;
    I18nMsg what;
} keys[] = {
    {"Left / Right, PgUp / PgDn", MSG_KEY_PREV_NEXT},
    {"Enter / Down", MSG_KEY_FOCUS},
    {"Esc / Backspace / Up", MSG_KEY_BACK},
    {"1 – 9", MSG_KEY_JUMP},
    {"T", MSG_KEY_TEAM},
    {"Space", MSG_KEY_PAUSE},
    {"R", MSG_KEY_REFRESH},
    {"H / ?", MSG_KEY_HELP},
    {"F", MSG_KEY_FULLSCREEN},
    {"Q", MSG_KEY_QUIT},
};
#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

static const char *key_text(size_t i, int col, I18nLang lang)
{
    return col == 0 ? keys[i].key : i18n_text(lang, keys[i].what);
}

/* Widest estimated text of one column, in ems. */
static float column_em(int col, I18nLang lang)
{
    float em = 0.0f;
    for (size_t i = 0; i < N_KEYS; i++)
        em = fmaxf(em, lay_text_em(key_text(i, col, lang)));
    return em;
}

void layout_help(Lctx *c)
{
    const Box in = c->inner;
    const float S = c->S, p = 0.03f * S;
    const float tt = 0.042f * S;
    /* semibold key names run a little wider than the estimate */
    const I18nLang lang = c->in->lang;
    const float key_em = 1.06f * column_em(0, lang), act_em = column_em(1, lang), gap_em = 1.5f;
    Rgba scrim = LC_BG;
    float t, kw, aw, pw, ph, rowh, x, y;
    int lines = 1;

    scrim.a = 220;
    c->scrim = lay_rect(c, (Box){0.0f, 0.0f, (float)c->in->width, (float)c->in->height}, scrim, 0.0f);

    /* both columns on one line each, at the largest size that fits the width
     * (never below the minimum); if even the minimum is too wide, the key
     * column keeps its width and the actions wrap to two lines */
    t = fminf(0.032f * S, (in.w - 2.0f * p) / (key_em + gap_em + act_em));
    if (t < c->tmin)
        t = c->tmin;
    kw = key_em * t;
    aw = act_em * t;
    pw = kw + gap_em * t + aw + 2.0f * p;
    if (pw > in.w) {
        pw = in.w;
        aw = pw - 2.0f * p - kw - gap_em * t;
        lines = 2;
        if (aw < 6.0f * t) { /* a very narrow screen: split the width */
            kw = 0.44f * (pw - 2.0f * p - gap_em * t);
            aw = pw - 2.0f * p - gap_em * t - kw;
        }
    }
    rowh = lay_text_h(t, lines) + 0.5f * t;
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
    lay_text(c, (Box){x, y, pw - 2.0f * p, lay_text_h(tt, 1)}, i18n_text(lang, MSG_HELP_TITLE), tt,
             FONT_SEMIBOLD, ALIGN_LEFT, 1, LC_TEXT, -1);
    y += lay_text_h(tt, 1) + 0.5f * p;
    for (size_t i = 0; i < N_KEYS; i++) {
        lay_text(c, (Box){x, y, kw, lay_text_h(t, lines)}, key_text(i, 0, lang), t, FONT_SEMIBOLD,
                 ALIGN_LEFT, lines, LC_TEXT, -1);
        lay_text(c, (Box){x + kw + gap_em * t, y, aw, lay_text_h(t, lines)}, key_text(i, 1, lang), t,
                 FONT_REGULAR, ALIGN_LEFT, lines, LC_TEXT2, -1);
        y += rowh;
    }
    y += 0.5f * p;
    lay_text(c, (Box){x, y, pw - 2.0f * p, lay_text_h(t, 1)}, i18n_text(lang, MSG_HELP_CLOSE), t,
             FONT_REGULAR, ALIGN_CENTER, 1, LC_TEXT2, -1);
}
