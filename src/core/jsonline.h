/* jsonline: the members of one line of JSON Lines that a reader wants, found
 * in one pass. Pure.
 *
 * The caller names the members it reads (at most JSONLINE_MAX_FIELDS); a
 * parse fills one jsonline_value per name, in the same order. A flat object
 * (members that are strings without \u escapes, numbers without exponents,
 * true, false or null), which is what every journal line is, is scanned
 * directly, about three times faster than building a cJSON tree; anything
 * else goes through cJSON. The first of duplicate keys wins.
 *
 * A line that is not JSON may be a torn fragment (a crash mid-write, no
 * newline) with the next complete object glued to it: the parser looks for
 * that object after the fragment (JSONLINE_RECOVERED).
 */
#ifndef UNKNOT_JSONLINE_H
#define UNKNOT_JSONLINE_H

#include <stddef.h>

#define JSONLINE_MAX_FIELDS 32

typedef enum {
	JSONLINE_NONE = 0,  /* the member is absent */
	JSONLINE_STRING,
	JSONLINE_NUMBER,
	JSONLINE_TRUE,
	JSONLINE_FALSE,
	JSONLINE_NULL       /* null, or an object or an array (their content is not read) */
} jsonline_type;

typedef struct {
	jsonline_type type;
	const char *s;      /* JSONLINE_STRING: the unescaped text, NUL-terminated */
	double n;           /* JSONLINE_NUMBER */
} jsonline_value;

typedef enum {
	JSONLINE_OBJECT = 0, /* an object: the values are filled */
	JSONLINE_NOT_OBJECT, /* valid JSON but not an object: nothing filled */
	JSONLINE_BAD,        /* not JSON: nothing filled */
	JSONLINE_RECOVERED   /* not JSON, but a complete object follows a torn
	                        fragment: the values are filled from that object */
} jsonline_result;

typedef struct jsonline jsonline;

/* A parser for the members called names[0..n-1]; the array and its strings
 * must outlive the parser. NULL when out of memory or n is over
 * JSONLINE_MAX_FIELDS. Free with jsonline_free(). */
jsonline *jsonline_new(const char *const *names, size_t n);
void jsonline_free(jsonline *j);

/* Parses len bytes (need not be NUL-terminated) into out[0..n-1]. The
 * strings of out live in the parser until the next jsonline_parse() or
 * jsonline_free(). */
jsonline_result jsonline_parse(jsonline *j, const char *line, size_t len, jsonline_value *out);

#endif
