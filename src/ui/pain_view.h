/* pain_view: the 0-10 pain check and the pain scores page of the History
 * screen (issue 20).
 *
 * pain_view_dialog() draws the question over any screen (the preview's
 * check-in, the summary after a session) from m->pain: the area, the number
 * the pedal has highlighted shown large, eleven touch targets 0..10 (each at
 * least LAYOUT_MIN_TOUCH wide and tall at 720 px and up) and Skip
 * (VIEW_BTN_COMPLAINT, arg = score, -1 for Skip).
 *
 * pain_view_draw() is History's second page (m->history_page == 1): for the
 * area m->pain_area of the history's painlog, the scores over time (before
 * the session filled, after it hollow, on a 0-10 axis with big labels), the
 * sessions done under it on the same days, and the "see a professional"
 * rule's advice said plainly. Registers Back (VIEW_BTN_BACK), Overview
 * (VIEW_BTN_PAIN_PAGE) and Next area (VIEW_BTN_PAIN_AREA) when there are
 * several. Reads no file: h is the history the controller holds.
 */
#ifndef UNKNOT_PAIN_VIEW_H
#define UNKNOT_PAIN_VIEW_H

#include <stdint.h>

#include "core/history.h"
#include "ui/view.h"

#define PAIN_VIEW_MIN_DAYS 14   /* the chart spans at least two weeks */
#define PAIN_VIEW_MAX_DAYS 62   /* and at most two months, ending today */

/* Draws the pain question over the screen when m->pain.active. */
void pain_view_dialog(view *v, const view_model *m);

/* Draws the History screen's pain page. h may be NULL (no journal). */
void pain_view_draw(view *v, const view_model *m, const history *h, int32_t today);

#endif
