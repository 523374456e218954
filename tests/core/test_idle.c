/* idle: home after idle outside a session, a forgotten pause ended, dimming,
 * and the deadlines the event loop sleeps until. Times are plain numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/idle.h"

#define MIN 60000u

static idle_tracker *make(uint64_t idle_min, uint64_t pause_min, uint64_t dim_min)
{
	idle_config c = { idle_min * MIN, pause_min * MIN, dim_min * MIN };
	idle_tracker *t = idle_new(&c, 1000);
	assert_non_null(t);
	return t;
}

static void test_home_after_idle(void **st)
{
	(void)st;
	idle_tracker *t = make(5, 15, 0);
	/* at home nothing happens, ever (no dimming configured) */
	assert_int_equal(idle_deadline(t), IDLE_NEVER);
	assert_int_equal(idle_due(t, 1000 + 60 * MIN), IDLE_NOTHING);
	/* on the preview: home 5 min after arriving */
	idle_set_place(t, IDLE_AWAY, 10000);
	assert_int_equal(idle_deadline(t), 10000 + 5 * MIN);
	assert_int_equal(idle_due(t, 10000 + 5 * MIN - 1), IDLE_NOTHING);
	/* an input restarts the count */
	assert_false(idle_input(t, 20000));
	assert_int_equal(idle_deadline(t), 20000 + 5 * MIN);
	assert_int_equal(idle_due(t, 10000 + 5 * MIN), IDLE_NOTHING);
	assert_int_equal(idle_due(t, 20000 + 5 * MIN), IDLE_GO_HOME);
	/* reported once; the app goes home */
	assert_int_equal(idle_due(t, 20000 + 6 * MIN), IDLE_NOTHING);
	assert_int_equal(idle_deadline(t), IDLE_NEVER);
	idle_set_place(t, IDLE_HOME, 20000 + 5 * MIN);
	assert_int_equal(idle_get_place(t), IDLE_HOME);
	/* idle_minutes 0: never */
	idle_free(t);
	t = make(0, 0, 0);
	idle_set_place(t, IDLE_AWAY, 5000);
	assert_int_equal(idle_deadline(t), IDLE_NEVER);
	assert_int_equal(idle_due(t, UINT64_MAX - 1), IDLE_NOTHING);
	idle_free(t);
	idle_free(NULL);
}

static void test_session_never_idles(void **st)
{
	(void)st;
	idle_tracker *t = make(5, 15, 2);
	idle_set_place(t, IDLE_RUNNING, 1000);
	assert_int_equal(idle_deadline(t), IDLE_NEVER);
	assert_int_equal(idle_due(t, 1000 + 120 * MIN), IDLE_NOTHING);
	assert_false(idle_is_dimmed(t));
	/* the session finished alone two hours later: the summary is shown a
	 * full idle time (and dims after dim time) before going home */
	uint64_t end = 1000 + 120 * MIN;
	idle_set_place(t, IDLE_AWAY, end);
	assert_int_equal(idle_deadline(t), end + 2 * MIN);
	assert_int_equal(idle_due(t, end + 2 * MIN), IDLE_DIM);
	assert_true(idle_is_dimmed(t));
	assert_int_equal(idle_deadline(t), end + 5 * MIN);
	assert_int_equal(idle_due(t, end + 5 * MIN), IDLE_GO_HOME);
	idle_set_place(t, IDLE_HOME, end + 5 * MIN);
	/* still dimmed at home; nothing more to do */
	assert_true(idle_is_dimmed(t));
	assert_int_equal(idle_deadline(t), IDLE_NEVER);
	idle_free(t);
}

static void test_pause_timeout(void **st)
{
	(void)st;
	idle_tracker *t = make(5, 15, 2);
	idle_set_place(t, IDLE_RUNNING, 1000);
	idle_set_place(t, IDLE_PAUSED, 60000);
	assert_int_equal(idle_deadline(t), 60000 + 15 * MIN);
	/* input while paused (a look at the screen) does not restart the pause
	 * timeout; and a paused screen never dims */
	idle_input(t, 60000 + 10 * MIN);
	assert_int_equal(idle_deadline(t), 60000 + 15 * MIN);
	assert_int_equal(idle_due(t, 60000 + 15 * MIN - 1), IDLE_NOTHING);
	assert_false(idle_is_dimmed(t));
	assert_int_equal(idle_due(t, 60000 + 15 * MIN), IDLE_END_PAUSED);
	assert_int_equal(idle_due(t, 60000 + 16 * MIN), IDLE_NOTHING);
	/* resumed and paused again: a new pause, a new timeout */
	idle_set_place(t, IDLE_RUNNING, 70000);
	idle_set_place(t, IDLE_PAUSED, 80000);
	assert_int_equal(idle_deadline(t), 80000 + 15 * MIN);
	idle_free(t);
	/* pause_timeout_minutes 0: a pause is never ended */
	t = make(5, 0, 2);
	idle_set_place(t, IDLE_PAUSED, 1000);
	assert_int_equal(idle_deadline(t), IDLE_NEVER);
	idle_free(t);
}

static void test_dim_and_wake(void **st)
{
	(void)st;
	idle_tracker *t = make(5, 15, 2);
	assert_int_equal(idle_deadline(t), 1000 + 2 * MIN);
	assert_int_equal(idle_due(t, 1000 + 2 * MIN - 1), IDLE_NOTHING);
	assert_int_equal(idle_due(t, 1000 + 2 * MIN), IDLE_DIM);
	assert_true(idle_is_dimmed(t));
	assert_int_equal(idle_due(t, 1000 + 3 * MIN), IDLE_NOTHING);
	assert_int_equal(idle_deadline(t), IDLE_NEVER);
	/* the first input only wakes (true: do not act on it) */
	assert_true(idle_input(t, 1000 + 4 * MIN));
	assert_false(idle_is_dimmed(t));
	assert_false(idle_input(t, 1000 + 4 * MIN + 100));
	assert_int_equal(idle_deadline(t), 1000 + 6 * MIN + 100);
	/* dimmed on the preview, then a session starts from elsewhere (a pedal
	 * script, never here, but a session always wakes the screen) */
	idle_set_place(t, IDLE_AWAY, 1000 + 5 * MIN);
	assert_int_equal(idle_due(t, 1000 + 7 * MIN), IDLE_DIM);
	idle_set_place(t, IDLE_RUNNING, 1000 + 7 * MIN + 1);
	assert_false(idle_is_dimmed(t));
	idle_free(t);
	assert_string_equal(idle_action_name(IDLE_END_PAUSED), "end paused");
	assert_string_equal(idle_action_name(IDLE_NOTHING), "nothing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_after_idle),
		cmocka_unit_test(test_session_never_idles),
		cmocka_unit_test(test_pause_timeout),
		cmocka_unit_test(test_dim_and_wake),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
