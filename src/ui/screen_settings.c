/* screen_settings: controls on the left, the pedal test on the right. */
#include "ui/screen_settings.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "ui/gfx.h"
#include "ui/theme.h"

/* A language by its own name, as people look for it in a list ("Deutsch"). */
static const char *language_name(const char *code)
{
	static const struct { const char *code, *name; } names[] = {
		{ "en", "English" }, { "de", "Deutsch" }, { "es", "Espa\xC3\xB1ol" },
		{ "fr", "Fran\xC3\xA7" "ais" }, { "it", "Italiano" }, { "nl", "Nederlands" },
		{ "pl", "Polski" }, { "pt", "Portugu\xC3\xAAs" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(code, names[i].code) == 0)
			return names[i].name;
	return code;
}

/* A settings row: label on the left, the rest of the row returned. */
static SDL_Rect row(view *v, SDL_Rect *area, const char *label)
{
	const layout *L = &v->L;
	SDL_Rect r = layout_take_top(area, L->btn_h, L->gap);
	SDL_Rect l = layout_take_left(&r, r.w * 40 / 100, L->gap);
	text_draw(v->txt, label, l, L->fs_label, L->fs_small, TEXT_MIDDLE, theme_get(THEME_TEXT));
	return r;
}

/* The voice setting: what is spoken; a tap moves on (everything, names
 * only, off). */
static void voice_row(view *v, SDL_Rect *area, const view_model *m)
{
	static const char *const what[] = {
		N_("Off"),
		N_("Names only"),
		N_("Everything"),
	};
	SDL_Rect r = row(v, area, _("Voice"));
	int i = m->voice >= 0 && m->voice <= 2 ? m->voice : 2;
	view_button(v, r, _(what[i]), i == 0 ? VIEW_STYLE_QUIET : VIEW_STYLE_NORMAL, VIEW_BTN_VOICE, 0);
}

void screen_settings_draw(view *v, const view_model *m)
{
	const layout *L = &v->L;
	SDL_Rect full = {L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad};
	SDL_Rect head = layout_take_top(&full, L->btn_h, L->gap);
	int bw = L->portrait ? head.w * 26 / 100 : (int)(130 * L->s);
	view_button(v, layout_take_left(&head, bw, L->gap), _("\xE2\x97\x80  Back"), VIEW_STYLE_QUIET,
	            VIEW_BTN_BACK, 0);
	view_button(v, layout_take_right(&head, bw, L->gap), _("Safety"), VIEW_STYLE_QUIET,
	            VIEW_BTN_SAFETY_PAGE, 0);
	text_draw(v->txt, _("Settings"), head, L->fs_title, L->fs_small, TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_TEXT));
	SDL_Rect left, right;
	if (L->portrait) {
		left = layout_take_top(&full, full.h * 48 / 100, L->gap);
		right = full;
	} else {
		left = layout_take_left(&full, full.w * 52 / 100, L->pad);
		right = full;
	}
	char buf[240];
	SDL_Rect r = row(v, &left, _("Volume"));
	SDL_Rect minus = layout_take_left(&r, L->btn_h * 12 / 10, L->gap);
	SDL_Rect plus = layout_take_right(&r, L->btn_h * 12 / 10, L->gap);
	view_button(v, minus, "\xE2\x88\x92", VIEW_STYLE_NORMAL, VIEW_BTN_VOL_DOWN, 0);
	view_button(v, plus, "+", VIEW_STYLE_NORMAL, VIEW_BTN_VOL_UP, 0);
	snprintf(buf, sizeof buf, "%d%%", m->volume);
	SDL_Rect vb = layout_inset(r, L->gap);
	SDL_Rect vt = {r.x, r.y, r.w, r.h / 2};
	text_draw(v->txt, buf, vt, L->fs_body, L->fs_small, TEXT_CENTER | TEXT_BOTTOM, theme_get(THEME_TEXT));
	vb.y = r.y + r.h * 62 / 100;
	vb.h = (int)(8 * L->s + 1);
	gfx_bar(v->r, vb, m->volume / 100.0f, theme_get(THEME_LINE),
	        m->mute ? theme_get(THEME_DIM) : theme_get(THEME_ACCENT));
	r = row(v, &left, _("Sound"));
	view_button(v, r, m->mute ? _("Muted: tap to unmute") : (m->audio_ok ? _("On: tap to mute") : _("No audio device")),
	            m->mute ? VIEW_STYLE_DANGER : VIEW_STYLE_NORMAL, VIEW_BTN_MUTE, 0);
	r = row(v, &left, _("Rotation"));
	snprintf(buf, sizeof buf, "%d\xC2\xB0", m->rotate);
	view_button(v, r, buf, VIEW_STYLE_NORMAL, VIEW_BTN_ROTATE, 0);
	voice_row(v, &left, m);
	if (m->nlanguages > 1) {
		r = row(v, &left, _("Language"));
		view_button(v, r, language_name(m->language), VIEW_STYLE_NORMAL, VIEW_BTN_LANGUAGE, 0);
	}
	SDL_Rect map = layout_take_top(&left, L->fs_body * 3, L->gap);
	snprintf(buf, sizeof buf, _("Pedal mapping: %s"), m->pedal_map);
	text_draw(v->txt, buf, map, L->fs_body, L->fs_small * 8 / 10, TEXT_WRAP, theme_get(THEME_DIM));
	if (m->pedal_status[0])
		text_draw(v->txt, m->pedal_status, left, L->fs_small, L->fs_small * 8 / 10, TEXT_WRAP,
		          theme_get(THEME_DIM));

	/* Pedal test. */
	gfx_round_rect(v->r, right, L->radius, theme_get(THEME_PANEL));
	SDL_Rect in = layout_inset(right, L->gap);
	SDL_Rect h = layout_take_top(&in, L->fs_label * 13 / 10, L->gap / 2);
	text_draw(v->txt, _("Pedal test"), h, L->fs_label, L->fs_small, TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_TEXT));
	int dsz = in.h * 36 / 100;
	if (dsz > in.w / 3)
		dsz = in.w / 3;
	SDL_Rect top = layout_take_top(&in, dsz, L->gap);
	int rad = dsz / 2;
	int cx = top.x + rad, cy = top.y + rad;
	gfx_disc(v->r, cx, cy, rad, theme_get(THEME_LINE));
	gfx_disc(v->r, cx, cy, rad - (int)(4 * L->s + 1),
	         m->pedal_down ? theme_get(THEME_ACCENT) : theme_get(THEME_BG));
	if (m->pedal_down && m->hold_progress > 0)
		gfx_ring(v->r, cx, cy, rad, (int)(6 * L->s + 1), m->hold_progress, theme_get(THEME_WARN));
	SDL_Rect lt = {top.x + dsz + L->gap, top.y, top.w - dsz - L->gap, top.h};
	text_draw(v->txt, m->pedal_down ? (m->hold_progress >= 1 ? _("Held") : _("Pressed")) : _("Released\nPress the pedal"),
	          lt, L->fs_label, L->fs_small, TEXT_MIDDLE | TEXT_WRAP | TEXT_BOLD,
	          m->pedal_down ? theme_get(THEME_ACCENT) : theme_get(THEME_DIM));
	int lh = L->fs_body * 13 / 10;
	for (size_t i = 0; i < m->nlog && in.h >= lh; i++) {
		const view_gesture *g = &m->log[i];
		SDL_Rect lr = layout_take_top(&in, lh, 0);
		snprintf(buf, sizeof buf, g->input ? _("pedal 2 %s  %u ms  \xE2\x86\x92  %s") : _("%s  %u ms  \xE2\x86\x92  %s"),
		         _(gesture_kind_name(g->kind)), (unsigned)g->duration_ms, _(gesture_action_name(g->action)));
		text_draw(v->txt, buf, lr, L->fs_body, L->fs_small * 8 / 10, TEXT_MIDDLE,
		          i == 0 ? theme_get(THEME_TEXT) : theme_get(THEME_DIM));
	}
}
