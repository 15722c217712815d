/*
 * log: level-prefixed lines on stderr (see log.h). Each line is formatted
 * into one buffer and written with a single fputs, so lines from the feed
 * worker and the main thread do not interleave mid-line.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static volatile int g_level = LOG_LEVEL_INFO;

static const char *const names[] = {"error", "warn", "info", "debug", "trace"};

void log_set_level(LogLevel level)
{
    if (level < LOG_LEVEL_ERROR)
        level = LOG_LEVEL_ERROR;
    if (level > LOG_LEVEL_TRACE)
        level = LOG_LEVEL_TRACE;
    g_level = (int)level;
}

LogLevel log_get_level(void)
{
    return (LogLevel)g_level;
}

bool log_enabled(LogLevel level)
{
    return (int)level <= g_level;
}

const char *log_level_name(LogLevel level)
{
    return level >= LOG_LEVEL_ERROR && level <= LOG_LEVEL_TRACE ? names[level] : "info";
}

int log_level_parse(const char *text, LogLevel *out)
{
    for (int i = 0; i <= LOG_LEVEL_TRACE; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (LogLevel)i;
            return 0;
        }
    if (strcmp(text, "warning") == 0) {
        *out = LOG_LEVEL_WARN;
        return 0;
    }
    return -1;
}

void log_msg(LogLevel level, const char *fmt, ...)
{
    char line[1024];
    if (!log_enabled(level))
        return;
    int n = snprintf(line, sizeof(line), "%s: ", log_level_name(level));
    if (n < 0 || (size_t)n >= sizeof(line))
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = strlen(line);
    if (len + 1 < sizeof(line)) {
        line[len] = '\n';
        line[len + 1] = '\0';
    } else {
        line[sizeof(line) - 2] = '\n';
    }
    fputs(line, stderr);
}
