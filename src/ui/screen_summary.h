/* screen_summary: the end of a session: steps done, planned vs actual time,
 * discomfort per target, comparison with last time, aftercare. */
#ifndef UNKNOT_SCREEN_SUMMARY_H
#define UNKNOT_SCREEN_SUMMARY_H

#include "ui/view.h"

void screen_summary_draw(view *v, const view_model *m);

#endif
