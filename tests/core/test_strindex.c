/* Tests for core/strindex: keys found, replaced, absent; binary keys; growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/strindex.h"

static void test_set_get(void **state)
{
	(void)state;
	strindex *ix = strindex_new();
	assert_non_null(ix);
	size_t v = 77;
	assert_false(strindex_get(ix, "a", 1, &v));
	assert_int_equal(v, 77); /* untouched when absent */
	assert_int_equal(strindex_set(ix, "upper trapezius", 15, 3), 0);
	assert_int_equal(strindex_set(ix, "", 0, 9), 0); /* the empty key is a key */
	assert_true(strindex_get(ix, "upper trapezius", 15, &v));
	assert_int_equal(v, 3);
	assert_true(strindex_get(ix, "", 0, &v));
	assert_int_equal(v, 9);
	assert_false(strindex_get(ix, "upper trapeziu", 14, &v)); /* a prefix is another key */
	assert_int_equal(strindex_set(ix, "upper trapezius", 15, 4), 0);
	assert_true(strindex_get(ix, "upper trapezius", 15, &v));
	assert_int_equal(v, 4);
	assert_int_equal(strindex_count(ix), 2);
	strindex_free(ix);
	strindex_free(NULL);
}

static void test_binary_keys(void **state)
{
	(void)state;
	strindex *ix = strindex_new();
	size_t k1[2] = { 1, 2 }, k2[2] = { 2, 1 }, v;
	assert_int_equal(strindex_set(ix, k1, sizeof k1, 12), 0);
	assert_int_equal(strindex_set(ix, k2, sizeof k2, 21), 0);
	assert_true(strindex_get(ix, k1, sizeof k1, &v));
	assert_int_equal(v, 12);
	assert_true(strindex_get(ix, k2, sizeof k2, &v));
	assert_int_equal(v, 21);
	strindex_free(ix);
}

/* Many keys: every one keeps its value through the table's growth. */
static void test_many(void **state)
{
	(void)state;
	enum { N = 100000 };
	strindex *ix = strindex_new();
	char k[32];
	for (size_t i = 0; i < N; i++) {
		int n = snprintf(k, sizeof k, "muscle %zu", i);
		assert_int_equal(strindex_set(ix, k, (size_t)n, i * 3), 0);
	}
	assert_int_equal(strindex_count(ix), N);
	for (size_t i = 0; i < N; i++) {
		int n = snprintf(k, sizeof k, "muscle %zu", i);
		size_t v;
		assert_true(strindex_get(ix, k, (size_t)n, &v));
		assert_int_equal(v, i * 3);
	}
	size_t v;
	assert_false(strindex_get(ix, "muscle 100000", 13, &v));
	strindex_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_get),
		cmocka_unit_test(test_binary_keys),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
