/* screen_admin: PIN pad, no-PIN note, admin page, message banner, dimming. */
#include "ui/screen_admin.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "ui/gfx.h"
#include "ui/theme.h"

SDL_Rect screen_admin_corner(const layout *L)
{
	int c = (int)(80 * L->s);
	if (c < LAYOUT_MIN_TOUCH)
		c = LAYOUT_MIN_TOUCH;
	SDL_Rect r = {0, 0, c, c};
	return r;
}

/* An opaque full-screen panel that takes every touch. */
static SDL_Rect backdrop(view *v)
{
	const layout *L = &v->L;
	SDL_Rect all = {0, 0, L->w, L->h};
	gfx_fill(v->r, all, theme_get(THEME_BG));
	view_target(v, all, VIEW_BTN_NONE, 0);
	return layout_inset(all, L->pad);
}

/* The PIN pad: digits as big buttons, dots for what was entered. */
static void draw_pin(view *v, const view_model *m)
{
	const layout *L = &v->L;
	SDL_Rect in = backdrop(v);
	SDL_Rect head, pad;
	if (L->portrait) {
		head = layout_take_top(&in, in.h * 30 / 100, L->gap);
		pad = in;
	} else {
		head = layout_take_left(&in, in.w * 40 / 100, L->pad);
		pad = in;
	}
	SDL_Rect cancel = layout_take_bottom(&head, L->btn_h, L->gap);
	SDL_Rect t = layout_take_top(&head, L->fs_big * 13 / 10, L->gap / 2);
	text_draw(v->txt, _("Admin"), t, L->fs_big, L->fs_label, TEXT_BOLD | TEXT_MIDDLE, theme_get(THEME_TEXT));
	SDL_Rect sub = layout_take_top(&head, L->fs_body * 26 / 10, L->gap);
	text_draw(v->txt, _("Enter the admin PIN to manage or leave the kiosk."), sub, L->fs_body, L->fs_small,
	          TEXT_WRAP, theme_get(THEME_DIM));
	/* one dot per digit entered, rings for the rest of a short PIN */
	SDL_Rect dots = layout_take_top(&head, L->fs_big * 15 / 10, L->gap);
	int r = L->fs_big * 35 / 100, step = r * 3;
	int shown = m->pin_len > 4 ? m->pin_len : 4;
	for (int i = 0; i < shown && i < 8; i++) {
		int cx = dots.x + r + i * step, cy = dots.y + dots.h / 2;
		if (i < m->pin_len)
			gfx_disc(v->r, cx, cy, r, theme_get(THEME_ACCENT));
		else
			gfx_ring(v->r, cx, cy, r, r / 4 + 1, 1.0f, theme_get(THEME_LINE));
	}
	view_button(v, L->portrait ? cancel : layout_take_bottom(&cancel, cancel.h, 0), _("Cancel"),
	            VIEW_STYLE_QUIET, VIEW_BTN_ADMIN_CLOSE, 0);
	if (L->portrait)
		pad = layout_inset(pad, 0);
	/* 1 2 3 / 4 5 6 / 7 8 9 / Erase 0 OK */
	static const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "Erase", "0", "OK" };
	int rh = (pad.h - 3 * L->gap) / 4;
	for (int i = 0; i < 12; i++) {
		SDL_Rect col = layout_column(pad, 3, i % 3, L->gap);
		SDL_Rect b = {col.x, pad.y + (i / 3) * (rh + L->gap), col.w, rh};
		if (i == 9)
			view_button(v, b, keys[i], VIEW_STYLE_NORMAL, VIEW_BTN_PIN_ERASE, 0);
		else if (i == 11)
			view_button(v, b, keys[i], m->pin_len >= 4 ? VIEW_STYLE_PRIMARY : VIEW_STYLE_QUIET,
			            VIEW_BTN_PIN_OK, 0);
		else
			view_button(v, b, keys[i], VIEW_STYLE_NORMAL, VIEW_BTN_PIN_DIGIT, keys[i][0] - '0');
	}
}

static void draw_no_pin(view *v)
{
	const layout *L = &v->L;
	SDL_Rect b;
	SDL_Rect in = view_dialog_panel(v, 70, 7, _("No admin PIN is set"), &b);
	text_draw(v->txt,
	          _("This kiosk cannot be left from the screen. Set \"admin_pin\" (4 to 8 digits) in "
	          "/etc/unknot/config.json, or stop it from a shell: sudo systemctl stop unknot."),
	          in, L->fs_body, L->fs_small, TEXT_CENTER | TEXT_WRAP | TEXT_MIDDLE, theme_get(THEME_DIM));
	SDL_Rect ok = {b.x + b.w / 4, b.y, b.w / 2, b.h};
	view_button(v, ok, _("OK"), VIEW_STYLE_PRIMARY, VIEW_BTN_ADMIN_CLOSE, 0);
}

/* After the right PIN: what is loaded, the broken files with their errors,
 * Back and Leave kiosk. */
static void draw_page(view *v, const view_model *m)
{
	const layout *L = &v->L;
	SDL_Rect in = backdrop(v);
	SDL_Rect t = layout_take_top(&in, L->fs_big * 13 / 10, L->gap / 2);
	text_draw(v->txt, _("Admin"), t, L->fs_big, L->fs_label, TEXT_BOLD | TEXT_MIDDLE, theme_get(THEME_TEXT));
	SDL_Rect foot = layout_take_bottom(&in, L->btn_h, L->gap);
	view_button(v, layout_column(foot, 3, 0, L->gap), _("Back"), VIEW_STYLE_NORMAL,
	            VIEW_BTN_ADMIN_CLOSE, 0);
	view_button(v, layout_column(foot, 3, 1, L->gap), _("Settings"), VIEW_STYLE_NORMAL,
	            VIEW_BTN_ADMIN_SETTINGS, 0);
	view_button(v, layout_column(foot, 3, 2, L->gap), _("Leave kiosk"), VIEW_STYLE_DANGER,
	            VIEW_BTN_ADMIN_EXIT, 0);
	char buf[512];
	char nv[96];
	snprintf(nv, sizeof nv, ngettext("%zu routine loaded", "%zu routines loaded", m->nvalid), m->nvalid);
	/* TRANSLATORS: %s is "N routines loaded" */
	snprintf(buf, sizeof buf, m->nbroken ? ngettext("%s, %zu broken file (hidden from users):",
	                                                "%s, %zu broken files (hidden from users):", m->nbroken)
	                                     : _("%s, no broken files."), nv, m->nbroken);
	SDL_Rect s = layout_take_top(&in, L->fs_body * (L->portrait ? 26 : 13) / 10, L->gap / 2);
	text_draw(v->txt, buf, s, L->fs_body, L->fs_small, TEXT_WRAP | TEXT_MIDDLE,
	          theme_get(m->nbroken ? THEME_WARN : THEME_OK));
	if (m->fleet_fault) {
		SDL_Rect fr = layout_take_top(&in, L->fs_body * 26 / 10, L->gap / 2);
		char fb[256];
		snprintf(fb, sizeof fb, _("Fleet: %s"), m->fleet_fault);
		text_draw(v->txt, fb, fr, L->fs_body, L->fs_small, TEXT_WRAP | TEXT_MIDDLE, theme_get(THEME_DANGER));
	}
	if (m->watching) {
		SDL_Rect wr = layout_take_bottom(&in, L->fs_small * 26 / 10, L->gap / 2);
		text_draw(v->txt, m->watching, wr, L->fs_small, L->fs_small * 8 / 10, TEXT_WRAP | TEXT_BOTTOM,
		          theme_get(THEME_DIM));
	}
	/* one card per broken file, as many as fit; then "and N more" */
	int ch = L->fs_label * 13 / 10 + L->fs_small * 27 / 10 + L->gap * 2;
	size_t fit = ch > 0 ? (size_t)((in.h + L->gap) / (ch + L->gap)) : 0;
	if (fit < m->nbroken && fit > 0)
		fit--; /* room for the "more" line */
	for (size_t i = 0; i < m->nbroken && i < fit; i++) {
		SDL_Rect c = layout_take_top(&in, ch, L->gap);
		gfx_round_rect(v->r, c, L->radius, theme_get(THEME_PANEL));
		gfx_round_frame(v->r, c, L->radius, (int)(2 * L->s + 1), theme_get(THEME_DANGER));
		SDL_Rect ci = layout_inset(c, L->gap);
		SDL_Rect name = layout_take_top(&ci, L->fs_label * 12 / 10, 0);
		text_draw(v->txt, m->broken[i].path, name, L->fs_label, L->fs_small * 8 / 10, TEXT_BOLD | TEXT_MIDDLE,
		          theme_get(THEME_DANGER));
		const char *e = m->broken[i].error ? m->broken[i].error : _("unknown error");
		/* the error repeats the path: show what follows it */
		size_t pl = strlen(m->broken[i].path);
		if (strncmp(e, m->broken[i].path, pl) == 0 && e[pl] == ':')
			e += pl + 1 + (e[pl + 1] == ' ');
		text_draw(v->txt, e, ci, L->fs_small, L->fs_small * 7 / 10, TEXT_WRAP, theme_get(THEME_TEXT));
	}
	if (m->nbroken > fit) {
		snprintf(buf, sizeof buf, _("and %zu more (unknot --check FILE shows every error)"), m->nbroken - fit);
		SDL_Rect more = layout_take_top(&in, L->fs_small * 13 / 10, 0);
		text_draw(v->txt, buf, more, L->fs_small, L->fs_small * 8 / 10, TEXT_MIDDLE, theme_get(THEME_DIM));
	}
}

void screen_admin_draw(view *v, const view_model *m)
{
	switch (m->admin) {
	case VIEW_ADMIN_PIN: draw_pin(v, m); break;
	case VIEW_ADMIN_NO_PIN: draw_no_pin(v); break;
	case VIEW_ADMIN_PAGE: draw_page(v, m); break;
	default: break;
	}
}

void screen_admin_message(view *v, const view_model *m)
{
	if (!m->admin_message)
		return;
	const layout *L = &v->L;
	/* wide and two lines high: the lockout's "Too many wrong PINs: try again
	 * in 25 s" stays at the label size instead of shrinking to fit */
	int w = L->portrait ? L->w - 2 * L->pad : L->w * 3 / 4;
	SDL_Rect b = {(L->w - w) / 2, L->pad, w, L->btn_h * 3 / 2};
	gfx_round_rect(v->r, b, L->radius, theme_shade(theme_get(THEME_DANGER), 0.55f));
	text_draw(v->txt, m->admin_message, layout_inset(b, L->gap / 2), L->fs_label, L->fs_small,
	          TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD | TEXT_WRAP, theme_get(THEME_TEXT));
}

void screen_admin_dim(view *v)
{
	const layout *L = &v->L;
	SDL_Rect all = {0, 0, L->w, L->h};
	SDL_Color veil = {0, 0, 0, 215};
	gfx_fill(v->r, all, veil);
	/* the hint on a black band of its own, clear of the veiled text */
	SDL_Rect hint = {0, (L->h - L->btn_h) / 2, L->w, L->btn_h};
	SDL_Color black = {0, 0, 0, 255};
	gfx_fill(v->r, hint, black);
	SDL_Color faint = theme_shade(theme_get(THEME_DIM), 0.45f);
	text_draw(v->txt, _("Touch the screen or press the pedal to wake"), hint, L->fs_body, L->fs_small,
	          TEXT_CENTER | TEXT_MIDDLE, faint);
}
