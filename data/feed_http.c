/*
 * feed_http: fetches a feed over HTTP(S) with libcurl, on the source's worker.
 *
 * Why a multi handle for a single transfer: curl_multi_poll() can be woken by
 * curl_multi_wakeup() from another thread, so feed_source_stop() interrupts a
 * transfer at once instead of waiting for curl's next progress tick. The
 * xferinfo callback checks the same cancel flag as a second line of defence.
 *
 * Every limit that protects the kiosk is set here on each fetch: protocols and
 * redirect protocols (http, https only: a redirect to file:// is refused),
 * redirect count, connect/total timeouts, a low-speed cut-off, the body cap
 * (enforced in the write callback, because libcurl 7.88 ignores
 * CURLOPT_MAXFILESIZE without a Content-Length), and TLS verification, which
 * is never turned off. Header values from the config may hold a bearer token:
 * they go into the request and nowhere else.
 */
#include "feed_http.h"
#include "feed_file.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define VALIDATOR_MAX 256

struct FeedHttp {
    const FeedSourceConfig *cfg;
    CURLM *multi;
    CURL *easy;
    atomic_bool cancel;
    int failures;
    uint64_t rng;
    /* validators of the last accepted body, sent as If-None-Match / -Since */
    char etag[VALIDATOR_MAX];
    char last_modified[VALIDATOR_MAX];
    /* per transfer */
    char got_etag[VALIDATOR_MAX];
    char got_last_modified[VALIDATOR_MAX];
    char retry_after[VALIDATOR_MAX];
    double retry_after_s;
    char content_type[VALIDATOR_MAX]; /* of the last 2xx answer */
    char *buf;
    size_t len, cap;
    bool too_big, out_of_memory;
};

/* ---- pure parts ---------------------------------------------------------- */

double feed_http_next_delay(const FeedDelayPolicy *p, int failures, FeedResultKind kind,
                            double retry_after_s, double rand01)
{
    double spread = 1.0 + p->jitter * (2.0 * rand01 - 1.0);
    double cap = p->max_backoff_s > 1.0 ? p->max_backoff_s : 1.0;

    if (kind == FEED_RESULT_FETCH_ERROR && retry_after_s >= 0) {
        if (retry_after_s < 1.0)
            return 1.0;
        return retry_after_s < cap ? retry_after_s : cap;
    }
    if (kind != FEED_RESULT_FETCH_ERROR || failures <= 0) {
        double d = p->poll_s * spread;
        return d >= 1.0 ? d : 1.0; /* also catches NaN: never a busy loop */
    }

    double backoff = FEED_HTTP_FIRST_BACKOFF_S;
    for (int i = 1; i < failures && backoff < cap; i++)
        backoff *= 2.0;
    if (backoff > cap)
        backoff = cap;
    double d = backoff * spread;
    return d > cap ? cap : d;
}

double feed_http_parse_retry_after(const char *value, time_t now)
{
    while (*value == ' ' || *value == '\t')
        value++;
    if (*value == '\0')
        return -1;
    if (isdigit((unsigned char)*value)) {
        char *end;
        errno = 0;
        double s = strtod(value, &end);
        while (*end == ' ' || *end == '\t')
            end++;
        if (errno || *end != '\0' || !isfinite(s))
            return -1;
        return s;
    }
    time_t t = curl_getdate(value, NULL);
    if (t == (time_t)-1)
        return -1;
    return t > now ? (double)(t - now) : 0.0;
}

uint64_t feed_rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double feed_rng_01(uint64_t *state)
{
    return (double)(feed_rng_next(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- libcurl callbacks ---------------------------------------------------- */

static size_t on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
    FeedHttp *h = userdata;
    size_t n = size * nmemb;
    size_t max = h->cfg->limits.max_body;

    if (n > max || h->len > max - n) {
        h->too_big = true;
        return 0;
    }
    if (h->len + n + 1 > h->cap) {
        size_t cap = h->cap ? h->cap : 16384;
        while (cap < h->len + n + 1)
            cap *= 2;
        if (cap > max + 1)
            cap = max + 1; /* the cap, not the next power of two above it */
        char *nb = realloc(h->buf, cap);
        if (!nb) {
            h->out_of_memory = true;
            return 0;
        }
        h->buf = nb;
        h->cap = cap;
    }
    memcpy(h->buf + h->len, data, n);
    h->len += n;
    h->buf[h->len] = '\0';
    return n;
}

/* Copies a header's value (trimmed) when its name matches, case-insensitive. */
static bool header_value(const char *line, size_t n, const char *name, char *out, size_t outlen)
{
    size_t nl = strlen(name);
    if (n <= nl || line[nl] != ':' || strncasecmp(line, name, nl) != 0)
        return false;
    const char *v = line + nl + 1;
    const char *end = line + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    size_t vl = (size_t)(end - v);
    if (vl >= outlen)
        vl = 0; /* an absurd validator is dropped, not cut */
    memcpy(out, v, vl);
    out[vl] = '\0';
    return true;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *userdata)
{
    FeedHttp *h = userdata;
    size_t n = size * nmemb;

    if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        /* A new response (after a redirect or a 100): forget the last one's. */
        h->got_etag[0] = h->got_last_modified[0] = h->retry_after[0] = '\0';
        return n;
    }
    if (!header_value(data, n, "ETag", h->got_etag, sizeof(h->got_etag)) &&
        !header_value(data, n, "Last-Modified", h->got_last_modified, sizeof(h->got_last_modified)))
        header_value(data, n, "Retry-After", h->retry_after, sizeof(h->retry_after));
    return n;
}

static int on_progress(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    FeedHttp *h = userdata;
    return atomic_load(&h->cancel) ? 1 : 0;
}

/* ---- fetch ----------------------------------------------------------------- */

FeedHttp *feed_http_new(const FeedSourceConfig *cfg, uint64_t seed)
{
    FeedHttp *h = calloc(1, sizeof(*h));
    if (!h)
        return NULL;
    h->cfg = cfg;
    h->rng = seed;
    h->retry_after_s = -1;
    atomic_init(&h->cancel, false);
    h->multi = curl_multi_init();
    h->easy = curl_easy_init();
    if (!h->multi || !h->easy) {
        feed_http_free(h);
        return NULL;
    }
    return h;
}

void feed_http_free(FeedHttp *h)
{
    if (!h)
        return;
    if (h->easy)
        curl_easy_cleanup(h->easy);
    if (h->multi)
        curl_multi_cleanup(h->multi);
    free(h->buf);
    free(h);
}

void feed_http_cancel(FeedHttp *h)
{
    if (!h)
        return;
    atomic_store(&h->cancel, true);
    curl_multi_wakeup(h->multi);
}

static long ms_of(double s)
{
    return s > 0 ? (long)(s * 1000.0 + 0.5) : 0;
}

/* Sets every option for one transfer; returns the header list to free. */
static struct curl_slist *set_options(FeedHttp *h)
{
    const FeedSourceConfig *cfg = h->cfg;
    CURL *e = h->easy;
    struct curl_slist *hdrs = NULL;
    char line[VALIDATOR_MAX + 32];

    curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_URL, cfg->location);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)cfg->max_redirects);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    /* Stop must not wait for a DNS lookup that hangs: let curl leave its
     * resolver thread to finish alone instead of joining it. */
    curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_USERAGENT, "okr-kiosk/" OKR_VERSION);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    if (cfg->ca_file && cfg->ca_file[0])
        curl_easy_setopt(e, CURLOPT_CAINFO, cfg->ca_file);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, ms_of(cfg->connect_timeout_s));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, ms_of(cfg->total_timeout_s));
    /* Low-speed window: a third of the total timeout, 1..10 s. */
    long low = (long)(cfg->total_timeout_s / 3.0);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)FEED_HTTP_LOW_SPEED_BYTES);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, low < 1 ? 1L : low > 10 ? 10L : low);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)cfg->limits.max_body);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, h);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, h);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, h);

    for (int i = 0; i < FEED_MAX_HEADERS && cfg->headers[i]; i++) {
        struct curl_slist *n = curl_slist_append(hdrs, cfg->headers[i]);
        if (n)
            hdrs = n;
    }
    if (h->etag[0]) {
        snprintf(line, sizeof(line), "If-None-Match: %s", h->etag);
        struct curl_slist *n = curl_slist_append(hdrs, line);
        if (n)
            hdrs = n;
    }
    if (h->last_modified[0]) {
        snprintf(line, sizeof(line), "If-Modified-Since: %s", h->last_modified);
        struct curl_slist *n = curl_slist_append(hdrs, line);
        if (n)
            hdrs = n;
    }
    if (hdrs)
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, hdrs);
    return hdrs;
}

/* Runs the transfer; returns its CURLcode (CURLE_ABORTED_BY_CALLBACK when
 * cancelled). */
static CURLcode run_transfer(FeedHttp *h)
{
    CURLcode rc = CURLE_ABORTED_BY_CALLBACK;
    int running = 1;

    if (curl_multi_add_handle(h->multi, h->easy) != CURLM_OK)
        return CURLE_FAILED_INIT;
    while (!atomic_load(&h->cancel)) {
        if (curl_multi_perform(h->multi, &running) != CURLM_OK)
            break;
        if (!running)
            break;
        curl_multi_poll(h->multi, NULL, 0, 1000, NULL);
    }
    int left;
    CURLMsg *msg;
    while ((msg = curl_multi_info_read(h->multi, &left)) != NULL) {
        if (msg->msg == CURLMSG_DONE && msg->easy_handle == h->easy)
            rc = msg->data.result;
    }
    curl_multi_remove_handle(h->multi, h->easy);
    return rc;
}

/* "cannot read CA file PATH: why" (why from opening it, else its content). */
static void ca_file_reason(const char *path, char *out, size_t outlen)
{
    FILE *f = fopen(path ? path : "", "r");
    if (f == NULL) {
        snprintf(out, outlen, "cannot read CA file %.100s: %s", path ? path : "", strerror(errno));
        return;
    }
    fclose(f);
    snprintf(out, outlen, "cannot read CA file %.100s: no certificate in it", path);
}

/* The words for a failed transfer that need nothing but its code: a class
 * for the screen, an English detail for logs. */
static const struct {
    CURLcode rc;
    const char *reason;
    FeedFail fail;
} transport_reasons[] = {
    {CURLE_COULDNT_RESOLVE_HOST, "host not found", FEED_FAIL_NET_HOST},
    {CURLE_COULDNT_RESOLVE_PROXY, "proxy not found", FEED_FAIL_NET_HOST},
    {CURLE_OPERATION_TIMEDOUT, "timeout", FEED_FAIL_NET_TIMEOUT},
    {CURLE_TOO_MANY_REDIRECTS, "too many redirects", FEED_FAIL_OTHER},
    {CURLE_UNSUPPORTED_PROTOCOL, "redirect to an unsupported scheme refused", FEED_FAIL_OTHER},
    {CURLE_PEER_FAILED_VERIFICATION, "TLS certificate not trusted", FEED_FAIL_TLS},
    {CURLE_SSL_ISSUER_ERROR, "TLS certificate not trusted", FEED_FAIL_TLS},
    {CURLE_SSL_CONNECT_ERROR, "TLS handshake failed", FEED_FAIL_TLS_HANDSHAKE},
    {CURLE_WRITE_ERROR, "out of memory", FEED_FAIL_OTHER}, /* unless too big, below */
    {CURLE_PARTIAL_FILE, "truncated response", FEED_FAIL_NET_LOST},
    {CURLE_GOT_NOTHING, "empty reply from server", FEED_FAIL_NET_LOST},
    {CURLE_RECV_ERROR, "connection reset", FEED_FAIL_NET_LOST},
    {CURLE_SEND_ERROR, "connection reset", FEED_FAIL_NET_LOST},
    {CURLE_BAD_CONTENT_ENCODING, "bad compressed data", FEED_FAIL_OTHER},
    {CURLE_ABORTED_BY_CALLBACK, "stopped", FEED_FAIL_OTHER},
};

/* The words for a failed transfer: the few codes whose words depend on more
 * than the code first, then the table, then curl's own words. */
static FeedFail transport_reason(FeedHttp *h, CURLcode rc, char *out, size_t outlen)
{
    long os_errno = 0;
    if (rc == CURLE_COULDNT_CONNECT) {
        curl_easy_getinfo(h->easy, CURLINFO_OS_ERRNO, &os_errno);
        if (os_errno == ECONNREFUSED || os_errno == 0) {
            snprintf(out, outlen, "connection refused");
            return FEED_FAIL_NET_REFUSED;
        }
        snprintf(out, outlen, "%s",
                 os_errno == ENETUNREACH || os_errno == EHOSTUNREACH ? "network unreachable"
                                                                     : "could not connect");
        return FEED_FAIL_NET_UNREACHABLE;
    }
    if (rc == CURLE_SSL_CACERT_BADFILE) {
        ca_file_reason(h->cfg->ca_file, out, outlen);
        return FEED_FAIL_CA_FILE;
    }
    if (rc == CURLE_FILESIZE_EXCEEDED || (rc == CURLE_WRITE_ERROR && h->too_big)) {
        feed_too_big_reason(out, outlen, h->cfg->limits.max_body);
        return FEED_FAIL_OTHER;
    }
    for (size_t i = 0; i < sizeof(transport_reasons) / sizeof(transport_reasons[0]); i++)
        if (transport_reasons[i].rc == rc) {
            snprintf(out, outlen, "%s", transport_reasons[i].reason);
            return transport_reasons[i].fail;
        }
    snprintf(out, outlen, "%s", curl_easy_strerror(rc));
    return FEED_FAIL_OTHER;
}

/* The class of a refusing HTTP status. */
static FeedFail status_fail(long status)
{
    if (status == 401 || status == 403)
        return FEED_FAIL_HTTP_DENIED;
    if (status == 404 || status == 410)
        return FEED_FAIL_HTTP_NOT_FOUND;
    return FEED_FAIL_HTTP_STATUS;
}

/* When the transfer had followed a redirect, names the URL that failed (the
 * feed's own URL may be fine): redacted into out->failed_url and appended to
 * the reason. */
static void name_redirect_target(FeedHttp *h, FeedResult *out)
{
    long redirects = 0;
    char *effective = NULL;
    if (curl_easy_getinfo(h->easy, CURLINFO_REDIRECT_COUNT, &redirects) != CURLE_OK ||
        redirects <= 0 ||
        curl_easy_getinfo(h->easy, CURLINFO_EFFECTIVE_URL, &effective) != CURLE_OK ||
        effective == NULL)
        return;
    feed_source_redact(effective, out->failed_url, sizeof(out->failed_url));
    size_t n = strlen(out->reason);
    snprintf(out->reason + n, sizeof(out->reason) - n, " at %s (redirected)", out->failed_url);
}

static double elapsed_ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1000.0 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

bool feed_http_fetch(FeedHttp *h, FeedResult *out, char **body, size_t *len)
{
    struct timespec t0;
    long status = 0;
    bool got_body = false;

    memset(out, 0, sizeof(*out));
    *body = NULL;
    *len = 0;
    out->at = feed_config_wall_now(h->cfg);
    clock_gettime(CLOCK_MONOTONIC, &t0);

    h->len = 0;
    h->too_big = h->out_of_memory = false;
    h->got_etag[0] = h->got_last_modified[0] = h->retry_after[0] = '\0';
    h->retry_after_s = -1;
    h->content_type[0] = '\0';

    /* A CA file that cannot be read is a setting to fix, not a network
     * state: say so before trying (curl would only notice after connecting). */
    if (h->cfg->ca_file && h->cfg->ca_file[0] && strncasecmp(h->cfg->location, "https:", 6) == 0) {
        FILE *ca = fopen(h->cfg->ca_file, "r");
        if (ca == NULL) {
            out->kind = FEED_RESULT_FETCH_ERROR;
            out->fail = FEED_FAIL_CA_FILE;
            ca_file_reason(h->cfg->ca_file, out->reason, sizeof(out->reason));
            out->elapsed_ms = elapsed_ms_since(&t0);
            return false;
        }
        fclose(ca);
    }

    struct curl_slist *hdrs = set_options(h);
    CURLcode rc = run_transfer(h);
    curl_slist_free_all(hdrs);
    curl_easy_setopt(h->easy, CURLOPT_HTTPHEADER, NULL);

    curl_easy_getinfo(h->easy, CURLINFO_RESPONSE_CODE, &status);
    out->elapsed_ms = elapsed_ms_since(&t0);
    out->bytes = h->len;

    if (rc != CURLE_OK) {
        out->kind = FEED_RESULT_FETCH_ERROR;
        out->fail = transport_reason(h, rc, out->reason, sizeof(out->reason));
        if (rc != CURLE_TOO_MANY_REDIRECTS && rc != CURLE_UNSUPPORTED_PROTOCOL)
            name_redirect_target(h, out); /* those two name the redirect already */
    } else if (status == 304) {
        out->kind = FEED_RESULT_NOT_MODIFIED;
        out->http_status = 304;
    } else if (status >= 200 && status < 300) {
        out->kind = FEED_RESULT_NEW; /* provisional: the caller parses */
        out->http_status = (int)status;
        const char *ct = NULL;
        if (curl_easy_getinfo(h->easy, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
            snprintf(h->content_type, sizeof(h->content_type), "%s", ct);
        *body = h->buf ? h->buf : calloc(1, 1);
        *len = h->len;
        h->buf = NULL;
        h->cap = h->len = 0;
        got_body = *body != NULL;
        if (!got_body) {
            out->kind = FEED_RESULT_FETCH_ERROR;
            out->fail = FEED_FAIL_OTHER;
            snprintf(out->reason, sizeof(out->reason), "out of memory");
        }
    } else {
        out->kind = FEED_RESULT_FETCH_ERROR;
        out->fail = status_fail(status);
        out->http_status = (int)status;
        snprintf(out->reason, sizeof(out->reason), "HTTP %ld", status);
        name_redirect_target(h, out);
        if ((status == 429 || status == 503) && h->retry_after[0])
            h->retry_after_s =
                feed_http_parse_retry_after(h->retry_after, (time_t)feed_config_wall_now(h->cfg));
    }
    /* Keep a big buffer from lingering between polls. */
    if (h->cap > 65536) {
        free(h->buf);
        h->buf = NULL;
        h->cap = h->len = 0;
    }
    return got_body;
}

void feed_http_accept(FeedHttp *h, bool accepted)
{
    if (accepted) {
        memcpy(h->etag, h->got_etag, sizeof(h->etag));
        memcpy(h->last_modified, h->got_last_modified, sizeof(h->last_modified));
    } else {
        h->etag[0] = h->last_modified[0] = '\0';
    }
}

double feed_http_schedule(FeedHttp *h, const FeedResult *r)
{
    FeedDelayPolicy p = {
        .poll_s = h->cfg->poll_s,
        .jitter = h->cfg->jitter,
        .max_backoff_s = h->cfg->max_backoff_s,
    };
    double retry_after = -1;

    if (r->kind == FEED_RESULT_FETCH_ERROR) {
        if (h->failures < 1000)
            h->failures++;
        retry_after = h->retry_after_s;
    } else {
        h->failures = 0;
    }
    return feed_http_next_delay(&p, h->failures, r->kind, retry_after, feed_rng_01(&h->rng));
}

const char *feed_http_content_type(const FeedHttp *h)
{
    return h->content_type;
}
