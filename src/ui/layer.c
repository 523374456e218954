/* layer: the static layer of a screen and the dynamic parts drawn over it. */
#include "ui/layer.h"

#include <stdlib.h>

struct layer {
	SDL_Texture *tex;      /* the static part, w x h; NULL until first used */
	SDL_Renderer *r;       /* the renderer tex belongs to */
	int w, h;
	Uint32 format;         /* tex's pixel format (layer_format) */
	uint64_t key;          /* what tex holds; 0: nothing */
};

layer *layer_new(void)
{
	return calloc(1, sizeof(layer));
}

void layer_free(layer *l)
{
	if (!l)
		return;
	if (l->tex)
		SDL_DestroyTexture(l->tex);
	free(l);
}

bool layer_fresh(const layer *l, uint64_t key, int w, int h)
{
	return l && l->tex && key && l->key == key && l->w == w && l->h == h;
}

void layer_forget(layer *l)
{
	if (l)
		l->key = 0;
}

/* The pixel format of what the layer is copied into: the target texture (a
 * rotation) or, with the software renderer, the window's surface. Restoring
 * a part is then a copy of rows; from ARGB8888 into the window's XRGB8888 it
 * was a conversion of every pixel, half the CPU of a countdown frame at
 * 1920x1080 (issue 22). */
static Uint32 layer_format(SDL_Renderer *r)
{
	Uint32 f = SDL_PIXELFORMAT_ARGB8888;
	SDL_Texture *target = SDL_GetRenderTarget(r);
	SDL_RendererInfo info;
	if (target) {
		Uint32 tf = 0;
		if (SDL_QueryTexture(target, &tf, NULL, NULL, NULL) == 0 && tf == SDL_PIXELFORMAT_RGB888)
			f = tf;
	} else if (SDL_GetRendererInfo(r, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE)) {
		SDL_Window *win = SDL_RenderGetWindow(r);
		if (win && SDL_GetWindowPixelFormat(win) == SDL_PIXELFORMAT_RGB888)
			f = SDL_PIXELFORMAT_RGB888;
	}
	return f;
}

int layer_begin(layer *l, SDL_Renderer *r, int w, int h)
{
	if (!l || !SDL_RenderTargetSupported(r))
		return -1;
	Uint32 format = layer_format(r);
	if (l->tex && (l->w != w || l->h != h || l->r != r || l->format != format)) {
		SDL_DestroyTexture(l->tex);
		l->tex = NULL;
	}
	l->key = 0;
	if (!l->tex) {
		l->tex = SDL_CreateTexture(r, format, SDL_TEXTUREACCESS_TARGET, w, h);
		if (!l->tex)
			return -1;
		SDL_SetTextureBlendMode(l->tex, SDL_BLENDMODE_NONE);
		l->r = r;
		l->format = format;
		l->w = w;
		l->h = h;
	}
	return SDL_SetRenderTarget(r, l->tex) == 0 ? 0 : -1;
}

void layer_end(layer *l, SDL_Renderer *r, SDL_Texture *target, uint64_t key)
{
	SDL_SetRenderTarget(r, target);
	if (l)
		l->key = key;
}

void layer_copy(const layer *l, SDL_Renderer *r)
{
	if (l && l->tex)
		SDL_RenderCopy(r, l->tex, NULL, NULL);
}

bool layer_part(view *v, SDL_Rect box)
{
	if (v->pass == VIEW_PASS_ALL)
		return true;
	if (v->pass == VIEW_PASS_STATIC)
		return false;
	if (box.w <= 0 || box.h <= 0)
		return true;
	const layer *l = v->layer;
	if (l && l->tex)
		SDL_RenderCopy(v->r, l->tex, &box, &box);
	if (v->ndamage < VIEW_MAX_DAMAGE)
		v->damage[v->ndamage++] = box;
	else /* more parts than rectangles: present it all */
		v->damage_all = true;
	return true;
}
