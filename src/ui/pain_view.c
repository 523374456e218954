/* pain_view: the 0-10 pain question and the per-area pain chart. */
#include "ui/pain_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/i18n.h"
#include "core/painlog.h"
#include "ui/gfx.h"
#include "ui/theme.h"

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* A score's colour: green when low, amber, red when high. */
static SDL_Color score_colour(int s)
{
	return theme_get(s <= 3 ? THEME_OK : s <= 6 ? THEME_WARN : THEME_DANGER);
}

/* The row of eleven numbers; the highlighted one framed. */
static void number_row(view *v, SDL_Rect row, int sel)
{
	const layout *L = &v->L;
	int gap = L->gap / 2 > 2 ? L->gap / 2 : 2;
	for (int s = 0; s <= COMPLAINT_SCORE_MAX; s++) {
		SDL_Rect r = layout_column(row, COMPLAINT_SCORE_MAX + 1, s, gap);
		char num[4];
		snprintf(num, sizeof num, "%d", s);
		gfx_round_rect(v->r, r, L->radius / 2, theme_get(s == sel ? THEME_PANEL_HI : THEME_BG));
		gfx_fill(v->r, (SDL_Rect){ r.x + 3, r.y + r.h - 6, r.w - 6, 4 }, score_colour(s));
		text_draw(v->txt, num, r, L->fs_label, L->fs_body, TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD,
		          theme_get(THEME_TEXT));
		view_target(v, r, VIEW_BTN_COMPLAINT, s);
		if (s == sel)
			gfx_round_frame(v->r, r, L->radius / 2, (int)(3 * L->s + 1), theme_get(THEME_ACCENT));
	}
}

void pain_view_dialog(view *v, const view_model *m)
{
	const layout *L = &v->L;
	const view_pain *p = &m->pain;
	if (!p->active)
		return;
	SDL_Rect all = { 0, 0, L->w, L->h };
	gfx_fill(v->r, all, theme_get(THEME_SCRIM));
	view_target(v, all, VIEW_BTN_NONE, 0); /* the question takes every touch */
	SDL_Rect box = layout_inset(all, L->pad);
	if (!L->portrait && box.w > L->h * 2)
		box = (SDL_Rect){ (L->w - L->h * 2) / 2, box.y, L->h * 2, box.h }; /* wide screens: not a strip */
	gfx_round_rect(v->r, box, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(box, L->gap);
	char title[160];
	if (p->count > 1)
		snprintf(title, sizeof title, p->after ? _("%s: after the session (%d of %d)") :
		         _("%s: before the session (%d of %d)"), p->label, p->index, p->count);
	else
		snprintf(title, sizeof title, p->after ? _("%s: after the session") : _("%s: before the session"),
		         p->label);
	SDL_Rect t = layout_take_top(&in, L->fs_label * 14 / 10, L->gap / 2);
	text_draw(v->txt, title, t, L->fs_label, L->fs_body, TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD,
	          theme_get(THEME_TEXT));
	SDL_Rect q = layout_take_top(&in, L->fs_body * 25 / 10, L->gap / 2);
	text_draw(v->txt, _(p->after ? complaint_score_after_question() : complaint_score_question()), q,
	          L->fs_body, L->fs_small, TEXT_CENTER | TEXT_MIDDLE | TEXT_WRAP, theme_get(THEME_TEXT));
	SDL_Rect hint = layout_take_bottom(&in, L->fs_body * (L->portrait ? 26 : 13) / 10, L->gap / 2);
	text_draw(v->txt, _("Pedal: tap for the next number, hold to choose it"), hint, L->fs_body, L->fs_small,
	          TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD | TEXT_WRAP, theme_get(THEME_DIM));
	SDL_Rect skip = layout_take_bottom(&in, L->btn_h, L->gap / 2);
	skip = (SDL_Rect){ skip.x + skip.w / 3, skip.y, skip.w / 3, skip.h };
	view_button(v, skip, _("Skip"), VIEW_STYLE_QUIET, VIEW_BTN_COMPLAINT, -1);
	if (p->sel == VIEW_PAIN_SKIP)
		gfx_round_frame(v->r, skip, L->radius, (int)(3 * L->s + 1), theme_get(THEME_ACCENT));
	SDL_Rect ends = layout_take_bottom(&in, L->fs_small * 13 / 10, 0);
	text_draw(v->txt, _("no pain"), ends, L->fs_small, L->fs_small, TEXT_MIDDLE, theme_get(THEME_DIM));
	text_draw(v->txt, _("worst imaginable"), ends, L->fs_small, L->fs_small, TEXT_RIGHT | TEXT_MIDDLE,
	          theme_get(THEME_DIM));
	SDL_Rect row = layout_take_bottom(&in, L->btn_h, L->gap / 3);
	number_row(v, row, p->sel);
	/* the highlighted answer, large */
	char big[32];
	if (p->sel == VIEW_PAIN_SKIP)
		snprintf(big, sizeof big, "%s", _("Skip"));
	else
		snprintf(big, sizeof big, "%d", p->sel);
	text_draw(v->txt, big, in, in.h * 9 / 10, L->fs_big, TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD | TEXT_TIGHT,
	          p->sel == VIEW_PAIN_SKIP ? theme_get(THEME_DIM) : score_colour(p->sel));
}

/* "Nov 2" for a day number. */
static void short_date(int32_t day, char *buf, size_t size)
{
	char iso[16];
	history_day_string(day, iso, sizeof iso);
	int mo = atoi(iso + 5), d = atoi(iso + 8);
	snprintf(buf, size, "%s %d", months[(mo >= 1 && mo <= 12) ? mo - 1 : 0], d);
}

/* The area's name for the page: "Temple, left" / "Upper trapezius". */
static void label_of(const painlog_area *a, char *buf, size_t size)
{
	char name[128];
	snprintf(name, sizeof name, "%s", a->area[0] ? a->area : a->target);
	for (char *c = name; *c; c++)
		if (*c == '-')
			*c = ' ';
	if (name[0] >= 'a' && name[0] <= 'z')
		name[0] = (char)(name[0] - 'a' + 'A');
	if (strcmp(a->side, "left") == 0)
		snprintf(buf, size, _("%s, left"), name);
	else if (strcmp(a->side, "right") == 0)
		snprintf(buf, size, _("%s, right"), name);
	else
		snprintf(buf, size, "%s", name);
}

/* The chart's geometry: days first..first+ndays-1 across `plot`. */
typedef struct {
	SDL_Rect plot;
	int32_t first;
	int ndays;
} chart;

static int day_x(const chart *c, int32_t day)
{
	int slot = c->plot.w / c->ndays;
	return c->plot.x + (int)(day - c->first) * slot + slot / 2;
}

static int score_y(const chart *c, int s)
{
	return c->plot.y + c->plot.h - c->plot.h * s / COMPLAINT_SCORE_MAX;
}

/* The 0-10 axis with big labels at 0, 5 and 10 and their grid lines. */
static void axis(view *v, const chart *c, SDL_Rect labels)
{
	const layout *L = &v->L;
	for (int s = 0; s <= COMPLAINT_SCORE_MAX; s += 5) {
		char buf[8];
		snprintf(buf, sizeof buf, "%d", s);
		int y = score_y(c, s);
		text_draw(v->txt, buf, (SDL_Rect){ labels.x, y - L->fs_label / 2, labels.w, L->fs_label }, L->fs_label,
		          L->fs_body, TEXT_RIGHT | TEXT_MIDDLE | TEXT_BOLD, theme_get(THEME_TEXT));
		gfx_fill(v->r, (SDL_Rect){ c->plot.x, y, c->plot.w, 1 }, theme_get(THEME_LINE));
	}
}

/* Scores: before filled discs joined by a line, after hollow rings. */
static void points(view *v, const chart *c, const painlog_area *a)
{
	const layout *L = &v->L;
	int rad = L->fs_small / 2 > 5 ? L->fs_small / 2 : 5;
	int px = -1, py = 0;
	SDL_SetRenderDrawBlendMode(v->r, SDL_BLENDMODE_BLEND);
	for (size_t i = 0; i < a->npts; i++) {
		const painlog_point *p = &a->pts[i];
		if (p->after || p->day == PAINLOG_NO_DAY || p->day < c->first || p->day >= c->first + c->ndays)
			continue;
		int x = day_x(c, p->day), y = score_y(c, p->score);
		if (px >= 0) {
			SDL_Color lc = theme_get(THEME_ACCENT);
			SDL_SetRenderDrawColor(v->r, lc.r, lc.g, lc.b, lc.a);
			for (int d = -1; d <= 1; d++)
				SDL_RenderDrawLine(v->r, px, py + d, x, y + d);
		}
		px = x;
		py = y;
	}
	for (size_t i = 0; i < a->npts; i++) {
		const painlog_point *p = &a->pts[i];
		if (p->day == PAINLOG_NO_DAY || p->day < c->first || p->day >= c->first + c->ndays)
			continue;
		int x = day_x(c, p->day), y = score_y(c, p->score);
		gfx_disc(v->r, x, y, rad, score_colour(p->score));
		if (p->after)
			gfx_disc(v->r, x, y, rad * 5 / 10, theme_get(THEME_PANEL));
	}
}

/* The sessions done, one bar per day under the chart. */
static void sessions(view *v, const chart *c, SDL_Rect strip, const history *h)
{
	history_day days[PAIN_VIEW_MAX_DAYS];
	memset(days, 0, sizeof days);
	history_days(h, c->first, (size_t)c->ndays, days);
	int slot = c->plot.w / c->ndays;
	int bw = slot * 6 / 10 > 2 ? slot * 6 / 10 : 2;
	for (int i = 0; i < c->ndays; i++) {
		int x = day_x(c, c->first + i) - bw / 2;
		if (days[i].sessions == 0) {
			gfx_fill(v->r, (SDL_Rect){ x, strip.y + strip.h - 2, bw, 2 }, theme_get(THEME_LINE));
			continue;
		}
		int hh = strip.h * (days[i].sessions > 2 ? 2 : days[i].sessions) / 2;
		gfx_fill(v->r, (SDL_Rect){ x, strip.y + strip.h - hh, bw, hh },
		         theme_get(days[i].completed ? THEME_OK : THEME_DIM));
	}
}

/* Dates under the chart: the first day, the middle, today. */
static void dates(view *v, const chart *c, SDL_Rect row)
{
	const layout *L = &v->L;
	for (int k = 0; k < 3; k++) {
		int32_t d = k == 0 ? c->first : k == 1 ? c->first + c->ndays / 2 : c->first + c->ndays - 1;
		char buf[24];
		if (k == 2)
			snprintf(buf, sizeof buf, "%s", _("today"));
		else
			short_date(d, buf, sizeof buf);
		SDL_Rect r = { day_x(c, d) - L->fs_body * 3, row.y, L->fs_body * 6, row.h };
		int flags = k == 0 ? 0 : k == 1 ? TEXT_CENTER : TEXT_RIGHT;
		if (k == 0)
			r.x = row.x;
		if (k == 2)
			r.x = row.x + row.w - r.w;
		text_draw(v->txt, buf, r, L->fs_body, L->fs_small, flags | TEXT_MIDDLE, theme_get(THEME_TEXT));
	}
}

/* What the rule says, plainly; or how the scores went. */
static void verdict(view *v, SDL_Rect box, const painlog_area *a)
{
	const layout *L = &v->L;
	complaint_advice adv = painlog_advise(a, -1);
	char buf[320];
	int s[64];
	size_t n = painlog_session_scores(a, s, 64);
	if (adv != COMPLAINT_ADVICE_NONE) {
		text_draw(v->txt, _(complaint_advice_text(adv)), box, L->fs_label, L->fs_small,
		          TEXT_MIDDLE | TEXT_WRAP | TEXT_BOLD, theme_get(THEME_WARN));
		return;
	}
	if (n >= 2)
		snprintf(buf, sizeof buf, _("%zu sessions scored: %d at the first, %d at the latest."), n, s[0], s[n - 1]);
	else
		snprintf(buf, sizeof buf, "%s", _("One session scored so far: the trend shows after the next one."));
	text_draw(v->txt, buf, box, L->fs_body, L->fs_small, TEXT_MIDDLE | TEXT_WRAP, theme_get(THEME_TEXT));
}

/* The header: the area as the title, then Next area, Overview, Back. */
static void header(view *v, SDL_Rect *full, const char *label, size_t nareas)
{
	const layout *L = &v->L;
	SDL_Rect top = layout_take_top(full, L->btn_h, L->gap);
	int bw = L->portrait ? (top.w - 2 * L->gap) / 3 : L->btn_h * 5 / 2;
	view_button(v, layout_take_right(&top, L->portrait ? bw : L->btn_h * 2, L->gap), _("Back"), VIEW_STYLE_NORMAL,
	            VIEW_BTN_BACK, 0);
	view_button(v, layout_take_right(&top, bw, L->gap), _("Overview"), VIEW_STYLE_NORMAL, VIEW_BTN_PAIN_PAGE, 0);
	if (nareas > 1)
		view_button(v, layout_take_right(&top, bw, L->gap), _("Next area"), VIEW_STYLE_PRIMARY,
		            VIEW_BTN_PAIN_AREA, 0);
	SDL_Rect name = L->portrait ? layout_take_top(full, L->fs_title * 14 / 10, L->gap) : top;
	text_draw(v->txt, label, name, L->fs_title, L->fs_label, TEXT_BOLD | TEXT_MIDDLE, theme_get(THEME_TEXT));
}

void pain_view_draw(view *v, const view_model *m, const history *h, int32_t today)
{
	const layout *L = &v->L;
	SDL_Rect full = { L->pad, L->pad, L->w - 2 * L->pad, L->h - 2 * L->pad };
	const painlog *pl = h ? history_pain(h) : NULL;
	size_t na = painlog_count(pl);
	const painlog_area *a = painlog_at(pl, m->pain_area >= 0 ? (size_t)m->pain_area : 0);
	if (!a) {
		header(v, &full, "", 0);
		text_draw(v->txt, _("Pain scores will show here after a session that asks for them."), full, L->fs_body,
		          L->fs_small, TEXT_CENTER | TEXT_MIDDLE | TEXT_WRAP, theme_get(THEME_DIM));
		return;
	}
	char label[160];
	label_of(a, label, sizeof label);
	header(v, &full, label, na);
	gfx_round_rect(v->r, full, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(full, L->gap);
	SDL_Rect say = layout_take_bottom(&in, L->portrait ? L->fs_label * 5 : L->fs_label * 3, L->gap);
	verdict(v, say, a);
	SDL_Rect legend = layout_take_top(&in, L->fs_label * 13 / 10, L->gap / 2);
	SDL_Rect key = L->portrait ? layout_take_top(&in, L->fs_body * 26 / 10, L->gap / 2) : legend;
	char latest[64];
	snprintf(latest, sizeof latest, _("Latest: %d/10"), a->pts[a->npts - 1].score);
	text_draw(v->txt, latest, legend, L->fs_label, L->fs_body, TEXT_RIGHT | TEXT_MIDDLE | TEXT_BOLD,
	          score_colour(a->pts[a->npts - 1].score));
	text_draw(v->txt, _("0-10: \xE2\x97\x8F before, \xE2\x97\x8B after a session; bars: sessions done"), key,
	          L->fs_body, L->fs_small, TEXT_MIDDLE | (L->portrait ? TEXT_WRAP : 0), theme_get(THEME_DIM));
	SDL_Rect dr = layout_take_bottom(&in, L->fs_body * 13 / 10, L->gap / 3);
	SDL_Rect strip = layout_take_bottom(&in, L->fs_body * 3 / 2, L->gap / 2);
	SDL_Rect labels = layout_take_left(&in, L->fs_label * 2, L->gap / 2);
	chart c = { layout_inset(in, L->fs_small / 2), today - PAIN_VIEW_MIN_DAYS + 1, PAIN_VIEW_MIN_DAYS };
	for (size_t i = 0; i < a->npts; i++) /* back to the first score, within two months */
		if (a->pts[i].day != PAINLOG_NO_DAY && a->pts[i].day < c.first)
			c.first = a->pts[i].day > today - PAIN_VIEW_MAX_DAYS + 1 ? a->pts[i].day : today - PAIN_VIEW_MAX_DAYS + 1;
	c.ndays = (int)(today - c.first + 1);
	strip.x = dr.x = c.plot.x;
	strip.w = dr.w = c.plot.w;
	axis(v, &c, labels);
	sessions(v, &c, strip, h);
	points(v, &c, a);
	dates(v, &c, dr);
}
