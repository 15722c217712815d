/*
 * input_watch: wakes the main loop when a key is pressed on video drivers
 * whose input does not wake it by itself.
 *
 * On KMSDRM the loop sleeps on a semaphore (SDL 2.26's event wait polls
 * there), and SDL reads /dev/input/event* only when the loop pumps events.
 * This thread opens every event device read-only and non-blocking, poll()s
 * them together with a stop pipe and an inotify watch on the directory (a
 * keyboard, clicker or CEC remote plugged in later is picked up), reads and
 * discards its own copies of the events (each open file has its own queue,
 * so SDL still gets every event), and calls wake() when a key goes down.
 * Idle, the thread sleeps in poll(): no CPU.
 */
#ifndef APP_INPUT_WATCH_H
#define APP_INPUT_WATCH_H

#include <stddef.h>

#define INPUT_WATCH_DIR "/dev/input"
#define INPUT_WATCH_MAX_FDS 32

typedef struct InputWatch InputWatch;

/*
 * Starts watching dir (INPUT_WATCH_DIR; a test passes a directory of FIFOs
 * that carry struct input_event records). Files named event* are watched.
 * wake(arg) is called from the watcher thread for every key press (EV_KEY
 * with value 1). Returns NULL with a reason in err when dir cannot be watched
 * at all. Unreadable devices (no "input" group) are skipped.
 */
InputWatch *input_watch_start(const char *dir, void (*wake)(void *arg), void *arg, char *err, size_t errlen);

/* Devices open right now (for tests and the log). */
int input_watch_count(InputWatch *w);

/* Stops and joins the thread, closes everything. NULL is fine. */
void input_watch_stop(InputWatch *w);

#endif
