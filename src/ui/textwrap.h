/* textwrap: breaking a string into the lines that fit a width (pure: the
 * width of a piece of text comes from the caller's measuring function, so it
 * is unit-tested without fonts; text.c measures with the fonts and caches).
 *
 * Lines break at word boundaries in every language: after spaces, after a
 * hyphen between letters, and between the characters of Chinese, Japanese
 * and Korean text (not before a closing mark such as 、。」 or a small kana,
 * not after an opening one such as 「). A single word wider than the line is
 * the only thing broken inside a word, and that break shows a hyphen.
 */
#ifndef UNKNOT_TEXTWRAP_H
#define UNKNOT_TEXTWRAP_H

#include <stdbool.h>
#include <stddef.h>

#define TEXTWRAP_MAX_LINES 64

/* The width in pixels of the n bytes at s (valid UTF-8 is cut only between
 * characters). */
typedef int (*textwrap_width_fn)(void *ctx, const char *s, size_t n);

/* One laid-out line: a copy of the bytes to draw (owned by the line). */
typedef struct {
	char *s;
	int w;          /* its width in pixels */
} textwrap_line;

/* The width of the widest piece of s that no line may break inside (a word;
 * one character of CJK text), measured by width(). */
int textwrap_widest(textwrap_width_fn width, void *ctx, const char *s);

/* Greedy wrap of s into at most maxn lines no wider than maxw, measured by
 * width(ctx, ...) (with multi false: one line, and '\n' is no break). Sets
 * *more when s did not fit in maxn lines (or one character is wider than the
 * box). Returns the number of lines written to out; free them with
 * textwrap_free(). */
int textwrap_lines(textwrap_width_fn width, void *ctx, const char *s, int maxw, bool multi,
                   int maxn, textwrap_line *out, bool *more);

/* Replaces line l by its longest prefix that fits maxw with "…" appended
 * (empty when not even the ellipsis fits). */
void textwrap_ellipsize(textwrap_width_fn width, void *ctx, textwrap_line *l, int maxw);

/* Frees the strings of l[0..n-1]. */
void textwrap_free(textwrap_line *l, int n);

#endif
