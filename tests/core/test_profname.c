/* profname: names in any script are accepted, control characters, slashes
 * and dots-only names are refused; the journal file name is safe (only
 * [A-Za-z0-9_%-]), old ASCII names keep their file, the encoding reverses,
 * and distinct names never share a file name. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "core/profname.h"

static void test_check(void **state)
{
	(void)state;
	const char *ok[] = {"anna", "ben-2", "J\xC3\xBCrgen", "Zo\xC3\xAB", "\xE5\xB1\xB1\xE7\x94\xB0",
	                    "Anna Maria", "O'Neil", "d.r.", "\xD9\x85\xD8\xB1\xD9\x8A\xD9\x85"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		assert_null(profname_check(ok[i]));
	const char *bad[] = {"", "a/b", "..", ".", " . ", "a\\b", "C:", "a\tb", "a\x1b[2J",
	                     "a\xC2\x85", "\xFF\xFE", "ab\xE2\x80\xAE" "cd", " anna", "anna "};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_non_null(profname_check(bad[i]));
}

static void test_encode(void **state)
{
	(void)state;
	char out[64], back[64];
	assert_int_equal(profname_encode("anna", out, sizeof out), 0);
	assert_string_equal(out, "anna"); /* journal-anna.jsonl, as before */
	assert_int_equal(profname_encode("ben_2-x", out, sizeof out), 0);
	assert_string_equal(out, "ben_2-x");
	assert_int_equal(profname_encode("J\xC3\xBCrgen", out, sizeof out), 0);
	assert_string_equal(out, "J%C3%BCrgen");
	assert_int_equal(profname_encode("\xE5\xB1\xB1\xE7\x94\xB0", out, sizeof out), 0);
	assert_string_equal(out, "%E5%B1%B1%E7%94%B0");
	assert_int_equal(profname_encode("d.r. 5%", out, sizeof out), 0);
	assert_string_equal(out, "d%2Er%2E%205%25");
	assert_int_equal(profname_decode(out, back, sizeof back), 0);
	assert_string_equal(back, "d.r. 5%");
	/* too small */
	assert_int_equal(profname_encode("J\xC3\xBCrgen", out, 6), -1);
}

/* Round trip, and only safe bytes in the file name. */
static void test_round_trip(void **state)
{
	(void)state;
	const char *names[] = {"anna", "J\xC3\xBCrgen", "Zo\xC3\xAB", "\xE5\xB1\xB1\xE7\x94\xB0",
	                       "Anna Maria", "100%", "%41", "a%2Fb"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char enc[200], back[64];
		assert_int_equal(profname_encode(names[i], enc, sizeof enc), 0);
		for (const char *p = enc; *p; p++)
			assert_non_null(strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_%", *p));
		assert_int_equal(profname_decode(enc, back, sizeof back), 0);
		assert_string_equal(back, names[i]);
		/* distinct names, distinct files */
		for (size_t k = 0; k < i; k++) {
			char other[200];
			assert_int_equal(profname_encode(names[k], other, sizeof other), 0);
			assert_string_not_equal(enc, other);
		}
	}
}

/* A file name encode would never write is no profile: "%41" ("A" written
 * the long way) would otherwise be a second file for "A". */
static void test_decode_refuses(void **state)
{
	(void)state;
	char out[64];
	const char *bad[] = {"%41", "%2", "%zz", "a.b", "a b", "%2F", "%2E%2E", "%c3%bc", "%00", ""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(profname_decode(bad[i], out, sizeof out), -1);
	assert_int_equal(profname_decode("J%C3%BCrgen", out, 4), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_decode_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
