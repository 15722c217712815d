/*
 * kiosk: the SDL main loop of the wall.
 *
 * One thread draws; the feed source's worker hands results over through the
 * mailbox and wakes this loop. The loop draws only when something is dirty
 * (new data, a key, an animation step, the clock's minute, the rotation
 * timer, resize/expose) and otherwise sleeps until the next deadline.
 *
 * Sleeping: on x11 and wayland SDL_WaitEventTimeout really blocks, so the
 * mailbox wakes it with a registered SDL user event. On kmsdrm, dummy and
 * offscreen, SDL 2.26 implements that wait by polling every millisecond, so
 * there the loop blocks on a semaphore instead (posted by the mailbox, the
 * signal watcher and any future input watcher via kiosk_wake()), then pumps
 * and drains SDL's events.
 *
 * Time: the wall clock is the system clock, or starts at --now and advances
 * with the monotonic clock; animations and rotation use SDL_GetTicks64().
 *
 * Always on: kiosk_tick() decides from the wall clock whether the screen is
 * on (--schedule; a key wakes it for 5 minutes), the burn-in shift (passed to
 * the layout as LayoutInput.shift_x/y) and night dimming (a translucent black
 * rectangle over the frame); its next_s joins the loop's deadlines. Outside
 * the schedule the loop draws one black frame and then nothing. SDL 2 has no
 * call to put a display to sleep (DPMS), so on KMSDRM the screen shows black
 * rather than "no signal"; TVs with an auto-off for a black picture still
 * switch themselves off. In a desktop session the loop re-enables the
 * screensaver while black, so the desktop's power saving may turn the
 * monitor off.
 *
 * SIGHUP re-reads the settings through app_reload and restarts the feed
 * source; SIGTERM/SIGINT end the loop. Both reach the loop through a pipe
 * that a watcher thread turns into a wake-up (a signal handler may do
 * neither SDL calls nor locking).
 */
#include "app.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "anim.h"
#include "drm_card.h"
#include "feed_http.h"
#include "feed_state.h"
#include "okr_i18n.h"
#include "input_watch.h"
#include "kiosk_tick.h"
#include "log.h"
#include "settings.h"
#include "okr_score.h"
#include "render.h"

AppInputWatcher app_input_watcher;
AppReload app_reload;

#define FRAME_MIN_MS 15 /* pace animation where present does not wait for vsync */
#define MAX_WAIT_MS 60000

typedef struct {
    const AppOptions *opts; /* points at cur */
    AppOptions cur;
    SDL_Window *win;
    SDL_Renderer *sdl;
    Renderer *rend;
    int w, h;
    bool fullscreen;

    FeedMailbox *mb;
    FeedSource *src;
    FeedState fs; /* the shown feed and the header's state */
    HeaderTexts htexts;

    ViewState vs;
    Animator *anim;
    ViewTransition trans;
    Layout base;  /* the layout at target values */
    Layout frame; /* base with animated values: what was drawn last */
    Layout old;   /* the previous view's last frame, during a transition */

    bool software; /* no GL: draw into the window surface */
    bool mode_switched; /* --mode on kmsdrm: real fullscreen in that mode */
    bool start_view_pending; /* --view waits for the first data */
    bool dirty, relayout;
    bool anim_pending; /* the last frame was mid-animation: draw another */
    int64_t wall_base;
    uint64_t mono_base;
    int64_t minute;
    uint64_t last_frame_ms;
    uint64_t frames;
    bool shown;
    struct timespec started;

    Uint32 wake_event;
    SDL_sem *sem;
    bool blocking_waits;

    /* Always on. */
    KioskTick kt;
    KioskFrame kf;     /* the decision of the last kiosk_tick() */
    bool kt_due;       /* run kiosk_tick() at the next pass */
    bool blank_drawn;  /* the screen is off and its black frame is shown */
    I18nLang lang;
    int lw, lh;        /* the layout's size: w x h, swapped at 90/270 degrees */
    SDL_Texture *rot;  /* --orientation: the frame before it is turned */
    int rot_w, rot_h;
} Kiosk;

/* Signal handling: the handler writes to a pipe; a watcher thread turns that
 * into a wake-up, because neither SDL_PushEvent nor a mutex may be used from a
 * signal handler. */
static volatile sig_atomic_t g_quit;
static volatile sig_atomic_t g_reload;
static int g_sigpipe[2] = {-1, -1};

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        g_reload = 1;
    else
        g_quit = 1;
    if (g_sigpipe[1] >= 0) {
        int saved = errno;
        ssize_t n = write(g_sigpipe[1], sig == SIGHUP ? "h" : "q", 1);
        (void)n;
        errno = saved;
    }
}

/* Wake the loop from any thread: new data, a signal, input on kmsdrm (an
 * evdev watcher thread belongs here too). */
static void kiosk_wake(void *userdata)
{
    Kiosk *k = userdata;
    if (k->blocking_waits) {
        SDL_Event ev;
        memset(&ev, 0, sizeof(ev));
        ev.type = k->wake_event;
        SDL_PushEvent(&ev);
    }
    /* Posted in both modes: start-up waits on it for the first result. */
    SDL_SemPost(k->sem);
}

/* Runs until a quit byte: SIGHUP only wakes the loop, which reloads. */
static int signal_watcher(void *userdata)
{
    for (;;) {
        char c = 'q';
        ssize_t n = read(g_sigpipe[0], &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        kiosk_wake(userdata);
        if (n <= 0 || c == 'q')
            return 0;
    }
}

/* Wall-clock milliseconds. With --now the clock starts there and runs on the
 * monotonic clock; otherwise it is the system clock, read each time, so a Pi
 * without a real-time clock shows the right time once NTP has set it. */
static int64_t wall_now_ms(const Kiosk *k)
{
    if (k->opts->has_now)
        return k->wall_base * 1000 + (int64_t)(SDL_GetTicks64() - k->mono_base);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_now(const Kiosk *k)
{
    int64_t ms = wall_now_ms(k);
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1000.0 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Start-up timing at -vv, for the start-up benchmark. */
static void stage(const Kiosk *k, const char *what)
{
    log_msg(LOG_LEVEL_TRACE, "startup: %s at %.1f ms", what, ms_since(&k->started));
}

static void log_view(const Kiosk *k)
{
    if (!log_enabled(LOG_LEVEL_DEBUG))
        return;
    char buf[128];
    view_state_describe(&k->vs, buf, sizeof(buf));
    log_msg(LOG_LEVEL_DEBUG, "view: %s", buf);
}

static AppKey map_key(const SDL_KeyboardEvent *e)
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

/* ---- data ---- */

static void apply_start_view(Kiosk *k);
static void reload(Kiosk *k);

/* One info line per fetch: where (no credentials), status, size, time,
 * whether the data changed; then the validation summary of a new body. */
static void log_fetch(const Kiosk *k, const FeedResult *r)
{
    char where[512], code[16] = "-", what[200];
    if (!log_enabled(LOG_LEVEL_INFO))
        return;
    if (k->opts->feed_is_demo)
        snprintf(where, sizeof(where), "demo feed");
    else
        feed_http_redact_url(k->opts->feed, where, sizeof(where));
    if (r->http_status)
        snprintf(code, sizeof(code), "%d", r->http_status);
    switch (r->kind) {
    case FEED_RESULT_NEW:
        snprintf(what, sizeof(what), "changed%s", r->from_cache ? " (from the disk cache)" : "");
        break;
    case FEED_RESULT_NOT_MODIFIED:
        snprintf(what, sizeof(what), "not changed");
        break;
    case FEED_RESULT_INVALID:
        snprintf(what, sizeof(what), "invalid: %.150s (keeping the last data)", r->reason);
        break;
    default:
        snprintf(what, sizeof(what), "failed: %.150s (keeping the last data)", r->reason);
        break;
    }
    LogLevel lvl = r->kind == FEED_RESULT_NEW || r->kind == FEED_RESULT_NOT_MODIFIED ? LOG_LEVEL_INFO : LOG_LEVEL_WARN;
    log_msg(lvl, "fetch %s: status %s, %zu bytes, %.0f ms, %s", where, code, r->bytes, r->elapsed_ms, what);
    const OkrDiagList *d = &r->diags;
    if (r->kind == FEED_RESULT_NEW || r->kind == FEED_RESULT_INVALID) {
        const OkrDiag *first = d->count > 0 ? &d->items[0] : NULL;
        log_msg(d->n_errors > 0 ? LOG_LEVEL_WARN : LOG_LEVEL_INFO, "validation: %zu errors, %zu warnings%s%.150s%s%.200s",
                d->n_errors, d->n_warnings, first ? "; first: " : "", first ? first->path : "",
                first && first->path[0] ? ": " : "", first ? first->message : "");
    }
}

static void take_results(Kiosk *k)
{
    FeedResult r;
    while (feed_mailbox_take(k->mb, &r)) {
        int64_t now = wall_now(k);
        FeedResultKind kind = r.kind;
        bool from_cache = r.from_cache;
        if (kind == FEED_RESULT_NEW && r.feed != NULL && k->opts->feed_is_demo)
            app_shift_demo(r.feed, now);
        log_fetch(k, &r);
        if (feed_state_apply(&k->fs, &r, now) == FEED_STATE_NEW_FEED) {
            View before = k->vs.view;
            view_state_set_feed(&k->vs, k->fs.feed);
            if (memcmp(&before, &k->vs.view, sizeof(before)) != 0)
                log_view(k); /* clamped: the feed lost objectives or a team */
            log_msg(LOG_LEVEL_DEBUG, "data: %zu objectives%s", k->fs.feed->n_objectives,
                    from_cache ? " (from cache)" : "");
            if (k->start_view_pending)
                apply_start_view(k);
        }
        k->relayout = true;
    }
}

/* ---- drawing ---- */

static void rebuild(Kiosk *k)
{
    View before = k->vs.view;
    feed_state_texts(&k->fs, wall_now(k), &k->htexts);
    AppSceneSize size = {k->lw, k->lh, (float)k->opts->safe_area, k->kf.shift_x, k->kf.shift_y, k->lang};
    if (app_build_scene_at(&k->base, k->fs.feed, &k->vs, &k->htexts, &size) != 0)
        log_msg(LOG_LEVEL_ERROR, "out of memory building the layout");
    if (memcmp(&before, &k->vs.view, sizeof(before)) != 0)
        log_view(k);
    k->relayout = false;
    k->dirty = true;
}

/* A view change: keep the last frame as the outgoing view, then slide. */
static void start_transition(Kiosk *k, uint64_t now_ms)
{
    if (k->frames > 0 && layout_copy(&k->old, &k->frame) == 0)
        anim_transition_start(&k->trans, k->vs.slide_dir, now_ms, k->opts->reduce_motion);
    log_view(k);
    k->relayout = true;
}

/* --orientation: the frame is drawn upright into a texture of the layout's
 * size, then turned onto the screen (the Pi's display controller cannot turn
 * by 90 degrees itself). Returns false when drawing goes straight to the
 * screen. */
static bool begin_rotated(Kiosk *k)
{
    if (k->opts->orientation == 0)
        return false;
    if (k->rot != NULL && (k->rot_w != k->lw || k->rot_h != k->lh)) {
        SDL_DestroyTexture(k->rot);
        k->rot = NULL;
    }
    if (k->rot == NULL) {
        k->rot = SDL_CreateTexture(k->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, k->lw, k->lh);
        if (k->rot == NULL) {
            log_msg(LOG_LEVEL_ERROR, "cannot draw rotated (%s): drawing upright", SDL_GetError());
            k->cur.orientation = 0;
            return false;
        }
        k->rot_w = k->lw;
        k->rot_h = k->lh;
    }
    return SDL_SetRenderTarget(k->sdl, k->rot) == 0;
}

static void end_rotated(Kiosk *k)
{
    SDL_SetRenderTarget(k->sdl, NULL);
    SDL_SetRenderDrawColor(k->sdl, 0, 0, 0, 255);
    SDL_RenderClear(k->sdl);
    SDL_Rect dst = {(k->w - k->lw) / 2, (k->h - k->lh) / 2, k->lw, k->lh};
    SDL_RenderCopyEx(k->sdl, k->rot, NULL, &dst, (double)k->opts->orientation, NULL, SDL_FLIP_NONE);
}

/* Night dimming: black at (1 - dim) opacity over the whole frame. */
static void dim_frame(Kiosk *k)
{
    if (k->kf.dim >= 1.0f)
        return;
    SDL_SetRenderDrawBlendMode(k->sdl, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(k->sdl, 0, 0, 0, (Uint8)((1.0f - k->kf.dim) * 255.0f + 0.5f));
    SDL_RenderFillRect(k->sdl, NULL);
}

/* Outside the schedule: one black frame, then nothing until it comes on. */
static void draw_blank(Kiosk *k)
{
    SDL_SetRenderDrawColor(k->sdl, 0, 0, 0, 255);
    SDL_RenderClear(k->sdl);
    SDL_RenderPresent(k->sdl);
    k->blank_drawn = true;
    k->dirty = false;
    k->anim_pending = false;
    log_msg(LOG_LEVEL_DEBUG, "screen off: black frame drawn");
    if (!k->shown) {
        SDL_ShowWindow(k->win);
        k->shown = true;
    }
}

static void draw(Kiosk *k, uint64_t now_ms)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!k->kf.screen_on) {
        if (!k->blank_drawn)
            draw_blank(k);
        k->dirty = false;
        return;
    }
    if (layout_copy(&k->frame, &k->base) != 0)
        return;
    anim_apply(k->anim, &k->frame, now_ms);
    TransitionFrame tf;
    bool sliding = anim_transition_frame(&k->trans, now_ms, (float)k->lw, &tf);
    bool rotated = begin_rotated(k);
    render_clear(k->rend);
    if (sliding)
        render_layout(k->rend, &k->old, tf.old_dx, 0.0f, tf.old_opacity);
    render_layout(k->rend, &k->frame, tf.new_dx, 0.0f, tf.new_opacity);
    dim_frame(k);
    if (rotated)
        end_rotated(k);
    SDL_RenderPresent(k->sdl);
    k->frames++;
    k->last_frame_ms = now_ms;
    k->dirty = false;
    /* Values drawn at a time inside a sweep or slide are not final: one more
     * frame at or after its end draws the settled picture. */
    k->anim_pending = sliding || anim_active(k->anim, now_ms);
    log_msg(LOG_LEVEL_TRACE, "frame %llu %.1f ms%s", (unsigned long long)k->frames, ms_since(&t0),
            k->anim_pending ? " (animating)" : "");
    if (k->frames == 1)
        stage(k, "first frame drawn");
    if (!k->shown) {
        SDL_ShowWindow(k->win);
        k->shown = true;
        log_msg(LOG_LEVEL_DEBUG, "first frame presented after %.1f ms", ms_since(&k->started));
    }
}

static bool animating(const Kiosk *k)
{
    return k->anim_pending;
}

/* ---- events ---- */

/* The layout's size: the screen's, turned by --orientation. */
static void set_layout_size(Kiosk *k)
{
    bool turned = k->opts->orientation == 90 || k->opts->orientation == 270;
    k->lw = turned ? k->h : k->w;
    k->lh = turned ? k->w : k->h;
}

static void update_size(Kiosk *k)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(k->sdl, &w, &h) == 0 && w > 0 && h > 0 && (w != k->w || h != k->h)) {
        k->w = w;
        k->h = h;
        k->relayout = true;
        k->kt_due = true; /* the burn-in amplitude follows the size */
        log_msg(LOG_LEVEL_INFO, "screen: %dx%d", w, h);
    }
    set_layout_size(k);
    k->dirty = true;
    k->blank_drawn = false;
}

static void toggle_fullscreen(Kiosk *k)
{
    k->fullscreen = !k->fullscreen;
    Uint32 how = k->mode_switched ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_SetWindowFullscreen(k->win, k->fullscreen ? how : 0);
    update_size(k);
}

static void recreate_renderer(Kiosk *k)
{
    char err[256];
    render_destroy(k->rend);
    k->rend = render_create(k->sdl, k->opts->font[0] ? k->opts->font : NULL, err, sizeof(err));
    if (k->rend == NULL) {
        log_msg(LOG_LEVEL_ERROR, "%s", err);
        g_quit = 1;
    }
    if (k->rot != NULL) {
        SDL_DestroyTexture(k->rot);
        k->rot = NULL;
    }
    k->dirty = true;
    k->blank_drawn = false;
}

static void handle_event(Kiosk *k, const SDL_Event *ev, uint64_t now_ms)
{
    switch (ev->type) {
    case SDL_QUIT:
        g_quit = 1;
        break;
    case SDL_KEYDOWN: {
        if (ev->key.repeat)
            break;
        AppKey key = map_key(&ev->key);
        if (key == OKR_KEY_NONE)
            break;
        if (kiosk_tick_key(&k->kt, wall_now(k))) {
            /* The screen was off: this key only wakes it. */
            log_msg(LOG_LEVEL_INFO, "screen on for %d min (key)", SCHEDULE_WAKE_S / 60);
            k->kt_due = true;
            k->relayout = true;
            break;
        }
        k->kt_due = true; /* a key outside the schedule extends the wake-up */
        unsigned act = view_state_key(&k->vs, key, now_ms);
        if (act & VS_CHANGED)
            start_transition(k, now_ms);
        if (act & VS_QUIT)
            g_quit = 1;
        if ((act & VS_REFRESH) && k->src != NULL) {
            feed_source_refresh(k->src);
            log_msg(LOG_LEVEL_DEBUG, "refresh");
        }
        if (act & VS_FULLSCREEN)
            toggle_fullscreen(k);
        break;
    }
    case SDL_WINDOWEVENT:
        switch (ev->window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_RESIZED:
            update_size(k);
            break;
        case SDL_WINDOWEVENT_EXPOSED:
        case SDL_WINDOWEVENT_SHOWN:
        case SDL_WINDOWEVENT_RESTORED:
            k->dirty = true;
            k->blank_drawn = false;
            break;
        default:
            break;
        }
        break;
    case SDL_RENDER_TARGETS_RESET:
        k->dirty = true;
        k->blank_drawn = false;
        break;
    case SDL_RENDER_DEVICE_RESET:
        recreate_renderer(k);
        break;
    case SDL_DISPLAYEVENT:
        update_size(k);
        break;
    default:
        break;
    }
}

/* Milliseconds until the next thing the loop must do by itself. */
static uint64_t next_wait_ms(const Kiosk *k, uint64_t now_ms)
{
    if (k->kt_due)
        return 0;
    /* The always-on deadline: screen on/off, burn-in step, dimming. */
    uint64_t always = MAX_WAIT_MS;
    if (k->kf.next_s != INT64_MAX) {
        int64_t d = k->kf.next_s * 1000 - wall_now_ms(k);
        always = d <= 0 ? 0 : (uint64_t)d < always ? (uint64_t)d : always;
    }
    if (!k->kf.screen_on)
        return k->blank_drawn ? always : 0;
    if (k->dirty || k->relayout)
        return 0;
    if (animating(k)) {
        uint64_t due = k->last_frame_ms + FRAME_MIN_MS;
        return due > now_ms ? due - now_ms : 0;
    }
    /* The next wall-clock minute, then the rotation. */
    int64_t in_minute = wall_now_ms(k) % 60000;
    if (in_minute < 0)
        in_minute += 60000;
    uint64_t wait = (uint64_t)(60000 - in_minute);
    uint64_t rot = view_state_deadline(&k->vs);
    if (rot != UINT64_MAX)
        wait = rot > now_ms ? (rot - now_ms < wait ? rot - now_ms : wait) : 0;
    if (always < wait)
        wait = always;
    return wait > MAX_WAIT_MS ? MAX_WAIT_MS : wait;
}

static void wait_for_work(Kiosk *k, uint64_t now_ms)
{
    uint64_t wait = next_wait_ms(k, now_ms);
    SDL_Event ev;
    if (wait == 0)
        return;
    if (k->blocking_waits) {
        while (SDL_SemTryWait(k->sem) == 0)
            ;
        if (SDL_WaitEventTimeout(&ev, (int)wait))
            handle_event(k, &ev, SDL_GetTicks64());
    } else {
        SDL_SemWaitTimeout(k->sem, (Uint32)wait);
    }
}

/* The always-on decision, when due: screen on/off, shift, dimming. */
static void tick_always_on(Kiosk *k)
{
    int64_t now = wall_now(k);
    if (!k->kt_due && now < k->kf.next_s)
        return;
    KioskFrame before = k->kf;
    kiosk_tick(&k->kt, now, k->w < k->h ? k->w : k->h, &k->kf);
    k->kt_due = false;
    if (k->kf.turned_on) {
        log_msg(LOG_LEVEL_INFO, "screen on");
        SDL_DisableScreenSaver();
        k->relayout = true;
        k->minute = -1; /* rescore: time went by in the dark */
    }
    if (k->kf.turned_off) {
        char until[64] = "";
        if (k->kf.next_s != INT64_MAX) {
            time_t t = (time_t)k->kf.next_s;
            struct tm tm;
            if (localtime_r(&t, &tm) != NULL)
                i18n_format_date_time(I18N_EN, &tm, until, sizeof(until));
        }
        log_msg(LOG_LEVEL_INFO, "screen off (schedule) until %s", until[0] ? until : "a key");
        /* In a desktop session this lets the desktop's own power saving
         * (DPMS) switch the monitor off; on the console it changes nothing. */
        SDL_EnableScreenSaver();
        k->blank_drawn = false;
        k->dirty = true;
    }
    if (k->kf.screen_on && (before.shift_x != k->kf.shift_x || before.shift_y != k->kf.shift_y))
        k->relayout = true;
    if (k->kf.screen_on && before.dim != k->kf.dim) {
        log_msg(LOG_LEVEL_DEBUG, "brightness %.0f %%", k->kf.dim * 100.0f);
        k->dirty = true;
    }
}

static void tick(Kiosk *k, uint64_t now_ms)
{
    tick_always_on(k);
    if (!k->kf.screen_on)
        return; /* nothing changes on a black screen */
    int64_t minute = wall_now(k) / 60;
    if (minute != k->minute) {
        k->minute = minute;
        feed_state_rescore(&k->fs, wall_now(k));
        k->relayout = true;
    }
    if (view_state_tick(&k->vs, now_ms) & VS_CHANGED)
        start_transition(k, now_ms);
}

static void run(Kiosk *k)
{
    SDL_Event ev;
    while (!g_quit) {
        uint64_t now_ms = SDL_GetTicks64();
        take_results(k);
        while (SDL_PollEvent(&ev))
            handle_event(k, &ev, now_ms);
        if (g_quit)
            break;
        if (g_reload)
            reload(k);
        tick(k, now_ms);
        if (k->relayout && k->kf.screen_on)
            rebuild(k);
        if (k->dirty || animating(k)) {
            if (!k->dirty && now_ms < k->last_frame_ms + FRAME_MIN_MS)
                SDL_Delay((Uint32)(k->last_frame_ms + FRAME_MIN_MS - now_ms));
            draw(k, SDL_GetTicks64());
        }
        wait_for_work(k, SDL_GetTicks64());
    }
}

/* ---- set-up ---- */

/* A GPU shows up as a DRM device. Without one, OpenGL is Mesa's llvmpipe:
 * the CPU emulating a GPU, slower to start and to draw than SDL's own
 * software renderer, and heavier in memory. */
static bool have_gpu(void)
{
    bool found = false;
    DIR *d = opendir("/dev/dri");
    if (d == NULL)
        return false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL)
        found = strncmp(e->d_name, "card", 4) == 0 || strncmp(e->d_name, "renderD", 7) == 0;
    closedir(d);
    return found;
}

static void apply_start_view(Kiosk *k)
{
    const OptView *v = &k->opts->view;
    bool ok = true;
    if (k->fs.feed == NULL && v->kind != OPT_VIEW_OVERVIEW && v->kind != OPT_VIEW_HELP) {
        k->start_view_pending = true; /* no data yet: try when it comes */
        return;
    }
    k->start_view_pending = false;
    if (v->kind == OPT_VIEW_OBJECTIVE)
        ok = view_state_start(&k->vs, VIEW_OBJECTIVE, v->objective, NULL, false);
    else if (v->kind == OPT_VIEW_TEAM)
        ok = view_state_start(&k->vs, VIEW_TEAM, 0, v->team, false);
    else if (v->kind == OPT_VIEW_HELP)
        ok = view_state_start(&k->vs, VIEW_OVERVIEW, 0, NULL, true);
    if (!ok)
        log_msg(LOG_LEVEL_WARN, "--view: no such objective or team in the feed, showing the overview");
    log_view(k);
}

static bool driver_is(const char *name)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d != NULL && strcmp(d, name) == 0;
}

/* --mode on KMSDRM: the display mode closest to the one asked for, for a
 * real fullscreen window (a mode switch). Elsewhere the desktop's mode stays:
 * a desktop owns the screen's mode. Returns true with *mode set. */
static bool pick_mode(const AppOptions *o, int display, SDL_DisplayMode *mode)
{
    if (!o->has_mode || o->windowed)
        return false;
    if (!driver_is("kmsdrm")) {
        log_msg(LOG_LEVEL_INFO, "--mode %dx%d: only on a console without a desktop (kmsdrm); keeping the desktop's mode",
                o->mode_w, o->mode_h);
        return false;
    }
    SDL_DisplayMode want;
    memset(&want, 0, sizeof(want));
    want.w = o->mode_w;
    want.h = o->mode_h;
    if (SDL_GetClosestDisplayMode(display, &want, mode) == NULL) {
        log_msg(LOG_LEVEL_WARN, "--mode %dx%d: no such mode on display %d (%s); keeping the current mode", o->mode_w,
                o->mode_h, display, SDL_GetError());
        return false;
    }
    log_msg(LOG_LEVEL_INFO, "mode %dx%d@%d for --mode %dx%d", mode->w, mode->h, mode->refresh_rate, o->mode_w,
            o->mode_h);
    return true;
}

static int open_window(Kiosk *k)
{
    const AppOptions *o = k->opts;
    int n = SDL_GetNumVideoDisplays();
    int display = o->display < n ? o->display : 0;
    if (o->display >= n)
        log_msg(LOG_LEVEL_WARN, "display %d not found (%d connected), using 0", o->display, n);
    Uint32 flags = SDL_WINDOW_HIDDEN | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = o->win_w, h = o->win_h;
    SDL_DisplayMode mode;
    bool switch_mode = pick_mode(o, display, &mode);
    if (switch_mode) {
        flags |= SDL_WINDOW_FULLSCREEN;
        k->mode_switched = true;
        w = mode.w;
        h = mode.h;
        k->fullscreen = true;
    } else if (!o->windowed) {
        SDL_Rect r;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        if (SDL_GetDisplayBounds(display, &r) == 0) {
            w = r.w;
            h = r.h;
        }
        k->fullscreen = true;
    } else {
        flags |= SDL_WINDOW_RESIZABLE;
    }
    k->win = SDL_CreateWindow("okr-kiosk", SDL_WINDOWPOS_CENTERED_DISPLAY(display),
                              SDL_WINDOWPOS_CENTERED_DISPLAY(display), w, h, flags);
    if (k->win == NULL) {
        log_msg(LOG_LEVEL_ERROR, "cannot open a window: %s", SDL_GetError());
        return -1;
    }
    if (switch_mode && SDL_SetWindowDisplayMode(k->win, &mode) != 0)
        log_msg(LOG_LEVEL_WARN, "cannot set the mode %dx%d: %s", mode.w, mode.h, SDL_GetError());
    stage(k, "window created");
    if (!k->software)
        k->sdl = SDL_CreateRenderer(k->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (k->sdl == NULL) {
        if (!k->software)
            log_msg(LOG_LEVEL_INFO, "no accelerated renderer (%s), using software", SDL_GetError());
        k->sdl = SDL_CreateRenderer(k->win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (k->sdl == NULL) {
        log_msg(LOG_LEVEL_ERROR, "cannot create a renderer: %s", SDL_GetError());
        return -1;
    }
    if (SDL_GetRendererOutputSize(k->sdl, &k->w, &k->h) != 0) {
        k->w = w;
        k->h = h;
    }
    set_layout_size(k);
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(k->sdl, &info) != 0)
        info.name = "?";
    log_msg(LOG_LEVEL_INFO, "start: okr-kiosk %s, video %s, renderer %s, screen %dx%d%s, %s, language %s", OKR_VERSION,
            SDL_GetCurrentVideoDriver(), info.name, k->w, k->h,
            o->orientation == 90 ? " turned 90" : o->orientation == 180 ? " turned 180"
            : o->orientation == 270 ? " turned 270" : "",
            k->blocking_waits ? "waiting on events" : "waiting on a semaphore", i18n_lang_code(k->lang));
    SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    return 0;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* The settings that take effect without a restart. */
static void apply_settings(Kiosk *k)
{
    const AppOptions *o = &k->cur;
    log_set_level((LogLevel)options_log_level(o));
    k->lang = i18n_lang_from_env(o->lang[0] ? o->lang : NULL);
    k->fs.status.lang = k->lang;
    k->fs.status.stale_after_s = o->stale_after_s;
    k->fs.status.demo = o->feed_is_demo;
    kiosk_tick_init(&k->kt, &o->schedule, &o->dim, o->burnin);
    k->kt_due = true;
    k->vs.rotate_ms = (uint64_t)(o->rotate_s * 1000.0);
    set_layout_size(k);
    k->relayout = true;
}

static void log_settings(const Kiosk *k, const ConfFileList *files)
{
    char line[2048];
    settings_describe(k->opts, files, line, sizeof(line));
    log_msg(LOG_LEVEL_INFO, "config: %s", line);
    if (k->opts->token_warning[0])
        log_msg(LOG_LEVEL_WARN, "%s", k->opts->token_warning);
}

/* SIGHUP: read the settings again; apply them and restart the feed source.
 * A bad file keeps the running settings (the wall stays up). */
static void reload(Kiosk *k)
{
    char err[1024], restart[256];
    ConfFileList files;
    AppOptions *next = NULL;
    g_reload = 0;
    if (app_reload.fn == NULL) {
        if (k->src != NULL)
            feed_source_refresh(k->src);
        return;
    }
    next = malloc(sizeof(*next));
    if (next == NULL) {
        log_msg(LOG_LEVEL_ERROR, "reload: out of memory");
        goto done;
    }
    if (app_reload.fn(next, &files, app_reload.ud, err, sizeof(err)) != 0) {
        log_msg(LOG_LEVEL_ERROR, "reload: %s (keeping the running settings)", err);
        goto done;
    }
    /* What needs a restart keeps its running value. */
    settings_keep_restart(&k->cur, next, restart, sizeof(restart));
    if (restart[0])
        log_msg(LOG_LEVEL_WARN, "reload: %s change only after a restart", restart);
    /* Stop the old source before its settings are overwritten. */
    feed_source_stop(k->src);
    k->src = NULL;
    k->cur = *next;
    apply_settings(k);
    log_settings(k, &files);
    FeedSourceConfig cfg = app_feed_config(k->opts);
    k->src = feed_source_start(&cfg, k->mb, err, sizeof(err));
    if (k->src == NULL)
        log_msg(LOG_LEVEL_ERROR, "--feed %s: %s (no feed until the next reload)", k->opts->feed, err);
    log_msg(LOG_LEVEL_INFO, "reloaded");
done:
    if (next != NULL) {
        conf_secret_wipe((char *)next, sizeof(*next)); /* it held the token */
        free(next);
    }
}

/* Will SDL pick KMSDRM? Asked for, or no desktop to talk to. */
static bool will_use_kmsdrm(void)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv != NULL && drv[0] != '\0')
        return strcmp(drv, "kmsdrm") == 0;
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    return (x == NULL || x[0] == '\0') && (wl == NULL || wl[0] == '\0');
}

/* Sleeps up to ms on the signal pipe; true when the kiosk should quit. */
static bool sleep_unless_quit(int ms)
{
    struct pollfd p = {g_sigpipe[0], POLLIN, 0};
    if (poll(&p, 1, ms) > 0 && (p.revents & POLLIN)) {
        char c;
        ssize_t n = read(g_sigpipe[0], &c, 1);
        (void)n;
    }
    return g_quit != 0;
}

/* On KMSDRM: tell SDL which /dev/dri/cardN has the screen (the numbers swap
 * between boots on a Pi 4/5), and wait for a screen rather than exit into a
 * restart loop. Returns false when SIGTERM came while waiting. */
static bool choose_drm_card(void)
{
    DrmCardChoice c;
    int waited = 0;
    for (;;) {
        DrmCardStatus st = drm_card_choose_root("/", &c);
        if (st == DRM_CARD_CONNECTED) { /* "unknown" gives SDL no display: wait */
            char idx[16];
            snprintf(idx, sizeof(idx), "%d", c.index);
            SDL_SetHint(SDL_HINT_KMSDRM_DEVICE_INDEX, idx);
            log_msg(LOG_LEVEL_INFO, "display card: /dev/dri/card%d (%s)%s%s", c.index, c.driver[0] ? c.driver : "?",
                    c.connector[0] ? ", screen on " : "", c.connector);
            if (waited > 0)
                log_msg(LOG_LEVEL_INFO, "a display is connected after %d s", waited);
            return true;
        }
        if (waited % 300 == 0) /* say it again every 5 minutes */
            log_msg(LOG_LEVEL_WARN, "%s; checking again every 10 s", c.message[0] ? c.message : "no display connected");
        if (sleep_unless_quit(10000))
            return false;
        waited += 10;
    }
}

int app_kiosk(const AppOptions *opts)
{
    int rc = 1;
    char err[256];
    Kiosk k;
    SDL_Thread *watcher = NULL;
    InputWatch *input_watch = NULL;
    bool sdl_up = false;

    memset(&k, 0, sizeof(k));
    clock_gettime(CLOCK_MONOTONIC, &k.started);
    k.cur = *opts;
    k.opts = &k.cur;
    opts = k.opts;
    k.minute = -1;
    g_quit = 0;
    g_reload = 0;
    k.kf.screen_on = true;
    k.kf.dim = 1.0f;
    k.kt_due = true;

    if (pipe(g_sigpipe) != 0) {
        log_msg(LOG_LEVEL_ERROR, "cannot set up signals: %s", strerror(errno));
        return 1;
    }
    install_signals();
    log_settings(&k, &app_reload.files);

    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
    k.software = opts->renderer == OPT_RENDER_SOFTWARE || (opts->renderer == OPT_RENDER_AUTO && !have_gpu());
    if (k.software) {
        /* Draw into the window's own surface: no GL context behind it (on a
         * machine without a GPU, Mesa's llvmpipe costs start-up time, memory
         * and CPU per frame for nothing). */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    if (will_use_kmsdrm() && !choose_drm_card()) {
        rc = 0; /* SIGTERM while waiting for a display */
        goto done;
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        log_msg(LOG_LEVEL_ERROR, "cannot start video: %s", SDL_GetError());
        goto done;
    }
    sdl_up = true;
    stage(&k, "video up");
    const char *driver = SDL_GetCurrentVideoDriver();
    k.blocking_waits = driver != NULL && (strcmp(driver, "x11") == 0 || strcmp(driver, "wayland") == 0);
    k.wake_event = SDL_RegisterEvents(1);
    k.sem = SDL_CreateSemaphore(0);
    k.mono_base = SDL_GetTicks64();
    k.wall_base = opts->has_now ? opts->now : 0;
    if (k.wake_event == (Uint32)-1 || k.sem == NULL) {
        log_msg(LOG_LEVEL_ERROR, "cannot set up wake-ups: %s", SDL_GetError());
        goto done;
    }
    watcher = SDL_CreateThread(signal_watcher, "okr-signals", &k);

    k.anim = anim_new(opts->reduce_motion);
    k.mb = feed_mailbox_new(kiosk_wake, &k);
    if (k.anim == NULL || k.mb == NULL) {
        log_msg(LOG_LEVEL_ERROR, "out of memory");
        goto done;
    }
    feed_state_init(&k.fs, opts->feed_is_demo, NULL);
    view_state_init(&k.vs, opts->rotate_s, k.mono_base);
    apply_settings(&k);

    /* The source starts first: the cache or a local file is read and parsed
     * on its thread while the window and fonts open. */
    FeedSourceConfig cfg = app_feed_config(opts);
    k.src = feed_source_start(&cfg, k.mb, err, sizeof(err));
    if (k.src == NULL) {
        log_msg(LOG_LEVEL_ERROR, "--feed %s: %s", opts->feed, err);
        rc = 2;
        goto done;
    }
    if (open_window(&k) != 0)
        goto done;
    stage(&k, "window open");
    k.rend = render_create(k.sdl, opts->font[0] ? opts->font : NULL, err, sizeof(err));
    if (k.rend == NULL) {
        log_msg(LOG_LEVEL_ERROR, "%s", err);
        goto done;
    }
    stage(&k, "fonts open");

    /* Give the first result (the cache, a local file) a moment to arrive, so
     * the first frame shows data rather than "waiting". */
    if (SDL_SemWaitTimeout(k.sem, 250) == 0)
        take_results(&k);
    stage(&k, k.fs.feed != NULL ? "data in" : "no data yet");
    apply_start_view(&k);
    k.relayout = true;
    void *hook = NULL;
    if (!k.blocking_waits && app_input_watcher.start != NULL) {
        hook = app_input_watcher.start(kiosk_wake, &k);
    } else if (!k.blocking_waits) {
        /* SDL reads evdev only when pumped: a thread of our own wakes the
         * loop on a key so it can pump at once (see input_watch.h). */
        input_watch = input_watch_start(INPUT_WATCH_DIR, kiosk_wake, &k, err, sizeof(err));
        if (input_watch == NULL)
            log_msg(LOG_LEVEL_INFO, "no input wake-up (%s): keys act at the next wake-up", err);
    }
    run(&k);
    if (hook != NULL && app_input_watcher.stop != NULL)
        app_input_watcher.stop(hook);
    rc = 0;
done:
    input_watch_stop(input_watch);
    feed_source_stop(k.src);
    if (g_sigpipe[1] >= 0) {
        ssize_t n = write(g_sigpipe[1], "q", 1);
        (void)n;
    }
    if (watcher != NULL)
        SDL_WaitThread(watcher, NULL);
    render_destroy(k.rend);
    if (k.sdl != NULL)
        SDL_DestroyRenderer(k.sdl);
    if (k.win != NULL)
        SDL_DestroyWindow(k.win);
    feed_mailbox_free(k.mb);
    feed_state_free(&k.fs);
    anim_free(k.anim);
    layout_free(&k.base);
    layout_free(&k.frame);
    layout_free(&k.old);
    if (k.rot != NULL)
        SDL_DestroyTexture(k.rot);
    if (k.sem != NULL)
        SDL_DestroySemaphore(k.sem);
    for (int i = 0; i < 2; i++) {
        if (g_sigpipe[i] >= 0)
            close(g_sigpipe[i]);
        g_sigpipe[i] = -1;
    }
    if (sdl_up)
        SDL_Quit();
    log_msg(LOG_LEVEL_INFO, "exit: %llu frames drawn", (unsigned long long)k.frames);
    return rc;
}
