/*
 * schedule: weekly on/off ranges for the screen, in local wall-clock time.
 *
 * schedule_is_on() looks only at the wall clock, so what the kiosk does is
 * what a person reading the clock on the wall expects. schedule_next_change()
 * turns the boundaries of the next days into instants with mktime()
 * (tm_isdst = -1, and 0 and 1 for the hour a fall-back day repeats), adds the instants where the UTC offset changes, and then
 * narrows the first candidate that flips the state down to the exact second
 * with a binary search on schedule_is_on_at(); that keeps the two functions in
 * agreement on daylight-saving switch days, where 02:30 may not exist or may
 * happen twice. The main loop sleeps until that instant instead of polling.
 */
#include "schedule.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ALL_DAYS 0x7f
#define LOOKAHEAD_DAYS 8

static const char *const day_short[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
static const char *const day_long[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};

void schedule_init(Schedule *s)
{
    memset(s, 0, sizeof *s);
}

static int parse_day(const char *w, size_t n)
{
    for (int d = 0; d < 7; d++) {
        if ((n == 3 && strncasecmp(w, day_short[d], 3) == 0) ||
            (n == strlen(day_long[d]) && strncasecmp(w, day_long[d], n) == 0))
            return d;
    }
    return -1;
}

/* "mon", "mon-fri", "fri-mon", "daily", "weekdays", "weekends" -> mask, or -1. */
static int parse_days(const char *w, size_t n)
{
    if ((n == 5 && strncasecmp(w, "daily", 5) == 0) ||
        (n == 8 && strncasecmp(w, "everyday", 8) == 0))
        return ALL_DAYS;
    if (n == 8 && strncasecmp(w, "weekdays", 8) == 0)
        return 0x3e;
    if (n == 8 && strncasecmp(w, "weekends", 8) == 0)
        return 0x41;
    const char *dash = memchr(w, '-', n);
    if (!dash) {
        int d = parse_day(w, n);
        return d < 0 ? -1 : 1 << d;
    }
    int a = parse_day(w, (size_t)(dash - w));
    int b = parse_day(dash + 1, n - (size_t)(dash - w) - 1);
    if (a < 0 || b < 0)
        return -1;
    int mask = 0;
    for (int d = a;; d = (d + 1) % 7) {
        mask |= 1 << d;
        if (d == b)
            break;
    }
    return mask;
}

/* "7:30" / "07:30" / "24:00" -> minutes, or -1. */
static int parse_clock(const char *w, size_t n, int allow_24)
{
    size_t i = 0;
    int h = 0, m = 0;
    while (i < n && isdigit((unsigned char)w[i]) && i < 2)
        h = h * 10 + (w[i++] - '0');
    if (i == 0 || i >= n || w[i] != ':' || n - i - 1 != 2)
        return -1;
    if (!isdigit((unsigned char)w[i + 1]) || !isdigit((unsigned char)w[i + 2]))
        return -1;
    m = (w[i + 1] - '0') * 10 + (w[i + 2] - '0');
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)))
        return -1;
    return h * 60 + m;
}

static int parse_range(const char *w, size_t n, ScheduleRange *r, char *err, size_t errlen)
{
    const char *dash = memchr(w, '-', n);
    int a = dash ? parse_clock(w, (size_t)(dash - w), 0) : -1;
    int b = dash ? parse_clock(dash + 1, n - (size_t)(dash - w) - 1, 1) : -1;
    if (a < 0 || b < 0) {
        snprintf(err, errlen, "bad time range '%.*s' (expected HH:MM-HH:MM, 00:00 to 24:00)",
                 (int)n, w);
        return -1;
    }
    if (a == b || (a == 0 && b == 0)) {
        snprintf(err, errlen, "time range '%.*s' is empty", (int)n, w);
        return -1;
    }
    r->start_min = (short)a;
    r->end_min = (short)(b == 0 ? 1440 : b);
    return 0;
}

/* One line of ranges (times false) or of times of day (times true: each
 * time is kept as a range with start_min == end_min). */
static int add_line(Schedule *s, const char *line, bool times, char *err, size_t errlen)
{
    Schedule tmp = *s;
    int days = 0, used = 1, days_at = -1, days_len = 0;
    const char *p = line;

    /* "always" alone adds nothing: an empty schedule is always on. */
    size_t lead = strspn(line, " \t");
    size_t len = strlen(line + lead);
    while (len && (line[lead + len - 1] == ' ' || line[lead + len - 1] == '\t'))
        len--;
    if (!times && len == 6 && strncasecmp(line + lead, "always", 6) == 0)
        return 0;

    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == ',' || *p == ';')
            p++;
        if (*p == '\0')
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != ',' && *p != ';')
            p++;
        size_t n = (size_t)(p - w);

        if (memchr(w, ':', n)) {
            ScheduleRange r;
            if (times) {
                int m = parse_clock(w, n, 0);
                if (m < 0) {
                    snprintf(err, errlen, "bad time '%.*s' (expected HH:MM, 00:00 to 23:59)",
                             (int)n, w);
                    return -1;
                }
                r.start_min = r.end_min = (short)m;
            } else if (parse_range(w, n, &r, err, errlen) != 0) {
                return -1;
            }
            if (tmp.count >= SCHEDULE_MAX_RANGES) {
                snprintf(err, errlen, "too many time ranges (at most %d)", SCHEDULE_MAX_RANGES);
                return -1;
            }
            r.days = (unsigned char)(days ? days : ALL_DAYS);
            tmp.ranges[tmp.count++] = r;
            used = 1;
            continue;
        }
        int mask = parse_days(w, n);
        if (mask < 0) {
            snprintf(err, errlen,
                     "unknown day or time '%.*s' (expected mon..sun, mon-fri, "
                     "daily, weekdays, weekends or %s)",
                     (int)n, w, times ? "HH:MM" : "HH:MM-HH:MM");
            return -1;
        }
        if (used) {
            days = 0;
            used = 0;
            days_at = (int)(w - line);
        }
        days |= mask;
        days_len = (int)(p - line) - days_at;
    }
    if (!used) {
        snprintf(err, errlen, "days '%.*s' have no %s (e.g. %.*s %s)", days_len, line + days_at,
                 times ? "time" : "time range", days_len, line + days_at,
                 times ? "09:30" : "07:30-19:00");
        return -1;
    }
    *s = tmp;
    return 0;
}

int schedule_add(Schedule *s, const char *line, char *err, size_t errlen)
{
    return add_line(s, line, false, err, errlen);
}

int schedule_add_times(Schedule *s, const char *line, char *err, size_t errlen)
{
    return add_line(s, line, true, err, errlen);
}

bool schedule_is_on(const Schedule *s, const struct tm *local)
{
    if (s->count == 0)
        return true;
    int m = local->tm_hour * 60 + local->tm_min;
    int wd = local->tm_wday;
    int prev = (wd + 6) % 7;
    for (int i = 0; i < s->count; i++) {
        const ScheduleRange *r = &s->ranges[i];
        if (r->end_min > r->start_min) {
            if ((r->days >> wd & 1) && m >= r->start_min && m < r->end_min)
                return true;
        } else {
            if ((r->days >> wd & 1) && m >= r->start_min)
                return true;
            if ((r->days >> prev & 1) && m < r->end_min)
                return true;
        }
    }
    return false;
}

bool schedule_is_on_at(const Schedule *s, time_t t)
{
    struct tm tm;
    if (s->count == 0 || !localtime_r(&t, &tm))
        return true;
    return schedule_is_on(s, &tm);
}

static long utc_offset(time_t t)
{
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return 0;
    return tm.tm_gmtoff;
}

static int cmp_time(const void *a, const void *b)
{
    time_t x = *(const time_t *)a, y = *(const time_t *)b;
    return (x > y) - (x < y);
}

/* A wall-clock time as an instant. isdst -1 lets mktime decide; 0 and 1 give
 * both readings of a time in the repeated hour of a fall-back day. */
static time_t boundary(const struct tm *base, int day_offset, int minutes, int isdst)
{
    struct tm tm = *base;
    tm.tm_mday += day_offset + minutes / 1440;
    minutes %= 1440;
    tm.tm_hour = minutes / 60;
    tm.tm_min = minutes % 60;
    tm.tm_sec = 0;
    tm.tm_isdst = isdst;
    return mktime(&tm);
}

/* First instant in (lo, hi] whose state differs from the state at lo, given
 * that the state at hi differs. */
static time_t refine(const Schedule *s, time_t lo, time_t hi, bool cur)
{
    while (hi - lo > 1) {
        time_t mid = lo + (hi - lo) / 2;
        if (schedule_is_on_at(s, mid) != cur)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

time_t schedule_next_change(const Schedule *s, time_t now)
{
    enum { MAXC = (LOOKAHEAD_DAYS + 2) * (SCHEDULE_MAX_RANGES * 6 + 1) };
    time_t cand[MAXC];
    int n = 0;
    struct tm base;

    if (s->count == 0 || !localtime_r(&now, &base))
        return (time_t)-1;
    bool cur = schedule_is_on_at(s, now);

    /* Range boundaries from yesterday (a range over midnight) on. */
    for (int d = -1; d <= LOOKAHEAD_DAYS; d++) {
        for (int i = 0; i < s->count; i++) {
            const ScheduleRange *r = &s->ranges[i];
            int end = r->end_min > r->start_min ? r->end_min : r->end_min + 1440;
            for (int dst = -1; dst <= 1; dst++) {
                time_t a = boundary(&base, d, r->start_min, dst);
                time_t b = boundary(&base, d, end, dst);
                if (a != (time_t)-1 && a > now)
                    cand[n++] = a;
                if (b != (time_t)-1 && b > now)
                    cand[n++] = b;
            }
        }
    }
    /* UTC offset changes: the wall clock jumps there. */
    for (int d = 0; d < LOOKAHEAD_DAYS && n < MAXC; d++) {
        time_t a = now + (time_t)d * 86400, b = a + 86400;
        if (utc_offset(a) != utc_offset(b)) {
            while (b - a > 1) {
                time_t mid = a + (b - a) / 2;
                if (utc_offset(mid) == utc_offset(a))
                    a = mid;
                else
                    b = mid;
            }
            cand[n++] = b;
        }
    }
    qsort(cand, (size_t)n, sizeof cand[0], cmp_time);

    time_t prev = now;
    for (int i = 0; i < n; i++) {
        if (cand[i] <= prev)
            continue;
        if (schedule_is_on_at(s, cand[i]) != cur)
            return refine(s, prev, cand[i], cur);
        prev = cand[i];
    }
    return (time_t)-1;
}

/* The time instants of local day base + d, into out (at most
 * SCHEDULE_MAX_RANGES); returns how many. */
static int times_of_day(const Schedule *s, const struct tm *base, int d, time_t *out)
{
    struct tm day = *base;
    day.tm_mday += d;
    day.tm_hour = 12;
    day.tm_min = day.tm_sec = 0;
    day.tm_isdst = -1;
    if (mktime(&day) == (time_t)-1)
        return 0;
    int n = 0;
    for (int i = 0; i < s->count; i++) {
        const ScheduleRange *r = &s->ranges[i];
        if (!(r->days >> day.tm_wday & 1))
            continue;
        time_t t = boundary(&day, 0, r->start_min, -1);
        if (t != (time_t)-1)
            out[n++] = t;
    }
    return n;
}

time_t schedule_time_at_or_before(const Schedule *s, time_t t)
{
    struct tm base;
    if (s->count == 0 || !localtime_r(&t, &base))
        return (time_t)-1;
    for (int d = 0; d >= -LOOKAHEAD_DAYS; d--) {
        time_t v[SCHEDULE_MAX_RANGES], best = (time_t)-1;
        int n = times_of_day(s, &base, d, v);
        for (int i = 0; i < n; i++)
            if (v[i] <= t && v[i] > best)
                best = v[i];
        if (best != (time_t)-1)
            return best;
    }
    return (time_t)-1;
}

time_t schedule_time_after(const Schedule *s, time_t t)
{
    struct tm base;
    if (s->count == 0 || !localtime_r(&t, &base))
        return (time_t)-1;
    for (int d = 0; d <= LOOKAHEAD_DAYS; d++) {
        time_t v[SCHEDULE_MAX_RANGES], best = (time_t)-1;
        int n = times_of_day(s, &base, d, v);
        for (int i = 0; i < n; i++)
            if (v[i] > t && (best == (time_t)-1 || v[i] < best))
                best = v[i];
        if (best != (time_t)-1)
            return best;
    }
    return (time_t)-1;
}

void schedule_wake(Schedule *s, time_t now)
{
    s->wake_until = now + SCHEDULE_WAKE_S;
}

bool schedule_screen_on(const Schedule *s, time_t now)
{
    return now < s->wake_until || schedule_is_on_at(s, now);
}

time_t schedule_next_screen_change(const Schedule *s, time_t now)
{
    bool state = schedule_screen_on(s, now);
    time_t t = now;
    for (int guard = 0; guard < 8; guard++) {
        time_t next = schedule_next_change(s, t);
        if (s->wake_until > t && (next == (time_t)-1 || s->wake_until < next))
            next = s->wake_until;
        if (next == (time_t)-1)
            return (time_t)-1;
        if (schedule_screen_on(s, next) != state)
            return next;
        t = next;
    }
    return (time_t)-1;
}

static void describe_days(unsigned mask, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    if (mask == ALL_DAYS) {
        snprintf(buf, len, "daily");
        return;
    }
    /* Walk Monday..Sunday, compressing runs into "mon-fri". */
    for (int k = 0; k < 7; k++) {
        int d = (k + 1) % 7;
        if (!(mask >> d & 1))
            continue;
        int e = k;
        while (e + 1 < 7 && (mask >> ((e + 2) % 7) & 1))
            e++;
        int de = (e + 1) % 7;
        int w = e > k ? snprintf(buf + used, len - used, "%s%s-%s", used ? "," : "", day_short[d],
                                 day_short[de])
                      : snprintf(buf + used, len - used, "%s%s", used ? "," : "", day_short[d]);
        if (w < 0 || (size_t)w >= len - used)
            return;
        used += (size_t)w;
        k = e;
    }
}

void schedule_describe(const Schedule *s, char *buf, size_t len)
{
    size_t used = 0;
    if (len == 0)
        return;
    buf[0] = '\0';
    if (s->count == 0) {
        snprintf(buf, len, "always");
        return;
    }
    for (int i = 0; i < s->count; i++) {
        const ScheduleRange *r = &s->ranges[i];
        char days[64];
        describe_days(r->days, days, sizeof days);
        int w =
            r->start_min == r->end_min /* a time of day */
                ? snprintf(buf + used, len - used, "%s%s %02d:%02d", i ? ", " : "", days,
                           r->start_min / 60, r->start_min % 60)
                : snprintf(buf + used, len - used, "%s%s %02d:%02d-%02d:%02d", i ? ", " : "", days,
                           r->start_min / 60, r->start_min % 60, r->end_min / 60, r->end_min % 60);
        if (w < 0 || (size_t)w >= len - used)
            return;
        used += (size_t)w;
    }
}
