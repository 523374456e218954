/* Routine warnings at scale (issue 22: 3,000 warned steps took 0.39 s when
 * every warning was placed by walking every scanned value). What a user
 * sees of thousands of warnings: the routine still loads, the first 200
 * warnings are listed in file order with their exact line:column, and an
 * error after them is never hidden. bench/bench_validate.c times it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/routine.h"

#define STEP "{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"scalenes\",\"duration_s\":2}"

/* n warned steps, one per line (line k + 2 holds steps[k]); with bad_at >= 0
 * that step lists a side that does not exist. Caller frees. */
static char *warned(int n, int bad_at, size_t *len)
{
	size_t cap = 128 + (size_t)n * (sizeof STEP + 32);
	char *b = malloc(cap);
	assert_non_null(b);
	size_t o = (size_t)snprintf(b, cap, "{\"format\":1,\"title\":\"W\",\"steps\":[\n");
	for (int i = 0; i < n; i++) {
		if (i == bad_at)
			o += (size_t)snprintf(b + o, cap - o, "%s{\"kind\":\"stretch\",\"sides\":[\"rihgt\"],\"duration_s\":30}\n",
			                      i ? "," : "");
		else
			o += (size_t)snprintf(b + o, cap - o, "%s" STEP "\n", i ? "," : "");
	}
	o += (size_t)snprintf(b + o, cap - o, "]}\n");
	*len = o;
	return b;
}

static void test_thousands_of_warnings_listed_in_order(void **st)
{
	(void)st;
	size_t len;
	char *text = warned(3000, -1, &len);
	routine_diags d = { 0 };
	routine *r = routine_parse("w.json", text, len, &d);
	assert_non_null(r);                 /* warnings never reject */
	assert_int_equal(routine_length(r), 3000);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.count, 200);     /* 6,000 found, the first 200 kept */
	char line[600];
	assert_string_equal(routine_diag_format(&d.items[0], "w.json", line, sizeof line),
	                    "w.json:2:46: steps[0].target: warning: \"scalenes\" is not safe to press "
	                    "(the brachial plexus and subclavian artery pass between them): stretch it instead");
	assert_string_equal(routine_diag_format(&d.items[1], "w.json", line, sizeof line),
	                    "w.json:2:70: steps[0].duration_s: warning: a 2 s compression is outside the usual 30-90 s");
	assert_string_equal(routine_diag_format(&d.items[199], "w.json", line, sizeof line),
	                    "w.json:101:71: steps[99].duration_s: warning: a 2 s compression is outside the usual 30-90 s");
	for (size_t i = 1; i < d.count; i++)
		assert_true(d.items[i - 1].line < d.items[i].line ||
		            (d.items[i - 1].line == d.items[i].line && d.items[i - 1].column < d.items[i].column));
	routine_diags_free(&d);
	routine_free(r);
	free(text);
}

static void test_error_after_warnings_is_shown(void **st)
{
	(void)st;
	size_t len;
	char *text = warned(6000, 4000, &len);
	routine_diags d = { 0 };
	routine *r = routine_parse("w.json", text, len, &d);
	assert_null(r);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.count, 201);
	char line[600];
	const routine_diag *e = &d.items[d.count - 1];
	assert_int_equal(e->severity, ROUTINE_ERROR);
	assert_string_equal(routine_diag_format(e, "w.json", line, sizeof line),
	                    "w.json:4002:29: steps[4000].sides[0]: \"rihgt\" is not a side (left, right)");
	routine_diags_free(&d);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thousands_of_warnings_listed_in_order),
		cmocka_unit_test(test_error_after_warnings_is_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
