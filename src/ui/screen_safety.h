/* screen_safety: the safety screen (first run; in kiosk mode before every
 * session), accepted by a touch, Enter or a pedal tap. */
#ifndef UNKNOT_SCREEN_SAFETY_H
#define UNKNOT_SCREEN_SAFETY_H

#include "ui/view.h"

void screen_safety_draw(view *v, const view_model *m);

#endif
