/*
 * anim: value sweeps for rings and their numbers, and view transitions.
 *
 * Pure: every call takes the monotonic time in milliseconds, so tests step
 * through a sweep exactly. Each ring has a stable anim_key (from the layout);
 * when its target value changes, the displayed value sweeps from where it is
 * now to the new target with an ease-out over ANIM_SWEEP_MS. A key seen for
 * the first time sweeps up from 0. With reduce_motion every value is shown at
 * its target at once and transitions are skipped.
 *
 * Ownership: anim_new() allocates, anim_free() releases.
 */
#ifndef APP_ANIM_H
#define APP_ANIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

#define ANIM_SWEEP_MS 800u
#define ANIM_VIEW_MS 350u

typedef struct Animator Animator;

/* NULL on allocation failure. */
Animator *anim_new(bool reduce_motion);
void anim_free(Animator *a);

/* Ease-out (cubic): 1 - (1 - t)^3 for t in [0, 1], clamped outside. */
float anim_ease_out(float t);

/* Set the target for key and return the value to show at now_ms. */
float anim_value(Animator *a, uint32_t key, float target, uint64_t now_ms);
/* True while any sweep has not reached its target at now_ms. */
bool anim_active(const Animator *a, uint64_t now_ms);
/* Jump every value to its target (screenshots, --reduce-motion toggles). */
void anim_settle(Animator *a);

/* Replace each ring's value by its animated one and rewrite the text of
 * elements whose percent_of points at a ring (with i18n_format_progress,
 * as the layout and --check write it). */
void anim_apply(Animator *a, Layout *layout, uint64_t now_ms);

/* A slide (dir +1 / -1) or cross-fade (dir 0) between two layouts. */
typedef struct {
    bool active;
    int dir;
    uint64_t start_ms;
} ViewTransition;

typedef struct {
    float old_dx, new_dx;           /* pixels */
    float old_opacity, new_opacity; /* 0..1 */
} TransitionFrame;

void anim_transition_start(ViewTransition *t, int dir, uint64_t now_ms, bool reduce_motion);
/* Fill out for now_ms. Returns false (and clears t->active) once the
 * transition is over: then draw only the new layout. */
bool anim_transition_frame(ViewTransition *t, uint64_t now_ms, float width, TransitionFrame *out);

#endif
