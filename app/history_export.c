/*
 * history_export: `okr-kiosk --history-export OUT.csv` writes every recorded
 * sample as CSV for spreadsheets (history_export_csv). The file is written
 * to OUT.csv.tmp and renamed, so a failed export never leaves half a file
 * under the name asked for. "-" writes to standard output.
 */
#include "app.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kiosk_history.h"
#include "log.h"

int app_history_export(const AppOptions *opts)
{
    char path[4096], err[HISTORY_ERR_MAX] = "", tmp[OPT_PATH_MAX + 8];
    HistoryState st;
    if (app_history_path(opts, path, sizeof path) != 0) {
        log_msg(LOG_LEVEL_ERROR, "--history-export: no history (--history off, or neither "
                                 "XDG_STATE_HOME nor HOME is set)");
        return 2;
    }
    if (access(path, F_OK) != 0) {
        log_msg(LOG_LEVEL_ERROR,
                "--history-export: no history at %s yet (the wall creates it "
                "when it shows a feed; --history PATH names another)",
                path);
        return 2;
    }
    History *h = history_open(path, &st, err, sizeof err);
    if (!h) {
        log_msg(LOG_LEVEL_ERROR, "--history-export: %s", err);
        return 2;
    }
    bool to_stdout = strcmp(opts->history_export, "-") == 0;
    FILE *out = stdout;
    if (!to_stdout) {
        snprintf(tmp, sizeof tmp, "%s.tmp", opts->history_export);
        out = fopen(tmp, "w");
        if (!out) {
            perror(tmp);
            history_close(h);
            return 2;
        }
    }
    long rows = history_export_csv(h, out, err, sizeof err);
    int bad = rows < 0 || ferror(out);
    if (!to_stdout) {
        bad |= fclose(out) != 0;
        if (!bad && rename(tmp, opts->history_export) != 0) {
            perror(opts->history_export);
            bad = 1;
        }
        if (bad)
            unlink(tmp);
    }
    history_close(h);
    if (bad) {
        log_msg(LOG_LEVEL_ERROR, "--history-export: %s", err[0] ? err : "cannot write");
        return 2;
    }
    log_msg(LOG_LEVEL_INFO, "wrote %ld samples from %s", rows, path);
    return 0;
}
