/* library: scanning the routine folders into valid and broken routines. */
#include "io/library.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/strindex.h"
#include "core/vec.h"
#include "io/libindex.h"
#include "io/log.h"
#include "io/paths.h"

#ifndef UNKNOT_VERSION
#define UNKNOT_VERSION "dev"
#endif

typedef struct {
	char *path;
	const char *name;          /* file name part of path */
	char *title;               /* valid: the routine's title (owned) */
	uint32_t total_s, steps;   /* valid: from the routine or the index */
	int64_t mtime_s, size;     /* what the index is keyed by */
	long mtime_ns;
	bool indexable;            /* its text was read and validated: may go in the index */
	bool trusted;              /* listed from the index without a look at the file */
	bool tried;                /* valid: routine_parse was run (r, or lines when it failed) */
	routine *r;                /* valid: the routine, NULL until parsed (library_routine) */
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
	size_t capgood, capbad;
	strindex *names;           /* file names taken (the first folder wins) */
	const libindex *index;     /* while scanning with an index, else NULL */
	bool trust;                /* while scanning: an indexed path is taken as it is */
	size_t hits;               /* files found in the index unchanged */
	size_t misses;             /* files validated during the scan */
	size_t added;              /* of those, the ones the index can hold */
};

static void item_clear(lib_item *it)
{
	free(it->path);
	free(it->title);
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
	int c = strcasecmp(x->title, y->title);
	return c ? c : strcmp(x->path, y->path);
}

static int cmp_bad(const void *a, const void *b)
{
	const lib_item *x = a, *y = b;
	return strcmp(x->path, y->path);
}

/* An empty item for path (its copy and file name). -1 when out of memory. */
static int item_init(lib_item *it, const char *path)
{
	memset(it, 0, sizeof *it);
	it->path = strdup(path);
	if (!it->path)
		return -1;
	const char *slash = strrchr(it->path, '/');
	it->name = slash ? slash + 1 : it->path;
	return 0;
}

/* Loads one file into it (valid or broken). Returns -1 only when out of memory. */
static int load_item(lib_item *it, const char *path)
{
	char line[PATHS_MAX + 768]; /* a whole path and its message: never cut mid-name */
	size_t len;
	if (item_init(it, path) != 0)
		return -1;
	/* a FIFO (or a device) named *.json would block the scan, and the app, forever */
	struct stat st;
	char *text = NULL;
	bool regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	if (regular) {
		it->mtime_s = (int64_t)st.st_mtim.tv_sec;
		it->mtime_ns = st.st_mtim.tv_nsec;
		it->size = (int64_t)st.st_size;
	}
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
	it->indexable = regular;
	it->tried = true;
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
	if (it->r) {
		it->title = strdup(routine_title(it->r));
		if (!it->title)
			return -1;
		it->total_s = routine_total_s(it->r);
		for (size_t i = 0; i < routine_length(it->r); i++)
			it->steps += routine_entry_at(it->r, i)->kind != ROUTINE_TRANSITION;
	}
	return 0;
}

/* Fills it from the index entry e (nothing parsed). -1 when out of memory. */
static int item_from_index(lib_item *it, const char *path, const libindex_entry *e)
{
	if (item_init(it, path) != 0)
		return -1;
	it->mtime_s = e->mtime_s;
	it->mtime_ns = e->mtime_ns;
	it->size = e->size;
	it->indexable = true;
	if (e->valid) {
		it->title = strdup(e->title);
		it->total_s = e->total_s;
		it->steps = e->steps;
		it->warnings = e->warnings;
		return it->title ? 0 : -1;
	}
	it->nerrors = e->nerrors;
	for (size_t k = 0; k < e->nlines && k < LIBRARY_MAX_ERROR_LINES; k++) {
		if (!(it->lines[k] = strdup(e->lines[k])))
			return -1;
		it->nlines++;
	}
	return 0;
}

/* One file of a scan: from the index when it is there unchanged, else read
 * and validated (and, with an index, its routine let go: it is parsed again
 * when shown). -1 when out of memory. */
static int scan_item(library *l, lib_item *it, int dfd, const char *name, const char *path)
{
	struct stat st;
	const libindex_entry *e = NULL;
	if (l->trust && (e = libindex_find_path(l->index, path)) != NULL) {
		l->hits++;
		if (item_from_index(it, path, e) != 0)
			return -1;
		it->trusted = true;
		return 0;
	}
	/* relative to the folder: 10,000 stats need not walk the whole path each */
	if (l->index && fstatat(dfd, name, &st, 0) == 0 && S_ISREG(st.st_mode))
		e = libindex_find(l->index, path, (int64_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		                  (int64_t)st.st_size);
	if (e) {
		l->hits++;
		return item_from_index(it, path, e);
	}
	l->misses++;
	if (load_item(it, path) != 0)
		return -1;
	l->added += it->indexable;
	if (l->index && it->r) {
		routine_free(it->r);
		it->r = NULL;
		it->tried = false;
	}
	return 0;
}

static int push(lib_item **arr, size_t *n, size_t *cap, const lib_item *it)
{
	if (!vec_reserve((void **)arr, cap, *n + 1, sizeof **arr, 64))
		return -1;
	(*arr)[(*n)++] = *it;
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
	size_t n = 0, cap = 0;
	*count = 0;
	if (!d)
		return NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!keep(dir, e->d_name))
			continue;
		if (!vec_reserve((void **)&names, &cap, n + 1, sizeof *names, 64) || !(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	*count = n;
	return names;
}

/* Whether a folder before this one had the file name (and takes it if not). */
static bool name_taken(library *l, const char *name)
{
	size_t at;
	if (strindex_get(l->names, name, strlen(name), &at))
		return true;
	strindex_set(l->names, name, strlen(name), 0); /* out of memory: a duplicate may show */
	return false;
}

/* Loads the wanted files of one folder into l. -1 when out of memory. */
static int scan_dir(library *l, const char *dir)
{
	size_t nn;
	char **names = list_names(dir, &nn, is_routine_name);
	int dfd = l->index ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	for (size_t k = 0; k < nn; k++) {
		char path[PATHS_MAX + 256];
		if (!name_taken(l, names[k]) &&
		    snprintf(path, sizeof path, "%s/%s", dir, names[k]) < (int)sizeof path) {
			lib_item it;
			if (scan_item(l, &it, dfd, names[k], path) != 0 ||
			    push(it.title ? &l->good : &l->bad, it.title ? &l->ngood : &l->nbad,
			         it.title ? &l->capgood : &l->capbad, &it) != 0) {
				item_clear(&it);
				for (size_t j = k; j < nn; j++)
					free(names[j]);
				free(names);
				if (dfd >= 0)
					close(dfd);
				return -1;
			}
		}
		free(names[k]);
	}
	free(names);
	if (dfd >= 0)
		close(dfd);
	return 0;
}

/* The index's entry for an item (pointing into the item). */
static libindex_entry index_entry(const lib_item *it, bool valid)
{
	libindex_entry e = { .path = it->path, .mtime_s = it->mtime_s, .mtime_ns = it->mtime_ns,
	                     .size = it->size, .valid = valid, .title = it->title,
	                     .total_s = it->total_s, .steps = it->steps, .warnings = it->warnings,
	                     .nerrors = it->nerrors, .nlines = it->nlines };
	for (size_t k = 0; k < it->nlines && k < LIBINDEX_MAX_LINES; k++)
		e.lines[k] = it->lines[k];
	return e;
}

/* Writes the index of what the scan found, when it differs from the one read. */
static void save_index(const library *l, const char *file)
{
	/* a FIFO or an unreadable file is validated at every scan: no rewrite for it */
	if (l->added == 0 && l->hits == libindex_count(l->index))
		return;
	libindex_entry *e = malloc((l->ngood + l->nbad + 1) * sizeof *e);
	size_t n = 0;
	if (!e)
		return;
	for (size_t i = 0; i < l->ngood; i++)
		if (l->good[i].indexable)
			e[n++] = index_entry(&l->good[i], true);
	for (size_t i = 0; i < l->nbad; i++)
		if (l->bad[i].indexable)
			e[n++] = index_entry(&l->bad[i], false);
	if (libindex_write(file, UNKNOT_VERSION, e, n) != 0)
		log_warn("cannot write the library index %s: %s (the next start validates every routine again)",
		         file, strerror(errno));
	free(e);
}

static library *scan(const char *const *dirs, size_t ndirs, const char *index_file, bool trust);

library *library_scan_indexed(const char *const *dirs, size_t ndirs, const char *index_file)
{
	return scan(dirs, ndirs, index_file, false);
}

library *library_scan_trusting(const char *const *dirs, size_t ndirs, const char *index_file)
{
	return scan(dirs, ndirs, index_file, true);
}

static library *scan(const char *const *dirs, size_t ndirs, const char *index_file, bool trust)
{
	library *l = calloc(1, sizeof *l);
	libindex *x = NULL;
	if (!l || !(l->names = strindex_new()))
		goto oom;
	if (index_file && !(x = libindex_read(index_file, UNKNOT_VERSION)))
		goto oom;
	l->index = x;
	l->trust = trust && x;
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
	if (x)
		save_index(l, index_file);
	l->index = NULL;
	l->trust = false;
	libindex_free(x);
	strindex_free(l->names);
	l->names = NULL;
	if (index_file)
		log_debug("library: %zu routines, %zu broken files; %zu from the index, %zu validated", l->ngood,
		          l->nbad, l->hits, l->misses);
	return l;
oom:
	libindex_free(x);
	library_free(l);
	return NULL;
}

library *library_scan(const char *const *dirs, size_t ndirs)
{
	return library_scan_indexed(dirs, ndirs, NULL);
}

/* The routine folders, scanned with the default index. */
static library *scan_default(bool trust)
{
	char dirs[PATHS_MAX_ROUTINE_DIRS][PATHS_MAX], index[PATHS_MAX];
	const char *ptrs[PATHS_MAX_ROUTINE_DIRS];
	size_t n = paths_routine_dirs(dirs, PATHS_MAX_ROUTINE_DIRS);
	for (size_t i = 0; i < n; i++)
		ptrs[i] = dirs[i];
	return scan(ptrs, n, libindex_default_file(index, sizeof index) == 0 ? index : NULL, trust);
}

library *library_new(void)
{
	return scan_default(false);
}

library *library_new_trusting(void)
{
	return scan_default(true);
}

/* Whether a trusted item's file is no longer what the index said. */
static bool item_stale(const lib_item *it)
{
	struct stat st;
	if (!it->trusted)
		return false;
	return stat(it->path, &st) != 0 || !S_ISREG(st.st_mode) ||
	       (int64_t)st.st_mtim.tv_sec != it->mtime_s || st.st_mtim.tv_nsec != it->mtime_ns ||
	       (int64_t)st.st_size != it->size;
}

bool library_stale(const library *l)
{
	for (size_t i = 0; l && i < l->ngood; i++)
		if (item_stale(&l->good[i]))
			return true;
	for (size_t i = 0; l && i < l->nbad; i++)
		if (item_stale(&l->bad[i]))
			return true;
	return false;
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
	strindex_free(l->names);
	free(l);
}

size_t library_count(const library *l) { return l->ngood; }

const routine *library_routine(const library *l, size_t i)
{
	if (i >= l->ngood)
		return NULL;
	lib_item *it = &l->good[i];
	if (!it->r && !it->tried) {
		/* indexed, not parsed yet: parse it now (and keep it) */
		lib_item tmp;
		if (load_item(&tmp, it->path) == 0) {
			it->tried = true;
			it->r = tmp.r;
			tmp.r = NULL;
			it->warnings = tmp.warnings;
			if (!it->r) {
				/* it changed since the index said it was valid */
				it->nerrors = tmp.nerrors;
				memcpy(it->lines, tmp.lines, sizeof it->lines);
				it->nlines = tmp.nlines;
				tmp.nlines = 0;
			}
		}
		item_clear(&tmp);
	}
	return it->r;
}

size_t library_from_index(const library *l) { return l->hits; }

const char *library_title(const library *l, size_t i)
{
	return i < l->ngood ? l->good[i].title : NULL;
}

uint32_t library_total_s(const library *l, size_t i)
{
	return i < l->ngood ? l->good[i].total_s : 0;
}

const char *library_error(const library *l, size_t i)
{
	return i < l->ngood && l->good[i].nlines ? l->good[i].lines[0] : NULL;
}

bool library_parsed(const library *l, size_t i)
{
	return i < l->ngood && l->good[i].r != NULL;
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
