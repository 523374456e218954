/* bodymap_view: draws the body map (front and back side by side) with the
 * current target's muscle highlighted and its referral zone shaded.
 *
 * The view converts the map's fill triangles to SDL vertices once, at
 * creation; drawing only scales them into the given rectangle and calls
 * SDL_RenderGeometry (SDL >= 2.0.18). An unknown or NULL target draws the
 * outline only.
 */
#ifndef UNKNOT_BODYMAP_VIEW_H
#define UNKNOT_BODYMAP_VIEW_H

#include <SDL.h>

#include "core/bodymap.h"
#include "core/routine.h"

typedef struct bodymap_view bodymap_view;

/* Colours of the figure itself; the highlight colour is passed to draw. */
typedef struct {
	SDL_Color body;     /* silhouette fill */
	SDL_Color outline;  /* silhouette stroke */
	SDL_Color detail;   /* anatomical detail lines */
} bodymap_view_style;

/* Builds a view over `map` and takes ownership of it (freed with the view,
 * also when this fails). Returns NULL on allocation failure or when map is
 * NULL (io/bodymapfile.h reads the bundled map). Caller frees. */
bodymap_view *bodymap_view_new(bodymap *map);

void bodymap_view_free(bodymap_view *v); /* NULL is fine */

/* The map the view draws (owned by the view). */
const bodymap *bodymap_view_map(const bodymap_view *v);

/* Overrides the default (dark-theme) figure colours. */
void bodymap_view_set_style(bodymap_view *v, const bodymap_view_style *style);

/* Where the two figures land inside `area` (aspect kept, centred): the front
 * view on the left, the back view on the right. Either out pointer may be
 * NULL. Use it to place "Front"/"Back" labels. */
void bodymap_view_layout(SDL_Rect area, SDL_Rect *front, SDL_Rect *back);

/* Draws both views into `area`. `target` (may be NULL) is highlighted in
 * `colour` on `side` (ROUTINE_SIDE_NONE: both sides), its referral zone shaded
 * with a translucent, hatched fill of the same colour. Returns 1 when the
 * target was found and highlighted, 0 when only the outline was drawn. */
int bodymap_view_draw(SDL_Renderer *r, const bodymap_view *v, SDL_Rect area,
                      const char *target, routine_side side, SDL_Color colour);

/* Parts of one view in a zoomed pane (the pain finder, issue 20). */

/* A window onto one view, in map units. */
typedef struct {
	bodymap_facing facing;
	float x0, y0, w, h;
} bodymap_view_window;

/* The transform that fits win into dst (aspect kept, centred): a map point
 * (x, y) lands at (*ox + x * *s, *oy + y * *s). */
void bodymap_view_fit(SDL_Rect dst, const bodymap_view_window *win, float *ox, float *oy, float *s);

/* The figure of view f under that transform: the body and its detail lines,
 * or (outline) only its outline, drawn last over what was painted on it. */
void bodymap_view_figure(SDL_Renderer *r, const bodymap_view *v, bodymap_facing f, float ox, float oy, float s,
                         bool outline);

typedef enum {
	BODYMAP_PAINT_SOLID = 0, /* filled, with a lighter rim (a muscle, a chosen area) */
	BODYMAP_PAINT_ZONE,      /* translucent and hatched (a referral zone) */
	BODYMAP_PAINT_EDGE       /* its edge only (an area that can be chosen) */
} bodymap_view_paint;

/* One polygon under that transform. */
void bodymap_view_poly(SDL_Renderer *r, const bodymap_poly *p, float ox, float oy, float s, SDL_Color c,
                       bodymap_view_paint paint);

#endif
