/*
 * Tests for app/drm_card.c on fake /dev/dri and /sys/class/drm trees built in
 * a temporary directory, shaped like the real ones: a Raspberry Pi 4 (v3d
 * render-only card plus the vc4 display card, in both numberings), nothing
 * plugged in, a PC with two GPUs, a driver that cannot detect, and no card.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drm_card.h"

static char root[256];

static int make_root(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/okr-drm-XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int remove_root(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

/* Runs a shell command inside root. */
__attribute__((format(printf, 1, 2))) static void sh(const char *fmt, ...)
{
    char rel[1024], cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rel, sizeof rel, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "cd '%s' && %s", root, rel);
    assert_int_equal(system(cmd), 0);
}

/* Empties the tree and creates dev/dri and sys/class/drm. */
static void reset_tree(void)
{
    sh("rm -rf dev sys && mkdir -p dev/dri sys/class/drm sys/bus/platform/drivers");
}

/* A card: its device node, its sysfs directory and its driver link, as on a
 * real system (device/driver -> .../bus/platform/drivers/vc4). */
static void add_card(const char *card, const char *driver)
{
    sh("touch dev/dri/%s && mkdir -p sys/class/drm/%s/device sys/bus/platform/drivers/%s",
       card, card, driver);
    sh("ln -s ../../../../bus/platform/drivers/%s sys/class/drm/%s/device/driver",
       driver, card);
}

static void add_connector(const char *card_conn, const char *status)
{
    sh("mkdir -p sys/class/drm/%s && echo %s > sys/class/drm/%s/status", card_conn,
       status, card_conn);
}

static void add_render_node(void)
{
    sh("touch dev/dri/renderD128 && mkdir -p sys/class/drm/renderD128");
    sh("echo 'drm 1.1.0 20060810' > sys/class/drm/version");
}

static void pi4_picks_the_vc4_card_with_hdmi_connected(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "v3d");
    add_card("card1", "vc4");
    add_connector("card1-HDMI-A-1", "connected");
    add_connector("card1-HDMI-A-2", "disconnected");
    add_connector("card1-Writeback-1", "unknown");
    add_render_node();
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_CONNECTED);
    assert_int_equal(c.index, 1);
    assert_string_equal(c.driver, "vc4");
    assert_string_equal(c.connector, "HDMI-A-1");
    assert_string_equal(c.message, "display on card1 (vc4), HDMI-A-1 connected");
}

static void pi4_with_swapped_numbers_follows_the_display(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "vc4");
    add_card("card1", "v3d");
    add_connector("card0-HDMI-A-1", "disconnected");
    add_connector("card0-HDMI-A-2", "connected");
    add_connector("card0-Writeback-1", "unknown");
    add_render_node();
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_CONNECTED);
    assert_int_equal(c.index, 0);
    assert_string_equal(c.connector, "HDMI-A-2");
}

static void nothing_connected_says_so_and_falls_back_to_vc4(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "v3d");
    add_card("card1", "vc4");
    add_connector("card1-HDMI-A-1", "disconnected");
    add_connector("card1-HDMI-A-2", "disconnected");
    add_connector("card1-Writeback-1", "unknown"); /* must not count as a screen */
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_NO_DISPLAY);
    assert_int_equal(c.index, 1);
    assert_string_equal(c.message,
                        "no display connected: card0 (v3d: no connectors, render only); "
                        "card1 (vc4: HDMI-A-1 disconnected, HDMI-A-2 disconnected); "
                        "check the HDMI cable and that the screen is on, retrying");
}

static void pc_with_two_gpus_picks_the_connected_one(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "amdgpu");
    add_card("card1", "i915");
    add_connector("card0-DP-1", "disconnected");
    add_connector("card1-eDP-1", "disconnected");
    add_connector("card1-HDMI-A-1", "connected");
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_CONNECTED);
    assert_int_equal(c.index, 1);
    assert_string_equal(c.driver, "i915");
}

static void undetectable_connector_is_tried(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "v3d");
    add_card("card1", "virtio_gpu");
    add_connector("card1-Virtual-1", "unknown");
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_UNKNOWN);
    assert_int_equal(c.index, 1);
    assert_string_equal(c.connector, "Virtual-1");
}

static void card_without_device_node_is_skipped(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "vc4");
    add_card("card1", "vc4");
    add_connector("card0-HDMI-A-1", "connected");
    add_connector("card1-HDMI-A-1", "connected");
    sh("rm dev/dri/card0");
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_CONNECTED);
    assert_int_equal(c.index, 1);
}

static void no_display_card_is_a_clear_error(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "v3d");
    add_render_node();
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_NONE);
    assert_int_equal(c.index, -1);
    assert_string_equal(c.message, "no display card with outputs found: card0 (v3d: no "
                                   "connectors, render only); is the KMS driver loaded "
                                   "(dtoverlay=vc4-kms-v3d on a Raspberry Pi)?");

    char missing[512];
    snprintf(missing, sizeof missing, "%s/nowhere", root);
    assert_int_equal(drm_card_choose_root(missing, &c), DRM_CARD_NONE);
    assert_non_null(strstr(c.message, "cannot read"));
    assert_non_null(strstr(c.message, "/nowhere/sys/class/drm"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pi4_picks_the_vc4_card_with_hdmi_connected),
        cmocka_unit_test(pi4_with_swapped_numbers_follows_the_display),
        cmocka_unit_test(nothing_connected_says_so_and_falls_back_to_vc4),
        cmocka_unit_test(pc_with_two_gpus_picks_the_connected_one),
        cmocka_unit_test(undetectable_connector_is_tried),
        cmocka_unit_test(card_without_device_node_is_skipped),
        cmocka_unit_test(no_display_card_is_a_clear_error),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
