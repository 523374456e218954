/* textwrap: lines break at word boundaries in every language, measured with
 * a fake width (10 px per character, 20 px per CJK character, so the
 * expected lines are worked out by hand): German and Polish long words are
 * never cut while they fit a line, a word wider than the line is cut with a
 * visible hyphen, Japanese breaks between characters but not before 、。 or
 * a small kana, nor after 「. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "ui/textwrap.h"

/* 10 px per character, 20 px per character of 3 bytes or more (CJK). */
static int fake_width(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80)
			continue;
		w += c >= 0xE0 ? 20 : 10;
	}
	return w;
}

/* Wraps s into at most 16 lines of maxw and checks them against want[]. */
static void expect(const char *s, int maxw, const char *const *want, size_t nwant, bool more_ok)
{
	textwrap_line l[16];
	bool more;
	int n = textwrap_lines(fake_width, NULL, s, maxw, true, 16, l, &more);
	for (int i = 0; i < n; i++)
		print_message("  [%s] %d\n", l[i].s, l[i].w);
	assert_int_equal(n, (int)nwant);
	assert_int_equal(more, more_ok);
	for (size_t i = 0; i < nwant; i++) {
		assert_string_equal(l[i].s, want[i]);
		assert_true(l[i].w <= maxw);
		assert_int_equal(l[i].w, fake_width(NULL, l[i].s, strlen(l[i].s)));
	}
	textwrap_free(l, n);
}

/* German: "Übertragungsschmerz" (19 letters, 190 px) fits a 200 px line, so
 * it moves whole to the next line instead of being cut. */
static void test_german_whole_words(void **state)
{
	(void)state;
	const char *want[] = {"Der", "Übertragungsschmerz", "strahlt aus."};
	expect("Der Übertragungsschmerz strahlt aus.", 200, want, 3, false);
}

/* Polish with its diacritics (2-byte UTF-8): breaks only at spaces. */
static void test_polish(void **state)
{
	(void)state;
	const char *want[] = {"Połóż piłeczkę pod", "mięśniem", "czworobocznym i", "oddychaj", "spokojnie."};
	expect("Połóż piłeczkę pod mięśniem czworobocznym i oddychaj spokojnie.", 180, want, 5, false);
}

/* A word wider than the line is the only thing cut, and the cut shows a
 * hyphen that fits the line too. */
static void test_overlong_word_hyphen(void **state)
{
	(void)state;
	const char *want[] = {"Obersch-", "enkelmu-", "skulatur", "links"};
	expect("Oberschenkelmuskulatur links", 80, want, 4, false);
}

/* An Arabic word wider than the line is cut without a hyphen (Arabic does
 * not hyphenate; a Latin hyphen would stand on the wrong side). */
static void test_overlong_arabic_no_hyphen(void **state)
{
	(void)state;
	/* 8 letters of 2 bytes: 80 px, cut at 50 */
	const char *want[] = {"\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB6\xD9\x84",
	                      "\xD8\xA9\xD8\xA7\xD9\x84"};
	expect("\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB6\xD9\x84\xD8\xA9\xD8\xA7\xD9\x84", 50, want, 2, false);
}

/* A compound with its own hyphen breaks after that hyphen first. */
static void test_breaks_after_hyphen(void **state)
{
	(void)state;
	const char *want[] = {"Nacken-", "Schulter-", "Bereich"};
	expect("Nacken-Schulter-Bereich", 150, want, 3, false);
	const char *wide[] = {"Nacken-Schulter-", "Bereich"};
	expect("Nacken-Schulter-Bereich", 160, wide, 2, false);
}

/* Japanese: between characters (20 px each: 5 per 100 px line), never
 * starting a line with 。 or a small kana, never ending one with 「. */
static void test_japanese_between_characters(void **state)
{
	(void)state;
	const char *want1[] = {"首と肩のこり", "をほぐす。"};
	expect("首と肩のこりをほぐす。", 120, want1, 2, false);
	const char *want2[] = {"ボールを", "「ゆっくり」", "押す。"};
	/* ボールを「 is 100 px but may not end on 「; っ may not start a line */
	expect("ボールを「ゆっくり」押す。", 120, want2, 3, false);
}

/* Japanese at 5 characters per line where a plain cut would leave 。 alone
 * on the last line: す moves down with it. */
static void test_japanese_no_line_starts_with_full_stop(void **state)
{
	(void)state;
	const char *want[] = {"首と肩のこ", "りをほぐ", "す。"};
	expect("首と肩のこりをほぐす。", 100, want, 3, false);
	textwrap_line l[8];
	bool more;
	int n = textwrap_lines(fake_width, NULL, "肩のこりをほぐす。", 100, true, 8, l, &more);
	assert_false(more);
	for (int i = 0; i < n; i++) {
		print_message("  [%s]\n", l[i].s);
		assert_true(l[i].w <= 100);
		assert_false(strncmp(l[i].s, "。", strlen("。")) == 0);
	}
	textwrap_free(l, n);
}

/* One line only: too long is reported, '\n' is no break. */
static void test_single_line(void **state)
{
	(void)state;
	textwrap_line l[2];
	bool more;
	int n = textwrap_lines(fake_width, NULL, "kurz", 100, false, 1, l, &more);
	assert_int_equal(n, 1);
	assert_false(more);
	assert_string_equal(l[0].s, "kurz");
	textwrap_free(l, n);
	n = textwrap_lines(fake_width, NULL, "Triggerpunkt Übertragungsschmerz", 200, false, 1, l, &more);
	assert_true(more);
	textwrap_free(l, n);
}

/* The ellipsis replaces whole characters, never half a UTF-8 sequence. */
static void test_ellipsis_utf8(void **state)
{
	(void)state;
	textwrap_line l[2];
	bool more;
	int n = textwrap_lines(fake_width, NULL, "żółć", 100, false, 1, l, &more);
	assert_int_equal(n, 1);
	textwrap_ellipsize(fake_width, NULL, &l[0], 40);
	assert_string_equal(l[0].s, "żó\xE2\x80\xA6");
	textwrap_free(l, n);
}

/* The widest piece no line may break inside: a word, a CJK character. */
static void test_widest(void **state)
{
	(void)state;
	assert_int_equal(textwrap_widest(fake_width, NULL, "ab Faszienrolle cd"), 120);
	assert_int_equal(textwrap_widest(fake_width, NULL, "one\ntwo three  "), 50);
	assert_int_equal(textwrap_widest(fake_width, NULL, "\xE6\x97\xA5\xE6\x9C\xAC"), 20); /* 日本 */
	assert_int_equal(textwrap_widest(fake_width, NULL, ""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_german_whole_words),
		cmocka_unit_test(test_polish),
		cmocka_unit_test(test_overlong_word_hyphen),
		cmocka_unit_test(test_overlong_arabic_no_hyphen),
		cmocka_unit_test(test_breaks_after_hyphen),
		cmocka_unit_test(test_japanese_between_characters),
		cmocka_unit_test(test_japanese_no_line_starts_with_full_stop),
		cmocka_unit_test(test_single_line),
		cmocka_unit_test(test_widest),
		cmocka_unit_test(test_ellipsis_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
