/* audioqueue: cues placed at their sample by the mixer thread (see audioqueue.h). */
#include "io/audioqueue.h"

#include <stdlib.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "io/clock.h"

typedef struct {
	const uint8_t *pcm;
	uint32_t len, pos;  /* bytes; pos: how much has been mixed */
	uint64_t due_ns;    /* monotonic time of its first sample */
	bool on;
} slot;

struct audioqueue {
	SDL_mutex *lock;
	int rate, channels, volume;
	slot s[AUDIOQUEUE_SLOTS];
};

/* SDL_mixer's music hook (mixer thread): the stream is silence here; each
 * due sound is added from the frame where its time falls, saturating. */
static void hook(void *udata, Uint8 *stream, int len)
{
	audioqueue *q = udata;
	uint64_t now = clock_now_ns();
	int frame = q->channels * 2, frames = len / frame;
	uint64_t span = (uint64_t)frames * 1000000000ull / (uint64_t)q->rate;
	int16_t *out = (int16_t *)(void *)stream;
	if (SDL_TryLockMutex(q->lock) != 0)
		return; /* the UI thread holds it for microseconds: next buffer */
	for (int i = 0; i < AUDIOQUEUE_SLOTS; i++) {
		slot *sl = &q->s[i];
		if (!sl->on || sl->due_ns >= now + span)
			continue;
		int at = 0;
		if (sl->pos == 0 && sl->due_ns > now)
			at = (int)((sl->due_ns - now) * (uint64_t)q->rate / 1000000000ull);
		const int16_t *in = (const int16_t *)(const void *)(sl->pcm + sl->pos);
		int n = (int)((sl->len - sl->pos) / (uint32_t)frame);
		if (n > frames - at)
			n = frames - at;
		for (int k = 0; k < n * q->channels; k++) {
			int v = out[at * q->channels + k] + in[k] * q->volume / MIX_MAX_VOLUME;
			out[at * q->channels + k] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
		}
		sl->pos += (uint32_t)(n * frame);
		if (sl->pos + (uint32_t)frame > sl->len)
			sl->on = false;
	}
	SDL_UnlockMutex(q->lock);
}

audioqueue *audioqueue_new(int rate, int channels)
{
	audioqueue *q = calloc(1, sizeof *q);
	if (!q || rate <= 0 || channels <= 0 || !(q->lock = SDL_CreateMutex())) {
		free(q);
		return NULL;
	}
	q->rate = rate;
	q->channels = channels;
	q->volume = MIX_MAX_VOLUME;
	Mix_HookMusic(hook, q);
	return q;
}

void audioqueue_free(audioqueue *q)
{
	if (!q)
		return;
	Mix_HookMusic(NULL, NULL); /* under the mixer's lock: the hook is not running after this */
	SDL_DestroyMutex(q->lock);
	free(q);
}

bool audioqueue_play(audioqueue *q, int slot_i, const uint8_t *pcm, uint32_t len, uint64_t due_ns)
{
	if (!q || slot_i < 0 || slot_i >= AUDIOQUEUE_SLOTS || !pcm || !len)
		return false;
	SDL_LockMutex(q->lock);
	q->s[slot_i] = (slot){ pcm, len, 0, due_ns, true };
	SDL_UnlockMutex(q->lock);
	return true;
}

void audioqueue_cancel(audioqueue *q, bool all)
{
	if (!q)
		return;
	SDL_LockMutex(q->lock);
	for (int i = 0; i < AUDIOQUEUE_SLOTS; i++)
		if (all || q->s[i].pos == 0)
			q->s[i].on = false;
	SDL_UnlockMutex(q->lock);
}

bool audioqueue_busy(audioqueue *q)
{
	bool busy = false;
	if (!q)
		return false;
	SDL_LockMutex(q->lock);
	for (int i = 0; i < AUDIOQUEUE_SLOTS; i++)
		busy = busy || q->s[i].on;
	SDL_UnlockMutex(q->lock);
	return busy;
}

void audioqueue_volume(audioqueue *q, int volume)
{
	if (!q)
		return;
	SDL_LockMutex(q->lock);
	q->volume = volume < 0 ? 0 : volume > MIX_MAX_VOLUME ? MIX_MAX_VOLUME : volume;
	SDL_UnlockMutex(q->lock);
}
