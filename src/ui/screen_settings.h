/* screen_settings: volume, mute, display rotation, pedal mapping and a live
 * pedal test (level, hold fill, recognised gestures with durations). */
#ifndef UNKNOT_SCREEN_SETTINGS_H
#define UNKNOT_SCREEN_SETTINGS_H

#include "ui/view.h"

void screen_settings_draw(view *v, const view_model *m);

#endif
