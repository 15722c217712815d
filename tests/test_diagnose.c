/*
 * Tests for app/diagnose.c on fake trees: a Raspberry Pi 4 (v3d + vc4-drm,
 * a TV on HDMI-A-1, a keyboard and the TV remote over CEC, /dev/cec0, the
 * boot splash still holding the card), a TV that was off at boot, a user
 * without the console groups, and a desktop. They check the report's
 * structure (text and JSON) and that each problem says what to do.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "diagnose.h"
#include "fake_cec.h"

static char root[64];
static FakeCec cec;
static CecIo cec_io;
static int probe_master = 0; /* what the fake card probe answers */

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
    char rel[1024], cmd[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rel, sizeof(rel), fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof(cmd), "cd '%s' && %s", root, rel);
    assert_int_equal(system(cmd), 0);
}

static int make_root(void **state)
{
    (void)state;
    snprintf(root, sizeof(root), "/tmp/okr-diag-XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int remove_root(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

/* The Pi 4 as it boots with the splash still up. */
static void pi4_tree(const char *hdmi_status)
{
    sh("rm -rf dev sys proc && mkdir -p dev/dri dev/input sys/class/drm sys/bus/platform/drivers/v3d "
       "sys/bus/platform/drivers/vc4-drm proc/312/fd");
    sh("touch dev/dri/card0 dev/dri/card1 dev/dri/renderD128 dev/input/event0 dev/input/event1 dev/cec0");
    sh("mkdir -p sys/class/drm/card0/device sys/class/drm/card1/device && "
       "ln -s ../../../../bus/platform/drivers/v3d sys/class/drm/card0/device/driver && "
       "ln -s ../../../../bus/platform/drivers/vc4-drm sys/class/drm/card1/device/driver");
    sh("mkdir -p sys/class/drm/card1-HDMI-A-1 sys/class/drm/card1-HDMI-A-2 && "
       "echo %s > sys/class/drm/card1-HDMI-A-1/status && echo disconnected > sys/class/drm/card1-HDMI-A-2/status && "
       "printf '1920x1080\\n1280x720\\n' > sys/class/drm/card1-HDMI-A-1/modes",
       hdmi_status);
    sh("mkdir -p sys/class/input/event0/device sys/class/input/event1/device && "
       "echo 'Logitech USB Keyboard' > sys/class/input/event0/device/name && "
       "echo vc4-hdmi-0 > sys/class/input/event1/device/name");
    sh("echo plymouthd > proc/312/comm && ln -s /dev/dri/card1 proc/312/fd/9");
    memset(&cec, 0, sizeof(cec));
    pthread_mutex_init(&cec.lock, NULL);
    char dev[96];
    snprintf(dev, sizeof(dev), "%.60s/dev", root);
    cec.a[0] = fake_cec_pi4_adapter(dev, 0, 32);
    cec.n = 1;
    cec_io = fake_cec_io(&cec);
}

static bool read_all_but_remote(const char *path)
{
    return strstr(path, "event1") == NULL;
}

static bool read_nothing(const char *path)
{
    (void)path;
    return false;
}

static void fake_probe(const char *dev_path, DiagCardProbe *out)
{
    assert_string_equal(dev_path, "/dev/dri/card1");
    out->open_error = 0;
    out->master = probe_master;
    out->n_conn = 2;
    out->conn[0] = (DrmIoConnector){32, "HDMI-A-1",       DRM_IO_CONNECTED, 2,
                                    0,  {1920, 1080, 60}, {1920, 1080, 60}};
    out->conn[1] =
        (DrmIoConnector){42, "HDMI-A-2", DRM_IO_DISCONNECTED, 2, 0, {0, 0, 0}, {0, 0, 0}};
}

static DiagEnv console_env(void)
{
    DiagEnv e = {.root = root,
                 .cec = &cec_io,
                 .can_read = read_all_but_remote,
                 .probe_card = fake_probe,
                 .self_pid = 4242};
    return e;
}

/* Runs the collectors the way --diagnose does and returns the text. */
static char *report_text(const DiagEnv *e, DiagReport *r, const char *const *groups, int n_groups)
{
    char connector[48];
    unsigned id;
    int card;
    diag_init(r);
    diag_video(r, e);
    diag_drm(r, e, &card, connector, sizeof(connector), &id);
    diag_input(r, e);
    diag_cec(r, e, card, connector, id);
    char why[128];
    diag_groups(r, "okr-kiosk", groups, n_groups,
                strcmp(diag_video_choice(e, why, sizeof(why)), "kmsdrm") == 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    diag_print_text(r, f);
    fclose(f);
    return text;
}

static const char *const all_groups[] = {"okr-kiosk", "video", "render", "input"};

static void a_pi_with_the_splash_in_the_way_says_who_and_what_to_do(void **state)
{
    (void)state;
    pi4_tree("connected");
    probe_master = 0;
    DiagEnv e = console_env();
    static DiagReport r;
    char *t = report_text(&e, &r, all_groups, 4);
    assert_non_null(strstr(
        t, "video\n  driver: kmsdrm (no DISPLAY or WAYLAND_DISPLAY: SDL draws on the console "
           "through DRM/KMS)\n"));
    assert_non_null(
        strstr(t, "  card0: driver v3d, 0 outputs (render only, e.g. the Pi's v3d GPU)\n"));
    assert_non_null(strstr(t, "  card1: driver vc4-drm, 2 outputs\n"));
    assert_non_null(
        strstr(t, "  card1 HDMI-A-1: connected, preferred 1920x1080@60, current 1920x1080@60\n"));
    assert_non_null(strstr(t, "  card1 HDMI-A-2: disconnected, preferred none, current none\n"));
    assert_non_null(
        strstr(t, "  kiosk would use: display on card1 (vc4-drm), HDMI-A-1 connected\n"));
    assert_non_null(
        strstr(t, "  PROBLEM card1 master: held by another process: plymouthd (pid 312) has "
                  "/dev/dri/card1 open"));
    assert_non_null(strstr(t,
                           "    -> the boot splash still holds the screen: remove \"splash\" from "
                           "/boot/firmware/cmdline.txt"));
    assert_non_null(strstr(t, "  /dev/input/event0: \"Logitech USB Keyboard\", readable\n"));
    assert_non_null(strstr(
        t, "  /dev/input/event1: \"vc4-hdmi-0\" (the TV remote over HDMI-CEC), not readable\n"));
    assert_non_null(strstr(
        t, "  /dev/cec0: vc4-hdmi-0 (vc4_hdmi), card1 connector 32, physical address 1.0.0.0, "
           "logical address none claimed\n"));
    assert_non_null(strstr(t, "  kiosk would use: cec0 for HDMI-A-1\n"));
    assert_non_null(strstr(t, "  groups: okr-kiosk is in: okr-kiosk video render input\n"));
    assert_int_equal(r.problems, 1);
    assert_non_null(strstr(t, "\n1 problem found: see the lines marked PROBLEM\n"));
    free(t);
}

static void a_free_card_is_no_problem(void **state)
{
    (void)state;
    pi4_tree("connected");
    probe_master = 1;
    DiagEnv e = console_env();
    static DiagReport r;
    char *t = report_text(&e, &r, all_groups, 4);
    assert_non_null(
        strstr(t, "  card1 master: free: nobody else drives the screen, the kiosk can take it\n"));
    assert_int_equal(r.problems, 0);
    assert_non_null(strstr(t, "\nno problems found\n"));
    free(t);
}

static void a_tv_off_at_boot_and_a_sleeping_tv_are_explained(void **state)
{
    (void)state;
    pi4_tree("unknown");
    probe_master = 1;
    cec.a[0].pa = CEC_PA_INVALID;
    DiagEnv e = console_env();
    e.probe_card = NULL; /* sysfs only */
    static DiagReport r;
    char *t = report_text(&e, &r, all_groups, 4);
    assert_non_null(strstr(t,
                           "  PROBLEM card1 HDMI-A-1: unknown, preferred 1920x1080, current off\n"
                           "    -> SDL only uses \"connected\" outputs: switch the TV on"));
    assert_non_null(strstr(t, "  PROBLEM kiosk would use: no display reports \"connected\" yet"));
    assert_non_null(strstr(t, "    -> connect the TV and switch it on (the kiosk waits for it)\n"));
    assert_non_null(strstr(t, "physical address f.f.f.f (no TV, or it sleeps)"));
    free(t);
}

static void missing_groups_and_unreadable_keys_name_the_command(void **state)
{
    (void)state;
    pi4_tree("connected");
    probe_master = 1;
    cec.a[0].denied = true;
    DiagEnv e = console_env();
    e.can_read = read_nothing;
    static DiagReport r;
    const char *const groups[] = {"okr-kiosk", "video"};
    char *t = report_text(&e, &r, groups, 2);
    assert_non_null(
        strstr(t, "  PROBLEM keys: no device can be read: keys will not work on the console\n"
                  "    -> add the user to the input group: sudo usermod -aG input USER"));
    assert_non_null(
        strstr(t, "  PROBLEM /dev/cec0: cannot open: Permission denied\n"
                  "    -> add the user to the video group: sudo usermod -aG video USER\n"));
    assert_non_null(strstr(
        t, "  PROBLEM groups: okr-kiosk is in: okr-kiosk video; missing for the console: "
           "render,input\n    -> sudo usermod -aG render,input okr-kiosk, then log in again"));
    assert_int_equal(r.problems, 3);
    free(t);
}

static void a_desktop_without_drm_has_nothing_to_fix(void **state)
{
    (void)state;
    sh("rm -rf dev sys proc && mkdir -p dev");
    memset(&cec, 0, sizeof(cec));
    pthread_mutex_init(&cec.lock, NULL);
    cec_io = fake_cec_io(&cec);
    DiagEnv e = {
        .root = root, .display = ":0", .cec = &cec_io, .can_read = read_nothing, .self_pid = 1};
    static DiagReport r;
    const char *const groups[] = {"alice"};
    char *t = report_text(&e, &r, groups, 1);
    assert_non_null(
        strstr(t, "  driver: x11 (DISPLAY=:0 is set: SDL draws in the desktop's X server)\n"));
    assert_non_null(
        strstr(t, "  cards: none (no /sys/class/drm); the desktop draws, so this is fine\n"));
    assert_non_null(strstr(t, "(only needed on the console)"));
    assert_int_equal(r.problems, 0);
    free(t);
}

static void json_has_the_sections_in_order_and_advice_on_each_problem(void **state)
{
    (void)state;
    pi4_tree("connected");
    probe_master = 0;
    DiagEnv e = console_env();
    static DiagReport r;
    free(report_text(&e, &r, all_groups, 4));
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(diag_print_json(&r, f), 0);
    fclose(f);
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    assert_int_equal(cJSON_GetObjectItem(j, "problems")->valueint, 1);
    const char *want[] = {"video", "drm", "input", "cec", "user"};
    cJSON *secs = cJSON_GetObjectItem(j, "sections");
    assert_int_equal(cJSON_GetArraySize(secs), 5);
    int not_ok = 0;
    for (int i = 0; i < 5; i++) {
        cJSON *s = cJSON_GetArrayItem(secs, i);
        assert_string_equal(cJSON_GetObjectItem(s, "name")->valuestring, want[i]);
        cJSON *it;
        cJSON_ArrayForEach(it, cJSON_GetObjectItem(s, "items"))
        {
            assert_true(cJSON_IsString(cJSON_GetObjectItem(it, "label")));
            assert_true(cJSON_IsString(cJSON_GetObjectItem(it, "value")));
            bool ok = cJSON_IsTrue(cJSON_GetObjectItem(it, "ok"));
            cJSON *adv = cJSON_GetObjectItem(it, "advice");
            assert_true(ok ? cJSON_IsNull(adv) : cJSON_IsString(adv) && adv->valuestring[0]);
            not_ok += !ok;
        }
    }
    assert_int_equal(not_ok, 1);
    cJSON_Delete(j);
    free(text);
}

/* The console unit gives the service user exactly the groups --diagnose
 * checks for. */
static void the_console_unit_has_the_groups_diagnose_asks_for(void **state)
{
    (void)state;
    char path[512], line[512];
    snprintf(path, sizeof(path), "%s/assets/okr-kiosk.service", OKR_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    bool found = false;
    while (fgets(line, sizeof(line), f) != NULL)
        if (strncmp(line, "SupplementaryGroups=", 20) == 0) {
            line[strcspn(line, "\n")] = '\0';
            assert_string_equal(line + 20, DIAG_CONSOLE_GROUPS);
            found = true;
        }
    fclose(f);
    assert_true(found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_pi_with_the_splash_in_the_way_says_who_and_what_to_do),
        cmocka_unit_test(a_free_card_is_no_problem),
        cmocka_unit_test(a_tv_off_at_boot_and_a_sleeping_tv_are_explained),
        cmocka_unit_test(missing_groups_and_unreadable_keys_name_the_command),
        cmocka_unit_test(a_desktop_without_drm_has_nothing_to_fix),
        cmocka_unit_test(json_has_the_sections_in_order_and_advice_on_each_problem),
        cmocka_unit_test(the_console_unit_has_the_groups_diagnose_asks_for),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
