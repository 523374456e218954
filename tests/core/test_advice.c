/* The domain sentences of the preview and the summary (core/advice.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/advice.h"

static void course_groups_targets_by_session(void **state)
{
	(void)state;
	const char *tg[] = { "upper trapezius", "levator scapulae", "pectoralis major", "new one" };
	int cnt[] = { 2, 2, 1, 0 };
	char buf[320];
	assert_string_equal(advice_course(buf, sizeof buf, tg, cnt, 4),
	                    "Session 2 of the usual 4-6: upper trapezius, levator scapulae"
	                    " \xC2\xB7 session 1: pectoralis major");
}

static void course_past_the_usual_says_so(void **state)
{
	(void)state;
	const char *tg[] = { "calves", "soleus" };
	int cnt[] = { 7, 3 };
	char buf[320];
	assert_string_equal(advice_course(buf, sizeof buf, tg, cnt, 2),
	                    "Session 7 (past the usual 4-6: worth showing to a physiotherapist): calves"
	                    " \xC2\xB7 session 3: soleus");
	int none[] = { 0, 0 };
	assert_string_equal(advice_course(buf, sizeof buf, tg, none, 2), "");
}

static void course_cut_short_ends_in_dots(void **state)
{
	(void)state;
	const char *tg[] = { "a very long target name indeed", "another very long target name" };
	int cnt[] = { 1, 1 };
	char buf[40];
	advice_course(buf, sizeof buf, tg, cnt, 2);
	assert_int_equal(strlen(buf), sizeof buf - 1);
	assert_string_equal(buf + sizeof buf - 4, "...");
}

static void overtreat_is_a_sentence(void **state)
{
	(void)state;
	char buf[256];
	advice_overtreat(buf, sizeof buf, "calves", -3, 24); /* a clock set back: "less than an hour" */
	assert_non_null(strstr(buf, "Calves was treated less than an hour ago. Give it 24 h"));
	advice_overtreat(buf, sizeof buf, "upper trapezius", 6, 24);
	assert_int_equal(buf[0], 'U');
}

static void compare_same_or_since(void **state)
{
	(void)state;
	char buf[256];
	assert_string_equal(advice_compare(buf, sizeof buf, "same discomfort, same time"), "The same as last time.");
	assert_string_equal(advice_compare(buf, sizeof buf, "1 discomfort fewer"), "Since last time: 1 discomfort fewer.");
}

static void checkin_fields_are_escaped_json(void **state)
{
	(void)state;
	char buf[400];
	assert_string_equal(advice_checkin_fields(buf, sizeof buf, "sore", "a \"quoted\\\" one\n"),
	                    "{\"answer\":\"sore\",\"target\":\"a \\\"quoted\\\\\\\" one \"}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(course_groups_targets_by_session),
		cmocka_unit_test(course_past_the_usual_says_so),
		cmocka_unit_test(course_cut_short_ends_in_dots),
		cmocka_unit_test(overtreat_is_a_sentence),
		cmocka_unit_test(compare_same_or_since),
		cmocka_unit_test(checkin_fields_are_escaped_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
