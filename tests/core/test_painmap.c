/* painmap: the pain finder's areas, referral zones and ranking (issue 20),
 * over the bundled assets/painmap.json (run from the repository root, as
 * `make test` does) and small maps written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bodymap.h"
#include "core/painmap.h"
#include "core/routine.h"
#include "core/suggest.h"

#include "slurp.h"

static int map_setup(void **state)
{
	size_t len = 0;
	char err[200];
	char *text = slurp("assets/painmap.json", &len);

	if (!text) {
		fprintf(stderr, "assets/painmap.json: cannot read it (run from the repository root)\n");
		return -1;
	}
	*state = painmap_parse(text, len, err, sizeof err);
	free(text);
	if (!*state)
		fprintf(stderr, "assets/painmap.json: %s\n", err);
	return *state ? 0 : -1;
}

static int map_teardown(void **state)
{
	painmap_free(*state);
	return 0;
}

/* Every id the issue lists, spelt exactly. */
static void test_area_vocabulary(void **state)
{
	const painmap *m = *state;
	static const char *const ids[] = {
		"temple", "forehead", "behind-eye", "back-of-head", "jaw", "ear", "side-of-neck", "back-of-neck",
		"top-of-shoulder", "front-of-shoulder", "back-of-shoulder", "between-shoulder-blades", "chest",
		"upper-arm", "outer-elbow", "inner-elbow", "forearm", "back-of-hand", "palm", "upper-back",
		"low-back", "sacrum", "buttock", "side-of-hip", "groin", "front-of-thigh", "outer-thigh",
		"back-of-thigh", "front-of-knee", "back-of-knee", "shin", "calf", "ankle", "heel", "sole",
		"top-of-foot",
	};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		if (painmap_area_find(m, ids[i]) < 0)
			fail_msg("area \"%s\" is missing", ids[i]);
		/* every area is some muscle's referral zone: no dead end in the finder */
		size_t a = (size_t)painmap_area_find(m, ids[i]);
		painmap_hit hit[1];
		if (painmap_rank(m, &a, 1, hit, 1) != 1)
			fail_msg("no muscle refers to \"%s\"", ids[i]);
	}
	assert_int_equal(painmap_area_find(m, "Temple"), -1);
}

/* The bundled body map, parsed (the test fails when it cannot be). Caller frees. */
static bodymap *load_bodymap(void)
{
	size_t len = 0;
	char err[200];
	char *text = slurp("assets/bodymap.json", &len);
	assert_non_null(text);
	bodymap *bm = bodymap_parse(text, len, err, sizeof err);
	free(text);
	assert_non_null(bm);
	return bm;
}

/* Each muscle is a body-map region under its own name, and the ball flag
 * agrees with the validator's not-for-a-ball list. */
static void test_muscles_on_the_body_map(void **state)
{
	const painmap *m = *state;
	bodymap *bm = load_bodymap();
	for (size_t i = 0; i < painmap_muscle_count(m); i++) {
		const char *t = painmap_target(m, i);
		const char *canon = bodymap_canonical(bm, t);
		if (!canon || strcmp(canon, t) != 0)
			fail_msg("\"%s\" is not a body-map region under that name", t);
		if (painmap_self_treatable(m, i) == routine_not_for_a_ball(t, NULL))
			fail_msg("\"%s\": ball flag disagrees with the not-for-a-ball list", t);
	}
	bodymap_free(bm);
	static const char *const stretch_only[] = { "sternocleidomastoid", "scalenes", "iliopsoas", "pectoralis minor" };
	for (size_t i = 0; i < 4; i++) {
		int k = painmap_muscle_find(m, stretch_only[i]);
		assert_true(k >= 0);
		assert_false(painmap_self_treatable(m, (size_t)k));
	}
	assert_true(painmap_self_treatable(m, (size_t)painmap_muscle_find(m, "upper trapezius")));
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

/* Every area is drawn on the body map on both sides (front, back or the sole
 * inset), each polygon on the figure: its points inside the view's outline. */
static void test_areas_on_the_body_map(void **state)
{
	const painmap *m = *state;
	bodymap *bm = load_bodymap();
	assert_int_equal(bodymap_area_count(bm), painmap_area_count(m));
	for (size_t i = 0; i < painmap_area_count(m); i++) {
		const char *id = painmap_area_id(m, i);
		for (int s = ROUTINE_SIDE_LEFT; s <= ROUTINE_SIDE_RIGHT; s++) {
			const bodymap_poly *p[8], *ol[4];
			size_t n = bodymap_area_select(bm, id, (routine_side)s, p, 8);
			if (n == 0)
				fail_msg("area \"%s\" is not drawn on the %s side", id, s == ROUTINE_SIDE_LEFT ? "left" : "right");
			for (size_t k = 0; k < n; k++) {
				size_t no = bodymap_outline(bm, p[k]->facing, ol, 4);
				float cx = 0, cy = 0;
				size_t in = 0;
				for (size_t q = 0; q < p[k]->count; q++) {
					cx += p[k]->points[q].x / (float)p[k]->count;
					cy += p[k]->points[q].y / (float)p[k]->count;
					for (size_t o = 0; o < no; o++)
						if (inside(ol[o], p[k]->points[q].x, p[k]->points[q].y)) {
							in++;
							break;
						}
				}
				bool mid = false;
				for (size_t o = 0; o < no; o++)
					mid = mid || inside(ol[o], cx, cy);
				/* its middle on the figure, and most of its corners (an edge
				 * may follow the silhouette's) */
				if (!mid || 2 * in < p[k]->count)
					fail_msg("area \"%s\" is off the figure (middle %g, %g; %zu of %zu corners on it)", id,
					         (double)cx, (double)cy, in, p[k]->count);
			}
		}
	}
	/* the person's sides: on the back view their left is on the viewer's left */
	const bodymap_poly *p[4];
	size_t n = bodymap_area_select(bm, "back-of-knee", ROUTINE_SIDE_LEFT, p, 4);
	assert_int_equal(n, 1);
	assert_int_equal(p[0]->facing, BODYMAP_BACK);
	assert_true(p[0]->points[0].x < BODYMAP_W / 2);
	assert_int_equal(bodymap_area_select(bm, "no-such-area", ROUTINE_SIDE_NONE, p, 4), 0);
	bodymap_free(bm);
}

static bool in_top(const painmap *m, const char *area, const char *target, size_t top)
{
	size_t a = (size_t)painmap_area_find(m, area);
	painmap_hit hit[PAINMAP_MAX_MUSCLES];
	size_t n = painmap_rank(m, &a, 1, hit, top);
	for (size_t i = 0; i < n; i++)
		if (strcmp(painmap_target(m, hit[i].muscle), target) == 0)
			return true;
	return false;
}

/* The textbook answers: the muscles Travell & Simons' and Davies' pain
 * guides name first for each zone are in the top five. */
static void test_textbook_answers(void **state)
{
	const painmap *m = *state;
	static const struct { const char *area; const char *muscles[4]; } cases[] = {
		{ "temple", { "upper trapezius", "temporalis" } },
		{ "back-of-head", { "suboccipitals", "upper trapezius", "sternocleidomastoid" } },
		{ "jaw", { "masseter", "temporalis", "upper trapezius" } },
		{ "low-back", { "quadratus lumborum", "gluteus medius", "iliopsoas" } },
		{ "buttock", { "gluteus medius", "gluteus maximus", "piriformis", "quadratus lumborum" } },
		{ "outer-thigh", { "gluteus minimus", "tensor fasciae latae", "quadriceps" } },
		{ "heel", { "soleus", "quadratus plantae", "abductor hallucis" } },
		{ "front-of-shoulder", { "infraspinatus", "pectoralis major", "deltoid", "biceps" } },
		{ "outer-elbow", { "forearm extensors", "triceps" } },
		{ "between-shoulder-blades", { "rhomboids", "scalenes", "levator scapulae" } },
		{ "back-of-knee", { "hamstrings", "calves", "soleus" } },
		{ "shin", { "tibialis anterior", "adductors" } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (size_t j = 0; j < 4 && cases[i].muscles[j]; j++)
			if (!in_top(m, cases[i].area, cases[i].muscles[j], 5))
				fail_msg("%s: %s is not in the top five", cases[i].area, cases[i].muscles[j]);
	/* and the first of them is first */
	assert_true(in_top(m, "back-of-head", "suboccipitals", 1));
	assert_true(in_top(m, "jaw", "masseter", 1));
	assert_true(in_top(m, "shin", "tibialis anterior", 1));
	/* a muscle that refers nowhere near is not listed at all */
	assert_false(in_top(m, "heel", "upper trapezius", PAINMAP_MAX_MUSCLES));
}

static const char small[] =
	"{\"format\": 1, \"areas\": [{\"id\": \"temple\", \"label\": \"temple\"},\n"
	" {\"id\": \"jaw\", \"label\": \"jaw\"}, {\"id\": \"ear\", \"label\": \"ear\"}],\n"
	" \"muscles\": [\n"
	"  {\"target\": \"a\", \"ball\": true, \"primary\": [\"ear\"], \"spill\": [\"temple\"], \"source\": \"s\"},\n"
	"  {\"target\": \"b\", \"ball\": true, \"primary\": [\"temple\", \"ear\", \"jaw\"], \"spill\": [], \"source\": \"s\"},\n"
	"  {\"target\": \"c\", \"ball\": false, \"primary\": [\"temple\"], \"spill\": [], \"source\": \"s\"},\n"
	"  {\"target\": \"d\", \"ball\": true, \"primary\": [\"jaw\"], \"spill\": [\"ear\"], \"source\": \"s\"}]}\n";

static void test_ranking_rules(void **state)
{
	(void)state;
	char err[200];
	painmap *m = painmap_parse(small, sizeof small - 1, err, sizeof err);
	assert_non_null(m);
	painmap_hit hit[8];
	size_t temple = 0, jaw = 1, ear = 2;

	/* primary above spill-over; on a tie the more specific referral first */
	size_t n = painmap_rank(m, &temple, 1, hit, 8);
	assert_int_equal(n, 3);
	assert_string_equal(painmap_target(m, hit[0].muscle), "c");
	assert_string_equal(painmap_target(m, hit[1].muscle), "b");
	assert_string_equal(painmap_target(m, hit[2].muscle), "a");
	assert_int_equal(hit[0].score, 3);
	assert_int_equal(hit[2].score, 1);
	assert_int_equal(hit[2].spill, 1);

	/* covering more of the given areas ranks higher; an area given twice counts once */
	size_t two[] = { jaw, ear, ear };
	n = painmap_rank(m, two, 3, hit, 8);
	assert_int_equal(n, 3);
	assert_string_equal(painmap_target(m, hit[0].muscle), "b"); /* 3 + 3 */
	assert_string_equal(painmap_target(m, hit[1].muscle), "d"); /* 3 + 1 */
	assert_string_equal(painmap_target(m, hit[2].muscle), "a"); /* 3 */
	assert_int_equal(hit[0].score, 6);

	/* max cuts the list and keeps the best */
	n = painmap_rank(m, two, 3, hit, 1);
	assert_int_equal(n, 1);
	assert_string_equal(painmap_target(m, hit[0].muscle), "b");

	routine_side side;
	size_t a;
	assert_int_equal(painmap_parse_arg(m, "jaw:left", &a, &side), 0);
	assert_int_equal(a, jaw);
	assert_int_equal(side, ROUTINE_SIDE_LEFT);
	assert_int_equal(painmap_parse_arg(m, "ear", &a, &side), 0);
	assert_int_equal(side, ROUTINE_SIDE_NONE);
	assert_int_equal(painmap_parse_arg(m, "ear:middle", &a, &side), -2);
	assert_int_equal(painmap_parse_arg(m, "ear:", &a, &side), -2);
	assert_int_equal(painmap_parse_arg(m, "nose", &a, &side), -1);
	assert_int_equal(painmap_parse_arg(m, "nose:left", &a, &side), -1);
	painmap_free(m);
}

/* Bad data names the line, column and field. */
static void test_bad_data(void **state)
{
	(void)state;
	char err[200];
	static const char unknown[] =
		"{\"format\": 1, \"areas\": [{\"id\": \"temple\", \"label\": \"t\"}],\n"
		" \"muscles\": [{\"target\": \"a\", \"ball\": true, \"primary\": [\"temple\", \"tempel\"], \"spill\": [], "
		"\"source\": \"s\"}]}";
	assert_null(painmap_parse(unknown, sizeof unknown - 1, err, sizeof err));
	assert_non_null(strstr(err, "2:"));
	assert_non_null(strstr(err, "muscles[0].primary[1]"));

	static const char twice[] = "{\"format\": 1, \"areas\": [{\"id\": \"ear\", \"label\": \"e\"}, "
	                            "{\"id\": \"ear\", \"label\": \"e\"}], \"muscles\": []}";
	assert_null(painmap_parse(twice, sizeof twice - 1, err, sizeof err));
	assert_non_null(strstr(err, "twice"));

	static const char noball[] = "{\"format\": 1, \"areas\": [{\"id\": \"ear\", \"label\": \"e\"}], \"muscles\": "
	                             "[{\"target\": \"a\", \"primary\": [\"ear\"], \"spill\": [], \"source\": \"s\"}]}";
	assert_null(painmap_parse(noball, sizeof noball - 1, err, sizeof err));
	assert_non_null(strstr(err, "ball"));

	static const char syntax[] = "{\"format\": 1,\n \"areas\": [}";
	assert_null(painmap_parse(syntax, sizeof syntax - 1, err, sizeof err));
	assert_non_null(strstr(err, "2:"));
}

/* Broken data never crashes the parser: every prefix of the real file and
 * single-byte changes through it either parse or give a reason. */
static void test_mutations(void **state)
{
	(void)state;
	size_t len = 0;
	char err[300];
	char *text = slurp("assets/painmap.json", &len);
	assert_non_null(text);
	char *buf = malloc(len + 1);
	assert_non_null(buf);
	size_t parsed = 0;
	for (size_t cut = 0; cut < len; cut += 97) {
		err[0] = '\0';
		painmap *m = painmap_parse(text, cut, err, sizeof err);
		if (!m)
			assert_true(err[0] != '\0');
		painmap_free(m);
	}
	static const char bytes[] = { '"', '}', ']', ',', ':', 'x', '0', '\0', (char)0xff };
	unsigned seed = 12345;
	for (int i = 0; i < 2000; i++) {
		memcpy(buf, text, len);
		seed = seed * 1103515245u + 12345u;
		size_t at = (seed >> 8) % len;
		buf[at] = bytes[(seed >> 4) % sizeof bytes];
		err[0] = '\0';
		painmap *m = painmap_parse(buf, len, err, sizeof err);
		if (m)
			parsed++;
		else
			assert_true(err[0] != '\0');
		painmap_free(m);
	}
	assert_true(parsed > 0); /* a change inside a label still parses */
	free(buf);
	free(text);
}

static void test_nearest_ids(void **state)
{
	const painmap *m = *state;
	const char *ids[PAINMAP_MAX_AREAS], *out[4];
	size_t n = painmap_area_count(m);
	for (size_t i = 0; i < n; i++)
		ids[i] = painmap_area_id(m, i);

	size_t k = suggest_nearest("knee", ids, n, out, 4);
	assert_int_equal(k, 2);
	assert_string_equal(out[0], "front-of-knee");
	assert_string_equal(out[1], "back-of-knee");
	k = suggest_nearest("templ", ids, n, out, 4);
	assert_true(k >= 1);
	assert_string_equal(out[0], "temple");
	k = suggest_nearest("lower-back", ids, n, out, 4);
	assert_true(k >= 1);
	assert_string_equal(out[0], "low-back");
	k = suggest_nearest("zzzzzzzzzzzz", ids, n, out, 4);
	assert_int_equal(k, 1); /* always one to offer */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_area_vocabulary, map_setup, map_teardown),
		cmocka_unit_test_setup_teardown(test_muscles_on_the_body_map, map_setup, map_teardown),
		cmocka_unit_test_setup_teardown(test_areas_on_the_body_map, map_setup, map_teardown),
		cmocka_unit_test_setup_teardown(test_textbook_answers, map_setup, map_teardown),
		cmocka_unit_test(test_ranking_rules),
		cmocka_unit_test(test_bad_data),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test_setup_teardown(test_nearest_ids, map_setup, map_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
