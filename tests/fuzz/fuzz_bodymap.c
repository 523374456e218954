/* libFuzzer target for the body-map parser and its ear-clipping triangulation.
 * Not part of `make test` (it needs clang). Standalone:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -I/usr/include/cjson \
 *     tests/fuzz/fuzz_bodymap.c src/core/bodymap.c -lcjson -o /tmp/fuzz_bodymap
 *   /tmp/fuzz_bodymap -max_total_time=60 -dict=tests/fuzz/json.dict
 * (seed it with assets/bodymap.json).
 *
 * Checks the parser's promises on every input: no crash or leak; a map or a
 * message; every triangle index inside its polygon; every lookup safe.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/bodymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_polys(const bodymap_poly *const *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i]->count < 2 || p[i]->count > BODYMAP_MAX_POINTS)
			abort();
		for (size_t t = 0; t < 3 * p[i]->tri_count; t++)
			if (p[i]->tris[t] >= p[i]->count)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[200] = "";
	const bodymap_poly *p[64];
	bodymap *m = bodymap_parse((const char *)data, size, err, sizeof err);

	if (!m) {
		if (!err[0] || !memchr(err, '\0', sizeof err))
			abort();
		return 0;
	}
	for (int f = 0; f < BODYMAP_FACING_COUNT; f++) {
		check_polys(p, bodymap_outline(m, (bodymap_facing)f, p, 64));
		(void)bodymap_lines(m, (bodymap_facing)f, p, 64);
	}
	for (size_t r = 0; r < bodymap_region_count(m); r++) {
		const char *name = bodymap_region_name(m, r);
		if (!name || bodymap_canonical(m, name) == NULL)
			abort(); /* every region finds itself */
		for (int side = ROUTINE_SIDE_NONE; side <= ROUTINE_SIDE_RIGHT; side++) {
			check_polys(p, bodymap_select(m, name, (routine_side)side, BODYMAP_MUSCLE, p, 64));
			check_polys(p, bodymap_select(m, name, (routine_side)side, BODYMAP_REFERRAL, p, 64));
		}
		(void)bodymap_refers(m, name);
	}
	bodymap_free(m);
	return 0;
}
