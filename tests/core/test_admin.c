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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
