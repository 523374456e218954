/* screen_run: the run screen. Landscape: the step and the countdown on the
 * left, the instruction, body map and discomfort on the right, controls along
 * the bottom. Portrait: the same, stacked. */
#include "ui/screen_run.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "ui/bodymap_view.h"
#include "ui/textpage.h"
#include "ui/gfx.h"
#include "ui/layer.h"
#include "ui/theme.h"

/* The parts of the run screen. */
typedef struct {
	SDL_Rect header, session_bar, target, detail, digits, step_bar, next, side, pedal,
	    reminder, buttons; /* detail: the side as one big word and the tool;
	                          side: the instruction and the body map, side by side */
} run_rects;

/* Floor-first: the target (one or two lines) and the side word at fs_floor
 * across the top, then the countdown; what is left goes to the instruction
 * and the body map. `tlines` is how many lines the target takes, `detail`
 * whether there is a side or tool to show, `wide` whether that row spans
 * the screen in landscape (a side word too long for the right column: the
 * countdown keeps its size, the "Next" line may get smaller). */
static void compute_rects(const layout *L, int tlines, bool detail, bool wide, run_rects *o)
{
	SDL_Rect full = {L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad};
	int header_h = L->fs_label * 2;
	int bar_h = (int)(6 * L->s) < 4 ? 4 : (int)(6 * L->s);
	int step_bar_h = (int)(16 * L->s);
	int line = L->fs_floor * 12 / 10;
	int digits_h = L->fs_digits * 85 / 100; /* portrait: tight digits are 0.73 em tall */
	o->buttons = layout_take_bottom(&full, L->btn_h, L->gap);
	o->header = layout_take_top(&full, header_h, L->gap / 2);
	o->session_bar = layout_take_top(&full, bar_h, L->gap / 2);
	o->target = layout_take_top(&full, line * tlines, 0);
	wide = wide && detail && !L->portrait;
	if (wide)
		o->detail = layout_take_top(&full, line, L->gap / 2);
	if (!L->portrait) {
		/* The pedal sits at the right end of the header. */
		SDL_Rect hdr = o->header;
		o->pedal = layout_take_right(&hdr, hdr.w * 36 / 100, 0);
		int lw = L->fs_digits * 26 / 10 + L->pad;
		if (lw > full.w * 60 / 100)
			lw = full.w * 60 / 100;
		if (lw < full.w * 45 / 100)
			lw = full.w * 45 / 100;
		SDL_Rect left = layout_take_left(&full, lw, L->pad);
		SDL_Rect right = full;
		if (!wide)
			o->detail = detail ? layout_take_top(&right, line, L->gap / 2) : (SDL_Rect){0, 0, 0, 0};
		/* The countdown keeps its size; the "Next" line goes when there is no
		 * room for it (it is spoken). */
		o->step_bar = layout_take_bottom(&left, step_bar_h, 0);
		int room = left.h - L->gap - L->fs_digits * 75 / 100; /* the digits' ink: 0.73 em */
		int next_h = room >= L->fs_title * 12 / 10 ? L->fs_title * 12 / 10 : L->fs_body * 14 / 10;
		o->next = room >= next_h ? layout_take_bottom(&left, next_h, 0) : (SDL_Rect){0, 0, 0, 0};
		o->digits = left;
		/* The reminder only where the instruction keeps most of the room. */
		if (right.h > L->fs_small * 26 / 10 * 5)
			o->reminder = layout_take_bottom(&right, L->fs_small * 26 / 10, L->gap / 2);
		else
			o->reminder = (SDL_Rect){0, 0, 0, 0};
		o->side = right;
	} else {
		o->detail = detail ? layout_take_top(&full, line, L->gap) : (SDL_Rect){0, 0, 0, 0};
		o->digits = layout_take_top(&full, digits_h, L->gap);
		o->step_bar = layout_take_top(&full, step_bar_h, L->gap);
		o->next = layout_take_top(&full, L->fs_body * 14 / 10, L->gap);
		o->reminder = layout_take_bottom(&full, L->fs_small * 26 / 10, L->gap / 2);
		o->pedal = layout_take_bottom(&full, L->fs_label * 2, L->gap / 2);
		o->side = full;
	}
}

static void compute(const layout *L, int tlines, bool detail, run_rects *o)
{
	compute_rects(L, tlines, detail, false, o);
}

SDL_Rect screen_run_digits_rect(const layout *L)
{
	run_rects o;
	compute(L, 1, true, &o);
	return o.digits;
}

/* Whether a name takes two lines at the floor size (it does not fit one). */
static int name_lines(view *v, const char *name)
{
	const layout *L = &v->L;
	int w = 0, h = 0;
	if (!name || text_measure(v->txt, name, L->fs_floor, true, &w, &h) != 0)
		return 1;
	return w > L->w - 2 * L->pad ? 2 : 1;
}

SDL_Rect screen_run_target_rect(view *v, const char *name)
{
	run_rects o;
	compute(&v->L, name_lines(v, name), true, &o);
	return o.target;
}

SDL_Rect screen_run_draw_name(view *v, const char *name, SDL_Rect box, SDL_Color c)
{
	const layout *L = &v->L;
	/* Never below the floor: two lines (a word wider than the line is broken
	 * by the text module), then an ellipsis (the name is spoken). */
	return text_draw(v->txt, name, box, L->fs_floor, L->fs_floor,
	                 TEXT_BOLD | TEXT_WRAP | TEXT_BOTTOM | (L->portrait ? TEXT_CENTER : 0), c);
}

/* The entry whose target and side describe what the user does now: a
 * transition announces the step it leads to. */
static const routine_entry *subject(const routine *r, size_t idx)
{
	const routine_entry *e = routine_entry_at(r, idx);
	if (e && e->kind == ROUTINE_TRANSITION && !e->target) {
		const routine_entry *n = routine_entry_at(r, idx + 1);
		if (n)
			return n;
	}
	return e;
}

/* Pedal: a disc that lights while pressed, ringed by the hold fill. */
static void draw_pedal(view *v, const view_model *m, SDL_Rect area)
{
	const layout *L = &v->L;
	int rad = area.h * 36 / 100;
	int cx = area.x + area.w - rad - 2, cy = area.y + area.h / 2;
	SDL_Color line = theme_get(THEME_LINE);
	if (layer_part(v, (SDL_Rect){cx - rad - 2, cy - rad - 2, 2 * rad + 5, 2 * rad + 5})) {
		gfx_disc(v->r, cx, cy, rad, line);
		gfx_disc(v->r, cx, cy, rad - (int)(3 * L->s + 1),
		         m->pedal_down ? theme_get(THEME_ACCENT) : theme_get(THEME_BG));
		if (m->pedal_down && m->hold_progress > 0)
			gfx_ring(v->r, cx, cy, rad, (int)(4 * L->s + 1), m->hold_progress, theme_get(THEME_WARN));
	}
	if (v->pass == VIEW_PASS_DYNAMIC)
		return;
	SDL_Rect hint = {area.x, area.y, area.w - 2 * rad - L->gap, area.h};
	text_draw(v->txt, _("Pedal tap: next\nHold: discomfort, 3 s: pause"), hint, L->fs_small,
	          L->fs_small * 7 / 10, TEXT_RIGHT | TEXT_MIDDLE | TEXT_WRAP, theme_get(THEME_DIM));
}

/* Header: kind chip, step count, discomfort (a touch target too: it marks a
 * discomfort); the pedal at its right end in landscape. */
static void draw_header(view *v, const view_model *m, const routine_entry *e, size_t idx,
                        const run_rects *o)
{
	const layout *L = &v->L;
	const session *s = m->session;
	const routine *r = m->routine;
	SDL_Color kc = theme_kind(e->kind), dim = theme_get(THEME_DIM);
	char buf[256];
	SDL_Rect hdr = o->header;
	if (v->pass == VIEW_PASS_DYNAMIC) { /* only the pedal's disc changes */
		draw_pedal(v, m, o->pedal);
		return;
	}
	if (!L->portrait)
		hdr.w -= o->pedal.w;
	/* as wide as its word needs (a language may have a longer one), within
	 * 36 %; up to half the row when even its smallest size needs that ("Step
	 * 2 of 6" wraps) */
	int chip_w = L->fs_label * 8, lw = 0, kmin = L->fs_small * 8 / 10;
	if (text_measure(v->txt, theme_kind_label(e->kind), L->fs_label, true, &lw, NULL) == 0 &&
	    lw + L->gap * 2 > chip_w)
		chip_w = lw + L->gap * 2;
	if (chip_w > hdr.w * 36 / 100) {
		chip_w = hdr.w * 36 / 100;
		if (text_measure(v->txt, theme_kind_label(e->kind), kmin, true, &lw, NULL) == 0 &&
		    lw + L->gap * 2 + L->gap / 2 > chip_w)
			chip_w = lw + L->gap * 2 + L->gap / 2 < hdr.w / 2 ? lw + L->gap * 2 + L->gap / 2 : hdr.w / 2;
	}
	SDL_Rect chip = layout_take_left(&hdr, chip_w, L->gap);
	chip = layout_inset(chip, L->gap / 4);
	gfx_round_rect(v->r, chip, chip.h / 2, kc);
	text_draw(v->txt, theme_kind_label(e->kind), layout_inset(chip, L->gap / 2), L->fs_label,
	          kmin, TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD, theme_get(THEME_ACCENT_TEXT));
	unsigned dc = session_discomforts(s, idx);
	snprintf(buf, sizeof buf, dc ? _("Discomfort %u") : _("No discomfort"), dc);
	int dw = L->fs_body * 8;
	if (text_measure(v->txt, buf, L->fs_body, false, &lw, NULL) == 0 && lw + L->gap * 2 > dw)
		dw = lw + L->gap * 2;
	if (dw > hdr.w * 55 / 100) /* "Step 4 of 6" keeps the rest */
		dw = hdr.w * 55 / 100;
	int dflags = TEXT_CENTER | TEXT_MIDDLE; /* two lines when even its smallest size is too wide */
	if (text_measure(v->txt, buf, L->fs_small * 8 / 10, false, &lw, NULL) == 0 &&
	    lw > dw - L->gap / 2 - L->gap)
		dflags |= TEXT_WRAP;
	SDL_Rect dtouch = layout_take_right(&hdr, dw, L->gap);
	SDL_Rect dbox = layout_inset(dtouch, L->gap / 4);
	gfx_round_rect(v->r, dbox, dbox.h / 2, dc ? theme_shade(theme_get(THEME_WARN), 0.35f)
	                                          : theme_get(THEME_PANEL));
	text_draw(v->txt, buf, layout_inset(dbox, L->gap / 2), L->fs_body, L->fs_small * 8 / 10,
	          dflags, dc ? theme_get(THEME_WARN) : dim);
	/* The touch target is the whole header cell (>= 48 px tall at 800x480),
	 * not only the drawn chip (44). */
	view_target(v, dtouch, VIEW_BTN_DISCOMFORT, 0);
	snprintf(buf, sizeof buf, _("Step %d of %d"), (int)idx + 1, (int)routine_length(r));
	text_draw(v->txt, buf, hdr, L->fs_body, L->fs_small * 8 / 10, TEXT_MIDDLE | TEXT_WRAP, dim);
	draw_pedal(v, m, o->pedal);
}

/* The name drawn as the big title: the target of the step (of the step a
 * transition prepares: the kind chip says "Get ready"), capitalised. */
static void title_of(char *buf, size_t size, const routine_entry *e, const routine_entry *subj)
{
	const char *target = subj && subj->target ? theme_target_label(subj->target) : theme_kind_label(e->kind);
	snprintf(buf, size, "%s", target);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* Whether the side word (at fs_floor, never smaller: it is read from the
 * floor) and the tool (at its smallest) fit a detail row w wide. */
static bool detail_fits(view *v, const routine_entry *subj, int w)
{
	const layout *L = &v->L;
	const char *word = theme_side_word(subj->side), *tool = theme_tool_label(subj->tool);
	int sw = 0, tw = 0;
	if (word && text_measure(v->txt, word, L->fs_floor, true, &sw, NULL) != 0)
		return true;
	if (tool && text_measure(v->txt, tool, L->fs_small, false, &tw, NULL) != 0)
		return true;
	return sw + (word && tool ? L->gap : 0) + tw <= w;
}

/* What, where, with what: the target (or the next one during a move) at the
 * floor size, then the side as one big word in its colour and the tool. */
static void draw_subject(view *v, const routine_entry *e, const routine_entry *subj,
                         const run_rects *o)
{
	const layout *L = &v->L;
	char buf[256];
	title_of(buf, sizeof buf, e, subj);
	screen_run_draw_name(v, buf, o->target, theme_get(THEME_TEXT));
	if (!subj || o->detail.w <= 0)
		return;
	SDL_Rect row = o->detail;
	const char *word = theme_side_word(subj->side);
	if (word) {
		SDL_Rect d = text_draw(v->txt, word, row, L->fs_floor, L->fs_floor,
		                       TEXT_BOLD | TEXT_MIDDLE | (L->portrait && !subj->tool ? TEXT_CENTER : 0),
		                       theme_side(subj->side));
		int used = d.x + d.w + L->gap - row.x;
		row.x += used;
		row.w -= used;
	}
	const char *tool = theme_tool_label(subj->tool);
	snprintf(buf, sizeof buf, "%s", tool ? tool : word ? "" : theme_kind_label(subj->kind));
	if (buf[0] && row.w > 0)
		text_draw(v->txt, buf, row, L->fs_title, L->fs_small, TEXT_MIDDLE | TEXT_WRAP, theme_kind(e->kind));
}

/* The countdown (an ends-on-tap step counts up once past its minimum) and the
 * step's progress bar. */
static void draw_countdown(view *v, const view_model *m, const routine_entry *e, const run_rects *o)
{
	const layout *L = &v->L;
	const session *s = m->session;
	char buf[64];
	uint64_t rem = session_entry_remaining_ms(s, m->now);
	uint64_t len = session_entry_length_ms(s);
	uint64_t el = session_entry_elapsed_ms(s, m->now);
	if (e->ends_on_tap)
		view_format_time(buf, sizeof buf, el / 1000, false); /* time held, counting up */
	else
		view_format_time(buf, sizeof buf, (rem + 999) / 1000, false);
	int dflags = TEXT_BOLD | TEXT_TIGHT | TEXT_MIDDLE | (L->portrait ? TEXT_CENTER : 0);
	if (layer_part(v, o->digits))
		text_draw(v->txt, buf, o->digits, L->fs_digits, L->fs_digits * 6 / 10, dflags, theme_get(THEME_TEXT));
	if (layer_part(v, o->step_bar))
		gfx_bar(v->r, o->step_bar, len ? (float)el / (float)len : 0, theme_get(THEME_PANEL_HI),
		        theme_kind(e->kind));
}

/* Next: the step after the one being done (a transition announces the step
 * after it, so look past that). */
static void draw_next(view *v, const routine *r, const routine_entry *e, const routine_entry *subj,
                      size_t idx, const run_rects *o)
{
	const layout *L = &v->L;
	char buf[256];
	if (e->ends_on_tap && o->next.w > 0) {
		/* User-paced: what to do, big; the cap small at the end. */
		SDL_Rect row = o->next;
		char cap[48], t[32];
		view_format_time(t, sizeof t, e->duration_s, false);
		snprintf(cap, sizeof cap, _("up to %s"), t);
		SDL_Rect cr = text_draw(v->txt, cap, row, L->fs_small, L->fs_small, TEXT_RIGHT | TEXT_MIDDLE,
		                        theme_get(THEME_DIM));
		row.w -= cr.w + L->gap;
		text_draw(v->txt, _("Tap when it releases"), row, L->fs_title, L->fs_body,
		          TEXT_BOLD | TEXT_MIDDLE, theme_kind(e->kind));
		return;
	}
	size_t base = subj != e ? idx + 1 : idx;
	const routine_entry *n = routine_entry_at(r, base + 1);
	if (n && n->kind == ROUTINE_TRANSITION && routine_entry_at(r, base + 2))
		n = routine_entry_at(r, base + 2);
	if (n) {
		char d[160], t[32];
		const char *sw = n->side == ROUTINE_SIDE_LEFT ? _(", left") : n->side == ROUTINE_SIDE_RIGHT ? _(", right") : "";
		snprintf(d, sizeof d, "%s%s", n->target ? theme_target_label(n->target) : "", n->target ? sw : "");
		view_format_time(t, sizeof t, n->duration_s, false);
		if (d[0])
			snprintf(buf, sizeof buf, _("Next:  %s  \xC2\xB7  %s  \xC2\xB7  %s"),
			         theme_kind_label(n->kind), d, t);
		else
			snprintf(buf, sizeof buf, _("Next:  %s  \xC2\xB7  %s"), theme_kind_label(n->kind), t);
	} else {
		snprintf(buf, sizeof buf, "%s", _("Last step"));
	}
	int nflags = TEXT_MIDDLE | (L->portrait ? TEXT_CENTER : 0), nw = 0;
	if (text_measure(v->txt, buf, L->fs_small * 3 / 4, false, &nw, NULL) == 0 && nw > o->next.w)
		nflags |= TEXT_WRAP; /* a longer language: two lines rather than an ellipsis */
	text_draw(v->txt, buf, o->next, L->fs_body, L->fs_small * 3 / 4, nflags, theme_get(THEME_DIM));
}

/* The advice after "still sore" (issue 17: read from the floor, never small):
 * while getting into the first step, the whole side at fs_warn in the warning
 * colour, a page every 5 s when it does not fit (it is also spoken). */
static void draw_advice(view *v, const view_model *m, SDL_Rect box)
{
	const layout *L = &v->L;
	char shown[640];
	SDL_Color warn = theme_get(THEME_WARN);
	gfx_round_rect(v->r, box, L->radius, theme_shade(warn, 0.22f));
	SDL_Rect in = layout_inset(box, L->gap);
	int pages = textpage_split(v->txt, m->advice, in.w, in.h, L->fs_warn, false, 0, shown, sizeof shown);
	int page = (int)(session_entry_elapsed_ms(m->session, m->now) / 5000 % (uint64_t)pages);
	textpage_split(v->txt, m->advice, in.w, in.h, L->fs_warn, false, page, shown, sizeof shown);
	text_draw(v->txt, shown, in, L->fs_warn, L->fs_warn, TEXT_WRAP | TEXT_MIDDLE, warn);
}

/* Instruction, or the guidance after a discomfort, beside the body map; the
 * safety reminder under them. */
static void draw_side(view *v, const view_model *m, const routine_entry *e,
                      const routine_entry *subj, const run_rects *o)
{
	const layout *L = &v->L;
	SDL_Color text_c = theme_get(THEME_TEXT);
	/* A step without text leaves the room to the body map. The body map stands beside the text at the full height of the column:
	 * a tall figure is what makes the highlight visible (stacked under the
	 * text it was ~90 px tall at 800x480). A problem note goes on top. */
	SDL_Rect side = o->side;
	if (m->advice && session_current(m->session) == 0) {
		draw_advice(v, m, side);
		return;
	}
	const char *note = m->early_hint ? _("Stay a little longer") : m->notice;
	if (note) {
		int nsize = m->early_hint ? L->fs_title : L->fs_small;
		SDL_Rect nb = layout_take_top(&side, nsize * 26 / 10, L->gap / 2);
		text_draw(v->txt, note, nb, nsize, L->fs_small * 7 / 10,
		          TEXT_WRAP | TEXT_MIDDLE | TEXT_CENTER, theme_get(THEME_WARN));
	}
	/* While getting ready: where the tool goes (the step's placement) rather
	 * than "Get ready: ..." (the heading says that). A caution comes first. */
	const char *lang = m->language, *caution = routine_text(m->routine, e, ROUTINE_FIELD_CAUTION, lang);
	const char *placement = routine_text(m->routine, e, ROUTINE_FIELD_PLACEMENT, lang);
	char ready[ROUTINE_MAX_NAME + 96];
	const char *body = e->kind == ROUTINE_TRANSITION && placement ? placement
	                   : e->kind == ROUTINE_TRANSITION ? routine_get_ready(subj, i18n_tr, ready, sizeof ready)
	                   : routine_text(m->routine, e, ROUTINE_FIELD_TEXT, lang);
	bool boxed = m->ease_off || m->skip_offer || body || caution;
	bool prompt = m->ease_off || m->skip_offer; /* what to do now: the whole side, no map */
	SDL_Rect info = boxed && m->bodymap && !prompt ? layout_take_left(&side, side.w * 60 / 100, L->gap) : side;
	SDL_Rect map = side;
	if (m->ease_off || m->skip_offer) {
		SDL_Color warn = theme_get(THEME_WARN);
		gfx_round_rect(v->r, info, L->radius, theme_shade(warn, 0.22f));
		gfx_round_frame(v->r, info, L->radius, (int)(3 * L->s + 1), warn);
		SDL_Rect in = layout_inset(info, L->gap);
		if (m->skip_offer) {
			SDL_Rect b = layout_take_bottom(&in, L->btn_h, L->gap / 2);
			if (b.w > L->fs_label * 12)
				b = layout_column(b, 2, 1, L->gap);
			view_button(v, b, _("Skip step"), VIEW_STYLE_PRIMARY, VIEW_BTN_SKIP, 0);
		}
		const char *t = m->skip_offer ? m->skip_text : m->ease_text;
		text_draw(v->txt, t ? _(t) : _("Ease off the pressure."), in, L->fs_title, L->fs_small * 7 / 10,
		          TEXT_WRAP | TEXT_MIDDLE, warn);
	} else if (body || caution) {
		gfx_round_rect(v->r, info, L->radius, theme_get(THEME_PANEL));
		/* Read up close while getting into position: it may get small. */
		int min = L->fs_small * 3 / 4 < 12 ? 12 : L->fs_small * 3 / 4;
		view_caution_text(v, layout_inset(info, L->gap), caution, body, L->fs_body, min, text_c);
	}

	/* Body map of the target, when the map is available. */
	if (m->bodymap && !prompt)
		view_bodymap(v, m->bodymap, map, subj ? subj->target : NULL,
		             subj ? subj->side : ROUTINE_SIDE_NONE, theme_kind(subj ? subj->kind : e->kind));

	if (m->reminder)
		text_draw(v->txt, _(m->reminder), o->reminder, L->fs_small, L->fs_small * 7 / 10,
		          TEXT_WRAP | TEXT_MIDDLE | (L->portrait ? TEXT_CENTER : TEXT_RIGHT),
		          theme_get(THEME_DIM));
}

/* The very long hold (issue 17): from the hold on, while the pedal stays
 * down, a banner across the middle says what keeping it down does, with its
 * fill; over everything, so it is seen from the floor. */
static void draw_long_hold(view *v, const view_model *m, bool ends)
{
	const layout *L = &v->L;
	if (m->long_progress <= 0)
		return;
	int h = L->fs_floor * (L->portrait ? 3 : 2) + L->gap * 3; /* portrait: two lines of words */
	SDL_Rect band = {L->pad, (L->h - h) / 2, L->w - 2 * L->pad, h};
	SDL_Color c = ends ? theme_get(THEME_DANGER) : theme_get(THEME_WARN);
	gfx_round_rect(v->r, band, L->radius, theme_get(THEME_BG));
	gfx_round_frame(v->r, band, L->radius, (int)(4 * L->s + 1), theme_get(THEME_LINE));
	SDL_Rect in = layout_inset(band, L->gap * 3 / 2);
	SDL_Rect bar = layout_take_bottom(&in, L->fs_floor / 2, L->gap / 2);
	gfx_bar(v->r, bar, m->long_progress, theme_get(THEME_PANEL_HI), c);
	text_draw(v->txt, ends ? _("Keep holding to end") : _("Keep holding to pause"), in, L->fs_floor,
	          L->fs_title, TEXT_BOLD | TEXT_CENTER | TEXT_MIDDLE | TEXT_WRAP, c);
}

/* The buttons, the visual cue and the dialogs on top. */
static void draw_controls(view *v, const view_model *m, const routine_entry *e, const run_rects *o)
{
	const layout *L = &v->L;
	const session *s = m->session;
	SDL_Color kc = theme_kind(e->kind);
	bool paused = session_get_state(s) == SESSION_PAUSED;
	SDL_Rect b = o->buttons;
	bool narrow = layout_column(b, 5, 0, L->gap).w < L->fs_label * 6;
	view_button(v, layout_column(b, 5, 0, L->gap), narrow ? _("Back") : _("Previous"), VIEW_STYLE_NORMAL,
	            VIEW_BTN_PREV, 0);
	view_button(v, layout_column(b, 5, 1, L->gap), paused ? _("Resume") : _("Pause"),
	            VIEW_STYLE_NORMAL, VIEW_BTN_PAUSE, 0);
	view_button(v, layout_column(b, 5, 2, L->gap), _("Next"), VIEW_STYLE_PRIMARY, VIEW_BTN_NEXT, 0);
	view_button(v, layout_column(b, 5, 3, L->gap), "+15 s", VIEW_STYLE_NORMAL, VIEW_BTN_EXTEND, 0);
	view_button(v, layout_column(b, 5, 4, L->gap), _("End"), VIEW_STYLE_DANGER, VIEW_BTN_END, 0);

	/* A visual cue: the frame flashes in the kind colour (no audio). */
	if (m->flash_until > m->now) {
		SDL_Rect all = {0, 0, L->w, L->h};
		gfx_round_frame(v->r, all, 0, (int)(10 * L->s), kc);
	}

	if (m->confirm_end)
		view_dialog(v, _("End this session?"), _("What you did so far is saved in your history. "
		            "A pedal tap keeps going; holding the pedal 3 s ends it."),
		            _("Keep going"), VIEW_BTN_END_CANCEL, _("End session"), VIEW_BTN_END_CONFIRM, true);
	else if (paused)
		view_dialog(v, _("Paused"), _("Pedal tap: carry on. Hold the pedal 3 s: end the session."), _("Resume"),
		            VIEW_BTN_PAUSE, _("End session"), VIEW_BTN_END_CONFIRM, true);
	draw_long_hold(v, m, paused || m->confirm_end);
}

/* Landscape: the safety line under the instruction gets a line or two more
 * (from the instruction) when its smallest size needs them (a longer
 * language); lines counted from its width with a fifth for the breaks. */
static void grow_reminder(view *v, const char *line, run_rects *o)
{
	const layout *L = &v->L;
	int min = L->fs_small * 7 / 10, lw = 0;
	if (o->reminder.h <= 0 || o->reminder.w <= 0 || text_measure(v->txt, line, min, false, &lw, NULL) != 0)
		return;
	int lines = lw * 6 / 5 / o->reminder.w + 1, need = lines * min * 13 / 10;
	int more = need - o->reminder.h;
	if (lines <= 2 || more <= 0 || more > o->side.h / 3)
		return;
	o->reminder.y -= more;
	o->reminder.h += more;
	o->side.h -= more;
}

void screen_run_draw(view *v, const view_model *m)
{
	const layout *L = &v->L;
	const session *s = m->session;
	const routine *r = m->routine;
	if (!s || !r)
		return;
	size_t idx = session_current(s);
	const routine_entry *e = routine_entry_at(r, idx);
	if (!e)
		return;
	const routine_entry *subj = subject(r, idx);
	run_rects o;
	char title[256];
	title_of(title, sizeof title, e, subj);
	bool detail = subj && (subj->side != ROUTINE_SIDE_NONE || subj->tool || e->kind == ROUTINE_TRANSITION);
	compute(L, name_lines(v, title), detail, &o);
	if (detail && !L->portrait && !detail_fits(v, subj, o.detail.w))
		compute_rects(L, name_lines(v, title), detail, true, &o);
	if (m->reminder && !L->portrait)
		grow_reminder(v, _(m->reminder), &o);
	draw_header(v, m, e, idx, &o);

	/* The whole session, thin. */
	uint64_t total_ms = (uint64_t)routine_total_s(r) * 1000;
	float sf = total_ms ? (float)session_elapsed_ms(s, m->now) / (float)total_ms : 0;
	if (layer_part(v, o.session_bar))
		gfx_bar(v->r, o.session_bar, sf, theme_get(THEME_LINE), theme_get(THEME_DIM));

	bool whole = v->pass != VIEW_PASS_DYNAMIC; /* the static parts too */
	if (whole)
		draw_subject(v, e, subj, &o);
	draw_countdown(v, m, e, &o);
	if (whole) {
		draw_next(v, r, e, subj, idx, &o);
		draw_side(v, m, e, subj, &o);
		draw_controls(v, m, e, &o);
	}
}

/* FNV-1a over n bytes, and over a string (NULL and "" differ). */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	return s ? mix(h, s, strlen(s) + 1) : mix(h, "\xff", 1);
}

uint64_t screen_run_static_key(const view *v, const view_model *m)
{
	const session *s = m->session;
	if (!s || !m->routine || m->confirm_end || session_get_state(s) == SESSION_PAUSED ||
	    m->flash_until > m->now || m->long_progress > 0)
		return 0; /* a dialog, the flash or the long hold's banner lies over the dynamic parts */
	if (m->advice && session_current(s) == 0)
		return 0; /* the still-sore advice turns its pages with the clock */
	size_t idx = session_current(s);
	struct {
		const void *routine, *session, *bodymap;
		size_t idx;
		unsigned discomforts;
		int w, h, pressed, pressed_arg;
		bool pressed_valid, early_hint, ease_off, skip_offer;
	} k;
	memset(&k, 0, sizeof k); /* the padding too: it is hashed */
	k.routine = m->routine;
	k.session = s;
	k.bodymap = m->bodymap;
	k.idx = idx;
	k.discomforts = session_discomforts(s, idx);
	k.w = v->L.w;
	k.h = v->L.h;
	k.pressed_valid = v->pressed_valid;
	k.pressed = v->pressed_valid ? (int)v->pressed : 0;
	k.pressed_arg = v->pressed_valid ? v->pressed_arg : 0;
	k.early_hint = m->early_hint;
	k.ease_off = m->ease_off;
	k.skip_offer = m->skip_offer;
	uint64_t h = mix(1469598103934665603ull, &k, sizeof k);
	h = mix_str(h, m->advice);
	h = mix_str(h, m->language);
	h = mix_str(h, m->notice);
	h = mix_str(h, m->ease_text);
	h = mix_str(h, m->skip_text);
	h = mix_str(h, m->reminder);
	return h ? h : 1;
}
