/* textwrap: breaking a string into the lines that fit a width, measured with
 * an open SDL_ttf font; text.c picks the size and caches the result.
 */
#ifndef UNKNOT_TEXTWRAP_H
#define UNKNOT_TEXTWRAP_H

#include <stdbool.h>

#include <SDL_ttf.h>

#define TEXTWRAP_MAX_LINES 64

/* One laid-out line: a copy of the bytes to draw (owned by the line). */
typedef struct {
	char *s;
	int w;          /* its width in pixels */
} textwrap_line;

/* Greedy word wrap of s into at most maxn lines no wider than maxw (a word
 * wider than the box is broken between characters; with multi false, one
 * line and '\n' is not a break). Sets *more when s did not fit in maxn lines
 * (or one character is wider than the box). Returns the number of lines
 * written to out; free them with textwrap_free(). */
int textwrap_lines(TTF_Font *f, const char *s, int maxw, bool multi, int maxn, textwrap_line *out,
                   bool *more);

/* Replaces line l by its longest prefix that fits maxw with "…" appended
 * (empty when not even the ellipsis fits). */
void textwrap_ellipsize(TTF_Font *f, textwrap_line *l, int maxw);

/* The rows the glyphs of s actually cover: *top is the offset of the highest
 * ink below the line's top, *h the ink height (a digit string needs much less
 * than the font's height, which includes accents and descenders). */
void textwrap_ink(TTF_Font *f, const char *s, int *top, int *h);

/* Frees the strings of l[0..n-1]. */
void textwrap_free(textwrap_line *l, int n);

#endif
