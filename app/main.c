/*
 * main: okr-kiosk's entry point. Parses the options and hands over to one of
 * the modes: the kiosk loop, --check, or --screenshot.
 */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "options.h"

int main(int argc, char **argv)
{
    AppOptions opts;
    char err[512];

    options_default(&opts);
    if (options_parse(&opts, argc, argv, err, sizeof(err)) != 0) {
        fprintf(stderr, "okr-kiosk: %s\n", err);
        return 2;
    }
    switch (opts.run) {
    case OPT_RUN_HELP:
        options_print_help(stdout, "okr-kiosk");
        return 0;
    case OPT_RUN_VERSION:
        printf("okr-kiosk %s\n", OKR_VERSION);
        return 0;
    case OPT_RUN_CHECK:
        return app_check(&opts);
    case OPT_RUN_SCREENSHOT:
        return app_screenshot(&opts);
    case OPT_RUN_KIOSK:
    default:
        return app_kiosk(&opts);
    }
}
