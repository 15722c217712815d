/*
 * kiosk_history: the history as the wall and --check use it (see the header).
 */
#include "kiosk_history.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_source.h"
#include "log.h"
#include "okr_i18n.h"
#include "standup.h"

#define NO_STANDUP_RECOMPUTE_S 3600

int app_history_path(const AppOptions *opts, char *buf, size_t len)
{
    if (strcmp(opts->history, "off") == 0)
        return 1;
    if (opts->history[0] && strcmp(opts->history, "auto") != 0) {
        snprintf(buf, len, "%s", opts->history);
        return 0;
    }
    return history_default_path(buf, len);
}

void app_history_feed_key(const AppOptions *opts, char *buf, size_t len)
{
    /* A file is one feed however it is named and from whatever folder the
     * wall starts: its absolute path, links resolved ("assets/feed.json" of
     * two checkouts were one history, one file by two names two). */
    char abs[PATH_MAX];
    const char *loc = opts->feed;
    if (strstr(loc, "://") == NULL && realpath(loc, abs) != NULL)
        loc = abs;
    feed_source_redact(loc, buf, len);
}

int64_t app_history_bucket_s(const OkrFeed *feed)
{
    int64_t span = 90 * 86400;
    if (feed && feed->has_period && feed->period_end > feed->period_start)
        span = feed->period_end - feed->period_start;
    int64_t b = span / (OKR_TREND_POINTS * 2);
    return b > 60 ? b : 60;
}

int app_history_deltas(const AppOptions *opts, const OkrFeed *feed, const OkrSamples *samples,
                       int64_t now, OkrDeltaSet *out)
{
    int64_t ref = standup_reference(&opts->standup, now);
    int64_t from = feed && feed->has_period && feed->period_start < now ? feed->period_start
                                                                        : now - 30 * 86400;
    int64_t st[OKR_DELTA_MAX_STANDUPS];
    size_t n = standup_list(&opts->standup, from, now, st, OKR_DELTA_MAX_STANDUPS);
    return okr_delta_compute(feed, samples, ref, now, st, n, out);
}

int app_history_reason(HistoryState state, bool *note)
{
    *note = false;
    switch (state) {
    case HISTORY_OK:
    case HISTORY_OFF:
        return 0;
    case HISTORY_DISK_FULL:
        return I18N_MSG_HIST_DISK_FULL;
    case HISTORY_READ_ONLY:
        return I18N_MSG_HIST_READ_ONLY;
    case HISTORY_MOVED:
        *note = true;
        return I18N_MSG_HIST_CORRUPT;
    case HISTORY_LOCKED:
        return I18N_MSG_HIST_LOCKED;
    case HISTORY_CLOCK:
        return I18N_MSG_HIST_CLOCK;
    case HISTORY_IO:
        return I18N_MSG_HIST_IO;
    }
    return I18N_MSG_HIST_IO;
}

void kiosk_history_start(KioskHistory *kh, const AppOptions *opts, void (*wake)(void *), void *ctx)
{
    char path[4096];
    memset(kh, 0, sizeof *kh);
    kh->state = HISTORY_OFF;
    int rc = app_history_path(opts, path, sizeof path);
    if (rc == 1) {
        log_msg(LOG_LEVEL_INFO, "history: off");
        return;
    }
    if (rc != 0) {
        log_msg(LOG_LEVEL_WARN,
                "history: no place for it (neither XDG_STATE_HOME nor HOME is set); "
                "give --history PATH");
        return;
    }
    kh->writer = history_writer_start(path, wake, ctx);
    if (!kh->writer) {
        log_msg(LOG_LEVEL_WARN, "history: cannot start its thread; running without history");
        return;
    }
    kh->state = HISTORY_OK;
    log_msg(LOG_LEVEL_INFO, "history: %s", path);
}

void kiosk_history_feed_applied(KioskHistory *kh, const AppOptions *opts, const OkrFeed *feed,
                                int64_t now)
{
    if (!kh->writer || !feed || opts->feed_is_demo)
        return; /* the demo feed is not anyone's history */
    char key[1024];
    app_history_feed_key(opts, key, sizeof key);
    HistorySnapshot *snap = history_snapshot(key, feed, now);
    if (!snap) {
        log_msg(LOG_LEVEL_WARN, "history: out of memory, this refresh is not recorded");
        return;
    }
    /* A wall on a clock fixed by --now is a preview or a test: it must not
     * delete what the real clock recorded after its time. */
    snap->backfill = opts->has_now;
    int64_t keep = history_retention_cut(feed, opts->history_keep, now);
    int64_t exact = standup_reference(&opts->standup, now);
    history_writer_submit(kh->writer, snap, keep, exact < keep ? keep : exact,
                          app_history_bucket_s(feed));
    kh->next_change = 0;
}

bool kiosk_history_update(KioskHistory *kh, const AppOptions *opts, const OkrFeed *feed,
                          int64_t now)
{
    bool changed = false;
    if (kh->writer) {
        HistoryState st = history_writer_state(kh->writer, kh->detail, sizeof kh->detail);
        if (st != kh->state) {
            log_msg(st == HISTORY_OK ? LOG_LEVEL_INFO : LOG_LEVEL_WARN, "history: %s%s%s",
                    history_state_name(st), kh->detail[0] ? ": " : "", kh->detail);
            kh->state = st;
            changed = true;
        }
    }
    if (!feed || !kh->writer) {
        if (kh->have_deltas) {
            okr_delta_set_free(&kh->deltas);
            kh->have_deltas = false;
            changed = true;
        }
        kh->deltas_for = NULL;
        return changed;
    }
    unsigned long gen = history_writer_generation(kh->writer);
    bool need = !kh->have_deltas || feed != kh->deltas_for || gen != kh->generation ||
                kh->next_change == 0 || now >= kh->next_change || now < kh->deltas.now;
    if (!need)
        return changed;
    char key[1024], mine[1024];
    app_history_feed_key(opts, mine, sizeof mine);
    const OkrSamples *s = history_writer_lock(kh->writer, key, sizeof key);
    int rc = app_history_deltas(opts, feed, strcmp(key, mine) == 0 ? s : NULL, now, &kh->deltas);
    history_writer_unlock(kh->writer);
    kh->have_deltas = rc == 0;
    kh->deltas_for = feed;
    kh->generation = gen;
    int64_t next = standup_next_change(&opts->standup, now);
    kh->next_change = next > now ? next : now + NO_STANDUP_RECOMPUTE_S;
    return true;
}

const OkrDeltaSet *kiosk_history_deltas(const KioskHistory *kh, const OkrFeed *feed)
{
    return kh->have_deltas && feed && feed == kh->deltas_for ? &kh->deltas : NULL;
}

void kiosk_history_header(const KioskHistory *kh, HeaderStatus *st)
{
    bool note;
    st->has_reference = kh->have_deltas;
    st->reference = kh->deltas.reference;
    st->history_reason = app_history_reason(kh->state, &note);
    st->history_note = note;
}

int64_t kiosk_history_deadline(const KioskHistory *kh)
{
    return kh->writer ? kh->next_change : 0;
}

void kiosk_history_stop(KioskHistory *kh)
{
    history_writer_stop(kh->writer, 2000);
    kh->writer = NULL;
    okr_delta_set_free(&kh->deltas);
    kh->have_deltas = false;
}
