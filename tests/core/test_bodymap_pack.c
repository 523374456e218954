/* Tests for src/core/bodymap_pack.c: the real body map packed and unpacked
 * answers every query as the parsed one (the same polygons, points,
 * triangles, names, aliases, referral texts and areas), and a blob that is
 * cut short, corrupt or from elsewhere gives NULL, never a map that reads
 * out of bounds (make asan runs this too). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bodymap.h"
#include "core/bodymap_pack.h"
#include "slurp.h"

#define MAXP 256

static bodymap *parsed(void)
{
	size_t len = 0;
	char err[200];
	char *text = slurp("assets/bodymap.json", &len);
	assert_non_null(text);
	bodymap *m = bodymap_parse(text, len, err, sizeof err);
	free(text);
	assert_non_null(m);
	return m;
}

static void same_polys(const bodymap_poly **a, size_t na, const bodymap_poly **b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i]->facing, b[i]->facing);
		assert_int_equal(a[i]->side, b[i]->side);
		assert_int_equal(a[i]->count, b[i]->count);
		assert_memory_equal(a[i]->points, b[i]->points, a[i]->count * sizeof *a[i]->points);
		assert_int_equal(a[i]->tri_count, b[i]->tri_count);
		assert_int_equal(a[i]->tris == NULL, b[i]->tris == NULL);
		if (a[i]->tris)
			assert_memory_equal(a[i]->tris, b[i]->tris, a[i]->tri_count * 3 * sizeof *a[i]->tris);
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	bodymap *m = parsed();
	size_t len = 0;
	void *blob = bodymap_pack(m, &len);
	assert_non_null(blob);
	bodymap *u = bodymap_unpack(blob, len);
	assert_non_null(u);
	const bodymap_poly *a[MAXP], *b[MAXP];
	for (int f = 0; f < BODYMAP_FACING_COUNT; f++) {
		size_t na = bodymap_outline(m, (bodymap_facing)f, a, MAXP);
		same_polys(a, na, b, bodymap_outline(u, (bodymap_facing)f, b, MAXP));
		na = bodymap_lines(m, (bodymap_facing)f, a, MAXP);
		same_polys(a, na, b, bodymap_lines(u, (bodymap_facing)f, b, MAXP));
	}
	size_t nr = bodymap_region_count(m);
	assert_true(nr > 10);
	assert_int_equal(bodymap_region_count(u), nr);
	for (size_t i = 0; i < nr; i++) {
		const char *name = bodymap_region_name(m, i);
		assert_string_equal(name, bodymap_region_name(u, i));
		const char *rm = bodymap_refers(m, name), *ru = bodymap_refers(u, name);
		assert_int_equal(rm == NULL, ru == NULL);
		if (rm)
			assert_string_equal(rm, ru);
		for (int side = ROUTINE_SIDE_NONE; side <= ROUTINE_SIDE_RIGHT; side++)
			for (int l = BODYMAP_MUSCLE; l <= BODYMAP_REFERRAL; l++) {
				size_t na = bodymap_select(m, name, (routine_side)side, (bodymap_layer)l, a, MAXP);
				same_polys(a, na, b, bodymap_select(u, name, (routine_side)side, (bodymap_layer)l, b, MAXP));
			}
	}
	/* aliases: through the lookup */
	const char *alias[] = { "traps", "Traps", "pecs", "quads", "no such muscle" };
	for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++) {
		const char *cm = bodymap_canonical(m, alias[i]), *cu = bodymap_canonical(u, alias[i]);
		assert_int_equal(cm == NULL, cu == NULL);
		if (cm)
			assert_string_equal(cm, cu);
	}
	assert_int_equal(bodymap_area_count(u), bodymap_area_count(m));
	const char *areas[] = { "back-of-head", "no-such-area" };
	for (size_t i = 0; i < 2; i++) {
		size_t na = bodymap_area_select(m, areas[i], ROUTINE_SIDE_NONE, a, MAXP);
		same_polys(a, na, b, bodymap_area_select(u, areas[i], ROUTINE_SIDE_NONE, b, MAXP));
	}
	/* packing the unpacked map gives the same bytes */
	size_t len2 = 0;
	void *blob2 = bodymap_pack(u, &len2);
	assert_int_equal(len2, len);
	assert_memory_equal(blob2, blob, len);
	free(blob2);
	bodymap_free(u);
	bodymap_free(m);
	free(blob);
}

static void test_bad_blobs(void **state)
{
	(void)state;
	bodymap *m = parsed();
	size_t len = 0;
	unsigned char *blob = bodymap_pack(m, &len);
	assert_non_null(blob);
	bodymap_free(m);
	assert_null(bodymap_unpack(NULL, 0));
	assert_null(bodymap_unpack("{\"format\": 1}", 13)); /* the JSON is no blob */
	/* cut short anywhere: NULL */
	for (size_t n = 0; n < len; n += 1 + n / 7)
		assert_null(bodymap_unpack(blob, n));
	assert_null(bodymap_unpack(blob, len - 1));
	/* a byte more: NULL (the blob must be whole, nothing after it) */
	unsigned char *longer = malloc(len + 1);
	assert_non_null(longer);
	memcpy(longer, blob, len);
	longer[len] = 0;
	assert_null(bodymap_unpack(longer, len + 1));
	free(longer);
	/* every 4-byte word set to large values in turn: NULL or a map that
	 * holds together (ASan checks the reads); never a crash */
	unsigned char *bad = malloc(len);
	assert_non_null(bad);
	size_t refused = 0;
	for (size_t at = 0; at + 4 <= len; at += 4 + (at / 64) * 4) {
		memcpy(bad, blob, len);
		memset(bad + at, 0x7f, 4);
		bodymap *u = bodymap_unpack(bad, len);
		if (!u) {
			refused++;
			continue;
		}
		const bodymap_poly *p[MAXP];
		for (size_t i = 0; i < bodymap_region_count(u); i++)
			bodymap_select(u, bodymap_region_name(u, i), ROUTINE_SIDE_NONE, BODYMAP_MUSCLE, p, MAXP);
		bodymap_free(u);
	}
	assert_true(refused > 0);
	free(bad);
	free(blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bad_blobs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
