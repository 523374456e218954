/* library: scanning the routine folders into valid and broken routines. */
#include "io/library.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "io/paths.h"

typedef struct {
	char *path;
	const char *name;          /* file name part of path */
	routine *r;                /* NULL when broken */
	size_t warnings;
	size_t nerrors;            /* broken: how many errors in all */
	char *lines[LIBRARY_MAX_ERROR_LINES];
	size_t nlines;
} lib_item;

struct library {
	lib_item *good;
	size_t ngood;
	lib_item *bad;
	size_t nbad;
};

static void item_clear(lib_item *it)
{
	free(it->path);
	routine_free(it->r);
	for (size_t k = 0; k < it->nlines; k++)
		free(it->lines[k]);
}

static bool wanted(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0 &&
	       strcmp(name, "schema.json") != 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_good(const void *a, const void *b)
{
	const lib_item *x = a, *y = b;
	int c = strcasecmp(routine_title(x->r), routine_title(y->r));
	return c ? c : strcmp(x->path, y->path);
}

static int cmp_bad(const void *a, const void *b)
{
	const lib_item *x = a, *y = b;
	return strcmp(x->path, y->path);
}

/* Loads one file into it (valid or broken). Returns -1 only when out of memory. */
static int load_item(lib_item *it, const char *path)
{
	char line[PATHS_MAX + 768]; /* a whole path and its message: never cut mid-name */
	size_t len;
	memset(it, 0, sizeof *it);
	it->path = strdup(path);
	if (!it->path)
		return -1;
	const char *slash = strrchr(it->path, '/');
	it->name = slash ? slash + 1 : it->path;
	/* a FIFO (or a device) named *.json would block the scan, and the app, forever */
	struct stat st;
	char *text = NULL;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		errno = 0;
	else
		text = paths_read_file(path, ROUTINE_MAX_FILE_BYTES, &len);
	if (!text) {
		if (errno == ENOMEM)
			return -1;
		if (errno == 0)
			snprintf(line, sizeof line, "%s: cannot read: not a regular file", path);
		else if (errno == EFBIG)
			snprintf(line, sizeof line, "%s: the file is too big (at most 1 MiB)", path);
		else
			snprintf(line, sizeof line, "%s: cannot read: %s", path, paths_strerror(errno));
		it->nerrors = 1;
		it->lines[0] = strdup(line);
		it->nlines = it->lines[0] ? 1 : 0;
		return it->nlines ? 0 : -1;
	}
	routine_diags d = { 0 };
	it->r = routine_parse(path, text, len, &d);
	free(text);
	for (size_t k = 0; k < d.count; k++) {
		if (d.items[k].severity == ROUTINE_WARNING) {
			it->warnings++;
			continue;
		}
		it->nerrors++;
		if (it->nlines < LIBRARY_MAX_ERROR_LINES &&
		    (it->lines[it->nlines] = strdup(routine_diag_format(&d.items[k], path, line, sizeof line))))
			it->nlines++;
	}
	routine_diags_free(&d);
	if (!it->r && it->nerrors == 0) {
		/* routine_parse only fails silently when out of memory. */
		return -1;
	}
	return 0;
}

static int push(lib_item **arr, size_t *n, const lib_item *it)
{
	lib_item *q = realloc(*arr, (*n + 1) * sizeof *q);
	if (!q)
		return -1;
	*arr = q;
	q[(*n)++] = *it;
	return 0;
}

/* A routine file's name (what list_names keeps for scan_dir). */
static bool is_routine_name(const char *dir, const char *name)
{
	(void)dir;
	return wanted(name);
}

/* A subfolder of dir (not hidden, not *.json: those are listed as broken
 * files). */
static bool is_subdir(const char *dir, const char *name)
{
	char path[PATHS_MAX + 256];
	struct stat st;
	return name[0] != '.' && !wanted(name) &&
	       snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path &&
	       stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The names in one folder that keep() accepts, sorted. Caller frees. */
static char **list_names(const char *dir, size_t *count, bool (*keep)(const char *, const char *))
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	*count = 0;
	if (!d)
		return NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!keep(dir, e->d_name))
			continue;
		char **q = realloc(names, (n + 1) * sizeof *q);
		if (!q || !(q[n] = strdup(e->d_name))) {
			names = q ? q : names;
			break;
		}
		names = q;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	*count = n;
	return names;
}

static bool name_taken(const library *l, const char *name)
{
	for (size_t i = 0; i < l->ngood; i++)
		if (strcmp(l->good[i].name, name) == 0)
			return true;
	for (size_t i = 0; i < l->nbad; i++)
		if (strcmp(l->bad[i].name, name) == 0)
			return true;
	return false;
}

/* Loads the wanted files of one folder into l. -1 when out of memory. */
static int scan_dir(library *l, const char *dir)
{
	size_t nn;
	char **names = list_names(dir, &nn, is_routine_name);
	for (size_t k = 0; k < nn; k++) {
		char path[PATHS_MAX + 256];
		if (!name_taken(l, names[k]) &&
		    snprintf(path, sizeof path, "%s/%s", dir, names[k]) < (int)sizeof path) {
			lib_item it;
			if (load_item(&it, path) != 0 ||
			    push(it.r ? &l->good : &l->bad, it.r ? &l->ngood : &l->nbad, &it) != 0) {
				item_clear(&it);
				for (size_t j = k; j < nn; j++)
					free(names[j]);
				free(names);
				return -1;
			}
		}
		free(names[k]);
	}
	free(names);
	return 0;
}

library *library_scan(const char *const *dirs, size_t ndirs)
{
	library *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	for (size_t di = 0; di < ndirs; di++) {
		if (scan_dir(l, dirs[di]) != 0)
			goto oom;
		/* one level of subfolders: a USB stick mounted at routines/usb */
		size_t ns;
		char **subs = list_names(dirs[di], &ns, is_subdir);
		int rc = 0;
		for (size_t k = 0; k < ns; k++) {
			char path[PATHS_MAX + 256];
			if (rc == 0 && snprintf(path, sizeof path, "%s/%s", dirs[di], subs[k]) < (int)sizeof path)
				rc = scan_dir(l, path);
			free(subs[k]);
		}
		free(subs);
		if (rc != 0)
			goto oom;
	}
	if (l->ngood)
		qsort(l->good, l->ngood, sizeof *l->good, cmp_good);
	if (l->nbad)
		qsort(l->bad, l->nbad, sizeof *l->bad, cmp_bad);
	return l;
oom:
	library_free(l);
	return NULL;
}

library *library_new(void)
{
	char dirs[PATHS_MAX_ROUTINE_DIRS][PATHS_MAX];
	const char *ptrs[PATHS_MAX_ROUTINE_DIRS];
	size_t n = paths_routine_dirs(dirs, PATHS_MAX_ROUTINE_DIRS);
	for (size_t i = 0; i < n; i++)
		ptrs[i] = dirs[i];
	return library_scan(ptrs, n);
}

void library_free(library *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->ngood; i++)
		item_clear(&l->good[i]);
	for (size_t i = 0; i < l->nbad; i++)
		item_clear(&l->bad[i]);
	free(l->good);
	free(l->bad);
	free(l);
}

size_t library_count(const library *l) { return l->ngood; }

const routine *library_routine(const library *l, size_t i)
{
	return i < l->ngood ? l->good[i].r : NULL;
}

const char *library_path(const library *l, size_t i)
{
	return i < l->ngood ? l->good[i].path : NULL;
}

size_t library_warnings(const library *l, size_t i)
{
	return i < l->ngood ? l->good[i].warnings : 0;
}

size_t library_broken_count(const library *l) { return l->nbad; }

const char *library_broken_path(const library *l, size_t i)
{
	return i < l->nbad ? l->bad[i].path : NULL;
}

size_t library_broken_errors(const library *l, size_t i)
{
	return i < l->nbad ? l->bad[i].nerrors : 0;
}

const char *library_broken_line(const library *l, size_t i, size_t k)
{
	return (i < l->nbad && k < l->bad[i].nlines) ? l->bad[i].lines[k] : NULL;
}

size_t library_find(const library *l, const char *name)
{
	size_t nlen = strlen(name);
	for (size_t i = 0; i < l->ngood; i++) {
		const lib_item *it = &l->good[i];
		size_t flen = strlen(it->name);
		if (strcmp(it->path, name) == 0 || strcmp(it->name, name) == 0 ||
		    (flen == nlen + 5 && strncmp(it->name, name, nlen) == 0))
			return i;
	}
	return LIBRARY_NOT_FOUND;
}

routine *library_load_file(const char *path, char *err, size_t errsize)
{
	lib_item it;
	if (errsize)
		err[0] = '\0';
	if (load_item(&it, path) != 0) {
		item_clear(&it);
		snprintf(err, errsize, "%s: out of memory", path);
		return NULL;
	}
	routine *r = it.r;
	if (!r && it.nlines)
		snprintf(err, errsize, "%s", it.lines[0]);
	it.r = NULL;
	item_clear(&it);
	return r;
}
