/*
 * test_input_watch: the evdev wake-up thread (app/input_watch.c) on a fake
 * /dev/input: a temporary directory of FIFOs named event*, into which the
 * test writes struct input_event records as a keyboard would. A key press
 * wakes, a key release or a mouse move does not, a device created later is
 * picked up through inotify, and stop returns promptly.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "input_watch.h"

static char dir[256];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int wakes;

static void on_wake(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    wakes++;
    pthread_mutex_unlock(&lock);
}

static int wake_count(void)
{
    pthread_mutex_lock(&lock);
    int n = wakes;
    pthread_mutex_unlock(&lock);
    return n;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waits up to 2 s for at least n wake-ups. */
static bool wait_wakes(int n)
{
    for (int i = 0; i < 200; i++) {
        if (wake_count() >= n)
            return true;
        sleep_ms(10);
    }
    return false;
}

static void make_fifo(const char *name, char *path, size_t len)
{
    snprintf(path, len, "%s/%s", dir, name);
    assert_int_equal(mkfifo(path, 0600), 0);
}

static void send(int fd, unsigned short type, unsigned short code, int value)
{
    struct input_event ev[2];
    memset(ev, 0, sizeof(ev));
    ev[0].type = type;
    ev[0].code = code;
    ev[0].value = value;
    ev[1].type = EV_SYN; /* SYN_REPORT closes the packet */
    assert_int_equal(write(fd, ev, sizeof(ev)), (ssize_t)sizeof(ev));
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/okr-input-XXXXXX");
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char p[400];
    const char *names[] = {"event0", "event1", "mouse0", "event2"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

static void a_key_press_wakes_and_a_release_or_motion_does_not(void **state)
{
    (void)state;
    char path[400], err[256];
    make_fifo("event0", path, sizeof(path));
    wakes = 0;
    InputWatch *w = input_watch_start(dir, on_wake, NULL, err, sizeof(err));
    assert_non_null(w);
    assert_int_equal(input_watch_count(w), 1);
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);

    send(fd, EV_REL, REL_X, 5);     /* mouse motion */
    send(fd, EV_KEY, KEY_RIGHT, 0); /* a release */
    send(fd, EV_KEY, KEY_RIGHT, 2); /* autorepeat */
    sleep_ms(100);
    assert_int_equal(wake_count(), 0);

    send(fd, EV_KEY, KEY_RIGHT, 1);
    assert_true(wait_wakes(1));
    send(fd, EV_KEY, KEY_ENTER, 1);
    assert_true(wait_wakes(2));
    close(fd);
    input_watch_stop(w);
}

static void a_device_plugged_in_later_is_watched_and_other_names_are_not(void **state)
{
    (void)state;
    char p0[400], p1[400], pm[400], err[256];
    wakes = 0;
    InputWatch *w = input_watch_start(dir, on_wake, NULL, err, sizeof(err));
    assert_non_null(w);
    int before = input_watch_count(w);
    make_fifo("mouse0", pm, sizeof(pm));
    make_fifo("event1", p1, sizeof(p1));
    for (int i = 0; i < 200 && input_watch_count(w) == before; i++)
        sleep_ms(10);
    assert_int_equal(input_watch_count(w), before + 1); /* event1, not mouse0 */
    int fd = open(p1, O_WRONLY);
    assert_true(fd >= 0);
    send(fd, EV_KEY, KEY_SPACE, 1);
    assert_true(wait_wakes(1));
    close(fd);
    (void)p0;
    input_watch_stop(w);
}

static void stop_returns_at_once_while_idle(void **state)
{
    (void)state;
    char err[256];
    InputWatch *w = input_watch_start(dir, on_wake, NULL, err, sizeof(err));
    assert_non_null(w);
    sleep_ms(50);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    input_watch_stop(w);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    assert_true(ms < 200.0);
}

/* The TV remote's OK and Exit over HDMI-CEC: SDL drops them, so the watcher
 * keeps their codes for the loop, oldest first; releases are not kept. */
static void remote_keys_are_kept_in_order_for_the_loop(void **state)
{
    (void)state;
    char path[400], err[256];
    make_fifo("event2", path, sizeof(path));
    wakes = 0;
    InputWatch *w = input_watch_start(dir, on_wake, NULL, err, sizeof(err));
    assert_non_null(w);
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    send(fd, EV_KEY, KEY_OK, 1);
    send(fd, EV_KEY, KEY_OK, 0);
    send(fd, EV_KEY, KEY_EXIT, 1);
    assert_true(wait_wakes(1));
    int got[2], n_got = 0, code = 0;
    for (int i = 0; i < 200 && n_got < 2; i++) {
        while (n_got < 2 && input_watch_take_key(w, &code))
            got[n_got++] = code;
        sleep_ms(10);
    }
    assert_int_equal(n_got, 2);
    assert_int_equal(got[0], KEY_OK);
    assert_int_equal(got[1], KEY_EXIT);
    assert_false(input_watch_take_key(w, &code));
    /* More than the ring holds: the newest INPUT_WATCH_KEYS stay. */
    for (int i = 0; i < INPUT_WATCH_KEYS + 3; i++)
        send(fd, EV_KEY, (unsigned short)(KEY_NUMERIC_0 + i % 10), 1);
    sleep_ms(300); /* the thread reads them */
    int n = 0, first = -1;
    while (input_watch_take_key(w, &code)) {
        if (n == 0)
            first = code;
        n++;
    }
    assert_int_equal(n, INPUT_WATCH_KEYS);
    assert_int_equal(first, KEY_NUMERIC_0 + 3);
    assert_false(input_watch_take_key(NULL, &code));
    close(fd);
    input_watch_stop(w);
    unlink(path);
}

static void a_missing_directory_is_an_error_not_a_crash(void **state)
{
    (void)state;
    char err[256] = "";
    assert_null(input_watch_start("/nonexistent/input", on_wake, NULL, err, sizeof(err)));
    assert_non_null(strstr(err, "/nonexistent/input"));
    input_watch_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_key_press_wakes_and_a_release_or_motion_does_not),
        cmocka_unit_test(a_device_plugged_in_later_is_watched_and_other_names_are_not),
        cmocka_unit_test(stop_returns_at_once_while_idle),
        cmocka_unit_test(remote_keys_are_kept_in_order_for_the_loop),
        cmocka_unit_test(a_missing_directory_is_an_error_not_a_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
