/* vec: growing a heap array by doubling, the one idiom every core module
 * that collects items (positions, sessions, polygons, strings, script lines)
 * needs. Pure. */
#ifndef UNKNOT_VEC_H
#define UNKNOT_VEC_H

#include <stdbool.h>
#include <stddef.h>

/* Makes room for `need` elements of `elem` bytes in *p, whose capacity is
 * *cap: doubles from `first` (or from *cap) until it fits. *p and *cap change
 * only on success. Returns false when out of memory (*p is still valid and
 * still the caller's to free). */
bool vec_reserve(void **p, size_t *cap, size_t need, size_t elem, size_t first);

#endif
