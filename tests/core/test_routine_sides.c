/* The routine format's additions for issue 18 (kept out of test_routine.c,
 * which is at its size limit): the per-side block (a repeat with "sides"),
 * the "placement" and "caution" step fields, and the warning on a compression
 * of a muscle that is not safe under a ball. Exact messages and line:column,
 * as in test_routine.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/routine.h"

/* Test JSON is written with ' for " to stay readable; this swaps them back. */
static char *dq(const char *s)
{
	char *t = strdup(s);
	for (char *p = t; *p; p++)
		if (*p == '\'')
			*p = '"';
	return t;
}

/* All diagnostics of parsing `json`, one "t.json:L:C: PATH: MESSAGE" line
 * each; *r gets the routine (or NULL). */
static char *diags_of(const char *json, routine **r)
{
	char *t = dq(json);
	routine_diags d = { 0 };
	*r = routine_parse("t.json", t, strlen(t), &d);
	char *out = calloc(1, 64 + d.count * 700);
	for (size_t i = 0; i < d.count; i++) {
		char line[700];
		routine_diag_format(&d.items[i], "t.json", line, sizeof line);
		if (i)
			strcat(out, "\n");
		strcat(out, line);
	}
	assert_true((*r != NULL) == (d.errors == 0));
	routine_diags_free(&d);
	free(t);
	return out;
}

#define REJECTS(json, expected) do { \
		routine *r_; char *got_ = diags_of((json), &r_); \
		assert_string_equal(got_, (expected)); assert_null(r_); free(got_); } while (0)
#define ACCEPTS(json, expected) do { \
		routine *r_; char *got_ = diags_of((json), &r_); \
		assert_string_equal(got_, (expected)); assert_non_null(r_); routine_free(r_); free(got_); } while (0)

/* One step in a minimal routine; the step starts at column 34. */
#define STEP(s) "{'format':1,'title':'x','steps':[" s "]}"

/* "kind/target/side" of every entry, transitions as "t/side". */
static void order_of(const routine *r, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < routine_length(r); i++) {
		const routine_entry *e = routine_entry_at(r, i);
		const char *side = routine_side_name(e->side);
		size_t l = strlen(out);
		if (e->kind == ROUTINE_TRANSITION)
			snprintf(out + l, size - l, "%st/%s", i ? " " : "", side ? side : "-");
		else
			snprintf(out + l, size - l, "%s%s/%s/%s", i ? " " : "", routine_kind_name(e->kind),
			         e->target ? e->target : "-", side ? side : "-");
	}
}

/* The pairing the issue asks for: each muscle is stretched right after its
 * own hold, on the same side, and the next side starts after that. */
static void test_per_side_block_pairs_hold_and_stretch(void **st)
{
	(void)st;
	routine *r;
	char *d = diags_of("{'format':1,'title':'x','defaults':{'transition_s':5},'steps':["
	                   "{'kind':'repeat','sides':['left','right'],'steps':["
	                   "{'kind':'compression','tool':'ball','target':'piriformis','duration_s':60},"
	                   "{'kind':'stretch','target':'piriformis','duration_s':30}]},"
	                   "{'kind':'rest','duration_s':10}]}", &r);
	assert_string_equal(d, "");
	free(d);
	char o[1024];
	order_of(r, o, sizeof o);
	assert_string_equal(o, "t/left compression/piriformis/left t/left stretch/piriformis/left "
	                       "t/right compression/piriformis/right t/right stretch/piriformis/right "
	                       "rest/-/-");
	/* The get-ready text names the side the block is on. */
	assert_string_equal(routine_entry_at(r, 2)->text, "Get ready: piriformis, left side");
	assert_string_equal(routine_entry_at(r, 4)->text, "Get ready: piriformis, right side");
	/* Times: 2 x (5+60+5+30) + 10; a step keeps its step_path on both sides. */
	assert_int_equal(routine_total_s(r), 210);
	assert_int_equal(routine_entry_at(r, 1)->step_path, routine_entry_at(r, 5)->step_path);
	routine_free(r);
}

/* times x sides: the whole block per side, then again; right first when asked. */
static void test_per_side_block_times_and_order(void **st)
{
	(void)st;
	routine *r;
	char *d = diags_of(STEP("{'kind':'repeat','times':2,'sides':['right','left'],'steps':["
	                        "{'kind':'compression','tool':'hand','target':'temporalis','duration_s':30},"
	                        "{'kind':'stretch','target':'temporalis','duration_s':20}]}"), &r);
	assert_string_equal(d, "");
	free(d);
	char o[1024];
	order_of(r, o, sizeof o);
	assert_string_equal(o, "compression/temporalis/right stretch/temporalis/right "
	                       "compression/temporalis/left stretch/temporalis/left "
	                       "compression/temporalis/right stretch/temporalis/right "
	                       "compression/temporalis/left stretch/temporalis/left");
	assert_int_equal(routine_total_s(r), 4 * 50);
	routine_free(r);
}

static void test_per_side_block_errors(void **st)
{
	(void)st;
	/* A step inside the block takes no sides: the block's side is its side. */
	REJECTS(STEP("{'kind':'repeat','sides':['left','right'],'steps':["
	             "{'kind':'stretch','sides':['left'],'duration_s':30}]}"),
	        "t.json:1:111: steps[0].steps[0].sides: a step inside a repeat with \"sides\" takes no \"sides\" "
	        "of its own: the repeat runs its steps once per side");
	/* Nor does a nested block. */
	REJECTS(STEP("{'kind':'repeat','sides':['left'],'steps':["
	             "{'kind':'repeat','sides':['right'],'steps':[{'kind':'rest','duration_s':5}]}]}"),
	        "t.json:1:102: steps[0].steps[0].sides: a step inside a repeat with \"sides\" takes no \"sides\" "
	        "of its own: the repeat runs its steps once per side");
	/* Without sides a repeat still needs times; a wrong side is named. */
	REJECTS(STEP("{'kind':'repeat','steps':[{'kind':'rest','duration_s':5}]}"),
	        "t.json:1:34: steps[0].times: missing \"times\"; a repeat needs how often (1-50)");
	REJECTS(STEP("{'kind':'repeat','times':1,'sides':['up'],'steps':[{'kind':'rest','duration_s':5}]}"),
	        "t.json:1:70: steps[0].sides[0]: \"up\" is not a side (left, right)");
}

static void test_placement_and_caution(void **st)
{
	(void)st;
	routine *r;
	char *d = diags_of("{'format':1,'title':'x','defaults':{'transition_s':5},'steps':["
	                   "{'kind':'compression','tool':'ball','target':'piriformis','sides':['left'],'duration_s':60,"
	                   "'placement':'Upper outer buttock.','caution':'Off the middle: sciatic nerve.'},"
	                   "{'kind':'stretch','target':'piriformis','duration_s':30}]}", &r);
	assert_string_equal(d, "");
	free(d);
	/* The transition carries them, so "get ready" can show and say them. */
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(routine_entry_at(r, i)->placement, "Upper outer buttock.");
		assert_string_equal(routine_entry_at(r, i)->caution, "Off the middle: sciatic nerve.");
	}
	assert_null(routine_entry_at(r, 3)->placement);
	assert_null(routine_entry_at(r, 3)->caution);
	routine_free(r);

	/* Wrong types, empty, too long, control characters; not on a rest. */
	REJECTS(STEP("{'kind':'stretch','duration_s':30,'placement':5}"),
	        "t.json:1:80: steps[0].placement: must be a string, not a number");
	REJECTS(STEP("{'kind':'stretch','duration_s':30,'caution':''}"),
	        "t.json:1:78: steps[0].caution: must not be empty");
	REJECTS(STEP("{'kind':'stretch','duration_s':30,'caution':'Off the\\nthroat.'}"),
	        "t.json:1:78: steps[0].caution: contains a control character (\\x0A at byte 8); "
	        "write it as one line of text");
	REJECTS(STEP("{'kind':'rest','duration_s':30,'caution':'x'}"),
	        "t.json:1:65: steps[0].caution: a rest step takes no \"caution\"");
	char json[600], want[200];
	char big[ROUTINE_MAX_PLACEMENT + 2];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	snprintf(json, sizeof json, STEP("{'kind':'stretch','duration_s':30,'placement':'%s'}"), big);
	snprintf(want, sizeof want, "t.json:1:80: steps[0].placement: too long: %d bytes (at most %d)",
	         ROUTINE_MAX_PLACEMENT + 1, ROUTINE_MAX_PLACEMENT);
	REJECTS(json, want);
	big[sizeof big - 2] = '\0'; /* exactly at the limit */
	snprintf(json, sizeof json, STEP("{'kind':'stretch','duration_s':30,'placement':'%s'}"), big);
	ACCEPTS(json, "");
}

/* Not safe under a ball: a compression or rolling warns (aliases and spelling
 * variants too); a stretch of the same muscle does not. */
static void test_not_for_a_ball(void **st)
{
	(void)st;
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','target':'Sternocleidomastoid','duration_s':30}"),
	        "t.json:1:79: steps[0].target: warning: \"Sternocleidomastoid\" is not safe to press "
	        "(the carotid artery and jugular vein run beside it): stretch it instead");
	ACCEPTS(STEP("{'kind':'rolling','tool':'roller','target':'hip-flexors','duration_s':30}"),
	        "t.json:1:77: steps[0].target: warning: \"hip-flexors\" is not safe to press "
	        "(the psoas lies deep behind the abdomen, by the aorta and the femoral nerve): stretch it instead");
	ACCEPTS(STEP("{'kind':'stretch','target':'scalenes','duration_s':30}"), "");
	const char *why = NULL;
	assert_true(routine_not_for_a_ball("Pectoralis  Minor", &why));
	assert_non_null(strstr(why, "brachial plexus"));
	assert_true(routine_not_for_a_ball("iliopsoas", NULL));
	assert_true(routine_not_for_a_ball("SCM", NULL));
	assert_true(routine_not_for_a_ball("anterior scalene", NULL));
	assert_false(routine_not_for_a_ball("pectoralis major", NULL));
	assert_false(routine_not_for_a_ball("scmx", NULL));
	assert_false(routine_not_for_a_ball("upper trapezius", NULL));
	assert_false(routine_not_for_a_ball(NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_per_side_block_pairs_hold_and_stretch),
		cmocka_unit_test(test_per_side_block_times_and_order),
		cmocka_unit_test(test_per_side_block_errors),
		cmocka_unit_test(test_placement_and_caution),
		cmocka_unit_test(test_not_for_a_ball),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
