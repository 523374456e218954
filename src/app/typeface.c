/* typeface: find, open, fall back (see typeface.h). */
#include "app/typeface.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "io/fonts.h"

#define TRIED_MAX 1024

text *typeface_open(SDL_Renderer *r, const char *configured, char *err, size_t errsize)
{
	char tmp[8], tried[TRIED_MAX], why[FONTS_PATH_MAX + 200];
	if (!err || errsize == 0) {
		err = tmp;
		errsize = sizeof tmp;
	}
	fonts_found f;
	if (fonts_find(configured, &f, tried, sizeof tried) != 0) {
		snprintf(err, errsize, "no usable font found; tried: %s (install fonts-dejavu-core "
		         "or set \"font\" in the config)", tried);
		return NULL;
	}
	bool wanted = configured && *configured;
	if (wanted && strcmp(f.regular, configured) != 0) {
		text *t = text_new(r, f.regular, f.bold, why, sizeof why);
		if (!t)
			snprintf(err, errsize, "cannot open font %s", why);
		else
			snprintf(err, errsize, "font %s: not found; using %s", configured, f.regular);
		return t;
	}
	text *t = text_new(r, f.regular, f.bold, why, sizeof why);
	if (t || !wanted) {
		if (t)
			err[0] = '\0';
		else
			snprintf(err, errsize, "cannot open font %s", why);
		return t;
	}
	/* The configured file is there but is no font: search as if unset. */
	if (fonts_find(NULL, &f, tried, sizeof tried) != 0) {
		snprintf(err, errsize, "font %s; using no other font either; tried: %s (install "
		         "fonts-dejavu-core)", why, tried);
		return NULL;
	}
	char why2[sizeof why];
	t = text_new(r, f.regular, f.bold, why2, sizeof why2);
	if (!t)
		snprintf(err, errsize, "cannot open font %s", why2);
	else
		snprintf(err, errsize, "font %s; using %s", why, f.regular);
	return t;
}
