/* Tests for src/io/audio.c with SDL's dummy audio driver (no sound card
 * needed): cues load and play, volume/mute, user overrides, missing and
 * corrupt files, and no device at all degrade to silent cues plus one message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "core/routine.h"
#include "io/audio.h"

typedef struct {
	char dir[256];      /* a temp folder, used as the user override folder */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/unknot-test-audio-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void copy_file(const char *from, const char *dir, const char *name)
{
	FILE *fp = fopen(from, "rb");
	assert_non_null(fp);
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	write_file(dir, name, buf, n);
}

static audio *open_with(const fixture *f, const char *bundled)
{
	audio_options o;
	audio_options_default(&o);
	o.user_dir = f->dir;        /* keep the tester's own config out of it */
	o.bundled_dir = bundled;    /* NULL: the real lookup (./assets/sounds) */
	audio *a = audio_open(&o);
	assert_non_null(a);
	return a;
}

/* The bundled sounds all load; every cue plays on the dummy device. */
static void test_open_and_play_every_cue(void **state)
{
	audio *a = open_with(*state, NULL);
	assert_true(audio_available(a));
	assert_null(audio_problem(a));
	int rate = 0, ch = 0, frames = 0;
	assert_true(audio_device_spec(a, &rate, &ch, &frames));
	assert_int_equal(rate, 44100);
	assert_int_equal(ch, 1); /* mono: the cues and the voice are (the dummy driver grants it) */
	assert_int_equal(frames, 512); /* ~12 ms: a cue starts within one frame */
	for (int k = 0; k < CUE_COUNT; k++) {
		assert_true(audio_cue_audible(a, (cue_kind)k));
		assert_true(audio_play(a, (cue_kind)k));
		assert_true(Mix_Playing(k));
	}
	/* Each cue is its own sound: the ten chunks are all different lengths or data. */
	Mix_Chunk *tick = Mix_GetChunk(CUE_TICK), *start = Mix_GetChunk(CUE_START);
	assert_non_null(tick);
	assert_non_null(start);
	assert_true(tick->alen < start->alen);
	/* ~60 ms tick at 44.1 kHz mono S16: 2646 frames * 2 bytes */
	assert_in_range(tick->alen, 2600 * 2, 2700 * 2);
	audio_close(a);
}

static void test_volume_and_mute(void **state)
{
	audio *a = open_with(*state, NULL);
	assert_int_equal(audio_volume(a), 80);
	audio_set_volume(a, 50);
	assert_int_equal(audio_volume(a), 50);
	assert_int_equal(Mix_Volume(CUE_START, -1), MIX_MAX_VOLUME / 2);
	audio_set_volume(a, 150);
	assert_int_equal(audio_volume(a), 100);
	assert_int_equal(Mix_Volume(CUE_TICK, -1), MIX_MAX_VOLUME);
	audio_set_volume(a, -5);
	assert_int_equal(audio_volume(a), 0);
	assert_false(audio_play(a, CUE_START)); /* volume 0: the caller flashes */
	audio_set_volume(a, 80);

	assert_true(audio_play(a, CUE_END));
	audio_set_mute(a, true);
	assert_true(audio_muted(a));
	assert_false(Mix_Playing(CUE_END)); /* muting silences what sounds */
	assert_false(audio_play(a, CUE_START));
	assert_false(audio_cue_audible(a, CUE_START));
	audio_set_mute(a, false);
	assert_true(audio_play(a, CUE_START));
	audio_close(a);
}

/* No bundled sounds at all: the app still runs, every cue is silent and one
 * sentence names them. */
static void test_missing_files(void **state)
{
	fixture *f = *state;
	audio *a = open_with(f, f->dir); /* an empty folder */
	assert_true(audio_available(a));
	const char *p = audio_problem(a);
	assert_non_null(p);
	assert_non_null(strstr(p, "sounds missing or unreadable: get_ready (not found)"));
	assert_non_null(strstr(p, "complete"));
	assert_non_null(strstr(p, "flash"));
	for (int k = 0; k < CUE_COUNT; k++) {
		assert_false(audio_cue_audible(a, (cue_kind)k));
		assert_false(audio_play(a, (cue_kind)k));
	}
	audio_close(a);
}

/* One corrupt bundled file silences only that cue. */
static void test_corrupt_bundled_file(void **state)
{
	fixture *f = *state;
	char bundled[300];
	snprintf(bundled, sizeof bundled, "%s/bundled", f->dir);
	assert_int_equal(mkdir(bundled, 0755), 0);
	for (int k = 0; k < CUE_COUNT; k++) {
		char from[128], name[64];
		snprintf(from, sizeof from, "assets/sounds/%s.wav", cues_name((cue_kind)k));
		snprintf(name, sizeof name, "%s.wav", cues_name((cue_kind)k));
		copy_file(from, bundled, name);
	}
	write_file(bundled, "halfway.wav", "RIFF\x10\0\0\0WAVEjunkjunk", 20);
	audio *a = open_with(f, bundled);
	const char *p = audio_problem(a);
	assert_non_null(p);
	assert_non_null(strstr(p, "sound missing or unreadable: halfway ("));
	assert_non_null(strstr(p, "that cue is shown as a flash"));
	assert_false(audio_play(a, CUE_HALFWAY));
	assert_true(audio_play(a, CUE_START));
	assert_true(audio_play(a, CUE_TICK));
	audio_close(a);
}

/* A user's NAME.wav replaces the bundled cue; a corrupt one falls back to the
 * bundled sound and says so. */
static void test_user_override(void **state)
{
	fixture *f = *state;
	copy_file("assets/sounds/tick.wav", f->dir, "start.wav");
	write_file(f->dir, "end.wav", "not a wav file at all", 21);
	audio *a = open_with(f, NULL);
	assert_true(audio_play(a, CUE_START));
	assert_true(audio_play(a, CUE_TICK));
	Mix_Chunk *start = Mix_GetChunk(CUE_START), *tick = Mix_GetChunk(CUE_TICK);
	assert_int_equal(start->alen, tick->alen);
	assert_memory_equal(start->abuf, tick->abuf, tick->alen);

	assert_true(audio_play(a, CUE_END)); /* the bundled one */
	assert_true(Mix_GetChunk(CUE_END)->alen > 28000 * 2); /* 650 ms, mono S16 */
	const char *p = audio_problem(a);
	assert_non_null(p);
	assert_non_null(strstr(p, "end.wav is unreadable"));
	assert_non_null(strstr(p, "using the bundled sound"));
	assert_null(strstr(p, "missing"));
	audio_close(a);
}

/* Issue 19: a sound override has a size bound, checked before decoding (a
 * 1 GB start.wav took 1.07 GB of memory before being refused). A valid WAV
 * padded past 16 MiB (sparse: no disk used) loaded before; now it is
 * refused by its size and the bundled sound plays. */
static void test_user_override_too_big(void **state)
{
	fixture *f = *state;
	copy_file("assets/sounds/tick.wav", f->dir, "start.wav");
	char path[512];
	snprintf(path, sizeof path, "%s/start.wav", f->dir);
	assert_int_equal(truncate(path, AUDIO_WAV_MAX_BYTES + 1), 0);
	audio *a = open_with(f, NULL);
	const char *p = audio_problem(a);
	assert_non_null(p);
	assert_non_null(strstr(p, "start.wav is too big (16777217 bytes; at most 16 MiB), using the bundled sound"));
	assert_true(audio_play(a, CUE_START));
	assert_true(audio_play(a, CUE_TICK));
	assert_true(Mix_GetChunk(CUE_START)->alen != Mix_GetChunk(CUE_TICK)->alen);
	audio_close(a);
}

/* Ogg overrides work too (tests/data/sounds/tick.ogg is the tick, encoded). */
static void test_user_override_ogg(void **state)
{
	fixture *f = *state;
	copy_file("tests/data/sounds/tick.ogg", f->dir, "pause.ogg");
	audio *a = open_with(f, NULL);
	assert_null(audio_problem(a));
	assert_true(audio_play(a, CUE_PAUSE));
	assert_true(audio_play(a, CUE_TICK));
	Mix_Chunk *pause = Mix_GetChunk(CUE_PAUSE), *tick = Mix_GetChunk(CUE_TICK);
	/* 60 ms like the tick, not the bundled 260 ms pause sweep */
	assert_in_range(pause->alen, tick->alen * 9 / 10, tick->alen * 11 / 10);
	audio_close(a);
}

/* No audio device: a silent object, never a failure; the message says why. */
static void test_no_device(void **state)
{
	setenv("SDL_AUDIODRIVER", "nonexistent", 1);
	audio *a = open_with(*state, NULL);
	assert_false(audio_available(a));
	const char *p = audio_problem(a);
	assert_non_null(p);
	assert_int_equal(strncmp(p, "no audio device: ", 17), 0);
	assert_non_null(strstr(p, "cues are shown as a flash"));
	assert_false(audio_device_spec(a, NULL, NULL, NULL));
	for (int k = 0; k < CUE_COUNT; k++)
		assert_false(audio_play(a, (cue_kind)k));
	audio_set_volume(a, 30);
	audio_set_mute(a, true);
	assert_false(audio_speak(a, 0));
	audio_prepare_speech(a, NULL);
	audio_stop_speech(a);
	audio_close(a);
	audio_close(NULL);
	setenv("SDL_AUDIODRIVER", "dummy", 1);
}

/* A driver that starts but a device that does not open: SDL's audio is
 * shut down again, not left running (its hotplug thread polls ALSA). */
static void test_failed_open_shuts_audio_down(void **state)
{
	setenv("SDL_AUDIODRIVER", "disk", 1);
	setenv("SDL_DISKAUDIOFILE", "/nonexistent-dir/out.raw", 1);
	Uint32 before = SDL_WasInit(SDL_INIT_AUDIO);
	audio *a = open_with(*state, NULL);
	assert_false(audio_available(a));
	assert_non_null(strstr(audio_problem(a), "no audio device: "));
	assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), before);
	assert_false(audio_play(a, CUE_TICK));
	audio_close(a);
	assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), before);
	unsetenv("SDL_DISKAUDIOFILE");
	setenv("SDL_AUDIODRIVER", "dummy", 1);
}

static const char ROUTINE[] =
	"{ \"format\": 1, \"title\": \"t\", \"defaults\": { \"transition_s\": 5 },\n"
	"  \"steps\": [\n"
	"    { \"kind\": \"compression\", \"tool\": \"ball\", \"target\": \"upper trapezius\",\n"
	"      \"sides\": [\"left\", \"right\"], \"duration_s\": 60 },\n"
	"    { \"kind\": \"rest\", \"duration_s\": 15, \"cues\": { \"voice\": false } } ] }\n";

/* Announcements are rendered in the background and then spoken on demand;
 * they never wait, and say nothing where nothing is due. */
static void test_speech(void **state)
{
	routine_diags d = {0};
	routine *r = routine_parse("t.json", ROUTINE, strlen(ROUTINE), &d);
	routine_diags_free(&d);
	assert_non_null(r);
	audio *a = open_with(*state, NULL);
	audio_prepare_speech(a, r);
	audio_prepare_speech(a, r); /* again: the first rendering is cancelled */
	if (!audio_speech_available(a)) {
		assert_false(audio_speech_wait(a, 100));
		assert_false(audio_speak(a, 0));
		audio_close(a);
		routine_free(r);
		return;
	}
	assert_true(audio_speech_wait(a, 20000));
	assert_true(audio_speak(a, 0));          /* transition: "Upper trapezius, left side. ..." */
	Mix_Chunk *c = Mix_GetChunk(CUE_COUNT);  /* the speech channel */
	assert_non_null(c);
	/* get_ready (470 ms) + 30 ms of silence first, then words: over 1.5 s in all */
	size_t lead = 0;
	while (lead < c->alen && c->abuf[lead] == 0)
		lead++;
	assert_in_range(lead / 2, 44100 * 480 / 1000, 44100 * 520 / 1000); /* mono S16 frames */
	assert_true(c->alen / 2 > 44100 * 3 / 2);
	assert_true(audio_play(a, CUE_TICK));    /* cues still play over speech */
	assert_true(Mix_Playing(CUE_COUNT));
	assert_false(audio_speak(a, 1));         /* the step itself: already announced */
	assert_true(audio_speak(a, 2));          /* right side */
	assert_false(audio_speak(a, 4));         /* rest: voice off */
	assert_false(audio_speak(a, 99));
	audio_stop_speech(a);
	assert_false(Mix_Playing(CUE_COUNT));
	/* The schedule's view: lengths of both forms, words placed after a delay */
	uint32_t whole = audio_speech_ms(a, 0, 0), names = audio_speech_ms(a, 0, 1);
	assert_in_range(whole, 1500, 10000);
	assert_in_range(names, 500, whole - 500); /* "Upper trapezius, left side." */
	assert_int_equal(audio_speech_ms(a, 1, 0), 0);
	assert_int_equal(audio_speech_ms(a, 0, 2), 0);
	assert_in_range(audio_cue_ms(a, CUE_TICK), 55, 65);
	assert_in_range(audio_cue_ms(a, CUE_GET_READY), 460, 480);
	assert_true(audio_speak_at(a, 0, 1, 1200));
	c = Mix_GetChunk(CUE_COUNT);
	lead = 0;
	while (lead < c->alen && c->abuf[lead] == 0)
		lead++;
	assert_in_range(lead / 2, 44100 * 1200 / 1000, 44100 * 1220 / 1000);
	assert_in_range(c->alen / 2 - 44100 * 1200 / 1000, 44100 * (names - 2) / 1000, 44100 * (names + 2) / 1000);
	uint32_t said = audio_say_ms(a, "Ease off the pressure.");
	assert_in_range(said, 600, 3000);
	assert_int_equal(audio_say_ms(a, "Ease off the pressure."), said); /* kept, not rendered again */
	assert_true(audio_say_at(a, "Ease off the pressure.", 300));
	assert_true(Mix_Playing(CUE_COUNT));
	audio_set_voice(a, false);
	assert_int_equal(audio_speech_ms(a, 0, 0), 0);
	assert_int_equal(audio_say_ms(a, "Ease off the pressure."), 0);
	assert_false(audio_speak(a, 0));
	audio_set_voice(a, true);
	audio_set_mute(a, true);
	assert_false(audio_speak(a, 0));
	audio_set_mute(a, false);
	/* Closing while a new rendering runs is safe. */
	audio_prepare_speech(a, r);
	audio_close(a);
	routine_free(r);
}

/* Voice off in the settings at start, turned on later: the words are ready. */
static void test_voice_turned_on_later(void **state)
{
	fixture *f = *state;
	routine_diags d = {0};
	routine *r = routine_parse("t.json", ROUTINE, strlen(ROUTINE), &d);
	routine_diags_free(&d);
	assert_non_null(r);
	audio_options o;
	audio_options_default(&o);
	o.user_dir = f->dir;
	o.voice = false;
	audio *a = audio_open(&o);
	audio_prepare_speech(a, r);
	if (audio_speech_available(a)) {
		assert_true(audio_speech_wait(a, 20000));
		assert_false(audio_speak(a, 0));
		audio_set_voice(a, true);
		assert_true(audio_speak(a, 0));
	}
	audio_close(a);
	routine_free(r);
}

/* Open, close, open again: the device is released for the next session. */
static void test_reopen(void **state)
{
	audio *a = open_with(*state, NULL);
	assert_true(audio_play(a, CUE_TICK));
	audio_close(a);
	a = open_with(*state, NULL);
	assert_true(audio_available(a));
	assert_true(audio_play(a, CUE_TICK));
	audio_close(a);
}

/* The opt-in timing log: the device, every mixed buffer in order with its
 * mix time on the caller's clock, each cue's planned and played ms, and the
 * frame total; a later object without the variable logs nothing. */
static void test_timing_log(void **state)
{
	fixture *f = *state;
	char path[300];
	snprintf(path, sizeof path, "%s/audio.log", f->dir);
	setenv("UNKNOT_AUDIO_LOG", path, 1);
	audio_options o;
	audio_options_default(&o);
	o.user_dir = f->dir;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	o.epoch_ms = (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000 - 5000;
	audio *a = audio_open(&o);
	unsetenv("UNKNOT_AUDIO_LOG");
	assert_non_null(a);
	assert_true(audio_play_at(a, CUE_TICK, 4990));
	SDL_Delay(150);
	audio_close(a);

	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[256], name[32];
	int spec = 0, cues = 0;
	unsigned long long fr, prev = 0, mixed = 0, buffers = 0, planned;
	double ms, played = 0, prev_ms = 0;
	while (fgets(line, sizeof line, fp)) {
		int rate, ch, frames;
		if (sscanf(line, "spec %d %d %d", &rate, &ch, &frames) == 3) {
			assert_int_equal(rate, 44100);
			assert_int_equal(ch, 1);
			assert_int_equal(frames, 512);
			spec++;
		} else if (sscanf(line, "cue %llu %lf %31s", &planned, &played, name) == 3) {
			assert_int_equal(planned, 4990);
			assert_string_equal(name, "tick");
			cues++;
		} else if (sscanf(line, "mixed %llu", &mixed) == 1) {
			continue;
		} else if (sscanf(line, "%llu %lf", &fr, &ms) == 2) {
			assert_int_equal(fr, buffers ? prev + 512 : 0); /* every buffer, in order */
			assert_true(ms >= prev_ms);
			assert_in_range((long)ms, 4999, 9000);          /* 5 s after the epoch */
			prev = fr;
			prev_ms = ms;
			buffers++;
		}
	}
	fclose(fp);
	assert_int_equal(spec, 1);
	assert_int_equal(cues, 1);
	assert_in_range((long)played, 4999, 9000);
	assert_true(buffers >= 3);
	assert_int_equal(mixed, buffers * 512);

	/* Without the variable: no log, nothing hooked. */
	remove(path);
	a = open_with(f, NULL);
	assert_true(audio_play_at(a, CUE_TICK, 1));
	SDL_Delay(50);
	audio_close(a);
	assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_and_play_every_cue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_volume_and_mute, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_bundled_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_override_too_big, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_override_ogg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_open_shuts_audio_down, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timing_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_speech, setup, teardown),
		cmocka_unit_test_setup_teardown(test_voice_turned_on_later, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
