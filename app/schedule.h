/*
 * schedule: when the wall's screen is on, e.g. "mon-fri 07:30-19:00".
 *
 * A schedule is a list of weekly ranges in local wall-clock time. Syntax of
 * one line (several lines may be added to one Schedule):
 *   line   := item { ("," | ";" | " ") item }
 *   item   := days | range
 *   days   := day | day "-" day | "daily" | "weekdays" | "weekends"
 *   day    := mon tue wed thu fri sat sun (or the full English names)
 *   range  := HH:MM "-" HH:MM       (24:00 allowed as an end)
 * Days written before a range apply to it and to the ranges that follow until
 * other days are written: "mon-fri 07:30-12:00, 13:00-19:00; sat 09:00-13:00",
 * "mon,wed,fri 08:00-17:00". Ranges without any days apply to every day. A
 * range whose end is not after its start crosses midnight and belongs to its
 * start day: "fri 22:00-06:00" is Friday 22:00 to Saturday 06:00. An empty line,
 * "always" or no line at all means always on.
 *
 * Whether a moment is inside the schedule is a pure function of the local wall
 * clock (struct tm). The next change is found through mktime() with
 * tm_isdst = -1, so a range boundary on a daylight-saving switch day falls on
 * the right instant, and then refined so it agrees exactly with
 * schedule_is_on() even for boundaries inside the skipped or repeated hour.
 *
 * Wake: a key press keeps the screen on for SCHEDULE_WAKE_S from that moment;
 * the wake is plain state in the struct, driven by the caller's clock, so the
 * whole behaviour can be tested with an injected clock.
 */
#ifndef OKR_SCHEDULE_H
#define OKR_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SCHEDULE_MAX_RANGES 32
#define SCHEDULE_WAKE_S 300

typedef struct ScheduleRange {
    unsigned char days; /* bit n = weekday n as in tm_wday (0 = Sunday) */
    short start_min;    /* minutes after local midnight, 0..1439 */
    short end_min;      /* 1..1440; <= start_min: ends the next day */
} ScheduleRange;

typedef struct Schedule {
    int count; /* 0 = always on */
    ScheduleRange ranges[SCHEDULE_MAX_RANGES];
    time_t wake_until; /* screen forced on before this instant */
} Schedule;

void schedule_init(Schedule *s);

/* Parses one line and appends its ranges. On error s is unchanged and err
 * names the offending word. Returns 0 or -1. */
int schedule_add(Schedule *s, const char *line, char *err, size_t errlen);

/* Parses one line of times of day instead of ranges, "mon-fri 09:30" (the
 * standup setting): the same days, "HH:MM" in place of "HH:MM-HH:MM". Each
 * time is stored as a range with start_min == end_min; such a Schedule is
 * only for the schedule_time_* functions below. Returns 0 or -1 (err). */
int schedule_add_times(Schedule *s, const char *line, char *err, size_t errlen);

/* The newest time instant of a times schedule at or before t, or (time_t)-1
 * when none lies within 8 days (or the schedule is empty). A time that the
 * clock skips on a daylight-saving day is the instant mktime() gives it. */
time_t schedule_time_at_or_before(const Schedule *s, time_t t);

/* The first time instant after t, or (time_t)-1. */
time_t schedule_time_after(const Schedule *s, time_t t);

/* Inside the schedule at this local wall-clock time (tm_wday, tm_hour,
 * tm_min are used)? Always true for an empty schedule. */
bool schedule_is_on(const Schedule *s, const struct tm *local);

/* Same for an instant, through localtime_r. */
bool schedule_is_on_at(const Schedule *s, time_t t);

/* The first instant after now at which schedule_is_on_at() changes, or
 * (time_t)-1 when it never changes (empty or always-on schedule). Looks at
 * most 8 days ahead. */
time_t schedule_next_change(const Schedule *s, time_t now);

/* A key was pressed at now: keep the screen on until now + SCHEDULE_WAKE_S. */
void schedule_wake(Schedule *s, time_t now);

/* Whether the screen should show the wall: inside the schedule or awake. */
bool schedule_screen_on(const Schedule *s, time_t now);

/* The next instant at which schedule_screen_on() changes, or (time_t)-1. */
time_t schedule_next_screen_change(const Schedule *s, time_t now);

/* Writes a one-line description ("mon-fri 07:30-19:00, sat 09:00-13:00") for
 * the start-up log. */
void schedule_describe(const Schedule *s, char *buf, size_t len);

#endif
