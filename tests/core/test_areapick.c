/* areapick: a touch on the body map finds the pain area drawn there, on the
 * side that was touched, tolerant of a fingertip (issue 20), over the bundled
 * assets/bodymap.json and assets/painmap.json (run from the repository root). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "core/areapick.h"

#include "slurp.h"

typedef struct {
	bodymap *bm;
	painmap *pm;
} maps;

static int setup(void **state)
{
	static maps m;
	size_t len = 0;
	char err[200];
	char *text = slurp("assets/bodymap.json", &len);
	m.bm = text ? bodymap_parse(text, len, err, sizeof err) : NULL;
	free(text);
	text = slurp("assets/painmap.json", &len);
	m.pm = text ? painmap_parse(text, len, err, sizeof err) : NULL;
	free(text);
	*state = &m;
	if (!m.bm || !m.pm)
		fprintf(stderr, "assets/bodymap.json or painmap.json: cannot load them (run from the repository root)\n");
	return m.bm && m.pm ? 0 : -1;
}

static int teardown(void **state)
{
	maps *m = *state;
	bodymap_free(m->bm);
	painmap_free(m->pm);
	return 0;
}

/* Touching the middle of every area, on each side and view it is drawn on,
 * selects that area and that side. */
static void test_every_area_by_its_centre(void **state)
{
	const maps *m = *state;
	size_t tried = 0;
	for (size_t a = 0; a < painmap_area_count(m->pm); a++) {
		size_t found = 0;
		for (int f = 0; f < BODYMAP_FACING_COUNT; f++) {
			for (int s = ROUTINE_SIDE_LEFT; s <= ROUTINE_SIDE_RIGHT; s++) {
				float x, y;
				if (areapick_centre(m->bm, m->pm, a, (routine_side)s, (bodymap_facing)f, &x, &y) < 0)
					continue;
				routine_side side = ROUTINE_SIDE_NONE;
				int got = areapick_find(m->bm, m->pm, (bodymap_facing)f, x, y, 2.0f, &side);
				if (got != (int)a || side != (routine_side)s)
					fail_msg("%s %s on the %s view: got %s %s", painmap_area_id(m->pm, a),
					         routine_side_name((routine_side)s), f ? "back" : "front",
					         got < 0 ? "nothing" : painmap_area_id(m->pm, (size_t)got), routine_side_name(side));
				found++;
			}
		}
		if (found < 2)
			fail_msg("%s: not drawn on both sides", painmap_area_id(m->pm, a));
		tried += found;
	}
	assert_true(tried >= 72);
}

/* A fingertip just off an area still finds it; far from the body, nothing. */
static void test_tolerance(void **state)
{
	const maps *m = *state;
	int calf = painmap_area_find(m->pm, "calf");
	float x, y;
	routine_side side;
	assert_int_equal(areapick_centre(m->bm, m->pm, (size_t)calf, ROUTINE_SIDE_LEFT, BODYMAP_BACK, &x, &y), 0);
	/* the calves are about 10 units wide: 9 units out is off the leg */
	float out = x < 50 ? x - 9 : x + 9;
	assert_int_equal(areapick_find(m->bm, m->pm, BODYMAP_BACK, out, y, 0.5f, &side), -1);
	assert_int_equal(areapick_find(m->bm, m->pm, BODYMAP_BACK, out, y, 8.0f, &side), calf);
	assert_int_equal(side, ROUTINE_SIDE_LEFT);
	assert_int_equal(areapick_find(m->bm, m->pm, BODYMAP_FRONT, -40, 100, 8.0f, &side), -1);
	/* the jaw is drawn on the front only */
	int jaw = painmap_area_find(m->pm, "jaw");
	assert_int_equal(areapick_centre(m->bm, m->pm, (size_t)jaw, ROUTINE_SIDE_RIGHT, BODYMAP_BACK, &x, &y), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_area_by_its_centre),
		cmocka_unit_test(test_tolerance),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
