/*
 * feed_result: the hand-over point between a feed source's worker thread and
 * the main thread.
 *
 * The mailbox is a small ring of results under one mutex. It is bounded on
 * purpose: if the main thread stalls, a source must not pile up parsed feeds
 * without limit, so when the ring is full the oldest result is dropped (the
 * newest one is what the screen should show) -- except the latest feed
 * itself: after a NEW, a run of NOT_MODIFIED or errors must never push the
 * only copy of the new data out, or the screen would keep old data forever. The wake function is called
 * after the lock is released, so an app callback that takes its own locks
 * (SDL_PushEvent does) can never deadlock against a put.
 */
#include "feed_result.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAILBOX_SLOTS 8

struct FeedMailbox {
    pthread_mutex_t lock;
    FeedResult slots[MAILBOX_SLOTS];
    size_t head; /* index of the oldest result */
    size_t count;
    FeedWakeFn wake;
    void *userdata;
};

bool feed_fail_is_offline(FeedFail fail)
{
    return fail >= FEED_FAIL_NET_REFUSED && fail <= FEED_FAIL_NET_LOST;
}

void feed_result_clear(FeedResult *r)
{
    if (!r)
        return;
    okr_feed_free(r->feed);
    okr_diag_list_free(&r->diags);
    memset(r, 0, sizeof(*r));
}

FeedMailbox *feed_mailbox_new(FeedWakeFn wake, void *userdata)
{
    FeedMailbox *mb = calloc(1, sizeof(*mb));
    if (!mb)
        return NULL;
    if (pthread_mutex_init(&mb->lock, NULL) != 0) {
        free(mb);
        return NULL;
    }
    mb->wake = wake;
    mb->userdata = userdata;
    return mb;
}

void feed_mailbox_free(FeedMailbox *mb)
{
    if (!mb)
        return;
    for (size_t i = 0; i < mb->count; i++)
        feed_result_clear(&mb->slots[(mb->head + i) % MAILBOX_SLOTS]);
    pthread_mutex_destroy(&mb->lock);
    free(mb);
}

void feed_mailbox_put(FeedMailbox *mb, FeedResult *r)
{
    FeedResult dropped;
    bool have_dropped = false;

    pthread_mutex_lock(&mb->lock);
    if (mb->count == MAILBOX_SLOTS) {
        /* Full: give up the oldest one (freed outside the lock), unless it
         * is the only feed waiting and r is no feed: then the next oldest. */
        size_t victim = 0;
        if (mb->slots[mb->head].kind == FEED_RESULT_NEW && r->kind != FEED_RESULT_NEW) {
            bool newer_feed = false;
            for (size_t i = 1; i < mb->count; i++)
                newer_feed =
                    newer_feed || mb->slots[(mb->head + i) % MAILBOX_SLOTS].kind == FEED_RESULT_NEW;
            if (!newer_feed)
                victim = 1;
        }
        dropped = mb->slots[(mb->head + victim) % MAILBOX_SLOTS];
        have_dropped = true;
        if (victim == 1)
            mb->slots[(mb->head + 1) % MAILBOX_SLOTS] = mb->slots[mb->head];
        mb->head = (mb->head + 1) % MAILBOX_SLOTS;
        mb->count--;
    }
    mb->slots[(mb->head + mb->count) % MAILBOX_SLOTS] = *r;
    mb->count++;
    pthread_mutex_unlock(&mb->lock);

    memset(r, 0, sizeof(*r));
    if (have_dropped)
        feed_result_clear(&dropped);
    if (mb->wake)
        mb->wake(mb->userdata);
}

bool feed_mailbox_take(FeedMailbox *mb, FeedResult *out)
{
    bool got = false;

    pthread_mutex_lock(&mb->lock);
    if (mb->count > 0) {
        *out = mb->slots[mb->head];
        memset(&mb->slots[mb->head], 0, sizeof(mb->slots[mb->head]));
        mb->head = (mb->head + 1) % MAILBOX_SLOTS;
        mb->count--;
        got = true;
    }
    pthread_mutex_unlock(&mb->lock);
    return got;
}
