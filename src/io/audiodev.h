/* audiodev: the sound device, open only around the sounds (issue 22).
 *
 * SDL 2.26 keeps a paused device's mixing thread waking (84 times a second
 * at 512 frames), and with the device closed but SDL's audio subsystem
 * still up, its ALSA hotplug thread wakes 10 times a second and re-reads
 * ALSA's configuration every 5 s. So between bursts of sound the device is
 * closed and SDL's audio subsystem shut down ("asleep"); the next sound
 * opens it again first ("wakes"), with exactly the spec of the first open,
 * so decoded chunks stay valid. Cues are handed over 600 ms before they
 * are due (app/ctl_voice.c) and queued against the monotonic clock
 * (io/audioqueue.c), so the device is streaming silence at least that long
 * before a cue sounds (a speaker that sleeps on silence-less streams wakes
 * in time) and the onset stays at its sample.
 *
 * The device stays awake while anything sounds and for AUDIODEV_LINGER_MS
 * after; the caller asks audiodev_sleep_due() when to try, and calls
 * audiodev_sleep() then (the main loop). It never sleeps on SDL's "disk"
 * driver (a test recording is one continuous file, reopening truncates it)
 * nor with UNKNOT_AUDIO_AWAKE=1 in the environment (the old behaviour: open
 * for the whole run).
 *
 * Threads: the UI thread only (the mixer's own thread is SDL_mixer's).
 */
#ifndef UNKNOT_AUDIODEV_H
#define UNKNOT_AUDIODEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AUDIODEV_LINGER_MS 1500 /* awake this long after the last sound (the last ticks are 1 s apart) */
#define AUDIODEV_NEVER UINT64_MAX

typedef struct audiodev audiodev;

/* Starts SDL's audio and opens the mixer (S16, stereo, `rate` Hz, `frames`
 * per buffer; SDL may change rate and channels): the device is awake.
 * NULL with one sentence in err on failure; then SDL's audio subsystem is
 * shut down again (not left polling for hotplugs). Caller frees with
 * audiodev_free(). */
audiodev *audiodev_open(int rate, int frames, char *err, size_t errsize);

/* Closes the mixer and shuts SDL's audio down (NULL is fine). */
void audiodev_free(audiodev *d);

/* The spec of the first open (kept across sleeps); any pointer may be NULL. */
void audiodev_spec(const audiodev *d, int *rate, uint16_t *format, int *channels, int *frames);

/* Whether the mixer is open now (SDL_mixer may be called). */
bool audiodev_awake(const audiodev *d);

/* Opens the device again when it sleeps, and marks a sound starting now at
 * monotonic `now_ms` (the linger counts from the last one). Returns 1 when
 * it reopened (the caller sets its channels and volumes again), 0 when it
 * was awake, -1 when it could not reopen (the device is gone). */
int audiodev_wake(audiodev *d, uint64_t now_ms);

/* When the device may go to sleep (monotonic ms), AUDIODEV_NEVER when it
 * sleeps already or never does. */
uint64_t audiodev_sleep_due(const audiodev *d);

/* Closes the device when its sleep is due at `now_ms` and nothing
 * `sounding` (the caller's channels and queue); while something sounds the
 * linger starts again. True when it went to sleep now. */
bool audiodev_sleep(audiodev *d, uint64_t now_ms, bool sounding);

/* Converts n samples of mono S16 at `rate` Hz to the device's sample format
 * and rate (the first open's spec; works asleep too) in `channels` channels.
 * Returns a malloc'd buffer (caller frees) and its byte length in outlen
 * (exactly n / rate seconds), or NULL. */
uint8_t *audiodev_convert(const audiodev *d, const int16_t *pcm, size_t n, int rate, int channels,
                          uint32_t *outlen);

/* How many times it was opened and closed (for the timing log, tests). */
unsigned audiodev_opens(const audiodev *d);

#endif
