/* espeaklib: espeak-ng's functions, through a table filled at first use
 * (see espeaklib.h). Built only with espeak-ng (UNKNOT_HAVE_ESPEAK). */
#include "io/espeaklib.h"

#ifdef UNKNOT_HAVE_ESPEAK
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include <espeak-ng/speak_lib.h>

#include "io/dynlib.h"

#define ESPEAK_FUNCS(F, V) \
	F(int, espeak_Initialize, (espeak_AUDIO_OUTPUT output, int buflength, const char *path, \
	                           int options), (output, buflength, path, options), EE_INTERNAL_ERROR) \
	F(const espeak_VOICE **, espeak_ListVoices, (espeak_VOICE *voice_spec), (voice_spec), NULL) \
	F(espeak_ERROR, espeak_SetParameter, (espeak_PARAMETER parameter, int value, int relative), \
	  (parameter, value, relative), EE_INTERNAL_ERROR) \
	V(espeak_SetSynthCallback, (t_espeak_callback *SynthCallback), (SynthCallback)) \
	F(espeak_ERROR, espeak_SetVoiceByName, (const char *name), (name), EE_INTERNAL_ERROR) \
	F(espeak_ERROR, espeak_Synth, (const void *text, size_t size, unsigned int position, \
	                               espeak_POSITION_TYPE position_type, unsigned int end_position, \
	                               unsigned int flags, unsigned int *unique_identifier, \
	                               void *user_data), \
	  (text, size, position, position_type, end_position, flags, unique_identifier, user_data), \
	  EE_INTERNAL_ERROR) \
	F(espeak_ERROR, espeak_Terminate, (void), (), EE_INTERNAL_ERROR)

enum { ESPEAK_FUNCS(DYNLIB_INDEX, DYNLIB_INDEX_V) ESPEAK_N };

static const char *const names[ESPEAK_N] = {ESPEAK_FUNCS(DYNLIB_NAME, DYNLIB_NAME_V)};
static void (*fns[ESPEAK_N])(void);
static char load_err[400];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	dynlib_load(ESPEAKLIB_SONAME, names, fns, ESPEAK_N, load_err, sizeof load_err);
}

static bool ready(void)
{
	pthread_once(&once, load);
	return fns[0] != NULL;
}

const char *espeaklib_error(void)
{
	return load_err;
}

ESPEAK_FUNCS(DYNLIB_DEFINE, DYNLIB_DEFINE_V)

#else

const char *espeaklib_error(void)
{
	return "";
}

#endif
