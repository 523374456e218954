/* screen_identify: the station-name band (see screen_identify.h). */
#include "ui/screen_identify.h"

#include "ui/gfx.h"
#include "ui/layout.h"
#include "ui/text.h"
#include "ui/theme.h"

void screen_identify_draw(view *v, const char *station, const char *site, bool bright)
{
	const layout *L = &v->L;
	SDL_Rect all = {0, 0, L->w, L->h};
	gfx_fill(v->r, all, theme_get(THEME_SCRIM));
	int h = L->fs_big * 3 + 2 * L->pad;
	if (h > L->h)
		h = L->h;
	SDL_Rect band = {L->pad, (L->h - h) / 2, L->w - 2 * L->pad, h};
	SDL_Color c = theme_get(THEME_ACCENT);
	gfx_round_rect(v->r, band, L->radius, bright ? c : theme_shade(c, 0.55f));
	SDL_Rect in = layout_inset(band, L->pad / 2);
	SDL_Rect top = layout_take_top(&in, in.h * 2 / 3, 0);
	SDL_Color ink = theme_get(bright ? THEME_ACCENT_TEXT : THEME_TEXT);
	text_draw(v->txt, station, top, L->fs_big * 2, L->fs_title, TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD, ink);
	text_draw(v->txt, site, in, L->fs_title, L->fs_small, TEXT_CENTER | TEXT_MIDDLE, ink);
}
