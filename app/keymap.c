/*
 * keymap: SDL keycodes to AppKey (see keymap.h).
 */
#include "keymap.h"

#include <linux/input-event-codes.h>

AppKey keymap_from_sdl(const SDL_KeyboardEvent *e)
{
    switch (e->keysym.sym) {
    case SDLK_LEFT:
        return OKR_KEY_LEFT;
    case SDLK_RIGHT:
        return OKR_KEY_RIGHT;
    case SDLK_UP:
        return OKR_KEY_UP;
    case SDLK_DOWN:
        return OKR_KEY_DOWN;
    case SDLK_PAGEUP:
        return OKR_KEY_PAGE_UP;
    case SDLK_PAGEDOWN:
        return OKR_KEY_PAGE_DOWN;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER:
    case SDLK_SELECT:
        return OKR_KEY_ENTER;
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
    case SDLK_AC_BACK:
        return OKR_KEY_BACK;
    case SDLK_t:
        return OKR_KEY_TEAM;
    case SDLK_c:
        return OKR_KEY_CHANGES;
    case SDLK_SPACE:
        return OKR_KEY_PAUSE;
    case SDLK_r:
        return OKR_KEY_REFRESH;
    case SDLK_h:
    case SDLK_QUESTION:
        return OKR_KEY_HELP;
    case SDLK_SLASH:
        return (e->keysym.mod & KMOD_SHIFT) ? OKR_KEY_HELP : OKR_KEY_OTHER;
    case SDLK_f:
        return OKR_KEY_FULLSCREEN;
    case SDLK_q:
        return OKR_KEY_QUIT;
    case SDLK_LSHIFT:
    case SDLK_RSHIFT:
    case SDLK_LCTRL:
    case SDLK_RCTRL:
    case SDLK_LALT:
    case SDLK_RALT:
    case SDLK_LGUI:
    case SDLK_RGUI:
    case SDLK_CAPSLOCK:
    case SDLK_NUMLOCKCLEAR:
        return OKR_KEY_NONE;
    default:
        break;
    }
    SDL_Keycode s = e->keysym.sym;
    if (s >= SDLK_1 && s <= SDLK_9)
        return (AppKey)(OKR_KEY_DIGIT_1 + (s - SDLK_1));
    if (s >= SDLK_KP_1 && s <= SDLK_KP_9)
        return (AppKey)(OKR_KEY_DIGIT_1 + (s - SDLK_KP_1));
    return OKR_KEY_OTHER;
}

AppKey keymap_from_linux(int code)
{
    switch (code) {
    case KEY_OK:
    case KEY_SELECT:
        return OKR_KEY_ENTER;
    case KEY_EXIT:
        return OKR_KEY_BACK;
    case KEY_INFO:
    case KEY_CONTEXT_MENU:
    case KEY_ROOT_MENU:
    case KEY_MEDIA_TOP_MENU:
    case KEY_SETUP:
        return OKR_KEY_HELP;
    case KEY_CHANNELUP:
        return OKR_KEY_PAGE_UP;
    case KEY_CHANNELDOWN:
        return OKR_KEY_PAGE_DOWN;
    default:
        break;
    }
    if (code >= KEY_NUMERIC_1 && code <= KEY_NUMERIC_9)
        return (AppKey)(OKR_KEY_DIGIT_1 + (code - KEY_NUMERIC_1));
    return OKR_KEY_NONE;
}
