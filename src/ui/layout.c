/* layout: metrics from the window size. */
#include "ui/layout.h"

/* px at scale s, never below `min`. */
static int px(float s, float v, int min)
{
	int r = (int)(v * s + 0.5f);
	return r < min ? min : r;
}

void layout_compute(layout *l, int w, int h)
{
	l->w = w;
	l->h = h;
	l->portrait = h > w;
	int shortside = w < h ? w : h;
	/* Portrait screens are read like a phone: scale with the width, but let
	 * tall screens use somewhat larger type. */
	float s = shortside / 480.0f;
	if (l->portrait && h > w * 3 / 2)
		s *= 1.1f;
	l->s = s;
	l->pad = px(s, 16, 8);
	l->gap = px(s, 10, 6);
	l->radius = px(s, 12, 6);
	l->btn_h = px(s, 60, LAYOUT_MIN_TOUCH);
	l->fs_small = px(s, 16, 12);
	l->fs_body = px(s, 20, 14);
	l->fs_label = px(s, 24, 16);
	l->fs_title = px(s, 32, 20);
	l->fs_big = px(s, 44, 26);
	/* Landscape: digits at least a quarter of the height (DejaVu digits are
	 * 0.73 em tall, so 0.36 h gives 0.26 h). Portrait: bounded by the width. */
	if (l->portrait)
		l->fs_digits = (int)(w * 0.40f);
	else
		l->fs_digits = (int)(h * 0.36f);
	/* Capitals are ~0.73 em tall (DejaVu, Liberation, Noto): 1.4 em per cap
	 * px keeps a margin for hinting. */
	l->fs_floor = (layout_floor_cap(l) * 14 + 9) / 10;
	l->fs_warn = px(s, LAYOUT_WARN_CAP * 1.4f, LAYOUT_WARN_CAP * 14 / 10);
}

int layout_floor_cap(const layout *l)
{
	if (l->portrait)
		return (LAYOUT_FLOOR_CAP_TALL * l->w + 719) / 720;
	int shortside = l->w < l->h ? l->w : l->h;
	return (LAYOUT_FLOOR_CAP * shortside + 479) / 480;
}

SDL_Rect layout_inset(SDL_Rect r, int d)
{
	SDL_Rect o = {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
	if (o.w < 0)
		o.w = 0;
	if (o.h < 0)
		o.h = 0;
	return o;
}

SDL_Rect layout_take_top(SDL_Rect *r, int hh, int gap)
{
	if (hh > r->h)
		hh = r->h;
	SDL_Rect o = {r->x, r->y, r->w, hh};
	int used = hh + gap > r->h ? r->h : hh + gap;
	r->y += used;
	r->h -= used;
	return o;
}

SDL_Rect layout_take_bottom(SDL_Rect *r, int hh, int gap)
{
	if (hh > r->h)
		hh = r->h;
	SDL_Rect o = {r->x, r->y + r->h - hh, r->w, hh};
	int used = hh + gap > r->h ? r->h : hh + gap;
	r->h -= used;
	return o;
}

SDL_Rect layout_take_left(SDL_Rect *r, int ww, int gap)
{
	if (ww > r->w)
		ww = r->w;
	SDL_Rect o = {r->x, r->y, ww, r->h};
	int used = ww + gap > r->w ? r->w : ww + gap;
	r->x += used;
	r->w -= used;
	return o;
}

SDL_Rect layout_take_right(SDL_Rect *r, int ww, int gap)
{
	if (ww > r->w)
		ww = r->w;
	SDL_Rect o = {r->x + r->w - ww, r->y, ww, r->h};
	int used = ww + gap > r->w ? r->w : ww + gap;
	r->w -= used;
	return o;
}

SDL_Rect layout_column(SDL_Rect r, int n, int i, int gap)
{
	if (n < 1)
		n = 1;
	int cw = (r.w - gap * (n - 1)) / n;
	SDL_Rect o = {r.x + i * (cw + gap), r.y, cw, r.h};
	if (i == n - 1)
		o.w = r.x + r.w - o.x;
	return o;
}

bool layout_contains(SDL_Rect r, int x, int y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}
