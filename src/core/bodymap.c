/* bodymap: the body-map data (assets/bodymap.json) and its lookups. */
#include "core/bodymap.h"
#include "core/bodymap_priv.h"
#include "core/vec.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_LEN 128

typedef bodymap_region region;

static void set_err(char *err, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (!err || size == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
}

/* Lower-cases, maps '-' and '_' to blanks and collapses runs of blanks, so that
 * " Upper  Trapezius", "upper-trapezius" and "upper trapezius" compare equal.
 * Returns false when it does not fit. */
static bool normalise(const char *in, char *out, size_t size)
{
	size_t n = 0;
	bool blank = false;

	for (; *in; in++) {
		unsigned char c = (unsigned char)*in;
		if (c == '-' || c == '_' || isspace(c)) {
			blank = n > 0;
			continue;
		}
		if (blank) {
			if (n + 1 >= size)
				return false;
			out[n++] = ' ';
			blank = false;
		}
		if (n + 1 >= size)
			return false;
		out[n++] = (char)tolower(c);
	}
	out[n] = '\0';
	return true;
}

static char *dup_normalised(const char *s)
{
	char buf[NAME_MAX_LEN];

	if (!normalise(s, buf, sizeof buf) || !buf[0])
		return NULL;
	return strdup(buf);
}

/* Twice the signed area of a polygon (positive when counter-clockwise in a
 * y-up frame). */
static double area2(const bodymap_point *p, size_t n)
{
	double a = 0;

	for (size_t i = 0; i < n; i++) {
		const bodymap_point *u = &p[i], *v = &p[(i + 1) % n];
		a += (double)u->x * v->y - (double)v->x * u->y;
	}
	return a;
}

static double cross(bodymap_point a, bodymap_point b, bodymap_point c)
{
	return ((double)b.x - a.x) * ((double)c.y - a.y) - ((double)b.y - a.y) * ((double)c.x - a.x);
}

/* Whether p lies inside or on triangle abc (given with positive orientation). */
static bool in_triangle(bodymap_point p, bodymap_point a, bodymap_point b, bodymap_point c)
{
	return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

static bool same_point(bodymap_point a, bodymap_point b)
{
	return a.x == b.x && a.y == b.y;
}

int bodymap_triangulate(const bodymap_point *pts, size_t n, uint16_t *tris)
{
	uint16_t idx[BODYMAP_MAX_POINTS];
	size_t left = n, t = 0, guard = 0;
	double sign;

	if (!pts || !tris || n < 3 || n > BODYMAP_MAX_POINTS)
		return -1;
	sign = area2(pts, n) >= 0 ? 1.0 : -1.0;
	if (area2(pts, n) == 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		idx[i] = (uint16_t)i;

	/* Classic ear clipping: a vertex is an ear when its corner is convex (in
	 * the polygon's winding) and no other remaining vertex lies inside the
	 * triangle it forms with its neighbours. O(n^2)-ish for outlines of a few
	 * hundred points, and it runs once at load. */
	for (size_t i = 0; left > 3;) {
		size_t ip = (i + left - 1) % left, in = (i + 1) % left;
		bodymap_point a = pts[idx[ip]], b = pts[idx[i]], c = pts[idx[in]];
		bool ear = cross(a, b, c) * sign > 0;

		if (ear) {
			bodymap_point oa = a, ob = b, oc = c;
			if (sign < 0) { /* orient the test triangle positively */
				oa = c;
				oc = a;
			}
			for (size_t j = 0; j < left && ear; j++) {
				bodymap_point p = pts[idx[j]];
				if (j == ip || j == i || j == in)
					continue;
				if (same_point(p, a) || same_point(p, b) || same_point(p, c))
					continue;
				if (in_triangle(p, oa, ob, oc))
					ear = false;
			}
		}
		/* A self-touching or slightly broken outline may have no ear left:
		 * after a whole fruitless lap, clip anyway rather than give up, so
		 * one sloppy polygon never hides the map. */
		if (ear || guard > left) {
			tris[t++] = idx[ip];
			tris[t++] = idx[i];
			tris[t++] = idx[in];
			memmove(&idx[i], &idx[i + 1], (left - i - 1) * sizeof idx[0]);
			left--;
			guard = 0;
			if (i >= left)
				i = 0;
		} else {
			i = (i + 1) % left;
			guard++;
		}
	}
	tris[t++] = idx[0];
	tris[t++] = idx[1];
	tris[t++] = idx[2];
	return (int)(t / 3);
}

static bodymap_poly *new_poly(bodymap *m)
{
	if (!vec_reserve((void **)&m->polys, &m->poly_cap, m->poly_count + 1, sizeof *m->polys, 64))
		return NULL;
	memset(&m->polys[m->poly_count], 0, sizeof m->polys[0]);
	return &m->polys[m->poly_count++];
}

/* Reads [[x,y],...] into a new polygon; fills it with triangles unless it is
 * an open line. Returns 0 or -1 with err set. */
static int read_points(bodymap *m, const cJSON *arr, bodymap_facing f, routine_side side,
                       bool fill, const char *where, char *err, size_t errsize)
{
	bodymap_point *pts = NULL;
	uint16_t *tris = NULL;
	bodymap_poly *p;
	size_t n, i = 0;
	const cJSON *pt;

	if (!cJSON_IsArray(arr)) {
		set_err(err, errsize, "%s: expected an array of [x, y] points", where);
		return -1;
	}
	n = (size_t)cJSON_GetArraySize(arr);
	if (n < (fill ? 3u : 2u) || n > BODYMAP_MAX_POINTS) {
		set_err(err, errsize, "%s: %zu points (need %d..%d)", where, n, fill ? 3 : 2,
		        BODYMAP_MAX_POINTS);
		return -1;
	}
	pts = calloc(n, sizeof *pts);
	if (!pts)
		goto nomem;
	cJSON_ArrayForEach(pt, arr) {
		const cJSON *x = cJSON_GetArrayItem(pt, 0), *y = cJSON_GetArrayItem(pt, 1);
		if (!cJSON_IsArray(pt) || cJSON_GetArraySize(pt) != 2 || !cJSON_IsNumber(x) ||
		    !cJSON_IsNumber(y)) {
			set_err(err, errsize, "%s[%zu]: expected [x, y]", where, i);
			goto fail;
		}
		if (x->valuedouble < 0 || x->valuedouble > BODYMAP_W || y->valuedouble < 0 ||
		    y->valuedouble > BODYMAP_H) {
			set_err(err, errsize, "%s[%zu]: point outside %gx%g", where, i,
			        (double)BODYMAP_W, (double)BODYMAP_H);
			goto fail;
		}
		pts[i].x = (float)x->valuedouble;
		pts[i].y = (float)y->valuedouble;
		i++;
	}
	if (fill) {
		tris = calloc(3 * (n - 2), sizeof *tris);
		if (!tris)
			goto nomem;
		if (bodymap_triangulate(pts, n, tris) < 0) {
			set_err(err, errsize, "%s: degenerate polygon", where);
			goto fail;
		}
	}
	p = new_poly(m);
	if (!p)
		goto nomem;
	p->facing = f;
	p->side = side;
	p->points = pts;
	p->count = n;
	p->tris = tris;
	p->tri_count = fill ? n - 2 : 0;
	return 0;
nomem:
	set_err(err, errsize, "out of memory");
fail:
	free(pts);
	free(tris);
	return -1;
}

static const char *const facing_names[BODYMAP_FACING_COUNT] = { "front", "back" };

/* Reads "outline"/"lines": {"front": [poly...], "back": [poly...]}. */
static int read_views(bodymap *m, const cJSON *root, const char *key, bool fill,
                      size_t *first, size_t *count, char *err, size_t errsize)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, key);

	if (!cJSON_IsObject(obj)) {
		if (!fill && !obj) { /* detail lines are optional */
			for (int f = 0; f < BODYMAP_FACING_COUNT; f++)
				first[f] = count[f] = 0;
			return 0;
		}
		set_err(err, errsize, "%s: expected an object with \"front\" and \"back\"", key);
		return -1;
	}
	for (int f = 0; f < BODYMAP_FACING_COUNT; f++) {
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, facing_names[f]), *poly;
		size_t i = 0;
		char where[64];

		if (!cJSON_IsArray(list) || (fill && cJSON_GetArraySize(list) == 0)) {
			set_err(err, errsize, "%s.%s: expected a list of polygons", key, facing_names[f]);
			return -1;
		}
		first[f] = m->poly_count;
		cJSON_ArrayForEach(poly, list) {
			snprintf(where, sizeof where, "%s.%s[%zu]", key, facing_names[f], i++);
			if (read_points(m, poly, (bodymap_facing)f, ROUTINE_SIDE_NONE, fill, where, err,
			                errsize) < 0)
				return -1;
		}
		count[f] = m->poly_count - first[f];
	}
	return 0;
}

/* Reads one layer of a region: [{"view":..., "side":..., "points": [...]}, ...]. */
static int read_layer(bodymap *m, region *rg, int layer, const cJSON *list, const char *where,
                      char *err, size_t errsize)
{
	const cJSON *item;
	size_t i = 0;

	rg->first[layer] = m->poly_count;
	rg->count[layer] = 0;
	if (!list)
		return 0;
	if (!cJSON_IsArray(list)) {
		set_err(err, errsize, "%s: expected a list", where);
		return -1;
	}
	cJSON_ArrayForEach(item, list) {
		const cJSON *view = cJSON_GetObjectItemCaseSensitive(item, "view");
		const cJSON *side = cJSON_GetObjectItemCaseSensitive(item, "side");
		routine_side s = ROUTINE_SIDE_NONE;
		int f = -1;
		char at[160];

		snprintf(at, sizeof at, "%s[%zu]", where, i++);
		if (cJSON_IsString(view))
			for (int k = 0; k < BODYMAP_FACING_COUNT; k++)
				if (strcmp(view->valuestring, facing_names[k]) == 0)
					f = k;
		if (f < 0) {
			set_err(err, errsize, "%s.view: expected \"front\" or \"back\"", at);
			return -1;
		}
		if (side && !cJSON_IsNull(side)) {
			if (cJSON_IsString(side) && strcmp(side->valuestring, "left") == 0)
				s = ROUTINE_SIDE_LEFT;
			else if (cJSON_IsString(side) && strcmp(side->valuestring, "right") == 0)
				s = ROUTINE_SIDE_RIGHT;
			else {
				set_err(err, errsize, "%s.side: expected \"left\", \"right\" or null", at);
				return -1;
			}
		}
		strncat(at, ".points", sizeof at - strlen(at) - 1);
		if (read_points(m, cJSON_GetObjectItemCaseSensitive(item, "points"), (bodymap_facing)f, s,
		                true, at, err, errsize) < 0)
			return -1;
	}
	rg->count[layer] = m->poly_count - rg->first[layer];
	return 0;
}

static int read_region(bodymap *m, region *rg, const cJSON *obj, size_t ri, char *err,
                       size_t errsize)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(obj, "name");
	const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(obj, "aliases");
	const cJSON *refers = cJSON_GetObjectItemCaseSensitive(obj, "refers");
	const cJSON *a;
	char where[64];

	if (!cJSON_IsString(name) || !(rg->name = dup_normalised(name->valuestring))) {
		set_err(err, errsize, "regions[%zu].name: expected a non-empty name", ri);
		return -1;
	}
	if (aliases) {
		size_t n = cJSON_IsArray(aliases) ? (size_t)cJSON_GetArraySize(aliases) : 0;
		if (!cJSON_IsArray(aliases)) {
			set_err(err, errsize, "regions[%zu].aliases: expected a list of names", ri);
			return -1;
		}
		rg->aliases = calloc(n ? n : 1, sizeof *rg->aliases);
		if (!rg->aliases)
			goto nomem;
		cJSON_ArrayForEach(a, aliases) {
			if (!cJSON_IsString(a) || !(rg->aliases[rg->alias_count] =
			                                    dup_normalised(a->valuestring))) {
				set_err(err, errsize, "regions[%zu].aliases[%zu]: expected a name", ri,
				        rg->alias_count);
				return -1;
			}
			rg->alias_count++;
		}
	}
	if (cJSON_IsString(refers) && !(rg->refers = strdup(refers->valuestring)))
		goto nomem;
	snprintf(where, sizeof where, "regions[%zu].muscle", ri);
	if (read_layer(m, rg, BODYMAP_MUSCLE, cJSON_GetObjectItemCaseSensitive(obj, "muscle"), where,
	               err, errsize) < 0)
		return -1;
	if (rg->count[BODYMAP_MUSCLE] == 0) {
		set_err(err, errsize, "%s: a region needs at least one polygon", where);
		return -1;
	}
	snprintf(where, sizeof where, "regions[%zu].referral", ri);
	return read_layer(m, rg, BODYMAP_REFERRAL, cJSON_GetObjectItemCaseSensitive(obj, "referral"),
	                  where, err, errsize);
nomem:
	set_err(err, errsize, "out of memory");
	return -1;
}

static const region *find(const bodymap *m, const char *target)
{
	char key[NAME_MAX_LEN];

	if (!m || !target || !normalise(target, key, sizeof key) || !key[0])
		return NULL;
	for (size_t i = 0; i < m->region_count; i++) {
		const region *rg = &m->regions[i];
		if (strcmp(rg->name, key) == 0)
			return rg;
		for (size_t k = 0; k < rg->alias_count; k++)
			if (strcmp(rg->aliases[k], key) == 0)
				return rg;
	}
	return NULL;
}

/* The optional "areas": [{"name": "back-of-head", "muscle": [polygons]}], the
 * pain finder's areas, read like regions (the polygons on the muscle layer). */
static int read_areas(bodymap *m, const cJSON *list, char *err, size_t errsize)
{
	const cJSON *obj;
	size_t n;

	if (!list)
		return 0;
	if (!cJSON_IsArray(list)) {
		set_err(err, errsize, "areas: expected a list");
		return -1;
	}
	n = (size_t)cJSON_GetArraySize(list);
	m->areas = calloc(n ? n : 1, sizeof *m->areas);
	if (!m->areas) {
		set_err(err, errsize, "out of memory");
		return -1;
	}
	cJSON_ArrayForEach(obj, list) {
		region *rg = &m->areas[m->area_count++];
		if (!cJSON_IsObject(obj) || read_region(m, rg, obj, m->area_count - 1, err, errsize) < 0) {
			char why[200];
			snprintf(why, sizeof why, "%s", err ? err : "");
			set_err(err, errsize, "areas: %s", why[0] ? why : "expected objects");
			return -1;
		}
	}
	return 0;
}

bodymap *bodymap_parse(const char *text, size_t len, char *err, size_t errsize)
{
	cJSON *root = NULL;
	const cJSON *fmt, *regions, *obj;
	bodymap *m = NULL;
	size_t n, i = 0;

	set_err(err, errsize, "ok");
	if (!text) {
		set_err(err, errsize, "no data");
		return NULL;
	}
	root = cJSON_ParseWithLength(text, len);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		set_err(err, errsize, "invalid JSON near byte %td", at ? at - text : (ptrdiff_t)-1);
		return NULL;
	}
	fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1) {
		set_err(err, errsize, "format: expected 1");
		goto fail;
	}
	m = calloc(1, sizeof *m);
	if (!m)
		goto nomem;
	if (read_views(m, root, "outline", true, m->outline_first, m->outline_count, err, errsize) < 0 ||
	    read_views(m, root, "lines", false, m->line_first, m->line_count, err, errsize) < 0)
		goto fail;
	regions = cJSON_GetObjectItemCaseSensitive(root, "regions");
	if (!cJSON_IsArray(regions)) {
		set_err(err, errsize, "regions: expected a list");
		goto fail;
	}
	n = (size_t)cJSON_GetArraySize(regions);
	m->regions = calloc(n ? n : 1, sizeof *m->regions);
	if (!m->regions)
		goto nomem;
	cJSON_ArrayForEach(obj, regions) {
		region *rg = &m->regions[i];
		m->region_count = ++i;
		if (!cJSON_IsObject(obj)) {
			set_err(err, errsize, "regions[%zu]: expected an object", i - 1);
			goto fail;
		}
		if (read_region(m, rg, obj, i - 1, err, errsize) < 0)
			goto fail;
	}
	if (read_areas(m, cJSON_GetObjectItemCaseSensitive(root, "areas"), err, errsize) < 0)
		goto fail;
	/* A name or alias that resolves to two regions would make lookups
	 * depend on file order: reject it. */
	for (size_t r = 0; r < m->region_count; r++) {
		const region *rg = &m->regions[r];
		for (size_t k = 0; k <= rg->alias_count; k++) {
			const char *nm = k == 0 ? rg->name : rg->aliases[k - 1];
			if (find(m, nm) != rg) {
				set_err(err, errsize, "regions[%zu]: \"%s\" is already used by another region",
				        r, nm);
				goto fail;
			}
		}
	}
	cJSON_Delete(root);
	set_err(err, errsize, "ok");
	return m;
nomem:
	set_err(err, errsize, "out of memory");
fail:
	cJSON_Delete(root);
	bodymap_free(m);
	return NULL;
}

void bodymap_free(bodymap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->poly_count; i++) {
		free((void *)m->polys[i].points);
		free((void *)m->polys[i].tris);
	}
	free(m->polys);
	for (size_t i = 0; i < m->region_count; i++) {
		region *rg = &m->regions[i];
		free(rg->name);
		for (size_t k = 0; k < rg->alias_count; k++)
			free(rg->aliases[k]);
		free(rg->aliases);
		free(rg->refers);
	}
	free(m->regions);
	for (size_t i = 0; i < m->area_count; i++) {
		region *rg = &m->areas[i];
		free(rg->name);
		for (size_t k = 0; k < rg->alias_count; k++)
			free(rg->aliases[k]);
		free(rg->aliases);
		free(rg->refers);
	}
	free(m->areas);
	free(m);
}

const char *bodymap_canonical(const bodymap *m, const char *target)
{
	const region *rg = find(m, target);
	return rg ? rg->name : NULL;
}

/* The polygons of one layer of rg on side (plus midline ones). */
static size_t select_polys(const bodymap *m, const region *rg, routine_side side, bodymap_layer layer,
                           const bodymap_poly **out, size_t max)
{
	size_t n = 0;

	if (!rg || (layer != BODYMAP_MUSCLE && layer != BODYMAP_REFERRAL))
		return 0;
	for (size_t i = 0; i < rg->count[layer]; i++) {
		const bodymap_poly *p = &m->polys[rg->first[layer] + i];
		if (side != ROUTINE_SIDE_NONE && p->side != ROUTINE_SIDE_NONE && p->side != side)
			continue;
		if (out) {
			if (n == max)
				break;
			out[n] = p;
		}
		n++;
	}
	return n;
}

size_t bodymap_select(const bodymap *m, const char *target, routine_side side,
                      bodymap_layer layer, const bodymap_poly **out, size_t max)
{
	return select_polys(m, find(m, target), side, layer, out, max);
}

size_t bodymap_area_count(const bodymap *m)
{
	return m ? m->area_count : 0;
}

size_t bodymap_area_select(const bodymap *m, const char *id, routine_side side, const bodymap_poly **out,
                           size_t max)
{
	char key[NAME_MAX_LEN];

	if (!m || !id || !normalise(id, key, sizeof key))
		return 0;
	for (size_t i = 0; i < m->area_count; i++)
		if (strcmp(m->areas[i].name, key) == 0)
			return select_polys(m, &m->areas[i], side, BODYMAP_MUSCLE, out, max);
	return 0;
}

static size_t list_polys(const bodymap *m, size_t first, size_t count, const bodymap_poly **out,
                         size_t max)
{
	size_t n = 0;

	for (; n < count && n < max; n++)
		out[n] = &m->polys[first + n];
	return n;
}

size_t bodymap_outline(const bodymap *m, bodymap_facing f, const bodymap_poly **out, size_t max)
{
	if (!m || !out || f < 0 || f >= BODYMAP_FACING_COUNT)
		return 0;
	return list_polys(m, m->outline_first[f], m->outline_count[f], out, max);
}

size_t bodymap_lines(const bodymap *m, bodymap_facing f, const bodymap_poly **out, size_t max)
{
	if (!m || !out || f < 0 || f >= BODYMAP_FACING_COUNT)
		return 0;
	return list_polys(m, m->line_first[f], m->line_count[f], out, max);
}

size_t bodymap_region_count(const bodymap *m)
{
	return m ? m->region_count : 0;
}

const char *bodymap_region_name(const bodymap *m, size_t i)
{
	return m && i < m->region_count ? m->regions[i].name : NULL;
}

const char *bodymap_refers(const bodymap *m, const char *target)
{
	const region *rg = find(m, target);
	return rg ? rg->refers : NULL;
}
