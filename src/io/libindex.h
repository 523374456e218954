/* libindex: the routine library's index file, so that a start with 10,000
 * routine files does not read and validate every one of them (issue 22).
 *
 * One line per routine file: its path, mtime (seconds and nanoseconds) and
 * size, and what validating it gave: for a valid routine its title,
 * duration, step count and warning count; for a broken file its error count
 * and first error lines. An entry is only used while the file's path,
 * mtime and size are the same (libindex_find), and the whole index only by
 * the same unknot version (the validator's rules may change). Reading is
 * linear in the file and size-bounded; a line that does not parse is
 * skipped (the file is then validated again).
 *
 *   unknot-library-index 1 VERSION
 *   g<TAB>PATH<TAB>MTIME_S<TAB>MTIME_NS<TAB>SIZE<TAB>WARNINGS<TAB>TOTAL_S<TAB>STEPS<TAB>TITLE
 *   b<TAB>PATH<TAB>MTIME_S<TAB>MTIME_NS<TAB>SIZE<TAB>NERRORS<TAB>LINE[<TAB>LINE...]
 */
#ifndef UNKNOT_LIBINDEX_H
#define UNKNOT_LIBINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LIBINDEX_MAX_LINES 3                 /* error lines kept per broken file */
#define LIBINDEX_MAX_BYTES (64 * 1024 * 1024) /* a larger index file is ignored */

/* What the index knows of one file. Strings are owned by the index (or, for
 * libindex_write, by the caller). */
typedef struct {
	const char *path;
	int64_t mtime_s;
	long mtime_ns;
	int64_t size;
	bool valid;
	const char *title;       /* valid */
	uint32_t total_s;        /* valid */
	uint32_t steps;          /* valid: timeline entries other than transitions */
	size_t warnings;         /* valid */
	size_t nerrors;          /* broken: errors in all */
	const char *lines[LIBINDEX_MAX_LINES]; /* broken: the first ones */
	size_t nlines;
} libindex_entry;

typedef struct libindex libindex;

/* Parses an index from len bytes of text (need not be NUL-terminated):
 * empty when the header is not this format and `version`. NULL only when
 * out of memory. Caller frees. */
libindex *libindex_parse(const char *text, size_t len, const char *version);

/* Reads the index file (an empty index when it is missing, too big or of
 * another version). NULL only when out of memory. Caller frees. */
libindex *libindex_read(const char *file, const char *version);

void libindex_free(libindex *x); /* NULL is fine */

size_t libindex_count(const libindex *x);

/* The entry for path when its mtime and size are still these, else NULL.
 * Constant time (a hash). Owned by the index. */
const libindex_entry *libindex_find(const libindex *x, const char *path, int64_t mtime_s,
                                    long mtime_ns, int64_t size);

/* The entry of path whatever its file's time and size now, or NULL. */
const libindex_entry *libindex_find_path(const libindex *x, const char *path);

/* Whether an entry can be written: no tab or line break in any string. */
bool libindex_storable(const libindex_entry *e);

/* Writes the entries (those libindex_storable accepts) to file, through a
 * temporary file renamed over it, creating its folder. Returns 0, or -1
 * with errno set. */
int libindex_write(const char *file, const char *version, const libindex_entry *entries, size_t n);

/* Where the index lives: $CACHE_DIRECTORY (systemd's CacheDirectory=),
 * else $XDG_CACHE_HOME/unknot, else ~/.cache/unknot, file library-index.
 * Returns 0, or -1 when there is no such folder (HOME unset). */
int libindex_default_file(char *out, size_t size);

#endif
