/* typeface: the app's text renderer on the right font: io/fonts.h finds the
 * files, ui/text.h opens them, and a configured font that is missing or is
 * not a font falls back to the system's.
 */
#ifndef UNKNOT_TYPEFACE_H
#define UNKNOT_TYPEFACE_H

#include <stddef.h>

#include <SDL.h>

#include "ui/text.h"

/* A text cache over `configured` (the config's "font", NULL or "" to search).
 * A configured font that cannot be used is not fatal: another is picked and
 * err then holds a warning to show ("font FILE: not found; using OTHER",
 * "font FILE: why; using OTHER"); err is "" when all went as configured. On
 * failure returns NULL and err says which files were tried. `r` is borrowed.
 * Caller frees with text_free(). */
text *typeface_open(SDL_Renderer *r, const char *configured, char *err, size_t errsize);

#endif
