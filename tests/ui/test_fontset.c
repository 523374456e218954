/* fontset: faces read through the caller's map (the app maps the font files:
 * no system call per glyph) draw exactly what faces opened by name draw; a
 * file the map cannot give is opened by name; the "more" hook is asked once,
 * only when a character none of the faces has is met, and the faces it adds
 * draw that character.
 *
 * Headless: surfaces only (fontset draws into surfaces, no renderer). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "io/fonts.h"
#include "ui/fontset.h"

typedef struct {
	int calls;
	bool refuse;           /* answer NULL: open by name */
	void *bufs[8];
	size_t nbufs;
} mapper;

/* A map that reads the file into memory (the test's stand-in for mmap). */
static const void *map_read(void *user, const char *path, size_t *size)
{
	mapper *m = user;
	m->calls++;
	if (m->refuse || m->nbufs == 8)
		return NULL;
	SDL_RWops *rw = SDL_RWFromFile(path, "rb");
	if (!rw)
		return NULL;
	Sint64 n = SDL_RWsize(rw);
	void *b = n > 0 ? malloc((size_t)n) : NULL;
	if (b && SDL_RWread(rw, b, 1, (size_t)n) != (size_t)n) {
		free(b);
		b = NULL;
	}
	SDL_RWclose(rw);
	if (b) {
		m->bufs[m->nbufs++] = b;
		*size = (size_t)n;
	}
	return b;
}

static void mapper_free(mapper *m)
{
	for (size_t i = 0; i < m->nbufs; i++)
		free(m->bufs[i]);
}

/* Whether two surfaces hold the same pixels. */
static bool same_pixels(SDL_Surface *a, SDL_Surface *b)
{
	if (!a || !b || a->w != b->w || a->h != b->h || a->format->format != b->format->format)
		return false;
	for (int y = 0; y < a->h; y++)
		if (memcmp((char *)a->pixels + y * a->pitch, (char *)b->pixels + y * b->pitch,
		           (size_t)a->w * a->format->BytesPerPixel) != 0)
			return false;
	return true;
}

static int ink(SDL_Surface *s)
{
	int n = 0;
	for (int y = 0; y < s->h; y++)
		for (int x = 0; x < s->w; x++)
			n += (((Uint32 *)((char *)s->pixels + y * s->pitch))[x] >> 24) > 128;
	return n;
}

static void test_mapped_faces_draw_the_same(void **state)
{
	(void)state;
	fonts_found ff;
	assert_int_equal(fonts_find(NULL, &ff, NULL, 0), 0);
	char err[1024];
	mapper m = {0};
	fontset *byname = fontset_new(ff.regular, ff.bold, NULL, NULL, err, sizeof err);
	fontset *mapped = fontset_new(ff.regular, ff.bold, map_read, &m, err, sizeof err);
	assert_non_null(byname);
	assert_non_null(mapped);
	/* each file asked for once (regular and, when there is one, bold) */
	assert_int_equal(m.calls, ff.bold[0] ? 2 : 1);
	SDL_Color c = {230, 230, 230, 255};
	const char *texts[] = {"Upper trapezius", "0:45", "Äußere Hüfte, écoute", "12:08"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		for (int bold = 0; bold < 2; bold++) {
			for (int size = 18; size <= 300; size += 141) {
				SDL_Surface *a = fontset_render(byname, size, bold, texts[i], false, c);
				SDL_Surface *b = fontset_render(mapped, size, bold, texts[i], false, c);
				assert_true(a && ink(a) > 0);
				assert_true(same_pixels(a, b));
				assert_int_equal(fontset_width(byname, size, bold, texts[i], strlen(texts[i])),
				                 fontset_width(mapped, size, bold, texts[i], strlen(texts[i])));
				SDL_FreeSurface(a);
				SDL_FreeSurface(b);
			}
		}
	}
	assert_int_equal(m.calls, ff.bold[0] ? 2 : 1); /* new sizes reuse the bytes */
	fontset_free(mapped);
	mapper_free(&m);
	/* a map that cannot give the bytes: the file is opened by name */
	mapper none = {.refuse = true};
	fontset *fallback = fontset_new(ff.regular, NULL, map_read, &none, err, sizeof err);
	assert_non_null(fallback);
	assert_int_equal(none.calls, 1);
	SDL_Surface *a = fontset_render(byname, 40, false, "Rest", false, c);
	SDL_Surface *b = fontset_render(fallback, 40, false, "Rest", false, c);
	assert_true(same_pixels(a, b));
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	fontset_free(fallback);
	fontset_free(byname);
}

/* Fitting a text tries many sizes, more than the fonts kept open per face:
 * a font that was set to another size draws as one opened at that size. */
static void test_sizes_draw_as_opened(void **state)
{
	(void)state;
	fonts_found ff;
	assert_int_equal(fonts_find(NULL, &ff, NULL, 0), 0);
	char err[1024];
	fontset *many = fontset_new(ff.regular, ff.bold, NULL, NULL, err, sizeof err);
	assert_non_null(many);
	SDL_Color c = {250, 240, 200, 255};
	const char *s = "Fitting Äffin 0:45 – AVA Tø";
	for (int round = 0; round < 3; round++) {
		for (int size = 12; size <= 96; size += 7) {
			for (int bold = 0; bold < 2; bold++) {
				fontset *fresh = fontset_new(ff.regular, ff.bold, NULL, NULL, err, sizeof err);
				SDL_Surface *a = fontset_render(many, size, bold, s, false, c);
				SDL_Surface *b = fontset_render(fresh, size, bold, s, false, c);
				assert_true(same_pixels(a, b));
				assert_int_equal(fontset_width(many, size, bold, s, strlen(s)),
				                 fontset_width(fresh, size, bold, s, strlen(s)));
				int t1, h1, t2, h2;
				fontset_ink(many, size, bold, "0:45", &t1, &h1);
				fontset_ink(fresh, size, bold, "0:45", &t2, &h2);
				assert_int_equal(t1, t2);
				assert_int_equal(h1, h2);
				SDL_FreeSurface(a);
				SDL_FreeSurface(b);
				fontset_free(fresh);
			}
		}
	}
	fontset_free(many);
}

typedef struct {
	fontset *fs;
	int asked, uncovered;
	const char *add;       /* the face the hook adds, or NULL */
	uint32_t last;
} more_ctx;

static void on_more(void *user)
{
	more_ctx *m = user;
	m->asked++;
	if (m->add)
		assert_int_equal(fontset_add(m->fs, m->add, 0), 0);
}

static void on_uncovered(void *user, const char *s, size_t len, uint32_t cp)
{
	(void)s;
	(void)len;
	more_ctx *m = user;
	assert_int_equal(m->asked, 1); /* the hook came first */
	m->uncovered++;
	m->last = cp;
}

/* The first face of a CJK collection the test machine has (DEPS_TEST
 * installs fonts-noto-cjk), or NULL. */
static const char *cjk_font(void)
{
	static const char *const paths[] = {
		"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		SDL_RWops *rw = SDL_RWFromFile(paths[i], "rb");
		if (rw) {
			SDL_RWclose(rw);
			return paths[i];
		}
	}
	return NULL;
}

static void test_more_faces_only_when_needed(void **state)
{
	(void)state;
	fonts_found ff;
	assert_int_equal(fonts_find(NULL, &ff, NULL, 0), 0);
	char err[1024];
	for (int with = 0; with < 2; with++) {
		const char *cjk = with ? cjk_font() : NULL;
		if (with && !cjk) {
			fprintf(stderr, "no Noto CJK installed: the added face is not checked\n");
			break;
		}
		more_ctx m = {.add = cjk};
		m.fs = fontset_new(ff.regular, ff.bold, NULL, NULL, err, sizeof err);
		assert_non_null(m.fs);
		fontset_on_more(m.fs, on_more, &m);
		fontset_on_uncovered(m.fs, on_uncovered, &m);
		SDL_Color c = {255, 255, 255, 255};
		/* Latin, German, French, Spanish, Greek, Cyrillic: the main font's */
		const char *own = "Rest 0:45 Äußere Hüfte, écoute, ¿señal? Ωμέγα Привет";
		SDL_Surface *s = fontset_render(m.fs, 30, false, own, false, c);
		assert_non_null(s);
		SDL_FreeSurface(s);
		assert_int_equal(fontset_width(m.fs, 30, true, own, strlen(own)) > 0, 1);
		assert_int_equal(m.asked, 0);
		assert_int_equal(fontset_faces(m.fs), 1);
		/* Japanese: asked once, then drawn by the added face or reported */
		const char *ja = "休憩 ボール";
		for (int round = 0; round < 2; round++) {
			s = fontset_render(m.fs, 30, false, ja, false, c);
			assert_non_null(s);
			SDL_FreeSurface(s);
		}
		assert_int_equal(m.asked, 1);
		if (cjk) {
			assert_int_equal(fontset_faces(m.fs), 2);
			assert_int_equal(m.uncovered, 0);
		} else {
			assert_int_equal(m.uncovered, 5); /* 休 憩 ボ ー ル: once each, after the hook */
		}
		fontset_free(m.fs);
	}
}

int main(void)
{
	if (TTF_Init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mapped_faces_draw_the_same),
		cmocka_unit_test(test_more_faces_only_when_needed),
		cmocka_unit_test(test_sizes_draw_as_opened),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	TTF_Quit();
	return rc;
}
