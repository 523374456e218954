/* theme: colours and labels. */
#include "ui/theme.h"
#include "core/i18n.h"
#include "core/muscle.h"

static const SDL_Color colors[THEME_COLOR_COUNT] = {
	[THEME_BG] = {16, 19, 24, 255},
	[THEME_PANEL] = {31, 36, 45, 255},
	[THEME_PANEL_HI] = {48, 56, 70, 255},
	[THEME_LINE] = {58, 66, 80, 255},
	[THEME_TEXT] = {240, 243, 247, 255},
	[THEME_DIM] = {160, 170, 186, 255},
	[THEME_ACCENT] = {64, 160, 255, 255},
	[THEME_ACCENT_TEXT] = {8, 16, 28, 255},
	[THEME_WARN] = {255, 193, 70, 255},
	[THEME_DANGER] = {240, 90, 90, 255},
	[THEME_OK] = {96, 214, 140, 255},
	[THEME_SCRIM] = {8, 10, 14, 215},
};

/* Hues chosen to stay distinct for the common colour-vision deficiencies
 * (orange / sky blue / green / violet / grey-yellow), on a dark background. */
static const SDL_Color kinds[ROUTINE_KIND_COUNT] = {
	[ROUTINE_COMPRESSION] = {255, 138, 76, 255},
	[ROUTINE_ROLLING] = {80, 190, 255, 255},
	[ROUTINE_STRETCH] = {110, 220, 130, 255},
	[ROUTINE_REST] = {180, 150, 255, 255},
	[ROUTINE_TRANSITION] = {235, 215, 110, 255},
};

SDL_Color theme_get(theme_color c)
{
	if ((int)c < 0 || c >= THEME_COLOR_COUNT)
		return colors[THEME_TEXT];
	return colors[c];
}

SDL_Color theme_kind(routine_kind k)
{
	if ((int)k < 0 || k >= ROUTINE_KIND_COUNT)
		return colors[THEME_DIM];
	return kinds[k];
}

SDL_Color theme_shade(SDL_Color c, float f)
{
	SDL_Color o = {(Uint8)(c.r * f), (Uint8)(c.g * f), (Uint8)(c.b * f), c.a};
	return o;
}

const char *theme_kind_label(routine_kind k)
{
	switch (k) {
	case ROUTINE_COMPRESSION: return _("Compression");
	case ROUTINE_ROLLING: return _("Rolling");
	case ROUTINE_STRETCH: return _("Stretch");
	case ROUTINE_REST: return _("Rest");
	case ROUTINE_TRANSITION: return _("Get ready");
	default: return "";
	}
}

const char *theme_tool_label(routine_tool t)
{
	switch (t) {
	case ROUTINE_TOOL_BALL: return _("Ball");
	case ROUTINE_TOOL_PEANUT: return _("Peanut ball");
	case ROUTINE_TOOL_ROLLER: return _("Foam roller");
	case ROUTINE_TOOL_CANE: return _("Cane");
	case ROUTINE_TOOL_HAND: return _("Hand");
	default: return NULL;
	}
}

const char *theme_target_label(const char *target)
{
	return target && target[0] ? C_(MUSCLE_CONTEXT, target) : target;
}

const char *theme_side_label(routine_side s)
{
	switch (s) {
	case ROUTINE_SIDE_LEFT: return _("Left side");
	case ROUTINE_SIDE_RIGHT: return _("Right side");
	default: return NULL;
	}
}

const char *theme_side_word(routine_side s)
{
	switch (s) {
	case ROUTINE_SIDE_LEFT: return _("LEFT");
	case ROUTINE_SIDE_RIGHT: return _("RIGHT");
	default: return NULL;
	}
}

SDL_Color theme_side(routine_side s)
{
	static const SDL_Color left = {70, 225, 225, 255}, right = {255, 130, 210, 255};
	return s == ROUTINE_SIDE_RIGHT ? right : s == ROUTINE_SIDE_LEFT ? left : colors[THEME_TEXT];
}
