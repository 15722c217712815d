/*
 * layout_changes: the "what changed since the last standup" view. Three
 * sections, in the order a standup asks: the key results that moved most
 * (up, then down), those whose status changed, and those with no update
 * since the reference, each with its owner (the owner's name is the point:
 * it says whom to ask). Side by side in landscape, stacked in portrait.
 * A title takes a second line where one would cut it; a section lists the
 * rows that fit and counts the rest.
 */
#include "layout_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CH_MAX 256 /* key results a section considers */

typedef struct {
    size_t oi, ki;
    const OkrDelta *d;
} ChItem;

static int by_points_desc(const void *a, const void *b)
{
    const ChItem *x = a, *y = b;
    long px = x->d->points, py = y->d->points;
    /* ups first, largest first; then downs, largest drop first */
    if ((px > 0) != (py > 0))
        return px > 0 ? -1 : 1;
    if (px > 0)
        return px < py ? 1 : (px > py ? -1 : 0);
    return px < py ? -1 : (px > py ? 1 : 0);
}

static const char *owner_of(const OkrObjective *o, const OkrKeyResult *kr)
{
    if (kr->owner && kr->owner[0])
        return kr->owner;
    if (o->owner && o->owner[0])
        return o->owner;
    return "–";
}

static int by_owner(const void *a, const void *b, const OkrFeed *f)
{
    const ChItem *x = a, *y = b;
    const OkrObjective *ox = &f->objectives[x->oi], *oy = &f->objectives[y->oi];
    int r = strcmp(owner_of(ox, &ox->key_results[x->ki]), owner_of(oy, &oy->key_results[y->ki]));
    if (r)
        return r;
    return x->oi != y->oi ? (x->oi < y->oi ? -1 : 1) : (x->ki < y->ki ? -1 : 1);
}

static const OkrFeed *sort_feed;
static int by_owner_q(const void *a, const void *b)
{
    return by_owner(a, b, sort_feed);
}

/* The key results for section s (0 moved, 1 status, 2 no update), sorted. */
static size_t collect(const Lctx *c, int s, ChItem *items)
{
    const OkrFeed *f = c->in->feed;
    size_t n = 0;
    for (size_t o = 0; o < f->n_objectives; o++)
        for (size_t k = 0; k < f->objectives[o].n_key_results && n < CH_MAX; k++) {
            const OkrDelta *d = okr_delta_kr(c->in->deltas, o, k);
            bool want = d && (s == 0   ? lay_mark_wanted(d)
                              : s == 1 ? d->status_changed
                                       : d->no_update);
            if (want)
                items[n++] = (ChItem){o, k, d};
        }
    if (s == 0)
        qsort(items, n, sizeof(*items), by_points_desc);
    else if (s == 2) {
        sort_feed = f;
        qsort(items, n, sizeof(*items), by_owner_q);
    }
    return n;
}

/* Sizes of a section: heading text, row text, the small gap. */
#define SEC_TH(S) (0.036f * (S))
#define SEC_G(S) (0.010f * (S))
static float sec_t(const Lctx *c)
{
    return fmaxf(c->tmin, 0.028f * c->S);
}

/* Lines the title of item it takes in a section of width w: two where the
 * generous guess says one would cut it (the title then pushes the line
 * after it down). In "moved most" the title follows the change mark. */
static int title_lines(const Lctx *c, int s, const ChItem *it, float w)
{
    const OkrKeyResult *kr = &c->in->feed->objectives[it->oi].key_results[it->ki];
    const float t = sec_t(c);
    float tw = s == 0 ? w - lay_mark_em(it->d, c->in->lang) * t - 0.4f * t : w - 1.3f * t;
    return lay_fits_one_line(kr->title, t, tw) ? 1 : 2;
}

/* Height of item it's row: a line, the title's lines, the gap after. */
static float row_h(const Lctx *c, int s, const ChItem *it, float w)
{
    const float t = sec_t(c), lh = lay_text_h(t, 1), lt = lay_text_h(t, title_lines(c, s, it, w));
    return lh + lt + SEC_G(c->S);
}

/* Height section s takes in width w to show all it has: heading and rule,
 * then a row of two or three lines per key result, or the "nothing" line. */
static float section_need(Lctx *c, int s, float w, int hl)
{
    const float S = c->S, t = sec_t(c), g = SEC_G(S), lh = lay_text_h(t, 1);
    ChItem *items = malloc(sizeof(*items) * CH_MAX);
    float rows = 0.0f;
    size_t n;
    if (!items) {
        c->failed = true;
        return 0.0f;
    }
    n = collect(c, s, items);
    for (size_t i = 0; i < n; i++)
        rows += row_h(c, s, &items[i], w);
    free(items);
    return lay_text_h(SEC_TH(S), hl) + 1.2f * g + (n == 0 ? lh : rows - g);
}

/* One section in box b: its heading, then rows of two lines each, three
 * where a title takes two. Returns the height it used. */
static float section(Lctx *c, Box b, int s, const char *heading, int hl)
{
    const OkrFeed *f = c->in->feed;
    const float S = c->S, th = SEC_TH(S), t = sec_t(c), g = SEC_G(S);
    const float lh = lay_text_h(t, 1);
    ChItem *items = malloc(sizeof(*items) * CH_MAX);
    size_t n, fit, shown;
    float y = b.y;
    if (!items) {
        c->failed = true;
        return 0.0f;
    }
    n = collect(c, s, items);
    lay_text(c, (Box){b.x, y, b.w, lay_text_h(th, hl)}, heading, th, FONT_SEMIBOLD, ALIGN_LEFT, hl,
             LC_TEXT, -1);
    y += lay_text_h(th, hl) + 1.2f * g;
    lay_rect(c, (Box){b.x, y - 0.8f * g, b.w, fmaxf(1.0f, 0.002f * S)}, LC_TRACK, 0.0f);
    if (n == 0) {
        lay_text(c, (Box){b.x, y, b.w, lh}, i18n_text(c->in->lang, I18N_MSG_CHANGES_NOTHING), t,
                 FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2, -1);
        free(items);
        return y + lh - b.y;
    }
    /* as many rows as fit; the "+N more" line needs a line of its own
     * below the rows shown */
    {
        float used = 0.0f;
        for (fit = 0; fit < n; fit++) {
            float rh = row_h(c, s, &items[fit], b.w);
            if (y + used + rh - g > b.y + b.h + 0.5f)
                break;
            used += rh;
        }
        shown = fit;
        while (shown < n && shown > 0) {
            float u = 0.0f;
            for (size_t i = 0; i < shown; i++)
                u += row_h(c, s, &items[i], b.w);
            if (y + u + lh <= b.y + b.h + 0.5f)
                break;
            shown--;
        }
    }
    for (size_t i = 0; i < shown; i++) {
        const OkrObjective *o = &f->objectives[items[i].oi];
        const OkrKeyResult *kr = &o->key_results[items[i].ki];
        const OkrDelta *d = items[i].d;
        const int tl = title_lines(c, s, &items[i], b.w);
        const float ht = lay_text_h(t, tl);
        float x = b.x;
        if (s == 0) {
            /* the mark, then the title; the owner below */
            float used = lay_mark(c, x, y, b.w, t, d);
            x += used + 0.4f * t;
            lay_text(c, (Box){x, y, b.x + b.w - x, ht}, kr->title, t, FONT_REGULAR, ALIGN_LEFT, tl,
                     LC_TEXT, -1);
            lay_text(c, (Box){b.x, y + ht, b.w, lh}, owner_of(o, kr), t, FONT_REGULAR, ALIGN_LEFT,
                     1, LC_TEXT2, -1);
        } else if (s == 1) {
            /* "at risk → on track" in the new status's glyph, the title below */
            char buf[160];
            OkrStatus now = kr->score.status;
            snprintf(buf, sizeof(buf), "%s \xE2\x86\x92 %s",
                     layout_status_word_lang(d->status_before, c->in->lang),
                     layout_status_word_lang(now, c->in->lang));
            lay_glyph(c, (Box){x, y + lay_glyph_dy(t), t, t}, layout_status_glyph(now),
                      layout_status_color(now));
            x += 1.3f * t;
            lay_text(c, (Box){x, y, b.x + b.w - x, lh}, buf, t, FONT_SEMIBOLD, ALIGN_LEFT, 1,
                     LC_TEXT, -1);
            lay_text(c, (Box){x, y + lh, b.x + b.w - x, ht}, kr->title, t, FONT_REGULAR, ALIGN_LEFT,
                     tl, LC_TEXT2, -1);
        } else {
            /* the owner first and large: whom to ask */
            lay_glyph(c, (Box){x, y + lay_glyph_dy(t), t, t}, GLYPH_CLOCK, LC_RISK);
            x += 1.3f * t;
            lay_text(c, (Box){x, y, b.x + b.w - x, lh}, owner_of(o, kr), t, FONT_SEMIBOLD,
                     ALIGN_LEFT, 1, LC_TEXT, -1);
            lay_text(c, (Box){x, y + lh, b.x + b.w - x, ht}, kr->title, t, FONT_REGULAR, ALIGN_LEFT,
                     tl, LC_TEXT2, -1);
        }
        y += lh + ht + g;
    }
    if (shown < n) {
        char num[24], buf[64];
        snprintf(num, sizeof(num), "%zu", n - shown);
        i18n_format(c->in->lang, I18N_MSG_MORE, buf, sizeof(buf), num);
        lay_text(c, (Box){b.x, y, b.w, lh}, buf, t, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2, -1);
        y += lh + g; /* as if it were a row's */
    }
    free(items);
    return y - g - b.y; /* the last row's gap belongs to the next section */
}

/* Lines the headings take in sections w wide: two when any of them would
 * be cut on one ("No update since Nov 19, 14:00" in a third of 1080p), the
 * same for all three so their rules line up side by side. */
static int heading_lines(const Lctx *c, const char *const headings[3], float w)
{
    for (int s = 0; s < 3; s++)
        if (!lay_fits_one_line(headings[s], SEC_TH(c->S), w))
            return 2;
    return 1;
}

void layout_changes(Lctx *c)
{
    const Box a = c->content;
    const float S = c->S, g = 0.030f * S;
    const bool portrait = c->in->height > c->in->width;
    char no_update[96], when[48];
    const char *headings[3];

    if (!c->in->deltas) {
        layout_message(c, i18n_text(c->in->lang, I18N_MSG_CHANGES_NO_HISTORY));
        return;
    }
    {
        /* the header's words for the same reference (i18n_format_reference):
         * a weekday under 6 days back, else the date */
        i18n_format_reference_when(c->in->lang, c->in->deltas->reference, c->in->deltas->now, when,
                                   sizeof(when));
        i18n_format(c->in->lang, I18N_MSG_NO_UPDATE_SINCE, no_update, sizeof(no_update), when);
        if (no_update[0] >= 'a' && no_update[0] <= 'z')
            no_update[0] = (char)(no_update[0] - 'a' + 'A'); /* a heading */
    }
    headings[0] = i18n_text(c->in->lang, I18N_MSG_CHANGES_MOVED);
    headings[1] = i18n_text(c->in->lang, I18N_MSG_CHANGES_STATUS);
    headings[2] = no_update;
    if (portrait) {
        /* stacked with the same gap between sections: each takes the height
         * its rows need, and when they do not all fit, the ones that need
         * less keep what they need and the others share the rest equally
         * (three equal thirds left a short section's third empty while a
         * long one counted "+5 more") */
        float need[3], h[3], left = a.h - 2.0f * g, y = a.y;
        bool done[3] = {false, false, false};
        for (int s = 0; s < 3; s++)
            need[s] = section_need(c, s, a.w, heading_lines(c, headings, a.w));
        for (int round = 3; round > 0; round--) {
            int pick = -1;
            for (int s = 0; s < 3; s++)
                if (!done[s] && (pick < 0 || need[s] < need[pick]))
                    pick = s;
            h[pick] = fminf(need[pick], left / (float)round);
            left -= h[pick];
            done[pick] = true;
        }
        /* a section that shows fewer rows than its height holds passes
         * the rest down, so every gap is g */
        for (int s = 0; s < 3; s++) {
            float bh = s == 2 ? a.y + a.h - y : h[s];
            float used =
                section(c, (Box){a.x, y, a.w, bh}, s, headings[s], heading_lines(c, headings, a.w));
            if (s < 2)
                h[s + 1] += bh - used;
            y += used + g;
        }
        return;
    }
    for (int s = 0; s < 3; s++) {
        Box b;
        {
            float w = (a.w - 2.0f * g) / 3.0f;
            b = (Box){a.x + (float)s * (w + g), a.y, w, a.h};
        }
        section(c, b, s, headings[s], heading_lines(c, headings, b.w));
    }
}
