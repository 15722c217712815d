/*
 * Tests for app/drm_card.c on fake /dev/dri and /sys/class/drm trees built in
 * a temporary directory, shaped like the real ones: a Raspberry Pi 4 (v3d
 * render-only card plus the display card, whose platform driver the kernel
 * names "vc4-drm", in both numberings), nothing
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
    sh("touch dev/dri/%s && mkdir -p sys/class/drm/%s/device sys/bus/platform/drivers/%s", card,
       card, driver);
    sh("ln -s ../../../../bus/platform/drivers/%s sys/class/drm/%s/device/driver", driver, card);
}

static void add_connector(const char *card_conn, const char *status)
{
    sh("mkdir -p sys/class/drm/%s && echo %s > sys/class/drm/%s/status", card_conn, status,
       card_conn);
}

static const char *root_dev(void)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/dev/dri", root);
    return p;
}

static const char *root_sys(void)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/sys/class/drm", root);
    return p;
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
    add_card("card1", "vc4-drm");
    add_connector("card1-HDMI-A-1", "connected");
    add_connector("card1-HDMI-A-2", "disconnected");
    add_connector("card1-Writeback-1", "unknown");
    add_render_node();
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_CONNECTED);
    assert_int_equal(c.index, 1);
    assert_string_equal(c.driver, "vc4-drm");
    assert_string_equal(c.connector, "HDMI-A-1");
    assert_string_equal(c.message, "display on card1 (vc4-drm), HDMI-A-1 connected");
}

static void pi4_with_swapped_numbers_follows_the_display(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "vc4-drm");
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
    add_card("card1", "vc4-drm");
    add_connector("card1-HDMI-A-1", "disconnected");
    add_connector("card1-HDMI-A-2", "disconnected");
    add_connector("card1-Writeback-1", "unknown"); /* must not count as a screen */
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_NO_DISPLAY);
    assert_int_equal(c.index, 1);
    assert_string_equal(c.message, "no display connected: card0 (v3d: no connectors, render only); "
                                   "card1 (vc4-drm: HDMI-A-1 disconnected, HDMI-A-2 disconnected); "
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

static void unknown_connector_means_wait_not_go(void **state)
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
    assert_non_null(strstr(c.message, "switch the TV on or check the HDMI cable, retrying"));
}

/* The Pi 3's composite output always says "unknown"; HDMI with the TV off at
 * boot can too. Neither gives SDL a display, so the kiosk must wait. */
static void pi_with_tv_off_at_boot_waits_for_connected(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "vc4-drm");
    add_connector("card0-HDMI-A-1", "unknown");
    add_connector("card0-Composite-1", "unknown");
    DrmCardChoice c;
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_UNKNOWN);
    /* The connectors in directory order, which the file system decides. */
    assert_non_null(strstr(c.message, "no display reports \"connected\" yet: card0 (vc4-drm: "));
    assert_non_null(strstr(c.message, "Composite-1 unknown"));
    assert_non_null(strstr(c.message, "HDMI-A-1 unknown"));
    assert_non_null(strstr(c.message,
                           "); a TV that was off at boot or the composite output reports "
                           "\"unknown\" and SDL cannot use it; switch the TV on or check "
                           "the HDMI cable, retrying"));
    add_connector("card0-HDMI-A-1", "connected");
    assert_int_equal(drm_card_choose_root(root, &c), DRM_CARD_CONNECTED);
    assert_string_equal(c.connector, "HDMI-A-1");
}

static void plain_vc4_driver_name_still_counts_as_the_pi(void **state)
{
    (void)state;
    assert_true(drm_card_is_vc4("vc4-drm"));
    assert_true(drm_card_is_vc4("vc4"));
    assert_false(drm_card_is_vc4("v3d"));
    assert_false(drm_card_is_vc4("vc4-drmx"));
}

static void list_reports_every_connector_with_its_modes(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "v3d");
    add_card("card1", "vc4-drm");
    add_connector("card1-HDMI-A-2", "disconnected");
    add_connector("card1-HDMI-A-1", "connected");
    add_connector("card1-Writeback-1", "unknown");
    sh("printf '3840x2160\\n1920x1080\\n1280x720\\n' > sys/class/drm/card1-HDMI-A-1/modes");
    sh("echo On > sys/class/drm/card1-HDMI-A-1/dpms && echo enabled > sys/class/drm/card1-HDMI-A-1/enabled");
    DrmCardInfo cards[4];
    assert_int_equal(drm_card_list(root_dev(), root_sys(), cards, 4), 2);
    assert_int_equal(cards[0].index, 0);
    assert_int_equal(cards[0].n_connectors, 0);
    assert_int_equal(cards[1].index, 1);
    assert_string_equal(cards[1].driver, "vc4-drm");
    assert_int_equal(cards[1].n_connectors, 2); /* writeback left out */
    assert_string_equal(cards[1].conn[0].name, "HDMI-A-1");
    assert_string_equal(cards[1].conn[0].status, "connected");
    assert_string_equal(cards[1].conn[0].preferred, "3840x2160");
    assert_int_equal(cards[1].conn[0].n_modes, 3);
    assert_string_equal(cards[1].conn[0].dpms, "On");
    assert_true(cards[1].conn[0].enabled);
    assert_string_equal(cards[1].conn[1].name, "HDMI-A-2");
    assert_int_equal(cards[1].conn[1].n_modes, 0);
    assert_string_equal(cards[1].conn[1].preferred, "");
}

static void card_without_device_node_is_skipped(void **state)
{
    (void)state;
    reset_tree();
    add_card("card0", "vc4-drm");
    add_card("card1", "vc4-drm");
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
        cmocka_unit_test(unknown_connector_means_wait_not_go),
        cmocka_unit_test(pi_with_tv_off_at_boot_waits_for_connected),
        cmocka_unit_test(plain_vc4_driver_name_still_counts_as_the_pi),
        cmocka_unit_test(list_reports_every_connector_with_its_modes),
        cmocka_unit_test(card_without_device_node_is_skipped),
        cmocka_unit_test(no_display_card_is_a_clear_error),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
