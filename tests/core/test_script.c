/* Input scripts: good lines, and errors that name the line and column. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/script.h"

static void test_good(void **st)
{
	(void)st;
	const char *text =
		"# seconds   input    edge\n"
		"12.000      pedal    down\n"
		"12.18       pedal    up   # a comment\n"
		"\n"
		"  40        pedal2   down\r\n"
		"40.5\tpedal2 up\n"
		"90.500      key:space down\n"
		"90.500      key:pagedown up\n"
		"95.001      touch 400 300 down"; /* no final newline */
	script s;
	char err[256] = "";
	assert_int_equal(script_parse(&s, text, strlen(text), err, sizeof err), 0);
	assert_int_equal(s.count, 7);
	assert_int_equal(s.events[0].ms, 12000);
	assert_int_equal(s.events[0].input, SCRIPT_PEDAL);
	assert_int_equal(s.events[0].down, 1);
	assert_int_equal(s.events[0].line, 2);
	assert_int_equal(s.events[1].ms, 12180);
	assert_int_equal(s.events[1].down, 0);
	assert_int_equal(s.events[2].ms, 40000);
	assert_int_equal(s.events[2].input, SCRIPT_PEDAL2);
	assert_int_equal(s.events[2].line, 5);
	assert_int_equal(s.events[3].ms, 40500);
	assert_int_equal(s.events[4].input, SCRIPT_KEY);
	assert_string_equal(s.events[4].key, "space");
	assert_string_equal(s.events[5].key, "pagedown");
	assert_int_equal(s.events[5].ms, 90500); /* equal times are fine */
	assert_int_equal(s.events[6].input, SCRIPT_TOUCH);
	assert_int_equal(s.events[6].x, 400);
	assert_int_equal(s.events[6].y, 300);
	assert_int_equal(s.events[6].ms, 95001);
	script_free(&s);
	script_free(&s); /* twice is fine */

	assert_int_equal(script_parse(&s, "", 0, err, sizeof err), 0);
	assert_int_equal(s.count, 0);
	script_free(&s);
}

/* Parses text and returns the error (or "" when it parsed). */
static const char *error_of(const char *text)
{
	static char err[256];
	script s;
	err[0] = 0;
	if (script_parse(&s, text, strlen(text), err, sizeof err) == 0)
		script_free(&s);
	else
		assert_null(s.events);
	return err;
}

static void test_errors(void **st)
{
	(void)st;
	assert_string_equal(error_of("1 pedal down\n2 pedal up\n1.5 pedal down\n"),
	                    "3:1: time 1.5 is earlier than the line before (2.000)");
	assert_string_equal(error_of("abc pedal down\n"),
	                    "1:1: 'abc' is not a time in seconds (e.g. 12.250, at most 3 decimals)");
	assert_string_equal(error_of("1.2345 pedal down\n"),
	                    "1:1: '1.2345' is not a time in seconds (e.g. 12.250, at most 3 decimals)");
	assert_string_equal(error_of("-1 pedal down\n"),
	                    "1:1: '-1' is not a time in seconds (e.g. 12.250, at most 3 decimals)");
	assert_string_equal(error_of("# ok\n  1.0 pedel down\n"),
	                    "2:7: 'pedel' is not an input (pedal, pedal2, key:NAME, touch X Y)");
	assert_string_equal(error_of("1 pedal\n"), "1:8: expected an edge (down or up)");
	assert_string_equal(error_of("1\n"),
	                    "1:2: expected an input (pedal, pedal2, key:NAME, touch X Y) after the time");
	assert_string_equal(error_of("1 pedal sideways\n"), "1:9: 'sideways' is not an edge (down or up)");
	assert_string_equal(error_of("1 pedal down now\n"), "1:14: unexpected 'now' after the edge");
	assert_string_equal(error_of("1 key:Space down\n"),
	                    "1:7: key names are lower case (SDL names, e.g. key:space)");
	assert_string_equal(error_of("1 key: down\n"),
	                    "1:3: 'key:' is not an input (pedal, pedal2, key:NAME, touch X Y)");
	assert_string_equal(error_of("1 touch 400 down\n"),
	                    "1:13: touch wants X Y in window pixels, e.g. touch 400 300 down");
	assert_string_equal(error_of("1 touch x 3 down\n"),
	                    "1:9: touch wants X Y in window pixels, e.g. touch 400 300 down");
	assert_string_equal(error_of("1 pedal down\n2 pedal\x01 up\n"), "2:8: control character in the script");
	/* issue 19: from 24 h up the time is well formed, only too late */
	assert_string_equal(error_of("999999999 pedal down\n"),
	                    "1:1: '999999999' is past the end of a script: times go up to 24 h (86400.000 s)");
	assert_string_equal(error_of("86400.001 pedal down\n"),
	                    "1:1: '86400.001' is past the end of a script: times go up to 24 h (86400.000 s)");
	assert_string_equal(error_of("86400.000 pedal down\n"), "");
	/* the error fits any buffer */
	char small[8];
	script s;
	assert_int_equal(script_parse(&s, "x", 1, small, sizeof small), -1);
	assert_string_equal(small, "1:1: 'x");
}

/* Random text from the script alphabet never crashes, and every failure
 * names a line and column. */
static void test_random_text(void **st)
{
	(void)st;
	static const char alphabet[] = "0123456789. \t\n#pedal2key:spacetouchdownup-\r";
	uint64_t x = 88172645463325252ULL;
	for (int round = 0; round < 3000; round++) {
		char text[200];
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		size_t n = x % sizeof text;
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			text[i] = alphabet[x % (sizeof alphabet - 1)];
		}
		script s;
		char err[256];
		if (script_parse(&s, text, n, err, sizeof err) == 0) {
			for (size_t i = 1; i < s.count; i++)
				assert_true(s.events[i - 1].ms <= s.events[i].ms);
			script_free(&s);
		} else {
			int line, col;
			assert_int_equal(sscanf(err, "%d:%d: ", &line, &col), 2);
			assert_true(line >= 1 && col >= 1);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_random_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
