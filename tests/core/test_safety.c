/* Tests of the safety texts: the screen says what a user must know before
 * pressing on anything, and the formatted lines read right at their limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "core/safety.h"

/* Case-insensitive substring search over every item of a set of sections. */
static int mentions(const safety_section *s, size_t n, const char *needle)
{
	size_t len = strlen(needle);

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < s[i].count; k++)
			for (const char *p = s[i].items[k]; *p; p++)
				if (strncasecmp(p, needle, len) == 0)
					return 1;
	return 0;
}

static const char *const essentials[] = {
	"not a diagnosis", "injury", "fracture", "osteoporosis", "blood thinners",
	"bleeding disorder", "pregnan", "varicose", "thrombosis", "open wounds", "infection",
	"surgery", "cancer", "numbness", "tingling", "sharp", "shooting", "builds", "5 to 7 out of 10",
	"breathe", "diabetes", "calf", "chest pain", "headache", "bladder", "collarbone", "armpit",
	"kidney",
};

static void check_sections(const safety_section *s, size_t n, size_t max_item, size_t want)
{
	assert_int_equal(n, want);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(s[i].heading);
		assert_true(s[i].count > 0);
		for (size_t k = 0; k < s[i].count; k++) {
			assert_true(strlen(s[i].items[k]) > 10);
			if (strlen(s[i].items[k]) > max_item)
				fail_msg("\"%s\" is longer than %zu bytes", s[i].items[k], max_item);
		}
	}
	for (size_t i = 0; i < sizeof essentials / sizeof essentials[0]; i++)
		if (!mentions(s, n, essentials[i]) && !strstr(safety_title(), essentials[i]))
			fail_msg("the safety text never mentions \"%s\"", essentials[i]);
	/* One stop rule: nothing says "radiat..." is a stop sign any more (referral
	 * radiates too); the warning sections are the red flags and the stop rule. */
	size_t warn = 0;
	for (size_t i = 0; i < n; i++)
		warn += s[i].warn != 0;
	assert_int_equal(warn, 2);
	assert_false(mentions(s, n, "radiat"));
}

static void test_screen_covers_the_essentials(void **state)
{
	(void)state;
	size_t n, nd;
	const safety_section *s = safety_sections(&n), *d = safety_details(&nd);

	/* the screen is short enough to fit; the page says the same at length */
	check_sections(s, n, SAFETY_SHORT_MAX, 4);
	check_sections(d, nd, 1000, 5);
	/* The screen's red flags come first; "not a diagnosis" is in its title. */
	assert_true(s[0].warn && mentions(s, 1, "emergency"));
	assert_non_null(strstr(safety_title(), "not a diagnosis"));
	for (size_t i = 0; i < n; i++) {
		size_t total = 0;
		for (size_t k = 0; k < s[i].count; k++)
			total += strlen(s[i].items[k]);
		assert_true(total <= 300); /* one card of the 800x480 screen */
	}
	assert_non_null(strstr(safety_reminder(), "not a diagnosis"));
	assert_true(strlen(safety_title()) > 0);
	assert_true(strlen(safety_accept_prompt()) > 0);
}

static void test_ease_off_for_every_tool(void **state)
{
	(void)state;
	for (int t = ROUTINE_TOOL_NONE; t < ROUTINE_TOOL_COUNT; t++)
		assert_non_null(strstr(safety_ease_off((routine_tool)t), "Ease off the pressure"));
	/* worded for the tool in hand */
	assert_non_null(strstr(safety_ease_off(ROUTINE_TOOL_BALL), "ball"));
	assert_non_null(strstr(safety_ease_off(ROUTINE_TOOL_ROLLER), "roll"));
	assert_non_null(strstr(safety_ease_off(ROUTINE_TOOL_HAND), "fingers"));
	assert_non_null(strstr(safety_skip_offer(), "skip"));
}

static void test_aftercare(void **state)
{
	(void)state;
	const safety_section *a = safety_aftercare();
	char all[2048] = "";

	for (size_t i = 0; i < a->count; i++)
		strncat(all, a->items[i], sizeof all - strlen(all) - 1);
	assert_non_null(strstr(all, "24 to 48 hours"));
	assert_non_null(strstr(all, "water"));
	assert_non_null(strstr(all, "stretch"));
	assert_non_null(strstr(all, "physiotherapist"));
	assert_non_null(strstr(all, "persists"));
}

static void test_course_line(void **state)
{
	(void)state;
	char buf[200];

	assert_string_equal(safety_course(buf, sizeof buf, "Piriformis", 2),
	                    "Piriformis: session 2 of the 4-6 a chronic trigger point usually needs.");
	/* past the usual course: suggest a professional instead of counting on */
	assert_non_null(strstr(safety_course(buf, sizeof buf, "Calves", 7), "physiotherapist"));
	assert_non_null(strstr(safety_course(buf, sizeof buf, NULL, 0), "session 1 of"));
	/* a short buffer truncates, never overflows */
	assert_int_equal(strlen(safety_course(buf, 10, "Upper trapezius", 3)), 9);
	assert_null(safety_course(NULL, 0, "x", 1));
	assert_non_null(strstr(safety_course_note(), "4 to 6"));
}

static void test_overtreat_line(void **state)
{
	(void)state;
	char buf[200];

	assert_string_equal(safety_overtreat(buf, sizeof buf, "Upper trapezius", 6, 24),
	                    "Upper trapezius was treated 6 h ago. Give it 24 h to recover, or go very lightly today.");
	assert_non_null(strstr(safety_overtreat(buf, sizeof buf, "Calves", 0, 0), "less than an hour ago"));
	assert_non_null(strstr(buf, "48 h")); /* the default window: every other day */
	assert_non_null(strstr(safety_checkin_answers(), "Tap"));
	assert_non_null(strstr(safety_checkin_answers(), "Hold"));
	assert_true(strlen(safety_checkin_question()) > 0);
	assert_non_null(strstr(safety_checkin_sore_advice(), "lighter"));
	assert_non_null(strstr(safety_checkin_sore_advice(), "still sore or bruised from last time"));
	assert_null(strstr(safety_checkin_sore_advice(), "tender to touch"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_screen_covers_the_essentials),
		cmocka_unit_test(test_ease_off_for_every_tool),
		cmocka_unit_test(test_aftercare),
		cmocka_unit_test(test_course_line),
		cmocka_unit_test(test_overtreat_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
