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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_checkin_fields),
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
