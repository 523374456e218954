/* painlog: the 0-10 pain scores of the journal (issue 20), per area.
 *
 * Each "pain" journal event (see complaint_pain_fields) is one point: the
 * area (a pain-finder area id with its side, or, for a routine that names no
 * areas, the check-in's target muscle), the score, before or after the
 * session, and the session it belongs to. history.c feeds the points while
 * it reads the journal; the History screen, --history and the "see a
 * professional" rule read them back.
 *
 * Pure; adding a point is constant time for a journal with up to
 * PAINLOG_MAX_AREAS areas (a linear look-up over at most that many), so
 * reading a journal stays linear. Strings are kept NUL-terminated, cut to
 * fit. All returned pointers belong to the painlog and live until the next
 * painlog_add() or painlog_free().
 */
#ifndef UNKNOT_PAINLOG_H
#define UNKNOT_PAINLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/complaint.h"

#define PAINLOG_MAX_AREAS 64   /* distinct area (and side, or target) keys kept */
#define PAINLOG_NO_DAY INT32_MIN

typedef struct painlog painlog;

/* One score. */
typedef struct {
	size_t session;      /* index for history_session_at() */
	int32_t day;         /* the session's local day, PAINLOG_NO_DAY when undated */
	int64_t when_ms;     /* the session's start (after the clock rule), INT64_MIN when undated */
	bool after;          /* given after the session (else before it) */
	int score;           /* 0..10 */
} painlog_point;

/* One area's scores, in journal order (oldest first). */
typedef struct {
	char area[48];       /* painmap area id ("temple"), "" for a target */
	char side[8];        /* "left", "right" or "" */
	char target[128];    /* the muscle when the routine named no areas, else "" */
	const painlog_point *pts;
	size_t npts;
} painlog_area;

/* A new, empty painlog, or NULL when out of memory. Free with painlog_free()
 * (NULL is fine). */
painlog *painlog_new(void);
void painlog_free(painlog *p);

/* Adds a score. Returns 0, or -1 when the score is outside 0..10, the area
 * and target are both empty, PAINLOG_MAX_AREAS areas are already kept, or
 * out of memory (the point is then left out). */
int painlog_add(painlog *p, const char *area, const char *side, const char *target, size_t session,
                int32_t day, int64_t when_ms, bool after, int score);

/* Areas in order of their first score. */
size_t painlog_count(const painlog *p);
const painlog_area *painlog_at(const painlog *p, size_t i);
/* The index of an area (exact area, side and target; NULL counts as ""), or -1. */
int painlog_find(const painlog *p, const char *area, const char *side, const char *target);
/* The area whose latest score is the newest of all, or -1 when none. */
int painlog_latest(const painlog *p);

/* One score per session for the rule, oldest first: the session's "before"
 * score, or its "after" one when the before was skipped. Writes the newest
 * at most max to out; returns how many. */
size_t painlog_session_scores(const painlog_area *a, int *out, size_t max);

/* complaint_advise_scores() over the area's session scores, with `now` (this
 * session's score, -1 for none) added as the newest. */
complaint_advice painlog_advise(const painlog_area *a, int now);

#endif
