/*
 * lru: the eviction bookkeeping text_cache and shape_cache share (private to
 * render/).
 *
 * A cache keeps its entries in a flat array, each with an LruStamp, and an
 * Lru for the whole. Entries are evicted least recently used first while
 * the cache is over its byte budget, except those in use (drawn in this
 * frame or the one before: a view on screen, or both views of a slide); a
 * full entry table evicts regardless. A stamp released (lru_release) is no
 * longer in use and may go at once.
 */
#ifndef LRU_H
#define LRU_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    unsigned long last_use; /* Lru.tick when last looked up */
    unsigned long frame;    /* the frame it was last drawn in, 0 = released */
} LruStamp;

typedef struct {
    size_t count, max_entries;
    size_t bytes, max_bytes; /* held, and the budget */
    size_t freed;            /* bytes released so far */
    unsigned long tick;      /* lookups so far */
    unsigned long frame;     /* begin-frame count */
} Lru;

/* Removes entry i of the cache (it calls lru_drop). */
typedef void (*LruDropFn)(void *cache, size_t i);

static inline bool lru_in_use(const Lru *l, const LruStamp *s)
{
    return l->frame > 0 && s->frame + 1 >= l->frame;
}

/* The entry was looked up (or made) now. */
static inline void lru_touch(const Lru *l, LruStamp *s)
{
    s->last_use = l->tick;
    s->frame = l->frame;
}

/* The entry went off the screen: unless drawn in this frame, evictable now. */
static inline void lru_release(const Lru *l, LruStamp *s)
{
    if (s->frame != l->frame)
        s->frame = 0;
}

/* An entry of bytes was added (as the last one) and looked up now. */
static inline void lru_add(Lru *l, LruStamp *s, size_t bytes)
{
    l->count++;
    l->bytes += bytes;
    lru_touch(l, s);
}

/* An entry of bytes goes; returns the index of the last entry, which the
 * cache moves into the freed slot. */
static inline size_t lru_drop(Lru *l, size_t bytes)
{
    l->bytes -= bytes;
    l->freed += bytes;
    return --l->count;
}

/* Evict until extra more bytes fit the budget (drop(cache, i) removes entry
 * i; the stamps lie stride bytes apart from first): the least recently used
 * not in use first, any when the table is full. Stops when only entries in
 * use are left. */
static inline void lru_evict(Lru *l, size_t extra, const LruStamp *first, size_t stride,
                             LruDropFn drop, void *cache)
{
    while (l->count > 0) {
        bool full = l->count >= l->max_entries;
        if (!full && l->bytes + extra <= l->max_bytes)
            break;
        const LruStamp *oldest = NULL;
        size_t at = 0;
        for (size_t i = 0; i < l->count; i++) {
            const LruStamp *s = (const LruStamp *)((const char *)first + i * stride);
            if ((full || !lru_in_use(l, s)) && (!oldest || s->last_use < oldest->last_use)) {
                oldest = s;
                at = i;
            }
        }
        if (!oldest)
            break;
        drop(cache, at);
    }
}

#endif
