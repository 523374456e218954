/* session: the state machine over a routine's timeline (see session.h).
 *
 * Time inside an entry is "active" time: wall-clock ms since the entry started
 * minus the ms it spent paused. Every deadline is base + offset with
 * base = entry_start + entry_paused, so nothing accumulates rounding or tick
 * lateness: an entry that elapses ends exactly at base + length, and the next
 * one starts at that same ms.
 */
#include "core/session.h"

#include <stdlib.h>
#include <string.h>

struct session {
	const routine *r;
	size_t n;                 /* timeline length */
	session_state state;
	session_outcome outcome;
	size_t cur;               /* current entry, 0-based */
	uint64_t entry_start;     /* when the current entry started */
	uint64_t entry_paused;    /* ms paused since then */
	uint64_t length_ms;       /* its length: planned + extensions */
	uint64_t pause_at;        /* when the pause began (PAUSED) */
	uint64_t sess_start;      /* when the session started */
	uint64_t sess_paused;     /* ms paused over the whole session */
	uint64_t end_at;          /* when it finished */
	uint64_t last_now;        /* newest time seen; earlier times are clamped to it */
	cue_item cues[CUES_MAX_PER_ENTRY]; /* schedule of the current entry */
	size_t ncues, cue_next;   /* cues[cue_next..] are still due */
	bool halfway_done;        /* the halfway cue sounded (an extension does not repeat it) */
	unsigned *discomforts;    /* per entry */
	session_event *q;         /* event queue (ring) */
	size_t qhead, qlen, qcap;
};

session *session_new(const routine *r)
{
	session *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->r = r;
	s->n = routine_length(r);
	s->discomforts = calloc(s->n ? s->n : 1, sizeof *s->discomforts);
	s->qcap = 64;
	s->q = malloc(s->qcap * sizeof *s->q);
	if (!s->discomforts || !s->q) {
		session_free(s);
		return NULL;
	}
	return s;
}

void session_free(session *s)
{
	if (!s)
		return;
	free(s->discomforts);
	free(s->q);
	free(s);
}

static void session_push(session *s, const session_event *ev)
{
	if (s->qlen == s->qcap) {
		size_t ncap = s->qcap * 2;
		session_event *nq = malloc(ncap * sizeof *nq);
		if (!nq)
			return; /* out of memory: the event is lost, the timer goes on */
		for (size_t i = 0; i < s->qlen; i++)
			nq[i] = s->q[(s->qhead + i) % s->qcap];
		free(s->q);
		s->q = nq;
		s->qcap = ncap;
		s->qhead = 0;
	}
	s->q[(s->qhead + s->qlen) % s->qcap] = *ev;
	s->qlen++;
}

static void session_emit(session *s, session_event_type type, uint64_t ms, int index)
{
	session_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.ms = ms;
	ev.index = index;
	session_push(s, &ev);
}

static void session_emit_cue(session *s, cue_kind k, uint64_t ms)
{
	session_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SESSION_EV_CUE;
	ev.ms = ms;
	ev.index = s->state == SESSION_FINISHED ? 0 : (int)s->cur + 1;
	ev.cue = k;
	session_push(s, &ev);
}

static const routine_entry *session_entry(const session *s, size_t i)
{
	return i < s->n ? routine_entry_at(s->r, i) : NULL;
}

static uint64_t session_base(const session *s)
{
	return s->entry_start + s->entry_paused;
}

/* Active ms into the current entry at `now` (frozen while paused). */
static uint64_t session_active(const session *s, uint64_t now)
{
	if (s->state != SESSION_RUNNING && s->state != SESSION_PAUSED)
		return 0;
	uint64_t t = s->state == SESSION_PAUSED ? s->pause_at : now;
	uint64_t base = session_base(s);
	return t > base ? t - base : 0;
}

/* Recomputes the cue schedule for the current length; cues at or before
 * `done_ms` (active ms already processed) are not due any more. */
static void session_schedule(session *s, uint64_t done_ms, bool skip_done)
{
	size_t i = s->cur;
	const routine_entry *e = session_entry(s, i);
	uint32_t len = s->length_ms > UINT32_MAX ? UINT32_MAX : (uint32_t)s->length_ms;
	s->ncues = cues_for_entry(i > 0 ? session_entry(s, i - 1) : NULL, e,
	                          session_entry(s, i + 1), len, s->cues);
	s->cue_next = 0;
	if (!skip_done)
		return;
	while (s->cue_next < s->ncues && s->cues[s->cue_next].at_ms <= done_ms)
		s->cue_next++;
	if (s->halfway_done) {
		size_t k = s->cue_next;
		for (size_t j = s->cue_next; j < s->ncues; j++)
			if (s->cues[j].kind != CUE_HALFWAY)
				s->cues[k++] = s->cues[j];
		s->ncues = k;
	}
}

static void session_enter(session *s, size_t i, uint64_t at)
{
	const routine_entry *e = session_entry(s, i);
	s->cur = i;
	s->entry_start = at;
	s->entry_paused = 0;
	s->halfway_done = false;
	s->length_ms = (uint64_t)e->duration_s * 1000;
	session_schedule(s, 0, false);
	session_emit(s, SESSION_EV_STEP_START, at, (int)i + 1);
}

static void session_finish(session *s, session_outcome outcome, uint64_t at)
{
	s->state = SESSION_FINISHED;
	s->outcome = outcome;
	s->end_at = at;
	session_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SESSION_EV_SESSION_END;
	ev.ms = at;
	ev.outcome = outcome;
	session_push(s, &ev);
}

static void session_step_end(session *s, session_end_reason reason, bool previous, uint64_t at,
                             uint64_t actual)
{
	const routine_entry *e = session_entry(s, s->cur);
	session_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SESSION_EV_STEP_END;
	ev.ms = at;
	ev.index = (int)s->cur + 1;
	ev.reason = reason;
	ev.previous = previous;
	ev.planned_s = e->duration_s;
	ev.actual_ms = actual;
	session_push(s, &ev);
}

/* Ends the current entry (elapsed or advanced) at `at` and moves on. */
static void session_advance(session *s, session_end_reason reason, uint64_t at)
{
	/* The boundary cue is the last of the schedule; when leaving early it
	 * still sounds, now: it announces what comes next. */
	if (reason == SESSION_END_ADVANCED && s->cue_next < s->ncues &&
	    s->cues[s->ncues - 1].at_ms == s->length_ms)
		session_emit_cue(s, s->cues[s->ncues - 1].kind, at);
	s->cue_next = s->ncues;
	uint64_t actual = reason == SESSION_END_ELAPSED ? s->length_ms : session_active(s, at);
	session_step_end(s, reason, false, at, actual);
	if (s->cur + 1 >= s->n)
		session_finish(s, SESSION_OUTCOME_COMPLETED, at);
	else
		session_enter(s, s->cur + 1, at);
}

/* Processes every cue and entry end due up to `now`, each at its own ms. */
static void session_process(session *s, uint64_t now)
{
	while (s->state == SESSION_RUNNING) {
		uint64_t base = session_base(s);
		uint64_t end = base + s->length_ms;
		if (s->cue_next < s->ncues) {
			uint64_t t = base + s->cues[s->cue_next].at_ms;
			if (t <= end && t <= now) {
				session_emit_cue(s, s->cues[s->cue_next].kind, t);
				if (s->cues[s->cue_next].kind == CUE_HALFWAY)
					s->halfway_done = true;
				s->cue_next++;
				continue;
			}
		}
		if (end > now)
			break;
		session_advance(s, SESSION_END_ELAPSED, end);
	}
}

/* Every action starts here: times never go backwards. */
static uint64_t session_now(session *s, uint64_t now)
{
	if (now < s->last_now)
		now = s->last_now;
	s->last_now = now;
	session_process(s, now);
	return now;
}

void session_tick(session *s, uint64_t now)
{
	session_now(s, now);
}

int session_start(session *s, uint64_t now)
{
	if (s->state != SESSION_NOT_STARTED)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	s->state = SESSION_RUNNING;
	s->sess_start = now;
	session_emit(s, SESSION_EV_SESSION_START, now, 0);
	if (s->n == 0) {
		session_finish(s, SESSION_OUTCOME_COMPLETED, now);
		return SESSION_OK;
	}
	session_enter(s, 0, now);
	session_process(s, now);
	return SESSION_OK;
}

int session_pause(session *s, uint64_t now)
{
	if (s->state != SESSION_RUNNING)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	if (s->state != SESSION_RUNNING) /* it just completed */
		return SESSION_ERR_STATE;
	s->state = SESSION_PAUSED;
	s->pause_at = now;
	session_emit(s, SESSION_EV_PAUSE, now, (int)s->cur + 1);
	session_emit_cue(s, CUE_PAUSE, now);
	return SESSION_OK;
}

int session_resume(session *s, uint64_t now)
{
	if (s->state != SESSION_PAUSED)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	s->entry_paused += now - s->pause_at;
	s->sess_paused += now - s->pause_at;
	s->state = SESSION_RUNNING;
	session_emit(s, SESSION_EV_RESUME, now, (int)s->cur + 1);
	session_emit_cue(s, CUE_RESUME, now);
	session_process(s, now);
	return SESSION_OK;
}

int session_next(session *s, uint64_t now)
{
	if (s->state == SESSION_NOT_STARTED)
		return session_start(s, now);
	if (s->state != SESSION_RUNNING)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	if (s->state != SESSION_RUNNING)
		return SESSION_ERR_STATE;
	if (!session_can_tap_end(s, now))
		return SESSION_ERR_EARLY;
	session_advance(s, SESSION_END_ADVANCED, now);
	session_process(s, now);
	return SESSION_OK;
}

/* First entry of the group of entry i: its transition, if it has one. */
static size_t session_group(const session *s, size_t i)
{
	const routine_entry *e = session_entry(s, i);
	if (e->kind == ROUTINE_TRANSITION || i == 0)
		return i;
	return session_entry(s, i - 1)->kind == ROUTINE_TRANSITION ? i - 1 : i;
}

int session_previous(session *s, uint64_t now)
{
	if (s->state != SESSION_RUNNING)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	if (s->state != SESSION_RUNNING)
		return SESSION_ERR_STATE;
	size_t g = session_group(s, s->cur);
	size_t target = g == 0 ? 0 : session_group(s, g - 1);
	session_step_end(s, SESSION_END_ADVANCED, true, now, session_active(s, now));
	session_enter(s, target, now);
	/* The first entry's schedule has its own start cue; others get one here. */
	const routine_entry *e = session_entry(s, target);
	if (target > 0 && e->cues.start)
		session_emit_cue(s, e->kind == ROUTINE_TRANSITION ? CUE_GET_READY : CUE_START, now);
	session_process(s, now);
	return SESSION_OK;
}

int session_extend(session *s, uint64_t now)
{
	if (s->state != SESSION_RUNNING && s->state != SESSION_PAUSED)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	if (s->state == SESSION_FINISHED)
		return SESSION_ERR_STATE;
	s->length_ms += SESSION_EXTEND_MS;
	session_schedule(s, session_active(s, now), true);
	session_emit(s, SESSION_EV_EXTEND, now, (int)s->cur + 1);
	return SESSION_OK;
}

int session_lengthen(session *s, uint64_t length_ms, uint64_t now)
{
	if (s->state != SESSION_RUNNING && s->state != SESSION_PAUSED)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	if (s->state == SESSION_FINISHED)
		return SESSION_ERR_STATE;
	if (length_ms > s->length_ms) {
		s->length_ms = length_ms;
		session_schedule(s, session_active(s, now), true);
	}
	return SESSION_OK;
}

int session_discomfort(session *s, uint64_t now)
{
	if (s->state != SESSION_RUNNING && s->state != SESSION_PAUSED)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	if (s->state == SESSION_FINISHED)
		return SESSION_ERR_STATE;
	s->discomforts[s->cur]++;
	session_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SESSION_EV_DISCOMFORT;
	ev.ms = now;
	ev.index = (int)s->cur + 1;
	ev.step_ms = session_active(s, now);
	session_push(s, &ev);
	session_emit_cue(s, CUE_DISCOMFORT, now);
	return SESSION_OK;
}

int session_abandon(session *s, uint64_t now)
{
	if (s->state != SESSION_RUNNING && s->state != SESSION_PAUSED)
		return SESSION_ERR_STATE;
	now = session_now(s, now);
	if (s->state == SESSION_FINISHED)
		return SESSION_ERR_STATE;
	uint64_t actual = session_active(s, now);
	if (s->state == SESSION_PAUSED) {
		s->entry_paused += now - s->pause_at;
		s->sess_paused += now - s->pause_at;
	}
	s->cue_next = s->ncues;
	session_step_end(s, SESSION_END_ABANDONED, false, now, actual);
	session_finish(s, SESSION_OUTCOME_ABANDONED, now);
	return SESSION_OK;
}

bool session_next_cue(const session *s, cue_kind *kind, uint64_t *at)
{
	if (s->state != SESSION_RUNNING || s->cue_next >= s->ncues ||
	    s->cues[s->cue_next].at_ms > s->length_ms)
		return false;
	*kind = s->cues[s->cue_next].kind;
	*at = session_base(s) + s->cues[s->cue_next].at_ms;
	return true;
}

bool session_next_event(session *s, session_event *ev)
{
	if (s->qlen == 0)
		return false;
	*ev = s->q[s->qhead];
	s->qhead = (s->qhead + 1) % s->qcap;
	s->qlen--;
	return true;
}

uint64_t session_next_deadline(const session *s)
{
	if (s->state != SESSION_RUNNING)
		return SESSION_NO_DEADLINE;
	uint64_t base = session_base(s);
	uint64_t t = base + s->length_ms;
	if (s->cue_next < s->ncues && base + s->cues[s->cue_next].at_ms < t)
		t = base + s->cues[s->cue_next].at_ms;
	return t;
}

session_state session_get_state(const session *s) { return s->state; }
session_outcome session_get_outcome(const session *s) { return s->outcome; }
const routine *session_routine(const session *s) { return s->r; }
size_t session_current(const session *s) { return s->cur; }

uint64_t session_entry_elapsed_ms(const session *s, uint64_t now)
{
	uint64_t a = session_active(s, now);
	return a > s->length_ms ? s->length_ms : a;
}

uint64_t session_entry_length_ms(const session *s)
{
	return s->length_ms;
}

uint64_t session_entry_remaining_ms(const session *s, uint64_t now)
{
	if (s->state != SESSION_RUNNING && s->state != SESSION_PAUSED)
		return 0;
	return s->length_ms - session_entry_elapsed_ms(s, now);
}

uint64_t session_elapsed_ms(const session *s, uint64_t now)
{
	uint64_t t;
	switch (s->state) {
	case SESSION_NOT_STARTED: return 0;
	case SESSION_PAUSED: t = s->pause_at; break;
	case SESSION_FINISHED: t = s->end_at; break;
	default: t = now; break;
	}
	uint64_t off = s->sess_start + s->sess_paused;
	return t > off ? t - off : 0;
}

unsigned session_discomforts(const session *s, size_t entry)
{
	return entry < s->n ? s->discomforts[entry] : 0;
}

bool session_can_tap_end(const session *s, uint64_t now)
{
	if (s->state == SESSION_NOT_STARTED)
		return true;
	if (s->state != SESSION_RUNNING && s->state != SESSION_PAUSED)
		return false;
	const routine_entry *e = session_entry(s, s->cur);
	return !e->ends_on_tap || session_active(s, now) >= (uint64_t)e->min_s * 1000;
}
