/*
 * Tests for keymap_from_linux (app/keymap.c): the TV remote's keys that SDL
 * 2.26 drops (its evdev table maps them to SDL_SCANCODE_UNKNOWN, see SDL's
 * src/events/scancodes_linux.h) become the wall's keys; keys SDL reports
 * itself map to nothing here, so they do not act twice.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <linux/input-event-codes.h>

#include "keymap.h"

static void the_remotes_ok_and_exit_work_as_enter_and_back(void **state)
{
    (void)state;
    assert_int_equal(keymap_from_linux(KEY_OK), OKR_KEY_ENTER);
    assert_int_equal(keymap_from_linux(KEY_SELECT), OKR_KEY_ENTER);
    assert_int_equal(keymap_from_linux(KEY_EXIT), OKR_KEY_BACK);
    assert_int_equal(keymap_from_linux(KEY_INFO), OKR_KEY_HELP);
    assert_int_equal(keymap_from_linux(KEY_CHANNELUP), OKR_KEY_PAGE_UP);
    assert_int_equal(keymap_from_linux(KEY_CHANNELDOWN), OKR_KEY_PAGE_DOWN);
    assert_int_equal(keymap_from_linux(KEY_NUMERIC_1), OKR_KEY_DIGIT_1);
    assert_int_equal(keymap_from_linux(KEY_NUMERIC_9), OKR_KEY_DIGIT_9);
}

static void keys_sdl_reports_itself_are_left_to_sdl(void **state)
{
    (void)state;
    const int sdl_keys[] = {KEY_UP,  KEY_DOWN, KEY_LEFT,  KEY_RIGHT,  KEY_ENTER,    KEY_BACK,
                            KEY_ESC, KEY_1,    KEY_SPACE, KEY_PAGEUP, KEY_NUMERIC_0};
    for (size_t i = 0; i < sizeof(sdl_keys) / sizeof(sdl_keys[0]); i++)
        assert_int_equal(keymap_from_linux(sdl_keys[i]), OKR_KEY_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_remotes_ok_and_exit_work_as_enter_and_back),
        cmocka_unit_test(keys_sdl_reports_itself_are_left_to_sdl),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
