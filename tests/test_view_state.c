/*
 * test_view_state: keyboard navigation and auto-rotation of the wall's views.
 *
 * The feed has 5 objectives with teams A, B, A, (none), B and the layout puts
 * 2 objectives on an overview page, so the overview has 3 pages: {0,1} {2,3} {4}.
 * Expected views are worked out from the key table in the wall spec.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "view_state.h"

static OkrObjective objectives[5];
static OkrFeed feed;

static OkrFeed *make_feed(size_t n)
{
    static char *teams[5] = {"A", "B", "A", NULL, "B"};
    memset(objectives, 0, sizeof(objectives));
    memset(&feed, 0, sizeof(feed));
    for (size_t i = 0; i < 5; i++) {
        objectives[i].title = "objective";
        objectives[i].team = teams[i];
    }
    feed.objectives = objectives;
    feed.n_objectives = n;
    return &feed;
}

/* A state at t=0 with rotation every 15 s, 2 objectives per page. */
static void setup_state(ViewState *vs, double rotate_s)
{
    view_state_init(vs, rotate_s, 0);
    view_state_set_feed(vs, make_feed(5));
    view_state_set_per_page(vs, 2);
}

static void assert_overview(const ViewState *vs, int page, int selected)
{
    assert_int_equal(vs->view.kind, VIEW_OVERVIEW);
    assert_int_equal(vs->view.page, page);
    assert_int_equal(vs->view.selected, selected);
}

static void assert_objective(const ViewState *vs, int objective)
{
    assert_int_equal(vs->view.kind, VIEW_OBJECTIVE);
    assert_int_equal(vs->view.objective, objective);
}

static void assert_team(const ViewState *vs, const char *team, int selected)
{
    assert_int_equal(vs->view.kind, VIEW_TEAM);
    assert_string_equal(vs->view.team, team);
    assert_int_equal(vs->view.selected, selected);
}

static void rotation_shows_each_overview_page_then_each_objective(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_int_equal(view_state_page_count(&vs), 3);
    assert_int_equal(view_state_deadline(&vs), 15000);
    assert_int_equal(view_state_tick(&vs, 14999), 0);
    assert_overview(&vs, 0, -1);
    assert_int_equal(view_state_tick(&vs, 15000), VS_CHANGED);
    assert_overview(&vs, 1, -1);
    view_state_tick(&vs, 30000);
    assert_overview(&vs, 2, -1);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(view_state_tick(&vs, 45000 + 15000 * (uint64_t)i), VS_CHANGED);
        assert_objective(&vs, i);
    }
    view_state_tick(&vs, 120000);
    assert_overview(&vs, 0, -1);
    assert_int_equal(vs.slide_dir, 1);
}

static void rotation_is_off_when_the_interval_is_zero(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 0);
    assert_int_equal(view_state_deadline(&vs), UINT64_MAX);
    assert_int_equal(view_state_tick(&vs, 10000000), 0);
    assert_overview(&vs, 0, -1);
}

static void a_key_holds_rotation_for_two_minutes_then_it_resumes(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    view_state_key(&vs, OKR_KEY_RIGHT, 1000);
    assert_overview(&vs, 0, 0);
    assert_int_equal(view_state_deadline(&vs), 121000);
    assert_int_equal(view_state_tick(&vs, 15000), 0);
    assert_int_equal(view_state_tick(&vs, 120999), 0);
    assert_overview(&vs, 0, 0);
    assert_int_equal(view_state_tick(&vs, 121000), VS_CHANGED);
    assert_overview(&vs, 1, -1);
    /* and then every 15 s again */
    assert_int_equal(view_state_tick(&vs, 135999), 0);
    assert_int_equal(view_state_tick(&vs, 136000), VS_CHANGED);
    assert_overview(&vs, 2, -1);
}

static void space_pauses_rotation_until_pressed_again(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_int_equal(view_state_key(&vs, OKR_KEY_PAUSE, 1000) & VS_CHANGED, 0);
    assert_int_equal(view_state_deadline(&vs), UINT64_MAX);
    assert_int_equal(view_state_tick(&vs, 1000000), 0);
    view_state_key(&vs, OKR_KEY_PAUSE, 1000000);
    assert_int_equal(view_state_deadline(&vs), 1015000);
    assert_int_equal(view_state_tick(&vs, 1015000), VS_CHANGED);
    assert_overview(&vs, 1, -1);
}

static void help_opens_with_h_and_closes_on_any_key(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_int_equal(view_state_key(&vs, OKR_KEY_HELP, 10), VS_CHANGED);
    assert_true(vs.help);
    /* the closing key does nothing else */
    assert_int_equal(view_state_key(&vs, OKR_KEY_RIGHT, 20), VS_CHANGED);
    assert_false(vs.help);
    assert_overview(&vs, 0, -1);
    view_state_key(&vs, OKR_KEY_HELP, 30);
    assert_int_equal(view_state_key(&vs, OKR_KEY_QUIT, 40), VS_CHANGED);
    assert_false(vs.help);
    view_state_key(&vs, OKR_KEY_HELP, 50);
    assert_int_equal(view_state_key(&vs, OKR_KEY_OTHER, 60), VS_CHANGED);
    assert_false(vs.help);
}

static void rotation_closes_help(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    view_state_key(&vs, OKR_KEY_HELP, 0);
    assert_int_equal(view_state_tick(&vs, 120000), VS_CHANGED);
    assert_false(vs.help);
}

static void right_and_left_move_the_selection_and_its_page_on_the_overview(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_int_equal(view_state_key(&vs, OKR_KEY_RIGHT, 0), VS_CHANGED);
    assert_overview(&vs, 0, 0);
    view_state_key(&vs, OKR_KEY_PAGE_DOWN, 0);
    assert_overview(&vs, 0, 1);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_overview(&vs, 1, 2);
    view_state_key(&vs, OKR_KEY_PAGE_UP, 0);
    assert_overview(&vs, 0, 1);
    view_state_key(&vs, OKR_KEY_LEFT, 0);
    assert_overview(&vs, 0, 0);
    view_state_key(&vs, OKR_KEY_LEFT, 0);
    assert_overview(&vs, 2, 4);
    assert_int_equal(vs.slide_dir, -1);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_overview(&vs, 0, 0);
}

static void enter_or_down_focus_the_selection_and_up_esc_return(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_int_equal(view_state_key(&vs, OKR_KEY_ENTER, 0), VS_CHANGED);
    assert_objective(&vs, 1);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_objective(&vs, 2);
    view_state_key(&vs, OKR_KEY_UP, 0);
    assert_overview(&vs, 1, 2);
    view_state_key(&vs, OKR_KEY_DOWN, 0);
    assert_objective(&vs, 2);
    view_state_key(&vs, OKR_KEY_BACK, 0);
    assert_overview(&vs, 1, 2);
    /* back on the overview clears the selection, page stays */
    view_state_key(&vs, OKR_KEY_BACK, 0);
    assert_overview(&vs, 1, -1);
    /* Enter without a selection focuses the first objective of the page */
    view_state_key(&vs, OKR_KEY_ENTER, 0);
    assert_objective(&vs, 2);
}

static void next_past_the_last_objective_returns_to_the_overview(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    view_state_key(&vs, OKR_KEY_DIGIT_1 + 4, 0);
    assert_objective(&vs, 4);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_overview(&vs, 0, -1);
    view_state_key(&vs, OKR_KEY_DIGIT_1, 0);
    assert_objective(&vs, 0);
    view_state_key(&vs, OKR_KEY_LEFT, 0);
    assert_overview(&vs, 0, -1);
}

static void digits_jump_to_objectives_that_exist(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_int_equal(view_state_key(&vs, OKR_KEY_DIGIT_1 + 2, 0), VS_CHANGED);
    assert_objective(&vs, 2);
    assert_int_equal(view_state_key(&vs, OKR_KEY_DIGIT_1 + 6, 0), 0);
    assert_objective(&vs, 2);
    assert_int_equal(view_state_key(&vs, OKR_KEY_DIGIT_9, 0), 0);
}

static void t_cycles_the_teams_then_returns_to_the_overview(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_int_equal(vs.n_teams, 2);
    assert_int_equal(view_state_key(&vs, OKR_KEY_TEAM, 0), VS_CHANGED);
    assert_team(&vs, "A", -1);
    assert_int_equal(view_state_page_count(&vs), 1);
    view_state_key(&vs, OKR_KEY_TEAM, 0);
    assert_team(&vs, "B", -1);
    view_state_key(&vs, OKR_KEY_TEAM, 0);
    assert_overview(&vs, 0, -1);
    /* from a focus view, T starts at the first team */
    view_state_key(&vs, OKR_KEY_DIGIT_1 + 3, 0);
    view_state_key(&vs, OKR_KEY_TEAM, 0);
    assert_team(&vs, "A", -1);
}

static void the_team_view_steps_through_its_own_objectives(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    view_state_key(&vs, OKR_KEY_TEAM, 0); /* team A: objectives 0 and 2 */
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_team(&vs, "A", 0);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_team(&vs, "A", 2);
    view_state_key(&vs, OKR_KEY_ENTER, 0);
    assert_objective(&vs, 2);
    view_state_key(&vs, OKR_KEY_LEFT, 0);
    assert_objective(&vs, 0);
    view_state_key(&vs, OKR_KEY_BACK, 0);
    assert_team(&vs, "A", 0);
    view_state_key(&vs, OKR_KEY_BACK, 0);
    assert_team(&vs, "A", -1);
    view_state_key(&vs, OKR_KEY_BACK, 0);
    assert_overview(&vs, 0, -1);
}

static void rotation_in_a_team_view_stays_in_the_team(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_true(view_state_start(&vs, VIEW_TEAM, 0, "B", false));
    assert_team(&vs, "B", -1);
    view_state_tick(&vs, 15000);
    assert_objective(&vs, 1);
    view_state_tick(&vs, 30000);
    assert_objective(&vs, 4);
    view_state_tick(&vs, 45000);
    assert_team(&vs, "B", -1);
}

static void start_view_rejects_what_the_feed_lacks(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_false(view_state_start(&vs, VIEW_OBJECTIVE, 5, NULL, false));
    assert_false(view_state_start(&vs, VIEW_TEAM, 0, "Z", false));
    assert_overview(&vs, 0, -1);
    assert_true(view_state_start(&vs, VIEW_OBJECTIVE, 4, NULL, true));
    assert_objective(&vs, 4);
    assert_true(vs.help);
}

static void indexes_are_clamped_when_objectives_disappear(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    view_state_key(&vs, OKR_KEY_DIGIT_1 + 4, 0);
    view_state_set_feed(&vs, make_feed(2));
    assert_objective(&vs, 1);

    setup_state(&vs, 15);
    view_state_key(&vs, OKR_KEY_LEFT, 0); /* wraps to objective 4 on page 2 */
    assert_overview(&vs, 2, 4);
    view_state_set_feed(&vs, make_feed(2));
    assert_overview(&vs, 0, -1);

    view_state_set_feed(&vs, make_feed(0));
    assert_overview(&vs, 0, -1);
    assert_int_equal(view_state_key(&vs, OKR_KEY_ENTER, 0), 0);
    assert_int_equal(view_state_key(&vs, OKR_KEY_RIGHT, 0), 0);
}

static void a_team_that_disappears_falls_back_to_the_overview(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    view_state_key(&vs, OKR_KEY_TEAM, 0);
    view_state_key(&vs, OKR_KEY_TEAM, 0);
    assert_team(&vs, "B", -1);
    view_state_set_feed(&vs, make_feed(1)); /* only objective 0, team A */
    assert_overview(&vs, 0, -1);
    assert_int_equal(vs.n_teams, 1);
}

static void r_f_and_q_return_actions_without_changing_the_view(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    assert_int_equal(view_state_key(&vs, OKR_KEY_REFRESH, 0), VS_REFRESH);
    assert_int_equal(view_state_key(&vs, OKR_KEY_FULLSCREEN, 0), VS_FULLSCREEN);
    assert_int_equal(view_state_key(&vs, OKR_KEY_QUIT, 0), VS_QUIT);
    assert_overview(&vs, 0, -1);
}

static void a_standup_runs_with_arrows_enter_and_back_alone(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    /* OK on the remote: the first objective */
    view_state_key(&vs, OKR_KEY_ENTER, 0);
    assert_objective(&vs, 0);
    /* right through every objective, then back at the overview */
    for (int i = 1; i < 5; i++) {
        view_state_key(&vs, OKR_KEY_RIGHT, 0);
        assert_objective(&vs, i);
    }
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_overview(&vs, 0, -1);
    /* pick the fourth with the arrows, open it, go back */
    for (int i = 0; i < 4; i++)
        view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_overview(&vs, 1, 3);
    view_state_key(&vs, OKR_KEY_ENTER, 0);
    assert_objective(&vs, 3);
    view_state_key(&vs, OKR_KEY_BACK, 0);
    assert_overview(&vs, 1, 3);
}

static void describe_names_the_view_one_based(void **state)
{
    (void)state;
    ViewState vs;
    char buf[96];
    setup_state(&vs, 15);
    view_state_describe(&vs, buf, sizeof(buf));
    assert_string_equal(buf, "overview page 1");
    view_state_key(&vs, OKR_KEY_DIGIT_1 + 1, 0);
    view_state_describe(&vs, buf, sizeof(buf));
    assert_string_equal(buf, "objective 2");
    view_state_key(&vs, OKR_KEY_TEAM, 0);
    view_state_describe(&vs, buf, sizeof(buf));
    assert_string_equal(buf, "team A page 1");
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    view_state_describe(&vs, buf, sizeof(buf));
    assert_string_equal(buf, "team A page 1 selected 3");
    view_state_key(&vs, OKR_KEY_HELP, 0);
    view_state_describe(&vs, buf, sizeof(buf));
    assert_string_equal(buf, "team A page 1 selected 3 + help");
}

/* With a history, the changes view comes after the last overview page and
 * before the first objective; after the objectives it starts over. */
static void rotation_shows_the_changes_after_the_overview_when_there_is_a_history(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    view_state_set_changes(&vs, true);
    view_state_tick(&vs, 15000);
    view_state_tick(&vs, 30000);
    assert_overview(&vs, 2, -1);
    assert_int_equal(view_state_tick(&vs, 45000), VS_CHANGED);
    assert_int_equal(vs.view.kind, VIEW_CHANGES);
    assert_int_equal(view_state_tick(&vs, 60000), VS_CHANGED);
    assert_objective(&vs, 0);
    for (int i = 1; i < 5; i++)
        view_state_tick(&vs, 60000 + 15000 * (uint64_t)i);
    assert_objective(&vs, 4);
    view_state_tick(&vs, 135000);
    assert_overview(&vs, 0, -1);
}

static void without_a_history_rotation_skips_the_changes(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 15);
    for (int i = 1; i <= 3; i++)
        view_state_tick(&vs, 15000 * (uint64_t)i);
    assert_objective(&vs, 0);
}

/* C shows the changes, C again or Back returns to the overview; an arrow
 * leaves it too (it is one page). */
static void key_c_shows_the_changes_and_back_returns(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 0);
    assert_int_equal(view_state_key(&vs, OKR_KEY_CHANGES, 0), VS_CHANGED);
    assert_int_equal(vs.view.kind, VIEW_CHANGES);
    assert_int_equal(view_state_key(&vs, OKR_KEY_CHANGES, 0), VS_CHANGED);
    assert_overview(&vs, 0, -1);
    view_state_key(&vs, OKR_KEY_CHANGES, 0);
    assert_int_equal(view_state_key(&vs, OKR_KEY_BACK, 0), VS_CHANGED);
    assert_overview(&vs, 0, -1);
    view_state_key(&vs, OKR_KEY_RIGHT, 0); /* from the focus view too */
    view_state_key(&vs, OKR_KEY_ENTER, 0);
    assert_objective(&vs, 0);
    view_state_key(&vs, OKR_KEY_CHANGES, 0);
    assert_int_equal(vs.view.kind, VIEW_CHANGES);
    view_state_key(&vs, OKR_KEY_RIGHT, 0);
    assert_overview(&vs, 0, -1);
    /* help over the changes view, and any key closes it */
    view_state_key(&vs, OKR_KEY_CHANGES, 0);
    view_state_key(&vs, OKR_KEY_HELP, 0);
    assert_true(vs.help);
    view_state_key(&vs, OKR_KEY_OTHER, 0);
    assert_false(vs.help);
    assert_int_equal(vs.view.kind, VIEW_CHANGES);
}

static void start_view_changes_opens_the_changes(void **state)
{
    (void)state;
    ViewState vs;
    setup_state(&vs, 0);
    assert_true(view_state_start(&vs, VIEW_CHANGES, 0, NULL, false));
    assert_int_equal(vs.view.kind, VIEW_CHANGES);
    /* the layout reporting its paging does not leave it */
    view_state_set_per_page(&vs, 3);
    assert_int_equal(vs.view.kind, VIEW_CHANGES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rotation_shows_each_overview_page_then_each_objective),
        cmocka_unit_test(rotation_shows_the_changes_after_the_overview_when_there_is_a_history),
        cmocka_unit_test(without_a_history_rotation_skips_the_changes),
        cmocka_unit_test(key_c_shows_the_changes_and_back_returns),
        cmocka_unit_test(start_view_changes_opens_the_changes),
        cmocka_unit_test(rotation_is_off_when_the_interval_is_zero),
        cmocka_unit_test(a_key_holds_rotation_for_two_minutes_then_it_resumes),
        cmocka_unit_test(space_pauses_rotation_until_pressed_again),
        cmocka_unit_test(help_opens_with_h_and_closes_on_any_key),
        cmocka_unit_test(rotation_closes_help),
        cmocka_unit_test(right_and_left_move_the_selection_and_its_page_on_the_overview),
        cmocka_unit_test(enter_or_down_focus_the_selection_and_up_esc_return),
        cmocka_unit_test(next_past_the_last_objective_returns_to_the_overview),
        cmocka_unit_test(digits_jump_to_objectives_that_exist),
        cmocka_unit_test(t_cycles_the_teams_then_returns_to_the_overview),
        cmocka_unit_test(the_team_view_steps_through_its_own_objectives),
        cmocka_unit_test(rotation_in_a_team_view_stays_in_the_team),
        cmocka_unit_test(start_view_rejects_what_the_feed_lacks),
        cmocka_unit_test(indexes_are_clamped_when_objectives_disappear),
        cmocka_unit_test(a_team_that_disappears_falls_back_to_the_overview),
        cmocka_unit_test(r_f_and_q_return_actions_without_changing_the_view),
        cmocka_unit_test(a_standup_runs_with_arrows_enter_and_back_alone),
        cmocka_unit_test(describe_names_the_view_one_based),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
