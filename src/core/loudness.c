/* loudness: RMS matching with a soft limiter (see loudness.h). */
#include "core/loudness.h"

#include <math.h>
#include <stdlib.h>

#define LOUDNESS_KNEE 0.5 /* the limiter starts here, of full scale (-6 dBFS) */

/* One sample (of full scale) after gain g and the soft limiter. */
static double limited(double x, double g)
{
	double y = x * g, m = fabs(y);
	if (m <= LOUDNESS_KNEE)
		return y;
	m = LOUDNESS_KNEE + (1.0 - LOUDNESS_KNEE) * tanh((m - LOUDNESS_KNEE) / (1.0 - LOUDNESS_KNEE));
	return y < 0 ? -m : m;
}

/* The RMS (of full scale) of pcm[0..n) after gain g and the limiter. */
static double rms_at(const int16_t *pcm, size_t n, double g)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		double y = limited(pcm[i] / 32768.0, g);
		sum += y * y;
	}
	return n ? sqrt(sum / (double)n) : 0;
}

double loudness_rms_db(const int16_t *pcm, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (pcm[i] / 32768.0) * (pcm[i] / 32768.0);
	return sum > 0 ? 10.0 * log10(sum / (double)n) : -INFINITY;
}

size_t loudness_match(int16_t *pcm, size_t n, double rms_db, size_t *start)
{
	int peak = 1;
	for (size_t i = 0; i < n; i++) {
		int v = abs(pcm[i]);
		if (v > peak)
			peak = v;
	}
	size_t first = 0, last = n;
	while (first < n && abs(pcm[first]) * 100 < peak)
		first++;
	while (last > first && abs(pcm[last - 1]) * 100 < peak)
		last--;
	*start = first;
	n = last - first;
	pcm += first;
	/* rms_at grows with g (the limiter is monotonic): bisect log2(g) over
	 * 1/64..256, 14 steps (0.01 dB): rendering stays tens of ms */
	double want = pow(10.0, rms_db / 20.0), lo = -6.0, hi = 8.0;
	for (int it = 0; it < 14; it++) {
		double mid = (lo + hi) / 2;
		if (rms_at(pcm, n, exp2(mid)) < want)
			lo = mid;
		else
			hi = mid;
	}
	double g = exp2(lo);
	for (size_t i = 0; i < n; i++)
		pcm[i] = (int16_t)lrint(limited(pcm[i] / 32768.0, g) * 32767.0);
	return n;
}
