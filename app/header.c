/*
 * header: formats the header band's texts and badges.
 *
 * Wording is short enough to read from across the room in two seconds, and
 * says what each thing is: "fetched 09:30" (the last fetch), "offline since
 * 09:12: timeout" (only the network is "offline"), "failing since 09:12: not
 * found (404)", "feed error since 09:12: line 3 ...", "data 3 d old" (the
 * feed's own updated_at), "cached data". The time comes before the reason, so
 * a badge cut short still shows when and the start of why. At most
 * LAYOUT_MAX_BADGES badges, the most important first: the feed error, then the
 * failed fetch, then stale, then cached.
 *
 * With no data to show and a reason, the screen itself says what is wrong,
 * which feed, and what to do next (problem_* texts) instead of a badge.
 */
#include "header.h"
#include "feed_source.h"
#include "okr_util.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define DOT "\xC2\xB7" /* U+00B7 middle dot */

void header_status_init(HeaderStatus *st, bool demo)
{
    memset(st, 0, sizeof(*st));
    st->demo = demo;
    st->stale_after_s = HEADER_STALE_AFTER_S;
}

void header_status_set_location(HeaderStatus *st, const char *location)
{
    const char *loc = location != NULL ? location : "";
    st->location_is_url = strstr(loc, "://") != NULL && strncmp(loc, "file://", 7) != 0;
    if (strstr(loc, "://") != NULL && !st->location_is_url) {
        /* file:///srv/okr.json: the path is what a person knows */
        loc += strncmp(loc, "file://localhost/", 17) == 0 ? 16 : 7;
    }
    if (st->location_is_url)
        feed_source_redact(loc, st->location, sizeof(st->location));
    else
        okr_utf8_copy(st->location, sizeof(st->location), loc);
}

void header_status_update(HeaderStatus *st, const FeedResult *r)
{
    switch (r->kind) {
    case FEED_RESULT_NEW:
        st->received_at = r->at;
        st->from_cache = r->from_cache;
        if (!r->from_cache) {
            st->checked_at = r->at;
            st->failing = false;
        }
        st->invalid = false;
        break;
    case FEED_RESULT_NOT_MODIFIED:
        st->checked_at = r->at;
        st->failing = false;
        break;
    case FEED_RESULT_FETCH_ERROR:
        if (!st->failing) {
            st->failing = true;
            st->failing_since = r->at;
        }
        st->fail = r->fail != FEED_FAIL_NONE ? r->fail : FEED_FAIL_OTHER;
        st->http_status = r->http_status;
        okr_utf8_copy(st->fail_reason, sizeof(st->fail_reason), r->reason[0] ? r->reason : "error");
        okr_utf8_copy(st->failed_url, sizeof(st->failed_url), r->failed_url);
        break;
    case FEED_RESULT_INVALID:
        st->failing = false;
        st->checked_at = r->at;
        if (!st->invalid)
            st->invalid_since = r->at;
        st->invalid = true;
        okr_utf8_copy(st->invalid_reason, sizeof(st->invalid_reason),
                      r->reason[0] ? r->reason : "invalid");
        break;
    }
    if (r->from_cache)
        return; /* loaded before any attempt: says nothing about the next one */
    st->next_try_at = r->next_poll_s > 0 ? r->at + (int64_t)(r->next_poll_s + 0.5) : 0;
}

/* "09:30" when t is on the same local day as now, else the date too:
 * "Nov 24, 09:30" / "24. Nov., 09:30". */
static void format_when(I18nLang lang, char *out, size_t outlen, int64_t t, int64_t now)
{
    struct tm tt, tn;
    time_t a = (time_t)t, b = (time_t)now;
    if (localtime_r(&a, &tt) == NULL || localtime_r(&b, &tn) == NULL) {
        snprintf(out, outlen, "?");
        return;
    }
    if (tt.tm_year == tn.tm_year && tt.tm_yday == tn.tm_yday)
        i18n_format_time(lang, &tt, out, outlen);
    else
        i18n_format_date_time(lang, &tt, out, outlen);
}

static void add_badge(HeaderTexts *out, BadgeKind kind, const char *text)
{
    if (out->n_badges >= LAYOUT_MAX_BADGES)
        return;
    snprintf(out->badges[out->n_badges], sizeof(out->badges[0]), "%s", text);
    out->kinds[out->n_badges] = kind;
    out->n_badges++;
}

static void format_period(HeaderTexts *out, const OkrFeed *feed, int64_t now, I18nLang lang)
{
    char a[32], b[32], what[96];
    const char *label = feed->period_label != NULL ? feed->period_label : "";
    const char *sep = label[0] != '\0' ? " " DOT " " : "";
    out->period_elapsed = feed->has_expected ? feed->expected : -1.0;
    if (!feed->has_period || feed->period_end <= feed->period_start) {
        snprintf(out->period, sizeof(out->period), "%s", label);
        return;
    }
    int64_t days = (feed->period_end - feed->period_start + 86399) / 86400;
    if (now < feed->period_start) {
        int64_t in = (feed->period_start - now + 86399) / 86400;
        snprintf(a, sizeof(a), "%lld %s", (long long)in, lang == I18N_DE ? "T." : "d");
        i18n_format(lang, I18N_MSG_STARTS_IN, what, sizeof(what), a);
    } else if (now >= feed->period_end) {
        i18n_format(lang, I18N_MSG_ENDED, what, sizeof(what));
    } else {
        int64_t day = (now - feed->period_start) / 86400 + 1;
        snprintf(a, sizeof(a), "%lld", (long long)day);
        snprintf(b, sizeof(b), "%lld", (long long)days);
        i18n_format(lang, I18N_MSG_DAY_OF, what, sizeof(what), a, b);
    }
    snprintf(out->period, sizeof(out->period), "%s%s%s", label, sep, what);
}

/* The words for each class of failure, and what they name: the HTTP status,
 * the file or nothing. A class not listed keeps the fetch's own detail. */
enum { NAMES_NOTHING, NAMES_STATUS, NAMES_FILE };
static const struct {
    FeedFail fail;
    I18nMsg msg;
    int names;
} fail_words[] = {
    {FEED_FAIL_NET_REFUSED, I18N_MSG_WHY_REFUSED, NAMES_NOTHING},
    {FEED_FAIL_NET_UNREACHABLE, I18N_MSG_WHY_UNREACHABLE, NAMES_NOTHING},
    {FEED_FAIL_NET_HOST, I18N_MSG_WHY_HOST, NAMES_NOTHING},
    {FEED_FAIL_NET_TIMEOUT, I18N_MSG_WHY_TIMEOUT, NAMES_NOTHING},
    {FEED_FAIL_NET_LOST, I18N_MSG_WHY_LOST, NAMES_NOTHING},
    {FEED_FAIL_HTTP_DENIED, I18N_MSG_WHY_DENIED, NAMES_STATUS},
    {FEED_FAIL_HTTP_NOT_FOUND, I18N_MSG_WHY_NOT_FOUND, NAMES_STATUS},
    {FEED_FAIL_HTTP_STATUS, I18N_MSG_WHY_HTTP, NAMES_STATUS}, /* 5xx: below */
    {FEED_FAIL_TLS, I18N_MSG_WHY_TLS, NAMES_NOTHING},
    {FEED_FAIL_TLS_HANDSHAKE, I18N_MSG_WHY_TLS_HANDSHAKE, NAMES_NOTHING},
    {FEED_FAIL_FILE_MISSING, I18N_MSG_WHY_FILE_MISSING, NAMES_FILE},
    {FEED_FAIL_FILE_DENIED, I18N_MSG_WHY_FILE_DENIED, NAMES_FILE},
};

void header_fail_words(const HeaderStatus *st, char *out, size_t outlen)
{
    char code[16], words[LAYOUT_TEXT_MAX];
    size_t i = 0, n = sizeof(fail_words) / sizeof(fail_words[0]);
    while (i < n && fail_words[i].fail != st->fail)
        i++;
    if (i == n) { /* the detail says it all (and names a redirect target itself) */
        okr_utf8_copy(out, outlen, st->fail_reason);
        return;
    }
    I18nMsg msg = fail_words[i].msg;
    if (st->fail == FEED_FAIL_HTTP_STATUS && st->http_status >= 500)
        msg = I18N_MSG_WHY_SERVER_ERROR;
    snprintf(code, sizeof(code), "%d", st->http_status);
    /* a message that names nothing ignores the argument */
    i18n_format(st->lang, msg, words, sizeof(words),
                fail_words[i].names == NAMES_STATUS ? code
                : fail_words[i].names == NAMES_FILE ? st->location
                                                    : "");
    okr_utf8_drop_partial(words);
    if (st->failed_url[0] != '\0')
        i18n_format(st->lang, I18N_MSG_WHY_AT, out, outlen, words, st->failed_url);
    else
        snprintf(out, outlen, "%s", words);
    okr_utf8_drop_partial(out);
}

/* "Not allowed ...": the first letter up (ASCII only: every reason starts so). */
static void capitalize(char *s)
{
    if (s[0] >= 'a' && s[0] <= 'z')
        s[0] = (char)toupper((unsigned char)s[0]);
}

/* What to do, then when the next try is: "Check the token (...). Next try at 09:14." */
static void format_todo(HeaderTexts *out, const HeaderStatus *st, int64_t now)
{
    I18nLang lang = st->lang;
    char todo[LAYOUT_TEXT_MAX] = "", next[96] = "", when[32];
    I18nMsg what = I18N_MSG_COUNT;
    if (st->invalid) {
        i18n_format(lang, I18N_MSG_DO_CHECK, todo, sizeof(todo), st->location);
    } else {
        switch (st->fail) {
        case FEED_FAIL_NET_REFUSED:
        case FEED_FAIL_NET_UNREACHABLE:
        case FEED_FAIL_NET_HOST:
        case FEED_FAIL_NET_TIMEOUT:
        case FEED_FAIL_NET_LOST:
            what = I18N_MSG_DO_NETWORK;
            break;
        case FEED_FAIL_HTTP_DENIED:
            what = I18N_MSG_DO_TOKEN;
            break;
        case FEED_FAIL_HTTP_NOT_FOUND:
            what = I18N_MSG_DO_ADDRESS;
            break;
        case FEED_FAIL_HTTP_STATUS:
            what = st->http_status >= 500 ? I18N_MSG_DO_SERVER : I18N_MSG_DO_ADDRESS;
            break;
        case FEED_FAIL_TLS:
        case FEED_FAIL_TLS_HANDSHAKE:
            what = I18N_MSG_DO_TLS;
            break;
        case FEED_FAIL_CA_FILE:
            what = I18N_MSG_DO_CA_FILE;
            break;
        case FEED_FAIL_FILE_MISSING:
            what = I18N_MSG_DO_FILE_MISSING;
            break;
        case FEED_FAIL_FILE_DENIED:
            what = I18N_MSG_DO_FILE_DENIED;
            break;
        default:
            break;
        }
        if (what != I18N_MSG_COUNT)
            i18n_format(lang, what, todo, sizeof(todo));
    }
    if (st->next_try_at > 0 && st->next_try_at - now < 120) {
        /* soon: to the second, or "09:30" would read as now */
        struct tm tt;
        time_t a = (time_t)st->next_try_at;
        if (localtime_r(&a, &tt) != NULL)
            snprintf(when, sizeof(when), "%02d:%02d:%02d", tt.tm_hour, tt.tm_min, tt.tm_sec);
        else
            snprintf(when, sizeof(when), "?");
        i18n_format(lang, I18N_MSG_NEXT_TRY, next, sizeof(next), when);
    } else if (st->next_try_at > 0) {
        format_when(lang, when, sizeof(when), st->next_try_at, now);
        i18n_format(lang, I18N_MSG_NEXT_TRY, next, sizeof(next), when);
    } else if (!st->location_is_url) {
        i18n_format(lang, I18N_MSG_ON_CHANGE, next, sizeof(next));
    }
    snprintf(out->problem_todo, sizeof(out->problem_todo), "%s%s%s", todo,
             todo[0] && next[0] ? " " : "", next);
    okr_utf8_drop_partial(out->problem_todo);
}

/* The whole story for the screen without data. */
static void format_problem(HeaderTexts *out, const HeaderStatus *st, int64_t now)
{
    I18nLang lang = st->lang;
    char words[LAYOUT_TEXT_MAX];
    i18n_format(lang, I18N_MSG_PROBLEM_TITLE, out->problem_title, sizeof(out->problem_title));
    if (st->invalid) {
        i18n_format(lang, I18N_MSG_PROBLEM_INVALID, out->problem_reason,
                    sizeof(out->problem_reason), st->invalid_reason);
    } else {
        header_fail_words(st, words, sizeof(words));
        if (feed_fail_is_offline(st->fail))
            i18n_format(lang, I18N_MSG_PROBLEM_OFFLINE, out->problem_reason,
                        sizeof(out->problem_reason), words);
        else
            snprintf(out->problem_reason, sizeof(out->problem_reason), "%s", words);
        capitalize(out->problem_reason);
    }
    okr_utf8_drop_partial(out->problem_reason);
    /* the file reasons name the path already */
    if (st->location[0] && (st->invalid || (st->fail != FEED_FAIL_FILE_MISSING &&
                                            st->fail != FEED_FAIL_FILE_DENIED))) {
        i18n_format(lang, I18N_MSG_PROBLEM_FEED, out->problem_where, sizeof(out->problem_where),
                    st->location);
        okr_utf8_drop_partial(out->problem_where);
    }
    format_todo(out, st, now);
}

void header_format(HeaderTexts *out, const OkrFeed *feed, const HeaderStatus *st, int64_t now)
{
    char buf[LAYOUT_TEXT_MAX], when[32], age[32], words[LAYOUT_TEXT_MAX];

    memset(out, 0, sizeof(*out));
    out->period_elapsed = -1.0;

    time_t tnow = (time_t)now;
    struct tm tm;
    I18nLang lang = st->lang;
    if (localtime_r(&tnow, &tm) != NULL)
        i18n_format_time(lang, &tm, out->clock, sizeof(out->clock));

    if (feed != NULL) {
        snprintf(out->title, sizeof(out->title), "%s", okr_feed_title(feed));
        format_period(out, feed, now, lang);
    }
    if (feed != NULL && st->received_at > 0) {
        format_when(lang, when, sizeof(when), st->received_at, now);
        i18n_format(lang, I18N_MSG_FETCHED, out->updated, sizeof(out->updated), when);
    }
    if (feed == NULL && (st->invalid || st->failing)) {
        format_problem(out, st, now);
    } else {
        if (st->invalid) {
            format_when(lang, when, sizeof(when), st->invalid_since, now);
            i18n_format(lang, I18N_MSG_FEED_ERROR, buf, sizeof(buf), when, st->invalid_reason);
            okr_utf8_drop_partial(buf);
            add_badge(out, BADGE_ERROR, buf);
        }
        if (st->failing) {
            format_when(lang, when, sizeof(when), st->failing_since, now);
            header_fail_words(st, words, sizeof(words));
            i18n_format(lang,
                        feed_fail_is_offline(st->fail) ? I18N_MSG_OFFLINE_SINCE
                                                       : I18N_MSG_FAILING_SINCE,
                        buf, sizeof(buf), when, words);
            okr_utf8_drop_partial(buf);
            add_badge(out, BADGE_WARN, buf);
        }
    }
    if (feed != NULL) {
        /* The data's own age when the feed says it, else the last fetch's. */
        int64_t data_time = feed->has_updated_at ? feed->updated_at : st->received_at;
        if (data_time > 0 && st->stale_after_s > 0 && now - data_time > st->stale_after_s) {
            i18n_format_duration(lang, now - data_time, age, sizeof(age));
            i18n_format(lang, feed->has_updated_at ? I18N_MSG_STALE : I18N_MSG_STALE_FETCH, buf,
                        sizeof(buf), age);
            add_badge(out, BADGE_WARN, buf);
        }
        if (st->from_cache)
            add_badge(out, BADGE_INFO, i18n_text(lang, I18N_MSG_CACHED_DATA));
        if (st->has_reference)
            i18n_format_reference(lang, st->reference, now, out->since, sizeof(out->since));
    }
    if (st->history_reason > 0 && st->history_reason < I18N_MSG_COUNT) {
        i18n_format(lang, st->history_note ? I18N_MSG_HISTORY_NOTE : I18N_MSG_HISTORY_NOT_SAVED,
                    buf, sizeof(buf), i18n_text(lang, (I18nMsg)st->history_reason));
        add_badge(out, st->history_note ? BADGE_INFO : BADGE_WARN, buf);
    }
    if (st->demo)
        i18n_format(lang, I18N_MSG_DEMO_FEED, out->notice, sizeof(out->notice));
}

HeaderInfo header_info(const HeaderTexts *t)
{
    HeaderInfo h;
    memset(&h, 0, sizeof(h));
    h.title = t->title[0] ? t->title : NULL;
    h.period = t->period[0] ? t->period : NULL;
    h.period_elapsed = t->period_elapsed;
    h.clock = t->clock[0] ? t->clock : NULL;
    h.updated = t->updated[0] ? t->updated : NULL;
    for (int i = 0; i < t->n_badges && i < LAYOUT_MAX_BADGES; i++) {
        h.badges[i] = t->badges[i];
        h.badge_kinds[i] = t->kinds[i];
    }
    h.notice = t->notice[0] ? t->notice : NULL;
    h.since = t->since[0] ? t->since : NULL;
    h.problem_title = t->problem_title[0] ? t->problem_title : NULL;
    h.problem_reason = t->problem_reason[0] ? t->problem_reason : NULL;
    h.problem_where = t->problem_where[0] ? t->problem_where : NULL;
    h.problem_todo = t->problem_todo[0] ? t->problem_todo : NULL;
    return h;
}
