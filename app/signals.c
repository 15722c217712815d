/*
 * signals: flags and a self-pipe for SIGTERM/SIGINT/SIGHUP (see signals.h).
 * The handler only sets a flag and writes one byte ('q' quit, 'h' reload);
 * the watcher thread reads the pipe and wakes the loop, and ends on a quit
 * byte (signals_close() writes one too).
 */
#include "signals.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t g_quit;
static volatile sig_atomic_t g_reload;
static int g_pipe[2] = {-1, -1};
static pthread_t g_watcher;
static bool g_watching;
static void (*g_wake)(void *arg);
static void *g_wake_arg;

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        g_reload = 1;
    else
        g_quit = 1;
    if (g_pipe[1] >= 0) {
        int saved = errno;
        ssize_t n = write(g_pipe[1], sig == SIGHUP ? "h" : "q", 1);
        (void)n;
        errno = saved;
    }
}

int signals_install(char *err, size_t errlen)
{
    g_quit = 0;
    g_reload = 0;
    if (pipe(g_pipe) != 0) {
        snprintf(err, errlen, "cannot set up signals: %s", strerror(errno));
        g_pipe[0] = g_pipe[1] = -1;
        return -1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    return 0;
}

/* Runs until a quit byte: SIGHUP only wakes the loop, which reloads. */
static void *watch(void *unused)
{
    (void)unused;
    for (;;) {
        char c = 'q';
        ssize_t n = read(g_pipe[0], &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        g_wake(g_wake_arg);
        if (n <= 0 || c == 'q')
            return NULL;
    }
}

int signals_start_watcher(void (*wake)(void *arg), void *arg)
{
    if (g_pipe[0] < 0 || g_watching)
        return -1;
    g_wake = wake;
    g_wake_arg = arg;
    g_watching = pthread_create(&g_watcher, NULL, watch, NULL) == 0;
    return g_watching ? 0 : -1;
}

bool signals_quit_requested(void)
{
    return g_quit != 0;
}

void signals_request_quit(void)
{
    g_quit = 1;
}

bool signals_take_reload(void)
{
    if (!g_reload)
        return false;
    g_reload = 0;
    return true;
}

bool signals_sleep(int ms)
{
    struct pollfd p = {g_pipe[0], POLLIN, 0};
    if (g_pipe[0] >= 0 && poll(&p, 1, ms) > 0 && (p.revents & POLLIN)) {
        char c;
        ssize_t n = read(g_pipe[0], &c, 1);
        (void)n;
    }
    return g_quit != 0;
}

void signals_close(void)
{
    if (g_pipe[1] >= 0) {
        ssize_t n = write(g_pipe[1], "q", 1);
        (void)n;
    }
    if (g_watching)
        pthread_join(g_watcher, NULL);
    g_watching = false;
    for (int i = 0; i < 2; i++) {
        if (g_pipe[i] >= 0)
            close(g_pipe[i]);
        g_pipe[i] = -1;
    }
}
