/* evdev: a key pedal read with the kernel's event times (issue 19 item 16).
 * There is no /dev/uinput here, so the "device" is a FIFO the test writes
 * struct input_event records into: the footswitch thread reads it through
 * the same code path as a real /dev/input/eventN (poll, read, convert,
 * queue). A 150 ms press is a tap even when the events are read 400 ms
 * late (a loaded machine): the time is the kernel's, not the reader's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <linux/input.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/gesture.h"
#include "io/clock.h"
#include "io/evdev.h"
#include "io/footswitch.h"

static char dir[64], fifo[96];

static int setup(void **st)
{
	(void)st;
	snprintf(dir, sizeof dir, "/tmp/unknot-test-evdev-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(fifo, sizeof fifo, "%s/event-kbd", dir);
	return mkfifo(fifo, 0600);
}

static int teardown(void **st)
{
	(void)st;
	unlink(fifo);
	return rmdir(dir);
}

static void config_for(config *cfg)
{
	config_default(cfg);
	cfg->npedals = 1;
	snprintf(cfg->pedals[0].device, sizeof cfg->pedals[0].device, "%s", fifo);
	/* space and return (defaults); b as well, to check several keys */
	snprintf(cfg->pedals[0].keys[2], sizeof cfg->pedals[0].keys[2], "b");
}

static void put_key(int fd, int code, int value, uint64_t ms)
{
	struct input_event ev[2];
	memset(ev, 0, sizeof ev);
	ev[0].input_event_sec = (time_t)(ms / 1000);
	ev[0].input_event_usec = (suseconds_t)(ms % 1000 * 1000);
	ev[0].type = EV_KEY;
	ev[0].code = (unsigned short)code;
	ev[0].value = value;
	ev[1] = ev[0];
	ev[1].type = EV_SYN;
	ev[1].code = SYN_REPORT;
	ev[1].value = 0;
	assert_int_equal(write(fd, ev, sizeof ev), (ssize_t)sizeof ev);
}

/* Drains until `want` edges or 10 s (generous: a loaded machine is slower,
 * never red). */
static size_t collect(footswitch *fs, footswitch_edge *out, size_t want)
{
	size_t got = 0;
	uint64_t end = clock_now_ms() + 10000;
	while (got < want && clock_now_ms() < end) {
		got += footswitch_drain(fs, out + got, want - got);
		if (got < want)
			usleep(5000);
	}
	return got;
}

static void test_press_150ms_is_a_tap_even_read_late(void **st)
{
	(void)st;
	config cfg;
	config_for(&cfg);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, evdev_backend(), NULL, NULL, err, sizeof err);
	assert_non_null(fs);
	int wr = open(fifo, O_WRONLY); /* the thread opened it for reading */
	assert_true(wr >= 0);
	footswitch_status s;
	assert_int_equal(footswitch_status_get(fs, 0, &s), 0);
	assert_true(s.configured);
	assert_true(s.open);
	assert_string_equal(s.where, fifo);

	uint64_t t = clock_now_ms();
	/* the press happened 550 ms ago and lasted 150 ms; read only now */
	put_key(wr, KEY_SPACE, 1, t - 550);
	put_key(wr, KEY_SPACE, 2, t - 500);   /* auto-repeat: ignored */
	put_key(wr, KEY_A, 1, t - 480);       /* not a pedal key: ignored */
	put_key(wr, KEY_SPACE, 0, t - 400);
	footswitch_edge e[4];
	assert_int_equal(collect(fs, e, 2), 2);
	assert_true(e[0].down);
	assert_false(e[1].down);
	assert_int_equal(e[1].ms - e[0].ms, 150);
	assert_int_equal(e[0].ms, t - 550);

	gesture_config gc;
	gesture_config_default(&gc);
	gesture *g = gesture_new(&gc);
	for (int i = 0; i < 2; i++)
		gesture_edge(g, e[i].input, e[i].down, e[i].ms);
	gesture_tick(g, clock_now_ms() + 1000);
	gesture_event ge;
	assert_true(gesture_next(g, &ge));
	assert_int_equal(ge.kind, GESTURE_TAP);
	gesture_free(g);

	/* two keys of the same pedal: one press until the last is up */
	t = clock_now_ms();
	put_key(wr, KEY_B, 1, t);
	put_key(wr, KEY_ENTER, 1, t + 10);
	put_key(wr, KEY_B, 0, t + 20);
	put_key(wr, KEY_ENTER, 0, t + 30);
	assert_int_equal(collect(fs, e, 2), 2);
	assert_true(e[0].down && !e[1].down);
	assert_int_equal(e[1].ms - e[0].ms, 30);

	/* unplugged (the writer goes away: POLLHUP): released, re-opened */
	put_key(wr, KEY_SPACE, 1, clock_now_ms());
	assert_int_equal(collect(fs, e, 1), 1);
	close(wr);
	assert_int_equal(collect(fs, e, 1), 1);
	assert_false(e[0].down); /* no hold left hanging */
	footswitch_free(fs);
}

/* No access to the device: one clear error that says the keys come
 * through SDL instead. */
static void test_no_access_falls_back(void **st)
{
	(void)st;
	config cfg;
	config_for(&cfg);
	snprintf(cfg.pedals[0].device, sizeof cfg.pedals[0].device, "%s/nope", dir);
	char err[256];
	footswitch *fs = footswitch_new(&cfg, NULL, NULL, NULL, err, sizeof err);
	assert_non_null(fs);
	footswitch_status s;
	assert_int_equal(footswitch_status_get(fs, 0, &s), 0);
	assert_true(s.configured);
	assert_false(s.open);
	assert_non_null(strstr(s.error, "No such file or directory; its keys come through SDL instead"));
	footswitch_free(fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_press_150ms_is_a_tap_even_read_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_access_falls_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
