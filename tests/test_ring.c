/*
 * test_ring: progress rings drawn by the software renderer, read back pixel
 * by pixel. Angles are degrees clockwise from 12 o'clock, as on a clock.
 *
 * Round caps reach past the arc's ends. For a cap of radius t/2 (t the
 * thickness) centred on the mid-radius circle rm = R - t/2, a point of that
 * circle at angle d from the cap centre lies in the cap while its chord
 * 2 rm sin(d/2) <= t/2, so the cap spans d = 2 asin(t / (4 rm)).
 * For R = 150, t = 30: rm = 135, d = 2 asin(30/540) = 6.37 degrees.
 */
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "geom.h"
#include "render.h"
#include "ring.h"
#include "shape_cache.h"

#define PI 3.14159265358979323846

static const Rgba BG = {0, 0, 200, 255};
static const Rgba TRACK = {40, 40, 40, 255};
static const Rgba GREEN = {0, 200, 0, 255};
static const Rgba LAP = {200, 255, 200, 255};
static const Rgba PACE = {255, 255, 0, 255};

typedef struct {
    SDL_Surface *surf;
    SDL_Renderer *sdl;
} Target;

static Target target(int w, int h)
{
    Target t;
    t.surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(t.surf);
    t.sdl = SDL_CreateSoftwareRenderer(t.surf);
    assert_non_null(t.sdl);
    SDL_SetRenderDrawBlendMode(t.sdl, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(t.sdl, BG.r, BG.g, BG.b, 255);
    SDL_RenderClear(t.sdl);
    return t;
}

static void target_free(Target *t)
{
    SDL_DestroyRenderer(t->sdl);
    SDL_FreeSurface(t->surf);
}

static RingSpec spec(float cx, float cy, float radius, float thickness, float value)
{
    RingSpec s;
    memset(&s, 0, sizeof(s));
    s.cx = cx;
    s.cy = cy;
    s.radius = radius;
    s.thickness = thickness;
    s.value = value;
    s.has_value = true;
    s.pace = -1;
    s.color = GREEN;
    s.lap_color = LAP;
    s.track_color = TRACK;
    s.pace_color = PACE;
    return s;
}

/* Draw with the ring module straight into the target. */
static void draw_direct(Target *t, const RingSpec *s)
{
    GeomBuf g;
    geom_init(&g);
    ring_draw(&g, s);
    assert_int_equal(geom_flush(&g, t->sdl), 0);
    geom_free(&g);
    SDL_RenderFlush(t->sdl);
}

/* Draw through render_layout(), as the app and screenshots do (on the
 * software renderer this goes through the shape cache). */
static void draw_layout(Target *t, const RingSpec *s)
{
    char err[256];
    Renderer *r = render_create(t->sdl, NULL, err, sizeof(err));
    assert_non_null(r);
    Element e;
    memset(&e, 0, sizeof(e));
    e.kind = EL_RING;
    e.box = (Box){s->cx - s->radius, s->cy - s->radius, 2 * s->radius, 2 * s->radius};
    e.u.ring.cx = s->cx;
    e.u.ring.cy = s->cy;
    e.u.ring.radius = s->radius;
    e.u.ring.thickness = s->thickness;
    e.u.ring.value = s->value;
    e.u.ring.has_value = s->has_value;
    e.u.ring.pace = s->pace;
    e.u.ring.color = s->color;
    e.u.ring.lap_color = s->lap_color;
    e.u.ring.track_color = s->track_color;
    e.u.ring.pace_color = s->pace_color;
    Layout l;
    memset(&l, 0, sizeof(l));
    l.items = &e;
    l.count = l.cap = 1;
    render_layout(r, &l, 0, 0, 1.0f);
    SDL_RenderFlush(t->sdl);
    render_destroy(r);
}

static Rgba pixel(const Target *t, int x, int y)
{
    Rgba c = {0, 0, 0, 0};
    if (x < 0 || y < 0 || x >= t->surf->w || y >= t->surf->h)
        return c;
    Uint32 p = *(Uint32 *)((Uint8 *)t->surf->pixels + y * t->surf->pitch + 4 * x);
    SDL_GetRGBA(p, t->surf->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

static Rgba at_angle(const Target *t, float cx, float cy, float radius, double deg)
{
    double a = deg * PI / 180.0;
    return pixel(t, (int)floor(cx + radius * sin(a)), (int)floor(cy - radius * cos(a)));
}

static bool near(Rgba a, Rgba b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

/* Every 0.5 degree in [from, to] at mid radius must be colour c. */
static void expect_span(const Target *t, const RingSpec *s, double from, double to, Rgba c,
                        const char *what)
{
    float rm = s->radius - s->thickness * 0.5f;
    for (double d = from; d <= to + 1e-9; d += 0.5) {
        Rgba p = at_angle(t, s->cx, s->cy, rm, d);
        if (!near(p, c, 12))
            fail_msg("%s at %.1f deg: got %d,%d,%d want %d,%d,%d", what, d, p.r, p.g, p.b, c.r, c.g,
                     c.b);
    }
}

static const double CAP_150_30 = 6.37; /* see the top of the file */

static void check_quarter(const Target *t, const RingSpec *s)
{
    /* the arc itself, 0..90, plus the end cap past 90 and the start cap
     * before 360, each less one degree for the edge's anti-aliasing */
    expect_span(t, s, 0.0, 90.0 + CAP_150_30 - 1.0, GREEN, "progress");
    expect_span(t, s, 360.0 - CAP_150_30 + 1.0, 359.5, GREEN, "start cap");
    expect_span(t, s, 90.0 + CAP_150_30 + 1.0, 360.0 - CAP_150_30 - 1.0, TRACK, "track");
}

static void ring_at_25_percent_covers_the_first_quarter_clockwise(void **state)
{
    (void)state;
    Target t = target(400, 400);
    RingSpec s = spec(200, 200, 150, 30, 0.25f);
    draw_direct(&t, &s);
    check_quarter(&t, &s);
    target_free(&t);
}

static void ring_at_25_percent_is_the_same_through_render_layout(void **state)
{
    (void)state;
    Target t = target(400, 400);
    RingSpec s = spec(200, 200, 150, 30, 0.25f);
    draw_layout(&t, &s);
    check_quarter(&t, &s);
    target_free(&t);
}

static void cap_angle_matches_the_hand_computed_value(void **state)
{
    (void)state;
    assert_float_equal(ring_cap_angle(150, 30) * 180.0 / PI, CAP_150_30, 0.01);
}

static void outer_edge_has_partly_transparent_fringe_pixels(void **state)
{
    (void)state;
    Target t = target(400, 400);
    RingSpec s = spec(200, 200, 150, 30, 0.0f);
    s.has_value = false;
    draw_direct(&t, &s);
    /* walk outwards across the outer edge at several angles: somewhere in
     * the two pixels around the edge the track is blended with the
     * background (neither colour), and two pixels out it is background */
    int blended = 0;
    for (double d = 0; d < 360; d += 15) {
        for (float rr = 148.0f; rr <= 152.0f; rr += 1.0f) {
            Rgba p = at_angle(&t, s.cx, s.cy, rr, d);
            if (!near(p, TRACK, 8) && !near(p, BG, 8) && p.b > TRACK.b && p.b < BG.b)
                blended++;
        }
        assert_true(near(at_angle(&t, s.cx, s.cy, 153.0f, d), BG, 0));
        assert_true(near(at_angle(&t, s.cx, s.cy, 146.0f, d), TRACK, 0));
    }
    assert_true(blended >= 24 / 2);
    target_free(&t);
}

static void over_achievement_draws_a_second_lap_with_a_shadow_at_its_head(void **state)
{
    (void)state;
    Target t = target(400, 400);
    RingSpec s = spec(200, 200, 150, 30, 1.3f);
    draw_direct(&t, &s);
    /* second lap 0..108 (0.3 of 360) plus its caps; the first lap everywhere
     * else. The shadow sits just past the head: it ends within
     * 0.8 cap + 0.56 t (16.8 px = 7.1 deg at rm 135) = 12.2 deg of it. */
    expect_span(&t, &s, 0.0, 108.0 + CAP_150_30 - 1.0, LAP, "second lap");
    expect_span(&t, &s, 360.0 - CAP_150_30 + 1.0, 359.5, LAP, "second lap start cap");
    expect_span(&t, &s, 108.0 + 12.2 + 1.0, 360.0 - CAP_150_30 - 1.0, GREEN, "first lap");
    /* in front of the head, the first lap is darker: the overlap shows */
    Rgba shadow = at_angle(&t, s.cx, s.cy, 135.0f, 108.0 + CAP_150_30 + 1.5);
    assert_true(shadow.g < GREEN.g - 20);
    assert_true(shadow.b < 40); /* darkened green, not the blue background */
    target_free(&t);
}

static void values_above_two_laps_draw_two_laps(void **state)
{
    (void)state;
    Target a = target(400, 400), b = target(400, 400);
    RingSpec s = spec(200, 200, 150, 30, 2.0f);
    draw_direct(&a, &s);
    s.value = 3.7f;
    draw_direct(&b, &s);
    assert_int_equal(memcmp(a.surf->pixels, b.surf->pixels, (size_t)a.surf->pitch * 400), 0);
    expect_span(&a, &s, 0.0, 359.5, LAP, "second lap");
    target_free(&a);
    target_free(&b);
}

static void ring_without_value_draws_only_the_track(void **state)
{
    (void)state;
    Target t = target(400, 400);
    RingSpec s = spec(200, 200, 150, 30, 0.6f);
    s.has_value = false;
    s.pace = 0.5f;
    draw_direct(&t, &s);
    expect_span(&t, &s, 0.0, 359.5, TRACK, "track");
    for (int y = 0; y < 400; y++)
        for (int x = 0; x < 400; x++) {
            Rgba p = pixel(&t, x, y);
            if (p.g > 60 || p.r > 60)
                fail_msg("colour other than track at %d,%d", x, y);
        }
    target_free(&t);
}

/* The pace marker: a triangle in the text colour just outside the ring at
 * the pace angle, its tip towards the ring; the ring itself is untouched. */
static void pace_marker_sits_outside_the_ring_at_the_pace_angle(void **state)
{
    (void)state;
    Target t = target(400, 400);
    RingSpec s = spec(200, 200, 150, 30, 0.25f);
    float xy[6], ax = 0.0f, ay = 0.0f;
    s.pace = 0.4f; /* 144 degrees */
    /* gap 0.06 t = 1.8 px, height 0.34 t = 10.2 px, half width 0.28 t = 8.4 px:
     * the tip at radius 151.8, the base at 162 (12 = LAYOUT_PACE_OUT x 30
     * past the ring) */
    ring_pace_marker(&s, xy);
    for (int i = 0; i < 3; i++) {
        float d = hypotf(xy[2 * i] - 200.0f, xy[2 * i + 1] - 200.0f);
        assert_true(d > 150.0f);
        assert_true(d <= 162.23f); /* base corners: hypot(162, 8.4) = 162.22 */
        ax += xy[2 * i] / 3.0f;
        ay += xy[2 * i + 1] / 3.0f;
    }
    assert_float_equal(hypotf(xy[0] - 200.0f, xy[1] - 200.0f), 151.8, 0.01);
    /* centroid angle: clockwise from 12 o'clock */
    assert_float_equal(atan2f(ax - 200.0f, -(ay - 200.0f)) * 180.0 / PI, 144.0, 0.01);
    draw_direct(&t, &s);
    assert_true(near(at_angle(&t, 200, 200, 158.0f, 144.0), PACE, 40));
    /* narrow towards the tip: at radius 158 the marker is 5.1 px half wide (1.9 deg) */
    assert_true(near(at_angle(&t, 200, 200, 158.0f, 138.0), BG, 0));
    assert_true(near(at_angle(&t, 200, 200, 158.0f, 150.0), BG, 0));
    /* nothing across the ring: the track shows at the pace angle */
    assert_true(near(at_angle(&t, 200, 200, 135.0f, 144.0), TRACK, 8));
    assert_true(near(at_angle(&t, 200, 200, 166.0f, 144.0), BG, 0));
    target_free(&t);
}

static void small_and_huge_rings_both_draw(void **state)
{
    (void)state;
    Target t = target(40, 40);
    RingSpec s = spec(20, 20, 10, 4, 0.5f);
    draw_direct(&t, &s);
    /* mid radius 8: the right half green, the left (beyond the caps) track */
    assert_true(near(at_angle(&t, 20, 20, 8.0f, 90.0), GREEN, 12));
    assert_true(near(at_angle(&t, 20, 20, 8.0f, 270.0), TRACK, 12));
    target_free(&t);

    Target big = target(2100, 2100);
    s = spec(1050, 1050, 1000, 60, 0.25f);
    draw_direct(&big, &s);
    /* cap: 2 asin(60 / (4 * 970)) = 1.77 degrees */
    expect_span(&big, &s, 0.0, 90.0 + 1.77 - 0.5, GREEN, "huge progress");
    expect_span(&big, &s, 90.0 + 1.77 + 0.5, 360.0 - 1.77 - 0.5, TRACK, "huge track");
    target_free(&big);
}

/* Start Xvfb on a display it picks itself (as tests/okr_test_env.py does:
 * a number checked here could be taken before the server starts; it prints
 * the number on -displayfd when it accepts clients); returns its pid and
 * sets DISPLAY, or -1 when there is no Xvfb. */
static int xvfb_fd = -1;

static pid_t start_xvfb(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        char fd[16];
        snprintf(fd, sizeof(fd), "%d", fds[1]);
        close(fds[0]);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execlp("Xvfb", "Xvfb", "-displayfd", fd, "-screen", "0", "640x480x24", "-nolisten", "tcp",
               (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char buf[32] = "";
    struct pollfd p = {fds[0], POLLIN, 0};
    ssize_t n = 0;
    if (pid > 0 && poll(&p, 1, 10000) == 1)
        n = read(fds[0], buf, sizeof(buf) - 1);
    /* keep the pipe open while the server runs: it may still write to it
     * (the newline) and dies when it cannot */
    xvfb_fd = fds[0];
    if (n <= 0) {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, NULL, 0);
        }
        close(fds[0]);
        return -1;
    }
    buf[n] = '\0';
    char display[40];
    snprintf(display, sizeof(display), ":%d", atoi(buf));
    setenv("DISPLAY", display, 1);
    return pid;
}

static void ring_on_a_window_renderer_covers_the_same_quarter(void **state)
{
    (void)state;
    pid_t xvfb = start_xvfb();
    if (xvfb < 0) {
        print_message("Xvfb not available: skipped\n");
        skip();
    }
    setenv("SDL_VIDEODRIVER", "x11", 1);
    /* the server may still be settling when it has printed its number */
    int ok = -1;
    for (int i = 0; i < 50 && ok != 0; i++) {
        ok = SDL_Init(SDL_INIT_VIDEO);
        if (ok != 0)
            SDL_Delay(100);
    }
    if (ok != 0)
        fail_msg("SDL_Init on %s: %s", getenv("DISPLAY"), SDL_GetError());
    SDL_Window *win = SDL_CreateWindow("test_ring", 0, 0, 400, 400, SDL_WINDOW_SHOWN);
    assert_non_null(win);
    SDL_Renderer *sdl = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED);
    if (!sdl)
        sdl = SDL_CreateRenderer(win, -1, 0);
    assert_non_null(sdl);
    SDL_RendererInfo info;
    SDL_GetRendererInfo(sdl, &info);
    print_message("window renderer: %s\n", info.name);
    SDL_SetRenderDrawColor(sdl, BG.r, BG.g, BG.b, 255);
    SDL_RenderClear(sdl);
    Target t = {NULL, sdl};
    RingSpec s = spec(200, 200, 150, 30, 0.25f);
    draw_layout(&t, &s);
    t.surf = SDL_CreateRGBSurfaceWithFormat(0, 400, 400, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(
        SDL_RenderReadPixels(sdl, NULL, SDL_PIXELFORMAT_ARGB8888, t.surf->pixels, t.surf->pitch),
        0);
    check_quarter(&t, &s);
    /* the fringe: some outer edge pixels are blends of track and background */
    int blended = 0;
    for (double d = 135; d < 360; d += 5) {
        for (float rr = 148.5f; rr <= 151.5f; rr += 1.0f) {
            Rgba p = at_angle(&t, 200, 200, rr, d);
            blended += !near(p, TRACK, 8) && !near(p, BG, 8) && p.b > TRACK.b && p.b < BG.b;
        }
    }
    assert_true(blended > 20);
    SDL_FreeSurface(t.surf);
    SDL_DestroyRenderer(sdl);
    SDL_DestroyWindow(win);
    SDL_Quit();
    kill(xvfb, SIGTERM);
    waitpid(xvfb, NULL, 0);
    close(xvfb_fd);
}

static void segment_count_grows_with_radius_and_keeps_circles_smooth(void **state)
{
    (void)state;
    assert_true(ring_segments(10) < ring_segments(100));
    assert_true(ring_segments(100) < ring_segments(1000));
    assert_true(ring_segments(10) <= 32); /* small rings stay cheap */
    static const float radii[] = {10, 40, 100, 400, 1000, 2000};
    for (size_t i = 0; i < sizeof(radii) / sizeof(radii[0]); i++) {
        /* chords stray at most r (1 - cos(pi / n)) from the circle; keep it
         * under a quarter pixel, invisible under the one pixel fringe */
        double n = ring_segments(radii[i]);
        assert_true(radii[i] * (1.0 - cos(PI / n)) <= 0.25);
    }
}

static Element ring_el(const RingSpec *s, uint32_t anim_key)
{
    Element e;
    memset(&e, 0, sizeof(e));
    e.kind = EL_RING;
    e.box = (Box){s->cx - s->radius, s->cy - s->radius, 2 * s->radius, 2 * s->radius};
    e.u.ring.cx = s->cx;
    e.u.ring.cy = s->cy;
    e.u.ring.radius = s->radius;
    e.u.ring.thickness = s->thickness;
    e.u.ring.value = s->value;
    e.u.ring.has_value = s->has_value;
    e.u.ring.pace = s->pace;
    e.u.ring.color = s->color;
    e.u.ring.lap_color = s->lap_color;
    e.u.ring.track_color = s->track_color;
    e.u.ring.pace_color = s->pace_color;
    e.u.ring.anim_key = anim_key;
    return e;
}

/* Pixels whose channels differ by more than tol between two targets. */
static int pixels_differing(const Target *a, const Target *b, int tol)
{
    int n = 0;
    for (int y = 0; y < a->surf->h; y++)
        for (int x = 0; x < a->surf->w; x++)
            n += !near(pixel(a, x, y), pixel(b, x, y), tol);
    return n;
}

static void a_sweeping_ring_over_its_cached_track_matches_the_settled_ring(void **state)
{
    (void)state;
    Target sweep = target(400, 400), settled = target(400, 400);
    char err[256];
    Renderer *r = render_create(sweep.sdl, NULL, err, sizeof(err));
    assert_non_null(r);
    RingSpec s = spec(200, 200, 150, 30, 0.10f);
    Element e = ring_el(&s, 42);
    Layout l;
    memset(&l, 0, sizeof(l));
    l.items = &e;
    l.count = l.cap = 1;
    render_layout(r, &l, 0, 0, 1.0f); /* first sight: sweeping */
    e.u.ring.value = 0.25f;           /* a step of the sweep */
    SDL_RenderClear(sweep.sdl);
    render_layout(r, &l, 0, 0, 1.0f);
    SDL_RenderFlush(sweep.sdl);
    render_destroy(r);
    s.value = 0.25f;
    check_quarter(&sweep, &s);
    draw_layout(&settled, &s); /* settled: the whole ring from the cache */
    check_quarter(&settled, &s);
    /* the same ring: only edge pixels where the arc's cap lies over the
     * track blend differently (arc drawn over the track's picture vs. both
     * in one picture), a few hundred of the ~25,000 ring pixels, few of
     * them by much */
    assert_true(pixels_differing(&sweep, &settled, 32) < 150);
    assert_true(near(pixel(&sweep, 200, 200), BG, 0));
    target_free(&sweep);
    target_free(&settled);
}

static void build_spec(GeomBuf *g, const void *arg)
{
    ring_draw(g, arg);
}

static void a_holed_shape_keeps_less_and_draws_the_same_pixels(void **state)
{
    (void)state;
    RingSpec s = spec(160, 160, 150, 30, 0.6f);
    SDL_Color clear = {TRACK.r, TRACK.g, TRACK.b, 0};
    /* the renderer used to copy a ring around its hole from one picture in
     * these four pieces */
    Target whole = target(400, 400);
    ShapeCache *a = shape_cache_create(whole.sdl, 1u << 24);
    SDL_Texture *tex = shape_cache_get(a, &s, sizeof(s), 320, 320, clear, build_spec, &s);
    assert_non_null(tex);
    const SDL_Rect pieces[4] = {
        {0, 0, 320, 80}, {0, 240, 320, 80}, {0, 80, 80, 160}, {240, 80, 80, 160}};
    for (int i = 0; i < 4; i++) {
        SDL_Rect dst = {40 + pieces[i].x, 40 + pieces[i].y, pieces[i].w, pieces[i].h};
        assert_int_equal(SDL_RenderCopy(whole.sdl, tex, &pieces[i], &dst), 0);
    }
    SDL_RenderFlush(whole.sdl);
    size_t bytes_whole;
    shape_cache_stats(a, NULL, NULL, &bytes_whole);
    assert_int_equal(bytes_whole, 320u * 320u * 4u);
    shape_cache_destroy(a);

    /* kept as the inked pieces of sixteen rows only: less than the four
     * bands around the square hole (half side 80) kept, no less than the
     * annulus between radius 120 and 150 itself (pi * (150^2 - 120^2) =
     * 25,447 pixels) */
    Target holed = target(400, 400);
    ShapeCache *b = shape_cache_create(holed.sdl, 1u << 24);
    assert_int_equal(
        shape_cache_draw_holed(b, &s, sizeof(s), 40, 40, 320, 80, clear, 1.0f, build_spec, &s), 0);
    SDL_RenderFlush(holed.sdl);
    size_t bytes_holed;
    shape_cache_stats(b, NULL, NULL, &bytes_holed);
    assert_in_range(bytes_holed, 25447u * 4u, (320u * 320u - 160u * 160u) * 4u * 3u / 4u);
    assert_int_equal(pixels_differing(&whole, &holed, 0), 0);
    /* and drawn again from the cache, still the same */
    SDL_RenderClear(holed.sdl);
    assert_int_equal(
        shape_cache_draw_holed(b, &s, sizeof(s), 40, 40, 320, 80, clear, 1.0f, build_spec, &s), 0);
    SDL_RenderFlush(holed.sdl);
    size_t created, hits;
    shape_cache_stats(b, &created, &hits, NULL);
    assert_int_equal(created, 1);
    assert_int_equal(hits, 1);
    assert_int_equal(pixels_differing(&whole, &holed, 0), 0);
    shape_cache_destroy(b);
    target_free(&whole);
    target_free(&holed);
}

/* A ring that slid off the screen is released: the next shape made in the
 * same frame may take its place, over a budget that holds only one. */
static void a_ring_released_off_screen_gives_way_to_the_next_one_in_the_same_frame(void **state)
{
    (void)state;
    RingSpec a = spec(60, 60, 50, 12, 0.3f), b = spec(60, 60, 50, 12, 0.7f);
    SDL_Color clear = {TRACK.r, TRACK.g, TRACK.b, 0};
    Target t = target(200, 200);
    ShapeCache *sc = shape_cache_create(t.sdl, 120u * 120u * 4u); /* one picture */
    size_t bytes, created;
    shape_cache_begin_frame(sc);
    assert_non_null(shape_cache_get(sc, &a, sizeof(a), 120, 120, clear, build_spec, &a));
    /* the next frame draws b: a, drawn a frame ago, stays in use over the budget */
    shape_cache_begin_frame(sc);
    assert_non_null(shape_cache_get(sc, &b, sizeof(b), 120, 120, clear, build_spec, &b));
    shape_cache_stats(sc, NULL, NULL, &bytes);
    assert_int_equal(bytes, 2u * 120u * 120u * 4u);
    /* a frame that releases b (off the screen) before making a again keeps one */
    shape_cache_begin_frame(sc);
    shape_cache_release(sc, &b, sizeof(b), 120, 120);
    assert_non_null(shape_cache_get(sc, &a, sizeof(a), 120, 120, clear, build_spec, &a));
    shape_cache_stats(sc, &created, NULL, &bytes);
    assert_int_equal(bytes, 120u * 120u * 4u);
    /* a shape drawn in this frame is not released: it is on the screen */
    shape_cache_release(sc, &a, sizeof(a), 120, 120);
    assert_non_null(shape_cache_get(sc, &b, sizeof(b), 120, 120, clear, build_spec, &b));
    shape_cache_stats(sc, &created, NULL, &bytes);
    assert_int_equal(bytes, 2u * 120u * 120u * 4u);
    assert_int_equal(created, 4);
    shape_cache_destroy(sc);
    target_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cap_angle_matches_the_hand_computed_value),
        cmocka_unit_test(ring_at_25_percent_covers_the_first_quarter_clockwise),
        cmocka_unit_test(ring_at_25_percent_is_the_same_through_render_layout),
        cmocka_unit_test(a_holed_shape_keeps_less_and_draws_the_same_pixels),
        cmocka_unit_test(a_ring_released_off_screen_gives_way_to_the_next_one_in_the_same_frame),
        cmocka_unit_test(a_sweeping_ring_over_its_cached_track_matches_the_settled_ring),
        cmocka_unit_test(outer_edge_has_partly_transparent_fringe_pixels),
        cmocka_unit_test(over_achievement_draws_a_second_lap_with_a_shadow_at_its_head),
        cmocka_unit_test(values_above_two_laps_draw_two_laps),
        cmocka_unit_test(ring_without_value_draws_only_the_track),
        cmocka_unit_test(pace_marker_sits_outside_the_ring_at_the_pace_angle),
        cmocka_unit_test(small_and_huge_rings_both_draw),
        cmocka_unit_test(segment_count_grows_with_radius_and_keeps_circles_smooth),
        cmocka_unit_test(ring_on_a_window_renderer_covers_the_same_quarter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
