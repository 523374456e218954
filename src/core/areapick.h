/* areapick: which pain area a finger touched on the body map (issue 20, the
 * "Where does it hurt?" screen). Pure geometry over the body map's area
 * polygons (core/bodymap.h) and the pain finder's vocabulary (core/painmap.h),
 * in map units, so the screen converts a touch once and a unit test checks
 * the answer without a window.
 */
#ifndef UNKNOT_AREAPICK_H
#define UNKNOT_AREAPICK_H

#include "core/bodymap.h"
#include "core/painmap.h"

/* The pain area under map point (x, y) of view `facing`: the area whose
 * polygon holds the point (the smallest when several do), else the one whose
 * edge is nearest, if it is within `tol` map units (a fingertip). Returns its
 * index in pm's areas and sets *side to the polygon's side (the person's), or
 * -1 when nothing is near. */
int areapick_find(const bodymap *bm, const painmap *pm, bodymap_facing facing, float x, float y, float tol,
                  routine_side *side);

/* The centre of area `area`'s polygon on `side` in view `facing` (the mean
 * of its points), for tests and scripted touches. 0, or -1 when the area is
 * not drawn there. */
int areapick_centre(const bodymap *bm, const painmap *pm, size_t area, routine_side side,
                    bodymap_facing facing, float *x, float *y);

#endif
