/* ui_fixture.h: what the ui unit tests share: a 1920x1280 software renderer
 * with the system's fonts (cmocka setup/teardown), and long test strings.
 * Header-only: include it once, in a test's .c. */
#ifndef UNKNOT_TESTS_UI_FIXTURE_H
#define UNKNOT_TESTS_UI_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "io/fonts.h"
#include "ui/text.h"

typedef struct {
	SDL_Surface *surf;
	SDL_Renderer *r;
	text *t;
} fixture;

/* cmocka group setup: the renderer and the fonts; -1 without a font. */
static inline int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->surf = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1280, 32, SDL_PIXELFORMAT_ARGB8888);
	f->r = SDL_CreateSoftwareRenderer(f->surf);
	char err[1024];
	fonts_found ff;
	f->t = fonts_find(NULL, &ff, err, sizeof err) == 0 ?
	       text_new(f->r, ff.regular, ff.bold, err, sizeof err) : NULL;
	if (!f->t)
		fprintf(stderr, "text_new: %s\n", err);
	*state = f;
	return f->t ? 0 : -1;
}

static inline int teardown(void **state)
{
	fixture *f = *state;
	text_free(f->t);
	SDL_DestroyRenderer(f->r);
	SDL_FreeSurface(f->surf);
	free(f);
	return 0;
}

/* A string of exactly `bytes` bytes: `word` repeated (space separated when
 * `spaces`), the rest filled with `fill`. Caller frees. */
static inline char *repeat_fill(const char *word, size_t bytes, bool spaces, char fill)
{
	char *s = malloc(bytes + 1);
	size_t n = 0, wl = strlen(word);
	while (n + wl + (spaces ? 1 : 0) <= bytes) {
		memcpy(s + n, word, wl);
		n += wl;
		if (spaces && n < bytes)
			s[n++] = ' ';
	}
	while (n < bytes)
		s[n++] = fill;
	s[n] = '\0';
	return s;
}

#endif
