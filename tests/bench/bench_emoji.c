/*
 * bench_emoji: what drawing a title costs with colour emoji in it, on a
 * text cache miss (the only time a text is drawn: after that its texture is
 * reused). For the title sizes of 1280x720, 1920x1080 and 3840x2160 (29, 43
 * and 86 px), a KR title of plain words, the same title with six emoji
 * (a skin tone, a flag and a ZWJ sequence among them) and a title of 20
 * emoji: the median and minimum of RUNS renderings (a fresh cache each, so
 * every one is a miss; fonts stay open, as while a view is drawn) and the
 * texture bytes of the result.
 *
 * Usage: bench_emoji   (needs fonts-noto-color-emoji for the emoji rows)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "fonts.h"
#include "text_cache.h"

#define RUNS 31

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    static const char *names[] = {"plain", "6 emoji", "20 emoji"};
    static const char *titles[] = {
        "Grow weekly signups to one thousand by the end of the quarter",
        "Grow \xF0\x9F\x93\x88 weekly signups \xF0\x9F\x94\xA5 to one thousand "
        "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD in \xF0\x9F\x87\xA9\xF0\x9F\x87\xAA by the end "
        "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB of the quarter \xF0\x9F\x9A\x80",
        "\xF0\x9F\x98\x80\xF0\x9F\x98\x83\xF0\x9F\x98\x84\xF0\x9F\x98\x81\xF0\x9F\x98\x86"
        "\xF0\x9F\x98\x85\xF0\x9F\x98\x82\xF0\x9F\xA4\xA3\xF0\x9F\xA5\xB2\xF0\x9F\x98\x8A"
        "\xF0\x9F\x98\x87\xF0\x9F\x99\x82\xF0\x9F\x99\x83\xF0\x9F\x98\x89\xF0\x9F\x98\x8C"
        "\xF0\x9F\x98\x8D\xF0\x9F\xA5\xB0\xF0\x9F\x98\x98\xF0\x9F\x98\x97\xF0\x9F\x98\x99"};
    static const int sizes[] = {29, 43, 86};
    int rc = 1;
    SDL_Surface *surf = NULL;
    SDL_Renderer *sdl = NULL;
    Fonts *fonts = NULL;
    char err[256];
    if (SDL_Init(0) != 0 || TTF_Init() != 0)
        goto done;
    surf = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    sdl = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    fonts = sdl ? fonts_create(NULL, err, sizeof(err)) : NULL;
    if (!fonts) {
        fprintf(stderr, "bench_emoji: no renderer or fonts\n");
        goto done;
    }
    printf("%-9s %5s %10s %10s %12s\n", "title", "px", "median ms", "min ms", "texture KiB");
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
        for (size_t t = 0; t < sizeof(titles) / sizeof(titles[0]); t++) {
            double ms[RUNS];
            size_t bytes = 0;
            for (int r = 0; r < RUNS; r++) {
                TextCache *tc = text_cache_create(sdl, fonts, 8, 0);
                TextSpec spec = {titles[t], FONT_SEMIBOLD, sizes[s], {230, 233, 239, 255}, 0,
                                 1,         ALIGN_LEFT,    false};
                TextImage img;
                double t0 = now_ms();
                int ok = tc ? text_cache_get(tc, &spec, &img) : -1;
                ms[r] = now_ms() - t0;
                if (ok == 0)
                    text_cache_usage(tc, NULL, &bytes);
                text_cache_destroy(tc);
            }
            qsort(ms, RUNS, sizeof(ms[0]), cmp);
            printf("%-9s %5d %10.2f %10.2f %12.1f\n", names[t], sizes[s], ms[RUNS / 2], ms[0],
                   (double)bytes / 1024.0);
        }
    rc = 0;
done:
    fonts_destroy(fonts);
    if (sdl)
        SDL_DestroyRenderer(sdl);
    if (surf)
        SDL_FreeSurface(surf);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
