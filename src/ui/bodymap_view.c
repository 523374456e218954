/* bodymap_view: the body map drawn with SDL_RenderGeometry. */
#include "ui/bodymap_view.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GAP_UNITS 10.0f     /* space between the front and back figures, in map units */
#define MAX_SELECT 32       /* polygons per target and layer */
#define MAX_HATCH_X 64      /* edge crossings of one hatch line */

struct bodymap_view {
	bodymap *map;
	bodymap_view_style style;
};

/* The affine transform of one figure: screen = origin + map * scale. */
typedef struct {
	float ox, oy, s;
} xform;

static const bodymap_view_style default_style = {
	.body = { 0x3a, 0x40, 0x4a, 0xff },
	.outline = { 0x9a, 0xa3, 0xb0, 0xff },
	.detail = { 0x5c, 0x64, 0x70, 0xff },
};

bodymap_view *bodymap_view_new(bodymap *map)
{
	bodymap_view *v;

	if (!map)
		return NULL;
	v = calloc(1, sizeof *v);
	if (!v) {
		bodymap_free(map);
		return NULL;
	}
	v->map = map;
	v->style = default_style;
	return v;
}

void bodymap_view_free(bodymap_view *v)
{
	if (!v)
		return;
	bodymap_free(v->map);
	free(v);
}

const bodymap *bodymap_view_map(const bodymap_view *v)
{
	return v ? v->map : NULL;
}

void bodymap_view_set_style(bodymap_view *v, const bodymap_view_style *style)
{
	if (v && style)
		v->style = *style;
}

/* Scale and origins of the two figures inside area (aspect kept, centred). */
static void figure_xforms(SDL_Rect area, xform out[BODYMAP_FACING_COUNT])
{
	float total_w = 2 * BODYMAP_W + GAP_UNITS;
	float s = fminf((float)area.w / total_w, (float)area.h / BODYMAP_H);
	float x0, y0;

	if (s < 0)
		s = 0;
	x0 = (float)area.x + ((float)area.w - total_w * s) / 2;
	y0 = (float)area.y + ((float)area.h - BODYMAP_H * s) / 2;
	out[BODYMAP_FRONT] = (xform){ x0, y0, s };
	out[BODYMAP_BACK] = (xform){ x0 + (BODYMAP_W + GAP_UNITS) * s, y0, s };
}

void bodymap_view_layout(SDL_Rect area, SDL_Rect *front, SDL_Rect *back)
{
	xform x[BODYMAP_FACING_COUNT];
	SDL_Rect *outs[BODYMAP_FACING_COUNT] = { front, back };

	figure_xforms(area, x);
	for (int f = 0; f < BODYMAP_FACING_COUNT; f++)
		if (outs[f])
			*outs[f] = (SDL_Rect){ (int)lroundf(x[f].ox), (int)lroundf(x[f].oy),
			                       (int)lroundf(BODYMAP_W * x[f].s),
			                       (int)lroundf(BODYMAP_H * x[f].s) };
}

static SDL_FPoint map_pt(const xform *x, bodymap_point p)
{
	return (SDL_FPoint){ x->ox + p.x * x->s, x->oy + p.y * x->s };
}

/* Fills a polygon with its precomputed triangles. */
static void fill_poly(SDL_Renderer *r, const xform *x, const bodymap_poly *p, SDL_Color c)
{
	SDL_Vertex vert[BODYMAP_MAX_POINTS];
	int idx[3 * BODYMAP_MAX_POINTS];

	if (!p->tris || p->count > BODYMAP_MAX_POINTS)
		return;
	for (size_t i = 0; i < p->count; i++)
		vert[i] = (SDL_Vertex){ map_pt(x, p->points[i]), c, { 0, 0 } };
	for (size_t i = 0; i < 3 * p->tri_count; i++)
		idx[i] = p->tris[i];
	SDL_RenderGeometry(r, NULL, vert, (int)p->count, idx, (int)(3 * p->tri_count));
}

/* Thick lines as quads, batched into few SDL_RenderGeometry calls (plain SDL
 * lines are 1 px, too thin on a high-DPI touchscreen). */
enum { QUAD_BATCH = 128 };
typedef struct {
	SDL_Renderer *r;
	SDL_Vertex vert[4 * QUAD_BATCH];
	int idx[6 * QUAD_BATCH];
	size_t n;
} quads;

static void quads_flush(quads *q)
{
	if (q->n)
		SDL_RenderGeometry(q->r, NULL, q->vert, (int)(4 * q->n), q->idx, (int)(6 * q->n));
	q->n = 0;
}

/* Adds segment a-b, w px wide. `cap` extends it by half the width at both
 * ends so consecutive segments overlap at the joints instead of notching. */
static void quads_seg(quads *q, SDL_FPoint a, SDL_FPoint b, float w, SDL_Color c, bool cap)
{
	float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
	float nx, ny, ex = 0, ey = 0;
	SDL_Vertex *v = &q->vert[4 * q->n];
	int *i = &q->idx[6 * q->n], base = (int)(4 * q->n);

	if (len < 1e-3f)
		return;
	nx = -dy / len * w / 2;
	ny = dx / len * w / 2;
	if (cap) {
		ex = dx / len * w / 2;
		ey = dy / len * w / 2;
	}
	v[0] = (SDL_Vertex){ { a.x - ex + nx, a.y - ey + ny }, c, { 0, 0 } };
	v[1] = (SDL_Vertex){ { a.x - ex - nx, a.y - ey - ny }, c, { 0, 0 } };
	v[2] = (SDL_Vertex){ { b.x + ex - nx, b.y + ey - ny }, c, { 0, 0 } };
	v[3] = (SDL_Vertex){ { b.x + ex + nx, b.y + ey + ny }, c, { 0, 0 } };
	i[0] = base; i[1] = base + 1; i[2] = base + 2;
	i[3] = base; i[4] = base + 2; i[5] = base + 3;
	if (++q->n == QUAD_BATCH)
		quads_flush(q);
}

/* Strokes a polygon (closed) or polyline `w` px wide. */
static void stroke(SDL_Renderer *r, const xform *x, const bodymap_poly *p, bool closed, float w,
                   SDL_Color c)
{
	quads q;
	size_t segs = closed ? p->count : p->count - 1;

	q.r = r;
	q.n = 0;
	for (size_t i = 0; i < segs; i++)
		quads_seg(&q, map_pt(x, p->points[i]), map_pt(x, p->points[(i + 1) % p->count]), w, c,
		          true);
	quads_flush(&q);
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* Diagonal hatching clipped to a polygon (even-odd): each screen line
 * x + y = u is cut by the polygon's edges and the inside runs are drawn.
 * The lines sit on a screen-fixed grid so neighbouring zones line up. */
static void hatch(SDL_Renderer *r, const xform *x, const bodymap_poly *p, float spacing, float w,
                  SDL_Color c)
{
	SDL_FPoint pts[BODYMAP_MAX_POINTS];
	float umin = INFINITY, umax = -INFINITY;
	quads q;

	if (p->count > BODYMAP_MAX_POINTS || spacing < 1)
		return;
	q.r = r;
	q.n = 0;
	for (size_t i = 0; i < p->count; i++) {
		pts[i] = map_pt(x, p->points[i]);
		umin = fminf(umin, pts[i].x + pts[i].y);
		umax = fmaxf(umax, pts[i].x + pts[i].y);
	}
	for (float u = ceilf(umin / spacing) * spacing; u <= umax; u += spacing) {
		float v[MAX_HATCH_X];
		size_t nv = 0;

		for (size_t i = 0; i < p->count && nv < MAX_HATCH_X; i++) {
			SDL_FPoint a = pts[i], b = pts[(i + 1) % p->count];
			float ua = a.x + a.y, ub = b.x + b.y;
			if ((ua < u) == (ub < u))
				continue;
			float t = (u - ua) / (ub - ua);
			v[nv++] = (a.x + t * (b.x - a.x)) - (a.y + t * (b.y - a.y)); /* x - y */
		}
		qsort(v, nv, sizeof v[0], cmp_float);
		for (size_t k = 0; k + 1 < nv; k += 2) /* x - y = v, x + y = u */
			quads_seg(&q, (SDL_FPoint){ (u + v[k]) / 2, (u - v[k]) / 2 },
			          (SDL_FPoint){ (u + v[k + 1]) / 2, (u - v[k + 1]) / 2 }, w, c, false);
	}
	quads_flush(&q);
}

static SDL_Color with_alpha(SDL_Color c, Uint8 a)
{
	c.a = a;
	return c;
}

/* A lighter tint of c for the highlight's rim, so it reads on the fill. */
static SDL_Color tint(SDL_Color c, float f)
{
	return (SDL_Color){ (Uint8)(c.r + (255 - c.r) * f), (Uint8)(c.g + (255 - c.g) * f),
	                    (Uint8)(c.b + (255 - c.b) * f), c.a };
}

int bodymap_view_draw(SDL_Renderer *r, const bodymap_view *v, SDL_Rect area,
                      const char *target, routine_side side, SDL_Color colour)
{
	xform xf[BODYMAP_FACING_COUNT];
	const bodymap_poly *muscle[MAX_SELECT], *referral[MAX_SELECT], *list[MAX_SELECT];
	size_t nm = 0, nr = 0, n;
	SDL_BlendMode old_blend;
	int found;

	if (!r || !v || area.w <= 0 || area.h <= 0)
		return 0;
	figure_xforms(area, xf);
	nm = bodymap_select(v->map, target, side, BODYMAP_MUSCLE, muscle, MAX_SELECT);
	nr = bodymap_select(v->map, target, side, BODYMAP_REFERRAL, referral, MAX_SELECT);
	found = nm > 0;
	SDL_GetRenderDrawBlendMode(r, &old_blend);
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);

	for (int f = 0; f < BODYMAP_FACING_COUNT; f++) {
		const xform *x = &xf[f];
		float line_w = fmaxf(1.0f, 0.55f * x->s);
		float hatch_gap = fmaxf(4.0f, 2.2f * x->s);

		n = bodymap_outline(v->map, (bodymap_facing)f, list, MAX_SELECT);
		for (size_t i = 0; i < n; i++)
			fill_poly(r, x, list[i], v->style.body);
		/* below ~1 px per map unit the detail lines only add noise */
		bool small = x->s < 1.2f;
		n = small ? 0 : bodymap_lines(v->map, (bodymap_facing)f, list, MAX_SELECT);
		for (size_t i = 0; i < n; i++)
			stroke(r, x, list[i], false, fmaxf(1.0f, 0.35f * x->s), v->style.detail);
		/* the referral zone first, so the muscle sits on top where they meet */
		for (size_t i = 0; i < nr; i++) {
			if (referral[i]->facing != (bodymap_facing)f)
				continue;
			/* Strong enough to read at 800x480 (at alpha 64 and no edge the
			 * zone was nearly invisible), still lighter than the muscle. */
			fill_poly(r, x, referral[i], with_alpha(colour, 110));
			hatch(r, x, referral[i], hatch_gap, fmaxf(1.0f, 0.4f * x->s), with_alpha(colour, 240));
			stroke(r, x, referral[i], true, fmaxf(1.0f, 0.25f * x->s), with_alpha(colour, 220));
		}
		for (size_t i = 0; i < nm; i++) {
			if (muscle[i]->facing != (bodymap_facing)f)
				continue;
			fill_poly(r, x, muscle[i], with_alpha(colour, 255));
			/* a small figure gets a rim in the colour itself, which makes
			 * small muscles (masseter, teres minor) a few pixels bigger; a
			 * large one a lighter rim that sets the muscle off the body */
			if (small)
				stroke(r, x, muscle[i], true, 1.5f, with_alpha(colour, 255));
			else
				stroke(r, x, muscle[i], true, 0.3f * x->s, tint(colour, 0.5f));
		}
		n = bodymap_outline(v->map, (bodymap_facing)f, list, MAX_SELECT);
		for (size_t i = 0; i < n; i++)
			stroke(r, x, list[i], true, line_w, v->style.outline);
	}
	SDL_SetRenderDrawBlendMode(r, old_blend);
	return found;
}

/* ---- parts of a view, for the pain finder's zoomed panes (issue 20) ---- */

void bodymap_view_fit(SDL_Rect dst, const bodymap_view_window *win, float *ox, float *oy, float *s)
{
	float sc = fminf((float)dst.w / win->w, (float)dst.h / win->h);
	*s = sc > 0 ? sc : 0;
	*ox = (float)dst.x + ((float)dst.w - win->w * *s) / 2 - win->x0 * *s;
	*oy = (float)dst.y + ((float)dst.h - win->h * *s) / 2 - win->y0 * *s;
}

void bodymap_view_figure(SDL_Renderer *r, const bodymap_view *v, bodymap_facing f, float ox, float oy, float s,
                         bool outline)
{
	const bodymap_poly *list[MAX_SELECT];
	xform x = { ox, oy, s };
	size_t n = bodymap_outline(v->map, f, list, MAX_SELECT);
	for (size_t i = 0; i < n; i++) {
		if (outline)
			stroke(r, &x, list[i], true, fmaxf(1.0f, 0.55f * fminf(s, 3.0f)), v->style.outline);
		else
			fill_poly(r, &x, list[i], v->style.body);
	}
	n = outline || s < 1.2f ? 0 : bodymap_lines(v->map, f, list, MAX_SELECT);
	for (size_t i = 0; i < n; i++)
		stroke(r, &x, list[i], false, fmaxf(1.0f, 0.35f * fminf(s, 3.0f)), v->style.detail);
}

void bodymap_view_poly(SDL_Renderer *r, const bodymap_poly *p, float ox, float oy, float s, SDL_Color c,
                       bodymap_view_paint paint)
{
	xform x = { ox, oy, s };
	SDL_BlendMode old;
	SDL_GetRenderDrawBlendMode(r, &old);
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
	float k = fminf(s, 3.0f); /* line widths stop growing in a zoomed pane */
	switch (paint) {
	case BODYMAP_PAINT_SOLID:
		fill_poly(r, &x, p, c);
		stroke(r, &x, p, true, fmaxf(1.5f, 0.3f * k), tint(c, 0.5f));
		break;
	case BODYMAP_PAINT_ZONE:
		fill_poly(r, &x, p, with_alpha(c, 110));
		hatch(r, &x, p, fmaxf(4.0f, 2.2f * k), fmaxf(1.0f, 0.4f * k), with_alpha(c, 240));
		stroke(r, &x, p, true, fmaxf(1.0f, 0.25f * k), with_alpha(c, 220));
		break;
	case BODYMAP_PAINT_EDGE:
		stroke(r, &x, p, true, fmaxf(1.0f, 0.2f * k), c);
		break;
	}
	SDL_SetRenderDrawBlendMode(r, old);
}
