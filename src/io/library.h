/* library: the routines found in the routine folders (paths_routine_dirs()).
 *
 * Every *.json file (except schema.json and hidden files) of every folder,
 * and of its direct subfolders (a USB stick mounted at routines/usb), is
 * read and validated; when two folders hold the same file name, the first
 * folder wins (so ~/.local/share/unknot/routines/neck.json replaces the
 * bundled neck.json). One broken file never hides the others: it is listed
 * apart with its first errors, formatted "FILE:LINE:COLUMN: PATH: MESSAGE".
 *
 * At scale (issue 22: 10,000 files) the app scans with an index
 * (io/libindex.h): a file whose path, mtime and size the index knows is
 * listed from it, title, duration and validity, without being read; only
 * new or changed files are validated, and the index is rewritten when
 * anything changed. Such a routine is parsed when it is first asked for
 * (library_routine: the cards of the page shown, the routine opened).
 */
#ifndef UNKNOT_LIBRARY_H
#define UNKNOT_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/routine.h"

#define LIBRARY_MAX_ERROR_LINES 3  /* error lines kept per broken file */
#define LIBRARY_NOT_FOUND ((size_t)-1)

typedef struct library library;

/* Scans the routine folders. Returns NULL only when out of memory (an empty
 * library when no folder exists). Caller frees with library_free(). */
library *library_new(void);

/* The same over the given folders, in this order (tests, tools): every file
 * read and validated, no index. */
library *library_scan(const char *const *dirs, size_t n);

/* The same with the index file index_file (read, and rewritten when the
 * folders changed; NULL: no index, as library_scan). library_new() uses
 * libindex_default_file(). */
library *library_scan_indexed(const char *const *dirs, size_t n, const char *index_file);

/* The same, trusting the index: a file it lists is listed from it without
 * a stat (the folders are still read, so a new or deleted file shows; a
 * file changed in place does not, until library_stale() says so). For the
 * first frame with 10,000 files (issue 22); library_new_trusting() uses the
 * default index. */
library *library_scan_trusting(const char *const *dirs, size_t n, const char *index_file);
library *library_new_trusting(void);

/* Whether a file a trusting scan listed from the index has changed since
 * (one stat each; false for a library scanned otherwise). The caller then
 * scans again (library_new). */
bool library_stale(const library *l);

void library_free(library *l); /* NULL is fine */

/* Valid routines, sorted by title (case-insensitively), then file name. The
 * routines are owned by the library. library_routine parses an indexed
 * routine the first time it is asked for (not thread-safe: one thread asks);
 * NULL when out of range, or when the file no longer validates (it changed
 * since it was indexed: library_error says why). */
size_t library_count(const library *l);
const routine *library_routine(const library *l, size_t i);
const char *library_title(const library *l, size_t i);        /* known without parsing */
uint32_t library_total_s(const library *l, size_t i);         /* known without parsing */
bool library_parsed(const library *l, size_t i);              /* library_routine has it */
const char *library_error(const library *l, size_t i);        /* NULL unless it failed late */
size_t library_from_index(const library *l);                  /* files the index knew unchanged */
const char *library_path(const library *l, size_t i);         /* the file it came from */
size_t library_warnings(const library *l, size_t i);          /* warnings it had */

/* Broken files, sorted by path. */
size_t library_broken_count(const library *l);
const char *library_broken_path(const library *l, size_t i);
/* How many errors the file has in all, and its first ones (at most
 * LIBRARY_MAX_ERROR_LINES) as formatted lines owned by the library. */
size_t library_broken_errors(const library *l, size_t i);
const char *library_broken_line(const library *l, size_t i, size_t k); /* NULL if out of range */

/* Index of the valid routine whose path, file name ("neck.json") or stem
 * ("neck") is `name`, or LIBRARY_NOT_FOUND. */
size_t library_find(const library *l, const char *name);

/* Reads and validates one file (for `unknot ROUTINE`, --simulate). On failure
 * returns NULL and writes the first error, formatted as above (or
 * "FILE: cannot read: REASON"), into err. Caller frees the routine. */
routine *library_load_file(const char *path, char *err, size_t errsize);

#endif
