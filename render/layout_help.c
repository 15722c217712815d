/*
 * layout_help: the help overlay, a translucent scrim over the whole screen
 * (the only element allowed outside the safe area) and a centred panel that
 * lists every key. Any key closes it (the app does that). The columns are
 * sized from the estimated widths of their texts, so a key name never wraps.
 * On tiny screens the panel first tightens its spacing, then leaves out the
 * least needed rows (in drop_order), so it always stays inside the area.
 */
#include "layout_priv.h"

#include <math.h>

/* Key names stay as printed on the keys; what they do is translated. The
 * last rows explain the pace marker and the focus view's trend lines (their
 * names translated, key NULL). */
static const struct {
    const char *key;
    I18nMsg what;
    I18nMsg name; /* rows without a key: what the row explains */
} keys[] = {
    {"Left / Right, PgUp / PgDn", I18N_MSG_KEY_PREV_NEXT, I18N_MSG_COUNT},
    {"Enter / Down", I18N_MSG_KEY_FOCUS, I18N_MSG_COUNT},
    {"Esc / Backspace / Up", I18N_MSG_KEY_BACK, I18N_MSG_COUNT},
    {"1 – 9", I18N_MSG_KEY_JUMP, I18N_MSG_COUNT},
    {"T", I18N_MSG_KEY_TEAM, I18N_MSG_COUNT},
    {"C", I18N_MSG_KEY_CHANGES, I18N_MSG_COUNT},
    {"Space", I18N_MSG_KEY_PAUSE, I18N_MSG_COUNT},
    {"R", I18N_MSG_KEY_REFRESH, I18N_MSG_COUNT},
    {"H / ?", I18N_MSG_KEY_HELP, I18N_MSG_COUNT},
    {"F", I18N_MSG_KEY_FULLSCREEN, I18N_MSG_COUNT},
    {"Q", I18N_MSG_KEY_QUIT, I18N_MSG_COUNT},
    {NULL, I18N_MSG_HELP_PACE, I18N_MSG_HELP_PACE_MARK},
    {NULL, I18N_MSG_HELP_TREND, I18N_MSG_HELP_TREND_MARK},
    {NULL, I18N_MSG_HELP_DIAGONAL, I18N_MSG_HELP_DIAGONAL_MARK},
};
#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

/* Rows left out first when the panel cannot fit them all: conveniences
 * before navigation; help and quit go last. */
static const size_t drop_order[N_KEYS] = {4, 3, 13, 12, 9, 11, 7, 5, 6, 1, 2, 0, 8, 10};

/* Panel height for n rows of pitch rowh with padding p. */
static float panel_h(float p, float tt, float t, float rowh, size_t n)
{
    return 2.0f * p + lay_text_h(tt, 1) + 0.5f * p + (float)n * rowh + 0.5f * p + lay_text_h(t, 1);
}

static bool dropped(size_t i, size_t n_drop)
{
    for (size_t k = 0; k < n_drop; k++)
        if (drop_order[k] == i)
            return true;
    return false;
}

static const char *key_text(size_t i, int col, I18nLang lang)
{
    if (col == 0)
        return keys[i].key ? keys[i].key : i18n_text(lang, keys[i].name);
    return i18n_text(lang, keys[i].what);
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
    const float S = c->S;
    float p = 0.03f * S, tt = 0.042f * S;
    /* semibold key names run a little wider than the estimate */
    const I18nLang lang = c->in->lang;
    const float key_em = 1.06f * column_em(0, lang), act_em = column_em(1, lang), gap_em = 1.5f;
    Rgba scrim = LC_BG;
    float t, kw, aw, pw, ph, rowh, x, y;
    int lines = 1;
    size_t n_drop = 0;

    scrim.a = 220;
    c->scrim =
        lay_rect(c, (Box){0.0f, 0.0f, (float)c->in->width, (float)c->in->height}, scrim, 0.0f);

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
    ph = panel_h(p, tt, t, rowh, N_KEYS);
    if (ph > in.h) {
        /* a tiny screen: tighter rows, a smaller title and padding (the
         * width stays as sized above), then fewer rows */
        float pw_inner = pw - 2.0f * p;
        p = 0.015f * S;
        tt = fmaxf(t, 0.034f * S);
        pw = pw_inner + 2.0f * p;
        rowh = lay_text_h(t, lines) + 0.1f * t;
        ph = panel_h(p, tt, t, rowh, N_KEYS);
        while (ph > in.h && n_drop + 1 < N_KEYS) {
            n_drop++;
            ph = panel_h(p, tt, t, rowh, N_KEYS - n_drop);
        }
        if (ph > in.h)
            ph = in.h; /* absurd sizes: only stay on screen */
    }
    x = in.x + 0.5f * (in.w - pw);
    y = in.y + 0.5f * (in.h - ph);
    lay_rect(c, (Box){x, y, pw, ph}, LC_CARD, 0.015f * S);
    x += p;
    y += p;
    lay_text(c, (Box){x, y, pw - 2.0f * p, lay_text_h(tt, 1)}, i18n_text(lang, I18N_MSG_HELP_TITLE),
             tt, FONT_SEMIBOLD, ALIGN_LEFT, 1, LC_TEXT, -1);
    y += lay_text_h(tt, 1) + 0.5f * p;
    for (size_t i = 0; i < N_KEYS; i++) {
        if (dropped(i, n_drop))
            continue;
        lay_text(c, (Box){x, y, kw, lay_text_h(t, lines)}, key_text(i, 0, lang), t, FONT_SEMIBOLD,
                 ALIGN_LEFT, lines, LC_TEXT, -1);
        lay_text(c, (Box){x + kw + gap_em * t, y, aw, lay_text_h(t, lines)}, key_text(i, 1, lang),
                 t, FONT_REGULAR, ALIGN_LEFT, lines, LC_TEXT2, -1);
        y += rowh;
    }
    y += 0.5f * p;
    lay_text(c, (Box){x, y, pw - 2.0f * p, lay_text_h(t, 1)}, i18n_text(lang, I18N_MSG_HELP_CLOSE),
             t, FONT_REGULAR, ALIGN_CENTER, 1, LC_TEXT2, -1);
}
