/* text: fonts are opened, and fitted text never overflows its box, for the
 * longest strings the routine format allows, at 800x480, 720x1280 and
 * 1920x1080; the countdown is at least a quarter of the screen height in
 * landscape; the cache reuses textures and keeps its budget.
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
#include <unistd.h>

#include <SDL.h>

#include "core/routine.h"
#include "ui/layout.h"
#include "ui/screen_run.h"
#include "ui/text.h"
#include "ui_fixture.h"

static const int sizes[][2] = {{800, 480}, {720, 1280}, {1920, 1080}};


/* `word` repeated to exactly `bytes` bytes, filled up with 'W'. Caller frees. */
static char *repeat(const char *word, size_t bytes, bool spaces)
{
	return repeat_fill(word, bytes, spaces, 'W');
}

/* The longest strings the format allows, in the shapes that are hardest to fit. */
static char **long_strings(size_t *count)
{
	static char *list[10];
	size_t n = 0;
	list[n++] = repeat("Wmmw", ROUTINE_MAX_TITLE, true);        /* title of wide words */
	list[n++] = repeat("W", ROUTINE_MAX_TITLE, false);          /* title, no break at all */
	list[n++] = repeat("sternocleidomastoid", ROUTINE_MAX_NAME, true); /* target names */
	list[n++] = repeat("M", ROUTINE_MAX_NAME, false);
	list[n++] = repeat("breathe slowly and let the muscle release", ROUTINE_MAX_TEXT, true);
	list[n++] = repeat("\xC3\x9C\xC3\x9F", ROUTINE_MAX_TEXT, false); /* 2-byte UTF-8, no spaces */
	list[n++] = repeat("\xE2\x80\x94line\n", ROUTINE_MAX_TEXT, false); /* many short lines */
	*count = n;
	return list;
}

static void free_strings(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
}

/* Every box shape the screens use, for every size: never wider or taller than
 * the box, and something is drawn whenever one line at the minimum fits. */
static void test_never_overflows(void **state)
{
	fixture *f = *state;
	size_t ns;
	char **strs = long_strings(&ns);
	SDL_Color white = {255, 255, 255, 255};
	size_t checked = 0;
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		layout L;
		layout_compute(&L, sizes[z][0], sizes[z][1]);
		int ws[] = {L.w - 2 * L.pad, L.w * 60 / 100, L.w * 40 / 100, L.w / 5, 60};
		int hs[] = {L.fs_small * 13 / 10, L.fs_label * 13 / 10, L.fs_big * 13 / 10,
		            L.fs_body * 4, L.h / 3};
		int fsz[] = {L.fs_small, L.fs_body, L.fs_label, L.fs_big};
		int flags[] = {0, TEXT_BOLD | TEXT_TIGHT, TEXT_WRAP, TEXT_WRAP | TEXT_BOLD | TEXT_CENTER};
		for (size_t s = 0; s < ns; s++)
			for (size_t wi = 0; wi < 5; wi++)
				for (size_t hi = 0; hi < 5; hi++)
					for (size_t fi = 0; fi < 4; fi++)
						for (size_t gi = 0; gi < 4; gi++) {
							int tw = -1, th = -1;
							SDL_Texture *tex = text_render(f->t, strs[s], ws[wi], hs[hi], fsz[fi],
							                               fsz[fi] * 7 / 10, flags[gi], white,
							                               &tw, &th);
							if (!tex)
								fail_msg("%dx%d: string %zu in %dx%d at %d px flags %d: nothing drawn",
								         L.w, L.h, s, ws[wi], hs[hi], fsz[fi], flags[gi]);
							int qw, qh;
							SDL_QueryTexture(tex, NULL, NULL, &qw, &qh);
							if (qw > ws[wi] || qh > hs[hi])
								fail_msg("%dx%d: string %zu in %dx%d at %d px flags %d: %dx%d",
								         L.w, L.h, s, ws[wi], hs[hi], fsz[fi], flags[gi], qw, qh);
							assert_int_equal(qw, tw);
							assert_int_equal(qh, th);
							checked++;
						}
	}
	free_strings(strs, ns);
	assert_true(checked > 2000);
}

/* A box smaller than one line at the minimum size still gets (smaller) text
 * that fits, down to a floor; a box of nothing gets nothing. */
static void test_tiny_boxes(void **state)
{
	fixture *f = *state;
	SDL_Color c = {200, 200, 200, 255};
	int tw, th;
	SDL_Texture *tex = text_render(f->t, "Upper trapezius", 200, 12, 24, 20, 0, c, &tw, &th);
	assert_non_null(tex);
	assert_true(th <= 12 && tw <= 200);
	assert_null(text_render(f->t, "x", 0, 10, 20, 10, 0, c, &tw, &th));
	assert_null(text_render(f->t, "", 100, 100, 20, 10, 0, c, &tw, &th));
	/* Not even one glyph wide: no texture rather than an overflowing one. */
	tex = text_render(f->t, "WWW", 1, 100, 20, 20, 0, c, &tw, &th);
	if (tex)
		assert_true(tw <= 1);
}

/* A long word in a box that would take two lines of it broken mid-word at
 * the requested size: it shrinks to one whole line first (issue 21: German
 * "Faszienrolle" beside the side word); broken only at the smallest size. */
static void test_long_word_shrinks_before_breaking(void **state)
{
	fixture *f = *state;
	SDL_Color c = {255, 255, 255, 255};
	int w16, w32, tw, th;
	assert_int_equal(text_measure(f->t, "Faszienrolle", 16, false, &w16, NULL), 0);
	assert_int_equal(text_measure(f->t, "Faszienrolle", 32, false, &w32, NULL), 0);
	int boxw = w16 + 4, boxh = 70; /* two lines at 28 px, the word whole only near 16 px */
	assert_true(w32 > boxw);
	assert_non_null(text_render(f->t, "Faszienrolle", boxw, boxh, 32, 16, TEXT_WRAP, c, &tw, &th));
	assert_true(tw <= boxw);
	assert_true(th < 32); /* one line, not two pieces of the word */
}

/* Short text keeps its requested size: fitting only ever shrinks. */
static void test_keeps_size_when_it_fits(void **state)
{
	fixture *f = *state;
	SDL_Color c = {255, 255, 255, 255};
	int mw, mh, tw, th;
	assert_int_equal(text_measure(f->t, "Pause", 24, true, &mw, &mh), 0);
	assert_non_null(text_render(f->t, "Pause", 400, 100, 24, 10, TEXT_BOLD, c, &tw, &th));
	assert_int_equal(tw, mw);
	assert_int_equal(th, mh);
}

/* In landscape the countdown's ink is at least a quarter of the screen height. */
static void test_digits_quarter_height(void **state)
{
	fixture *f = *state;
	int land[][2] = {{800, 480}, {1024, 600}, {1280, 720}, {1920, 1080}};
	SDL_Color white = {255, 255, 255, 255};
	for (size_t z = 0; z < 4; z++) {
		layout L;
		layout_compute(&L, land[z][0], land[z][1]);
		SDL_Rect box = screen_run_digits_rect(&L);
		SDL_SetRenderDrawColor(f->r, 0, 0, 0, 255);
		SDL_RenderClear(f->r);
		SDL_Rect d = text_draw(f->t, "1:30", box, L.fs_digits, L.fs_digits * 6 / 10,
		                       TEXT_BOLD | TEXT_TIGHT | TEXT_MIDDLE, white);
		assert_true(d.w > 0);
		/* Ink rows: any bright pixel inside the box. */
		int top = -1, bottom = -1;
		for (int y = box.y; y < box.y + box.h; y++) {
			const Uint32 *row = (const Uint32 *)((const Uint8 *)f->surf->pixels + y * f->surf->pitch);
			for (int x = box.x; x < box.x + box.w; x++) {
				if ((row[x] & 0xFF) > 128) {
					if (top < 0)
						top = y;
					bottom = y;
					break;
				}
			}
		}
		int ink = bottom - top + 1;
		if (top < 0 || ink * 4 < land[z][1])
			fail_msg("%dx%d: digits %d px tall, want >= %d", land[z][0], land[z][1], ink,
			         land[z][1] / 4);
	}
}

/* Touch targets: buttons are at least 48 px (about 9 mm on the 7" panel). */
static void test_touch_targets(void **state)
{
	(void)state;
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		layout L;
		layout_compute(&L, sizes[z][0], sizes[z][1]);
		assert_true(L.btn_h >= LAYOUT_MIN_TOUCH);
	}
	layout L;
	layout_compute(&L, 320, 240);
	assert_true(L.btn_h >= LAYOUT_MIN_TOUCH);
}

/* The same request is served from the cache; many different ones stay under
 * the entry limit and the pixel budget. */
static void test_cache(void **state)
{
	fixture *f = *state;
	SDL_Color c = {255, 255, 255, 255};
	int tw, th;
	size_t r0, r1, entries, pixels;
	SDL_Texture *a = text_render(f->t, "cached once", 300, 60, 30, 20, 0, c, &tw, &th);
	text_stats(f->t, NULL, NULL, &r0);
	SDL_Texture *b = text_render(f->t, "cached once", 300, 60, 30, 20, 0, c, &tw, &th);
	text_stats(f->t, NULL, NULL, &r1);
	assert_ptr_equal(a, b);
	assert_int_equal(r0, r1);
	/* Another colour is another texture. */
	SDL_Color red = {255, 0, 0, 255};
	assert_ptr_not_equal(a, text_render(f->t, "cached once", 300, 60, 30, 20, 0, red, &tw, &th));
	char buf[32];
	for (int i = 0; i < 3000; i++) {
		snprintf(buf, sizeof buf, "%d:%02d", i / 60, i % 60);
		assert_non_null(text_render(f->t, buf, 800, 400, 160, 100, TEXT_BOLD, c, &tw, &th));
	}
	text_stats(f->t, &entries, &pixels, NULL);
	assert_true(entries <= 512);
	assert_true(pixels <= 1024u * 1024);
}

/* A file that is not a font fails with the file's name and the reason. */
static void test_not_a_font(void **state)
{
	fixture *f = *state;
	char err[1024];
	char path[] = "/tmp/unknot-notafont-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "not a font\n", 11), 11);
	close(fd);
	assert_null(text_new(f->r, path, NULL, err, sizeof err));
	unlink(path);
	assert_true(strncmp(err, path, strlen(path)) == 0);
	assert_true(strlen(err) > strlen(path) + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_never_overflows),
		cmocka_unit_test(test_tiny_boxes),
		cmocka_unit_test(test_long_word_shrinks_before_breaking),
		cmocka_unit_test(test_keeps_size_when_it_fits),
		cmocka_unit_test(test_digits_quarter_height),
		cmocka_unit_test(test_touch_targets),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_not_a_font),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
