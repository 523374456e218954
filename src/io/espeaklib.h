/* espeaklib: espeak-ng, loaded the first time speech needs it (io/dynlib.h).
 *
 * unknot is not linked with libespeak-ng (nor, through it, with its audio
 * output libraries): espeaklib.c defines the espeak_* functions speech.c
 * uses, each loading ESPEAKLIB_SONAME once and calling the library's own.
 * Without the library they fail as espeak-ng fails (EE_INTERNAL_ERROR, -1
 * or NULL) and speech.c falls back to tones, saying why once
 * (espeaklib_error()).
 */
#ifndef UNKNOT_ESPEAKLIB_H
#define UNKNOT_ESPEAKLIB_H

#ifndef ESPEAKLIB_SONAME
#define ESPEAKLIB_SONAME "libespeak-ng.so.1"
#endif

/* Why the library could not be loaded ("cannot load libespeak-ng.so.1:
 * ..."), "" when it was or was not tried yet. Owned by the module. */
const char *espeaklib_error(void);

#endif
