/* mixlib: SDL_mixer's functions, through a table filled at first use (see
 * mixlib.h). */
#include "io/mixlib.h"

#include <pthread.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "io/dynlib.h"
#include "io/log.h"

#define MIX_FUNCS(F, V) \
	F(int, Mix_AllocateChannels, (int numchans), (numchans), 0) \
	V(Mix_CloseAudio, (void), ()) \
	V(Mix_FreeChunk, (Mix_Chunk *chunk), (chunk)) \
	F(Mix_Chunk *, Mix_GetChunk, (int channel), (channel), NULL) \
	F(int, Mix_HaltChannel, (int channel), (channel), 0) \
	V(Mix_HookMusic, (void (*mix_func)(void *udata, Uint8 *stream, int len), void *arg), \
	  (mix_func, arg)) \
	F(int, Mix_Init, (int flags), (flags), 0) \
	F(Mix_Chunk *, Mix_LoadWAV, (const char *file), (file), NULL) \
	F(int, Mix_OpenAudio, (int frequency, Uint16 format, int channels, int chunksize), \
	  (frequency, format, channels, chunksize), -1) \
	F(int, Mix_OpenAudioDevice, (int frequency, Uint16 format, int channels, int chunksize, \
	                             const char *device, int allowed_changes), \
	  (frequency, format, channels, chunksize, device, allowed_changes), -1) \
	F(int, Mix_PlayChannel, (int channel, Mix_Chunk *chunk, int loops), (channel, chunk, loops), -1) \
	F(int, Mix_Playing, (int channel), (channel), 0) \
	F(int, Mix_QuerySpec, (int *frequency, Uint16 *format, int *channels), \
	  (frequency, format, channels), 0) \
	F(Mix_Chunk *, Mix_QuickLoad_RAW, (Uint8 *mem, Uint32 len), (mem, len), NULL) \
	V(Mix_Quit, (void), ()) \
	V(Mix_SetPostMix, (void (*mix_func)(void *udata, Uint8 *stream, int len), void *arg), \
	  (mix_func, arg)) \
	F(int, Mix_Volume, (int channel, int volume), (channel, volume), 0)

enum { MIX_FUNCS(DYNLIB_INDEX, DYNLIB_INDEX_V) DYNLIB_I_Mix_LoadWAV_RW, MIX_N };

static const char *const names[MIX_N] = {MIX_FUNCS(DYNLIB_NAME, DYNLIB_NAME_V) "Mix_LoadWAV_RW"};
static void (*fns[MIX_N])(void);
static char load_err[400];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	if (dynlib_load(MIXLIB_SONAME, names, fns, MIX_N, load_err, sizeof load_err) == 0)
		log_debug("audio: %s loaded", MIXLIB_SONAME);
}

/* Loads the library once; false (the reason in SDL_GetError) without it. */
static bool ready(void)
{
	pthread_once(&once, load);
	if (fns[0])
		return true;
	SDL_SetError("%s", load_err);
	return false;
}

bool mixlib_loaded(void)
{
	return fns[0] != NULL;
}

MIX_FUNCS(DYNLIB_DEFINE, DYNLIB_DEFINE_V)

/* By hand: without the library the source is still closed when asked to. */
Mix_Chunk *Mix_LoadWAV_RW(SDL_RWops *src, int freesrc)
{
	if (!ready()) {
		if (freesrc && src)
			SDL_RWclose(src);
		return NULL;
	}
	return ((Mix_Chunk * (*)(SDL_RWops *, int)) fns[DYNLIB_I_Mix_LoadWAV_RW])(src, freesrc);
}
