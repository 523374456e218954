/* theme: the colours and type scale of the UI (a dark theme, readable from 2 m).
 *
 * Every step kind has its own colour (compression, rolling, stretch, rest,
 * transition), used for its label, its progress bar and its body-map
 * highlight, so the kind can be told apart at a glance.
 */
#ifndef UNKNOT_THEME_H
#define UNKNOT_THEME_H

#include <SDL.h>

#include "core/routine.h"

typedef enum {
	THEME_BG = 0,      /* window background */
	THEME_PANEL,       /* cards, panels */
	THEME_PANEL_HI,    /* pressed / selected card */
	THEME_LINE,        /* separators, empty bars */
	THEME_TEXT,        /* main text */
	THEME_DIM,         /* secondary text */
	THEME_ACCENT,      /* primary buttons */
	THEME_ACCENT_TEXT, /* text on the accent colour */
	THEME_WARN,        /* warnings (amber) */
	THEME_DANGER,      /* end, errors */
	THEME_OK,          /* done, released */
	THEME_SCRIM,       /* translucent overlay behind dialogs */
	THEME_COLOR_COUNT
} theme_color;

/* A UI colour. */
SDL_Color theme_get(theme_color c);

/* The colour of a step kind (bright enough for text on THEME_BG). */
SDL_Color theme_kind(routine_kind k);

/* A darker shade of a colour (f 0..1 of the original), for fills under text. */
SDL_Color theme_shade(SDL_Color c, float f);

/* The kind in words for the screen: "Compression", "Get ready", ... */
const char *theme_kind_label(routine_kind k);
/* A routine's target (a muscle) as shown in the current language (core/muscle.h:
 * the listed names; any other as written). Owned by libc or the routine. */
const char *theme_target_label(const char *target);

/* A tool in words: "Ball", "Peanut ball", "Foam roller", ...; NULL for none. */
const char *theme_tool_label(routine_tool t);

/* The side as one word for the floor: "LEFT", "RIGHT"; NULL for none. */
const char *theme_side_word(routine_side s);

/* The colour of a side's word (teal left, pink right; neither the warning
 * nor the "good" colour). */
SDL_Color theme_side(routine_side s);

/* A side in words: "Left side", "Right side"; NULL for none. */
const char *theme_side_label(routine_side s);

#endif
