/*
 * anim: per-ring value sweeps keyed by anim_key, and view transitions.
 *
 * A small open-addressing hash table maps anim_key to a sweep (from, to,
 * start time). Retargeting mid-sweep starts the new sweep from the value
 * shown at that moment, so a ring never jumps. Nothing here reads a clock.
 */
#include "anim.h"
#include "okr_i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t key;
    bool used;
    float from, to;
    uint64_t start_ms;
} Sweep;

struct Animator {
    bool reduce_motion;
    Sweep *slots;
    size_t cap, count; /* cap is a power of two */
};

Animator *anim_new(bool reduce_motion)
{
    Animator *a = calloc(1, sizeof(*a));
    if (a == NULL)
        return NULL;
    a->reduce_motion = reduce_motion;
    a->cap = 64;
    a->slots = calloc(a->cap, sizeof(*a->slots));
    if (a->slots == NULL) {
        free(a);
        return NULL;
    }
    return a;
}

void anim_free(Animator *a)
{
    if (a == NULL)
        return;
    free(a->slots);
    free(a);
}

float anim_ease_out(float t)
{
    if (t <= 0.0f)
        return 0.0f;
    if (t >= 1.0f)
        return 1.0f;
    float u = 1.0f - t;
    return 1.0f - u * u * u;
}

static Sweep *find_slot(Sweep *slots, size_t cap, uint32_t key)
{
    size_t i = (key * 2654435761u) & (cap - 1);
    while (slots[i].used && slots[i].key != key)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static bool grow(Animator *a)
{
    size_t cap = a->cap * 2;
    Sweep *slots = calloc(cap, sizeof(*slots));
    if (slots == NULL)
        return false;
    for (size_t i = 0; i < a->cap; i++)
        if (a->slots[i].used)
            *find_slot(slots, cap, a->slots[i].key) = a->slots[i];
    free(a->slots);
    a->slots = slots;
    a->cap = cap;
    return true;
}

static float sweep_value(const Sweep *s, uint64_t now_ms)
{
    if (now_ms <= s->start_ms)
        return s->from;
    uint64_t dt = now_ms - s->start_ms;
    if (dt >= ANIM_SWEEP_MS)
        return s->to;
    float e = anim_ease_out((float)dt / (float)ANIM_SWEEP_MS);
    return s->from + (s->to - s->from) * e;
}

float anim_value(Animator *a, uint32_t key, float target, uint64_t now_ms)
{
    if (a->reduce_motion)
        return target;
    if ((a->count + 1) * 2 > a->cap && !grow(a))
        return target;
    Sweep *s = find_slot(a->slots, a->cap, key);
    if (!s->used) {
        s->used = true;
        s->key = key;
        s->from = 0.0f;
        s->to = target;
        s->start_ms = now_ms;
        a->count++;
    } else if (s->to != target) {
        s->from = sweep_value(s, now_ms);
        s->to = target;
        s->start_ms = now_ms;
    }
    return sweep_value(s, now_ms);
}

bool anim_active(const Animator *a, uint64_t now_ms)
{
    if (a->reduce_motion)
        return false;
    for (size_t i = 0; i < a->cap; i++) {
        const Sweep *s = &a->slots[i];
        if (s->used && s->from != s->to && now_ms < s->start_ms + ANIM_SWEEP_MS)
            return true;
    }
    return false;
}

void anim_settle(Animator *a)
{
    for (size_t i = 0; i < a->cap; i++)
        a->slots[i].from = a->slots[i].to;
}

void anim_apply(Animator *a, Layout *layout, uint64_t now_ms)
{
    for (size_t i = 0; i < layout->count; i++) {
        Element *e = &layout->items[i];
        if (e->kind == EL_RING && e->u.ring.has_value)
            e->u.ring.value = anim_value(a, e->u.ring.anim_key, e->u.ring.value, now_ms);
    }
    for (size_t i = 0; i < layout->count; i++) {
        Element *e = &layout->items[i];
        if (e->kind != EL_TEXT || e->u.text.percent_of < 0 ||
            (size_t)e->u.text.percent_of >= layout->count)
            continue;
        const Element *ring = &layout->items[e->u.text.percent_of];
        if (ring->kind == EL_RING && ring->u.ring.has_value)
            /* the same text in both languages, so no language is needed here */
            i18n_format_progress(I18N_EN, ring->u.ring.value, e->u.text.text,
                                 sizeof(e->u.text.text));
    }
}

void anim_transition_start(ViewTransition *t, int dir, uint64_t now_ms, bool reduce_motion)
{
    t->active = !reduce_motion;
    t->dir = dir > 0 ? 1 : (dir < 0 ? -1 : 0);
    t->start_ms = now_ms;
}

bool anim_transition_frame(ViewTransition *t, uint64_t now_ms, float width, TransitionFrame *out)
{
    out->old_dx = 0.0f;
    out->new_dx = 0.0f;
    out->old_opacity = 0.0f;
    out->new_opacity = 1.0f;
    if (!t->active)
        return false;
    uint64_t dt = now_ms > t->start_ms ? now_ms - t->start_ms : 0;
    if (dt >= ANIM_VIEW_MS) {
        t->active = false;
        return false;
    }
    float e = anim_ease_out((float)dt / (float)ANIM_VIEW_MS);
    if (t->dir == 0) {
        out->old_opacity = 1.0f - e;
        out->new_opacity = e;
    } else {
        /* The new view slides in from the side we move towards. */
        float d = (float)t->dir * width;
        out->new_dx = d * (1.0f - e);
        out->old_dx = -d * e;
        out->old_opacity = 1.0f - e;
        out->new_opacity = 1.0f;
    }
    return true;
}
