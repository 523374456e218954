/* history: progress figures computed from the journal (issue 8) and the
 * over-treatment / course-of-treatment guards (issue 7).
 *
 * Pure: lines of the journal (one JSON object each, see README "Journal") are
 * fed one at a time with history_feed_line(); src/io/journal_read.c reads the
 * file. Figures are aggregated while reading: a session keeps a small summary
 * (title, file, start time, outcome, per-target totals), never its lines.
 *
 * Time. Durations come only from "ms" (monotonic since the session started)
 * and "actual_ms"; wall time "t" is used only to put a session on a day.
 * Days are local days: history_options.tz_offset_min is added to UTC before
 * the date is taken (the caller passes its local offset; one offset for the
 * whole journal, so a session near midnight across a DST change may land on
 * the neighbouring day).
 *
 * Clock jumps (a Raspberry Pi has no real-time clock). The journal is
 * append-only, so file order is the true order of sessions. A session's
 * journaled start time is trusted when it is on or after 2020-01-01, not
 * earlier than the start of the previous dated session, and not more than a
 * day after history_options.now_ms. An untrusted session is dated at the
 * previous dated session's time (it happened after it, and that is the
 * latest time we can vouch for); with no dated session before it, it stays
 * undated: it counts in totals, per-target figures and comparisons, but not
 * per day, in the streak or in the over-treatment guard.
 *
 * Lines. A line that is not a JSON object, or lacks a string "event" or a
 * "session", is skipped and counted; never fatal. Events this module does not
 * use (future ones) are accepted and only their "ms" is looked at. A line
 * where a torn fragment (a crash mid-write) is followed by a complete object
 * is recovered. A "checkin" line that comes before its session's
 * session_start belongs to that session.
 */
#ifndef UNKNOT_HISTORY_H
#define UNKNOT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/complaint.h"
#include "core/fmsg.h"

#define HISTORY_COURSE_MIN 4    /* sessions a chronic trigger point usually needs */
#define HISTORY_COURSE_MAX 6
#define HISTORY_NO_DAY INT32_MIN /* history_session.day of an undated session */
#define HISTORY_MAX_ID 64        /* bytes kept of a session id */
#define HISTORY_MAX_TITLE 128    /* bytes kept of a title or a target name */
#define HISTORY_MAX_FILE 256     /* bytes kept of a routine file name */
#define HISTORY_MAX_COMPLAINTS 8 /* complaint answers kept per target */

typedef struct history history;

typedef struct {
	int64_t now_ms;        /* wall time now, ms since 1970-01-01 UTC (future-date check) */
	int tz_offset_min;     /* local time minus UTC, minutes (e.g. +60 for CET) */
} history_options;

/* What history_feed_line() made of a line. */
typedef enum {
	HISTORY_LINE_OK = 0,   /* a journal event, counted */
	HISTORY_LINE_BLANK,    /* empty or white space only: ignored, not counted */
	HISTORY_LINE_FOREIGN,  /* valid JSON but not a journal event we know: skipped */
	HISTORY_LINE_BAD       /* not JSON (torn or garbage): skipped */
} history_line;

typedef enum {
	HISTORY_UNFINISHED = 0, /* no session_end (crash, power loss, or still running) */
	HISTORY_COMPLETED,
	HISTORY_ABANDONED
} history_outcome;

typedef enum { HISTORY_CHECKIN_NONE = 0, HISTORY_CHECKIN_FINE, HISTORY_CHECKIN_SORE } history_checkin;

/* One session, summarised. Strings are NUL-terminated and truncated to fit. */
typedef struct {
	char id[HISTORY_MAX_ID];
	char title[HISTORY_MAX_TITLE];
	char file[HISTORY_MAX_FILE];
	int64_t t_ms;           /* start time as journaled (ms since epoch UTC), INT64_MIN if none */
	int64_t when_ms;        /* start time after the clock-jump rule (== t_ms when trusted) */
	bool dated;             /* when_ms and day are usable */
	bool clock_jumped;      /* t_ms was not trusted (see the rule above) */
	int32_t day;            /* local day number (days since 1970-01-01), HISTORY_NO_DAY */
	history_outcome outcome;
	uint64_t duration_ms;   /* largest "ms" seen in the session */
	int steps_planned;      /* "steps" of session_start, 0 if unknown */
	int steps_ended;        /* step_end lines, transitions included */
	int holds;              /* step_end of compressions and rolling with a target */
	int discomfort;         /* discomfort lines */
	int pauses;
	history_checkin checkin; /* the last soreness check-in of the session */
	complaint_trend complaint; /* its complaint answer (better/same/worse), COMPLAINT_NONE */
} history_session;

/* One target (muscle) over the whole journal; sides are merged. */
typedef struct {
	char name[HISTORY_MAX_TITLE];
	int sessions;           /* sessions with at least one hold of it (course of treatment;
	                           a session that only stretched it does not count) */
	int holds;              /* step_end of its compressions and rolling (not stretches;
	                           not a step left by going back, "previous": true) */
	int holds_early;        /* ... released early ("reason":"advanced") */
	int holds_full;         /* ... held the full planned time ("reason":"elapsed") */
	int holds_abandoned;    /* ... cut by abandoning the session (not in averages) */
	uint64_t early_ms;      /* sum of actual_ms of early holds */
	uint64_t full_ms;       /* sum of actual_ms of full holds */
	uint32_t avg_ms;        /* average actual hold over early + full holds, 0 if none */
	uint32_t avg_early_ms;  /* average of early holds, 0 if none */
	uint32_t avg_planned_ms;/* average planned time of early + full holds */
	int stretches;          /* step_end of its stretches (not in the hold figures) */
	int discomfort;         /* discomfort lines during its steps (holds and stretches) */
	int64_t last_ms;        /* start time of the last dated session that treated it, INT64_MIN */
	int checkins_fine;      /* check-ins naming this target (when the line has "target") */
	int checkins_sore;
	unsigned char complaints[HISTORY_MAX_COMPLAINTS]; /* its last complaint answers, oldest first */
	int ncomplaints;
} history_target;

/* One target within one session (for comparisons and charts). */
typedef struct {
	int target;             /* index for history_target_at() */
	int holds;
	uint64_t actual_ms;     /* sum of actual_ms of its non-abandoned holds */
	int discomfort;
} history_session_target;

/* One step of one session: a CSV row (emitted at each step_end). */
typedef struct {
	const history_session *session; /* the session so far (title, file, day...) */
	int index;              /* "index", 1-based */
	const char *kind;       /* "compression", "transition", ... ("" if missing) */
	const char *target;     /* "" if missing */
	const char *side;       /* "left", "right" or "" */
	double planned_s;       /* "planned_s", 0 if missing */
	uint64_t actual_ms;
	const char *reason;     /* "elapsed", "advanced", "abandoned" or "" */
	int discomfort;         /* discomfort lines during this step */
} history_row;

typedef void (*history_row_fn)(const history_row *row, void *user);

/* Per-day counts for a bar chart. */
typedef struct {
	int32_t day;
	int sessions;           /* dated sessions that started that day */
	int completed;          /* ... of which completed */
	int discomfort;
} history_day;

/* Journal-wide counts. */
typedef struct {
	size_t lines;           /* lines fed, blank ones excluded */
	size_t events;          /* HISTORY_LINE_OK */
	size_t foreign;         /* HISTORY_LINE_FOREIGN */
	size_t bad;             /* HISTORY_LINE_BAD */
	size_t recovered;       /* bad lines whose tail was a complete event (counted in events too) */
	size_t sessions, completed, abandoned, unfinished, undated, clock_jumps;
	size_t discomfort;
	size_t checkins_fine, checkins_sore;
	uint64_t total_ms;      /* sum of session durations */
} history_totals;

/* A session compared with the previous session of the same routine. */
#define HISTORY_MAX_DIFFS 16
typedef struct {
	char target[HISTORY_MAX_TITLE];
	int64_t actual_diff_ms;  /* this minus previous: negative = ended sooner */
	int discomfort_diff;     /* this minus previous */
} history_diff;

typedef struct {
	size_t session;          /* index of the session compared */
	size_t previous;         /* index of the previous session of the same routine */
	int64_t duration_diff_ms;
	int discomfort_diff;     /* whole session, this minus previous */
	size_t ndiffs;           /* targets in both sessions, in order of first hold */
	history_diff diffs[HISTORY_MAX_DIFFS];
} history_compare;

/* A new, empty history. opts may be NULL (now 0 = no future check, UTC days).
 * Returns NULL when out of memory. Free with history_free(). */
history *history_new(const history_options *opts);
void history_free(history *h);

/* Calls fn for every step_end from now on (CSV export); NULL to stop. */
void history_set_row_callback(history *h, history_row_fn fn, void *user);

/* Feeds one line (without its newline; need not be NUL-terminated). */
history_line history_feed_line(history *h, const char *line, size_t len);

/* Journal-wide counts so far. */
void history_get_totals(const history *h, history_totals *out);

/* Sessions in file order (0 = oldest). The pointer lives until the next
 * history_feed_line() or history_free(). NULL when i is out of range. */
size_t history_session_count(const history *h);
const history_session *history_session_at(const history *h, size_t i);
/* Per-target figures of session i: *n entries, or NULL when none. Same lifetime. */
const history_session_target *history_session_targets(const history *h, size_t i, size_t *n);
/* The figures of target (an index for history_target_at()) in session i, or
 * NULL when that session did not mention it. Constant time. Same lifetime. */
const history_session_target *history_session_target_of(const history *h, size_t i, int target);

/* Targets in order of first appearance; same lifetime rules. */
size_t history_target_count(const history *h);
const history_target *history_target_at(const history *h, size_t i);
/* Index of a target by name (exact), or -1. */
int history_target_find(const history *h, const char *name);

/* The complaint answers (check-ins naming `target` with "complaint") of its
 * last sessions, oldest first, at most max (and HISTORY_MAX_COMPLAINTS), for
 * complaint_advise(). Returns how many were written to out. */
size_t history_target_complaints(const history *h, const char *target, complaint_trend *out, size_t max);

/* The 0-10 pain scores per area ("pain" events, core/painlog.h). Owned by
 * the history; same lifetime as history_session_at(). */
typedef struct painlog painlog;
const painlog *history_pain(const history *h);

/* Fills out[0..ndays-1] with the days first_day .. first_day+ndays-1.
 * Returns ndays. */
size_t history_days(const history *h, int32_t first_day, size_t ndays, history_day *out);

/* Consecutive days with a completed session, ending today; when today has
 * none yet the streak still counts up to yesterday (it is not broken until
 * the day is over). */
int history_streak(const history *h, int32_t today);

/* Sessions started today and how many of them completed (kiosk usage counts). */
void history_today(const history *h, int32_t today, int *sessions, int *completed);

/* Over-treatment guard: when `target` was last treated in a dated session
 * within `hours` before now_ms, returns true and sets *when_ms (may be NULL). */
bool history_recently_treated(const history *h, const char *target, int64_t now_ms,
                              int hours, int64_t *when_ms);

/* Course of treatment: sessions so far that treated `target` (0 if never). */
int history_course_count(const history *h, const char *target);

/* Compares session i with the previous session of the same routine (same
 * "file" when both have one, else same title). Returns 0, or -1 when there is
 * no previous one. */
int history_compare_session(const history *h, size_t i, history_compare *out);
/* The latest session of that routine compared with the one before it. */
int history_compare_last(const history *h, const char *title, const char *file,
                         history_compare *out);
/* One sentence, e.g. "ended the upper trapezius hold 12 s earlier, 1 discomfort
 * fewer". Targets whose time changed by under 1 s and discomfort did not are
 * left out; "same as last time" when nothing changed. Returns the length
 * (snprintf-style). */
int history_compare_text(const history_compare *c, char *buf, size_t size);
/* The same, its phrases through tr (core/fmsg.h); the targets as they are. */
int history_compare_text_tr(const history_compare *c, char *buf, size_t size, fmsg_translator tr);

/* Dates. */
int32_t history_day_of(int64_t wall_ms, int tz_offset_min);
/* "YYYY-MM-DD" into buf (at least 11 bytes). */
void history_day_string(int32_t day, char *buf, size_t size);
/* Parses ISO 8601 "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)" into ms since
 * epoch UTC. Returns 0 or -1. */
int history_parse_time(const char *s, int64_t *out_ms);

#endif
