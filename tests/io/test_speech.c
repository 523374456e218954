/* Tests for src/io/speech.c: the announcement words (numbers in words, what is
 * said at which entry) and, when built with espeak-ng, that it really speaks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/routine.h"
#include "io/speech.h"

static void test_number_words(void **state)
{
	(void)state;
	char b[128];
	assert_string_equal(speech_number_words(0, b, sizeof b), "zero");
	assert_string_equal(speech_number_words(7, b, sizeof b), "seven");
	assert_string_equal(speech_number_words(13, b, sizeof b), "thirteen");
	assert_string_equal(speech_number_words(20, b, sizeof b), "twenty");
	assert_string_equal(speech_number_words(42, b, sizeof b), "forty-two");
	assert_string_equal(speech_number_words(100, b, sizeof b), "one hundred");
	assert_string_equal(speech_number_words(125, b, sizeof b), "one hundred twenty-five");
	assert_string_equal(speech_number_words(900, b, sizeof b), "nine hundred");
	assert_string_equal(speech_number_words(1001, b, sizeof b), "one thousand one");
	assert_string_equal(speech_number_words(14400, b, sizeof b), "fourteen thousand four hundred");
	char small[8];
	assert_string_equal(speech_number_words(777, small, sizeof small), "seven h"); /* truncated, terminated */
}

static void test_duration_words(void **state)
{
	(void)state;
	char b[128];
	assert_string_equal(speech_duration_words(1, b, sizeof b), "one second");
	assert_string_equal(speech_duration_words(60, b, sizeof b), "sixty seconds");
	assert_string_equal(speech_duration_words(90, b, sizeof b), "ninety seconds");
	assert_string_equal(speech_duration_words(120, b, sizeof b), "two minutes");
	assert_string_equal(speech_duration_words(150, b, sizeof b), "two and a half minutes");
	assert_string_equal(speech_duration_words(130, b, sizeof b), "two minutes ten seconds");
	assert_string_equal(speech_duration_words(181, b, sizeof b), "three minutes one second");
	assert_string_equal(speech_duration_words(900, b, sizeof b), "fifteen minutes");
}

static const char ROUTINE[] =
	"{ \"format\": 1, \"title\": \"t\", \"defaults\": { \"transition_s\": 5 },\n"
	"  \"steps\": [\n"
	"    { \"kind\": \"compression\", \"tool\": \"ball\", \"target\": \"upper trapezius\",\n"
	"      \"sides\": [\"left\", \"right\"], \"duration_s\": 60 },\n"
	"    { \"kind\": \"rest\", \"duration_s\": 15 },\n"
	"    { \"kind\": \"stretch\", \"target\": \"levator scapulae\", \"sides\": [\"right\"],\n"
	"      \"duration_s\": 30, \"transition_s\": 0 },\n"
	"    { \"kind\": \"rolling\", \"tool\": \"roller\", \"target\": \"thoracic extensors\",\n"
	"      \"duration_s\": 150, \"transition_s\": 0, \"cues\": { \"voice\": false } },\n"
	"    { \"kind\": \"compression\", \"tool\": \"ball\", \"target\": \"infraspinatus\",\n"
	"      \"duration_s\": 90, \"ends\": \"tap\", \"min_s\": 20,\n"
	"      \"caution\": \"Keep off the armpit.\",\n"
	"      \"placement\": \"Lie on the ball, below the shoulder blade's spine.\" } ] }\n";

/* What is said at each entry: a transition announces its step, the step
 * itself then stays quiet; entries without a transition announce themselves. */
static void test_announcements(void **state)
{
	(void)state;
	routine_diags d = {0};
	routine *r = routine_parse("t.json", ROUTINE, strlen(ROUTINE), &d);
	routine_diags_free(&d);
	assert_non_null(r);
	static const char *const want[] = {
		"Upper trapezius, left side. Use the ball. Sixty seconds.",  /* transition */
		"",                                            /* compression left */
		"Upper trapezius, right side. Use the ball. Sixty seconds.", /* transition */
		"",                                            /* compression right */
		"Rest. Fifteen seconds.",                      /* rest: no transition */
		"Stretch. Levator scapulae, right side. Thirty seconds.",
		"",                                            /* rolling, voice off */
		/* transition of a tap step: its caution is said first (issue 18),
		 * then the target, the tool, where it goes, how long */
		"Caution: Keep off the armpit. Infraspinatus. Use the ball. "
		"Lie on the ball, below the shoulder blade's spine. Up to ninety seconds.",
		"",
	};
	/* "names": the target and the side only, at the same entries */
	static const char *const names[] = {
		"Upper trapezius, left side.", "", "Upper trapezius, right side.", "", "Rest.",
		"Levator scapulae, right side.", "", "Infraspinatus.", "",
	};
	assert_int_equal(routine_length(r), sizeof want / sizeof want[0]);
	char b[256];
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		size_t n = speech_announcement(r, i, b, sizeof b);
		assert_string_equal(b, want[i]);
		assert_int_equal(n, strlen(want[i]));
	}
	assert_int_equal(speech_announcement(r, 99, b, sizeof b), 0);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n = speech_names(r, i, b, sizeof b);
		assert_string_equal(b, names[i]);
		assert_int_equal(n, strlen(names[i]));
	}
	assert_int_equal(speech_names(r, 99, b, sizeof b), 0);
	routine_free(r);
}

/* With espeak-ng the words become audible PCM; without it, a clear refusal. */
static void test_render(void **state)
{
	(void)state;
	int16_t *pcm = NULL;
	size_t n = 0;
	int rate = 0;
	char err[256] = "";
	int rc = speech_render("Left side. Upper trapezius. Sixty seconds.", &pcm, &n, &rate,
	                       err, sizeof err);
	if (!speech_available()) {
		assert_int_equal(rc, -1);
		assert_non_null(strstr(err, "without espeak-ng"));
		return;
	}
	assert_int_equal(rc, 0);
	assert_true(rate >= 8000);
	/* Seven words take well over a second, and far less than ten. */
	assert_in_range(n, (size_t)rate * 3 / 2, (size_t)rate * 10);
	int peak = 0;
	for (size_t i = 0; i < n; i++)
		peak = abs(pcm[i]) > peak ? abs(pcm[i]) : peak;
	assert_true(peak > 3000);
	free(pcm);
	/* Again, as the next routine's rendering would: espeak-ng stays usable. */
	pcm = NULL;
	assert_int_equal(speech_render("Rest. Fifteen seconds.", &pcm, &n, &rate, err, sizeof err), 0);
	assert_true(n > (size_t)rate / 2);
	free(pcm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_words),
		cmocka_unit_test(test_duration_words),
		cmocka_unit_test(test_announcements),
		cmocka_unit_test(test_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
