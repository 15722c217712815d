/*
 * emoji: what drawing text needs to know about emoji.
 *
 * Clusters: an emoji a person sees as one picture is often several
 * codepoints: a base and a skin tone (U+1F3FB..U+1F3FF), people joined by
 * zero-width joiners (woman + ZWJ + laptop), two regional indicators (a
 * flag), a digit + VS16 + combining keycap, a black flag + tag characters.
 * A colour emoji font with a shaper (SDL_ttf with HarfBuzz) draws such a
 * sequence as one glyph when it gets the whole sequence in one run; any
 * other font draws the pieces side by side, the joiners and modifiers as
 * boxes or dots. So text is walked by clusters: a sequence goes to the
 * colour face whole, or, when no colour face has it, only its base is drawn.
 *
 * Scaling: a colour emoji font is usually a bitmap font with one size (Noto
 * Color Emoji: 136 x 128 px pictures); emoji_blit_scaled() shrinks such a
 * rendering to the line by averaging the source area under each output
 * pixel (a box filter: no aliasing at a 4:1 reduction, unlike bilinear).
 */
#ifndef EMOJI_H
#define EMOJI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <SDL.h>

/* One cluster of a text: bytes start .. end - 1. */
typedef struct {
    size_t end;    /* byte after the cluster */
    uint32_t base; /* its first codepoint */
    /* an emoji sequence: only a colour emoji face draws it as one picture
     * (ZWJ after a pictograph, a skin tone, VS16 or a keycap mark on an
     * emoji base, a regional indicator pair, tags after a black flag) */
    bool sequence;
    /* drawn as a colour emoji when a colour face has it: a sequence, or a
     * base that Unicode shows as emoji by default (Emoji_Presentation:
     * smileys, people, animals, flags...) without a text selector (VS15) */
    bool emoji;
} EmojiCluster;

/* Decode the codepoint at s[*i] (len bytes), advance *i; invalid bytes give
 * U+FFFD and advance one byte. */
uint32_t emoji_utf8_next(const char *s, size_t len, size_t *i);

/* The cluster that starts at byte i of t (i < len). A codepoint that is not
 * part of an emoji sequence is a cluster of its own together with any
 * variation selectors, combining keycap or ZWJ after it (they are shaped with
 * the glyph they modify). */
EmojiCluster emoji_cluster(const char *t, size_t len, size_t i);

/* What to draw of sequence cl of t when no colour face draws it whole: its
 * base alone, or a flag's region code in capitals ("DE" for the German
 * flag). Writes at most 4 bytes to out (not terminated); returns how many. */
size_t emoji_fallback(const char *t, const EmojiCluster *cl, size_t start, char out[4]);

/* Scale src (32-bit surface) to at.w x at.h by area averaging and draw it
 * over dst (ARGB8888, straight alpha) at at.x, at.y, clipped to dst.
 * Returns 0, or -1 when out of memory (nothing drawn). */
int emoji_blit_scaled(SDL_Surface *src, SDL_Surface *dst, SDL_Rect at);

#endif
