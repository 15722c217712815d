/*
 * main: okr-kiosk's entry point. Reads the settings (configuration files,
 * then the command line; see settings.h) and hands over to one of the modes:
 * the kiosk loop, --check, --screenshot or --diagnose. The kiosk may ask for
 * the settings again on SIGHUP through the AppReload hook, which reads them
 * the same way.
 */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "log.h"
#include "options.h"
#include "settings.h"

typedef struct {
    int argc;
    char **argv;
} Args;

static int reload(AppOptions *out, ConfFileList *files, void *ud, char *err, size_t errlen)
{
    const Args *a = ud;
    SettingsEnv env = settings_env_default();
    return settings_load(out, a->argc, a->argv, &env, files, err, errlen);
}

int main(int argc, char **argv)
{
    static AppOptions opts; /* large: keep it off the stack */
    ConfFileList files;
    char err[1024];
    Args args = {argc, argv};

    SettingsEnv env = settings_env_default();
    if (settings_load(&opts, argc, argv, &env, &files, err, sizeof(err)) != 0) {
        log_msg(LOG_LEVEL_ERROR, "%s", err);
        return 2;
    }
    log_set_level((LogLevel)options_log_level(&opts));
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
    case OPT_RUN_DIAGNOSE:
        return app_diagnose(&opts, &files);
    case OPT_RUN_HISTORY_EXPORT:
        return app_history_export(&opts);
    case OPT_RUN_KIOSK:
    default: {
        AppReload hook = {reload, &args, files};
        return app_kiosk(&opts, &hook);
    }
    }
}
