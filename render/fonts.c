/*
 * fonts: default faces via fontconfig, per-size TTF_Font cache, and lazily
 * opened fallback faces (see fonts.h).
 *
 * Faces are files (path + index in a collection); face 0 and 1 are the main
 * regular and semibold, later ones are fallbacks. An open TTF_Font exists per
 * (face, pixel size), kept in a small table and closed least recently used
 * first, or all at once by fonts_close_all() when the caller has no use for
 * them for a while. Codepoint -> face answers are memoised in a
 * direct-mapped table so the fontconfig query runs once per missing
 * codepoint, not per frame.
 */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FONTS_MAX_FACES 16
#define FONTS_MAX_OPEN FONTS_MAX_FACES /* one TTF_Font per face */
#define FONTS_CP_SLOTS 1024
#define FONTS_NONE (-1)
#define FONTS_UNKNOWN (-2)

typedef struct {
    char path[1024];
    int index;          /* face index inside a collection (.ttc) */
    FcCharSet *charset; /* fallbacks only */
    int strike_px;      /* a bitmap face's one size (pixels), 0 if scalable */
} Face;

typedef struct {
    TTF_Font *font;
    int face, px;
    unsigned long last_use;
} OpenFont;

typedef struct {
    uint32_t key; /* codepoint * 2 + weight, 0 = empty (cp 0 never asked) */
    int face;
} CpSlot;

struct Fonts {
    Face faces[FONTS_MAX_FACES];
    int n_faces;
    OpenFont open[FONTS_MAX_OPEN];
    int n_open;
    unsigned long tick;
    CpSlot cps[FONTS_CP_SLOTS];
    int color_face; /* FONTS_UNKNOWN until asked, FONTS_NONE: none installed */
};

static bool path_is_font(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (!strcasecmp(dot, ".ttf") || !strcasecmp(dot, ".otf") ||
                   !strcasecmp(dot, ".ttc") || !strcasecmp(dot, ".otc"));
}

/* Ask fontconfig for family at weight; accept only a real match of the
 * family (fontconfig always answers with something). */
static bool match_family(const char *family, int weight, Face *out)
{
    bool ok = false;
    FcPattern *pat = FcPatternCreate();
    FcPattern *match = NULL;
    if (!pat)
        goto done;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, weight);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    match = FcFontMatch(NULL, pat, &res);
    if (!match)
        goto done;
    FcChar8 *fam = NULL, *file = NULL;
    int index = 0;
    bool family_ok = false;
    for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &fam) == FcResultMatch; i++)
        if (!strcasecmp((const char *)fam, family))
            family_ok = true;
    if (!family_ok || FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch ||
        !path_is_font((const char *)file))
        goto done;
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    snprintf(out->path, sizeof(out->path), "%s", (const char *)file);
    out->index = index;
    ok = true;
done:
    if (match)
        FcPatternDestroy(match);
    if (pat)
        FcPatternDestroy(pat);
    return ok;
}

static bool find_defaults(Fonts *f)
{
    static const char *families[] = {"Inter", "DejaVu Sans"};
    for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
        if (!match_family(families[i], FC_WEIGHT_REGULAR, &f->faces[0]))
            continue;
        if (!match_family(families[i], FC_WEIGHT_SEMIBOLD, &f->faces[1]))
            f->faces[1] = f->faces[0];
        return true;
    }
    return false;
}

Fonts *fonts_create(const char *font_path, char *err, size_t errlen)
{
    Fonts *f = calloc(1, sizeof(*f));
    if (!f) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    if (!FcInit()) {
        snprintf(err, errlen, "fontconfig could not be initialised");
        goto fail;
    }
    if (font_path) {
        snprintf(f->faces[0].path, sizeof(f->faces[0].path), "%s", font_path);
        f->faces[1] = f->faces[0];
    } else if (!find_defaults(f)) {
        snprintf(err, errlen,
                 "no default font found: install fonts-inter or "
                 "fonts-dejavu-core, or pass --font PATH");
        goto fail;
    }
    f->n_faces = 2;
    f->color_face = FONTS_UNKNOWN;
    for (int w = 0; w < 2; w++) {
        if (!fonts_main(f, (FontWeight)w, 16)) {
            snprintf(err, errlen, "cannot open font %s: %s", f->faces[w].path, TTF_GetError());
            goto fail;
        }
    }
    fonts_close_all(f); /* the probes: texts open the sizes they use */
    /* The configuration and caches fontconfig keeps after this (a few
     * hundred KiB) are only needed again for a fallback face, which most
     * feeds never ask for; the first fallback query loads them again. */
    FcFini();
    return f;
fail:
    fonts_destroy(f);
    return NULL;
}

void fonts_destroy(Fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n_open; i++)
        TTF_CloseFont(f->open[i].font);
    for (int i = 2; i < f->n_faces; i++)
        if (f->faces[i].charset)
            FcCharSetDestroy(f->faces[i].charset);
    free(f);
}

void fonts_close_all(Fonts *f)
{
    for (int i = 0; i < f->n_open; i++)
        TTF_CloseFont(f->open[i].font);
    f->n_open = 0;
}

int fonts_open_count(const Fonts *f)
{
    return f->n_open;
}

/* The face's one TTF_Font, at px: opened once, then resized (SDL_ttf keeps
 * the FreeType face and HarfBuzz's copy of the font's tables, and clears
 * its glyph cache). A TTF_Font per size held those tables once per size:
 * a 4K view opening six sizes in a frame took megabytes for a moment, and
 * the holes they left in the heap stayed. Evicts the least recently used
 * face when full. */
static TTF_Font *face_font(Fonts *f, int face, int px)
{
    if (px < 1)
        px = 1;
    if (f->faces[face].strike_px > 0)
        px = f->faces[face].strike_px; /* it has one size: one TTF_Font for all */
    f->tick++;
    for (int i = 0; i < f->n_open; i++) {
        OpenFont *o = &f->open[i];
        if (o->face != face)
            continue;
        if (o->px != px) {
            if (TTF_SetFontSize(o->font, px) != 0)
                return NULL;
            o->px = px;
        }
        o->last_use = f->tick;
        return o->font;
    }
    TTF_Font *font = TTF_OpenFontIndex(f->faces[face].path, px, f->faces[face].index);
    if (!font)
        return NULL;
    if (f->faces[face].strike_px == 0) /* pictures have no outlines to hint */
        TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    int slot = f->n_open;
    if (slot == FONTS_MAX_OPEN) {
        slot = 0;
        for (int i = 1; i < f->n_open; i++)
            if (f->open[i].last_use < f->open[slot].last_use)
                slot = i;
        TTF_CloseFont(f->open[slot].font);
    } else {
        f->n_open++;
    }
    f->open[slot] = (OpenFont){font, face, px, f->tick};
    return font;
}

TTF_Font *fonts_main(Fonts *f, FontWeight weight, int px)
{
    return face_font(f, weight == FONT_SEMIBOLD ? 1 : 0, px);
}

const char *fonts_main_path(const Fonts *f, FontWeight weight)
{
    return f->faces[weight == FONT_SEMIBOLD ? 1 : 0].path;
}

int fonts_fallback_count(const Fonts *f)
{
    return f->n_faces - 2;
}

/* The face of fontconfig's font pat (file, index), added to the faces when
 * new; FONTS_NONE when the table is full or pat names no font file. */
static int face_of(Fonts *f, FcPattern *pat, FcCharSet *fcs)
{
    FcChar8 *file = NULL;
    int index = 0;
    if (FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch ||
        !path_is_font((const char *)file))
        return FONTS_NONE;
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
    for (int k = 0; k < f->n_faces; k++)
        if (!strcmp(f->faces[k].path, (const char *)file) && f->faces[k].index == index)
            return k;
    if (f->n_faces >= FONTS_MAX_FACES)
        return FONTS_NONE;
    Face *face = &f->faces[f->n_faces];
    snprintf(face->path, sizeof(face->path), "%s", (const char *)file);
    face->index = index;
    face->charset = FcCharSetCopy(fcs);
    /* A face without outlines (Noto Color Emoji: PNG pictures of 109 px)
     * has fixed sizes; SDL_ttf draws it at its first one whatever size is
     * asked, so the text cache scales what it draws. */
    FcBool outline = FcTrue;
    double pixels = 0;
    if (FcPatternGetBool(pat, FC_OUTLINE, 0, &outline) == FcResultMatch && !outline &&
        FcPatternGetDouble(pat, FC_PIXEL_SIZE, 0, &pixels) == FcResultMatch && pixels >= 1)
        face->strike_px = (int)(pixels + 0.5);
    return f->n_faces++;
}

/* Ask fontconfig for a face whose charset has cp; add it to the faces. */
static int query_fallback(Fonts *f, FontWeight weight, uint32_t cp)
{
    int found = FONTS_NONE;
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcFontSet *set = NULL;
    if (!pat || !cs || f->n_faces >= FONTS_MAX_FACES)
        goto done;
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcPatternAddInteger(pat, FC_WEIGHT,
                        weight == FONT_SEMIBOLD ? FC_WEIGHT_SEMIBOLD : FC_WEIGHT_REGULAR);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
    for (int i = 0; set && i < set->nfont; i++) {
        FcCharSet *fcs = NULL;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &fcs) != FcResultMatch ||
            !FcCharSetHasChar(fcs, cp))
            continue;
        found = face_of(f, set->fonts[i], fcs);
        if (found >= 2)
            break;
        found = FONTS_NONE; /* a main face that lacks the glyph at its size */
    }
done:
    if (set)
        FcFontSetDestroy(set);
    if (cs)
        FcCharSetDestroy(cs);
    if (pat)
        FcPatternDestroy(pat);
    return found;
}

/* The colour emoji face fontconfig offers for the family "emoji" (Noto
 * Color Emoji on Debian), asked once; FONTS_NONE when none is installed. */
static int color_face(Fonts *f)
{
    if (f->color_face != FONTS_UNKNOWN)
        return f->color_face;
    f->color_face = FONTS_NONE;
    FcPattern *pat = FcPatternCreate();
    FcFontSet *set = NULL;
    if (!pat)
        goto done;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"emoji");
    FcPatternAddBool(pat, FC_COLOR, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
    for (int i = 0; set && i < set->nfont; i++) {
        FcBool color = FcFalse;
        FcCharSet *fcs = NULL;
        if (FcPatternGetBool(set->fonts[i], FC_COLOR, 0, &color) != FcResultMatch || !color ||
            FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &fcs) != FcResultMatch)
            continue;
        int face = face_of(f, set->fonts[i], fcs);
        if (face >= 2) {
            f->color_face = face;
            break;
        }
    }
done:
    if (set)
        FcFontSetDestroy(set);
    if (pat)
        FcPatternDestroy(pat);
    return f->color_face;
}

static int face_for(Fonts *f, FontWeight weight, int px, uint32_t cp)
{
    int main_face = weight == FONT_SEMIBOLD ? 1 : 0;
    if (cp < 0x80) /* ASCII: every usable main font has it */
        return main_face;
    uint32_t key = cp * 2u + (uint32_t)main_face;
    CpSlot *slot = &f->cps[(key * 2654435761u) % FONTS_CP_SLOTS];
    if (slot->key == key)
        return slot->face;
    int face = main_face;
    TTF_Font *main_font = face_font(f, main_face, px);
    if (!main_font || !TTF_GlyphIsProvided32(main_font, cp)) {
        face = FONTS_NONE;
        for (int i = 2; i < f->n_faces && face == FONTS_NONE; i++)
            if (FcCharSetHasChar(f->faces[i].charset, cp))
                face = i;
        if (face == FONTS_NONE)
            face = query_fallback(f, weight, cp);
        if (face == FONTS_NONE)
            face = main_face; /* nothing installed has it */
    }
    slot->key = key;
    slot->face = face;
    return face;
}

TTF_Font *fonts_for(Fonts *f, FontWeight weight, int px, uint32_t cp)
{
    int face = face_for(f, weight, px, cp);
    TTF_Font *font = face_font(f, face, px);
    return font ? font : fonts_main(f, weight, px);
}

TTF_Font *fonts_emoji(Fonts *f, int px, uint32_t cp)
{
    int face = color_face(f);
    if (face == FONTS_NONE || !FcCharSetHasChar(f->faces[face].charset, cp))
        return NULL;
    return face_font(f, face, px);
}

int fonts_strike_px(const Fonts *f, const TTF_Font *font)
{
    for (int i = 0; i < f->n_open; i++)
        if (f->open[i].font == font)
            return f->faces[f->open[i].face].strike_px;
    return 0;
}
