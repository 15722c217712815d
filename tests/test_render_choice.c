/*
 * Tests for app/render_choice.c: which renderer --renderer gets on each video
 * driver. The console's rule comes from SDL 2.26's source: KMSDRM has no
 * window surface (no CreateWindowFramebuffer), so the software renderer
 * cannot draw there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "render_choice.h"

static void software_on_the_console_is_refused_with_a_note_and_the_gpu_draws(void **state)
{
    (void)state;
    RenderChoice c = render_choose(OPT_RENDER_SOFTWARE, "kmsdrm", true);
    assert_false(c.software);
    assert_false(c.fallback);
    assert_non_null(c.note);
    assert_non_null(strstr(c.note, "console"));
    assert_non_null(strstr(c.note, "GPU"));
}

static void the_console_never_falls_back_to_software(void **state)
{
    (void)state;
    const OptRenderer all[] = {OPT_RENDER_AUTO, OPT_RENDER_GPU, OPT_RENDER_SOFTWARE};
    for (size_t i = 0; i < 3; i++)
        for (int gpu = 0; gpu < 2; gpu++) {
            RenderChoice c = render_choose(all[i], "kmsdrm", gpu != 0);
            assert_false(c.software);
            assert_false(c.fallback);
        }
    /* gpu and auto say nothing */
    assert_null(render_choose(OPT_RENDER_GPU, "kmsdrm", true).note);
    assert_null(render_choose(OPT_RENDER_AUTO, "kmsdrm", true).note);
}

static void a_desktop_gets_what_it_asks_for_and_gpu_falls_back(void **state)
{
    (void)state;
    const char *drivers[] = {"x11", "wayland", "offscreen", "dummy", NULL};
    for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++) {
        RenderChoice c = render_choose(OPT_RENDER_SOFTWARE, drivers[i], true);
        assert_true(c.software);
        assert_false(c.fallback);
        assert_null(c.note);
        c = render_choose(OPT_RENDER_GPU, drivers[i], false);
        assert_false(c.software);
        assert_true(c.fallback);
        assert_null(c.note);
    }
}

static void auto_is_gpu_only_where_a_drm_device_exists(void **state)
{
    (void)state;
    RenderChoice c = render_choose(OPT_RENDER_AUTO, "x11", true);
    assert_false(c.software);
    assert_true(c.fallback);
    c = render_choose(OPT_RENDER_AUTO, "x11", false);
    assert_true(c.software);
    assert_false(c.fallback);
}

static void no_gpu_renderer_on_the_console_names_the_packages(void **state)
{
    (void)state;
    char buf[512];
    const char *m = render_choice_gpu_error("kmsdrm", "Could not initialize EGL", buf, sizeof(buf));
    assert_ptr_equal(m, buf);
    assert_non_null(strstr(m, "Could not initialize EGL"));
    assert_non_null(strstr(m, "libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri"));
    m = render_choice_gpu_error("x11", "no GLX", buf, sizeof(buf));
    assert_string_equal(m, "cannot create a renderer: no GLX");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(software_on_the_console_is_refused_with_a_note_and_the_gpu_draws),
        cmocka_unit_test(the_console_never_falls_back_to_software),
        cmocka_unit_test(a_desktop_gets_what_it_asks_for_and_gpu_falls_back),
        cmocka_unit_test(auto_is_gpu_only_where_a_drm_device_exists),
        cmocka_unit_test(no_gpu_renderer_on_the_console_names_the_packages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
