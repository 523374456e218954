/* finder_make: "Make my routine" for the app, saved under a unique name. */
#include "app/finder_make.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/finder.h"
#include "app/finder_build.h"
#include "core/i18n.h"
#include "io/paths.h"

#define MAX_MADE 64        /* routines made in one run of the app */
#define SLUG_MAX 72        /* bytes of the file name before the number */

struct finder_maker {
	finder_ctx f;
	bool loaded;
	routine *made[MAX_MADE];
	char *paths[MAX_MADE];
	size_t nmade;
};

finder_maker *finder_make_new(void)
{
	return calloc(1, sizeof(finder_maker));
}

void finder_make_free(finder_maker *fm)
{
	if (!fm)
		return;
	for (size_t i = 0; i < fm->nmade; i++) {
		routine_free(fm->made[i]);
		free(fm->paths[i]);
	}
	if (fm->loaded)
		finder_unload(&fm->f);
	free(fm);
}

/* "where-it-hurts-temple-left-low-back": the areas, lower case and hyphens only. */
static void slug(const char *const *areas, size_t n, char *out, size_t size)
{
	size_t k = (size_t)snprintf(out, size, "where-it-hurts");
	for (size_t i = 0; i < n && k + 2 < size && k < SLUG_MAX; i++) {
		if (i > 0 && k + 1 + strlen(areas[i]) > SLUG_MAX)
			break; /* whole area names only */
		out[k++] = '-';
		for (const char *s = areas[i]; *s && k + 1 < size && k < SLUG_MAX; s++)
			out[k++] = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ? *s : '-';
	}
	out[k] = '\0';
}

/* Writes text to a new file in dir (never an existing one) into path. */
static int save_new(const char *dir, const char *base, const char *text, char *path, size_t size, char *err,
                    size_t errsize)
{
	if (paths_mkdirs(dir) != 0) {
		snprintf(err, errsize, _("%s: cannot create the folder: %s"), dir, strerror(errno));
		return -1;
	}
	for (int i = 1; i < 1000; i++) {
		char num[16] = "";
		if (i > 1)
			snprintf(num, sizeof num, "-%d", i);
		if (snprintf(path, size, "%s/%s%s.json", dir, base, num) >= (int)size) {
			snprintf(err, errsize, _("%s: the folder's name is too long"), dir);
			return -1;
		}
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0 && errno == EEXIST)
			continue;
		size_t len = strlen(text);
		bool ok = fd >= 0 && write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
		int e = errno;
		if (fd >= 0 && close(fd) != 0 && ok) {
			ok = false;
			e = errno;
		}
		if (ok)
			return 0;
		if (fd >= 0)
			unlink(path);
		snprintf(err, errsize, _("%s: cannot write: %s"), path, strerror(e));
		return -1;
	}
	snprintf(err, errsize, _("%s: too many routines named %s"), dir, base);
	return -1;
}

/* Keeps r and its path (or title) in fm; the text is freed. */
static const routine *keep(finder_maker *fm, routine *r, const char *path, const char **out)
{
	char *p = strdup(path);
	if (!p) {
		routine_free(r);
		return NULL;
	}
	fm->made[fm->nmade] = r;
	fm->paths[fm->nmade++] = p;
	*out = p;
	return r;
}

const routine *finder_make_routine(finder_maker *fm, const char *const *areas, size_t n, bool save,
                                   const char **path, char *err, size_t errsize)
{
	char ids[ROUTINE_MAX_AREAS][ROUTINE_MAX_AREA + 1], *args[ROUTINE_MAX_AREAS];
	size_t idx[ROUTINE_MAX_AREAS];
	routine_side sides[ROUTINE_MAX_AREAS];
	if (n == 0 || n > ROUTINE_MAX_AREAS || fm->nmade >= MAX_MADE) {
		snprintf(err, errsize, "%s", n ? _("Too many routines or areas at once.") : _("No area chosen."));
		return NULL;
	}
	if (!fm->loaded && finder_load(&fm->f) != 0) {
		snprintf(err, errsize, "%s", _("The pain finder's data is missing (see the log)."));
		return NULL;
	}
	fm->loaded = true;
	for (size_t i = 0; i < n; i++) {
		snprintf(ids[i], sizeof ids[i], "%s", areas[i]);
		args[i] = ids[i];
		if (painmap_parse_arg(fm->f.map, areas[i], &idx[i], &sides[i]) != 0) {
			snprintf(err, errsize, _("unknown area '%s'"), areas[i]);
			return NULL;
		}
	}
	char *text = finder_build_json(&fm->f, args, idx, sides, (int)n, FINDER_MINUTES_DEFAULT, err, errsize);
	if (!text)
		return NULL;
	char dir[PATHS_MAX], file[PATHS_MAX + 100], base[SLUG_MAX + 16];
	snprintf(file, sizeof file, "%s", _("pain finder")); /* the journal's "file" when unsaved */
	if (save) {
		slug(areas, n, base, sizeof base);
		if (paths_user_routines_dir(dir, sizeof dir) != 0) {
			snprintf(err, errsize, "%s", _("There is no routine folder to keep it in (no HOME)."));
			free(text);
			return NULL;
		}
		if (save_new(dir, base, text, file, sizeof file, err, errsize) != 0) {
			free(text);
			return NULL;
		}
	}
	routine_diags d = { 0 };
	routine *r = routine_parse(file, text, strlen(text), &d); /* named as the library names it */
	routine_diags_free(&d);
	free(text);
	if (!r) {
		snprintf(err, errsize, "%s", _("The routine could not be made."));
		if (save)
			unlink(file);
		return NULL;
	}
	return keep(fm, r, save ? file : routine_title(r), path);
}
