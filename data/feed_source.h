/*
 * feed_source: keeps an OKR feed fresh from a local file or an HTTP(S) URL on
 * a worker thread, so the render thread never waits for I/O.
 *
 * --feed accepts a path, a file:// URL, or an http:// / https:// URL. Files
 * are reloaded when they change (inotify, mtime polling as a fallback); URLs
 * are polled with jitter, conditional GET, Retry-After and backoff. Each
 * attempt ends in exactly one FeedResult put into the mailbox. The last good
 * body is cached on disk and loaded first at start (from_cache = true).
 *
 * Ownership: feed_source_start() copies everything in the config; the caller
 * keeps owning the mailbox, which must outlive the source.
 */
#ifndef FEED_SOURCE_H
#define FEED_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "feed_result.h"
#include "okr_format.h"
#include "okr_parse.h"

#define FEED_MAX_HEADERS 8

typedef struct {
    const char *location;                  /* path, file://, http://, https:// */
    double poll_s;                         /* HTTP poll interval (60) */
    double jitter;                         /* +/- fraction of poll_s (0.10) */
    double connect_timeout_s;              /* (10) */
    double total_timeout_s;                /* (30) */
    double max_backoff_s;                  /* cap of the exponential backoff (600) */
    int max_redirects;                     /* (5) */
    const char *ca_file;                   /* extra CA bundle for private CAs, or NULL */
    const char *headers[FEED_MAX_HEADERS]; /* "Name: value", NULL-terminated;
                                              never logged */
    const char *cache_dir;                 /* NULL: $XDG_CACHE_HOME/okr-kiosk; "": no cache */
    OkrLimits limits;
    OkrFormatOptions format; /* JSON or CSV (auto), CSV rules, title/period
                                   overrides (okr_format.h) */
    bool verbose;            /* one log line per fetch on stderr */
    /* Clocks, for tests that must not wait real retry delays. NULL: the
     * system's. wall_now: unix seconds, stamped on results and used to read
     * a Retry-After HTTP-date. mono_ms: monotonic milliseconds that drive the
     * HTTP poll schedule (after moving it, call feed_source_wake()). */
    int64_t (*wall_now)(void *clock_ud);
    double (*mono_ms)(void *clock_ud);
    void *clock_ud;
} FeedSourceConfig;

/* Defaults listed above, location NULL. */
FeedSourceConfig feed_source_config_default(void);

typedef struct FeedSource FeedSource;

/* Starts the worker. Returns NULL with a message in err (e.g. unsupported
 * scheme) when the location cannot be used at all. */
FeedSource *feed_source_start(const FeedSourceConfig *cfg, FeedMailbox *mb, char *err,
                              size_t errlen);
/* Ask for an attempt now (the R key); returns at once. */
void feed_source_refresh(FeedSource *src);
/* Wake the worker to look at its clock again (no attempt unless one is due:
 * for tests that move cfg.mono_ms). */
void feed_source_wake(FeedSource *src);
/* Stops and joins the worker, frees the source. NULL is fine. */
void feed_source_stop(FeedSource *src);

/* One synchronous attempt without cache or thread (for --check). */
void feed_fetch_once(const FeedSourceConfig *cfg, FeedResult *out);

/* Seconds until a source of cfg would try again after its first attempt
 * ended in kind, without jitter: poll_s after an answer, the first backoff
 * (10 s) after a failure, never above max_backoff_s. What a one-shot fetch
 * (--screenshot) shows as the next try of a URL. */
double feed_source_first_retry_s(const FeedSourceConfig *cfg, FeedResultKind kind);

/* The file in which a source keeps the last good body of location, in the
 * default cache folder ($XDG_CACHE_HOME/okr-kiosk): what --diagnose shows.
 * False when no folder can be named. */
bool feed_source_cache_path(const char *location, char *out, size_t outlen);

/* The configured clocks, or the system's. */
int64_t feed_config_wall_now(const FeedSourceConfig *cfg);

/* A --feed location as logs and messages may show it: a URL without
 * user:password@ and with any query replaced by "?..." (tokens live there),
 * a path as it is. Use it for every location that leaves the process. */
void feed_source_redact(const char *location, char *out, size_t outlen);

/* The one fetch log line, for the loop and --check -v alike, through log_msg:
 * "fetch WHERE: status 200, 1234 bytes, 12 ms, changed, next in 60 s" at
 * info (warn for a failure or an invalid body), then for a new or invalid
 * body "validation: 0 errors, 2 warnings; first: PATH: MESSAGE". where is
 * already redacted. */
void feed_source_log_result(const char *where, const FeedResult *r);
double feed_config_mono_ms(const FeedSourceConfig *cfg);

#endif
