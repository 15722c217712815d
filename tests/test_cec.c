/*
 * Tests for app/cec.c against tests/fake_cec.h: which adapter belongs to the
 * screen, how the kiosk claims it, the exact bytes of <Standby>,
 * <Image View On> and <Active Source> (CEC 1.4 framing: initiator << 4 |
 * destination, opcode, operands), each transmit's status, and the worker
 * thread with a TV that sleeps, ignores the kiosk or loses its adapter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cec.h"
#include "fake_cec.h"

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/okr-cec-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* n adapters /dev/cec0.. in the temporary directory. */
static void fake_setup(FakeCec *f, int n)
{
    memset(f, 0, sizeof(*f));
    pthread_mutex_init(&f->lock, NULL);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -f '%s'/cec*", dir);
    assert_int_equal(system(cmd), 0);
    for (int i = 0; i < n; i++) {
        f->a[i] = fake_cec_pi4_adapter(dir, i, i == 0 ? 32 : 42);
        snprintf(cmd, sizeof(cmd), "touch '%s/cec%d'", dir, i);
        assert_int_equal(system(cmd), 0);
    }
    f->n = n;
}

static void assert_tx(const FakeCec *f, int i, const uint8_t *bytes, uint32_t len)
{
    assert_true(i < f->n_tx);
    assert_int_equal(f->tx[i].len, len);
    assert_memory_equal(f->tx[i].msg, bytes, len);
}

static void the_adapter_is_found_by_the_connector_the_kernel_names(void **state)
{
    (void)state;
    FakeCec f;
    fake_setup(&f, 2);
    CecIo io = fake_cec_io(&f);
    CecAdapterInfo a[CEC_MAX_ADAPTERS];
    assert_int_equal(cec_list(&io, dir, a, CEC_MAX_ADAPTERS), 2);
    assert_string_equal(a[0].name, "vc4-hdmi-0");
    assert_true(a[1].has_connector);
    /* Screen on the second port: connector id 42 of card 1. */
    assert_int_equal(cec_pick(a, 2, 1, 42, "HDMI-A-2"), 1);
    assert_int_equal(cec_pick(a, 2, 1, 32, "HDMI-A-1"), 0);
    /* Another card's connector 42 is not ours. */
    assert_int_equal(cec_pick(a, 2, 0, 42, "HDMI-A-2"), -1);
}

static void without_connector_info_vc4_names_follow_the_ports(void **state)
{
    (void)state;
    FakeCec f;
    fake_setup(&f, 2);
    f.a[0].caps &= ~(uint32_t)CEC_CAP_CONNECTOR_INFO;
    f.a[1].caps &= ~(uint32_t)CEC_CAP_CONNECTOR_INFO;
    CecIo io = fake_cec_io(&f);
    CecAdapterInfo a[CEC_MAX_ADAPTERS];
    int n = cec_list(&io, dir, a, CEC_MAX_ADAPTERS);
    assert_int_equal(cec_pick(a, n, 1, 0, "HDMI-A-2"), 1);
    assert_int_equal(cec_pick(a, n, 1, 0, "HDMI-A-1"), 0);
    assert_int_equal(cec_pick(a, n, 1, 0, "DSI-1"), -1);
    /* One adapter (a Pi 3: "vc4-hdmi") is the one. */
    fake_setup(&f, 1);
    f.a[0].caps &= ~(uint32_t)CEC_CAP_CONNECTOR_INFO;
    snprintf(f.a[0].name, sizeof(f.a[0].name), "vc4-hdmi");
    n = cec_list(&io, dir, a, CEC_MAX_ADAPTERS);
    assert_int_equal(n, 1);
    assert_int_equal(cec_pick(a, n, 0, 0, "HDMI-A-1"), 0);
    /* Unreadable adapters are listed with the reason and never picked. */
    f.a[0].denied = true;
    n = cec_list(&io, dir, a, CEC_MAX_ADAPTERS);
    assert_int_equal(a[0].error, EACCES);
    assert_int_equal(cec_pick(a, n, 0, 0, "HDMI-A-1"), -1);
}

static void claiming_asks_for_playback_with_remote_passthrough(void **state)
{
    (void)state;
    FakeCec f;
    fake_setup(&f, 1);
    f.a[0].la = 8; /* left over: a Playback 2 address from cec-ctl */
    CecIo io = fake_cec_io(&f);
    CecAdapterInfo a[1];
    assert_int_equal(cec_list(&io, dir, a, 1), 1);
    CecDev d;
    char why[256];
    assert_int_equal(cec_dev_open(&d, &io, &a[0], why, sizeof(why)), 0);
    assert_int_equal(f.mode, CEC_MODE_INITIATOR);
    assert_int_equal(f.n_claims, 2); /* cleared, then claimed */
    assert_int_equal(f.last_claim.num_log_addrs, 1);
    assert_int_equal(f.last_claim.log_addr_type[0], CEC_LOG_ADDR_TYPE_PLAYBACK);
    assert_int_equal(f.last_claim.primary_device_type[0], CEC_OP_PRIM_DEVTYPE_PLAYBACK);
    assert_true(f.last_claim.flags & CEC_LOG_ADDRS_FL_ALLOW_RC_PASSTHRU);
    assert_string_equal(f.last_claim.osd_name, "OKR wall");
    assert_int_equal(d.info.log_addr, 4);
    cec_dev_close(&d);
}

static void standby_and_wake_send_the_spec_bytes(void **state)
{
    (void)state;
    FakeCec f;
    fake_setup(&f, 1);
    CecIo io = fake_cec_io(&f);
    CecAdapterInfo a[1];
    cec_list(&io, dir, a, 1);
    CecDev d;
    char why[256];
    assert_int_equal(cec_dev_open(&d, &io, &a[0], why, sizeof(why)), 0);
    assert_int_equal(cec_standby(&d, why, sizeof(why)), CEC_SENT);
    assert_int_equal(cec_image_view_on(&d, why, sizeof(why)), CEC_SENT);
    assert_int_equal(cec_active_source(&d, why, sizeof(why)), CEC_SENT);
    const uint8_t standby[] = {0x40, 0x36}; /* Playback 1 -> TV */
    const uint8_t view_on[] = {0x40, 0x04};
    const uint8_t active[] = {0x4f, 0x82, 0x10, 0x00}; /* -> all, 1.0.0.0 */
    assert_int_equal(f.n_tx, 3);
    assert_tx(&f, 0, standby, 2);
    assert_tx(&f, 1, view_on, 2);
    assert_tx(&f, 2, active, 4);
    cec_dev_close(&d);
}

static void a_tv_that_does_not_answer_is_named_with_the_fix(void **state)
{
    (void)state;
    FakeCec f;
    fake_setup(&f, 1);
    f.a[0].tx_status[CEC_MSG_STANDBY] = CEC_TX_STATUS_NACK | CEC_TX_STATUS_MAX_RETRIES;
    CecIo io = fake_cec_io(&f);
    CecAdapterInfo a[1];
    cec_list(&io, dir, a, 1);
    CecDev d;
    char why[256];
    assert_int_equal(cec_dev_open(&d, &io, &a[0], why, sizeof(why)), 0);
    assert_int_equal(cec_standby(&d, why, sizeof(why)), CEC_NACKED);
    assert_non_null(strstr(why, "<Standby>: the TV did not answer (switch CEC on in its menu"));
    f.a[0].gone = true;
    assert_int_equal(cec_standby(&d, why, sizeof(why)), CEC_GONE);
    cec_dev_close(&d);
}

static CecWorkerConfig worker_config(FakeCec *f)
{
    CecWorkerConfig cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.io = fake_cec_io(f);
    snprintf(cfg.dev_dir, sizeof(cfg.dev_dir), "%s", dir);
    cfg.drm_card = 1;
    cfg.connector_id = 32;
    snprintf(cfg.connector, sizeof(cfg.connector), "HDMI-A-1");
    cfg.retry_ms = 50;
    cfg.active_source_wait_ms = 2000;
    return cfg;
}

/* The TV sleeps with its hot-plug line low: no physical address, nothing
 * claimed. <Image View On> goes from Unregistered; once the TV is up (2.0.0.0
 * here: the Pi is on the TV's second input) <Active Source> follows. */
static void waking_a_sleeping_tv_starts_from_the_unregistered_address(void **state)
{
    (void)state;
    FakeCec f;
    fake_setup(&f, 1);
    f.a[0].pa = CEC_PA_INVALID;
    f.a[0].pa_after_wake = 0x2000;
    CecWorkerConfig cfg = worker_config(&f);
    CecWorker *w = cec_worker_start(&cfg);
    assert_non_null(w);
    assert_true(cec_worker_have(w));
    cec_worker_want(w, true);
    assert_true(cec_worker_idle(w, 3000));
    pthread_mutex_lock(&f.lock);
    const uint8_t view_on[] = {0xf0, 0x04};
    const uint8_t active[] = {0x4f, 0x82, 0x20, 0x00};
    assert_int_equal(f.n_tx, 2);
    assert_tx(&f, 0, view_on, 2);
    assert_tx(&f, 1, active, 4);
    pthread_mutex_unlock(&f.lock);
    cec_worker_stop(w);
}

static void an_adapter_that_disappears_gets_the_request_when_back(void **state)
{
    (void)state;
    FakeCec f;
    fake_setup(&f, 1);
    CecWorkerConfig cfg = worker_config(&f);
    CecWorker *w = cec_worker_start(&cfg);
    cec_worker_want(w, true);
    assert_true(cec_worker_idle(w, 2000));
    pthread_mutex_lock(&f.lock);
    int before = f.n_tx; /* <Image View On>, <Active Source> */
    f.a[0].gone = true;
    pthread_mutex_unlock(&f.lock);
    cec_worker_want(w, false);
    assert_false(cec_worker_idle(w, 300)); /* nowhere to send <Standby> */
    assert_false(cec_worker_have(w));
    pthread_mutex_lock(&f.lock);
    assert_int_equal(f.n_tx, before);
    f.a[0].gone = false; /* plugged back: claimed afresh */
    pthread_mutex_unlock(&f.lock);
    assert_true(cec_worker_idle(w, 2000));
    assert_true(cec_worker_have(w));
    pthread_mutex_lock(&f.lock);
    const uint8_t standby[] = {0x40, 0x36};
    assert_int_equal(f.n_tx, before + 1);
    assert_tx(&f, before, standby, 2);
    pthread_mutex_unlock(&f.lock);
    cec_worker_stop(w);
}

static void the_latest_wish_wins_and_no_adapter_means_no_messages(void **state)
{
    (void)state;
    FakeCec f;
    fake_setup(&f, 0);
    CecWorkerConfig cfg = worker_config(&f);
    CecWorker *w = cec_worker_start(&cfg);
    assert_false(cec_worker_have(w));
    cec_worker_want(w, false);
    cec_worker_want(w, true);
    assert_false(cec_worker_idle(w, 200));
    assert_int_equal(f.n_tx, 0);
    cec_worker_stop(w);
    cec_worker_stop(NULL);
    cec_worker_want(NULL, true);
}

static void physical_addresses_read_as_dotted_nibbles(void **state)
{
    (void)state;
    char t[64];
    cec_phys_text(0x1000, t, sizeof(t));
    assert_string_equal(t, "1.0.0.0");
    cec_phys_text(0x2130, t, sizeof(t));
    assert_string_equal(t, "2.1.3.0");
    cec_phys_text(CEC_PA_INVALID, t, sizeof(t));
    assert_string_equal(t, "f.f.f.f (no TV, or it sleeps)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_adapter_is_found_by_the_connector_the_kernel_names),
        cmocka_unit_test(without_connector_info_vc4_names_follow_the_ports),
        cmocka_unit_test(claiming_asks_for_playback_with_remote_passthrough),
        cmocka_unit_test(standby_and_wake_send_the_spec_bytes),
        cmocka_unit_test(a_tv_that_does_not_answer_is_named_with_the_fix),
        cmocka_unit_test(waking_a_sleeping_tv_starts_from_the_unregistered_address),
        cmocka_unit_test(an_adapter_that_disappears_gets_the_request_when_back),
        cmocka_unit_test(the_latest_wish_wins_and_no_adapter_means_no_messages),
        cmocka_unit_test(physical_addresses_read_as_dotted_nibbles),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
