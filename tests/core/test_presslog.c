/* presslog: unknot-pedal's account of raw edges (issue 19 item 17). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/presslog.h"

/* After a re-open with the pedal released, a first "up" is not a release:
 * unknot-pedal printed "up" with no press before it at every re-open. */
static void test_stray_up_after_reopen(void **st)
{
	(void)st;
	presslog p;
	uint64_t len = 0;
	presslog_open(&p, 30, 0);
	assert_int_equal(presslog_edge(&p, false, 1000, &len), PRESSLOG_STRAY_UP);
	assert_false(presslog_feeds(PRESSLOG_STRAY_UP));
	assert_int_equal(presslog_edge(&p, true, 2000, &len), PRESSLOG_DOWN);
	assert_int_equal(presslog_edge(&p, false, 2150, &len), PRESSLOG_UP);
	assert_int_equal(len, 150);
	presslog_open(&p, 30, 0); /* re-opened: the same again */
	assert_int_equal(presslog_edge(&p, false, 5000, &len), PRESSLOG_STRAY_UP);
}

/* A 1.2 s press with a bounce 170 ms before its end: "up (1200 ms)", not
 * "up (170 ms)" from the last down. */
static void test_chatter_keeps_the_press_length(void **st)
{
	(void)st;
	presslog p;
	uint64_t len = 0;
	presslog_open(&p, 30, 0);
	assert_int_equal(presslog_edge(&p, true, 10000, &len), PRESSLOG_DOWN);
	assert_int_equal(presslog_edge(&p, false, 11020, &len), PRESSLOG_UP);
	assert_int_equal(presslog_edge(&p, true, 11030, &len), PRESSLOG_CHATTER);
	assert_true(presslog_feeds(PRESSLOG_CHATTER));
	assert_int_equal(presslog_edge(&p, false, 11200, &len), PRESSLOG_UP);
	assert_int_equal(len, 1200);
	/* past the debounce time a down is a new press */
	assert_int_equal(presslog_edge(&p, true, 11300, &len), PRESSLOG_DOWN);
	assert_int_equal(presslog_edge(&p, false, 11400, &len), PRESSLOG_UP);
	assert_int_equal(len, 100);
}

/* Opened while pressed: that press is said, and its release is not timed
 * nor fed (it was ignored silently before). */
static void test_held_while_opening(void **st)
{
	(void)st;
	presslog p;
	uint64_t len = 0;
	presslog_open(&p, 30, 1);
	assert_true(p.held_at_open);
	assert_int_equal(presslog_edge(&p, false, 3000, &len), PRESSLOG_HELD_UP);
	assert_false(presslog_feeds(PRESSLOG_HELD_UP));
	assert_false(p.held_at_open);
	assert_int_equal(presslog_edge(&p, true, 4000, &len), PRESSLOG_DOWN);
	assert_int_equal(presslog_edge(&p, false, 4200, &len), PRESSLOG_UP);
	assert_int_equal(len, 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stray_up_after_reopen),
		cmocka_unit_test(test_chatter_keeps_the_press_length),
		cmocka_unit_test(test_held_while_opening),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
