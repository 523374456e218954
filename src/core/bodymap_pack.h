/* bodymap_pack: a parsed body map as one flat blob, and back (issue 22).
 *
 * Parsing assets/bodymap.json and triangulating its polygons took 40 M
 * instructions at every launch, a quarter of the start-up. io/bodymapfile
 * keeps the map packed in the cache folder, keyed by a hash of the JSON
 * it came from, and unpacks it on the next launches (no cJSON, no ear
 * clipping): the same map, query for query (tests/core/test_bodymap_pack.c).
 *
 * The blob is for this machine only (native byte order and float layout,
 * checked by its header). Unpacking checks every count, offset and index
 * against the blob's length, in one pass: a blob that is cut, stale or
 * corrupt gives NULL (then the JSON is parsed again), never a map that
 * reads out of bounds.
 */
#ifndef UNKNOT_BODYMAP_PACK_H
#define UNKNOT_BODYMAP_PACK_H

#include <stddef.h>

#include "core/bodymap.h"

/* The blob of m; its byte length in *len. Caller frees (free()). NULL when
 * out of memory. */
void *bodymap_pack(const bodymap *m, size_t *len);

/* The map in blob[0..len), or NULL when it is not a whole, valid blob.
 * Caller frees with bodymap_free(). */
bodymap *bodymap_unpack(const void *blob, size_t len);

#endif
