/*
 * layout_overview: the overview and team views, one card per objective: its
 * ring, title, status and owner, and its key results as a list of rows (small
 * ring, percentage, title) that people can read from across the room.
 *
 * Planning is separate from emitting: a card is first planned (ring size, text
 * sizes, key-result grid) for a box, which tells whether everything fits at
 * the minimum text size and how good it looks. The page grid (columns x rows)
 * and the number of objectives per page are chosen by planning candidate cards
 * and keeping the best legible one, so 1 objective fills the screen and 12
 * with 8 key results each go to pages instead of shrinking below the minimum.
 * Every card of a page then gets the same ring, key-result text size and row
 * shape, chosen with each card's own titles so that as many key-result titles
 * as possible are shown whole: a row's title wraps to a second and third line
 * where its card has the height (grow_rows), the lines after the first
 * running under the row's numbers (hanging), and cards side by side share a
 * title block height, so their rows line up. Whole titles weigh most, so a
 * page of 2 x 2 cards usually takes the "band" arrangement: the objective's
 * title across the card, its status and owner under the ring, and the list
 * beside them the full height below the title. Each card's percentage and
 * change-mark columns are as wide as its own numbers.
 */
#include "layout_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_PER_PAGE 12
#define KR_SHOWN 8 /* key results a card shows; beyond that "+N more" */

/* Key results are laid out as a list of rows in one or more columns. Shapes:
 *   KR_ROW:  small ring | status glyph + percentage | title of 1-2 lines,
 *            all on one band (the percentages form a column, the title takes
 *            the rest of the width)
 *   KR_CELL: ring | percentage over a title of 1-2 lines (for narrow columns)
 * Every size is in units of the text size t. fit_kr tries every shape, line
 * count and column count and keeps the one that reads best: as much of each
 * title as possible, then large text, then a larger ring. */
typedef enum { KR_ROW, KR_CELL } KrShape;

typedef struct {
    int cols, rows;
    KrShape shape;
    int lines;     /* title lines */
    float t;       /* text size */
    float d;       /* ring diameter */
    float cw;      /* column width */
    float rh;      /* row height */
    float pitch;   /* top of one row to the top of the next */
    float pct_em;  /* percentage width in ems (without the glyph; with the
                      card's change-mark column) */
    float mark_em; /* the card's change-mark column in ems (0: none moved) */
    float tw;      /* title width beside the numbers */
    float w2;      /* a row's title lines after its first: they run under
                      the status glyph and percentage (hanging) */
    float chars;   /* about how many title characters a key result shows */
    /* Rows fitted to their titles (grow_rows): a row's title gets the lines
     * it needs, up to three, while the list fits its height. */
    bool grown;
    int n; /* rows placed (with a "+N more" row) */
    signed char row_lines[KR_SHOWN];
    float row_y[KR_SHOWN]; /* top of each row from the top of the list */
    float gap;             /* between rows */
    int whole;             /* titles the estimate shows whole */
    float cut_chars;       /* about how many characters the most cut title
                              shows (a large number when none is cut) */
} KrGrid;

/* Card arrangements, see plan_card_d. */
typedef enum { CARD_SIDE, CARD_STACK, CARD_BAND, CARD_COLUMN } CardMode;

typedef struct {
    bool ok;
    float quality;
    Box box;   /* card */
    Box ring;  /* ring bounding box (square) */
    Box title; /* title_lines lines of tt */
    Box meta;  /* glyph + status word + owner, 1 line of ts */
    Box kr_area;
    float tt, ts;
    int title_lines;
    CardMode mode;
    KrGrid kr;
} CardPlan;

#define KR_GLYPH_EM 1.3f     /* status glyph and its gap, before the percentage */
#define KR_GAP_EM 0.45f      /* ring to text */
#define KR_ROW_GAP_EM 0.18f  /* between rows */
#define KR_TITLE_GAP_EM 0.6f /* percentage to title */
#define KR_COL_GAP_EM 1.4f
#define KR_RING_MAX 0.45f   /* largest key-result ring, of the objective's */
#define KR_RING_THICK 0.17f /* of a key-result ring's diameter (objective: 0.12) */

/* Ring diameter, in ems: a row's ring is the same size whatever its lines
 * (it sits beside the first one); a cell's spans its percentage and title. */
static float kr_ring_em(KrShape shape, int lines)
{
    if (shape == KR_ROW)
        return 1.5f;
    return LAYOUT_LINE * (float)(1 + lines);
}

/* Pixels a row needs beyond its ems: the snapping slack of its text boxes
 * (see lay_text_h) below the ring's bottom; a wrapped row's title is two
 * boxes (its first line, then the rest), each with its own slack. */
static float kr_row_px(KrShape shape, int lines)
{
    if (shape == KR_ROW)
        return lines > 1 ? (float)lines + 4.0f : 0.0f;
    return (float)lines + 7.0f;
}

/* Row height, in ems (plus kr_row_px). */
static float kr_row_em(KrShape shape, int lines)
{
    const float ring = kr_ring_em(shape, lines);
    if (shape == KR_ROW && lines > 1) /* first line centred on the ring */
        return 0.5f * (ring - LAYOUT_LINE) + LAYOUT_LINE * (float)lines;
    return ring;
}

/* Width of everything in a column but the title, in ems. */
static float kr_fixed_em(KrShape shape, int lines, float pct_em)
{
    float e = kr_ring_em(shape, lines) + KR_GAP_EM;
    if (shape == KR_ROW)
        e += KR_GLYPH_EM + pct_em + KR_TITLE_GAP_EM;
    return e;
}

static float kr_score(const Lctx *c, const KrGrid *g)
{
    const float tmax = 0.030f * c->S;
    /* titles first (steeply up to ~26 characters, a little beyond), then the
     * text size, then the ring; one column and one line read most easily */
    return 1.5f * fminf(g->chars / 26.0f, 1.0f) + 0.5f * fminf(g->chars / 60.0f, 1.0f) +
           0.6f * g->t / tmax + 0.2f * fminf(g->d / (2.4f * tmax), 1.0f) -
           0.05f * (float)(g->cols - 1) - 0.02f * (float)(g->lines - 1) - 0.001f * (float)g->rows;
}

/* The largest text size at which n rows of a shape fit the height h. */
static float kr_t_max(float w, float h, int n, KrShape shape, int lines, int cols)
{
    const int rows = (n + cols - 1) / cols;
    (void)w;
    return (h - (float)rows * kr_row_px(shape, lines)) /
           ((float)rows * kr_row_em(shape, lines) + (float)(rows - 1) * KR_ROW_GAP_EM);
}

/* One shape in w x h for n key results; t_fixed > 0 keeps that text size. */
static bool kr_fit_one(const Lctx *c, float w, float h, int n, KrShape shape, int lines, int cols,
                       float pct_em, float t_fixed, KrGrid *k)
{
    const float tmax = 0.030f * c->S;
    const int rows = (n + cols - 1) / cols;
    const float hk = kr_ring_em(shape, lines);
    const float t_h = kr_t_max(w, h, n, shape, lines, cols);
    float t = t_fixed > 0.0f ? t_fixed : fminf(tmax, t_h);

    if (t > t_h * 1.0001f || t < c->tmin * 0.9999f)
        return false;
    memset(k, 0, sizeof(*k));
    k->cols = cols;
    k->rows = rows;
    k->shape = shape;
    k->lines = lines;
    k->t = t;
    k->d = hk * t;
    k->rh = kr_row_em(shape, lines) * t + kr_row_px(shape, lines);
    k->pct_em = pct_em;
    k->cw = (w - (float)(cols - 1) * KR_COL_GAP_EM * t) / (float)cols;
    k->tw = k->cw - kr_fixed_em(shape, lines, pct_em) * t;
    k->w2 = shape == KR_ROW ? k->cw - (k->d + KR_GAP_EM * t) : k->tw;
    if (k->tw < 4.0f * t)
        return false; /* not even a word or two */
    if (shape == KR_CELL && k->cw - k->d - KR_GAP_EM * t < (KR_GLYPH_EM + pct_em) * t)
        return false; /* the percentage line must fit beside the ring */
    /* rows stay together at the top; spare height opens the gaps a little */
    k->pitch = k->rh + KR_ROW_GAP_EM * t;
    if (rows > 1) {
        float spare = (h - (float)rows * k->rh) / (float)(rows - 1);
        k->pitch = k->rh + fminf(fmaxf(spare, KR_ROW_GAP_EM * t), 0.9f * t);
    }
    /* a wrapped second line loses a word's end */
    k->chars = (lines == 1 ? k->tw : k->tw + 0.8f * k->w2) / (0.55f * t);
    return true;
}

/* Advance widths of printable ASCII in hundredths of an em: the wider of
 * Inter and DejaVu Sans (regular), the faces the wall uses, so the estimate
 * errs wide with either. Other characters: 1 em from U+3000 on (CJK and
 * wider), else 0.7 em. */
static const unsigned char ASCII_EM[95] = {
    32, 40, 46, 84, 64, 95, 78, 27, 39,  39, 50, 84, 32, 46, 32, 36, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 73, 77, 63, 59, 77, 75, 30, 54, 66, 56, 89, 75, 79,
    64, 79, 69, 64, 64, 74, 68, 99, 69,  66, 69, 39, 36, 39, 84, 51, 50, 61, 63, 56, 63, 62, 36, 63,
    63, 28, 30, 58, 28, 97, 63, 61, 63,  63, 41, 52, 39, 63, 59, 82, 59, 59, 54, 64, 34, 64, 84};

static float char_em(const unsigned char *p)
{
    if (*p >= 0x20 && *p < 0x7F)
        return (float)ASCII_EM[*p - 0x20] / 100.0f;
    /* colour emoji (4-byte sequences) are drawn at the line's height */
    return *p >= 0xF0 ? 1.3f : *p >= 0xE3 ? 1.0f : 0.7f;
}

/* Lines a title needs in a box w ems wide, wrapped as the renderer wraps
 * (at spaces; a word longer than a line anywhere): 1 to max, or max + 1 for
 * "more". An estimate (see ASCII_EM), a little wide on purpose. */
static int title_lines_needed(const char *text, float w, int max)
{
    const float space = (float)ASCII_EM[0] / 100.0f;
    const unsigned char *p = (const unsigned char *)text;
    float x = -1.0f; /* width of the line so far, < 0 before its first word */
    int lines = 1;
    w *= 0.98f;
    while (*p) {
        float word = 0.0f;
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        for (; *p && *p != ' '; p++)
            if ((*p & 0xC0) != 0x80)
                word += char_em(p);
        if (x >= 0.0f && x + space + word <= w) {
            x += space + word;
            continue;
        }
        if (x >= 0.0f)
            lines++;
        /* a word wider than the line breaks anywhere */
        while (word > w && lines <= max) {
            word -= w;
            lines++;
        }
        x = word;
        if (lines > max)
            return max + 1;
    }
    return lines;
}

/* Bytes of text (whole words, by the same estimate) that go on a first line
 * w ems wide; 0 when not even the first word fits. */
static size_t first_line_len(const char *text, float w)
{
    const float space = (float)ASCII_EM[0] / 100.0f;
    const unsigned char *p = (const unsigned char *)text;
    size_t fit = 0;
    float x = -1.0f;
    w *= 0.98f;
    for (;;) {
        const unsigned char *q = p;
        float word = 0.0f;
        while (*q == ' ')
            q++;
        if (!*q)
            return fit;
        for (; *q && *q != ' '; q++)
            if ((*q & 0xC0) != 0x80)
                word += char_em(q);
        if ((x < 0.0f ? word : x + space + word) > w)
            return fit;
        x = x < 0.0f ? word : x + space + word;
        fit = (size_t)(q - (const unsigned char *)text);
        p = q;
    }
}

/* The rest of a title after its first fit bytes, without leading spaces. */
static const char *title_rest(const char *text, size_t fit)
{
    text += fit;
    while (*text == ' ')
        text++;
    return text;
}

/* Lines a row's title needs with its first line w1 ems wide and the rest
 * w2 (hanging under the numbers): 1 to 3, or 4 for "more than three".
 * When not even the first word fits beside the numbers, the title keeps to
 * the w1 column (see emit_kr). */
static int title_lines_hang(const char *text, float w1, float w2)
{
    size_t fit = first_line_len(text, w1);
    const char *rest = title_rest(text, fit);
    if (fit == 0)
        return title_lines_needed(text, w1, 3);
    return *rest ? 1 + title_lines_needed(rest, w2, 2) : 1;
}

/* Height of a list row of this shape and line count. */
static float kr_row_h(KrShape shape, int lines, float t)
{
    return kr_row_em(shape, lines) * t + kr_row_px(shape, lines);
}

/* Places the rows of a grown grid from the top of a list of height h, a
 * column at a time: rows max_gap apart at most, closer when the column is
 * full. */
static void place_rows(KrGrid *g, float h, float max_gap)
{
    const float min_gap = KR_ROW_GAP_EM * g->t;
    g->gap = max_gap;
    for (int col = 0; col * g->rows < g->n; col++) {
        int first = col * g->rows, m = g->n - first < g->rows ? g->n - first : g->rows;
        float sum = 0.0f;
        for (int i = 0; i < m; i++)
            sum += kr_row_h(g->shape, g->row_lines[first + i], g->t);
        if (m > 1)
            g->gap = fminf(g->gap, fmaxf(min_gap, (h - sum) / (float)(m - 1)));
    }
    for (int col = 0; col * g->rows < g->n; col++) {
        float y = 0.0f;
        for (int k = col * g->rows; k < g->n && k < (col + 1) * g->rows; k++) {
            g->row_y[k] = y;
            y += kr_row_h(g->shape, g->row_lines[k], g->t) + g->gap;
        }
    }
}

/* Gives each row of o's list the title lines it needs (one to three)
 * while every column fits the height h; where it does not, rows give up
 * lines one at a time, first those cut anyway, then whole ones, the
 * longest first (it frees the most), from the bottom up (deterministic).
 * Only the one-band row shape wraps per row; cells keep the grid's lines. */
static void grow_rows(KrGrid *g, const OkrObjective *o, float h)
{
    int need[KR_SHOWN];
    if (g->cols <= 0 || o->n_key_results == 0)
        return;
    g->n = o->n_key_results > KR_SHOWN ? KR_SHOWN : (int)o->n_key_results;
    g->whole = 0;
    for (int k = 0; k < g->n; k++) {
        const char *title = o->key_results[k].title;
        bool more = o->n_key_results > KR_SHOWN && k == KR_SHOWN - 1;
        need[k] = more                 ? 1
                  : g->shape == KR_ROW ? title_lines_hang(title, g->tw / g->t, g->w2 / g->t)
                                       : title_lines_needed(title, g->tw / g->t, 2);
        g->row_lines[k] =
            (signed char)(g->shape == KR_ROW ? (need[k] > 3 ? 3 : need[k]) : g->lines);
    }
    for (int col = 0; g->shape == KR_ROW && col * g->rows < g->n; col++) {
        int first = col * g->rows, last = g->n < first + g->rows ? g->n : first + g->rows;
        for (;;) {
            float sum = (float)(last - first - 1) * KR_ROW_GAP_EM * g->t;
            int pick = -1;
            for (int k = first; k < last; k++)
                sum += kr_row_h(KR_ROW, g->row_lines[k], g->t);
            if (sum <= h + 0.01f)
                break;
            for (int k = last - 1; k >= first && pick < 0; k--)
                if (g->row_lines[k] > 1 && need[k] > g->row_lines[k])
                    pick = k;
            if (pick < 0) {
                int most = 1;
                for (int k = last - 1; k >= first; k--)
                    if (g->row_lines[k] > most) {
                        most = g->row_lines[k];
                        pick = k;
                    }
            }
            if (pick < 0)
                break;
            g->row_lines[pick]--;
        }
    }
    g->cut_chars = 1e6f;
    for (int k = 0; k < g->n; k++) {
        float w = g->shape == KR_ROW ? g->tw + (float)(g->row_lines[k] - 1) * g->w2
                                     : (float)g->row_lines[k] * g->tw;
        g->whole += need[k] <= g->row_lines[k];
        if (need[k] > g->row_lines[k])
            g->cut_chars = fminf(g->cut_chars, w / (0.55f * g->t));
    }
    g->grown = true;
    place_rows(g, h, g->pitch - g->rh);
}

/* Height of the list as placed. */
static float kr_used_h(const KrGrid *g)
{
    float used = 0.0f;
    if (!g->grown)
        return g->cols > 0 ? (float)(g->rows - 1) * g->pitch + g->rh : 0.0f;
    for (int k = 0; k < g->n; k++)
        used = fmaxf(used, g->row_y[k] + kr_row_h(g->shape, g->row_lines[k], g->t));
    return used;
}

/* The best list for n key results in w x h. t_fixed > 0 keeps that text size
 * and shape (a card matching the rest of its page); otherwise any. With o
 * (the objective whose n key results these are), rows are fitted to their
 * titles (grow_rows) and the list showing the most titles whole wins. */
static bool fit_kr(const Lctx *c, float w, float h, int n, float pct_em, float t_fixed,
                   int only_shape, float dmax, const OkrObjective *o, KrGrid *best)
{
    float best_score = 0.0f;
    bool found = false;
    if (n <= 0) {
        memset(best, 0, sizeof(*best));
        return true;
    }
    if (n > KR_SHOWN)
        n = KR_SHOWN;
    for (int shape = KR_ROW; shape <= KR_CELL; shape++) {
        if (only_shape >= 0 && shape != only_shape)
            continue;
        for (int lines = 1; lines <= 2; lines++) {
            for (int cols = 1; cols <= n && cols <= 4; cols++) {
                if (cols > 1 && (cols - 1) * ((n + cols - 1) / cols) >= n)
                    continue; /* a whole column would stay empty */
                /* the largest text that fits, and smaller ones down to the
                 * minimum: a smaller size may show more of each title */
                for (int step = 0; step <= (t_fixed > 0.0f ? 0 : 4); step++) {
                    KrGrid k;
                    float score, t = t_fixed;
                    if (step > 0) {
                        float top =
                            fminf(0.030f * c->S, kr_t_max(w, h, n, (KrShape)shape, lines, cols));
                        t = top - (top - c->tmin) * (float)step / 4.0f;
                        if (t < c->tmin)
                            break;
                    }
                    if (!kr_fit_one(c, w, h, n, (KrShape)shape, lines, cols, pct_em, t, &k))
                        continue;
                    if (k.d > dmax)
                        continue; /* the objective's ring stays the largest */
                    score = kr_score(c, &k);
                    if (o) {
                        /* with its titles known: rows of two lines where
                         * needed, and whole titles above all */
                        grow_rows(&k, o, h);
                        score += 4.0f * (float)k.whole / (float)k.n;
                    }
                    if (!found || score > best_score + 1e-4f) {
                        found = true;
                        best_score = score;
                        *best = k;
                    }
                }
            }
        }
    }
    return found;
}

/* Width in ems of the widest percentage (or "no data") any key result of
 * these objectives shows: the column of percentages is sized to it. */
static float pct_em_of(const OkrFeed *f, const size_t *objs, size_t n, I18nLang lang)
{
    float em = 2.0f;
    for (size_t i = 0; i < n; i++) {
        const OkrObjective *o = &f->objectives[objs[i]];
        for (size_t k = 0; k < o->n_key_results && k < KR_SHOWN; k++) {
            const OkrKeyResult *kr = &o->key_results[k];
            char buf[32];
            float e = 0.0f;
            if (!kr->score.has_value) {
                e = lay_text_em(i18n_text(lang, I18N_MSG_NO_DATA));
            } else {
                i18n_format_progress(lang, kr->score.raw, buf, sizeof(buf));
                /* semibold tabular digits are wider than the 0.55 average */
                for (const char *p = buf; *p; p++)
                    e += *p == '%' ? 1.0f : (*p == ' ' ? 0.3f : 0.68f);
            }
            if (e > em)
                em = e;
        }
    }
    return em;
}

#define MARK_GAP_EM 0.35f /* percentage to its change mark */

/* Width in ems of the change-mark column of these objectives' key results
 * (the widest mark and the gap before it), 0 when none moved. */
static float mark_em_of(const Lctx *c, const size_t *objs, size_t n)
{
    const OkrFeed *f = c->in->feed;
    float em = 0.0f;
    for (size_t i = 0; i < n && c->in->deltas; i++) {
        const OkrObjective *o = &f->objectives[objs[i]];
        for (size_t k = 0; k < o->n_key_results && k < KR_SHOWN; k++) {
            float e = lay_mark_em(okr_delta_kr(c->in->deltas, objs[i], k), c->in->lang);
            if (e > 0.0f && e + MARK_GAP_EM > em)
                em = e + MARK_GAP_EM;
        }
    }
    return em;
}

/* Sets c->side_em and c->tall_em: the width in ems of the widest status
 * line (glyph, word and the objective's change mark) or owner of these
 * objectives, as emit_meta_column places them, with the marks on the status
 * line and on lines of their own. */
static void side_em_of(Lctx *c, const size_t *objs, size_t n)
{
    const OkrFeed *f = c->in->feed;
    c->side_em = c->tall_em = 0.0f;
    for (size_t i = 0; i < n; i++) {
        const OkrObjective *o = &f->objectives[objs[i]];
        float e = 1.3f + lay_text_em(layout_status_word_lang(o->score.status, c->in->lang)) + 0.5f;
        float m = lay_mark_em(okr_delta_objective(c->in->deltas, objs[i]), c->in->lang);
        float e3 = fmaxf(e, m);
        if (m > 0.0f)
            e += 0.6f + m;
        /* the owner below it, up to a short name's width (longer ones end
         * in an ellipsis rather than narrow every list) */
        if (o->owner && o->owner[0]) {
            float ow = fminf(lay_text_em(o->owner), 7.0f);
            e = fmaxf(e, ow);
            e3 = fmaxf(e3, ow);
        }
        c->side_em = fmaxf(c->side_em, e);
        c->tall_em = fmaxf(c->tall_em, e3);
    }
}

#define RING_MIN_FRAC 0.17f /* smallest objective ring, of S: percentage >= 2.9 % */
#define KR_MIN_CHARS 18.0f  /* below this a key-result title says too little */
/* A list fitted to its titles may cut one a little shorter: the others
 * wrap to be read whole (see grow_rows). */
#define KR_MIN_CUT_CHARS 15.0f

static float card_quality(const Lctx *c, const CardPlan *pl, float D, float rw, int nkr)
{
    const float S = c->S;
    /* a ring of 0.4 S reads from across the room; larger still helps a little */
    float q = fminf(D / (0.40f * S), 1.0f) + 0.2f * fminf(D / S, 1.0f) +
              0.3f * fminf(rw / (18.0f * pl->tt), 1.0f);
    if (nkr > 0)
        q += kr_score(c, &pl->kr) +
             (pl->kr.grown && pl->kr.n > 0 ? 4.0f * (float)pl->kr.whole / (float)pl->kr.n : 0.0f);
    else
        q += 2.5f;
    return q;
}

/* The objective title's size in a card whose inside is ih high. */
static float card_tt(const Lctx *c, float ih)
{
    return fmaxf(c->tmin * 1.05f, fminf(0.038f * c->S, 0.09f * ih));
}

/* One arrangement with ring diameter D. Mode "side": the ring on the left,
 * vertically centred; title, status and the key-result list share the right,
 * from the top down. Mode "stack": the ring top left with the title and status
 * beside it, the key-result list across the full width below. Mode "column"
 * (a tall card, e.g. one objective in portrait): the ring centred on top, the
 * title, status and list across the full width below it. Mode "band": the
 * title across the full width on top; below it the ring with its status
 * and owner under it on the left, and the key-result list beside them, as
 * tall as the card allows (the list gets the height of the status line).
 * The title block has title_lines lines in every card of a page, so the
 * status rows and the lists line up from card to card. */
static CardPlan plan_card_d(const Lctx *c, Box box, int nkr, float pct_em, CardMode mode,
                            int title_lines, float D, const OkrObjective *o, float t_fixed,
                            int shape_fixed, float tt)
{
    const float S = c->S, p = 0.018f * S, g = 0.018f * S;
    const float ix = box.x + p, iy = box.y + p, iw = box.w - 2.0f * p, ih = box.h - 2.0f * p;
    CardPlan pl;
    float rx, rw, th, mh, top;

    memset(&pl, 0, sizeof(pl));
    pl.box = box;
    pl.mode = mode;
    pl.tt = tt > 0.0f ? tt : card_tt(c, ih);
    pl.ts = fmaxf(c->tmin, fminf(0.030f * S, 0.065f * ih));
    pl.title_lines = title_lines;
    th = lay_text_h(pl.tt, title_lines);
    mh = lay_text_h(pl.ts, 1);
    if (iw <= 0.0f || ih <= 0.0f || D > ih + 0.01f)
        return pl;
    rx = ix + D + g;
    rw = ix + iw - rx;
    if (mode == CARD_COLUMN) {
        rw = iw;
        pl.ring = (Box){ix + 0.5f * (iw - D), iy, D, D};
        pl.title = (Box){ix, iy + D + g, iw, th};
        pl.meta = (Box){ix, pl.title.y + th + 0.15f * g, iw, mh};
        top = pl.meta.y + mh + 0.5f * g;
        pl.kr_area = (Box){ix, top, iw, iy + ih - top};
    } else if (mode == CARD_BAND) {
        /* the status column is as wide as the page's widest status line;
         * change marks that would widen it get a line of their own where
         * the height allows */
        float lw = fmaxf(D, c->side_em * pl.ts);
        int meta_lines = 2;
        top = iy + th + 0.1f * g;
        if (c->tall_em < c->side_em && top + D + 3.0f * mh <= iy + ih + 0.01f) {
            lw = fmaxf(D, c->tall_em * pl.ts);
            meta_lines = 3;
        }
        rx = ix + lw + g;
        rw = ix + iw - rx;
        pl.title = (Box){ix, iy, iw, th};
        pl.ring = (Box){ix, top, D, D};
        /* the ring's box already leaves the pace marker's room below it */
        /* (the owner may reach halfway into the gap before the list) */
        pl.meta = (Box){ix, top + D, lw + 0.5f * g, (float)meta_lines * mh};
        pl.kr_area = (Box){rx, top, rw, iy + ih - top};
        if (pl.meta.y + pl.meta.h > iy + ih + 0.01f)
            return pl;
    } else if (mode == CARD_SIDE) {
        pl.ring = (Box){ix, iy + 0.5f * (ih - D), D, D};
        pl.title = (Box){rx, iy, rw, th};
        pl.meta = (Box){rx, iy + th + 0.15f * g, rw, mh};
        top = pl.meta.y + mh + 0.5f * g;
        pl.kr_area = (Box){rx, top, rw, iy + ih - top};
    } else {
        if (D < th + mh + 0.15f * g)
            return pl;
        pl.ring = (Box){ix, iy, D, D};
        pl.title = (Box){rx, iy, rw, th};
        pl.meta = (Box){rx, iy + th + 0.15f * g, rw, mh};
        top = iy + D + g;
        pl.kr_area = (Box){ix, top, iw, iy + ih - top};
    }
    /* legible: the ring holds a big enough percentage, the title has room for
     * ~13 characters a line, the key results fit at the minimum size and show
     * more than a word of their titles */
    if (D < RING_MIN_FRAC * S || rw < 7.0f * pl.tt)
        return pl;
    if (nkr > 0 &&
        (pl.kr_area.h <= 0.0f ||
         !fit_kr(c, pl.kr_area.w, pl.kr_area.h, nkr, pct_em, t_fixed, shape_fixed, KR_RING_MAX * D,
                 o, &pl.kr) ||
         (pl.kr.grown ? pl.kr.cut_chars < KR_MIN_CUT_CHARS : pl.kr.chars < KR_MIN_CHARS)))
        return pl;
    {
        /* height the list takes; what is left over is empty card */
        float used = nkr > 0 ? kr_used_h(&pl.kr) : 0.0f;
        float spare = fmaxf(0.0f, pl.kr_area.h - used), empty;
        if (o) {
            /* a card of a page: plan_page centres the page's cards alike */
            empty = mode == CARD_STACK ? rw * fmaxf(0.0f, D - (th + 0.15f * g + mh)) + iw * spare
                                       : rw * spare;
        } else if (mode != CARD_STACK) {
            /* centre the text column beside the ring (everything, in a
             * column); every card of a page shifts alike, as it is planned
             * for the page's longest list */
            float dy = 0.5f * spare;
            pl.title.y += dy;
            pl.meta.y += dy;
            pl.kr_area.y += dy;
            pl.kr_area.h -= dy;
            if (mode == CARD_COLUMN || mode == CARD_BAND)
                pl.ring.y += dy;
            empty = rw * spare;
        } else {
            empty = rw * fmaxf(0.0f, D - (th + 0.15f * g + mh)) + iw * spare;
        }
        pl.ok = true;
        pl.quality = card_quality(c, &pl, D, rw, nkr) - (nkr > 0 ? empty / (iw * ih) : 0.0f);
    }
    return pl;
}

/* The best ring size for a mode: try diameters from large to small. */
#define RING_STEPS 16 /* ring diameters tried from the largest to the smallest */

/* The largest ring a mode gives a card. */
static float ring_max(const Lctx *c, Box box, int nkr, CardMode mode)
{
    const float p = 0.018f * c->S;
    const float iw = box.w - 2.0f * p, ih = box.h - 2.0f * p;
    return mode == CARD_STACK    ? fminf(0.70f * ih, 0.40f * iw)
           : mode == CARD_BAND   ? fminf(0.60f * ih, 0.40f * iw)
           : mode == CARD_COLUMN ? fminf(0.50f * ih, 0.80f * iw)
                                 : fminf(ih, (nkr > 0 ? 0.45f : 0.5f) * iw);
}

/* Whether a card may put its ring on top of a column (a tall card as wide
 * as most of the screen). */
static bool column_allowed(const Lctx *c, Box box)
{
    return box.h > box.w && box.w >= 0.6f * c->S;
}

static CardPlan plan_card(const Lctx *c, Box box, int nkr, float pct_em, CardMode mode,
                          int title_lines)
{
    const float p = 0.018f * c->S;
    const float iw = box.w - 2.0f * p, ih = box.h - 2.0f * p;
    const float dmax = ring_max(c, box, nkr, mode);
    const float dmin = RING_MIN_FRAC * c->S;
    CardPlan best;
    memset(&best, 0, sizeof(best));
    best.box = box;
    for (int i = 0; i <= RING_STEPS; i++) {
        float D = dmax - (dmax - dmin) * (float)i / (float)RING_STEPS;
        CardPlan pl;
        if (D <= 0.0f)
            break;
        pl = plan_card_d(c, box, nkr, pct_em, mode, title_lines, D, NULL, 0.0f, -1, 0.0f);
        if (pl.ok && (!best.ok || pl.quality > best.quality))
            best = pl;
        if (dmax <= dmin)
            break;
    }
    if (!best.ok) { /* best effort for a tiny window: drawable, not legible */
        best = plan_card_d(c, box, 0, pct_em, CARD_SIDE, title_lines, fminf(0.5f * ih, 0.4f * iw),
                           NULL, 0.0f, -1, 0.0f);
        best.ok = false;
    }
    return best;
}

static CardPlan best_card(const Lctx *c, Box box, int nkr, float pct_em, int title_lines)
{
    CardPlan best;
    memset(&best, 0, sizeof(best));
    for (int m = CARD_SIDE; m <= CARD_COLUMN; m++) {
        CardPlan pl;
        if (m == CARD_COLUMN && !column_allowed(c, box))
            break;
        pl = plan_card(c, box, nkr, pct_em, (CardMode)m, title_lines);
        if (m == CARD_SIDE || (pl.ok && (!best.ok || pl.quality > best.quality)))
            best = pl;
    }
    return best;
}

/* The grid for k cards in the content area: columns, rows and the plan of a
 * card in a full row (the last row's cards are stretched, never smaller).
 * Planned with two-line titles, the most a title takes. */
typedef struct {
    int cols, rows;
    float cw, ch;
    CardPlan plan;
} PageGrid;

static float grid_gap(const Lctx *c)
{
    return 0.018f * c->S;
}

static bool choose_grid(const Lctx *c, int k, int nkr, float pct_em, PageGrid *out)
{
    const Box a = c->content;
    const float g = grid_gap(c);
    bool found = false;
    for (int cols = 1; cols <= k; cols++) {
        int rows = (k + cols - 1) / cols;
        PageGrid pg;
        if (cols > 1 && (cols - 1) * rows >= k)
            continue; /* a whole column would stay empty */
        pg.cols = cols;
        pg.rows = rows;
        pg.cw = (a.w - (float)(cols - 1) * g) / (float)cols;
        pg.ch = (a.h - (float)(rows - 1) * g) / (float)rows;
        pg.plan = best_card(c, (Box){a.x, a.y, pg.cw, pg.ch}, nkr, pct_em, 2);
        if (!pg.plan.ok)
            continue;
        if (!found || pg.plan.quality > out->plan.quality + 1e-4f) {
            *out = pg;
            found = true;
        }
    }
    return found;
}

static int max_krs(const OkrFeed *f, const size_t *objs, size_t n)
{
    int m = 0;
    for (size_t i = 0; i < n; i++)
        if ((int)f->objectives[objs[i]].n_key_results > m)
            m = (int)f->objectives[objs[i]].n_key_results;
    return m > KR_SHOWN ? KR_SHOWN : m;
}

int layout_overview_paging(Lctx *c, const size_t *objs, size_t n, int *per_page)
{
    int kmax, most = 1, pages;
    float pct_em;
    PageGrid pg;
    if (n == 0 || !c->in->feed) {
        *per_page = 0;
        return 1;
    }
    kmax = max_krs(c->in->feed, objs, n);
    side_em_of(c, objs, n);
    pct_em = pct_em_of(c->in->feed, objs, n, c->in->lang) + mark_em_of(c, objs, n);
    for (int k = (int)(n < MAX_PER_PAGE ? n : MAX_PER_PAGE); k >= 1; k--) {
        if (choose_grid(c, k, kmax, pct_em, &pg)) {
            most = k;
            break;
        }
    }
    pages = (int)((n + (size_t)most - 1) / (size_t)most);
    /* balance the pages: 5 objectives at most 4 a page -> 3 + 2 */
    *per_page = (int)((n + (size_t)pages - 1) / (size_t)pages);
    return pages;
}

/* ---- emitting ---- */

static void emit_kr(Lctx *c, const OkrFeed *f, size_t oi, size_t ki, Box cell, const KrGrid *g,
                    int lines)
{
    const OkrKeyResult *kr = &f->objectives[oi].key_results[ki];
    const float t = g->t, d = g->d, lh = lay_text_h(t, 1);
    const float tx = cell.x + d + KR_GAP_EM * t;
    /* top of the percentage line (and a row's first title line): centred
     * on a row's ring; a cell's is level with the top of its ring */
    const float ty = g->shape == KR_ROW ? cell.y + 0.5f * (d - lh) : cell.y;
    const float pw = KR_GLYPH_EM * t + g->pct_em * t;
    int ring;
    char pct[32];
    Rgba col = layout_status_color(kr->score.status);

    ring = lay_ring(c, cell.x + 0.5f * d, cell.y + 0.5f * d, 0.5f * d, KR_RING_THICK * d,
                    kr->score.has_value, kr->score.raw, -1.0, kr->score.status,
                    layout_kr_key(f, oi, ki));
    lay_glyph(c, (Box){tx, ty + lay_glyph_dy(t), t, t}, layout_status_glyph(kr->score.status), col);
    const float pct_w = (g->pct_em - g->mark_em) * t;
    if (kr->score.has_value) {
        i18n_format_progress(c->in->lang, kr->score.raw, pct, sizeof(pct));
        lay_text(c, (Box){tx + KR_GLYPH_EM * t, ty, pct_w, lh}, pct, t, FONT_SEMIBOLD, ALIGN_LEFT,
                 1, LC_TEXT, ring);
    } else {
        lay_text(c, (Box){tx + KR_GLYPH_EM * t, ty, pct_w, lh},
                 i18n_text(c->in->lang, I18N_MSG_NO_DATA), t, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2,
                 -1);
    }
    if (g->mark_em > 0.0f) {
        float mx = tx + KR_GLYPH_EM * t + pct_w + MARK_GAP_EM * t;
        lay_mark(c, mx, ty, (g->mark_em - MARK_GAP_EM) * t, t, okr_delta_kr(c->in->deltas, oi, ki));
    }
    if (g->shape == KR_ROW) {
        float x = tx + pw + KR_TITLE_GAP_EM * t;
        size_t fit = lines > 1 ? first_line_len(kr->title, (cell.x + cell.w - x) / t) : 0;
        const char *rest = title_rest(kr->title, fit);
        if (fit > 0 && *rest) {
            /* hanging: the first line beside the numbers, the rest under
             * them from the ring's right (the ring marks where a row
             * starts); split where the estimate (wider than the faces)
             * ends the first line, so the renderer never cuts it */
            char first[LAYOUT_TEXT_MAX];
            snprintf(first, sizeof(first), "%.*s", (int)fit, kr->title);
            lay_text(c, (Box){x, ty, cell.x + cell.w - x, lh}, first, t, FONT_REGULAR, ALIGN_LEFT,
                     1, LC_TEXT, -1);
            lay_text(c, (Box){tx, ty + lh, cell.x + cell.w - tx, lay_text_h(t, lines - 1)}, rest, t,
                     FONT_REGULAR, ALIGN_LEFT, lines - 1, LC_TEXT, -1);
        } else {
            lay_text(c, (Box){x, ty, cell.x + cell.w - x, lay_text_h(t, lines)}, kr->title, t,
                     FONT_REGULAR, ALIGN_LEFT, lines, LC_TEXT, -1);
        }
    } else {
        lay_text(c, (Box){tx, ty + lh, cell.x + cell.w - tx, lay_text_h(t, lines)}, kr->title, t,
                 FONT_REGULAR, ALIGN_LEFT, lines, LC_TEXT, -1);
    }
}

/* Status glyph, status word and owner on one line. */
static void emit_meta(Lctx *c, size_t oi, const OkrObjective *o, Box m, float ts)
{
    const OkrStatus st = o->score.status;
    const char *word = layout_status_word_lang(st, c->in->lang);
    const float wx = m.x + 1.3f * ts;
    /* the word's box is its estimated width (0.55 em a letter undercounts
     * "done" by a few pixels), so the owner follows closely */
    float ww = fminf((lay_text_em(word) + 0.5f) * ts, m.x + m.w - wx);
    lay_glyph(c, (Box){m.x, m.y + lay_glyph_dy(ts), ts, ts}, layout_status_glyph(st),
              layout_status_color(st));
    lay_text(c, (Box){wx, m.y, ww, m.h}, word, ts, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT, -1);
    {
        /* the objective's change mark follows its status */
        float mx = wx + ww + 0.6f * ts;
        float used =
            lay_mark(c, mx, m.y, m.x + m.w - mx, ts, okr_delta_objective(c->in->deltas, oi));
        if (used > 0.0f)
            ww += 0.6f * ts + used;
    }
    if (o->owner && o->owner[0]) {
        float ox = wx + ww + 0.9f * ts;
        if (m.x + m.w - ox >= 4.0f * ts)
            lay_text(c, (Box){ox, m.y, m.x + m.w - ox, m.h}, o->owner, ts, FONT_REGULAR, ALIGN_LEFT,
                     1, LC_TEXT2, -1);
    }
}

/* Status glyph and word, with the change mark where it fits, on one line,
 * the owner on the line below it: the band mode's column under the ring. */
static void emit_meta_column(Lctx *c, size_t oi, const OkrObjective *o, Box m, float ts)
{
    const OkrStatus st = o->score.status;
    const char *word = layout_status_word_lang(st, c->in->lang);
    const float wx = m.x + 1.3f * ts, mh = lay_text_h(ts, 1);
    float ww = fminf((lay_text_em(word) + 0.5f) * ts, m.x + m.w - wx);
    lay_glyph(c, (Box){m.x, m.y + lay_glyph_dy(ts), ts, ts}, layout_status_glyph(st),
              layout_status_color(st));
    lay_text(c, (Box){wx, m.y, ww, mh}, word, ts, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT, -1);
    if (m.h >= 3.0f * mh - 0.01f) {
        /* a column of three lines: the mark on the middle one, under the
         * word (a line is left empty where nothing moved) */
        lay_mark(c, wx, m.y + mh, m.x + m.w - wx, ts, okr_delta_objective(c->in->deltas, oi));
    } else {
        float mx = wx + ww + 0.6f * ts;
        lay_mark(c, mx, m.y, m.x + m.w - mx, ts, okr_delta_objective(c->in->deltas, oi));
    }
    if (o->owner && o->owner[0])
        lay_text(c, (Box){m.x, m.y + m.h - mh, m.w, mh}, o->owner, ts, FONT_REGULAR, ALIGN_LEFT, 1,
                 LC_TEXT2, -1);
}

static void emit_card(Lctx *c, size_t oi, const CardPlan *pl, bool selected)
{
    const OkrFeed *f = c->in->feed;
    const OkrObjective *o = &f->objectives[oi];
    const float S = c->S, radius = 0.012f * S;
    const Box r = pl->ring;
    float s;
    int ring;
    char pct[32];
    OkrStatus st = o->score.status;

    if (selected) {
        float bw = fmaxf(2.0f, 0.004f * S);
        lay_rect(c, pl->box, LC_HILITE, radius);
        lay_rect(c, (Box){pl->box.x + bw, pl->box.y + bw, pl->box.w - 2 * bw, pl->box.h - 2 * bw},
                 LC_CARD, radius - bw * 0.5f);
    } else {
        lay_rect(c, pl->box, LC_CARD, radius);
    }

    ring = lay_ring(c, r.x + 0.5f * r.w, r.y + 0.5f * r.h, 0.5f * r.w, 0.12f * r.w,
                    o->score.has_value, o->score.raw, f->has_expected ? f->expected : -1.0, st,
                    layout_objective_key(f, oi));
    /* centre percentage: a 3.4 x 1.25 em box fits inside the inner circle
     * (0.332 D: the ring gives LAYOUT_PACE_OUT of its thickness to the pace
     * marker) while s <= 0.175 D */
    s = fminf(0.10f * S, 0.175f * r.w);
    {
        Box pb = {r.x + 0.5f * r.w - 1.7f * s, r.y + 0.5f * r.h - 0.5f * lay_text_h(s, 1), 3.4f * s,
                  lay_text_h(s, 1)};
        if (o->score.has_value) {
            i18n_format_progress(c->in->lang, o->score.raw, pct, sizeof(pct));
            float ps = lay_centre_size(c, pct, s); /* "5000 %" smaller, never cut */
            pb.y = r.y + 0.5f * r.h - 0.5f * lay_text_h(ps, 1);
            pb.h = lay_text_h(ps, 1);
            lay_text(c, pb, pct, ps, FONT_SEMIBOLD, ALIGN_CENTER, 1, LC_TEXT, ring);
        } else {
            lay_text(c, pb, "–", s, FONT_SEMIBOLD, ALIGN_CENTER, 1, LC_TEXT2, -1);
        }
    }

    /* the title block has the page's line count and keeps to the top, so
     * the status rows and lists of all cards line up whatever the titles
     * (the width estimate is only a guess: a title that wraps to one line on
     * screen looks the same as one known to be short) */
    {
        Box tb = pl->title;
        int lines = pl->title_lines;
        if (lines > 1 && lay_fits_one_line(o->title, pl->tt, tb.w)) {
            lines = 1;
            tb.h = lay_text_h(pl->tt, 1);
        }
        lay_text(c, tb, o->title, pl->tt, FONT_SEMIBOLD, ALIGN_LEFT, lines, LC_TEXT, -1);
        if (pl->mode == CARD_BAND)
            emit_meta_column(c, oi, o, pl->meta, pl->ts);
        else
            emit_meta(c, oi, o, pl->meta, pl->ts);
    }

    if (o->n_key_results > 0 && pl->kr.cols > 0) {
        const KrGrid *g = &pl->kr;
        const float cgap = KR_COL_GAP_EM * g->t;
        /* at most 8 rows; beyond that the last one counts the rest */
        size_t n = o->n_key_results > KR_SHOWN ? KR_SHOWN - 1 : o->n_key_results;
        /* fill columns top to bottom, so the list reads down */
        for (size_t k = 0; k < n; k++) {
            int col = (int)k / g->rows, row = (int)k % g->rows;
            int lines = g->grown ? g->row_lines[k] : g->lines;
            float y = g->grown ? g->row_y[k] : (float)row * g->pitch;
            Box cell = {pl->kr_area.x + (float)col * (g->cw + cgap), pl->kr_area.y + y, g->cw,
                        g->grown ? kr_row_h(g->shape, lines, g->t) : g->rh};
            emit_kr(c, f, oi, k, cell, g, lines);
        }
        if (o->n_key_results > KR_SHOWN) {
            int col = (KR_SHOWN - 1) / g->rows, row = (KR_SHOWN - 1) % g->rows;
            float lh = lay_text_h(g->t, 1), x = g->d + KR_GAP_EM * g->t;
            float y = g->grown ? g->row_y[KR_SHOWN - 1] : (float)row * g->pitch;
            float rh = g->grown ? kr_row_h(g->shape, g->row_lines[KR_SHOWN - 1], g->t) : g->rh;
            char buf[48];
            snprintf(buf, sizeof(buf), "+%zu more", o->n_key_results - (KR_SHOWN - 1));
            lay_text(c,
                     (Box){pl->kr_area.x + (float)col * (g->cw + cgap) + x,
                           pl->kr_area.y + y + 0.5f * (rh - lh), g->cw - x, lh},
                     buf, g->t, FONT_REGULAR, ALIGN_LEFT, 1, LC_TEXT2, -1);
        }
    }
}

/* Box of card i of k in the grid: the last row's cards share its width. */
static Box card_box(const Lctx *c, const PageGrid *pg, int k, int i)
{
    const float g = grid_gap(c);
    const Box a = c->content;
    int row = i / pg->cols, col = i % pg->cols;
    int in_row = (row == pg->rows - 1) ? k - row * pg->cols : pg->cols;
    float cw = (a.w - (float)(in_row - 1) * g) / (float)in_row;
    return (Box){a.x + (float)col * (cw + g), a.y + (float)row * (pg->ch + g), cw, pg->ch};
}

/* Plans one arrangement of the page: ring diameter D and mode in every card,
 * the lead card's text size and row shape in all, each card's rows fitted to
 * its own titles. Returns the page's quality, or -1 when a card is not
 * legible or (one line) a title would not fit its line. */
static float plan_page_d(const Lctx *c, const Box *boxes, const size_t *objs, int k, int lead,
                         CardMode mode, int title_lines, float D, CardPlan *plans)
{
    const OkrFeed *f = c->in->feed;
    const float p = 0.018f * c->S, g = 0.018f * c->S;
    int lines[MAX_PER_PAGE];
    float q = 0.0f, tt = card_tt(c, boxes[lead].h - 2.0f * p);
    if (mode == CARD_BAND) {
        /* a title across the card that misses one line by a little gets
         * a slightly smaller size on the whole page: a line more for the
         * key results of its row */
        const float floor = fmaxf(0.9f * tt, c->tmin * 1.05f);
        float fit = tt;
        for (int i = 0; i < k; i++) {
            float em = lay_text_em(f->objectives[objs[i]].title);
            float s = em > 0.0f ? (boxes[i].w - 2.0f * p) / em : tt;
            if (s >= floor && s < fit)
                fit = s;
        }
        tt = fit;
    }
    /* title_lines 0: the cards of a grid row share the lines their longest
     * title needs, so cards side by side line up and a row of short titles
     * gives the freed line to its key results */
    for (int i = 0; i < k; i++) {
        const float iw = boxes[i].w - 2.0f * p;
        lines[i] = title_lines;
        if (title_lines == 0)
            lines[i] = lay_fits_one_line(f->objectives[objs[i]].title, tt,
                                         mode >= CARD_BAND ? iw : iw - D - g)
                           ? 1
                           : 2;
    }
    for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++)
            if (fabsf(boxes[j].y - boxes[i].y) < 0.5f && lines[j] > lines[i])
                lines[i] = lines[j];
    for (int j = -1; j < k; j++) {
        int i = j < 0 ? lead : j;
        const OkrObjective *o = &f->objectives[objs[i]];
        CardPlan *pl = &plans[i];
        /* each card's percentage and change-mark columns are as wide as
         * its own numbers: a card where nothing moved gives the mark
         * column's width to its titles */
        float mark = mark_em_of(c, &objs[i], 1);
        float pct = pct_em_of(f, &objs[i], 1, c->in->lang) + mark;
        if (j == lead)
            continue;
        *pl = plan_card_d(c, boxes[i], (int)o->n_key_results, pct, mode, lines[i], D, o,
                          j < 0 ? 0.0f : plans[lead].kr.t,
                          j < 0 ? -1 : (plans[lead].kr.cols > 0 ? (int)plans[lead].kr.shape : -1),
                          tt);
        pl->kr.mark_em = mark;
        if (!pl->ok)
            return -1.0f;
        if (lines[i] == 1 && !lay_fits_one_line(o->title, pl->tt, pl->title.w))
            return -1.0f;
        q += pl->quality;
    }
    return q;
}

/* Plans every card of the page with title_lines title lines (0: as many as
 * the titles of its grid row need): the same ring
 * and arrangement in every card (the best for the page as a whole, whole
 * key-result titles first), the same key-result text size and row shape,
 * rows no further apart than the lead card's (the one with the most key
 * results), and the text column centred alike in every card. False if no
 * arrangement is legible for every card. */
static bool plan_page(const Lctx *c, const PageGrid *pg, const size_t *objs, int k, int title_lines,
                      CardPlan *plans)
{
    const OkrFeed *f = c->in->feed;
    Box boxes[MAX_PER_PAGE];
    CardPlan trial[MAX_PER_PAGE];
    float best = -1.0f, spare = -1.0f;
    int lead = 0;
    for (int i = 0; i < k; i++) {
        boxes[i] = card_box(c, pg, k, i);
        if (f->objectives[objs[i]].n_key_results > f->objectives[objs[lead]].n_key_results)
            lead = i;
    }
    for (int m = CARD_SIDE; m <= CARD_COLUMN; m++) {
        float dmax =
            ring_max(c, boxes[lead], (int)f->objectives[objs[lead]].n_key_results, (CardMode)m);
        float dmin = RING_MIN_FRAC * c->S;
        if (m == CARD_COLUMN && !column_allowed(c, boxes[lead]))
            break;
        for (int i = 0; i <= RING_STEPS; i++) {
            float D = dmax - (dmax - dmin) * (float)i / (float)RING_STEPS, q;
            if (D <= 0.0f)
                break;
            q = plan_page_d(c, boxes, objs, k, lead, (CardMode)m, title_lines, D, trial);
            if (q >= 0.0f && q > best + 1e-4f) {
                best = q;
                memcpy(plans, trial, (size_t)k * sizeof(*plans));
            }
            if (dmax <= dmin)
                break;
        }
    }
    if (best < 0.0f)
        return false;
    for (int i = 0; i < k; i++) {
        CardPlan *pl = &plans[i];
        if (i != lead && pl->kr.grown && plans[lead].kr.grown)
            place_rows(&pl->kr, pl->kr_area.h, fminf(pl->kr.gap, plans[lead].kr.gap));
        float s = pl->kr_area.h - kr_used_h(&pl->kr);
        if (spare < 0.0f || s < spare)
            spare = fmaxf(0.0f, s);
    }
    /* centre the text column beside the ring (everything, in a column) by
     * the page's smallest spare height, so rows line up from card to card */
    for (int i = 0; i < k && plans[0].mode != CARD_STACK; i++) {
        CardPlan *pl = &plans[i];
        float dy = 0.5f * spare;
        pl->title.y += dy;
        pl->meta.y += dy;
        pl->kr_area.y += dy;
        pl->kr_area.h -= dy;
        if (pl->mode == CARD_COLUMN || pl->mode == CARD_BAND)
            pl->ring.y += dy;
    }
    return true;
}

void layout_overview(Lctx *c, const size_t *objs, size_t n, int page)
{
    const float g = grid_gap(c);
    const Box a = c->content;
    int per = c->out->objectives_per_page, k, kmax;
    size_t first;
    float pct_em;
    PageGrid pg;
    CardPlan plans[MAX_PER_PAGE];

    /* every plan !ok: a page plan that fails fills none of them, and the
     * cards then get their own best-effort plans below */
    memset(plans, 0, sizeof(plans));
    if (per <= 0)
        return;
    first = (size_t)page * (size_t)per;
    if (first >= n)
        return;
    k = (int)(n - first < (size_t)per ? n - first : (size_t)per);
    if (k > MAX_PER_PAGE)
        k = MAX_PER_PAGE;
    kmax = max_krs(c->in->feed, objs, n);
    /* the marks make a column of their own right of the percentages, the
     * same on every page so the pages' rows agree */
    c->mark_em = mark_em_of(c, objs, n);
    side_em_of(c, objs + first, (size_t)k);
    pct_em = pct_em_of(c->in->feed, objs, n, c->in->lang) + c->mark_em;
    if (!choose_grid(c, k, kmax, pct_em, &pg)) {
        /* nothing legible (a tiny window): one card per column, best effort */
        pg.cols = k;
        pg.rows = 1;
        pg.cw = (a.w - (float)(k - 1) * g) / (float)k;
        pg.ch = a.h;
    }
    /* one-line titles on this page free a line for the key results */
    /* a title of one line frees a line for its card's key results */
    if (!plan_page(c, &pg, objs + first, k, 0, plans) &&
        !plan_page(c, &pg, objs + first, k, 2, plans)) {
        for (int i = 0; i < k; i++) {
            if (!plans[i].ok) {
                plans[i] = plan_card(c, card_box(c, &pg, k, i), kmax, pct_em, CARD_SIDE, 2);
                plans[i].kr.mark_em = c->mark_em;
            }
        }
    }
    for (int i = 0; i < k; i++) {
        size_t oi = objs[first + (size_t)i];
        emit_card(c, oi, &plans[i],
                  c->in->view.selected >= 0 && (size_t)c->in->view.selected == oi);
    }
}
