/* mixlib: SDL_mixer, loaded the first time a sound needs it (io/dynlib.h).
 *
 * unknot is not linked with libSDL2_mixer: mixlib.c defines the Mix_*
 * functions the app uses, each loading MIXLIB_SONAME once and calling the
 * library's own. Without the library they fail as SDL_mixer fails (-1 or
 * NULL, SDL_GetError() says "cannot load libSDL2_mixer-2.0.so.0: ..."), so
 * audiodev reports "no audio device" and cues are shown as a flash. The
 * first frame no longer waits for SDL_mixer's 30 libraries of decoders.
 */
#ifndef UNKNOT_MIXLIB_H
#define UNKNOT_MIXLIB_H

#include <stdbool.h>

#ifndef MIXLIB_SONAME
#define MIXLIB_SONAME "libSDL2_mixer-2.0.so.0"
#endif

/* Whether SDL_mixer is loaded: no library is opened to answer. */
bool mixlib_loaded(void);

#endif
