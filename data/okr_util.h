/*
 * okr_util: the small helpers that data/, the layout and the renderer all
 * need, kept once: the FNV-1a hash, UTF-8 boundaries, cleaning outside text
 * for the screen, calendar days, mkdir -p of a file's folder, reading a one-line file, growing an array and starting and
 * stopping a worker thread that waits on a stop pipe. Plain C, no SDL, no state.
 *
 * FNV-1a is the hash of cache keys, of the feed cache's file names and body
 * checks, and of the layout's animation keys: fast on short keys, no table,
 * and stable across runs and machines (a cache file written by one build is
 * read by the next), which is all these uses need. It is not a defence against
 * crafted collisions; nothing here keys on it alone (caches compare the bytes).
 */
#ifndef OKR_UTIL_H
#define OKR_UTIL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OKR_HASH64_INIT UINT64_C(0xcbf29ce484222325)
#define OKR_HASH32_INIT UINT32_C(2166136261)

/* FNV-1a, 64 bits, of len bytes, continuing from h (start with
 * OKR_HASH64_INIT). */
uint64_t okr_hash64_more(uint64_t h, const void *data, size_t len);

/* okr_hash64_more(OKR_HASH64_INIT, data, len). */
uint64_t okr_hash64(const void *data, size_t len);

/* FNV-1a, 32 bits, of the NUL-terminated s (NULL counts as ""), continuing
 * from h (start with OKR_HASH32_INIT). */
uint32_t okr_hash32_more(uint32_t h, const char *s);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is invalid
 * (bad lead byte, bad continuation, overlong, surrogate, above U+10FFFF).
 * Reads at most up to the first byte that is not a continuation byte, so a
 * NUL-terminated string is never read past its end. */
size_t okr_utf8_valid_len(const unsigned char *s);

/* The same for a sequence that must end within n bytes (n > 0): never reads
 * s[n] or past it, for text that is not NUL-terminated. */
size_t okr_utf8_valid_len_n(const unsigned char *s, size_t n);

/* What okr_text_clean did to the text (it sets flags, never clears them). */
typedef struct {
    bool invalid; /* some bytes were not UTF-8 and became U+FFFD */
    bool cut;     /* the text was longer than max: cut, ending in "…" */
} OkrTextFlags;

/* Copies len bytes of src into dst (room for max + 1 bytes) as text safe to
 * show and to quote in a message: invalid UTF-8 becomes U+FFFD, control
 * characters a space (CR LF one space when crlf_one_space); when the result
 * would pass max bytes it is cut on a character boundary and ends in "…",
 * still within max bytes. Returns the length written; dst is NUL-terminated.
 * The CSV reader's cells and the feed parser's strings both go through it. */
size_t okr_text_clean(const char *src, size_t len, char *dst, size_t max, bool crlf_one_space,
                      OkrTextFlags *flags);

/* The largest n <= max (and <= strlen(s)) that does not split a UTF-8
 * sequence: the byte at s[n] is not a continuation byte. */
size_t okr_utf8_cut(const char *s, size_t max);

/* Copies src into dst (dstlen bytes, > 0), cut on a character boundary when
 * it does not fit. Returns the length written. */
size_t okr_utf8_copy(char *dst, size_t dstlen, const char *src);

/* Like okr_utf8_copy, but keeps at most max bytes of src and, when src is
 * longer, ends in "…" (the result is then at most max bytes). */
size_t okr_utf8_copy_short(char *dst, size_t dstlen, const char *src, size_t max);

/* Drops a sequence cut in half at the end of s (as snprintf leaves one when
 * the text did not fit), so a cut string never ends in half a character. */
void okr_utf8_drop_partial(char *s);

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12), by
 * H. Hinnant's algorithm, so no date depends on TZ or timegm(). */
int64_t okr_days_from_civil(int64_t y, int m, int d);

/* Days in month m (1..12) of year y, leap years counted. */
int okr_days_in_month(int64_t y, int m);

/* mkdir -p of the folder part of path (everything before the last '/'),
 * new folders mode 0700; existing ones are fine. 0 on success, -1 with errno
 * set (ENAMETOOLONG when path does not fit PATH_MAX). */
int okr_make_parent_dirs(const char *path);

/* The first line of the file at path (a sysfs or /proc entry) into out (len
 * bytes, > 1), without its newline and cut to fit; "" when it cannot be read. */
void okr_read_first_line(const char *path, char *out, size_t len);

/* Room for one more item in an array of count items of size bytes with room
 * for *cap: the array itself when count < *cap, else the array reallocated to
 * twice *cap (first items the first time) with *cap updated. NULL when memory
 * runs out; items and *cap are then untouched and still the caller's. */
void *okr_grow(void *items, size_t *cap, size_t count, size_t size, size_t first);

/* Start run(arg) on a worker thread that polls stop[0] until okr_thread_stop:
 * opens the stop pipe, starts the thread and sets *running. 0, or -1 with
 * what failed in err; either way okr_thread_stop(*thread, *running, stop)
 * then cleans up (stop is {-1, -1} on entry). */
int okr_thread_start(pthread_t *thread, bool *running, int stop[2], void *(*run)(void *), void *arg,
                     char *err, size_t errlen);

/* Stop a worker thread that polls stop[0]: when running, write one byte to
 * stop[1] and join the thread; then close both ends of the pipe (-1 ends are
 * skipped and left -1). */
void okr_thread_stop(pthread_t thread, bool running, int stop[2]);

#endif
