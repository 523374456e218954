/* window: the SDL window, rotation and screenshots of the shell. */
#include "app/window.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/gpu.h"
#include "io/log.h"
#include "io/paths.h"

void window_resized(window *w)
{
	if (w->target) {
		SDL_DestroyTexture(w->target);
		w->target = NULL;
	}
	SDL_GetRendererOutputSize(w->ren, &w->out_w, &w->out_h);
	bool swap = w->rot == 90 || w->rot == 270;
	w->lw = swap ? w->out_h : w->out_w;
	w->lh = swap ? w->out_w : w->out_h;
	if (w->rot != 0) {
		if (!SDL_RenderTargetSupported(w->ren)) {
			log_warn("this renderer cannot rotate the screen; showing it unrotated");
			w->rot = 0;
			w->lw = w->out_w;
			w->lh = w->out_h;
			return;
		}
		w->target = SDL_CreateTexture(w->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
		                              w->lw, w->lh);
		if (!w->target) {
			log_warn("cannot rotate the screen: %s", SDL_GetError());
			w->rot = 0;
			w->lw = w->out_w;
			w->lh = w->out_h;
		}
	}
}

void window_set_rotation(window *w, int rot)
{
	w->rot = rot;
	window_resized(w);
}

void window_to_logical(const window *w, int px, int py, int *lx, int *ly)
{
	switch (w->rot) {
	case 90: *lx = py; *ly = w->out_w - 1 - px; break;
	case 180: *lx = w->out_w - 1 - px; *ly = w->out_h - 1 - py; break;
	case 270: *lx = w->out_h - 1 - py; *ly = px; break;
	default: *lx = px; *ly = py; break;
	}
}

void window_mouse_pixels(const window *w, int x, int y, int *px, int *py)
{
	int ww, wh;
	SDL_GetWindowSize(w->win, &ww, &wh);
	*px = ww ? x * w->out_w / ww : x;
	*py = wh ? y * w->out_h / wh : y;
}

/* The renderer, picked per display on purpose (docs/PLATFORMS.md, "The
 * renderer"): the hints are set at normal priority, so SDL_RENDER_DRIVER and
 * SDL_FRAMEBUFFER_ACCELERATION in the environment still override them.
 * Returns why (for the trace). */
static const char *window_choose_renderer(const char *drv)
{
	char gpu[64];
	if (!drv)
		return "no video driver";
	if (strcmp(drv, "KMSDRM") == 0) {
		/* SDL would pick desktop GL, which KMSDRM cannot give: GLES. */
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
		return "KMSDRM: opengles2";
	}
	if (strcmp(drv, "x11") == 0) {
		/* Drawn in software into an XShm image, and only the rectangles that
		 * changed are put (window_present_rects): less work than any GL
		 * path, GPU or not, and no GL driver mapped at all. */
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
		return gpu_present(gpu, sizeof gpu) ? "x11: software into XShm (a GPU is there, not needed)"
		                                    : "x11: software into XShm (no GPU)";
	}
	if (strcmp(drv, "wayland") == 0) {
		/* SDL 2 has no Wayland framebuffer of its own: a software window is
		 * uploaded through GL anyway. With a GPU, draw with it. */
		if (gpu_present(gpu, sizeof gpu))
			return "wayland: SDL's accelerated default (GPU)";
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
		return "wayland: software (no GPU)";
	}
	return "SDL's default";
}

int window_open(window *w, const cli_options *o, int rot, bool trace)
{
	const char *drv = SDL_GetCurrentVideoDriver();
	bool console = !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY");
	bool kms = drv && strcmp(drv, "KMSDRM") == 0;
	bool headless = drv && (strcmp(drv, "dummy") == 0 || strcmp(drv, "offscreen") == 0);
	const char *why = window_choose_renderer(drv);
	bool full = o->fullscreen || (!o->windowed && !headless && (kms || console));
	int width = o->width ? o->width : 800, height = o->height ? o->height : 480;
	Uint32 flags = SDL_WINDOW_SHOWN | (full ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);
	w->rot = rot;
	w->win = SDL_CreateWindow("unknot", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
	if (!w->win) {
		log_error("cannot open a window: %s", SDL_GetError());
		return -1;
	}
	w->ren = SDL_CreateRenderer(w->win, -1, headless ? SDL_RENDERER_SOFTWARE : 0);
	if (!w->ren) { /* the chosen one failed: whatever SDL has */
		log_warn("renderer: %s; trying SDL's default", SDL_GetError());
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "");
		w->ren = SDL_CreateRenderer(w->win, -1, 0);
	}
	if (!w->ren)
		w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE);
	if (!w->ren) {
		log_error("cannot create a renderer: %s", SDL_GetError());
		return -1;
	}
	if (full)
		SDL_ShowCursor(SDL_DISABLE);
	SDL_RendererInfo info;
	w->surface_rects = SDL_GetRendererInfo(w->ren, &info) == 0 && strcmp(info.name, "software") == 0;
	/* How to sleep: see app.c, wait_event(). */
	w->native_wait = drv && (strcmp(drv, "x11") == 0 || strcmp(drv, "wayland") == 0 ||
	                         strcmp(drv, "windows") == 0 || strcmp(drv, "cocoa") == 0);
	/* Headless there is no input to pump, but SDL turns SIGTERM into SDL_QUIT
	 * only when it pumps: 4 times a second is enough for that. */
	w->poll_ms = headless ? 250 : 25;
	if (getenv("UNKNOT_POLL_MS"))
		w->poll_ms = (unsigned)atoi(getenv("UNKNOT_POLL_MS"));
	if (trace) {
		SDL_RendererInfo ri;
		SDL_GetRendererInfo(w->ren, &ri);
		log_debug("video driver=%s renderer=%s %s (%s)", drv ? drv : "?", ri.name,
		          full ? "fullscreen" : "windowed", why);
	}
	window_resized(w);
	return 0;
}

void window_close(window *w)
{
	if (w->target)
		SDL_DestroyTexture(w->target);
	if (w->ren)
		SDL_DestroyRenderer(w->ren);
	if (w->win)
		SDL_DestroyWindow(w->win);
	free(w->pixels);
	memset(w, 0, sizeof *w);
}

void window_screenshot(window *w, const char *dir, const char *name, bool force, uint64_t now)
{
	int width = w->out_w, h = w->out_h;
	size_t need = (size_t)width * (size_t)h * 4;
	if (need > w->pixels_size) {
		free(w->pixels);
		w->pixels = malloc(need);
		w->pixels_size = w->pixels ? need : 0;
		if (!w->pixels)
			return;
	}
	if (SDL_RenderReadPixels(w->ren, NULL, SDL_PIXELFORMAT_ARGB8888, w->pixels, width * 4) < 0) {
		log_warn("screenshot: %s", SDL_GetError());
		return;
	}
	uint64_t hsh = 1469598103934665603ull;
	const unsigned char *p = w->pixels;
	for (size_t i = 0; i < need; i++)
		hsh = (hsh ^ p[i]) * 1099511628211ull;
	if (!force && hsh == w->last_hash)
		return;
	w->last_hash = hsh;
	SDL_Surface *s32 = SDL_CreateRGBSurfaceWithFormatFrom(w->pixels, width, h, 32, width * 4,
	                                                      SDL_PIXELFORMAT_ARGB8888);
	/* 24-bit BMPs: a quarter smaller, and every viewer reads them. */
	SDL_Surface *s = s32 ? SDL_ConvertSurfaceFormat(s32, SDL_PIXELFORMAT_BGR24, 0) : NULL;
	SDL_FreeSurface(s32);
	if (!s)
		return;
	char path[PATHS_MAX];
	paths_mkdirs(dir);
	snprintf(path, sizeof path, "%s/%04d-%s.bmp", dir, ++w->shot_n, name);
	if (SDL_SaveBMP(s, path) < 0)
		log_warn("screenshot %s: %s", path, SDL_GetError());
	else if (log_enabled(LOG_LEVEL_DEBUG) || force)
		log_info("screenshot %s at %llu ms", path, (unsigned long long)now);
	SDL_FreeSurface(s);
}

void window_begin(window *w)
{
	if (w->target)
		SDL_SetRenderTarget(w->ren, w->target);
}

void window_present(window *w, const char *shot_dir, const char *shot_name, uint64_t now)
{
	if (w->target) {
		SDL_SetRenderTarget(w->ren, NULL);
		SDL_SetRenderDrawColor(w->ren, 0, 0, 0, 255);
		SDL_RenderClear(w->ren);
		SDL_Rect d = {(w->out_w - w->lw) / 2, (w->out_h - w->lh) / 2, w->lw, w->lh};
		SDL_RenderCopyEx(w->ren, w->target, NULL, &d, w->rot, NULL, SDL_FLIP_NONE);
	}
	if (shot_dir)
		window_screenshot(w, shot_dir, shot_name, false, now);
	SDL_RenderPresent(w->ren);
}

bool window_can_present_rects(const window *w)
{
	return w->surface_rects && !w->target;
}

void window_present_rects(window *w, const SDL_Rect *rects, int n, const char *shot_dir,
                          const char *shot_name, uint64_t now)
{
	if (!window_can_present_rects(w)) {
		window_present(w, shot_dir, shot_name, now);
		return;
	}
	if (shot_dir)
		window_screenshot(w, shot_dir, shot_name, false, now);
	/* The software renderer's SDL_RenderPresent is SDL_UpdateWindowSurface
	 * (all of it); its drawing is in the surface once flushed. */
	SDL_RenderFlush(w->ren);
	if (n > 0)
		SDL_UpdateWindowSurfaceRects(w->win, rects, n);
}

void window_prepare_env(void)
{
	/* Nothing is typed into unknot, yet SDL's X11 start opens an input method,
	 * and Xlib's parses the locale's Compose table (thousands of lines, a
	 * quarter of the start-up's instructions). An empty one instead; a
	 * user's own XCOMPOSEFILE is kept. */
	setenv("XCOMPOSEFILE", "/dev/null", 0);
	/* SDL_Init connects to the D-Bus session bus (to inhibit a desktop's
	 * screensaver). On an X display without one, libdbus would spawn
	 * dbus-launch to start a bus no one else uses, in the way of the first
	 * frame: fail at once instead (a real session bus is kept: the
	 * variable, or the user's bus socket that libdbus looks for). */
	char bus[PATHS_MAX];
	const char *run = getenv("XDG_RUNTIME_DIR");
	snprintf(bus, sizeof bus, "%s/bus", run ? run : "/nonexistent");
	if (getenv("DISPLAY") && access(bus, F_OK) != 0)
		setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/dev/null", 0);
}
