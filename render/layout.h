/*
 * layout: a pure function from (feed, view, screen size, header texts) to a
 * list of placed elements: rectangles, rings, text boxes, status glyphs and
 * polylines (the focus view's trend lines).
 *
 * No SDL here, so layout is unit-tested and fuzzed without a window. render/
 * walks the list and draws it (like a command list); app/ may adjust animated
 * values (ring.value, and the text of elements whose percent_of points at a
 * ring) between layout and drawing.
 *
 * Every size derives from the screen's short side; everything stays inside the
 * safe area; text boxes are sized for max_lines lines of size_px text (the
 * renderer wraps and ellipsizes inside the box, never outside it).
 *
 * Ownership: layout_build() fills a caller-owned Layout; layout_free() releases
 * its items. Text is copied into the elements; nothing points into the feed.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "okr_delta.h"
#include "okr_i18n.h"
#include "okr_model.h"

/* The pace marker (where progress should be by today) is a small triangle
 * just outside the ring, pointing at it: it reaches this many ring
 * thicknesses past the ring's radius, and the layout keeps that inside the
 * ring's box. */
#define LAYOUT_PACE_OUT 0.4f

typedef enum { VIEW_OVERVIEW, VIEW_OBJECTIVE, VIEW_TEAM, VIEW_CHANGES } ViewKind;

typedef struct {
    ViewKind kind;
    int objective; /* VIEW_OBJECTIVE: index into feed->objectives */
    char team[64]; /* VIEW_TEAM: team name */
    int page;      /* VIEW_OVERVIEW / VIEW_TEAM: page, 0-based */
    int selected;  /* overview: highlighted objective index, -1 none */
} View;

typedef struct {
    uint8_t r, g, b, a;
} Rgba;
typedef struct {
    float x, y, w, h;
} Box;

typedef enum { BADGE_INFO, BADGE_WARN, BADGE_ERROR } BadgeKind;

#define LAYOUT_MAX_BADGES 3

/* Header texts, formatted (and translated) by the app. NULL = omit. */
typedef struct {
    const char *title;     /* feed title */
    const char *period;    /* "Q4 2026 · day 57 of 92" */
    double period_elapsed; /* 0..1 for the header's progress bar, <0 none */
    const char *clock;     /* "09:41" */
    const char *updated;   /* "updated 09:30" */
    const char *badges[LAYOUT_MAX_BADGES];
    BadgeKind badge_kinds[LAYOUT_MAX_BADGES];
    const char *notice; /* e.g. "demo feed" */
    const char *since;  /* what the change marks compare with, formatted by
                             i18n_format_reference(): "since Tue 09:30";
                             NULL: no history, draw no change marks */
    /* With no feed: what is wrong, in full, in large text instead of
     * "Waiting for data" (all NULL: just waiting). */
    const char *problem_title;  /* "The feed cannot be shown" */
    const char *problem_reason; /* "Not allowed (401): check the token" */
    const char *problem_where;  /* "Feed: https://okr.example.com/feed.json?..." */
    const char *problem_todo;   /* "Check the token (...). Next try at 09:14." */
} HeaderInfo;

/* A polyline holds at most this many points: a whole trend series. */
#define LAYOUT_POLY_MAX OKR_TREND_POINTS

typedef enum { EL_RECT, EL_RING, EL_TEXT, EL_GLYPH, EL_POLYLINE } ElementKind;
typedef enum { FONT_REGULAR, FONT_SEMIBOLD } FontWeight;
typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } TextAlign;
typedef enum {
    GLYPH_CHECK,       /* on track / done */
    GLYPH_EXCLAIM,     /* at risk */
    GLYPH_CROSS,       /* off track */
    GLYPH_DASH,        /* no data / not started */
    GLYPH_CLOCK,       /* stale */
    GLYPH_BOX,         /* open action */
    GLYPH_BOX_CHECKED, /* done action */
    GLYPH_UP,          /* moved up since the reference: a triangle pointing up */
    GLYPH_DOWN,        /* moved down: a triangle pointing down */
} GlyphKind;

#define LAYOUT_TEXT_MAX 320

/* The part of a change mark an element is (its glyph and its text both
 * carry it), so the app can draw a new mark in (app/anim.c). */
typedef struct {
    uint32_t key; /* the anim_key of the mark's objective or key result; 0: not a mark */
    long points;  /* the signed points it shows (never 0) */
    float rise;   /* pixels it travels while drawing in: > 0 up from below */
} ElementMark;

typedef struct {
    ElementKind kind;
    Box box;          /* bounding box of what is drawn */
    float fade;       /* 0: drawn as placed; up to 1: transparent (drawing in) */
    ElementMark mark; /* glyphs and texts of a change mark; else all 0 */
    union {
        struct {
            Rgba fill;
            float corner_radius;
        } rect;
        struct {
            float cx, cy, radius; /* radius to the outer edge */
            float thickness;
            float value;    /* raw progress; > 1 draws a second lap */
            bool has_value; /* false: track only ("no data") */
            float pace;     /* 0..1 pace marker position, < 0 none */
            Rgba color, lap_color, track_color, pace_color;
            OkrStatus status;
            uint32_t anim_key; /* stable per objective / key result id */
        } ring;
        struct {
            char text[LAYOUT_TEXT_MAX];
            float size_px;
            FontWeight weight;
            TextAlign align;
            int max_lines; /* wrap up to this many lines, then ellipsis */
            Rgba color;
            int percent_of; /* index of a ring whose (animated) value this
                                 text shows as "NN %", or -1 */
        } text;
        struct {
            GlyphKind glyph;
            Rgba color;
        } glyph;
        struct {
            int n;       /* points used, 2..LAYOUT_POLY_MAX */
            float width; /* stroke width, px; round joins and caps */
            Rgba color;
            float x[LAYOUT_POLY_MAX], y[LAYOUT_POLY_MAX]; /* screen px */
        } poly;
    } u;
} Element;

typedef struct {
    Element *items;
    size_t count, cap;
    int page_count;          /* pages of the current overview/team view (>= 1);
                              in the focus view, those of the overview */
    int objectives_per_page; /* page p shows objectives [p * n, (p + 1) * n)
                                of the (team-filtered) list, in feed order;
                                the last page may hold fewer */
    float min_text_px;       /* smallest text size placed (for tests) */
    bool marks_complete;     /* every objective and key-result ring placed has its
                                change mark beside it when it has one (the
                                overview): a ring without one has none */
    Box safe;                /* the safe area used */
} Layout;

/* Lines the renderer wraps text into at this weight, size (px) and box
 * width (px), as it draws a text element (render_text_lines); 0 when it
 * cannot tell. ctx is LayoutInput.lines_ctx. */
typedef int (*LayoutLinesFn)(void *ctx, const char *text, FontWeight weight, float size_px,
                             float width);

typedef struct {
    const OkrFeed *feed; /* scored feed, or NULL: a "waiting for data" screen */
    View view;
    bool help;              /* draw the help overlay on top */
    int width, height;      /* pixels */
    float safe_frac;        /* overscan margin per side, fraction (0.05) */
    float shift_x, shift_y; /* burn-in shift in pixels, kept inside the screen */
    HeaderInfo header;
    I18nLang lang;             /* words and numbers the layout writes itself
                             (status, check-in age, help, ...); the header's
                             texts come translated in header. 0 = English */
    const OkrDeltaSet *deltas; /* changes since the reference, parallel to
                             feed's objectives and key results (computed by
                             okr_delta_compute() for this very feed, owned by
                             the app); NULL: no history, no change marks */
    LayoutLinesFn lines;       /* how many lines a title takes, measured with the
                            fonts; NULL: guessed from its characters */
    void *lines_ctx;
} LayoutInput;

/* Returns 0, or -1 on allocation failure (out is then empty). */
int layout_build(const LayoutInput *in, Layout *out);
void layout_free(Layout *layout);
/* Make dst an element-for-element copy of src, reusing dst's storage (the
 * loop keeps the frame before a view change for the slide). Returns 0, or -1
 * when memory runs out (dst is then unchanged). */
int layout_copy(Layout *dst, const Layout *src);

/* Status colours and words shared with the renderer and the app. */
Rgba layout_status_color(OkrStatus status);
const char *layout_status_word(OkrStatus status);                     /* "on track", "no data" */
const char *layout_status_word_lang(OkrStatus status, I18nLang lang); /* "im Plan" */
GlyphKind layout_status_glyph(OkrStatus status);

/* FNV-1a of a string, for anim_key. */
uint32_t layout_hash(const char *s);

#endif
