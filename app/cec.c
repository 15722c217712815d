/*
 * cec: adapters, messages and the worker thread (see cec.h for the why).
 */
#include "cec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/cec.h>

#include "log.h"

/* ---- the kernel's calls ---- */

static int kernel_open(void *ctx, const char *path)
{
    (void)ctx;
    int fd = open(path, O_RDWR | O_CLOEXEC);
    return fd >= 0 ? fd : -errno;
}

static int kernel_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
    (void)ctx;
    int rc;
    do
        rc = ioctl(fd, req, arg);
    while (rc < 0 && errno == EINTR);
    return rc < 0 ? -errno : 0;
}

static void kernel_close(void *ctx, int fd)
{
    (void)ctx;
    close(fd);
}

void cec_io_kernel(CecIo *io)
{
    io->ctx = NULL;
    io->open = kernel_open;
    io->ioctl = kernel_ioctl;
    io->close = kernel_close;
}

/* ---- adapters ---- */

static uint8_t first_log_addr(const struct cec_log_addrs *la)
{
    for (int i = 0; i < la->num_log_addrs && i < CEC_MAX_LOG_ADDRS; i++)
        if (la->log_addr[i] != CEC_LOG_ADDR_INVALID)
            return la->log_addr[i];
    return CEC_NO_LOG_ADDR;
}

/* Reads caps, connector, addresses of an open adapter. */
static int read_info(const CecIo *io, int fd, CecAdapterInfo *a)
{
    struct cec_caps caps;
    memset(&caps, 0, sizeof(caps));
    int rc = io->ioctl(io->ctx, fd, CEC_ADAP_G_CAPS, &caps);
    if (rc != 0)
        return rc;
    memcpy(a->name, caps.name, sizeof(a->name) - 1);
    memcpy(a->driver, caps.driver, sizeof(a->driver) - 1);
    a->caps = caps.capabilities;
    if (caps.capabilities & CEC_CAP_CONNECTOR_INFO) {
        struct cec_connector_info ci;
        memset(&ci, 0, sizeof(ci));
        if (io->ioctl(io->ctx, fd, CEC_ADAP_G_CONNECTOR_INFO, &ci) == 0 &&
            ci.type == CEC_CONNECTOR_TYPE_DRM) {
            a->has_connector = true;
            a->drm_card = ci.drm.card_no;
            a->drm_connector_id = ci.drm.connector_id;
        }
    }
    uint16_t pa = CEC_PA_INVALID;
    if (io->ioctl(io->ctx, fd, CEC_ADAP_G_PHYS_ADDR, &pa) == 0)
        a->phys_addr = pa;
    struct cec_log_addrs la;
    memset(&la, 0, sizeof(la));
    if (io->ioctl(io->ctx, fd, CEC_ADAP_G_LOG_ADDRS, &la) == 0)
        a->log_addr = first_log_addr(&la);
    return 0;
}

/* cec2 before cec10. */
static int cmp_dev(const void *x, const void *y)
{
    const CecAdapterInfo *a = x, *b = y;
    size_t la = strlen(a->dev), lb = strlen(b->dev);
    return la != lb ? (la < lb ? -1 : 1) : strcmp(a->dev, b->dev);
}

int cec_list(const CecIo *io, const char *dev_dir, CecAdapterInfo *out, int max)
{
    int n = 0;
    DIR *d = opendir(dev_dir);
    if (d == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        if (strncmp(e->d_name, "cec", 3) != 0 || e->d_name[3] < '0' || e->d_name[3] > '9' ||
            strlen(e->d_name) > 8)
            continue;
        CecAdapterInfo *a = &out[n++];
        memset(a, 0, sizeof(*a));
        a->phys_addr = CEC_PA_INVALID;
        a->log_addr = CEC_NO_LOG_ADDR;
        snprintf(a->dev, sizeof(a->dev), "%.50s/%.8s", dev_dir, e->d_name);
        int fd = io->open(io->ctx, a->dev);
        if (fd < 0) {
            a->error = -fd;
            continue;
        }
        int rc = read_info(io, fd, a);
        if (rc != 0)
            a->error = -rc;
        io->close(io->ctx, fd);
    }
    closedir(d);
    qsort(out, (size_t)n, sizeof(out[0]), cmp_dev);
    return n;
}

int cec_pick(const CecAdapterInfo *a, int n, int drm_card, uint32_t connector_id,
             const char *connector)
{
    int usable = 0, last = -1;
    /* 1. The kernel says which connector. */
    for (int i = 0; i < n; i++) {
        if (a[i].error)
            continue;
        usable++;
        last = i;
        if (a[i].has_connector && (int)a[i].drm_card == drm_card && connector_id != 0 &&
            a[i].drm_connector_id == connector_id)
            return i;
    }
    /* 2. vc4's names follow the ports: HDMI-A-N <-> "...-(N-1)". */
    int port = -1;
    if (connector != NULL && strncmp(connector, "HDMI-A-", 7) == 0)
        port = atoi(connector + 7) - 1;
    if (port >= 0) {
        char suffix[16];
        snprintf(suffix, sizeof(suffix), "-%d", port);
        size_t ls = strlen(suffix);
        for (int i = 0; i < n; i++) {
            size_t ln = strlen(a[i].name);
            if (!a[i].error && !a[i].has_connector && ln > ls &&
                strcmp(a[i].name + ln - ls, suffix) == 0)
                return i;
        }
    }
    /* 3. Only one adapter, not known to belong elsewhere. */
    if (usable == 1 &&
        !(a[last].has_connector && (int)a[last].drm_card == drm_card && connector_id != 0))
        return last;
    return -1;
}

void cec_phys_text(uint16_t pa, char *out, size_t len)
{
    if (pa == CEC_PA_INVALID)
        snprintf(out, len, "f.f.f.f (no TV, or it sleeps)");
    else
        snprintf(out, len, "%x.%x.%x.%x", pa >> 12, (pa >> 8) & 0xf, (pa >> 4) & 0xf, pa & 0xf);
}

/* ---- one adapter ---- */

int cec_dev_open(CecDev *d, const CecIo *io, const CecAdapterInfo *info, char *why, size_t whylen)
{
    memset(d, 0, sizeof(*d));
    d->io = *io;
    d->info = *info;
    d->fd = io->open(io->ctx, info->dev);
    if (d->fd < 0) {
        int err = -d->fd;
        snprintf(why, whylen, "cannot open %s: %s%s", info->dev, strerror(err),
                 err == EACCES ? " (add the user to the video group)" : "");
        return -err;
    }
    uint32_t mode = CEC_MODE_INITIATOR | CEC_MODE_NO_FOLLOWER;
    int rc = io->ioctl(io->ctx, d->fd, CEC_S_MODE, &mode);
    if (rc != 0) {
        snprintf(why, whylen, "%s: cannot become initiator: %s", info->dev, strerror(-rc));
        goto fail;
    }
    if (info->caps & CEC_CAP_LOG_ADDRS) {
        struct cec_log_addrs la;
        /* Whatever was configured before (cec-ctl at boot, another kiosk)
         * goes first: a second set of addresses is refused with EBUSY. */
        memset(&la, 0, sizeof(la));
        rc = io->ioctl(io->ctx, d->fd, CEC_ADAP_S_LOG_ADDRS, &la);
        if (rc == 0) {
            memset(&la, 0, sizeof(la));
            la.cec_version = CEC_OP_CEC_VERSION_1_4;
            la.num_log_addrs = 1;
            la.vendor_id = CEC_VENDOR_ID_NONE;
            la.flags = CEC_LOG_ADDRS_FL_ALLOW_RC_PASSTHRU;
            snprintf(la.osd_name, sizeof(la.osd_name), "OKR wall");
            la.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
            la.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
            la.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
            rc = io->ioctl(io->ctx, d->fd, CEC_ADAP_S_LOG_ADDRS, &la);
        }
        if (rc != 0) {
            snprintf(why, whylen, "%s: cannot claim a Playback address: %s", info->dev,
                     strerror(-rc));
            goto fail;
        }
    }
    cec_dev_refresh(d);
    return 0;
fail:
    io->close(io->ctx, d->fd);
    d->fd = -1;
    return rc;
}

void cec_dev_close(CecDev *d)
{
    if (d->fd >= 0)
        d->io.close(d->io.ctx, d->fd);
    d->fd = -1;
}

CecStatus cec_dev_refresh(CecDev *d)
{
    uint16_t pa = CEC_PA_INVALID;
    int rc = d->io.ioctl(d->io.ctx, d->fd, CEC_ADAP_G_PHYS_ADDR, &pa);
    if (rc == -ENODEV)
        return CEC_GONE;
    d->info.phys_addr = rc == 0 ? pa : CEC_PA_INVALID;
    struct cec_log_addrs la;
    memset(&la, 0, sizeof(la));
    rc = d->io.ioctl(d->io.ctx, d->fd, CEC_ADAP_G_LOG_ADDRS, &la);
    if (rc == -ENODEV)
        return CEC_GONE;
    d->info.log_addr = rc == 0 ? first_log_addr(&la) : CEC_NO_LOG_ADDR;
    return CEC_SENT;
}

static const char *msg_name(uint8_t op)
{
    return op == CEC_MSG_STANDBY         ? "<Standby>"
           : op == CEC_MSG_IMAGE_VIEW_ON ? "<Image View On>"
                                         : "<Active Source>";
}

/* Sends len bytes; msg[0]'s initiator/destination are set by the caller. */
static CecStatus transmit(CecDev *d, const uint8_t *bytes, uint32_t len, char *why, size_t whylen)
{
    struct cec_msg m;
    memset(&m, 0, sizeof(m));
    memcpy(m.msg, bytes, len);
    m.len = len;
    m.timeout = 0; /* no reply awaited: return once sent */
    const char *what = msg_name(bytes[1]);
    int rc = d->io.ioctl(d->io.ctx, d->fd, CEC_TRANSMIT, &m);
    if (rc == -ENODEV) {
        snprintf(why, whylen, "%s: the CEC adapter %s is gone", what, d->info.dev);
        return CEC_GONE;
    }
    if (rc == -ENONET) {
        snprintf(why, whylen, "%s not sent: %s has no logical address (no TV on the HDMI cable?)",
                 what, d->info.dev);
        return CEC_UNCONFIGURED;
    }
    if (rc != 0) {
        snprintf(why, whylen, "%s not sent on %s: %s", what, d->info.dev, strerror(-rc));
        return CEC_FAILED;
    }
    if (m.tx_status & CEC_TX_STATUS_OK) {
        snprintf(why, whylen, "%s sent from address %u", what, (unsigned)(bytes[0] >> 4));
        return CEC_SENT;
    }
    if (m.tx_status & CEC_TX_STATUS_NACK) {
        snprintf(
            why, whylen,
            "%s: the TV did not answer (switch CEC on in its menu: Anynet+, Bravia Sync, SimpLink, "
            "EasyLink, VIERA Link, CEC)",
            what);
        return CEC_NACKED;
    }
    snprintf(why, whylen, "%s failed on the bus (status 0x%x)", what, (unsigned)m.tx_status);
    return CEC_FAILED;
}

/* Our logical address, or Unregistered (15) when none is claimed: the one
 * message the kernel then lets through goes to the TV (0). */
static uint8_t initiator(const CecDev *d)
{
    return d->info.log_addr == CEC_NO_LOG_ADDR ? CEC_LOG_ADDR_UNREGISTERED : d->info.log_addr;
}

/* A two-byte message from us to the TV: just the opcode, no operands. The
 * adapter is looked up again first; gone, the message is not sent. */
static CecStatus send_to_tv(CecDev *d, uint8_t opcode, char *why, size_t whylen)
{
    if (cec_dev_refresh(d) == CEC_GONE) {
        snprintf(why, whylen, "%s: the CEC adapter %s is gone", msg_name(opcode), d->info.dev);
        return CEC_GONE;
    }
    uint8_t b[2] = {(uint8_t)(initiator(d) << 4 | CEC_LOG_ADDR_TV), opcode};
    return transmit(d, b, 2, why, whylen);
}

CecStatus cec_standby(CecDev *d, char *why, size_t whylen)
{
    return send_to_tv(d, CEC_MSG_STANDBY, why, whylen);
}

CecStatus cec_image_view_on(CecDev *d, char *why, size_t whylen)
{
    return send_to_tv(d, CEC_MSG_IMAGE_VIEW_ON, why, whylen);
}

CecStatus cec_active_source(CecDev *d, char *why, size_t whylen)
{
    if (cec_dev_refresh(d) == CEC_GONE) {
        snprintf(why, whylen, "<Active Source>: the CEC adapter %s is gone", d->info.dev);
        return CEC_GONE;
    }
    if (d->info.log_addr == CEC_NO_LOG_ADDR || d->info.phys_addr == CEC_PA_INVALID) {
        snprintf(why, whylen, "<Active Source> waits: no address on %s yet", d->info.dev);
        return CEC_UNCONFIGURED;
    }
    uint8_t b[4] = {(uint8_t)(d->info.log_addr << 4 | CEC_LOG_ADDR_BROADCAST),
                    CEC_MSG_ACTIVE_SOURCE, (uint8_t)(d->info.phys_addr >> 8),
                    (uint8_t)(d->info.phys_addr & 0xff)};
    return transmit(d, b, 4, why, whylen);
}

/* ---- the worker thread ---- */

struct CecWorker {
    CecWorkerConfig cfg;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;      /* requests, stop */
    pthread_cond_t idle_cond; /* for cec_worker_idle */
    bool running, stop;
    bool want_on;
    unsigned want_gen, done_gen;
    bool have; /* an adapter is there */
    CecDev dev;
    bool dev_open;
    bool as_pending; /* <Active Source> after a wake from Unregistered */
    int64_t as_deadline, next_find;
    char last_problem[256]; /* said once, not at every retry */
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void problem(CecWorker *w, const char *text)
{
    if (strncmp(w->last_problem, text, 250) == 0)
        return;
    snprintf(w->last_problem, sizeof(w->last_problem), "%.250s", text);
    log_msg(LOG_LEVEL_WARN, "HDMI-CEC: %s", text);
}

/* Finds the adapter for the screen; 0 and info filled, or -1 and why. */
static int find_adapter(const CecWorkerConfig *cfg, CecAdapterInfo *info, char *why, size_t whylen)
{
    CecAdapterInfo a[CEC_MAX_ADAPTERS];
    int n = cec_list(&cfg->io, cfg->dev_dir, a, CEC_MAX_ADAPTERS);
    int i = cec_pick(a, n, cfg->drm_card, cfg->connector_id, cfg->connector);
    if (i >= 0) {
        *info = a[i];
        return 0;
    }
    if (n == 0)
        snprintf(why, whylen, "no CEC adapter in %s (the Pi's is there with dtoverlay=vc4-kms-v3d)",
                 cfg->dev_dir);
    else if (n == 1 && a[0].error)
        snprintf(why, whylen, "cannot open %s: %s%s", a[0].dev, strerror(a[0].error),
                 a[0].error == EACCES ? " (add the user to the video group)" : "");
    else
        snprintf(why, whylen, "none of the %d CEC adapters belongs to %s on card%d", n,
                 cfg->connector[0] ? cfg->connector : "the screen's port", cfg->drm_card);
    return -1;
}

/* Called unlocked. */
static bool open_adapter(CecWorker *w)
{
    char why[300];
    CecAdapterInfo info;
    if (find_adapter(&w->cfg, &info, why, sizeof(why)) != 0 ||
        cec_dev_open(&w->dev, &w->cfg.io, &info, why, sizeof(why)) != 0) {
        pthread_mutex_lock(&w->lock);
        problem(w, why);
        pthread_mutex_unlock(&w->lock);
        return false;
    }
    char pa[48];
    cec_phys_text(w->dev.info.phys_addr, pa, sizeof(pa));
    log_msg(LOG_LEVEL_INFO, "HDMI-CEC: %s (%s), physical address %s, logical address %s", info.dev,
            info.name, pa, w->dev.info.log_addr == CEC_NO_LOG_ADDR ? "none yet" : "claimed");
    pthread_mutex_lock(&w->lock);
    w->last_problem[0] = '\0';
    pthread_mutex_unlock(&w->lock);
    return true;
}

static void report(CecStatus st, const char *why)
{
    log_msg(st == CEC_SENT ? LOG_LEVEL_INFO : LOG_LEVEL_WARN, "HDMI-CEC: %s", why);
}

/* Called unlocked; returns CEC_GONE when the adapter went away. */
static CecStatus carry_out(CecWorker *w, bool on, bool *as_pending)
{
    char why[300];
    CecStatus st;
    *as_pending = false;
    if (!on) {
        st = cec_standby(&w->dev, why, sizeof(why));
        report(st, why);
        return st;
    }
    st = cec_image_view_on(&w->dev, why, sizeof(why));
    report(st, why);
    if (st == CEC_GONE || st == CEC_NACKED)
        return st;
    st = cec_active_source(&w->dev, why, sizeof(why));
    if (st == CEC_UNCONFIGURED) {
        *as_pending = true; /* the TV is waking up: its address follows */
        return CEC_SENT;
    }
    report(st, why);
    return st;
}

static void *worker_main(void *arg)
{
    CecWorker *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        int64_t now = mono_ms();
        if (!w->dev_open && now >= w->next_find) {
            pthread_mutex_unlock(&w->lock);
            bool ok = open_adapter(w);
            pthread_mutex_lock(&w->lock);
            w->dev_open = ok;
            w->have = ok;
            if (!ok)
                w->next_find = now + w->cfg.retry_ms;
            continue;
        }
        if (w->dev_open && w->want_gen != w->done_gen) {
            unsigned gen = w->want_gen;
            bool on = w->want_on, pending;
            pthread_mutex_unlock(&w->lock);
            CecStatus st = carry_out(w, on, &pending);
            pthread_mutex_lock(&w->lock);
            if (st == CEC_GONE) {
                cec_dev_close(&w->dev);
                w->dev_open = false;
                w->have = false;
                w->as_pending = false;
                w->next_find = mono_ms() + w->cfg.retry_ms;
                problem(
                    w,
                    "the adapter went away; looking for it again (the request is repeated then)");
            } else {
                w->done_gen = gen;
                w->as_pending = pending;
                w->as_deadline = mono_ms() + w->cfg.active_source_wait_ms;
            }
            continue;
        }
        if (w->dev_open && w->as_pending) {
            char why[300];
            pthread_mutex_unlock(&w->lock);
            CecStatus st = cec_active_source(&w->dev, why, sizeof(why));
            pthread_mutex_lock(&w->lock);
            if (st == CEC_UNCONFIGURED && mono_ms() < w->as_deadline) {
                struct timespec until;
                clock_gettime(CLOCK_MONOTONIC, &until);
                until.tv_nsec += 250 * 1000000L;
                if (until.tv_nsec >= 1000000000L) {
                    until.tv_sec++;
                    until.tv_nsec -= 1000000000L;
                }
                pthread_cond_timedwait(&w->cond, &w->lock, &until);
                continue;
            }
            w->as_pending = false;
            if (st == CEC_UNCONFIGURED)
                snprintf(why, sizeof(why),
                         "<Active Source> not sent: the TV did not come up within %d s",
                         w->cfg.active_source_wait_ms / 1000);
            pthread_mutex_unlock(&w->lock);
            report(st, why);
            pthread_mutex_lock(&w->lock);
            if (st == CEC_GONE) {
                cec_dev_close(&w->dev);
                w->dev_open = w->have = false;
                w->next_find = mono_ms() + w->cfg.retry_ms;
            }
            continue;
        }
        pthread_cond_broadcast(&w->idle_cond);
        if (w->dev_open) {
            pthread_cond_wait(&w->cond, &w->lock);
        } else {
            int64_t wait = w->next_find - mono_ms();
            struct timespec until;
            clock_gettime(CLOCK_MONOTONIC, &until);
            if (wait > 0) {
                until.tv_sec += wait / 1000;
                until.tv_nsec += (wait % 1000) * 1000000L;
                if (until.tv_nsec >= 1000000000L) {
                    until.tv_sec++;
                    until.tv_nsec -= 1000000000L;
                }
                pthread_cond_timedwait(&w->cond, &w->lock, &until);
            }
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

CecWorker *cec_worker_start(const CecWorkerConfig *cfg)
{
    CecWorker *w = calloc(1, sizeof(*w));
    if (w == NULL)
        return NULL;
    w->cfg = *cfg;
    if (w->cfg.retry_ms <= 0)
        w->cfg.retry_ms = 30000;
    if (w->cfg.active_source_wait_ms <= 0)
        w->cfg.active_source_wait_ms = 20000;
    w->dev.fd = -1;
    pthread_mutex_init(&w->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cond, &ca);
    pthread_cond_init(&w->idle_cond, &ca);
    pthread_condattr_destroy(&ca);
    /* Cheap: is there an adapter at all (the loop's first decision needs to
     * know); claiming it happens on the thread. */
    CecAdapterInfo info;
    char why[300];
    w->have = find_adapter(&w->cfg, &info, why, sizeof(why)) == 0;
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        cec_worker_stop(w);
        return NULL;
    }
    w->running = true;
    return w;
}

void cec_worker_want(CecWorker *w, bool tv_on)
{
    if (w == NULL)
        return;
    pthread_mutex_lock(&w->lock);
    w->want_on = tv_on;
    w->want_gen++;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

bool cec_worker_have(CecWorker *w)
{
    if (w == NULL)
        return false;
    pthread_mutex_lock(&w->lock);
    bool have = w->have;
    pthread_mutex_unlock(&w->lock);
    return have;
}

bool cec_worker_idle(CecWorker *w, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->lock);
    while (!(w->dev_open && w->want_gen == w->done_gen && !w->as_pending))
        if (pthread_cond_timedwait(&w->idle_cond, &w->lock, &until) != 0)
            break;
    bool idle = w->dev_open && w->want_gen == w->done_gen && !w->as_pending;
    pthread_mutex_unlock(&w->lock);
    return idle;
}

void cec_worker_stop(CecWorker *w)
{
    if (w == NULL)
        return;
    if (w->running) {
        pthread_mutex_lock(&w->lock);
        w->stop = true;
        pthread_cond_signal(&w->cond);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
    }
    cec_dev_close(&w->dev);
    pthread_cond_destroy(&w->cond);
    pthread_cond_destroy(&w->idle_cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
}
