/*
 * anim: per-ring value sweeps keyed by anim_key, change marks drawing in,
 * and view transitions.
 *
 * Small open-addressing hash tables map anim_key to a sweep (from, to,
 * start time) and to the mark beside that ring (points shown, start time).
 * Retargeting mid-sweep starts the new sweep from the value shown at that
 * moment, so a ring never jumps. A mark that changes its number mid-way
 * starts drawing in again from nothing: it is a new mark. Nothing here reads
 * a clock.
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
    float from, to;    /* rings: the sweep */
    long points;       /* marks: the points last shown, 0: none (gone) */
    bool drawing;      /* marks: drawing in since start_ms */
    uint64_t start_ms; /* when the sweep or the drawing in began */
} Sweep;

typedef struct {
    Sweep *slots;
    size_t cap, count; /* cap is a power of two */
} Table;

struct Animator {
    bool reduce_motion;
    Table rings; /* by the ring's anim_key */
    Table marks; /* by the ring's anim_key too: the mark beside that ring */
};

static bool table_init(Table *t)
{
    t->cap = 64;
    t->count = 0;
    t->slots = calloc(t->cap, sizeof(*t->slots));
    return t->slots != NULL;
}

Animator *anim_new(bool reduce_motion)
{
    Animator *a = calloc(1, sizeof(*a));
    if (a == NULL)
        return NULL;
    a->reduce_motion = reduce_motion;
    if (!table_init(&a->rings) || !table_init(&a->marks)) {
        anim_free(a);
        return NULL;
    }
    return a;
}

void anim_free(Animator *a)
{
    if (a == NULL)
        return;
    free(a->rings.slots);
    free(a->marks.slots);
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

static bool grow(Table *t)
{
    size_t cap = t->cap * 2;
    Sweep *slots = calloc(cap, sizeof(*slots));
    if (slots == NULL)
        return false;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].used)
            *find_slot(slots, cap, t->slots[i].key) = t->slots[i];
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return true;
}

/* key's slot, a new one (used, everything else 0) when key is new; NULL
 * when memory runs out. */
static Sweep *table_get(Table *t, uint32_t key, bool *fresh)
{
    if ((t->count + 1) * 2 > t->cap && !grow(t))
        return NULL;
    Sweep *s = find_slot(t->slots, t->cap, key);
    *fresh = !s->used;
    if (*fresh) {
        memset(s, 0, sizeof(*s));
        s->used = true;
        s->key = key;
        t->count++;
    }
    return s;
}

/* How far (0..1, eased) an animation that began at start_ms is at now_ms. */
static float eased_since(uint64_t start_ms, uint64_t now_ms)
{
    if (now_ms <= start_ms)
        return 0.0f;
    uint64_t dt = now_ms - start_ms;
    return dt >= ANIM_SWEEP_MS ? 1.0f : anim_ease_out((float)dt / (float)ANIM_SWEEP_MS);
}

static float sweep_value(const Sweep *s, uint64_t now_ms)
{
    if (now_ms >= s->start_ms + ANIM_SWEEP_MS)
        return s->to;
    return s->from + (s->to - s->from) * eased_since(s->start_ms, now_ms);
}

float anim_value(Animator *a, uint32_t key, float target, uint64_t now_ms)
{
    bool fresh;
    if (a->reduce_motion)
        return target;
    Sweep *s = table_get(&a->rings, key, &fresh);
    if (s == NULL)
        return target;
    if (fresh) {
        s->from = 0.0f;
        s->to = target;
        s->start_ms = now_ms;
    } else if (s->to != target) {
        s->from = sweep_value(s, now_ms);
        s->to = target;
        s->start_ms = now_ms;
    }
    return sweep_value(s, now_ms);
}

float anim_mark(Animator *a, uint32_t key, long points, uint64_t now_ms)
{
    bool fresh;
    if (a->reduce_motion || points == 0)
        return 1.0f;
    Sweep *s = table_get(&a->marks, key, &fresh);
    if (s == NULL)
        return 1.0f;
    if (s->points != points) {
        /* new, back, or showing another number: draw it in from nothing */
        s->points = points;
        s->drawing = true;
        s->start_ms = now_ms;
    }
    if (!s->drawing)
        return 1.0f;
    if (now_ms >= s->start_ms + ANIM_SWEEP_MS)
        s->drawing = false;
    return eased_since(s->start_ms, now_ms);
}

void anim_mark_gone(Animator *a, uint32_t key)
{
    if (a->reduce_motion)
        return;
    Sweep *s = find_slot(a->marks.slots, a->marks.cap, key);
    if (s->used) {
        s->points = 0;
        s->drawing = false;
    }
}

bool anim_active(const Animator *a, uint64_t now_ms)
{
    if (a->reduce_motion)
        return false;
    for (size_t i = 0; i < a->rings.cap; i++) {
        const Sweep *s = &a->rings.slots[i];
        if (s->used && s->from != s->to && now_ms < s->start_ms + ANIM_SWEEP_MS)
            return true;
    }
    for (size_t i = 0; i < a->marks.cap; i++) {
        const Sweep *s = &a->marks.slots[i];
        if (s->used && s->drawing && now_ms < s->start_ms + ANIM_SWEEP_MS)
            return true;
    }
    return false;
}

void anim_settle(Animator *a)
{
    for (size_t i = 0; i < a->rings.cap; i++)
        a->rings.slots[i].from = a->rings.slots[i].to;
    for (size_t i = 0; i < a->marks.cap; i++)
        a->marks.slots[i].drawing = false;
}

static bool has_mark(const Layout *layout, uint32_t key)
{
    for (size_t i = 0; i < layout->count; i++)
        if (layout->items[i].mark.key == key)
            return true;
    return false;
}

/* In a layout that places every ring's mark, a ring without one has none
 * now: forget its mark, so that one coming back draws in again. */
static void forget_gone_marks(Animator *a, const Layout *layout)
{
    for (size_t i = 0; i < layout->count; i++) {
        const Element *e = &layout->items[i];
        if (e->kind != EL_RING || e->u.ring.anim_key == 0)
            continue;
        const Sweep *s = find_slot(a->marks.slots, a->marks.cap, e->u.ring.anim_key);
        if (s->used && s->points != 0 && !has_mark(layout, e->u.ring.anim_key))
            anim_mark_gone(a, e->u.ring.anim_key);
    }
}

void anim_apply(Animator *a, Layout *layout, uint64_t now_ms)
{
    if (layout->marks_complete && !a->reduce_motion)
        forget_gone_marks(a, layout);
    for (size_t i = 0; i < layout->count; i++) {
        Element *e = &layout->items[i];
        if (e->kind == EL_RING && e->u.ring.has_value)
            e->u.ring.value = anim_value(a, e->u.ring.anim_key, e->u.ring.value, now_ms);
        if (e->mark.key != 0) {
            float left = 1.0f - anim_mark(a, e->mark.key, e->mark.points, now_ms);
            e->fade = left;
            e->box.y += e->mark.rise * left;
        }
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
    float u = (float)dt / (float)ANIM_VIEW_MS;
    if (t->dir == 0) {
        float e = anim_ease_out(u);
        out->old_opacity = 1.0f - e;
        out->new_opacity = e;
        return true;
    }
    /* One view at a time: the old one moves a short way towards the side
     * we leave by and fades out (speeding up), then the new one comes in
     * from the side we move towards over the same way, fading in with the
     * ease-out. Two views on the screen at once held the textures of both
     * (a 4K view's texts are 4.5 MiB of a Pi's GPU memory). */
    float d = (float)t->dir * width * ANIM_VIEW_SHIFT;
    if (u < ANIM_VIEW_OUT) {
        float p = u / ANIM_VIEW_OUT;
        out->old_dx = -d * p * p;
        out->old_opacity = 1.0f - p;
        out->new_dx = d;
        out->new_opacity = 0.0f;
    } else {
        float e = anim_ease_out((u - ANIM_VIEW_OUT) / (1.0f - ANIM_VIEW_OUT));
        out->new_dx = d * (1.0f - e);
        out->new_opacity = e;
    }
    return true;
}
