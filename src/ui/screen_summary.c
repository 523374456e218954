/* screen_summary: figures as tiles, the per-target list, aftercare. */
#include "ui/screen_summary.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/safety.h"
#include "ui/gfx.h"
#include "ui/theme.h"
#include "ui/pain_view.h"

static void tile(view *v, SDL_Rect r, const char *label, const char *value, const char *sub,
                 SDL_Color vc)
{
	const layout *L = &v->L;
	gfx_round_rect(v->r, r, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(r, L->gap);
	SDL_Rect l = layout_take_top(&in, L->fs_small * 13 / 10, 0);
	text_draw(v->txt, label, l, L->fs_small, L->fs_small * 7 / 10, TEXT_CENTER, theme_get(THEME_DIM));
	SDL_Rect s = sub ? layout_take_bottom(&in, L->fs_small * 13 / 10, 0) : in;
	if (sub)
		text_draw(v->txt, sub, s, L->fs_small, L->fs_small * 7 / 10, TEXT_CENTER, theme_get(THEME_DIM));
	text_draw(v->txt, value, in, L->fs_big, L->fs_body, TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD, vc);
}

/* A target's row: its name, times and discomforts, with the widths of the
 * last two in a row w wide (30 % and 35 %, more when the words need it at
 * their smallest size: a longer language). */
typedef struct {
	char name[256], dis[128], times[64];
	int dw, tw;
} target_row;

static void row_parts(view *v, const view_target_stat *t, int w, target_row *o)
{
	const layout *L = &v->L;
	char a[32], b[32];
	int lw = 0;
	if (t->discomfort)
		snprintf(o->dis, sizeof o->dis, ngettext("%u discomfort", "%u discomforts", t->discomfort), t->discomfort);
	else
		snprintf(o->dis, sizeof o->dis, "%s", _("no discomfort"));
	snprintf(o->name, sizeof o->name, "%s", theme_target_label(t->target));
	if (o->name[0] >= 'a' && o->name[0] <= 'z')
		o->name[0] = (char)(o->name[0] - 'a' + 'A');
	snprintf(o->times, sizeof o->times, "%s / %s",
	         view_format_time(a, sizeof a, (t->actual_ms + 500) / 1000, false),
	         view_format_time(b, sizeof b, t->planned_s, false));
	o->dw = w * 30 / 100;
	if (text_measure(v->txt, o->dis, L->fs_small * 7 / 10, false, &lw, NULL) == 0 && lw + 2 > o->dw)
		o->dw = lw + 2 < w * 45 / 100 ? lw + 2 : w * 45 / 100;
	o->tw = w * 35 / 100;
	if (text_measure(v->txt, o->times, L->fs_small * 8 / 10, false, &lw, NULL) == 0 && lw + 2 > o->tw)
		o->tw = lw + 2;
}

/* Whether target t's name fits beside its times and discomforts at its
 * smallest size, in a row w wide. */
static bool row_fits(view *v, const view_target_stat *t, int w)
{
	target_row p;
	int nw = 0;
	row_parts(v, t, w, &p);
	return text_measure(v->txt, p.name, v->L.fs_small * 8 / 10, false, &nw, NULL) != 0 ||
	       nw <= w - p.dw - p.tw - v->L.gap;
}

/* One target's row; `tall`: the name on a line of its own above the rest. */
static void draw_target_row(view *v, const view_target_stat *t, SDL_Rect row, bool tall)
{
	const layout *L = &v->L;
	target_row p;
	row_parts(v, t, row.w, &p);
	SDL_Rect nr = tall ? layout_take_top(&row, row.h / 2, 0) : row;
	text_draw(v->txt, p.dis, layout_take_right(&row, p.dw, L->gap / 2), L->fs_small, L->fs_small * 7 / 10,
	          TEXT_MIDDLE | TEXT_RIGHT, t->discomfort ? theme_get(THEME_WARN) : theme_get(THEME_OK));
	text_draw(v->txt, p.times, layout_take_right(&row, p.tw, L->gap / 2), L->fs_small, L->fs_small * 8 / 10,
	          TEXT_MIDDLE | TEXT_RIGHT, theme_get(THEME_DIM));
	if (!tall)
		nr = row;
	text_draw(v->txt, p.name, nr, L->fs_body, L->fs_small * 8 / 10, TEXT_MIDDLE, theme_get(THEME_TEXT));
}

/* Per target: time and discomfort, and the course of treatment under them. */
static void draw_targets(view *v, const view_summary *su, SDL_Rect left)
{
	const layout *L = &v->L;
	gfx_round_rect(v->r, left, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(left, L->gap);
	SDL_Rect hl = layout_take_top(&in, L->fs_body * 14 / 10, 0);
	text_draw(v->txt, _("By target"), hl, L->fs_body, L->fs_small, TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_TEXT));
	int lh = L->fs_body * 14 / 10;
	bool tall = false; /* a name too long beside its figures: two lines a row, for every row */
	for (size_t i = 0; i < su->ntargets; i++)
		tall = tall || !row_fits(v, &su->targets[i], in.w);
	if (tall)
		lh *= 2;
	if (su->course[0]) {
		/* Course of treatment under the list: which session this was, at
		 * fs_warn (issue 17: read, not squinted at); the rows get the rest. */
		int rows = su->ntargets < 2 ? (int)su->ntargets : 2, ch = in.h - rows * lh - L->gap / 2;
		SDL_Rect cr = layout_take_bottom(&in, ch > L->fs_warn * 27 / 10 ? ch : L->fs_warn * 27 / 10, L->gap / 2);
		text_draw(v->txt, su->course, cr, L->fs_warn, L->fs_warn, TEXT_WRAP | TEXT_MIDDLE,
		          theme_get(su->course_warn ? THEME_WARN : THEME_OK));
	}
	for (size_t i = 0; i < su->ntargets && in.h >= lh; i++)
		draw_target_row(v, &su->targets[i], layout_take_top(&in, lh, 0), tall);
}

/* Aftercare advice. */
static void draw_aftercare(view *v, SDL_Rect right)
{
	const layout *L = &v->L;
	char buf[512];
	gfx_round_rect(v->r, right, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(right, L->gap);
	const safety_section *ac = safety_aftercare();
	SDL_Rect hl = layout_take_top(&in, L->fs_body * 14 / 10, 0);
	text_draw(v->txt, _(ac->heading), hl, L->fs_body, L->fs_small, TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_OK));
	buf[0] = '\0';
	for (size_t k = 0; k < ac->count; k++) {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "%s\xE2\x80\xA2 %s", k ? "\n" : "", _(ac->items[k]));
	}
	text_draw(v->txt, buf, in, L->fs_body * 9 / 10, L->fs_small * 7 / 10, TEXT_WRAP,
	          theme_get(THEME_TEXT));
}

void screen_summary_draw(view *v, const view_model *m)
{
	const layout *L = &v->L;
	const view_summary *su = m->summary;
	if (!su || !m->routine)
		return;
	SDL_Rect full = {L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad};
	char buf[512], a[32], b[32];
	bool done = su->outcome == SESSION_OUTCOME_COMPLETED;
	SDL_Rect head = layout_take_top(&full, L->fs_title * 15 / 10, 0);
	/* Landscape: the routine's title shares the heading's row. */
	SDL_Rect sub = L->portrait ? layout_take_top(&full, L->fs_body * 14 / 10, L->gap)
	                           : layout_take_right(&head, head.w * 45 / 100, L->gap);
	if (!L->portrait)
		layout_take_top(&full, 0, L->gap / 2);
	text_draw(v->txt, done ? _("Session complete") : _("Session ended early"), head, L->fs_title,
	          L->fs_label, TEXT_BOLD | TEXT_MIDDLE, done ? theme_get(THEME_OK) : theme_get(THEME_WARN));
	text_draw(v->txt, routine_text(m->routine, NULL, ROUTINE_FIELD_TITLE, m->language), sub, L->fs_body, L->fs_small,
	          TEXT_MIDDLE | (L->portrait ? 0 : TEXT_RIGHT), theme_get(THEME_DIM));

	SDL_Rect foot = layout_take_bottom(&full, L->btn_h, L->gap);
	int bw = L->portrait ? foot.w : foot.w * 30 / 100;
	view_button(v, layout_take_right(&foot, bw, L->gap), _("Done"), VIEW_STYLE_PRIMARY, VIEW_BTN_DONE, 0);
	if (!L->portrait && su->compare[0])
		text_draw(v->txt, su->compare, foot, L->fs_body, L->fs_small, TEXT_WRAP | TEXT_MIDDLE,
		          theme_get(THEME_ACCENT));

	SDL_Rect tiles = layout_take_top(&full, (int)(L->fs_big * 2.2f), L->gap);
	snprintf(buf, sizeof buf, _("%d of %d"), su->steps_done, su->steps_total);
	tile(v, layout_column(tiles, 3, 0, L->gap), _("Steps done"), buf, NULL, theme_get(THEME_TEXT));
	view_format_time(a, sizeof a, (su->actual_ms + 500) / 1000, false);
	snprintf(buf, sizeof buf, _("planned %s"), view_format_time(b, sizeof b, su->planned_s, false));
	tile(v, layout_column(tiles, 3, 1, L->gap), _("Time"), a, buf, theme_get(THEME_TEXT));
	snprintf(a, sizeof a, "%u", su->discomfort);
	tile(v, layout_column(tiles, 3, 2, L->gap), _("Discomfort"), a, NULL,
	     su->discomfort ? theme_get(THEME_WARN) : theme_get(THEME_OK));

	if (L->portrait && su->compare[0]) {
		SDL_Rect c = layout_take_top(&full, L->fs_body * 27 / 10, L->gap);
		text_draw(v->txt, su->compare, c, L->fs_body, L->fs_small, TEXT_WRAP | TEXT_MIDDLE,
		          theme_get(THEME_ACCENT));
	}
	if (su->overtreat[0]) {
		SDL_Rect ot = layout_take_top(&full, L->fs_warn * 27 / 10, L->gap);
		gfx_round_rect(v->r, ot, L->radius, theme_shade(theme_get(THEME_WARN), 0.25f));
		text_draw(v->txt, su->overtreat, layout_inset(ot, L->gap / 2), L->fs_warn, L->fs_warn,
		          TEXT_WRAP | TEXT_MIDDLE, theme_get(THEME_WARN));
	}
	SDL_Rect left, right;
	if (L->portrait) {
		int need = L->gap * 2 + L->fs_body * 14 / 10 * (int)(su->ntargets + 1) +
		           (su->course[0] ? L->fs_warn * 56 / 10 + L->gap : 0); /* three lines of the note: a longer language takes them */
		left = layout_take_top(&full, need < full.h * 55 / 100 ? need : full.h * 55 / 100, L->gap);
		right = full;
	} else {
		left = layout_take_left(&full, full.w * (su->course[0] ? 50 : 42) / 100, L->gap); /* the course note at fs_warn needs the width */
		right = full;
	}
	draw_targets(v, su, left);
	draw_aftercare(v, right);
	pain_view_dialog(v, m); /* the pain score after the session, when asked (issue 20) */
}
