/* bodymap_pack: a parsed body map as one flat blob, and back (see bodymap_pack.h).
 *
 * Layout (native order): "UNKBMAP1", u32 0x01020304, u32 polygon count;
 * per polygon u32 facing, side, point count, triangle count, then its
 * points (2 floats each) and triangles (3 u16 each); u32 outline and line
 * first/count per facing; the regions, then the areas: u32 count, per
 * region its name, u32 alias count and aliases, u32 has-refers (and the
 * text), u32 first and count per layer. A string is u32 length + bytes. */
#include "core/bodymap_pack.h"
#include "core/bodymap_priv.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "UNKBMAP1"
#define ORDER 0x01020304u

typedef struct {
	unsigned char *p;
	size_t len, cap;
	bool failed;
} writer;

static void put(writer *w, const void *data, size_t n)
{
	if (w->failed)
		return;
	if (w->len + n > w->cap) {
		size_t cap = w->cap ? w->cap : 4096;
		while (cap < w->len + n)
			cap *= 2;
		unsigned char *p = realloc(w->p, cap);
		if (!p) {
			w->failed = true;
			return;
		}
		w->p = p;
		w->cap = cap;
	}
	memcpy(w->p + w->len, data, n);
	w->len += n;
}

static void put_u32(writer *w, size_t v)
{
	uint32_t u = (uint32_t)v;
	put(w, &u, sizeof u);
}

static void put_str(writer *w, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_u32(w, n);
	put(w, s, n);
}

static void put_regions(writer *w, const bodymap_region *r, size_t n)
{
	put_u32(w, n);
	for (size_t i = 0; i < n; i++) {
		put_str(w, r[i].name);
		put_u32(w, r[i].alias_count);
		for (size_t k = 0; k < r[i].alias_count; k++)
			put_str(w, r[i].aliases[k]);
		put_u32(w, r[i].refers != NULL);
		if (r[i].refers)
			put_str(w, r[i].refers);
		for (int l = 0; l < 2; l++) {
			put_u32(w, r[i].first[l]);
			put_u32(w, r[i].count[l]);
		}
	}
}

void *bodymap_pack(const bodymap *m, size_t *len)
{
	writer w = {0};
	put(&w, MAGIC, 8);
	put_u32(&w, ORDER);
	put_u32(&w, m->poly_count);
	for (size_t i = 0; i < m->poly_count; i++) {
		const bodymap_poly *p = &m->polys[i];
		put_u32(&w, (size_t)p->facing);
		put_u32(&w, (size_t)p->side);
		put_u32(&w, p->count);
		put_u32(&w, p->tris ? p->tri_count : 0);
		put(&w, p->points, p->count * sizeof *p->points);
		if (p->tris)
			put(&w, p->tris, p->tri_count * 3 * sizeof *p->tris);
	}
	for (int f = 0; f < BODYMAP_FACING_COUNT; f++) {
		put_u32(&w, m->outline_first[f]);
		put_u32(&w, m->outline_count[f]);
		put_u32(&w, m->line_first[f]);
		put_u32(&w, m->line_count[f]);
	}
	put_regions(&w, m->regions, m->region_count);
	put_regions(&w, m->areas, m->area_count);
	if (w.failed) {
		free(w.p);
		return NULL;
	}
	*len = w.len;
	return w.p;
}

typedef struct {
	const unsigned char *p, *end;
	bool bad;
} reader;

/* n bytes from the blob, or NULL (and bad) when fewer are left. */
static const void *take(reader *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	const void *at = r->p;
	r->p += n;
	return at;
}

static size_t get_u32(reader *r)
{
	const void *at = take(r, 4);
	uint32_t u = 0;
	if (at)
		memcpy(&u, at, 4);
	return u;
}

/* A string, malloc'd and terminated, or NULL (bad set unless out of memory). */
static char *get_str(reader *r)
{
	size_t n = get_u32(r);
	const char *at = take(r, n);
	char *s = at ? malloc(n + 1) : NULL;
	if (!s) {
		r->bad = true;
		return NULL;
	}
	memcpy(s, at, n);
	s[n] = '\0';
	return s;
}

/* A count of items at least `min_bytes` each: never more than the blob has left. */
static size_t get_count(reader *r, size_t min_bytes)
{
	size_t n = get_u32(r);
	if (n > (size_t)(r->end - r->p) / min_bytes)
		r->bad = true;
	return r->bad ? 0 : n;
}

/* Whether first + count polygons lie inside the map. */
static bool span_ok(const bodymap *m, size_t first, size_t count)
{
	return first <= m->poly_count && count <= m->poly_count - first;
}

static bodymap_region *get_regions(reader *r, const bodymap *m, size_t *count)
{
	size_t n = get_count(r, 4 * 7);
	bodymap_region *rg = calloc(n ? n : 1, sizeof *rg);
	*count = 0;
	if (!rg) {
		r->bad = true;
		return NULL;
	}
	for (size_t i = 0; i < n && !r->bad; i++) {
		*count = i + 1; /* freed with the map from here on */
		rg[i].name = get_str(r);
		size_t na = get_count(r, 4);
		rg[i].aliases = calloc(na ? na : 1, sizeof *rg[i].aliases);
		if (!rg[i].aliases)
			r->bad = true;
		for (size_t k = 0; k < na && !r->bad; k++) {
			rg[i].aliases[k] = get_str(r);
			rg[i].alias_count = k + 1;
		}
		if (get_u32(r))
			rg[i].refers = get_str(r);
		for (int l = 0; l < 2; l++) {
			rg[i].first[l] = get_u32(r);
			rg[i].count[l] = get_u32(r);
			if (!span_ok(m, rg[i].first[l], rg[i].count[l]))
				r->bad = true;
		}
	}
	return rg;
}

/* Polygon i from the blob (its points and triangles checked). */
static void get_poly(reader *r, bodymap_poly *p)
{
	size_t facing = get_u32(r), side = get_u32(r), n = get_u32(r), nt = get_u32(r);
	if (facing >= BODYMAP_FACING_COUNT || side > ROUTINE_SIDE_RIGHT || n < 2 || n > BODYMAP_MAX_POINTS ||
	    (nt && nt > n - 2)) {
		r->bad = true;
		return;
	}
	p->facing = (bodymap_facing)facing;
	p->side = (routine_side)side;
	const void *pts = take(r, n * sizeof *p->points);
	const void *tris = nt ? take(r, nt * 3 * sizeof *p->tris) : NULL;
	if (r->bad)
		return;
	bodymap_point *pp = malloc(n * sizeof *pp);
	uint16_t *tt = nt ? malloc(nt * 3 * sizeof *tt) : NULL;
	p->points = pp;
	p->tris = tt;
	if (!pp || (nt && !tt)) {
		r->bad = true;
		return;
	}
	memcpy(pp, pts, n * sizeof *pp);
	p->count = n;
	for (size_t k = 0; k < n; k++)
		if (!(pp[k].x >= 0 && pp[k].x <= BODYMAP_W && pp[k].y >= 0 && pp[k].y <= BODYMAP_H))
			r->bad = true; /* (NaN too) */
	if (tt) {
		memcpy(tt, tris, nt * 3 * sizeof *tt);
		p->tri_count = nt;
		for (size_t k = 0; k < nt * 3; k++)
			if (tt[k] >= n)
				r->bad = true;
	}
}

bodymap *bodymap_unpack(const void *blob, size_t len)
{
	reader r = { blob, (const unsigned char *)blob + len, false };
	const void *magic = blob ? take(&r, 8) : NULL;
	if (!magic || memcmp(magic, MAGIC, 8) != 0 || get_u32(&r) != ORDER)
		return NULL;
	bodymap *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	size_t n = get_count(&r, 4 * 4 + 2 * sizeof(bodymap_point));
	m->polys = calloc(n ? n : 1, sizeof *m->polys);
	if (!m->polys)
		r.bad = true;
	for (size_t i = 0; i < n && !r.bad; i++) {
		m->poly_count = i + 1;
		get_poly(&r, &m->polys[i]);
	}
	m->poly_cap = m->poly_count;
	for (int f = 0; f < BODYMAP_FACING_COUNT && !r.bad; f++) {
		m->outline_first[f] = get_u32(&r);
		m->outline_count[f] = get_u32(&r);
		m->line_first[f] = get_u32(&r);
		m->line_count[f] = get_u32(&r);
		if (!span_ok(m, m->outline_first[f], m->outline_count[f]) ||
		    !span_ok(m, m->line_first[f], m->line_count[f]))
			r.bad = true;
	}
	if (!r.bad)
		m->regions = get_regions(&r, m, &m->region_count);
	if (!r.bad)
		m->areas = get_regions(&r, m, &m->area_count);
	if (r.bad || r.p != r.end) {
		bodymap_free(m);
		return NULL;
	}
	return m;
}
