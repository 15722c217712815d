/*
 * screenshot: `okr-kiosk --feed F --screenshot OUT.png --size WxH [--view V]
 * [--now T]`. One frame on SDL's software renderer into a memory surface: no
 * video subsystem, no display, so it runs with DISPLAY unset and in CI. The
 * layout and drawing code are the ones the wall uses, with every animation
 * settled (values at their targets). --lang, --stale-after and --orientation
 * apply as on the wall: with 90 or 270 degrees the layout is built at the
 * turned size, drawn into a texture and turned onto the image, like the loop
 * does.
 *
 * A feed that cannot be shown gives the picture the wall would show at
 * start-up (what is wrong, which feed, what to do, when the next try is, as
 * the wall's source would schedule it) and exit status 1; 2 means no picture.
 *
 * With --renderer gpu the frame goes through SDL's GPU renderer instead
 * (OpenGL or OpenGL ES, whatever the video driver offers) in a hidden window
 * of the screenshot's size, read back before it is presented: the code a Pi
 * runs, checkable on a desktop (Mesa's llvmpipe under Xvfb, with
 * OKR_MAX_TEXTURE_SIZE for a small GPU's limit) and on the Pi itself. That
 * needs a display.
 */
#include "app.h"
#include "log.h"

#include <stdio.h>
#include <time.h>

#include <SDL.h>

#include "feed_source.h"
#include "kiosk_history.h"
#include "okr_i18n.h"
#include "okr_score.h"
#include "render.h"

static bool start_view(ViewState *vs, const OptView *v)
{
    switch (v->kind) {
    case OPT_VIEW_OBJECTIVE:
        return view_state_start(vs, VIEW_OBJECTIVE, v->objective, NULL, false);
    case OPT_VIEW_TEAM:
        return view_state_start(vs, VIEW_TEAM, 0, v->team, false);
    case OPT_VIEW_HELP:
        return view_state_start(vs, VIEW_OVERVIEW, 0, NULL, true);
    case OPT_VIEW_CHANGES:
        return view_state_start(vs, VIEW_CHANGES, 0, NULL, false);
    default:
        return true;
    }
}

/* --renderer gpu: a hidden window of the screenshot's size with SDL's GPU
 * renderer. Returns 0, or -1 with a message on stderr. */
static int open_gpu(const AppOptions *opts, bool *video, SDL_Window **win, SDL_Renderer **sdl)
{
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        log_msg(LOG_LEVEL_ERROR, "--renderer gpu draws in a window and needs a display: %s",
                SDL_GetError());
        return -1;
    }
    *video = true;
    *win = SDL_CreateWindow("okr-kiosk screenshot", SDL_WINDOWPOS_UNDEFINED,
                            SDL_WINDOWPOS_UNDEFINED, opts->size_w, opts->size_h, SDL_WINDOW_HIDDEN);
    if (*win == NULL) {
        log_msg(LOG_LEVEL_ERROR, "cannot open a %dx%d window: %s", opts->size_w, opts->size_h,
                SDL_GetError());
        return -1;
    }
    *sdl = SDL_CreateRenderer(*win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE);
    SDL_RendererInfo info;
    if (*sdl == NULL || SDL_GetRendererInfo(*sdl, &info) != 0) {
        log_msg(LOG_LEVEL_ERROR, "no GPU renderer: %s", SDL_GetError());
        return -1;
    }
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(*sdl, &w, &h) != 0 || w != opts->size_w || h != opts->size_h) {
        log_msg(LOG_LEVEL_ERROR,
                "the window is %dx%d, not %dx%d (a console shows only its own mode)", w, h,
                opts->size_w, opts->size_h);
        return -1;
    }
    if (opts->verbose > 0) { /* -v: as "wrote ..." below, an info line */
        int max_w, max_h;
        render_texture_limit(*sdl, &max_w, &max_h);
        log_msg(LOG_LEVEL_INFO, "video %s, renderer %s, max texture %dx%d",
                SDL_GetCurrentVideoDriver(), info.name, max_w, max_h);
    }
    return 0;
}

int app_screenshot(const AppOptions *opts)
{
    int rc = 2;
    char err[256];
    FeedResult r = {0};
    Layout layout = {0};
    SDL_Surface *surface = NULL;
    SDL_Renderer *sdl = NULL;
    SDL_Texture *rot = NULL;
    SDL_Window *win = NULL;
    bool video = false;
    Renderer *rend = NULL;
    int64_t now = opts->has_now ? opts->now : (int64_t)time(NULL);
    OkrDeltaSet deltas = {0};
    bool have_deltas = false;

    FeedSourceConfig cfg = app_feed_config(opts);
    cfg.cache_dir = "";
    feed_fetch_once(&cfg, &r);
    HeaderStatus hs;
    header_status_init(&hs, opts->feed_is_demo);
    header_status_set_location(&hs, opts->feed);
    hs.lang = i18n_lang_from_env(opts->lang[0] ? opts->lang : NULL);
    hs.stale_after_s = opts->stale_after_s;
    bool showable = r.kind == FEED_RESULT_NEW && r.feed != NULL;
    if (!showable) {
        log_msg(LOG_LEVEL_ERROR, "cannot show %s: %s", hs.location,
                r.reason[0] ? r.reason : "no data");
        if (hs.location_is_url) {
            /* when the wall's source would try again */
            r.next_poll_s = feed_source_first_retry_s(&cfg, r.kind);
        }
    }
    if (opts->feed_is_demo)
        app_shift_demo(r.feed, now);
    if (showable) {
        OkrScoreConfig sc = okr_score_config_default();
        okr_score_feed(r.feed, &sc, now);
    }

    ViewState vs;
    view_state_init(&vs, 0, 0);
    view_state_set_feed(&vs, r.feed);
    if (showable && !start_view(&vs, &opts->view)) {
        log_msg(LOG_LEVEL_ERROR, "--view: the feed has no such objective or team");
        goto done;
    }

    /* The changes since the last standup, from the history the wall keeps. */
    if (showable && !opts->feed_is_demo &&
        app_history_check(opts, r.feed, now, &deltas, &have_deltas) == 0 && have_deltas) {
        hs.has_reference = true;
        hs.reference = deltas.reference;
    }

    r.at = now;
    header_status_update(&hs, &r);
    HeaderTexts texts;
    header_format(&texts, r.feed, &hs, now);
    bool turned = opts->orientation == 90 || opts->orientation == 270;
    AppSceneSize size = {turned ? opts->size_h : opts->size_w,
                         turned ? opts->size_w : opts->size_h,
                         (float)opts->safe_area,
                         0.0f,
                         0.0f,
                         hs.lang,
                         have_deltas ? &deltas : NULL,
                         render_text_lines,
                         NULL};

    if (opts->renderer == OPT_RENDER_GPU) {
        if (open_gpu(opts, &video, &win, &sdl) != 0)
            goto done;
    } else {
        surface = SDL_CreateRGBSurfaceWithFormat(0, opts->size_w, opts->size_h, 32,
                                                 SDL_PIXELFORMAT_ARGB8888);
        if (surface == NULL) {
            log_msg(LOG_LEVEL_ERROR, "cannot create a %dx%d image: %s", opts->size_w, opts->size_h,
                    SDL_GetError());
            goto done;
        }
        sdl = SDL_CreateSoftwareRenderer(surface);
        if (sdl == NULL) {
            log_msg(LOG_LEVEL_ERROR, "software renderer: %s", SDL_GetError());
            goto done;
        }
    }
    rend = render_create(sdl, opts->font[0] ? opts->font : NULL, err, sizeof(err));
    if (rend == NULL) {
        log_msg(LOG_LEVEL_ERROR, "%s", err);
        goto done;
    }
    /* laid out with the renderer's fonts measuring the titles, as the wall */
    size.lines_ctx = rend;
    if (app_build_scene_at(&layout, r.feed, &vs, &texts, &size) != 0) {
        log_msg(LOG_LEVEL_ERROR, "out of memory");
        goto done;
    }
    int full_w = size.width, full_h = size.height;
    if (opts->orientation != 0) {
        /* as the loop does: over the GPU's limit, drawn smaller and scaled up */
        int max_w, max_h;
        render_max_texture(rend, &max_w, &max_h);
        render_fit_texture(full_w, full_h, max_w, max_h, &size.width, &size.height);
        if (size.width != full_w && app_build_scene_at(&layout, r.feed, &vs, &texts, &size) != 0) {
            log_msg(LOG_LEVEL_ERROR, "out of memory");
            goto done;
        }
        rot = SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, size.width,
                                size.height);
        if (rot == NULL || SDL_SetRenderTarget(sdl, rot) != 0) {
            log_msg(LOG_LEVEL_ERROR, "--orientation: %s", SDL_GetError());
            goto done;
        }
        SDL_SetTextureScaleMode(rot, SDL_ScaleModeLinear);
    }
    render_clear(rend);
    render_layout(rend, &layout, 0.0f, 0.0f, 1.0f);
    if (rot != NULL) {
        SDL_SetRenderTarget(sdl, NULL);
        SDL_SetRenderDrawColor(sdl, 0, 0, 0, 255);
        SDL_RenderClear(sdl);
        SDL_Rect dst = {(opts->size_w - full_w) / 2, (opts->size_h - full_h) / 2, full_w, full_h};
        SDL_RenderCopyEx(sdl, rot, NULL, &dst, (double)opts->orientation, NULL, SDL_FLIP_NONE);
    }
    if (win == NULL)
        SDL_RenderPresent(sdl); /* a window's frame is read before it is shown */
    if (render_save_png(sdl, opts->screenshot, err, sizeof(err)) != 0) {
        log_msg(LOG_LEVEL_ERROR, "%s", err);
        goto done;
    }
    if (opts->verbose > 0)
        log_msg(LOG_LEVEL_INFO, "wrote %s (%dx%d)", opts->screenshot, opts->size_w, opts->size_h);
    rc = showable ? 0 : 1;
done:
    okr_delta_set_free(&deltas);
    if (rot != NULL)
        SDL_DestroyTexture(rot);
    render_destroy(rend);
    if (sdl != NULL)
        SDL_DestroyRenderer(sdl);
    if (win != NULL)
        SDL_DestroyWindow(win);
    if (video)
        SDL_Quit();
    SDL_FreeSurface(surface);
    layout_free(&layout);
    feed_result_clear(&r);
    return rc;
}
