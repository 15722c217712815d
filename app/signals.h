/*
 * signals: SIGTERM/SIGINT (quit) and SIGHUP (reload) for the kiosk loop.
 *
 * Process-wide: signals_install() sets handlers for SIGINT, SIGTERM and
 * SIGHUP with sigaction(); they stay installed until the process ends (a
 * signal after signals_close() only sets the flags). The handler may neither
 * call SDL nor lock, so it sets a flag and writes a byte to a pipe; a watcher
 * thread started by signals_start_watcher() turns that byte into a call of
 * wake() (the loop's thread-safe wake-up).
 *
 * This module owns the flags and the pipe (file-level statics: there is one
 * process and one set of handlers). Threads: the flags are read and cleared
 * by the main thread; wake() runs on the watcher thread.
 */
#ifndef APP_SIGNALS_H
#define APP_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>

/* Clears the flags, opens the pipe, installs the handlers. Returns 0, or -1
 * with the reason in err. */
int signals_install(char *err, size_t errlen);

/* Starts the watcher thread: wake(arg) for every signal, until
 * signals_close(). Returns 0 or -1 (then signals only set the flags and the
 * loop sees them at its next wake-up). */
int signals_start_watcher(void (*wake)(void *arg), void *arg);

/* SIGTERM/SIGINT came, or signals_request_quit() was called. */
bool signals_quit_requested(void);
/* End the loop from the main thread (window closed, Q, a fatal error). */
void signals_request_quit(void);
/* True once per SIGHUP (clears the flag). */
bool signals_take_reload(void);

/* Sleeps up to ms unless a signal comes; returns signals_quit_requested().
 * Only before signals_start_watcher() (both read the pipe). */
bool signals_sleep(int ms);

/* Stops and joins the watcher, closes the pipe. */
void signals_close(void);

#endif
