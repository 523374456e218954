/* digits: the big countdown ("0:45", "12:08", "1:02:03") drawn from glyphs
 * rendered once, instead of rasterising a new string every second.
 *
 * Each glyph is rendered by SDL_ttf alone, cropped to its ink and kept as a
 * texture per (character, size, weight, colour). A string is drawn by
 * copying its glyphs at the pen positions SDL_ttf itself gives the whole
 * string: each glyph's advance in 1/64 pixel (HarfBuzz's, fractional under
 * light hinting) summed, then floored, as SDL_ttf places a glyph. So the
 * pixels are those of the whole string rendered at once (tests/ui/
 * test_digits.c compares both ways); when the glyphs do not add up to the
 * width SDL_ttf measures for the string (kerning between them, a glyph
 * above the ascent) digits_draw refuses and the caller renders the string
 * whole.
 *
 * Only the characters a countdown uses: the digits, ':', '.', '-' and the
 * space; all from the font given (the caller checks nothing else).
 */
#ifndef UNKNOT_DIGITS_H
#define UNKNOT_DIGITS_H

#include <stdbool.h>

#include <SDL.h>
#include <SDL_ttf.h>

typedef struct digits digits;

/* An empty glyph cache drawing with r (borrowed). Caller frees with
 * digits_free(); NULL on out of memory. */
digits *digits_new(SDL_Renderer *r);
void digits_free(digits *d); /* NULL is fine; before the renderer goes */

/* Drops every glyph (the renderer's targets or the fonts changed). */
void digits_clear(digits *d);

/* True when s is not empty and made only of the characters above. */
bool digits_only(const char *s);

/* Draws the line s (digits_only) set in f, the font at `size` and weight
 * `bold` (the cache's key: f itself is borrowed for the call), coloured c,
 * as SDL_ttf would render it `w` pixels wide: the rows [top, top + dst.h) of
 * that line, at dst (dst.w == w). Returns 0, or -1 with nothing drawn when
 * it cannot draw it the same (see above) or on error. */
int digits_draw(digits *d, TTF_Font *f, int size, bool bold, const char *s, SDL_Rect dst,
                int top, SDL_Color c);

/* Glyphs held and glyphs rendered so far (for tests). */
void digits_stats(const digits *d, int *held, int *renders);

#endif
