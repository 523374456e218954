/* history_view: the History screen (issue 8), drawn from a history read from
 * the journal (core/history.h).
 *
 * Home mode: sessions per day over the last four weeks (bars: completed and
 * not completed), the streak and totals, discomfort marks per session over
 * the latest sessions (a dot-and-line chart), and per target: the course of
 * treatment (sessions against 4-6), the average hold and how many holds were
 * released early or held the full time. Kiosk mode (m->kiosk) shows only
 * today's usage counts: a station keeps no personal history on screen.
 * Registers a Back button (VIEW_BTN_BACK).
 */
#ifndef UNKNOT_HISTORY_VIEW_H
#define UNKNOT_HISTORY_VIEW_H

#include <stdint.h>

#include "core/history.h"
#include "ui/view.h"

#define HISTORY_VIEW_DAYS 28      /* days in the bar chart */
#define HISTORY_VIEW_SESSIONS 30  /* latest sessions in the discomfort chart */

/* Draws the screen. h is borrowed (NULL = no journal: an empty history);
 * m may be NULL (home mode); today is the local day number
 * (history_day_of(now, tz_offset_min)). */
void history_view_draw(view *v, const view_model *m, const history *h, int32_t today);

#endif
