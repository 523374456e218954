/* fonts: finding the font files on this system (the ui opens them, it does
 * not look for them: ui/ reads no files).
 *
 * The search order: the configured file when it exists; known DejaVu paths (a
 * stat is cheaper than asking fontconfig); fontconfig (the library) for
 * "DejaVu Sans" then "sans-serif"; known Noto, Liberation and FreeFont paths.
 *
 * The fallbacks for other scripts come from fontconfig too: the best font for
 * Japanese, Chinese and Korean (Noto Sans CJK when fonts-noto-cjk is
 * installed), Arabic and Hebrew (Noto Sans Arabic/Hebrew, else DejaVu), each
 * only when it really covers that language.
 */
#ifndef UNKNOT_FONTS_H
#define UNKNOT_FONTS_H

#include <stddef.h>

#define FONTS_PATH_MAX 1024

typedef struct {
	char regular[FONTS_PATH_MAX]; /* the font file */
	char bold[FONTS_PATH_MAX];    /* its bold sibling, "" when there is none
	                                 (the renderer then synthesises bold) */
} fonts_found;

/* Fills *out with the configured font (NULL or "" to search) or, when that
 * file does not exist, the system's. Returns 0, or -1 when nothing was found;
 * tried (may be NULL) then lists the places searched, comma-separated. Does
 * not check that the file is a font: opening it says that. */
int fonts_find(const char *configured, fonts_found *out, char *tried, size_t tried_size);

#define FONTS_MAX_FALLBACKS 6

/* One fallback font: face `index` of the file (a .ttc holds several). */
typedef struct {
	char path[FONTS_PATH_MAX];
	long index;
} fonts_fallback;

/* Fills out[0..max-1] with the fallback fonts for the scripts `regular` (the
 * font fonts_find chose) does not cover, best first, without repeating a
 * file or `regular` itself. Returns how many (0 without fontconfig's data). */
size_t fonts_fallbacks(const char *regular, fonts_fallback *out, size_t max);

#define FONTS_MAP_MAX (64u * 1024 * 1024) /* a Noto CJK collection is 19 MB */

/* Maps the font file at path read-only: *size bytes the caller unmaps with
 * fonts_unmap(). Nothing is read until a page is touched, and the pages are
 * the page cache's (FreeType through SDL_ttf then reads a font without a
 * seek and a read system call per table and glyph: thousands at start-up).
 * NULL when it cannot (missing, not a regular file, empty or over
 * FONTS_MAP_MAX): the caller then opens the file by its name. */
const void *fonts_map(const char *path, size_t *size);
void fonts_unmap(const void *data, size_t size); /* NULL is fine */

#endif
