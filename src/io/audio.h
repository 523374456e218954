/* audio: plays the cue sounds and the spoken step announcements (SDL2_mixer).
 *
 * Never fails hard. With no audio device, or a missing/corrupt sound file,
 * audio_open() still returns a usable object: the affected cues are silent,
 * audio_play() returns false for them (show a visual flash instead) and
 * audio_problem() says once, in one sentence, what is missing.
 *
 * The device is opened with a short buffer (512 frames at 44.1 kHz, about
 * 12 ms) and closed between bursts of sound (io/audiodev.h: SDL's mixing
 * thread would otherwise wake 84 times a second); a cue is queued 600 ms
 * ahead, so the device streams silence that long before it and a
 * Bluetooth/HDMI speaker that sleeps on silence-less streams does not
 * swallow it. Every cue sound is decoded at open time; audio_play() only
 * starts a preloaded chunk on that cue's own mixer channel, so it never blocks
 * and never touches the disk.
 *
 * Sounds: for each cue NAME (cues_name(): get_ready, start, halfway, tick, end,
 * switch_sides, discomfort, pause, resume, complete) the first of
 *   <user dir>/NAME.wav, <user dir>/NAME.ogg   (user overrides; default
 *                                               paths_config_dir()/sounds)
 *   <bundled dir>/NAME.wav                     (default paths_asset("sounds/NAME.wav"))
 * that loads. A user file that does not decode falls back to the bundled one
 * (and says so); a cue with no loadable file at all is silent.
 *
 * Threads: call every function from one thread (the UI thread). The only
 * background work is speech rendering (audio_prepare_speech), which is joined
 * by audio_prepare_speech()/audio_close().
 *
 * Timing log (opt-in, for tests and benchmarks): with UNKNOT_AUDIO_LOG=FILE in
 * the environment, audio_open() writes to FILE (times are ms, with decimals,
 * on the caller's clock: clock_now_ms() - opt.epoch_ms):
 *   spec RATE CHANNELS FRAMES     the device as opened
 *   speech yes|no                 whether this build can speak
 *   FRAME MS                      per mixed buffer: the first frame of the
 *                                 buffer in the output stream, and when
 *                                 SDL_mixer mixed it (SDL's disk driver
 *                                 drifts from the clock; this maps a
 *                                 recording position back to it)
 *   cue PLANNED_MS PLAYED_MS NAME per audio_play_at(): when the cue was due,
 *                                 and when it was started
 *   speak ENTRY MS START LEN      per audio_speak*() that speaks: when it was
 *                                 asked, when the words start, their length
 *   say MS START LEN TEXT         per audio_say*() that speaks: the same, and
 *                                 what it says
 *   wake MS / sleep MS            the device opened again / closed between
 *                                 sounds (io/audiodev.h)
 *   mixed FRAMES                  at audio_close(): frames mixed in all (a
 *                                 recording longer than that began with
 *                                 silence written before the mixer ran)
 *   opens N                       at audio_close(): how often it was opened
 * It uses SDL_mixer's post-mix hook, so only one audio object may log at a time.
 */
#ifndef UNKNOT_AUDIO_H
#define UNKNOT_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cues.h"
#include "core/routine.h"

/* Size bounds of a user's sound override (a cue is a second or two: a WAV
 * of 16 MiB is 90 s of CD-quality stereo; an Ogg decodes to about ten times
 * its size). A larger file is refused with a problem line, the bundled sound
 * is used. */
#define AUDIO_WAV_MAX_BYTES (16LL * 1024 * 1024)
#define AUDIO_OGG_MAX_BYTES (2LL * 1024 * 1024)

typedef struct {
	int volume;             /* 0..100 (config "volume"), default 80 */
	bool mute;              /* config "mute" */
	bool voice;             /* spoken announcements when available (config "voice") */
	int frequency;          /* device rate in Hz; 0 = 44100 */
	int buffer_frames;      /* device buffer; 0 = 512 (about 12 ms) */
	const char *user_dir;   /* override folder; NULL = paths_config_dir()/sounds */
	const char *bundled_dir;/* bundled folder; NULL = paths_asset("sounds/...") */
	uint64_t epoch_ms;      /* clock_now_ms() at which the caller's clock reads 0; only
	                           for the timing log (UNKNOT_AUDIO_LOG); default 0 */
} audio_options;

typedef struct audio audio;

/* Defaults: volume 80, not muted, voice on, 44100 Hz, 512 frames. */
void audio_options_default(audio_options *opt);

/* Initialises SDL's audio subsystem (SDL_InitSubSystem, so SDL_Init may or may
 * not have been called), opens the device and loads every cue. `opt` NULL =
 * defaults; it is copied (its strings too). Returns NULL only when out of
 * memory. Caller frees with audio_close(). */
audio *audio_open(const audio_options *opt);

/* Stops everything, joins the speech thread, closes the device. NULL is fine. */
void audio_close(audio *a);

/* Starts cue `k` now, without blocking (it restarts it if it was still
 * sounding). Returns true when it will be heard; false when it will not (no
 * device, no sound for this cue, or muted / volume 0): then the caller shows
 * the visual flash. */
bool audio_play(audio *a, cue_kind k);

/* audio_play(), and with the timing log on, a "cue" line saying it was due at
 * `planned_ms` (the caller's clock, see opt.epoch_ms) and started now. */
bool audio_play_at(audio *a, cue_kind k, uint64_t planned_ms);

/* Cue k, due at planned_ms (the caller's clock), started delay_ms from now:
 * queued into the mixer now with that much silence first, so it sounds at
 * its sample however busy the caller is when it is due (io/audioqueue.c).
 * The timing log's "cue" line gets the planned ms and when it will sound.
 * False as for audio_play. */
bool audio_queue_cue(audio *a, cue_kind k, uint64_t planned_ms, uint32_t delay_ms);

/* The device sleeps between sounds (io/audiodev.h): closed, SDL's audio
 * shut down, opened again by the next sound. When to call audio_idle()
 * (monotonic ms, clock_now_ms()), UINT64_MAX when not needed. */
uint64_t audio_sleep_due(const audio *a);
/* Puts the device to sleep when its time has come and nothing sounds. */
void audio_idle(audio *a);

/* Silences the queued cues that have not begun to sound (pause, skip). */
void audio_cancel_queued(audio *a);

/* Whether cue `k` would be heard if played now (same rule as audio_play). */
bool audio_cue_audible(const audio *a, cue_kind k);

void audio_set_volume(audio *a, int volume); /* 0..100, clamped */
int audio_volume(const audio *a);
void audio_set_mute(audio *a, bool mute);
bool audio_muted(const audio *a);
void audio_set_voice(audio *a, bool voice);  /* spoken announcements on/off */

/* True when a device is open (cues can be heard at all). */
bool audio_available(const audio *a);

/* What is missing, as one sentence for the user, e.g. "no audio device:
 * <reason> - cues are shown as a flash" or "sounds missing or unreadable:
 * tick (<reason>) - those cues are shown as a flash"; NULL when all is fine.
 * Owned by `a`; stable until audio_close(). Show it once. */
const char *audio_problem(const audio *a);

/* The device as opened: rate (Hz), channels, buffer frames. Returns false when
 * no device is open. Any pointer may be NULL. */
bool audio_device_spec(const audio *a, int *rate, int *channels, int *frames);

/* Spoken announcements. Renders every entry's announcement of `r` (borrowed:
 * it must outlive `a` or the next audio_prepare_speech call) in a background
 * thread into memory, so speaking never delays the timer or the UI. Returns
 * immediately; a previous preparation is cancelled and dropped first. Does
 * nothing when speech is unavailable (built without espeak-ng, no device);
 * renders even while voice is off, so audio_set_voice(true) works at once.
 * Entries are rendered in timeline order, so the first ones are ready first
 * (tens of ms each). */
void audio_prepare_speech(audio *a, const routine *r);

/* Speaks the announcement for 0-based entry `entry` now. Call it at every
 * SESSION_EV_STEP_START: a transition announces the step it leads to ("Left
 * side. Upper trapezius. Sixty seconds."), a step right after its transition
 * says nothing more (already announced), a step without a transition
 * announces itself. The speech begins after a short lead-in of silence so it
 * follows the boundary cue instead of covering it. Returns true when something
 * is being spoken; false when there is nothing to say, it is not rendered
 * yet, voice is off/muted or speech is unavailable (never waits). */
bool audio_speak(audio *a, size_t entry);

/* The speech schedule (core/voicesched.c) asks how long things sound and
 * places the words between the cues. AUDIO_VARIANTS forms of each
 * announcement are rendered: 0 the whole one (speech_announcement), 1 the
 * target and side only (speech_names). */
#define AUDIO_VARIANTS 2

/* How long cue k sounds, in ms (0: silent, no device or no sound). */
uint32_t audio_cue_ms(const audio *a, cue_kind k);

/* How long entry `entry`'s announcement of `variant` lasts, in ms; 0 when
 * there is nothing to say, it is not rendered yet, or voice is off/muted. */
uint32_t audio_speech_ms(audio *a, size_t entry, int variant);

/* Speaks that announcement, starting delay_ms from now (silence until then,
 * mixed ahead: a busy main loop cannot make it late). Replaces whatever the
 * speech channel was saying. False as for audio_speak. */
bool audio_speak_at(audio *a, size_t entry, int variant, uint32_t delay_ms);

/* How long `text` lasts spoken, in ms, rendering it now on the calling
 * thread (tens of ms) and keeping the last few sentences; 0 when it cannot
 * be said (voice off/muted, no speech). */
uint32_t audio_say_ms(audio *a, const char *text);

/* Says `text` (copied) starting delay_ms from now, interrupting any other
 * words. False when it cannot be said. */
bool audio_say_at(audio *a, const char *text, uint32_t delay_ms);

/* Speaks one sentence of advice now (the kiosk's frequency advice, "see a
 * professional"), interrupting any announcement. Rendered on the calling
 * thread (espeak-ng, tens of ms for a sentence); `text` is copied. False when
 * voice is off/muted or speech is unavailable. */
bool audio_say(audio *a, const char *text);

/* Silences any announcement in progress (e.g. on pause or skip). */
void audio_stop_speech(audio *a);

/* True when this build can speak (espeak-ng compiled in) and a device is open. */
bool audio_speech_available(const audio *a);

/* Blocks until the background rendering of audio_prepare_speech() is done or
 * `timeout_ms` passes. For tests and tools; the app never needs to wait.
 * Returns true when every announcement is ready. */
bool audio_speech_wait(audio *a, unsigned timeout_ms);

#endif
