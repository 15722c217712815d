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
 *
 * It also keeps the codes of the last key presses (input_watch_take_key):
 * SDL 2.26 sends no event at all for keys its evdev table maps to an unknown
 * scancode, and those are exactly the TV remote's OK, Back/Exit and number
 * keys that arrive over HDMI-CEC passthrough (KEY_OK, KEY_EXIT, ...). The
 * loop maps them with keymap_from_linux(), so a standup needs no ir-keytable.
 */
#ifndef APP_INPUT_WATCH_H
#define APP_INPUT_WATCH_H

#include <stdbool.h>
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
InputWatch *input_watch_start(const char *dir, void (*wake)(void *arg), void *arg, char *err,
                              size_t errlen);

#define INPUT_WATCH_KEYS 16

/* The oldest key press (a KEY_* code of <linux/input-event-codes.h>) not
 * taken yet; false when none. Beyond INPUT_WATCH_KEYS the oldest are
 * dropped. Any thread. */
bool input_watch_take_key(InputWatch *w, int *code);

/* Devices open right now (for tests and the log). */
int input_watch_count(InputWatch *w);

/* Stops and joins the thread, closes everything. NULL is fine. */
void input_watch_stop(InputWatch *w);

#endif
