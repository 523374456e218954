/* strindex: open addressing with linear probing over a power-of-two table,
 * kept at most half full; the keys live back to back in one arena. */
#include "core/strindex.h"
#include "core/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_SLOTS 64
#define FIRST_ARENA 1024

/* One slot: empty when len is SIZE_MAX. */
typedef struct {
	uint64_t hash;
	size_t off;     /* key's first byte in the arena */
	size_t len;     /* key's length, SIZE_MAX for an empty slot */
	size_t value;
} slot;

struct strindex {
	slot *slots;
	size_t nslots;  /* a power of two, or 0 before the first set */
	size_t count;   /* keys held */
	char *arena;    /* every key's bytes, back to back */
	size_t used, cap;
};

/* FNV-1a, 64 bits: a few instructions a byte and good enough spread for
 * names and ids (the keys come from the user's own journal, not an adversary). */
static uint64_t hash_of(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

strindex *strindex_new(void)
{
	return calloc(1, sizeof(strindex));
}

void strindex_free(strindex *ix)
{
	if (!ix)
		return;
	free(ix->slots);
	free(ix->arena);
	free(ix);
}

size_t strindex_count(const strindex *ix)
{
	return ix->count;
}

/* The slot holding the key, or the empty slot where it would go. */
static slot *find(const strindex *ix, const void *key, size_t len, uint64_t hash)
{
	size_t mask = ix->nslots - 1;
	for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
		slot *s = &ix->slots[i];
		if (s->len == SIZE_MAX)
			return s;
		if (s->hash == hash && s->len == len && memcmp(ix->arena + s->off, key, len) == 0)
			return s;
	}
}

bool strindex_get(const strindex *ix, const void *key, size_t len, size_t *value)
{
	if (!ix->nslots)
		return false;
	const slot *s = find(ix, key, len, hash_of(key, len));
	if (s->len == SIZE_MAX)
		return false;
	*value = s->value;
	return true;
}

/* Doubles the table (or makes the first one); -1 when out of memory. */
static int grow(strindex *ix)
{
	size_t n = ix->nslots ? ix->nslots * 2 : FIRST_SLOTS;
	if (n < ix->nslots || n > SIZE_MAX / sizeof(slot))
		return -1;
	slot *fresh = malloc(n * sizeof *fresh);
	if (!fresh)
		return -1;
	for (size_t i = 0; i < n; i++)
		fresh[i].len = SIZE_MAX;
	for (size_t i = 0; i < ix->nslots; i++) {
		const slot *s = &ix->slots[i];
		if (s->len == SIZE_MAX)
			continue;
		size_t j = (size_t)s->hash & (n - 1);
		while (fresh[j].len != SIZE_MAX)
			j = (j + 1) & (n - 1);
		fresh[j] = *s;
	}
	free(ix->slots);
	ix->slots = fresh;
	ix->nslots = n;
	return 0;
}

int strindex_set(strindex *ix, const void *key, size_t len, size_t value)
{
	uint64_t hash = hash_of(key, len);
	if (ix->nslots) {
		slot *s = find(ix, key, len, hash);
		if (s->len != SIZE_MAX) {
			s->value = value;
			return 0;
		}
	}
	if (len == SIZE_MAX || ix->used > SIZE_MAX - len - 1)
		return -1;
	if ((ix->count + 1) * 2 > ix->nslots && grow(ix) != 0)
		return -1;
	if (!vec_reserve((void **)&ix->arena, &ix->cap, ix->used + len + 1, 1, FIRST_ARENA))
		return -1;
	slot *s = find(ix, key, len, hash);
	if (len)
		memcpy(ix->arena + ix->used, key, len);
	s->hash = hash;
	s->off = ix->used;
	s->len = len;
	s->value = value;
	ix->used += len;
	ix->count++;
	return 0;
}
