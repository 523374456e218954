/* ctl_pain: the controller's 0-10 pain check (issue 20). Before a session
 * the check-in asks, for each area the routine was built for ("areas"), or
 * for the check-in's target when it names none, "how much does it hurt
 * now?" (stage 1 of the check-in, after the soreness question when that is
 * asked); the answers are journaled as "pain" events once the session exists
 * (so they carry its id), and the "see a professional" rule runs on them.
 * After the session the same question comes over the summary, each answer
 * journaled at once. Big touch targets 0..10 and Skip; the pedal: a tap
 * steps the number (past 10: Skip), a hold accepts it. Kiosk mode asks
 * nothing: a shared station keeps nothing personal. */
#include "app/ctl_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/complaint.h"
#include "core/i18n.h"
#include "core/painlog.h"
#include "io/log.h"

/* "Temple, left" / "Low back" / "Upper trapezius". */
static void area_label(const ctl *c, int i, char *buf, size_t size)
{
	char name[128];
	snprintf(name, sizeof name, "%s", c->pain_area[i][0] ? c->pain_area[i] : c->pain_target);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = ' ';
	if (name[0] >= 'a' && name[0] <= 'z')
		name[0] = (char)(name[0] - 'a' + 'A');
	if (strcmp(c->pain_side[i], "left") == 0)
		snprintf(buf, size, _("%s, left"), name);
	else if (strcmp(c->pain_side[i], "right") == 0)
		snprintf(buf, size, _("%s, right"), name);
	else if (size) { /* a label: cut to the room there is */
		size_t l = strnlen(name, size - 1);
		memcpy(buf, name, l);
		buf[l] = '\0';
	}
}

/* The scores journaled so far for item i, or NULL. */
static const painlog_area *journaled(const ctl *c, int i)
{
	if (!c->hist)
		return NULL;
	const painlog *p = history_pain(c->hist);
	int k = painlog_find(p, c->pain_area[i], c->pain_side[i], c->pain_area[i][0] ? "" : c->pain_target);
	return k >= 0 ? painlog_at(p, (size_t)k) : NULL;
}

int ctl_pain_prepare(ctl *c, const char *target)
{
	c->pain_n = 0;
	c->pain_target[0] = '\0';
	if (!c->routine || c->m.kiosk)
		return 0;
	const char *a[ROUTINE_MAX_AREAS];
	size_t n = routine_areas(c->routine, a, ROUTINE_MAX_AREAS);
	for (size_t i = 0; i < n; i++) {
		const char *colon = strchr(a[i], ':');
		size_t len = colon ? (size_t)(colon - a[i]) : strlen(a[i]);
		snprintf(c->pain_area[i], sizeof c->pain_area[i], "%.*s", (int)len, a[i]);
		snprintf(c->pain_side[i], sizeof c->pain_side[i], "%s", colon ? colon + 1 : "");
	}
	if (n == 0 && target && target[0]) {
		snprintf(c->pain_target, sizeof c->pain_target, "%s", target);
		c->pain_area[0][0] = c->pain_side[0][0] = '\0';
		n = 1;
	}
	for (size_t i = 0; i < n; i++)
		c->pain_before[i] = -1;
	c->pain_n = (int)n;
	return c->pain_n;
}

/* Shows (and speaks) the question for item i; the highlighted number starts
 * at this session's "before" score (after it) or the area's last score. */
static void ask(ctl *c, int i)
{
	view_pain *p = &c->m.pain;
	p->active = true;
	p->after = c->pain_after;
	p->index = i + 1;
	p->count = c->pain_n;
	area_label(c, i, p->label, sizeof p->label);
	int start = c->pain_after ? c->pain_before[i] : -1;
	const painlog_area *a = journaled(c, i);
	if (start < 0 && a && a->npts)
		start = a->pts[a->npts - 1].score;
	p->sel = start >= 0 ? start : 0;
	char q[400];
	snprintf(q, sizeof q, _("%s. %s"), p->label,
	         _(c->pain_after ? complaint_score_after_question() : complaint_score_question()));
	ctl_voice_warn(c, q); /* spoken with the voice on full guidance */
	c->dirty = true;
}

void ctl_pain_open(ctl *c, bool after)
{
	c->pain_after = after;
	c->pain_i = 0;
	c->m.pain.active = false;
	if (c->pain_n > 0)
		ask(c, 0);
}

static void journal_score(ctl *c, int i, int score, uint64_t now)
{
	if (!c->fx.journal_extra || score < 0)
		return;
	char f[512];
	const char *line = NULL;
	complaint_pain_fields(f, sizeof f, c->pain_area[i], c->pain_side[i], c->pain_target, score, c->pain_after);
	c->fx.journal_extra(c->fx.user, now, "pain", f, &line);
	ctl_journal_line(c, line);
}

void ctl_pain_journal_before(ctl *c, uint64_t now)
{
	for (int i = 0; i < c->pain_n && !c->pain_after; i++)
		journal_score(c, i, c->pain_before[i], now);
}

/* The rule over the areas answered (the worst advice wins), and the
 * check-in line's better / same / worse, derived from the first area's
 * score against its last session's. */
static complaint_advice advise(ctl *c)
{
	complaint_advice worst = COMPLAINT_ADVICE_NONE;
	for (int i = 0; i < c->pain_n; i++) {
		if (c->pain_before[i] < 0)
			continue;
		complaint_advice a = painlog_advise(journaled(c, i), c->pain_before[i]);
		if (a == COMPLAINT_ADVICE_WORSE || (a != COMPLAINT_ADVICE_NONE && worst == COMPLAINT_ADVICE_NONE))
			worst = a;
	}
	int last[1];
	const painlog_area *a = c->pain_n ? journaled(c, 0) : NULL;
	size_t n = a ? painlog_session_scores(a, last, 1) : 0;
	c->checkin_complaint = n ? complaint_from_scores(last[0], c->pain_before[0]) : COMPLAINT_NONE;
	return worst;
}

/* All areas answered before the session: advice, or the session starts. */
static void before_done(ctl *c, uint64_t now)
{
	view_model *m = &c->m;
	complaint_advice a = advise(c);
	if (a == COMPLAINT_ADVICE_NONE) {
		m->checkin_target[0] = '\0';
		ctl_start_session(c, now);
		return;
	}
	log_info("pain check: advised to see a professional");
	m->complaint_advice = _(complaint_advice_text(a));
	m->checkin_stage = 2;
	ctl_voice_warn(c, m->complaint_advice);
	c->dirty = true;
}

void ctl_pain_answer(ctl *c, int score, uint64_t now)
{
	view_model *m = &c->m;
	if (!m->pain.active || c->pain_i >= c->pain_n)
		return;
	int i = c->pain_i;
	if (score < 0 || score > COMPLAINT_SCORE_MAX)
		score = -1;
	log_info("pain %s the session, %s: %s%d", complaint_when_name(c->pain_after), m->pain.label,
	         score < 0 ? "skipped " : "", score);
	if (c->pain_after)
		journal_score(c, i, score, now);
	else
		c->pain_before[i] = score;
	c->dirty = true;
	if (++c->pain_i < c->pain_n) {
		ask(c, c->pain_i);
		return;
	}
	m->pain.active = false;
	if (!c->pain_after)
		before_done(c, now);
}

/* Whether the pain question is on screen now. */
static bool asking(const ctl *c)
{
	const view_model *m = &c->m;
	return m->pain.active && ((m->screen == VIEW_PREVIEW && m->checkin_target[0] && m->checkin_stage == 1) ||
	                          m->screen == VIEW_SUMMARY);
}

/* The History screen's pain page: areas in the journal. */
static size_t areas(const ctl *c)
{
	return c->hist ? painlog_count(history_pain(c->hist)) : 0;
}

bool ctl_pain_press(ctl *c, view_button_id id, int arg, uint64_t now)
{
	view_model *m = &c->m;
	switch (id) {
	case VIEW_BTN_COMPLAINT:
		if (asking(c))
			ctl_pain_answer(c, arg, now);
		return true;
	case VIEW_BTN_PAIN_PAGE:
		if (m->kiosk) /* a station shows no personal history */
			return true;
		if (m->screen == VIEW_HISTORY && m->history_page) {
			m->history_page = 0;
		} else if (m->screen == VIEW_HISTORY && areas(c)) {
			m->history_page = 1;
			m->pain_area = painlog_latest(history_pain(c->hist));
		}
		return true;
	case VIEW_BTN_PAIN_AREA:
		if (m->screen == VIEW_HISTORY && m->history_page && areas(c))
			m->pain_area = (m->pain_area + 1) % (int)areas(c);
		return true;
	default:
		return false;
	}
}

bool ctl_pain_action(ctl *c, int action, uint64_t now)
{
	view_model *m = &c->m;
	if (m->screen == VIEW_HISTORY && action == GESTURE_ACTION_DISCOMFORT && !m->kiosk) {
		/* hold: the pain page, then each area, then the overview again */
		if (m->history_page && m->pain_area + 1 >= (int)areas(c))
			m->history_page = 0;
		else
			ctl_pain_press(c, m->history_page ? VIEW_BTN_PAIN_AREA : VIEW_BTN_PAIN_PAGE, 0, now);
		c->dirty = true;
		return true;
	}
	if (!asking(c))
		return false;
	if (action == GESTURE_ACTION_NEXT) {
		m->pain.sel = (m->pain.sel + 1) % (VIEW_PAIN_SKIP + 1);
	} else if (action == GESTURE_ACTION_DISCOMFORT) {
		ctl_pain_answer(c, m->pain.sel == VIEW_PAIN_SKIP ? -1 : m->pain.sel, now);
	} else if (action == CONFIG_ACTION_ABANDON) {
		if (m->screen == VIEW_PREVIEW) { /* Escape closes the check-in: back to the preview */
			m->pain.active = false;
			m->checkin_target[0] = '\0';
			c->checkin_done = false;
		} else {
			ctl_pain_answer(c, -1, now);
		}
	} else {
		return false;
	}
	c->dirty = true;
	return true;
}
