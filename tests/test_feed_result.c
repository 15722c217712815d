/*
 * Tests of the result mailbox: order, the bound, which result is dropped when
 * full, the wake call, and many puts from another thread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "feed_result.h"

/* A result of kind with a marker in bytes; NEW ones carry a real feed so a
 * drop that forgot to free it shows up under a leak checker. */
static FeedResult make(FeedResultKind kind, size_t marker)
{
    FeedResult r;
    memset(&r, 0, sizeof(r));
    r.kind = kind;
    r.bytes = marker;
    if (kind == FEED_RESULT_NEW)
        r.feed = calloc(1, sizeof(OkrFeed));
    return r;
}

static void results_come_out_in_order(void **state)
{
    (void)state;
    FeedMailbox *mb = feed_mailbox_new(NULL, NULL);
    FeedResult r;
    for (size_t i = 1; i <= 3; i++) {
        r = make(FEED_RESULT_NOT_MODIFIED, i);
        feed_mailbox_put(mb, &r);
        assert_int_equal(r.bytes, 0); /* moved: the caller's copy is zeroed */
    }
    for (size_t i = 1; i <= 3; i++) {
        assert_true(feed_mailbox_take(mb, &r));
        assert_int_equal(r.bytes, i);
    }
    assert_false(feed_mailbox_take(mb, &r));
    feed_mailbox_free(mb);
}

static void full_mailbox_drops_the_oldest(void **state)
{
    (void)state;
    FeedMailbox *mb = feed_mailbox_new(NULL, NULL);
    FeedResult r;
    for (size_t i = 1; i <= 20; i++) {
        r = make(i % 2 ? FEED_RESULT_NEW : FEED_RESULT_FETCH_ERROR, i);
        feed_mailbox_put(mb, &r);
    }
    /* 8 slots: results 13..20 remain */
    for (size_t i = 13; i <= 20; i++) {
        assert_true(feed_mailbox_take(mb, &r));
        assert_int_equal(r.bytes, i);
        feed_result_clear(&r);
    }
    assert_false(feed_mailbox_take(mb, &r));
    feed_mailbox_free(mb);
}

static void the_only_new_feed_survives_a_run_of_other_results(void **state)
{
    (void)state;
    FeedMailbox *mb = feed_mailbox_new(NULL, NULL);
    FeedResult r = make(FEED_RESULT_NEW, 1);
    feed_mailbox_put(mb, &r);
    for (size_t i = 2; i <= 30; i++) {
        r = make(FEED_RESULT_NOT_MODIFIED, i);
        feed_mailbox_put(mb, &r);
    }
    /* the feed, then the 7 newest others (24..30) */
    assert_true(feed_mailbox_take(mb, &r));
    assert_int_equal(r.kind, FEED_RESULT_NEW);
    assert_int_equal(r.bytes, 1);
    assert_non_null(r.feed);
    feed_result_clear(&r);
    for (size_t i = 24; i <= 30; i++) {
        assert_true(feed_mailbox_take(mb, &r));
        assert_int_equal(r.bytes, i);
    }
    assert_false(feed_mailbox_take(mb, &r));
    feed_mailbox_free(mb);
}

typedef struct {
    FeedMailbox *mb;
    int calls;
    size_t seen;
} WakeProbe;

static void wake_takes(void *userdata)
{
    WakeProbe *p = userdata;
    FeedResult r;
    p->calls++;
    /* taking from inside wake would deadlock if wake ran under the lock */
    if (feed_mailbox_take(p->mb, &r)) {
        p->seen = r.bytes;
        feed_result_clear(&r);
    }
}

static void wake_is_called_after_each_put_outside_the_lock(void **state)
{
    (void)state;
    WakeProbe probe = {0};
    probe.mb = feed_mailbox_new(wake_takes, &probe);
    FeedResult r = make(FEED_RESULT_FETCH_ERROR, 5);
    feed_mailbox_put(probe.mb, &r);
    r = make(FEED_RESULT_NEW, 6);
    feed_mailbox_put(probe.mb, &r);
    assert_int_equal(probe.calls, 2);
    assert_int_equal(probe.seen, 6);
    feed_mailbox_free(probe.mb);
}

static void *producer(void *arg)
{
    FeedMailbox *mb = arg;
    for (size_t i = 1; i <= 20000; i++) {
        FeedResult r = make(i % 3 ? FEED_RESULT_NOT_MODIFIED : FEED_RESULT_NEW, i);
        feed_mailbox_put(mb, &r);
    }
    return NULL;
}

static void puts_from_another_thread_arrive_in_order(void **state)
{
    (void)state;
    FeedMailbox *mb = feed_mailbox_new(NULL, NULL);
    pthread_t t;
    FeedResult r;
    size_t last = 0, taken = 0;
    assert_int_equal(pthread_create(&t, NULL, producer, mb), 0);
    while (last < 20000) {
        if (!feed_mailbox_take(mb, &r))
            continue;
        assert_true(r.bytes > last); /* drops allowed, reordering never */
        last = r.bytes;
        taken++;
        feed_result_clear(&r);
    }
    pthread_join(t, NULL);
    assert_true(taken > 0);
    feed_mailbox_free(mb);
}

static void clear_frees_and_zeroes(void **state)
{
    (void)state;
    FeedResult r = make(FEED_RESULT_NEW, 9);
    okr_diag_add(&r.diags, OKR_DIAG_WARNING, "objectives[0]", "a warning");
    feed_result_clear(&r);
    assert_null(r.feed);
    assert_int_equal(r.diags.count, 0);
    assert_int_equal(r.bytes, 0);
    feed_result_clear(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(results_come_out_in_order),
        cmocka_unit_test(full_mailbox_drops_the_oldest),
        cmocka_unit_test(the_only_new_feed_survives_a_run_of_other_results),
        cmocka_unit_test(wake_is_called_after_each_put_outside_the_lock),
        cmocka_unit_test(puts_from_another_thread_arrive_in_order),
        cmocka_unit_test(clear_frees_and_zeroes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
