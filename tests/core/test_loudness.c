/* loudness: speech brought to the cues' loudness without clipping. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "core/loudness.h"

/* A quiet "utterance": silence, bursts of a 200 Hz tone with a 2 kHz
 * overtone and gaps between them (a crest factor like speech), silence. */
static int16_t *utterance(size_t n, double amp, size_t lead)
{
	int16_t *p = calloc(n, sizeof *p);
	for (size_t i = lead; i < n - lead; i++) {
		double t = (double)i / 22050.0;
		double env = fmod(t, 0.5) < 0.35 ? sin(M_PI * fmod(t, 0.5) / 0.35) : 0.0;
		double x = amp * env * env * (0.7 * sin(2 * M_PI * 200 * t) + 0.3 * sin(2 * M_PI * 2000 * t));
		p[i] = (int16_t)lrint(x * 32767);
	}
	return p;
}

static void test_rms_of_known_signals(void **st)
{
	(void)st;
	int16_t sq[1000], sine[22050];
	for (size_t i = 0; i < 1000; i++)
		sq[i] = i % 2 ? 16384 : -16384; /* half scale: -6.02 dB */
	assert_true(fabs(loudness_rms_db(sq, 1000) - -6.02) < 0.01);
	for (size_t i = 0; i < 22050; i++)
		sine[i] = (int16_t)lrint(32767 * sin(2 * M_PI * 441 * (double)i / 22050));
	assert_true(fabs(loudness_rms_db(sine, 22050) - -3.01) < 0.01);
	int16_t zero[8] = { 0 };
	assert_true(isinf(loudness_rms_db(zero, 8)));
	assert_true(isinf(loudness_rms_db(zero, 0)));
}

/* espeak-ng's level (-20 dBFS) brought to -9: within 0.1 dB, trimmed, no
 * sample at full scale (the limiter rounds the peaks off). */
static void test_match_quiet_speech(void **st)
{
	(void)st;
	size_t n = 44100, lead = 3000, start = 0;
	int16_t *p = utterance(n, 0.25, lead);
	double before = loudness_rms_db(p + lead, n - 2 * lead);
	assert_true(before < -15);
	size_t m = loudness_match(p, n, -9.0, &start);
	assert_true(start >= lead && start < lead + 200);
	assert_true(m > n - 2 * lead - 800 && m <= n - 2 * lead);
	double after = loudness_rms_db(p + start, m);
	assert_true(fabs(after - -9.0) < 0.1);
	int peak = 0;
	for (size_t i = start; i < start + m; i++)
		peak = abs(p[i]) > peak ? abs(p[i]) : peak;
	assert_true(peak <= 32767);
	assert_true(peak > 16384); /* the limiter works above -6 dBFS, not below */
	free(p);
}

/* A loud input is brought down the same way; silence stays silence. */
static void test_match_loud_and_silent(void **st)
{
	(void)st;
	size_t n = 22050, start = 0;
	int16_t *p = utterance(n, 0.99, 0);
	size_t m = loudness_match(p, n, -12.0, &start);
	assert_true(fabs(loudness_rms_db(p + start, m) - -12.0) < 0.1);
	free(p);
	int16_t z[100] = { 0 };
	m = loudness_match(z, 100, -9.0, &start);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(z[i], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rms_of_known_signals),
		cmocka_unit_test(test_match_quiet_speech),
		cmocka_unit_test(test_match_loud_and_silent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
