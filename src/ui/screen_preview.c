/* screen_preview: timeline list on the left (top in portrait), details and
 * Start on the right (bottom). */
#include "ui/screen_preview.h"

#include "core/complaint.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/safety.h"
#include "ui/bodymap_view.h"
#include "ui/gfx.h"
#include "ui/textpage.h"
#include "ui/pain_view.h"
#include "ui/theme.h"

typedef struct {
	SDL_Rect head, meta, list, pager, course, detail, map, warn, start;
	bool beside;   /* the map beside the detail (a narrow detail: its heading wraps) */
} preview_rects;

static int row_h(const layout *L)
{
	int h = L->fs_body * 22 / 10;
	return h < LAYOUT_MIN_TOUCH ? LAYOUT_MIN_TOUCH : h;
}

static void compute(const layout *L, bool course, bool big_warn, preview_rects *o)
{
	SDL_Rect full = {L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad};
	o->head = layout_take_top(&full, L->btn_h, L->gap);
	SDL_Rect left, right;
	if (!L->portrait) {
		/* The total sits at the right end of the header. */
		SDL_Rect h = o->head;
		o->meta = layout_take_right(&h, h.w * 30 / 100, L->gap);
		/* The list gives room to the body map: it is where the user learns
		 * where to press (issue 18: at 56 % the figures were ~100 px tall). */
		left = layout_take_left(&full, full.w * 44 / 100, L->pad);
		right = full;
	} else {
		o->meta = layout_take_top(&full, L->fs_body * 14 / 10, L->gap / 2);
		left = layout_take_top(&full, full.h * 42 / 100, L->gap);
		right = full;
	}
	o->pager = layout_take_bottom(&left, L->btn_h * 8 / 10, L->gap / 2);
	o->course = course ? layout_take_bottom(&left, L->fs_small * 27 / 10, L->gap / 2) : (SDL_Rect){0};
	o->list = left;
	o->start = layout_take_bottom(&right, L->btn_h * 13 / 10, L->gap);
	if (big_warn) {
		/* A warning to read first (issue 17): it takes the detail's and
		 * the map's room, at fs_warn. */
		o->warn = right;
		o->detail = o->map = (SDL_Rect){0, 0, 0, 0};
		o->beside = false;
		return;
	}
	o->warn = layout_take_bottom(&right, L->fs_body * 3, L->gap);
	if (L->portrait || right.w >= L->fs_body * 16) {
		/* The map beside the text, both at full height: a taller figure
		 * (not on narrow columns, where the text would get too narrow). */
		o->map = layout_take_right(&right, right.w * (L->portrait ? 40 : 46) / 100, L->gap);
		o->detail = right;
		o->beside = true;
	} else {
		o->detail = layout_take_top(&right, right.h * 42 / 100, L->gap);
		o->map = right;
		o->beside = false;
	}
}

/* Timeline rows per page; the course line, when shown, takes a row's room. */
static int per_page(const layout *L, bool course)
{
	preview_rects o;
	compute(L, course, false, &o);
	int n = o.list.h / row_h(L);
	return n < 1 ? 1 : n;
}

/* The course note goes to the left column, unless it is a warning (then it
 * is in the warning's panel). */
static bool course_line(const view_model *m)
{
	return m->course[0] && !m->course_warn;
}

/* A warning that needs reading before the start: over-treatment, or the
 * course past the usual. */
static bool big_warning(const view_model *m)
{
	return m->overtreat_confirm || (m->course_warn && m->course[0]);
}

int screen_preview_per_page(const layout *L, const view_model *m)
{
	return per_page(L, m && course_line(m));
}

/* The width of the kind column in a row `w` wide: fs_body * 6, or what the
 * longest kind word needs at its smallest size (a longer language), within
 * 45 % of the row. */
static int kind_width(view *v, int w)
{
	const layout *L = &v->L;
	int kw = L->fs_body * 6, lw = 0;
	for (int k = 0; k < ROUTINE_KIND_COUNT; k++)
		if (text_measure(v->txt, theme_kind_label((routine_kind)k), L->fs_small * 8 / 10, true, &lw, NULL) == 0 &&
		    lw + L->gap / 2 > kw)
			kw = lw + L->gap / 2;
	return kw < w * 45 / 100 ? kw : w * 45 / 100;
}

static void draw_row(view *v, const view_model *m, SDL_Rect rr, size_t i)
{
	const layout *L = &v->L;
	const routine_entry *e = routine_entry_at(m->routine, i);
	bool sel = (int)i == m->preview_sel;
	SDL_Rect box = rr;
	box.h -= L->gap / 3;
	gfx_round_rect(v->r, box, L->radius / 2, theme_get(sel ? THEME_PANEL_HI : THEME_PANEL));
	SDL_Color kc = theme_kind(e->kind);
	SDL_Rect in = box;
	SDL_Rect strip = layout_take_left(&in, (int)(6 * L->s + 1), L->gap);
	gfx_round_rect(v->r, strip, strip.w / 2, kc);
	in.w -= L->gap;
	char buf[200], t[32];
	SDL_Rect dur = layout_take_right(&in, L->fs_body * 3, L->gap);
	view_format_time(t, sizeof t, e->duration_s, false);
	text_draw(v->txt, t, dur, L->fs_body, L->fs_small, TEXT_RIGHT | TEXT_MIDDLE | TEXT_BOLD,
	          theme_get(THEME_TEXT));
	int kw = kind_width(v, in.w), lw = 0;
	const char *kl = theme_kind_label(e->kind);
	SDL_Rect kind;
	if (text_measure(v->txt, kl, L->fs_small * 8 / 10, true, &lw, NULL) == 0 && lw > kw)
		kind = layout_take_top(&in, in.h * 45 / 100, 0); /* too long beside: above the target */
	else
		kind = layout_take_left(&in, kw, L->gap / 2);
	text_draw(v->txt, kl, kind, L->fs_body, L->fs_small * 8 / 10, TEXT_MIDDLE | TEXT_BOLD, kc);
	const char *side = e->side == ROUTINE_SIDE_LEFT ? _("left") : e->side == ROUTINE_SIDE_RIGHT ? _("right") : NULL;
	if (e->kind == ROUTINE_TRANSITION)
		buf[0] = '\0'; /* "Get ready" says it all; the next row names the step */
	else if (e->target && side)
		snprintf(buf, sizeof buf, "%s, %s", theme_target_label(e->target), side);
	else
		snprintf(buf, sizeof buf, "%s", e->target ? theme_target_label(e->target) : "");
	/* two lines rather than an ellipsis: the side must stay readable */
	text_draw(v->txt, buf, in, L->fs_body, L->fs_small * 8 / 10, TEXT_MIDDLE | TEXT_WRAP,
	          e->kind == ROUTINE_TRANSITION ? theme_get(THEME_DIM) : theme_get(THEME_TEXT));
	view_target(v, rr, VIEW_BTN_ROW, (int)i);
}

/* complaint_advise said to see a professional: large, then Back or Start. */
static void draw_advice(view *v, const view_model *m)
{
	const layout *L = &v->L;
	SDL_Rect b;
	SDL_Rect in = view_dialog_panel(v, 86, 6, _("See a professional"), &b);
	text_draw(v->txt, _(m->complaint_advice), in, L->fs_big, L->fs_label, TEXT_CENTER | TEXT_WRAP | TEXT_MIDDLE,
	          theme_get(THEME_WARN));
	view_button(v, layout_column(b, 2, 0, L->gap), _("\xE2\x97\x80  Back"), VIEW_STYLE_NORMAL, VIEW_BTN_BACK, 0);
	view_button(v, layout_column(b, 2, 1, L->gap), _("Start anyway"), VIEW_STYLE_QUIET, VIEW_BTN_ADVICE_OK, 0);
	SDL_Rect hint = {0, L->h - L->fs_body * 2 - L->pad, L->w, L->fs_body * 2};
	text_draw(v->txt, _("Pedal: tap to start anyway, Escape to go back"), hint, L->fs_body, L->fs_small,
	          TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD, theme_get(THEME_TEXT));
}

/* The check-in before a session: soreness (a target treated in the last
 * days), then the 0-10 pain score, then (when advised) "see a professional". */
static void draw_checkin(view *v, const view_model *m)
{
	const layout *L = &v->L;
	char buf[256];
	if (!m->checkin_target[0])
		return;
	snprintf(buf, sizeof buf, "%s", m->checkin_target);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	if (m->checkin_stage == 1) {
		pain_view_dialog(v, m); /* the 0-10 score (issue 20) */
		return;
	}
	if (m->checkin_stage == 2) {
		draw_advice(v, m);
		return;
	}
	view_dialog(v, buf, _(safety_checkin_question()), _("Fine"), VIEW_BTN_CHECKIN_FINE, _("Still sore"),
	            VIEW_BTN_CHECKIN_SORE, false);
	SDL_Rect hint = {0, L->h - L->fs_body * 2 - L->pad, L->w, L->fs_body * 2};
	text_draw(v->txt, _(safety_checkin_answers()), hint, L->fs_body, L->fs_small,
	          TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD, theme_get(THEME_TEXT));
}

/* The warning large (fs_warn: capitals >= 20 px at 800x480), in the warning
 * colour, paged rather than shrunk (a touch or a pedal tap turns the page),
 * with the pedal's way on under it. */
static void draw_warning(view *v, const view_model *m, SDL_Rect box)
{
	const layout *L = &v->L;
	char all[640], shown[640], buf[160];
	snprintf(all, sizeof all, "%s%s%s", m->overtreat_confirm ? m->overtreat : "",
	         m->overtreat_confirm && m->course_warn ? "\n" : "", m->course_warn ? m->course : "");
	SDL_Color warn = theme_get(THEME_WARN);
	gfx_round_rect(v->r, box, L->radius, theme_shade(warn, 0.22f));
	gfx_round_frame(v->r, box, L->radius, (int)(3 * L->s + 1), theme_shade(warn, 0.6f));
	SDL_Rect in = layout_inset(box, L->gap + L->gap / 2);
	SDL_Rect hint = layout_take_bottom(&in, L->fs_body * 25 / 10, L->gap / 2);
	int pages = textpage_split(v->txt, all, in.w, in.h, L->fs_warn, false, 0, shown, sizeof shown);
	int page = (m->warn_page % pages + pages) % pages;
	textpage_split(v->txt, all, in.w, in.h, L->fs_warn, false, page, shown, sizeof shown);
	text_draw(v->txt, shown, in, L->fs_warn, L->fs_warn, TEXT_WRAP, warn);
	if (pages > 1) {
		snprintf(buf, sizeof buf, "%d / %d", page + 1, pages);
		SDL_Rect pr = text_draw(v->txt, buf, hint, L->fs_body, L->fs_small, TEXT_RIGHT | TEXT_MIDDLE, warn);
		hint.w -= pr.w + L->gap;
		view_target(v, box, VIEW_BTN_WARN_PAGE, 1);
	}
	const char *how = m->overtreat_confirm
	                  ? pages > 1 ? _("Touch or tap the pedal for more. Hold the pedal to start anyway.")
	                              : _("Hold the pedal to start anyway.")
	                  : pages > 1 ? _("Touch for more.") : "";
	text_draw(v->txt, how, hint, L->fs_body, L->fs_small, TEXT_WRAP | TEXT_MIDDLE | TEXT_BOLD,
	          theme_get(THEME_TEXT));
}

/* Start; over a recent treatment, Back and "Start anyway", offered only once
 * the warning has been on the screen for a moment (the controller decides). */
static void draw_start(view *v, const view_model *m, SDL_Rect box)
{
	const layout *L = &v->L;
	if (!m->overtreat_confirm) {
		view_button(v, box, _("Start  \xE2\x96\xB6"), VIEW_STYLE_PRIMARY, VIEW_BTN_START, 0);
		return;
	}
	view_button(v, layout_column(box, 2, 0, L->gap), _("\xE2\x97\x80  Back"), VIEW_STYLE_PRIMARY, VIEW_BTN_BACK, 0);
	SDL_Rect r = layout_column(box, 2, 1, L->gap);
	if (m->start_armed_at && m->now >= m->start_armed_at) {
		view_button(v, r, _("Start anyway"), VIEW_STYLE_DANGER, VIEW_BTN_START, 0);
		return;
	}
	char buf[96];
	int left = m->start_armed_at ? (int)((m->start_armed_at - m->now + 999) / 1000) : 3;
	snprintf(buf, sizeof buf, _("Start anyway in %d s"), left);
	gfx_round_frame(v->r, r, L->radius, (int)(2 * L->s + 1), theme_get(THEME_LINE));
	text_draw(v->txt, buf, layout_inset(r, L->gap), L->fs_body, L->fs_small * 8 / 10, TEXT_CENTER | TEXT_MIDDLE,
	          theme_get(THEME_DIM));
}

void screen_preview_draw(view *v, const view_model *m)
{
	const layout *L = &v->L;
	const routine *r = m->routine;
	if (!r)
		return;
	preview_rects o;
	compute(L, course_line(m), big_warning(m), &o);
	char buf[256], t[32];

	/* Header: back, title, total. */
	SDL_Rect head = o.head;
	int bw = L->portrait ? head.w * 26 / 100 : (int)(130 * L->s);
	view_button(v, layout_take_left(&head, bw, L->gap), _("\xE2\x97\x80  Back"), VIEW_STYLE_QUIET,
	            VIEW_BTN_BACK, 0);
	int steps = 0;
	for (size_t i = 0; i < routine_length(r); i++)
		steps += routine_entry_at(r, i)->kind != ROUTINE_TRANSITION;
	snprintf(buf, sizeof buf, ngettext("%s  \xC2\xB7  %d step", "%s  \xC2\xB7  %d steps", (unsigned long)routine_length(r)),
	         view_format_time(t, sizeof t, routine_total_s(r), true),
	         steps);
	if (!L->portrait)
		head.w -= o.meta.w + L->gap;
	text_draw(v->txt, buf, o.meta, L->fs_body, L->fs_small,
	          (L->portrait ? TEXT_CENTER : TEXT_RIGHT) | TEXT_MIDDLE, theme_get(THEME_ACCENT));
	text_draw(v->txt, routine_text(r, NULL, ROUTINE_FIELD_TITLE, m->language), head, L->fs_title, L->fs_body,
	          TEXT_BOLD | TEXT_MIDDLE | TEXT_WRAP,
	          theme_get(THEME_TEXT));

	/* Timeline, paged. */
	int per = per_page(L, course_line(m));
	int n = (int)routine_length(r);
	int pages = (n + per - 1) / per;
	int page = m->page < 0 ? 0 : m->page >= pages ? pages - 1 : m->page;
	int rh = row_h(L);
	for (int k = 0; k < per; k++) {
		int i = page * per + k;
		if (i >= n)
			break;
		SDL_Rect rr = {o.list.x, o.list.y + k * rh, o.list.w, rh};
		draw_row(v, m, rr, (size_t)i);
	}
	if (pages > 1) {
		SDL_Rect p = o.pager;
		int pw = p.w / 4;
		view_button(v, layout_take_left(&p, pw, L->gap), "\xE2\x97\x80",
		            page > 0 ? VIEW_STYLE_NORMAL : VIEW_STYLE_QUIET, VIEW_BTN_PAGE_PREV, 0);
		view_button(v, layout_take_right(&p, pw, L->gap), "\xE2\x96\xB6",
		            page + 1 < pages ? VIEW_STYLE_NORMAL : VIEW_STYLE_QUIET, VIEW_BTN_PAGE_NEXT, 0);
		snprintf(buf, sizeof buf, _("Steps %d-%d of %d"), page * per + 1,
		         page * per + per < n ? page * per + per : n, n);
		text_draw(v->txt, buf, p, L->fs_small, L->fs_small * 8 / 10, TEXT_CENTER | TEXT_MIDDLE,
		          theme_get(THEME_DIM));
	}

	/* Course of treatment: which session this is for each target. */
	if (course_line(m))
		text_draw(v->txt, m->course, o.course, L->fs_small, L->fs_small * 7 / 10,
		          TEXT_WRAP | TEXT_MIDDLE, theme_get(THEME_OK));

	/* The selected step: its text, and where it is on the body. */
	const routine_entry *e = routine_entry_at(r, m->preview_sel >= 0 ? (size_t)m->preview_sel : 0);
	if (e && e->kind == ROUTINE_TRANSITION && routine_entry_at(r, (size_t)m->preview_sel + 1))
		e = routine_entry_at(r, (size_t)m->preview_sel + 1);
	if (big_warning(m)) {
		draw_warning(v, m, o.warn);
		draw_start(v, m, o.start);
		draw_checkin(v, m);
		return;
	}
	if (e) {
		gfx_round_rect(v->r, o.detail, L->radius, theme_get(THEME_PANEL));
		SDL_Rect in = layout_inset(o.detail, L->gap);
		SDL_Rect hl = layout_take_top(&in, L->fs_label * (o.beside ? 25 : 13) / 10, L->gap / 4);
		snprintf(buf, sizeof buf, "%d. %s%s%s", e->index, theme_kind_label(e->kind),
		         e->target ? ": " : "", e->target ? theme_target_label(e->target) : "");
		text_draw(v->txt, buf, hl, L->fs_label, L->fs_small * 8 / 10, TEXT_BOLD | TEXT_MIDDLE | TEXT_WRAP,
		          theme_kind(e->kind));
		const char *txt = routine_text(r, e, ROUTINE_FIELD_TEXT, m->language);
		if (!txt)
			txt = routine_text(r, NULL, ROUTINE_FIELD_DESCRIPTION, m->language);
		view_caution_text(v, in, routine_text(r, e, ROUTINE_FIELD_CAUTION, m->language), txt,
		                  L->fs_body * 9 / 10, L->fs_small * 8 / 10,
		                  theme_get(THEME_TEXT));
		view_bodymap(v, m->bodymap, o.map, e->target, e->side, theme_kind(e->kind));
	}

	if (m->overtreat[0]) {
		gfx_round_rect(v->r, o.warn, L->radius, theme_shade(theme_get(THEME_WARN), 0.25f));
		text_draw(v->txt, m->overtreat, layout_inset(o.warn, L->gap / 2), L->fs_body,
		          L->fs_small * 8 / 10, TEXT_WRAP | TEXT_MIDDLE, theme_get(THEME_WARN));
	} else if (m->reminder) {
		text_draw(v->txt, _(m->reminder), o.warn, L->fs_small, L->fs_small * 8 / 10,
		          TEXT_WRAP | TEXT_MIDDLE | TEXT_CENTER, theme_get(THEME_DIM));
	}
	draw_start(v, m, o.start);

	draw_checkin(v, m);
}
