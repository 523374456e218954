/* screen_safety: the texts of safety.h as a readable page with one button. */
#include "ui/screen_safety.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/safety.h"
#include "ui/gfx.h"
#include "ui/textpage.h"
#include "ui/theme.h"

/* The first-run screen's sections as pages at fs_warn (issue 17: the
 * contraindications are read, not squinted at): section `sec` as bullets. */
static void section_text(const safety_section *sec, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t k = 0; k < sec->count; k++) {
		size_t l = strlen(buf);
		snprintf(buf + l, size - l, "%s\xE2\x80\xA2 %s", k ? "\n" : "", _(sec->items[k]));
	}
}

/* The buttons along the bottom: page back and on, "I understand" (it
 * accepts on any page, as a pedal tap does), the pedal's way between them. */
static void draw_safety_buttons(view *v, SDL_Rect *full, int page, int pages)
{
	const layout *L = &v->L;
	SDL_Rect bottom = layout_take_bottom(full, L->btn_h, L->gap);
	SDL_Rect pager = bottom;
	if (L->portrait) {
		pager = layout_take_bottom(full, L->btn_h, L->gap);
		view_button(v, bottom, _("I understand"), VIEW_STYLE_PRIMARY, VIEW_BTN_ACCEPT, 0);
	} else {
		view_button(v, layout_take_right(&pager, pager.w * 40 / 100, L->gap), _("I understand"),
		            VIEW_STYLE_PRIMARY, VIEW_BTN_ACCEPT, 0);
	}
	int pw = L->portrait ? pager.w * 30 / 100 : L->btn_h * 13 / 10;
	view_button(v, layout_take_left(&pager, pw, L->gap), "\xE2\x97\x80",
	            page > 0 ? VIEW_STYLE_NORMAL : VIEW_STYLE_QUIET, VIEW_BTN_PAGE_PREV, 0);
	SDL_Rect next = L->portrait ? layout_take_right(&pager, pw, L->gap) : layout_take_left(&pager, pw * 2, L->gap);
	view_button(v, next, _("More \xE2\x96\xB6"), page + 1 < pages ? VIEW_STYLE_NORMAL : VIEW_STYLE_QUIET,
	            VIEW_BTN_PAGE_NEXT, 0);
	text_draw(v->txt, _("Pedal: hold for the next page, tap when you have read it all"), pager, L->fs_small,
	          L->fs_small * 8 / 10, TEXT_CENTER | TEXT_MIDDLE | TEXT_WRAP, theme_get(THEME_DIM));
}

void screen_safety_draw(view *v, const view_model *m)
{
	const layout *L = &v->L;
	SDL_Rect full = {L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad};
	SDL_Rect title = layout_take_top(&full, L->fs_title * 14 / 10 * (L->portrait ? 2 : 1), L->gap);
	size_t n = 0;
	const safety_section *sec = safety_sections(&n);

	/* The panel: the section's heading, then its items, paged at fs_warn. */
	SDL_Rect probe = full;
	layout_take_bottom(&probe, L->btn_h, L->gap);
	if (L->portrait)
		layout_take_bottom(&probe, L->btn_h, L->gap);
	SDL_Rect in = layout_inset(probe, L->gap + L->gap / 2);
	char body[2048], shown[2048];
	int np[16] = {0}, pages = 0, hl = 1, hw = 0;
	n = n > 16 ? 16 : n;
	/* The headings stay at fs_warn: two lines when one is too wide (a longer
	 * language), for every page alike. */
	for (size_t i = 0; i < n; i++)
		if (text_measure(v->txt, _(sec[i].heading), L->fs_warn, true, &hw, NULL) == 0 && hw > in.w)
			hl = 2;
	SDL_Rect head = layout_take_top(&in, L->fs_warn * 13 / 10 * hl, L->gap / 2);
	for (size_t i = 0; i < n; i++) {
		section_text(&sec[i], body, sizeof body);
		np[i] = textpage_split(v->txt, body, in.w, in.h, L->fs_warn, false, 0, shown, sizeof shown);
		pages += np[i];
	}
	/* The controller counts pages on and back; here they go round. */
	int page = pages ? (m->safety_first_page % pages + pages) % pages : 0;
	size_t which = 0;
	int at = page;
	while (which + 1 < n && at >= np[which])
		at -= np[which++];
	char buf[320];
	snprintf(buf, sizeof buf, "%d / %d", page + 1, pages);
	SDL_Rect pr = text_draw(v->txt, buf, title, L->fs_body, L->fs_small, TEXT_RIGHT | TEXT_MIDDLE,
	                        theme_get(THEME_DIM));
	title.w -= pr.w + L->gap;
	text_draw(v->txt, _(safety_title()), title, L->fs_title, L->fs_small, TEXT_BOLD | TEXT_MIDDLE | TEXT_WRAP,
	          theme_get(THEME_TEXT));
	draw_safety_buttons(v, &full, page, pages);
	gfx_round_rect(v->r, full, L->radius, theme_get(THEME_PANEL));
	if (!n)
		return;
	SDL_Color hc = sec[which].warn ? theme_get(THEME_WARN) : theme_get(THEME_ACCENT);
	snprintf(buf, sizeof buf, at ? _("%s (continued)") : "%s", _(sec[which].heading));
	text_draw(v->txt, buf, head, L->fs_warn, L->fs_warn, TEXT_BOLD | TEXT_MIDDLE | (hl > 1 ? TEXT_WRAP : 0), hc);
	section_text(&sec[which], body, sizeof body);
	textpage_split(v->txt, body, in.w, in.h, L->fs_warn, false, at, shown, sizeof shown);
	text_draw(v->txt, shown, in, L->fs_warn, L->fs_warn, TEXT_WRAP, theme_get(THEME_TEXT));
}

/* At most this many items on one page, so the long sections (the
 * contraindications) stay readable at 800x480: they continue on the next. */
#define SAFETY_PAGE_ITEMS 5

/* Page `page` of the Safety page: its section, first item and item count.
 * Returns the number of pages (sections in chunks, then the aftercare). */
static int safety_page_at(int page, const safety_section **sec, size_t *first, size_t *count)
{
	size_t n = 0;
	const safety_section *det = safety_details(&n);
	int p = 0;
	for (size_t i = 0; i <= n; i++) {
		const safety_section *s = i < n ? &det[i] : safety_aftercare();
		size_t chunks = (s->count + SAFETY_PAGE_ITEMS - 1) / SAFETY_PAGE_ITEMS;
		if (chunks == 0)
			chunks = 1;
		for (size_t c = 0; c < chunks; c++, p++) {
			if (p == page && sec) {
				/* Even chunks: 9 items read as 5 + 4, not 5 + ... */
				size_t per = (s->count + chunks - 1) / chunks;
				*sec = s;
				*first = c * per;
				*count = c * per + per > s->count ? s->count - c * per : per;
			}
		}
	}
	return p;
}

int screen_safety_page_count(void)
{
	return safety_page_at(-1, NULL, NULL, NULL);
}

void screen_safety_page_draw(view *v, const view_model *m)
{
	const layout *L = &v->L;
	int pages = screen_safety_page_count();
	int page = m->safety_page < 0 ? 0 : m->safety_page >= pages ? pages - 1 : m->safety_page;
	const safety_section *sec = safety_aftercare();
	size_t first = 0, count = sec->count;
	safety_page_at(page, &sec, &first, &count);
	char buf[4096];

	SDL_Rect full = {L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad};
	SDL_Rect head = layout_take_top(&full, L->btn_h, L->gap);
	int bw = L->portrait ? head.w * 26 / 100 : (int)(130 * L->s);
	view_button(v, layout_take_left(&head, bw, L->gap), _("\xE2\x97\x80  Back"), VIEW_STYLE_QUIET,
	            VIEW_BTN_BACK, 0);
	snprintf(buf, sizeof buf, "%d / %d", page + 1, pages);
	text_draw(v->txt, buf, layout_take_right(&head, L->fs_body * 4, L->gap), L->fs_body, L->fs_small,
	          TEXT_RIGHT | TEXT_MIDDLE, theme_get(THEME_DIM));
	text_draw(v->txt, _("Safety"), head, L->fs_title, L->fs_label, TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_TEXT));

	/* Page buttons along the bottom, the reminder between them. */
	SDL_Rect foot = layout_take_bottom(&full, L->btn_h, L->gap);
	int pw = L->portrait ? foot.w * 30 / 100 : (int)(170 * L->s);
	view_button(v, layout_take_left(&foot, pw, L->gap), _("\xE2\x97\x80  Previous"),
	            page > 0 ? VIEW_STYLE_NORMAL : VIEW_STYLE_QUIET, VIEW_BTN_PAGE_PREV, 0);
	view_button(v, layout_take_right(&foot, pw, L->gap), page + 1 < pages ? _("Next  \xE2\x96\xB6") : _("Done"),
	            page + 1 < pages ? VIEW_STYLE_PRIMARY : VIEW_STYLE_NORMAL,
	            page + 1 < pages ? VIEW_BTN_PAGE_NEXT : VIEW_BTN_BACK, 0);
	text_draw(v->txt, _("Pedal tap: next page"), foot, L->fs_small, L->fs_small * 7 / 10,
	          TEXT_CENTER | TEXT_MIDDLE | TEXT_WRAP, theme_get(THEME_DIM));

	/* The section: heading, then its items as bullets, shrunk to fit. */
	gfx_round_rect(v->r, full, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(full, L->gap + L->gap / 2);
	SDL_Rect h = layout_take_top(&in, L->fs_label * (L->portrait ? 26 : 14) / 10, L->gap / 2);
	SDL_Color hc = sec == safety_aftercare() ? theme_get(THEME_OK)
	               : sec->warn ? theme_get(THEME_WARN) : theme_get(THEME_ACCENT);
	snprintf(buf, sizeof buf, first ? _("%s (continued)") : "%s", _(sec->heading));
	text_draw(v->txt, buf, h, L->fs_label, L->fs_small, TEXT_BOLD | TEXT_WRAP | TEXT_MIDDLE, hc);
	buf[0] = '\0';
	for (size_t k = first; k < first + count && k < sec->count; k++) {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "%s\xE2\x80\xA2 %s", k > first ? "\n" : "", _(sec->items[k]));
	}
	text_draw(v->txt, buf, in, L->fs_body, L->fs_small * 7 / 10, TEXT_WRAP, theme_get(THEME_TEXT));
}
