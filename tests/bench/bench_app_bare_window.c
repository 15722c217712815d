/*
 * bench_app_bare_window: the memory baseline for the kiosk. It opens a window
 * exactly like okr-kiosk does (same flags, accelerated renderer with vsync,
 * software fallback), presents one cleared frame, then waits for events and
 * draws nothing. bench_mem.py compares the kiosk's PSS to this program's.
 *
 * Usage: bench_app_bare_window WxH   (SIGTERM or closing the window ends it)
 */
#include <stdio.h>

#include <SDL.h>

int main(int argc, char **argv)
{
    int w = 1920, h = 1080, rc = 1;
    SDL_Window *win = NULL;
    SDL_Renderer *ren = NULL;
    SDL_Event ev;

    if (argc > 1 && sscanf(argv[1], "%dx%d", &w, &h) != 2) {
        fprintf(stderr, "usage: %s WxH\n", argv[0]);
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    win = SDL_CreateWindow("bare", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                           SDL_WINDOW_HIDDEN | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE);
    if (win == NULL)
        goto done;
    ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (ren == NULL)
        ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (ren == NULL)
        goto done;
    SDL_SetRenderDrawColor(ren, 14, 17, 22, 255);
    SDL_RenderClear(ren);
    SDL_RenderPresent(ren);
    SDL_ShowWindow(win);
    fprintf(stderr, "first frame presented\n");
    while (SDL_WaitEvent(&ev)) {
        if (ev.type == SDL_QUIT)
            break;
        if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED) {
            SDL_RenderClear(ren);
            SDL_RenderPresent(ren);
        }
    }
    rc = 0;
done:
    if (rc != 0)
        fprintf(stderr, "bare window: %s\n", SDL_GetError());
    if (ren != NULL)
        SDL_DestroyRenderer(ren);
    if (win != NULL)
        SDL_DestroyWindow(win);
    SDL_Quit();
    return rc;
}
