/*
 * Tests for app/drm_watch.c: uevent datagrams as the kernel sends them for a
 * Pi's HDMI hotplug (drm_sysfs_hotplug_event: ACTION=change, HOTPLUG=1),
 * other subsystems that must not count, the thread over a socketpair, and
 * the display signature the loop compares.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "drm_watch.h"
#include "fake_drm.h"

#define MSG(s) s, sizeof(s) - 1

static const char hdmi[] =
    "change@/devices/platform/gpu/drm/card1\0ACTION=change\0"
    "DEVPATH=/devices/platform/gpu/drm/card1\0SUBSYSTEM=drm\0HOTPLUG=1\0"
    "CONNECTOR=32\0DEVNAME=dri/card1\0DEVTYPE=drm_minor\0SEQNUM=2345\0MAJOR=226\0MINOR=1";
static const char usb[] =
    "add@/devices/platform/scb/usb1/1-1\0ACTION=add\0SUBSYSTEM=usb\0SEQNUM=2346";
static const char aux[] =
    "add@/devices/platform/gpu/drm_dp_aux0\0ACTION=add\0SUBSYSTEM=drm_dp_aux_dev\0SEQNUM=7";
static const char new_card[] =
    "add@/devices/platform/gpu/drm/card1\0ACTION=add\0SUBSYSTEM=drm\0SEQNUM=12";

static void an_hdmi_hotplug_is_recognised_and_other_events_are_not(void **state)
{
    (void)state;
    assert_true(drm_watch_is_hotplug(MSG(hdmi)));
    assert_false(drm_watch_is_hotplug(MSG(usb)));
    assert_false(drm_watch_is_hotplug(MSG(aux)));
    assert_false(
        drm_watch_is_hotplug(MSG(new_card))); /* a card appearing is not a connector change */
    assert_false(drm_watch_is_hotplug("", 0));
}

static int wakes;

static void on_wake(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&wakes, 1, __ATOMIC_SEQ_CST);
}

static void the_thread_wakes_the_loop_once_per_hotplug(void **state)
{
    (void)state;
    int sv[2];
    char err[128];
    assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
    wakes = 0;
    DrmWatch *w = drm_watch_start_fd(sv[0], on_wake, NULL, err, sizeof(err));
    assert_non_null(w);
    assert_false(drm_watch_take(w));
    assert_int_equal(send(sv[1], usb, sizeof(usb) - 1, 0), (ssize_t)(sizeof(usb) - 1));
    assert_int_equal(send(sv[1], hdmi, sizeof(hdmi) - 1, 0), (ssize_t)(sizeof(hdmi) - 1));
    for (int i = 0; i < 200 && __atomic_load_n(&wakes, __ATOMIC_SEQ_CST) == 0; i++) {
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
    }
    assert_int_equal(__atomic_load_n(&wakes, __ATOMIC_SEQ_CST), 1);
    assert_true(drm_watch_take(w));
    assert_false(drm_watch_take(w)); /* taken */
    drm_watch_stop(w);
    close(sv[1]);
    drm_watch_stop(NULL);
}

static void the_signature_follows_the_screen_and_its_preferred_mode(void **state)
{
    (void)state;
    FakeDrm f;
    fake_drm_pi4(&f);
    char a[64], b[64];
    drm_watch_signature(f.conn, f.n_conn, "HDMI-A-1", a, sizeof(a));
    assert_string_equal(a, "HDMI-A-1 1920x1080@60");
    /* The same TV again: no change. */
    drm_watch_signature(f.conn, f.n_conn, "HDMI-A-1", b, sizeof(b));
    assert_string_equal(a, b);
    /* A 4K TV on the same port. */
    f.conn[0].preferred = (DrmIoMode){3840, 2160, 60};
    drm_watch_signature(f.conn, f.n_conn, "HDMI-A-1", b, sizeof(b));
    assert_string_equal(b, "HDMI-A-1 3840x2160@60");
    /* Unplugged. */
    f.conn[0].connection = DRM_IO_DISCONNECTED;
    drm_watch_signature(f.conn, f.n_conn, "HDMI-A-1", b, sizeof(b));
    assert_string_equal(b, "");
    /* Moved to the other port. */
    f.conn[1].connection = DRM_IO_CONNECTED;
    f.conn[1].preferred = (DrmIoMode){1920, 1080, 60};
    drm_watch_signature(f.conn, f.n_conn, "HDMI-A-1", b, sizeof(b));
    assert_string_equal(b, "HDMI-A-2 1920x1080@60");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_hdmi_hotplug_is_recognised_and_other_events_are_not),
        cmocka_unit_test(the_thread_wakes_the_loop_once_per_hotplug),
        cmocka_unit_test(the_signature_follows_the_screen_and_its_preferred_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
