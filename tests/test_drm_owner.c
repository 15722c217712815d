/*
 * Tests for app/drm_owner.c on a fake /proc tree: processes with fd links
 * (dangling symlinks, as in a fake tree the device does not exist), comm
 * files, and a process whose fds cannot be read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "drm_owner.h"

static char root[64];

static int make_root(void **state)
{
    (void)state;
    snprintf(root, sizeof(root), "/tmp/okr-proc-XXXXXX");
    if (mkdtemp(root) == NULL)
        return -1;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "cd '%s' && mkdir -p 312/fd 800/fd 900/fd 42/fd 77 && echo plymouthd > 312/comm && "
             "ln -s /dev/dri/card1 312/fd/9 && ln -s /dev/tty1 312/fd/0 && "
             "echo Xorg > 800/comm && ln -s /dev/dri/card0 800/fd/12 && "
             "echo bash > 900/comm && ln -s /dev/pts/0 900/fd/1 && "
             "echo okr-kiosk > 42/comm && ln -s /dev/dri/card1 42/fd/5 && "
             "echo secret > 77/comm && mkdir -p self/fd",
             root);
    return system(cmd) == 0 ? 0 : -1;
}

static int remove_root(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void the_splash_holding_card1_is_named_with_its_fix(void **state)
{
    (void)state;
    DrmHolder h[DRM_OWNER_MAX];
    int hidden = 0;
    /* 42 is this process: it never counts as being in the way. */
    int n = drm_owner_scan(root, "/dev/dri/card1", 42, h, DRM_OWNER_MAX, &hidden);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].pid, 312);
    assert_string_equal(h[0].comm, "plymouthd");
    assert_int_equal(hidden, 1); /* pid 77 has no fd directory to read */
    char line[512];
    drm_owner_describe(h, n, hidden, "/dev/dri/card1", line, sizeof(line));
    assert_string_equal(
        line, "plymouthd (pid 312) has /dev/dri/card1 open: the boot splash still holds the "
              "screen: remove \"splash\" from /boot/firmware/cmdline.txt, or let the unit wait "
              "for plymouth-quit-wait.service");
}

static void a_desktop_and_another_kiosk_get_their_own_advice(void **state)
{
    (void)state;
    DrmHolder h[DRM_OWNER_MAX];
    int hidden;
    int n = drm_owner_scan(root, "/dev/dri/card0", 1, h, DRM_OWNER_MAX, &hidden);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].comm, "Xorg");
    assert_non_null(strstr(drm_owner_advice("Xorg"), "boot to the console"));
    assert_non_null(strstr(drm_owner_advice("okr-kiosk"), "sudo systemctl stop okr-kiosk"));
    n = drm_owner_scan(root, "/dev/dri/card1", 1, h, DRM_OWNER_MAX, &hidden);
    assert_int_equal(n, 2); /* the splash and the other kiosk */
}

static void nobody_visible_says_how_to_look_as_root(void **state)
{
    (void)state;
    DrmHolder h[DRM_OWNER_MAX];
    int hidden;
    int n = drm_owner_scan(root, "/dev/dri/card7", 1, h, DRM_OWNER_MAX, &hidden);
    assert_int_equal(n, 0);
    char line[512];
    drm_owner_describe(h, n, hidden, "/dev/dri/card7", line, sizeof(line));
    assert_string_equal(
        line, "another process holds /dev/dri/card7 (processes of other users cannot be looked "
              "into); to see which: sudo fuser -v /dev/dri/card7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_splash_holding_card1_is_named_with_its_fix),
        cmocka_unit_test(a_desktop_and_another_kiosk_get_their_own_advice),
        cmocka_unit_test(nobody_visible_says_how_to_look_as_root),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
