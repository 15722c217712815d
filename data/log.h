/*
 * log: one line per event on stderr (journald keeps them), prefixed with the
 * level so `journalctl -u okr-kiosk | grep ^warn` finds the problems.
 *
 * Levels: error, warn, info (the default: start, config, each fetch,
 * validation), debug (-v: view changes, screen on/off), trace (-vv: every
 * frame). The level is process-wide; setting it is not thread-safe but
 * reading it is (an int written before the threads start or by the main
 * thread on reload).
 *
 * It is the program's only log format: the loop, the feed worker (data/),
 * --check and --screenshot all write "<level>: <message>" through log_msg,
 * never their own fprintf. It lives in data/ (plain C, no SDL) so data/ can
 * use it without depending on app/.
 *
 * Secrets never reach this module: callers pass redacted URLs (see
 * feed_source_redact) and never the headers.
 */
#ifndef OKR_LOG_H
#define OKR_LOG_H

#include <stdbool.h>

typedef enum {
    LOG_LEVEL_ERROR = 0,
    LOG_LEVEL_WARN,
    LOG_LEVEL_INFO,
    LOG_LEVEL_DEBUG,
    LOG_LEVEL_TRACE
} LogLevel;

void log_set_level(LogLevel level);
LogLevel log_get_level(void);
bool log_enabled(LogLevel level);
/* "error", "warn", "info", "debug", "trace". */
const char *log_level_name(LogLevel level);
/* Parse a level name (also "warning"). Returns 0 or -1. */
int log_level_parse(const char *text, LogLevel *out);

/* One line: "<level>: <message>\n". The message should not end in '\n'. */
void log_msg(LogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
