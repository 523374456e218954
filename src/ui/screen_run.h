/* screen_run: the run screen (countdown, step, instructions, controls) with
 * its paused and end-confirmation overlays. */
#ifndef UNKNOT_SCREEN_RUN_H
#define UNKNOT_SCREEN_RUN_H

#include "ui/view.h"

/* Draws the run screen for m->session at m->now. */
void screen_run_draw(view *v, const view_model *m);

/* The rectangle the countdown digits occupy at this size (for tests). */
SDL_Rect screen_run_digits_rect(const layout *L);

#endif
