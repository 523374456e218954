/* typeface: find, open, fall back (see typeface.h). */
#include "app/typeface.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "io/fonts.h"
#include "io/log.h"

#define TRIED_MAX 1024

/* Logs, once per character, text that no installed font can draw. */
static void log_uncovered(void *user, const char *s, size_t len, uint32_t cp)
{
	(void)user;
	log_warn(_("no installed font has U+%04X, drawn as a box in \"%.*s\" (install "
	           "fonts-noto-core or fonts-noto-cjk)"), (unsigned)cp, len > 200 ? 200 : (int)len, s);
}

#define MAPPED_MAX 16

/* The font files mapped, for the life of the process: a few, read-only and
 * the page cache's (fonts opened again after a change of font find theirs). */
static struct {
	char path[FONTS_PATH_MAX];
	const void *data;
	size_t size;
} mapped[MAPPED_MAX];
static size_t nmapped;

/* text's map: the bytes of a font file, mapped once (io/fonts.h). */
static const void *map_font(void *user, const char *path, size_t *size)
{
	(void)user;
	for (size_t i = 0; i < nmapped; i++) {
		if (strcmp(mapped[i].path, path) == 0) {
			*size = mapped[i].size;
			return mapped[i].data;
		}
	}
	if (nmapped == MAPPED_MAX || strlen(path) >= sizeof mapped[0].path)
		return NULL; /* opened by name */
	const void *data = fonts_map(path, size);
	if (data) {
		snprintf(mapped[nmapped].path, sizeof mapped[nmapped].path, "%s", path);
		mapped[nmapped].data = data;
		mapped[nmapped++].size = *size;
	}
	return data;
}

/* text's more: the fallback fonts for other scripts, looked for the first
 * time a text has a character the main font lacks (never, in most sessions). */
static void add_fallbacks(void *user, text *t)
{
	(void)user;
	fonts_fallback fb[FONTS_MAX_FALLBACKS];
	size_t n = fonts_fallbacks(text_font_path(t), fb, FONTS_MAX_FALLBACKS);
	for (size_t i = 0; i < n; i++) {
		if (text_add_fallback(t, fb[i].path, fb[i].index) == 0)
			log_debug("fallback font %s (face %ld)", fb[i].path, fb[i].index);
		else
			log_warn(_("fallback font %s cannot be opened"), fb[i].path);
	}
}

static text *open_main(SDL_Renderer *r, const char *configured, char *err, size_t errsize);

text *typeface_open(SDL_Renderer *r, const char *configured, char *err, size_t errsize)
{
	char tmp[8];
	if (!err || errsize == 0) {
		err = tmp;
		errsize = sizeof tmp;
	}
	text *t = open_main(r, configured, err, errsize);
	if (t) {
		text_on_more(t, add_fallbacks, NULL);
		text_on_uncovered(t, log_uncovered, NULL);
	}
	return t;
}

/* The main font: the configured one or the system's (see typeface_open). */
static text *open_main(SDL_Renderer *r, const char *configured, char *err, size_t errsize)
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
		text *t = text_new_mapped(r, f.regular, f.bold, map_font, NULL, why, sizeof why);
		if (!t)
			snprintf(err, errsize, "cannot open font %s", why);
		else
			snprintf(err, errsize, "font %s: not found; using %s", configured, f.regular);
		return t;
	}
	text *t = text_new_mapped(r, f.regular, f.bold, map_font, NULL, why, sizeof why);
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
	t = text_new_mapped(r, f.regular, f.bold, map_font, NULL, why2, sizeof why2);
	if (!t)
		snprintf(err, errsize, "cannot open font %s", why2);
	else
		snprintf(err, errsize, "font %s; using %s", why, f.regular);
	return t;
}
