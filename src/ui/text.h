/* text: fonts opened from the files it is given and a cache of rendered text
 * textures.
 *
 * Text is rasterised once per (string, size, min size, bold, colour, box,
 * flags) into one texture and kept until evicted (least recently used, under
 * a pixel budget), so a frame only copies textures. Fitting is done at render
 * time: the text is shrunk from `size` down to `min_size` until it fits its
 * box (wrapped at word boundaries when TEXT_WRAP is given); if it still does
 * not fit, the lines that fit are kept and the last one ends with an
 * ellipsis. The texture never exceeds the box it was made for. Big digits
 * (TEXT_TIGHT strings of digits and ':', a countdown) are not rasterised per
 * string: text_draw composes them from glyphs rendered once (ui/digits.h).
 *
 * Any script: characters the font lacks are drawn with the fallback fonts
 * added (text_add_fallback), right-to-left paragraphs are laid out
 * right-to-left and, unless centred, aligned to the right of their box.
 */
#ifndef UNKNOT_TEXT_H
#define UNKNOT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

/* Flags for text_draw / text_render. */
#define TEXT_WRAP    0x01  /* several lines allowed */
#define TEXT_CENTER  0x02  /* centre horizontally in the box (and each line) */
#define TEXT_RIGHT   0x04  /* align right */
#define TEXT_MIDDLE  0x08  /* centre vertically in the box */
#define TEXT_BOTTOM  0x10  /* align to the bottom of the box */
#define TEXT_BOLD    0x20  /* bold face */
#define TEXT_TIGHT   0x40  /* one line cropped to the ink (big digits): no room
                              kept for accents and descenders it does not have */

typedef struct text text;

/* Opens the font files and the cache. `regular` is the font file (io/fonts.h
 * finds one); `bold` its bold sibling, NULL or "" to synthesise bold. On
 * failure returns NULL and writes the reason into err ("FILE: why" when the
 * file is not a font it can open). `r` is borrowed. Caller frees with
 * text_free(). */
text *text_new(SDL_Renderer *r, const char *regular, const char *bold, char *err, size_t errsize);

/* The bytes of the font file at path (*size of them), or NULL to have it
 * opened by name; they stay valid until text_free() (the caller owns them). */
typedef const void *(*text_map_fn)(void *user, const char *path, size_t *size);
/* text_new, with every font file (these and the fallbacks) read through map. */
text *text_new_mapped(SDL_Renderer *r, const char *regular, const char *bold, text_map_fn map,
                      void *map_user, char *err, size_t errsize);
void text_free(text *t); /* NULL is fine */

/* The regular font file in use (owned by t). */
const char *text_font_path(const text *t);

/* Adds a fallback font (face `index` of the file) for the characters the
 * fonts before it lack (ui/fontset.h: per-character fallback, right-to-left
 * runs). Returns 0, or -1 when it cannot be opened or too many are added. */
int text_add_fallback(text *t, const char *path, long index);

/* Told once per character that no font provides (it is drawn as a box): the
 * text it was first seen in (len bytes, borrowed for the call) and the code
 * point. */
typedef void (*text_uncovered_fn)(void *user, const char *text, size_t len, uint32_t cp);
void text_on_uncovered(text *t, text_uncovered_fn fn, void *user);

/* Asked once, the first time a character none of the fonts provides is met
 * (before it is told as uncovered): may add fallbacks (text_add_fallback),
 * which then draw it. So fallback fonts are looked for only when needed. */
typedef void (*text_more_fn)(void *user, text *t);
void text_on_more(text *t, text_more_fn fn, void *user);

/* Renders `s` fitted into a w x h box (see above) and returns the cached
 * texture (owned by the cache: valid until the next text_* call that renders)
 * with its size in *tw, *th (both <= the box). NULL for an empty string or on
 * error. */
SDL_Texture *text_render(text *t, const char *s, int w, int h, int size, int min_size,
                         int flags, SDL_Color c, int *tw, int *th);

/* text_render, then copies it into `box` aligned by flags. Returns the rectangle
 * actually covered (w = 0 when nothing was drawn). */
SDL_Rect text_draw(text *t, const char *s, SDL_Rect box, int size, int min_size, int flags,
                   SDL_Color c);

/* Width and height of one line of `s` at `size` (no fitting). Returns 0 or -1. */
int text_measure(text *t, const char *s, int size, bool bold, int *w, int *h);

/* Tells fn(user, s, w, h) of every text rendered cut short: one that does not
 * fit its w x h box even at its smallest size, so its last line ends in an
 * ellipsis (a hook for tests of layouts that only fit English: issue 21).
 * Once per render, not per frame (the texture is cached). NULL: nobody. */
typedef void (*text_cut_fn)(void *user, const char *s, int w, int h);
void text_on_cut(text *t, text_cut_fn fn, void *user);

/* Whether text_draw composes big digits (TEXT_TIGHT strings of digits and
 * ':') from glyphs rendered once (ui/digits.h; the default, true) or
 * renders each string whole (false: for comparison). */
void text_compose_digits(text *t, bool on);

/* Drops every cached texture (e.g. after the renderer's targets changed). */
void text_clear(text *t);

/* Cache statistics: entries, pixels held, renders (misses) so far. */
void text_stats(const text *t, size_t *entries, size_t *pixels, size_t *renders);

#endif
