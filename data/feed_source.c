/*
 * feed_source: one worker thread per feed that turns a location into a stream
 * of FeedResults in the app's mailbox.
 *
 * The worker sleeps in poll() on a self-pipe (plus the inotify descriptor for
 * files), so refresh and stop wake it at once; for URLs, stop also cancels a
 * transfer in progress (feed_http_cancel), so feed_source_stop() returns
 * promptly even while a slow server is trickling bytes.
 *
 * Both kinds of source share the body handling: bytes identical to the last
 * accepted body give NOT_MODIFIED without parsing; otherwise the body is
 * parsed and becomes NEW or INVALID. A feed is handed over parsed but not
 * scored: scoring needs "now", which belongs to the app's clock.
 *
 * File results carry next_poll_s = 0: the next attempt happens on change.
 * Only URL feeds are cached on disk; a local file is its own cache.
 */
#include "feed_source.h"
#include "feed_cache.h"
#include "feed_file.h"
#include "feed_http.h"
#include "log.h"
#include "okr_util.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

typedef enum { SOURCE_FILE, SOURCE_HTTP } SourceKind;

/* The last body accepted as NEW, to tell "unchanged" without parsing. */
typedef struct {
    bool valid;
    uint64_t hash;
    size_t len;
} BodyMemo;

struct FeedSource {
    FeedSourceConfig cfg; /* strings below are owned copies */
    char *location;
    char *ca_file;
    char *cache_dir;
    char *headers[FEED_MAX_HEADERS];
    SourceKind kind;
    char *path; /* SOURCE_FILE */
    char log_name[512];
    bool have_cache;
    char cache_path[PATH_MAX];
    FeedMailbox *mb;
    FeedHttp *http;
    BodyMemo memo;
    int wake[2];
    atomic_bool stop;
    atomic_bool refresh;
    pthread_t thread;
    bool thread_started;
};

FeedSourceConfig feed_source_config_default(void)
{
    FeedSourceConfig c;
    memset(&c, 0, sizeof(c));
    c.poll_s = 60;
    c.jitter = 0.10;
    c.connect_timeout_s = 10;
    c.total_timeout_s = 30;
    c.max_backoff_s = 600;
    c.max_redirects = 5;
    c.limits = okr_limits_default();
    return c;
}

int64_t feed_config_wall_now(const FeedSourceConfig *cfg)
{
    if (cfg->wall_now)
        return cfg->wall_now(cfg->clock_ud);
    return (int64_t)time(NULL);
}

double feed_config_mono_ms(const FeedSourceConfig *cfg)
{
    if (cfg->mono_ms)
        return cfg->mono_ms(cfg->clock_ud);
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* ---- locations ------------------------------------------------------------ */

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Sorts a location into a kind; for files, *path gets a malloc'd file system
 * path. Returns 0, or -1 with a message naming what is wrong.
 */
static int parse_location(const char *loc, SourceKind *kind, char **path, char *err, size_t errlen)
{
    size_t scheme_len = 0;

    *path = NULL;
    if (!loc || !loc[0]) {
        snprintf(err, errlen, "no feed location given");
        return -1;
    }
    if (isalpha((unsigned char)loc[0])) {
        size_t i = 1;
        while (isalnum((unsigned char)loc[i]) || loc[i] == '+' || loc[i] == '-' || loc[i] == '.')
            i++;
        if (strncmp(loc + i, "://", 3) == 0)
            scheme_len = i;
    }
    if (scheme_len == 0) {
        *kind = SOURCE_FILE;
        *path = strdup(loc);
        if (!*path) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        return 0;
    }
    if ((scheme_len == 4 && strncasecmp(loc, "http", 4) == 0) ||
        (scheme_len == 5 && strncasecmp(loc, "https", 5) == 0)) {
        *kind = SOURCE_HTTP;
        if (loc[scheme_len + 3] == '\0' || loc[scheme_len + 3] == '/') {
            snprintf(err, errlen, "URL without a host: %.*s://", (int)scheme_len, loc);
            return -1;
        }
        return 0;
    }
    if (scheme_len == 4 && strncasecmp(loc, "file", 4) == 0) {
        const char *p = loc + 7;
        if (strncasecmp(p, "localhost/", 10) == 0)
            p += 9;
        if (*p != '/') {
            snprintf(err, errlen, "file:// URL must name a local absolute path (file:///path)");
            return -1;
        }
        /* percent-decode; a %00 would cut the path, refuse it */
        size_t n = strlen(p);
        char *out = malloc(n + 1);
        size_t o = 0;
        if (!out) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            int hi, lo;
            if (p[i] == '%' && i + 2 < n && (hi = hex_value(p[i + 1])) >= 0 &&
                (lo = hex_value(p[i + 2])) >= 0 && (hi || lo)) {
                out[o++] = (char)(hi * 16 + lo);
                i += 2;
            } else if (p[i] == '?' || p[i] == '#') {
                break;
            } else {
                out[o++] = p[i];
            }
        }
        out[o] = '\0';
        *kind = SOURCE_FILE;
        *path = out;
        return 0;
    }
    snprintf(err, errlen, "unsupported scheme \"%.*s\": use a path, file://, http:// or https://",
             (int)(scheme_len > 32 ? 32 : scheme_len), loc);
    return -1;
}

/* ---- shared body handling ---------------------------------------------------- */

/* Turns a body into NEW, NOT_MODIFIED or INVALID. Returns true when the body
 * was usable (NEW or unchanged). content_type: NULL for a file. */
static bool judge_body(BodyMemo *memo, const FeedSourceConfig *cfg, const char *content_type,
                       const char *body, size_t len, FeedResult *out)
{
    uint64_t hash = okr_hash64(body, len);

    out->bytes = len;
    if (memo && memo->valid && memo->hash == hash && memo->len == len) {
        out->kind = FEED_RESULT_NOT_MODIFIED;
        return true;
    }
    OkrDiagList diags = OKR_DIAG_LIST_INIT;
    OkrFeed *feed = okr_format_parse(body, len, &cfg->limits, &cfg->format, cfg->location,
                                     content_type, &diags);
    out->diags = diags;
    if (feed) {
        out->kind = FEED_RESULT_NEW;
        out->feed = feed;
        if (memo)
            *memo = (BodyMemo){.valid = true, .hash = hash, .len = len};
        return true;
    }
    out->kind = FEED_RESULT_INVALID;
    if (memo)
        memo->valid = false;
    const OkrDiag *d = okr_diag_first(&diags);
    if (okr_format_looks_like_html(body, len) && d &&
        strcmp(d->message, OKR_FORMAT_HTML_SHEET_MESSAGE) == 0)
        snprintf(out->reason, sizeof(out->reason), "%.150s", d->message);
    else if (okr_format_looks_like_html(body, len))
        snprintf(out->reason, sizeof(out->reason), "got an HTML page, not a feed");
    else if (len == 0)
        snprintf(out->reason, sizeof(out->reason), "empty feed");
    else if (d && d->path[0])
        snprintf(out->reason, sizeof(out->reason), "%.60s: %.95s", d->path, d->message);
    else if (d)
        snprintf(out->reason, sizeof(out->reason), "%.155s", d->message);
    else
        snprintf(out->reason, sizeof(out->reason), "not a feed");
    return false;
}

void feed_source_redact(const char *url, char *out, size_t outlen)
{
    const char *scheme_end = strstr(url, "://");
    const char *host = scheme_end ? scheme_end + 3 : url;
    size_t host_len = strcspn(host, "/?#");
    const char *at = memchr(host, '@', host_len);
    const char *rest = host + host_len;
    size_t path_len = strcspn(rest, "?#");
    const char *query = rest[path_len] == '?' ? "?..." : "";

    if (at) {
        host_len -= (size_t)(at + 1 - host);
        host = at + 1;
    }
    snprintf(out, outlen, "%.*s%.*s%.*s%s", (int)(scheme_end ? scheme_end + 3 - url : 0), url,
             (int)host_len, host, (int)path_len, rest, query);
}

void feed_source_log_result(const char *where, const FeedResult *r)
{
    char code[16] = "-", what[200], next[32] = "";
    if (r->http_status)
        snprintf(code, sizeof(code), "%d", r->http_status);
    if (r->next_poll_s > 0.0)
        snprintf(next, sizeof(next), ", next in %.0f s", r->next_poll_s);
    switch (r->kind) {
    case FEED_RESULT_NEW:
        snprintf(what, sizeof(what), "changed%s", r->from_cache ? " (from the disk cache)" : "");
        break;
    case FEED_RESULT_NOT_MODIFIED:
        snprintf(what, sizeof(what), "not changed");
        break;
    case FEED_RESULT_INVALID:
        snprintf(what, sizeof(what), "invalid: %.150s", r->reason);
        break;
    default:
        snprintf(what, sizeof(what), "failed: %.150s", r->reason);
        break;
    }
    bool ok = r->kind == FEED_RESULT_NEW || r->kind == FEED_RESULT_NOT_MODIFIED;
    log_msg(ok ? LOG_LEVEL_INFO : LOG_LEVEL_WARN, "fetch %s: status %s, %zu bytes, %.0f ms, %s%s",
            where, code, r->bytes, r->elapsed_ms, what, next);
    const OkrDiagList *d = &r->diags;
    if (r->kind == FEED_RESULT_NEW || r->kind == FEED_RESULT_INVALID) {
        const OkrDiag *first = d->count > 0 ? &d->items[0] : NULL;
        log_msg(d->n_errors > 0 ? LOG_LEVEL_WARN : LOG_LEVEL_INFO,
                "validation: %zu errors, %zu warnings%s%.150s%s%.200s", d->n_errors, d->n_warnings,
                first ? "; first: " : "", first ? first->path : "",
                first && first->path[0] ? ": " : "", first ? first->message : "");
    }
}

static void log_result(const FeedSourceConfig *cfg, const char *name, const FeedResult *r)
{
    if (cfg->verbose)
        feed_source_log_result(name, r);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* One attempt at a file: read, judge. */
static void attempt_file(const FeedSourceConfig *cfg, const char *path, const OkrLimits *limits,
                         BodyMemo *memo, FeedResult *out)
{
    char *body = NULL;
    size_t len = 0;
    double t0 = now_ms();

    memset(out, 0, sizeof(*out));
    out->at = feed_config_wall_now(cfg);
    if (feed_file_read(path, limits->max_body, &body, &len, out->reason, sizeof(out->reason)) !=
        0) {
        int cause = errno;
        out->kind = FEED_RESULT_FETCH_ERROR;
        out->fail = cause == ENOENT || cause == ENOTDIR ? FEED_FAIL_FILE_MISSING
                    : cause == EACCES || cause == EPERM ? FEED_FAIL_FILE_DENIED
                                                        : FEED_FAIL_OTHER;
        if (memo)
            memo->valid = false;
    } else {
        judge_body(memo, cfg, NULL, body, len, out);
    }
    free(body);
    out->elapsed_ms = now_ms() - t0;
}

/* One attempt at a URL: fetch, judge, cache. next_poll_s is left to the caller. */
static void attempt_http(FeedHttp *http, const FeedSourceConfig *cfg, BodyMemo *memo,
                         const char *cache_path, FeedResult *out)
{
    char *body = NULL;
    size_t len = 0;

    if (feed_http_fetch(http, out, &body, &len)) {
        int status = out->http_status;
        bool usable = judge_body(memo, cfg, feed_http_content_type(http), body, len, out);
        out->http_status = status;
        feed_http_accept(http, usable);
        if (out->kind == FEED_RESULT_NEW && cache_path &&
            feed_cache_store(cache_path, body, len, out->at) != 0 && cfg->verbose)
            log_msg(LOG_LEVEL_WARN, "cannot write the feed cache: %s", strerror(errno));
    }
    free(body);
}

/* ---- the worker ---------------------------------------------------------------- */

static void drain_wake(FeedSource *src)
{
    char buf[64];
    while (read(src->wake[0], buf, sizeof(buf)) > 0) {
    }
}

/* Waits up to timeout_ms (-1: forever) for a wake-up or an inotify event.
 * Returns true when the inotify descriptor is readable. */
static bool wait_for(FeedSource *src, int ifd, double timeout_ms)
{
    struct pollfd fds[2] = {{.fd = src->wake[0], .events = POLLIN}, {.fd = ifd, .events = POLLIN}};
    int t = timeout_ms < 0 ? -1 : timeout_ms > 1e9 ? 1000000000 : (int)(timeout_ms + 0.999);
    int n = poll(fds, ifd >= 0 ? 2 : 1, t);
    if (n > 0 && (fds[0].revents & POLLIN))
        drain_wake(src);
    return n > 0 && ifd >= 0 && (fds[1].revents & (POLLIN | POLLERR | POLLHUP));
}

static void put_result(FeedSource *src, FeedResult *r)
{
    if (atomic_load(&src->stop)) {
        feed_result_clear(r); /* cut short by stop; nobody waits for it */
        return;
    }
    log_result(&src->cfg, src->log_name, r);
    feed_mailbox_put(src->mb, r);
}

static void run_file(FeedSource *src)
{
    FeedFileWatch w;
    FeedResult r;
    bool pending = false;
    double first_event = 0, deadline = 0, next_stat = 0;

    if (feed_file_watch_init(&w, src->path) != 0) {
        memset(&r, 0, sizeof(r));
        r.kind = FEED_RESULT_FETCH_ERROR;
        r.fail = FEED_FAIL_OTHER;
        snprintf(r.reason, sizeof(r.reason), "out of memory");
        put_result(src, &r);
        return;
    }
    attempt_file(&src->cfg, src->path, &src->cfg.limits, &src->memo, &r);
    put_result(src, &r);
    next_stat = now_ms() + FEED_FILE_POLL_S * 1000.0; /* once soon, then as polling says */

    while (!atomic_load(&src->stop)) {
        /* With a working inotify watch the file is stat'ed only every
         * FEED_FILE_SAFETY_S seconds, a safety net for a change the watch
         * did not report (seen in tests: a rewrite right after start-up);
         * without one (or remote) every FEED_FILE_POLL_S. */
        double now = now_ms();
        double until = (pending ? deadline : next_stat) - now;
        bool event = wait_for(src, w.ifd, until < 0 ? 0 : until);
        if (atomic_load(&src->stop))
            break;
        now = now_ms();
        bool changed = false;
        if (event)
            changed = feed_file_watch_drain(&w);
        if (now >= next_stat) {
            changed = feed_file_watch_changed(&w) || changed;
            next_stat =
                now + (feed_file_watch_needs_polling(&w) ? FEED_FILE_POLL_S : FEED_FILE_SAFETY_S) *
                          1000.0;
        }
        if (changed) {
            if (!pending)
                first_event = now;
            pending = true;
            deadline = now + FEED_FILE_DEBOUNCE_MS;
            if (deadline > first_event + FEED_FILE_DEBOUNCE_MAX_MS)
                deadline = first_event + FEED_FILE_DEBOUNCE_MAX_MS;
        }
        if (atomic_exchange(&src->refresh, false) || (pending && now >= deadline)) {
            pending = false;
            attempt_file(&src->cfg, src->path, &src->cfg.limits, &src->memo, &r);
            feed_file_watch_changed(&w); /* what was read is the new baseline */
            put_result(src, &r);
        }
    }
    feed_file_watch_close(&w);
}

static void run_http(FeedSource *src)
{
    FeedResult r;
    const FeedSourceConfig *cfg = &src->cfg;
    double next_at = feed_config_mono_ms(cfg); /* first attempt at once */

    while (!atomic_load(&src->stop)) {
        double until = next_at - feed_config_mono_ms(cfg);
        if (until > 0 && !atomic_load(&src->refresh))
            wait_for(src, -1, until);
        if (atomic_load(&src->stop))
            break;
        if (!atomic_exchange(&src->refresh, false) && feed_config_mono_ms(cfg) < next_at)
            continue;
        attempt_http(src->http, cfg, &src->memo, src->have_cache ? src->cache_path : NULL, &r);
        r.next_poll_s = feed_http_schedule(src->http, &r);
        next_at = feed_config_mono_ms(cfg) + r.next_poll_s * 1000.0;
        put_result(src, &r);
    }
}

static void *worker_main(void *arg)
{
    FeedSource *src = arg;
    if (src->kind == SOURCE_FILE)
        run_file(src);
    else
        run_http(src);
    return NULL;
}

/* ---- lifecycle ------------------------------------------------------------------ */

static int open_wake_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    }
    return 0;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init_once(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void free_source(FeedSource *src)
{
    if (!src)
        return;
    feed_http_free(src->http);
    if (src->wake[0] >= 0)
        close(src->wake[0]);
    if (src->wake[1] >= 0)
        close(src->wake[1]);
    free(src->location);
    free(src->ca_file);
    free(src->cache_dir);
    for (int i = 0; i < FEED_MAX_HEADERS; i++)
        free(src->headers[i]);
    free(src->path);
    free(src);
}

/* Copies every string of the config into src. Returns false on no memory. */
static bool copy_config(FeedSource *src, const FeedSourceConfig *cfg)
{
    src->cfg = *cfg;
    src->location = strdup(cfg->location);
    src->cfg.location = src->location;
    if (cfg->ca_file) {
        src->ca_file = strdup(cfg->ca_file);
        src->cfg.ca_file = src->ca_file;
    }
    if (cfg->cache_dir) {
        src->cache_dir = strdup(cfg->cache_dir);
        src->cfg.cache_dir = src->cache_dir;
    }
    bool ok =
        src->location && (!cfg->ca_file || src->ca_file) && (!cfg->cache_dir || src->cache_dir);
    for (int i = 0; i < FEED_MAX_HEADERS; i++) {
        src->cfg.headers[i] = NULL;
        if (!cfg->headers[i])
            break;
        src->headers[i] = strdup(cfg->headers[i]);
        src->cfg.headers[i] = src->headers[i];
        ok = ok && src->headers[i];
    }
    return ok;
}

/* Puts the cached body of a URL feed into the mailbox, before any fetch. */
static void load_cache(FeedSource *src)
{
    size_t len = 0;
    int64_t at = 0;
    char *body = feed_cache_load(src->cache_path, src->cfg.limits.max_body, &len, &at);
    FeedResult r;

    if (!body)
        return;
    memset(&r, 0, sizeof(r));
    if (judge_body(NULL, &src->cfg, OKR_FORMAT_CONTENT_UNKNOWN, body, len, &r)) {
        r.from_cache = true;
        r.at = at;
        feed_mailbox_put(src->mb, &r);
    } else {
        feed_result_clear(&r);
        unlink(src->cache_path); /* parses no more (older format?): drop it */
    }
    free(body);
}

FeedSource *feed_source_start(const FeedSourceConfig *cfg, FeedMailbox *mb, char *err,
                              size_t errlen)
{
    FeedSource *src = NULL;
    SourceKind kind;
    char *path = NULL;

    if (parse_location(cfg->location, &kind, &path, err, errlen) != 0)
        return NULL;
    src = calloc(1, sizeof(*src));
    if (!src) {
        free(path);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    src->wake[0] = src->wake[1] = -1;
    src->kind = kind;
    src->path = path;
    src->mb = mb;
    atomic_init(&src->stop, false);
    atomic_init(&src->refresh, false);
    if (!copy_config(src, cfg) || open_wake_pipe(src->wake) != 0) {
        snprintf(err, errlen, "cannot start the feed source: %s", strerror(errno));
        goto fail;
    }
    if (kind == SOURCE_HTTP) {
        pthread_once(&curl_once, curl_init_once);
        uint64_t seed =
            (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)src;
        src->http = feed_http_new(&src->cfg, seed);
        if (!src->http) {
            snprintf(err, errlen, "cannot start the HTTP client");
            goto fail;
        }
        feed_source_redact(src->location, src->log_name, sizeof(src->log_name));
        src->have_cache = feed_cache_path(src->cfg.cache_dir, src->location, src->cache_path,
                                          sizeof(src->cache_path));
        if (src->have_cache)
            load_cache(src);
    } else {
        snprintf(src->log_name, sizeof(src->log_name), "%s", src->path);
    }
    if (pthread_create(&src->thread, NULL, worker_main, src) != 0) {
        snprintf(err, errlen, "cannot start the feed thread");
        goto fail;
    }
    src->thread_started = true;
    return src;

fail:
    free_source(src);
    return NULL;
}

void feed_source_refresh(FeedSource *src)
{
    if (!src)
        return;
    atomic_store(&src->refresh, true);
    ssize_t n = write(src->wake[1], "r", 1);
    (void)n; /* a full pipe already means "wake up" */
}

void feed_source_wake(FeedSource *src)
{
    if (!src)
        return;
    ssize_t n = write(src->wake[1], "w", 1);
    (void)n;
}

void feed_source_stop(FeedSource *src)
{
    if (!src)
        return;
    atomic_store(&src->stop, true);
    ssize_t n = write(src->wake[1], "s", 1);
    (void)n;
    feed_http_cancel(src->http);
    if (src->thread_started)
        pthread_join(src->thread, NULL);
    free_source(src);
}

bool feed_source_cache_path(const char *location, char *out, size_t outlen)
{
    return feed_cache_path(NULL, location, out, outlen);
}

double feed_source_first_retry_s(const FeedSourceConfig *cfg, FeedResultKind kind)
{
    FeedDelayPolicy p = {cfg->poll_s, 0.0, cfg->max_backoff_s};
    return feed_http_next_delay(&p, 1, kind, -1.0, 0.5);
}

void feed_fetch_once(const FeedSourceConfig *cfg, FeedResult *out)
{
    SourceKind kind;
    char *path = NULL;
    char name[512];

    memset(out, 0, sizeof(*out));
    out->at = feed_config_wall_now(cfg);
    if (parse_location(cfg->location, &kind, &path, out->reason, sizeof(out->reason)) != 0) {
        out->kind = FEED_RESULT_FETCH_ERROR;
        out->fail = FEED_FAIL_OTHER;
        return;
    }
    if (kind == SOURCE_FILE) {
        attempt_file(cfg, path, &cfg->limits, NULL, out);
        snprintf(name, sizeof(name), "%s", path);
    } else {
        pthread_once(&curl_once, curl_init_once);
        FeedHttp *http = feed_http_new(cfg, 1);
        if (http) {
            attempt_http(http, cfg, NULL, NULL, out);
            feed_http_free(http);
        } else {
            out->kind = FEED_RESULT_FETCH_ERROR;
            out->fail = FEED_FAIL_OTHER;
            snprintf(out->reason, sizeof(out->reason), "cannot start the HTTP client");
        }
        feed_source_redact(cfg->location, name, sizeof(name));
    }
    log_result(cfg, name, out);
    free(path);
}
