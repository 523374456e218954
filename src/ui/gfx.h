/* gfx: the few drawing primitives the screens use (rounded boxes, bars,
 * discs), with SDL_RenderGeometry so they stay cheap on the software renderer.
 */
#ifndef UNKNOT_GFX_H
#define UNKNOT_GFX_H

#include <SDL.h>

/* A filled rectangle with rounded corners of radius rad (blended by alpha). */
void gfx_round_rect(SDL_Renderer *r, SDL_Rect box, int rad, SDL_Color c);

/* A rounded outline `t` px thick. */
void gfx_round_frame(SDL_Renderer *r, SDL_Rect box, int rad, int t, SDL_Color c);

/* A horizontal progress bar: track colour, then `frac` (0..1) of it filled. */
void gfx_bar(SDL_Renderer *r, SDL_Rect box, float frac, SDL_Color track, SDL_Color fill);

/* A filled disc. */
void gfx_disc(SDL_Renderer *r, int cx, int cy, int rad, SDL_Color c);

/* A ring (annulus of thickness t) filled from 12 o'clock clockwise by frac. */
void gfx_ring(SDL_Renderer *r, int cx, int cy, int rad, int t, float frac, SDL_Color c);

/* A plain filled rectangle (blended by alpha). */
void gfx_fill(SDL_Renderer *r, SDL_Rect box, SDL_Color c);

#endif
