/* view: the drawing context the screens draw into (view), with the touch
 * targets each frame registers; what they draw from (view_model, filled by
 * the controller, app/ctl.h) is in ui/model.h.
 *
 * Screens only read the model and draw; they never change state. A screen
 * registers every touch target it draws with view_button(); the app hit-tests
 * a touch against the targets of the last frame (view_hit_test) and acts on
 * the returned id. So drawing and state changes stay apart, and a target is
 * exactly where the user saw it.
 */
#ifndef UNKNOT_VIEW_H
#define UNKNOT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "core/cues.h"
#include "core/gesture.h"
#include "core/routine.h"
#include "core/session.h"
#include "ui/layout.h"
#include "ui/model.h"
#include "ui/text.h"

/* What a touch at (x, y) inside a resolved target means: its argument, or
 * -1 for nothing there (the touch falls through to the targets below). */
typedef int (*view_resolve_fn)(const void *ctx, int x, int y);
#define VIEW_MAX_DAMAGE 8

/* A touch target registered by the last frame. */
typedef struct {
	view_button_id id;
	int arg;
	SDL_Rect r;
	view_resolve_fn resolve;     /* NULL: arg is fixed */
	const void *ctx;             /* resolve's (must live until the next frame's targets) */
} view_hit;

/* The drawing context of a frame. */
typedef struct {
	SDL_Renderer *r;
	text *txt;
	layout L;
	view_hit hits[VIEW_MAX_HITS];
	size_t nhits;
	bool pressed_valid;          /* a touch is down on a target: draw it pressed */
	view_button_id pressed;
	int pressed_arg;
	/* Draw only what changes (ui/layer.h). */
	int pass;                    /* VIEW_PASS_*: which parts of a screen to draw */
	struct layer *layer;         /* the static layer the dynamic pass restores from */
	SDL_Rect damage[VIEW_MAX_DAMAGE]; /* rectangles the dynamic pass drew */
	int ndamage;
	bool damage_all;             /* more than VIEW_MAX_DAMAGE: present everything */
} view;

/* The passes of a frame (ui/layer.h). */
enum { VIEW_PASS_ALL = 0, VIEW_PASS_STATIC, VIEW_PASS_DYNAMIC };

/* Button styles. */
typedef enum { VIEW_STYLE_PRIMARY = 0, VIEW_STYLE_NORMAL, VIEW_STYLE_DANGER, VIEW_STYLE_QUIET } view_style;

/* Starts a frame: clears the targets and the screen. */
void view_begin(view *v, int w, int h);

/* Registers a touch target (later registrations win where they overlap, so
 * a dialog drawn last takes the touches). */
void view_target(view *v, SDL_Rect r, view_button_id id, int arg);

/* Registers a target whose argument depends on where it is touched
 * (resolve; the finder's body map: which area). */
void view_target_resolved(view *v, SDL_Rect r, view_button_id id, view_resolve_fn resolve, const void *ctx);

/* Draws a labelled button and registers it. */
void view_button(view *v, SDL_Rect r, const char *label, view_style style, view_button_id id,
                 int arg);

/* The frame of a modal dialog: a scrim over the screen that takes every
 * touch, a centred panel (width_pct of a landscape window, the full width in
 * portrait; tall enough for body_lines of body text), and its title. Returns
 * the body's area; *buttons gets the row for the buttons. */
SDL_Rect view_dialog_panel(view *v, int width_pct, int body_lines, const char *title,
                           SDL_Rect *buttons);

/* A modal dialog over the screen: title, body, a danger-styled button on the
 * left and a primary one on the right. It takes every touch outside its
 * buttons. */
void view_dialog(view *v, const char *title, const char *body, const char *ok,
                 view_button_id ok_id, const char *other, view_button_id other_id, bool other_danger);

/* The body map (front and back) in `area` with "Front" / "Back" under the
 * figures; `target` highlighted in `colour` on `side` (see bodymap_view_draw).
 * Draws nothing when the area is too small to read. */
void view_bodymap(view *v, const bodymap_view *bm, SDL_Rect area, const char *target,
                  routine_side side, SDL_Color colour);

/* A step's caution first, in the warning colour (never the "good" one), bold,
 * in at most the top two thirds of `box`, then `body` (may be NULL) in `body_c` in
 * the room left. With no caution, only the body. Fonts as text_draw. */
void view_caution_text(view *v, SDL_Rect box, const char *caution, const char *body, int size,
                       int min_size, SDL_Color body_c);

/* The target under (x, y) in the last frame, VIEW_BTN_NONE if none. */
view_button_id view_hit_test(const view *v, int x, int y, int *arg);

/* "1:05" or "12:30" for a number of seconds; "1 h 05 min" style for long ones
 * when `words` is set ("12 min"). Writes into buf, returns buf. */
char *view_format_time(char *buf, size_t size, uint64_t seconds, bool words);

#endif
