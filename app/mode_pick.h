/*
 * mode_pick: which display mode --mode WxH means.
 *
 * SDL_GetClosestDisplayMode() keeps the refresh rate of the request, and a
 * request without one (0) takes the first mode of that size in SDL's list; a
 * 4K TV without 4Kp60 reports 30 Hz as its current rate, and the kiosk ended
 * up at 1920x1080@30. Here the rule is explicit: of the modes of exactly
 * that size, the highest refresh rate up to max_hz (60: a wall needs no
 * more, and higher rates cost GPU time on a Pi); when every mode of that size
 * is above max_hz, the lowest of them. Pure, so a test walks mode lists.
 */
#ifndef APP_MODE_PICK_H
#define APP_MODE_PICK_H

#define MODE_PICK_MAX_HZ 60

typedef struct {
    int w, h;
    int hz; /* 0 = not known, counts as the lowest */
} ModePickMode;

/* The index into modes[0..n) to use for w x h, or -1 when no mode has that
 * size. */
int mode_pick(const ModePickMode *modes, int n, int w, int h, int max_hz);

#endif
