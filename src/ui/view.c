/* view: frame context, touch targets, buttons, formatting. */
#include "ui/view.h"

#include <stdio.h>
#include <string.h>

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
	v->nhits++;
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
	text_draw(v->txt, label, layout_inset(r, v->L.gap / 2), fs, fs * 6 / 10,
	          TEXT_CENTER | TEXT_MIDDLE | TEXT_BOLD, fg);
	view_target(v, r, id, arg);
}

view_button_id view_hit_test(const view *v, int x, int y, int *arg)
{
	/* Later targets are drawn on top: search from the end. */
	for (size_t i = v->nhits; i-- > 0;) {
		if (layout_contains(v->hits[i].r, x, y)) {
			if (arg)
				*arg = v->hits[i].arg;
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
			snprintf(buf, size, "%u s", (unsigned)seconds);
		else if (min < 60)
			snprintf(buf, size, "%u min", (unsigned)min);
		else
			snprintf(buf, size, "%u h %02u min", (unsigned)(min / 60), (unsigned)(min % 60));
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
		"safety", "library", "preview", "run", "summary", "settings", "history",
	};
	return (int)s >= 0 && s < VIEW_SCREEN_COUNT ? names[s] : "screen";
}

const char *view_button_name(view_button_id id)
{
	static const char *const names[VIEW_BTN_COUNT] = {
		"none", "accept", "card", "page_prev", "page_next", "settings", "history", "safety_page",
		"back", "start", "row", "pause", "prev", "next", "extend", "end", "end_confirm",
		"end_cancel", "skip", "discomfort", "done", "vol_down", "vol_up", "mute", "rotate",
	};
	return (int)id >= 0 && id < VIEW_BTN_COUNT ? names[id] : "?";
}
