/*
 * view_state: keyboard navigation and auto-rotation between the wall's views.
 *
 * A "scope" is the list of objectives the overview shows: all of them, or one
 * team's. The overview pages through the scope and highlights a selected
 * objective; Enter focuses it; next/previous in the focus view walk the scope
 * and fall back to the overview past either end, so a presenter clicker (or a
 * TV remote's arrows + OK + Back) can run a whole standup.
 *
 * Rotation walks the same order (scope pages, then each objective of the
 * scope) every rotate_ms. Any key holds rotation for VS_HOLD_MS; Space pauses
 * it until pressed again.
 */
#include "view_state.h"

#include <stdio.h>
#include <string.h>

void view_state_init(ViewState *vs, double rotate_s, uint64_t now_ms)
{
    memset(vs, 0, sizeof(*vs));
    vs->view.kind = VIEW_OVERVIEW;
    vs->view.selected = -1;
    vs->scope = VIEW_OVERVIEW;
    vs->team = -1;
    vs->rotate_ms = rotate_s > 0 ? (uint64_t)(rotate_s * 1000.0 + 0.5) : 0;
    vs->next_rotate_ms = now_ms + vs->rotate_ms;
}

/* Objectives of the current scope, in feed order. Returns the count. */
static int scope_members(const ViewState *vs, int *out)
{
    int n = 0;
    for (int i = 0; i < vs->n_objectives; i++) {
        if (vs->scope == VIEW_TEAM && vs->obj_team[i] != vs->team)
            continue;
        out[n++] = i;
    }
    return n;
}

static int position_of(const int *members, int n, int objective)
{
    for (int i = 0; i < n; i++)
        if (members[i] == objective)
            return i;
    return -1;
}

static int per_page(const ViewState *vs, int n_members)
{
    if (vs->per_page > 0)
        return vs->per_page;
    return n_members > 0 ? n_members : 1;
}

int view_state_page_count(const ViewState *vs)
{
    int members[VS_MAX_OBJECTIVES];
    int n = scope_members(vs, members);
    int pp = per_page(vs, n);
    int pages = (n + pp - 1) / pp;
    return pages > 0 ? pages : 1;
}

/* Show the scope's overview (all, or the team view) at a page and selection. */
static void show_scope(ViewState *vs, int page, int selected)
{
    vs->view.kind = vs->scope;
    vs->view.objective = 0;
    if (vs->scope == VIEW_TEAM && vs->team >= 0)
        snprintf(vs->view.team, sizeof(vs->view.team), "%s", vs->teams[vs->team]);
    else
        vs->view.team[0] = '\0';
    int pages = view_state_page_count(vs);
    vs->view.page = page < 0 ? 0 : (page >= pages ? pages - 1 : page);
    vs->view.selected = selected;
}

static void show_scope_at(ViewState *vs, int selected)
{
    int members[VS_MAX_OBJECTIVES];
    int n = scope_members(vs, members);
    int pos = position_of(members, n, selected);
    if (pos < 0) {
        show_scope(vs, 0, -1);
        return;
    }
    show_scope(vs, pos / per_page(vs, n), selected);
}

static void show_objective(ViewState *vs, int objective)
{
    vs->view.kind = VIEW_OBJECTIVE;
    vs->view.objective = objective;
    vs->view.page = 0;
    vs->view.selected = -1;
}

static void show_changes(ViewState *vs)
{
    vs->view.kind = VIEW_CHANGES;
    vs->view.page = 0;
    vs->view.selected = -1;
}

void view_state_set_changes(ViewState *vs, bool changes)
{
    vs->changes = changes;
}

static void set_scope_all(ViewState *vs)
{
    vs->scope = VIEW_OVERVIEW;
    vs->team = -1;
}

void view_state_set_feed(ViewState *vs, const OkrFeed *feed)
{
    char old_team[64] = "";
    if (vs->team >= 0)
        snprintf(old_team, sizeof(old_team), "%s", vs->teams[vs->team]);

    vs->n_objectives = 0;
    vs->n_teams = 0;
    if (feed != NULL) {
        size_t n = feed->n_objectives < VS_MAX_OBJECTIVES ? feed->n_objectives : VS_MAX_OBJECTIVES;
        vs->n_objectives = (int)n;
        for (size_t i = 0; i < n; i++) {
            const char *team = feed->objectives[i].team;
            int t = -1;
            if (team != NULL && team[0] != '\0' && strlen(team) < sizeof(vs->teams[0])) {
                for (int k = 0; k < vs->n_teams; k++)
                    if (strcmp(vs->teams[k], team) == 0)
                        t = k;
                if (t < 0 && vs->n_teams < VS_MAX_TEAMS) {
                    t = vs->n_teams++;
                    snprintf(vs->teams[t], sizeof(vs->teams[t]), "%s", team);
                }
            }
            vs->obj_team[i] = (int8_t)t;
        }
    }

    /* Keep the team by name; a team that vanished falls back to all. */
    vs->team = -1;
    if (vs->scope == VIEW_TEAM) {
        for (int k = 0; k < vs->n_teams; k++)
            if (strcmp(vs->teams[k], old_team) == 0)
                vs->team = k;
        if (vs->team < 0) {
            set_scope_all(vs);
            if (vs->view.kind == VIEW_TEAM)
                show_scope(vs, 0, -1);
        }
    }

    /* Clamp indexes to the new objective count. */
    if (vs->view.kind == VIEW_OBJECTIVE) {
        if (vs->n_objectives == 0)
            show_scope(vs, 0, -1);
        else if (vs->view.objective >= vs->n_objectives)
            show_objective(vs, vs->n_objectives - 1);
    } else if (vs->view.kind != VIEW_CHANGES) {
        int sel = vs->view.selected;
        if (sel >= vs->n_objectives)
            sel = -1;
        show_scope(vs, vs->view.page, sel);
    }
}

void view_state_set_per_page(ViewState *vs, int pp)
{
    if (pp < 1 || pp == vs->per_page)
        return;
    vs->per_page = pp;
    if (vs->view.kind != VIEW_OBJECTIVE && vs->view.kind != VIEW_CHANGES) {
        if (vs->view.selected >= 0)
            show_scope_at(vs, vs->view.selected);
        else
            show_scope(vs, vs->view.page, -1);
    }
}

bool view_state_start(ViewState *vs, ViewKind kind, int objective, const char *team, bool help)
{
    bool ok = true;
    vs->help = help;
    if (kind == VIEW_OBJECTIVE) {
        if (objective >= 0 && objective < vs->n_objectives)
            show_objective(vs, objective);
        else
            ok = false;
    } else if (kind == VIEW_TEAM) {
        int t = -1;
        for (int k = 0; k < vs->n_teams && team != NULL; k++)
            if (strcmp(vs->teams[k], team) == 0)
                t = k;
        if (t >= 0) {
            vs->scope = VIEW_TEAM;
            vs->team = t;
            show_scope(vs, 0, -1);
        } else {
            ok = false;
        }
    } else if (kind == VIEW_CHANGES) {
        show_changes(vs);
    }
    return ok;
}

/* Next (+1) or previous (-1) on the overview: move the selection, and the
 * page with it. */
static void step_overview(ViewState *vs, int dir)
{
    int members[VS_MAX_OBJECTIVES];
    int n = scope_members(vs, members);
    if (n == 0)
        return;
    int pp = per_page(vs, n);
    int pos = position_of(members, n, vs->view.selected);
    if (pos < 0)
        pos = dir > 0 ? vs->view.page * pp : vs->view.page * pp - 1;
    else
        pos += dir;
    pos = ((pos % n) + n) % n;
    show_scope(vs, pos / pp, members[pos]);
}

/* Next/previous objective in the focus view; past either end, the overview. */
static void step_objective(ViewState *vs, int dir)
{
    int members[VS_MAX_OBJECTIVES];
    int n = scope_members(vs, members);
    int pos = position_of(members, n, vs->view.objective);
    if (pos < 0) {
        /* Focused from outside the scope (a digit key): leave the scope. */
        set_scope_all(vs);
        n = scope_members(vs, members);
        pos = position_of(members, n, vs->view.objective);
    }
    pos += dir;
    if (pos < 0 || pos >= n)
        show_scope(vs, 0, -1);
    else
        show_objective(vs, members[pos]);
}

static void focus_selected(ViewState *vs)
{
    int members[VS_MAX_OBJECTIVES];
    int n = scope_members(vs, members);
    if (n == 0)
        return;
    int target = vs->view.selected;
    if (position_of(members, n, target) < 0) {
        int pos = vs->view.page * per_page(vs, n);
        target = members[pos < n ? pos : n - 1];
    }
    show_objective(vs, target);
}

static void go_back(ViewState *vs)
{
    if (vs->view.kind == VIEW_OBJECTIVE) {
        show_scope_at(vs, vs->view.objective);
    } else if (vs->view.kind == VIEW_TEAM && vs->view.selected < 0) {
        set_scope_all(vs);
        show_scope(vs, 0, -1);
    } else {
        show_scope(vs, vs->view.page, -1);
    }
}

static void next_team(ViewState *vs)
{
    if (vs->n_teams == 0)
        return;
    if (vs->view.kind == VIEW_TEAM && vs->team + 1 >= vs->n_teams) {
        set_scope_all(vs);
        show_scope(vs, 0, -1);
        return;
    }
    vs->team = vs->view.kind == VIEW_TEAM ? vs->team + 1 : 0;
    vs->scope = VIEW_TEAM;
    show_scope(vs, 0, -1);
}

static void jump_to(ViewState *vs, int objective)
{
    if (objective >= vs->n_objectives)
        return;
    if (vs->scope == VIEW_TEAM && vs->obj_team[objective] != vs->team)
        set_scope_all(vs);
    show_objective(vs, objective);
}

static bool same_view(const View *a, bool help_a, const View *b, bool help_b)
{
    return help_a == help_b && a->kind == b->kind && a->objective == b->objective &&
           a->page == b->page && a->selected == b->selected && strcmp(a->team, b->team) == 0;
}

unsigned view_state_key(ViewState *vs, AppKey key, uint64_t now_ms)
{
    View before = vs->view;
    bool help_before = vs->help;
    unsigned actions = 0;
    int dir = 0;

    if (key == OKR_KEY_NONE)
        return 0;

    /* Any key holds rotation; Space toggles the indefinite pause. */
    if (key == OKR_KEY_PAUSE) {
        vs->paused = !vs->paused;
        vs->hold_until_ms = 0;
        vs->next_rotate_ms = now_ms + vs->rotate_ms;
    } else {
        vs->hold_until_ms = now_ms + VS_HOLD_MS;
        if (vs->next_rotate_ms < vs->hold_until_ms)
            vs->next_rotate_ms = vs->hold_until_ms;
    }

    if (vs->help) {
        /* Any key closes help, and does nothing else. */
        vs->help = false;
        vs->slide_dir = 0;
        return VS_CHANGED;
    }

    bool focus = vs->view.kind == VIEW_OBJECTIVE;
    if (vs->view.kind == VIEW_CHANGES && key != OKR_KEY_CHANGES && key != OKR_KEY_HELP &&
        key != OKR_KEY_PAUSE && key != OKR_KEY_REFRESH && key != OKR_KEY_FULLSCREEN &&
        key != OKR_KEY_QUIT && key != OKR_KEY_OTHER &&
        !(key >= OKR_KEY_DIGIT_1 && key <= OKR_KEY_DIGIT_9) && key != OKR_KEY_TEAM) {
        /* the changes view is one page: stepping or going back leaves it
         * for the overview */
        dir = key == OKR_KEY_RIGHT || key == OKR_KEY_PAGE_DOWN ? 1 : -1;
        show_scope(vs, 0, -1);
        key = OKR_KEY_NONE;
    }
    switch (key) {
    case OKR_KEY_RIGHT:
    case OKR_KEY_PAGE_DOWN:
        dir = 1;
        if (focus)
            step_objective(vs, 1);
        else
            step_overview(vs, 1);
        break;
    case OKR_KEY_LEFT:
    case OKR_KEY_PAGE_UP:
        dir = -1;
        if (focus)
            step_objective(vs, -1);
        else
            step_overview(vs, -1);
        break;
    case OKR_KEY_ENTER:
    case OKR_KEY_DOWN:
        dir = 1;
        if (!focus)
            focus_selected(vs);
        break;
    case OKR_KEY_UP:
    case OKR_KEY_BACK:
        dir = -1;
        go_back(vs);
        break;
    case OKR_KEY_TEAM:
        dir = 1;
        next_team(vs);
        break;
    case OKR_KEY_CHANGES:
        dir = 1;
        if (vs->view.kind == VIEW_CHANGES)
            show_scope(vs, 0, -1); /* C again: back to the overview */
        else
            show_changes(vs);
        break;
    case OKR_KEY_HELP:
        vs->help = true;
        break;
    case OKR_KEY_REFRESH:
        actions |= VS_REFRESH;
        break;
    case OKR_KEY_FULLSCREEN:
        actions |= VS_FULLSCREEN;
        break;
    case OKR_KEY_QUIT:
        actions |= VS_QUIT;
        break;
    default:
        if (key >= OKR_KEY_DIGIT_1 && key <= OKR_KEY_DIGIT_9) {
            dir = 1;
            jump_to(vs, (int)(key - OKR_KEY_DIGIT_1));
        }
        break;
    }

    if (!same_view(&before, help_before, &vs->view, vs->help)) {
        actions |= VS_CHANGED;
        vs->slide_dir = vs->help != help_before ? 0 : dir;
    }
    return actions;
}

uint64_t view_state_deadline(const ViewState *vs)
{
    if (vs->rotate_ms == 0 || vs->paused)
        return UINT64_MAX;
    return vs->next_rotate_ms;
}

/* One rotation step: scope pages, then each objective of the scope. */
static void rotate_step(ViewState *vs)
{
    int members[VS_MAX_OBJECTIVES];
    int n = scope_members(vs, members);
    vs->help = false;
    if (vs->view.kind == VIEW_OBJECTIVE) {
        int pos = position_of(members, n, vs->view.objective);
        if (pos >= 0 && pos + 1 < n)
            show_objective(vs, members[pos + 1]);
        else
            show_scope(vs, 0, -1);
        return;
    }
    if (vs->view.kind == VIEW_CHANGES) {
        if (n > 0)
            show_objective(vs, members[0]);
        else
            show_scope(vs, 0, -1);
        return;
    }
    if (vs->view.page + 1 < view_state_page_count(vs))
        show_scope(vs, vs->view.page + 1, -1);
    else if (vs->changes && vs->scope == VIEW_OVERVIEW)
        show_changes(vs); /* after the overview: what changed since the standup */
    else if (n > 0)
        show_objective(vs, members[0]);
    else
        show_scope(vs, 0, -1);
}

unsigned view_state_tick(ViewState *vs, uint64_t now_ms)
{
    if (vs->rotate_ms == 0 || vs->paused || now_ms < vs->next_rotate_ms)
        return 0;
    View before = vs->view;
    bool help_before = vs->help;
    rotate_step(vs);
    vs->next_rotate_ms += vs->rotate_ms;
    if (vs->next_rotate_ms <= now_ms)
        vs->next_rotate_ms = now_ms + vs->rotate_ms;
    if (same_view(&before, help_before, &vs->view, vs->help))
        return 0;
    vs->slide_dir = 1;
    return VS_CHANGED;
}

void view_state_describe(const ViewState *vs, char *out, size_t outlen)
{
    const char *help = vs->help ? " + help" : "";
    switch (vs->view.kind) {
    case VIEW_OBJECTIVE:
        snprintf(out, outlen, "objective %d%s", vs->view.objective + 1, help);
        break;
    case VIEW_CHANGES:
        snprintf(out, outlen, "changes%s", help);
        break;
    case VIEW_TEAM:
        if (vs->view.selected >= 0)
            snprintf(out, outlen, "team %s page %d selected %d%s", vs->view.team, vs->view.page + 1,
                     vs->view.selected + 1, help);
        else
            snprintf(out, outlen, "team %s page %d%s", vs->view.team, vs->view.page + 1, help);
        break;
    default:
        if (vs->view.selected >= 0)
            snprintf(out, outlen, "overview page %d selected %d%s", vs->view.page + 1,
                     vs->view.selected + 1, help);
        else
            snprintf(out, outlen, "overview page %d%s", vs->view.page + 1, help);
        break;
    }
}
