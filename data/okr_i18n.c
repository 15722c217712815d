/*
 * okr_i18n: English and German strings and hand-made number/date formatting
 * (see okr_i18n.h for why not gettext and setlocale).
 *
 * The table is indexed by message id with designated initializers; the test
 * checks that no entry is missing in either language.
 */
#include "okr_i18n.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define NBSP "\xc2\xa0"

static const char *const table[I18N_MSG_COUNT][I18N_LANG_COUNT] = {
    [I18N_MSG_FETCHED] = {"fetched %s", "abgerufen %s"},
    [I18N_MSG_OFFLINE_SINCE] = {"offline since %s: %s", "offline seit %s: %s"},
    [I18N_MSG_FEED_ERROR] = {"feed error since %s: %s", "Feed-Fehler seit %s: %s"},
    [I18N_MSG_STALE] = {"data %s old", "Daten %s alt"},
    [I18N_MSG_WAITING] = {"waiting for data", "warte auf Daten"},
    [I18N_MSG_DEMO_FEED] = {"demo feed", "Demo-Feed"},
    [I18N_MSG_NO_DATA] = {"no data", "keine Daten"},
    [I18N_MSG_ON_TRACK] = {"on track", "im Plan"},
    [I18N_MSG_AT_RISK] = {"at risk", "gefährdet"},
    [I18N_MSG_OFF_TRACK] = {"off track", "im Verzug"},
    [I18N_MSG_DONE] = {"done", "erledigt"},
    [I18N_MSG_NOT_STARTED] = {"not started", "nicht begonnen"},
    [I18N_MSG_CHECKED_IN_AGO] = {"checked in %s ago", "Check-in vor %s"},
    [I18N_MSG_NEVER_CHECKED_IN] = {"no check-in", "kein Check-in"},
    [I18N_MSG_CONFIDENCE] = {"confidence %s", "Zuversicht %s"},
    [I18N_MSG_DUE] = {"due %s", "fällig %s"},
    [I18N_MSG_OVERDUE] = {"overdue %s", "überfällig %s"},
    [I18N_MSG_OWNER] = {"owner %s", "verantwortlich: %s"},
    [I18N_MSG_TEAM] = {"team %s", "Team %s"},
    [I18N_MSG_PAGE] = {"page %s of %s", "Seite %s von %s"},
    [I18N_MSG_PERIOD_ELAPSED] = {"%s of the period elapsed", "%s des Zeitraums vergangen"},
    [I18N_MSG_PACE] = {"pace %s", "Soll %s"},
    [I18N_MSG_ACTIONS] = {"actions", "Maßnahmen"},
    [I18N_MSG_KEY_RESULTS] = {"key results", "Schlüsselergebnisse"},
    [I18N_MSG_PAUSED] = {"rotation paused", "Wechsel angehalten"},
    [I18N_MSG_NO_DISPLAY] = {"no display connected", "kein Bildschirm angeschlossen"},
    [I18N_MSG_SCREEN_SLEEPS] = {"screen off until %s", "Bildschirm aus bis %s"},
    [I18N_MSG_HELP_TITLE] = {"Keys", "Tasten"},
    [I18N_MSG_HELP_CLOSE] = {"Any key closes", "Beliebige Taste schließt"},
    [I18N_MSG_KEY_PREV_NEXT] = {"previous / next", "zurück / weiter"},
    [I18N_MSG_KEY_FOCUS] = {"focus the selected objective", "gewähltes Ziel im Detail"},
    [I18N_MSG_KEY_BACK] = {"back to the overview", "zurück zur Übersicht"},
    [I18N_MSG_KEY_JUMP] = {"jump to objective", "direkt zu Ziel"},
    [I18N_MSG_KEY_TEAM] = {"next team", "nächstes Team"},
    [I18N_MSG_KEY_PAUSE] = {"pause / resume rotation", "Wechsel anhalten / fortsetzen"},
    [I18N_MSG_KEY_REFRESH] = {"refresh the feed now", "Feed jetzt neu laden"},
    [I18N_MSG_KEY_HELP] = {"this help", "diese Hilfe"},
    [I18N_MSG_KEY_FULLSCREEN] = {"fullscreen on / off", "Vollbild an / aus"},
    [I18N_MSG_KEY_QUIT] = {"quit", "beenden"},
    [I18N_MSG_HELP_PACE_MARK] = {"Ring notch", "Kerbe am Ring"},
    [I18N_MSG_HELP_PACE] = {"progress expected by today", "heute erwarteter Stand"},
    [I18N_MSG_CACHED_DATA] = {"cached data", "aus dem Cache"},
    [I18N_MSG_DAY_OF] = {"day %s of %s", "Tag %s von %s"},
    [I18N_MSG_STARTS_IN] = {"starts in %s", "beginnt in %s"},
    [I18N_MSG_ENDED] = {"ended", "beendet"},
    [I18N_MSG_NO_OBJECTIVES] = {"No objectives in this feed", "Keine Ziele in diesem Feed"},
    [I18N_MSG_NO_TEAM_OBJECTIVES] = {"No objectives for this team", "Keine Ziele für dieses Team"},
    [I18N_MSG_NOT_DONE] = {"not done", "offen"},
    [I18N_MSG_EXPECTED_BY_TODAY] = {"expected %s by today", "Soll heute %s"},
    [I18N_MSG_ACTIONS_DONE] = {"Actions \xc2\xb7 %s of %s done",
                               "Maßnahmen \xc2\xb7 %s von %s erledigt"},
    [I18N_MSG_MORE] = {"+%s more", "+%s weitere"},
    [I18N_MSG_MORE_KEY_RESULTS] = {"+%s more key results", "+%s weitere Schlüsselergebnisse"},
    [I18N_MSG_WAITING_SCREEN] = {"Waiting for data\xe2\x80\xa6", "Warte auf Daten\xe2\x80\xa6"},
    [I18N_MSG_SINCE] = {"since %s", "seit %s"},
    [I18N_MSG_NO_UPDATE_SINCE] = {"no update since %s", "kein Update seit %s"},
    [I18N_MSG_HISTORY_NOT_SAVED] = {"history not saved: %s", "Verlauf nicht gespeichert: %s"},
    [I18N_MSG_HISTORY_NOTE] = {"history: %s", "Verlauf: %s"},
    [I18N_MSG_HIST_DISK_FULL] = {"disk full", "Speicher voll"},
    [I18N_MSG_HIST_READ_ONLY] = {"folder is read-only", "Ordner schreibgesch\xc3\xbctzt"},
    [I18N_MSG_HIST_CORRUPT] = {"damaged file moved aside", "besch\xc3\xa4"
                                                           "digte Datei beiseitegelegt"},
    [I18N_MSG_HIST_LOCKED] = {"file in use by another program",
                              "Datei von anderem Programm belegt"},
    [I18N_MSG_HIST_CLOCK] = {"clock not set", "Uhr nicht gestellt"},
    [I18N_MSG_HIST_IO] = {"write error", "Schreibfehler"},
    [I18N_MSG_FAILING_SINCE] = {"failing since %s: %s", "Fehler seit %s: %s"},
    [I18N_MSG_STALE_FETCH] = {"last fetched %s ago", "zuletzt abgerufen vor %s"},
    [I18N_MSG_WHY_REFUSED] = {"connection refused", "Verbindung abgelehnt"},
    [I18N_MSG_WHY_UNREACHABLE] = {"network unreachable", "Netz nicht erreichbar"},
    [I18N_MSG_WHY_HOST] = {"host not found", "Server nicht gefunden"},
    [I18N_MSG_WHY_TIMEOUT] = {"timeout", "Zeitüberschreitung"},
    [I18N_MSG_WHY_LOST] = {"connection lost", "Verbindung abgebrochen"},
    [I18N_MSG_WHY_DENIED] = {"not allowed (%s): check the token",
                             "nicht erlaubt (%s): Token prüfen"},
    [I18N_MSG_WHY_NOT_FOUND] = {"not found (%s)", "nicht gefunden (%s)"},
    [I18N_MSG_WHY_SERVER_ERROR] = {"server error (HTTP %s)", "Serverfehler (HTTP %s)"},
    [I18N_MSG_WHY_HTTP] = {"refused by the server (HTTP %s)", "vom Server abgelehnt (HTTP %s)"},
    [I18N_MSG_WHY_TLS] = {"TLS certificate not trusted", "TLS-Zertifikat nicht vertrauenswürdig"},
    [I18N_MSG_WHY_TLS_HANDSHAKE] = {"TLS handshake failed", "TLS-Verbindungsaufbau fehlgeschlagen"},
    [I18N_MSG_WHY_FILE_MISSING] = {"file not found: %s", "Datei nicht gefunden: %s"},
    [I18N_MSG_WHY_FILE_DENIED] = {"no permission to read %s", "keine Leserechte für %s"},
    [I18N_MSG_WHY_AT] = {"%s at %s", "%s bei %s"},
    [I18N_MSG_PROBLEM_TITLE] = {"The feed cannot be shown", "Der Feed kann nicht angezeigt werden"},
    [I18N_MSG_PROBLEM_OFFLINE] = {"Offline: %s", "Offline: %s"},
    [I18N_MSG_PROBLEM_INVALID] = {"The feed has an error: %s", "Der Feed hat einen Fehler: %s"},
    [I18N_MSG_PROBLEM_FEED] = {"Feed: %s", "Feed: %s"},
    [I18N_MSG_DO_NETWORK] = {"Check the network and the address.", "Netzwerk und Adresse prüfen."},
    [I18N_MSG_DO_TOKEN] = {"Check the token (OKR_KIOSK_TOKEN or --token-file).",
                           "Token prüfen (OKR_KIOSK_TOKEN oder --token-file)."},
    [I18N_MSG_DO_ADDRESS] = {"Check the address given to --feed.",
                             "Die Adresse bei --feed prüfen."},
    [I18N_MSG_DO_SERVER] = {"The server has a problem; it is asked again.",
                            "Der Server hat ein Problem; er wird erneut gefragt."},
    [I18N_MSG_DO_TLS] =
        {"Give the server's CA with --ca-file, or fix its certificate.",
         "Die CA des Servers mit --ca-file angeben oder sein Zertifikat reparieren."},
    [I18N_MSG_DO_CA_FILE] = {"Check the --ca-file path.", "Den Pfad bei --ca-file prüfen."},
    [I18N_MSG_DO_FILE_MISSING] = {"Create the file or point --feed at it.",
                                  "Die Datei anlegen oder --feed auf sie zeigen lassen."},
    [I18N_MSG_DO_FILE_DENIED] = {"Let the kiosk's user read the file.",
                                 "Dem Benutzer des Kiosks Leserechte geben."},
    [I18N_MSG_DO_CHECK] = {"okr-kiosk --check %s lists every problem.",
                           "okr-kiosk --check %s listet jedes Problem auf."},
    [I18N_MSG_NEXT_TRY] = {"Next try at %s.", "Nächster Versuch um %s."},
    [I18N_MSG_CHANGES_MOVED] = {"Moved most", "Größte Bewegung"},
    [I18N_MSG_CHANGES_STATUS] = {"Status changed", "Status geändert"},
    [I18N_MSG_CHANGES_NOTHING] = {"nothing", "nichts"},
    [I18N_MSG_CHANGES_NO_HISTORY] =
        {"No history yet: changes show once the wall has seen a standup",
         "Noch kein Verlauf: Änderungen erscheinen nach dem ersten Standup"},
    [I18N_MSG_KEY_CHANGES] = {"changes since the standup", "Änderungen seit dem Standup"},
    [I18N_MSG_HELP_TREND_MARK] = {"Trend line", "Verlaufslinie"},
    [I18N_MSG_HELP_TREND] = {"progress, a dot per standup", "Fortschritt, Punkt je Standup"},
    [I18N_MSG_HELP_DIAGONAL_MARK] = {"Faint diagonal", "Blasse Diagonale"},
    [I18N_MSG_HELP_DIAGONAL] = {"expected pace", "erwartetes Tempo"},
    [I18N_MSG_ON_CHANGE] = {"The file is read again as soon as it changes.",
                            "Die Datei wird neu gelesen, sobald sie sich ändert."},
};

static const char *const wday_en[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const wday_de[7] = {"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."};

static const char *const month_en[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
/* CLDR German abbreviated month names (format context). */
static const char *const month_de[12] = {"Jan.", "Feb.", "März",  "Apr.", "Mai",  "Juni",
                                         "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."};

const char *i18n_text(I18nLang lang, I18nMsg id)
{
    if ((unsigned)lang >= I18N_LANG_COUNT)
        lang = I18N_EN;
    if ((unsigned)id >= I18N_MSG_COUNT)
        return "";
    const char *t = table[id][lang];
    if (!t)
        t = table[id][I18N_EN];
    return t ? t : "";
}

int i18n_format(I18nLang lang, I18nMsg id, char *buf, size_t len, ...)
{
    va_list ap;
    va_start(ap, len);
    int n = vsnprintf(buf, len, i18n_text(lang, id), ap);
    va_end(ap);
    return n;
}

int i18n_lang_parse(const char *tag, I18nLang *out)
{
    if (!tag || !tag[0])
        return -1;
    size_t n = strcspn(tag, "_-.@");
    if (n == 2 && strncasecmp(tag, "en", 2) == 0) {
        *out = I18N_EN;
        return 0;
    }
    if (n == 2 && strncasecmp(tag, "de", 2) == 0) {
        *out = I18N_DE;
        return 0;
    }
    return -1;
}

I18nLang i18n_lang_choose(const char *cli_lang, const char *lc_all, const char *lc_messages,
                          const char *lang)
{
    I18nLang l = I18N_EN;
    if (cli_lang && i18n_lang_parse(cli_lang, &l) == 0)
        return l;
    const char *vars[3] = {lc_all, lc_messages, lang};
    for (int i = 0; i < 3; i++) {
        if (vars[i] && vars[i][0]) {
            /* The first set variable decides, even if it is "C". */
            return i18n_lang_parse(vars[i], &l) == 0 ? l : I18N_EN;
        }
    }
    return I18N_EN;
}

I18nLang i18n_lang_from_env(const char *cli_lang)
{
    return i18n_lang_choose(cli_lang, getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"));
}

const char *i18n_lang_code(I18nLang lang)
{
    return lang == I18N_DE ? "de" : "en";
}

int i18n_format_number(I18nLang lang, double v, int decimals, char *buf, size_t len)
{
    char digits[64];
    const char group = lang == I18N_DE ? '.' : ',';
    const char point = lang == I18N_DE ? ',' : '.';

    if (len == 0)
        return 0;
    if (!isfinite(v) || fabs(v) >= 1e15)
        return snprintf(buf, len, "\xe2\x80\x93");
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    double scale = pow(10.0, decimals);
    double r = round(fabs(v) * scale) / scale;
    int neg = v < 0 && r > 0;
    snprintf(digits, sizeof digits, "%.*f", decimals, r);

    /* digits is "1234.5": copy the integer part with group separators. */
    size_t intlen = strcspn(digits, ".");
    size_t o = 0;
    char out[96];
    if (neg)
        out[o++] = '-';
    for (size_t i = 0; i < intlen; i++) {
        out[o++] = digits[i];
        size_t left = intlen - i - 1;
        if (left > 0 && left % 3 == 0)
            out[o++] = group;
    }
    if (digits[intlen] == '.') {
        out[o++] = point;
        for (size_t i = intlen + 1; digits[i]; i++)
            out[o++] = digits[i];
    }
    out[o] = '\0';
    return snprintf(buf, len, "%s", out);
}

int i18n_format_percent(I18nLang lang, double pct, int decimals, char *buf, size_t len)
{
    char num[64];
    i18n_format_number(lang, pct, decimals, num, sizeof num);
    return snprintf(buf, len, lang == I18N_DE ? "%s" NBSP "%%" : "%s%%", num);
}

int i18n_format_points(I18nLang lang, long points, char *buf, size_t len)
{
    char num[64];
    double mag = points < 0 ? -(double)points : (double)points;
    i18n_format_number(lang, mag, 0, num, sizeof num);
    if (points == 0)
        return snprintf(buf, len, "%s", num);
    return snprintf(buf, len, "%s%s", points > 0 ? "+" : "\u2212", num);
}

long i18n_percent_whole(double raw, int *capped)
{
    double p = raw * 100.0;
    int over = !isfinite(p) || fabs(p) >= (double)I18N_PERCENT_CAP + 0.5;
    long whole;
    if (over)
        whole = isnan(p) || p > 0 ? I18N_PERCENT_CAP : -I18N_PERCENT_CAP;
    else
        whole = lround(p);
    if (whole == 100 && p < 100.0)
        whole = 99; /* not there yet: never "100 %" */
    if (capped)
        *capped = over;
    return whole;
}

int i18n_format_progress(I18nLang lang, double raw, char *buf, size_t len)
{
    int capped;
    long whole = i18n_percent_whole(raw, &capped);
    (void)lang; /* "42 %" reads right in both languages */
    return snprintf(buf, len, "%ld%s %%", whole, capped ? "+" : "");
}

int i18n_format_value(I18nLang lang, double v, char *buf, size_t len)
{
    double a = fabs(v);
    int n;
    if (!isfinite(v))
        n = snprintf(buf, len, "\xe2\x80\x93");
    else if (a >= 1e6)
        n = snprintf(buf, len, "%.3gM", v / 1e6);
    else if (a >= 1e4)
        n = snprintf(buf, len, "%.3gk", v / 1e3);
    else if (fabs(v - round(v)) < 1e-9)
        n = snprintf(buf, len, "%.0f", v);
    else {
        n = snprintf(buf, len, a < 10.0 ? "%.2f" : "%.1f", v);
        size_t k = strlen(buf);
        while (k > 0 && buf[k - 1] == '0')
            buf[--k] = '\0';
        if (k > 0 && buf[k - 1] == '.')
            buf[--k] = '\0';
        n = (int)k;
    }
    if (lang == I18N_DE)
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
    return n;
}

int i18n_unit_leads(const char *u)
{
    return u &&
           (strcmp(u, "$") == 0 || strcmp(u, "\xe2\x82\xac") == 0 || strcmp(u, "\xc2\xa3") == 0);
}

int i18n_format_quantity(I18nLang lang, double v, const char *unit, char *buf, size_t len)
{
    char n[48];
    i18n_format_value(lang, v, n, sizeof n);
    if (!unit || !unit[0])
        return snprintf(buf, len, "%s", n);
    if (i18n_unit_leads(unit))
        return snprintf(buf, len, "%s%s", unit, n);
    return snprintf(buf, len, "%s %s", n, unit);
}

int i18n_format_utc(int64_t t, char *buf, size_t len)
{
    struct tm tm;
    time_t tt = (time_t)t;
    if ((int64_t)tt != t || !gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 ||
        tm.tm_year + 1900 < 0)
        return snprintf(buf, len, "?");
    return snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int i18n_format_duration(I18nLang lang, int64_t seconds, char *buf, size_t len)
{
    int de = lang == I18N_DE;
    if (seconds < 0)
        seconds = 0;
    if (seconds < 60)
        return snprintf(buf, len, de ? "<1 Min." : "<1 min");
    if (seconds < 3600)
        return snprintf(buf, len, de ? "%lld Min." : "%lld min", (long long)(seconds / 60));
    if (seconds < 48 * 3600)
        return snprintf(buf, len, de ? "%lld Std." : "%lld h", (long long)(seconds / 3600));
    return snprintf(buf, len, de ? "%lld T." : "%lld d", (long long)(seconds / 86400));
}

int i18n_format_date_short(I18nLang lang, const struct tm *tm, char *buf, size_t len)
{
    int m = tm->tm_mon;
    if (m < 0 || m > 11)
        m = 0;
    if (lang == I18N_DE)
        return snprintf(buf, len, "%d. %s", tm->tm_mday, month_de[m]);
    return snprintf(buf, len, "%s %d", month_en[m], tm->tm_mday);
}

int i18n_format_date_time(I18nLang lang, const struct tm *tm, char *buf, size_t len)
{
    char date[32];
    i18n_format_date_short(lang, tm, date, sizeof date);
    return snprintf(buf, len, "%s, %02d:%02d", date, tm->tm_hour, tm->tm_min);
}

int i18n_format_weekday_time(I18nLang lang, const struct tm *tm, char *buf, size_t len)
{
    int wd = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
    return snprintf(buf, len, "%s %02d:%02d", lang == I18N_DE ? wday_de[wd] : wday_en[wd],
                    tm->tm_hour, tm->tm_min);
}

int i18n_format_reference_when(I18nLang lang, int64_t reference, int64_t now, char *buf, size_t len)
{
    struct tm tm;
    time_t t = (time_t)reference;
    if (!localtime_r(&t, &tm))
        return snprintf(buf, len, "?");
    if (now - reference < 6 * 86400)
        return i18n_format_weekday_time(lang, &tm, buf, len);
    return i18n_format_date_time(lang, &tm, buf, len);
}

int i18n_format_reference(I18nLang lang, int64_t reference, int64_t now, char *buf, size_t len)
{
    char when[48];
    struct tm tm;
    time_t t = (time_t)reference;
    if (!localtime_r(&t, &tm))
        return snprintf(buf, len, "?");
    i18n_format_reference_when(lang, reference, now, when, sizeof when);
    return i18n_format(lang, I18N_MSG_SINCE, buf, len, when);
}

int i18n_format_no_update(I18nLang lang, int64_t reference, int64_t now, char *buf, size_t len)
{
    struct tm tm;
    time_t t = (time_t)reference;
    char when[48];
    if (!localtime_r(&t, &tm)) {
        snprintf(when, sizeof when, "?");
    } else if (now - reference < 6 * 86400) {
        int wd = tm.tm_wday >= 0 && tm.tm_wday < 7 ? tm.tm_wday : 0;
        snprintf(when, sizeof when, "%s", lang == I18N_DE ? wday_de[wd] : wday_en[wd]);
    } else {
        i18n_format_date_short(lang, &tm, when, sizeof when);
    }
    return i18n_format(lang, I18N_MSG_NO_UPDATE_SINCE, buf, len, when);
}

int i18n_format_time(I18nLang lang, const struct tm *tm, char *buf, size_t len)
{
    (void)lang;
    return snprintf(buf, len, "%02d:%02d", tm->tm_hour, tm->tm_min);
}
