/* journal_gen: writes journal lines (issue 3's contract) for tests and the
 * benchmark, on a virtual clock. Header-only; every line goes to emit().
 *
 *   jgen g; jgen_init(&g, emit, user);
 *   jgen_start(&g, "s1", t0_ms, "Neck", "neck.json", 5);
 *   jgen_step(&g, 1, "transition", "", "", 10, 10000, "elapsed");
 *   jgen_disc(&g, 2, "compression", "upper trapezius", "left", 4000);
 *   jgen_step(&g, 2, "compression", "upper trapezius", "left", 60, 48000, "advanced");
 *   jgen_end(&g, "completed");
 */
#ifndef UNKNOT_TESTS_JOURNAL_GEN_H
#define UNKNOT_TESTS_JOURNAL_GEN_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef void (*jgen_emit_fn)(const char *line, size_t len, void *user);

typedef struct {
	jgen_emit_fn emit;
	void *user;
	char id[64];
	int64_t t0_ms;      /* wall time at ms 0 (may be a bogus clock) */
	uint64_t ms;        /* monotonic ms into the session */
	char line[1024];
} jgen;

static inline void jgen_init(jgen *g, jgen_emit_fn emit, void *user)
{
	memset(g, 0, sizeof *g);
	g->emit = emit;
	g->user = user;
}

/* "2026-11-21T09:30:00.123Z" for a wall time in ms. */
static inline void jgen_iso(int64_t ms, char *buf, size_t size)
{
	time_t s = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm tm;
	gmtime_r(&s, &tm);
	int frac = (int)(ms - (int64_t)s * 1000);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

/* Emits `{"event":EV,"t":..,"ms":..,"session":..` + rest + `}`. */
static inline void jgen_line(jgen *g, const char *ev, const char *rest)
{
	char t[96];
	jgen_iso(g->t0_ms + (int64_t)g->ms, t, sizeof t);
	int n = snprintf(g->line, sizeof g->line,
	                 "{\"event\":\"%s\",\"t\":\"%s\",\"ms\":%llu,\"session\":\"%s\"%s%s}\n",
	                 ev, t, (unsigned long long)g->ms, g->id, rest[0] ? "," : "", rest);
	g->emit(g->line, (size_t)n, g->user);
}

static inline void jgen_start(jgen *g, const char *id, int64_t t0_ms, const char *title,
                              const char *file, int steps)
{
	char rest[512];
	snprintf(g->id, sizeof g->id, "%s", id);
	g->t0_ms = t0_ms;
	g->ms = 0;
	snprintf(rest, sizeof rest, "\"title\":\"%s\",\"file\":\"%s\",\"steps\":%d", title, file, steps);
	jgen_line(g, "session_start", rest);
}

static inline void jgen_step_fields(char *buf, size_t size, int index, const char *kind,
                                    const char *target, const char *side)
{
	snprintf(buf, size, "\"index\":%d,\"kind\":\"%s\",\"target\":\"%s\",\"side\":\"%s\"",
	         index, kind, target, side);
}

/* A whole step: step_start, then step_end after actual_ms. */
static inline void jgen_step(jgen *g, int index, const char *kind, const char *target,
                             const char *side, int planned_s, uint64_t actual_ms,
                             const char *reason)
{
	char f[300], rest[512];
	jgen_step_fields(f, sizeof f, index, kind, target, side);
	jgen_line(g, "step_start", f);
	g->ms += actual_ms;
	snprintf(rest, sizeof rest, "%s,\"reason\":\"%s\",\"planned_s\":%d,\"actual_ms\":%llu", f,
	         reason, planned_s, (unsigned long long)actual_ms);
	jgen_line(g, "step_end", rest);
}

/* A discomfort mark during step `index` (written before that step's jgen_step). */
static inline void jgen_disc(jgen *g, int index, const char *kind, const char *target,
                             const char *side, uint64_t step_ms)
{
	char f[300], rest[400];
	jgen_step_fields(f, sizeof f, index, kind, target, side);
	snprintf(rest, sizeof rest, "%s,\"step_ms\":%llu", f, (unsigned long long)step_ms);
	jgen_line(g, "discomfort", rest);
}

static inline void jgen_pause(jgen *g, uint64_t paused_ms)
{
	jgen_line(g, "pause", "");
	g->ms += paused_ms;
	jgen_line(g, "resume", "");
}

static inline void jgen_checkin(jgen *g, const char *answer, const char *target)
{
	char rest[300];
	snprintf(rest, sizeof rest, "\"answer\":\"%s\",\"target\":\"%s\"", answer, target);
	jgen_line(g, "checkin", rest);
}

/* A 0-10 pain score (issue 20): area ("temple") and side ("left", "" for
 * none), or target when area is NULL; when "before" / "after". */
static inline void jgen_pain(jgen *g, const char *area, const char *side, const char *target, int score,
                             const char *when)
{
	char rest[300];
	if (area)
		snprintf(rest, sizeof rest, "\"area\":\"%s\"%s%s%s,\"score\":%d,\"when\":\"%s\"", area,
		         side[0] ? ",\"side\":\"" : "", side, side[0] ? "\"" : "", score, when);
	else
		snprintf(rest, sizeof rest, "\"target\":\"%s\",\"score\":%d,\"when\":\"%s\"", target, score, when);
	jgen_line(g, "pain", rest);
}

static inline void jgen_end(jgen *g, const char *outcome)
{
	char rest[64];
	snprintf(rest, sizeof rest, "\"outcome\":\"%s\"", outcome);
	jgen_line(g, "session_end", rest);
}

#endif
