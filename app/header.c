/*
 * header: formats the header band's texts and badges.
 *
 * Wording is short enough to read from across the room in two seconds:
 * "updated 09:30", "offline since 09:12 (timeout)", "feed error: line 3 ...",
 * "stale: 3 h", "cached data". At most LAYOUT_MAX_BADGES badges, the most
 * important first: the feed error, then offline, then stale, then cached.
 */
#include "header.h"
#include "okr_util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define BADGE_REASON_MAX 48
#define DOT "\xC2\xB7" /* U+00B7 middle dot */

void header_status_init(HeaderStatus *st, bool demo)
{
    memset(st, 0, sizeof(*st));
    st->demo = demo;
    st->stale_after_s = HEADER_STALE_AFTER_S;
}

void header_status_update(HeaderStatus *st, const FeedResult *r)
{
    switch (r->kind) {
    case FEED_RESULT_NEW:
        st->received_at = r->at;
        st->from_cache = r->from_cache;
        if (!r->from_cache) {
            st->checked_at = r->at;
            st->offline = false;
        }
        st->invalid = false;
        break;
    case FEED_RESULT_NOT_MODIFIED:
        st->checked_at = r->at;
        st->offline = false;
        break;
    case FEED_RESULT_FETCH_ERROR:
        if (!st->offline) {
            st->offline = true;
            st->offline_since = r->at;
        }
        okr_utf8_copy_short(st->offline_reason, sizeof(st->offline_reason), r->reason[0] ? r->reason : "error",
                   BADGE_REASON_MAX);
        break;
    case FEED_RESULT_INVALID:
        st->offline = false;
        st->checked_at = r->at;
        st->invalid = true;
        okr_utf8_copy_short(st->invalid_reason, sizeof(st->invalid_reason), r->reason[0] ? r->reason : "invalid",
                   BADGE_REASON_MAX);
        break;
    }
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

void header_format(HeaderTexts *out, const OkrFeed *feed, const HeaderStatus *st, int64_t now)
{
    char buf[192], when[32], age[32];

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
        i18n_format(lang, I18N_MSG_UPDATED, out->updated, sizeof(out->updated), when);
    }

    if (st->invalid) {
        i18n_format(lang, I18N_MSG_FEED_ERROR, buf, sizeof(buf), st->invalid_reason);
        add_badge(out, BADGE_ERROR, buf);
    }
    if (st->offline) {
        format_when(lang, when, sizeof(when), st->offline_since, now);
        i18n_format(lang, I18N_MSG_OFFLINE_SINCE, buf, sizeof(buf), when, st->offline_reason);
        add_badge(out, BADGE_WARN, buf);
    }
    if (feed != NULL) {
        int64_t data_time = feed->has_updated_at ? feed->updated_at : st->received_at;
        if (data_time > 0 && st->stale_after_s > 0 && now - data_time > st->stale_after_s) {
            i18n_format_duration(lang, now - data_time, age, sizeof(age));
            i18n_format(lang, I18N_MSG_STALE, buf, sizeof(buf), age);
            add_badge(out, BADGE_WARN, buf);
        }
        if (st->from_cache)
            add_badge(out, BADGE_INFO, i18n_text(lang, I18N_MSG_CACHED_DATA));
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
    return h;
}
