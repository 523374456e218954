/* The foot-switch recogniser: exact gestures for hand-written edge timelines,
 * and a property test over random chattering presses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/gesture.h"

/* Feeds "ms input d|u" edges, ticks to `end`, and returns the gestures as
 * "kind/action@ms(duration) ...". */
static const char *run(const gesture_config *cfg, const char *edges, uint64_t end)
{
	static char buf[1024];
	gesture *g = gesture_new(cfg);
	gesture_event ev;
	buf[0] = 0;
	const char *p = edges;
	unsigned long long ms;
	int input, nread;
	char d;
	while (sscanf(p, " %llu %d %c%n", &ms, &input, &d, &nread) == 3) {
		gesture_edge(g, input, d == 'd', ms);
		p += nread;
	}
	gesture_tick(g, end);
	while (gesture_next(g, &ev)) {
		char one[80];
		snprintf(one, sizeof one, "%s%s/%s@%llu(%u)%s", buf[0] ? " " : "", gesture_kind_name(ev.kind),
		         gesture_action_name(ev.action), (unsigned long long)ev.ms, ev.duration_ms,
		         ev.input ? "#2" : "");
		strcat(buf, one);
	}
	gesture_free(g);
	return buf;
}

static void test_tap_and_hold(void **st)
{
	(void)st;
	gesture_config c;
	gesture_config_default(&c);
	assert_string_equal(run(&c, "1000 0 d 1180 0 u", 5000), "tap/next@1180(180)");
	/* a hold fires at 700 ms while the pedal is still down */
	assert_string_equal(run(&c, "1000 0 d", 1700), "hold/discomfort@1700(700)");
	assert_string_equal(run(&c, "1000 0 d", 1699), "");
	assert_string_equal(run(&c, "1000 0 d 3000 0 u", 5000), "hold/discomfort@1700(700)");
	/* released at 699 ms: a tap; exactly at 700: a hold */
	assert_string_equal(run(&c, "1000 0 d 1699 0 u", 5000), "tap/next@1699(699)");
	assert_string_equal(run(&c, "1000 0 d 1700 0 u", 5000), "hold/discomfort@1700(700)");
	/* the two pedals are independent, even when overlapping */
	assert_string_equal(run(&c, "1000 0 d 1100 1 d 1200 1 u 1300 0 u", 5000),
	                    "tap/discomfort@1200(100)#2 tap/next@1300(300)");
	assert_string_equal(run(&c, "1000 0 d 1100 1 d 1200 1 u", 5000),
	                    "tap/discomfort@1200(100)#2 hold/discomfort@1700(700)");
	/* pedal 2 has its own mapping */
	assert_string_equal(run(&c, "100 1 d 200 1 u 1000 1 d 2000 1 u", 5000),
	                    "tap/discomfort@200(100)#2 hold/pause@1700(700)#2");
}

static void test_debounce(void **st)
{
	(void)st;
	gesture_config c;
	gesture_config_default(&c);
	/* chatter around both edges: one tap, timed from the stable runs */
	assert_string_equal(run(&c, "1000 0 d 1005 0 u 1010 0 d 1300 0 u 1304 0 d 1310 0 u", 5000),
	                    "tap/next@1310(300)");
	/* a blip shorter than debounce_ms is nothing */
	assert_string_equal(run(&c, "1000 0 d 1029 0 u", 5000), "");
	/* stable for exactly debounce_ms counts */
	assert_string_equal(run(&c, "1000 0 d 1030 0 u", 5000), "tap/next@1030(30)");
	/* a release bouncing just before the hold moment: its stable run starts at
	 * 698 -> a tap; a stable run starting after 700 -> the hold fired at 700 */
	assert_string_equal(run(&c, "1000 0 d 1690 0 u 1695 0 d 1698 0 u", 5000), "tap/next@1698(698)");
	assert_string_equal(run(&c, "1000 0 d 1690 0 u 1695 0 d 1705 0 u", 5000),
	                    "hold/discomfort@1700(700)");
	/* a contact that opens briefly during a hold does not end it */
	assert_string_equal(run(&c, "1000 0 d 1500 0 u 1510 0 d 2500 0 u", 5000),
	                    "hold/discomfort@1700(700)");
	/* a duplicate edge changes nothing; older timestamps are ignored */
	assert_string_equal(run(&c, "1000 0 d 1050 0 d 1100 0 u 1090 0 d", 5000), "tap/next@1100(100)");
}

static void test_double_tap(void **st)
{
	(void)st;
	gesture_config c;
	gesture_config_default(&c);
	c.map[0][GESTURE_DOUBLE_TAP] = GESTURE_ACTION_PAUSE;
	/* two taps within 400 ms: one double tap */
	assert_string_equal(run(&c, "1000 0 d 1100 0 u 1300 0 d 1400 0 u", 5000),
	                    "double_tap/pause@1400(100)");
	/* a single tap waits for the window to close */
	assert_string_equal(run(&c, "1000 0 d 1100 0 u", 1499), "");
	assert_string_equal(run(&c, "1000 0 d 1100 0 u", 1500), "tap/next@1500(100)");
	/* a second press after the window: two taps */
	assert_string_equal(run(&c, "1000 0 d 1100 0 u 1501 0 d 1600 0 u", 5000),
	                    "tap/next@1500(100) tap/next@2000(99)");
	/* tap then hold: the tap, then the hold */
	assert_string_equal(run(&c, "1000 0 d 1100 0 u 1300 0 d 2500 0 u", 5000),
	                    "tap/next@2000(100) hold/discomfort@2000(700)");
	/* not mapped on pedal 2: its taps are immediate */
	assert_string_equal(run(&c, "1000 1 d 1100 1 u 1300 1 d 1400 1 u", 5000),
	                    "tap/discomfort@1100(100)#2 tap/discomfort@1400(100)#2");
}

static void test_long_hold(void **st)
{
	(void)st;
	gesture_config c;
	gesture_config_default(&c);
	c.map[0][GESTURE_LONG_HOLD] = GESTURE_ACTION_PREVIOUS;
	/* with a long hold mapped, the hold fires on release */
	assert_string_equal(run(&c, "1000 0 d", 2000), "");
	assert_string_equal(run(&c, "1000 0 d 2000 0 u", 5000), "hold/discomfort@2000(1000)");
	/* and the long hold at 3 s, with nothing on release */
	assert_string_equal(run(&c, "1000 0 d", 4000), "long_hold/previous@4000(3000)");
	assert_string_equal(run(&c, "1000 0 d 6000 0 u", 9000), "long_hold/previous@4000(3000)");
	assert_string_equal(run(&c, "1000 0 d 1200 0 u", 9000), "tap/next@1200(200)");
}

static void test_deadlines_and_feedback(void **st)
{
	(void)st;
	gesture_config c;
	gesture_config_default(&c);
	gesture *g = gesture_new(&c);
	assert_int_equal(gesture_next_deadline(g), GESTURE_NO_DEADLINE);
	gesture_edge(g, 0, true, 1000);
	assert_int_equal(gesture_next_deadline(g), 1030); /* debounce */
	assert_false(gesture_is_down(g, 0));
	gesture_tick(g, 1030);
	assert_true(gesture_is_down(g, 0));
	assert_int_equal(gesture_next_deadline(g), 1700); /* hold */
	assert_true(gesture_hold_progress(g, 0, 1350) > 0.49f && gesture_hold_progress(g, 0, 1350) < 0.51f);
	assert_int_equal(gesture_held_ms(g, 0, 1350), 350); /* from the first edge of the press */
	assert_int_equal(gesture_held_ms(g, 1, 1350), 0);
	gesture_edge(g, 0, false, 1650);
	/* the hold can't be decided before the release is confirmed */
	assert_int_equal(gesture_next_deadline(g), 1680);
	gesture_tick(g, 1700);
	gesture_event ev;
	assert_true(gesture_next(g, &ev));
	assert_int_equal(ev.kind, GESTURE_TAP);
	assert_int_equal(ev.duration_ms, 650);
	assert_false(gesture_next(g, &ev));
	assert_int_equal(gesture_hold_progress(g, 0, 1800), 0);
	assert_int_equal(gesture_held_ms(g, 0, 1800), 0); /* up */
	assert_int_equal(gesture_next_deadline(g), GESTURE_NO_DEADLINE);
	gesture_edge(g, 5, true, 2000); /* unknown input: ignored */
	assert_int_equal(gesture_next_deadline(g), GESTURE_NO_DEADLINE);
	gesture_free(g);
	gesture_free(NULL);
}

static void test_names(void **st)
{
	(void)st;
	assert_string_equal(gesture_kind_name(GESTURE_LONG_HOLD), "long_hold");
	assert_string_equal(gesture_action_name(GESTURE_ACTION_EXTEND), "extend");
	assert_int_equal(gesture_action_from_name("previous"), GESTURE_ACTION_PREVIOUS);
	assert_int_equal(gesture_action_from_name("none"), GESTURE_ACTION_NONE);
	assert_int_equal(gesture_action_from_name("jump"), -1);
}

/* xorshift64*: a fixed seed makes every run the same. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

/* One real edge at t: the level flips to `level` with chatter shorter than
 * debounce_ms (it settles within the bounce window). Returns the settle time. */
static uint64_t chatter(gesture *g, int input, bool level, uint64_t t, uint32_t debounce)
{
	unsigned bounces = rnd(4); /* 0..3 extra flips pairs */
	uint64_t span = debounce - 1;
	uint64_t at = t;
	gesture_edge(g, input, level, at);
	for (unsigned b = 0; b < bounces; b++) {
		uint64_t step = 1 + rnd((uint32_t)(span / (2 * bounces + 1)));
		at += step;
		gesture_edge(g, input, !level, at);
		at += 1 + rnd((uint32_t)(span / (2 * bounces + 1)));
		gesture_edge(g, input, level, at);
	}
	return at;
}

/* Runs `presses` chattering presses on both inputs; returns gestures seen. */
static unsigned property_run(const gesture_config *c, unsigned presses, unsigned *real)
{
	gesture *g = gesture_new(c);
	uint64_t t = 1000 + rnd(1000);
	unsigned seen = 0;
	gesture_event ev;
	*real = 0;
	for (unsigned p = 0; p < presses; p++) {
		int input = (int)rnd(2);
		uint32_t d = c->debounce_ms;
		uint64_t settled = chatter(g, input, true, t, d);
		/* press length: from tap to beyond a long hold, > debounce after settling */
		uint32_t len = 2 * d + rnd(p % 3 == 0 ? 4000 : 1200);
		uint64_t up = settled + len;
		gesture_tick(g, up - 1 - rnd(d)); /* tick at random moments, too */
		settled = chatter(g, input, false, up, d);
		(*real)++;
		t = settled + 2 * d + rnd(1500);
		while (gesture_next(g, &ev))
			seen++;
	}
	gesture_tick(g, t + 10000);
	while (gesture_next(g, &ev))
		seen++;
	gesture_free(g);
	return seen;
}

static void test_property_chatter(void **st)
{
	(void)st;
	gesture_config c;
	gesture_config_default(&c);
	unsigned real, seen = property_run(&c, 10000, &real);
	assert_int_equal(real, 10000);
	assert_int_equal(seen, real);
	/* with long holds mapped (hold on release), still one gesture per press */
	gesture_config_default(&c);
	c.map[0][GESTURE_LONG_HOLD] = GESTURE_ACTION_PREVIOUS;
	c.map[1][GESTURE_LONG_HOLD] = GESTURE_ACTION_EXTEND;
	c.debounce_ms = 50;
	seen = property_run(&c, 10000, &real);
	assert_int_equal(seen, real);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tap_and_hold),
		cmocka_unit_test(test_debounce),
		cmocka_unit_test(test_double_tap),
		cmocka_unit_test(test_long_hold),
		cmocka_unit_test(test_deadlines_and_feedback),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_property_chatter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
