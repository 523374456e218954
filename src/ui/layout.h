/* layout: sizes and rectangles computed from the window size.
 *
 * Everything scales with the short side of the window (480 px = 1.0), so the
 * same screen works from 800x480 to 1920x1080 and in portrait. Touch targets
 * are at least LAYOUT_MIN_TOUCH px: about 9 mm on the 7" 800x480 panel
 * (~133 dpi).
 */
#ifndef UNKNOT_LAYOUT_H
#define UNKNOT_LAYOUT_H

#include <stdbool.h>

#include <SDL.h>

#define LAYOUT_MIN_TOUCH 48

typedef struct {
	int w, h;        /* logical size (after rotation) */
	bool portrait;   /* h > w */
	float s;         /* scale: short side / 480 */
	int pad;         /* outer margin */
	int gap;         /* space between elements */
	int radius;      /* corner radius of cards and buttons */
	int btn_h;       /* button height (>= LAYOUT_MIN_TOUCH) */
	int fs_small;    /* font sizes, px */
	int fs_body;
	int fs_label;
	int fs_title;
	int fs_big;
	int fs_digits;   /* the countdown */
	int fs_floor;    /* what a user reads from the floor 2 m away (the run
	                    screen's target and side): its capitals are at least
	                    LAYOUT_FLOOR_CAP px tall at 800x480, LAYOUT_FLOOR_CAP_TALL
	                    at 720x1280, scaled with the window elsewhere */
	int fs_warn;     /* safety and warning text (contraindications, over-treatment,
	                    still sore, past the usual course): capitals at least
	                    LAYOUT_WARN_CAP px at 800x480, scaled with the window */
} layout;

/* Cap height of fs_warn at 800x480, px (issue 17: never below 20). */
#define LAYOUT_WARN_CAP 20

/* Cap heights (ink of a capital) of fs_floor, px: >= 12 arc-minutes at 2 m on
 * the 7" 800x480 panel (0.19 mm a pixel). */
#define LAYOUT_FLOOR_CAP 40
#define LAYOUT_FLOOR_CAP_TALL 56

/* The cap height fs_floor guarantees for this layout, px. */
int layout_floor_cap(const layout *l);

/* Computes the metrics for a w x h screen. */
void layout_compute(layout *l, int w, int h);

/* A rectangle shrunk by d on every side. */
SDL_Rect layout_inset(SDL_Rect r, int d);

/* Cuts a strip of height hh off the top (or bottom) of *r and returns it;
 * *r keeps the rest minus `gap`. */
SDL_Rect layout_take_top(SDL_Rect *r, int hh, int gap);
SDL_Rect layout_take_bottom(SDL_Rect *r, int hh, int gap);
/* The same from the left / right, by width. */
SDL_Rect layout_take_left(SDL_Rect *r, int ww, int gap);
SDL_Rect layout_take_right(SDL_Rect *r, int ww, int gap);

/* Cell i of n equal columns of r separated by gap. */
SDL_Rect layout_column(SDL_Rect r, int n, int i, int gap);

/* Whether (x, y) is inside r. */
bool layout_contains(SDL_Rect r, int x, int y);

#endif
