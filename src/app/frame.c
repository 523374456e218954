/* frame: draw only what changes (ui/layer.h). A screen that splits its
 * drawing (the run screen, which counts down for minutes) is drawn in two
 * passes: its static part into the layer when what it is drawn from changed,
 * then, each frame, only its dynamic parts over the layer. When the window
 * still shows the last frame of that same layer and the renderer draws into
 * the window's surface, only the rectangles redrawn are presented. */
#include "app/app_shell.h"

#include "io/log.h"
#include "ui/layer.h"
#include "ui/screen_run.h"

/* The static key of the screen shown, 0 when it is drawn whole. */
static uint64_t frame_key(app *a, const view_model *m, bool overlays)
{
	if (overlays || !a->layer)
		return 0;
	layout_compute(&a->v.L, a->w.lw, a->w.lh);
	switch (m->screen) {
	case VIEW_RUN: return screen_run_static_key(&a->v, m);
	default: return 0;
	}
}

/* The screens that split: the pass in a->v.pass. */
static void frame_draw(app *a, const view_model *m)
{
	switch (m->screen) {
	case VIEW_RUN: screen_run_draw(&a->v, m); break;
	default: break;
	}
}

void frame_forget(app *a)
{
	layer_forget(a->layer);
	a->layer_shown = 0;
}

/* Draws and presents the frame in layers. Returns false (nothing drawn) when
 * the screen is to be drawn whole: it does not split, or overlays (a dialog
 * of the shell, the dimming, "identify") lie over it. */
bool frame_render(app *a, const view_model *m, bool overlays, uint64_t now)
{
	uint64_t key = frame_key(a, m, overlays);
	view *v = &a->v;
	SDL_Renderer *r = a->w.ren;
	if (!key) {
		/* a whole frame: the window no longer shows the layer's, and its
		 * touch targets replace the static pass's */
		frame_forget(a);
		return false;
	}
	bool fresh = layer_fresh(a->layer, key, a->w.lw, a->w.lh);
	if (!fresh) {
		if (layer_begin(a->layer, r, a->w.lw, a->w.lh) < 0) {
			layer_end(a->layer, r, a->w.target, 0);
			a->layer_shown = 0;
			return false;
		}
		v->pass = VIEW_PASS_STATIC;
		view_begin(v, a->w.lw, a->w.lh);
		frame_draw(a, m);
		layer_end(a->layer, r, a->w.target, key);
		if (a->trace)
			log_debug("static layer drawn (%s %dx%d)", view_screen_name(m->screen), a->w.lw, a->w.lh);
	}
	/* Only rectangles when the window holds this layer's last frame. */
	bool rects = fresh && a->layer_shown == key && !a->dirty && window_can_present_rects(&a->w);
	if (!rects)
		layer_copy(a->layer, r);
	v->pass = VIEW_PASS_DYNAMIC;
	v->layer = a->layer;
	v->ndamage = 0;
	v->damage_all = false;
	frame_draw(a, m);
	v->pass = VIEW_PASS_ALL;
	const char *shots = a->o->screenshot, *name = app_shot_name(a);
	if (rects && !v->damage_all) {
		window_present_rects(&a->w, v->damage, v->ndamage, shots, name, now);
		a->rect_frames++;
	} else
		window_present(&a->w, shots, name, now);
	a->layer_shown = key;
	return true;
}
