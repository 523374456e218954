/* bench_bodymap: the body map costs little on a Pi. Parsing and triangulating
 * assets/bodymap.json (once, at start-up) must take under 20 ms; drawing it
 * with a highlighted target on the software renderer (the slowest path, used
 * headless and without GL) under 4 ms a frame at 800x480 screen scale.
 * Run from the repository root. Prints best and median of several runs. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/bodymap.h"
#include "ui/bodymap_view.h"

#define RUNS 9
#define FRAMES 100
#define PARSE_TARGET_MS 20.0
#define DRAW_TARGET_MS 4.0

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int main(void)
{
	static const char *const targets[] = { "upper trapezius", "piriformis", "calves",
	                                       "pectoralis major", "masseter", NULL };
	double parse[RUNS], draw[RUNS];
	size_t len = 0;
	char err[200];
	char *text = slurp("assets/bodymap.json", &len);
	SDL_Surface *surf;
	SDL_Renderer *ren;
	bodymap_view *view = NULL;
	int rc = 0;

	if (!text) {
		fprintf(stderr, "bench_bodymap: cannot read assets/bodymap.json (run from the repository root)\n");
		return 1;
	}
	for (int r = 0; r < RUNS; r++) {
		double t0 = now_ms();
		bodymap *m = bodymap_parse(text, len, err, sizeof err);
		parse[r] = now_ms() - t0;
		if (!m) {
			fprintf(stderr, "bench_bodymap: %s\n", err);
			return 1;
		}
		if (r == RUNS - 1)
			view = bodymap_view_new(m);
		else
			bodymap_free(m);
	}
	free(text);
	/* the run screen's map area at 800x480 is a few hundred pixels; a
	 * full-height map is the worst case */
	surf = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_RGBA32);
	ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
	if (!view || !ren) {
		fprintf(stderr, "bench_bodymap: %s\n", SDL_GetError());
		return 1;
	}
	for (int r = 0; r < RUNS; r++) {
		double t0 = now_ms();
		for (int f = 0; f < FRAMES; f++) {
			SDL_SetRenderDrawColor(ren, 0, 0, 0, 255);
			SDL_RenderClear(ren);
			bodymap_view_draw(ren, view, (SDL_Rect){ 200, 10, 420, 460 }, targets[f % 6],
			                  f % 2 ? ROUTINE_SIDE_LEFT : ROUTINE_SIDE_RIGHT,
			                  (SDL_Color){ 255, 140, 60, 255 });
			SDL_RenderPresent(ren);
		}
		draw[r] = (now_ms() - t0) / FRAMES;
	}
	qsort(parse, RUNS, sizeof parse[0], cmp);
	qsort(draw, RUNS, sizeof draw[0], cmp);
	printf("bodymap parse+triangulate: best %.2f ms, median %.2f ms (target < %.0f ms)\n", parse[0],
	       parse[RUNS / 2], PARSE_TARGET_MS);
	printf("bodymap draw 420x460 (software renderer, incl. clear): best %.2f ms, median %.2f ms a frame "
	       "(target < %.0f ms)\n", draw[0], draw[RUNS / 2], DRAW_TARGET_MS);
	if (parse[RUNS / 2] > PARSE_TARGET_MS || draw[RUNS / 2] > DRAW_TARGET_MS) {
		printf("bench_bodymap: over target\n");
		rc = 1;
	}
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
	bodymap_view_free(view);
	return rc;
}
