/* dynlib: a library opened at run time gives every function asked for, or
 * none and an error naming the library (once) or the missing symbol; the
 * UNKNOT_HIDE_LIBS test hook hides a library. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "io/dynlib.h"

static void test_loads_every_function(void **state)
{
	(void)state;
	const char *names[] = {"cos", "sqrt"};
	void (*fns[2])(void) = {NULL, NULL};
	char err[300] = "x";
	assert_int_equal(dynlib_load("libm.so.6", names, fns, 2, err, sizeof err), 0);
	double (*c)(double) = (double (*)(double))fns[0];
	double (*r)(double) = (double (*)(double))fns[1];
	assert_true(c(0.0) == 1.0);
	assert_true(r(16.0) == 4.0);
}

static void test_missing_symbol(void **state)
{
	(void)state;
	const char *names[] = {"cos", "no_such_function_here"};
	void (*fns[2])(void) = {NULL, NULL};
	char err[300];
	assert_int_equal(dynlib_load("libm.so.6", names, fns, 2, err, sizeof err), -1);
	assert_string_equal(err, "libm.so.6 has no no_such_function_here (too old?)");
	assert_null(fns[0]); /* none, not some */
	assert_null(fns[1]);
}

static void test_missing_library(void **state)
{
	(void)state;
	const char *names[] = {"f"};
	void (*fns[1])(void) = {NULL};
	char err[300];
	assert_int_equal(dynlib_load("libunknot-nope.so.9", names, fns, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot load libunknot-nope.so.9: "));
	const char *first = strstr(err, "libunknot-nope.so.9");
	assert_null(strstr(first + 1, "libunknot-nope.so.9")); /* its name once */
	setenv("UNKNOT_HIDE_LIBS", "libfoo.so.1 libm.so.6", 1);
	const char *cosn[] = {"cos"};
	assert_int_equal(dynlib_load("libm.so.6", cosn, fns, 1, err, sizeof err), -1);
	assert_string_equal(err, "cannot load libm.so.6: hidden by UNKNOT_HIDE_LIBS");
	assert_null(fns[0]);
	unsetenv("UNKNOT_HIDE_LIBS");
	char tiny[12];
	assert_int_equal(dynlib_load("libunknot-nope.so.9", names, fns, 1, tiny, sizeof tiny), -1);
	assert_int_equal(strlen(tiny), sizeof tiny - 1); /* cut, terminated */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads_every_function),
		cmocka_unit_test(test_missing_symbol),
		cmocka_unit_test(test_missing_library),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
