/* window: the SDL window and renderer of the shell, the screen's rotation
 * (a render target turned by 90/180/270 degrees), window pixels to logical
 * coordinates, and screenshots (DIR/NNNN-NAME.bmp, one per distinct frame).
 */
#ifndef UNKNOT_WINDOW_H
#define UNKNOT_WINDOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "app/cli.h"

typedef struct {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *target;        /* rotation target, NULL when not rotated */
	int out_w, out_h;           /* renderer output size (window pixels) */
	int rot;                    /* 0, 90, 180, 270 */
	int lw, lh;                 /* logical size (after rotation) */
	bool native_wait;           /* the video driver can block in SDL_WaitEventTimeout */
	unsigned poll_ms;           /* otherwise: pump SDL's input this often (0 = none) */
	bool surface_rects;         /* the software renderer draws into the window's surface:
	                               rectangles of it can be presented (window_present_rects) */
	int shot_n;                 /* screenshots saved */
	uint64_t last_hash;         /* of the last one saved */
	void *pixels;               /* reused read-back buffer */
	size_t pixels_size;
} window;

/* Opens the window (size, fullscreen or not from o and the video driver)
 * turned by rot degrees. Returns 0, or -1 (logged). */
int window_open(window *w, const cli_options *o, int rot, bool trace);
/* Frees what window_open made. */
void window_close(window *w);

/* The output size changed (or the rotation): a new target, new logical size. */
void window_resized(window *w);
void window_set_rotation(window *w, int rot);

/* Window pixels to logical (rotated) coordinates. */
void window_to_logical(const window *w, int px, int py, int *lx, int *ly);
/* Mouse coordinates (window points) to window pixels. */
void window_mouse_pixels(const window *w, int x, int y, int *px, int *py);

/* Starts drawing a frame (into the rotation target when there is one). */
void window_begin(window *w);
/* Turns the frame onto the screen, saves it in shot_dir when it changed
 * (named shot_name), and presents it. */
void window_present(window *w, const char *shot_dir, const char *shot_name, uint64_t now);
/* Whether window_present_rects presents only the rectangles (else it
 * presents the whole frame: a GL renderer, or the screen is rotated). */
bool window_can_present_rects(const window *w);
/* window_present, but putting only n rectangles (logical = window pixels
 * here) on the screen: the rest of the window keeps the last frame. */
void window_present_rects(window *w, const SDL_Rect *rects, int n, const char *shot_dir,
                          const char *shot_name, uint64_t now);
/* Saves the frame drawn as DIR/NNNN-NAME.bmp (force: even if it did not
 * change). Before window_present. */
void window_screenshot(window *w, const char *dir, const char *name, bool force, uint64_t now);

/* Before SDL_Init: no X Compose table parsed (nothing is typed into
 * unknot) and no D-Bus session bus spawned where the display has none. A
 * user's own XCOMPOSEFILE or bus is kept. */
void window_prepare_env(void);

#endif
