/*
 * feed_http: the HTTP(S) side of a feed source (internal to data/).
 *
 * One FeedHttp owns a libcurl multi + easy handle pair that lives on the
 * source's worker thread. A fetch is one conditional GET with every safety
 * limit set (timeouts, redirects, protocols, body cap, TLS verification); it
 * either yields a body for the caller to parse, or a finished FeedResult
 * (NOT_MODIFIED or FETCH_ERROR with a short human reason).
 *
 * When to poll next is decided by feed_http_next_delay(), a pure function so
 * the whole schedule (jitter, backoff, Retry-After) is tested without a clock:
 *   - success (NEW, NOT_MODIFIED) and INVALID (the server answered, the body
 *     is unusable): poll_s +/- jitter;
 *   - failure number n (n >= 1, consecutive FETCH_ERRORs): backoff =
 *     FEED_HTTP_FIRST_BACKOFF_S * 2^(n-1) (10, 20, 40, ... s), capped at
 *     max_backoff_s (600 s), with the same +/- jitter, the result never above
 *     max_backoff_s;
 *   - a Retry-After (429/503) wins over the backoff, clamped to
 *     [1 s, max_backoff_s] so a bad header cannot silence a screen for a day.
 */
#ifndef FEED_HTTP_H
#define FEED_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "feed_result.h"
#include "feed_source.h"

#define FEED_HTTP_FIRST_BACKOFF_S 10.0
/* Below this many bytes per second for the low-speed window the transfer is
 * cut off as a timeout (a 1-byte-per-second server). */
#define FEED_HTTP_LOW_SPEED_BYTES 64

typedef struct {
    double poll_s;        /* base interval after a success */
    double jitter;        /* +/- fraction applied to every delay, 0..1 */
    double max_backoff_s; /* cap of backoff and of Retry-After */
} FeedDelayPolicy;

/* Pure. failures: consecutive FETCH_ERRORs including this result (0 after a
 * success). retry_after_s < 0 when the server gave none. rand01 in [0, 1):
 * 0.5 means "no jitter", 0 the shortest, 1 the longest delay. */
double feed_http_next_delay(const FeedDelayPolicy *p, int failures, FeedResultKind kind,
                            double retry_after_s, double rand01);

/* Pure. A Retry-After value (delta seconds or an HTTP-date) -> seconds from
 * now (>= 0), or -1 when it cannot be read. */
double feed_http_parse_retry_after(const char *value, time_t now);

/* A small seedable PRNG (splitmix64) so jitter is reproducible in tests. */
uint64_t feed_rng_next(uint64_t *state);
/* Uniform in [0, 1). */
double feed_rng_01(uint64_t *state);

typedef struct FeedHttp FeedHttp;

/* cfg is borrowed and must outlive the FeedHttp (the source owns a copy).
 * Returns NULL when libcurl cannot be set up. */
FeedHttp *feed_http_new(const FeedSourceConfig *cfg, uint64_t seed);
void feed_http_free(FeedHttp *h);
/* Thread-safe: aborts a transfer in progress and any later one. */
void feed_http_cancel(FeedHttp *h);

/*
 * One GET. Fills out->at, bytes, elapsed_ms, http_status. Returns true with a
 * malloc'd body (*body, *len; caller frees) for a 2xx answer; then the caller
 * parses it and calls feed_http_accept() if the body was usable. Returns false
 * with out->kind NOT_MODIFIED (304) or FETCH_ERROR (reason set).
 */
bool feed_http_fetch(FeedHttp *h, FeedResult *out, char **body, size_t *len);
/* The last 2xx body was usable: remember its ETag / Last-Modified for the
 * next conditional GET. With accepted false they are forgotten instead. */
void feed_http_accept(FeedHttp *h, bool accepted);
/* The Content-Type of the last 2xx answer ("" when the server sent none),
 * valid until the next fetch. */
const char *feed_http_content_type(const FeedHttp *h);
/* Decides the next delay for result r (counts failures, draws jitter). */
double feed_http_schedule(FeedHttp *h, const FeedResult *r);

#endif
