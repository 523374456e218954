/* view: frame context, touch targets, buttons, formatting. */
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "ui/bodymap_view.h"
#include "ui/gfx.h"
#include "ui/theme.h"

void view_begin(view *v, int w, int h)
{
	layout_compute(&v->L, w, h);
	v->nhits = 0;
	SDL_Color bg = theme_get(THEME_BG);
	SDL_SetRenderDrawBlendMode(v->r, SDL_BLENDMODE_NONE);
	SDL_SetRenderDrawColor(v->r, bg.r, bg.g, bg.b, 255);
	SDL_RenderClear(v->r);
}

void view_target(view *v, SDL_Rect r, view_button_id id, int arg)
{
	if (v->nhits >= VIEW_MAX_HITS)
		return;
	v->hits[v->nhits].id = id;
	v->hits[v->nhits].arg = arg;
	v->hits[v->nhits].r = r;
	v->hits[v->nhits].resolve = NULL;
	v->nhits++;
}

void view_target_resolved(view *v, SDL_Rect r, view_button_id id, view_resolve_fn resolve, const void *ctx)
{
	if (v->nhits >= VIEW_MAX_HITS)
		return;
	view_target(v, r, id, 0);
	v->hits[v->nhits - 1].resolve = resolve;
	v->hits[v->nhits - 1].ctx = ctx;
}

void view_button(view *v, SDL_Rect r, const char *label, view_style style, view_button_id id,
                 int arg)
{
	SDL_Color bg, fg;
	switch (style) {
	case VIEW_STYLE_PRIMARY:
		bg = theme_get(THEME_ACCENT);
		fg = theme_get(THEME_ACCENT_TEXT);
		break;
	case VIEW_STYLE_DANGER:
		bg = theme_shade(theme_get(THEME_DANGER), 0.42f);
		fg = theme_get(THEME_TEXT);
		break;
	case VIEW_STYLE_QUIET:
		bg = theme_get(THEME_BG);
		fg = theme_get(THEME_DIM);
		break;
	default:
		bg = theme_get(THEME_PANEL_HI);
		fg = theme_get(THEME_TEXT);
		break;
	}
	if (v->pressed_valid && v->pressed == id && v->pressed_arg == arg)
		bg = theme_shade(bg, 0.7f);
	gfx_round_rect(v->r, r, v->L.radius, bg);
	if (style == VIEW_STYLE_QUIET)
		gfx_round_frame(v->r, r, v->L.radius, v->L.s > 1.5f ? 2 : 1, theme_get(THEME_LINE));
	int fs = v->L.fs_label;
	if (fs > r.h * 45 / 100)
		fs = r.h * 45 / 100;
	if (fs > r.w * 2 / 9 && strlen(label) >= 3) /* a row of narrow buttons keeps one label size */
		fs = r.w * 2 / 9;
	SDL_Rect in = layout_inset(r, v->L.gap / 2);
	int min = fs * 6 / 10, flags = TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD, lw = 0;
	/* A longer language: what does not fit one line even at the smallest
	 * size wraps at its blanks, or, one long word, gets smaller still. */
	if (text_measure(v->txt, label, min, true, &lw, NULL) == 0 && lw > in.w) {
		flags |= strchr(label, ' ') ? TEXT_WRAP : 0;
		min = fs / 2 > 12 ? fs / 2 : 12;
	}
	text_draw(v->txt, label, in, fs, min, flags, fg);
	view_target(v, r, id, arg);
}

view_button_id view_hit_test(const view *v, int x, int y, int *arg)
{
	/* Later targets are drawn on top: search from the end. */
	for (size_t i = v->nhits; i-- > 0;) {
		if (layout_contains(v->hits[i].r, x, y)) {
			int a = v->hits[i].resolve ? v->hits[i].resolve(v->hits[i].ctx, x, y) : 0;
			if (a < 0)
				continue; /* nothing there: the targets below may take it */
			if (arg)
				*arg = v->hits[i].resolve ? a : v->hits[i].arg;
			return v->hits[i].id;
		}
	}
	return VIEW_BTN_NONE;
}

char *view_format_time(char *buf, size_t size, uint64_t seconds, bool words)
{
	if (words) {
		uint64_t min = (seconds + 30) / 60;
		if (seconds < 60)
			snprintf(buf, size, _("%u s"), (unsigned)seconds);
		else if (min < 60)
			snprintf(buf, size, _("%u min"), (unsigned)min);
		else
			snprintf(buf, size, _("%u h %02u min"), (unsigned)(min / 60), (unsigned)(min % 60));
	} else if (seconds >= 3600) {
		snprintf(buf, size, "%u:%02u:%02u", (unsigned)(seconds / 3600),
		         (unsigned)(seconds / 60 % 60), (unsigned)(seconds % 60));
	} else {
		snprintf(buf, size, "%u:%02u", (unsigned)(seconds / 60), (unsigned)(seconds % 60));
	}
	return buf;
}

const char *view_screen_name(view_screen s)
{
	static const char *const names[VIEW_SCREEN_COUNT] = {
		"safety", "library", "preview", "run", "summary", "settings", "history", "safety-page",
		"finder",
	};
	return (int)s >= 0 && s < VIEW_SCREEN_COUNT ? names[s] : "screen";
}

const char *view_button_name(view_button_id id)
{
	static const char *const names[VIEW_BTN_COUNT] = {
		"none", "accept", "card", "page_prev", "page_next", "settings", "history", "safety_page",
		"back", "start", "row", "pause", "prev", "next", "extend", "end", "end_confirm",
		"end_cancel", "skip", "discomfort", "done", "vol_down", "vol_up", "mute", "rotate",
		"checkin_fine", "checkin_sore", "profile", "profile_pick", "pin_digit", "pin_erase",
		"pin_ok", "admin_close", "admin_exit", "admin_settings", "complaint", "advice_ok",
		"voice",
		"warn_page",
		"finder", "finder_area", "finder_view", "finder_pick", "finder_clear", "finder_make",
		"pain_page", "pain_area",
		"language",
	};
	return (int)id >= 0 && id < VIEW_BTN_COUNT ? names[id] : "?";
}

SDL_Rect view_dialog_panel(view *v, int width_pct, int body_lines, const char *title,
                           SDL_Rect *buttons)
{
	const layout *L = &v->L;
	SDL_Rect all = {0, 0, L->w, L->h};
	gfx_fill(v->r, all, theme_get(THEME_SCRIM));
	view_target(v, all, VIEW_BTN_NONE, 0); /* the dialog takes every touch */
	int pw = L->portrait ? L->w - 2 * L->pad : L->w * width_pct / 100;
	int ph = L->fs_big * 2 + L->fs_body * body_lines + L->btn_h + 4 * L->gap;
	if (ph > L->h - 2 * L->pad)
		ph = L->h - 2 * L->pad;
	SDL_Rect panel = {(L->w - pw) / 2, (L->h - ph) / 2, pw, ph};
	gfx_round_rect(v->r, panel, L->radius * 2, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(panel, L->pad);
	SDL_Rect t = layout_take_top(&in, L->fs_big * 13 / 10, L->gap);
	text_draw(v->txt, title, t, L->fs_big, L->fs_label, TEXT_CENTER | TEXT_BOLD | TEXT_WRAP,
	          theme_get(THEME_TEXT));
	*buttons = layout_take_bottom(&in, L->btn_h, L->gap);
	return in;
}

void view_dialog(view *v, const char *title, const char *body, const char *ok,
                 view_button_id ok_id, const char *other, view_button_id other_id, bool other_danger)
{
	const layout *L = &v->L;
	SDL_Rect b;
	SDL_Rect in = view_dialog_panel(v, 62, 4, title, &b);
	text_draw(v->txt, body, in, L->fs_body, L->fs_small, TEXT_CENTER | TEXT_WRAP | TEXT_MIDDLE,
	          theme_get(THEME_DIM));
	view_button(v, layout_column(b, 2, 0, L->gap), other,
	            other_danger ? VIEW_STYLE_DANGER : VIEW_STYLE_NORMAL, other_id, 0);
	view_button(v, layout_column(b, 2, 1, L->gap), ok, VIEW_STYLE_PRIMARY, ok_id, 0);
}

void view_bodymap(view *v, const bodymap_view *bm, SDL_Rect area, const char *target,
                  routine_side side, SDL_Color colour)
{
	const layout *L = &v->L;
	int lh = L->fs_small * 13 / 10;
	if (!bm || area.h < L->fs_body * 3 + lh || area.w < L->fs_body * 2)
		return;
	SDL_Rect fig = area;
	SDL_Rect labels = layout_take_bottom(&fig, lh, 0);
	SDL_Rect front, back;
	bodymap_view_layout(fig, &front, &back);
	bodymap_view_draw(v->r, bm, fig, target, side, colour);
	/* Labels under the figures' feet, centred on each (wider than the figure). */
	int ly = front.y + front.h < labels.y ? front.y + front.h : labels.y;
	/* As wide as the figure or the word, but never into the other label. */
	int lw = front.w > L->fs_small * 4 ? front.w : L->fs_small * 4;
	int apart = (back.x + back.w / 2) - (front.x + front.w / 2) - L->gap / 2;
	if (lw > apart)
		lw = apart;
	SDL_Rect lf = {front.x + front.w / 2 - lw / 2, ly, lw, lh};
	SDL_Rect lb = {back.x + back.w / 2 - lw / 2, ly, lw, lh};
	text_draw(v->txt, C_("body", "Front"), lf, L->fs_small, L->fs_small * 7 / 10, TEXT_CENTER | TEXT_MIDDLE,
	          theme_get(THEME_DIM));
	text_draw(v->txt, C_("body", "Back"), lb, L->fs_small, L->fs_small * 7 / 10, TEXT_CENTER | TEXT_MIDDLE,
	          theme_get(THEME_DIM));
}

void view_caution_text(view *v, SDL_Rect box, const char *caution, const char *body, int size,
                       int min_size, SDL_Color body_c)
{
	if (caution && *caution) {
		char buf[ROUTINE_MAX_CAUTION + 16];
		SDL_Rect cb = box;
		if (body && *body)
			cb.h = box.h * 2 / 3; /* the caution may not be cut short: it gets more room */
		snprintf(buf, sizeof buf, _("Caution: %s"), caution);
		SDL_Rect got = text_draw(v->txt, buf, cb, size, min_size, TEXT_WRAP | TEXT_BOLD,
		                         theme_get(THEME_WARN));
		if (got.w > 0) {
			int used = got.y + got.h - box.y + v->L.gap / 2;
			box.y += used;
			box.h -= used;
		}
	}
	if (body && *body && box.h > 0)
		text_draw(v->txt, body, box, size, min_size, TEXT_WRAP, body_c);
}
