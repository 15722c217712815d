/*
 * Tests for app/dpms.c against a fake DRM device (tests/fake_drm.h) that
 * records each property set: the right connector and property get the DPMS
 * values of the kernel's uapi (on 0, off 3), and refusals say what to do.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dpms.h"
#include "fake_drm.h"

static void off_then_on_sets_the_connected_connectors_dpms_property(void **state)
{
    (void)state;
    FakeDrm f;
    fake_drm_pi4(&f);
    DrmIo io = fake_drm_io(&f);
    Dpms d;
    char why[256] = "";
    assert_int_equal(dpms_open(&d, &io, NULL, why, sizeof(why)), 0);
    assert_string_equal(d.connector, "HDMI-A-1");
    assert_int_equal(dpms_set(&d, false, why, sizeof(why)), 0);
    assert_int_equal(dpms_set(&d, true, why, sizeof(why)), 0);
    assert_int_equal(f.n_sets, 2);
    assert_int_equal(f.sets[0].obj, 32);
    assert_int_equal(f.sets[0].prop, 2);
    assert_int_equal(f.sets[0].value, 3); /* DRM_MODE_DPMS_OFF */
    assert_int_equal(f.sets[1].value, 0); /* DRM_MODE_DPMS_ON */
    assert_int_equal(f.conn[0].dpms, 0);
    assert_int_equal(f.conn[1].dpms, 0); /* the empty port is left alone */
}

static void the_screen_sdl_uses_is_preferred_over_the_first(void **state)
{
    (void)state;
    FakeDrm f;
    fake_drm_pi4(&f);
    f.conn[1].connection = DRM_IO_CONNECTED;
    f.conn[1].dpms_prop = 7;
    DrmIo io = fake_drm_io(&f);
    Dpms d;
    char why[256];
    assert_int_equal(dpms_open(&d, &io, "HDMI-A-2", why, sizeof(why)), 0);
    assert_int_equal(dpms_set(&d, false, why, sizeof(why)), 0);
    assert_int_equal(f.sets[0].obj, 42);
    assert_int_equal(f.sets[0].prop, 7);
}

static void not_being_master_is_explained_and_stops_dpms(void **state)
{
    (void)state;
    FakeDrm f;
    fake_drm_pi4(&f);
    DrmIo io = fake_drm_io(&f);
    Dpms d;
    char why[256];
    assert_int_equal(dpms_open(&d, &io, NULL, why, sizeof(why)), 0);
    f.set_error = -EACCES;
    assert_int_equal(dpms_set(&d, false, why, sizeof(why)), -EACCES);
    assert_string_equal(
        why, "DPMS off on HDMI-A-1 refused: this process is not the DRM master (a desktop, "
             "plymouth or another kiosk holds the display; run okr-kiosk --diagnose)");
    assert_false(d.ready);
    f.set_error = 0;
    assert_int_equal(dpms_set(&d, true, why, sizeof(why)), -ENODEV);
    assert_int_equal(f.n_sets, 0);
}

static void no_screen_or_no_property_means_no_dpms(void **state)
{
    (void)state;
    FakeDrm f;
    fake_drm_pi4(&f);
    f.conn[0].connection = DRM_IO_DISCONNECTED;
    DrmIo io = fake_drm_io(&f);
    Dpms d;
    char why[256];
    assert_int_equal(dpms_open(&d, &io, NULL, why, sizeof(why)), -1);
    assert_string_equal(why, "no connected screen on this DRM device");
    fake_drm_pi4(&f);
    f.conn[0].dpms_prop = 0;
    assert_int_equal(dpms_open(&d, &io, NULL, why, sizeof(why)), -1);
    assert_string_equal(why, "HDMI-A-1 has no DPMS property");
    fake_drm_pi4(&f);
    f.list_error = -EACCES;
    assert_int_equal(dpms_open(&d, &io, NULL, why, sizeof(why)), -1);
    assert_non_null(strstr(why, "cannot read the DRM connectors"));
}

static void a_vanished_connector_is_reported(void **state)
{
    (void)state;
    FakeDrm f;
    fake_drm_pi4(&f);
    DrmIo io = fake_drm_io(&f);
    Dpms d;
    char why[256];
    assert_int_equal(dpms_open(&d, &io, NULL, why, sizeof(why)), 0);
    f.set_error = -ENOENT;
    assert_int_equal(dpms_set(&d, true, why, sizeof(why)), -ENOENT);
    assert_non_null(strstr(why, "the connector is gone"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(off_then_on_sets_the_connected_connectors_dpms_property),
        cmocka_unit_test(the_screen_sdl_uses_is_preferred_over_the_first),
        cmocka_unit_test(not_being_master_is_explained_and_stops_dpms),
        cmocka_unit_test(no_screen_or_no_property_means_no_dpms),
        cmocka_unit_test(a_vanished_connector_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
