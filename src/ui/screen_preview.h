/* screen_preview: a routine's timeline, total time, the selected step's body
 * map and text, any over-treatment warning, and a big Start. */
#ifndef UNKNOT_SCREEN_PREVIEW_H
#define UNKNOT_SCREEN_PREVIEW_H

#include "ui/view.h"

void screen_preview_draw(view *v, const view_model *m);

/* Timeline rows per page at this size (fewer with m->course shown; m may be NULL). */
int screen_preview_per_page(const layout *L, const view_model *m);

#endif
