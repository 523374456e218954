/* typeface: the system font is found; a configured font that is missing or
 * is not a font does not stop the app: the system's font is used and err
 * says so, naming the file.
 *
 * Headless: a software renderer over a plain surface (no video driver). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "app/typeface.h"

static void test_typeface(void **state)
{
	(void)state;
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
	assert_non_null(r);
	char err[1024];
	text *t = typeface_open(r, NULL, err, sizeof err);
	assert_non_null(t);
	assert_string_equal(err, "");
	assert_true(text_font_path(t)[0] == '/');
	char system_font[1024];
	snprintf(system_font, sizeof system_font, "%s", text_font_path(t));
	text_free(t);
	/* The system's font named in the config: used as it is, no warning. */
	t = typeface_open(r, system_font, err, sizeof err);
	assert_non_null(t);
	assert_string_equal(err, "");
	assert_string_equal(text_font_path(t), system_font);
	text_free(t);

	char path[] = "/tmp/unknot-notafont-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "not a font\n", 11), 11);
	close(fd);
	t = typeface_open(r, path, err, sizeof err);
	unlink(path);
	assert_non_null(t);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "; using /"));
	assert_string_not_equal(text_font_path(t), path);
	text_free(t);
	t = typeface_open(r, "/nonexistent/Font.ttf", err, sizeof err);
	assert_non_null(t);
	assert_non_null(strstr(err, "font /nonexistent/Font.ttf: not found; using /"));
	text_free(t);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(surf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typeface),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
