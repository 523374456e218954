/* textpage: text too long for its box at a size it must keep (safety and
 * warning text, issue 17) split into pages rather than shrunk.
 *
 * The text is broken at spaces (and kept breaks) into lines no wider than
 * the box, measured with text_measure at `size`; as many lines as fit the
 * box's height make a page. A word wider than the box gets a line of its
 * own (text_draw breaks it).
 */
#ifndef UNKNOT_TEXTPAGE_H
#define UNKNOT_TEXTPAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/text.h"

/* The lines of page `page` (0-based; clamped to the last) of s in a w x h
 * box at `size`, joined by '\n', into out (truncated to outsize). Returns
 * the number of pages (>= 1; 1 for an empty string). */
int textpage_split(text *t, const char *s, int w, int h, int size, bool bold, int page, char *out,
                   size_t outsize);

/* The number of lines of one page in a box h tall at `size` (>= 1). */
int textpage_lines(text *t, int h, int size, bool bold);

#endif
