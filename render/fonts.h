/*
 * fonts: the two default faces (regular, semibold) found through fontconfig
 * or given with --font, one TTF_Font per face (resized to the pixel size
 * asked for, so a face's tables are held once), and fallback
 * faces for codepoints the main font lacks (CJK, Arabic, emoji...).
 *
 * Fallback faces are chosen by fontconfig from their charset and opened only
 * when a text needs them, then kept (a CJK face is large, so it is opened
 * once, not per text). Which face provides a codepoint is remembered.
 *
 * Colour emoji: fontconfig's colour face for the family "emoji" draws emoji
 * sequences (a ZWJ family, a skin tone, a keycap) as one picture. Such a
 * face is often a bitmap face with one fixed size (Noto Color Emoji: 109 px
 * pictures); it is opened once at that size, and the caller scales what it
 * draws (fonts_strike_px).
 *
 * Ownership: fonts_create() returns a Fonts the caller releases with
 * fonts_destroy(), which closes every TTF_Font it handed out (as does
 * fonts_close_all()). Requires
 * TTF_Init() before create and TTF_Quit() only after destroy.
 */
#ifndef FONTS_H
#define FONTS_H

#include <stddef.h>
#include <stdint.h>
#include <SDL_ttf.h>
#include "layout.h"

typedef struct Fonts Fonts;

/* font_path: NULL for the defaults (Inter, then DejaVu Sans), else one file
 * used for both weights. Returns NULL with a message in err on failure. */
Fonts *fonts_create(const char *font_path, char *err, size_t errlen);
void fonts_destroy(Fonts *f);

/* The main face of this weight at px pixels; NULL if it cannot be opened.
 * A face has one TTF_Font: asking for another size resizes it, so a font
 * handed out is at the size of the last request for its face. */
TTF_Font *fonts_main(Fonts *f, FontWeight weight, int px);

/* The font that draws codepoint cp at px pixels: the main face when it has
 * the glyph, else a fallback chosen through fontconfig, else the main face. */
TTF_Font *fonts_for(Fonts *f, FontWeight weight, int px, uint32_t cp);

/* The colour emoji face at px when it has codepoint cp, else NULL (no
 * colour face installed, or it lacks cp). */
TTF_Font *fonts_emoji(Fonts *f, int px, uint32_t cp);

/* The pixel size a fixed-size (bitmap) font draws at whatever size it was
 * asked for, or 0 for a scalable font; font is one fonts_* returned. */
int fonts_strike_px(const Fonts *f, const TTF_Font *font);

/* Close every open TTF_Font: each holds its face, shaping tables and a
 * glyph cache (a few hundred KiB at wall sizes), and once a view's texts are
 * cached as textures nothing needs them until a text changes. Faces stay
 * known; the next request reopens its size. Fonts handed out before are
 * invalid afterwards. */
void fonts_close_all(Fonts *f);

/* Number of TTF_Fonts open now (for tests). */
int fonts_open_count(const Fonts *f);

/* Path of the main face of a weight (for logs and tests). */
const char *fonts_main_path(const Fonts *f, FontWeight weight);

/* Number of fallback faces opened so far (for tests). */
int fonts_fallback_count(const Fonts *f);

#endif
