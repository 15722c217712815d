/*
 * feed_result: what a feed source hands to the main thread after each attempt,
 * and the thread-safe mailbox that carries it.
 *
 * A source's worker thread puts results; the main thread takes them. The
 * mailbox calls a wake function (set by the app, e.g. one that pushes an SDL
 * event or posts a semaphore) after every put, so the data layer itself never
 * includes SDL.
 */
#ifndef FEED_RESULT_H
#define FEED_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "okr_diag.h"
#include "okr_model.h"

typedef enum {
    FEED_RESULT_NEW,          /* a new, showable feed: .feed is set */
    FEED_RESULT_NOT_MODIFIED, /* 304 or unchanged file: nothing re-parsed */
    FEED_RESULT_FETCH_ERROR,  /* could not read it (network, HTTP status, file) */
    FEED_RESULT_INVALID,      /* read it, but it cannot be shown (parse error) */
} FeedResultKind;

/* Why a FETCH_ERROR happened, in classes a person can act on: the screen
 * words them (in English or German) from this, and `reason` keeps the
 * English detail for logs. Only the NET_ ones mean "offline". */
typedef enum {
    FEED_FAIL_NONE = 0,
    FEED_FAIL_OTHER,           /* reason says it all */
    FEED_FAIL_NET_REFUSED,     /* connection refused */
    FEED_FAIL_NET_UNREACHABLE, /* network unreachable, could not connect */
    FEED_FAIL_NET_HOST,        /* host (or proxy) not found */
    FEED_FAIL_NET_TIMEOUT,     /* timeout, too slow */
    FEED_FAIL_NET_LOST,        /* reset, truncated, empty reply */
    FEED_FAIL_HTTP_DENIED,     /* 401 / 403: the token or the server's rules */
    FEED_FAIL_HTTP_NOT_FOUND,  /* 404 / 410 */
    FEED_FAIL_HTTP_STATUS,     /* any other status (http_status) */
    FEED_FAIL_TLS,             /* certificate not trusted */
    FEED_FAIL_TLS_HANDSHAKE,   /* TLS handshake failed */
    FEED_FAIL_CA_FILE,         /* --ca-file cannot be read */
    FEED_FAIL_FILE_MISSING,    /* the local file does not exist */
    FEED_FAIL_FILE_DENIED,     /* no permission to read it */
} FeedFail;

/* True for the failures that mean the network (or the host) is down. */
bool feed_fail_is_offline(FeedFail fail);

typedef struct {
    FeedResultKind kind;
    OkrFeed *feed;        /* NEW: owned by whoever holds the result */
    OkrDiagList diags;    /* NEW (warnings) or INVALID (errors): owned likewise */
    char reason[160];     /* FETCH_ERROR / INVALID: short, for a badge ("HTTP 500",
                            "connection refused", "timeout", "line 3: ...") */
    FeedFail fail;        /* FETCH_ERROR: the class of reason */
    char failed_url[256]; /* FETCH_ERROR after a redirect: the URL that failed
                            (redacted), "" when it was the feed's own */
    int http_status;      /* 0 for files and transport errors */
    bool from_cache;      /* NEW loaded from the on-disk cache at start */
    int64_t at;           /* wall-clock unix seconds of the attempt */
    double next_poll_s;   /* delay the source chose before its next attempt */
    size_t bytes;         /* body size received */
    double elapsed_ms;    /* duration of the attempt */
} FeedResult;

/* Frees feed and diags inside the result (not the struct itself), zeroes it. */
void feed_result_clear(FeedResult *r);

typedef struct FeedMailbox FeedMailbox;
typedef void (*FeedWakeFn)(void *userdata);

/* wake may be NULL. Returns NULL on allocation failure. */
FeedMailbox *feed_mailbox_new(FeedWakeFn wake, void *userdata);
/* Frees any results still queued. */
void feed_mailbox_free(FeedMailbox *mb);
/* Moves *r into the mailbox (r is zeroed). When the queue is full the oldest
 * result is dropped (its feed freed), except that the newest queued NEW is
 * never dropped for a result that is not NEW. Calls wake (outside the lock).
 * Thread-safe. */
void feed_mailbox_put(FeedMailbox *mb, FeedResult *r);
/* Moves the oldest result into *out; false when empty. Thread-safe, no wait. */
bool feed_mailbox_take(FeedMailbox *mb, FeedResult *out);

#endif
