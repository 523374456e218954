/* gesture: debounced foot-switch edges -> taps, holds, double taps, long holds.
 *
 * Each input is a small state machine. A raw edge only becomes "pending"; it
 * is committed once the raw level has stayed the same for debounce_ms, with
 * the timestamp of that edge. Time-based decisions (hold, long hold, the end
 * of a double-tap window) are taken in the order of the times they concern:
 * a decision at time D waits while an edge from before D is still pending,
 * because that edge (a release, a new press) may change the answer.
 */
#include "core/gesture.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>

#define GESTURE_QUEUE_MAX 64

typedef struct {
	bool raw;             /* last raw level */
	uint64_t raw_since;   /* timestamp of the raw edge that set it */
	uint64_t last_ms;     /* newest timestamp seen (older ones are ignored) */
	bool down;            /* debounced level */
	uint64_t press_start; /* timestamp of the committed press */
	bool hold_reached;    /* the press passed hold_ms */
	bool long_fired;      /* the press passed long_hold_ms (long hold mapped) */
	bool tap_pending;     /* a tap waits for a possible second one */
	uint64_t tap_release; /* when that tap was released */
	uint32_t tap_duration;
	bool second_press;    /* the current press started inside the window */
} gesture_input;

struct gesture {
	gesture_config cfg;
	gesture_input in[GESTURE_MAX_INPUTS];
	gesture_event queue[GESTURE_QUEUE_MAX];
	size_t head, count;
};

/* What an input waits for next. */
typedef enum { WAIT_NONE, WAIT_EDGE, WAIT_HOLD, WAIT_LONG, WAIT_WINDOW } gesture_wait;

void gesture_config_default(gesture_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->debounce_ms = 30;
	cfg->hold_ms = 700;
	cfg->long_hold_ms = 3000;
	cfg->double_tap_ms = 400;
	cfg->map[0][GESTURE_TAP] = GESTURE_ACTION_NEXT;
	cfg->map[0][GESTURE_HOLD] = GESTURE_ACTION_DISCOMFORT;
	cfg->map[1][GESTURE_TAP] = GESTURE_ACTION_DISCOMFORT;
	cfg->map[1][GESTURE_HOLD] = GESTURE_ACTION_PAUSE;
}

gesture *gesture_new(const gesture_config *cfg)
{
	gesture *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->cfg = *cfg;
	return g;
}

void gesture_free(gesture *g)
{
	free(g);
}

static bool gesture_mapped(const gesture *g, int input, gesture_kind k)
{
	return g->cfg.map[input][k] != GESTURE_ACTION_NONE;
}

static void gesture_emit(gesture *g, int input, gesture_kind k, uint64_t ms, uint32_t duration)
{
	if (g->count == GESTURE_QUEUE_MAX) { /* the caller never drains: drop the oldest */
		g->head = (g->head + 1) % GESTURE_QUEUE_MAX;
		g->count--;
	}
	gesture_event *e = &g->queue[(g->head + g->count) % GESTURE_QUEUE_MAX];
	e->input = input;
	e->kind = k;
	e->action = g->cfg.map[input][k];
	e->ms = ms;
	e->duration_ms = duration;
	g->count++;
}

/* The earliest thing input i waits for, by the time it concerns (*event_ms),
 * and when it can be decided (*decide_ms). */
static gesture_wait gesture_pending(const gesture *g, int i, uint64_t *event_ms, uint64_t *decide_ms)
{
	const gesture_input *s = &g->in[i];
	gesture_wait w = WAIT_NONE;
	uint64_t best = GESTURE_NO_DEADLINE;

	if (s->down && !s->hold_reached) {
		best = s->press_start + g->cfg.hold_ms;
		w = WAIT_HOLD;
	} else if (s->down && gesture_mapped(g, i, GESTURE_LONG_HOLD) && !s->long_fired) {
		best = s->press_start + g->cfg.long_hold_ms;
		w = WAIT_LONG;
	}
	if (s->tap_pending && !s->second_press && s->tap_release + g->cfg.double_tap_ms < best) {
		best = s->tap_release + g->cfg.double_tap_ms;
		w = WAIT_WINDOW;
	}
	/* A pending edge goes first if it happened before the deadline (a release
	 * exactly at hold_ms is a hold; a press exactly at the window end counts). */
	if (s->raw != s->down) {
		bool first = w == WAIT_NONE || s->raw_since < best ||
		             (w == WAIT_WINDOW && s->raw_since == best);
		if (first) {
			*event_ms = s->raw_since;
			*decide_ms = s->raw_since + g->cfg.debounce_ms;
			return WAIT_EDGE;
		}
	}
	*event_ms = best;
	*decide_ms = best;
	return w;
}

/* Emits the tap held back for a double tap. */
static void gesture_flush_tap(gesture *g, int i, uint64_t ms)
{
	gesture_input *s = &g->in[i];
	if (s->tap_pending) {
		gesture_emit(g, i, GESTURE_TAP, ms, s->tap_duration);
		s->tap_pending = false;
	}
	s->second_press = false;
}

static void gesture_commit(gesture *g, int i)
{
	gesture_input *s = &g->in[i];
	uint64_t t = s->raw_since;

	s->down = s->raw;
	if (s->down) {
		s->press_start = t;
		s->hold_reached = false;
		s->long_fired = false;
		s->second_press = s->tap_pending;
		return;
	}
	uint32_t dur = (uint32_t)(t - s->press_start);
	bool long_mapped = gesture_mapped(g, i, GESTURE_LONG_HOLD);
	if (s->hold_reached) {
		/* with a long hold mapped, the hold waits for the release */
		if (long_mapped && !s->long_fired)
			gesture_emit(g, i, GESTURE_HOLD, t, dur);
		return;
	}
	if (s->second_press) {
		s->tap_pending = false;
		s->second_press = false;
		gesture_emit(g, i, GESTURE_DOUBLE_TAP, t, dur);
	} else if (gesture_mapped(g, i, GESTURE_DOUBLE_TAP)) {
		s->tap_pending = true;
		s->tap_release = t;
		s->tap_duration = dur;
	} else {
		gesture_emit(g, i, GESTURE_TAP, t, dur);
	}
}

/* Decisions are taken in time order across both inputs, so gestures come
 * out in the order they were recognised even when ticked late. */
void gesture_tick(gesture *g, uint64_t now)
{
	for (;;) {
		int i = -1;
		gesture_wait w = WAIT_NONE;
		uint64_t ev = 0, best = UINT64_MAX;
		for (int k = 0; k < GESTURE_MAX_INPUTS; k++) {
			uint64_t e, decide;
			gesture_wait kw = gesture_pending(g, k, &e, &decide);
			if (kw != WAIT_NONE && decide <= now && decide < best) {
				best = decide;
				i = k;
				w = kw;
				ev = e;
			}
		}
		if (i < 0)
			break;
		gesture_input *s = &g->in[i];
		switch (w) {
		case WAIT_EDGE:
			gesture_commit(g, i);
			break;
		case WAIT_HOLD:
			s->hold_reached = true;
			gesture_flush_tap(g, i, ev);
			if (!gesture_mapped(g, i, GESTURE_LONG_HOLD))
				gesture_emit(g, i, GESTURE_HOLD, ev, g->cfg.hold_ms);
			break;
		case WAIT_LONG:
			s->long_fired = true;
			gesture_emit(g, i, GESTURE_LONG_HOLD, ev, g->cfg.long_hold_ms);
			break;
		case WAIT_WINDOW:
			gesture_flush_tap(g, i, ev);
			break;
		default:
			break;
		}
	}
}

void gesture_edge(gesture *g, int input, bool down, uint64_t ms)
{
	if (input < 0 || input >= GESTURE_MAX_INPUTS)
		return;
	gesture_input *s = &g->in[input];
	if (ms < s->last_ms)
		return;
	gesture_tick(g, ms);
	s->last_ms = ms;
	if (s->raw == down)
		return;
	s->raw = down;
	s->raw_since = ms;
}

bool gesture_next(gesture *g, gesture_event *out)
{
	if (g->count == 0)
		return false;
	*out = g->queue[g->head];
	g->head = (g->head + 1) % GESTURE_QUEUE_MAX;
	g->count--;
	return true;
}

uint64_t gesture_next_deadline(const gesture *g)
{
	uint64_t best = GESTURE_NO_DEADLINE;
	for (int i = 0; i < GESTURE_MAX_INPUTS; i++) {
		uint64_t ev, decide;
		if (gesture_pending(g, i, &ev, &decide) != WAIT_NONE && decide < best)
			best = decide;
	}
	return best;
}

bool gesture_is_down(const gesture *g, int input)
{
	return input >= 0 && input < GESTURE_MAX_INPUTS && g->in[input].down;
}

float gesture_hold_progress(const gesture *g, int input, uint64_t now)
{
	if (!gesture_is_down(g, input) || g->cfg.hold_ms == 0)
		return 0.0f;
	const gesture_input *s = &g->in[input];
	if (now <= s->press_start)
		return 0.0f;
	uint64_t held = now - s->press_start;
	return held >= g->cfg.hold_ms ? 1.0f : (float)held / (float)g->cfg.hold_ms;
}

uint64_t gesture_held_ms(const gesture *g, int input, uint64_t now)
{
	if (!gesture_is_down(g, input) || now <= g->in[input].press_start)
		return 0;
	return now - g->in[input].press_start;
}

static const char *const gesture_kind_names[GESTURE_KIND_COUNT] = {
	/* TRANSLATORS: the pedal gestures and actions, as the Settings pedal test lists them */
	N_("tap"), N_("double_tap"), N_("hold"), N_("long_hold"),
};
static const char *const gesture_action_names[GESTURE_ACTION_COUNT] = {
	N_("none"), N_("next"), N_("discomfort"), N_("pause"), N_("previous"), N_("extend"),
};

const char *gesture_kind_name(gesture_kind k)
{
	return (unsigned)k < GESTURE_KIND_COUNT ? gesture_kind_names[k] : "unknown";
}

const char *gesture_action_name(gesture_action a)
{
	return (unsigned)a < GESTURE_ACTION_COUNT ? gesture_action_names[a] : "unknown";
}

int gesture_action_from_name(const char *name)
{
	for (int i = 0; i < GESTURE_ACTION_COUNT; i++)
		if (name && strcmp(name, gesture_action_names[i]) == 0)
			return i;
	return -1;
}
