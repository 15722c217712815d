/*
 * fake_cec: a CecIo (app/cec.h) that behaves like the kernel's CEC core for
 * the calls the kiosk makes, and records each transmitted message.
 *
 * Adapters are matched by path; the test creates empty files of those names
 * so cec_list() finds them with opendir. Like the kernel: no logical address
 * while the physical address is invalid; an unconfigured adapter sends only
 * from Unregistered (15) to the TV (0); a TV woken by <Image View On> raises
 * its hot-plug line, the adapter gets pa_after_wake and claims claim_la.
 */
#ifndef TESTS_FAKE_CEC_H
#define TESTS_FAKE_CEC_H

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <sys/ioctl.h>

#include <linux/cec.h>

#include "cec.h"

typedef struct {
    char dev[64], name[32], driver[32];
    uint32_t caps;
    bool has_conn;
    uint32_t card, conn_id;
    uint16_t pa;
    uint8_t la;             /* CEC_NO_LOG_ADDR when none */
    uint8_t claim_la;       /* what claiming gives (4: Playback 1) */
    uint16_t pa_after_wake; /* 0: the TV does not wake */
    bool configured_once;   /* S_LOG_ADDRS with a Playback type seen */
    bool gone;
    bool denied;            /* open fails with EACCES */
    uint8_t tx_status[256]; /* per opcode, 0 = CEC_TX_STATUS_OK */
} FakeCecAdapter;

typedef struct {
    int adapter;
    uint8_t msg[16];
    uint32_t len;
} FakeCecTx;

typedef struct {
    pthread_mutex_t lock;
    FakeCecAdapter a[4];
    int n;
    uint32_t mode;
    struct cec_log_addrs last_claim;
    int n_claims; /* S_LOG_ADDRS calls */
    FakeCecTx tx[64];
    int n_tx;
} FakeCec;

static int fake_cec_find(FakeCec *f, const char *path)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->a[i].dev, path) == 0)
            return i;
    return -1;
}

static int fake_cec_open(void *ctx, const char *path)
{
    FakeCec *f = ctx;
    pthread_mutex_lock(&f->lock);
    int i = fake_cec_find(f, path), rc;
    rc = i < 0 || f->a[i].gone ? -ENOENT : f->a[i].denied ? -EACCES : 100 + i;
    pthread_mutex_unlock(&f->lock);
    return rc;
}

static void fake_cec_close(void *ctx, int fd)
{
    (void)ctx;
    (void)fd;
}

static int fake_cec_ioctl_locked(FakeCec *f, FakeCecAdapter *a, int idx, unsigned long req,
                                 void *arg)
{
    if (a->gone)
        return -ENODEV;
    if (req == CEC_ADAP_G_CAPS) {
        struct cec_caps *c = arg;
        memset(c, 0, sizeof(*c));
        memcpy(c->name, a->name, sizeof(c->name));
        memcpy(c->driver, a->driver, sizeof(c->driver));
        c->capabilities = a->caps;
        c->available_log_addrs = 1;
        return 0;
    }
    if (req == CEC_ADAP_G_CONNECTOR_INFO) {
        struct cec_connector_info *ci = arg;
        if (!(a->caps & CEC_CAP_CONNECTOR_INFO))
            return -ENOTTY;
        memset(ci, 0, sizeof(*ci));
        ci->type = a->has_conn ? CEC_CONNECTOR_TYPE_DRM : CEC_CONNECTOR_TYPE_NO_CONNECTOR;
        ci->drm.card_no = a->card;
        ci->drm.connector_id = a->conn_id;
        return 0;
    }
    if (req == CEC_ADAP_G_PHYS_ADDR) {
        *(uint16_t *)arg = a->pa;
        return 0;
    }
    if (req == CEC_ADAP_G_LOG_ADDRS) {
        struct cec_log_addrs *la = arg;
        memset(la, 0, sizeof(*la));
        la->num_log_addrs = a->la != CEC_NO_LOG_ADDR ? 1 : 0;
        la->log_addr[0] = a->la != CEC_NO_LOG_ADDR ? a->la : CEC_LOG_ADDR_INVALID;
        return 0;
    }
    if (req == CEC_S_MODE) {
        f->mode = *(uint32_t *)arg;
        return 0;
    }
    if (req == CEC_ADAP_S_LOG_ADDRS) {
        struct cec_log_addrs *la = arg;
        f->n_claims++;
        if (la->num_log_addrs == 0) {
            a->la = CEC_NO_LOG_ADDR;
            a->configured_once = false;
            return 0;
        }
        f->last_claim = *la;
        a->configured_once = true;
        if (a->pa != CEC_PA_INVALID)
            a->la = a->claim_la;
        return 0;
    }
    if (req == CEC_TRANSMIT) {
        struct cec_msg *m = arg;
        if (a->la == CEC_NO_LOG_ADDR && m->msg[0] != 0xf0)
            return -ENONET;
        if (f->n_tx < 64) {
            f->tx[f->n_tx].adapter = idx;
            memcpy(f->tx[f->n_tx].msg, m->msg, 16);
            f->tx[f->n_tx].len = m->len;
            f->n_tx++;
        }
        uint8_t st = a->tx_status[m->msg[1]];
        m->tx_status = st ? st : CEC_TX_STATUS_OK;
        if (m->msg[1] == CEC_MSG_IMAGE_VIEW_ON && (m->tx_status & CEC_TX_STATUS_OK) &&
            a->pa_after_wake) {
            a->pa = a->pa_after_wake;
            if (a->configured_once)
                a->la = a->claim_la;
        }
        return 0;
    }
    return -ENOTTY;
}

static int fake_cec_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
    FakeCec *f = ctx;
    int idx = fd - 100;
    if (idx < 0 || idx >= f->n)
        return -EBADF;
    pthread_mutex_lock(&f->lock);
    int rc = fake_cec_ioctl_locked(f, &f->a[idx], idx, req, arg);
    pthread_mutex_unlock(&f->lock);
    return rc;
}

static inline CecIo fake_cec_io(FakeCec *f)
{
    CecIo io = {f, fake_cec_open, fake_cec_ioctl, fake_cec_close};
    return io;
}

/* The Pi 4's adapter for HDMI-A-1 (card 1, connector 32) with a TV at 1.0.0.0. */
static inline FakeCecAdapter fake_cec_pi4_adapter(const char *dir, int n, uint32_t conn_id)
{
    FakeCecAdapter a;
    memset(&a, 0, sizeof(a));
    snprintf(a.dev, sizeof(a.dev), "%.40s/cec%d", dir, n & 7);
    snprintf(a.name, sizeof(a.name), "vc4-hdmi-%d", n & 7);
    snprintf(a.driver, sizeof(a.driver), "vc4_hdmi");
    a.caps = CEC_CAP_LOG_ADDRS | CEC_CAP_TRANSMIT | CEC_CAP_PASSTHROUGH | CEC_CAP_RC |
             CEC_CAP_CONNECTOR_INFO;
    a.has_conn = true;
    a.card = 1;
    a.conn_id = conn_id;
    a.pa = 0x1000;
    a.la = CEC_NO_LOG_ADDR;
    a.claim_la = 4;
    return a;
}

#endif
