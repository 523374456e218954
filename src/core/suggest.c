/* suggest: "did you mean" for misspelt names. */
#include "core/suggest.h"

#include <string.h>

#define SUGGEST_MAX_LEN 64

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	/* Names longer than this are never typos of ours; keep the table small. */
	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return la > lb ? la : lb;
	size_t d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) && d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

const char *suggest_closest(const char *word, const char *const *cands, size_t n)
{
	size_t len = strlen(word);
	size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = suggest_distance(word, cands[i]);
		if (d < best_d) {
			best = cands[i];
			best_d = d;
		}
	}
	return best;
}

/* Case-insensitive: whether needle occurs in hay. */
static int contains(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);
	if (nl == 0)
		return 0;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < nl && hay[i] && lower(hay[i]) == lower(needle[i]))
			i++;
		if (i == nl)
			return 1;
	}
	return 0;
}

size_t suggest_nearest(const char *word, const char *const *cands, size_t n, const char **out, size_t max)
{
	size_t len = strlen(word), count = 0;
	size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *nearest = NULL;
	size_t nearest_d = (size_t)-1;

	/* containment first, then by growing distance: O(n * limit), no sort */
	for (size_t pass = 0; pass <= limit + 1; pass++) {
		for (size_t i = 0; i < n && count < max; i++) {
			int sub = contains(cands[i], word) || contains(word, cands[i]);
			size_t d = suggest_distance(word, cands[i]);
			if (d < nearest_d) {
				nearest = cands[i];
				nearest_d = d;
			}
			if ((pass == 0 && sub) || (pass > 0 && !sub && d == pass - 1))
				out[count++] = cands[i];
		}
	}
	if (count == 0 && nearest && max > 0)
		out[count++] = nearest;
	return count;
}
