/* digits: the big countdown composed from glyphs rendered once looks the
 * same as the string rendered whole (pixel for pixel, within rounding), at
 * the sizes the run screen uses on 800x480, 720x1280 and 1920x1080, left
 * aligned and centred; a glyph one pixel off is caught; a countdown of many
 * seconds renders no new text.
 *
 * Headless: a software renderer over a plain surface (no video driver). */
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

#include "ui/digits.h"
#include "ui/layout.h"
#include "ui/text.h"
#include "ui_fixture.h"

#define TOLERANCE 2 /* per channel: rounding of blending, never a glyph's edge */

static const SDL_Color bg = {20, 28, 40, 255};

/* text_on_cut: counts the strings cut short. */
static void count_cut(void *user, const char *s, int w, int h)
{
	(void)s, (void)w, (void)h;
	(*(int *)user)++;
}

/* Draws s into box over the background, whole or composed from glyphs;
 * returns the rectangle drawn and copies the box's pixels into out. */
static SDL_Rect draw(fixture *f, bool glyphs, const char *s, SDL_Rect box, int size, int flags,
                     SDL_Color c, Uint32 *out)
{
	text_compose_digits(f->t, glyphs);
	SDL_SetRenderDrawColor(f->r, bg.r, bg.g, bg.b, 255);
	SDL_RenderFillRect(f->r, &box);
	SDL_Rect d = text_draw(f->t, s, box, size, size * 6 / 10, flags, c);
	SDL_RenderFlush(f->r);
	for (int y = 0; y < box.h; y++)
		memcpy(out + (size_t)y * (size_t)box.w,
		       (Uint8 *)f->surf->pixels + (size_t)(box.y + y) * (size_t)f->surf->pitch +
		       (size_t)box.x * 4, (size_t)box.w * 4);
	return d;
}

/* The largest difference of one channel between a and b (n pixels). */
static int max_diff(const Uint32 *a, const Uint32 *b, size_t n)
{
	int worst = 0;
	for (size_t i = 0; i < n; i++)
		for (int sh = 0; sh < 24; sh += 8) {
			int d = (int)((a[i] >> sh) & 0xff) - (int)((b[i] >> sh) & 0xff);
			if (d < 0)
				d = -d;
			if (d > worst)
				worst = d;
		}
	return worst;
}

/* Pixels that differ from the background: something was drawn. */
static size_t inked(const fixture *f, const Uint32 *a, size_t n)
{
	Uint32 b = SDL_MapRGB(f->surf->format, bg.r, bg.g, bg.b);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += (a[i] & 0xffffff) != (b & 0xffffff);
	return k;
}

static void test_same_as_whole(void **state)
{
	fixture *f = *state;
	static const int screens[][2] = {{800, 480}, {720, 1280}, {1920, 1080}};
	const char *strs[] = {"0:45", "12:08", "7", "1:02:03", "10:00", "9:59", "0:00", "3:17"};
	SDL_Color cs[] = {{235, 238, 242, 255}, {140, 150, 165, 255}};
	size_t n = 0, ncut = 0;
	for (size_t z = 0; z < sizeof screens / sizeof screens[0]; z++) {
		layout L;
		layout_compute(&L, screens[z][0], screens[z][1]);
		/* the countdown's size, the pain scale's, and sizes between */
		int sizes[] = {L.fs_digits, L.fs_digits * 7 / 10, L.fs_big, L.fs_label, 23, 57};
		for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++)
			for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++)
				for (int shape = 0; shape < 4; shape++) {
					/* left aligned or centred, in a wide box or one it shrinks to fit */
					int size = sizes[si], centre = shape & 1;
					SDL_Rect box = {3 + (int)z, 5, shape & 2 ? size * 5 / 2 : size * 5, size * 3 / 2};
					if (box.w > 1900)
						box.w = 1900;
					if (box.h > 1200)
						box.h = 1200;
					int flags = TEXT_BOLD | TEXT_TIGHT | TEXT_MIDDLE | (centre ? TEXT_CENTER : 0);
					SDL_Color c = cs[(k + si) % 2];
					size_t px = (size_t)box.w * (size_t)box.h;
					Uint32 *a = malloc(px * 4), *b = malloc(px * 4);
					/* composed first: had it been rendered whole, that would
					 * be a miss of the text cache (no case repeats a box) */
					int cut = 0;
					size_t before = 0, after = 0;
					text_on_cut(f->t, count_cut, &cut);
					text_stats(f->t, NULL, NULL, &before);
					SDL_Rect db = draw(f, true, strs[k], box, size, flags, c, b);
					text_stats(f->t, NULL, NULL, &after);
					SDL_Rect da = draw(f, false, strs[k], box, size, flags, c, a);
					text_on_cut(f->t, NULL, NULL);
					/* composed, not rendered whole, unless it does not fit even
					 * at its smallest size (its last digits an ellipsis) */
					if (cut)
						assert_int_equal(after, before + 1);
					else
						assert_int_equal(after, before);
					ncut += cut > 0;
					assert_true(da.w > 0 && inked(f, a, px) > 0);
					assert_memory_equal(&da, &db, sizeof da);
					int worst = max_diff(a, b, px);
					if (worst > TOLERANCE)
						fprintf(stderr, "'%s' size %d centre %d: differs by %d\n", strs[k], size,
						        centre, worst);
					assert_true(worst <= TOLERANCE);
					free(a);
					free(b);
					n++;
				}
	}
	assert_true(n >= 500);
	assert_true(ncut > 0 && ncut < n / 4);
}

/* The comparison sees a glyph one pixel off: the whole string drawn one
 * pixel right, or down, differs from the composed one by far more than the
 * tolerance. */
static void test_one_pixel_off_is_seen(void **state)
{
	fixture *f = *state;
	SDL_Color c = {235, 238, 242, 255};
	int flags = TEXT_BOLD | TEXT_TIGHT | TEXT_MIDDLE;
	SDL_Rect box = {40, 40, 600, 200};
	size_t px = (size_t)box.w * (size_t)box.h;
	Uint32 *a = malloc(px * 4), *b = malloc(px * 4);
	draw(f, true, "12:08", box, 120, flags, c, b);
	SDL_Rect moves[] = {{41, 40, 600, 200}, {40, 41, 600, 200}};
	for (int m = 0; m < 2; m++) {
		/* the same pixels read from the unshifted box */
		text_compose_digits(f->t, false);
		SDL_SetRenderDrawColor(f->r, bg.r, bg.g, bg.b, 255);
		SDL_RenderFillRect(f->r, &(SDL_Rect){0, 0, 700, 300});
		text_draw(f->t, "12:08", moves[m], 120, 72, flags, c);
		SDL_RenderFlush(f->r);
		for (int y = 0; y < box.h; y++)
			memcpy(a + (size_t)y * (size_t)box.w,
			       (Uint8 *)f->surf->pixels + (size_t)(box.y + y) * (size_t)f->surf->pitch +
			       (size_t)box.x * 4, (size_t)box.w * 4);
		assert_true(max_diff(a, b, px) > 50);
	}
	free(a);
	free(b);
}

/* A countdown of twenty minutes renders its glyphs once: no new text
 * rendered, and only the eleven characters held. */
static void test_countdown_renders_nothing_new(void **state)
{
	fixture *f = *state;
	text_compose_digits(f->t, true);
	text_clear(f->t);
	SDL_Color c = {235, 238, 242, 255};
	SDL_Rect box = {0, 0, 900, 400};
	int flags = TEXT_BOLD | TEXT_TIGHT | TEXT_MIDDLE;
	text_draw(f->t, "0:00", box, 300, 180, flags, c);
	text_draw(f->t, "12:34", box, 300, 180, flags, c);
	text_draw(f->t, "56:78", box, 300, 180, flags, c);
	text_draw(f->t, "9:99", box, 300, 180, flags, c);
	size_t entries0 = 0, renders0 = 0, entries1 = 0, renders1 = 0;
	text_stats(f->t, &entries0, NULL, &renders0);
	for (int sec = 20 * 60; sec >= 0; sec--) {
		char buf[16];
		snprintf(buf, sizeof buf, "%d:%02d", sec / 60, sec % 60);
		SDL_Rect d = text_draw(f->t, buf, box, 300, 180, flags, c);
		assert_true(d.w > 0 && d.h > 0);
	}
	text_stats(f->t, &entries1, NULL, &renders1);
	assert_int_equal(renders1, renders0);
	assert_int_equal(entries1, entries0);
}

/* What digits_only takes: a countdown, not words or other scripts. */
static void test_only_countdown_characters(void **state)
{
	(void)state;
	assert_true(digits_only("0:45"));
	assert_true(digits_only("1:02:03"));
	assert_true(digits_only("-3"));
	assert_false(digits_only(""));
	assert_false(digits_only(NULL));
	assert_false(digits_only("45 s"));
	assert_false(digits_only("\xd9\xa4\xd9\xa5")); /* Arabic-Indic digits */
}

int main(void)
{
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_whole),
		cmocka_unit_test(test_one_pixel_off_is_seen),
		cmocka_unit_test(test_countdown_renders_nothing_new),
		cmocka_unit_test(test_only_countdown_characters),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
