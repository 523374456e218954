/* fonts: finding the font files on this system (the ui opens them, it does
 * not look for them: ui/ reads no files).
 *
 * The search order: the configured file when it exists; known DejaVu paths (a
 * stat is cheaper than starting fc-match); fontconfig's `fc-match` for
 * "DejaVu Sans" then "sans-serif"; known Noto, Liberation and FreeFont paths.
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

#endif
