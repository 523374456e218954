/* The complaint check-in (better / same / worse since last time), its journal
 * fields, the "see a professional" rule and the kiosk's frequency advice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/complaint.h"

#define B COMPLAINT_BETTER
#define S COMPLAINT_SAME
#define W COMPLAINT_WORSE
#define N COMPLAINT_NONE

static void test_names_round_trip(void **state)
{
	(void)state;
	for (int t = COMPLAINT_BETTER; t <= COMPLAINT_WORSE; t++)
		assert_int_equal(complaint_parse(complaint_name((complaint_trend)t)), t);
	assert_string_equal(complaint_name(W), "worse");
	assert_null(complaint_name(N));
	assert_int_equal(complaint_parse("Worse"), N); /* the journal word is exact */
	assert_int_equal(complaint_parse(""), N);
	assert_int_equal(complaint_parse(NULL), N);
	assert_string_equal(complaint_label(S), "Same");
	assert_string_equal(complaint_label(N), "");
	const char *q = complaint_question();
	assert_non_null(strstr(q, "better"));
	assert_non_null(strstr(q, "same"));
	assert_non_null(strstr(q, "worse"));
}

/* One check-in line carries both answers; the target is escaped. */
static void test_checkin_fields(void **state)
{
	(void)state;
	char buf[200];
	int n = complaint_checkin_fields(buf, sizeof buf, "sore", "upper trapezius", W);
	assert_string_equal(buf, "{\"answer\":\"sore\",\"target\":\"upper trapezius\",\"complaint\":\"worse\"}");
	assert_int_equal(n, (int)strlen(buf));
	complaint_checkin_fields(buf, sizeof buf, "fine", "a \"b\"\\\tc", N);
	assert_string_equal(buf, "{\"answer\":\"fine\",\"target\":\"a \\\"b\\\"\\\\ c\"}");
	/* Cut short like snprintf: the full length comes back. */
	char small[12];
	const char *full = "{\"answer\":\"fine\",\"target\":\"calves\",\"complaint\":\"better\"}";
	assert_int_equal(complaint_checkin_fields(small, sizeof small, "fine", "calves", B), (int)strlen(full));
	assert_string_equal(small, "{\"answer\":\"");
}

static complaint_advice advise(const complaint_trend *t, size_t n)
{
	return complaint_advise(t, n);
}

/* The rule: worse now -> at once; 2 check-ins (3 sessions) without
 * improvement -> see a professional; a "better" resets the count. */
static void test_rule(void **state)
{
	(void)state;
	const complaint_trend none[] = { N };
	const complaint_trend worse[] = { B, B, W };
	const complaint_trend one_same[] = { B, S };
	const complaint_trend two_same[] = { S, S };
	const complaint_trend same_after_worse[] = { W, S };
	const complaint_trend better_resets[] = { S, S, B, S };
	const complaint_trend skipped[] = { S, N, N, S, N };
	const complaint_trend improving[] = { S, B };
	const complaint_trend old_worse[] = { W, B };
	assert_int_equal(advise(NULL, 0), COMPLAINT_ADVICE_NONE);
	assert_int_equal(advise(none, 1), COMPLAINT_ADVICE_NONE);
	assert_int_equal(advise(worse, 3), COMPLAINT_ADVICE_WORSE);
	assert_int_equal(advise(one_same, 2), COMPLAINT_ADVICE_NONE);
	assert_int_equal(advise(two_same, 2), COMPLAINT_ADVICE_NO_PROGRESS);
	assert_int_equal(advise(same_after_worse, 2), COMPLAINT_ADVICE_NO_PROGRESS);
	assert_int_equal(advise(better_resets, 4), COMPLAINT_ADVICE_NONE);
	assert_int_equal(advise(skipped, 5), COMPLAINT_ADVICE_NO_PROGRESS); /* unanswered ones do not count */
	assert_int_equal(advise(improving, 2), COMPLAINT_ADVICE_NONE);
	assert_int_equal(advise(old_worse, 2), COMPLAINT_ADVICE_NONE);
}

/* Said plainly: a professional, and why. */
static void test_texts(void **state)
{
	(void)state;
	assert_string_equal(complaint_advice_text(COMPLAINT_ADVICE_NONE), "");
	for (int a = COMPLAINT_ADVICE_WORSE; a <= COMPLAINT_ADVICE_NO_PROGRESS; a++) {
		const char *t = complaint_advice_text((complaint_advice)a);
		assert_non_null(strstr(t, "doctor or physiotherapist"));
		assert_true(strlen(t) < 160); /* short enough to show large and speak */
	}
	assert_non_null(strstr(complaint_advice_text(COMPLAINT_ADVICE_WORSE), "worse"));
	const char *f = complaint_frequency_advice();
	assert_non_null(strstr(f, "every other day"));
	assert_non_null(strstr(f, "4 to 6"));
	assert_non_null(strstr(f, "2 or 3 sessions"));
	assert_non_null(strstr(f, "worse"));
}

/* The score's better / same / worse: any drop is better, two points up is
 * worse, one point up is noise (same); a skipped score compares with nothing. */
static void test_trend_from_scores(void **state)
{
	(void)state;
	assert_int_equal(complaint_from_scores(6, 5), B);
	assert_int_equal(complaint_from_scores(6, 6), S);
	assert_int_equal(complaint_from_scores(6, 7), S);
	assert_int_equal(complaint_from_scores(6, 8), W);
	assert_int_equal(complaint_from_scores(0, 10), W);
	assert_int_equal(complaint_from_scores(-1, 5), N);
	assert_int_equal(complaint_from_scores(5, 11), N);
}

/* The "see a professional" rule on scores, one per session, oldest first. */
static void test_rule_on_scores(void **state)
{
	(void)state;
	const int first[] = { 7 };
	const int improving[] = { 7, 6, 4, 3 };
	const int stuck[] = { 7, 6, 6, 6 };        /* two sessions without improvement */
	const int once_same[] = { 7, 6, 6 };
	const int worse_now[] = { 5, 4, 6 };       /* 2 points up since last time */
	const int noise[] = { 5, 4, 5, 4 };        /* up one, down one: still improving */
	const int skipped[] = { 6, -1, 6, -1, 7 }; /* skips do not break the count */
	const int old_worse[] = { 3, 6, 5 };       /* worse once, better since */
	assert_int_equal(complaint_advise_scores(NULL, 0), COMPLAINT_ADVICE_NONE);
	assert_int_equal(complaint_advise_scores(first, 1), COMPLAINT_ADVICE_NONE);
	assert_int_equal(complaint_advise_scores(improving, 4), COMPLAINT_ADVICE_NONE);
	assert_int_equal(complaint_advise_scores(stuck, 4), COMPLAINT_ADVICE_NO_PROGRESS);
	assert_int_equal(complaint_advise_scores(once_same, 3), COMPLAINT_ADVICE_NONE);
	assert_int_equal(complaint_advise_scores(worse_now, 3), COMPLAINT_ADVICE_WORSE);
	assert_int_equal(complaint_advise_scores(noise, 4), COMPLAINT_ADVICE_NONE);
	assert_int_equal(complaint_advise_scores(skipped, 5), COMPLAINT_ADVICE_NO_PROGRESS);
	assert_int_equal(complaint_advise_scores(old_worse, 3), COMPLAINT_ADVICE_NONE);
	/* A long course: only the newest scores decide. */
	int month[40];
	for (int i = 0; i < 40; i++)
		month[i] = i < 30 ? 8 - i / 5 : 3;
	assert_int_equal(complaint_advise_scores(month, 40), COMPLAINT_ADVICE_NO_PROGRESS);
	month[39] = 2;
	assert_int_equal(complaint_advise_scores(month, 40), COMPLAINT_ADVICE_NONE);
}

/* One "pain" event's fields: an area with its side, or the check-in's target. */
static void test_pain_fields(void **state)
{
	(void)state;
	char buf[200];
	int n = complaint_pain_fields(buf, sizeof buf, "temple", "left", NULL, 6, false);
	assert_string_equal(buf, "{\"area\":\"temple\",\"side\":\"left\",\"score\":6,\"when\":\"before\"}");
	assert_int_equal(n, (int)strlen(buf));
	complaint_pain_fields(buf, sizeof buf, "low-back", "", NULL, 0, true);
	assert_string_equal(buf, "{\"area\":\"low-back\",\"score\":0,\"when\":\"after\"}");
	complaint_pain_fields(buf, sizeof buf, NULL, NULL, "upper \"trap\"", 10, true);
	assert_string_equal(buf, "{\"target\":\"upper \\\"trap\\\"\",\"score\":10,\"when\":\"after\"}");
	assert_non_null(strstr(complaint_score_question(), "0"));
	assert_non_null(strstr(complaint_score_question(), "10"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_checkin_fields),
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_trend_from_scores),
		cmocka_unit_test(test_rule_on_scores),
		cmocka_unit_test(test_pain_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
