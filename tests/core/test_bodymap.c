/* Tests of the body-map data: triangulation, parsing, lookups, and the bundled
 * assets/bodymap.json (run from the repository root, as `make test` does). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/bodymap.h"

#include "slurp.h"

static double tri_area(const bodymap_point *p, const uint16_t *t)
{
	double a = ((double)p[t[1]].x - p[t[0]].x) * ((double)p[t[2]].y - p[t[0]].y) -
	           ((double)p[t[1]].y - p[t[0]].y) * ((double)p[t[2]].x - p[t[0]].x);
	return a < 0 ? -a / 2 : a / 2;
}

static double poly_area(const bodymap_point *p, size_t n)
{
	double a = 0;
	for (size_t i = 0; i < n; i++)
		a += (double)p[i].x * p[(i + 1) % n].y - (double)p[(i + 1) % n].x * p[i].y;
	return a < 0 ? -a / 2 : a / 2;
}

/* A triangulation covers the polygon exactly when its n-2 triangles add up to
 * the polygon's area (any triangle outside it, or overlapping, adds area). */
static void assert_exact_cover(const bodymap_point *p, size_t n, const uint16_t *tris, int nt)
{
	double sum = 0;

	assert_int_equal(nt, (int)n - 2);
	for (int i = 0; i < nt; i++) {
		assert_true(tris[3 * i] < n && tris[3 * i + 1] < n && tris[3 * i + 2] < n);
		sum += tri_area(p, &tris[3 * i]);
	}
	assert_true(sum > 0);
	assert_true(sum - poly_area(p, n) < 1e-3 * poly_area(p, n) + 1e-6);
	assert_true(poly_area(p, n) - sum < 1e-3 * poly_area(p, n) + 1e-6);
}

static void test_triangulate_convex_and_concave(void **state)
{
	(void)state;
	const bodymap_point square[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 } };
	/* a "U": two arms and a notch, concave twice */
	const bodymap_point u[] = { { 0, 0 }, { 3, 0 }, { 3, 7 }, { 7, 7 }, { 7, 0 },
	                            { 10, 0 }, { 10, 10 }, { 0, 10 } };
	bodymap_point rev[8];
	uint16_t tris[3 * 8];

	assert_exact_cover(square, 4, tris, bodymap_triangulate(square, 4, tris));
	assert_exact_cover(u, 8, tris, bodymap_triangulate(u, 8, tris));
	for (int i = 0; i < 8; i++) /* the other winding */
		rev[i] = u[7 - i];
	assert_exact_cover(rev, 8, tris, bodymap_triangulate(rev, 8, tris));
}

static void test_triangulate_star(void **state)
{
	(void)state;
	/* a 12-pointed star: every other vertex is reflex */
	bodymap_point star[24];
	uint16_t tris[3 * 24];
	const double pi = 3.14159265358979;

	for (int i = 0; i < 24; i++) {
		double r = i % 2 ? 3 : 10, a = 2 * pi * i / 24;
		star[i] = (bodymap_point){ (float)(50 + r * cos(a)),
		                           (float)(50 + r * sin(a)) };
	}
	assert_exact_cover(star, 24, tris, bodymap_triangulate(star, 24, tris));
}

static void test_triangulate_rejects(void **state)
{
	(void)state;
	const bodymap_point two[] = { { 0, 0 }, { 1, 1 } };
	const bodymap_point line[] = { { 0, 0 }, { 1, 1 }, { 2, 2 } };
	uint16_t tris[9];

	assert_int_equal(bodymap_triangulate(two, 2, tris), -1);
	assert_int_equal(bodymap_triangulate(line, 3, tris), -1);
	assert_int_equal(bodymap_triangulate(NULL, 3, tris), -1);
}

static const char small_map[] =
	"{ \"format\": 1,\n"
	"  \"outline\": { \"front\": [[[10,10],[90,10],[90,210],[10,210]]],\n"
	"                \"back\":  [[[10,10],[90,10],[90,210],[10,210]]] },\n"
	"  \"lines\": { \"front\": [[[50,20],[50,100]]], \"back\": [] },\n"
	"  \"regions\": [\n"
	"    { \"name\": \"Upper Trapezius\", \"aliases\": [\"traps\", \"upper-traps\"],\n"
	"      \"refers\": \"the temple\",\n"
	"      \"muscle\": [ {\"view\": \"back\", \"side\": \"left\", \"points\": [[30,40],[45,40],[45,50]]},\n"
	"                  {\"view\": \"back\", \"side\": \"right\", \"points\": [[55,40],[70,40],[55,50]]},\n"
	"                  {\"view\": \"front\", \"side\": \"left\", \"points\": [[55,40],[70,40],[55,50]]} ],\n"
	"      \"referral\": [ {\"view\": \"front\", \"side\": \"left\", \"points\": [[55,10],[60,10],[60,20]]},\n"
	"                    {\"view\": \"back\", \"side\": null, \"points\": [[45,20],[55,20],[50,30]]} ] },\n"
	"    { \"name\": \"plantar fascia\", \"muscle\": [ {\"view\": \"back\", \"points\": [[40,200],[60,200],[50,210]]} ] }\n"
	"  ] }\n";

static void test_parse_and_lookup(void **state)
{
	(void)state;
	char err[160];
	bodymap *m = bodymap_parse(small_map, strlen(small_map), err, sizeof err);
	const bodymap_poly *p[8];

	assert_non_null(m);
	assert_int_equal(bodymap_region_count(m), 2);
	assert_string_equal(bodymap_region_name(m, 0), "upper trapezius");
	assert_null(bodymap_region_name(m, 2));
	/* case, blanks, hyphens and aliases all find the region */
	assert_string_equal(bodymap_canonical(m, "upper trapezius"), "upper trapezius");
	assert_string_equal(bodymap_canonical(m, "  UPPER   Trapezius "), "upper trapezius");
	assert_string_equal(bodymap_canonical(m, "upper-trapezius"), "upper trapezius");
	assert_string_equal(bodymap_canonical(m, "Traps"), "upper trapezius");
	assert_string_equal(bodymap_canonical(m, "upper traps"), "upper trapezius");
	assert_string_equal(bodymap_refers(m, "traps"), "the temple");
	assert_null(bodymap_refers(m, "plantar fascia"));
	/* unknown targets: no region, nothing highlighted */
	assert_null(bodymap_canonical(m, "biceps"));
	assert_null(bodymap_canonical(m, NULL));
	assert_null(bodymap_canonical(m, ""));
	assert_int_equal(bodymap_select(m, "biceps", ROUTINE_SIDE_NONE, BODYMAP_MUSCLE, p, 8), 0);
	assert_int_equal(bodymap_select(m, NULL, ROUTINE_SIDE_LEFT, BODYMAP_MUSCLE, p, 8), 0);
	/* outline and lines */
	assert_int_equal(bodymap_outline(m, BODYMAP_FRONT, p, 8), 1);
	assert_int_equal(p[0]->count, 4);
	assert_int_equal(p[0]->tri_count, 2);
	assert_int_equal(bodymap_lines(m, BODYMAP_FRONT, p, 8), 1);
	assert_null(p[0]->tris);
	assert_int_equal(bodymap_lines(m, BODYMAP_BACK, p, 8), 0);
	bodymap_free(m);
}

static void test_select_by_side(void **state)
{
	(void)state;
	bodymap *m = bodymap_parse(small_map, strlen(small_map), NULL, 0);
	const bodymap_poly *p[8];
	size_t n;

	assert_non_null(m);
	n = bodymap_select(m, "traps", ROUTINE_SIDE_NONE, BODYMAP_MUSCLE, p, 8);
	assert_int_equal(n, 3);
	assert_int_equal(bodymap_select(m, "traps", ROUTINE_SIDE_NONE, BODYMAP_MUSCLE, NULL, 0), 3);
	/* the right side: only the right back polygon */
	n = bodymap_select(m, "traps", ROUTINE_SIDE_RIGHT, BODYMAP_MUSCLE, p, 8);
	assert_int_equal(n, 1);
	assert_int_equal(p[0]->side, ROUTINE_SIDE_RIGHT);
	assert_int_equal(p[0]->facing, BODYMAP_BACK);
	assert_int_equal(p[0]->tri_count, 1);
	/* the left side: back and front left polygons */
	n = bodymap_select(m, "traps", ROUTINE_SIDE_LEFT, BODYMAP_MUSCLE, p, 8);
	assert_int_equal(n, 2);
	assert_int_equal(p[0]->side, ROUTINE_SIDE_LEFT);
	assert_int_equal(p[1]->side, ROUTINE_SIDE_LEFT);
	/* midline referral polygons go with either side */
	n = bodymap_select(m, "traps", ROUTINE_SIDE_RIGHT, BODYMAP_REFERRAL, p, 8);
	assert_int_equal(n, 1);
	assert_int_equal(p[0]->side, ROUTINE_SIDE_NONE);
	assert_int_equal(bodymap_select(m, "traps", ROUTINE_SIDE_LEFT, BODYMAP_REFERRAL, p, 8), 2);
	/* a region without a side tag shows for both sides */
	assert_int_equal(bodymap_select(m, "plantar fascia", ROUTINE_SIDE_LEFT, BODYMAP_MUSCLE, p, 8), 1);
	/* max is respected */
	assert_int_equal(bodymap_select(m, "traps", ROUTINE_SIDE_NONE, BODYMAP_MUSCLE, p, 2), 2);
	bodymap_free(m);
}

/* Parses `json` and expects failure with `needle` in the message. */
static void expect_error(const char *json, const char *needle)
{
	char err[200] = "";
	bodymap *m = bodymap_parse(json, strlen(json), err, sizeof err);

	if (m || !strstr(err, needle))
		fail_msg("expected an error containing \"%s\", got %s \"%s\"", needle,
		         m ? "a map and" : "", err);
	bodymap_free(m);
}

#define OUTLINE "\"outline\": {\"front\": [[[0,0],[9,0],[9,9]]], \"back\": [[[0,0],[9,0],[9,9]]]}"
#define TRI "[[1,1],[5,1],[5,5]]"

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error("{ \"format\": 1, ", "invalid JSON");
	expect_error("{ \"format\": 2, " OUTLINE ", \"regions\": [] }", "format");
	expect_error("{ \"format\": 1, \"regions\": [] }", "outline");
	expect_error("{ \"format\": 1, " OUTLINE " }", "regions");
	expect_error("{ \"format\": 1, " OUTLINE ", \"regions\": [ {\"muscle\": []} ] }", "regions[0].name");
	expect_error("{ \"format\": 1, " OUTLINE ", \"regions\": [ {\"name\": \"x\", \"muscle\": []} ] }",
	             "regions[0].muscle");
	expect_error("{ \"format\": 1, " OUTLINE ", \"regions\": [ {\"name\": \"x\", \"muscle\": "
	             "[{\"view\": \"side\", \"points\": " TRI "}]} ] }", "view");
	expect_error("{ \"format\": 1, " OUTLINE ", \"regions\": [ {\"name\": \"x\", \"muscle\": "
	             "[{\"view\": \"back\", \"side\": \"rihgt\", \"points\": " TRI "}]} ] }", "side");
	expect_error("{ \"format\": 1, " OUTLINE ", \"regions\": [ {\"name\": \"x\", \"muscle\": "
	             "[{\"view\": \"back\", \"points\": [[1,1],[500,1],[5,5]]}]} ] }", "outside");
	expect_error("{ \"format\": 1, " OUTLINE ", \"regions\": [ {\"name\": \"x\", \"muscle\": "
	             "[{\"view\": \"back\", \"points\": [[1,1],[2,2]]}]} ] }", "points");
	expect_error("{ \"format\": 1, " OUTLINE ", \"regions\": [ {\"name\": \"x\", \"muscle\": "
	             "[{\"view\": \"back\", \"points\": [[1,1],[2,2],[3,3]]}]} ] }", "degenerate");
	/* one name meaning two regions would make lookups order-dependent */
	expect_error("{ \"format\": 1, " OUTLINE ", \"regions\": ["
	             " {\"name\": \"a\", \"aliases\": [\"calf\"], \"muscle\": [{\"view\": \"back\", \"points\": " TRI "}]},"
	             " {\"name\": \"Calf\", \"muscle\": [{\"view\": \"back\", \"points\": " TRI "}]} ] }",
	             "already used");
	assert_null(bodymap_parse(NULL, 0, NULL, 0));
	bodymap_free(NULL);
}

/* A self-intersecting outline has no valid triangulation; it must still end
 * (no endless search for an ear) and produce n-2 triangles. */
static void test_triangulate_bow_tie_terminates(void **state)
{
	(void)state;
	const bodymap_point bow[] = { { 0, 0 }, { 10, 10 }, { 10, 0 }, { 0, 10 }, { 5, 12 } };
	uint16_t tris[3 * 5];

	assert_int_equal(bodymap_triangulate(bow, 5, tris), 3);
	for (int i = 0; i < 9; i++)
		assert_true(tris[i] < 5);
}

/* Mutated and truncated maps never crash the parser (run under ASan by
 * `make asan`): each either parses or fails with a message. */
static void test_parse_survives_mutations(void **state)
{
	(void)state;
	size_t len = strlen(small_map);
	char *buf = malloc(len + 1);
	unsigned seed = 12345;
	int parsed = 0;

	assert_non_null(buf);
	for (int i = 0; i < 3000; i++) {
		char err[160] = "";
		bodymap *m;
		size_t n = len;

		memcpy(buf, small_map, len + 1);
		for (int k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			buf[at] = "[]{},:\"0123456789-.e aZ"[(seed >> 8) % 23];
		}
		if (i % 5 == 0)
			n = (seed >> 4) % len; /* truncated */
		m = bodymap_parse(buf, n, err, sizeof err);
		if (m) {
			parsed++;
			(void)bodymap_select(m, "traps", ROUTINE_SIDE_LEFT, BODYMAP_MUSCLE, NULL, 0);
		} else {
			assert_true(err[0] != '\0');
		}
		bodymap_free(m);
	}
	assert_true(parsed > 0); /* some mutations only touch numbers */
	free(buf);
}

static int map_setup(void **state)
{
	size_t len = 0;
	char err[200];
	char *text = slurp("assets/bodymap.json", &len);

	if (!text) {
		fprintf(stderr, "assets/bodymap.json: cannot read it (run from the repository root)\n");
		return -1;
	}
	*state = bodymap_parse(text, len, err, sizeof err);
	free(text);
	if (!*state)
		fprintf(stderr, "assets/bodymap.json: %s\n", err);
	return *state ? 0 : -1;
}

static int map_teardown(void **state)
{
	bodymap_free(*state);
	return 0;
}

static bool inside(const bodymap_poly *p, float x, float y)
{
	bool in = false;
	for (size_t i = 0, j = p->count - 1; i < p->count; j = i++) {
		bodymap_point a = p->points[i], b = p->points[j];
		if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
			in = !in;
	}
	return in;
}

static void centroid(const bodymap_poly *p, float *cx, float *cy)
{
	double sx = 0, sy = 0;
	for (size_t i = 0; i < p->count; i++) {
		sx += p->points[i].x;
		sy += p->points[i].y;
	}
	*cx = (float)(sx / (double)p->count);
	*cy = (float)(sy / (double)p->count);
}

/* The muscles the bundled routines name (tests/e2e/routines.sh checks the
 * real files against the map too). */
static const char *const bundled_targets[] = {
	"upper trapezius", "levator scapulae", "gluteus medius", "quadratus lumborum", "piriformis",
	"gluteus minimus", "pectoralis major", "forearm extensors", "infraspinatus", "teres minor",
	"rhomboids", "thoracic extensors", "calves", "quadriceps", "hamstrings", "plantar fascia",
	"masseter", "temporalis", "suboccipitals", "forearm flexors", "tensor fasciae latae",
	"gluteus maximus", "soleus", "tibialis anterior", "flexor digitorum brevis", "quadratus plantae",
	"abductor hallucis",
};

static void test_asset_has_every_target(void **state)
{
	const bodymap *m = *state;
	const bodymap_poly *p[32];

	for (size_t i = 0; i < sizeof bundled_targets / sizeof bundled_targets[0]; i++) {
		const char *t = bundled_targets[i];
		if (!bodymap_canonical(m, t))
			fail_msg("no region for \"%s\"", t);
		/* a bilateral muscle shows on the chosen side, and has a referral zone */
		assert_true(bodymap_select(m, t, ROUTINE_SIDE_LEFT, BODYMAP_MUSCLE, p, 32) >= 1);
		assert_true(bodymap_select(m, t, ROUTINE_SIDE_RIGHT, BODYMAP_MUSCLE, p, 32) >= 1);
		assert_true(bodymap_select(m, t, ROUTINE_SIDE_NONE, BODYMAP_REFERRAL, p, 32) >= 1);
		assert_non_null(bodymap_refers(m, t));
	}
	assert_string_equal(bodymap_canonical(m, "pectorals"), "pectoralis major");
	assert_string_equal(bodymap_canonical(m, "Quads"), "quadriceps");
	assert_string_equal(bodymap_canonical(m, "calf"), "calves");
	assert_string_equal(bodymap_canonical(m, "QL"), "quadratus lumborum");
	assert_string_equal(bodymap_canonical(m, "IT band"), "iliotibial band");
	assert_string_equal(bodymap_canonical(m, "hip flexors"), "iliopsoas");
	assert_string_equal(bodymap_canonical(m, "SCM"), "sternocleidomastoid");
	assert_true(bodymap_region_count(m) >= 30);
	assert_null(bodymap_canonical(m, "spleen"));
}

/* The documented convention: on the back view the person's left is on the
 * viewer's left (x < 50), on the front view on the viewer's right (x > 50). */
static void test_asset_sides_follow_the_mirror_rule(void **state)
{
	const bodymap *m = *state;
	const bodymap_poly *p[64];
	size_t checked = 0;

	for (size_t r = 0; r < bodymap_region_count(m); r++) {
		const char *name = bodymap_region_name(m, r);
		for (int layer = BODYMAP_MUSCLE; layer <= BODYMAP_REFERRAL; layer++) {
			size_t n = bodymap_select(m, name, ROUTINE_SIDE_NONE, (bodymap_layer)layer, p, 64);
			for (size_t i = 0; i < n; i++) {
				float cx, cy;
				bool viewer_left;
				if (p[i]->side == ROUTINE_SIDE_NONE)
					continue;
				centroid(p[i], &cx, &cy);
				viewer_left = cx < BODYMAP_W / 2;
				if (viewer_left != ((p[i]->side == ROUTINE_SIDE_LEFT) == (p[i]->facing == BODYMAP_BACK)))
					fail_msg("%s: %s polygon on the %s view has its centre at x=%.1f", name,
					         p[i]->side == ROUTINE_SIDE_LEFT ? "left" : "right",
					         p[i]->facing == BODYMAP_BACK ? "back" : "front", (double)cx);
				checked++;
			}
		}
	}
	assert_true(checked > 40);
}

static double seg_dist(bodymap_point p, bodymap_point a, bodymap_point b)
{
	double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
	double t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	dx = a.x + t * dx - p.x;
	dy = a.y + t * dy - p.y;
	return sqrt(dx * dx + dy * dy);
}

/* Whether p is inside the silhouette or within `tol` units of its edge. */
static bool on_body(const bodymap_poly *o, bodymap_point p, double tol)
{
	if (inside(o, p.x, p.y))
		return true;
	for (size_t i = 0; i < o->count; i++)
		if (seg_dist(p, o->points[i], o->points[(i + 1) % o->count]) <= tol)
			return true;
	return false;
}

/* Regions sit on the body: every point of every muscle and referral polygon
 * is on one of its view's silhouettes (1 unit of slack for the drawn edge),
 * and the silhouettes' triangles cover them exactly. The back view has three:
 * the figure and the two soles (a footprint inset beside each foot: the soles
 * are on neither figure). */
static void test_asset_regions_inside_outline(void **state)
{
	const bodymap *m = *state;
	const bodymap_poly *out[BODYMAP_FACING_COUNT][4], *p[64];
	size_t nout[BODYMAP_FACING_COUNT];

	for (int f = 0; f < BODYMAP_FACING_COUNT; f++) {
		nout[f] = bodymap_outline(m, (bodymap_facing)f, out[f], 4);
		assert_int_equal(nout[f], f == BODYMAP_BACK ? 3 : 1);
		for (size_t k = 0; k < nout[f]; k++)
			assert_exact_cover(out[f][k]->points, out[f][k]->count, out[f][k]->tris,
			                   (int)out[f][k]->tri_count);
	}
	for (size_t r = 0; r < bodymap_region_count(m); r++) {
		const char *name = bodymap_region_name(m, r);
		for (int layer = BODYMAP_MUSCLE; layer <= BODYMAP_REFERRAL; layer++) {
			size_t n = bodymap_select(m, name, ROUTINE_SIDE_NONE, (bodymap_layer)layer, p, 64);
			for (size_t i = 0; i < n; i++) {
				for (size_t k = 0; k < p[i]->count; k++) {
					bool on = false;
					for (size_t o = 0; o < nout[p[i]->facing]; o++)
						on |= on_body(out[p[i]->facing][o], p[i]->points[k], 1.0);
					if (!on)
						fail_msg("%s: %s point (%.1f, %.1f) on the %s view is off the body", name,
						         layer == BODYMAP_MUSCLE ? "muscle" : "referral",
						         (double)p[i]->points[k].x, (double)p[i]->points[k].y,
						         p[i]->facing == BODYMAP_BACK ? "back" : "front");
				}
				assert_int_equal(p[i]->tri_count, p[i]->count - 2);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_triangulate_convex_and_concave),
		cmocka_unit_test(test_triangulate_star),
		cmocka_unit_test(test_triangulate_rejects),
		cmocka_unit_test(test_parse_and_lookup),
		cmocka_unit_test(test_select_by_side),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_triangulate_bow_tie_terminates),
		cmocka_unit_test(test_parse_survives_mutations),
		cmocka_unit_test_setup_teardown(test_asset_has_every_target, map_setup, map_teardown),
		cmocka_unit_test_setup_teardown(test_asset_sides_follow_the_mirror_rule, map_setup, map_teardown),
		cmocka_unit_test_setup_teardown(test_asset_regions_inside_outline, map_setup, map_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
