/* screen_safety: the safety screen (first run; in kiosk mode before every
 * session), accepted by a touch, Enter or a pedal tap. */
#ifndef UNKNOT_SCREEN_SAFETY_H
#define UNKNOT_SCREEN_SAFETY_H

#include "ui/view.h"

void screen_safety_draw(view *v, const view_model *m);

/* The Safety page (from the library and settings): the full texts of
 * safety_details() and the aftercare, one section per page
 * (m->safety_page), with page buttons (VIEW_BTN_PAGE_PREV / _NEXT) and Back
 * (VIEW_BTN_BACK). */
void screen_safety_page_draw(view *v, const view_model *m);

/* Pages of the Safety page. */
int screen_safety_page_count(void);

#endif
