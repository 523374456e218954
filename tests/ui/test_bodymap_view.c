/* Tests of the body-map drawing: rendered headless with the software renderer
 * into a surface, then the pixels are read back. Run from the repository root
 * (it draws the bundled assets/bodymap.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <SDL.h>

#include "core/bodymap.h"
#include "io/paths.h"
#include "ui/bodymap_view.h"

#define W 640
#define H 480

static const SDL_Color BG = { 0, 0, 0, 255 };
static const SDL_Color HI = { 255, 0, 0, 255 };   /* highlight colour passed in */
static const SDL_Rect AREA = { 20, 10, 600, 460 };

typedef struct {
	SDL_Surface *surf;
	SDL_Renderer *ren;
	bodymap_view *view;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	size_t len = 0;
	char err[200];
	char *text = paths_read_file("assets/bodymap.json", 4u << 20, &len);

	if (!fx || !text) {
		fprintf(stderr, "assets/bodymap.json: cannot read it (run from the repository root)\n");
		free(fx);
		free(text);
		return -1;
	}
	fx->view = bodymap_view_new(bodymap_parse(text, len, err, sizeof err));
	free(text);
	fx->surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
	fx->ren = fx->surf ? SDL_CreateSoftwareRenderer(fx->surf) : NULL;
	if (!fx->view || !fx->ren) {
		fprintf(stderr, "setup: %s %s\n", fx->view ? "" : err, SDL_GetError());
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	SDL_DestroyRenderer(fx->ren);
	SDL_FreeSurface(fx->surf);
	bodymap_view_free(fx->view);
	free(fx);
	return 0;
}

static int draw(fixture *fx, const char *target, routine_side side)
{
	int found;

	SDL_SetRenderDrawColor(fx->ren, BG.r, BG.g, BG.b, 255);
	SDL_RenderClear(fx->ren);
	found = bodymap_view_draw(fx->ren, fx->view, AREA, target, side, HI);
	SDL_RenderPresent(fx->ren);
	return found;
}

static SDL_Color pixel(fixture *fx, int x, int y)
{
	const Uint8 *p = (const Uint8 *)fx->surf->pixels + y * fx->surf->pitch + 4 * x;
	return (SDL_Color){ p[0], p[1], p[2], p[3] };
}

/* Screen position of a point well inside a polygon: the centroid of its
 * largest fill triangle. */
static SDL_Point inner_point(const bodymap_poly *p)
{
	SDL_Rect fig;
	double best = -1, bx = 0, by = 0;

	for (size_t t = 0; t < p->tri_count; t++) {
		bodymap_point a = p->points[p->tris[3 * t]], b = p->points[p->tris[3 * t + 1]],
		              c = p->points[p->tris[3 * t + 2]];
		double area = ((double)b.x - a.x) * ((double)c.y - a.y) - ((double)b.y - a.y) * ((double)c.x - a.x);
		if (area < 0)
			area = -area;
		if (area > best) {
			best = area;
			bx = (a.x + b.x + c.x) / 3.0;
			by = (a.y + b.y + c.y) / 3.0;
		}
	}
	bodymap_view_layout(AREA, p->facing == BODYMAP_FRONT ? &fig : NULL,
	                    p->facing == BODYMAP_BACK ? &fig : NULL);
	return (SDL_Point){ fig.x + (int)(bx / BODYMAP_W * fig.w), fig.y + (int)(by / BODYMAP_H * fig.h) };
}

static int is_highlight(SDL_Color c)
{
	return c.r > 200 && c.g < 60 && c.b < 60;
}

/* The first polygon of `target` on `layer` for `side`, on the given view. */
static const bodymap_poly *poly_of(fixture *fx, const char *target, routine_side side,
                                   bodymap_layer layer, bodymap_facing f)
{
	const bodymap_poly *p[32];
	size_t n = bodymap_select(bodymap_view_map(fx->view), target, side, layer, p, 32);
	for (size_t i = 0; i < n; i++)
		if (p[i]->facing == f && p[i]->side == side)
			return p[i];
	fail_msg("%s has no polygon for that side and view", target);
	return NULL;
}

static void test_layout_side_by_side(void **state)
{
	(void)state;
	SDL_Rect front, back;

	bodymap_view_layout(AREA, &front, &back);
	/* front on the left, back on the right, same size, aspect kept, inside */
	assert_true(front.x >= AREA.x && front.x + front.w <= back.x);
	assert_true(back.x + back.w <= AREA.x + AREA.w);
	assert_int_equal(front.w, back.w);
	assert_int_equal(front.y, back.y);
	assert_true(abs(front.h * 100 - front.w * 220) <= 220 + 100);
	assert_true(front.y >= AREA.y && front.y + front.h <= AREA.y + AREA.h);
}

static void test_highlights_the_chosen_side(void **state)
{
	fixture *fx = *state;
	const bodymap_poly *left = poly_of(fx, "upper trapezius", ROUTINE_SIDE_LEFT, BODYMAP_MUSCLE, BODYMAP_BACK);
	const bodymap_poly *right = poly_of(fx, "upper trapezius", ROUTINE_SIDE_RIGHT, BODYMAP_MUSCLE, BODYMAP_BACK);
	SDL_Point pl = inner_point(left), pr = inner_point(right);

	/* on the back view the person's left is on the viewer's left */
	assert_true(pl.x < pr.x);
	assert_int_equal(draw(fx, "upper trapezius", ROUTINE_SIDE_LEFT), 1);
	assert_true(is_highlight(pixel(fx, pl.x, pl.y)));
	assert_false(is_highlight(pixel(fx, pr.x, pr.y)));
	assert_int_equal(draw(fx, "Traps", ROUTINE_SIDE_RIGHT), 1);
	assert_false(is_highlight(pixel(fx, pl.x, pl.y)));
	assert_true(is_highlight(pixel(fx, pr.x, pr.y)));
	/* no side: both */
	draw(fx, "upper trapezius", ROUTINE_SIDE_NONE);
	assert_true(is_highlight(pixel(fx, pl.x, pl.y)));
	assert_true(is_highlight(pixel(fx, pr.x, pr.y)));
}

static void test_front_view_mirrors_sides(void **state)
{
	fixture *fx = *state;
	const bodymap_poly *q = poly_of(fx, "quadriceps", ROUTINE_SIDE_LEFT, BODYMAP_MUSCLE, BODYMAP_FRONT);
	SDL_Point p = inner_point(q);
	SDL_Rect front;

	bodymap_view_layout(AREA, &front, NULL);
	/* the person's left thigh is on the viewer's right of the front figure */
	assert_true(p.x > front.x + front.w / 2);
	draw(fx, "quads", ROUTINE_SIDE_LEFT);
	assert_true(is_highlight(pixel(fx, p.x, p.y)));
}

static void test_referral_is_shaded_not_solid(void **state)
{
	fixture *fx = *state;
	const bodymap_poly *z = poly_of(fx, "piriformis", ROUTINE_SIDE_RIGHT, BODYMAP_REFERRAL, BODYMAP_BACK);
	SDL_Rect fig;
	int tinted = 0, solid = 0, total = 0;
	SDL_Point c = inner_point(z);

	draw(fx, "piriformis", ROUTINE_SIDE_RIGHT);
	bodymap_view_layout(AREA, NULL, &fig);
	/* around the zone's inner point: every pixel is tinted towards red, but
	 * only the hatch lines are near full strength */
	for (int dy = -3; dy <= 3; dy++)
		for (int dx = -3; dx <= 3; dx++) {
			SDL_Color px = pixel(fx, c.x + dx, c.y + dy);
			total++;
			if (px.r > px.g + 20 && px.r > px.b + 20)
				tinted++;
			if (is_highlight(px))
				solid++;
		}
	assert_int_equal(tinted, total);
	assert_true(solid > 0 && solid < total);
}

static void test_unknown_target_outline_only(void **state)
{
	fixture *fx = *state;
	int red = 0, body = 0;

	assert_int_equal(draw(fx, "spleen", ROUTINE_SIDE_LEFT), 0);
	for (int y = 0; y < H; y += 2)
		for (int x = 0; x < W; x += 2) {
			SDL_Color px = pixel(fx, x, y);
			red += is_highlight(px) || (px.r > px.g + 40);
			body += px.r != BG.r || px.g != BG.g || px.b != BG.b;
		}
	assert_int_equal(red, 0);
	assert_true(body > 1000); /* the figures are there */
	assert_int_equal(draw(fx, NULL, ROUTINE_SIDE_NONE), 0);
	bodymap_view_free(NULL);
	assert_null(bodymap_view_new(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_side_by_side),
		cmocka_unit_test_setup_teardown(test_highlights_the_chosen_side, setup, teardown),
		cmocka_unit_test_setup_teardown(test_front_view_mirrors_sides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_referral_is_shaded_not_solid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_target_outline_only, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
