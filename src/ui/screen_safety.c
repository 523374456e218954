/* screen_safety: the texts of safety.h as a readable page with one button. */
#include "ui/screen_safety.h"

#include <stdio.h>
#include <string.h>

#include "core/safety.h"
#include "ui/gfx.h"
#include "ui/theme.h"

void screen_safety_draw(view *v, const view_model *m)
{
	(void)m;
	const layout *L = &v->L;
	SDL_Rect full = {L->pad, L->pad, L->w - 2 * L->pad, L->h - 2 * L->pad};
	SDL_Rect title = layout_take_top(&full, L->fs_title * 14 / 10, L->gap);
	text_draw(v->txt, safety_title(), title, L->fs_title, L->fs_label, TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_TEXT));
	SDL_Rect bottom = layout_take_bottom(&full, L->btn_h, L->gap);
	int bw = L->portrait ? bottom.w : bottom.w * 40 / 100;
	SDL_Rect btn = layout_take_right(&bottom, bw, L->gap);
	view_button(v, btn, "I understand", VIEW_STYLE_PRIMARY, VIEW_BTN_ACCEPT, 0);
	if (!L->portrait)
		text_draw(v->txt, safety_accept_prompt(), bottom, L->fs_body, L->fs_small,
		          TEXT_MIDDLE | TEXT_WRAP, theme_get(THEME_DIM));

	size_t n = 0;
	const safety_section *sec = safety_sections(&n);
	/* Sections as panels: two columns in landscape, stacked in portrait. */
	int cols = L->portrait ? 1 : 2;
	int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
	if (rows < 1)
		rows = 1;
	int ph = (full.h - (rows - 1) * L->gap) / rows;
	for (size_t i = 0; i < n; i++) {
		int c = (int)i % cols, rw = (int)i / cols;
		SDL_Rect col = layout_column(full, cols, c, L->gap);
		SDL_Rect p = {col.x, full.y + rw * (ph + L->gap), col.w, ph};
		gfx_round_rect(v->r, p, L->radius, theme_get(THEME_PANEL));
		SDL_Rect in = layout_inset(p, L->gap);
		SDL_Rect h = layout_take_top(&in, L->fs_label * 13 / 10, L->gap / 4);
		SDL_Color hc = i == 2 ? theme_get(THEME_WARN) : theme_get(THEME_ACCENT);
		text_draw(v->txt, sec[i].heading, h, L->fs_label, L->fs_small, TEXT_BOLD | TEXT_MIDDLE, hc);
		char body[2048];
		body[0] = '\0';
		for (size_t k = 0; k < sec[i].count; k++) {
			size_t l = strlen(body);
			snprintf(body + l, sizeof body - l, "%s\xE2\x80\xA2 %s", k ? "\n" : "", sec[i].items[k]);
		}
		text_draw(v->txt, body, in, L->fs_body, L->fs_small * 8 / 10, TEXT_WRAP,
		          theme_get(THEME_TEXT));
	}
}
