/* screen_library: a grid of routine cards (2 columns in landscape, 1 in
 * portrait), paged with buttons; broken files follow the good ones as red
 * cards with their error. */
#include "ui/screen_library.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "ui/gfx.h"
#include "ui/theme.h"

/* Grid geometry for the card area. */
static void grid(const layout *L, int *cols, int *rows)
{
	*cols = L->portrait ? 1 : (L->w >= 1600 ? 3 : 2);
	int avail = L->h - 2 * L->pad - L->fs_title * 2 - L->btn_h - 2 * L->gap;
	int card_h = (int)(120 * L->s);
	*rows = avail / (card_h + L->gap);
	if (*rows < 1)
		*rows = 1;
}

int screen_library_per_page(const layout *L)
{
	int c, r;
	grid(L, &c, &r);
	return c * r;
}

/* "12 min · 8 steps" */
static void card_meta(const routine *r, char *buf, size_t size)
{
	char t[32];
	int steps = 0;
	for (size_t i = 0; i < routine_length(r); i++)
		if (routine_entry_at(r, i)->kind != ROUTINE_TRANSITION)
			steps++;
	snprintf(buf, size, ngettext("%s  \xC2\xB7  %d step", "%s  \xC2\xB7  %d steps", (unsigned long)routine_length(r)),
	         view_format_time(t, sizeof t, routine_total_s(r), true),
	         steps);
}

static void card_targets(const routine *r, char *buf, size_t size)
{
	const char *tg[16];
	size_t n = routine_targets(r, tg, 16);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(buf);
		snprintf(buf + l, size - l, "%s%s", i ? ", " : "", theme_target_label(tg[i]));
	}
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

static void card_tools(const routine *r, char *buf, size_t size)
{
	routine_tool tl[ROUTINE_TOOL_COUNT];
	size_t n = routine_tools(r, tl, ROUTINE_TOOL_COUNT);
	buf[0] = '\0';
	for (size_t i = 0, k = 0; i < n; i++) {
		const char *name = theme_tool_label(tl[i]);
		if (!name)
			continue;
		size_t l = strlen(buf);
		snprintf(buf + l, size - l, "%s%s", k++ ? ", " : "", name);
	}
}

static void draw_card(view *v, const view_model *m, SDL_Rect c, size_t i)
{
	const layout *L = &v->L;
	const view_routine *vr = &m->routines[i];
	bool sel = (int)i == m->selected;
	bool pressed = v->pressed_valid && v->pressed == VIEW_BTN_CARD && v->pressed_arg == (int)i;
	SDL_Color bg = theme_get(pressed ? THEME_PANEL_HI : THEME_PANEL);
	gfx_round_rect(v->r, c, L->radius, bg);
	if (sel)
		gfx_round_frame(v->r, c, L->radius, (int)(2 * L->s + 1), theme_get(THEME_ACCENT));
	SDL_Rect in = layout_inset(c, L->gap + L->gap / 2);
	char buf[512];
	if (!vr->r) {
		gfx_round_frame(v->r, c, L->radius, (int)(2 * L->s + 1), theme_get(THEME_DANGER));
		const char *base = strrchr(vr->path, '/');
		snprintf(buf, sizeof buf, _("Cannot load %s"), base ? base + 1 : vr->path);
		SDL_Rect t = layout_take_top(&in, L->fs_label * 13 / 10, L->gap / 4);
		text_draw(v->txt, buf, t, L->fs_label, L->fs_small, TEXT_BOLD, theme_get(THEME_DANGER));
		text_draw(v->txt, vr->error ? vr->error : _("unknown error"), in, L->fs_small,
		          L->fs_small * 8 / 10, TEXT_WRAP, theme_get(THEME_DIM));
		return;
	}
	/* A coloured strip of the kinds in the routine, in timeline proportion. */
	SDL_Rect strip = layout_take_bottom(&in, (int)(6 * L->s + 1), L->gap / 2);
	uint32_t total = routine_total_s(vr->r);
	int x = strip.x;
	for (size_t k = 0; k < routine_length(vr->r) && total; k++) {
		const routine_entry *e = routine_entry_at(vr->r, k);
		int x2 = strip.x + (int)((uint64_t)strip.w * (e->start_s + e->duration_s) / total);
		SDL_Rect seg = {x, strip.y, x2 - x, strip.h};
		gfx_fill(v->r, seg, theme_kind(e->kind));
		x = x2;
	}
	SDL_Rect t = layout_take_top(&in, L->fs_label * 13 / 10, 0);
	text_draw(v->txt, routine_text(vr->r, NULL, ROUTINE_FIELD_TITLE, m->language), t, L->fs_label, L->fs_body * 85 / 100,
	          TEXT_BOLD | TEXT_MIDDLE, theme_get(THEME_TEXT));
	SDL_Rect meta = layout_take_top(&in, L->fs_body * 13 / 10, 0);
	card_meta(vr->r, buf, sizeof buf);
	text_draw(v->txt, buf, meta, L->fs_body, L->fs_small, TEXT_MIDDLE, theme_get(THEME_ACCENT));
	card_tools(vr->r, buf, sizeof buf);
	SDL_Rect tools = layout_take_bottom(&in, L->fs_small * 13 / 10, 0);
	if (buf[0])
		text_draw(v->txt, buf, tools, L->fs_small, L->fs_small * 8 / 10, TEXT_MIDDLE,
		          theme_get(THEME_DIM));
	card_targets(vr->r, buf, sizeof buf);
	text_draw(v->txt, buf, in, L->fs_body * 9 / 10, L->fs_small * 8 / 10, TEXT_WRAP | TEXT_MIDDLE,
	          theme_get(THEME_TEXT));
	view_target(v, c, VIEW_BTN_CARD, (int)i);
}

/* The "who is this?" list over the library; a touch outside closes it. */
static void draw_picker(view *v, const view_model *m)
{
	const layout *L = &v->L;
	SDL_Rect all = {0, 0, L->w, L->h};
	gfx_fill(v->r, all, theme_get(THEME_SCRIM));
	view_target(v, all, VIEW_BTN_PROFILE, 0);
	int n = (int)m->nprofiles;
	int rh = L->btn_h;
	int cols = !L->portrait && n > 4 ? 2 : 1;
	int rows = (n + cols - 1) / cols;
	int pw = L->portrait ? L->w - 2 * L->pad : L->w * (cols == 2 ? 80 : 50) / 100;
	int ph = L->fs_big * 14 / 10 + rows * (rh + L->gap) + 2 * L->pad;
	if (ph > L->h - L->pad)
		ph = L->h - L->pad;
	SDL_Rect panel = {(L->w - pw) / 2, (L->h - ph) / 2, pw, ph};
	gfx_round_rect(v->r, panel, L->radius * 2, theme_get(THEME_PANEL));
	view_target(v, panel, VIEW_BTN_NONE, 0);
	SDL_Rect in = layout_inset(panel, L->pad);
	SDL_Rect t = layout_take_top(&in, L->fs_big * 12 / 10, L->gap / 2);
	text_draw(v->txt, _("Who is this?"), t, L->fs_big, L->fs_label, TEXT_CENTER | TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_TEXT));
	int fit = rows ? (in.h + L->gap) / rows - L->gap : rh;
	if (fit < rh)
		rh = fit < LAYOUT_MIN_TOUCH ? LAYOUT_MIN_TOUCH : fit;
	for (int i = 0; i < n; i++) {
		SDL_Rect col = layout_column(in, cols, i % cols, L->gap);
		SDL_Rect b = {col.x, in.y + (i / cols) * (rh + L->gap), col.w, rh};
		if (b.y + b.h > in.y + in.h)
			break;
		view_button(v, b, m->profiles[i], i == m->profile ? VIEW_STYLE_PRIMARY : VIEW_STYLE_NORMAL,
		            VIEW_BTN_PROFILE_PICK, i);
		if (i == m->profile_sel)
			gfx_round_frame(v->r, b, L->radius, (int)(2 * L->s + 1), theme_get(THEME_TEXT));
	}
}

void screen_library_draw(view *v, const view_model *m)
{
	const layout *L = &v->L;
	SDL_Rect full = {L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad};
	SDL_Rect head = layout_take_top(&full, L->fs_title * 2, L->gap);
	int nbtn = m->has_history ? 3 : 2;
	int bw = L->portrait ? head.w * (nbtn == 3 ? 23 : 30) / 100 : (int)(130 * L->s);
	/* kiosk: the station's settings are behind the admin PIN (admin page) */
	int sw = 0; /* "Einstellungen": as wide as the word at the buttons' smallest size */
	if (text_measure(v->txt, _("Settings"), L->fs_small, true, &sw, NULL) != 0 || sw + L->gap * 2 < bw)
		sw = bw - L->gap * 2;
	if (!m->settings_locked)
		view_button(v, layout_inset(layout_take_right(&head, sw + L->gap * 2, L->gap), L->gap / 4), _("Settings"),
		            VIEW_STYLE_QUIET, VIEW_BTN_SETTINGS, 0);
	if (m->has_history)
		view_button(v, layout_inset(layout_take_right(&head, bw, L->gap), L->gap / 4), _("History"),
		            VIEW_STYLE_QUIET, VIEW_BTN_HISTORY, 0);
	view_button(v, layout_inset(layout_take_right(&head, bw, L->gap), L->gap / 4), _("Safety"),
	            VIEW_STYLE_QUIET, VIEW_BTN_SAFETY_PAGE, 0);
	SDL_Rect brand = layout_take_left(&head, (int)(L->fs_title * 3.4f), L->gap);
	/* the pain finder (issue 20): in the header; in portrait its own row
	 * above the footer (the cards keep their place) */
	if (m->painmap && !L->portrait)
		view_button(v, layout_inset(layout_take_right(&head, head.w < (int)(260 * L->s) ? head.w : (int)(260 * L->s),
		                                              L->gap), L->gap / 4),
		            _("Where does it hurt?"), VIEW_STYLE_NORMAL, VIEW_BTN_FINDER, 0);
	text_draw(v->txt, "unknot", brand, L->fs_title, L->fs_label, TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_ACCENT));
	bool profiles = m->nprofiles > 1 && !m->kiosk;
	if (profiles) {
		/* Who is this: a chip in the header (its own row in portrait). */
		SDL_Rect chip = L->portrait ? layout_take_top(&full, L->btn_h * 85 / 100, L->gap) : head;
		int cw = L->fs_label * 9;
		if (cw > chip.w)
			cw = chip.w;
		chip.w = cw;
		char label[120];
		int cur = m->profile >= 0 && (size_t)m->profile < m->nprofiles ? m->profile : 0;
		snprintf(label, sizeof label, "%s  \xE2\x96\xBE", m->profiles[cur]);
		view_button(v, layout_inset(chip, L->gap / 4), label, VIEW_STYLE_NORMAL, VIEW_BTN_PROFILE, 0);
	} else if (head.w >= L->fs_label * 7) {
		text_draw(v->txt, _("Choose a routine"), head, L->fs_label, L->fs_small, TEXT_MIDDLE,
		          theme_get(THEME_DIM));
	}

	SDL_Rect foot = layout_take_bottom(&full, L->btn_h, L->gap);
	if (m->painmap && L->portrait)
		view_button(v, layout_take_bottom(&full, L->btn_h, L->gap), _("Where does it hurt?"), VIEW_STYLE_NORMAL,
		            VIEW_BTN_FINDER, 0);
	int cols, rows;
	grid(L, &cols, &rows);
	int per = cols * rows;
	int n = (int)m->nroutines;
	int pages = n ? (n + per - 1) / per : 1;
	int page = m->page < 0 ? 0 : m->page >= pages ? pages - 1 : m->page;
	if (n == 0) {
		text_draw(v->txt, _("No routines found. Put routine files (.json) into "
		          "~/.local/share/unknot/routines or /etc/unknot/routines."),
		          layout_inset(full, L->pad), L->fs_label, L->fs_small,
		          TEXT_WRAP | TEXT_CENTER | TEXT_MIDDLE, theme_get(THEME_DIM));
	}
	int card_h = (full.h - (rows - 1) * L->gap) / rows;
	for (int k = 0; k < per; k++) {
		int i = page * per + k;
		if (i >= n)
			break;
		SDL_Rect col = layout_column(full, cols, k % cols, L->gap);
		SDL_Rect c = {col.x, full.y + (k / cols) * (card_h + L->gap), col.w, card_h};
		draw_card(v, m, c, (size_t)i);
	}
	/* Footer: pages and the safety reminder. */
	if (pages > 1) {
		int pw = L->portrait ? foot.w / 4 : (int)(130 * L->s);
		SDL_Rect nb = layout_take_right(&foot, pw, L->gap);
		SDL_Rect pb = layout_take_right(&foot, pw, L->gap);
		char buf[48];
		snprintf(buf, sizeof buf, "%d / %d", page + 1, pages);
		SDL_Rect pl = layout_take_right(&foot, pw * 2 / 3, L->gap);
		text_draw(v->txt, buf, pl, L->fs_body, L->fs_small, TEXT_CENTER | TEXT_MIDDLE,
		          theme_get(THEME_DIM));
		view_button(v, pb, "\xE2\x97\x80", page > 0 ? VIEW_STYLE_NORMAL : VIEW_STYLE_QUIET,
		            VIEW_BTN_PAGE_PREV, 0);
		view_button(v, nb, "\xE2\x96\xB6", page + 1 < pages ? VIEW_STYLE_NORMAL : VIEW_STYLE_QUIET,
		            VIEW_BTN_PAGE_NEXT, 0);
	}
	/* How to choose with the pedal alone, then the safety reminder. */
	char hint[400];
	snprintf(hint, sizeof hint, _("Pedal: hold for the next routine, tap to open it.%s%s"),
	         m->reminder ? "\n" : "", m->reminder ? _(m->reminder) : "");
	text_draw(v->txt, hint, foot, L->fs_small, L->fs_small * 6 / 10, TEXT_WRAP | TEXT_MIDDLE,
	          theme_get(THEME_DIM));
	if (profiles && m->profile_picker)
		draw_picker(v, m);
}
