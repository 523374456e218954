/* screen_run: a target name on the run screen is never drawn below the floor
 * size (capitals >= 40 px at 800x480, 56 px at 720x1280, scaled at
 * 1920x1080; issue 17), for the longest names the routine format allows
 * (ROUTINE_MAX_NAME bytes): it wraps to two lines, the rest is cut (and
 * spoken); it never leaves its box. The cap height is measured from the
 * pixels of the rendered name, not from the layout's numbers.
 *
 * Headless: a software renderer over a plain surface. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "core/routine.h"
#include "core/session.h"
#include "ui/layout.h"
#include "ui/screen_run.h"
#include "ui/text.h"
#include "ui_fixture.h"
#include "ui/view.h"

static const int sizes[][3] = {{800, 480, 40}, {720, 1280, 56}, {1920, 1080, 90}};


/* `word` repeated to exactly `bytes` bytes, filled up with 'M'. Caller frees. */
static char *repeat(const char *word, size_t bytes, bool spaces)
{
	return repeat_fill(word, bytes, spaces, 'M');
}

static bool ink(const fixture *f, int x, int y)
{
	const Uint32 *row = (const Uint32 *)((const Uint8 *)f->surf->pixels + y * f->surf->pitch);
	return (row[x] & 0xFF) > 128;
}

/* Bands of ink rows inside box (lines of text); *cap gets the ink height of
 * the first band's leftmost glyph. */
static int bands(const fixture *f, SDL_Rect box, int *cap)
{
	int n = 0, y0 = -1, y1 = -1;
	bool in = false;
	for (int y = box.y; y <= box.y + box.h; y++) {
		bool any = false;
		for (int x = box.x; y < box.y + box.h && x < box.x + box.w && !any; x++)
			any = ink(f, x, y);
		if (any && !in) {
			n++;
			if (n == 1)
				y0 = y;
		}
		if (!any && in && n == 1)
			y1 = y - 1;
		in = any;
	}
	*cap = 0;
	if (y0 < 0)
		return 0;
	int left = -1;
	for (int x = box.x; x < box.x + box.w && left < 0; x++)
		for (int y = y0; y <= y1; y++)
			if (ink(f, x, y)) {
				left = x;
				break;
			}
	/* The glyph: the ink columns from `left` up to the first empty one. */
	int right = left;
	for (bool col = true; col && right < box.x + box.w; right++) {
		col = false;
		for (int y = y0; y <= y1 && !col; y++)
			col = ink(f, right, y);
	}
	int top = -1, bottom = -1;
	for (int y = y0; y <= y1; y++)
		for (int x = left; x < right; x++)
			if (ink(f, x, y)) {
				if (top < 0)
					top = y;
				bottom = y;
			}
	*cap = top < 0 ? 0 : bottom - top + 1;
	return n;
}

static void test_longest_names_keep_the_floor(void **state)
{
	fixture *f = *state;
	char *names[] = {
		repeat("Sternocleidomastoid", ROUTINE_MAX_NAME, true), /* long words */
		repeat("M", ROUTINE_MAX_NAME, false),                  /* no break at all */
		repeat("Iliocostalis lumborum pars thoracis", ROUTINE_MAX_NAME, true),
		strdup("Extensor carpi radialis longus"),              /* long, real */
		strdup("Upper trapezius"),
	};
	SDL_Color white = {255, 255, 255, 255};
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		view v = {.r = f->r, .txt = f->t};
		layout_compute(&v.L, sizes[z][0], sizes[z][1]);
		assert_true(layout_floor_cap(&v.L) >= sizes[z][2]);
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			SDL_SetRenderDrawColor(f->r, 0, 0, 0, 255);
			SDL_RenderClear(f->r);
			SDL_Rect box = screen_run_target_rect(&v, names[i]);
			SDL_Rect d = screen_run_draw_name(&v, names[i], box, white);
			int cap = 0;
			int lines = bands(f, (SDL_Rect){0, 0, sizes[z][0], sizes[z][1]}, &cap);
			if (d.w <= 0 || d.x < box.x || d.y < box.y || d.x + d.w > box.x + box.w ||
			    d.y + d.h > box.y + box.h)
				fail_msg("%dx%d \"%s\": drawn at %d,%d %dx%d outside the box %d,%d %dx%d",
				         sizes[z][0], sizes[z][1], names[i], d.x, d.y, d.w, d.h, box.x,
				         box.y, box.w, box.h);
			if (lines < 1 || lines > 2 || cap < sizes[z][2])
				fail_msg("%dx%d \"%s\": %d lines, capital %d px (floor %d)", sizes[z][0],
				         sizes[z][1], names[i], lines, cap, sizes[z][2]);
			/* Real names of up to 30 bytes wrap rather than get cut: two
			 * lines at most, and all of the name's words on them. */
			if (i == 3 && lines != 2 && sizes[z][0] < 1000)
				fail_msg("%dx%d: a 30-byte name takes %d lines", sizes[z][0], sizes[z][1], lines);
		}
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		free(names[i]);
}

/* Every touch target the run screen registers is at least LAYOUT_MIN_TOUCH
 * (48 px) in its smaller dimension at 800x480 (the discomfort chip was 44). */
static void test_run_touch_targets(void **state)
{
	fixture *f = *state;
	static const char json[] =
		"{\"format\":1,\"title\":\"T\",\"defaults\":{\"transition_s\":0},\"steps\":["
		"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"upper trapezius\","
		"\"sides\":[\"left\"],\"duration_s\":30,\"text\":\"Lean in.\"}]}";
	routine_diags d = {0};
	routine *r = routine_parse("t.json", json, strlen(json), &d);
	routine_diags_free(&d);
	assert_non_null(r);
	session *s = session_new(r);
	assert_non_null(s);
	assert_int_equal(session_start(s, 0), 0);
	for (int skip = 0; skip < 2; skip++) {
		view v = {.r = f->r, .txt = f->t};
		view_begin(&v, 800, 480);
		view_model m = {0};
		m.screen = VIEW_RUN;
		m.routine = r;
		m.session = s;
		m.now = 1000;
		m.ease_off = true;
		m.skip_offer = skip;
		screen_run_draw(&v, &m);
		assert_true(v.nhits >= 6);
		for (size_t i = 0; i < v.nhits; i++) {
			SDL_Rect h = v.hits[i].r;
			int small = h.w < h.h ? h.w : h.h;
			if (small < LAYOUT_MIN_TOUCH)
				fail_msg("target %s is %dx%d", view_button_name(v.hits[i].id), h.w, h.h);
		}
	}
	session_free(s);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_longest_names_keep_the_floor),
		cmocka_unit_test(test_run_touch_targets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
