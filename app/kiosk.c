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
 */
#include "app.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "anim.h"
#include "feed_state.h"
#include "okr_score.h"
#include "render.h"

AppInputWatcher app_input_watcher;

#define FRAME_MIN_MS 15 /* pace animation where present does not wait for vsync */
#define MAX_WAIT_MS 60000

typedef struct {
    const AppOptions *opts;
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
} Kiosk;

/* Signal handling: the handler writes to a pipe; a watcher thread turns that
 * into a wake-up, because neither SDL_PushEvent nor a mutex may be used from a
 * signal handler. */
static volatile sig_atomic_t g_quit;
static int g_sigpipe[2] = {-1, -1};

static void on_signal(int sig)
{
    (void)sig;
    g_quit = 1;
    if (g_sigpipe[1] >= 0) {
        int saved = errno;
        ssize_t n = write(g_sigpipe[1], "q", 1);
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

static int signal_watcher(void *userdata)
{
    char c;
    while (read(g_sigpipe[0], &c, 1) < 0 && errno == EINTR)
        ;
    kiosk_wake(userdata);
    return 0;
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
    if (k->opts->verbose > 1)
        fprintf(stderr, "startup: %s at %.1f ms\n", what, ms_since(&k->started));
}

static void log_view(const Kiosk *k)
{
    if (k->opts->verbose < 1)
        return;
    char buf[128];
    view_state_describe(&k->vs, buf, sizeof(buf));
    fprintf(stderr, "view: %s\n", buf);
}

static AppKey map_key(const SDL_KeyboardEvent *e)
{
    switch (e->keysym.sym) {
    case SDLK_LEFT:
        return KEY_LEFT;
    case SDLK_RIGHT:
        return KEY_RIGHT;
    case SDLK_UP:
        return KEY_UP;
    case SDLK_DOWN:
        return KEY_DOWN;
    case SDLK_PAGEUP:
        return KEY_PAGE_UP;
    case SDLK_PAGEDOWN:
        return KEY_PAGE_DOWN;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER:
    case SDLK_SELECT:
        return KEY_ENTER;
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
    case SDLK_AC_BACK:
        return KEY_BACK;
    case SDLK_t:
        return KEY_TEAM;
    case SDLK_SPACE:
        return KEY_PAUSE;
    case SDLK_r:
        return KEY_REFRESH;
    case SDLK_h:
    case SDLK_QUESTION:
        return KEY_HELP;
    case SDLK_SLASH:
        return (e->keysym.mod & KMOD_SHIFT) ? KEY_HELP : KEY_OTHER;
    case SDLK_f:
        return KEY_FULLSCREEN;
    case SDLK_q:
        return KEY_QUIT;
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
        return KEY_NONE;
    default:
        break;
    }
    SDL_Keycode s = e->keysym.sym;
    if (s >= SDLK_1 && s <= SDLK_9)
        return (AppKey)(KEY_DIGIT_1 + (s - SDLK_1));
    if (s >= SDLK_KP_1 && s <= SDLK_KP_9)
        return (AppKey)(KEY_DIGIT_1 + (s - SDLK_KP_1));
    return KEY_OTHER;
}

/* ---- data ---- */

static void apply_start_view(Kiosk *k);

static void take_results(Kiosk *k)
{
    FeedResult r;
    while (feed_mailbox_take(k->mb, &r)) {
        int64_t now = wall_now(k);
        FeedResultKind kind = r.kind;
        bool from_cache = r.from_cache;
        if (kind == FEED_RESULT_NEW && r.feed != NULL && k->opts->feed_is_demo)
            app_shift_demo(r.feed, now);
        if (k->opts->verbose > 0 && kind != FEED_RESULT_NEW && kind != FEED_RESULT_NOT_MODIFIED)
            fprintf(stderr, "data: %s: %s (keeping the last data)\n",
                    kind == FEED_RESULT_INVALID ? "invalid" : "fetch failed", r.reason);
        if (feed_state_apply(&k->fs, &r, now) == FEED_STATE_NEW_FEED) {
            View before = k->vs.view;
            view_state_set_feed(&k->vs, k->fs.feed);
            if (memcmp(&before, &k->vs.view, sizeof(before)) != 0)
                log_view(k); /* clamped: the feed lost objectives or a team */
            if (k->opts->verbose > 0)
                fprintf(stderr, "data: %zu objectives%s\n", k->fs.feed->n_objectives,
                        from_cache ? " (from cache)" : "");
            if (k->start_view_pending)
                apply_start_view(k);
        }
        k->relayout = true;
    }
}

/* ---- drawing ---- */

static int copy_layout(Layout *dst, const Layout *src)
{
    if (dst->cap < src->count) {
        Element *items = realloc(dst->items, src->count * sizeof(*items));
        if (items == NULL)
            return -1;
        dst->items = items;
        dst->cap = src->count;
    }
    if (src->count > 0)
        memcpy(dst->items, src->items, src->count * sizeof(*src->items));
    dst->count = src->count;
    dst->page_count = src->page_count;
    dst->objectives_per_page = src->objectives_per_page;
    dst->min_text_px = src->min_text_px;
    dst->safe = src->safe;
    return 0;
}

static void rebuild(Kiosk *k)
{
    View before = k->vs.view;
    feed_state_texts(&k->fs, wall_now(k), &k->htexts);
    if (app_build_scene(&k->base, k->fs.feed, &k->vs, &k->htexts, k->w, k->h, (float)k->opts->safe_area) != 0)
        fprintf(stderr, "okr-kiosk: out of memory building the layout\n");
    if (memcmp(&before, &k->vs.view, sizeof(before)) != 0)
        log_view(k);
    k->relayout = false;
    k->dirty = true;
}

/* A view change: keep the last frame as the outgoing view, then slide. */
static void start_transition(Kiosk *k, uint64_t now_ms)
{
    if (k->frames > 0 && copy_layout(&k->old, &k->frame) == 0)
        anim_transition_start(&k->trans, k->vs.slide_dir, now_ms, k->opts->reduce_motion);
    log_view(k);
    k->relayout = true;
}

static void draw(Kiosk *k, uint64_t now_ms)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (copy_layout(&k->frame, &k->base) != 0)
        return;
    anim_apply(k->anim, &k->frame, now_ms);
    TransitionFrame tf;
    bool sliding = anim_transition_frame(&k->trans, now_ms, (float)k->w, &tf);
    render_clear(k->rend);
    if (sliding)
        render_layout(k->rend, &k->old, tf.old_dx, 0.0f, tf.old_opacity);
    render_layout(k->rend, &k->frame, tf.new_dx, 0.0f, tf.new_opacity);
    SDL_RenderPresent(k->sdl);
    k->frames++;
    k->last_frame_ms = now_ms;
    k->dirty = false;
    /* Values drawn at a time inside a sweep or slide are not final: one more
     * frame at or after its end draws the settled picture. */
    k->anim_pending = sliding || anim_active(k->anim, now_ms);
    if (k->opts->verbose > 1)
        fprintf(stderr, "frame %llu %.1f ms%s\n", (unsigned long long)k->frames, ms_since(&t0),
                k->anim_pending ? " (animating)" : "");
    if (k->frames == 1)
        stage(k, "first frame drawn");
    if (!k->shown) {
        SDL_ShowWindow(k->win);
        k->shown = true;
        if (k->opts->verbose > 0)
            fprintf(stderr, "first frame presented after %.1f ms\n", ms_since(&k->started));
    }
}

static bool animating(const Kiosk *k)
{
    return k->anim_pending;
}

/* ---- events ---- */

static void update_size(Kiosk *k)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(k->sdl, &w, &h) == 0 && w > 0 && h > 0 && (w != k->w || h != k->h)) {
        k->w = w;
        k->h = h;
        k->relayout = true;
        if (k->opts->verbose > 0)
            fprintf(stderr, "screen: %dx%d\n", w, h);
    }
    k->dirty = true;
}

static void toggle_fullscreen(Kiosk *k)
{
    k->fullscreen = !k->fullscreen;
    SDL_SetWindowFullscreen(k->win, k->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    update_size(k);
}

static void recreate_renderer(Kiosk *k)
{
    char err[256];
    render_destroy(k->rend);
    k->rend = render_create(k->sdl, k->opts->font[0] ? k->opts->font : NULL, err, sizeof(err));
    if (k->rend == NULL) {
        fprintf(stderr, "okr-kiosk: %s\n", err);
        g_quit = 1;
    }
    k->dirty = true;
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
        unsigned act = view_state_key(&k->vs, key, now_ms);
        if (act & VS_CHANGED)
            start_transition(k, now_ms);
        if (act & VS_QUIT)
            g_quit = 1;
        if ((act & VS_REFRESH) && k->src != NULL) {
            feed_source_refresh(k->src);
            if (k->opts->verbose > 0)
                fprintf(stderr, "refresh\n");
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
            break;
        default:
            break;
        }
        break;
    case SDL_RENDER_TARGETS_RESET:
        k->dirty = true;
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

static void tick(Kiosk *k, uint64_t now_ms)
{
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
        tick(k, now_ms);
        if (k->relayout)
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
        fprintf(stderr, "okr-kiosk: --view: no such objective or team in the feed, showing the overview\n");
    log_view(k);
}

static int open_window(Kiosk *k)
{
    const AppOptions *o = k->opts;
    int n = SDL_GetNumVideoDisplays();
    int display = o->display < n ? o->display : 0;
    if (o->display >= n)
        fprintf(stderr, "okr-kiosk: display %d not found (%d connected), using 0\n", o->display, n);
    Uint32 flags = SDL_WINDOW_HIDDEN | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = o->win_w, h = o->win_h;
    if (!o->windowed) {
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
        fprintf(stderr, "okr-kiosk: cannot open a window: %s\n", SDL_GetError());
        return -1;
    }
    stage(k, "window created");
    if (!k->software)
        k->sdl = SDL_CreateRenderer(k->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (k->sdl == NULL) {
        if (o->verbose > 0 && !k->software)
            fprintf(stderr, "okr-kiosk: no accelerated renderer (%s), using software\n", SDL_GetError());
        k->sdl = SDL_CreateRenderer(k->win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (k->sdl == NULL) {
        fprintf(stderr, "okr-kiosk: cannot create a renderer: %s\n", SDL_GetError());
        return -1;
    }
    if (SDL_GetRendererOutputSize(k->sdl, &k->w, &k->h) != 0) {
        k->w = w;
        k->h = h;
    }
    if (o->verbose > 0) {
        SDL_RendererInfo info;
        SDL_GetRendererInfo(k->sdl, &info);
        fprintf(stderr, "screen: %dx%d, video %s, renderer %s, %s\n", k->w, k->h, SDL_GetCurrentVideoDriver(),
                info.name, k->blocking_waits ? "waiting on events" : "waiting on a semaphore");
    }
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
}

int app_kiosk(const AppOptions *opts)
{
    int rc = 1;
    char err[256];
    Kiosk k;
    SDL_Thread *watcher = NULL;
    void *input_watch = NULL;

    memset(&k, 0, sizeof(k));
    clock_gettime(CLOCK_MONOTONIC, &k.started);
    k.opts = opts;
    k.minute = -1;
    g_quit = 0;

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
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "okr-kiosk: cannot start video: %s\n", SDL_GetError());
        return 1;
    }
    stage(&k, "video up");
    const char *driver = SDL_GetCurrentVideoDriver();
    k.blocking_waits = driver != NULL && (strcmp(driver, "x11") == 0 || strcmp(driver, "wayland") == 0);
    k.wake_event = SDL_RegisterEvents(1);
    k.sem = SDL_CreateSemaphore(0);
    k.mono_base = SDL_GetTicks64();
    k.wall_base = opts->has_now ? opts->now : 0;
    if (k.wake_event == (Uint32)-1 || k.sem == NULL || pipe(g_sigpipe) != 0) {
        fprintf(stderr, "okr-kiosk: cannot set up wake-ups: %s\n", SDL_GetError());
        goto done;
    }
    install_signals();
    watcher = SDL_CreateThread(signal_watcher, "okr-signals", &k);

    k.anim = anim_new(opts->reduce_motion);
    k.mb = feed_mailbox_new(kiosk_wake, &k);
    if (k.anim == NULL || k.mb == NULL) {
        fprintf(stderr, "okr-kiosk: out of memory\n");
        goto done;
    }
    feed_state_init(&k.fs, opts->feed_is_demo, NULL);
    view_state_init(&k.vs, opts->rotate_s, k.mono_base);

    /* The source starts first: the cache or a local file is read and parsed
     * on its thread while the window and fonts open. */
    FeedSourceConfig cfg = app_feed_config(opts);
    k.src = feed_source_start(&cfg, k.mb, err, sizeof(err));
    if (k.src == NULL) {
        fprintf(stderr, "okr-kiosk: --feed %s: %s\n", opts->feed, err);
        rc = 2;
        goto done;
    }
    if (open_window(&k) != 0)
        goto done;
    stage(&k, "window open");
    k.rend = render_create(k.sdl, opts->font[0] ? opts->font : NULL, err, sizeof(err));
    if (k.rend == NULL) {
        fprintf(stderr, "okr-kiosk: %s\n", err);
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
    if (!k.blocking_waits && app_input_watcher.start != NULL)
        input_watch = app_input_watcher.start(kiosk_wake, &k);
    run(&k);
    rc = 0;
done:
    if (input_watch != NULL && app_input_watcher.stop != NULL)
        app_input_watcher.stop(input_watch);
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
    if (k.sem != NULL)
        SDL_DestroySemaphore(k.sem);
    for (int i = 0; i < 2; i++) {
        if (g_sigpipe[i] >= 0)
            close(g_sigpipe[i]);
        g_sigpipe[i] = -1;
    }
    SDL_Quit();
    if (opts->verbose > 0)
        fprintf(stderr, "frames drawn: %llu\n", (unsigned long long)k.frames);
    return rc;
}
