/* jsonpos: a strict JSON scanner that records where keys and values start. */
#include "core/i18n.h"
#include "core/jsonpos.h"
#include "core/vec.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strindex.h"
#include "core/utf8.h"

#define SCAN_PATH_MAX 1024

/* One scanned value: its path (offset into the arena) and positions. */
typedef struct {
	size_t path_off;
	int line, column;
	int key_line, key_column;
} jp_node;

struct jsonpos {
	jp_node *nodes;
	size_t n, cap;
	char *arena;           /* NUL-separated paths */
	size_t alen, acap;
	jsonpos_issue *issues;
	size_t nissues, icap;
	bool syntax;           /* a JSONPOS_SYNTAX issue was recorded */
	strindex *index;       /* path -> node index (the first of equal paths) */
	size_t *probes;        /* lookups made by every jsonpos_find so far */
};

typedef struct {
	const char *t;
	size_t len;
	size_t i;              /* current offset */
	int line;              /* line of offset i */
	size_t line_start;     /* offset where that line starts */
	jsonpos *m;
	char path[SCAN_PATH_MAX];
	size_t plen;
	bool oom;
	bool quiet;            /* rescanning a key: its issues are already recorded */
} scanner;

/* One key of an object: its bytes (raw from the text when it has no escapes,
 * else decoded into `owned`) and where it starts. */
typedef struct {
	const char *p;
	size_t n;
	char *owned;
	int line, col;
} jp_key;

#define KEYSET_INLINE 16

/* The keys of one object, to find duplicates: a linear search while there
 * are few (no allocation for ordinary objects), a hash table beyond. */
typedef struct {
	jp_key small[KEYSET_INLINE];
	jp_key *keys;          /* small, or the heap once it outgrows it */
	size_t n, cap;
	size_t *slots;         /* index + 1, 0 = empty; only past KEYSET_INLINE */
	size_t nslots;
} keyset;

/* jsonpos's arrays start at 16 elements. */
static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
	return vec_reserve(p, cap, need, elem, 16);
}

void jsonpos_line_col(const char *text, size_t len, size_t offset, int *line, int *column)
{
	int l = 1;
	size_t start = 0;
	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		/* a lone '\r' (old Mac line ends) breaks the line as editors show it */
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*column = (int)(offset - start) + 1;
}

static void pos_of(const scanner *s, size_t off, int *line, int *col)
{
	if (off >= s->line_start) {
		*line = s->line;
		*col = (int)(off - s->line_start) + 1;
	} else {
		jsonpos_line_col(s->t, s->len, off, line, col);
	}
}

static void add_issue(scanner *s, jsonpos_issue_kind kind, size_t off, const char *path,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void vadd_issue(scanner *s, jsonpos_issue_kind kind, size_t off, const char *path,
                       const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void vadd_issue(scanner *s, jsonpos_issue_kind kind, size_t off, const char *path,
                       const char *fmt, va_list ap)
{
	jsonpos *m = s->m;
	if (!grow((void **)&m->issues, &m->icap, m->nissues + 1, sizeof *m->issues)) {
		s->oom = true;
		return;
	}
	jsonpos_issue *is = &m->issues[m->nissues++];
	memset(is, 0, sizeof *is);
	is->kind = kind;
	pos_of(s, off, &is->line, &is->column);
	size_t pl = utf8_fit(path, strlen(path), sizeof is->path - 1);
	memcpy(is->path, path, pl);
	is->path[pl] = '\0';
	fmsg_vset(&is->msg, fmt, ap);
	fmsg_format(&is->msg, NULL, is->message, sizeof is->message);
	if (kind == JSONPOS_SYNTAX)
		m->syntax = true;
}

static void add_issue(scanner *s, jsonpos_issue_kind kind, size_t off, const char *path,
                      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd_issue(s, kind, off, path, fmt, ap);
	va_end(ap);
}

static bool fail(scanner *s, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Records a syntax error at off (fmt: a whole "invalid JSON: ..." message);
 * returns false so callers can `return fail(...)`. */
static bool fail(scanner *s, size_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd_issue(s, JSONPOS_SYNTAX, off, s->path, fmt, ap);
	va_end(ap);
	return false;
}

/* Describes the byte at off for "unexpected ..." messages; `expected` is a
 * phrase marked FMSG_W("a value"), translated with the message. */
static bool fail_unexpected(scanner *s, size_t off, const char *expected)
{
	if (off >= s->len)
		return fail(s, off, N_("invalid JSON: unexpected end of file; expected %s"), expected);
	unsigned char c = (unsigned char)s->t[off];
	if (c == '/')
		return fail(s, off, N_("invalid JSON: comments are not allowed"));
	if (c == '\'')
		return fail(s, off, N_("invalid JSON: strings need double quotes, not single quotes"));
	if (c > 0x20 && c < 0x7f)
		return fail(s, off, N_("invalid JSON: unexpected '%c'; expected %s"), c, expected);
	if (c == 0)
		return fail(s, off, N_("invalid JSON: a NUL byte (0x00): not a text file, or UTF-16; save it as UTF-8"));
	return fail(s, off, N_("invalid JSON: unexpected byte 0x%02X; expected %s"), c, expected);
}

static void skip_ws(scanner *s)
{
	while (s->i < s->len) {
		char c = s->t[s->i];
		if (c == '\n' || (c == '\r' && (s->i + 1 >= s->len || s->t[s->i + 1] != '\n'))) {
			s->line++;
			s->line_start = s->i + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		s->i++;
	}
}

/* Appends n bytes to the path, cutting at the buffer's end. */
static void path_add(scanner *s, const char *src, size_t n)
{
	size_t room = sizeof s->path - 1 - s->plen;
	if (n > room)
		n = room;
	memcpy(s->path + s->plen, src, n);
	s->plen += n;
	s->path[s->plen] = '\0';
}

static size_t path_push_index(scanner *s, size_t idx)
{
	char tmp[24];
	size_t n = sizeof tmp;
	size_t old = s->plen;
	tmp[--n] = ']';
	do {
		tmp[--n] = (char)('0' + idx % 10);
		idx /= 10;
	} while (idx);
	tmp[--n] = '[';
	path_add(s, tmp + n, sizeof tmp - n);
	return old;
}

static void path_pop(scanner *s, size_t old)
{
	s->plen = old;
	s->path[old] = '\0';
}

static void add_node(scanner *s, int key_line, int key_col)
{
	jsonpos *m = s->m;
	if (!grow((void **)&m->nodes, &m->cap, m->n + 1, sizeof *m->nodes) ||
	    !grow((void **)&m->arena, &m->acap, m->alen + s->plen + 1, 1)) {
		s->oom = true;
		return;
	}
	jp_node *nd = &m->nodes[m->n++];
	nd->path_off = m->alen;
	memcpy(m->arena + m->alen, s->path, s->plen);
	m->arena[m->alen + s->plen] = '\0';
	m->alen += s->plen + 1;
	nd->line = s->line;
	nd->column = (int)(s->i - s->line_start) + 1;
	nd->key_line = key_line;
	nd->key_column = key_col;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static bool read_hex4(const scanner *s, size_t at, uint32_t *out)
{
	if (at + 4 > s->len)
		return false;
	uint32_t v = 0;
	for (size_t k = 0; k < 4; k++) {
		int h = hexval(s->t[at + k]);
		if (h < 0)
			return false;
		v = (v << 4) | (uint32_t)h;
	}
	*out = v;
	return true;
}

static void put_utf8(char **buf, size_t *len, size_t *cap, uint32_t cp, bool *oom)
{
	char tmp[4];
	size_t n;
	if (cp < 0x80) { tmp[0] = (char)cp; n = 1; }
	else if (cp < 0x800) { tmp[0] = (char)(0xC0 | (cp >> 6)); tmp[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
	else if (cp < 0x10000) { tmp[0] = (char)(0xE0 | (cp >> 12)); tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); tmp[2] = (char)(0x80 | (cp & 0x3F)); n = 3; }
	else { tmp[0] = (char)(0xF0 | (cp >> 18)); tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F)); tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); tmp[3] = (char)(0x80 | (cp & 0x3F)); n = 4; }
	if (!grow((void **)buf, cap, *len + n + 1, 1)) {
		*oom = true;
		return;
	}
	memcpy(*buf + *len, tmp, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* Scans a string at s->i (a '"'). When out is not NULL, the decoded string is
 * returned in *out (heap, caller frees). utf8_path names the string in a
 * bad-UTF-8 issue. */
/* The escape at s->i (a backslash, with at least one byte after it): its
 * code point into *cp and its length into *adv. False with the reason in why
 * when it is not a valid JSON escape (or is \u0000, which a C string cannot
 * hold). */
static bool read_escape(scanner *s, uint32_t *cp, size_t *adv, size_t at)
{
	char e = s->t[s->i + 1];
	*adv = 2;
	switch (e) {
	case '"': *cp = '"'; return true;
	case '\\': *cp = '\\'; return true;
	case '/': *cp = '/'; return true;
	case 'b': *cp = '\b'; return true;
	case 'f': *cp = '\f'; return true;
	case 'n': *cp = '\n'; return true;
	case 'r': *cp = '\r'; return true;
	case 't': *cp = '\t'; return true;
	case 'u':
		break;
	default:
		if ((unsigned char)e > 0x20 && (unsigned char)e < 0x7f)
			return fail(s, at, N_("invalid JSON: invalid escape '\\%c'"), e);
		return fail(s, at, N_("invalid JSON: invalid escape"));
	}
	if (!read_hex4(s, s->i + 2, cp)) {
		return fail(s, at, N_("invalid JSON: \\u needs four hex digits"));
	}
	*adv = 6;
	if (*cp == 0) {
		/* the value is a C string: everything after it would vanish */
		return fail(s, at, N_("invalid JSON: \\u0000 (a NUL character) is not allowed in a string"));
	}
	uint32_t lo;
	if (*cp >= 0xD800 && *cp <= 0xDBFF && s->i + 7 < s->len && s->t[s->i + 6] == '\\' &&
	    s->t[s->i + 7] == 'u' && read_hex4(s, s->i + 8, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
		*cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
		*adv = 12;
	} else if (*cp >= 0xD800 && *cp <= 0xDFFF) {
		return fail(s, at, N_("invalid JSON: \\u escape of a lone UTF-16 surrogate"));
	}
	return true;
}

static bool scan_string(scanner *s, char **out, const char *utf8_path)
{
	size_t start = s->i++;
	char *buf = NULL;
	size_t blen = 0, bcap = 0;
	bool bad_utf8 = false;
	if (out) {
		if (!grow((void **)&buf, &bcap, 16, 1)) { s->oom = true; return false; }
		buf[0] = '\0';
	}
	for (;;) {
		if (s->i >= s->len) {
			free(buf);
			return fail(s, start, N_("invalid JSON: unterminated string (it starts here)"));
		}
		unsigned char c = (unsigned char)s->t[s->i];
		if (c == '"') {
			s->i++;
			break;
		}
		if (c < 0x20) {
			const char *esc = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : "\\u00XX";
			free(buf);
			return fail(s, s->i, N_("invalid JSON: raw control character 0x%02X in a string; write it as %s"), c, esc);
		}
		if (c == '\\') {
			size_t at = s->i;
			if (s->i + 1 >= s->len) {
				free(buf);
				return fail(s, start, N_("invalid JSON: unterminated string (it starts here)"));
			}
			uint32_t cp = 0;
			size_t adv = 2;
			if (!read_escape(s, &cp, &adv, at)) {
				free(buf);
				return false;
			}
			if (out)
				put_utf8(&buf, &blen, &bcap, cp == 0 ? 0xFFFD : cp, &s->oom);
			s->i += adv;
			continue;
		}
		if (c < 0x80) {
			if (out) {
				if (!grow((void **)&buf, &bcap, blen + 2, 1)) { s->oom = true; free(buf); return false; }
				buf[blen++] = (char)c;
				buf[blen] = '\0';
			}
			s->i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s->t + s->i, s->len - s->i, &cp);
		if (n == 0) {
			if (!bad_utf8 && !s->quiet)
				add_issue(s, JSONPOS_BAD_UTF8, s->i, utf8_path,
				          N_("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"), c);
			bad_utf8 = true;
			n = 1;
		}
		if (out) {
			if (!grow((void **)&buf, &bcap, blen + n + 1, 1)) { s->oom = true; free(buf); return false; }
			memcpy(buf + blen, s->t + s->i, n);
			blen += n;
			buf[blen] = '\0';
		}
		s->i += n;
	}
	if (out)
		*out = buf;
	return true;
}

static bool scan_number(scanner *s)
{
	size_t start = s->i, i = s->i;
	const char *t = s->t;
	if (i < s->len && t[i] == '-')
		i++;
	if (i >= s->len || t[i] < '0' || t[i] > '9')
		return fail(s, start, N_("invalid JSON: invalid number"));
	if (t[i] == '0') {
		i++;
		if (i < s->len && t[i] >= '0' && t[i] <= '9')
			return fail(s, start, N_("invalid JSON: numbers must not start with 0 (write 7, not 07)"));
	} else {
		while (i < s->len && t[i] >= '0' && t[i] <= '9')
			i++;
	}
	if (i < s->len && t[i] == '.') {
		i++;
		if (i >= s->len || t[i] < '0' || t[i] > '9')
			return fail(s, start, N_("invalid JSON: invalid number (a digit must follow the '.')"));
		while (i < s->len && t[i] >= '0' && t[i] <= '9')
			i++;
	}
	if (i < s->len && (t[i] == 'e' || t[i] == 'E')) {
		i++;
		if (i < s->len && (t[i] == '+' || t[i] == '-'))
			i++;
		if (i >= s->len || t[i] < '0' || t[i] > '9')
			return fail(s, start, N_("invalid JSON: invalid number (bad exponent)"));
		while (i < s->len && t[i] >= '0' && t[i] <= '9')
			i++;
	}
	s->i = i;
	return true;
}

static bool scan_literal(scanner *s)
{
	static const char *const lits[] = { "true", "false", "null" };
	for (size_t k = 0; k < 3; k++) {
		size_t n = strlen(lits[k]);
		if (s->len - s->i >= n && memcmp(s->t + s->i, lits[k], n) == 0) {
			size_t e = s->i + n;
			/* "truex" is not "true" followed by junk we could explain better. */
			if (e < s->len && ((s->t[e] >= 'a' && s->t[e] <= 'z') || (s->t[e] >= 'A' && s->t[e] <= 'Z')))
				break;
			s->i = e;
			return true;
		}
	}
	return fail(s, s->i, N_("invalid JSON: unknown word; expected a value (a string in double quotes, a number, true, false, null, an object or an array)"));
}

static size_t key_hash(const char *k, size_t n)
{
	size_t h = (size_t)1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * (size_t)1099511628211ULL;
	return h;
}

static bool key_eq(const jp_key *a, const char *p, size_t n)
{
	return a->n == n && memcmp(a->p, p, n) == 0;
}

static void keyset_free(keyset *ks)
{
	for (size_t k = 0; k < ks->n; k++)
		free(ks->keys[k].owned);
	if (ks->keys != ks->small)
		free(ks->keys);
	free(ks->slots);
}

static bool keyset_rehash(keyset *ks, size_t ns)
{
	size_t *slots = calloc(ns, sizeof *slots);
	if (!slots)
		return false;
	for (size_t k = 0; k < ks->n; k++) {
		size_t h = key_hash(ks->keys[k].p, ks->keys[k].n) & (ns - 1);
		while (slots[h])
			h = (h + 1) & (ns - 1);
		slots[h] = k + 1;
	}
	free(ks->slots);
	ks->slots = slots;
	ks->nslots = ns;
	return true;
}

/* Adds a key (taking ownership of `owned`, which p points into when not
 * NULL). Returns the index of an earlier equal key, or SIZE_MAX when new (or
 * out of memory: *oom). */
static size_t keyset_add(keyset *ks, const char *p, size_t n, char *owned, int line, int col, bool *oom)
{
	if (!ks->keys) {
		ks->keys = ks->small;
		ks->cap = KEYSET_INLINE;
	}
	if (!ks->slots) {
		for (size_t k = 0; k < ks->n; k++) {
			if (key_eq(&ks->keys[k], p, n)) {
				free(owned);
				return k;
			}
		}
	} else {
		size_t h = key_hash(p, n) & (ks->nslots - 1);
		while (ks->slots[h]) {
			size_t k = ks->slots[h] - 1;
			if (key_eq(&ks->keys[k], p, n)) {
				free(owned);
				return k;
			}
			h = (h + 1) & (ks->nslots - 1);
		}
	}
	if (ks->n == ks->cap) {
		size_t cap = ks->cap * 2;
		jp_key *q = ks->keys == ks->small ? malloc(cap * sizeof *q) : realloc(ks->keys, cap * sizeof *q);
		if (!q) {
			*oom = true;
			free(owned);
			return SIZE_MAX;
		}
		if (ks->keys == ks->small)
			memcpy(q, ks->small, sizeof ks->small);
		ks->keys = q;
		ks->cap = cap;
	}
	ks->keys[ks->n++] = (jp_key){ p, n, owned, line, col };
	/* Past the inline size, keep a hash table at most half full. */
	if (ks->n > KEYSET_INLINE && ks->n * 2 > ks->nslots &&
	    !keyset_rehash(ks, ks->nslots ? ks->nslots * 2 : 4 * KEYSET_INLINE)) {
		*oom = true;
	} else if (ks->slots && ks->n * 2 <= ks->nslots) {
		size_t h = key_hash(p, n) & (ks->nslots - 1);
		while (ks->slots[h] && ks->slots[h] != ks->n)
			h = (h + 1) & (ks->nslots - 1);
		ks->slots[h] = ks->n;
	}
	return SIZE_MAX;
}

static bool scan_value(scanner *s, int depth, int key_line, int key_col);

static bool scan_object(scanner *s, int depth)
{
	keyset ks = { 0 };
	bool ok = false;
	s->i++; /* '{' */
	skip_ws(s);
	if (s->i < s->len && s->t[s->i] == '}') {
		s->i++;
		return true;
	}
	for (;;) {
		skip_ws(s);
		if (s->i >= s->len || s->t[s->i] != '"') {
			if (s->i < s->len && s->t[s->i] == '}')
				fail(s, s->i, N_("invalid JSON: trailing comma before '}'"));
			else
				fail_unexpected(s, s->i, FMSG_W("a key in double quotes"));
			goto out;
		}
		int kl, kc;
		pos_of(s, s->i, &kl, &kc);
		/* The member's path is needed for a bad-UTF-8 issue in the key
		 * before the key is known; name the object instead. */
		size_t kstart = s->i;
		char *owned = NULL;
		if (!scan_string(s, NULL, s->path))
			goto out;
		/* Keys without escapes are used straight from the text. */
		const char *kp = s->t + kstart + 1;
		size_t kn = s->i - kstart - 2;
		if (memchr(kp, '\\', kn)) {
			size_t save = s->i;
			s->i = kstart;
			s->quiet = true;
			bool ok_again = scan_string(s, &owned, s->path);
			s->quiet = false;
			if (!ok_again)
				goto out;
			s->i = save;
			kp = owned;
			kn = strlen(owned);
		}
		size_t old = s->plen;
		if (old)
			path_add(s, ".", 1);
		path_add(s, kp, kn);
		size_t first = keyset_add(&ks, kp, kn, owned, kl, kc, &s->oom);
		if (first != SIZE_MAX) {
			jsonpos *m = s->m;
			if (grow((void **)&m->issues, &m->icap, m->nissues + 1, sizeof *m->issues)) {
				jsonpos_issue *is = &m->issues[m->nissues++];
				memset(is, 0, sizeof *is);
				is->kind = JSONPOS_DUPLICATE_KEY;
				is->line = kl;
				is->column = kc;
				size_t pl = utf8_fit(s->path, s->plen, sizeof is->path - 1);
				memcpy(is->path, s->path, pl);
				is->path[pl] = '\0';
				const jp_key *k = &ks.keys[first];
				size_t shown = utf8_fit(k->p, k->n, 60);
				fmsg_set(&is->msg, N_("duplicate key \"%.*s%s\" (first at %d:%d)"),
				         (int)shown, shown ? k->p : "", /* "": clang's ASan reads a %.0s string to its NUL */
				         shown < k->n ? "..." : "", k->line, k->col);
				fmsg_format(&is->msg, NULL, is->message, sizeof is->message);
			} else {
				s->oom = true;
			}
		}
		skip_ws(s);
		if (s->i >= s->len || s->t[s->i] != ':') {
			fail_unexpected(s, s->i, FMSG_W("':' after the key"));
			goto out;
		}
		s->i++;
		if (!scan_value(s, depth + 1, kl, kc))
			goto out;
		path_pop(s, old);
		skip_ws(s);
		if (s->i < s->len && s->t[s->i] == ',') {
			s->i++;
			continue;
		}
		if (s->i < s->len && s->t[s->i] == '}') {
			s->i++;
			ok = true;
			goto out;
		}
		if (s->i < s->len && s->t[s->i] == '"')
			fail(s, s->i, N_("invalid JSON: missing ',' between members"));
		else
			fail_unexpected(s, s->i, FMSG_W("',' or '}'"));
		goto out;
	}
out:
	keyset_free(&ks);
	return ok && !s->oom;
}

static bool scan_array(scanner *s, int depth)
{
	size_t idx = 0;
	s->i++; /* '[' */
	skip_ws(s);
	if (s->i < s->len && s->t[s->i] == ']') {
		s->i++;
		return true;
	}
	for (;;) {
		skip_ws(s);
		if (s->i < s->len && s->t[s->i] == ']')
			return fail(s, s->i, N_("invalid JSON: trailing comma before ']'"));
		size_t old = path_push_index(s, idx++);
		if (!scan_value(s, depth + 1, 0, 0))
			return false;
		path_pop(s, old);
		skip_ws(s);
		if (s->i < s->len && s->t[s->i] == ',') {
			s->i++;
			continue;
		}
		if (s->i < s->len && s->t[s->i] == ']') {
			s->i++;
			return true;
		}
		if (s->i < s->len && (s->t[s->i] == '"' || s->t[s->i] == '{' || s->t[s->i] == '['))
			return fail(s, s->i, N_("invalid JSON: missing ',' between array items"));
		return fail_unexpected(s, s->i, FMSG_W("',' or ']'"));
	}
}

static bool scan_value(scanner *s, int depth, int key_line, int key_col)
{
	skip_ws(s);
	if (s->i >= s->len)
		return fail_unexpected(s, s->i, FMSG_W("a value"));
	if (depth > JSONPOS_MAX_DEPTH)
		return fail(s, s->i, N_("invalid JSON: nested too deeply"));
	add_node(s, key_line, key_col);
	if (s->oom)
		return false;
	char c = s->t[s->i];
	switch (c) {
	case '{': return scan_object(s, depth);
	case '[': return scan_array(s, depth);
	case '"': return scan_string(s, NULL, s->path);
	case 't': case 'f': case 'n': return scan_literal(s);
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return scan_number(s);
		if (c == '+' || c == '.')
			return fail(s, s->i, N_("invalid JSON: invalid number (write 5 or 0.5, not +5 or .5)"));
		if (c == ']' || c == '}' || c == ',')
			return fail_unexpected(s, s->i, FMSG_W("a value"));
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return scan_literal(s);
		return fail_unexpected(s, s->i, FMSG_W("a value"));
	}
}

/* Indexes every node by path, so that a lookup costs one hash instead of a
 * walk over all nodes (the validator looks up one place per message: with a
 * walk, 100,000 messages over 100,000 nodes took half a minute). The first
 * of equal paths (duplicate keys) is the one kept. False when out of memory. */
static bool index_build(jsonpos *m)
{
	if (!(m->index = strindex_new()))
		return false;
	for (size_t k = 0; k < m->n; k++) {
		const char *p = m->arena + m->nodes[k].path_off;
		size_t old;
		if (!strindex_get(m->index, p, strlen(p), &old) && strindex_set(m->index, p, strlen(p), k) < 0)
			return false;
	}
	return true;
}

jsonpos *jsonpos_scan(const char *text, size_t len)
{
	jsonpos *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	scanner s = { .t = text, .len = len, .line = 1, .m = m };
	s.path[0] = '\0';
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		fail(&s, 0, N_("invalid JSON: the file starts with a byte order mark; save it as UTF-8 without BOM"));
	} else if (len >= 2 && ((unsigned char)text[0] == 0xFF || (unsigned char)text[0] == 0xFE) &&
	           ((unsigned char)text[1] == 0xFF || (unsigned char)text[1] == 0xFE) && text[0] != text[1]) {
		fail(&s, 0, N_("invalid JSON: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"));
	} else {
		skip_ws(&s);
		if (s.i >= len) {
			if (len)
				fail(&s, s.i, N_("invalid JSON: the file holds only white space"));
			else
				fail(&s, s.i, N_("invalid JSON: the file is empty"));
		} else if (scan_value(&s, 1, 0, 0)) {
			skip_ws(&s);
			if (s.i < len && text[s.i] == '\0')
				fail(&s, s.i, N_("invalid JSON: NUL bytes after the end of the JSON value (a damaged file?)"));
			else if (s.i < len)
				fail(&s, s.i, N_("invalid JSON: unexpected text after the end of the JSON value"));
		}
	}
	if (s.oom || !(m->probes = calloc(1, sizeof *m->probes)) || !index_build(m)) {
		jsonpos_free(m);
		return NULL;
	}
	return m;
}

void jsonpos_free(jsonpos *m)
{
	if (!m)
		return;
	free(m->nodes);
	free(m->arena);
	free(m->issues);
	strindex_free(m->index);
	free(m->probes);
	free(m);
}

bool jsonpos_ok(const jsonpos *m)
{
	return !m->syntax;
}

size_t jsonpos_issue_count(const jsonpos *m)
{
	return m->nissues;
}

const jsonpos_issue *jsonpos_issue_at(const jsonpos *m, size_t i)
{
	return i < m->nissues ? &m->issues[i] : NULL;
}

bool jsonpos_find(const jsonpos *m, const char *path, int *line, int *column,
                  int *key_line, int *key_column)
{
	size_t k;
	++*m->probes;
	if (!strindex_get(m->index, path, strlen(path), &k))
		return false;
	const jp_node *nd = &m->nodes[k];
	if (line) *line = nd->line;
	if (column) *column = nd->column;
	if (key_line) *key_line = nd->key_line;
	if (key_column) *key_column = nd->key_column;
	return true;
}

size_t jsonpos_probes(const jsonpos *m)
{
	return *m->probes;
}
