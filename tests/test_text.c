/*
 * test_text: text drawn by the software renderer with the system's fonts
 * (Inter or DejaVu Sans through fontconfig), read back pixel by pixel, and
 * the text cache's wrapping, fallback fonts and reuse.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fonts.h"
#include "okr_parse.h"
#include "okr_score.h"
#include "render.h"
#include "render_target.h"
#include "text_cache.h"

#define W 800
#define H 400
/* the background render_clear() fills with (#0E1116) */
static const Rgba BG = {0x0E, 0x11, 0x16, 0xFF};
static const Rgba WHITE = {0xE6, 0xE9, 0xEF, 0xFF};

static Element text_el(Box box, const char *text, float px, int lines, Rgba color)
{
    Element e;
    memset(&e, 0, sizeof(e));
    e.kind = EL_TEXT;
    e.box = box;
    snprintf(e.u.text.text, sizeof(e.u.text.text), "%s", text);
    e.u.text.size_px = px;
    e.u.text.max_lines = lines;
    e.u.text.align = ALIGN_LEFT;
    e.u.text.color = color;
    e.u.text.percent_of = -1;
    return e;
}

static void draw(Target *t, Element *items, size_t n)
{
    Layout l;
    memset(&l, 0, sizeof(l));
    l.items = items;
    l.count = l.cap = n;
    render_layout(t->r, &l, 0, 0, 1.0f);
    SDL_RenderFlush(t->sdl);
}

static bool is_bg(const Target *t, int x, int y)
{
    Uint32 p = *(Uint32 *)((Uint8 *)t->surf->pixels + y * t->surf->pitch + 4 * x);
    Uint8 r, g, b;
    SDL_GetRGB(p, t->surf->format, &r, &g, &b);
    return r == BG.r && g == BG.g && b == BG.b;
}

/* Inked pixels inside [x0, x1) x [y0, y1). */
static int ink(const Target *t, int x0, int y0, int x1, int y1)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += !is_bg(t, x, y);
    return n;
}

static void text_stays_inside_its_box(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Box box = {100.4f, 50.6f, 300.0f, 110.0f};
    Element e = text_el(box,
                        "Ship the new onboarding flow to every customer segment this "
                        "quarter, with Supercalifragilisticexpialidocious words",
                        48, 2, WHITE);
    draw(&t, &e, 1);
    int inside = 0, outside = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            bool in = x >= 100 && x < 401 && y >= 50 && y < 161;
            if (!is_bg(&t, x, y)) {
                if (in)
                    inside++;
                else
                    outside++;
            }
        }
    assert_int_equal(outside, 0);
    assert_true(inside > 1000);
    target_free(&t);
}

static void long_text_wraps_to_two_lines_then_an_ellipsis(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    /* a box tall enough for four lines, but max_lines 2 */
    Element e = text_el((Box){20, 20, 400, 300},
                        "Build a new demand generation channel for "
                        "partners in the DACH region and beyond",
                        40, 2, WHITE);
    draw(&t, &e, 1);
    TextSpec spec = {e.u.text.text, FONT_REGULAR, 40, WHITE, 400, 2, ALIGN_LEFT, false};
    /* the same wrapping as drawn: two lines, the second ends in an ellipsis */
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    assert_non_null(fonts);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 0);
    char out[512];
    assert_int_equal(text_cache_layout(tc, &spec, out, sizeof(out)), 2);
    const char *nl = strchr(out, '\n');
    assert_non_null(nl);
    assert_null(strchr(nl + 1, '\n'));
    size_t n = strlen(out);
    assert_true(n > 3 && !strcmp(out + n - 3, "\xE2\x80\xA6"));
    assert_true(strncmp(out, "Build a new", 11) == 0);
    TextImage img;
    assert_int_equal(text_cache_get(tc, &spec, &img), 0);
    assert_int_equal(img.lines, 2);
    assert_true(img.w <= 400);
    /* pixels: ink on the first and second line, nothing below them */
    int line = img.line_h;
    assert_true(ink(&t, 20, 20, 420, 20 + line) > 500);
    assert_true(ink(&t, 20, 20 + line, 420, 20 + 2 * line) > 500);
    assert_int_equal(ink(&t, 0, 20 + img.h, W, H), 0);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

static void a_box_too_short_for_max_lines_gets_fewer_whole_lines(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 0);
    int skip, height;
    text_cache_line_metrics(tc, FONT_REGULAR, 40, &skip, &height);
    assert_true(skip > 0 && height > 0);
    /* room for one line and a half: one whole line, ending in an ellipsis,
     * and no cut-off second line */
    int box_h = height + skip / 2;
    Element e = text_el((Box){20, 20, 400, (float)box_h},
                        "Build a new demand generation "
                        "channel for partners",
                        40, 2, WHITE);
    draw(&t, &e, 1);
    assert_true(ink(&t, 20, 20, 420, 20 + height) > 500);
    assert_int_equal(ink(&t, 0, 20 + height, W, H), 0);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

static void a_word_longer_than_the_line_is_broken_inside(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 0);
    TextSpec spec = {"Donaudampfschifffahrtsgesellschaftskapitaen",
                     FONT_REGULAR,
                     40,
                     WHITE,
                     200,
                     3,
                     ALIGN_LEFT,
                     false};
    char out[512];
    int n = text_cache_layout(tc, &spec, out, sizeof(out));
    assert_true(n >= 2);
    TextImage img;
    assert_int_equal(text_cache_get(tc, &spec, &img), 0);
    assert_true(img.w <= 200);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

static void umlauts_render(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element e = text_el((Box){20, 20, 700, 80},
                        "\xC3\x9C"
                        "berm\xC3\xA4\xC3\x9Fig gr\xC3\xB6\xC3\x9F"
                        "er",
                        48, 1, WHITE);
    draw(&t, &e, 1);
    /* ink, and every umlaut and sharp s comes from the main font itself */
    assert_true(ink(&t, 20, 20, 720, 100) > 800);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    assert_non_null(fonts);
    for (const char *s = "\xC3\x9C\xC3\xA4\xC3\x9F\xC3\xB6"; *s; s += 2) {
        uint32_t cp = (uint32_t)(((s[0] & 0x1F) << 6) | (s[1] & 0x3F));
        TTF_Font *f = fonts_for(fonts, FONT_REGULAR, 48, cp);
        assert_ptr_equal(f, fonts_main(fonts, FONT_REGULAR, 48));
        assert_true(TTF_GlyphIsProvided32(f, cp));
    }
    assert_int_equal(fonts_fallback_count(fonts), 0);
    fonts_destroy(fonts);
    target_free(&t);
}

static bool installed(const char *fc_query)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "fc-list '%s' file 2>/dev/null | grep -c . ", fc_query);
    FILE *p = popen(cmd, "r");
    int n = 0;
    if (p) {
        if (fscanf(p, "%d", &n) != 1)
            n = 0;
        pclose(p);
    }
    return n > 0;
}

/* Every codepoint of s has a glyph in the font the renderer picks. */
static void expect_no_tofu(Fonts *fonts, const char *s, int *fallbacks)
{
    size_t len = strlen(s), i = 0;
    TTF_Font *main_font = fonts_main(fonts, FONT_REGULAR, 40);
    *fallbacks = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        if (c < 0x80) {
            cp = c;
            i += 1;
        } else if (c < 0xE0) {
            cp = (uint32_t)(((c & 0x1F) << 6) | (s[i + 1] & 0x3F));
            i += 2;
        } else {
            cp = (uint32_t)(((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
            i += 3;
        }
        if (cp == ' ')
            continue;
        TTF_Font *f = fonts_for(fonts, FONT_REGULAR, 40, cp);
        if (!TTF_GlyphIsProvided32(f, cp))
            fail_msg("U+%04X has no glyph in the chosen font", cp);
        *fallbacks += f != main_font;
    }
}

static void glyphs_missing_from_the_main_font_come_from_a_fallback(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    assert_non_null(fonts);
    const char *hebrew = "Team \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"; /* shalom */
    if (TTF_GlyphIsProvided32(fonts_main(fonts, FONT_REGULAR, 40), 0x05E9) ||
        !installed(":charset=5e9")) {
        fonts_destroy(fonts);
        target_free(&t);
        skip();
    }
    int fallbacks = 0;
    expect_no_tofu(fonts, hebrew, &fallbacks);
    assert_int_equal(fallbacks, 4);
    assert_int_equal(fonts_fallback_count(fonts), 1); /* one face, opened once */
    Element e = text_el((Box){20, 20, 700, 80}, hebrew, 40, 1, WHITE);
    draw(&t, &e, 1);
    assert_true(ink(&t, 20, 20, 720, 100) > 300);
    fonts_destroy(fonts);
    target_free(&t);
}

static void cjk_renders_without_tofu_when_a_cjk_font_is_installed(void **state)
{
    (void)state;
    if (!installed(":charset=4e2d")) {
        print_message("no font with CJK ideographs installed (fc-list :charset=4e2d): skipped\n");
        skip();
    }
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    int fallbacks = 0;
    expect_no_tofu(fonts, "\xE4\xB8\xAD\xE6\x96\x87 OKR", &fallbacks);
    assert_true(fallbacks >= 2);
    Element e = text_el((Box){20, 20, 700, 80}, "\xE4\xB8\xAD\xE6\x96\x87 OKR", 40, 1, WHITE);
    draw(&t, &e, 1);
    assert_true(ink(&t, 20, 20, 720, 100) > 300);
    fonts_destroy(fonts);
    target_free(&t);
}

static void identical_text_is_reused_and_a_new_colour_renders_again(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element e = text_el((Box){20, 20, 400, 60}, "Increase website traffic", 36, 1, WHITE);
    size_t created0, hits0, created, hits;
    draw(&t, &e, 1);
    render_text_stats(t.r, &created0, &hits0);
    assert_int_equal(created0, 1);
    draw(&t, &e, 1);
    render_text_stats(t.r, &created, &hits);
    assert_int_equal(created, created0);
    assert_int_equal(hits, hits0 + 1);
    e.u.text.color = (Rgba){0xE6, 0x9F, 0x00, 0xFF};
    draw(&t, &e, 1);
    render_text_stats(t.r, &created, &hits);
    assert_int_equal(created, created0 + 1);
    assert_int_equal(hits, hits0 + 1);
    target_free(&t);
}

static void percentages_use_tabular_digits(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 0);
    TextSpec a = {"11 %", FONT_SEMIBOLD, 64, WHITE, 600, 1, ALIGN_CENTER, true};
    TextSpec b = a;
    b.text = "88 %";
    TextImage ia, ib;
    assert_int_equal(text_cache_get(tc, &a, &ia), 0);
    int wa = ia.w;
    assert_int_equal(text_cache_get(tc, &b, &ib), 0);
    assert_int_equal(wa, ib.w);
    /* and the same texts as percent labels through the renderer: bound to a
     * ring (percent_of >= 0) they are laid out tabular too */
    Element e[2] = {text_el((Box){0, 0, 600, 90}, "11 %", 64, 1, WHITE),
                    text_el((Box){0, 100, 600, 90}, "88 %", 64, 1, WHITE)};
    e[0].u.text.percent_of = e[1].u.text.percent_of = 0;
    e[0].u.text.weight = e[1].u.text.weight = FONT_SEMIBOLD;
    draw(&t, e, 2);
    int l0 = W, r0 = 0, l1 = W, r1 = 0;
    for (int y = 0; y < 90; y++)
        for (int x = 0; x < W; x++) {
            if (!is_bg(&t, x, y)) {
                l0 = x < l0 ? x : l0;
                r0 = x > r0 ? x : r0;
            }
            if (!is_bg(&t, x, y + 100)) {
                l1 = x < l1 ? x : l1;
                r1 = x > r1 ? x : r1;
            }
        }
    /* the "%" ends at the same place: the digits took the same room */
    assert_true(abs(r0 - r1) <= 1);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

static void a_missing_font_file_is_a_clear_error(void **state)
{
    (void)state;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = SDL_CreateSoftwareRenderer(s);
    char err[256] = "";
    Renderer *r = render_create(sdl, "/nonexistent/font.ttf", err, sizeof(err));
    assert_null(r);
    assert_non_null(strstr(err, "/nonexistent/font.ttf"));
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(s);
}

static void a_wrapped_text_keeps_only_the_ink_of_each_line(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 0);
    /* a long first line and a two-letter second one */
    TextSpec spec = {
        "Measure lifecycle stages\nok", FONT_REGULAR, 40, WHITE, 700, 2, ALIGN_LEFT, false};
    TextImage img;
    assert_int_equal(text_cache_get(tc, &spec, &img), 0);
    assert_int_equal(img.lines, 2);
    assert_int_equal(img.parts, 2);
    /* "ok" is far narrower than the first line, so side by side the two
     * lines take well under the rectangle both lines span */
    size_t entries, bytes;
    text_cache_usage(tc, &entries, &bytes);
    assert_true(bytes * 4 < (size_t)img.w * (size_t)img.ink_h * 4 * 3);
    assert_true(img.part[1].w < img.w / 3);
    assert_true(img.part[1].y >= img.line_h / 2);

    /* drawn, each line lands where it belongs: the first spans the box,
     * the second only its first few letters' width */
    int skip, height;
    text_cache_line_metrics(tc, FONT_REGULAR, 40, &skip, &height);
    Element e = text_el((Box){20, 20, 700, (float)(skip + height)}, "Measure lifecycle stages\nok",
                        40, 2, WHITE);
    draw(&t, &e, 1);
    assert_true(ink(&t, 20, 20, 120, 20 + skip) > 100);
    assert_true(ink(&t, 300, 20, 720, 20 + skip) > 100);
    assert_true(ink(&t, 20, 20 + skip, 120, 20 + skip + height) > 50);
    assert_int_equal(ink(&t, 150, 20 + skip + height / 2, W, H), 0);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

/* Each face is one TTF_Font, resized for each size asked: its shaping
 * tables are held once, not once per size. A resized font measures and
 * draws as one opened at that size. */
static void a_face_is_opened_once_and_resized_for_each_size(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    TTF_Font *a = fonts_main(fonts, FONT_REGULAR, 40);
    assert_non_null(a);
    TTF_Font *b = fonts_main(fonts, FONT_REGULAR, 96);
    assert_ptr_equal(b, a);
    assert_int_equal(fonts_open_count(fonts), 1);
    TTF_Font *fresh = TTF_OpenFont(fonts_main_path(fonts, FONT_REGULAR), 96);
    assert_non_null(fresh);
    TTF_SetFontHinting(fresh, TTF_HINTING_LIGHT);
    int w1, h1, w2, h2;
    const char *text = "Increase inbound MQLs from 20 to 30";
    assert_int_equal(TTF_SizeUTF8(b, text, &w1, &h1), 0);
    assert_int_equal(TTF_SizeUTF8(fresh, text, &w2, &h2), 0);
    assert_int_equal(w1, w2);
    assert_int_equal(h1, h2);
    assert_int_equal(TTF_FontLineSkip(b), TTF_FontLineSkip(fresh));
    assert_true(w1 > 1000); /* 96 px, not the 40 it was opened at */
    /* back to 40, its pixels as a font opened at 40 draws them */
    TTF_CloseFont(fresh);
    fresh = TTF_OpenFont(fonts_main_path(fonts, FONT_REGULAR), 40);
    TTF_SetFontHinting(fresh, TTF_HINTING_LIGHT);
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *s1 = TTF_RenderUTF8_Blended(fonts_main(fonts, FONT_REGULAR, 40), text, white);
    SDL_Surface *s2 = TTF_RenderUTF8_Blended(fresh, text, white);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_int_equal(s1->w, s2->w);
    assert_int_equal(s1->h, s2->h);
    for (int y = 0; y < s1->h; y++)
        assert_memory_equal((Uint8 *)s1->pixels + y * s1->pitch,
                            (Uint8 *)s2->pixels + y * s2->pitch, (size_t)s1->w * 4);
    SDL_FreeSurface(s1);
    SDL_FreeSurface(s2);
    TTF_CloseFont(fresh);
    /* the other weight is another face, its own font */
    assert_ptr_not_equal(fonts_main(fonts, FONT_SEMIBOLD, 40), a);
    assert_int_equal(fonts_open_count(fonts), 2);
    fonts_destroy(fonts);
    target_free(&t);
}

static void fonts_closed_after_caching_reopen_only_for_new_text(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    assert_int_equal(fonts_open_count(fonts), 0); /* the start-up probes are closed */
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 0);
    TextSpec spec = {"Send 3 email newsletters", FONT_SEMIBOLD, 48, WHITE, 0, 1, ALIGN_LEFT, false};
    TextImage img;
    int skip, height;
    text_cache_line_metrics(tc, FONT_SEMIBOLD, 48, &skip, &height);
    assert_int_equal(text_cache_get(tc, &spec, &img), 0);
    assert_true(fonts_open_count(fonts) >= 1);
    fonts_close_all(fonts);
    assert_int_equal(fonts_open_count(fonts), 0);
    /* a cached text, its line metrics and a space's width need no font */
    assert_int_equal(text_cache_get(tc, &spec, &img), 0);
    assert_non_null(img.texture);
    int skip2, height2;
    text_cache_line_metrics(tc, FONT_SEMIBOLD, 48, &skip2, &height2);
    assert_int_equal(skip2, skip);
    assert_int_equal(height2, height);
    assert_true(text_cache_space_width(tc, FONT_SEMIBOLD, 48) > 0);
    assert_int_equal(fonts_open_count(fonts), 0);
    /* a new text opens its size again */
    spec.text = "Run A/B tests";
    assert_int_equal(text_cache_get(tc, &spec, &img), 0);
    assert_non_null(img.texture);
    assert_int_equal(fonts_open_count(fonts), 1);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

static void the_clock_draws_its_next_minute_from_characters_it_has_shown(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Box box = {20, 20, 300, 80};
    size_t created0, created1, created2, created3;
    Element e = text_el(box, "09:41", 60, 1, WHITE);
    e.u.text.weight = FONT_SEMIBOLD;
    render_text_stats(t.r, &created0, NULL);
    draw(&t, &e, 1);
    render_text_stats(t.r, &created1, NULL);
    /* one texture per character: 0, 9, :, 4, 1 */
    assert_int_equal(created1 - created0, 5);
    int inked = ink(&t, 20, 20, 320, 100);
    assert_true(inked > 300);
    /* 10:49 uses only those: nothing new is rendered, no font is opened */
    render_clear(t.r);
    snprintf(e.u.text.text, sizeof(e.u.text.text), "%s", "10:49");
    draw(&t, &e, 1);
    render_text_stats(t.r, &created2, NULL);
    assert_int_equal(created2, created1);
    assert_true(ink(&t, 20, 20, 320, 100) > 300);
    assert_int_equal(ink(&t, 0, 0, W, H), ink(&t, 20, 20, 320, 100)); /* inside its box */
    /* 09:42 needs the 2 */
    snprintf(e.u.text.text, sizeof(e.u.text.text), "%s", "09:42");
    draw(&t, &e, 1);
    render_text_stats(t.r, &created3, NULL);
    assert_int_equal(created3 - created2, 1);
    target_free(&t);
}

static void texts_on_screen_stay_cached_over_the_budget_and_go_once_off_screen(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 1); /* a budget of one byte */
    TextSpec a = {"Objective one", FONT_REGULAR, 40, WHITE, 0, 1, ALIGN_LEFT, false};
    TextSpec b = a, c = a;
    b.text = "Objective two";
    c.text = "Objective three";
    TextImage img;
    size_t entries, created;
    /* frame 1 draws a and b: both stay, over the budget */
    text_cache_begin_frame(tc);
    assert_int_equal(text_cache_get(tc, &a, &img), 0);
    assert_int_equal(text_cache_get(tc, &b, &img), 0);
    text_cache_usage(tc, &entries, NULL);
    assert_int_equal(entries, 2);
    /* frame 2 draws b and c (a slide): a was on screen a frame ago, stays */
    text_cache_begin_frame(tc);
    assert_int_equal(text_cache_get(tc, &b, &img), 0);
    assert_int_equal(text_cache_get(tc, &c, &img), 0);
    text_cache_usage(tc, &entries, NULL);
    assert_int_equal(entries, 3);
    /* frame 3: a has not been drawn for two frames and goes */
    text_cache_begin_frame(tc);
    text_cache_usage(tc, &entries, NULL);
    assert_int_equal(entries, 2);
    text_cache_stats(tc, &created, NULL);
    assert_int_equal(created, 3);
    assert_int_equal(text_cache_get(tc, &b, &img), 0);
    assert_int_equal(text_cache_get(tc, &c, &img), 0);
    text_cache_stats(tc, &created, NULL);
    assert_int_equal(created, 3); /* b and c were not rendered again */
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

/* A slide moves a view by fractions of a pixel each frame (an eased offset):
 * its texts keep their textures. Boxes on fractional pixels moved by
 * fractional offsets used to change the wrap width by a pixel every other
 * frame, and each width was a new texture: a 4K slide rendered its titles
 * anew each frame and held twice their bytes. */
static void a_view_sliding_by_fractions_of_a_pixel_renders_its_texts_once(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element items[] = {
        text_el((Box){10.4f, 20.3f, 300.3f, 70.0f},
                "A title long enough to wrap onto a second line", 24, 2, WHITE),
        text_el((Box){40.6f, 120.7f, 200.2f, 30.0f}, "Owner: Anna", 20, 1, WHITE),
    };
    Layout l;
    memset(&l, 0, sizeof(l));
    l.items = items;
    l.count = l.cap = 2;
    size_t created0, created;
    render_clear(t.r);
    render_layout(t.r, &l, 0, 0, 1.0f);
    render_text_stats(t.r, &created0, NULL);
    assert_int_equal(created0, 2);
    for (int f = 1; f <= 24; f++) {
        float dx = (float)f * 13.37f, dy = (float)f * 0.29f;
        render_clear(t.r);
        render_layout(t.r, &l, dx, dy, 1.0f);
        SDL_RenderFlush(t.sdl);
        /* still drawn where the box went, to the whole pixel */
        int x = (int)ceilf(10.4f) + (int)lroundf(dx);
        assert_true(ink(&t, x, 20 + (int)lroundf(dy), x + 150, 90 + (int)lroundf(dy)) > 100);
    }
    render_text_stats(t.r, &created, NULL);
    assert_int_equal(created, created0);
    target_free(&t);
}

/* A view faded out (opacity 0, the first half of a slide is over) draws
 * nothing and gives its textures up: the incoming view's texts take their
 * place within the budget, instead of both views' over it. */
static void a_view_drawn_at_opacity_zero_draws_nothing_and_releases_its_texts(void **state)
{
    (void)state;
    enum { BW = 3840, BH = 2160, N = 4 };
    Target t = target_new(BW, BH);
    size_t budget, shapes_budget, bytes, held;
    render_cache_budgets(BW, BH, &budget, &shapes_budget);
    Element old_view[N];
    char text[64];
    for (int i = 0; i < N; i++) {
        snprintf(text, sizeof(text), "Objective %d grows every single week", i + 1);
        old_view[i] = text_el((Box){40, 40 + 400 * (float)i, 3600, 300}, text, 200, 1, WHITE);
    }
    Element incoming[2] = {text_el((Box){40, 1900, 1200, 100}, "Key results", 60, 1, WHITE),
                           text_el((Box){40, 1900, 1200, 100}, "Actions", 60, 1, WHITE)};
    Layout old_l = {.items = old_view, .count = N, .cap = N};
    Layout new_l = {.items = &incoming[0], .count = 1, .cap = 1};
    render_clear(t.r);
    render_layout(t.r, &old_l, 0, 0, 1.0f);
    render_cache_usage(t.r, &held, &bytes);
    assert_true(held > budget); /* on the screen: kept over the budget */
    /* nearly faded out, next to a new text: still on the screen, still held */
    render_clear(t.r);
    render_layout(t.r, &old_l, 0, 0, 0.01f);
    render_layout(t.r, &new_l, 0, 0, 1.0f);
    render_cache_usage(t.r, &bytes, &shapes_budget);
    assert_true(bytes > held);
    /* faded out: released, and gone as far as the budget needs while the
     * incoming view's texts are made */
    new_l.items = &incoming[1];
    render_clear(t.r);
    render_layout(t.r, &old_l, 0, 0, 0.0f);
    render_layout(t.r, &new_l, 0, 0, 1.0f);
    SDL_RenderFlush(t.sdl);
    render_cache_usage(t.r, &bytes, &shapes_budget);
    assert_true(bytes <= budget);
    assert_int_equal(ink(&t, 0, 0, BW, 1800), 0);
    assert_true(ink(&t, 40, 1900, 1240, 2000) > 0);
    target_free(&t);
}

/* A text that slid off the screen is released: the next text made in the
 * same frame may take its place over the budget, whatever its max_lines
 * was (the renderer releases without fitting it to the box again). */
static void a_text_released_off_screen_gives_way_to_the_next_one_in_the_same_frame(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 1); /* a budget of one byte */
    TextSpec a = {"Objective one", FONT_REGULAR, 40, WHITE, 300, 2, ALIGN_LEFT, false};
    TextSpec b = a, a_released = a;
    b.text = "Objective two";
    a_released.max_lines = 1;
    TextImage img;
    size_t entries, created;
    text_cache_begin_frame(tc);
    assert_int_equal(text_cache_get(tc, &a, &img), 0);
    /* the next frame: a is released before b is made, and goes at once */
    text_cache_begin_frame(tc);
    text_cache_release(tc, &a_released);
    assert_int_equal(text_cache_get(tc, &b, &img), 0);
    text_cache_usage(tc, &entries, NULL);
    assert_int_equal(entries, 1);
    /* a text drawn in this frame stays, released or not: it is on the screen
     * (the same text in the other view of a slide) */
    text_cache_release(tc, &b);
    assert_int_equal(text_cache_get(tc, &a, &img), 0);
    text_cache_usage(tc, &entries, NULL);
    assert_int_equal(entries, 2);
    text_cache_stats(tc, &created, NULL);
    assert_int_equal(created, 3);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

/* What lies wholly outside the screen is not drawn and makes no texture: a
 * view that slid out leaves the cache once it has gone, the one sliding in
 * is made as it appears. Back on the screen, the kept texture is reused. */
static void a_text_off_the_screen_makes_no_texture_until_it_comes_on(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Element items[] = {
        text_el((Box){100.0f, 100.0f, 300.0f, 60.0f}, "Objective one", 40, 1, WHITE)};
    Layout l;
    memset(&l, 0, sizeof(l));
    l.items = items;
    l.count = l.cap = 1;
    size_t created;
    render_clear(t.r);
    /* its right edge at 400 - 800, then its left edge at 100 + 720 */
    render_layout(t.r, &l, -(float)W, 0, 1.0f);
    render_layout(t.r, &l, (float)W - 100.0f + 20.0f, 0, 1.0f);
    SDL_RenderFlush(t.sdl);
    render_text_stats(t.r, &created, NULL);
    assert_int_equal(created, 0);
    assert_int_equal(ink(&t, 0, 0, W, H), 0);
    render_clear(t.r);
    render_layout(t.r, &l, (float)W - 110.0f, 0, 1.0f); /* its first 10 pixels show */
    render_text_stats(t.r, &created, NULL);
    assert_int_equal(created, 1);
    render_clear(t.r);
    render_layout(t.r, &l, -(float)W, 0, 1.0f);
    render_clear(t.r);
    render_layout(t.r, &l, 0, 0, 1.0f);
    SDL_RenderFlush(t.sdl);
    render_text_stats(t.r, &created, NULL);
    assert_int_equal(created, 1);
    assert_true(ink(&t, 100, 100, 400, 160) > 100);
    target_free(&t);
}

static void cache_budgets_scale_with_the_screen(void **state)
{
    (void)state;
    size_t text, shapes;
    /* 7680 x 4320 x 4 bytes = 132,710,400: an eighth and a sixteenth */
    render_cache_budgets(7680, 4320, &text, &shapes);
    assert_int_equal(text, 16588800);
    assert_int_equal(shapes, 8294400);
    /* 3840 x 2160 x 4 / 8 = 4,147,200 is under the 5.5 MiB floor, / 16 =
     * 2,073,600 under 3 MiB */
    render_cache_budgets(3840, 2160, &text, &shapes);
    assert_int_equal(text, 5767168);
    assert_int_equal(shapes, 3u * 1024 * 1024);
    render_cache_budgets(1920, 1080, &text, &shapes);
    assert_int_equal(text, 5767168);
    assert_int_equal(shapes, 3u * 1024 * 1024);
}

/* The longest titles the parser keeps (300 bytes, tests/data/feed-long-titles.json)
 * at 3840x2160: a wrapped title's lines side by side are over 4000 pixels
 * wide. */
static OkrFeed *long_titles_feed(void)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/feed-long-titles.json", OKR_TEST_DATA);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char data[64 * 1024];
    size_t n = fread(data, 1, sizeof(data), f);
    fclose(f);
    OkrFeed *feed = okr_feed_parse(data, n, NULL, NULL);
    assert_non_null(feed);
    OkrScoreConfig sc = okr_score_config_default();
    okr_score_feed(feed, &sc, 1795000000); /* 2026-11-18 */
    return feed;
}

static void draw_view(Target *t, const OkrFeed *feed, ViewKind kind, bool help)
{
    LayoutInput in;
    memset(&in, 0, sizeof(in));
    in.feed = feed;
    in.view.kind = kind;
    in.view.selected = -1;
    in.help = help;
    in.width = t->surf->w;
    in.height = t->surf->h;
    in.safe_frac = 0.05f;
    in.header.title = feed->title;
    in.header.period = "Q4 2026 \xC2\xB7 day 49 of 92";
    in.header.period_elapsed = 0.53;
    in.header.clock = "09:41";
    in.header.updated = "updated 09:30";
    Layout l = {0};
    assert_int_equal(layout_build(&in, &l), 0);
    render_clear(t->r);
    render_layout(t->r, &l, 0, 0, 1.0f);
    SDL_RenderFlush(t->sdl);
    layout_free(&l);
}

static void longest_titles_at_4k_stay_within_a_2048_texture_limit_and_look_the_same(void **state)
{
    (void)state;
    OkrFeed *feed = long_titles_feed();
    Target free_ = target_new(3840, 2160);
    assert_int_equal(setenv("OKR_MAX_TEXTURE_SIZE", "2048", 1), 0);
    Target small = target_new(3840, 2160);
    unsetenv("OKR_MAX_TEXTURE_SIZE");
    int max_w, max_h;
    render_max_texture(small.r, &max_w, &max_h);
    assert_int_equal(max_w, 2048);
    assert_int_equal(max_h, 2048);
    render_max_texture(free_.r, &max_w, &max_h);
    assert_int_equal(max_w, 0); /* the software renderer has no limit */

    const struct {
        ViewKind kind;
        bool help;
    } views[] = {{VIEW_OVERVIEW, false}, {VIEW_OBJECTIVE, false}, {VIEW_OVERVIEW, true}};
    for (size_t v = 0; v < sizeof(views) / sizeof(views[0]); v++) {
        draw_view(&free_, feed, views[v].kind, views[v].help);
        draw_view(&small, feed, views[v].kind, views[v].help);
        /* cut into pieces and packed differently, every text lands on the
         * same pixels */
        size_t bytes = (size_t)free_.surf->pitch * (size_t)free_.surf->h;
        if (memcmp(free_.surf->pixels, small.surf->pixels, bytes) != 0)
            fail_msg("view %zu differs with the 2048 limit", v);
    }
    int w, h;
    render_largest_texture(free_.r, &w, &h);
    assert_true(w > 4096); /* without the limit, titles need wider textures */
    render_largest_texture(small.r, &w, &h);
    assert_in_range(w, 1, 2048);
    assert_in_range(h, 1, 2048);
    target_free(&small);
    target_free(&free_);
    okr_feed_free(feed);
}

static void pieces_wider_than_the_limit_wrap_into_rows_of_equal_width(void **state)
{
    (void)state;
    Target t = target_new(W, H);
    Fonts *fonts = fonts_create(NULL, (char[64]){0}, 64);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 0);
    text_cache_set_max_texture(tc, 100, 100);
    /* one line of about 300 pixels: three rows of about 100, none wider */
    TextSpec spec = {"Measure lifecycle stages", FONT_REGULAR, 24, WHITE, 0, 1, ALIGN_LEFT, false};
    TextImage img;
    assert_int_equal(text_cache_get(tc, &spec, &img), 0);
    int tw, th;
    SDL_QueryTexture(img.texture, NULL, NULL, &tw, &th);
    assert_in_range(img.w, 201, 300);
    assert_int_equal(img.parts, 3);
    int covered = 0;
    for (int i = 0; i < img.parts; i++) {
        /* each piece continues where the one before it ended */
        assert_int_equal(img.part[i].x, img.part[0].x + covered);
        assert_int_equal(img.part[i].sx, 0);
        assert_int_equal(img.part[i].sy, i * img.part[0].h);
        covered += img.part[i].w;
    }
    /* the line's ink in three rows of equal width (the last one shorter) */
    assert_int_equal(tw, (covered + 2) / 3);
    assert_in_range(covered, 201, img.w);
    assert_int_equal(th, 3 * img.part[0].h);
    /* a limit lower than one line's height cuts it into bands too */
    text_cache_destroy(tc);
    tc = text_cache_create(t.sdl, fonts, 16, 0);
    text_cache_set_max_texture(tc, 1000, 10);
    assert_int_equal(text_cache_get(tc, &spec, &img), 0);
    SDL_QueryTexture(img.texture, NULL, NULL, &tw, &th);
    assert_true(img.parts >= 2);
    assert_in_range(th, 1, 10);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_stays_inside_its_box),
        cmocka_unit_test(long_text_wraps_to_two_lines_then_an_ellipsis),
        cmocka_unit_test(a_box_too_short_for_max_lines_gets_fewer_whole_lines),
        cmocka_unit_test(a_word_longer_than_the_line_is_broken_inside),
        cmocka_unit_test(umlauts_render),
        cmocka_unit_test(glyphs_missing_from_the_main_font_come_from_a_fallback),
        cmocka_unit_test(cjk_renders_without_tofu_when_a_cjk_font_is_installed),
        cmocka_unit_test(identical_text_is_reused_and_a_new_colour_renders_again),
        cmocka_unit_test(percentages_use_tabular_digits),
        cmocka_unit_test(a_wrapped_text_keeps_only_the_ink_of_each_line),
        cmocka_unit_test(a_face_is_opened_once_and_resized_for_each_size),
        cmocka_unit_test(fonts_closed_after_caching_reopen_only_for_new_text),
        cmocka_unit_test(a_missing_font_file_is_a_clear_error),
        cmocka_unit_test(longest_titles_at_4k_stay_within_a_2048_texture_limit_and_look_the_same),
        cmocka_unit_test(pieces_wider_than_the_limit_wrap_into_rows_of_equal_width),
        cmocka_unit_test(the_clock_draws_its_next_minute_from_characters_it_has_shown),
        cmocka_unit_test(texts_on_screen_stay_cached_over_the_budget_and_go_once_off_screen),
        cmocka_unit_test(a_view_sliding_by_fractions_of_a_pixel_renders_its_texts_once),
        cmocka_unit_test(a_view_drawn_at_opacity_zero_draws_nothing_and_releases_its_texts),
        cmocka_unit_test(a_text_released_off_screen_gives_way_to_the_next_one_in_the_same_frame),
        cmocka_unit_test(a_text_off_the_screen_makes_no_texture_until_it_comes_on),
        cmocka_unit_test(cache_budgets_scale_with_the_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
