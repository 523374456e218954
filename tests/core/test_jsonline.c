/* Tests for core/jsonline: the fast path and the cJSON path give the same
 * values; torn lines are recovered; what is not an object is told apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/jsonline.h"

static const char *const names[] = { "event", "ms", "target", "previous", "gone" };
enum { EVENT, MS, TARGET, PREVIOUS, GONE, N };

static jsonline_result parse(jsonline *j, const char *s, jsonline_value *v)
{
	return jsonline_parse(j, s, strlen(s), v);
}

static void test_flat_and_slow(void **state)
{
	(void)state;
	jsonline *j = jsonline_new(names, N);
	assert_non_null(j);
	jsonline_value v[N];
	/* Flat (fast path), then the same with a \u escape and a nested member (cJSON). */
	const char *lines[] = {
		"{\"event\":\"step_end\",\"ms\":1500.5,\"target\":\"upper \\\"trap\\\"\",\"previous\":true,\"x\":null}",
		" {\"event\":\"step\\u005fend\", \"ms\":1.5005e3, \"target\":\"upper \\\"trap\\\"\", \"previous\":true, \"x\":{\"a\":[1]}} ",
	};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(parse(j, lines[i], v), JSONLINE_OBJECT);
		assert_int_equal(v[EVENT].type, JSONLINE_STRING);
		assert_string_equal(v[EVENT].s, "step_end");
		assert_int_equal(v[MS].type, JSONLINE_NUMBER);
		assert_true(v[MS].n == 1500.5);
		assert_string_equal(v[TARGET].s, "upper \"trap\"");
		assert_int_equal(v[PREVIOUS].type, JSONLINE_TRUE);
		assert_int_equal(v[GONE].type, JSONLINE_NONE);
	}
	/* The first of duplicate keys wins, on both paths. */
	assert_int_equal(parse(j, "{\"ms\":1,\"ms\":2}", v), JSONLINE_OBJECT);
	assert_true(v[MS].n == 1);
	assert_int_equal(parse(j, "{\"ms\":1,\"ms\":2,\"o\":[]}", v), JSONLINE_OBJECT);
	assert_true(v[MS].n == 1);
	assert_int_equal(parse(j, "{}", v), JSONLINE_OBJECT);
	assert_int_equal(v[EVENT].type, JSONLINE_NONE);
	jsonline_free(j);
	jsonline_free(NULL);
}

static void test_not_objects(void **state)
{
	(void)state;
	jsonline *j = jsonline_new(names, N);
	jsonline_value v[N];
	assert_int_equal(parse(j, "[1,2]", v), JSONLINE_NOT_OBJECT);
	assert_int_equal(parse(j, "\"event\"", v), JSONLINE_NOT_OBJECT);
	assert_int_equal(parse(j, "{\"event\":\"a\"", v), JSONLINE_BAD);
	assert_int_equal(parse(j, "{\"event\":\"a\"} junk", v), JSONLINE_BAD);
	assert_int_equal(parse(j, "{\"ms\":}", v), JSONLINE_BAD);
	assert_int_equal(parse(j, "garbage", v), JSONLINE_BAD);
	/* A torn fragment and then a whole object: recovered. */
	assert_int_equal(parse(j, "{\"event\":\"step_en{\"event\":\"pause\",\"ms\":7}", v), JSONLINE_RECOVERED);
	assert_string_equal(v[EVENT].s, "pause");
	assert_true(v[MS].n == 7);
	/* ... but a fragment followed by something that is not an object is bad. */
	assert_int_equal(parse(j, "{\"event\":\"a{\"b\"", v), JSONLINE_BAD);
	jsonline_free(j);
}

static void test_too_many_fields(void **state)
{
	(void)state;
	const char *many[JSONLINE_MAX_FIELDS + 1] = { 0 };
	assert_null(jsonline_new(many, JSONLINE_MAX_FIELDS + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_and_slow),
		cmocka_unit_test(test_not_objects),
		cmocka_unit_test(test_too_many_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
