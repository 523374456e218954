/* screen_admin: the kiosk's admin overlays, drawn over whatever screen is
 * shown: the PIN pad, the "no PIN configured" note, the admin page (broken
 * routine files, leave the kiosk), a brief message ("Wrong PIN"), and the
 * idle dimming. */
#ifndef UNKNOT_SCREEN_ADMIN_H
#define UNKNOT_SCREEN_ADMIN_H

#include "ui/view.h"

/* The hidden corner held to open the PIN pad (top-left, ~1.5 cm). */
SDL_Rect screen_admin_corner(const layout *L);

/* The overlay for m->admin (nothing for VIEW_ADMIN_NONE); it takes every
 * touch. */
void screen_admin_draw(view *v, const view_model *m);

/* m->admin_message as a banner at the top, when set. */
void screen_admin_message(view *v, const view_model *m);

/* Idle dimming: a dark veil over the whole frame with a faint hint. Touch
 * targets stay as they were: the app swallows the waking input. */
void screen_admin_dim(view *v);

#endif
