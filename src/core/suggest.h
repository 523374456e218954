/* suggest: "did you mean" for misspelt names (pure). */
#ifndef UNKNOT_SUGGEST_H
#define UNKNOT_SUGGEST_H

#include <stddef.h>

/* Optimal string alignment distance (insertions, deletions, substitutions and
 * swaps of two neighbours each cost 1), ignoring ASCII case. */
size_t suggest_distance(const char *a, const char *b);

/* The candidate closest to word when it is close enough to be a plausible typo
 * (distance 1 for short names, up to 3 for long ones), else NULL. Ties go to
 * the earlier candidate. The result points into cands. */
const char *suggest_closest(const char *word, const char *const *cands, size_t n);

/* Up to max candidates nearest to word, nearest first: the ones that contain
 * word or are contained in it ("knee" -> "front-of-knee", "back-of-knee"),
 * then the ones within a plausible typo's distance (as suggest_closest); when
 * none is, the single nearest. Ties keep the candidates' order. Writes
 * pointers into cands to out and returns how many. */
size_t suggest_nearest(const char *word, const char *const *cands, size_t n, const char **out, size_t max);

#endif
