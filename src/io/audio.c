/* audio: cue sounds and spoken announcements over SDL2_mixer. */
#include "io/audio.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "core/loudness.h"
#include "io/audiodev.h"
#include "io/audioqueue.h"
#include "io/clock.h"
#include "io/paths.h"
#include "io/speech.h"

#define DEFAULT_RATE    44100
#define DEFAULT_FRAMES  512
#define SPEECH_CHANNEL  CUE_COUNT          /* channels 0..CUE_COUNT-1: one per cue */
#define NUM_CHANNELS    (CUE_COUNT + 1)
#define LEAD_IN_MAX_MS  900
#define SPEECH_RMS_DB   -7.5               /* speech loudness, dBFS RMS (the cues: -7.0..-8.3) */
#define AUDIO_SAY_CACHE 4

struct audio {
	audio_options opt;
	char *user_dir;       /* NULL = paths_config_dir()/sounds */
	char *bundled_dir;    /* NULL = paths_asset() */
	audiodev *dev;        /* the device, asleep between sounds; NULL: none */
	bool open;            /* a device opened at all (cues can be heard) */
	int rate, channels, frames;
	Uint16 format;
	Mix_Chunk *chunk[CUE_COUNT];
	audioqueue *queue;    /* cues started ahead of their time */
	char problem[1024];

	/* The timing log (UNKNOT_AUDIO_LOG). The post-mix hook writes to it from
	 * the audio thread (stdio locks each line) and alone touches log_frames
	 * while the device is open. */
	FILE *log;
	uint64_t log_frames;
	int log_frame_bytes;

	/* Speech. The thread fills buf/len/done under `lock`; chunks are made from
	 * them on the UI thread only (audio_speak), so the mixer is never touched
	 * from the rendering thread. */
	SDL_Thread *thread;
	SDL_mutex *lock;
	SDL_atomic_t cancel;
	SDL_atomic_t finished; /* 1: all rendered, 2: espeak-ng failed */
	const routine *routine;
	size_t nspeech;
	Uint8 **speech_buf;      /* [entry * AUDIO_VARIANTS + variant]: the device's format and
	                            rate but one channel (made stereo when played), no lead-in */
	Uint32 *speech_len;
	/* What the speech channel plays (UI thread only): silence up to the
	 * planned start, then the words; freed when the next one starts. */
	Uint8 *play_buf;
	Mix_Chunk *play_chunk;
	/* audio_say(): the last sentences rendered (UI thread only), by text */
	char *say_text[AUDIO_SAY_CACHE];
	Uint8 *say_pcm[AUDIO_SAY_CACHE];
	Uint32 say_len[AUDIO_SAY_CACHE];
	unsigned say_next;
};

void audio_options_default(audio_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->volume = 80;
	opt->mute = false;
	opt->voice = true;
	opt->frequency = DEFAULT_RATE;
	opt->buffer_frames = DEFAULT_FRAMES;
}

/* Appends a clause to the problem sentence ("; " between clauses). */
static void add_problem(audio *a, const char *text)
{
	size_t len = strlen(a->problem);
	snprintf(a->problem + len, sizeof a->problem - len, "%s%s", len ? "; " : "", text);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Loads a user's sound file, refusing one over its size bound before it is
 * decoded (a 1 GB start.wav took 1.07 GB of memory before SDL_mixer gave
 * up). The file is opened once and measured by its descriptor, so it cannot
 * be swapped between the check and the load. NULL with a message in msg. */
static Mix_Chunk *load_bounded(const char *path, const char *ext, char *msg, size_t msgsize)
{
	const long long max = strcmp(ext, "ogg") == 0 ? AUDIO_OGG_MAX_BYTES : AUDIO_WAV_MAX_BYTES;
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(msg, msgsize, "%s is unreadable (%s), using the bundled sound", path,
		         f ? "not a regular file" : strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	if ((long long)st.st_size > max) {
		snprintf(msg, msgsize, "%s is too big (%lld bytes; at most %lld MiB), using the bundled sound",
		         path, (long long)st.st_size, max >> 20);
		fclose(f);
		return NULL;
	}
	SDL_RWops *rw = SDL_RWFromFP(f, SDL_TRUE);
	if (!rw) {
		fclose(f);
		snprintf(msg, msgsize, "%s is unreadable (%s), using the bundled sound", path, SDL_GetError());
		return NULL;
	}
	Mix_Chunk *c = Mix_LoadWAV_RW(rw, 1);
	if (!c)
		snprintf(msg, msgsize, "%s is unreadable (%s), using the bundled sound", path, Mix_GetError());
	return c;
}

/* The user's override folder for sounds, or -1 when it cannot be named. */
static int user_sound_dir(const audio *a, char *out, size_t size)
{
	if (a->user_dir) {
		int n = snprintf(out, size, "%s", a->user_dir);
		return n < 0 || (size_t)n >= size ? -1 : 0;
	}
	char dir[PATHS_MAX];
	if (paths_config_dir(dir, sizeof dir) != 0)
		return -1;
	int n = snprintf(out, size, "%s/sounds", dir);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Loads cue k: a user override (NAME.wav, NAME.ogg) first, then the bundled
 * NAME.wav. On failure returns NULL with a short reason in why. */
static Mix_Chunk *load_cue(audio *a, cue_kind k, char *why, size_t whysize)
{
	static const char *const exts[] = { "wav", "ogg" };
	const char *name = cues_name(k);
	char dir[PATHS_MAX], path[PATHS_MAX + 64], msg[PATHS_MAX + 256];
	Mix_Chunk *c;

	if (user_sound_dir(a, dir, sizeof dir) == 0) {
		for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
			snprintf(path, sizeof path, "%s/%s.%s", dir, name, exts[i]);
			if (!file_exists(path))
				continue;
			c = load_bounded(path, exts[i], msg, sizeof msg);
			if (c)
				return c;
			add_problem(a, msg);
		}
	}
	if (a->bundled_dir) {
		snprintf(path, sizeof path, "%s/%s.wav", a->bundled_dir, name);
	} else {
		char rel[64];
		snprintf(rel, sizeof rel, "sounds/%s.wav", name);
		if (paths_asset(path, sizeof path, rel) != 0) {
			snprintf(why, whysize, "%s", "not found");
			return NULL;
		}
	}
	if (!file_exists(path)) {
		snprintf(why, whysize, "%s", "not found");
		return NULL;
	}
	c = Mix_LoadWAV(path);
	if (!c)
		snprintf(why, whysize, "%s", Mix_GetError());
	return c;
}

/* Monotonic ms on the caller's clock (opt.epoch_ms), with decimals. */
static double log_now(const audio *a)
{
	return (double)clock_now_ns() / 1e6 - (double)a->opt.epoch_ms;
}

/* Opens the device (it sleeps between sounds, io/audiodev.h); false (with
 * a problem) if none. */
static bool open_device(audio *a)
{
	char msg[512], err[400];
	a->dev = audiodev_open(a->opt.frequency, a->opt.buffer_frames, err, sizeof err);
	if (!a->dev) {
		snprintf(msg, sizeof msg, "no audio device: %s - cues are shown as a flash", err);
		add_problem(a, msg);
		return false;
	}
	audiodev_spec(a->dev, &a->rate, &a->format, &a->channels, &a->frames);
	audiodev_wake(a->dev, clock_now_ms()); /* the linger counts from now */
	Mix_AllocateChannels(NUM_CHANNELS);
	a->open = true;
	return true;
}

/* Whether the mixer may be called now (the device is awake). */
static bool live(const audio *a)
{
	return a->open && audiodev_awake(a->dev);
}

/* Wakes the device for a sound starting now: false when it cannot sound. */
static bool wake(audio *a)
{
	int r = a->open ? audiodev_wake(a->dev, clock_now_ms()) : -1;
	if (r == 1) {
		Mix_AllocateChannels(NUM_CHANNELS);
		Mix_Volume(-1, a->opt.volume * MIX_MAX_VOLUME / 100);
		if (a->log)
			fprintf(a->log, "wake %.3f\n", log_now(a));
	}
	return r >= 0;
}

/* SDL_mixer's post-mix hook (audio thread): one "FRAME MS" line per buffer. */
static void log_postmix(void *udata, Uint8 *stream, int len)
{
	audio *a = udata;
	(void)stream;
	if (!a->log_frame_bytes) {
		/* The spec is set before the device starts calling us. */
		int rate = 0, ch = 0;
		Uint16 fmt = 0;
		if (!Mix_QuerySpec(&rate, &fmt, &ch) || ch <= 0)
			return;
		a->log_frame_bytes = ch * (int)SDL_AUDIO_BITSIZE(fmt) / 8;
	}
	fprintf(a->log, "%llu %.3f\n", (unsigned long long)a->log_frames, log_now(a));
	a->log_frames += (uint64_t)(len / a->log_frame_bytes);
}

/* Opens the timing log when UNKNOT_AUDIO_LOG asks for it; hooks the mixer
 * before the device opens, so that every mixed buffer is counted. */
static void log_open(audio *a)
{
	const char *path = getenv("UNKNOT_AUDIO_LOG");
	if (!path || !*path)
		return;
	a->log = fopen(path, "w");
	if (!a->log) {
		char msg[PATHS_MAX + 64];
		snprintf(msg, sizeof msg, "cannot write the audio log %s", path);
		add_problem(a, msg);
		return;
	}
	Mix_SetPostMix(log_postmix, a);
}

static void apply_volume(audio *a)
{
	if (live(a))
		Mix_Volume(-1, a->opt.volume * MIX_MAX_VOLUME / 100);
	audioqueue_volume(a->queue, a->opt.volume * MIX_MAX_VOLUME / 100);
}

audio *audio_open(const audio_options *opt)
{
	audio *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	if (opt)
		a->opt = *opt;
	else
		audio_options_default(&a->opt);
	if (a->opt.frequency <= 0)
		a->opt.frequency = DEFAULT_RATE;
	if (a->opt.buffer_frames <= 0)
		a->opt.buffer_frames = DEFAULT_FRAMES;
	a->opt.volume = a->opt.volume < 0 ? 0 : a->opt.volume > 100 ? 100 : a->opt.volume;
	a->user_dir = a->opt.user_dir ? strdup(a->opt.user_dir) : NULL;
	a->bundled_dir = a->opt.bundled_dir ? strdup(a->opt.bundled_dir) : NULL;
	a->lock = SDL_CreateMutex();
	if ((a->opt.user_dir && !a->user_dir) || (a->opt.bundled_dir && !a->bundled_dir) || !a->lock)
		goto fail;
	a->opt.user_dir = a->user_dir;
	a->opt.bundled_dir = a->bundled_dir;

	log_open(a);
	if (!open_device(a))
		return a;
	if (a->log)
		fprintf(a->log, "spec %d %d %d\nspeech %s\n", a->rate, a->channels, a->frames,
		        speech_available() ? "yes" : "no");
	apply_volume(a);

	char missing[512] = "", why[256];
	size_t nmissing = 0;
	for (int k = 0; k < CUE_COUNT; k++) {
		a->chunk[k] = load_cue(a, (cue_kind)k, why, sizeof why);
		if (a->chunk[k])
			continue;
		size_t len = strlen(missing);
		/* The reason of the first one is enough: they usually share it. */
		snprintf(missing + len, sizeof missing - len, nmissing ? ", %s" : "%s (%s)",
		         cues_name((cue_kind)k), why);
		nmissing++;
	}
	if (nmissing) {
		char msg[700];
		snprintf(msg, sizeof msg, "sound%s missing or unreadable: %s - %s shown as a flash",
		         nmissing > 1 ? "s" : "", missing, nmissing > 1 ? "those cues are" : "that cue is");
		add_problem(a, msg);
	}
	return a;
fail:
	audio_close(a);
	return NULL;
}

/* Silences the speech channel and frees what it played. */
static void play_reset(audio *a)
{
	if (live(a))
		Mix_HaltChannel(SPEECH_CHANNEL);
	if (a->play_chunk)
		Mix_FreeChunk(a->play_chunk);
	free(a->play_buf);
	a->play_chunk = NULL;
	a->play_buf = NULL;
}

/* Stops the rendering thread and drops every rendered announcement. */
static void speech_reset(audio *a)
{
	if (a->thread) {
		SDL_AtomicSet(&a->cancel, 1);
		SDL_WaitThread(a->thread, NULL);
		a->thread = NULL;
	}
	play_reset(a);
	for (size_t i = 0; i < a->nspeech * AUDIO_VARIANTS; i++)
		if (a->speech_buf)
			free(a->speech_buf[i]);
	free(a->speech_buf);
	free(a->speech_len);
	a->speech_buf = NULL;
	a->speech_len = NULL;
	a->nspeech = 0;
	a->routine = NULL;
	SDL_AtomicSet(&a->cancel, 0);
	SDL_AtomicSet(&a->finished, 0);
}

void audio_close(audio *a)
{
	if (!a)
		return;
	speech_reset(a);
	audioqueue_free(a->queue);
	if (live(a))
		Mix_HaltChannel(-1);
	for (int k = 0; k < CUE_COUNT; k++)
		if (a->chunk[k])
			Mix_FreeChunk(a->chunk[k]);
	for (int i = 0; i < AUDIO_SAY_CACHE; i++) {
		free(a->say_text[i]);
		free(a->say_pcm[i]);
	}
	unsigned opens = audiodev_opens(a->dev);
	audiodev_free(a->dev); /* joins the audio thread: the hooks are done */
	if (a->log) {
		Mix_SetPostMix(NULL, NULL);
		fprintf(a->log, "mixed %llu\nopens %u\n", (unsigned long long)a->log_frames, opens);
		fclose(a->log);
	}
	if (a->lock)
		SDL_DestroyMutex(a->lock);
	free(a->user_dir);
	free(a->bundled_dir);
	free(a);
}

bool audio_cue_audible(const audio *a, cue_kind k)
{
	return a && a->open && (unsigned)k < CUE_COUNT && a->chunk[k] && !a->opt.mute &&
	       a->opt.volume > 0;
}

bool audio_play(audio *a, cue_kind k)
{
	if (!audio_cue_audible(a, k) || !wake(a))
		return false;
	return Mix_PlayChannel((int)k, a->chunk[k], 0) >= 0;
}

bool audio_queue_cue(audio *a, cue_kind k, uint64_t planned_ms, uint32_t delay_ms)
{
	if (!audio_cue_audible(a, k) || a->format != AUDIO_S16SYS || !wake(a))
		return false;
	if (!a->queue && !(a->queue = audioqueue_new(a->rate, a->channels)))
		return false;
	audioqueue_volume(a->queue, a->opt.volume * MIX_MAX_VOLUME / 100);
	if (!audioqueue_play(a->queue, (int)k, a->chunk[k]->abuf, a->chunk[k]->alen,
	                     clock_now_ns() + (uint64_t)delay_ms * 1000000ull))
		return false;
	if (a->log)
		fprintf(a->log, "cue %llu %.3f %s\n", (unsigned long long)planned_ms, log_now(a) + delay_ms,
		        cues_name(k));
	return true;
}

uint64_t audio_sleep_due(const audio *a)
{
	return a && a->open ? audiodev_sleep_due(a->dev) : AUDIODEV_NEVER;
}

void audio_idle(audio *a)
{
	if (!a || !live(a) || clock_now_ms() < audiodev_sleep_due(a->dev))
		return; /* (not due: the queue's lock is left to the mixer) */
	bool sounding = Mix_Playing(-1) > 0 || audioqueue_busy(a->queue);
	if (audiodev_sleep(a->dev, clock_now_ms(), sounding) && a->log)
		fprintf(a->log, "sleep %.3f\n", log_now(a));
}

void audio_cancel_queued(audio *a)
{
	if (a)
		audioqueue_cancel(a->queue, false);
}

bool audio_play_at(audio *a, cue_kind k, uint64_t planned_ms)
{
	if (a && a->log && (unsigned)k < CUE_COUNT)
		fprintf(a->log, "cue %llu %.3f %s\n", (unsigned long long)planned_ms, log_now(a),
		        cues_name(k));
	return audio_play(a, k);
}

void audio_set_volume(audio *a, int volume)
{
	if (!a)
		return;
	a->opt.volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
	apply_volume(a);
}

int audio_volume(const audio *a)
{
	return a ? a->opt.volume : 0;
}

void audio_set_mute(audio *a, bool mute)
{
	if (!a)
		return;
	a->opt.mute = mute;
	if (mute && live(a))
		Mix_HaltChannel(-1);
	if (mute)
		audioqueue_cancel(a->queue, true);
}

bool audio_muted(const audio *a)
{
	return a && a->opt.mute;
}

void audio_set_voice(audio *a, bool voice)
{
	if (!a)
		return;
	a->opt.voice = voice;
	if (!voice && live(a))
		Mix_HaltChannel(SPEECH_CHANNEL);
}

bool audio_available(const audio *a)
{
	return a && a->open;
}

const char *audio_problem(const audio *a)
{
	return a && a->problem[0] ? a->problem : NULL;
}

bool audio_device_spec(const audio *a, int *rate, int *channels, int *frames)
{
	if (!a || !a->open)
		return false;
	if (rate)
		*rate = a->rate;
	if (channels)
		*channels = a->channels;
	if (frames)
		*frames = a->frames;
	return true;
}

bool audio_speech_available(const audio *a)
{
	return a && a->open && speech_available();
}

/* Sentences joined with commas: espeak-ng pauses less, the prompt is shorter. */
static void spoken_form(char *text)
{
	for (char *p = text; (p = strstr(p, ". ")) != NULL; p += 2) {
		*p = ',';
		if (p[2])
			p[2] = (char)tolower((unsigned char)p[2]);
	}
}

/* ms of silence before entry i's announcement when no schedule places it
 * (audio_speak): the length of the cue that sounds at that boundary, so the
 * words follow it instead of covering it. */
static uint32_t lead_in_ms(const audio *a, size_t i)
{
	const routine_entry *e = routine_entry_at(a->routine, i);
	const routine_entry *prev = i > 0 ? routine_entry_at(a->routine, i - 1) : NULL;
	const routine_entry *pprev = i > 1 ? routine_entry_at(a->routine, i - 2) : NULL;
	cue_item items[CUES_MAX_PER_ENTRY];
	uint32_t most = 0;
	size_t n;
	cue_kind k = CUE_COUNT;
	if (prev) {
		/* The boundary cue is the last cue of the entry that ends. */
		n = cues_for_entry(pprev, prev, e, prev->duration_s * 1000u, items);
		if (n && items[n - 1].at_ms == prev->duration_s * 1000u)
			k = items[n - 1].kind;
	} else {
		n = cues_for_entry(NULL, e, routine_entry_at(a->routine, 1), e->duration_s * 1000u, items);
		if (n && items[0].at_ms == 0)
			k = items[0].kind;
	}
	if (k < CUE_COUNT)
		most = audio_cue_ms(a, k);
	most += 30; /* 30 ms of air */
	return most < LEAD_IN_MAX_MS ? most : LEAD_IN_MAX_MS;
}

/* Speaks `text` into the device's format and rate, one channel (trimmed,
 * loudness-matched; the channels are filled when played). NULL when
 * espeak-ng cannot. */
static Uint8 *render_text(const audio *a, char *text, Uint32 *len)
{
	int16_t *pcm = NULL;
	size_t n = 0, start = 0;
	int rate = 0;
	char err[256];
	spoken_form(text);
	if (speech_render(text, &pcm, &n, &rate, err, sizeof err) != 0) {
		free(pcm);
		return NULL;
	}
	n = loudness_match(pcm, n, SPEECH_RMS_DB, &start);
	Uint8 *buf = audiodev_convert(a->dev, pcm + start, n, rate, 1, len);
	free(pcm);
	return buf;
}

/* The rendering thread: every whole announcement in timeline order (the
 * first is needed soonest), then the short ones. */
static int render_main(void *arg)
{
	audio *a = arg;
	char text[2048];
	for (int v = 0; v < AUDIO_VARIANTS; v++) {
		for (size_t i = 0; i < a->nspeech && !SDL_AtomicGet(&a->cancel); i++) {
			size_t tl = v == 0 ? speech_announcement(a->routine, i, text, sizeof text)
			                   : speech_names(a->routine, i, text, sizeof text);
			if (tl == 0)
				continue;
			Uint32 len = 0;
			Uint8 *buf = render_text(a, text, &len);
			if (!buf && !speech_available()) {
				SDL_AtomicSet(&a->finished, 2);
				return 0; /* espeak-ng is not usable: tones only */
			}
			if (!buf)
				continue;
			SDL_LockMutex(a->lock);
			a->speech_buf[i * AUDIO_VARIANTS + (size_t)v] = buf;
			a->speech_len[i * AUDIO_VARIANTS + (size_t)v] = len;
			SDL_UnlockMutex(a->lock);
		}
	}
	SDL_AtomicSet(&a->finished, 1);
	return 0;
}

void audio_prepare_speech(audio *a, const routine *r)
{
	if (!a)
		return;
	speech_reset(a);
	/* Rendered even with voice off, so turning it on mid-session just works. */
	if (!r || !audio_speech_available(a))
		return;
	size_t n = routine_length(r);
	if (n == 0)
		return;
	a->speech_buf = calloc(n * AUDIO_VARIANTS, sizeof *a->speech_buf);
	a->speech_len = calloc(n * AUDIO_VARIANTS, sizeof *a->speech_len);
	if (!a->speech_buf || !a->speech_len) {
		speech_reset(a);
		return;
	}
	a->nspeech = n;
	a->routine = r;
	a->thread = SDL_CreateThread(render_main, "unknot-speech", a);
	if (!a->thread)
		speech_reset(a);
}

/* Whether words may be spoken now at all. */
static bool may_speak(const audio *a)
{
	return a && a->open && a->opt.voice && !a->opt.mute && a->opt.volume > 0;
}

/* The milliseconds `len` bytes of device PCM last. */
static uint32_t bytes_ms(const audio *a, Uint32 len)
{
	size_t frame = (size_t)a->channels * SDL_AUDIO_BITSIZE(a->format) / 8;
	return frame && a->rate ? (uint32_t)((uint64_t)len / frame * 1000 / (uint64_t)a->rate) : 0;
}

/* The milliseconds `len` bytes of rendered words last. */
static uint32_t words_ms(const audio *a, Uint32 len)
{
	size_t bps = SDL_AUDIO_BITSIZE(a->format) / 8;
	return bps && a->rate ? (uint32_t)((uint64_t)len / bps * 1000 / (uint64_t)a->rate) : 0;
}

/* Plays `len` bytes of rendered words on the speech channel after delay_ms
 * of silence (the schedule's start), replacing whatever it played. */
static bool play_words(audio *a, const Uint8 *words, Uint32 words_len, uint32_t delay_ms)
{
	size_t bps = SDL_AUDIO_BITSIZE(a->format) / 8, frame = (size_t)a->channels * bps;
	size_t lead = (size_t)((uint64_t)delay_ms * (uint64_t)a->rate / 1000) * frame;
	size_t frames = bps ? words_len / bps : 0, len = frames * frame;
	play_reset(a);
	if (!wake(a) || !(a->play_buf = calloc(1, lead + len))) /* S16 silence is all zero bytes */
		return false;
	Uint8 *out = a->play_buf + lead;
	for (size_t i = 0; i < frames; i++) /* the one channel into each of the device's */
		for (int c = 0; c < a->channels; c++)
			memcpy(out + i * frame + (size_t)c * bps, words + i * bps, bps);
	a->play_chunk = Mix_QuickLoad_RAW(a->play_buf, (Uint32)(lead + len));
	return a->play_chunk && Mix_PlayChannel(SPEECH_CHANNEL, a->play_chunk, 0) >= 0;
}

/* Entry's rendered words of variant v, or NULL (none, or not rendered yet). */
static const Uint8 *entry_words(audio *a, size_t entry, int variant, Uint32 *len)
{
	if (entry >= a->nspeech || variant < 0 || variant >= AUDIO_VARIANTS)
		return NULL;
	SDL_LockMutex(a->lock);
	const Uint8 *buf = a->speech_buf[entry * AUDIO_VARIANTS + (size_t)variant];
	*len = a->speech_len[entry * AUDIO_VARIANTS + (size_t)variant];
	SDL_UnlockMutex(a->lock);
	return buf;
}

uint32_t audio_speech_ms(audio *a, size_t entry, int variant)
{
	Uint32 len = 0;
	if (!may_speak(a) || !entry_words(a, entry, variant, &len))
		return 0;
	return words_ms(a, len);
}

bool audio_speak_at(audio *a, size_t entry, int variant, uint32_t delay_ms)
{
	Uint32 len = 0;
	const Uint8 *buf;
	if (!may_speak(a) || !(buf = entry_words(a, entry, variant, &len)))
		return false; /* nothing to say, or not rendered yet */
	if (!play_words(a, buf, len, delay_ms))
		return false;
	if (a->log)
		fprintf(a->log, "speak %zu %.3f %.3f %u\n", entry, log_now(a), log_now(a) + delay_ms,
		        (unsigned)words_ms(a, len));
	return true;
}

bool audio_speak(audio *a, size_t entry)
{
	if (!may_speak(a) || entry >= a->nspeech)
		return false;
	return audio_speak_at(a, entry, 0, lead_in_ms(a, entry));
}

uint32_t audio_cue_ms(const audio *a, cue_kind k)
{
	if (!a || !a->open || (unsigned)k >= CUE_COUNT || !a->chunk[k])
		return 0;
	return bytes_ms(a, a->chunk[k]->alen);
}

void audio_stop_speech(audio *a)
{
	if (a && live(a))
		Mix_HaltChannel(SPEECH_CHANNEL);
}

bool audio_speech_wait(audio *a, unsigned timeout_ms)
{
	if (!a || !a->thread)
		return false;
	uint64_t until = clock_now_ms() + timeout_ms;
	while (!SDL_AtomicGet(&a->finished)) {
		if (clock_now_ms() >= until)
			return false;
		SDL_Delay(5);
	}
	return SDL_AtomicGet(&a->finished) == 1;
}

/* The rendered words of `text` (from the cache, else rendered now), or -1. */
static int say_slot(audio *a, const char *text)
{
	if (!may_speak(a) || !text || !text[0] || !speech_available())
		return -1;
	for (int i = 0; i < AUDIO_SAY_CACHE; i++)
		if (a->say_text[i] && strcmp(a->say_text[i], text) == 0)
			return a->say_pcm[i] ? i : -1;
	char t[2048];
	snprintf(t, sizeof t, "%s", text);
	Uint32 len = 0;
	Uint8 *buf = render_text(a, t, &len);
	char *copy = strdup(text);
	if (!buf || !copy) {
		free(buf);
		free(copy);
		return -1;
	}
	int i = (int)(a->say_next++ % AUDIO_SAY_CACHE);
	if (a->play_buf && a->say_pcm[i])
		play_reset(a); /* the channel may still play a copy; never freed under it */
	free(a->say_text[i]);
	free(a->say_pcm[i]);
	a->say_text[i] = copy;
	a->say_pcm[i] = buf;
	a->say_len[i] = len;
	return i;
}

uint32_t audio_say_ms(audio *a, const char *text)
{
	int i = say_slot(a, text);
	return i < 0 ? 0 : words_ms(a, a->say_len[i]);
}

bool audio_say_at(audio *a, const char *text, uint32_t delay_ms)
{
	int i = say_slot(a, text);
	if (i < 0 || !play_words(a, a->say_pcm[i], a->say_len[i], delay_ms))
		return false;
	if (a->log)
		fprintf(a->log, "say %.3f %.3f %u %s\n", log_now(a), log_now(a) + delay_ms,
		        (unsigned)words_ms(a, a->say_len[i]), text);
	return true;
}

bool audio_say(audio *a, const char *text)
{
	return audio_say_at(a, text, 0);
}
