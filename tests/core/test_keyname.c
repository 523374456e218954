/* keyname: the pedal key names the config accepts and their Linux codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/keyname.h"

static void test_names_and_codes(void **st)
{
	(void)st;
	assert_true(keyname_valid("space"));
	assert_true(keyname_valid("pagedown"));
	assert_true(keyname_valid("enter")); /* = return */
	assert_true(keyname_valid("keypad enter"));
	assert_true(keyname_valid("f24"));
	assert_false(keyname_valid("spacebar_xyz"));
	assert_false(keyname_valid("Space")); /* the config lower-cases first */
	assert_false(keyname_valid(""));
	assert_false(keyname_valid(NULL));
	assert_int_equal(keyname_linux_code("space"), 57);    /* KEY_SPACE */
	assert_int_equal(keyname_linux_code("return"), 28);   /* KEY_ENTER */
	assert_int_equal(keyname_linux_code("enter"), 28);
	assert_int_equal(keyname_linux_code("pagedown"), 109);/* KEY_PAGEDOWN */
	assert_int_equal(keyname_linux_code("b"), 48);
	assert_int_equal(keyname_linux_code("f13"), 183);
	assert_int_equal(keyname_linux_code("nope"), -1);
	assert_string_equal(keyname_from_linux(57), "space");
	assert_string_equal(keyname_from_linux(28), "return");
	assert_null(keyname_from_linux(0));
	/* every name maps to a distinct code and back */
	size_t n;
	const char *const *all = keyname_all(&n);
	assert_true(n > 100);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(keyname_from_linux(keyname_linux_code(all[i])), all[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
