/*
 * kiosk: the wall's main loop, wiring its parts together.
 *
 *   loop_core.c  what to do next and how long to sleep (pure, tested with a
 *                fake clock): dirty flags, clock minute, rotation, schedule;
 *   window.c     the SDL window: open, fullscreen, orientation, present;
 *   signals.c    SIGTERM/SIGINT/SIGHUP as flags and wake-ups;
 *   feed_state.c the shown feed and its status, fed from the source's mailbox;
 *   anim.c       sweeps and slides; render/ draws the layout.
 *
 * One thread draws. The feed source's worker hands results over through the
 * mailbox and wakes this loop; so do the signal watcher and, on kmsdrm, the
 * input watcher (input_watch.c), all through kiosk_wake().
 *
 * Sleeping: on x11 and wayland SDL_WaitEventTimeout really blocks, so a wake
 * is a registered SDL user event. On kmsdrm, dummy and offscreen, SDL 2.26
 * implements that wait by polling every millisecond, so there the loop
 * blocks on a semaphore instead, then pumps and drains SDL's events.
 *
 * Time: the wall clock is the system clock, or starts at --now and advances
 * with the monotonic clock; animations and rotation use SDL_GetTicks64().
 *
 * Always on: outside the --schedule the loop draws one black frame and then
 * nothing. On kmsdrm it then also switches the HDMI signal off through the
 * DPMS property on SDL's DRM fd (dpms.c) and sends the TV <Standby> over
 * HDMI-CEC (cec.c, its own thread); at the schedule's start or a key it does
 * the reverse (power.c decides, in which order). Nothing is presented while
 * the signal is off. In a desktop session the loop re-enables the
 * screensaver while black instead: the desktop owns the monitor's DPMS, and
 * its own power saving switches the monitor off (see screen_power()).
 *
 * Start-up never gives up on an ordinary SDL error: video, the window and
 * the renderer are tried again (5 s, doubling to a minute) inside the
 * process, as the wait for a connected screen is; so is a window whose DRM
 * fd is not the DRM master (SDL 2.26 ignores a failed drmSetMaster when told
 * the card), with the processes in the way named in the log. A hotplug
 * uevent (drm_watch.c) that shows another screen, another preferred mode or
 * a screen back after it was unplugged makes the window anew the same way,
 * since SDL 2.26's KMSDRM reads the connectors only at start.
 *
 * SIGHUP re-reads the settings through the AppReload hook and restarts the
 * feed source; SIGTERM/SIGINT end the loop.
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include <unistd.h>

#include <xf86drm.h>

#include "anim.h"
#include "cec.h"
#include "dpms.h"
#include "drm_card.h"
#include "drm_io.h"
#include "drm_owner.h"
#include "drm_watch.h"
#include "feed_state.h"
#include "input_watch.h"
#include "keymap.h"
#include "kiosk_history.h"
#include "log.h"
#include "loop_core.h"
#include "okr_i18n.h"
#include "power.h"
#include "settings.h"
#include "signals.h"
#include "window.h"

typedef struct {
    const AppOptions *opts; /* points at cur */
    AppOptions cur;
    const AppReload *reload; /* NULL: SIGHUP only refreshes the feed */
    KioskWindow win;
    LoopCore core;

    FeedMailbox *mb;
    FeedSource *src;
    FeedState fs; /* the shown feed and the header's state */
    HeaderTexts htexts;
    bool start_view_pending; /* --view waits for the first data */
    I18nLang lang;

    Animator *anim;
    ViewTransition trans;
    Layout base;  /* the layout at target values */
    Layout frame; /* base with animated values: what was drawn last */
    Layout old;   /* the previous view's last frame, during a transition */

    int64_t wall_base; /* --now */
    uint64_t mono_base;
    struct timespec started;

    Uint32 wake_event;
    SDL_sem *sem;
    bool blocking_waits;
    InputWatch *input_watch; /* kmsdrm: wakes on keys, keeps the remote's */
    bool signals_up, sdl_up;

    /* The TV's power (power.h) and the display's identity. */
    Power power;
    Dpms dpms;
    int drm_fd; /* SDL's DRM fd on kmsdrm (SDL owns it), else -1 */
    DrmIo drm;  /* libdrm over drm_fd */
    CecWorker *cec;
    DrmWatch *drm_watch;
    char display_sig[64]; /* drm_watch_signature() of the screen last seen */

    KioskHistory hist; /* the history's writer thread and the deltas */
} Kiosk;

/* Wake the loop from any thread: new data, a signal, a key on kmsdrm. */
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

static LoopClock clock_now(const Kiosk *k)
{
    LoopClock t = {SDL_GetTicks64(), wall_now_ms(k)};
    return t;
}

static void log_view(const Kiosk *k)
{
    if (!log_enabled(LOG_LEVEL_DEBUG))
        return;
    char buf[128];
    view_state_describe(&k->core.vs, buf, sizeof(buf));
    log_msg(LOG_LEVEL_DEBUG, "view: %s", buf);
}

/* ---- data ---- */

static void apply_start_view(Kiosk *k);

/* One info line per fetch (feed_source_log_result); the location without
 * credentials. */
static void log_fetch(const Kiosk *k, const FeedResult *r)
{
    char where[512];
    if (!log_enabled(LOG_LEVEL_WARN))
        return;
    if (k->opts->feed_is_demo)
        snprintf(where, sizeof(where), "demo feed");
    else
        feed_source_redact(k->opts->feed, where, sizeof(where));
    feed_source_log_result(where, r);
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
            View before = k->core.vs.view;
            view_state_set_feed(&k->core.vs, k->fs.feed);
            if (memcmp(&before, &k->core.vs.view, sizeof(before)) != 0)
                log_view(k); /* clamped: the feed lost objectives or a team */
            log_msg(LOG_LEVEL_DEBUG, "data: %zu objectives%s", k->fs.feed->n_objectives,
                    from_cache ? " (from cache)" : "");
            if (k->start_view_pending)
                apply_start_view(k);
            kiosk_history_feed_applied(&k->hist, k->opts, k->fs.feed, now);
        }
        loop_core_feed_result(&k->core);
    }
}

static void apply_start_view(Kiosk *k)
{
    const OptView *v = &k->opts->view;
    ViewState *vs = &k->core.vs;
    bool ok = true;
    if (k->fs.feed == NULL && v->kind != OPT_VIEW_OVERVIEW && v->kind != OPT_VIEW_HELP) {
        k->start_view_pending = true; /* no data yet: try when it comes */
        return;
    }
    k->start_view_pending = false;
    if (v->kind == OPT_VIEW_OBJECTIVE)
        ok = view_state_start(vs, VIEW_OBJECTIVE, v->objective, NULL, false);
    else if (v->kind == OPT_VIEW_TEAM)
        ok = view_state_start(vs, VIEW_TEAM, 0, v->team, false);
    else if (v->kind == OPT_VIEW_HELP)
        ok = view_state_start(vs, VIEW_OVERVIEW, 0, NULL, true);
    else if (v->kind == OPT_VIEW_CHANGES)
        ok = view_state_start(vs, VIEW_CHANGES, 0, NULL, false);
    if (!ok)
        log_msg(LOG_LEVEL_WARN,
                "--view: no such objective or team in the feed, showing the overview");
    log_view(k);
}

/* ---- drawing ---- */

static void rebuild(Kiosk *k)
{
    ViewState *vs = &k->core.vs;
    View before = vs->view;
    const KioskFrame *kf = &k->core.kf;
    kiosk_history_header(&k->hist, &k->fs.status);
    feed_state_texts(&k->fs, wall_now(k), &k->htexts);
    AppSceneSize size = {k->win.lw,
                         k->win.lh,
                         (float)k->opts->safe_area,
                         kf->shift_x,
                         kf->shift_y,
                         k->lang,
                         kiosk_history_deltas(&k->hist, k->fs.feed),
                         k->win.rend ? render_text_lines : NULL,
                         k->win.rend};
    /* rotation shows the changes view only when there are changes to show */
    view_state_set_changes(vs, size.deltas != NULL);
    if (app_build_scene_at(&k->base, k->fs.feed, vs, &k->htexts, &size) != 0)
        log_msg(LOG_LEVEL_ERROR, "out of memory building the layout");
    if (memcmp(&before, &vs->view, sizeof(before)) != 0)
        log_view(k);
}

/* A view change: keep the last frame as the outgoing view, then slide. */
static void start_transition(Kiosk *k, uint64_t now_ms)
{
    if (k->win.frames > 0 && layout_copy(&k->old, &k->frame) == 0)
        anim_transition_start(&k->trans, k->core.vs.slide_dir, now_ms, k->opts->reduce_motion);
    log_view(k);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1000.0 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void draw(Kiosk *k, uint64_t now_ms)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (layout_copy(&k->frame, &k->base) != 0)
        return; /* out of memory: the core keeps the frame due */
    anim_apply(k->anim, &k->frame, now_ms);
    TransitionFrame tf;
    bool sliding = anim_transition_frame(&k->trans, now_ms, (float)k->win.lw, &tf);
    window_begin_frame(&k->win);
    if (sliding)
        render_layout(k->win.rend, &k->old, tf.old_dx, 0.0f, tf.old_opacity);
    render_layout(k->win.rend, &k->frame, tf.new_dx, 0.0f, tf.new_opacity);
    window_end_frame(&k->win, k->core.kf.dim);
    /* Values drawn at a time inside a sweep or slide are not final: one more
     * frame at or after its end draws the settled picture. */
    bool animating = sliding || anim_active(k->anim, now_ms);
    loop_core_drawn(&k->core, now_ms, animating);
    size_t text_bytes, shape_bytes;
    render_cache_usage(k->win.rend, &text_bytes, &shape_bytes);
    log_msg(LOG_LEVEL_TRACE, "frame %llu %.1f ms%s, textures: text %.2f MiB, shapes %.2f MiB",
            (unsigned long long)k->win.frames, ms_since(&t0), animating ? " (animating)" : "",
            (double)text_bytes / 1048576.0, (double)shape_bytes / 1048576.0);
}

/* The schedule turned the screen on or off. */
static void screen_power(Kiosk *k, bool on)
{
    if (on) {
        log_msg(LOG_LEVEL_INFO, "screen on");
        SDL_DisableScreenSaver();
        return;
    }
    char until[64] = "";
    if (k->core.kf.next_s != INT64_MAX) {
        time_t t = (time_t)k->core.kf.next_s;
        struct tm tm;
        if (localtime_r(&t, &tm) != NULL)
            i18n_format_date_time(I18N_EN, &tm, until, sizeof(until));
    }
    log_msg(LOG_LEVEL_INFO, "screen off (schedule) until %s", until[0] ? until : "a key");
    /* In a desktop session this lets the desktop's own power saving (DPMS)
     * switch the monitor off; on the console it changes nothing. */
    SDL_EnableScreenSaver();
}

/* One pass: whatever the core says is due now. */
/* Carries out power.h actions other than the black frame, in power.h's
 * order. A DPMS switch that fails drops DPMS (the black frame stays). */
static void power_act(Kiosk *k, unsigned act)
{
    char why[300];
    if ((act & POWER_DPMS_OFF) && dpms_set(&k->dpms, false, why, sizeof(why)) != 0) {
        log_msg(LOG_LEVEL_WARN, "%s; showing a black frame instead", why);
        if (power_dpms_failed(&k->power) & POWER_BLANK)
            window_blank(&k->win);
    } else if (act & POWER_DPMS_OFF) {
        log_msg(LOG_LEVEL_INFO, "HDMI signal off (DPMS on %s)", k->dpms.connector);
    }
    if (act & POWER_CEC_STANDBY)
        cec_worker_want(k->cec, false);
    if ((act & POWER_DPMS_ON) && dpms_set(&k->dpms, true, why, sizeof(why)) != 0) {
        log_msg(LOG_LEVEL_WARN, "%s", why);
        power_dpms_failed(&k->power);
    } else if (act & POWER_DPMS_ON) {
        log_msg(LOG_LEVEL_INFO, "HDMI signal on (DPMS on %s)", k->dpms.connector);
    }
    if (act & POWER_CEC_WAKE)
        cec_worker_want(k->cec, true);
    if (act & POWER_REDRAW)
        loop_core_exposed(&k->core);
}

static void step(Kiosk *k)
{
    LoopClock t = clock_now(k);
    float dim_before = k->core.kf.dim;
    /* New samples recorded, a new feed, or the standup passed: new deltas. */
    if (kiosk_history_update(&k->hist, k->opts, k->fs.feed, wall_now(k)))
        loop_core_feed_result(&k->core);
    LoopPlan plan = loop_core_step(&k->core, &t);
    unsigned a = plan.actions, later = 0;
    if (a & LOOP_SCREEN_ON) {
        screen_power(k, true);
        /* Signal on and the TV woken before the first frame. */
        power_act(k, power_screen(&k->power, true) & ~(unsigned)POWER_BLANK);
    }
    if (a & LOOP_SCREEN_OFF) {
        screen_power(k, false);
        /* The black frame first, then signal off and <Standby>. */
        later = power_screen(&k->power, false);
        if (later & POWER_BLANK)
            a |= LOOP_BLANK;
    }
    if (k->core.kf.screen_on && k->core.kf.dim != dim_before)
        log_msg(LOG_LEVEL_DEBUG, "brightness %.0f %%", k->core.kf.dim * 100.0f);
    if (a & LOOP_RESCORE)
        feed_state_rescore(&k->fs, wall_now(k));
    if (a & LOOP_VIEW_STEP)
        start_transition(k, t.mono_ms);
    if (a & LOOP_REBUILD)
        rebuild(k);
    /* Never present while DPMS holds the output off: the page flip fails on
     * the switched-off CRTC. The frame just before it goes off is fine. */
    bool may_present = power_may_present(&k->power) || (later & POWER_DPMS_OFF);
    if ((a & LOOP_BLANK) && may_present)
        window_blank(&k->win);
    if ((a & LOOP_DRAW) && may_present) {
        if (plan.pace_ms > 0)
            SDL_Delay((Uint32)plan.pace_ms);
        draw(k, SDL_GetTicks64());
    }
    if (later)
        power_act(k, later & ~(unsigned)POWER_BLANK);
}

/* ---- events ---- */

static void reopen_video(Kiosk *k);

static void update_size(Kiosk *k)
{
    if (window_update_size(&k->win))
        loop_core_resized(&k->core, k->win.w, k->win.h);
    else
        loop_core_exposed(&k->core);
}

static void handle_app_key(Kiosk *k, AppKey key, uint64_t now_ms)
{
    LoopClock t = {now_ms, wall_now_ms(k)};
    unsigned act = loop_core_key(&k->core, key, &t);
    if (act & LOOP_KEY_WOKE) {
        log_msg(LOG_LEVEL_INFO, "screen on for %d min (key)", SCHEDULE_WAKE_S / 60);
        return;
    }
    if (act & VS_CHANGED)
        start_transition(k, now_ms);
    if (act & VS_QUIT)
        signals_request_quit();
    if ((act & VS_REFRESH) && k->src != NULL) {
        feed_source_refresh(k->src);
        log_msg(LOG_LEVEL_DEBUG, "refresh");
    }
    if (act & VS_FULLSCREEN) {
        window_toggle_fullscreen(&k->win);
        update_size(k);
    }
}

static void handle_key(Kiosk *k, const SDL_KeyboardEvent *e, uint64_t now_ms)
{
    AppKey key = keymap_from_sdl(e);
    if (e->repeat || key == OKR_KEY_NONE)
        return;
    handle_app_key(k, key, now_ms);
}

/* The TV remote's keys SDL drops (see keymap_from_linux). */
static void take_remote_keys(Kiosk *k, uint64_t now_ms)
{
    int code;
    while (input_watch_take_key(k->input_watch, &code)) {
        AppKey key = keymap_from_linux(code);
        if (key != OKR_KEY_NONE)
            handle_app_key(k, key, now_ms);
    }
}

static void handle_event(Kiosk *k, const SDL_Event *ev, uint64_t now_ms)
{
    switch (ev->type) {
    case SDL_QUIT:
        signals_request_quit();
        break;
    case SDL_KEYDOWN:
        handle_key(k, &ev->key, now_ms);
        break;
    case SDL_WINDOWEVENT:
        switch (ev->window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_RESIZED:
            update_size(k);
            break;
        case SDL_WINDOWEVENT_EXPOSED:
        case SDL_WINDOWEVENT_SHOWN:
        case SDL_WINDOWEVENT_RESTORED:
            loop_core_exposed(&k->core);
            break;
        default:
            break;
        }
        break;
    case SDL_RENDER_TARGETS_RESET:
        loop_core_exposed(&k->core);
        break;
    case SDL_RENDER_DEVICE_RESET:
        /* A renderer that cannot be made again: the whole window anew. */
        if (window_recreate_renderer(&k->win, k->opts->font[0] ? k->opts->font : NULL) != 0)
            reopen_video(k);
        loop_core_exposed(&k->core);
        break;
    case SDL_DISPLAYEVENT:
        update_size(k);
        break;
    default:
        break;
    }
}

static void wait_for_work(Kiosk *k)
{
    LoopClock t = clock_now(k);
    uint64_t wait = loop_core_wait_ms(&k->core, &t);
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

/* ---- settings ---- */

/* The settings that take effect without a restart. */
static void apply_settings(Kiosk *k)
{
    const AppOptions *o = &k->cur;
    log_set_level((LogLevel)options_log_level(o));
    k->lang = i18n_lang_from_env(o->lang[0] ? o->lang : NULL);
    k->fs.status.lang = k->lang;
    k->fs.status.stale_after_s = o->stale_after_s;
    k->fs.status.demo = o->feed_is_demo;
    header_status_set_location(&k->fs.status, o->feed);
    loop_core_configure(&k->core, &o->schedule, &o->dim, o->burnin, o->rotate_s);
    window_set_orientation(&k->win, o->orientation);
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
    if (k->reload == NULL || k->reload->fn == NULL) {
        if (k->src != NULL)
            feed_source_refresh(k->src);
        return;
    }
    next = malloc(sizeof(*next));
    if (next == NULL) {
        log_msg(LOG_LEVEL_ERROR, "reload: out of memory");
        goto done;
    }
    if (k->reload->fn(next, &files, k->reload->ud, err, sizeof(err)) != 0) {
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
        log_msg(LOG_LEVEL_ERROR, "--feed %s: %s (no feed until the next reload)", k->opts->feed,
                err);
    log_msg(LOG_LEVEL_INFO, "reloaded");
done:
    if (next != NULL) {
        conf_secret_wipe((char *)next, sizeof(*next)); /* it held the token */
        free(next);
    }
}

/* ---- video, DRM master, TV power, hotplug ---- */

/* kmsdrm: SDL's fd is not the master. Say who holds the card. */
static void log_drm_holders(const Kiosk *k)
{
    char card[64], line[600];
    DrmHolder h[DRM_OWNER_MAX];
    int hidden = 0;
    snprintf(card, sizeof(card), "/dev/dri/card%d", k->win.drm_card);
    int n = drm_owner_scan("/proc", card, getpid(), h, DRM_OWNER_MAX, &hidden);
    drm_owner_describe(h, n, hidden, card, line, sizeof(line));
    log_msg(LOG_LEVEL_ERROR, "not the DRM master of %s, so nothing would show: %s", card, line);
}

/* Video, the window and the renderer; on kmsdrm also waits for a connected
 * screen first and checks that SDL's fd really is the DRM master. Returns 1
 * when up, 0 when SIGTERM came while waiting, -1 to try again (logged), -2
 * for a font that cannot be opened (no retry helps). */
static int video_start(Kiosk *k)
{
    k->drm_fd = -1;
    if (!window_prepare(&k->win, k->opts, &k->started))
        return 0;
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        log_msg(LOG_LEVEL_ERROR, "cannot start video: %s", SDL_GetError());
        return -1;
    }
    int rc = window_open(&k->win, k->opts);
    if (rc != 0)
        goto fail;
    k->drm_fd = window_drm_fd(&k->win);
    if (k->drm_fd >= 0 && !drmIsMaster(k->drm_fd)) {
        log_drm_holders(k);
        rc = -1;
        goto fail;
    }
    if (k->drm_fd >= 0)
        drm_io_libdrm(&k->drm, &k->drm_fd);
    return 1;
fail:
    window_close(&k->win);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    k->drm_fd = -1;
    return rc;
}

static void video_stop(Kiosk *k)
{
    k->dpms.ready = false;
    window_close(&k->win);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    k->drm_fd = -1;
}

/* Sleeps up to ms; true when the kiosk should quit. Before the signal
 * watcher runs it waits on the signal pipe, after on the wake semaphore. */
static bool kiosk_sleep(Kiosk *k, int ms, bool watcher)
{
    if (!watcher)
        return signals_sleep(ms);
    SDL_SemWaitTimeout(k->sem, (Uint32)ms);
    return signals_quit_requested();
}

/* video_start() until it works. Returns 1 up, 0 quit, -2 a bad font. */
static int video_start_retrying(Kiosk *k, bool watcher)
{
    for (int delay = 5;; delay = delay < 30 ? delay * 2 : 60) {
        int st = video_start(k);
        if (st != -1)
            return st;
        log_msg(LOG_LEVEL_WARN, "video did not come up; trying again in %d s", delay);
        if (kiosk_sleep(k, delay * 1000, watcher))
            return 0;
    }
}

/* The screen as it is now on SDL's fd; "" when none is connected or the
 * connectors cannot be read. */
static void display_signature(Kiosk *k, char *out, size_t len)
{
    DrmIoConnector c[DRM_IO_MAX_CONNECTORS];
    int n = k->drm_fd >= 0 ? k->drm.connectors(k->drm.ctx, c, DRM_IO_MAX_CONNECTORS) : -1;
    out[0] = '\0';
    if (n > 0)
        drm_watch_signature(c, n, k->win.drm_connector, out, len);
}

/* After video came up: DPMS on SDL's fd, the controls in use. */
static void power_setup(Kiosk *k)
{
    char why[300];
    bool have_dpms = false;
    if (k->drm_fd >= 0 && k->opts->dpms != POWER_SETTING_OFF) {
        have_dpms = dpms_open(&k->dpms, &k->drm, k->win.drm_connector, why, sizeof(why)) == 0;
        if (!have_dpms)
            log_msg(LOG_LEVEL_INFO, "no DPMS: %s", why);
    }
    power_set_available(&k->power, have_dpms, cec_worker_have(k->cec));
    const char *missing = power_missing(&k->power);
    if (missing != NULL)
        log_msg(LOG_LEVEL_WARN, "%s", missing);
    if (k->opts->schedule.count == 0)
        log_msg(LOG_LEVEL_INFO, "no schedule: the screen stays on");
    else
        log_msg(LOG_LEVEL_INFO, "screen off outside the schedule: %s", power_describe(&k->power));
}

/* HDMI-CEC on kmsdrm (cec = auto), or anywhere with cec = on. */
static void cec_setup(Kiosk *k)
{
    if (k->opts->cec == POWER_SETTING_OFF || (k->opts->cec == POWER_SETTING_AUTO && k->drm_fd < 0))
        return;
    CecWorkerConfig cfg;
    memset(&cfg, 0, sizeof(cfg));
    cec_io_kernel(&cfg.io);
    snprintf(cfg.dev_dir, sizeof(cfg.dev_dir), "/dev");
    cfg.drm_card = k->win.drm_card;
    snprintf(cfg.connector, sizeof(cfg.connector), "%s", k->win.drm_connector);
    if (cfg.drm_card < 0) { /* a desktop: the card sysfs points at */
        DrmCardChoice ch;
        if (drm_card_choose_root("/", &ch) == DRM_CARD_CONNECTED) {
            cfg.drm_card = ch.index;
            snprintf(cfg.connector, sizeof(cfg.connector), "%s", ch.connector);
        }
    }
    DrmIoConnector c[DRM_IO_MAX_CONNECTORS];
    int n = k->drm_fd >= 0 ? k->drm.connectors(k->drm.ctx, c, DRM_IO_MAX_CONNECTORS) : 0;
    for (int i = 0; i < n; i++)
        if (strcmp(c[i].name, cfg.connector) == 0)
            cfg.connector_id = c[i].id;
    k->cec = cec_worker_start(&cfg);
}

/* Closes video and brings it up again (retrying), then puts the screen
 * back into the schedule's state: used on a display change and when the GPU
 * renderer is lost for good. */
static void reopen_video(Kiosk *k)
{
    video_stop(k);
    int st = video_start_retrying(k, true);
    if (st != 1) {
        if (st == -2)
            log_msg(LOG_LEVEL_ERROR, "the font cannot be opened any more; exiting");
        signals_request_quit();
        return;
    }
    display_signature(k, k->display_sig, sizeof(k->display_sig));
    loop_core_resized(&k->core, k->win.w, k->win.h);
    loop_core_exposed(&k->core);
    power_setup(k);
    unsigned act = power_reapply(&k->power);
    if (act & POWER_BLANK)
        window_blank(&k->win);
    power_act(k, act & ~(unsigned)POWER_BLANK);
}

/* A drm uevent: another screen, another preferred mode, or a screen back
 * after it was unplugged makes the window anew (SDL 2.26 reads connectors
 * only at start; some kernels leave a re-plugged 4K60 output blank). The
 * same screen again only redraws; an unplugged one is only logged. */
static void display_changed(Kiosk *k)
{
    char now[64];
    display_signature(k, now, sizeof(now));
    if (strcmp(now, k->display_sig) == 0) {
        loop_core_exposed(&k->core);
        return;
    }
    if (now[0] == '\0') {
        log_msg(LOG_LEVEL_INFO, "screen %s disconnected; keeping the window until a screen is back",
                k->display_sig);
        snprintf(k->display_sig, sizeof(k->display_sig), "%s", now);
        return;
    }
    log_msg(LOG_LEVEL_INFO, "screen now %s (was %s): opening the window anew", now,
            k->display_sig[0] ? k->display_sig : "disconnected");
    reopen_video(k);
}

/* ---- the loop ---- */

static void run(Kiosk *k)
{
    SDL_Event ev;
    while (!signals_quit_requested()) {
        uint64_t now_ms = SDL_GetTicks64();
        take_results(k);
        while (SDL_PollEvent(&ev))
            handle_event(k, &ev, now_ms);
        take_remote_keys(k, now_ms);
        if (drm_watch_take(k->drm_watch))
            display_changed(k);
        if (signals_quit_requested())
            break;
        if (signals_take_reload())
            reload(k);
        step(k);
        wait_for_work(k);
    }
}

static void stage(const Kiosk *k, const char *what)
{
    log_msg(LOG_LEVEL_TRACE, "startup: %s at %.1f ms", what, ms_since(&k->started));
}

/* After SDL_Init: the wake-ups and the signal watcher. Returns 0 or -1
 * (logged). */
static int start_wakeups(Kiosk *k)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    k->blocking_waits =
        driver != NULL && (strcmp(driver, "x11") == 0 || strcmp(driver, "wayland") == 0);
    k->wake_event = SDL_RegisterEvents(1);
    k->sem = SDL_CreateSemaphore(0);
    k->mono_base = SDL_GetTicks64();
    k->wall_base = k->opts->has_now ? k->opts->now : 0;
    if (k->wake_event == (Uint32)-1 || k->sem == NULL) {
        log_msg(LOG_LEVEL_ERROR, "cannot set up wake-ups: %s", SDL_GetError());
        return -1;
    }
    if (signals_start_watcher(kiosk_wake, k) != 0)
        log_msg(LOG_LEVEL_WARN, "no signal watcher: signals act at the next wake-up");
    return 0;
}

static void log_start(const Kiosk *k)
{
    int o = k->win.orientation;
    log_msg(LOG_LEVEL_INFO,
            "start: okr-kiosk %s, video %s, renderer %s, screen %dx%d%s, %s, language %s",
            OKR_VERSION, SDL_GetCurrentVideoDriver(), window_renderer_name(&k->win), k->win.w,
            k->win.h,
            o == 90    ? " turned 90"
            : o == 180 ? " turned 180"
            : o == 270 ? " turned 270"
                       : "",
            k->blocking_waits ? "waiting on events" : "waiting on a semaphore",
            i18n_lang_code(k->lang));
}

/* Everything up to the first pass of the loop. Returns -1 to run the loop,
 * or the exit code: 0 (SIGTERM while waiting for a display), 1, 2 (a feed
 * that cannot be read at all). Partial state is left for close_kiosk(). */
static int open_kiosk(Kiosk *k)
{
    char err[256];
    const AppOptions *opts = k->opts;
    if (signals_install(err, sizeof(err)) != 0) {
        log_msg(LOG_LEVEL_ERROR, "%s", err);
        return 1;
    }
    k->signals_up = true;
    if (k->reload != NULL)
        log_settings(k, &k->reload->files);
    k->drm_fd = -1;
    power_init(&k->power, (PowerSetting)opts->dpms, (PowerSetting)opts->cec);
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        log_msg(LOG_LEVEL_ERROR, "cannot start SDL: %s", SDL_GetError());
        return 1;
    }
    k->sdl_up = true;
    int st = video_start_retrying(k, false);
    if (st != 1)
        return st == 0 ? 0 : 1; /* SIGTERM while waiting, or a bad font */
    stage(k, "video up");
    if (start_wakeups(k) != 0)
        return 1;
    k->anim = anim_new(opts->reduce_motion);
    k->mb = feed_mailbox_new(kiosk_wake, k);
    if (k->anim == NULL || k->mb == NULL) {
        log_msg(LOG_LEVEL_ERROR, "out of memory");
        return 1;
    }
    feed_state_init(&k->fs, opts->feed_is_demo, NULL);
    kiosk_history_start(&k->hist, opts, kiosk_wake, k);
    loop_core_init(&k->core, opts->rotate_s, k->mono_base);
    apply_settings(k);

    /* The source starts first: the cache or a local file is read and parsed
     * on its thread while the window and fonts open. */
    FeedSourceConfig cfg = app_feed_config(opts);
    k->src = feed_source_start(&cfg, k->mb, err, sizeof(err));
    if (k->src == NULL) {
        log_msg(LOG_LEVEL_ERROR, "--feed %s: %s", opts->feed, err);
        return 2;
    }
    loop_core_resized(&k->core, k->win.w, k->win.h);
    log_start(k);
    cec_setup(k);
    power_setup(k);

    /* Give the first result (the cache, a local file) a moment to arrive, so
     * the first frame shows data rather than "waiting". */
    if (SDL_SemWaitTimeout(k->sem, 250) == 0)
        take_results(k);
    stage(k, k->fs.feed != NULL ? "data in" : "no data yet");
    apply_start_view(k);
    loop_core_relayout(&k->core);
    if (!k->blocking_waits) {
        /* SDL reads evdev only when pumped: a thread of our own wakes the
         * loop on a key so it can pump at once (see input_watch.h). */
        k->input_watch = input_watch_start(INPUT_WATCH_DIR, kiosk_wake, k, err, sizeof(err));
        if (k->input_watch == NULL)
            log_msg(LOG_LEVEL_INFO, "no input wake-up (%s): keys act at the next wake-up", err);
    }
    if (k->drm_fd >= 0) {
        display_signature(k, k->display_sig, sizeof(k->display_sig));
        k->drm_watch = drm_watch_start(kiosk_wake, k, err, sizeof(err));
        if (k->drm_watch == NULL)
            log_msg(LOG_LEVEL_WARN, "no hotplug watch (%s): a new screen needs a restart", err);
    }
    return -1;
}

/* Threads first (they wake the loop through k), then what they used. */
static void close_kiosk(Kiosk *k)
{
    drm_watch_stop(k->drm_watch);
    input_watch_stop(k->input_watch);
    if (k->power.output_off && k->dpms.ready) {
        char why[300]; /* leave the console with a signal */
        dpms_set(&k->dpms, true, why, sizeof(why));
    }
    cec_worker_stop(k->cec);
    feed_source_stop(k->src);
    kiosk_history_stop(&k->hist);
    if (k->signals_up)
        signals_close(); /* joins the watcher before the semaphore goes */
    window_close(&k->win);
    feed_mailbox_free(k->mb);
    feed_state_free(&k->fs);
    anim_free(k->anim);
    layout_free(&k->base);
    layout_free(&k->frame);
    layout_free(&k->old);
    if (k->sem != NULL)
        SDL_DestroySemaphore(k->sem);
    if (k->sdl_up)
        SDL_Quit();
}

int app_kiosk(const AppOptions *opts, const AppReload *reload)
{
    static Kiosk k; /* large (three layouts, the options): off the stack */
    memset(&k, 0, sizeof(k));
    clock_gettime(CLOCK_MONOTONIC, &k.started);
    k.cur = *opts;
    k.opts = &k.cur;
    k.reload = reload;
    int rc = open_kiosk(&k);
    if (rc < 0) {
        run(&k);
        rc = 0;
    }
    close_kiosk(&k);
    if (k.signals_up)
        log_msg(LOG_LEVEL_INFO, "exit: %llu frames drawn", (unsigned long long)k.win.frames);
    return rc;
}
