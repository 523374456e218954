/* fontset: a chain of fonts that draws any script. The first face is the
 * app's font (DejaVu Sans, with its bold file); the faces added after it
 * (Noto CJK, an Arabic or Hebrew face: the shell finds them through
 * fontconfig) draw the characters it has no glyph for. Each character goes
 * to the first face that provides it (the face of the character before it
 * when that one does), and a line is drawn as runs, one per face and
 * direction.
 *
 * Right-to-left text: a line whose first strong character is Hebrew or
 * Arabic is a right-to-left paragraph; its runs are put in visual order (a
 * reduced Unicode bidi algorithm: strong characters, neutrals take the
 * direction of their neighbours when both agree, else the paragraph's,
 * digits and Latin keep left-to-right), and SDL_ttf's HarfBuzz shapes each
 * right-to-left run with its direction and script (Arabic joining forms).
 *
 * A character no face provides is drawn as the first face's box and
 * reported once per character through the uncovered callback.
 */
#ifndef UNKNOT_FONTSET_H
#define UNKNOT_FONTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>
#include <SDL_ttf.h>

#define FONTSET_MAX_FACES 8

typedef struct fontset fontset;

/* Told once per character no face provides: the text it was first seen in
 * (borrowed: valid during the call only) and the code point. */
typedef void (*fontset_uncovered_fn)(void *user, const char *text, size_t len, uint32_t cp);

/* The bytes of the font file at path (*size of them), or NULL to have the
 * file opened by its name. The bytes must stay valid until the fontset is
 * freed (the caller of fontset_new owns them: the app maps the files). */
typedef const void *(*fontset_map_fn)(void *user, const char *path, size_t *size);

/* Asked once, the first time a character no face provides is met: may add
 * faces (fontset_add) before that character is reported as uncovered. The
 * app looks for fallback fonts only then (fontconfig's queries cost more
 * than the whole first frame). */
typedef void (*fontset_more_fn)(void *user);

/* The chain over the font file `regular` and its bold sibling (NULL or "" to
 * synthesise bold), read through map (NULL: opened by name). NULL with err
 * ("FILE: why") when the file cannot be opened as a font. Needs TTF_Init().
 * Caller frees with fontset_free(). */
fontset *fontset_new(const char *regular, const char *bold, fontset_map_fn map, void *map_user,
                     char *err, size_t errsize);
void fontset_free(fontset *fs); /* NULL is fine */

/* Adds a fallback face: face `index` of the file (a .ttc holds several).
 * Returns 0, or -1 when it cannot be opened or the chain is full. */
int fontset_add(fontset *fs, const char *path, long index);

/* How many faces the chain has, the first face's file (owned by fs). */
size_t fontset_faces(const fontset *fs);
const char *fontset_path(const fontset *fs);

void fontset_on_uncovered(fontset *fs, fontset_uncovered_fn fn, void *user);
void fontset_on_more(fontset *fs, fontset_more_fn fn, void *user); /* see fontset_more_fn */

/* The first face at that size and weight, for line metrics (owned by fs,
 * valid until the next fontset call). NULL on error. */
TTF_Font *fontset_primary(fontset *fs, int size, bool bold);

/* True when s (n bytes) is a right-to-left paragraph (its first strong
 * character is Hebrew or Arabic). */
bool fontset_rtl(const char *s, size_t n);

/* Width in pixels of the n bytes at s drawn with the chain. */
int fontset_width(fontset *fs, int size, bool bold, const char *s, size_t n);

/* One line drawn with the chain, runs in visual order for a paragraph of
 * direction rtl, as a surface one first-face line high (NULL when empty or
 * on error). Caller frees with SDL_FreeSurface(). */
SDL_Surface *fontset_render(fontset *fs, int size, bool bold, const char *s, bool rtl,
                            SDL_Color c);

/* The rows the glyphs of s actually cover in the first face: *top below the
 * line's top, *h the ink height (digits need much less than the font's
 * height, which includes accents and descenders). */
void fontset_ink(fontset *fs, int size, bool bold, const char *s, int *top, int *h);

#endif
