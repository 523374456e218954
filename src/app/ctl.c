/* ctl: the controller's inputs and their dispatch: buttons, pedal actions,
 * keys, touches, the tick and the next deadline. See ctl.h. */
#include "app/ctl_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/safety.h"
#include "io/log.h"

/* ---------------------------------------------------------------- lifetime */

ctl *ctl_new(const ctl_options *o, const ctl_effects *fx, uint64_t now)
{
	ctl *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->cfg = *o->cfg;
	if (fx)
		c->fx = *fx;
	c->trace = o->trace;
	c->fixed_journal = o->fixed_journal;
	c->no_confirm = o->no_confirm;
	c->safety_pages = o->safety_pages > 0 ? o->safety_pages : 1;
	snprintf(c->journal, sizeof c->journal, "%s", o->journal ? o->journal : "");
	c->own = o->own;
	c->routine_path = o->own_path;
	c->watching = o->watching;
	c->g = gesture_new(&c->cfg.gesture);
	idle_config ic = { (uint64_t)c->cfg.idle_minutes * 60000, (uint64_t)c->cfg.pause_timeout_minutes * 60000,
	                   (uint64_t)c->cfg.dim_minutes * 60000 };
	c->idle = idle_new(&ic, now);
	c->adm = admin_new(c->cfg.admin_pin);
	if (!c->g || !c->idle || !c->adm) {
		ctl_free(c);
		return NULL;
	}
	view_model *m = &c->m;
	m->kiosk = o->kiosk;
	m->reminder = safety_reminder();
	m->skip_text = safety_skip_offer();
	m->ease_text = safety_ease_off(ROUTINE_TOOL_NONE);
	m->bodymap = o->bodymap;
	m->painmap = o->painmap;
	m->volume = o->volume;
	m->mute = c->cfg.mute;
	m->voice = (int)c->cfg.voice;
	m->rotate = o->rotate;
	m->audio_ok = o->audio_ok;
	m->settings_locked = o->kiosk;
	c->conf_volume = o->volume;
	c->conf_mute = c->cfg.mute;
	c->conf_rotate = o->rotate;
	snprintf(m->language, sizeof m->language, "%s", o->language ? o->language : "en");
	for (size_t i = 0; i < o->nlanguages && i < VIEW_MAX_LANGUAGES; i++)
		snprintf(m->languages[m->nlanguages++], sizeof m->languages[0], "%s", o->languages[i]);
	m->has_history = c->journal[0] != '\0';
	if (o->notice)
		ctl_notice(c, o->notice);
	const gesture_config *gc = &c->cfg.gesture;
	snprintf(m->pedal_map, sizeof m->pedal_map, _("tap \xE2\x86\x92 %s, hold %.1f s \xE2\x86\x92 %s"),
	         _(gesture_action_name(gc->map[0][GESTURE_TAP])), gc->hold_ms / 1000.0,
	         _(gesture_action_name(gc->map[0][GESTURE_HOLD])));
	ctl_load_profiles(c, o);
	if (m->kiosk && !c->cfg.admin_pin[0])
		log_warn("kiosk mode without \"admin_pin\" in the config: the kiosk cannot be left from the screen");

	c->safety_ok = !m->kiosk && o->safety_accepted;
	if (c->own) {
		ctl_open_preview(c, c->own, c->routine_path);
		if (!c->safety_ok && !m->kiosk)
			m->screen = VIEW_SAFETY;
	} else if (!c->safety_ok) {
		m->screen = VIEW_SAFETY;
	} else {
		ctl_go_library(c);
	}
	c->dirty = true;
	return c;
}

void ctl_free(ctl *c)
{
	if (!c)
		return;
	if (c->lib_loaded && c->fx.library_free)
		c->fx.library_free(c->fx.user);
	for (int i = 0; i < VIEW_MAX_PROFILES; i++)
		history_free(c->hists[i]);
	session_free(c->s);
	free(c->entry_actual);
	free(c->entry_done);
	gesture_free(c->g);
	idle_free(c->idle);
	admin_free(c->adm);
	free(c);
}

const view_model *ctl_model(const ctl *c) { return &c->m; }
const history *ctl_history(const ctl *c) { return c->hist; }

const view_model *ctl_frame(ctl *c, uint64_t now)
{
	view_model *m = &c->m;
	m->now = now;
	ctl_library_show(c);
	m->pedal_down = gesture_is_down(c->g, 0);
	m->hold_progress = gesture_hold_progress(c->g, 0, now);
	ctl_floor_frame(c, now);
	if (c->s && m->screen == VIEW_RUN && m->early_hint) {
		/* "Stay a little longer" goes once the step's minimum has passed. */
		const routine_entry *e = m->routine ? routine_entry_at(m->routine, session_current(c->s)) : NULL;
		m->early_hint = session_get_state(c->s) == SESSION_RUNNING && e &&
		                session_entry_elapsed_ms(c->s, now) < (uint64_t)e->min_s * 1000;
	}
	return m;
}
bool ctl_dirty(const ctl *c) { return c->dirty; }
bool ctl_started_ever(const ctl *c) { return c->started_ever; }
const session *ctl_session(const ctl *c) { return c->s; }

bool ctl_quit(const ctl *c, int *code)
{
	if (code)
		*code = c->exit_code;
	return c->quit;
}

bool ctl_gesture_pending(const ctl *c)
{
	return gesture_next_deadline(c->g) != GESTURE_NO_DEADLINE;
}

session_state ctl_session_state(const ctl *c)
{
	return c->s ? session_get_state(c->s) : SESSION_NOT_STARTED;
}

bool ctl_session_active(const ctl *c)
{
	session_state st = ctl_session_state(c);
	return st == SESSION_RUNNING || st == SESSION_PAUSED;
}

bool ctl_pressed(const ctl *c, view_button_id *id, int *arg)
{
	*id = c->press_id;
	*arg = c->press_arg;
	return c->touching;
}

const routine *ctl_routine(const ctl *c, const char **path)
{
	if (path)
		*path = c->routine_path;
	return c->routine;
}

void ctl_notice(ctl *c, const char *text)
{
	snprintf(c->notice, sizeof c->notice, "%s", text);
	c->m.notice = c->notice;
	c->dirty = true;
}

void ctl_audio_opened(ctl *c, bool ok, const char *problem)
{
	c->m.audio_ok = ok;
	c->dirty = true;
	if (problem)
		ctl_notice(c, problem);
}

void ctl_pedal_status(ctl *c, const char *text)
{
	snprintf(c->m.pedal_status, sizeof c->m.pedal_status, "%s", text);
	c->dirty = true;
}

void ctl_library_changed(ctl *c)
{
	c->lib_stale = true;
}

/* ---------------------------------------------------------------- buttons */

/* After the library's page was turned by touch, the highlighted card (what
 * a pedal tap opens) is the first one of the page shown, unless it is on it
 * already; the page is clamped to the last one. */
static void library_follow_page(ctl *c)
{
	view_model *m = &c->m;
	int per = c->fx.library_per_page ? c->fx.library_per_page(c->fx.user) : 0;
	if (m->screen != VIEW_LIBRARY || per <= 0 || m->nroutines == 0)
		return;
	int last = ((int)m->nroutines - 1) / per;
	if (m->page > last)
		m->page = last;
	if (m->selected / per != m->page && m->page * per < (int)c->nvalid)
		m->selected = m->page * per;
}

/* The run screen's buttons. */
static void press_run(ctl *c, view_button_id id, uint64_t now)
{
	session *s = c->s;
	view_model *m = &c->m;
	if (!s && id != VIEW_BTN_END && id != VIEW_BTN_END_CANCEL && id != VIEW_BTN_END_CONFIRM)
		return;
	switch (id) {
	case VIEW_BTN_PAUSE:
		if (session_get_state(s) == SESSION_PAUSED)
			session_resume(s, now);
		else
			session_pause(s, now);
		break;
	case VIEW_BTN_PREV: session_previous(s, now); break;
	case VIEW_BTN_NEXT:
	case VIEW_BTN_SKIP:
		m->early_hint = session_next(s, now) == SESSION_ERR_EARLY;
		break;
	case VIEW_BTN_EXTEND: session_extend(s, now); break;
	case VIEW_BTN_DISCOMFORT: session_discomfort(s, now); break;
	case VIEW_BTN_END:
		/* A modal pauses the session (journaled as a pause): a dialog left
		 * open never runs the session to its end. */
		m->confirm_end = true;
		c->end_paused = s && session_get_state(s) == SESSION_RUNNING && session_pause(s, now) == SESSION_OK;
		break;
	case VIEW_BTN_END_CANCEL:
		m->confirm_end = false;
		if (c->end_paused && s && session_get_state(s) == SESSION_PAUSED)
			session_resume(s, now);
		c->end_paused = false;
		break;
	case VIEW_BTN_END_CONFIRM:
		m->confirm_end = c->end_paused = false;
		if (s)
			session_abandon(s, now);
		break;
	default: break;
	}
}

/* Settings' language row: the next language with a catalogue (the shell
 * rebinds gettext and redraws every text). */
static void ctl_next_language(view_model *m)
{
	size_t i = 0;
	while (i < m->nlanguages && strcmp(m->languages[i], m->language) != 0)
		i++;
	if (m->nlanguages == 0)
		return;
	i = i < m->nlanguages ? (i + 1) % m->nlanguages : 0;
	snprintf(m->language, sizeof m->language, "%s", m->languages[i]);
	log_info("settings: language %s", m->language);
}

/* Settings, check-in, profiles and the admin overlays. */
static void press_other(ctl *c, view_button_id id, int arg, uint64_t now)
{
	view_model *m = &c->m;
	if (!ctl_settings_allowed(c, id))
		return;
	switch (id) {
	case VIEW_BTN_VOL_DOWN:
	case VIEW_BTN_VOL_UP:
		m->volume += id == VIEW_BTN_VOL_UP ? 10 : -10;
		m->volume = m->volume < 0 ? 0 : m->volume > 100 ? 100 : m->volume;
		if (c->trace)
			log_debug("volume %d", m->volume);
		if (c->fx.set_volume)
			c->fx.set_volume(c->fx.user, m->volume);
		break;
	case VIEW_BTN_MUTE:
		m->mute = !m->mute;
		if (c->fx.set_mute)
			c->fx.set_mute(c->fx.user, m->mute);
		break;
	case VIEW_BTN_VOICE:
		ctl_voice_setting(c, (m->voice + 2) % 3);
		break;
	case VIEW_BTN_CHECKIN_FINE:
	case VIEW_BTN_CHECKIN_SORE:
		if (m->checkin_target[0] && m->checkin_stage == 0)
			ctl_soreness_answer(c, id == VIEW_BTN_CHECKIN_SORE);
		break;
	case VIEW_BTN_COMPLAINT:
	case VIEW_BTN_PAIN_PAGE:
	case VIEW_BTN_PAIN_AREA:
		ctl_pain_press(c, id, arg, now);
		break;
	case VIEW_BTN_ADVICE_OK:
		if (m->checkin_target[0] && m->checkin_stage == 2) {
			m->checkin_target[0] = '\0';
			ctl_start_session(c, now);
		}
		break;
	case VIEW_BTN_PROFILE:
		m->profile_picker = !m->profile_picker && m->nprofiles > 1;
		m->profile_sel = m->profile;
		break;
	case VIEW_BTN_PROFILE_PICK:
		ctl_switch_profile(c, arg, now);
		m->profile_picker = false;
		break;
	case VIEW_BTN_PIN_DIGIT: admin_digit(c->adm, arg); break;
	case VIEW_BTN_PIN_ERASE: admin_erase(c->adm); break;
	case VIEW_BTN_PIN_OK: ctl_pin_entered(c, now); break;
	case VIEW_BTN_ADMIN_CLOSE: admin_close(c->adm); break;
	case VIEW_BTN_ADMIN_EXIT: ctl_leave_kiosk(c, now); break;
	case VIEW_BTN_ADMIN_SETTINGS: ctl_admin_settings(c); break;
	case VIEW_BTN_ROTATE:
		m->rotate = (m->rotate + 90) % 360; /* the shell turns the window */
		break;
	case VIEW_BTN_LANGUAGE: ctl_next_language(m); break;
	default:
		press_run(c, id, now);
		break;
	}
}

/* A touch target was activated, or a key mapped to one. */
void ctl_press(ctl *c, view_button_id id, int arg, uint64_t now)
{
	view_model *m = &c->m;
	c->dirty = true;
	if (c->trace)
		log_debug("press %s %d on %s", view_button_name(id), arg, view_screen_name(m->screen));
	if (ctl_finder_press(c, id, arg, now))
		return;
	switch (id) {
	case VIEW_BTN_ACCEPT: ctl_accept_safety(c, now); break;
	case VIEW_BTN_CARD:
		if (arg >= 0 && (size_t)arg < c->nitems && c->fx.library_show)
			c->fx.library_show(c->fx.user, (size_t)arg, 1);
		if (arg >= 0 && (size_t)arg < c->nitems && c->items[arg].r) {
			m->selected = arg;
			ctl_open_preview(c, c->items[arg].r, c->items[arg].path);
		}
		break;
	case VIEW_BTN_PAGE_PREV:
		if (m->screen == VIEW_SAFETY)
			m->safety_first_page--; /* the screen takes it round */
		else if (m->screen == VIEW_SAFETY_PAGE)
			m->safety_page -= m->safety_page > 0;
		else if (m->page > 0)
			m->page--;
		library_follow_page(c);
		break;
	case VIEW_BTN_PAGE_NEXT:
		if (m->screen == VIEW_SAFETY)
			m->safety_first_page++;
		else if (m->screen == VIEW_SAFETY_PAGE)
			m->safety_page += m->safety_page + 1 < c->safety_pages;
		else
			m->page++; /* screens clamp */
		library_follow_page(c);
		break;
	case VIEW_BTN_SAFETY_PAGE:
		if (m->screen == VIEW_LIBRARY || m->screen == VIEW_SETTINGS) {
			c->safety_from = m->screen;
			m->safety_page = 0;
			m->screen = VIEW_SAFETY_PAGE;
		}
		break;
	case VIEW_BTN_SETTINGS:
		if (ctl_settings_allowed(c, id))
			m->screen = VIEW_SETTINGS;
		break;
	case VIEW_BTN_HISTORY:
		ctl_reload_history(c); /* loaded once; fed since */
		m->screen = VIEW_HISTORY;
		break;
	case VIEW_BTN_BACK:
		if (m->screen == VIEW_SAFETY_PAGE && c->safety_from == VIEW_SETTINGS && ctl_settings_allowed(c, id))
			m->screen = VIEW_SETTINGS;
		else
			ctl_go_library(c);
		break;
	case VIEW_BTN_START:
		if (!ctl_start_blocked(c, now))
			ctl_start_session(c, now);
		break;
	case VIEW_BTN_ROW: m->preview_sel = arg; break;
	case VIEW_BTN_WARN_PAGE: m->warn_page += arg < 0 ? -1 : 1; break;
	case VIEW_BTN_DONE: ctl_go_library(c); break;
	default: press_other(c, id, arg, now); break;
	}
	ctl_drain_session(c, now);
}

void ctl_button(ctl *c, view_button_id id, int arg, uint64_t now)
{
	ctl_press(c, id, arg, now);
}

/* ---------------------------------------------------------------- actions */

/* The pedal on the run screen. */
static void act_run(ctl *c, int action, uint64_t now)
{
	view_model *m = &c->m;
	if (!c->s)
		return;
	if (m->confirm_end) {
		/* The pedal never ends a session by accident: a tap keeps going. */
		if (action == GESTURE_ACTION_NEXT || action == CONFIG_ACTION_ABANDON)
			ctl_press(c, action == CONFIG_ACTION_ABANDON ? VIEW_BTN_END_CONFIRM : VIEW_BTN_END_CANCEL, 0, now);
		return;
	}
	if (session_get_state(c->s) == SESSION_PAUSED) {
		if (action == GESTURE_ACTION_NEXT || action == GESTURE_ACTION_PAUSE)
			ctl_press(c, VIEW_BTN_PAUSE, 0, now);
		else if (action == CONFIG_ACTION_ABANDON)
			ctl_press(c, c->no_confirm ? VIEW_BTN_END_CONFIRM : VIEW_BTN_END, 0, now);
		return;
	}
	switch (action) {
	case GESTURE_ACTION_NEXT: ctl_press(c, VIEW_BTN_NEXT, 0, now); break;
	case GESTURE_ACTION_DISCOMFORT: ctl_press(c, VIEW_BTN_DISCOMFORT, 0, now); break;
	case GESTURE_ACTION_PAUSE: ctl_press(c, VIEW_BTN_PAUSE, 0, now); break;
	case GESTURE_ACTION_PREVIOUS: ctl_press(c, VIEW_BTN_PREV, 0, now); break;
	case GESTURE_ACTION_EXTEND: ctl_press(c, VIEW_BTN_EXTEND, 0, now); break;
	case CONFIG_ACTION_ABANDON: ctl_press(c, c->no_confirm ? VIEW_BTN_END_CONFIRM : VIEW_BTN_END, 0, now); break;
	default: break;
	}
}

/* The pedal on the library: one pedal is enough (a hold moves to the next
 * routine, a tap opens it); in the profile picker, a hold moves, a tap picks. */
static void act_library(ctl *c, int action, uint64_t now)
{
	view_model *m = &c->m;
	if (m->profile_picker) {
		if (action == GESTURE_ACTION_NEXT)
			ctl_press(c, VIEW_BTN_PROFILE_PICK, m->profile_sel, now);
		else if (action == GESTURE_ACTION_DISCOMFORT && m->nprofiles)
			m->profile_sel = (m->profile_sel + 1) % (int)m->nprofiles;
		else if (action == CONFIG_ACTION_ABANDON)
			m->profile_picker = false;
		c->dirty = true;
		return;
	}
	if (action == GESTURE_ACTION_NEXT)
		ctl_press(c, VIEW_BTN_CARD, m->selected, now);
	else if (action == GESTURE_ACTION_DISCOMFORT && c->nitems)
		ctl_library_step(c, 1, (int)c->nvalid);
}

/* The pedal on the preview; with the check-in open, a hands-free answer:
 * tap fine, hold still sore. */
static void act_preview(ctl *c, int action, uint64_t now)
{
	view_model *m = &c->m;
	if (m->checkin_target[0]) {
		if (action == CONFIG_ACTION_ABANDON)
			m->checkin_target[0] = '\0';
		else if (m->checkin_stage == 2 && action == GESTURE_ACTION_NEXT)
			ctl_press(c, VIEW_BTN_ADVICE_OK, 0, now);
		else if (m->checkin_stage == 0 && action == GESTURE_ACTION_NEXT)
			ctl_press(c, VIEW_BTN_CHECKIN_FINE, 0, now);
		else if (m->checkin_stage == 0 && action == GESTURE_ACTION_DISCOMFORT)
			ctl_press(c, VIEW_BTN_CHECKIN_SORE, 0, now);
		c->dirty = true;
	} else if (m->overtreat_confirm && (action == GESTURE_ACTION_NEXT || action == GESTURE_ACTION_DISCOMFORT)) {
		/* Over-treatment: a tap turns the warning's page, only a hold (once
		 * "Start anyway" is offered) starts. */
		if (action == GESTURE_ACTION_NEXT)
			ctl_press(c, VIEW_BTN_WARN_PAGE, 1, now);
		else
			ctl_press(c, VIEW_BTN_START, 0, now);
	} else if (action == GESTURE_ACTION_NEXT) {
		ctl_press(c, VIEW_BTN_START, 0, now);
	} else if (action == CONFIG_ACTION_ABANDON) {
		ctl_press(c, VIEW_BTN_BACK, 0, now);
	}
}

void ctl_action(ctl *c, int action, uint64_t now)
{
	view_model *m = &c->m;
	if (m->admin != VIEW_ADMIN_NONE)
		return; /* the pedal does nothing on the admin overlays */
	if (ctl_pain_action(c, action, now))
		return; /* the pain check, or the History's pain page */
	switch (m->screen) {
	case VIEW_SAFETY:
		/* Tap: I understand (any page); hold: the next page. */
		if (action == GESTURE_ACTION_NEXT)
			ctl_press(c, VIEW_BTN_ACCEPT, 0, now);
		else if (action == GESTURE_ACTION_DISCOMFORT)
			ctl_press(c, VIEW_BTN_PAGE_NEXT, 0, now);
		else if (action == GESTURE_ACTION_PREVIOUS)
			ctl_press(c, VIEW_BTN_PAGE_PREV, 0, now);
		break;
	case VIEW_LIBRARY: act_library(c, action, now); break;
	case VIEW_PREVIEW: act_preview(c, action, now); break;
	case VIEW_RUN: act_run(c, action, now); break;
	case VIEW_FINDER: ctl_finder_action(c, action, now); break;
	case VIEW_SUMMARY:
		if (action == GESTURE_ACTION_NEXT)
			ctl_press(c, VIEW_BTN_DONE, 0, now);
		break;
	case VIEW_SETTINGS:
		if (action == CONFIG_ACTION_ABANDON)
			ctl_press(c, VIEW_BTN_BACK, 0, now);
		break; /* pedal gestures only show in the pedal test here */
	case VIEW_HISTORY:
		if (action == CONFIG_ACTION_ABANDON || action == GESTURE_ACTION_NEXT)
			ctl_press(c, VIEW_BTN_BACK, 0, now);
		break;
	case VIEW_SAFETY_PAGE:
		/* Tap: next page (Back after the last); hold or Escape: Back. */
		if (action == GESTURE_ACTION_NEXT)
			ctl_press(c, m->safety_page + 1 < c->safety_pages ? VIEW_BTN_PAGE_NEXT : VIEW_BTN_BACK, 0, now);
		else if (action == GESTURE_ACTION_PREVIOUS)
			ctl_press(c, VIEW_BTN_PAGE_PREV, 0, now);
		else if (action == GESTURE_ACTION_DISCOMFORT || action == CONFIG_ACTION_ABANDON)
			ctl_press(c, VIEW_BTN_BACK, 0, now);
		break;
	default:
		break;
	}
}

/* Recognised gestures: the pedal test log, then their actions. */
static void drain_gestures(ctl *c, uint64_t now)
{
	gesture_tick(c->g, now);
	gesture_event ge;
	while (gesture_next(c->g, &ge)) {
		view_model *m = &c->m;
		memmove(&m->log[1], &m->log[0], sizeof m->log[0] * (VIEW_MAX_LOG - 1));
		m->log[0].input = ge.input;
		m->log[0].kind = ge.kind;
		m->log[0].action = ge.action;
		m->log[0].duration_ms = ge.duration_ms;
		if (m->nlog < VIEW_MAX_LOG)
			m->nlog++;
		if (c->trace)
			log_debug("gesture %s (%u ms) -> %s at %llu", gesture_kind_name(ge.kind), ge.duration_ms,
			          gesture_action_name(ge.action), (unsigned long long)now);
		c->dirty = true;
		ctl_action(c, (int)ge.action, now);
	}
}

void ctl_drain_session(ctl *c, uint64_t now)
{
	if (!c->s)
		return;
	session_tick(c->s, now);
	session_event ev;
	while (session_next_event(c->s, &ev))
		ctl_session_event(c, &ev, now);
	/* after the events' cues; a no-op when no line is owed an fsync */
	const char *e = c->fx.journal_settle ? c->fx.journal_settle(c->fx.user) : NULL;
	if (e && *e)
		ctl_notice(c, strncmp(e, "unknot: ", 8) == 0 ? e + 8 : e);
}

/* ---------------------------------------------------------------- inputs */

/* The first input after dimming wakes the screen and does nothing else
 * (returns true); every input restarts the idle time. */
bool ctl_wake_input(ctl *c, uint64_t now)
{
	if (!idle_input(c->idle, now))
		return false;
	c->m.dimmed = false;
	c->dirty = true;
	log_debug("input: the dimmed screen wakes");
	return true;
}

void ctl_pedal_edge(ctl *c, int input, bool down, uint64_t ms, uint64_t now)
{
	if (!(down && ctl_wake_input(c, now))) /* a waking press does not act */
		gesture_edge(c->g, input, down, ms);
	c->dirty = true;
}

/* Keys that move a selection: -1, +1 or 0. */
static int key_step(const char *name, bool sideways)
{
	if (strcmp(name, "up") == 0 || (sideways && strcmp(name, "left") == 0))
		return -1;
	if (strcmp(name, "down") == 0 || (sideways && strcmp(name, "right") == 0))
		return 1;
	return 0;
}

/* Keys that act on the screen directly (not pedal keys). True if one did. */
static bool key_screen(ctl *c, const char *name, uint64_t now)
{
	view_model *m = &c->m;
	if (ctl_finder_key(c, name, now))
		return true;
	if (strcmp(name, "s") == 0 && (m->screen == VIEW_LIBRARY || m->screen == VIEW_SETTINGS)) {
		ctl_press(c, VIEW_BTN_SAFETY_PAGE, 0, now);
		return true;
	}
	if (m->screen == VIEW_SAFETY_PAGE && key_step(name, false)) {
		ctl_press(c, key_step(name, false) < 0 ? VIEW_BTN_PAGE_PREV : VIEW_BTN_PAGE_NEXT, 0, now);
		return true;
	}
	if (m->screen == VIEW_LIBRARY && strcmp(name, "w") == 0 && m->nprofiles > 1) {
		ctl_press(c, VIEW_BTN_PROFILE, 0, now); /* "who is this?" */
		return true;
	}
	int step = key_step(name, true);
	if (m->screen == VIEW_LIBRARY && m->profile_picker && m->nprofiles && step) {
		m->profile_sel = (m->profile_sel + step + (int)m->nprofiles) % (int)m->nprofiles;
		c->dirty = true;
		return true;
	}
	if (m->screen == VIEW_LIBRARY && m->nroutines && step) {
		ctl_library_step(c, step, (int)m->nroutines);
		return true;
	}
	step = key_step(name, false);
	if (m->screen == VIEW_PREVIEW && c->routine && step) {
		int n = (int)routine_length(c->routine);
		m->preview_sel = (m->preview_sel + step + n) % n;
		int per = c->fx.preview_per_page ? c->fx.preview_per_page(c->fx.user, m) : 0;
		m->page = per ? m->preview_sel / per : 0;
		c->dirty = true;
		return true;
	}
	return false;
}

/* A key by its lower-case SDL name: pedal keys feed the recogniser, others act
 * directly on key down. */
void ctl_key(ctl *c, const char *name, bool down, bool repeat, uint64_t ms, uint64_t now)
{
	if (down && !repeat && ctl_wake_input(c, now))
		return; /* the first press after dimming only wakes the screen */
	if (down && c->m.admin != VIEW_ADMIN_NONE) {
		ctl_pin_pad_key(c, name, now);
		return;
	}
	int input = config_key_input(&c->cfg, name);
	if (input >= 0) {
		/* Auto-repeat (and a second down without an up) is not a new press. */
		if (!repeat && down != c->key_down[input]) {
			/* A key's edges are already debounced (keyboard, kernel), but SDL
			 * stamps a press and its release with the same time when it reads
			 * both in one pump (a busy machine, the 25 ms polling on KMSDRM),
			 * and the recogniser's debounce would drop both: a real tap lost.
			 * So every key edge is stamped at least debounce_ms + 1 after the
			 * previous one, and the one recogniser still serves every path. */
			uint64_t min = c->key_edge_ms[input] + c->cfg.gesture.debounce_ms + 1;
			if (c->key_edge_ms[input] && ms < min)
				ms = min;
			c->key_down[input] = down;
			c->key_edge_ms[input] = ms ? ms : 1;
			gesture_edge(c->g, input, down, ms);
		}
		c->dirty = true;
		return;
	}
	if (!down)
		return;
	if (strcmp(name, "f12") == 0) {
		if (c->fx.screenshot)
			c->fx.screenshot(c->fx.user);
		return;
	}
	if (key_screen(c, name, now))
		return;
	config_action ac = config_key_action(name);
	if (ac != CONFIG_ACTION_NONE)
		ctl_action(c, (int)ac, now);
}

void ctl_touch(ctl *c, bool down, view_button_id id, int arg, bool in_corner, uint64_t now)
{
	if (down && ctl_wake_input(c, now))
		return; /* the first touch after dimming only wakes the screen (its release does nothing) */
	if (c->m.kiosk) {
		/* the hidden admin exit: the top-left corner held for 5 s */
		if (down && in_corner)
			admin_hold_start(c->adm, now);
		else
			admin_hold_cancel(c->adm);
	}
	c->dirty = true;
	if (down) {
		c->touching = id != VIEW_BTN_NONE;
		c->press_id = id;
		c->press_arg = arg;
		return;
	}
	bool was = c->touching;
	c->touching = false;
	if (was && id == c->press_id && arg == c->press_arg)
		ctl_press(c, id, arg, now);
}

void ctl_touch_motion(ctl *c, bool in_corner)
{
	/* a finger sliding out of the admin corner is not holding it */
	if (admin_holding(c->adm) && !in_corner)
		admin_hold_cancel(c->adm);
}

void ctl_start(ctl *c, const routine *r, const char *path, uint64_t now)
{
	c->safety_ok = true;
	ctl_open_preview(c, r, path);
	c->m.overtreat_confirm = false; /* the script's start is deliberate */
	ctl_press(c, VIEW_BTN_START, 0, now);
}

void ctl_stop(ctl *c, uint64_t now)
{
	/* Closing the window or SIGTERM (systemd stopping the kiosk): end a
	 * running session properly so the journal has its session_end. */
	session_state st = ctl_session_state(c);
	if (st != SESSION_FINISHED && st != SESSION_NOT_STARTED) {
		session_abandon(c->s, now);
		ctl_drain_session(c, now);
	}
	c->quit = true;
}

/* ---------------------------------------------------------------- time */

void ctl_tick(ctl *c, uint64_t now)
{
	drain_gestures(c, now);
	ctl_floor_tick(c, now);
	ctl_drain_session(c, now);
	ctl_cue_ahead(c, now);
	ctl_unattended(c, now);
	view_model *m = &c->m;
	if (c->s && m->screen == VIEW_RUN && session_get_state(c->s) == SESSION_RUNNING &&
	    session_entry_remaining_ms(c->s, now) / 1000 != c->shown_second)
		c->dirty = true;
	if (gesture_is_down(c->g, 0))
		c->dirty = true;
	if (m->flash_until && m->flash_until <= now) {
		m->flash_until = 0;
		c->dirty = true;
	}
}

static uint64_t earliest(uint64_t x, uint64_t y)
{
	return x < y ? x : y;
}

uint64_t ctl_next_deadline(const ctl *c, uint64_t now, bool animate)
{
	uint64_t w = CTL_NO_DEADLINE;
	if (c->s)
		w = earliest(w, session_next_deadline(c->s));
	w = earliest(w, ctl_cue_ahead_deadline(c, now));
	w = earliest(w, gesture_next_deadline(c->g));
	if (c->m.flash_until > now)
		w = earliest(w, c->m.flash_until);
	if (animate && c->s && c->m.screen == VIEW_RUN && session_get_state(c->s) == SESSION_RUNNING) {
		/* The countdown shows whole seconds: wake when the shown one changes. */
		uint64_t rem = session_entry_remaining_ms(c->s, now);
		uint64_t part = rem % 1000;
		w = earliest(w, now + (part ? part : 1000));
	}
	if (animate && gesture_is_down(c->g, 0) && gesture_hold_progress(c->g, 0, now) < 1.0f)
		w = earliest(w, now + CTL_ANIM_MS);
	w = earliest(w, ctl_floor_deadline(c, now, animate));
	w = earliest(w, idle_deadline(c->idle));
	w = earliest(w, admin_deadline(c->adm));
	return w;
}

void ctl_drawn(ctl *c, uint64_t now)
{
	c->dirty = false;
	if (c->s && session_get_state(c->s) == SESSION_RUNNING)
		c->shown_second = session_entry_remaining_ms(c->s, now) / 1000;
}
