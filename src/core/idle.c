/* idle: home after idle, forgotten pauses ended, dimming (see idle.h). */
#include "core/idle.h"

#include <stdlib.h>

struct idle_tracker {
	idle_config cfg;
	idle_place place;
	uint64_t since;        /* came to this place */
	uint64_t last_input;
	bool dimmed;
	bool acted;            /* GO_HOME / END_PAUSED reported for this place */
};

idle_tracker *idle_new(const idle_config *cfg, uint64_t now)
{
	idle_tracker *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->cfg = *cfg;
	t->place = IDLE_HOME;
	t->since = t->last_input = now;
	return t;
}

void idle_free(idle_tracker *t)
{
	free(t);
}

void idle_set_place(idle_tracker *t, idle_place place, uint64_t now)
{
	if (place == t->place)
		return;
	t->place = place;
	t->since = now;
	t->acted = false;
	if (place == IDLE_RUNNING || place == IDLE_PAUSED)
		t->dimmed = false;
}

idle_place idle_get_place(const idle_tracker *t)
{
	return t->place;
}

bool idle_input(idle_tracker *t, uint64_t now)
{
	bool was = t->dimmed;
	t->last_input = now;
	t->dimmed = false;
	return was;
}

/* `from + after`, or IDLE_NEVER for "never" (0) and on overflow. */
static uint64_t idle_at(uint64_t from, uint64_t after)
{
	if (!after || from > IDLE_NEVER - after)
		return IDLE_NEVER;
	return from + after;
}

static uint64_t idle_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

uint64_t idle_deadline(const idle_tracker *t)
{
	uint64_t ref = t->last_input > t->since ? t->last_input : t->since;
	uint64_t w = IDLE_NEVER;
	switch (t->place) {
	case IDLE_AWAY:
		if (!t->acted)
			w = idle_at(ref, t->cfg.idle_ms);
		/* away dims too */
		/* fall through */
	case IDLE_HOME:
		if (!t->dimmed)
			w = idle_min(w, idle_at(ref, t->cfg.dim_ms));
		break;
	case IDLE_PAUSED:
		/* a paused session ends after the pause, touched or not: the
		 * station must not stay stuck in someone's half-done session */
		if (!t->acted)
			w = idle_at(t->since, t->cfg.pause_timeout_ms);
		break;
	case IDLE_RUNNING:
		break;
	}
	return w;
}

idle_action idle_due(idle_tracker *t, uint64_t now)
{
	uint64_t ref = t->last_input > t->since ? t->last_input : t->since;
	switch (t->place) {
	case IDLE_PAUSED:
		if (!t->acted && idle_at(t->since, t->cfg.pause_timeout_ms) <= now) {
			t->acted = true;
			return IDLE_END_PAUSED;
		}
		return IDLE_NOTHING;
	case IDLE_AWAY:
		if (!t->acted && idle_at(ref, t->cfg.idle_ms) <= now) {
			t->acted = true;
			return IDLE_GO_HOME;
		}
		/* fall through */
	case IDLE_HOME:
		if (!t->dimmed && idle_at(ref, t->cfg.dim_ms) <= now) {
			t->dimmed = true;
			return IDLE_DIM;
		}
		return IDLE_NOTHING;
	case IDLE_RUNNING:
	default:
		return IDLE_NOTHING;
	}
}

bool idle_is_dimmed(const idle_tracker *t)
{
	return t->dimmed;
}

const char *idle_action_name(idle_action a)
{
	switch (a) {
	case IDLE_GO_HOME: return "go home";
	case IDLE_END_PAUSED: return "end paused";
	case IDLE_DIM: return "dim";
	default: return "nothing";
	}
}
