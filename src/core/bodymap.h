/* bodymap: the body-map data (assets/bodymap.json) and its lookups.
 *
 * The map holds a front and a back body outline and, per muscle ("region"),
 * the polygons of the muscle itself and of its referral zone (where its
 * trigger points refer pain). Coordinates are normalised per view: x in
 * 0..BODYMAP_W, y in 0..BODYMAP_H (y down), the figure facing the viewer on
 * the front view and facing away on the back view.
 *
 * Sides are always the PERSON's sides: on the back view the person's left is on
 * the viewer's left; on the front view the person's left is on the viewer's
 * right (a mirror image). Every polygon in the file carries the person's side
 * ("left", "right", or none for midline structures).
 *
 * Lookups are case-insensitive, ignore surrounding/repeated blanks and accept
 * the aliases listed in the file ("traps", "pecs", "quads", ...).
 *
 * Pure: parses from a buffer with cJSON; src/ui/bodymap_view.c reads the file.
 * Fill triangles are computed once here (ear clipping), never per frame.
 */
#ifndef UNKNOT_BODYMAP_H
#define UNKNOT_BODYMAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/routine.h"

#define BODYMAP_W 100.0f   /* width of one view in map units */
#define BODYMAP_H 220.0f   /* height of one view in map units */
#define BODYMAP_MAX_POINTS 512 /* points per polygon */

typedef enum { BODYMAP_FRONT = 0, BODYMAP_BACK, BODYMAP_FACING_COUNT } bodymap_facing;

typedef enum {
	BODYMAP_MUSCLE = 0,  /* the muscle itself: highlighted */
	BODYMAP_REFERRAL     /* where its trigger points refer pain: shaded */
} bodymap_layer;

typedef struct {
	float x, y;
} bodymap_point;

/* One polygon (or, for detail lines, one open polyline). Owned by the map. */
typedef struct {
	bodymap_facing facing;
	routine_side side;            /* the person's side; ROUTINE_SIDE_NONE = midline */
	const bodymap_point *points;
	size_t count;
	const uint16_t *tris;         /* 3 indices into points per fill triangle; NULL for lines */
	size_t tri_count;             /* number of triangles */
} bodymap_poly;

typedef struct bodymap bodymap;

/* Parses assets/bodymap.json from `len` bytes of `text`. On error returns NULL
 * and writes a one-line reason into err (when err is not NULL). Caller frees
 * with bodymap_free(). */
bodymap *bodymap_parse(const char *text, size_t len, char *err, size_t errsize);
void bodymap_free(bodymap *m); /* NULL is fine */

/* Canonical region name for a target or alias ("Traps" -> "upper trapezius"),
 * or NULL when the map has no region for it. Owned by the map. */
const char *bodymap_canonical(const bodymap *m, const char *target);

/* The polygons of `target` on `layer`, restricted to `side` (polygons on that
 * side plus midline ones; ROUTINE_SIDE_NONE selects both sides). Writes up to
 * `max` pointers to out and returns how many it wrote (with out NULL: how many
 * match). 0 for an unknown or NULL target. */
size_t bodymap_select(const bodymap *m, const char *target, routine_side side,
                      bodymap_layer layer, const bodymap_poly **out, size_t max);

/* The body outline polygons of one view (usually one silhouette each). */
size_t bodymap_outline(const bodymap *m, bodymap_facing f, const bodymap_poly **out, size_t max);

/* Anatomical detail lines of one view (spine, shoulder blades, ...): open
 * polylines, drawn thin over the silhouette. */
size_t bodymap_lines(const bodymap *m, bodymap_facing f, const bodymap_poly **out, size_t max);

/* Regions, for listing and tests: count and canonical name by index. */
size_t bodymap_region_count(const bodymap *m);
const char *bodymap_region_name(const bodymap *m, size_t i); /* NULL if out of range */

/* The pain finder's areas (core/painmap.h ids such as "back-of-head"), drawn
 * on the front, back or sole views: the polygons of area `id` on `side` (plus
 * midline ones; ROUTINE_SIDE_NONE: both), as bodymap_select. 0 for an unknown
 * id or a map without areas. */
size_t bodymap_area_count(const bodymap *m);
size_t bodymap_area_select(const bodymap *m, const char *id, routine_side side, const bodymap_poly **out,
                           size_t max);

/* Short description of where `target` refers pain ("side of the head and
 * temple"), or NULL. Owned by the map. */
const char *bodymap_refers(const bodymap *m, const char *target);

/* Ear-clipping triangulation of a simple polygon (either winding). Writes
 * 3 * (n - 2) indices into tris (room for that many) and returns the number
 * of triangles, or -1 when n < 3, n > BODYMAP_MAX_POINTS or it is degenerate. */
int bodymap_triangulate(const bodymap_point *pts, size_t n, uint16_t *tris);

#endif
