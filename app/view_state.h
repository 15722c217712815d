/*
 * view_state: which view the wall shows, as a pure state machine.
 *
 * (state, key, now_ms) -> new state, plus action flags for the loop (quit,
 * refresh, fullscreen). Rotation is driven by view_state_tick() with the same
 * monotonic milliseconds, so tests step through minutes of rotation without
 * waiting. No SDL here: the loop maps SDL keycodes to AppKey.
 *
 * Objective indexes are indexes into feed->objectives; teams are the distinct
 * non-empty "team" values in feed order.
 */
#ifndef APP_VIEW_STATE_H
#define APP_VIEW_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "okr_model.h"

typedef enum {
    OKR_KEY_NONE = 0,
    OKR_KEY_LEFT,
    OKR_KEY_RIGHT,
    OKR_KEY_UP,
    OKR_KEY_DOWN,
    OKR_KEY_PAGE_UP,
    OKR_KEY_PAGE_DOWN,
    OKR_KEY_ENTER,
    OKR_KEY_BACK,    /* Esc, Backspace, AC Back of TV remotes */
    OKR_KEY_DIGIT_1, /* OKR_KEY_DIGIT_1 + n - 1 for digit n in 1..9 */
    OKR_KEY_DIGIT_9 = OKR_KEY_DIGIT_1 + 8,
    OKR_KEY_TEAM,
    OKR_KEY_CHANGES, /* C: what changed since the last standup */
    OKR_KEY_PAUSE,
    OKR_KEY_REFRESH,
    OKR_KEY_HELP,
    OKR_KEY_FULLSCREEN,
    OKR_KEY_QUIT,
    OKR_KEY_OTHER, /* any other key: closes help, pauses rotation */
} AppKey;

/* Action flags returned by view_state_key() / view_state_tick(). */
enum {
    VS_CHANGED = 1u << 0, /* the view or the help overlay changed: redraw */
    VS_QUIT = 1u << 1,
    VS_REFRESH = 1u << 2,
    VS_FULLSCREEN = 1u << 3,
};

#define VS_MAX_TEAMS 32
#define VS_MAX_OBJECTIVES 128
#define VS_HOLD_MS 120000u /* a key pauses rotation this long */

typedef struct {
    View view;      /* what layout_build() gets */
    bool help;      /* help overlay on top */
    ViewKind scope; /* where the focus view returns to: overview or team */
    int team;       /* index into teams for VIEW_TEAM / team scope, -1 none */

    int n_objectives;
    int8_t obj_team[VS_MAX_OBJECTIVES]; /* team index per objective, -1 none */
    char teams[VS_MAX_TEAMS][64];
    int n_teams;
    int per_page; /* objectives per overview page, from the layout; 0 = all */

    uint64_t rotate_ms; /* 0 = off */
    bool paused;        /* Space */
    uint64_t hold_until_ms;
    uint64_t next_rotate_ms;
    int slide_dir; /* last change: +1 forward, -1 back, 0 overlay/none */
    bool changes;  /* a history exists: rotation shows the changes
                             view after the overview (view_state_set_changes) */
} ViewState;

void view_state_init(ViewState *vs, double rotate_s, uint64_t now_ms);

/* Take the objective count and teams from a (new) feed and clamp the view.
 * NULL: no data (overview only). */
void view_state_set_feed(ViewState *vs, const OkrFeed *feed);
/* Whether there are changes since a standup to show (a history exists). */
void view_state_set_changes(ViewState *vs, bool changes);
/* Objectives per overview page, as the layout placed them (>= 1). */
void view_state_set_per_page(ViewState *vs, int per_page);

/* Start view for --view; returns false when it does not exist in the feed
 * (the state then stays on the overview). */
bool view_state_start(ViewState *vs, ViewKind kind, int objective, const char *team, bool help);

unsigned view_state_key(ViewState *vs, AppKey key, uint64_t now_ms);
/* Rotation: call whenever the loop wakes; steps when the timer is due. */
unsigned view_state_tick(ViewState *vs, uint64_t now_ms);
/* Next time view_state_tick() will do something, or UINT64_MAX. */
uint64_t view_state_deadline(const ViewState *vs);

/* Pages of the current overview / team scope. */
int view_state_page_count(const ViewState *vs);
/* "overview page 1", "objective 2", "team Sales page 1", "help": 1-based, for logs. */
void view_state_describe(const ViewState *vs, char *out, size_t outlen);

#endif
