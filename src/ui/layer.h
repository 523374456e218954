/* layer: draw only what changes. A screen that can split its drawing draws
 * its static part (everything but the digits, the bars and the hold ring)
 * once into the layer, a texture of the logical size, stamped with a key:
 * a hash of what that part was drawn from (screen, step, size, texts,
 * language generation; see screen_run_static_key). While the key holds,
 * a frame only restores from the layer the rectangles the dynamic pass
 * redraws (layer_part) and presents those (the damage).
 *
 * The passes are told apart by view.pass: VIEW_PASS_ALL (no layer: the
 * whole screen, as before), VIEW_PASS_STATIC (into the layer), and
 * VIEW_PASS_DYNAMIC (over it). A frame is pixel for pixel the same in
 * every mode: the dynamic parts only ever cover the layer's background.
 */
#ifndef UNKNOT_LAYER_H
#define UNKNOT_LAYER_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "ui/view.h"

typedef struct layer layer;

/* An empty layer (its texture is made on first use). Caller frees with
 * layer_free(); NULL on out of memory. */
layer *layer_new(void);
/* Frees the layer and its texture (NULL is fine). Before the renderer goes. */
void layer_free(layer *l);

/* Whether the layer holds the static part drawn from `key` at w x h. */
bool layer_fresh(const layer *l, uint64_t key, int w, int h);
/* Forgets what the layer holds (fonts, rotation or language changed). */
void layer_forget(layer *l);

/* Points r at the layer (made for w x h) for the static pass. Returns 0, or
 * -1 when the renderer cannot draw into textures (draw without a layer). */
int layer_begin(layer *l, SDL_Renderer *r, int w, int h);
/* Points r back at `target` (NULL: the window) and stamps the layer `key`. */
void layer_end(layer *l, SDL_Renderer *r, SDL_Texture *target, uint64_t key);
/* Copies the whole layer to r's current target. */
void layer_copy(const layer *l, SDL_Renderer *r);

/* A dynamic part of a screen in `box`: whether to draw it in v's pass. In
 * the dynamic pass the layer under box is restored first and box is added
 * to v's damage (the rectangles to present). */
bool layer_part(view *v, SDL_Rect box);

#endif
