/* jsonpos (positions by JSON path, strict syntax), utf8 and suggest: the
 * helpers the routine validator's messages rest on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/jsonpos.h"
#include "core/suggest.h"
#include "core/utf8.h"

static void test_positions_by_path(void **st)
{
	(void)st;
	const char *t = "{\n  \"a\": [1, {\"b\": \"x\"}],\n\t\"c\": {}\n}";
	jsonpos *m = jsonpos_scan(t, strlen(t));
	assert_non_null(m);
	assert_true(jsonpos_ok(m));
	assert_int_equal(jsonpos_issue_count(m), 0);
	int l, c, kl, kc;
	assert_true(jsonpos_find(m, "", &l, &c, &kl, &kc));
	assert_int_equal(l, 1); assert_int_equal(c, 1); assert_int_equal(kl, 0);
	assert_true(jsonpos_find(m, "a", &l, &c, &kl, &kc));
	assert_int_equal(l, 2); assert_int_equal(c, 8); assert_int_equal(kl, 2); assert_int_equal(kc, 3);
	assert_true(jsonpos_find(m, "a[0]", &l, &c, NULL, NULL));
	assert_int_equal(c, 9);
	assert_true(jsonpos_find(m, "a[1].b", &l, &c, &kl, &kc));
	assert_int_equal(l, 2); assert_int_equal(c, 18); assert_int_equal(kc, 13);
	/* A tab is one byte: columns are in bytes. */
	assert_true(jsonpos_find(m, "c", &l, &c, &kl, &kc));
	assert_int_equal(l, 3); assert_int_equal(kc, 2); assert_int_equal(c, 7);
	assert_false(jsonpos_find(m, "a[2]", NULL, NULL, NULL, NULL));
	assert_false(jsonpos_find(m, "b", NULL, NULL, NULL, NULL));
	jsonpos_free(m);
	jsonpos_free(NULL);
}

static void test_escaped_keys_are_decoded(void **st)
{
	(void)st;
	const char *t = "{\"k\\u00e9y\": 1, \"a\\\"b\": 2}";
	jsonpos *m = jsonpos_scan(t, strlen(t));
	int c;
	assert_true(jsonpos_find(m, "k\xC3\xA9y", NULL, &c, NULL, NULL));
	assert_int_equal(c, 14);
	assert_true(jsonpos_find(m, "a\"b", NULL, &c, NULL, NULL));
	assert_int_equal(c, 25);
	jsonpos_free(m);
}

static void test_duplicates_and_utf8(void **st)
{
	(void)st;
	/* "a" and "\u0061" are the same key. */
	const char *t = "{\"a\": 1,\n \"b\": \"\xFF\", \"\\u0061\": 2}";
	jsonpos *m = jsonpos_scan(t, strlen(t));
	assert_true(jsonpos_ok(m));
	assert_int_equal(jsonpos_issue_count(m), 2);
	const jsonpos_issue *i = jsonpos_issue_at(m, 0);
	assert_int_equal(i->kind, JSONPOS_BAD_UTF8);
	assert_int_equal(i->line, 2); assert_int_equal(i->column, 8);
	assert_string_equal(i->path, "b");
	i = jsonpos_issue_at(m, 1);
	assert_int_equal(i->kind, JSONPOS_DUPLICATE_KEY);
	assert_int_equal(i->line, 2); assert_int_equal(i->column, 12);
	assert_string_equal(i->path, "a");
	assert_string_equal(i->message, "duplicate key \"a\" (first at 1:2)");
	assert_null(jsonpos_issue_at(m, 2));
	jsonpos_free(m);
}

static void test_many_keys_duplicate_found(void **st)
{
	(void)st;
	/* Past the hash table's first growth, a duplicate is still found. */
	char t[8192] = "{";
	for (int k = 0; k < 500; k++) {
		char one[32];
		snprintf(one, sizeof one, "%s\"k%d\":%d", k ? "," : "", k, k);
		strcat(t, one);
	}
	strcat(t, ",\"k123\":0}");
	jsonpos *m = jsonpos_scan(t, strlen(t));
	assert_int_equal(jsonpos_issue_count(m), 1);
	assert_int_equal(jsonpos_issue_at(m, 0)->kind, JSONPOS_DUPLICATE_KEY);
	assert_string_equal(jsonpos_issue_at(m, 0)->path, "k123");
	jsonpos_free(m);
}

static void test_syntax_stops_scan(void **st)
{
	(void)st;
	const char *t = "{\"a\": [1 2]}";
	jsonpos *m = jsonpos_scan(t, strlen(t));
	assert_false(jsonpos_ok(m));
	const jsonpos_issue *i = jsonpos_issue_at(m, 0);
	assert_int_equal(i->kind, JSONPOS_SYNTAX);
	assert_int_equal(i->column, 10);
	assert_string_equal(i->path, "a");
	assert_string_equal(i->message, "invalid JSON: unexpected '2'; expected ',' or ']'");
	/* What was scanned before the error is still there. */
	assert_true(jsonpos_find(m, "a", NULL, NULL, NULL, NULL));
	jsonpos_free(m);
	int l, c;
	jsonpos_line_col("ab\ncd\n", 6, 4, &l, &c);
	assert_int_equal(l, 2); assert_int_equal(c, 2);
}

/* What the bad-input corpus (tests/data/bad) found: a "\u0000" escape cut the
 * string short without a word (the title "T\u0000hidden" loaded as "T"), old
 * Mac files (lone CR) were all on line 1, and UTF-16 or NUL bytes were only
 * "unexpected byte". */
static void test_bad_input_regressions(void **st)
{
	(void)st;
	static const struct { const char *t; size_t len; int line, col; const char *msg; } cases[] = {
		{ "{\"t\": \"T\\u0000hidden\"}", 0, 1, 9,
		  "invalid JSON: \\u0000 (a NUL character) is not allowed in a string" },
		{ "{\r\"a\": 1,\r\"b\": x}", 0, 3, 6, NULL },
		{ "{\r\n\"a\": 1,\r\n\"b\": x}", 0, 3, 6, NULL },
		{ "\xFF\xFE{\0}\0", 6, 1, 1,
		  "invalid JSON: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8" },
		{ "{\0\"\0", 4, 1, 2, "invalid JSON: a NUL byte (0x00): not a text file, or UTF-16; save it as UTF-8" },
		{ "{}\n\0\0", 5, 2, 1, "invalid JSON: NUL bytes after the end of the JSON value (a damaged file?)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].t);
		jsonpos *m = jsonpos_scan(cases[i].t, len);
		assert_non_null(m);
		assert_false(jsonpos_ok(m));
		const jsonpos_issue *is = jsonpos_issue_at(m, 0);
		assert_int_equal(is->line, cases[i].line);
		assert_int_equal(is->column, cases[i].col);
		if (cases[i].msg)
			assert_string_equal(is->message, cases[i].msg);
		jsonpos_free(m);
	}
	int l, c;
	jsonpos_line_col("a\rb\r\ncd", 7, 5, &l, &c);
	assert_int_equal(l, 3); assert_int_equal(c, 1);
}

static void test_utf8(void **st)
{
	(void)st;
	uint32_t cp;
	assert_int_equal(utf8_decode("\xE2\x80\x94", 3, &cp), 3);
	assert_int_equal(cp, 0x2014);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x8C", 4, &cp), 4);
	assert_int_equal(cp, 0x1F60C);
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 0);        /* overlong '/' */
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0);    /* surrogate */
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);/* past U+10FFFF */
	assert_int_equal(utf8_decode("\xE2\x80", 2, &cp), 0);        /* cut short */
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_invalid_at("ok \xC3\xA9 \xFF!", 8), 6);
	assert_true(utf8_valid("caf\xC3\xA9", 5));
	assert_int_equal(utf8_count("caf\xC3\xA9", 5), 4);
	/* Cutting never splits a character. */
	assert_int_equal(utf8_fit("ab\xC3\xA9", 4, 3), 2);
	assert_int_equal(utf8_fit("ab\xC3\xA9", 4, 4), 4);
	assert_int_equal(utf8_fit("abc", 3, 10), 3);
}
/* Issue 19: a lookup used to walk every scanned value, so a validator with
 * one message per value did quadratic work (100,000 "left" in a 700 KB
 * routine: half a minute). Counted in values compared, not in seconds, so
 * that a loaded machine cannot make it flaky. */
static void test_find_is_constant_time(void **st)
{
	(void)st;
	enum { N = 100000 };
	static char t[N * 7 + 16];
	size_t n = 0;
	t[n++] = '[';
	for (int i = 0; i < N; i++) {
		memcpy(t + n, i ? ",\"left\"" : "\"left\"", i ? 7 : 6);
		n += i ? 7 : 6;
	}
	t[n++] = ']';
	jsonpos *m = jsonpos_scan(t, n);
	assert_non_null(m);
	assert_true(jsonpos_ok(m));
	assert_int_equal(jsonpos_probes(m), 0);
	int l, c;
	for (int i = 0; i < N; i++) {
		char p[32];
		snprintf(p, sizeof p, "[%d]", i);
		assert_true(jsonpos_find(m, p, &l, &c, NULL, NULL));
		assert_int_equal(c, 2 + 7 * i);
	}
	/* A missing path ends at an empty slot too. */
	assert_false(jsonpos_find(m, "[100000]", NULL, NULL, NULL, NULL));
	/* A hash table at most half full: about 1.5 values compared per lookup;
	 * the old walk compared N / 2 on average (5e9 in all). */
	assert_true(jsonpos_probes(m) < 4 * (size_t)N);
	jsonpos_free(m);
}

static void test_suggest(void **st)
{
	(void)st;
	static const char *const keys[] = { "kind", "tool", "duration_s", "times", "steps", "transition_s" };
	assert_int_equal(suggest_distance("rihgt", "right"), 1);   /* a swap is one edit */
	assert_int_equal(suggest_distance("Title", "title"), 0);   /* case does not count */
	assert_int_equal(suggest_distance("", "abc"), 3);
	assert_string_equal(suggest_closest("duraton_s", keys, 6), "duration_s");
	assert_string_equal(suggest_closest("time", keys, 6), "times");
	assert_string_equal(suggest_closest("transition", keys, 6), "transition_s");
	assert_string_equal(suggest_closest("KIND", keys, 6), "kind");
	assert_null(suggest_closest("colour", keys, 6));
	assert_null(suggest_closest("to", keys, 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions_by_path),
		cmocka_unit_test(test_escaped_keys_are_decoded),
		cmocka_unit_test(test_duplicates_and_utf8),
		cmocka_unit_test(test_many_keys_duplicate_found),
		cmocka_unit_test(test_syntax_stops_scan),
		cmocka_unit_test(test_bad_input_regressions),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_find_is_constant_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
