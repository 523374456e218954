/* areapick: the pain area nearest a touch on the body map. */
#include "core/areapick.h"

#include <math.h>

#define MAX_POLYS 16 /* polygons of one area (both sides, front and back) */

/* Whether p is inside the polygon (even-odd rule). */
static int inside(const bodymap_poly *p, float x, float y)
{
	int in = 0;
	for (size_t i = 0, j = p->count - 1; i < p->count; j = i++) {
		bodymap_point a = p->points[i], b = p->points[j];
		if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
			in = !in;
	}
	return in;
}

/* Distance from (x, y) to segment a-b. */
static float seg_dist(bodymap_point a, bodymap_point b, float x, float y)
{
	float dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
	float t = l2 > 0 ? ((x - a.x) * dx + (y - a.y) * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	float ex = a.x + t * dx - x, ey = a.y + t * dy - y;
	return sqrtf(ex * ex + ey * ey);
}

/* Twice the polygon's area (either winding), to prefer the smaller one. */
static float size2(const bodymap_poly *p)
{
	float s = 0;
	for (size_t i = 0, j = p->count - 1; i < p->count; j = i++)
		s += p->points[j].x * p->points[i].y - p->points[i].x * p->points[j].y;
	return fabsf(s);
}

/* How far the point is from the polygon: 0 inside, else to its nearest edge. */
static float poly_dist(const bodymap_poly *p, float x, float y)
{
	if (p->count < 3)
		return INFINITY;
	if (inside(p, x, y))
		return 0;
	float d = INFINITY;
	for (size_t i = 0, j = p->count - 1; i < p->count; j = i++)
		d = fminf(d, seg_dist(p->points[j], p->points[i], x, y));
	return d;
}

int areapick_find(const bodymap *bm, const painmap *pm, bodymap_facing facing, float x, float y, float tol,
                  routine_side *side)
{
	int best = -1;
	float best_d = INFINITY, best_size = INFINITY;
	for (size_t a = 0; a < painmap_area_count(pm); a++) {
		const bodymap_poly *p[MAX_POLYS];
		size_t n = bodymap_area_select(bm, painmap_area_id(pm, a), ROUTINE_SIDE_NONE, p, MAX_POLYS);
		for (size_t i = 0; i < n; i++) {
			if (p[i]->facing != facing)
				continue;
			float d = poly_dist(p[i], x, y), sz = size2(p[i]);
			if (d > tol || d > best_d || (d == best_d && sz >= best_size))
				continue;
			best = (int)a;
			best_d = d;
			best_size = sz;
			if (side)
				*side = p[i]->side;
		}
	}
	return best;
}

int areapick_centre(const bodymap *bm, const painmap *pm, size_t area, routine_side side,
                    bodymap_facing facing, float *x, float *y)
{
	const bodymap_poly *p[MAX_POLYS];
	size_t n = bodymap_area_select(bm, painmap_area_id(pm, area), side, p, MAX_POLYS);
	for (size_t i = 0; i < n; i++) {
		if (p[i]->facing != facing || (side != ROUTINE_SIDE_NONE && p[i]->side != side) || !p[i]->count)
			continue;
		float sx = 0, sy = 0;
		for (size_t k = 0; k < p[i]->count; k++) {
			sx += p[i]->points[k].x;
			sy += p[i]->points[k].y;
		}
		*x = sx / (float)p[i]->count;
		*y = sy / (float)p[i]->count;
		return 0;
	}
	return -1;
}
