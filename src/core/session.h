/* session: the session state machine over a routine's timeline.
 *
 * Pure: time is always passed in as monotonic milliseconds (`now`), nothing
 * here reads a clock. Deadlines are absolute (the entry's start plus its
 * length plus any pauses and extensions), so ticking often or late never
 * drifts: when ticked late, an entry ends at its deadline, not at `now`, and
 * the next one starts at that same deadline.
 *
 * Everything that happens is queued as a session_event carrying the exact
 * millisecond it happened at; the caller drains the queue with
 * session_next_event() after each action or tick, and sleeps until
 * session_next_deadline().
 */
#ifndef UNKNOT_SESSION_H
#define UNKNOT_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cues.h"
#include "core/routine.h"

#define SESSION_EXTEND_MS 15000
#define SESSION_NO_DEADLINE UINT64_MAX

typedef enum {
	SESSION_NOT_STARTED = 0,
	SESSION_RUNNING,   /* in a transition or a timed step */
	SESSION_PAUSED,
	SESSION_FINISHED   /* completed or abandoned */
} session_state;

typedef enum {
	SESSION_OUTCOME_NONE = 0,
	SESSION_OUTCOME_COMPLETED,
	SESSION_OUTCOME_ABANDONED
} session_outcome;

typedef enum {
	SESSION_END_ELAPSED = 0, /* its time ran out */
	SESSION_END_ADVANCED,    /* the user moved on (next, or previous) */
	SESSION_END_ABANDONED    /* the session was abandoned during it */
} session_end_reason;

typedef enum {
	SESSION_EV_SESSION_START = 0,
	SESSION_EV_STEP_START,   /* entry `index` started */
	SESSION_EV_STEP_END,     /* entry `index` ended: reason, planned_s, actual_ms */
	SESSION_EV_PAUSE,
	SESSION_EV_RESUME,
	SESSION_EV_EXTEND,       /* +15 s on entry `index` */
	SESSION_EV_DISCOMFORT,   /* on entry `index`, step_ms into it */
	SESSION_EV_CUE,          /* a cue is due: `cue` */
	SESSION_EV_SESSION_END   /* outcome */
} session_event_type;

typedef struct {
	session_event_type type;
	uint64_t ms;                /* monotonic ms at which it happened (since session_new's epoch) */
	int index;                  /* 1-based timeline index, 0 when not tied to an entry */
	session_end_reason reason;  /* STEP_END */
	bool previous;              /* STEP_END with ADVANCED: moved back, not forward */
	uint32_t planned_s;         /* STEP_END: the entry's planned duration_s */
	uint64_t actual_ms;         /* STEP_END: time spent in it, pauses excluded */
	uint64_t step_ms;           /* DISCOMFORT: ms into the entry, pauses excluded */
	cue_kind cue;               /* CUE */
	session_outcome outcome;    /* SESSION_END */
} session_event;

/* Action results. */
#define SESSION_OK          0
#define SESSION_ERR_STATE  -1  /* not allowed in the current state */
#define SESSION_ERR_EARLY  -2  /* next on an ends-tap step before its min_s */

typedef struct session session;

/* A new session over `r` (borrowed: it must outlive the session). Caller frees
 * with session_free(). */
session *session_new(const routine *r);
void session_free(session *s); /* NULL is fine */

/* Actions. Each first processes deadlines up to `now` (as session_tick), then
 * acts, queueing events. `now` must never go backwards (an older one is
 * treated as the newest seen). A refused action returns SESSION_ERR_STATE and
 * changes nothing. Allowed:
 *   not started: start, next (= start)
 *   running:     pause, next, previous, extend, discomfort, abandon
 *   paused:      resume, extend, discomfort (step_ms frozen at the pause), abandon
 *   finished:    nothing
 * next ends the current entry now (reason advanced); on an ends-tap entry
 * before its min_s it returns SESSION_ERR_EARLY instead. The boundary cue of
 * the entry left early still sounds, at that moment. Advancing past the last
 * entry completes the session.
 * previous goes back to the start of the previous step, to its transition
 * when it has one (so "get ready" is heard again); in the first step (or its
 * transition) it restarts that step. The entry left ends with reason advanced
 * and `previous` set; the entry entered gets its start cue.
 * extend adds SESSION_EXTEND_MS to the current entry; its cues follow the new
 * length (a halfway cue already heard is not repeated).
 * discomfort counts per entry and queues DISCOMFORT then CUE_DISCOMFORT.
 * pause/resume queue PAUSE/RESUME and CUE_PAUSE/CUE_RESUME; a pause shifts
 * every deadline of the entry by its length. abandon ends the current entry
 * (reason abandoned) and the session (outcome abandoned). */
int session_start(session *s, uint64_t now);
int session_pause(session *s, uint64_t now);
int session_resume(session *s, uint64_t now);
int session_next(session *s, uint64_t now);     /* advance now (or start) */
int session_previous(session *s, uint64_t now); /* back to the previous step's start */
int session_extend(session *s, uint64_t now);   /* +15 s to the current entry */
int session_discomfort(session *s, uint64_t now);
int session_abandon(session *s, uint64_t now);
/* Makes the current entry last at least length_ms (its cues follow the new
 * length, as after an extension, but nothing is queued or journaled as an
 * extension): "get ready" lengthened so its spoken announcement fits before
 * its countdown (core/voicesched.c). Running or paused only; a shorter
 * length_ms changes nothing. */
int session_lengthen(session *s, uint64_t length_ms, uint64_t now);

/* Processes every deadline up to `now` (entry ends, cues), each at its own
 * ms: at an entry end, in order: its boundary CUE, STEP_END (elapsed), then
 * the next STEP_START (or SESSION_END) at that same ms. */
void session_tick(session *s, uint64_t now);

/* The next cue due (running only): its kind and absolute ms, so it can be
 * queued into the audio ahead of time. False when none is due in this
 * entry. */
bool session_next_cue(const session *s, cue_kind *kind, uint64_t *at);

/* Pops the oldest queued event into *ev. Returns false when there is none. */
bool session_next_event(session *s, session_event *ev);

/* The next absolute ms at which something is due (a cue, an entry end), or
 * SESSION_NO_DEADLINE when nothing is (not started, paused, finished). */
uint64_t session_next_deadline(const session *s);

/* Read-only views for the UI. */
session_state session_get_state(const session *s);
session_outcome session_get_outcome(const session *s);
const routine *session_routine(const session *s);
size_t session_current(const session *s);          /* 0-based entry, valid while running/paused */
uint64_t session_entry_elapsed_ms(const session *s, uint64_t now); /* pauses excluded */
uint64_t session_entry_length_ms(const session *s); /* planned + extensions */
uint64_t session_entry_remaining_ms(const session *s, uint64_t now);
uint64_t session_elapsed_ms(const session *s, uint64_t now); /* whole session, pauses excluded */
unsigned session_discomforts(const session *s, size_t entry); /* count on a 0-based entry */
bool session_can_tap_end(const session *s, uint64_t now); /* past min_s of an ends-tap entry, or not such an entry */

#endif
