/* ctl_floor: the controller's floor-first rules (issue 17): the pedal alone
 * pauses, resumes and ends a session (the very long hold), and the preview's
 * over-treatment warning needs a deliberate confirmation. See ctl_internal.h
 * and docs/ARCHITECTURE.md, "The pedal alone". */
#include "app/ctl_internal.h"

#include "io/log.h"

/* Hands-free pause and end: on the run screen, pedal 0 held on past the hold
 * (which logged its discomfort at hold_ms, as every hold does) to
 * long_hold_ms pauses a running session, and ends a paused one or confirms
 * the end dialog. How long this press of pedal 0 has counted towards that at
 * now, 0 when it does not count: the pedal is up, the press already acted,
 * began before the session, or the configuration maps long_hold itself. */
static uint64_t long_hold_ms(const ctl *c, uint64_t now)
{
	const gesture_config *gc = &c->cfg.gesture;
	if (c->long_fired || c->m.screen != VIEW_RUN || c->m.admin != VIEW_ADMIN_NONE || !ctl_session_active(c) ||
	    gc->map[0][GESTURE_LONG_HOLD] != GESTURE_ACTION_NONE || gc->long_hold_ms <= gc->hold_ms)
		return 0;
	uint64_t held = gesture_held_ms(c->g, 0, now);
	return held && now - held >= c->run_since ? held : 0;
}

/* The very long hold, once reached: pause, or end. */
static void long_hold(ctl *c, uint64_t now)
{
	if (!gesture_is_down(c->g, 0)) {
		c->long_fired = false;
		return;
	}
	uint64_t held = long_hold_ms(c, now);
	if (held == 0 || held < c->cfg.gesture.long_hold_ms)
		return;
	c->long_fired = true;
	bool pause = session_get_state(c->s) == SESSION_RUNNING && !c->m.confirm_end;
	log_info("pedal held %.1f s: %s", c->cfg.gesture.long_hold_ms / 1000.0, pause ? "pause" : "end the session");
	/* No dialog for the end: the hold, counted on the screen, confirms it. */
	ctl_press(c, pause ? VIEW_BTN_PAUSE : VIEW_BTN_END_CONFIRM, 0, now);
}

static float long_hold_progress(const ctl *c, uint64_t now)
{
	uint64_t held = long_hold_ms(c, now), hold = c->cfg.gesture.hold_ms;
	if (held <= hold)
		return 0;
	float f = (float)(held - hold) / (float)(c->cfg.gesture.long_hold_ms - hold);
	return f > 1 ? 1 : f;
}

void ctl_floor_tick(ctl *c, uint64_t now)
{
	long_hold(c, now);
	const view_model *m = &c->m;
	/* the countdown to "Start anyway", and the button once it is offered */
	if (m->screen == VIEW_PREVIEW && m->overtreat_confirm && m->start_armed_at && now < m->start_armed_at + 1000)
		c->dirty = true;
}

/* Over-treatment (the preview's warning from the history) needs a
 * deliberate start: "Start anyway" is offered CTL_START_ARM_MS after the
 * warning was first drawn, and then only a touch on it or a pedal hold
 * starts (a tap turns the warning's page). */
bool ctl_start_blocked(const ctl *c, uint64_t now)
{
	const view_model *m = &c->m;
	return m->screen == VIEW_PREVIEW && m->overtreat_confirm && (!m->start_armed_at || now < m->start_armed_at);
}

void ctl_floor_frame(ctl *c, uint64_t now)
{
	view_model *m = &c->m;
	m->long_progress = long_hold_progress(c, now);
	if (m->screen == VIEW_PREVIEW && m->overtreat_confirm && !m->start_armed_at && !m->checkin_target[0] &&
	    m->admin == VIEW_ADMIN_NONE && !m->dimmed)
		m->start_armed_at = now + CTL_START_ARM_MS; /* the warning is on the screen from now */
}

uint64_t ctl_floor_deadline(const ctl *c, uint64_t now, bool animate)
{
	uint64_t w = CTL_NO_DEADLINE;
	const view_model *m = &c->m;
	if (m->screen == VIEW_PREVIEW && m->overtreat_confirm && m->start_armed_at > now) {
		/* "Start anyway" appears then; its countdown shows whole seconds */
		uint64_t left = m->start_armed_at - now;
		w = animate && left % 1000 ? now + left % 1000 : m->start_armed_at;
	}
	uint64_t held = long_hold_ms(c, now), lh = c->cfg.gesture.long_hold_ms;
	if (held) { /* when the very long hold is reached, and its fill */
		w = now + (lh > held ? lh - held : 0);
		if (animate && now + CTL_ANIM_MS < w)
			w = now + CTL_ANIM_MS;
	}
	return w;
}
