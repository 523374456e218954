/* loudness: speech brought to the loudness of the cues (issue 17).
 *
 * Pure: works on a buffer of mono signed 16-bit samples in place. espeak-ng
 * speaks at about -20 dBFS RMS, the bundled cues sound at -7.6 to -8.3: the
 * words were 10 dB quieter than the beeps around them.
 */
#ifndef UNKNOT_LOUDNESS_H
#define UNKNOT_LOUDNESS_H

#include <stddef.h>
#include <stdint.h>

/* The RMS of pcm[0..n) in dBFS, as sox's "RMS lev dB" (a full-scale
 * square wave is 0, a sine -3); -INFINITY for silence or n == 0. */
double loudness_rms_db(const int16_t *pcm, size_t n);

/* Trims the leading and trailing near-silence (below 1% of the peak) of
 * pcm[0..n) and brings what is left to rms_db dBFS RMS (within 0.1 dB when
 * it can): a gain found by bisection, with a soft limiter above -6 dBFS so
 * the peaks the gain lifts past full scale round off instead of clipping.
 * Returns the new length; the samples now start at pcm + *start. */
size_t loudness_match(int16_t *pcm, size_t n, double rms_db, size_t *start);

#endif
