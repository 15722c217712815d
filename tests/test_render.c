/*
 * test_render: render_layout() as a whole on the software renderer, read
 * back: rounded rectangles, glyphs inside their boxes, drawing order, the
 * view offset and opacity, and the PNG written by render_save_png(): also
 * when the disk is full or the directory read-only (a 64 KiB tmpfs mounted
 * for the test; skipped where mounting is not allowed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_image.h>
#include <cmocka.h>

#include "render.h"
#include "render_target.h"

#define W 400
#define H 300
static const Rgba BG = {0x0E, 0x11, 0x16, 0xFF};
static const Rgba CARD = {200, 100, 50, 255};

static Rgba pixel(const Target *t, int x, int y)
{
    Rgba c;
    Uint32 p = *(Uint32 *)((Uint8 *)t->surf->pixels + y * t->surf->pitch + 4 * x);
    SDL_GetRGBA(p, t->surf->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

static bool same(Rgba a, Rgba b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

static void draw(Target *t, Element *items, size_t n, float dx, float dy, float opacity)
{
    Layout l;
    memset(&l, 0, sizeof(l));
    l.items = items;
    l.count = l.cap = n;
    render_layout(t->r, &l, dx, dy, opacity);
    SDL_RenderFlush(t->sdl);
}

static Element rect(Box b, Rgba fill, float radius)
{
    Element e;
    memset(&e, 0, sizeof(e));
    e.kind = EL_RECT;
    e.box = b;
    e.u.rect.fill = fill;
    e.u.rect.corner_radius = radius;
    return e;
}

static void clear_fills_the_background_colour(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    assert_true(same(pixel(&t, 0, 0), BG, 0));
    assert_true(same(pixel(&t, W - 1, H - 1), BG, 0));
    target_free(&t);
}

static void rounded_rectangle_fills_its_box_but_not_its_corners(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element e = rect((Box){50, 50, 200, 100}, CARD, 20);
    draw(&t, &e, 1, 0, 0, 1.0f);
    assert_true(same(pixel(&t, 150, 100), CARD, 0)); /* centre */
    assert_true(same(pixel(&t, 150, 50), CARD, 0));  /* top edge, middle */
    assert_true(same(pixel(&t, 50, 100), CARD, 0));  /* left edge, middle */
    /* the corner pixel lies 20 (1 - 1/sqrt 2) = 5.9 px outside the arc */
    assert_true(same(pixel(&t, 50, 50), BG, 0));
    assert_true(same(pixel(&t, 249, 50), BG, 0));
    assert_true(same(pixel(&t, 50, 149), BG, 0));
    assert_true(same(pixel(&t, 249, 149), BG, 0));
    /* and the arc passes through (55.9, 55.9): inside it at (58, 58) */
    assert_true(same(pixel(&t, 58, 58), CARD, 0));
    /* nothing outside the box */
    for (int x = 0; x < W; x++) {
        assert_true(same(pixel(&t, x, 48), BG, 0));
        assert_true(same(pixel(&t, x, 151), BG, 0));
    }
    target_free(&t);
}

static void glyphs_draw_inside_their_box_and_differ(void **state)
{
    (void)state;
    static const int kinds[] = {GLYPH_CHECK, GLYPH_EXCLAIM, GLYPH_CROSS,      GLYPH_DASH,
                                GLYPH_CLOCK, GLYPH_BOX,     GLYPH_BOX_CHECKED};
    unsigned prints[7];
    for (int k = 0; k < 7; k++) {
        Target t = target_new(W, H);
        Element e;
        memset(&e, 0, sizeof(e));
        e.kind = EL_GLYPH;
        e.box = (Box){100, 100, 48, 48};
        e.u.glyph.glyph = (GlyphKind)kinds[k];
        e.u.glyph.color = (Rgba){255, 255, 255, 255};
        draw(&t, &e, 1, 0, 0, 1.0f);
        int inside = 0;
        unsigned print = 2166136261u;
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                bool ink = !same(pixel(&t, x, y), BG, 0);
                bool in = x >= 100 && x < 148 && y >= 100 && y < 148;
                if (ink && !in)
                    fail_msg("glyph %d draws outside its box at %d,%d", k, x, y);
                if (ink) {
                    inside++;
                    print = (print ^ (unsigned)(y * W + x)) * 16777619u;
                }
            }
        assert_true(inside > 48); /* at least a stroke's worth */
        prints[k] = print;
        target_free(&t);
    }
    for (int a = 0; a < 7; a++)
        for (int b = a + 1; b < 7; b++)
            assert_true(prints[a] != prints[b]);
}

static void later_elements_draw_over_earlier_ones(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element e[2];
    memset(e, 0, sizeof(e));
    e[0].kind = EL_RING;
    e[0].u.ring.cx = 150;
    e[0].u.ring.cy = 150;
    e[0].u.ring.radius = 60;
    e[0].u.ring.thickness = 12;
    e[0].u.ring.value = 1.0f;
    e[0].u.ring.has_value = true;
    e[0].u.ring.pace = -1;
    e[0].u.ring.color = (Rgba){0, 200, 0, 255};
    e[0].u.ring.track_color = (Rgba){40, 40, 40, 255};
    e[1] = rect((Box){80, 80, 140, 60}, CARD, 0);
    draw(&t, e, 2, 0, 0, 1.0f);
    assert_true(same(pixel(&t, 150, 96), CARD, 0));                    /* the ring's top, covered */
    assert_true(same(pixel(&t, 150, 204), (Rgba){0, 200, 0, 255}, 0)); /* its bottom */
    target_free(&t);
}

static void offset_and_opacity_apply_to_every_element(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element e = rect((Box){50, 50, 100, 100}, CARD, 0);
    draw(&t, &e, 1, 200.0f, 20.0f, 0.5f);
    /* moved by (200, 20): nothing at the original place */
    assert_true(same(pixel(&t, 100, 100), BG, 0));
    /* half of the card over the background: (200 + 14) / 2 = 107, ... */
    Rgba want = {(CARD.r + BG.r) / 2, (CARD.g + BG.g) / 2, (CARD.b + BG.b) / 2, 255};
    assert_true(same(pixel(&t, 300, 120), want, 3));
    target_free(&t);
}

static void save_png_writes_what_was_drawn(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element e = rect((Box){10, 10, 50, 40}, CARD, 0);
    draw(&t, &e, 1, 0, 0, 1.0f);
    char path[] = "/tmp/okr-render-XXXXXX.png";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    close(fd);
    char err[256];
    assert_int_equal(render_save_png(t.sdl, path, err, sizeof(err)), 0);
    SDL_Surface *img = IMG_Load(path);
    assert_non_null(img);
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_RGBA32, 0);
    assert_int_equal(rgba->w, W);
    assert_int_equal(rgba->h, H);
    Uint8 *p = (Uint8 *)rgba->pixels + 20 * rgba->pitch + 4 * 20;
    assert_int_equal(p[0], CARD.r);
    assert_int_equal(p[1], CARD.g);
    assert_int_equal(p[2], CARD.b);
    assert_int_equal(p[3], 255);
    p = (Uint8 *)rgba->pixels + 200 * rgba->pitch + 4 * 300;
    assert_int_equal(p[0], BG.r);
    SDL_FreeSurface(rgba);
    SDL_FreeSurface(img);
    unlink(path);
    assert_int_not_equal(render_save_png(t.sdl, "/nonexistent/dir/x.png", err, sizeof(err)), 0);
    assert_true(err[0] != '\0');
    target_free(&t);
}

/* The bytes of a file (malloc'd), or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
        if (buf != NULL && fseek(f, 0, SEEK_SET) == 0 && fread(buf, 1, (size_t)n, f) == (size_t)n) {
            *len = (size_t)n;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static int entries_in(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0);
    if (d != NULL)
        closedir(d);
    return n;
}

static void save_png_to_a_full_device_fails_with_the_reason(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    char err[256] = "";
    assert_int_not_equal(render_save_png(t.sdl, "/dev/full", err, sizeof(err)), 0);
    assert_non_null(strstr(err, "/dev/full"));
    assert_non_null(strstr(err, strerror(ENOSPC)));
    target_free(&t);
}

/* A fresh 64 KiB tmpfs at a new directory (the test's state), removed by the
 * teardown even when the test fails; skipped where mounting is not allowed
 * (not root, no rights in this mount namespace). */
static char disk_dir[64];

static int small_disk_setup(void **state)
{
    (void)state;
    snprintf(disk_dir, sizeof(disk_dir), "/tmp/okr-render-disk-XXXXXX");
    if (mkdtemp(disk_dir) == NULL)
        return -1;
    if (mount("tmpfs", disk_dir, "tmpfs", 0, "size=64k,mode=0755") != 0) {
        rmdir(disk_dir);
        disk_dir[0] = '\0';
    }
    return 0;
}

static int small_disk_teardown(void **state)
{
    (void)state;
    if (disk_dir[0] != '\0') {
        umount2(disk_dir, MNT_DETACH);
        rmdir(disk_dir);
    }
    return 0;
}

static void small_disk(char *dir, size_t len)
{
    if (disk_dir[0] == '\0')
        skip();
    snprintf(dir, len, "%s", disk_dir);
}

static void save_png_on_a_full_disk_fails_and_keeps_the_old_file(void **state)
{
    (void)state;
    char dir[64], path[128], filler[128], err[256] = "";
    small_disk(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/wall.png", dir);
    snprintf(filler, sizeof(filler), "%s/filler", dir);

    /* the previous picture: a small real PNG */
    Target t = target_new(W, H);
    assert_int_equal(render_save_png(t.sdl, path, err, sizeof(err)), 0);
    size_t old_len = 0, now_len = 0;
    char *old = slurp(path, &old_len);
    assert_non_null(old);
    /* fill the rest of the disk */
    FILE *f = fopen(filler, "wb");
    assert_non_null(f);
    char block[1024];
    memset(block, 'x', sizeof(block));
    while (fwrite(block, 1, sizeof(block), f) == sizeof(block) && fflush(f) == 0) {
    }
    fclose(f);

    /* a different picture, which needs room the disk no longer has */
    Element e = rect((Box){10, 10, 50, 40}, CARD, 0);
    draw(&t, &e, 1, 0, 0, 1.0f);
    assert_int_not_equal(render_save_png(t.sdl, path, err, sizeof(err)), 0);
    assert_non_null(strstr(err, strerror(ENOSPC)));
    char *now = slurp(path, &now_len);
    assert_non_null(now);
    assert_int_equal(now_len, old_len);
    assert_memory_equal(now, old, old_len);
    assert_int_equal(entries_in(dir), 2); /* wall.png, filler: no temporary left */

    free(old);
    free(now);
    target_free(&t);
}

static void save_png_in_a_read_only_directory_fails_and_keeps_the_old_file(void **state)
{
    (void)state;
    char dir[64], path[128], err[256] = "";
    small_disk(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/wall.png", dir);
    Target t = target_new(W, H);
    assert_int_equal(render_save_png(t.sdl, path, err, sizeof(err)), 0);
    size_t old_len = 0, now_len = 0;
    char *old = slurp(path, &old_len);
    assert_non_null(old);
    assert_int_equal(mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);

    Element e = rect((Box){10, 10, 50, 40}, CARD, 0);
    draw(&t, &e, 1, 0, 0, 1.0f);
    assert_int_not_equal(render_save_png(t.sdl, path, err, sizeof(err)), 0);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, strerror(EROFS)));
    char *now = slurp(path, &now_len);
    assert_non_null(now);
    assert_int_equal(now_len, old_len);
    assert_memory_equal(now, old, old_len);

    free(old);
    free(now);
    target_free(&t);
}

static void a_full_screen_texture_over_the_limit_is_scaled_down_keeping_its_shape(void **state)
{
    (void)state;
    int w, h;
    /* 4K at a Pi 3's 2048: the width binds, 2160 * 2048 / 3840 = 1152 */
    render_fit_texture(3840, 2160, 2048, 2048, &w, &h);
    assert_int_equal(w, 2048);
    assert_int_equal(h, 1152);
    /* portrait 1440x2560: the height binds, 1440 * 2048 / 2560 = 1152 */
    render_fit_texture(1440, 2560, 2048, 2048, &w, &h);
    assert_int_equal(w, 1152);
    assert_int_equal(h, 2048);
    /* 1000 x 3000 at 4096 x 2048: 1000 * 2048 / 3000 = 682.67, rounded down */
    render_fit_texture(1000, 3000, 4096, 2048, &w, &h);
    assert_int_equal(w, 682);
    assert_int_equal(h, 2048);
    /* what fits, and no limit, stay as they are */
    render_fit_texture(1080, 1920, 2048, 2048, &w, &h);
    assert_int_equal(w, 1080);
    assert_int_equal(h, 1920);
    render_fit_texture(3840, 2160, 0, 0, &w, &h);
    assert_int_equal(w, 3840);
    assert_int_equal(h, 2160);
}

static void the_texture_limit_is_the_renderers_lowered_by_the_environment(void **state)
{
    (void)state;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = SDL_CreateSoftwareRenderer(s);
    int w, h;
    unsetenv("OKR_MAX_TEXTURE_SIZE");
    render_texture_limit(sdl, &w, &h);
    assert_int_equal(w, 0); /* the software renderer has none */
    assert_int_equal(h, 0);
    setenv("OKR_MAX_TEXTURE_SIZE", "2048", 1);
    render_texture_limit(sdl, &w, &h);
    assert_int_equal(w, 2048);
    assert_int_equal(h, 2048);
    /* nonsense is ignored rather than making every texture fail */
    setenv("OKR_MAX_TEXTURE_SIZE", "2k", 1);
    render_texture_limit(sdl, &w, &h);
    assert_int_equal(w, 0);
    setenv("OKR_MAX_TEXTURE_SIZE", "0", 1);
    render_texture_limit(sdl, &w, &h);
    assert_int_equal(w, 0);
    unsetenv("OKR_MAX_TEXTURE_SIZE");
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(s);
}

/* The brightest red channel inside box b. */
static int max_red(const Target *t, Box b)
{
    int m = 0;
    for (int y = (int)b.y; y < (int)(b.y + b.h); y++)
        for (int x = (int)b.x; x < (int)(b.x + b.w); x++)
            m = pixel(t, x, y).r > m ? pixel(t, x, y).r : m;
    return m;
}

/* A change mark drawing in (app/anim.c) is faded element by element: its
 * fade takes that share off the layer's opacity, and fully faded it draws
 * nothing, glyph or text. By hand: a card at fade 0.5 under a layer at 0.5
 * is a quarter over the background: red 200 / 4 + 14 * 3 / 4 = 60.5, green
 * 100 / 4 + 17 * 3 / 4 = 37.75, blue 50 / 4 + 22 * 3 / 4 = 29. */
static void an_elements_fade_takes_its_share_off_the_opacity(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element e[4];
    e[0] = rect((Box){50, 50, 100, 100}, CARD, 0);
    e[0].fade = 0.5f;
    e[1] = rect((Box){200, 50, 50, 50}, CARD, 0); /* not faded */
    draw(&t, e, 2, 0.0f, 0.0f, 0.5f);
    assert_true(same(pixel(&t, 100, 100), (Rgba){60, 38, 29, 255}, 3));
    Rgba half = {(CARD.r + BG.r) / 2, (CARD.g + BG.g) / 2, (CARD.b + BG.b) / 2, 255};
    assert_true(same(pixel(&t, 225, 75), half, 3));
    target_free(&t);

    /* a white glyph and a white "+8": in full, half faded, fully faded */
    const float fades[3] = {0.0f, 0.5f, 1.0f};
    int brightest[3];
    for (int f = 0; f < 3; f++) {
        t = target_new(W, H);
        memset(e, 0, sizeof(e));
        e[0].kind = EL_GLYPH;
        e[0].box = (Box){20, 20, 48, 48};
        e[0].u.glyph.glyph = GLYPH_UP;
        e[0].u.glyph.color = (Rgba){255, 255, 255, 255};
        e[1].kind = EL_TEXT;
        e[1].box = (Box){80, 10, 200, 80};
        snprintf(e[1].u.text.text, sizeof(e[1].u.text.text), "+8");
        e[1].u.text.size_px = 48;
        e[1].u.text.max_lines = 1;
        e[1].u.text.color = (Rgba){255, 255, 255, 255};
        e[1].u.text.percent_of = -1;
        e[0].fade = e[1].fade = fades[f];
        draw(&t, e, 2, 0.0f, 0.0f, 1.0f);
        brightest[f] = max_red(&t, (Box){0, 0, 300, 100});
        int glyph = max_red(&t, e[0].box), text = max_red(&t, e[1].box);
        if (f == 2) {
            assert_int_equal(glyph, BG.r);
            assert_int_equal(text, BG.r);
        } else {
            assert_true(glyph > BG.r && text > BG.r);
        }
        target_free(&t);
    }
    /* full ink is white; half faded about half way from the background */
    assert_int_equal(brightest[0], 255);
    assert_in_range(brightest[1], (255 + BG.r) / 2 - 3, (255 + BG.r) / 2 + 3);
}


static Element poly(const float *x, const float *y, int n, float w, Rgba c)
{
    Element e;
    memset(&e, 0, sizeof(e));
    e.kind = EL_POLYLINE;
    e.box = (Box){0, 0, W, H};
    e.u.poly.n = n;
    e.u.poly.width = w;
    e.u.poly.color = c;
    for (int i = 0; i < n; i++) {
        e.u.poly.x[i] = x[i];
        e.u.poly.y[i] = y[i];
    }
    return e;
}

static void polylines_draw_their_segments_and_nothing_beside_them(void **state)
{
    (void)state;
    const Rgba green = {0x00, 0x9E, 0x73, 0xFF}, faint = {0xFF, 0xFF, 0xFF, 0x80};
    /* a V 6 px wide: (50, 50) down to (150, 250) and up to (250, 50); a
     * translucent white line across the bottom */
    const float vx[3] = {50, 150, 250}, vy[3] = {50, 250, 50};
    const float hx[2] = {20, 380}, hy[2] = {280, 280};
    Element e[2] = {poly(vx, vy, 3, 6.0f, green), poly(hx, hy, 2, 4.0f, faint)};
    Target t = target_new(W, H);
    draw(&t, e, 2, 0, 0, 1.0f);
    /* on the segments' middles and at the round join */
    assert_true(same(pixel(&t, 100, 150), green, 8));
    assert_true(same(pixel(&t, 200, 150), green, 8));
    assert_true(same(pixel(&t, 150, 248), green, 8));
    /* 9 px beside a segment (10 px across it, which runs at 63 degrees) and
     * inside the V: the background */
    assert_true(same(pixel(&t, 110, 150), BG, 0));
    assert_true(same(pixel(&t, 90, 150), BG, 0));
    assert_true(same(pixel(&t, 150, 100), BG, 0));
    /* the translucent line: half way between the background and white */
    Rgba mid = {(Uint8)((BG.r + 255) / 2), (Uint8)((BG.g + 255) / 2), (Uint8)((BG.b + 255) / 2),
                255};
    assert_true(same(pixel(&t, 300, 280), mid, 6));
    assert_true(same(pixel(&t, 300, 274), BG, 0));
    target_free(&t);
}

static void a_line_reaching_past_the_screens_edge_is_drawn_as_geometry(void **state)
{
    (void)state;
    /* a line that starts left of the screen cannot be a cached picture
     * placed on it: it is drawn directly, and still where it should be */
    const Rgba green = {0x00, 0x9E, 0x73, 0xFF};
    const float x[2] = {-40, 200}, y[2] = {100, 100};
    Element e = poly(x, y, 2, 6.0f, green);
    Target t = target_new(W, H);
    draw(&t, &e, 1, 0, 0, 1.0f);
    assert_true(same(pixel(&t, 0, 100), green, 8));
    assert_true(same(pixel(&t, 150, 100), green, 8));
    assert_true(same(pixel(&t, 150, 106), BG, 0));
    assert_true(same(pixel(&t, 210, 100), BG, 0));
    target_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clear_fills_the_background_colour),
        cmocka_unit_test(polylines_draw_their_segments_and_nothing_beside_them),
        cmocka_unit_test(a_line_reaching_past_the_screens_edge_is_drawn_as_geometry),
        cmocka_unit_test(rounded_rectangle_fills_its_box_but_not_its_corners),
        cmocka_unit_test(glyphs_draw_inside_their_box_and_differ),
        cmocka_unit_test(later_elements_draw_over_earlier_ones),
        cmocka_unit_test(offset_and_opacity_apply_to_every_element),
        cmocka_unit_test(an_elements_fade_takes_its_share_off_the_opacity),
        cmocka_unit_test(save_png_writes_what_was_drawn),
        cmocka_unit_test(save_png_to_a_full_device_fails_with_the_reason),
        cmocka_unit_test_setup_teardown(save_png_on_a_full_disk_fails_and_keeps_the_old_file,
                                        small_disk_setup, small_disk_teardown),
        cmocka_unit_test_setup_teardown(
            save_png_in_a_read_only_directory_fails_and_keeps_the_old_file, small_disk_setup,
            small_disk_teardown),
        cmocka_unit_test(a_full_screen_texture_over_the_limit_is_scaled_down_keeping_its_shape),
        cmocka_unit_test(the_texture_limit_is_the_renderers_lowered_by_the_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
