/* Tests for the foot-switch event plumbing (footswitch.c) with a fake
 * backend: edges written with given kernel timestamps must reach the main
 * loop's consumer unchanged and in order, even while the UI thread is busy for
 * 200 ms, and the recogniser must then see the same gestures as if nothing
 * had been late. Also: errors are shown once and retried, a line that goes
 * away while pressed is released, and no GPIO pedal means no thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "core/gesture.h"
#include "io/clock.h"
#include "fake_pedal.h"

#define MS 1000000ull

/* The main loop's side of the wake callback: an SDL user event, as the app's
 * shell pushes. */
static Uint32 wake_type;

static void wake(void *user)
{
	SDL_Event ev;
	SDL_zero(ev);
	ev.type = wake_type;
	ev.user.data1 = user;
	SDL_PushEvent(&ev);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Main-loop style: wait for footswitch events (at most limit_ms in all) and
 * drain until `want` edges were collected. Returns how many. */
static size_t collect(footswitch *fs, footswitch_edge *out, size_t want, unsigned limit_ms)
{
	size_t got = 0;
	uint64_t end = clock_now_ms() + limit_ms;
	while (got < want) {
		uint64_t now = clock_now_ms();
		if (now >= end)
			break;
		SDL_Event ev;
		if (SDL_WaitEventTimeout(&ev, (int)(end - now)) && ev.type == wake_type)
			assert_ptr_equal(ev.user.data1, &wake_type);
		got += footswitch_drain(fs, out + got, want - got);
	}
	return got;
}

/* Waits (bounded) until pedal `input`'s status satisfies want_open. */
static bool wait_status(footswitch *fs, int input, bool want_open, footswitch_status *st)
{
	uint64_t end = clock_now_ms() + 3000;
	do {
		assert_int_equal(footswitch_status_get(fs, input, st), 0);
		if (st->open == want_open)
			return true;
		SDL_Event ev;
		SDL_WaitEventTimeout(&ev, 20);
	} while (clock_now_ms() < end);
	return false;
}

typedef struct {
	fake_pedals *f;
	const uint64_t *ts;  /* kernel timestamps (ns) */
	size_t n;
} producer_args;

/* The "kernel": edges trickle in 10 ms apart while the UI is busy. */
static void *producer(void *arg)
{
	producer_args *a = arg;
	for (size_t i = 0; i < a->n; i++) {
		fake_pedal_edge(a->f, 0, i % 2 == 0, a->ts[i]);
		sleep_ms(10);
	}
	return NULL;
}

static void edges_unchanged_and_in_order_while_ui_busy(void **state)
{
	(void)state;
	fake_pedals f;
	footswitch_backend be = fake_pedal_init(&f, 0);
	config cfg;
	fake_pedal_config(&cfg, 1);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, &be, wake, &wake_type, err, sizeof err);
	assert_non_null(fs);

	/* a 180 ms tap, a tap that bounces on release, a 1200 ms hold (at 1000 s uptime) */
	const uint64_t base = 1000000 * MS;
	const uint64_t ts[] = {
		base + 0 * MS,    base + 180 * MS,  base + 600 * MS + 7, base + 690 * MS,
		base + 695 * MS,  base + 705 * MS,  /* bounce: up, down within debounce */
		base + 1200 * MS, base + 2400 * MS,
	};
	const size_t n = sizeof ts / sizeof ts[0];
	producer_args a = { &f, ts, n };
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, producer, &a), 0);
	sleep_ms(200); /* the UI thread is busy rendering: nothing is drained */
	footswitch_edge got[16];
	size_t k = collect(fs, got, n, 3000);
	pthread_join(th, NULL);
	assert_int_equal(k, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(got[i].input, 0);
		assert_int_equal(got[i].down, i % 2 == 0);
		assert_int_equal(got[i].ms, ts[i] / MS); /* the kernel's time, not the read time */
	}
	assert_int_equal(footswitch_drain(fs, got, 16), 0);
	assert_int_equal(footswitch_dropped(fs), 0);

	/* fed to the recogniser late, they still make exactly the pressed gestures */
	gesture *g = gesture_new(&cfg.gesture);
	assert_non_null(g);
	for (size_t i = 0; i < n; i++)
		gesture_edge(g, got[i].input, got[i].down, got[i].ms);
	gesture_tick(g, got[n - 1].ms + 1000);
	gesture_event e;
	assert_true(gesture_next(g, &e));
	assert_int_equal(e.kind, GESTURE_TAP);
	assert_int_equal(e.duration_ms, 180);
	assert_true(gesture_next(g, &e));
	assert_int_equal(e.kind, GESTURE_TAP);
	assert_int_equal(e.duration_ms, 105); /* 600 -> 705: the bounce is inside the press */
	assert_true(gesture_next(g, &e));
	assert_int_equal(e.kind, GESTURE_HOLD);
	assert_int_equal(e.ms, 1000000 + 1200 + 700);
	assert_false(gesture_next(g, &e));
	gesture_free(g);

	footswitch_status st;
	assert_int_equal(footswitch_status_get(fs, 0, &st), 0);
	assert_true(st.configured);
	assert_true(st.open);
	assert_false(st.down);
	assert_string_equal(st.where, "fakechip line 0");
	assert_string_equal(st.error, "");
	footswitch_free(fs);
	assert_int_equal(f.line[0].closes, 1);
	fake_pedal_destroy(&f);
}

static void two_pedals_keep_their_inputs(void **state)
{
	(void)state;
	fake_pedals f;
	footswitch_backend be = fake_pedal_init(&f, 0);
	config cfg;
	fake_pedal_config(&cfg, 2);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, &be, wake, &wake_type, err, sizeof err);
	assert_non_null(fs);
	fake_pedal_edge(&f, 1, true, 5000 * MS);
	fake_pedal_edge(&f, 0, true, 5010 * MS);
	fake_pedal_edge(&f, 1, false, 5100 * MS);
	fake_pedal_edge(&f, 0, false, 5150 * MS);
	footswitch_edge got[8];
	assert_int_equal(collect(fs, got, 4, 3000), 4);
	/* each pedal's edges in order with its own input id */
	uint64_t last[2] = { 0, 0 };
	int seen[2] = { 0, 0 };
	for (int i = 0; i < 4; i++) {
		int in = got[i].input;
		assert_true(in == 0 || in == 1);
		assert_true(got[i].ms > last[in]);
		assert_int_equal(got[i].down, seen[in] == 0);
		last[in] = got[i].ms;
		seen[in]++;
	}
	assert_int_equal(last[0], 5150);
	assert_int_equal(last[1], 5100);
	footswitch_free(fs);
	fake_pedal_destroy(&f);
}

static void open_error_is_reported_once_then_retried(void **state)
{
	(void)state;
	fake_pedals f;
	footswitch_backend be = fake_pedal_init(&f, 20);
	f.line[0].fail_opens = 3;
	snprintf(f.line[0].fail_msg, sizeof f.line[0].fail_msg,
	         "GPIO line \"GPIO17\" is busy: used by \"GPIO Key Poweroff\"");
	f.line[0].level = 1;
	config cfg;
	fake_pedal_config(&cfg, 1);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, &be, wake, &wake_type, err, sizeof err);
	assert_non_null(fs);

	footswitch_status st;
	assert_int_equal(footswitch_status_get(fs, 0, &st), 0);
	assert_true(st.configured);
	assert_false(st.open);
	assert_string_equal(st.error, f.line[0].fail_msg); /* there at once, from footswitch_new */
	/* and the UI is told, so a main loop that reads the status on the event shows it */
	SDL_Event ev;
	assert_int_equal(SDL_PeepEvents(&ev, 1, SDL_GETEVENT, wake_type, wake_type), 1); /* already woken */
	assert_ptr_equal(ev.user.data1, &wake_type);
	assert_string_equal(st.where, "line \"GPIO17\"");
	assert_int_equal(st.error_seq, 1);

	/* the adapter "comes back": opened by the periodic retry */
	assert_true(wait_status(fs, 0, true, &st));
	assert_string_equal(st.error, "");
	/* the same message on each retry was not news (1); working again is (2) */
	assert_int_equal(st.error_seq, 2);
	assert_true(st.down);              /* the level read at open */
	assert_true(st.held_at_open);      /* issue 19: said, not ignored silently */
	assert_int_equal(f.line[0].opens, 1);

	fake_pedal_edge(&f, 0, false, 7000 * MS);
	footswitch_edge got[4];
	assert_int_equal(collect(fs, got, 1, 3000), 1);
	assert_int_equal(got[0].ms, 7000);
	assert_int_equal(footswitch_status_get(fs, 0, &st), 0);
	assert_false(st.held_at_open);     /* its release ends it */
	footswitch_free(fs);
	fake_pedal_destroy(&f);
}

static void lost_line_releases_the_pedal_and_reopens(void **state)
{
	(void)state;
	fake_pedals f;
	footswitch_backend be = fake_pedal_init(&f, 20);
	config cfg;
	fake_pedal_config(&cfg, 1);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, &be, wake, &wake_type, err, sizeof err);
	assert_non_null(fs);

	uint64_t t0 = clock_now_ms();
	fake_pedal_edge(&f, 0, true, t0 * MS);
	footswitch_edge got[4];
	assert_int_equal(collect(fs, got, 1, 3000), 1);
	assert_true(got[0].down);
	footswitch_status st;
	assert_int_equal(footswitch_status_get(fs, 0, &st), 0);
	assert_true(st.down);

	fake_pedal_edge(&f, 0, true, FAKE_PEDAL_UNPLUG); /* unplugged while pressed */
	assert_int_equal(collect(fs, got, 1, 3000), 1);
	assert_false(got[0].down); /* a release, so no endless hold */
	assert_true(got[0].ms >= t0 && got[0].ms <= clock_now_ms());

	/* the error was visible, then the retry re-opened it */
	assert_true(wait_status(fs, 0, true, &st));
	assert_true(st.error_seq >= 1);
	assert_int_equal(f.line[0].opens, 2);
	assert_int_equal(f.line[0].closes, 1);
	fake_pedal_edge(&f, 0, true, (t0 + 5000) * MS);
	assert_int_equal(collect(fs, got, 1, 3000), 1);
	assert_int_equal(got[0].ms, t0 + 5000);
	footswitch_free(fs);
	fake_pedal_destroy(&f);
}

/* The kernel does not wake poll() when a chip is removed: the periodic
 * presence check must notice, release the pedal, and re-open it later. */
static void silent_unplug_is_noticed_and_reopened(void **state)
{
	(void)state;
	fake_pedals f;
	footswitch_backend be = fake_pedal_init(&f, 20);
	config cfg;
	fake_pedal_config(&cfg, 1);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, &be, wake, &wake_type, err, sizeof err);
	assert_non_null(fs);
	uint64_t t0 = clock_now_ms();
	fake_pedal_edge(&f, 0, true, t0 * MS);
	footswitch_edge got[4];
	assert_int_equal(collect(fs, got, 1, 3000), 1);

	fake_pedal_set_gone(&f, 0, true); /* no edge, no error from the fd */
	assert_int_equal(collect(fs, got, 1, 3000), 1);
	assert_false(got[0].down);
	footswitch_status st;
	assert_true(wait_status(fs, 0, false, &st));
	/* "fakechip line 0: its chip went away", or already the first retry's
	 * "chip "fakechip" not found" (retries come every 20 ms; ASan, a busy CI) */
	assert_non_null(strstr(st.error, "fakechip"));
	assert_int_equal(f.line[0].closes, 1);

	fake_pedal_set_gone(&f, 0, false); /* plugged in again */
	assert_true(wait_status(fs, 0, true, &st));
	assert_int_equal(f.line[0].opens, 2);
	footswitch_free(fs);
	fake_pedal_destroy(&f);
}

static void no_gpio_pedal_does_nothing(void **state)
{
	(void)state;
	fake_pedals f;
	footswitch_backend be = fake_pedal_init(&f, 0);
	config cfg;
	fake_pedal_config(&cfg, 1);
	cfg.pedals[0].gpio = false; /* keys only */
	char err[256];
	footswitch *fs = footswitch_new(&cfg, &be, wake, &wake_type, err, sizeof err);
	assert_non_null(fs);
	footswitch_status st;
	assert_int_equal(footswitch_status_get(fs, 0, &st), 0);
	assert_false(st.configured);
	assert_false(st.open);
	assert_int_equal(footswitch_status_get(fs, 2, &st), -1);
	footswitch_edge e[2];
	assert_int_equal(footswitch_drain(fs, e, 2), 0);
	assert_int_equal(f.line[0].opens, 0);
	footswitch_free(fs);
	footswitch_free(NULL);
	fake_pedal_destroy(&f);
}

/* The real backend on a machine without GPIO: a status with the message, no crash. */
static void real_backend_without_chip(void **state)
{
	(void)state;
	char chips[GPIO_MAX_CHIPS][GPIO_CHIP_PATH_MAX];
	if (gpio_list_chips(NULL, chips, GPIO_MAX_CHIPS) > 0)
		skip();
	config cfg;
	fake_pedal_config(&cfg, 1);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, NULL, wake, &wake_type, err, sizeof err);
	assert_non_null(fs);
	footswitch_status st;
	assert_int_equal(footswitch_status_get(fs, 0, &st), 0);
	assert_false(st.open);
	assert_non_null(strstr(st.error, "no GPIO chip found"));
	footswitch_free(fs);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(SDL_INIT_EVENTS) != 0 || (wake_type = SDL_RegisterEvents(1)) == (Uint32)-1)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edges_unchanged_and_in_order_while_ui_busy),
		cmocka_unit_test(two_pedals_keep_their_inputs),
		cmocka_unit_test(open_error_is_reported_once_then_retried),
		cmocka_unit_test(lost_line_releases_the_pedal_and_reopens),
		cmocka_unit_test(silent_unplug_is_noticed_and_reopened),
		cmocka_unit_test(no_gpio_pedal_does_nothing),
		cmocka_unit_test(real_backend_without_chip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
