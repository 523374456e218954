/* painmap: the pain finder's mapping (issue 20), from where it hurts to the
 * muscles whose trigger points refer pain there.
 *
 * The data is assets/painmap.json (read by io/painmapfile.c): a fixed
 * vocabulary of pain areas ("temple", "low-back", ...) and, per muscle, its
 * primary (essential) and spill-over referral areas after Travell & Simons and
 * Davies (routines/README.md cites each muscle's chapter), and whether it is
 * safe under a ball. Pure: parses from a buffer.
 */
#ifndef UNKNOT_PAINMAP_H
#define UNKNOT_PAINMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/routine.h"

#define PAINMAP_MAX_AREAS   64
#define PAINMAP_MAX_MUSCLES 128
#define PAINMAP_MAX_ZONES   16  /* areas per muscle and zone kind */

typedef enum { PAINMAP_PRIMARY = 0, PAINMAP_SPILL } painmap_zone;

typedef struct painmap painmap;

/* Parses len bytes of text. On error returns NULL and writes
 * "LINE:COLUMN: PATH: what is wrong" into err (when not NULL). Caller frees
 * with painmap_free(). */
painmap *painmap_parse(const char *text, size_t len, char *err, size_t errsize);
void painmap_free(painmap *m); /* NULL is fine */

/* The areas, in the file's order. Strings are owned by the map. */
size_t painmap_area_count(const painmap *m);
const char *painmap_area_id(const painmap *m, size_t i);    /* NULL if out of range */
const char *painmap_area_label(const painmap *m, size_t i); /* "back of the head" */
/* Index of the area with exactly this id, or -1. */
int painmap_area_find(const painmap *m, const char *id);

/* The muscles, in the file's order. */
size_t painmap_muscle_count(const painmap *m);
const char *painmap_target(const painmap *m, size_t i);   /* as routines spell it */
const char *painmap_source(const painmap *m, size_t i);   /* "T&S Vol. 1, Trapezius" */
bool painmap_self_treatable(const painmap *m, size_t i); /* false: stretch only */
/* Index of the muscle with exactly this target, or -1. */
int painmap_muscle_find(const painmap *m, const char *target);
/* The area indices of one zone of muscle i; returns how many (<= max). */
size_t painmap_zones(const painmap *m, size_t i, painmap_zone z, size_t *out, size_t max);

/* "AREA" or "AREA:left" / "AREA:right". Returns 0 and sets *area and *side
 * (ROUTINE_SIDE_NONE without a side); -1 for an unknown area, -2 for a bad
 * side. */
int painmap_parse_arg(const painmap *m, const char *arg, size_t *area, routine_side *side);

/* One ranked muscle. */
typedef struct {
	size_t muscle;     /* index into the muscles */
	unsigned score;    /* 3 per area in its primary zone, 1 per area in its spill-over */
	unsigned primary;  /* how many of the given areas are in its primary zone */
	unsigned spill;    /* ... in its spill-over zone only */
} painmap_hit;

/* Ranks the muscles whose referral covers any of the n given areas: the
 * highest score first; on a tie the muscle whose referral is more specific
 * (fewer areas in all) first, then the file's order. Areas given twice count
 * once. Writes up to max hits and returns how many it wrote. */
size_t painmap_rank(const painmap *m, const size_t *areas, size_t n, painmap_hit *out, size_t max);

#endif
