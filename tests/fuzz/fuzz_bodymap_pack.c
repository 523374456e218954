/* libFuzzer target for the packed body map (core/bodymap_pack.c), which the
 * app reads from its cache folder at every launch: a file anyone who can
 * write that folder controls. Not part of `make test` (it needs clang;
 * tests/e2e/fuzz_replay.sh replays the seeds there).
 *
 * Two kinds of input:
 *  - a blob (anything not starting with '{'): unpacking it gives NULL or a
 *    map whose every polygon, triangle and lookup stays in bounds, and
 *    packing that map again gives a blob that unpacks to the same blob;
 *  - a body-map JSON ('{'): parsed, packed and unpacked, the unpacked map
 *    answers every query as the parsed one, and then every single-byte
 *    change of the blob the input's last bytes choose unpacks safely.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/bodymap.h"
#include "core/bodymap_pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXP 64

static size_t check_polys(const bodymap_poly *const *p, size_t n)
{
	size_t sum = 0;
	for (size_t i = 0; i < n && i < MAXP; i++) {
		if (p[i]->count < 2 || p[i]->count > BODYMAP_MAX_POINTS)
			abort();
		for (size_t t = 0; t < 3 * p[i]->tri_count; t++)
			if (p[i]->tris[t] >= p[i]->count)
				abort();
		for (size_t k = 0; k < p[i]->count; k++)
			sum = sum * 31 + (size_t)(p[i]->points[k].x * 7 + p[i]->points[k].y);
		sum += p[i]->count * 1000003u + p[i]->tri_count;
	}
	return sum + n;
}

/* Walks every query of the map; a digest of the answers. */
static size_t walk(const bodymap *m)
{
	const bodymap_poly *p[MAXP];
	size_t d = 0;
	for (int f = 0; f < BODYMAP_FACING_COUNT; f++) {
		d = d * 17 + check_polys(p, bodymap_outline(m, (bodymap_facing)f, p, MAXP));
		d = d * 17 + check_polys(p, bodymap_lines(m, (bodymap_facing)f, p, MAXP));
	}
	for (size_t r = 0; r < bodymap_region_count(m); r++) {
		const char *name = bodymap_region_name(m, r);
		if (!name || bodymap_canonical(m, name) == NULL)
			abort();
		d = d * 31 + strlen(name);
		for (int side = ROUTINE_SIDE_NONE; side <= ROUTINE_SIDE_RIGHT; side++) {
			d = d * 17 + check_polys(p, bodymap_select(m, name, (routine_side)side, BODYMAP_MUSCLE, p, MAXP));
			d = d * 17 + check_polys(p, bodymap_select(m, name, (routine_side)side, BODYMAP_REFERRAL, p, MAXP));
		}
		const char *refers = bodymap_refers(m, name);
		d = d * 31 + (refers ? strlen(refers) : 0);
	}
	d = d * 31 + bodymap_area_count(m);
	(void)bodymap_region_name(m, bodymap_region_count(m)); /* out of range: NULL, no read */
	return d;
}

/* Unpacks blob; when it is a map, checks it and that it packs back alike. */
static void unpack_checked(const void *blob, size_t len)
{
	bodymap *m = bodymap_unpack(blob, len);
	if (!m)
		return;
	size_t d = walk(m);
	size_t len2 = 0;
	void *again = bodymap_pack(m, &len2);
	bodymap_free(m);
	if (!again)
		return;
	bodymap *m2 = bodymap_unpack(again, len2);
	if (!m2 || walk(m2) != d)
		abort(); /* a map packs into a blob that unpacks to the same map */
	bodymap_free(m2);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || data[0] != '{') {
		unpack_checked(data, size);
		return 0;
	}
	char err[200];
	bodymap *m = bodymap_parse((const char *)data, size, err, sizeof err);
	if (!m)
		return 0;
	size_t len = 0;
	uint8_t *blob = bodymap_pack(m, &len);
	if (!blob) {
		bodymap_free(m);
		return 0;
	}
	bodymap *u = bodymap_unpack(blob, len);
	if (!u || walk(u) != walk(m))
		abort(); /* the packed map is the parsed one, query for query */
	bodymap_free(u);
	bodymap_free(m);
	/* damaged copies: cut short, and bytes changed where the input says */
	unpack_checked(blob, len / 2);
	unpack_checked(blob, len ? len - 1 : 0);
	for (size_t i = 0; i + 3 <= size && i < 24; i += 3) {
		size_t at = ((size_t)data[size - 1 - i] << 8 | data[size - 2 - i]) * 131u % (len ? len : 1);
		uint8_t was = blob[at];
		blob[at] ^= data[size - 3 - i] ? data[size - 3 - i] : 0xFF;
		unpack_checked(blob, len);
		blob[at] = was;
	}
	free(blob);
	return 0;
}
