/* bodymap_shot: renders the body map headless (software renderer on an
 * off-screen surface) into a PNG, so a person can look at it.
 *
 *   bodymap_shot MAP.json OUT.png WIDTH HEIGHT [TARGET [left|right|both] [KIND]]
 *
 * KIND is a step kind (compression, rolling, stretch, rest, transition) and
 * picks the highlight colour from the theme. Exit 0 when written; 2 when the
 * target was given but has no region (the picture is still written).
 */
#include <SDL.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shot_png.h"
#include "core/bodymap.h"
#include "io/paths.h"
#include "ui/bodymap_view.h"
#include "ui/theme.h"

static routine_kind kind_from(const char *s)
{
	const char *names[] = { "compression", "rolling", "stretch", "rest", "transition" };
	for (int k = 0; k < 5; k++)
		if (strcmp(s, names[k]) == 0)
			return (routine_kind)k;
	return ROUTINE_COMPRESSION;
}

int main(int argc, char **argv)
{
	const char *target = argc > 5 ? argv[5] : NULL;
	routine_side side = ROUTINE_SIDE_NONE;
	routine_kind kind = argc > 7 ? kind_from(argv[7]) : ROUTINE_COMPRESSION;
	SDL_Surface *surf = NULL;
	SDL_Renderer *ren = NULL;
	bodymap_view *view = NULL;
	char err[200];
	size_t len = 0;
	char *text;
	int w, h, rc = 1, found;

	if (argc < 5) {
		fprintf(stderr, "usage: %s MAP.json OUT.png WIDTH HEIGHT [TARGET [left|right|both] [KIND]]\n",
		        argv[0]);
		return 1;
	}
	w = atoi(argv[3]);
	h = atoi(argv[4]);
	if (argc > 6 && strcmp(argv[6], "left") == 0)
		side = ROUTINE_SIDE_LEFT;
	else if (argc > 6 && strcmp(argv[6], "right") == 0)
		side = ROUTINE_SIDE_RIGHT;
	text = paths_read_file(argv[1], 4u << 20, &len);
	if (!text) {
		perror(argv[1]);
		return 1;
	}
	view = bodymap_view_new(bodymap_parse(text, len, err, sizeof err));
	free(text);
	if (!view) {
		fprintf(stderr, "%s: %s\n", argv[1], err);
		return 1;
	}
	surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
	if (!surf || !(ren = SDL_CreateSoftwareRenderer(surf))) {
		fprintf(stderr, "SDL: %s\n", SDL_GetError());
		goto out;
	}
	SDL_Color bg = theme_get(THEME_BG);
	SDL_SetRenderDrawColor(ren, bg.r, bg.g, bg.b, 255);
	SDL_RenderClear(ren);
	found = bodymap_view_draw(ren, view, (SDL_Rect){ 10, 10, w - 20, h - 20 }, target, side,
	                          theme_kind(kind));
	SDL_RenderPresent(ren);
	if (SDL_LockSurface(surf) == 0) {
		rc = shot_png_write(argv[2], surf->pixels, w, h, surf->pitch) == 0 ? 0 : 1;
		SDL_UnlockSurface(surf);
	}
	if (rc == 0 && target && !found)
		rc = 2;
out:
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
	bodymap_view_free(view);
	return rc;
}
