/*
 * standup: "since the last standup" (see the header). Every instant comes
 * from schedule_time_at_or_before(), so the rule and the list of standups for
 * the trend dots agree on daylight-saving days.
 */
#include "standup.h"

#include <string.h>

int64_t standup_reference(const Schedule *standups, int64_t now)
{
    if (!standups || standups->count == 0)
        return now - STANDUP_DEFAULT_WINDOW_S;
    time_t cur = schedule_time_at_or_before(standups, (time_t)now);
    if (cur == (time_t)-1)
        return now - STANDUP_DEFAULT_WINDOW_S;
    time_t prev = schedule_time_at_or_before(standups, cur - 1);
    return prev == (time_t)-1 ? (int64_t)cur - STANDUP_DEFAULT_WINDOW_S : (int64_t)prev;
}

int64_t standup_next_change(const Schedule *standups, int64_t now)
{
    if (!standups || standups->count == 0)
        return -1;
    time_t next = schedule_time_after(standups, (time_t)now);
    return next == (time_t)-1 ? -1 : (int64_t)next;
}

size_t standup_list(const Schedule *standups, int64_t from, int64_t to, int64_t *out, size_t max)
{
    size_t n = 0;
    if (!standups || standups->count == 0 || max == 0)
        return 0;
    /* Newest first, then reversed. */
    time_t t = schedule_time_at_or_before(standups, (time_t)to);
    while (t != (time_t)-1 && (int64_t)t >= from && n < max) {
        out[n++] = t;
        t = schedule_time_at_or_before(standups, t - 1);
    }
    for (size_t i = 0; i < n / 2; i++) {
        int64_t x = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = x;
    }
    return n;
}
