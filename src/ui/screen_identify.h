/* screen_identify: the fleet's "identify" command (issue 11): the station's
 * name, big, in a band across the middle of whatever screen is showing,
 * flashing (two shades) so a manager walking the floor finds the station. */
#ifndef UNKNOT_SCREEN_IDENTIFY_H
#define UNKNOT_SCREEN_IDENTIFY_H

#include <stdbool.h>

#include "ui/view.h"

/* Draws "STATION" (big) and "SITE" (small) over the screen; `bright` picks
 * the flash phase. */
void screen_identify_draw(view *v, const char *station, const char *site, bool bright);

#endif
