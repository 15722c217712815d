/*
 * keymap: SDL keys to the wall's keys (AppKey, see view_state.h), so the
 * view state machine needs no SDL. Keyboards, presentation clickers and TV
 * remotes (AC Back, Select) map to the same few keys.
 */
#ifndef APP_KEYMAP_H
#define APP_KEYMAP_H

#include <SDL.h>

#include "view_state.h"

/* OKR_KEY_NONE for modifiers alone (they must not pause rotation). */
AppKey keymap_from_sdl(const SDL_KeyboardEvent *e);

/* A Linux key code (KEY_* of <linux/input-event-codes.h>) that SDL 2.26
 * drops because its evdev table maps it to an unknown scancode: the TV
 * remote's keys over HDMI-CEC passthrough (the kernel's rc-cec keymap).
 * KEY_OK and KEY_SELECT are Enter, KEY_EXIT is Back, KEY_INFO and the menu
 * keys are Help, the channel keys page, KEY_NUMERIC_1..9 pick an objective.
 * OKR_KEY_NONE for every code SDL reports itself (arrows, Back, letters),
 * so no key acts twice. */
AppKey keymap_from_linux(int code);

#endif
