/* audiodev: the sound device, open only around the sounds (see audiodev.h). */
#include "io/audiodev.h"

#include "io/mixlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

struct audiodev {
	int rate, channels, frames;  /* as the first open gave them */
	Uint16 format;
	int mix_flags;               /* what Mix_Init gave, for Mix_Quit */
	bool awake;                  /* the mixer is open, SDL's audio up */
	bool stays;                  /* never sleeps (disk driver, UNKNOT_AUDIO_AWAKE) */
	uint64_t last_ms;            /* the last sound started, or the last check that found one */
	unsigned opens;
};

audiodev *audiodev_open(int rate, int frames, char *err, size_t errsize)
{
	audiodev *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, errsize, "%s", "out of memory");
		return NULL;
	}
	/* SDL_mixer is loaded here, the first time (io/mixlib.h), before SDL's
	 * audio starts its threads */
	d->mix_flags = Mix_Init(MIX_INIT_OGG);
	if (!mixlib_loaded() || SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		snprintf(err, errsize, "%s", SDL_GetError());
		if (d->mix_flags)
			Mix_Quit();
		free(d);
		return NULL;
	}
	/* One channel: every cue and the voice are mono, so the decoded cues are
	 * half the memory (issue 22: 1.6 MB of the heap's peak with two); SDL
	 * feeds both speakers of a stereo card, and gives us two channels where
	 * the device will not take one (SDL_mixer allows the change). */
	if (Mix_OpenAudio(rate, AUDIO_S16SYS, 1, frames) != 0) {
		snprintf(err, errsize, "%s", Mix_GetError());
		/* Nothing will play: shut SDL's audio down, or its hotplug thread
		 * keeps waking and re-reading ALSA's configuration. */
		if (d->mix_flags)
			Mix_Quit();
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		free(d);
		return NULL;
	}
	Mix_QuerySpec(&d->rate, &d->format, &d->channels);
	d->frames = frames;
	d->awake = true;
	d->opens = 1;
	const char *drv = SDL_GetCurrentAudioDriver(), *env = getenv("UNKNOT_AUDIO_AWAKE");
	d->stays = (drv && strcmp(drv, "disk") == 0) || (env && strcmp(env, "1") == 0);
	return d;
}

/* Closes the mixer and shuts SDL's audio down. */
static void close_device(audiodev *d)
{
	Mix_CloseAudio(); /* joins the mixing thread */
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
	d->awake = false;
}

void audiodev_free(audiodev *d)
{
	if (!d)
		return;
	if (d->awake)
		close_device(d);
	if (d->mix_flags)
		Mix_Quit();
	free(d);
}

void audiodev_spec(const audiodev *d, int *rate, uint16_t *format, int *channels, int *frames)
{
	if (rate)
		*rate = d->rate;
	if (format)
		*format = d->format;
	if (channels)
		*channels = d->channels;
	if (frames)
		*frames = d->frames;
}

bool audiodev_awake(const audiodev *d)
{
	return d && d->awake;
}

int audiodev_wake(audiodev *d, uint64_t now_ms)
{
	if (!d)
		return -1;
	d->last_ms = now_ms;
	if (d->awake)
		return 0;
	/* The first open's spec exactly (no changes allowed: SDL converts if
	 * the device differs), so the chunks decoded for it still fit. */
	if (Mix_OpenAudioDevice(d->rate, d->format, d->channels, d->frames, NULL, 0) != 0) {
		SDL_QuitSubSystem(SDL_INIT_AUDIO); /* Mix_OpenAudioDevice started it */
		return -1;
	}
	d->awake = true;
	d->opens++;
	return 1;
}

uint64_t audiodev_sleep_due(const audiodev *d)
{
	if (!d || !d->awake || d->stays)
		return AUDIODEV_NEVER;
	return d->last_ms + AUDIODEV_LINGER_MS;
}

bool audiodev_sleep(audiodev *d, uint64_t now_ms, bool sounding)
{
	uint64_t due = audiodev_sleep_due(d);
	if (due == AUDIODEV_NEVER || now_ms < due)
		return false;
	if (sounding) {
		d->last_ms = now_ms; /* look again a linger later */
		return false;
	}
	close_device(d);
	return true;
}

unsigned audiodev_opens(const audiodev *d)
{
	return d ? d->opens : 0;
}

uint8_t *audiodev_convert(const audiodev *d, const int16_t *pcm, size_t n, int rate, int channels,
                          uint32_t *outlen)
{
	SDL_AudioStream *st = SDL_NewAudioStream(AUDIO_S16SYS, 1, rate, d->format, (Uint8)channels, d->rate);
	Uint8 *buf = NULL;
	if (!st)
		return NULL;
	/* SDL's resampler keeps the last few hundred samples back even when
	 * flushed: silence after them, and the result cut at the length the
	 * input lasts (so its duration is n / rate, as the schedule counts). */
	static const int16_t tail[1024];
	size_t frame = (size_t)channels * SDL_AUDIO_BITSIZE(d->format) / 8;
	uint64_t want = (uint64_t)n * (uint64_t)d->rate / (uint64_t)(rate > 0 ? rate : 1) * frame;
	if (SDL_AudioStreamPut(st, pcm, (int)(n * sizeof *pcm)) != 0 ||
	    SDL_AudioStreamPut(st, tail, (int)sizeof tail) != 0 || SDL_AudioStreamFlush(st) != 0)
		goto done;
	int avail = SDL_AudioStreamAvailable(st);
	buf = malloc((size_t)avail + 1);
	if (!buf)
		goto done;
	int got = SDL_AudioStreamGet(st, buf, avail);
	if (got < 0) {
		free(buf);
		buf = NULL;
		goto done;
	}
	*outlen = (uint64_t)got < want ? (Uint32)got : (Uint32)want;
done:
	SDL_FreeAudioStream(st);
	return buf;
}
