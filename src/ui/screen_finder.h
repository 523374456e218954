/* screen_finder: "Where does it hurt?" (issue 20): the body map (front,
 * back, the head and the feet enlarged) with every area that can be tapped
 * edged, the chosen ones filled, the highlighted candidate's muscle and
 * referral zone shaded; the candidate muscles ranked with a one-line why
 * and "stretch only" where a ball must not go; Back, Clear and "Make my
 * routine". A touch on the map is resolved to the nearest area within a
 * fingertip (core/areapick.h) on the half touched. */
#ifndef UNKNOT_SCREEN_FINDER_H
#define UNKNOT_SCREEN_FINDER_H

#include "ui/view.h"

void screen_finder_draw(view *v, const view_model *m);

#endif
