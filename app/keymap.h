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

#endif
