/* finder_build: what finder.c and finder_build.c share (--build-routine), and
 * the routine builder itself, kept pure of files so tests can call it. */
#ifndef UNKNOT_FINDER_BUILD_H
#define UNKNOT_FINDER_BUILD_H

#include <stddef.h>

#include "core/painmap.h"
#include "core/routine.h"
#include "io/library.h"

/* The map and the bundled library (owned; finder_unload frees them). */
typedef struct {
	painmap *map;
	library *lib;
} finder_ctx;

int finder_load(finder_ctx *f);   /* 0, or 1 after a message on stderr */
void finder_unload(finder_ctx *f);
/* Parses AREA[:side] arguments; 1 after a message on stderr. */
int finder_parse_areas(const finder_ctx *f, char **args, int n, size_t *areas, routine_side *sides);
/* Bundled routine file names (sorted) with a step on target. Owned by f. */
size_t finder_routines(const finder_ctx *f, const char *target, const char **out, size_t max);

/* The routine for the given areas and sides, fitted to `minutes`, as JSON
 * text (caller frees), or NULL with the reason in err. */
char *finder_build_json(const finder_ctx *f, char **args, const size_t *areas, const routine_side *sides,
                        int n, int minutes, char *err, size_t errsize);

#endif
