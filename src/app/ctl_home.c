/* ctl_home: the controller's library, safety screen, profiles, idle rules
 * and the kiosk admin exit. */
#include "app/ctl_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/profname.h"
#include "io/log.h"

/* ---------------------------------------------------------------- library */

/* The library as items (loaded once, again after a change). */
static void load_library(ctl *c)
{
	if (c->lib_loaded)
		return;
	size_t nv = 0, nb = 0;
	c->items = NULL;
	if (c->fx.library_load && c->fx.library_load(c->fx.user, &c->items, &nv, &nb) < 0) {
		c->items = NULL;
		nv = nb = 0;
	}
	c->lib_loaded = c->fx.library_load != NULL;
	c->nvalid = c->items ? nv : 0;
	c->nitems = c->items ? nv + nb : 0;
}

void ctl_go_library(ctl *c)
{
	view_model *m = &c->m;
	load_library(c);
	m->pain.active = false; /* an unanswered pain check is skipped */
	m->history_page = 0;
	m->routines = c->items;
	/* kiosk: broken files are listed on the admin page, not to users */
	m->nvalid = c->nvalid;
	m->nroutines = m->kiosk ? m->nvalid : c->nitems;
	m->broken = c->items ? c->items + m->nvalid : NULL;
	m->nbroken = c->nitems - m->nvalid;
	if (m->selected >= (int)m->nroutines)
		m->selected = 0;
	m->screen = VIEW_LIBRARY;
	if (m->kiosk) { /* leaving Settings locks them again */
		c->settings_unlocked = false;
		m->settings_locked = true;
	}
	int per = c->fx.library_per_page ? c->fx.library_per_page(c->fx.user) : 0;
	m->page = m->selected / (per ? per : 1);
	c->dirty = true;
}

/* The routines of the library page on screen are parsed before it is drawn
 * (an indexed library lists 10,000 files without parsing them). */
void ctl_library_show(ctl *c)
{
	view_model *m = &c->m;
	if (m->screen != VIEW_LIBRARY || !c->fx.library_show || !m->nroutines)
		return;
	int per = c->fx.library_per_page ? c->fx.library_per_page(c->fx.user) : 0;
	size_t n = per > 0 ? (size_t)per : m->nroutines;
	size_t from = m->page > 0 ? (size_t)m->page * n : 0;
	if (from < m->nroutines)
		c->fx.library_show(c->fx.user, from, n);
}

/* Moves the library's selection by step among the first `modulo` cards. */
void ctl_library_step(ctl *c, int step, int modulo)
{
	view_model *m = &c->m;
	m->selected = modulo ? (m->selected + step + modulo) % modulo : 0;
	int per = c->fx.library_per_page ? c->fx.library_per_page(c->fx.user) : 0;
	m->page = per ? m->selected / per : 0;
	c->dirty = true;
}

void ctl_accept_safety(ctl *c, uint64_t now)
{
	c->safety_ok = true;
	c->m.safety_first_page = 0; /* kiosk: the next session's safety screen starts on page 1 */
	if (c->fx.safety_remember)
		c->fx.safety_remember(c->fx.user);
	if (c->after_safety_start) {
		c->after_safety_start = false;
		ctl_start_session(c, now);
	} else if (c->routine) {
		ctl_open_preview(c, c->routine, c->routine_path);
	} else {
		ctl_go_library(c);
	}
}

/* Rescans the routine folders after a change (only on the library, never
 * mid-session: nothing may point into the old library). */
static void reload_library(ctl *c)
{
	view_model *m = &c->m;
	c->lib_stale = false;
	if (c->s) {
		session_free(c->s);
		c->s = NULL;
		m->session = NULL;
		m->summary = NULL;
	}
	if (c->routine && c->routine != c->own) {
		if (c->fx.prepare_speech)
			c->fx.prepare_speech(c->fx.user, NULL); /* its thread may read the routine */
		c->routine = NULL;
		c->routine_path = NULL;
		m->routine = NULL;
	}
	if (c->lib_loaded && c->fx.library_free)
		c->fx.library_free(c->fx.user);
	c->lib_loaded = false;
	c->items = NULL;
	c->nitems = c->nvalid = 0;
	ctl_go_library(c);
	log_info("routines: %zu loaded, %zu broken (a routine folder changed)", m->nvalid, m->nbroken);
}

/* ---------------------------------------------------------------- profiles */

static int add_profile(ctl *c, const char *id)
{
	view_model *m = &c->m;
	for (size_t i = 0; i < m->nprofiles; i++)
		if (strcmp(c->profile_ids[i], id) == 0)
			return (int)i;
	if (m->nprofiles >= VIEW_MAX_PROFILES || strlen(id) >= sizeof c->profile_ids[0])
		return -1;
	if (id[0] && profname_check(id)) /* a name in any script (core/profname.h) */
		return -1;
	size_t i = m->nprofiles++;
	snprintf(c->profile_ids[i], sizeof c->profile_ids[i], "%s", id);
	snprintf(c->profile_names[i], sizeof c->profile_names[i], "%s", id[0] ? id : "Guest");
	c->profile_names[i][0] = (char)toupper((unsigned char)c->profile_names[i][0]);
	m->profiles[i] = c->profile_names[i];
	return (int)i;
}

/* Home mode's "who is this?" list: the default journal ("Guest"), the
 * config's "profiles", and the profiles that have a journal (used before).
 * Not in kiosk mode (no personal history), nor with --journal (the journal
 * is fixed). Profiles are named in the config because there is no
 * on-screen keyboard to type a new one. */
void ctl_load_profiles(ctl *c, const ctl_options *o)
{
	view_model *m = &c->m;
	m->nprofiles = 0;
	if (m->kiosk || c->fixed_journal)
		return;
	add_profile(c, "");
	for (size_t i = 0; i < c->cfg.nprofiles; i++)
		add_profile(c, c->cfg.profiles[i]);
	for (size_t i = 0; i < o->njournal_profiles; i++)
		add_profile(c, o->journal_profiles[i]);
	m->profile = add_profile(c, c->cfg.profile);
	if (m->profile < 0)
		m->profile = 0;
	if (m->nprofiles < 2)
		m->nprofiles = 0; /* nobody to choose between: no picker */
}

/* Switches to profile i: its journal for new sessions, history, summary
 * comparisons, over-treatment and check-ins. Only between sessions. */
void ctl_switch_profile(ctl *c, int i, uint64_t now)
{
	(void)now;
	view_model *m = &c->m;
	if (i < 0 || (size_t)i >= m->nprofiles || (c->s && session_get_state(c->s) != SESSION_FINISHED))
		return;
	m->profile = i;
	snprintf(c->cfg.profile, sizeof c->cfg.profile, "%s", c->profile_ids[i]);
	c->journal[0] = '\0';
	if (c->fx.journal_switch)
		c->fx.journal_switch(c->fx.user, c->cfg.profile, c->journal, sizeof c->journal);
	ctl_reload_history(c);
	if (c->trace)
		log_debug("profile %s: journal %s", c->profile_names[i], c->journal);
}

/* ---------------------------------------------------------------- admin */

void ctl_pin_entered(ctl *c, uint64_t now)
{
	if (admin_submit(c->adm, now)) {
		if (!ctl_session_active(c))
			ctl_go_library(c); /* under the admin page, so a rescan can apply */
		load_library(c);
		size_t nv = c->nvalid, nb = c->nitems - nv;
		log_info("admin: PIN accepted; %zu routines, %zu broken files", nv, nb);
		for (size_t i = 0; i < nb; i++)
			log_info("admin: broken: %s", c->items[nv + i].error ? c->items[nv + i].error : c->items[nv + i].path);
	} else {
		log_warn("admin: wrong PIN");
	}
}

/* "Leave kiosk": ends a session like a stop would, then the app exits with
 * CTL_EXIT_ADMIN. */
void ctl_leave_kiosk(ctl *c, uint64_t now)
{
	log_info("admin: leaving the kiosk (exit status %d: systemd does not restart it)", CTL_EXIT_ADMIN);
	ctl_stop(c, now);
	c->exit_code = CTL_EXIT_ADMIN;
}

/* Keys on the admin overlays: digits, Backspace, Enter, Escape. */
void ctl_pin_pad_key(ctl *c, const char *name, uint64_t now)
{
	c->dirty = true;
	if (name[0] >= '0' && name[0] <= '9' && (!name[1] || strncmp(name, "keypad ", 7) == 0))
		ctl_press(c, VIEW_BTN_PIN_DIGIT, name[0] - '0', now);
	else if (strncmp(name, "keypad ", 7) == 0 && name[7] >= '0' && name[7] <= '9' && !name[8])
		ctl_press(c, VIEW_BTN_PIN_DIGIT, name[7] - '0', now);
	else if (strcmp(name, "backspace") == 0)
		ctl_press(c, VIEW_BTN_PIN_ERASE, 0, now);
	else if ((strcmp(name, "return") == 0 || strcmp(name, "keypad enter") == 0) && c->m.admin == VIEW_ADMIN_PIN)
		ctl_press(c, VIEW_BTN_PIN_OK, 0, now);
	else if (strcmp(name, "escape") == 0 || strcmp(name, "return") == 0)
		ctl_press(c, VIEW_BTN_ADMIN_CLOSE, 0, now);
}

/* The model's admin fields from core/admin. */
void ctl_sync_admin(ctl *c, uint64_t now)
{
	static const view_admin map[] = { VIEW_ADMIN_NONE, VIEW_ADMIN_PIN, VIEW_ADMIN_NO_PIN, VIEW_ADMIN_PAGE };
	view_model *m = &c->m;
	view_admin want = map[admin_get_state(c->adm)];
	const char *msg = admin_message_tr(c->adm, now, i18n_tr);
	int len = (int)admin_entered(c->adm);
	if (want != m->admin || msg != m->admin_message || len != m->pin_len)
		c->dirty = true;
	m->admin = want;
	m->admin_message = msg;
	m->pin_len = len;
	m->watching = c->watching && c->watching[0] ? c->watching : NULL;
}

/* ---------------------------------------------------------------- kiosk settings */

/* Kiosk mode: the settings that change the station (Settings itself, volume,
 * mute, rotation) only after the admin PIN (the admin page's Settings).
 * Home mode: always. */
bool ctl_settings_allowed(ctl *c, view_button_id id)
{
	if (!c->m.kiosk || c->settings_unlocked)
		return true;
	switch (id) {
	case VIEW_BTN_SETTINGS:
	case VIEW_BTN_BACK: /* Safety page -> Settings */
	case VIEW_BTN_VOL_DOWN:
	case VIEW_BTN_VOL_UP:
	case VIEW_BTN_MUTE:
	case VIEW_BTN_VOICE:
	case VIEW_BTN_ROTATE:
	case VIEW_BTN_LANGUAGE:
		log_info("kiosk: %s refused: the station's settings need the admin PIN", view_button_name(id));
		return false;
	default:
		return true;
	}
}

/* The admin page's Settings: the admin overlay closes onto Settings, open
 * until the library or the idle return. */
void ctl_admin_settings(ctl *c)
{
	view_model *m = &c->m;
	if (m->admin != VIEW_ADMIN_PAGE || ctl_session_active(c))
		return;
	admin_close(c->adm);
	m->admin = VIEW_ADMIN_NONE;
	c->settings_unlocked = true;
	m->settings_locked = false;
	m->screen = VIEW_SETTINGS;
	log_info("admin: settings opened");
}

/* Kiosk, the idle return: the configured volume, sound and rotation again
 * (whatever the admin or anyone changed), Settings locked again. */
void ctl_kiosk_restore(ctl *c)
{
	view_model *m = &c->m;
	if (!m->kiosk)
		return;
	c->settings_unlocked = false;
	m->settings_locked = true;
	if (m->volume != c->conf_volume) {
		m->volume = c->conf_volume;
		if (c->fx.set_volume)
			c->fx.set_volume(c->fx.user, m->volume);
	}
	if (m->mute != c->conf_mute) {
		log_info("kiosk: idle return: sound %s restored", c->conf_mute ? "muted" : "on");
		m->mute = c->conf_mute;
		if (c->fx.set_mute)
			c->fx.set_mute(c->fx.user, m->mute);
	}
	if (m->rotate != c->conf_rotate)
		log_info("kiosk: idle return: rotation %d restored", c->conf_rotate);
	m->rotate = c->conf_rotate; /* the shell turns the window back */
	c->dirty = true;
}

/* ---------------------------------------------------------------- fleet */

void ctl_fleet_settings(ctl *c, int volume, int idle_minutes, int pause_minutes, uint64_t now)
{
	c->fleet_pending = true;
	c->fleet_volume = volume;
	c->fleet_idle = idle_minutes;
	c->fleet_pause = pause_minutes;
	ctl_fleet_apply(c, now);
}

/* Applies waiting fleet-wide settings when no session runs (the fleet
 * already waits; this holds for any caller). */
void ctl_fleet_apply(ctl *c, uint64_t now)
{
	if (!c->fleet_pending || ctl_session_active(c))
		return;
	c->fleet_pending = false;
	view_model *m = &c->m;
	if (c->fleet_volume >= 0 && c->fleet_volume <= 100) {
		c->cfg.volume = c->conf_volume = m->volume = c->fleet_volume;
		if (c->fx.set_volume)
			c->fx.set_volume(c->fx.user, m->volume);
	}
	bool timers = false;
	if (c->fleet_idle >= 0 && c->fleet_idle != c->cfg.idle_minutes) {
		c->cfg.idle_minutes = c->fleet_idle;
		timers = true;
	}
	if (c->fleet_pause >= 0 && c->fleet_pause != c->cfg.pause_timeout_minutes) {
		c->cfg.pause_timeout_minutes = c->fleet_pause;
		timers = true;
	}
	if (timers) {
		idle_config ic = { (uint64_t)c->cfg.idle_minutes * 60000, (uint64_t)c->cfg.pause_timeout_minutes * 60000,
		                   (uint64_t)c->cfg.dim_minutes * 60000 };
		idle_tracker *t = idle_new(&ic, now);
		if (t) {
			idle_free(c->idle);
			c->idle = t;
		}
	}
	log_info("fleet: settings applied: volume %d, idle %d min, pause timeout %d min", c->cfg.volume,
	         c->cfg.idle_minutes, c->cfg.pause_timeout_minutes);
	c->dirty = true;
}

void ctl_fleet_fault(ctl *c, const char *text)
{
	const char *t = text ? text : "";
	if (strcmp(t, c->fleet_fault) == 0)
		return;
	snprintf(c->fleet_fault, sizeof c->fleet_fault, "%s", t);
	c->m.fleet_fault = c->fleet_fault[0] ? c->fleet_fault : NULL;
	c->dirty = true;
}

/* ---------------------------------------------------------------- unattended */

/* Where the station is, for the idle rules (core/idle.h). */
static idle_place unattended_place(const ctl *c)
{
	const view_model *m = &c->m;
	session_state st = ctl_session_state(c);
	if (st == SESSION_PAUSED)
		return IDLE_PAUSED;
	if (st == SESSION_RUNNING)
		return IDLE_RUNNING;
	if (m->admin != VIEW_ADMIN_NONE)
		return IDLE_AWAY;
	if (m->screen == VIEW_LIBRARY && !m->profile_picker)
		return IDLE_HOME;
	/* home mode's first-run safety screen is where the station rests */
	if (m->screen == VIEW_SAFETY && !c->after_safety_start)
		return IDLE_HOME;
	return IDLE_AWAY;
}

/* Back to the library, closing whatever was open over the screen. */
static void go_home(ctl *c)
{
	view_model *m = &c->m;
	admin_close(c->adm);
	m->admin = VIEW_ADMIN_NONE;
	m->profile_picker = false;
	m->checkin_target[0] = '\0';
	c->after_safety_start = false;
	c->touching = false;
	ctl_kiosk_restore(c);
	ctl_go_library(c);
}

/* The corner hold, idle home, pause timeout, dimming, and a pending rescan
 * of the routine folders. */
void ctl_unattended(ctl *c, uint64_t now)
{
	view_model *m = &c->m;
	if (admin_due(c->adm, now)) {
		c->touching = false; /* the press that held the corner does not act */
		log_info("admin: corner held %d s", ADMIN_HOLD_MS / 1000);
	}
	ctl_sync_admin(c, now);
	idle_set_place(c->idle, unattended_place(c), now);
	idle_action ac;
	while ((ac = idle_due(c->idle, now)) != IDLE_NOTHING) {
		log_debug("idle: %s at %llu ms", idle_action_name(ac), (unsigned long long)now);
		if (ac == IDLE_GO_HOME)
			go_home(c);
		else if (ac == IDLE_END_PAUSED)
			ctl_end_paused(c, now);
		ctl_sync_admin(c, now);
		idle_set_place(c->idle, unattended_place(c), now);
	}
	if (m->dimmed != idle_is_dimmed(c->idle)) {
		m->dimmed = idle_is_dimmed(c->idle);
		c->dirty = true;
	}
	if (c->lib_stale && m->screen == VIEW_LIBRARY && !ctl_session_active(c))
		reload_library(c);
	ctl_fleet_apply(c, now);
}
