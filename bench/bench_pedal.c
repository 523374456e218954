/* bench_pedal: latency from a foot-switch edge's kernel timestamp to the
 * moment the SDL main loop has handled it (drained and fed to the gesture
 * recogniser: the pedal indicator can change on that frame).
 *
 * Edges go through the real plumbing (footswitch thread, poll, read, queue,
 * SDL user event, drain) from a fake backend whose "kernel" stamps each edge
 * with CLOCK_MONOTONIC just before writing it, 1-10 ms apart. Two main loops:
 * idle (blocked in SDL_WaitEventTimeout, like the app between frames) and
 * busy (a 60 Hz animation that spends 8 ms of each frame rendering).
 * Target: p99 under one frame at 60 Hz (16.7 ms). Exit status 1 if missed,
 * or if any edge arrived changed or out of order.
 */
#include <SDL.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../tests/fake_pedal.h"
#include "core/gesture.h"

#define EDGES 1000
#define TARGET_US 16700

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_us(unsigned us)
{
	struct timespec ts = { .tv_sec = us / 1000000, .tv_nsec = (long)(us % 1000000) * 1000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

typedef struct {
	fake_pedals *f;
	uint64_t ts[EDGES]; /* the "kernel" timestamps, in write order */
} kernel;

static void *kernel_main(void *arg)
{
	kernel *k = arg;
	unsigned seed = 12345;
	for (int i = 0; i < EDGES; i++) {
		sleep_us(1000 + (unsigned)(rand_r(&seed) % 9000));
		k->ts[i] = now_ns();
		fake_pedal_edge(k->f, 0, i % 2 == 0, k->ts[i]);
	}
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The wake callback: an SDL user event, as the app's shell pushes. */
static Uint32 wake_type;

static void wake(void *user)
{
	(void)user;
	SDL_Event ev;
	SDL_zero(ev);
	ev.type = wake_type;
	SDL_PushEvent(&ev);
}

/* One run; render_us > 0 makes the loop draw a 60 Hz animation that
 * takes render_us of each frame. Returns 0 if the target was met. */
static int run(const char *name, unsigned render_us)
{
	fake_pedals f;
	footswitch_backend be = fake_pedal_init(&f, 0);
	config cfg;
	fake_pedal_config(&cfg, 1);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, &be, wake, NULL, err, sizeof err);
	if (!fs) {
		fprintf(stderr, "bench_pedal: %s\n", err);
		return 1;
	}
	gesture *g = gesture_new(&cfg.gesture);
	static kernel k;
	static uint64_t lat[EDGES];
	k.f = &f;
	pthread_t th;
	pthread_create(&th, NULL, kernel_main, &k);

	int handled = 0, wrong = 0;
	uint64_t next_frame = now_ns();
	const uint64_t frame = 16666667;
	while (handled < EDGES) {
		uint64_t t = now_ns();
		if (render_us && t >= next_frame) {
			while (now_ns() - t < (uint64_t)render_us * 1000u)
				; /* drawing: the loop does not look at events meanwhile */
			next_frame += frame;
			if (next_frame < now_ns())
				next_frame = now_ns() + frame;
		}
		int timeout = render_us ? (int)((next_frame - now_ns()) / 1000000u) : 1000;
		SDL_Event ev;
		SDL_WaitEventTimeout(&ev, timeout < 0 ? 0 : timeout); /* any event, or the frame */
		footswitch_edge e[64];
		size_t n;
		while ((n = footswitch_drain(fs, e, 64)) > 0) {
			for (size_t i = 0; i < n && handled < EDGES; i++, handled++) {
				gesture_edge(g, e[i].input, e[i].down, e[i].ms);
				uint64_t done = now_ns();
				if (e[i].ms != k.ts[handled] / 1000000u || e[i].down != (handled % 2 == 0))
					wrong++;
				lat[handled] = done - k.ts[handled];
			}
			gesture_tick(g, e[n - 1].ms);
			gesture_event ge;
			while (gesture_next(g, &ge))
				;
		}
	}
	pthread_join(th, NULL);
	uint64_t dropped = footswitch_dropped(fs);
	footswitch_free(fs);
	gesture_free(g);
	fake_pedal_destroy(&f);

	qsort(lat, EDGES, sizeof lat[0], cmp_u64);
	uint64_t med = lat[EDGES / 2] / 1000, p99 = lat[EDGES * 99 / 100] / 1000;
	uint64_t max = lat[EDGES - 1] / 1000;
	int ok = p99 < TARGET_US && wrong == 0 && dropped == 0;
	printf("bench_pedal: %-34s %d edges  median %5.2f ms  p99 %5.2f ms  max %5.2f ms  "
	       "(target p99 < 16.7 ms) %s\n",
	       name, EDGES, med / 1000.0, p99 / 1000.0, max / 1000.0, ok ? "OK" : "MISSED");
	if (wrong || dropped)
		printf("bench_pedal: %d edges changed or out of order, %llu dropped\n", wrong,
		       (unsigned long long)dropped);
	return ok ? 0 : 1;
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(SDL_INIT_EVENTS) != 0 || (wake_type = SDL_RegisterEvents(1)) == (Uint32)-1)
		return 1;
	int rc = 0;
	double load[1];
	if (getloadavg(load, 1) == 1)
		printf("bench_pedal: load average %.2f on %ld CPUs (a busy machine delays the "
		       "footswitch thread and the loop alike)\n",
		       load[0], sysconf(_SC_NPROCESSORS_ONLN));
	rc |= run("idle loop (waiting for events):", 0);
	rc |= run("busy loop (60 Hz, 8 ms render):", 8000);
	return rc;
}
