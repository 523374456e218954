/* audioqueue: cue sounds scheduled against the audio clock (issue 22).
 *
 * A cue due at a monotonic time is handed over ahead of it (the controller
 * does so 600 ms before); SDL_mixer's music hook, run by the mixer thread
 * at the start of every buffer it mixes, places the sound at the sample
 * offset where that time falls inside the buffer, from the clock read at
 * that moment. So a busy main loop cannot make a cue late, and the
 * placement follows the device's real pace (not a count of buffers). Until
 * it sounds it can be taken back (a pause, a skip). The sounds are borrowed
 * (the cue chunks of io/audio) and must outlive the queue's use of them.
 *
 * Threads: play/cancel/forget/volume from the UI thread, the hook from the
 * mixer thread; a mutex between them, held for a few microseconds.
 */
#ifndef UNKNOT_AUDIOQUEUE_H
#define UNKNOT_AUDIOQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#define AUDIOQUEUE_SLOTS 16

typedef struct audioqueue audioqueue;

/* A queue mixing into signed 16-bit frames of `channels` at `rate` Hz, and
 * installed as SDL_mixer's music hook. NULL when out of memory. Caller
 * frees with audioqueue_free() (before closing the device). */
audioqueue *audioqueue_new(int rate, int channels);
/* Removes the hook and frees the queue. NULL is fine. */
void audioqueue_free(audioqueue *q);

/* Slot `slot` (one per cue kind) plays pcm[0..len) bytes (device format,
 * borrowed) from monotonic time due_ns on, replacing what it held. */
bool audioqueue_play(audioqueue *q, int slot, const uint8_t *pcm, uint32_t len, uint64_t due_ns);

/* Drops the queued sounds that have not begun (all = every one). */
void audioqueue_cancel(audioqueue *q, bool all);

/* Whether a sound is queued or still sounding. */
bool audioqueue_busy(audioqueue *q);

/* Volume 0..128 applied to what the queue mixes. */
void audioqueue_volume(audioqueue *q, int volume);

#endif
