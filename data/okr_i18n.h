/*
 * okr_i18n: the wall's words, numbers and dates in English and German.
 *
 * It lives in data/ (plain C, no SDL) because both the app (header texts,
 * badges) and the pure layout (status words, "checked in 3 d ago", numbers
 * with a decimal comma) use it: one table for every string on screen, and
 * layout stays free of app/ includes. Public names keep the short i18n_
 * prefix of the module's name.
 *
 * Two languages do not need gettext: a table of message ids with one
 * printf-style text per language keeps every string in one place, and the
 * compiler checks that no id is forgotten. Numbers and dates are formatted
 * here by hand instead of through setlocale(), because a kiosk on a Pi often
 * runs with LANG=C or with a locale that is not generated, and the screen
 * must still read "1.234,5" and "15. Dez." for a German office.
 *
 * Language: --lang wins; else the first non-empty of LC_ALL, LC_MESSAGES,
 * LANG decides ("de", "de_DE.UTF-8", "de_AT" -> German); anything else,
 * including "C" and "POSIX", is English.
 */
#ifndef OKR_I18N_H
#define OKR_I18N_H

#include <stddef.h>
#include <stdint.h>

/* Only pointers to it here: no <time.h>, whose clock() would clash with
 * names in files that include the layout header. */
struct tm;

typedef enum I18nLang { I18N_EN = 0, I18N_DE = 1, I18N_LANG_COUNT } I18nLang;

/* Message ids. The comment is the English text; "%s" arguments are strings
 * already formatted (times, durations, reasons). */
typedef enum I18nMsg {
    I18N_MSG_FETCHED,            /* "fetched %s" (time of the last fetch) */
    I18N_MSG_OFFLINE_SINCE,      /* "offline since %s: %s" (time, reason) */
    I18N_MSG_FEED_ERROR,         /* "feed error since %s: %s" (time, reason) */
    I18N_MSG_STALE,              /* "data %s old" (age from updated_at) */
    I18N_MSG_WAITING,            /* "waiting for data" */
    I18N_MSG_DEMO_FEED,          /* "demo feed" */
    I18N_MSG_NO_DATA,            /* "no data" */
    I18N_MSG_ON_TRACK,           /* "on track" */
    I18N_MSG_AT_RISK,            /* "at risk" */
    I18N_MSG_OFF_TRACK,          /* "off track" */
    I18N_MSG_DONE,               /* "done" */
    I18N_MSG_NOT_STARTED,        /* "not started" */
    I18N_MSG_CHECKED_IN_AGO,     /* "checked in %s ago" (duration) */
    I18N_MSG_NEVER_CHECKED_IN,   /* "no check-in" */
    I18N_MSG_CONFIDENCE,         /* "confidence %s" */
    I18N_MSG_DUE,                /* "due %s" (date) */
    I18N_MSG_OVERDUE,            /* "overdue %s" (date) */
    I18N_MSG_OWNER,              /* "owner %s" */
    I18N_MSG_TEAM,               /* "team %s" */
    I18N_MSG_PAGE,               /* "page %s of %s" */
    I18N_MSG_PERIOD_ELAPSED,     /* "%s of the period elapsed" (percentage) */
    I18N_MSG_PACE,               /* "pace %s" (percentage) */
    I18N_MSG_ACTIONS,            /* "actions" */
    I18N_MSG_KEY_RESULTS,        /* "key results" */
    I18N_MSG_PAUSED,             /* "rotation paused" */
    I18N_MSG_NO_DISPLAY,         /* "no display connected" */
    I18N_MSG_SCREEN_SLEEPS,      /* "screen off until %s" (time) */
    I18N_MSG_HELP_TITLE,         /* "Keys" */
    I18N_MSG_HELP_CLOSE,         /* "Any key closes" */
    I18N_MSG_KEY_PREV_NEXT,      /* "previous / next" */
    I18N_MSG_KEY_FOCUS,          /* "focus the selected objective" */
    I18N_MSG_KEY_BACK,           /* "back to the overview" */
    I18N_MSG_KEY_JUMP,           /* "jump to objective" */
    I18N_MSG_KEY_TEAM,           /* "next team" */
    I18N_MSG_KEY_PAUSE,          /* "pause / resume rotation" */
    I18N_MSG_KEY_REFRESH,        /* "refresh the feed now" */
    I18N_MSG_KEY_HELP,           /* "this help" */
    I18N_MSG_KEY_FULLSCREEN,     /* "fullscreen on / off" */
    I18N_MSG_KEY_QUIT,           /* "quit" */
    I18N_MSG_HELP_PACE_MARK,     /* "Ring notch" (the pace marker) */
    I18N_MSG_HELP_PACE,          /* "progress expected by today" */
    I18N_MSG_CACHED_DATA,        /* "cached data" */
    I18N_MSG_DAY_OF,             /* "day %s of %s" */
    I18N_MSG_STARTS_IN,          /* "starts in %s" (duration) */
    I18N_MSG_ENDED,              /* "ended" */
    I18N_MSG_NO_OBJECTIVES,      /* "No objectives in this feed" */
    I18N_MSG_NO_TEAM_OBJECTIVES, /* "No objectives for this team" */
    I18N_MSG_NOT_DONE,           /* "not done" */
    I18N_MSG_EXPECTED_BY_TODAY,  /* "expected %s by today" (percentage) */
    I18N_MSG_ACTIONS_DONE,       /* "Actions · %s of %s done" */
    I18N_MSG_MORE,               /* "+%s more" */
    I18N_MSG_MORE_KEY_RESULTS,   /* "+%s more key results" */
    I18N_MSG_WAITING_SCREEN,     /* "Waiting for data…" (the empty screen) */
    I18N_MSG_SINCE,              /* "since %s" (i18n_format_reference) */
    I18N_MSG_NO_UPDATE_SINCE,    /* "no update since %s" (weekday or date) */
    I18N_MSG_HISTORY_NOT_SAVED,  /* "history not saved: %s" (a reason below) */
    I18N_MSG_HISTORY_NOTE,       /* "history: %s" (a notice; history is saved) */
    I18N_MSG_HIST_DISK_FULL,     /* "disk full" */
    I18N_MSG_HIST_READ_ONLY,     /* "folder is read-only" */
    I18N_MSG_HIST_CORRUPT,       /* "damaged file moved aside" */
    I18N_MSG_HIST_LOCKED,        /* "file in use by another program" */
    I18N_MSG_HIST_CLOCK,         /* "clock not set" */
    I18N_MSG_HIST_IO,            /* "write error" */
    I18N_MSG_FAILING_SINCE,      /* "failing since %s: %s" (time, reason) */
    I18N_MSG_STALE_FETCH,        /* "last fetched %s ago" (no updated_at) */
    /* Why a fetch failed, in words (feed_result.h FeedFail). */
    I18N_MSG_WHY_REFUSED,       /* "connection refused" */
    I18N_MSG_WHY_UNREACHABLE,   /* "network unreachable" */
    I18N_MSG_WHY_HOST,          /* "host not found" */
    I18N_MSG_WHY_TIMEOUT,       /* "timeout" */
    I18N_MSG_WHY_LOST,          /* "connection lost" */
    I18N_MSG_WHY_DENIED,        /* "not allowed (%s): check the token" (status) */
    I18N_MSG_WHY_NOT_FOUND,     /* "not found (%s)" (status) */
    I18N_MSG_WHY_SERVER_ERROR,  /* "server error (HTTP %s)" (5xx) */
    I18N_MSG_WHY_HTTP,          /* "refused by the server (HTTP %s)" (other) */
    I18N_MSG_WHY_TLS,           /* "TLS certificate not trusted" */
    I18N_MSG_WHY_TLS_HANDSHAKE, /* "TLS handshake failed" */
    I18N_MSG_WHY_FILE_MISSING,  /* "file not found: %s" (path) */
    I18N_MSG_WHY_FILE_DENIED,   /* "no permission to read %s" (path) */
    I18N_MSG_WHY_AT,            /* "%s at %s" (reason, the URL that failed) */
    /* The screen shown when there is no data to show and a reason why. */
    I18N_MSG_PROBLEM_TITLE,   /* "The feed cannot be shown" */
    I18N_MSG_PROBLEM_OFFLINE, /* "Offline: %s" (reason) */
    I18N_MSG_PROBLEM_INVALID, /* "The feed has an error: %s" (reason) */
    I18N_MSG_PROBLEM_FEED,    /* "Feed: %s" (path or redacted URL) */
    I18N_MSG_DO_NETWORK,      /* "Check the network and the address." */
    I18N_MSG_DO_TOKEN,        /* "Check the token (OKR_KIOSK_TOKEN or --token-file)." */
    I18N_MSG_DO_ADDRESS,      /* "Check the address given to --feed." */
    I18N_MSG_DO_SERVER,       /* "The server has a problem; nothing to do here." */
    I18N_MSG_DO_TLS,          /* "Give the server's CA with --ca-file, or fix its certificate." */
    I18N_MSG_DO_CA_FILE,      /* "Check the --ca-file path." */
    I18N_MSG_DO_FILE_MISSING, /* "Create the file or point --feed at it." */
    I18N_MSG_DO_FILE_DENIED,  /* "Let the kiosk's user read the file." */
    I18N_MSG_DO_CHECK,        /* "okr-kiosk --check %s lists every problem." */
    I18N_MSG_NEXT_TRY,        /* "Next try at %s." (time) */
    I18N_MSG_ON_CHANGE,       /* "The file is read again as soon as it changes." */
    I18N_MSG_CHANGES_MOVED,   /* "Moved most" (changes view) */
    I18N_MSG_CHANGES_STATUS,  /* "Status changed" */
    I18N_MSG_CHANGES_NOTHING, /* "nothing" (an empty section) */
    I18N_MSG_CHANGES_NO_HISTORY, /* "No history yet: ..." (changes view) */
    I18N_MSG_KEY_CHANGES,        /* "changes since the standup" */
    I18N_MSG_HELP_TREND_MARK,    /* "Trend line" (focus view) */
    I18N_MSG_HELP_TREND,         /* "progress, a dot per standup" */
    I18N_MSG_HELP_DIAGONAL_MARK, /* "Faint diagonal" (behind the trend) */
    I18N_MSG_HELP_DIAGONAL,      /* "expected pace" */
    I18N_MSG_COUNT
} I18nMsg;

/* The text of id in lang (a printf format; never NULL). */
const char *i18n_text(I18nLang lang, I18nMsg id);

/* snprintf of i18n_text(lang, id) with the arguments. Returns what snprintf
 * returns. */
int i18n_format(I18nLang lang, I18nMsg id, char *buf, size_t len, ...);

/* "en", "de", "de_DE.UTF-8", "en-GB", ... -> 0 and *out; -1 if unknown. */
int i18n_lang_parse(const char *tag, I18nLang *out);

/* The language to use: cli_lang ("en"/"de", NULL if not given) wins, then
 * the locale variables in POSIX order (first non-empty of lc_all, lc_messages,
 * lang). Unknown locales give English. */
I18nLang i18n_lang_choose(const char *cli_lang, const char *lc_all, const char *lc_messages,
                          const char *lang);

/* i18n_lang_choose with the process environment. */
I18nLang i18n_lang_from_env(const char *cli_lang);

/* "en" or "de". */
const char *i18n_lang_code(I18nLang lang);

/* 1234.5 with 1 decimal: en "1,234.5", de "1.234,5". Rounds half away from
 * zero; "-0" is written "0". NaN/inf give "–". Returns the length written
 * (truncated output is still NUL-terminated). */
int i18n_format_number(I18nLang lang, double v, int decimals, char *buf, size_t len);

/* Percentages: en "42%", de "42 %" (with a no-break space). */
int i18n_format_percent(I18nLang lang, double pct, int decimals, char *buf, size_t len);

/*
 * Progress as a whole percentage: the one rule for the rings, the badges,
 * --check and --json (docs/feed-format.md, "How numbers are shown").
 *  - raw is a fraction (0.42 is 42 %); it is rounded half away from zero,
 *  - except that below 100 % it never shows 100: 0.995 and 0.996 are 99 %
 *    (a key result reads "100 %" only when it has really arrived),
 *  - and the magnitude is capped at I18N_PERCENT_CAP: beyond it the cap is
 *    shown with a "+" ("9999+ %", "-9999+ %") and *capped is set, never a
 *    silently different number. Not finite counts as beyond the cap.
 * capped may be NULL.
 */
#define I18N_PERCENT_CAP 9999L
long i18n_percent_whole(double raw, int *capped);

/* A change in percentage points, signed: "+8", "\u22123" (a real minus
 * sign, as wide as the plus), "0"; grouped like i18n_format_number. The
 * change marks of the wall; both languages write it the same way but for the
 * grouping. */
int i18n_format_points(I18nLang lang, long points, char *buf, size_t len);

/* "42 %", "99 %", "9999+ %" (both languages: the wall's big numbers). */
int i18n_format_progress(I18nLang lang, double raw, char *buf, size_t len);

/* A measured value, short enough for a ring's side: up to 2 decimals below
 * 10, 1 below 10,000, then "12.3k" and "4.5M"; en "4.6", de "4,6". */
int i18n_format_value(I18nLang lang, double v, char *buf, size_t len);

/* Whether unit is written before the number: the currencies "$", "€", "£". */
int i18n_unit_leads(const char *unit);

/* A value with its unit: "30 MQLs", "2.8 s", currency first: "€120". */
int i18n_format_quantity(I18nLang lang, double v, const char *unit, char *buf, size_t len);

/* A short age or duration, rounded down: under a minute "<1 min", under an
 * hour minutes, under 48 hours hours ("47 h", not "1 d"), then days.
 * en "<1 min", "5 min", "47 h", "2 d"; de "<1 Min.", "5 Min.", "47 Std.",
 * "2 T.". Negative counts as 0. */
int i18n_format_duration(I18nLang lang, int64_t seconds, char *buf, size_t len);

/* Unix seconds as RFC 3339 UTC, "2026-11-26T08:30:00Z" (--check, --json);
 * "?" when out of range. */
int i18n_format_utc(int64_t t, char *buf, size_t len);

/* A short date: en "Dec 15", de "15. Dez.". */
int i18n_format_date_short(I18nLang lang, const struct tm *tm, char *buf, size_t len);

/* A short date with the time: en "Nov 24, 09:30", de "24. Nov., 09:30". */
int i18n_format_date_time(I18nLang lang, const struct tm *tm, char *buf, size_t len);

/* A weekday with the time: en "Tue 09:30", de "Di. 09:30". */
int i18n_format_weekday_time(I18nLang lang, const struct tm *tm, char *buf, size_t len);

/* What a delta is measured against, as the header shows it: "since Tue 09:30"
 * when reference lies less than 6 days before now (local time), else with the
 * date, "since Nov 20, 09:30" (de "seit Di. 09:30", "seit 20. Nov., 09:30"). */
int i18n_format_reference(I18nLang lang, int64_t reference, int64_t now, char *buf, size_t len);

/* The same reference without "since", for headings that put it in their own
 * words ("No update since Tue 09:30", "No update since Nov 20, 09:30"):
 * the weekday and time under 6 days before now, else the date and time. */
int i18n_format_reference_when(I18nLang lang, int64_t reference, int64_t now, char *buf,
                               size_t len);

/* A key result's "no update since" the reference, short enough for its
 * row: the weekday when reference lies less than 6 days before now (local
 * time), else the date: "no update since Tue", "no update since Nov 20"
 * (de "kein Update seit Di.", "kein Update seit 20. Nov."). */
int i18n_format_no_update(I18nLang lang, int64_t reference, int64_t now, char *buf, size_t len);

/* Clock time, 24 h in both languages: "09:30". */
int i18n_format_time(I18nLang lang, const struct tm *tm, char *buf, size_t len);

#endif
