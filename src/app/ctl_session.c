/* ctl_session: the controller's preview, session and summary: the soreness
 * check-in, starting a session, the engine's events (journal, cues, speech,
 * guidance), the summary figures, and the one history in memory that the
 * over-treatment guard, the course of treatment and the comparison read. */
#include "app/ctl_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/advice.h"
#include "core/complaint.h"
#include "core/i18n.h"
#include "core/muscle.h"
#include "core/safety.h"
#include "io/log.h"

#define CTL_HISTORY_STALE_MS (12 * 3600000ull)

static uint64_t wall_ms(const ctl *c)
{
	return c->fx.wall_ms ? c->fx.wall_ms(c->fx.user) : 0;
}

/* The current profile's history: loaded once (through fx.history_load),
 * then fed each line the journal gets. Loaded again only when the wall
 * clock moved more than 12 h from its load (its "now" decides which
 * journaled dates are trusted; a clock set by NTP after boot moves it). */
void ctl_reload_history(ctl *c)
{
	int p = c->m.profile >= 0 && c->m.profile < VIEW_MAX_PROFILES ? c->m.profile : 0;
	uint64_t wall = wall_ms(c);
	uint64_t at = c->hist_wall[p];
	bool stale = c->hist_tried[p] && (wall > at + CTL_HISTORY_STALE_MS || wall + CTL_HISTORY_STALE_MS < at);
	if (!c->hist_tried[p] || stale) {
		history_free(c->hists[p]);
		c->hists[p] = NULL;
		if (c->journal[0] && c->fx.history_load)
			c->hists[p] = c->fx.history_load(c->fx.user, c->journal);
		c->hist_tried[p] = true;
		c->hist_wall[p] = wall;
	}
	c->hist = c->hists[p];
}

void ctl_journal_line(ctl *c, const char *line)
{
	if (!line || !c->hist)
		return;
	size_t len = strlen(line);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	history_feed_line(c->hist, line, len);
}

/* Journals ev; a journal that cannot be written says so on the run screen. */
static void journal_event(ctl *c, const session_event *ev, uint64_t now)
{
	if (!c->fx.journal_event)
		return;
	const char *line = NULL;
	const char *e = c->fx.journal_event(c->fx.user, c->s, ev, now, &line);
	ctl_journal_line(c, line);
	if (e && *e) {
		if (strncmp(e, "unknot: ", 8) == 0)
			e += 8;
		ctl_notice(c, e);
	}
}

/* The course of treatment of the routine's targets ("" in kiosk mode or
 * without a journal). `ahead` counts the session about to start (the
 * preview); the summary's history already has it. True when a target is past
 * the usual course (a warning). */
static bool course_text(ctl *c, char *buf, size_t size, int ahead)
{
	buf[0] = '\0';
	if (!c->hist || !c->routine || c->m.kiosk)
		return false;
	const char *tg[32];
	int cnt[32];
	bool past = false;
	size_t n = routine_targets(c->routine, tg, 32);
	for (size_t i = 0; i < n; i++) {
		cnt[i] = history_course_count(c->hist, tg[i]) + ahead;
		past = past || cnt[i] > SAFETY_COURSE_MAX;
	}
	const char *shown[32]; /* the names in the user's language; tg stays the key */
	for (size_t i = 0; i < n; i++)
		shown[i] = C_(MUSCLE_CONTEXT, tg[i]);
	advice_course_tr(buf, size, shown, cnt, n, i18n_tr);
	return past;
}

static void build_summary(ctl *c, uint64_t now)
{
	view_summary *su = &c->summary;
	memset(su, 0, sizeof *su);
	const routine *r = c->routine;
	su->outcome = session_get_outcome(c->s);
	su->actual_ms = session_elapsed_ms(c->s, now);
	su->planned_s = routine_total_s(r);
	for (size_t i = 0; i < routine_length(r); i++) {
		const routine_entry *e = routine_entry_at(r, i);
		unsigned dc = session_discomforts(c->s, i);
		su->discomfort += dc;
		if (e->kind == ROUTINE_TRANSITION)
			continue;
		su->steps_total++;
		su->steps_done += c->entry_done[i];
		if (!e->target)
			continue;
		size_t k;
		for (k = 0; k < su->ntargets; k++)
			if (strcmp(su->targets[k].target, e->target) == 0)
				break;
		if (k == su->ntargets) {
			if (su->ntargets >= VIEW_MAX_TARGETS)
				continue;
			su->targets[su->ntargets++].target = e->target;
		}
		su->targets[k].discomfort += dc;
		su->targets[k].actual_ms += c->entry_actual[i];
		su->targets[k].planned_s += e->duration_s;
	}
	ctl_reload_history(c);
	if (c->hist && !c->m.kiosk) {
		history_compare cmp;
		if (history_compare_last(c->hist, routine_title(r), c->routine_path, &cmp) == 0) {
			char t[200], en[200];
			history_compare_text(&cmp, en, sizeof en); /* English: it says whether "the same" */
			history_compare_text_tr(&cmp, t, sizeof t, i18n_tr);
			advice_compare_tr(su->compare, sizeof su->compare, strncmp(en, "same", 4) ? t : en,
			                  i18n_tr);
		}
	}
	if (c->m.overtreat[0])
		snprintf(su->overtreat, sizeof su->overtreat, "%s", c->m.overtreat);
	su->course_warn = course_text(c, su->course, sizeof su->course, 0);
	if (c->trace && su->course[0])
		log_debug("summary course: %s", su->course);
	c->m.summary = su;
}

/* After a discomfort hold: what the screen shows, spoken between the cues,
 * the skip offer saying how to accept it with the pedal. */
static void discomfort_prompt(ctl *c, bool skip, uint64_t now)
{
	if (skip)
		ctl_voice_prompt(c, _("Still too much? It is fine to skip this step today. "
		                      "Tap the pedal to skip it, or keep going gently."),
		                 _("Tap the pedal to skip this step."), now);
	else
		ctl_voice_prompt(c, _(c->m.ease_text), _("Ease off the pressure."), now);
}

void ctl_session_event(ctl *c, const session_event *ev, uint64_t now)
{
	view_model *m = &c->m;
	journal_event(c, ev, now);
	size_t idx = ev->index > 0 ? (size_t)ev->index - 1 : 0;
	switch (ev->type) {
	case SESSION_EV_STEP_START:
		m->ease_off = m->skip_offer = m->early_hint = false;
		if (idx < routine_length(c->routine))
			c->entry_done[idx] = false;
		ctl_voice_step(c, idx, now);
		break;
	case SESSION_EV_STEP_END:
		if (ev->reason != SESSION_END_ELAPSED)
			ctl_cue_cancel(c); /* left early: what was queued for later must not sound */
		if (idx < routine_length(c->routine)) {
			c->entry_actual[idx] += ev->actual_ms;
			c->entry_done[idx] = ev->reason != SESSION_END_ABANDONED && !ev->previous;
		}
		break;
	case SESSION_EV_DISCOMFORT: {
		if (session_discomforts(c->s, idx) >= 2)
			m->skip_offer = true;
		else
			m->ease_off = true;
		const routine_entry *e = routine_entry_at(c->routine, idx);
		m->ease_text = safety_ease_off(e ? e->tool : ROUTINE_TOOL_NONE);
		discomfort_prompt(c, m->skip_offer, now);
		break;
	}
	case SESSION_EV_EXTEND:
		ctl_cue_cancel(c); /* the countdown moved */
		break;
	case SESSION_EV_PAUSE:
		ctl_cue_cancel(c);
		if (c->fx.stop_speech)
			c->fx.stop_speech(c->fx.user);
		break;
	case SESSION_EV_CUE:
		if (ctl_cue_was_queued(c, ev))
			break; /* already in the audio, at its sample */
		if (!c->fx.play_cue || !c->fx.play_cue(c->fx.user, ev->cue, ev->ms)) {
			m->flash_until = now + CTL_FLASH_MS;
			m->flash_cue = ev->cue;
		}
		break;
	case SESSION_EV_SESSION_END:
		build_summary(c, now);
		m->screen = VIEW_SUMMARY;
		m->confirm_end = false;
		if (c->pain_n && !m->kiosk)
			ctl_pain_open(c, true); /* the pain score again, over the summary */
		if (c->fx.session_trace)
			c->fx.session_trace(c->fx.user, true, now);
		break;
	default:
		break;
	}
	c->dirty = true;
}

/* The preview's over-treatment note and course of treatment. */
static void over_treatment(ctl *c)
{
	view_model *m = &c->m;
	m->overtreat[0] = '\0';
	m->course[0] = '\0';
	m->overtreat_confirm = m->course_warn = false;
	m->start_armed_at = 0;
	m->warn_page = 0;
	ctl_reload_history(c);
	if (!c->hist || !c->routine || m->kiosk)
		return;
	const char *tg[32];
	size_t n = routine_targets(c->routine, tg, 32);
	int64_t wall = (int64_t)wall_ms(c);
	int hours = c->cfg.overtreatment_hours > 0 ? c->cfg.overtreatment_hours : SAFETY_OVERTREAT_HOURS;
	m->course_warn = course_text(c, m->course, sizeof m->course, 1);
	if (c->trace && m->course[0])
		log_debug("preview course: %s", m->course);
	bool past = false;
	for (size_t i = 0; i < n; i++)
		past = past || history_course_count(c->hist, tg[i]) + 1 > SAFETY_COURSE_MAX;
	for (size_t i = 0; i < n; i++) {
		int64_t when;
		if (history_recently_treated(c->hist, tg[i], wall, hours, &when)) {
			advice_overtreat_tr(m->overtreat, sizeof m->overtreat, C_(MUSCLE_CONTEXT, tg[i]),
			                    (int)((wall - when) / 3600000),
			                    hours, i18n_tr);
			m->overtreat_confirm = true; /* Start needs a deliberate "Start anyway" */
			break;
		}
	}
	/* The warnings shown are spoken too, as one utterance (a second would cut the first). */
	char said[sizeof m->overtreat + sizeof m->course + 2];
	snprintf(said, sizeof said, "%s%s%s", m->overtreat, m->overtreat[0] && past ? " " : "", past ? m->course : "");
	ctl_voice_warn(c, said);
}

/* Kiosk mode has no personal history to guard against over-treatment: the
 * general frequency advice (issue 18) is shown where the over-treatment note
 * goes and spoken, before every kiosk session. */
static void kiosk_frequency_advice(ctl *c)
{
	view_model *m = &c->m;
	if (!m->kiosk)
		return;
	snprintf(m->overtreat, sizeof m->overtreat, "%s", complaint_frequency_advice());
	ctl_voice_warn(c, m->overtreat);
}

void ctl_open_preview(ctl *c, const routine *r, const char *path)
{
	view_model *m = &c->m;
	c->routine = r;
	c->routine_path = path;
	m->routine = r;
	m->preview_sel = 0;
	m->page = 0;
	m->screen = VIEW_PREVIEW;
	m->advice = NULL;
	m->checkin_target[0] = '\0';
	m->checkin_stage = 0;
	m->complaint_advice = NULL;
	c->checkin_done = false;
	c->checkin_answer = NULL;
	c->checkin_complaint = COMPLAINT_NONE;
	c->pain_n = 0;
	m->pain.active = false;
	if (c->fx.prepare_speech)
		c->fx.prepare_speech(c->fx.user, r); /* first: it silences the words said before */
	over_treatment(c);
	kiosk_frequency_advice(c);
	c->dirty = true;
}

/* Whether the routine repeats a target treated in the last days; if so, the
 * preview shows the soreness check-in for the first such target. */
static bool needs_checkin(ctl *c)
{
	ctl_reload_history(c);
	if (!c->hist)
		return false;
	const char *tg[32];
	size_t n = routine_targets(c->routine, tg, 32);
	int64_t wall = (int64_t)wall_ms(c);
	for (size_t i = 0; i < n; i++) {
		if (history_recently_treated(c->hist, tg[i], wall, CTL_CHECKIN_HOURS, NULL)) {
			snprintf(c->m.checkin_target, sizeof c->m.checkin_target, "%s", tg[i]);
			return true;
		}
	}
	return false;
}

/* Opens the check-in when the session needs one: the soreness question for
 * a target treated in the last days, and the 0-10 pain score for the
 * routine's areas (or that target). False when there is nothing to ask. */
static bool open_checkin(ctl *c)
{
	bool sore = needs_checkin(c);
	ctl_pain_prepare(c, sore ? c->m.checkin_target : NULL);
	if (sore) {
		c->m.checkin_stage = 0;
		return true;
	}
	if (!c->pain_n)
		return false;
	/* only the pain score: the check-in opens at its stage 1 */
	c->checkin_done = true;
	snprintf(c->m.checkin_target, sizeof c->m.checkin_target, "%s", routine_title(c->routine));
	c->m.checkin_stage = 1;
	ctl_pain_open(c, false);
	return true;
}

/* A fresh session on the current routine; the per-entry figures with it. */
static bool new_session(ctl *c)
{
	session_free(c->s);
	free(c->entry_actual);
	free(c->entry_done);
	size_t n = routine_length(c->routine);
	c->entry_actual = calloc(n + 1, sizeof *c->entry_actual);
	c->entry_done = calloc(n + 1, sizeof *c->entry_done);
	c->s = session_new(c->routine);
	c->m.session = c->s;
	if (!c->s || !c->entry_actual || !c->entry_done) {
		log_error("out of memory");
		c->quit = true;
		c->exit_code = 1;
		return false;
	}
	return true;
}

void ctl_start_session(ctl *c, uint64_t now)
{
	view_model *m = &c->m;
	if (!c->routine)
		return;
	if (m->kiosk && !c->safety_ok) {
		c->after_safety_start = true;
		m->screen = VIEW_SAFETY;
		c->dirty = true;
		return;
	}
	if (!c->checkin_done && !m->kiosk && open_checkin(c)) {
		c->dirty = true;
		return; /* the preview asks; the answer starts the session */
	}
	if (!new_session(c))
		return;
	m->summary = NULL;
	m->confirm_end = m->ease_off = m->skip_offer = false;
	c->started_ever = true;
	if (c->fx.session_trace)
		c->fx.session_trace(c->fx.user, false, now);
	session_start(c->s, now);
	c->run_since = now;
	m->screen = VIEW_RUN;
	if (m->kiosk)
		c->safety_ok = false; /* kiosk: the safety screen before every session */
	ctl_drain_session(c, now);
	if (c->checkin_answer && c->fx.journal_extra) {
		/* Journaled once the session exists, so it carries the session's id. */
		char fields[400];
		const char *line = NULL;
		complaint_checkin_fields(fields, sizeof fields, c->checkin_answer, c->checkin_target,
		                         (complaint_trend)c->checkin_complaint);
		c->fx.journal_extra(c->fx.user, now, "checkin", fields, &line);
		ctl_journal_line(c, line);
	}
	ctl_pain_journal_before(c, now);
	c->checkin_answer = NULL;
	c->dirty = true;
}

/* The check-in's first answer (soreness): the same dialog then asks for the
 * 0-10 pain score (issues 18 and 20: one check-in, never two). */
void ctl_soreness_answer(ctl *c, bool sore)
{
	view_model *m = &c->m;
	c->checkin_done = true;
	c->checkin_answer = sore ? "sore" : "fine";
	snprintf(c->checkin_target, sizeof c->checkin_target, "%s", m->checkin_target);
	m->advice = sore ? safety_checkin_sore_advice() : NULL;
	if (m->advice)
		ctl_voice_warn(c, m->advice);
	m->checkin_stage = 1;
	if (!c->pain_n)
		ctl_pain_prepare(c, c->checkin_target);
	ctl_pain_open(c, false); /* the 0-10 score for its areas (issue 20) */
	c->dirty = true;
}

/* A session paused for pause_timeout_minutes: ended like a user's end (the
 * journal gets pause_timeout, then step_end/session_end "abandoned"), so the
 * summary shows, and home follows after idle_minutes. */
void ctl_end_paused(ctl *c, uint64_t now)
{
	if (!c->s || session_get_state(c->s) != SESSION_PAUSED)
		return;
	log_info("a session paused for %d min was ended", c->cfg.pause_timeout_minutes);
	if (c->fx.journal_extra) {
		char fields[64];
		const char *line = NULL;
		snprintf(fields, sizeof fields, "{\"minutes\":%d}", c->cfg.pause_timeout_minutes);
		c->fx.journal_extra(c->fx.user, now, "pause_timeout", fields, &line);
		ctl_journal_line(c, line);
	}
	c->m.confirm_end = false;
	session_abandon(c->s, now);
	ctl_drain_session(c, now);
}
