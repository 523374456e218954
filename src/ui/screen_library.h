/* screen_library: the routines as large cards, broken files listed apart. */
#ifndef UNKNOT_SCREEN_LIBRARY_H
#define UNKNOT_SCREEN_LIBRARY_H

#include "ui/view.h"

void screen_library_draw(view *v, const view_model *m);

/* How many cards fit on one page at this size. */
int screen_library_per_page(const layout *L);

#endif
