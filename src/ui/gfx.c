/* gfx: primitives built from triangles. */
#include "ui/gfx.h"

#include <math.h>

#define GFX_MAX_VERTS 1024

static SDL_Vertex vert(float x, float y, SDL_Color c)
{
	SDL_Vertex v = {{x, y}, c, {0, 0}};
	return v;
}

/* Triangles of one colour c. Blended only when c is see-through: SDL's
 * software renderer fills a blended triangle into a fresh surface of its
 * bounding box and blits that (an allocation, a clear and page faults for
 * every triangle of a bar, each second); an opaque one it fills in place,
 * the same pixels. */
static void geometry(SDL_Renderer *r, const SDL_Vertex *v, int nv, SDL_Color c)
{
	SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_RenderGeometry(r, NULL, v, nv, NULL, 0);
}

void gfx_fill(SDL_Renderer *r, SDL_Rect box, SDL_Color c)
{
	if (box.w <= 0 || box.h <= 0)
		return;
	SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(r, &box);
}

/* Number of segments for a quarter circle of radius rad. */
static int segs(int rad)
{
	int n = rad / 3 + 2;
	return n > 24 ? 24 : n;
}

void gfx_round_rect(SDL_Renderer *r, SDL_Rect box, int rad, SDL_Color c)
{
	if (box.w <= 0 || box.h <= 0)
		return;
	if (rad * 2 > box.w)
		rad = box.w / 2;
	if (rad * 2 > box.h)
		rad = box.h / 2;
	if (rad <= 1) {
		gfx_fill(r, box, c);
		return;
	}
	/* The straight parts as rectangles, each corner a fan around its own
	 * centre: SDL's software renderer tests every pixel of a triangle's
	 * bounding box, and a fan around the box's centre had triangles as
	 * wide as the box (a bar redrawn every second). The same outline, so
	 * the same pixels. */
	SDL_Vertex v[GFX_MAX_VERTS];
	int n = segs(rad);
	float corners[4][2] = {
		{box.x + box.w - rad, box.y + rad},
		{box.x + box.w - rad, box.y + box.h - rad},
		{box.x + rad, box.y + box.h - rad},
		{box.x + rad, box.y + rad},
	};
	int nv = 0;
	for (int q = 0; q < 4; q++) {
		SDL_FPoint prev = {0, 0};
		for (int i = 0; i <= n && nv + 3 <= GFX_MAX_VERTS; i++) {
			double a = -M_PI / 2 + (q + (double)i / n) * (M_PI / 2);
			SDL_FPoint p = {corners[q][0] + (float)(cos(a) * rad), corners[q][1] + (float)(sin(a) * rad)};
			if (i > 0) {
				v[nv++] = vert(corners[q][0], corners[q][1], c);
				v[nv++] = vert(prev.x, prev.y, c);
				v[nv++] = vert(p.x, p.y, c);
			}
			prev = p;
		}
	}
	geometry(r, v, nv, c);
	SDL_Rect rects[3] = {
		{box.x + rad, box.y, box.w - 2 * rad, box.h},
		{box.x, box.y + rad, rad, box.h - 2 * rad},
		{box.x + box.w - rad, box.y + rad, rad, box.h - 2 * rad},
	};
	for (int i = 0; i < 3; i++)
		if (rects[i].w > 0 && rects[i].h > 0)
			gfx_fill(r, rects[i], c);
}

void gfx_round_frame(SDL_Renderer *r, SDL_Rect box, int rad, int t, SDL_Color c)
{
	if (box.w <= 0 || box.h <= 0 || t <= 0)
		return;
	if (rad * 2 > box.w)
		rad = box.w / 2;
	if (rad * 2 > box.h)
		rad = box.h / 2;
	int ri = rad - t < 0 ? 0 : rad - t;
	SDL_Vertex v[GFX_MAX_VERTS];
	int n = segs(rad);
	float corners[4][2] = {
		{box.x + box.w - rad, box.y + rad},
		{box.x + box.w - rad, box.y + box.h - rad},
		{box.x + rad, box.y + box.h - rad},
		{box.x + rad, box.y + rad},
	};
	SDL_FPoint out[4 * 26], in[4 * 26];
	int np = 0;
	for (int q = 0; q < 4; q++) {
		for (int i = 0; i <= n; i++) {
			double a = -M_PI / 2 + (q + (double)i / n) * (M_PI / 2);
			out[np].x = corners[q][0] + (float)(cos(a) * rad);
			out[np].y = corners[q][1] + (float)(sin(a) * rad);
			in[np].x = corners[q][0] + (float)(cos(a) * ri);
			in[np].y = corners[q][1] + (float)(sin(a) * ri);
			/* Square corners (rad <= t) still need an inner edge t px in. */
			if (rad <= t) {
				in[np].x += (float)(cos(a) >= 0 ? -(t - rad) : (t - rad));
				in[np].y += (float)(sin(a) >= 0 ? -(t - rad) : (t - rad));
			}
			np++;
		}
	}
	int nv = 0;
	for (int i = 0; i < np && nv + 6 <= GFX_MAX_VERTS; i++) {
		int j = (i + 1) % np;
		v[nv++] = vert(out[i].x, out[i].y, c);
		v[nv++] = vert(out[j].x, out[j].y, c);
		v[nv++] = vert(in[i].x, in[i].y, c);
		v[nv++] = vert(in[i].x, in[i].y, c);
		v[nv++] = vert(out[j].x, out[j].y, c);
		v[nv++] = vert(in[j].x, in[j].y, c);
	}
	geometry(r, v, nv, c);
}

void gfx_bar(SDL_Renderer *r, SDL_Rect box, float frac, SDL_Color track, SDL_Color fill)
{
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	int rad = box.h / 2;
	gfx_round_rect(r, box, rad, track);
	SDL_Rect f = box;
	f.w = (int)(box.w * frac + 0.5f);
	if (f.w <= 0)
		return;
	if (f.w < box.h)
		f.w = f.w < 2 ? 2 : f.w; /* a sliver still shows progress */
	gfx_round_rect(r, f, f.w < 2 * rad ? f.w / 2 : rad, fill);
}

void gfx_disc(SDL_Renderer *r, int cx, int cy, int rad, SDL_Color c)
{
	SDL_Rect b = {cx - rad, cy - rad, 2 * rad, 2 * rad};
	gfx_round_rect(r, b, rad, c);
}

void gfx_ring(SDL_Renderer *r, int cx, int cy, int rad, int t, float frac, SDL_Color c)
{
	if (frac <= 0)
		return;
	if (frac > 1)
		frac = 1;
	int n = (int)(96 * frac) + 1;
	if (n * 6 > GFX_MAX_VERTS)
		n = GFX_MAX_VERTS / 6;
	SDL_Vertex v[GFX_MAX_VERTS];
	int nv = 0;
	float ri = (float)(rad - t);
	for (int i = 0; i < n; i++) {
		double a0 = -M_PI / 2 + 2 * M_PI * frac * i / n;
		double a1 = -M_PI / 2 + 2 * M_PI * frac * (i + 1) / n;
		float ox0 = cx + (float)cos(a0) * rad, oy0 = cy + (float)sin(a0) * rad;
		float ox1 = cx + (float)cos(a1) * rad, oy1 = cy + (float)sin(a1) * rad;
		float ix0 = cx + (float)cos(a0) * ri, iy0 = cy + (float)sin(a0) * ri;
		float ix1 = cx + (float)cos(a1) * ri, iy1 = cy + (float)sin(a1) * ri;
		v[nv++] = vert(ox0, oy0, c);
		v[nv++] = vert(ox1, oy1, c);
		v[nv++] = vert(ix0, iy0, c);
		v[nv++] = vert(ix0, iy0, c);
		v[nv++] = vert(ox1, oy1, c);
		v[nv++] = vert(ix1, iy1, c);
	}
	geometry(r, v, nv, c);
}
