/*
 * test_emoji: emoji in text, drawn by the text cache on the software
 * renderer and read back: emoji sequences split into clusters, colour
 * emoji from a bitmap font (Noto Color Emoji, 109 px pictures) scaled to
 * the text size at the sizes the four screen sizes use, kept in the line
 * box, advancing by what they draw, sequences drawn as one picture, and
 * without a colour font their base alone (a flag: its two letters).
 *
 * Needs fonts-noto-color-emoji (scripts/deps.sh); skipped without it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <fontconfig/fontconfig.h>

#include "emoji.h"
#include "fonts.h"
#include "render_target.h"
#include "text_cache.h"

#define W 3200
#define H 400
static const Rgba WHITE = {0xFF, 0xFF, 0xFF, 0xFF};

/* Noto Color Emoji: one strike of 109 px per em, pictures 136 x 128 px,
 * ascent 101 px (its CBDT strike and hhea). */
#define STRIKE 109.0
#define PIC_W 136
#define PIC_H 128

#define SMILE "\xF0\x9F\x98\x80"                   /* U+1F600 */
#define THUMB "\xF0\x9F\x91\x8D"                   /* U+1F44D */
#define TONE3 "\xF0\x9F\x8F\xBD"                   /* U+1F3FD */
#define WOMAN "\xF0\x9F\x91\xA9"                   /* U+1F469 */
#define MAN "\xF0\x9F\x91\xA8"                     /* U+1F468 */
#define GIRL "\xF0\x9F\x91\xA7"                    /* U+1F467 */
#define LAPTOP "\xF0\x9F\x92\xBB"                  /* U+1F4BB */
#define ZWJ "\xE2\x80\x8D"                         /* U+200D */
#define VS16 "\xEF\xB8\x8F"                        /* U+FE0F */
#define KEYCAP "\xE2\x83\xA3"                      /* U+20E3 */
#define FLAG_DE "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA" /* D E */
#define HEART "\xE2\x9D\xA4"                       /* U+2764 */
#define CHART "\xF0\x9F\x93\x88"                   /* U+1F4C8 */
#define FIRE "\xF0\x9F\x94\xA5"                    /* U+1F525 */
#define ROCKET "\xF0\x9F\x9A\x80"                  /* U+1F680 */
#define BLACK_FLAG "\xF0\x9F\x8F\xB4"              /* U+1F3F4 */
#define TAGS_GBENG                                     \
    "\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xA5" \
    "\xF3\xA0\x81\xAE\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF" /* gbeng + cancel */

/* The text sizes the layouts use at 1280x720, 1920x1080, 3840x2160 and
 * 1080x1920 (2.5 % of the short side for the smallest text, about 4 % for
 * titles: 18/29, 27/43, 54/86, 27/43), and a header-sized 130 px, larger
 * than the strike. */
static const int SIZES[] = {18, 27, 29, 43, 54, 86, 130};
#define N_SIZES (sizeof(SIZES) / sizeof(SIZES[0]))

static bool have_color_emoji(void)
{
    FILE *p = popen("fc-list ':color=true' family 2>/dev/null | grep -c 'Noto Color Emoji'", "r");
    int n = 0;
    if (p) {
        if (fscanf(p, "%d", &n) != 1)
            n = 0;
        pclose(p);
    }
    return n > 0;
}

typedef struct {
    Target t;
    Fonts *fonts;
    TextCache *tc;
} Fixture;

static int setup(void **state)
{
    if (!have_color_emoji()) {
        print_message("Noto Color Emoji is not installed (scripts/deps.sh run)\n");
        return -1;
    }
    Fixture *f = calloc(1, sizeof(*f));
    f->t = target_new(W, H);
    char err[128];
    f->fonts = fonts_create(NULL, err, sizeof(err));
    if (!f->fonts)
        fail_msg("fonts_create: %s", err);
    f->tc = text_cache_create(f->t.sdl, f->fonts, 64, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    text_cache_destroy(f->tc);
    fonts_destroy(f->fonts);
    target_free(&f->t);
    free(f);
    return 0;
}

static TextSpec spec_of(const char *text, int px)
{
    return (TextSpec){text, FONT_REGULAR, px, WHITE, 0, 1, ALIGN_LEFT, false};
}

static int width_of(Fixture *f, const char *text, int px)
{
    TextSpec s = spec_of(text, px);
    return text_cache_measure(f->tc, &s, text, strlen(text));
}

static int line_height(Fixture *f, int px)
{
    int skip, height;
    text_cache_line_metrics(f->tc, FONT_REGULAR, px, &skip, &height);
    return height;
}

/* The scale of a Noto picture in text of px pixels: its em to px, but
 * never taller than the line box. */
static double scale_for(Fixture *f, int px)
{
    double s = px / STRIKE;
    double fit = (double)line_height(f, px) / PIC_H;
    return s < fit ? s : fit;
}

/* Clear the target and draw text with its laid-out top-left corner at
 * (x, y); returns the image's height (its lines' box). */
static int paint(Fixture *f, const char *text, int px, int x, int y)
{
    SDL_SetRenderDrawColor(f->t.sdl, 0, 0, 0, 255);
    SDL_RenderClear(f->t.sdl);
    TextSpec s = spec_of(text, px);
    TextImage img;
    assert_int_equal(text_cache_get(f->tc, &s, &img), 0);
    for (int i = 0; i < img.parts; i++) {
        const TextPart *p = &img.part[i];
        SDL_Rect src = {p->sx, p->sy, p->w, p->h}, dst = {x + p->x, y + p->y, p->w, p->h};
        SDL_RenderCopy(f->t.sdl, img.texture, &src, &dst);
    }
    SDL_RenderFlush(f->t.sdl);
    return img.h;
}

static void rgb(const Fixture *f, int x, int y, int *r, int *g, int *b)
{
    Uint32 p = *(Uint32 *)((Uint8 *)f->t.surf->pixels + y * f->t.surf->pitch + 4 * x);
    Uint8 cr, cg, cb;
    SDL_GetRGB(p, f->t.surf->format, &cr, &cg, &cb);
    *r = cr;
    *g = cg;
    *b = cb;
}

/* Ink: anything but the black background. Colour: a pixel whose channels
 * differ (white text on black is grey at every coverage). */
static bool is_ink(const Fixture *f, int x, int y)
{
    int r, g, b;
    rgb(f, x, y, &r, &g, &b);
    return r + g + b > 0;
}

static bool is_colour(const Fixture *f, int x, int y)
{
    int r, g, b;
    rgb(f, x, y, &r, &g, &b);
    int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
    int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
    return hi - lo > 24;
}

typedef struct {
    int x0, y0, x1, y1; /* inclusive; x0 > x1 when empty */
} Bounds;

static Bounds ink_bounds(const Fixture *f, bool colour_only)
{
    Bounds b = {W, H, -1, -1};
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (colour_only ? is_colour(f, x, y) : is_ink(f, x, y)) {
                b.x0 = x < b.x0 ? x : b.x0;
                b.y0 = y < b.y0 ? y : b.y0;
                b.x1 = x > b.x1 ? x : b.x1;
                b.y1 = y > b.y1 ? y : b.y1;
            }
    return b;
}

/* ---- clusters ---- */

static void expect_clusters(const char *t, int n, bool sequence)
{
    size_t len = strlen(t), i = 0;
    int count = 0;
    while (i < len) {
        EmojiCluster c = emoji_cluster(t, len, i);
        assert_true(c.end > i);
        assert_int_equal(c.sequence, sequence);
        i = c.end;
        count++;
    }
    assert_int_equal(count, n);
}

static void each_emoji_sequence_is_one_cluster(void **state)
{
    (void)state;
    expect_clusters(WOMAN ZWJ LAPTOP, 1, true);
    expect_clusters(MAN ZWJ WOMAN ZWJ GIRL, 1, true);
    expect_clusters(THUMB TONE3, 1, true);
    expect_clusters(FLAG_DE FLAG_DE, 2, true);
    expect_clusters("1" VS16 KEYCAP, 1, true);
    expect_clusters("#" KEYCAP, 1, true);
    expect_clusters(HEART VS16, 1, true);
    expect_clusters(BLACK_FLAG TAGS_GBENG, 1, true);
    expect_clusters(WOMAN TONE3 ZWJ LAPTOP, 1, true);
    /* one cluster per codepoint in plain text and lone emoji */
    expect_clusters("abc", 3, false);
    expect_clusters(SMILE ROCKET, 2, false);
    expect_clusters("12", 2, false);
}

static void a_joiner_between_letters_stays_with_its_letter_and_is_no_emoji(void **state)
{
    (void)state;
    /* ZWJ and variation selectors after a letter (Arabic and Indic text use
     * them) stay with it, but make no emoji sequence to reduce to a base */
    const char *t = "a" ZWJ "b" VS16;
    EmojiCluster c = emoji_cluster(t, strlen(t), 0);
    assert_int_equal(c.end, 1 + 3);
    assert_false(c.sequence);
    c = emoji_cluster(t, strlen(t), c.end);
    assert_int_equal(c.end, strlen(t));
    assert_false(c.sequence);
    /* a flag's half alone, and a digit with VS16 but no keycap: no sequence */
    expect_clusters("\xF0\x9F\x87\xA9", 1, false);
    c = emoji_cluster("1" VS16, 4, 0);
    assert_int_equal(c.end, 4);
    assert_false(c.sequence);
}

/* ---- drawing ---- */

static void colour_emoji_are_scaled_to_the_text_size(void **state)
{
    Fixture *f = *state;
    for (size_t k = 0; k < N_SIZES; k++) {
        int px = SIZES[k];
        double s = scale_for(f, px);
        int adv = (int)lround(PIC_W * s);
        int w1 = width_of(f, SMILE, px), w3 = width_of(f, SMILE SMILE SMILE, px);
        if (w1 != adv || w3 != (int)lround(3 * PIC_W * s))
            fail_msg("%d px: one smiley %d px wide, three %d; expected %d and %ld", px, w1, w3, adv,
                     lround(3 * PIC_W * s));
        /* drawn: the whole picture scaled (its ink at 109 px: columns
         * 9..125, rows 7..118 of the 136 x 128 picture; averaging adds at
         * most a partly covered pixel each side), inside its advance and
         * the line box */
        int box = paint(f, SMILE, px, 100, 100);
        assert_int_equal(box, line_height(f, px));
        Bounds b = ink_bounds(f, false);
        int ink_w = b.x1 - b.x0 + 1, ink_h = b.y1 - b.y0 + 1;
        double want_w = 117 * s, want_h = 112 * s;
        if (ink_w < want_w - 1 || ink_w > want_w + 2 || ink_h < want_h - 1 || ink_h > want_h + 2)
            fail_msg("%d px: smiley ink %d x %d, expected %.1f x %.1f", px, ink_w, ink_h, want_w,
                     want_h);
        assert_true(b.x0 >= 100 && b.x1 < 100 + adv);
        assert_true(b.y0 >= 100 && b.y1 < 100 + box);
    }
}

/* Where each emoji cluster of t starts and ends on the line (pixels). */
static void emoji_spans(Fixture *f, const char *t, int px, int *x0, int *x1, int max, int *n)
{
    size_t len = strlen(t), i = 0;
    *n = 0;
    while (i < len) {
        EmojiCluster c = emoji_cluster(t, len, i);
        if ((c.base >= 0x1F000 || c.base == 0x2764) && *n < max) {
            TextSpec s = spec_of(t, px);
            x0[*n] = text_cache_measure(f->tc, &s, t, i);
            x1[*n] = text_cache_measure(f->tc, &s, t, c.end);
            (*n)++;
        }
        i = c.end;
    }
}

static void emoji_titles_stay_in_the_line_box_and_never_overlap_their_words(void **state)
{
    Fixture *f = *state;
    const char *title = "Grow " CHART " signups " FIRE " to 1,000 " THUMB TONE3 " in " FLAG_DE
                        " by " WOMAN ZWJ LAPTOP " " ROCKET ROCKET "!";
    for (size_t k = 0; k < N_SIZES; k++) {
        int px = SIZES[k], x = 40, y = 120;
        int box = paint(f, title, px, x, y);
        int x0[16], x1[16], n = 0;
        emoji_spans(f, title, px, x0, x1, 16, &n);
        assert_int_equal(n, 7);
        int adv = (int)lround(PIC_W * scale_for(f, px));
        for (int i = 0; i < n; i++) /* the two rockets are one run: rounded once */
            assert_true(abs(x1[i] - x0[i] - adv) <= 1);
        for (int j = 0; j < H; j++)
            for (int i = 0; i < W; i++) {
                if (!is_ink(f, i, j))
                    continue;
                if (j < y || j >= y + box)
                    fail_msg("%d px: ink at row %d outside the line box %d..%d", px, j, y,
                             y + box - 1);
                int in = -1;
                for (int e = 0; e < n; e++)
                    if (i >= x + x0[e] && i < x + x1[e])
                        in = e;
                /* colour only inside an emoji's advance: a picture wider
                 * than its advance would reach into the words beside it */
                if (is_colour(f, i, j) && in < 0)
                    fail_msg("%d px: emoji colour at x %d outside every emoji's advance", px, i);
            }
        /* and every emoji drew something inside its own advance */
        for (int e = 0; e < n; e++) {
            int colour = 0;
            for (int j = y; j < y + box; j++)
                for (int i = x + x0[e]; i < x + x1[e]; i++)
                    colour += is_colour(f, i, j);
            if (colour < adv)
                fail_msg("%d px: emoji %d drew only %d colour pixels", px, e, colour);
        }
    }
}

static void modifiers_joiners_flags_and_keycaps_draw_one_picture(void **state)
{
    Fixture *f = *state;
    for (size_t k = 0; k < N_SIZES; k++) {
        int px = SIZES[k];
        int one = (int)lround(PIC_W * scale_for(f, px));
        const char *seqs[] = {THUMB TONE3, WOMAN ZWJ LAPTOP,      MAN ZWJ WOMAN ZWJ GIRL,
                              FLAG_DE,     "1" VS16 KEYCAP,       "#" VS16 KEYCAP,
                              HEART VS16,  BLACK_FLAG TAGS_GBENG, WOMAN TONE3 ZWJ LAPTOP};
        for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
            int w = width_of(f, seqs[i], px);
            if (w != one)
                fail_msg("%d px: sequence %zu is %d px wide, one picture is %d", px, i, w, one);
            /* drawn: one picture, no second glyph (a swatch, a dot, a box)
             * beside it: all ink inside one advance */
            paint(f, seqs[i], px, 100, 100);
            Bounds b = ink_bounds(f, false);
            assert_true(b.x0 >= 100 && b.x1 < 100 + one);
        }
    }
    /* the skin tone is in the picture: a medium-skin thumb is darker than
     * the default yellow one */
    long sum[2] = {0, 0};
    const char *thumbs[2] = {THUMB, THUMB TONE3};
    for (int i = 0; i < 2; i++) {
        paint(f, thumbs[i], 86, 100, 100);
        for (int y = 100; y < 200; y++)
            for (int x = 100; x < 220; x++) {
                int r, g, b;
                rgb(f, x, y, &r, &g, &b);
                sum[i] += r + g;
            }
    }
    assert_true(sum[1] * 10 < sum[0] * 8);
}

static void a_long_emoji_title_breaks_between_sequences_never_inside_one(void **state)
{
    Fixture *f = *state;
    /* twelve skin-toned thumbs and no space: broken inside the "word",
     * each line holds whole pictures only */
    char text[256];
    for (int i = 0; i < 12; i++)
        memcpy(text + 8 * i, THUMB TONE3, 8);
    text[12 * 8] = '\0';
    int px = 43, one = width_of(f, THUMB TONE3, px);
    TextSpec s = spec_of(text, px);
    s.wrap_w = 5 * one + one / 2;
    s.max_lines = 3;
    char out[512];
    assert_int_equal(text_cache_layout(f->tc, &s, out, sizeof(out)), 3);
    const char *line = out;
    for (int l = 0; l < 3; l++) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (l < 2) /* five whole sequences of 8 bytes */
            assert_int_equal(n, 5 * 8);
        else /* two left: they fit */
            assert_int_equal(n, 2 * 8);
        line = nl ? nl + 1 : line + n;
    }
}

/* ---- without a colour emoji font ---- */

static void without_a_colour_font_a_sequence_draws_only_its_base(void **state)
{
    (void)state;
    /* a fontconfig configuration that hides the colour emoji font */
    char dir[] = "/tmp/okr-emoji-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char conf[256];
    snprintf(conf, sizeof(conf), "%s/fonts.conf", dir);
    FILE *c = fopen(conf, "w");
    assert_non_null(c);
    fprintf(c, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
               "<fontconfig>\n  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
               "  <selectfont><rejectfont><glob>*NotoColorEmoji*</glob></rejectfont></selectfont>\n"
               "</fontconfig>\n");
    fclose(c);
    FcFini();
    setenv("FONTCONFIG_FILE", conf, 1);
    Target t = target_new(400, 200);
    char err[128];
    Fonts *fonts = fonts_create(NULL, err, sizeof(err));
    assert_non_null(fonts);
    TextCache *tc = text_cache_create(t.sdl, fonts, 16, 0);
    assert_null(fonts_emoji(fonts, 40, 0x1F44D));
    /* each sequence measures (and so draws) as its base alone */
    const char *pairs[][2] = {{"1" VS16 KEYCAP, "1"},
                              {HEART VS16, HEART},
                              {THUMB TONE3, THUMB},
                              {WOMAN ZWJ LAPTOP, WOMAN},
                              {FLAG_DE, "DE"}, /* a flag: its region code */
                              {"Team " THUMB TONE3 " ok", "Team " THUMB " ok"}};
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        TextSpec s = spec_of(pairs[i][0], 40);
        int w = text_cache_measure(tc, &s, pairs[i][0], strlen(pairs[i][0]));
        s.text = pairs[i][1];
        int base = text_cache_measure(tc, &s, pairs[i][1], strlen(pairs[i][1]));
        if (w != base)
            fail_msg("sequence %zu: %d px wide, its base %d", i, w, base);
    }
    /* and the keycap "1" is the main font's digit, in the text colour */
    TextSpec s = spec_of("1" VS16 KEYCAP, 40);
    TextImage img;
    assert_int_equal(text_cache_get(tc, &s, &img), 0);
    TextSpec digit = spec_of("1", 40);
    TextImage one;
    assert_int_equal(text_cache_get(tc, &digit, &one), 0);
    assert_int_equal(img.w, one.w);
    assert_int_equal(img.ink_h, one.ink_h);
    text_cache_destroy(tc);
    fonts_destroy(fonts);
    target_free(&t);
    unsetenv("FONTCONFIG_FILE");
    FcFini();
    unlink(conf);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(each_emoji_sequence_is_one_cluster),
        cmocka_unit_test(a_joiner_between_letters_stays_with_its_letter_and_is_no_emoji),
    };
    const struct CMUnitTest drawn[] = {
        cmocka_unit_test(colour_emoji_are_scaled_to_the_text_size),
        cmocka_unit_test(emoji_titles_stay_in_the_line_box_and_never_overlap_their_words),
        cmocka_unit_test(modifiers_joiners_flags_and_keycaps_draw_one_picture),
        cmocka_unit_test(a_long_emoji_title_breaks_between_sequences_never_inside_one),
    };
    const struct CMUnitTest fallback[] = {
        cmocka_unit_test(without_a_colour_font_a_sequence_draws_only_its_base),
    };
    int failed = cmocka_run_group_tests_name("clusters", pure, NULL, NULL);
    failed += cmocka_run_group_tests_name("colour emoji", drawn, setup, teardown);
    failed += cmocka_run_group_tests_name("no colour font", fallback, NULL, NULL);
    return failed;
}
