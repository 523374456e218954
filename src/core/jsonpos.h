/* jsonpos: a strict JSON scanner that remembers where every key and value
 * starts (line and column), by JSON path.
 *
 * cJSON keeps no positions, so the routine validator scans the text once with
 * this and looks places up by path ("steps[2].sides[1]") when it has something
 * to say. The scanner also finds what cJSON accepts silently: duplicate keys,
 * invalid UTF-8 in strings, raw control characters, leading zeros and other
 * syntax errors, each with its exact place. Pure.
 */
#ifndef UNKNOT_JSONPOS_H
#define UNKNOT_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/fmsg.h"

#define JSONPOS_MAX_DEPTH 64   /* deeper JSON is a syntax error here */
#define JSONPOS_PATH_MAX  128  /* issue paths are cut to fit */

typedef enum {
	JSONPOS_SYNTAX = 0,   /* not valid JSON; scanning stopped here */
	JSONPOS_BAD_UTF8,     /* a string holds a byte that is not valid UTF-8 */
	JSONPOS_DUPLICATE_KEY /* an object has the same key twice (at the second) */
} jsonpos_issue_kind;

typedef struct {
	jsonpos_issue_kind kind;
	int line, column;             /* 1-based; column in bytes */
	char path[JSONPOS_PATH_MAX];  /* where it is, "" for the root */
	char message[160];            /* e.g. "invalid JSON: expected ',' or '}'" */
	fmsg msg;                     /* the same as its format and arguments, for a translation */
} jsonpos_issue;

typedef struct jsonpos jsonpos;

/* Scans len bytes of text. Returns the map (with whatever could be scanned
 * before a syntax error), or NULL when out of memory. Caller frees. */
jsonpos *jsonpos_scan(const char *text, size_t len);
void jsonpos_free(jsonpos *m); /* NULL is fine */

/* True when the text is valid JSON (there is no JSONPOS_SYNTAX issue). */
bool jsonpos_ok(const jsonpos *m);

/* Issues in the order found (= file order). */
size_t jsonpos_issue_count(const jsonpos *m);
const jsonpos_issue *jsonpos_issue_at(const jsonpos *m, size_t i);

/* Where the value at `path` starts (its first byte: '{', '"', a digit, ...)
 * and, for an object member, where its key starts (else *key_line = 0). With
 * duplicate keys the first one is found. Returns false when no such path was
 * scanned. Any out pointer may be NULL. About constant time (a hash). */
bool jsonpos_find(const jsonpos *m, const char *path, int *line, int *column,
                  int *key_line, int *key_column);

/* How many scanned values all jsonpos_find calls on m have compared so far:
 * a hash lookup compares about one per call. For tests that the work of a
 * validator grows linearly with its input. */
size_t jsonpos_probes(const jsonpos *m);

/* 1-based line and byte column of a byte offset into text. */
void jsonpos_line_col(const char *text, size_t len, size_t offset, int *line, int *column);

#endif
