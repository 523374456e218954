/* jsonline: a flat-object scanner with cJSON behind it (see jsonline.h). */
#include "core/jsonline.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* How many '{' positions a torn line is searched for a complete object. */
#define RESYNC_TRIES 16

struct jsonline {
	const char *const *names;
	size_t n;
	char *scratch;              /* unescaped strings of the line being read (fast path) */
	size_t scratch_cap;
	cJSON *tree;                /* the line's tree (slow path), kept for its strings */
};

jsonline *jsonline_new(const char *const *names, size_t n)
{
	if (n > JSONLINE_MAX_FIELDS)
		return NULL;
	jsonline *j = calloc(1, sizeof *j);
	if (!j)
		return NULL;
	j->names = names;
	j->n = n;
	return j;
}

void jsonline_free(jsonline *j)
{
	if (!j)
		return;
	cJSON_Delete(j->tree);
	free(j->scratch);
	free(j);
}

/* The field a member name of n bytes stands for, or -1. */
static int field_of(const jsonline *j, const char *k, size_t n)
{
	for (size_t i = 0; i < j->n; i++)
		if (k[0] == j->names[i][0] && strncmp(k, j->names[i], n) == 0 && j->names[i][n] == '\0')
			return (int)i;
	return -1;
}

/* Fills out from the members of a parsed object; the first of duplicate keys wins. */
static void collect(const jsonline *j, const cJSON *o, jsonline_value *out)
{
	memset(out, 0, j->n * sizeof *out);
	for (const cJSON *c = o->child; c; c = c->next) {
		if (!c->string || !c->string[0])
			continue;
		int i = field_of(j, c->string, strlen(c->string));
		if (i < 0 || out[i].type != JSONLINE_NONE)
			continue;
		jsonline_value *v = &out[i];
		if (cJSON_IsString(c)) {
			v->type = JSONLINE_STRING;
			v->s = c->valuestring;
		} else if (cJSON_IsNumber(c)) {
			v->type = JSONLINE_NUMBER;
			v->n = c->valuedouble;
		} else if (cJSON_IsTrue(c)) {
			v->type = JSONLINE_TRUE;
		} else if (cJSON_IsFalse(c)) {
			v->type = JSONLINE_FALSE;
		} else {
			v->type = JSONLINE_NULL;
		}
	}
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips white space; true when something is left. */
static bool skip_ws(const char **p, const char *e)
{
	while (*p < e && is_ws(**p))
		(*p)++;
	return *p < e;
}

/* A JSON number without exponent at *p (grammar checked). */
static bool scan_number(const char **pp, const char *e, double *out)
{
	const char *p = *pp;
	bool neg = *p == '-';
	if (neg)
		p++;
	if (p == e || *p < '0' || *p > '9' || (*p == '0' && p + 1 < e && p[1] >= '0' && p[1] <= '9'))
		return false;
	double n = 0;
	while (p < e && *p >= '0' && *p <= '9')
		n = n * 10 + (*p++ - '0');
	if (p < e && *p == '.') {
		p++;
		if (p == e || *p < '0' || *p > '9')
			return false;
		double scale = 0.1;
		while (p < e && *p >= '0' && *p <= '9') {
			n += (*p++ - '0') * scale;
			scale /= 10;
		}
	}
	if (p < e && (*p == 'e' || *p == 'E'))
		return false;
	*out = neg ? -n : n;
	*pp = p;
	return true;
}

/* A JSON string after its opening quote; unescaped into *out when out is not
 * NULL. No \u escapes (the slow path handles those). */
static bool scan_string(const char **pp, const char *e, char **out)
{
	const char *p = *pp;
	char *o = out ? *out : NULL;
	while (p < e && *p != '"') {
		char c = *p++;
		if ((unsigned char)c < 0x20)
			return false;
		if (c == '\\') {
			if (p == e)
				return false;
			switch (*p++) {
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			case '/': c = '/'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default: return false;
			}
		}
		if (o)
			*o++ = c;
	}
	if (p == e)
		return false;
	*pp = p + 1;
	if (o) {
		*o++ = '\0';
		*out = o;
	}
	return true;
}

/* One member's value at *pp: a string (unescaped into *out when v is
 * wanted), a number, true, false or null. False for anything else. */
static bool scan_value(const char **pp, const char *e, char **out, jsonline_value *v)
{
	const char *p = *pp;
	if (*p == '"') {
		char *start = *out;
		p++;
		if (!scan_string(&p, e, v ? out : NULL))
			return false;
		if (v) {
			v->type = JSONLINE_STRING;
			v->s = start;
		}
	} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
		double n;
		if (!scan_number(&p, e, &n))
			return false;
		if (v) {
			v->type = JSONLINE_NUMBER;
			v->n = n;
		}
	} else if (e - p >= 4 && memcmp(p, "true", 4) == 0) {
		p += 4;
		if (v)
			v->type = JSONLINE_TRUE;
	} else if (e - p >= 5 && memcmp(p, "false", 5) == 0) {
		p += 5;
		if (v)
			v->type = JSONLINE_FALSE;
	} else if (e - p >= 4 && memcmp(p, "null", 4) == 0) {
		p += 4;
		if (v)
			v->type = JSONLINE_NULL;
	} else {
		return false; /* an object, an array, or not JSON */
	}
	*pp = p;
	return true;
}

/* The fast path: the whole line is a flat object. Strings of the members
 * wanted are unescaped into j->scratch. False means "let cJSON decide"
 * (anything else, valid JSON or not). */
static bool scan_flat(jsonline *j, const char *p, size_t len, jsonline_value *fs)
{
	if (len + 1 > j->scratch_cap) {
		size_t cap = len + 1 > 4096 ? len + 1 : 4096;
		char *n = realloc(j->scratch, cap);
		if (!n)
			return false;
		j->scratch = n;
		j->scratch_cap = cap;
	}
	char *out = j->scratch;
	const char *e = p + len;
	memset(fs, 0, j->n * sizeof *fs);
	if (!skip_ws(&p, e) || *p++ != '{' || !skip_ws(&p, e))
		return false;
	if (*p == '}') {
		p++;
		skip_ws(&p, e);
		return p == e;
	}
	for (;;) {
		/* The member name: plain characters only. */
		if (*p++ != '"')
			return false;
		const char *k = p;
		while (p < e && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		if (p == e || *p != '"')
			return false;
		size_t kn = (size_t)(p - k);
		p++;
		int fi = kn ? field_of(j, k, kn) : -1;
		jsonline_value *v = (fi >= 0 && fs[fi].type == JSONLINE_NONE) ? &fs[fi] : NULL;
		if (!skip_ws(&p, e) || *p++ != ':' || !skip_ws(&p, e))
			return false;
		if (!scan_value(&p, e, &out, v) || !skip_ws(&p, e))
			return false;
		if (*p == ',') {
			p++;
			if (!skip_ws(&p, e))
				return false;
			continue;
		}
		if (*p++ != '}')
			return false;
		break;
	}
	skip_ws(&p, e);
	return p == e;
}

/* Parses len bytes as one JSON value followed only by white space. */
static cJSON *parse_whole(const char *s, size_t len)
{
	const char *end = NULL;
	cJSON *o = cJSON_ParseWithLengthOpts(s, len, &end, 0);
	if (!o)
		return NULL;
	for (; end && end < s + len; end++) {
		if (!is_ws(*end)) {
			cJSON_Delete(o);
			return NULL;
		}
	}
	return o;
}

jsonline_result jsonline_parse(jsonline *j, const char *line, size_t len, jsonline_value *out)
{
	cJSON_Delete(j->tree);
	j->tree = NULL;
	if (scan_flat(j, line, len, out))
		return JSONLINE_OBJECT;
	memset(out, 0, j->n * sizeof *out);
	jsonline_result r = JSONLINE_OBJECT;
	j->tree = parse_whole(line, len);
	if (!j->tree) {
		/* A torn fragment followed by the next line written: look for a
		 * complete object after the fragment. */
		int tries = 0;
		for (size_t k = 1; k < len && tries < RESYNC_TRIES && !j->tree; k++) {
			if (line[k] != '{')
				continue;
			tries++;
			j->tree = parse_whole(line + k, len - k);
		}
		if (!j->tree)
			return JSONLINE_BAD;
		r = JSONLINE_RECOVERED;
	}
	if (!cJSON_IsObject(j->tree))
		return r == JSONLINE_RECOVERED ? JSONLINE_BAD : JSONLINE_NOT_OBJECT;
	collect(j, j->tree, out);
	return r;
}
