/* recorder: writes a session's events to the journal (journal.h encodes,
 * logfile.h appends). Used by --simulate and by the app.
 *
 * One recorder per journal file; it can record many sessions one after the
 * other. Each SESSION_START event starts a new session id, and the "ms" of
 * every line counts from it. Wall times are derived from the monotonic time
 * of each event, so an event processed late still gets the wall time at which
 * it happened: wall(ev) = epoch_wall_ms + (ev.ms - epoch_mono_ms).
 *
 * fsync() happens after session_start, each discomfort, session_end and
 * every extra event (checkin, pause_timeout); step lines, pause, resume and
 * extend go to the disk with the next of those (not at a step boundary: the
 * fsync would delay that boundary's cue). A new journal's folder is fsync'd
 * too (logfile.h).
 * Journal failures are reported once (by logfile) and never stop a session;
 * a journal that failed is tried again at the next session start, and one
 * deleted mid-session is re-created with that session whole (logfile.h).
 */
#ifndef UNKNOT_RECORDER_H
#define UNKNOT_RECORDER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/session.h"

typedef struct recorder recorder;

/* A recorder appending to `path` (parents created), or to stdout when path is
 * NULL. `profile` ("" or NULL for none) goes on session_start lines.
 * epoch_wall_ms/epoch_mono_ms pair a wall time with the monotonic clock the
 * session runs on (the app: clock_wall_ms(), clock_now_ms(); --simulate: the
 * wall time at start and 0). NULL only when out of memory. Caller frees with
 * recorder_free(). */
recorder *recorder_new(const char *path, const char *profile, uint64_t epoch_wall_ms,
                       uint64_t epoch_mono_ms);
void recorder_free(recorder *rec); /* NULL is fine */

/* Journals one event of session s (cue events are skipped). Returns 0, or -1
 * when the line could not be written (already reported). The fsync that
 * session_start, a discomfort and session_end are owed is left for
 * recorder_settle(). */
int recorder_event(recorder *rec, const session *s, const session_event *ev);

/* Makes the lines written so far durable when an event owed it (one fsync
 * for all of them). The caller runs it once the events' cues are handed to
 * the audio: a cue must not wait for the disk (issue 22: with both cores
 * busy, the get-ready cue after the start tap came 31 ms late, behind
 * session_start's fsync). Returns 0, or -1 (recorder_error says why). */
int recorder_settle(recorder *rec);

/* Drains every queued event of s into the journal, and also hands each one
 * to `each` (when not NULL), e.g. for the UI and the audio; then settles. */
void recorder_drain(recorder *rec, session *s, void (*each)(const session_event *ev, void *data),
                    void *data);

/* Journals an extra event at monotonic time mono_ms, in the current (or last)
 * session: "event" plus the members of fields_json, a JSON object as text,
 * e.g. recorder_extra(rec, now, "checkin", "{\"answer\":\"sore\"}").
 * Before any session, the first extra event starts an id (and ms) of its own.
 * Returns 0, or -1 (bad fields, or the write failed). */
int recorder_extra(recorder *rec, uint64_t mono_ms, const char *event, const char *fields_json);

/* Pairs the wall clock with the monotonic clock again, e.g. before each
 * session start: a wall clock set after unknot started (NTP on a Pi without
 * a real-time clock) then stamps the next session right. Within a session
 * stamps follow the monotonic clock, so a jump never reorders them. */
void recorder_set_epoch(recorder *rec, uint64_t epoch_wall_ms, uint64_t epoch_mono_ms);

/* The line the last recorder_event or recorder_extra appended (the history
 * in memory is fed it), or NULL when that call wrote none (a cue, a failed
 * write). Owned by rec; valid until its next call. */
const char *recorder_last_line(const recorder *rec);

/* The journal's failure as a message for the user, "" while it works. */
const char *recorder_error(const recorder *rec);

/* The current (or last) session's id, "" before the first session. */
const char *recorder_session_id(const recorder *rec);

/* True when the journal could not be written (it was reported). */
bool recorder_failed(const recorder *rec);

/* How many lines were fsync'd so far (for tests). */
unsigned recorder_syncs(const recorder *rec);

#endif
