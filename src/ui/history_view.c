/* history_view: charts and per-target rows of the History screen. */
#include "ui/history_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/painlog.h"
#include "ui/gfx.h"
#include "ui/pain_view.h"
#include "ui/theme.h"

#define MAX_ROWS 12  /* target rows considered (the ones that fit are drawn) */

static const char *const months[] = { N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec") };

/* "Nov 2" for a day number. */
static void short_date(int32_t day, char *buf, size_t size)
{
	char iso[16];
	history_day_string(day, iso, sizeof iso);
	int m = atoi(iso + 5), d = atoi(iso + 8);
	/* TRANSLATORS: a short date on the chart, month then day ("Nov 2"); %2$d. %1$s gives "2. Nov" */
	snprintf(buf, size, _("%1$s %2$d"), _(months[(m >= 1 && m <= 12) ? m - 1 : 0]), d);
}

/* A panel with a heading; returns the inside below the heading. */
static SDL_Rect panel(view *v, SDL_Rect box, const char *heading, const char *note)
{
	const layout *L = &v->L;
	gfx_round_rect(v->r, box, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(box, L->gap);
	SDL_Rect h = layout_take_top(&in, L->fs_body * 13 / 10, L->gap / 2);
	SDL_Rect drawn = text_draw(v->txt, heading, h, L->fs_body, L->fs_small, TEXT_BOLD | TEXT_MIDDLE,
	                           theme_get(THEME_TEXT));
	if (note) {
		SDL_Rect n = h;
		n.x = drawn.x + drawn.w + L->gap;
		n.w = h.x + h.w - n.x;
		if (n.w > 0)
			text_draw(v->txt, note, n, L->fs_small, L->fs_small * 8 / 10, TEXT_RIGHT | TEXT_MIDDLE,
			          theme_get(THEME_DIM));
	}
	return in;
}

/* A line 2 px thick (SDL lines are 1 px). */
static void thick_line(SDL_Renderer *r, int x1, int y1, int x2, int y2, SDL_Color c)
{
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
	SDL_RenderDrawLine(r, x1, y1, x2, y2);
	SDL_RenderDrawLine(r, x1, y1 + 1, x2, y2 + 1);
	SDL_RenderDrawLine(r, x1 + 1, y1, x2 + 1, y2);
}

/* Bars of sessions per day: completed (green) under not completed (dim). */
/* A chart's y axis: "max" at the top and "0" at the bottom of `in`, right
 * aligned in `axis`, and grid lines along the top and at baseline_y. */
static void chart_axis(view *v, SDL_Rect axis, SDL_Rect in, int max, int baseline_y)
{
	const layout *L = &v->L;
	char buf[16];
	snprintf(buf, sizeof buf, "%d", max);
	text_draw(v->txt, buf, (SDL_Rect){ axis.x, in.y - L->fs_small / 2, axis.w, L->fs_small },
	          L->fs_small, L->fs_small * 7 / 10, TEXT_RIGHT | TEXT_MIDDLE, theme_get(THEME_DIM));
	text_draw(v->txt, "0", (SDL_Rect){ axis.x, in.y + in.h - L->fs_small / 2, axis.w, L->fs_small },
	          L->fs_small, L->fs_small * 7 / 10, TEXT_RIGHT | TEXT_MIDDLE, theme_get(THEME_DIM));
	gfx_fill(v->r, (SDL_Rect){ in.x, in.y, in.w, 1 }, theme_get(THEME_LINE));
	gfx_fill(v->r, (SDL_Rect){ in.x, baseline_y, in.w, 1 }, theme_get(THEME_LINE));
}

static void draw_days(view *v, SDL_Rect box, const history *h, int32_t today)
{
	const layout *L = &v->L;
	history_day days[HISTORY_VIEW_DAYS];
	memset(days, 0, sizeof days);
	for (int i = 0; i < HISTORY_VIEW_DAYS; i++)
		days[i].day = today - (HISTORY_VIEW_DAYS - 1) + i;
	if (h)
		history_days(h, today - (HISTORY_VIEW_DAYS - 1), HISTORY_VIEW_DAYS, days);
	int max = 1, total = 0;
	for (int i = 0; i < HISTORY_VIEW_DAYS; i++) {
		if (days[i].sessions > max)
			max = days[i].sessions;
		total += days[i].sessions;
	}
	char note[48];
	snprintf(note, sizeof note, _("%d in 4 weeks"), total);
	SDL_Rect in = panel(v, box, _("Sessions per day"), note);
	SDL_Rect labels = layout_take_bottom(&in, L->fs_small * 12 / 10, L->gap / 3);
	SDL_Rect axis = layout_take_left(&in, L->fs_small * 3 / 2, L->gap / 3);
	chart_axis(v, axis, in, max, in.y + in.h - 1);

	int slot = in.w / HISTORY_VIEW_DAYS;
	int bw = slot * 7 / 10 > 2 ? slot * 7 / 10 : 2;
	int x0 = in.x + (in.w - slot * HISTORY_VIEW_DAYS) / 2;
	SDL_Color ok = theme_get(THEME_OK), other = theme_shade(theme_get(THEME_DIM), 0.6f);
	for (int i = 0; i < HISTORY_VIEW_DAYS; i++) {
		int x = x0 + i * slot + (slot - bw) / 2;
		int hc = in.h * days[i].completed / max;
		int ht = in.h * days[i].sessions / max;
		if (days[i].sessions == 0) {
			/* An empty day: a small tick so the calendar is visible. */
			gfx_fill(v->r, (SDL_Rect){ x, in.y + in.h - 3, bw, 3 }, theme_get(THEME_LINE));
		} else {
			if (ht > hc)
				gfx_fill(v->r, (SDL_Rect){ x, in.y + in.h - ht, bw, ht - hc }, other);
			if (hc > 0)
				gfx_fill(v->r, (SDL_Rect){ x, in.y + in.h - hc, bw, hc }, ok);
		}
		/* Week labels under every seventh day, counted back from today. */
		if ((HISTORY_VIEW_DAYS - 1 - i) % 7 == 0) {
			char buf[16];
			if (i == HISTORY_VIEW_DAYS - 1)
				snprintf(buf, sizeof buf, "%s", _("today"));
			else
				short_date(days[i].day, buf, sizeof buf);
			int lw = slot * 6;
			SDL_Rect lb = { x + bw / 2 - lw / 2, labels.y, lw, labels.h };
			if (lb.x + lb.w > labels.x + labels.w)
				lb.x = labels.x + labels.w - lb.w;
			text_draw(v->txt, buf, lb, L->fs_small, L->fs_small * 7 / 10,
			          (i == HISTORY_VIEW_DAYS - 1 ? TEXT_RIGHT : TEXT_CENTER) | TEXT_MIDDLE,
			          theme_get(THEME_DIM));
		}
	}
}

/* Discomfort marks of the latest sessions, oldest left: dots joined by a line. */
static void draw_discomfort(view *v, SDL_Rect box, const history *h)
{
	const layout *L = &v->L;
	size_t n = h ? history_session_count(h) : 0;
	size_t from = n > HISTORY_VIEW_SESSIONS ? n - HISTORY_VIEW_SESSIONS : 0;
	size_t count = n - from;
	int max = 1;
	for (size_t i = from; i < n; i++) {
		const history_session *s = history_session_at(h, i);
		if (s->discomfort > max)
			max = s->discomfort;
	}
	char note[48];
	snprintf(note, sizeof note, _("latest %zu"), count);
	SDL_Rect in = panel(v, box, _("Discomfort marks per session"), note);
	SDL_Rect labels = layout_take_bottom(&in, L->fs_small * 12 / 10, L->gap / 3);
	SDL_Rect axis = layout_take_left(&in, L->fs_small * 3 / 2, L->gap / 3);
	labels.x = in.x;
	labels.w = in.w;
	/* The dates of the first and the last session shown. */
	for (int end = 0; end < 2 && count; end++) {
		const history_session *s = history_session_at(h, end ? n - 1 : from);
		char d[16];
		if (s->dated)
			short_date(s->day, d, sizeof d);
		else
			snprintf(d, sizeof d, "?");
		text_draw(v->txt, d, labels, L->fs_small, L->fs_small * 7 / 10,
		          (end ? TEXT_RIGHT : 0) | TEXT_MIDDLE, theme_get(THEME_DIM));
	}
	in = layout_inset(in, 4);
	chart_axis(v, axis, in, max, in.y + in.h);
	int rad = L->gap / 3 > 3 ? L->gap / 3 : 3;
	/* A legend for the soreness check-in marks, when there are any. */
	bool checkins = false;
	for (size_t i = from; i < n && !checkins; i++)
		checkins = history_session_at(h, i)->checkin != HISTORY_CHECKIN_NONE;
	if (checkins) {
		static const char *const names[2] = { "still sore", "fine" };
		const theme_color cols[2] = { THEME_DANGER, THEME_OK };
		SDL_Rect lg = { labels.x + labels.w / 4, labels.y, labels.w / 2, labels.h };
		for (int k = 0; k < 2; k++) {
			SDL_Rect half = layout_column(lg, 2, k, L->gap);
			gfx_fill(v->r, (SDL_Rect){ half.x, half.y + half.h / 2 - 2, 2 * rad, 4 }, theme_get(cols[k]));
			half.x += 2 * rad + L->gap / 2;
			half.w -= 2 * rad + L->gap / 2;
			text_draw(v->txt, names[k], half, L->fs_small, L->fs_small * 7 / 10, TEXT_MIDDLE,
			          theme_get(THEME_DIM));
		}
	}
	if (count == 0) {
		text_draw(v->txt, _("No sessions yet"), in, L->fs_body, L->fs_small,
		          TEXT_CENTER | TEXT_MIDDLE, theme_get(THEME_DIM));
		return;
	}
	SDL_Color line = theme_shade(theme_get(THEME_WARN), 0.6f), dot = theme_get(THEME_WARN);
	int px = 0, py = 0;
	for (size_t i = 0; i < count; i++) {
		const history_session *s = history_session_at(h, from + i);
		int x = count == 1 ? in.x + in.w / 2 : in.x + (int)((long)in.w * (long)i / (long)(count - 1));
		int y = in.y + in.h - in.h * s->discomfort / max;
		if (i)
			thick_line(v->r, px, py, x, y, line);
		px = x;
		py = y;
	}
	for (size_t i = 0; i < count; i++) {
		const history_session *s = history_session_at(h, from + i);
		int x = count == 1 ? in.x + in.w / 2 : in.x + (int)((long)in.w * (long)i / (long)(count - 1));
		int y = in.y + in.h - in.h * s->discomfort / max;
		/* Hollow dot for a session that was not completed. */
		gfx_disc(v->r, x, y, rad, dot);
		if (s->outcome != HISTORY_COMPLETED)
			gfx_disc(v->r, x, y, rad - 2 > 1 ? rad - 2 : 1, theme_get(THEME_PANEL));
		/* The soreness check-in of the session, under the axis: red still
		 * sore, green fine. */
		if (s->checkin != HISTORY_CHECKIN_NONE)
			gfx_fill(v->r, (SDL_Rect){ x - rad, in.y + in.h + 3, 2 * rad, 4 },
			         s->checkin == HISTORY_CHECKIN_SORE ? theme_get(THEME_DANGER) : theme_get(THEME_OK));
	}
}

static int cmp_last_desc(const void *a, const void *b)
{
	const history_target *x = *(const history_target *const *)a;
	const history_target *y = *(const history_target *const *)b;
	return (x->last_ms < y->last_ms) - (x->last_ms > y->last_ms);
}

/* Course of treatment as pips: one per session up to 6, the 4-6 zone outlined. */
static void draw_course(view *v, SDL_Rect box, int sessions)
{
	int pip = box.h;
	int gap = pip / 3 > 2 ? pip / 3 : 2;
	SDL_Color done = theme_get(THEME_ACCENT), empty = theme_get(THEME_LINE);
	for (int i = 0; i < HISTORY_COURSE_MAX; i++) {
		SDL_Rect p = { box.x + i * (pip + gap), box.y, pip, pip };
		gfx_round_rect(v->r, p, pip / 4, i < sessions ? done : empty);
	}
	/* The usual course (4-6) underlined. */
	int x1 = box.x + (HISTORY_COURSE_MIN - 1) * (pip + gap);
	int x2 = box.x + HISTORY_COURSE_MAX * (pip + gap) - gap;
	gfx_fill(v->r, (SDL_Rect){ x1, box.y + pip + 2, x2 - x1, 2 }, theme_get(THEME_DIM));
}

/* Per target: name, course pips, average hold, early / full counts. */
static void draw_targets(view *v, SDL_Rect box, const history *h)
{
	const layout *L = &v->L;
	SDL_Rect in = panel(v, box, _("Targets"), _("avg hold \xC2\xB7 early / full"));
	const history_target *rows[MAX_ROWS];
	size_t n = 0, nt = h ? history_target_count(h) : 0;
	const history_target **all = nt ? malloc(nt * sizeof *all) : NULL;
	size_t na = 0;
	for (size_t i = 0; all && i < nt; i++) {
		const history_target *t = history_target_at(h, i);
		if (t->holds)
			all[na++] = t;
	}
	/* Most recently treated first: that is what the user is working on. */
	if (na)
		qsort(all, na, sizeof *all, cmp_last_desc);
	for (size_t i = 0; i < na && n < MAX_ROWS; i++)
		rows[n++] = all[i];
	free(all);
	if (n == 0) {
		text_draw(v->txt, _("Treated muscles will show here after a session."), in, L->fs_body,
		          L->fs_small, TEXT_CENTER | TEXT_MIDDLE | TEXT_WRAP, theme_get(THEME_DIM));
		return;
	}
	int row_h = L->fs_body * 13 / 10 + L->fs_small * 12 / 10 + L->gap;
	size_t fit = (size_t)((in.h + L->gap / 2) / row_h);
	if (fit > n)
		fit = n;
	for (size_t i = 0; i < fit; i++) {
		const history_target *t = rows[i];
		SDL_Rect r = layout_take_top(&in, row_h - L->gap / 2, L->gap / 2);
		if (i)
			gfx_fill(v->r, (SDL_Rect){ r.x, r.y - L->gap / 4 - 1, r.w, 1 }, theme_get(THEME_LINE));
		SDL_Rect top = layout_take_top(&r, L->fs_body * 13 / 10, 0);
		char avg[32], counts[64];
		snprintf(avg, sizeof avg, "%u s", (unsigned)((t->avg_ms + 500) / 1000));
		SDL_Rect ar = layout_take_right(&top, L->fs_body * 3, L->gap / 2);
		text_draw(v->txt, avg, ar, L->fs_body, L->fs_small, TEXT_RIGHT | TEXT_MIDDLE | TEXT_BOLD,
		          theme_get(THEME_TEXT));
		/* Capitalised name. */
		char name[HISTORY_MAX_TITLE];
		snprintf(name, sizeof name, "%s", t->name);
		if (name[0] >= 'a' && name[0] <= 'z')
			name[0] = (char)(name[0] - 'a' + 'A');
		text_draw(v->txt, name, top, L->fs_body, L->fs_small, TEXT_MIDDLE, theme_get(THEME_TEXT));
		/* Second line: course pips + "3 of 4-6", then early / full and discomfort. */
		int pip = L->fs_small * 6 / 10;
		SDL_Rect pips = { r.x, r.y + (r.h - pip) / 2 - 1, 0, pip };
		draw_course(v, pips, t->sessions);
		int pw = HISTORY_COURSE_MAX * (pip + (pip / 3 > 2 ? pip / 3 : 2));
		SDL_Rect rest = { r.x + pw + L->gap / 2, r.y, r.w - pw - L->gap / 2, r.h };
		snprintf(counts, sizeof counts, _("%d of %d-%d"), t->sessions, HISTORY_COURSE_MIN,
		         HISTORY_COURSE_MAX);
		SDL_Rect cr = text_draw(v->txt, counts, rest, L->fs_small, L->fs_small * 8 / 10, TEXT_MIDDLE,
		                        theme_get(THEME_DIM));
		rest.x = cr.x + cr.w + L->gap;
		rest.w = r.x + r.w - rest.x;
		if (t->discomfort)
			snprintf(counts, sizeof counts, ngettext("%d / %d \xC2\xB7 %d mark", "%d / %d \xC2\xB7 %d marks", (unsigned long)t->discomfort), t->holds_early,
			         t->holds_full, t->discomfort);
		else
			snprintf(counts, sizeof counts, "%d / %d", t->holds_early, t->holds_full);
		text_draw(v->txt, counts, rest, L->fs_small, L->fs_small * 8 / 10, TEXT_RIGHT | TEXT_MIDDLE,
		          t->discomfort ? theme_get(THEME_WARN) : theme_get(THEME_DIM));
	}
	if (fit < n) {
		char more[32];
		snprintf(more, sizeof more, _("+ %zu more"), n - fit);
		text_draw(v->txt, more, in, L->fs_small, L->fs_small, TEXT_RIGHT | TEXT_BOTTOM,
		          theme_get(THEME_DIM));
	}
}

/* Kiosk: a station shows only how it was used today. */
static void draw_kiosk(view *v, SDL_Rect full, const history *h, int32_t today)
{
	const layout *L = &v->L;
	int n = 0, c = 0;
	if (h)
		history_today(h, today, &n, &c);
	SDL_Rect box = layout_inset(full, full.h / 8);
	gfx_round_rect(v->r, box, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(box, L->gap * 2);
	SDL_Rect head = layout_take_top(&in, L->fs_label * 14 / 10, L->gap);
	text_draw(v->txt, _("Today at this station"), head, L->fs_label, L->fs_body,
	          TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD, theme_get(THEME_DIM));
	SDL_Rect left = layout_column(in, 2, 0, L->gap), right = layout_column(in, 2, 1, L->gap);
	char buf[32];
	snprintf(buf, sizeof buf, "%d", n);
	SDL_Rect big = layout_take_top(&left, left.h * 6 / 10, 0);
	text_draw(v->txt, buf, big, L->fs_digits / 2, L->fs_big, TEXT_CENTER | TEXT_BOTTOM | TEXT_BOLD,
	          theme_get(THEME_TEXT));
	text_draw(v->txt, ngettext("session started", "sessions started", (unsigned long)n), left, L->fs_body, L->fs_small,
	          TEXT_CENTER, theme_get(THEME_DIM));
	snprintf(buf, sizeof buf, "%d", c);
	big = layout_take_top(&right, right.h * 6 / 10, 0);
	text_draw(v->txt, buf, big, L->fs_digits / 2, L->fs_big, TEXT_CENTER | TEXT_BOTTOM | TEXT_BOLD,
	          theme_get(THEME_OK));
	text_draw(v->txt, _("completed"), right, L->fs_body, L->fs_small, TEXT_CENTER, theme_get(THEME_DIM));
}

void history_view_draw(view *v, const view_model *m, const history *h, int32_t today)
{
	const layout *L = &v->L;
	bool kiosk = m && m->kiosk;
	if (m && !kiosk && m->history_page == 1) {
		pain_view_draw(v, m, h, today); /* the pain scores page (issue 20) */
		return;
	}
	SDL_Rect full = { L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad };
	SDL_Rect top = layout_take_top(&full, L->btn_h, L->gap);
	/* Back at the top left, where every other screen has it (issue 17). */
	int bw = L->portrait ? top.w * 26 / 100 : (int)(130 * L->s);
	view_button(v, layout_take_left(&top, bw, L->gap), _("\xE2\x97\x80  Back"), VIEW_STYLE_QUIET, VIEW_BTN_BACK, 0);
	if (!kiosk && h && painlog_count(history_pain(h)))
		view_button(v, layout_take_right(&top, L->btn_h * 2, L->gap), _("Pain"), VIEW_STYLE_PRIMARY,
		            VIEW_BTN_PAIN_PAGE, 0);
	SDL_Rect title = L->portrait ? top : layout_take_left(&top, top.w * 3 / 10, L->gap);
	if (L->portrait) /* the figures get a row of their own */
		top = layout_take_top(&full, L->fs_label * 15 / 10, L->gap);
	text_draw(v->txt, kiosk ? _("Usage") : _("History"), title, L->fs_title, L->fs_label,
	          TEXT_BOLD | TEXT_MIDDLE, theme_get(THEME_TEXT));
	if (kiosk) {
		draw_kiosk(v, full, h, today);
		return;
	}
	/* Headline figures: the streak first, it is what keeps people going. */
	history_totals t;
	memset(&t, 0, sizeof t);
	int streak = 0;
	if (h) {
		history_get_totals(h, &t);
		streak = history_streak(h, today);
	}
	char line[160];
	snprintf(line, sizeof line, ngettext("%d-day streak", "%d-day streak", (unsigned long)streak), streak);
	SDL_Rect st = layout_take_left(&top, top.w * 45 / 100, L->gap);
	text_draw(v->txt, line, st, L->fs_label, L->fs_body, TEXT_BOLD | TEXT_MIDDLE,
	          streak ? theme_get(THEME_OK) : theme_get(THEME_DIM));
	snprintf(line, sizeof line, ngettext("%zu session \xC2\xB7 %zu completed", "%zu sessions \xC2\xB7 %zu completed", t.sessions), t.sessions, t.completed);
	text_draw(v->txt, line, top, L->fs_body, L->fs_small, TEXT_MIDDLE | TEXT_RIGHT,
	          theme_get(THEME_DIM));

	if (L->portrait) {
		SDL_Rect a = layout_take_top(&full, full.h * 3 / 10, L->gap);
		SDL_Rect b = layout_take_top(&full, full.h * 35 / 100, L->gap);
		draw_days(v, a, h, today);
		draw_discomfort(v, b, h);
		draw_targets(v, full, h);
		return;
	}
	SDL_Rect left = layout_take_left(&full, full.w * 56 / 100, L->gap);
	SDL_Rect a = layout_take_top(&left, (left.h - L->gap) * 55 / 100, L->gap);
	draw_days(v, a, h, today);
	draw_discomfort(v, left, h);
	draw_targets(v, full, h);
}
