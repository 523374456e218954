/* admin: the corner hold (5 s), the PIN pad (right, wrong, none configured)
 * and the deadlines the event loop wakes for. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/admin.h"

static void enter(admin *a, const char *digits)
{
	for (const char *d = digits; *d; d++)
		admin_digit(a, *d - '0');
}

static void test_hold(void **st)
{
	(void)st;
	admin *a = admin_new("2468");
	assert_non_null(a);
	assert_int_equal(admin_deadline(a), ADMIN_NEVER);
	/* released after 4.9 s: nothing */
	admin_hold_start(a, 1000);
	assert_true(admin_holding(a));
	assert_int_equal(admin_deadline(a), 6000);
	assert_false(admin_due(a, 5900));
	admin_hold_cancel(a);
	assert_false(admin_due(a, 7000));
	assert_int_equal(admin_get_state(a), ADMIN_CLOSED);
	assert_int_equal(admin_deadline(a), ADMIN_NEVER);
	/* held 5 s: the pad opens, once */
	admin_hold_start(a, 10000);
	assert_true(admin_due(a, 15000));
	assert_int_equal(admin_get_state(a), ADMIN_PIN);
	assert_false(admin_holding(a));
	assert_false(admin_due(a, 16000));
	/* a corner press while the pad is open does not restart anything */
	admin_hold_start(a, 16000);
	assert_false(admin_holding(a));
	admin_free(a);
	admin_free(NULL);
}

static void test_pin(void **st)
{
	(void)st;
	admin *a = admin_new("2468");
	admin_hold_start(a, 0);
	assert_true(admin_due(a, 5000));
	/* wrong: closed, with a message for 3 s */
	enter(a, "2469");
	assert_int_equal(admin_entered(a), 4);
	assert_false(admin_submit(a, 6000));
	assert_int_equal(admin_get_state(a), ADMIN_CLOSED);
	assert_string_equal(admin_message(a, 6000), "Wrong PIN");
	assert_int_equal(admin_deadline(a), 9000);
	assert_false(admin_due(a, 9000));
	assert_null(admin_message(a, 9000));
	assert_int_equal(admin_deadline(a), ADMIN_NEVER);
	/* digits typed outside the pad do nothing */
	admin_digit(a, 1);
	assert_int_equal(admin_entered(a), 0);
	/* right after a correction; a prefix or a longer entry is wrong */
	admin_hold_start(a, 20000);
	assert_true(admin_due(a, 25000));
	assert_int_equal(admin_entered(a), 0);
	enter(a, "2467");
	admin_erase(a);
	admin_digit(a, 8);
	admin_digit(a, 10); /* not a digit */
	assert_true(admin_submit(a, 26000));
	assert_int_equal(admin_get_state(a), ADMIN_OPEN);
	admin_close(a);
	assert_int_equal(admin_get_state(a), ADMIN_CLOSED);
	admin_hold_start(a, 30000);
	admin_due(a, 35000);
	enter(a, "246");
	assert_false(admin_submit(a, 36000));
	admin_hold_start(a, 40000);
	admin_due(a, 45000);
	enter(a, "123456789");
	assert_int_equal(admin_entered(a), ADMIN_PIN_MAX);
	assert_false(admin_submit(a, 46000));
	admin_free(a);
}

/* Issue 19: wrong PINs had no lockout. After three in a row the pad stays
 * shut for 30 s, then 1 min, 2 min... (virtual clock), and the screen says
 * how long; the right PIN clears the count. */
static void try_pin(admin *a, uint64_t t, const char *pin, bool want_pad)
{
	admin_hold_start(a, t);
	assert_true(admin_due(a, t + ADMIN_HOLD_MS));
	assert_int_equal(admin_get_state(a), want_pad ? ADMIN_PIN : ADMIN_CLOSED);
	if (want_pad) {
		enter(a, pin);
		admin_submit(a, t + ADMIN_HOLD_MS + 1000);
	}
}

static void test_growing_delay(void **st)
{
	(void)st;
	assert_int_equal(admin_lockout_ms(1), 0);
	assert_int_equal(admin_lockout_ms(2), 0);
	assert_int_equal(admin_lockout_ms(3), 30000);
	assert_int_equal(admin_lockout_ms(4), 60000);
	assert_int_equal(admin_lockout_ms(5), 120000);
	assert_int_equal(admin_lockout_ms(40), ADMIN_LOCKOUT_MAX_MS);
	admin *a = admin_new("2468");
	try_pin(a, 0, "1111", true);
	try_pin(a, 10000, "2222", true);
	assert_string_equal(admin_message(a, 16000), "Wrong PIN");
	assert_int_equal(admin_locked_for(a, 16000), 0);
	try_pin(a, 20000, "3333", true); /* the third: 30 s from 26000 */
	assert_string_equal(admin_message(a, 26000), "Wrong PIN. Next try in 30 s");
	assert_int_equal(admin_locked_for(a, 26000), 30000);
	/* a hold while locked out: no pad, the time left instead */
	try_pin(a, 30000, NULL, false);
	assert_string_equal(admin_message(a, 35000), "Too many wrong PINs: try again in 21 s");
	admin_digit(a, 2);
	assert_int_equal(admin_entered(a), 0);
	/* after the wait: the pad again; a fourth wrong one doubles the wait */
	try_pin(a, 51000, "4444", true);
	assert_string_equal(admin_message(a, 57000), "Wrong PIN. Next try in 1 min");
	try_pin(a, 60000, NULL, false);
	assert_string_equal(admin_message(a, 65000), "Too many wrong PINs: try again in 52 s");
	try_pin(a, 117000, "5555", true);
	assert_string_equal(admin_message(a, 123000), "Wrong PIN. Next try in 2 min");
	/* the right PIN, once allowed, clears the count */
	try_pin(a, 243000, "2468", true);
	assert_int_equal(admin_get_state(a), ADMIN_OPEN);
	admin_close(a);
	try_pin(a, 250000, "0000", true);
	assert_string_equal(admin_message(a, 256000), "Wrong PIN");
	assert_int_equal(admin_locked_for(a, 256000), 0);
	admin_free(a);
}

static void test_no_pin(void **st)
{
	(void)st;
	admin *a = admin_new("");
	admin_hold_start(a, 0);
	assert_true(admin_due(a, 5000));
	assert_int_equal(admin_get_state(a), ADMIN_NO_PIN);
	/* nothing to enter, nothing to submit */
	admin_digit(a, 1);
	assert_false(admin_submit(a, 6000));
	assert_int_equal(admin_get_state(a), ADMIN_NO_PIN);
	admin_close(a);
	assert_int_equal(admin_get_state(a), ADMIN_CLOSED);
	admin_free(a);
	a = admin_new(NULL);
	admin_hold_start(a, 0);
	admin_due(a, 5000);
	assert_int_equal(admin_get_state(a), ADMIN_NO_PIN);
	admin_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hold),
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_no_pin),
		cmocka_unit_test(test_growing_delay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
