/*
 * standup: the reference point of the deltas, "since the last standup".
 *
 * The standup setting is a times schedule ("mon-fri 09:30", several lines
 * allowed; schedule_add_times() parses it, the same day syntax as the screen
 * schedule). At any moment the current standup is the newest standup time at
 * or before now, and the reference is the standup before that one: at
 * Wednesday's 09:30 standup and all Wednesday until Thursday 09:30 the wall
 * compares with Tuesday 09:30; on Monday with Friday 09:30. Without a standup
 * setting the reference is 7 days before now.
 *
 * Pure functions of the schedule and an injected "now" (local time through
 * localtime_r/mktime, so TZ decides, daylight-saving days included).
 */
#ifndef OKR_STANDUP_H
#define OKR_STANDUP_H

#include <stddef.h>
#include <stdint.h>

#include "schedule.h"

#define STANDUP_DEFAULT_WINDOW_S (7 * 86400)

/* The reference instant for now. standups may be NULL or empty. */
int64_t standup_reference(const Schedule *standups, int64_t now);

/* The next instant after now at which standup_reference() changes (the next
 * standup), or -1 when it only slides (no standup setting). */
int64_t standup_next_change(const Schedule *standups, int64_t now);

/* The standup instants in [from, to], ascending, at most max of them (the
 * newest); returns how many were written to out. */
size_t standup_list(const Schedule *standups, int64_t from, int64_t to, int64_t *out, size_t max);

#endif
