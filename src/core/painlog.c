/* painlog: the pain scores of the journal per area (see painlog.h). */
#include "core/painlog.h"
#include "core/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	painlog_area pub;       /* what painlog_at() returns; pub.pts aliases pts */
	painlog_point *pts;
	size_t cap;
	size_t last_seq;        /* sequence number of its latest point */
} area_rec;

struct painlog {
	area_rec areas[PAINLOG_MAX_AREAS];
	size_t n;
	size_t seq;             /* points added so far */
};

/* src (NULL: "") into dst, cut to fit. */
static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

painlog *painlog_new(void)
{
	return calloc(1, sizeof(painlog));
}

void painlog_free(painlog *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->areas[i].pts);
	free(p);
}

/* Compares after cutting like copy(), so a long name finds its kept record. */
static bool same(const char *kept, size_t size, const char *s)
{
	char buf[160];
	copy(buf, size < sizeof buf ? size : sizeof buf, s);
	return strcmp(kept, buf) == 0;
}

int painlog_find(const painlog *p, const char *area, const char *side, const char *target)
{
	for (size_t i = 0; i < p->n; i++) {
		const painlog_area *a = &p->areas[i].pub;
		if (same(a->area, sizeof a->area, area) && same(a->side, sizeof a->side, side) &&
		    same(a->target, sizeof a->target, target))
			return (int)i;
	}
	return -1;
}

int painlog_add(painlog *p, const char *area, const char *side, const char *target, size_t session,
                int32_t day, int64_t when_ms, bool after, int score)
{
	if (score < 0 || score > COMPLAINT_SCORE_MAX)
		return -1;
	if (!(area && area[0]) && !(target && target[0]))
		return -1;
	int i = painlog_find(p, area, side, target);
	if (i < 0) {
		if (p->n >= PAINLOG_MAX_AREAS)
			return -1;
		area_rec *r = &p->areas[p->n];
		memset(r, 0, sizeof *r);
		copy(r->pub.area, sizeof r->pub.area, area);
		copy(r->pub.side, sizeof r->pub.side, side);
		copy(r->pub.target, sizeof r->pub.target, target);
		i = (int)p->n++;
	}
	area_rec *r = &p->areas[i];
	if (!vec_reserve((void **)&r->pts, &r->cap, r->pub.npts + 1, sizeof *r->pts, 16))
		return -1;
	r->pts[r->pub.npts++] = (painlog_point){ session, day, when_ms, after, score };
	r->pub.pts = r->pts;
	r->last_seq = ++p->seq;
	return 0;
}

size_t painlog_count(const painlog *p)
{
	return p ? p->n : 0;
}

const painlog_area *painlog_at(const painlog *p, size_t i)
{
	return p && i < p->n ? &p->areas[i].pub : NULL;
}

int painlog_latest(const painlog *p)
{
	int best = -1;
	for (size_t i = 0; p && i < p->n; i++)
		if (best < 0 || p->areas[i].last_seq > p->areas[best].last_seq)
			best = (int)i;
	return best;
}

size_t painlog_session_scores(const painlog_area *a, int *out, size_t max)
{
	/* Walk back from the newest point; a session's points are adjacent in
	 * the journal (before at its start, after at its end). */
	size_t n = 0;
	for (size_t i = a->npts; i-- > 0 && n < max;) {
		size_t s = a->pts[i].session;
		int score = a->pts[i].score;
		bool before = !a->pts[i].after;
		while (i > 0 && a->pts[i - 1].session == s) {
			i--;
			if (!a->pts[i].after && !before) {
				score = a->pts[i].score;
				before = true;
			}
		}
		out[n++] = score;
	}
	for (size_t k = 0; k < n / 2; k++) { /* newest first -> oldest first */
		int t = out[k];
		out[k] = out[n - 1 - k];
		out[n - 1 - k] = t;
	}
	return n;
}

complaint_advice painlog_advise(const painlog_area *a, int now)
{
	int s[17];
	size_t n = a ? painlog_session_scores(a, s, 16) : 0;
	if (now >= 0)
		s[n++] = now;
	return complaint_advise_scores(s, n);
}
