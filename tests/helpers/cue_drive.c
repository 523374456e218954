/* cue_drive: runs a routine in real time through the real session engine and
 * the audio module, exactly as the app's main loop does (one monotonic clock;
 * wait with SDL_WaitEventTimeout until session_next_deadline(); tick; play
 * every SESSION_EV_CUE at once), with nobody touching anything.
 *
 *   cue_drive ROUTINE.json BUFLOG [--voice]
 *
 * stdout: "spec RATE CHANNELS FRAMES", "speech yes|no" (announcements on and
 * available), then per cue "cue PLANNED_MS PLAYED_MS
 * NAME" (session ms: the engine's planned time, and when audio_play was
 * called), then "end MS". BUFLOG gets "FRAME MS" per mixed buffer (first frame
 * of the buffer in the recording, session ms at which SDL_mixer mixed it), so
 * an analyser can map a recording position to the session clock.
 * Run it with SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=FILE to record.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "core/routine.h"
#include "core/session.h"
#include "io/audio.h"

#define MAX_MARKS (1u << 20)   /* 3.4 h of 512-frame buffers */

static struct timespec g_epoch;
static uint64_t *g_frame;
static double *g_ms;
static SDL_atomic_t g_nmarks;
static uint64_t g_frames_mixed;
static int g_frame_bytes;

/* Session ms since the epoch, with sub-ms precision. */
static double now_ms_f(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - g_epoch.tv_sec) * 1000.0 +
	       (double)(t.tv_nsec - g_epoch.tv_nsec) / 1e6;
}

static uint64_t now_ms(void)
{
	double v = now_ms_f();
	return v < 0 ? 0 : (uint64_t)v;
}

/* Runs on the audio thread right after each buffer is mixed. */
static void postmix(void *udata, Uint8 *stream, int len)
{
	(void)udata;
	(void)stream;
	int n = SDL_AtomicGet(&g_nmarks);
	if ((unsigned)n < MAX_MARKS) {
		g_frame[n] = g_frames_mixed;
		g_ms[n] = now_ms_f();
		SDL_AtomicSet(&g_nmarks, n + 1);
	}
	g_frames_mixed += (uint64_t)(len / g_frame_bytes);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *buf = malloc(ROUTINE_MAX_FILE_BYTES + 1);
	if (buf) {
		*len = fread(buf, 1, ROUTINE_MAX_FILE_BYTES, fp);
		buf[*len] = '\0';
	}
	fclose(fp);
	return buf;
}

int main(int argc, char **argv)
{
	int rc = 1;
	size_t len = 0;
	char *text = NULL;
	routine *r = NULL;
	audio *a = NULL;
	session *s = NULL;
	FILE *log = NULL;
	bool voice = argc > 3 && strcmp(argv[3], "--voice") == 0;

	if (argc < 3) {
		fprintf(stderr, "usage: cue_drive ROUTINE.json BUFLOG [--voice]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &g_epoch);
	g_frame = malloc(MAX_MARKS * sizeof *g_frame);
	g_ms = malloc(MAX_MARKS * sizeof *g_ms);
	text = slurp(argv[1], &len);
	if (!g_frame || !g_ms || !text) {
		fprintf(stderr, "cue_drive: cannot read %s\n", argv[1]);
		goto cleanup;
	}
	routine_diags diags = {0};
	r = routine_parse(argv[1], text, len, &diags);
	routine_diags_free(&diags);
	if (!r) {
		fprintf(stderr, "cue_drive: %s is not a valid routine\n", argv[1]);
		goto cleanup;
	}
	if (SDL_Init(SDL_INIT_EVENTS) != 0)
		goto cleanup;

	audio_options o;
	audio_options_default(&o);
	o.voice = voice;
	o.user_dir = "/nonexistent"; /* the bundled sounds, whatever the tester has */
	/* Before the device opens, so that every buffer of the recording is counted
	 * (SDL_mixer keeps the hook across Mix_OpenAudio). */
	g_frame_bytes = 4;
	Mix_SetPostMix(postmix, NULL);
	a = audio_open(&o);
	int rate = 0, ch = 0, frames = 0;
	if (!a || !audio_device_spec(a, &rate, &ch, &frames)) {
		fprintf(stderr, "cue_drive: %s\n", a ? audio_problem(a) : "out of memory");
		goto cleanup;
	}
	if (audio_problem(a))
		fprintf(stderr, "cue_drive: %s\n", audio_problem(a));
	printf("spec %d %d %d\n", rate, ch, frames);
	printf("speech %s\n", voice && audio_speech_available(a) ? "yes" : "no");
	if (voice) {
		audio_prepare_speech(a, r);
		audio_speech_wait(a, 10000);
	}
	SDL_Delay(200); /* the device is running before the session starts */
	if (ch != 2 || SDL_AtomicGet(&g_nmarks) == 0) {
		fprintf(stderr, "cue_drive: expected a stereo device and the post-mix hook running\n");
		goto cleanup;
	}

	s = session_new(r);
	if (!s)
		goto cleanup;
	session_start(s, now_ms());
	bool done = false;
	while (!done) {
		session_event ev;
		while (session_next_event(s, &ev)) {
			if (ev.type == SESSION_EV_CUE) {
				audio_play(a, ev.cue);
				printf("cue %llu %.2f %s\n", (unsigned long long)ev.ms, now_ms_f(),
				       cues_name(ev.cue));
			} else if (ev.type == SESSION_EV_STEP_START && voice) {
				audio_speak(a, (size_t)(ev.index - 1));
			} else if (ev.type == SESSION_EV_SESSION_END) {
				done = true;
			}
		}
		if (done)
			break;
		uint64_t deadline = session_next_deadline(s), t = now_ms();
		if (deadline == SESSION_NO_DEADLINE)
			break;
		if (deadline > t) {
			SDL_Event e;
			uint64_t wait = deadline - t;
			SDL_WaitEventTimeout(&e, wait > 1000 ? 1000 : (int)wait);
		}
		session_tick(s, now_ms());
	}
	printf("end %llu\n", (unsigned long long)now_ms());
	SDL_Delay(1500); /* let the last sound play out */
	fflush(stdout);
	Mix_SetPostMix(NULL, NULL);

	log = fopen(argv[2], "w");
	if (!log)
		goto cleanup;
	int n = SDL_AtomicGet(&g_nmarks);
	for (int i = 0; i < n; i++)
		fprintf(log, "%llu %.3f\n", (unsigned long long)g_frame[i], g_ms[i]);
	rc = 0;
cleanup:
	if (log)
		fclose(log);
	session_free(s);
	audio_close(a);
	routine_free(r);
	SDL_Quit();
	free(text);
	free(g_frame);
	free(g_ms);
	return rc;
}
