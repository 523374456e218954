/* mocat: a GNU .mo catalogue read from memory (see mocat.h). */
#include "core/mocat.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define PLURAL_NODES 96 /* Arabic's six forms take about 40 */
#define PLURAL_DEPTH 24 /* brackets and ?: nested this deep at most */

enum plural_op {
	P_N, P_NUM, P_NOT, P_MUL, P_DIV, P_MOD, P_ADD, P_SUB,
	P_LT, P_LE, P_GT, P_GE, P_EQ, P_NE, P_AND, P_OR, P_COND
};

typedef struct {
	unsigned char op;
	short a, b, c; /* operands: node indices */
	unsigned long v; /* P_NUM */
} plural_node;

typedef struct {
	plural_node n[PLURAL_NODES];
	int count;
	int root;
} plural_expr;

struct mocat {
	unsigned char *data;
	size_t len;
	uint32_t count;
	uint32_t orig, trans; /* offsets of the two string tables */
	int swap;
	long nplurals;
	plural_expr plural;
};

/* ---- the Plural-Forms expression ---------------------------------------- */

typedef struct {
	const char *s;
	plural_expr *e;
	int depth;
	int bad;
} plural_parser;

static void skip_space(plural_parser *p)
{
	while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')
		p->s++;
}

static int node(plural_parser *p, int op, int a, int b, int c, unsigned long v)
{
	if (p->bad || a < 0 || b < -1 || c < -1 || p->e->count >= PLURAL_NODES) {
		p->bad = 1;
		return -1;
	}
	plural_node *n = &p->e->n[p->e->count];
	n->op = (unsigned char)op;
	n->a = (short)a;
	n->b = (short)b;
	n->c = (short)c;
	n->v = v;
	return p->e->count++;
}

/* Consumes `tok` when the input starts with it (and, for "<", not "<="). */
static int accept(plural_parser *p, const char *tok)
{
	size_t n = strlen(tok);
	skip_space(p);
	if (strncmp(p->s, tok, n) != 0)
		return 0;
	if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!') && p->s[1] == '=')
		return 0;
	p->s += n;
	return 1;
}

static int parse_cond(plural_parser *p);

static int parse_primary(plural_parser *p)
{
	skip_space(p);
	if (*p->s == 'n') {
		p->s++;
		return node(p, P_N, 0, -1, -1, 0);
	}
	if (*p->s >= '0' && *p->s <= '9') {
		unsigned long v = 0;
		while (*p->s >= '0' && *p->s <= '9' && v < 100000000ul)
			v = v * 10 + (unsigned long)(*p->s++ - '0');
		if (*p->s >= '0' && *p->s <= '9')
			p->bad = 1;
		return node(p, P_NUM, 0, -1, -1, v);
	}
	if (accept(p, "(")) {
		int r = parse_cond(p);
		if (!accept(p, ")"))
			p->bad = 1;
		return r;
	}
	p->bad = 1;
	return -1;
}

static int parse_unary(plural_parser *p)
{
	if (accept(p, "!")) {
		if (++p->depth > PLURAL_DEPTH * 4) {
			p->bad = 1;
			return -1;
		}
		int a = parse_unary(p);
		p->depth--;
		return node(p, P_NOT, a, -1, -1, 0);
	}
	return parse_primary(p);
}

/* One level of left-associative binary operators: ops[i] is the token of
 * codes[i]; `next` parses the operands. */
static int parse_binary(plural_parser *p, const char *const *ops, const int *codes, int nops,
			int (*next)(plural_parser *))
{
	int a = next(p);
	for (;;) {
		int i;
		for (i = 0; i < nops && !accept(p, ops[i]); i++)
			;
		if (i == nops || p->bad)
			return a;
		a = node(p, codes[i], a, next(p), -1, 0);
	}
}

static int parse_mul(plural_parser *p)
{
	static const char *const ops[] = { "*", "/", "%" };
	static const int codes[] = { P_MUL, P_DIV, P_MOD };
	return parse_binary(p, ops, codes, 3, parse_unary);
}

static int parse_add(plural_parser *p)
{
	static const char *const ops[] = { "+", "-" };
	static const int codes[] = { P_ADD, P_SUB };
	return parse_binary(p, ops, codes, 2, parse_mul);
}

static int parse_rel(plural_parser *p)
{
	static const char *const ops[] = { "<=", ">=", "<", ">" };
	static const int codes[] = { P_LE, P_GE, P_LT, P_GT };
	return parse_binary(p, ops, codes, 4, parse_add);
}

static int parse_eq(plural_parser *p)
{
	static const char *const ops[] = { "==", "!=" };
	static const int codes[] = { P_EQ, P_NE };
	return parse_binary(p, ops, codes, 2, parse_rel);
}

static int parse_and(plural_parser *p)
{
	static const char *const ops[] = { "&&" };
	static const int codes[] = { P_AND };
	return parse_binary(p, ops, codes, 1, parse_eq);
}

static int parse_or(plural_parser *p)
{
	static const char *const ops[] = { "||" };
	static const int codes[] = { P_OR };
	return parse_binary(p, ops, codes, 1, parse_and);
}

static int parse_cond(plural_parser *p)
{
	if (++p->depth > PLURAL_DEPTH) {
		p->bad = 1;
		return -1;
	}
	int c = parse_or(p);
	if (accept(p, "?")) {
		int a = parse_cond(p);
		if (!accept(p, ":"))
			p->bad = 1;
		int b = parse_cond(p);
		c = node(p, P_COND, c, a, b, 0);
	}
	p->depth--;
	return c;
}

/* Compiles `s` up to ';' or its end. Returns 0, or -1 when it is no expression. */
static int plural_compile(plural_expr *e, const char *s)
{
	plural_parser p = { s, e, 0, 0 };
	e->count = 0;
	e->root = parse_cond(&p);
	skip_space(&p);
	if (*p.s != ';' && *p.s != '\0')
		p.bad = 1;
	return p.bad || e->root < 0 ? -1 : 0;
}

static unsigned long plural_run(const plural_expr *e, int i, unsigned long n)
{
	const plural_node *x = &e->n[i];
	unsigned long a, b;
	switch (x->op) {
	case P_N: return n;
	case P_NUM: return x->v;
	case P_NOT: return !plural_run(e, x->a, n);
	case P_AND: return plural_run(e, x->a, n) && plural_run(e, x->b, n);
	case P_OR: return plural_run(e, x->a, n) || plural_run(e, x->b, n);
	case P_COND: return plural_run(e, x->a, n) ? plural_run(e, x->b, n) : plural_run(e, x->c, n);
	default: break;
	}
	a = plural_run(e, x->a, n);
	b = plural_run(e, x->b, n);
	switch (x->op) {
	case P_MUL: return a * b;
	case P_DIV: return b ? a / b : 0;
	case P_MOD: return b ? a % b : 0;
	case P_ADD: return a + b;
	case P_SUB: return a - b;
	case P_LT: return a < b;
	case P_LE: return a <= b;
	case P_GT: return a > b;
	case P_GE: return a >= b;
	case P_EQ: return a == b;
	default: return a != b; /* P_NE */
	}
}

long mocat_plural_eval(const char *expr, unsigned long n)
{
	plural_expr e;
	if (!expr || plural_compile(&e, expr) != 0)
		return -1;
	unsigned long v = plural_run(&e, e.root, n);
	return v > (unsigned long)LONG_MAX ? LONG_MAX : (long)v; /* "n - 5" wraps, as in C */
}

/* ---- the string tables -------------------------------------------------- */

static uint32_t word(const mocat *c, size_t off)
{
	const unsigned char *p = c->data + off;
	if (c->swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* String `i` of the table at `table`: its text and byte length. */
static const char *string_at(const mocat *c, uint32_t table, uint32_t i, uint32_t *len)
{
	*len = word(c, (size_t)table + 8u * i);
	return (const char *)c->data + word(c, (size_t)table + 8u * i + 4);
}

/* Every entry of the table lies inside the file and ends in a NUL. */
static int check_table(const mocat *c, uint32_t table, const char *what, char *err, size_t errsize)
{
	for (uint32_t i = 0; i < c->count; i++) {
		uint32_t len = word(c, (size_t)table + 8u * i), off = word(c, (size_t)table + 8u * i + 4);
		if ((uint64_t)off + len >= c->len || c->data[(size_t)off + len] != '\0') {
			snprintf(err, errsize, "%s string %lu lies outside the file", what, (unsigned long)i);
			return -1;
		}
	}
	return 0;
}

/* The header's Plural-Forms (germanic n != 1 without one). */
static int read_plural_forms(mocat *c, char *err, size_t errsize)
{
	const char *h = mocat_get(c, "");
	const char *pf = h ? strstr(h, "Plural-Forms:") : NULL;
	c->nplurals = 2;
	if (!pf)
		return plural_compile(&c->plural, "n != 1");
	const char *np = strstr(pf, "nplurals="), *ex = strstr(pf, "plural=");
	while (ex && ex > pf && ex[-1] == 'n') /* "nplurals=" contains "plural=" */
		ex = strstr(ex + 1, "plural=");
	if (!np || !ex || (c->nplurals = strtol(np + 9, NULL, 10)) < 1 || c->nplurals > 10 ||
	    plural_compile(&c->plural, ex + 7) != 0) {
		snprintf(err, errsize, "the header's Plural-Forms is not an expression gettext reads");
		return -1;
	}
	return 0;
}

mocat *mocat_parse(const void *buf, size_t len, char *err, size_t errsize)
{
	mocat *c = calloc(1, sizeof *c);
	char dummy[1];
	if (!err || errsize == 0) {
		err = dummy;
		errsize = sizeof dummy;
	}
	if (!c || len < 28 || len > UINT32_MAX || !(c->data = malloc(len))) {
		snprintf(err, errsize, c ? (len < 28 ? "too short for a catalogue" : "too large") : "out of memory");
		mocat_free(c);
		return NULL;
	}
	memcpy(c->data, buf, len);
	c->len = len;
	uint32_t magic = word(c, 0);
	c->swap = magic == MO_MAGIC_SWAPPED;
	if (magic != MO_MAGIC && !c->swap) {
		snprintf(err, errsize, "not a .mo catalogue (no magic number)");
		goto bad;
	}
	if ((word(c, 4) >> 16) > 1) {
		snprintf(err, errsize, "catalogue format %lu is newer than this reader", (unsigned long)(word(c, 4) >> 16));
		goto bad;
	}
	c->count = word(c, 8);
	c->orig = word(c, 12);
	c->trans = word(c, 16);
	if ((uint64_t)c->count * 8 > len || (uint64_t)c->orig + (uint64_t)c->count * 8 > len ||
	    (uint64_t)c->trans + (uint64_t)c->count * 8 > len) {
		snprintf(err, errsize, "its string tables lie outside the file");
		goto bad;
	}
	if (check_table(c, c->orig, "original", err, errsize) || check_table(c, c->trans, "translated", err, errsize))
		goto bad;
	for (uint32_t i = 1; i < c->count; i++) {
		uint32_t l;
		const char *a = string_at(c, c->orig, i - 1, &l), *b = string_at(c, c->orig, i, &l);
		if (strcmp(a, b) >= 0) {
			snprintf(err, errsize, "original strings %lu and %lu are not in order", (unsigned long)i - 1,
				 (unsigned long)i);
			goto bad;
		}
	}
	if (read_plural_forms(c, err, errsize) == 0)
		return c;
bad:
	mocat_free(c);
	return NULL;
}

void mocat_free(mocat *c)
{
	if (!c)
		return;
	free(c->data);
	free(c);
}

size_t mocat_count(const mocat *c)
{
	return c ? c->count : 0;
}

/* The translation entry of `msgid` (the part before a plural's NUL), or NULL. */
static const char *find(const mocat *c, const char *msgid, uint32_t *len)
{
	uint32_t lo = 0, hi = c ? c->count : 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, l;
		int d = strcmp(msgid, string_at(c, c->orig, mid, &l));
		if (d == 0) {
			const char *t = string_at(c, c->trans, mid, len);
			return *len ? t : NULL;
		}
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *mocat_get(const mocat *c, const char *msgid)
{
	uint32_t len;
	return msgid ? find(c, msgid, &len) : NULL;
}

const char *mocat_nget(const mocat *c, const char *one, unsigned long n)
{
	uint32_t len;
	const char *t = one ? find(c, one, &len) : NULL, *end = t ? t + len : NULL;
	if (!t)
		return NULL;
	unsigned long k = plural_run(&c->plural, c->plural.root, n);
	if (k >= (unsigned long)c->nplurals)
		k = 0;
	for (; k > 0 && t < end; k--)
		t += strlen(t) + 1;
	return t < end && *t ? t : NULL;
}
