/* bodymap_priv: the body map's insides, shared by core/bodymap.c (parse,
 * lookups, free) and core/bodymap_pack.c (the start-up cache, issue 22).
 * Nothing else includes it. Every pointer below is owned by the map and
 * freed by bodymap_free(): each polygon's points and tris separately. */
#ifndef UNKNOT_BODYMAP_PRIV_H
#define UNKNOT_BODYMAP_PRIV_H

#include <stddef.h>

#include "core/bodymap.h"

typedef struct {
	char *name;          /* canonical, normalised */
	char **aliases;      /* normalised */
	size_t alias_count;
	char *refers;        /* free text, may be NULL */
	size_t first[2];     /* first poly index per layer (muscle, referral) */
	size_t count[2];     /* poly count per layer */
} bodymap_region;

struct bodymap {
	bodymap_poly *polys; /* every polygon: outlines, lines, then regions */
	size_t poly_count;
	size_t poly_cap;
	size_t outline_first[BODYMAP_FACING_COUNT], outline_count[BODYMAP_FACING_COUNT];
	size_t line_first[BODYMAP_FACING_COUNT], line_count[BODYMAP_FACING_COUNT];
	bodymap_region *regions;
	size_t region_count;
	bodymap_region *areas;       /* the pain finder's areas (optional "areas" list) */
	size_t area_count;
};

#endif
