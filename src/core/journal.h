/* journal: the JSON encoding of one journal line (pure).
 *
 * The journal is JSON Lines: one object per line, appended, never rewritten.
 * Every line has "event", "t" (wall time, UTC, ISO 8601 with ms), "ms"
 * (monotonic ms since the session started), "session" (its id) and "seq"
 * (1, 2, 3... within the session, so a reader can tell a line is missing).
 *
 *   session_start  title, file, steps (timeline length), total_s, version (1),
 *                  profile (when set)
 *   step_start     index (1-based, as in --plan), kind, target, side, tool,
 *                  planned_s
 *   step_end       the same plus reason ("elapsed", "advanced", "abandoned"),
 *                  actual_ms (pauses excluded), previous: true when moving back
 *   pause, resume  index
 *   extend         index, extend_s (15)
 *   discomfort     index, kind, target, side, tool, step_ms
 *   session_end    outcome ("completed", "abandoned")
 * target, side and tool are null when the entry has none. Cue events are not
 * journaled. Extra events (a soreness check-in "checkin", the kiosk's
 * "pause_timeout" {"minutes": N} before the session_end of a forgotten pause)
 * go through journal_extra.
 */
#ifndef UNKNOT_JOURNAL_H
#define UNKNOT_JOURNAL_H

#include <stdint.h>

#include "core/routine.h"
#include "core/session.h"

#define JOURNAL_VERSION 1

/* What every line carries besides its event. Strings are borrowed. */
typedef struct {
	const char *session_id; /* e.g. "20261121T093000Z-3fa9c1" */
	const char *wall;       /* "2026-11-21T09:30:00.123Z" */
	uint64_t ms;            /* since the session started */
	uint64_t seq;           /* 1-based within the session */
	const char *profile;    /* "" or NULL: none (session_start only) */
} journal_stamp;

/* One line (with its '\n') for a session event on routine r, or NULL when the
 * event is not journaled (cues) or out of memory. Caller frees. */
char *journal_event(const journal_stamp *st, const routine *r, const session_event *ev);

/* One line for an extra event: "event" plus the members of fields_json (a
 * JSON object as text, e.g. {"answer":"fine"}; NULL for none). The common
 * members win over same-named fields. NULL when fields_json is not an object.
 * Caller frees. */
char *journal_extra(const journal_stamp *st, const char *event, const char *fields_json);

/* The name of a step_end reason / session outcome as written. */
const char *journal_reason_name(session_end_reason r);
const char *journal_outcome_name(session_outcome o);

#endif
