/* mocat: the .mo reader finds what msgfmt wrote (plain, msgctxt, plurals in
 * both byte orders), picks the plural form each language's Plural-Forms
 * says (German, French, Polish, Arabic, Japanese), and refuses damaged
 * files with a reason instead of reading outside them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/mocat.h"

typedef struct {
	const char *id; /* "one\0many" for a plural: id_len says how long */
	size_t id_len;
	const char *str;
	size_t str_len;
} entry;

#define E(id, str) { id, sizeof id - 1, str, sizeof str - 1 }

static void put32(unsigned char *p, uint32_t v, int big)
{
	for (int i = 0; i < 4; i++)
		p[big ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

/* A .mo image as msgfmt lays it out: header, two tables, then the strings
 * each followed by a NUL. `e` must be sorted by id. Caller frees. */
static unsigned char *build(const entry *e, uint32_t n, int big, size_t *len)
{
	size_t size = 28 + 16u * n;
	for (uint32_t i = 0; i < n; i++)
		size += e[i].id_len + 1 + e[i].str_len + 1;
	unsigned char *m = calloc(1, size), *s = m + 28 + 16u * n;
	put32(m, 0x950412de, big);
	put32(m + 8, n, big);
	put32(m + 12, 28, big);
	put32(m + 16, 28 + 8 * n, big);
	for (uint32_t i = 0; i < n; i++) {
		put32(m + 28 + 8 * i, (uint32_t)e[i].id_len, big);
		put32(m + 32 + 8 * i, (uint32_t)(s - m), big);
		memcpy(s, e[i].id, e[i].id_len);
		s += e[i].id_len + 1;
	}
	for (uint32_t i = 0; i < n; i++) {
		put32(m + 28 + 8 * n + 8 * i, (uint32_t)e[i].str_len, big);
		put32(m + 32 + 8 * n + 8 * i, (uint32_t)(s - m), big);
		memcpy(s, e[i].str, e[i].str_len);
		s += e[i].str_len + 1;
	}
	*len = size;
	return m;
}

static const entry german[] = {
	E("", "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"),
	E("%d discomfort\0%d discomforts", "%d Beschwerde\0%d Beschwerden"),
	E("Back", "Zur\xC3\xBC" "ck"),
	E("Pause", "Pause"),
	E("Skip", ""), /* untranslated in a hand-made file */
	E("body\004Back", "R\xC3\xBC" "cken"),
};

static void test_lookup(void **state)
{
	(void)state;
	for (int big = 0; big < 2; big++) {
		size_t len;
		unsigned char *m = build(german, 6, big, &len);
		char err[128] = "";
		mocat *c = mocat_parse(m, len, err, sizeof err);
		memset(m, 0, len); /* the catalogue keeps its own copy */
		free(m);
		assert_non_null(c);
		assert_int_equal(mocat_count(c), 6);
		assert_string_equal(mocat_get(c, "Back"), "Zur\xC3\xBC" "ck");
		assert_string_equal(mocat_get(c, "body\004Back"), "R\xC3\xBC" "cken");
		assert_string_equal(mocat_get(c, "Pause"), "Pause");
		assert_null(mocat_get(c, "Skip"));
		assert_null(mocat_get(c, "Start"));
		assert_null(mocat_get(c, "Bac"));
		assert_null(mocat_get(c, "Backs"));
		assert_string_equal(mocat_nget(c, "%d discomfort", 1), "%d Beschwerde");
		assert_string_equal(mocat_nget(c, "%d discomfort", 0), "%d Beschwerden");
		assert_string_equal(mocat_nget(c, "%d discomfort", 3), "%d Beschwerden");
		assert_null(mocat_nget(c, "%d step", 3));
		assert_non_null(strstr(mocat_get(c, ""), "Plural-Forms"));
		mocat_free(c);
	}
}

static void test_plural_forms(void **state)
{
	(void)state;
	const char *fr = "(n > 1)";
	assert_int_equal(mocat_plural_eval(fr, 0), 0);
	assert_int_equal(mocat_plural_eval(fr, 1), 0);
	assert_int_equal(mocat_plural_eval(fr, 2), 1);
	assert_int_equal(mocat_plural_eval("0", 7), 0); /* Japanese: one form */
	const char *pl = "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";
	const unsigned long pn[] = { 1, 2, 4, 5, 12, 14, 22, 25, 101, 112, 122 };
	const long pf[] = { 0, 1, 1, 2, 2, 2, 1, 2, 2, 2, 1 };
	for (size_t i = 0; i < sizeof pn / sizeof pn[0]; i++)
		assert_int_equal(mocat_plural_eval(pl, pn[i]), pf[i]);
	const char *ar = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)";
	const unsigned long an[] = { 0, 1, 2, 3, 10, 11, 99, 100, 102, 103 };
	const long af[] = { 0, 1, 2, 3, 3, 4, 4, 5, 5, 3 };
	for (size_t i = 0; i < sizeof an / sizeof an[0]; i++)
		assert_int_equal(mocat_plural_eval(ar, an[i]), af[i]);
	assert_int_equal(mocat_plural_eval("!(n - 1)", 1), 1);
	assert_int_equal(mocat_plural_eval("n != 1", 1), 0);
	assert_int_equal(mocat_plural_eval("n / 0 + n % 0", 5), 0); /* no trap */
	assert_int_equal(mocat_plural_eval("2 * 3 + 4 < 11 == 1", 0), 1);
}

static void test_bad_expressions(void **state)
{
	(void)state;
	const char *bad[] = { "", "n +", "(n", "n)", "n ? 1", "x", "n === 1", "n = 1", "n && || 1",
			      "99999999999999999999" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(mocat_plural_eval(bad[i], 1), -1);
	/* nesting is bounded: no stack to blow with a hostile header */
	char deep[4096];
	size_t k = 0;
	for (int i = 0; i < 1000; i++)
		deep[k++] = '(';
	deep[k++] = 'n';
	for (int i = 0; i < 1000; i++)
		deep[k++] = ')';
	deep[k] = '\0';
	assert_int_equal(mocat_plural_eval(deep, 1), -1);
	for (k = 0; k < 3000; k++)
		deep[k] = '!';
	deep[k++] = 'n';
	deep[k] = '\0';
	assert_int_equal(mocat_plural_eval(deep, 1), -1);
}

static void test_polish_catalogue(void **state)
{
	(void)state;
	const entry pl[] = {
		E("", "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"),
		E("%d step\0%d steps", "%d krok\0%d kroki\0%d krok\xC3\xB3w"),
	};
	size_t len;
	unsigned char *m = build(pl, 2, 0, &len);
	mocat *c = mocat_parse(m, len, NULL, 0);
	free(m);
	assert_non_null(c);
	assert_string_equal(mocat_nget(c, "%d step", 1), "%d krok");
	assert_string_equal(mocat_nget(c, "%d step", 3), "%d kroki");
	assert_string_equal(mocat_nget(c, "%d step", 5), "%d krok\xC3\xB3w");
	mocat_free(c);
}

static void test_damaged(void **state)
{
	(void)state;
	size_t len;
	char err[128];
	unsigned char *m = build(german, 6, 0, &len);
	for (size_t cut = 0; cut < len; cut += 7) { /* every truncation is refused or reads inside */
		mocat *c = mocat_parse(m, cut, err, sizeof err);
		assert_null(c);
		assert_true(err[0] != '\0');
	}
	unsigned char *bad = malloc(len);
	memcpy(bad, m, len);
	bad[0] ^= 1;
	assert_null(mocat_parse(bad, len, err, sizeof err));
	assert_non_null(strstr(err, "magic"));
	memcpy(bad, m, len);
	put32(bad + 32 + 8 * 2, (uint32_t)len + 100, 0); /* string 2 points past the end */
	assert_null(mocat_parse(bad, len, err, sizeof err));
	assert_non_null(strstr(err, "outside"));
	memcpy(bad, m, len);
	put32(bad + 8, 0x20000000u, 0); /* a count larger than the file */
	assert_null(mocat_parse(bad, len, err, sizeof err));
	free(bad);
	free(m);
	const entry unsorted[] = { E("b", "B"), E("a", "A") };
	m = build(unsorted, 2, 0, &len);
	assert_null(mocat_parse(m, len, err, sizeof err));
	assert_non_null(strstr(err, "order"));
	free(m);
	const entry badpf[] = { E("", "Plural-Forms: nplurals=2; plural=n +;\n") };
	m = build(badpf, 1, 0, &len);
	assert_null(mocat_parse(m, len, err, sizeof err));
	assert_non_null(strstr(err, "Plural-Forms"));
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_plural_forms),
		cmocka_unit_test(test_bad_expressions),
		cmocka_unit_test(test_polish_catalogue),
		cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
