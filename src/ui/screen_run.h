/* screen_run: the run screen (countdown, step, instructions, controls) with
 * its paused and end-confirmation overlays. */
#ifndef UNKNOT_SCREEN_RUN_H
#define UNKNOT_SCREEN_RUN_H

#include "ui/view.h"

/* Draws the run screen for m->session at m->now. */
void screen_run_draw(view *v, const view_model *m);

/* What the static part of the run screen (all but the digits, the bars and
 * the pedal's disc) is drawn from, hashed at v's layout size (ui/layer.h);
 * 0 when it cannot be kept (a dialog or the flash lies over the dynamic
 * parts). The language and fonts are not in it: forget the layer when they
 * change. */
uint64_t screen_run_static_key(const view *v, const view_model *m);

/* The rectangle the countdown digits occupy at this size (for tests). */
SDL_Rect screen_run_digits_rect(const layout *L);

/* The box of the step's target name for this name at this size: one line at
 * L.fs_floor when it fits the width, else two. */
SDL_Rect screen_run_target_rect(view *v, const char *name);

/* Draws a target name into that box at L.fs_floor, never smaller: wrapped to
 * two lines, the rest of a longer name cut with an ellipsis (it is spoken).
 * Returns the rectangle covered. */
SDL_Rect screen_run_draw_name(view *v, const char *name, SDL_Rect box, SDL_Color c);

#endif
