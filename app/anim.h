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
 * Change marks ("+8" beside a ring) that are new, in the same motion as the
 * rings: a mark seen for the first time, showing another number than before,
 * or back after it was gone, draws in over ANIM_SWEEP_MS with the same
 * ease-out, fading in while it slides into place (up when its points rose,
 * down when they fell; the layout says how far: ElementMark.rise). A mark
 * seen again with the same number does not move. With reduce_motion marks
 * are simply there.
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
/* A slide moves each view by this share of the width, and the old view's
 * fade-out takes this share of ANIM_VIEW_MS, the new view's fade-in the rest. */
#define ANIM_VIEW_SHIFT 0.08f
#define ANIM_VIEW_OUT 0.4f

typedef struct Animator Animator;

/* NULL on allocation failure. */
Animator *anim_new(bool reduce_motion);
void anim_free(Animator *a);

/* Ease-out (cubic): 1 - (1 - t)^3 for t in [0, 1], clamped outside. */
float anim_ease_out(float t);

/* Set the target for key and return the value to show at now_ms. */
float anim_value(Animator *a, uint32_t key, float target, uint64_t now_ms);
/* A change mark of the ring key showing points (never 0): how far it has
 * drawn in at now_ms, 0 (just appeared) to 1 (in place), eased. */
float anim_mark(Animator *a, uint32_t key, long points, uint64_t now_ms);
/* The ring key has no mark now: one that comes back draws in again. */
void anim_mark_gone(Animator *a, uint32_t key);
/* True while any sweep or mark has not reached its end at now_ms. */
bool anim_active(const Animator *a, uint64_t now_ms);
/* Jump every value to its target (screenshots, --reduce-motion toggles). */
void anim_settle(Animator *a);

/* Replace each ring's value by its animated one and rewrite the text of
 * elements whose percent_of points at a ring (with i18n_format_progress,
 * as the layout and --check write it). The elements of a change mark get
 * their fade and are moved by what is left of their rise. In a layout whose
 * marks_complete is set, a ring without a mark forgets the one it had. */
void anim_apply(Animator *a, Layout *layout, uint64_t now_ms);

/* A view change between two layouts. A slide (dir +1 forward, -1 back):
 * the old view moves ANIM_VIEW_SHIFT of the width towards the side it
 * leaves by while it fades out, then the new view moves in over the same
 * distance from the side of travel while it fades in; never both at once.
 * A cross-fade (dir 0, the help overlay): both, one fading into the other. */
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
