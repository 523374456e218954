/* strindex: a hash index from byte strings to positions in a caller's array,
 * so a module that keeps its items in a vec (sessions, targets) finds one by
 * key in constant time instead of scanning the array. Pure.
 *
 * Keys are byte strings of any length (not necessarily text, not
 * NUL-terminated); the index keeps its own copy. Setting a key that is
 * already present replaces its value. There is no removal: the modules that
 * use it only ever add. */
#ifndef UNKNOT_STRINDEX_H
#define UNKNOT_STRINDEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strindex strindex;

/* A new, empty index; NULL when out of memory. Free with strindex_free(). */
strindex *strindex_new(void);
/* Frees the index and its copies of the keys; NULL is a no-op. */
void strindex_free(strindex *ix);

/* The value of the len-byte key into *value; false (and *value untouched)
 * when the key is absent. */
bool strindex_get(const strindex *ix, const void *key, size_t len, size_t *value);
/* Adds the key, or replaces its value. Returns 0, or -1 when out of memory
 * (the index is then unchanged). */
int strindex_set(strindex *ix, const void *key, size_t len, size_t value);
/* Keys in the index. */
size_t strindex_count(const strindex *ix);

#endif
