/* libindex: the routine library's index file (see libindex.h). */
#include "io/libindex.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/strindex.h"
#include "core/vec.h"
#include "io/paths.h"

#define MAGIC "unknot-library-index 1 "

struct libindex {
	char *text;               /* the file's text, cut into fields in place */
	libindex_entry *e;
	size_t n, cap;
	strindex *by_path;        /* path -> position in e */
};

/* Cuts the next tab-separated field off *p (up to end); NULL when none is left. */
static char *field(char **p, char *end)
{
	if (*p > end)
		return NULL;
	char *s = *p, *t = memchr(s, '\t', (size_t)(end - s));
	if (!t)
		t = end;
	*t = '\0';
	*p = t + 1;
	return s;
}

/* A decimal number in 0..max; false when the field is anything else. */
static bool number(const char *s, int64_t max, int64_t *out)
{
	int64_t v = 0;
	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

/* One line (NUL-terminated at end) into e; false when it does not parse. */
static bool parse_line(char *p, char *end, libindex_entry *e)
{
	int64_t v[4];
	char *kind = field(&p, end);
	memset(e, 0, sizeof *e);
	if (!kind || (strcmp(kind, "g") != 0 && strcmp(kind, "b") != 0))
		return false;
	e->valid = kind[0] == 'g';
	e->path = field(&p, end);
	if (!e->path || !e->path[0] || !number(field(&p, end), INT64_MAX, &v[0]) ||
	    !number(field(&p, end), 999999999, &v[1]) || !number(field(&p, end), INT64_MAX, &v[2]) ||
	    !number(field(&p, end), 1000000000, &v[3]))
		return false;
	e->mtime_s = v[0];
	e->mtime_ns = (long)v[1];
	e->size = v[2];
	if (e->valid) {
		int64_t total, steps;
		e->warnings = (size_t)v[3];
		if (!number(field(&p, end), UINT32_MAX, &total) || !number(field(&p, end), UINT32_MAX, &steps))
			return false;
		e->total_s = (uint32_t)total;
		e->steps = (uint32_t)steps;
		e->title = field(&p, end);
		return e->title != NULL && field(&p, end) == NULL;
	}
	e->nerrors = (size_t)v[3];
	const char *l;
	while ((l = field(&p, end)) && e->nlines < LIBINDEX_MAX_LINES)
		e->lines[e->nlines++] = l;
	return e->nlines > 0 && l == NULL;
}

libindex *libindex_parse(const char *text, size_t len, const char *version)
{
	libindex *x = calloc(1, sizeof *x);
	if (!x || !(x->by_path = strindex_new()) || !(x->text = malloc(len + 1)))
		goto oom;
	memcpy(x->text, text, len);
	x->text[len] = '\0';
	char *p = x->text, *end = x->text + len;
	char *nl = memchr(p, '\n', len);
	size_t ml = strlen(MAGIC), vl = strlen(version);
	/* another format or version: nothing in it can be trusted */
	if (!nl || (size_t)(nl - p) != ml + vl || memcmp(p, MAGIC, ml) != 0 || memcmp(p + ml, version, vl) != 0)
		return x;
	for (p = nl + 1; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break; /* a cut last line (the writer renames whole files; be safe) */
		*nl = '\0';
		libindex_entry e;
		if (!parse_line(p, nl, &e))
			continue;
		size_t at;
		if (strindex_get(x->by_path, e.path, strlen(e.path), &at)) {
			x->e[at] = e; /* the later line wins */
			continue;
		}
		if (!vec_reserve((void **)&x->e, &x->cap, x->n + 1, sizeof *x->e, 256) ||
		    strindex_set(x->by_path, e.path, strlen(e.path), x->n) != 0)
			goto oom;
		x->e[x->n++] = e;
	}
	return x;
oom:
	libindex_free(x);
	return NULL;
}

libindex *libindex_read(const char *file, const char *version)
{
	size_t len = 0;
	char *text = file ? paths_read_file(file, LIBINDEX_MAX_BYTES, &len) : NULL;
	libindex *x = libindex_parse(text ? text : "", text ? len : 0, version);
	free(text);
	return x;
}

void libindex_free(libindex *x)
{
	if (!x)
		return;
	strindex_free(x->by_path);
	free(x->e);
	free(x->text);
	free(x);
}

size_t libindex_count(const libindex *x) { return x ? x->n : 0; }

const libindex_entry *libindex_find(const libindex *x, const char *path, int64_t mtime_s,
                                    long mtime_ns, int64_t size)
{
	size_t at;
	if (!x || !strindex_get(x->by_path, path, strlen(path), &at))
		return NULL;
	const libindex_entry *e = &x->e[at];
	return e->mtime_s == mtime_s && e->mtime_ns == mtime_ns && e->size == size ? e : NULL;
}

const libindex_entry *libindex_find_path(const libindex *x, const char *path)
{
	size_t at;
	if (!x || !strindex_get(x->by_path, path, strlen(path), &at))
		return NULL;
	return &x->e[at];
}

static bool plain(const char *s)
{
	return s && !strpbrk(s, "\t\n\r");
}

bool libindex_storable(const libindex_entry *e)
{
	if (!plain(e->path) || !e->path[0])
		return false;
	if (e->valid)
		return plain(e->title);
	for (size_t k = 0; k < e->nlines; k++)
		if (!plain(e->lines[k]))
			return false;
	return e->nlines > 0;
}

static void put_entry(FILE *f, const libindex_entry *e)
{
	if (e->valid) {
		fprintf(f, "g\t%s\t%lld\t%ld\t%lld\t%zu\t%u\t%u\t%s\n", e->path, (long long)e->mtime_s, e->mtime_ns,
		        (long long)e->size, e->warnings, (unsigned)e->total_s, (unsigned)e->steps, e->title);
		return;
	}
	fprintf(f, "b\t%s\t%lld\t%ld\t%lld\t%zu", e->path, (long long)e->mtime_s, e->mtime_ns,
	        (long long)e->size, e->nerrors);
	for (size_t k = 0; k < e->nlines; k++)
		fprintf(f, "\t%s", e->lines[k]);
	fputc('\n', f);
}

int libindex_write(const char *file, const char *version, const libindex_entry *entries, size_t n)
{
	char dir[PATHS_MAX], tmp[PATHS_MAX + 32];
	const char *slash = strrchr(file, '/');
	if (slash && (size_t)(slash - file) < sizeof dir) {
		memcpy(dir, file, (size_t)(slash - file));
		dir[slash - file] = '\0';
		if (dir[0] && paths_mkdirs(dir) != 0)
			return -1;
	}
	if (snprintf(tmp, sizeof tmp, "%s.%ld.tmp", file, (long)getpid()) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	FILE *f = fopen(tmp, "w");
	if (!f)
		return -1;
	fprintf(f, "%s%s\n", MAGIC, version);
	for (size_t i = 0; i < n; i++)
		if (libindex_storable(&entries[i]))
			put_entry(f, &entries[i]);
	int bad = ferror(f);
	if (fclose(f) != 0 || bad || rename(tmp, file) != 0) {
		int e = errno ? errno : EIO;
		unlink(tmp);
		errno = e;
		return -1;
	}
	return 0;
}

int libindex_default_file(char *out, size_t size)
{
	const char *v = getenv("CACHE_DIRECTORY"), *home = getenv("HOME");
	int n;
	if (v && v[0] == '/') {
		/* systemd may list several folders, separated by ':' */
		size_t l = strcspn(v, ":");
		n = snprintf(out, size, "%.*s/library-index", (int)l, v);
	} else if ((v = getenv("XDG_CACHE_HOME")) && v[0] == '/') {
		n = snprintf(out, size, "%s/unknot/library-index", v);
	} else if (home && home[0] == '/') {
		n = snprintf(out, size, "%s/.cache/unknot/library-index", home);
	} else {
		return -1;
	}
	return n > 0 && (size_t)n < size ? 0 : -1;
}
