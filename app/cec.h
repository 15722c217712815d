/*
 * cec: the TV on and off over HDMI-CEC through the kernel's CEC API
 * (/dev/cecN, <linux/cec.h>; no libcec).
 *
 * The adapter is the one wired to the screen's HDMI port: the kernel tells
 * which DRM connector an adapter belongs to (CEC_ADAP_G_CONNECTOR_INFO, on
 * vc4 since Linux 5.10); without that, vc4's adapter names follow the ports
 * (HDMI-A-1 <-> "vc4-hdmi-0", HDMI-A-2 <-> "vc4-hdmi-1"); a single adapter is
 * taken as it is. Never a fixed /dev/cec0.
 *
 * Claiming: initiator mode, one Playback logical address with the
 * CEC_LOG_ADDRS_FL_ALLOW_RC_PASSTHRU flag, so the TV remote's
 * <User Control Pressed> keys reach the kernel's remote-control layer and
 * come out of /dev/input/eventN (see input_watch.h for the keys SDL drops).
 *
 * Messages: <Standby> (0x36) to the TV; <Image View On> (0x04) to the TV,
 * then <Active Source> (0x82, our physical address) to all. While the TV
 * sleeps with its hot-plug line low the physical address is invalid
 * (f.f.f.f) and no logical address can be claimed; the CEC specification
 * and the kernel then still allow a message from the Unregistered address
 * (15) to the TV (0), so <Image View On> goes out from there, and <Active
 * Source> follows once the TV is up and the address has been claimed. Each
 * transmit is checked: a NACK means the TV did not answer (CEC switched off
 * in its menu, or the cable does not carry it).
 *
 * All of this blocks (a transmit takes tens of milliseconds, claiming an
 * address up to seconds), so it runs on its own thread (CecWorker); the loop
 * only posts the wanted TV state. The device calls go through CecIo so the
 * tests run against a fake that records every ioctl.
 */
#ifndef APP_CEC_H
#define APP_CEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CEC_MAX_ADAPTERS 4
#define CEC_NO_LOG_ADDR 0xff
#define CEC_PA_INVALID 0xffff

typedef struct CecIo {
    void *ctx;
    int (*open)(void *ctx, const char *path);                      /* fd or -errno */
    int (*ioctl)(void *ctx, int fd, unsigned long req, void *arg); /* 0 or -errno */
    void (*close)(void *ctx, int fd);
} CecIo;

/* The kernel's: open(2) O_RDWR, ioctl(2), close(2). */
void cec_io_kernel(CecIo *io);

typedef struct CecAdapterInfo {
    char dev[64];       /* "/dev/cec0" */
    char name[32];      /* "vc4-hdmi-0" */
    char driver[32];    /* "vc4_hdmi" */
    uint32_t caps;      /* CEC_CAP_* */
    bool has_connector; /* the kernel said which DRM connector */
    uint32_t drm_card, drm_connector_id;
    uint16_t phys_addr; /* CEC_PA_INVALID: no TV (or it sleeps) */
    uint8_t log_addr;   /* the first claimed, CEC_NO_LOG_ADDR when none */
    int error;          /* errno of open/ioctl, 0 when read */
} CecAdapterInfo;

/* Every cecN in dev_dir ("/dev"), in number order. Unreadable ones are
 * listed with error set. Returns the count. */
int cec_list(const CecIo *io, const char *dev_dir, CecAdapterInfo *out, int max);

/* The adapter for DRM card drm_card's connector (id, name "HDMI-A-1"; id 0
 * when not known). Returns an index into a, or -1. */
int cec_pick(const CecAdapterInfo *a, int n, int drm_card, uint32_t connector_id,
             const char *connector);

/* "1.0.0.0", or "f.f.f.f (no TV or it sleeps)". */
void cec_phys_text(uint16_t pa, char *out, size_t len);

typedef enum {
    CEC_SENT = 0,     /* the TV acknowledged */
    CEC_NACKED,       /* nobody acknowledged */
    CEC_UNCONFIGURED, /* no logical address (yet) */
    CEC_GONE,         /* the adapter disappeared */
    CEC_FAILED,       /* another error */
} CecStatus;

typedef struct CecDev {
    CecIo io;
    int fd;
    CecAdapterInfo info;
} CecDev;

/* Opens info->dev, sets initiator mode and asks for a Playback address with
 * remote-control passthrough. Returns 0, or -errno with the reason in why. */
int cec_dev_open(CecDev *d, const CecIo *io, const CecAdapterInfo *info, char *why, size_t whylen);
void cec_dev_close(CecDev *d);

/* Reads the physical and logical address again (they change with the TV's
 * hot-plug line). CEC_GONE when the adapter went away. */
CecStatus cec_dev_refresh(CecDev *d);

/* One message each; why says what happened in words. */
CecStatus cec_standby(CecDev *d, char *why, size_t whylen);
CecStatus cec_image_view_on(CecDev *d, char *why, size_t whylen);
CecStatus cec_active_source(CecDev *d, char *why, size_t whylen);

/* ---- the thread ---- */

typedef struct CecWorker CecWorker;

typedef struct CecWorkerConfig {
    CecIo io;
    char dev_dir[64]; /* "/dev" */
    int drm_card;     /* for cec_pick */
    uint32_t connector_id;
    char connector[48];
    int retry_ms;              /* looking for a lost adapter again (30000) */
    int active_source_wait_ms; /* waiting for the TV's address after a
                                 wake-up from Unregistered (20000) */
} CecWorkerConfig;

/* Looks for the adapter once before returning (cheap: no claiming), then
 * claims it on the worker thread. NULL only when out of memory or no thread;
 * a machine without an adapter gets a worker that keeps looking. */
CecWorker *cec_worker_start(const CecWorkerConfig *cfg);

/* The TV state the schedule wants; the latest wins, never blocks. A request
 * the adapter could not carry out (gone) is repeated when it is back. */
void cec_worker_want(CecWorker *w, bool tv_on);

/* An adapter is there (claimed or being claimed). */
bool cec_worker_have(CecWorker *w);

/* Blocks until every request so far was handled or timeout_ms passed
 * (tests); true when idle. */
bool cec_worker_idle(CecWorker *w, int timeout_ms);

void cec_worker_stop(CecWorker *w);

#endif
