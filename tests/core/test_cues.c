/* The cue schedule: which cue, at which ms, for timelines and overrides. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/cues.h"

static routine_entry entry(routine_kind k, routine_side side, const char *target, uint32_t dur)
{
	routine_entry e;
	memset(&e, 0, sizeof e);
	e.kind = k;
	e.side = side;
	e.target = target;
	e.duration_s = dur;
	e.cues = (routine_cues){ true, true, 3, true, true, true };
	return e;
}

/* Formats a schedule as "kind@ms kind@ms ..." for readable comparisons. */
static const char *fmt(const cue_item *c, size_t n)
{
	static char buf[512];
	buf[0] = 0;
	for (size_t i = 0; i < n; i++) {
		char one[48];
		snprintf(one, sizeof one, "%s%s@%u", i ? " " : "", cues_name(c[i].kind), c[i].at_ms);
		strcat(buf, one);
	}
	return buf;
}

static void test_first_compression_then_transition(void **st)
{
	(void)st;
	routine_entry c = entry(ROUTINE_COMPRESSION, ROUTINE_SIDE_NONE, "glutes", 60);
	routine_entry t = entry(ROUTINE_TRANSITION, ROUTINE_SIDE_NONE, "calves", 5);
	cue_item out[CUES_MAX_PER_ENTRY];
	size_t n = cues_for_entry(NULL, &c, &t, 60000, out);
	assert_string_equal(fmt(out, n),
	    "start@0 halfway@30000 tick@57000 tick@58000 tick@59000 get_ready@60000");
}

static void test_transition_counts_into_step(void **st)
{
	(void)st;
	routine_entry c = entry(ROUTINE_COMPRESSION, ROUTINE_SIDE_NONE, "glutes", 60);
	routine_entry t = entry(ROUTINE_TRANSITION, ROUTINE_SIDE_NONE, "calves", 5);
	routine_entry c2 = entry(ROUTINE_STRETCH, ROUTINE_SIDE_NONE, "calves", 30);
	cue_item out[CUES_MAX_PER_ENTRY];
	size_t n = cues_for_entry(&c, &t, &c2, 5000, out);
	/* no start cue (the previous entry's boundary cue was it), no halfway */
	assert_string_equal(fmt(out, n), "tick@2000 tick@3000 tick@4000 start@5000");
	/* the very first entry being a transition gets "get ready" at 0 */
	n = cues_for_entry(NULL, &t, &c2, 5000, out);
	assert_string_equal(fmt(out, n), "get_ready@0 tick@2000 tick@3000 tick@4000 start@5000");
}

static void test_switch_sides_past_transition(void **st)
{
	(void)st;
	routine_entry l = entry(ROUTINE_COMPRESSION, ROUTINE_SIDE_LEFT, "upper trapezius", 60);
	routine_entry t = entry(ROUTINE_TRANSITION, ROUTINE_SIDE_RIGHT, "upper trapezius", 5);
	routine_entry r = entry(ROUTINE_COMPRESSION, ROUTINE_SIDE_RIGHT, "upper trapezius", 60);
	routine_entry other = entry(ROUTINE_COMPRESSION, ROUTINE_SIDE_RIGHT, "levator scapulae", 60);
	cue_item out[CUES_MAX_PER_ENTRY];
	size_t n = cues_for_entry(NULL, &l, &t, 60000, out);
	assert_int_equal(out[n - 1].kind, CUE_SWITCH_SIDES);
	assert_int_equal(out[n - 1].at_ms, 60000);
	n = cues_for_entry(NULL, &l, &r, 60000, out);
	assert_int_equal(out[n - 1].kind, CUE_SWITCH_SIDES);
	/* other target: plain start */
	n = cues_for_entry(NULL, &l, &other, 60000, out);
	assert_int_equal(out[n - 1].kind, CUE_START);
	/* switch_sides off falls back to the next rule */
	l.cues.switch_sides = false;
	n = cues_for_entry(NULL, &l, &t, 60000, out);
	assert_int_equal(out[n - 1].kind, CUE_GET_READY);
}

static void test_rest_and_complete(void **st)
{
	(void)st;
	routine_entry s = entry(ROUTINE_STRETCH, ROUTINE_SIDE_NONE, "calves", 30);
	routine_entry rest = entry(ROUTINE_REST, ROUTINE_SIDE_NONE, NULL, 15);
	cue_item out[CUES_MAX_PER_ENTRY];
	size_t n = cues_for_entry(&rest, &s, &rest, 30000, out);
	/* stretch: no halfway; a rest next gets END */
	assert_string_equal(fmt(out, n), "tick@27000 tick@28000 tick@29000 end@30000");
	n = cues_for_entry(&s, &rest, NULL, 15000, out);
	assert_string_equal(fmt(out, n), "tick@12000 tick@13000 tick@14000 complete@15000");
}

static void test_overrides(void **st)
{
	(void)st;
	routine_entry c = entry(ROUTINE_ROLLING, ROUTINE_SIDE_NONE, "it band", 20);
	routine_entry n2 = entry(ROUTINE_STRETCH, ROUTINE_SIDE_NONE, "quads", 30);
	cue_item out[CUES_MAX_PER_ENTRY];
	c.cues.countdown_s = 5;
	c.cues.halfway = false;
	size_t n = cues_for_entry(&n2, &c, &n2, 20000, out);
	assert_string_equal(fmt(out, n), "tick@15000 tick@16000 tick@17000 tick@18000 tick@19000 start@20000");
	c.cues.countdown_s = 0;
	c.cues.halfway = true;
	n = cues_for_entry(&n2, &c, &n2, 20000, out);
	assert_string_equal(fmt(out, n), "halfway@10000 start@20000");
	/* the next entry's start switch governs the boundary cue into it */
	n2.cues.start = false;
	n = cues_for_entry(&n2, &c, &n2, 20000, out);
	assert_string_equal(fmt(out, n), "halfway@10000");
	/* end off: no completion cue after the last entry */
	c.cues.end = false;
	n = cues_for_entry(&n2, &c, NULL, 20000, out);
	assert_string_equal(fmt(out, n), "halfway@10000");
	/* start off on the very first entry */
	c.cues.start = false;
	n = cues_for_entry(NULL, &c, NULL, 20000, out);
	assert_string_equal(fmt(out, n), "halfway@10000");
}

static void test_extended_and_short(void **st)
{
	(void)st;
	routine_entry c = entry(ROUTINE_COMPRESSION, ROUTINE_SIDE_NONE, "glutes", 60);
	cue_item out[CUES_MAX_PER_ENTRY];
	/* after +15 s the schedule follows the new length */
	size_t n = cues_for_entry(&c, &c, NULL, 75000, out);
	assert_string_equal(fmt(out, n),
	    "halfway@37500 tick@72000 tick@73000 tick@74000 complete@75000");
	/* a 4 s step: halfway at 2000 replaces the tick there; no tick at or before 0 */
	n = cues_for_entry(&c, &c, NULL, 4000, out);
	assert_string_equal(fmt(out, n), "tick@1000 halfway@2000 tick@3000 complete@4000");
	n = cues_for_entry(&c, &c, NULL, 2000, out);
	assert_string_equal(fmt(out, n), "halfway@1000 complete@2000");
	/* the maximum fits */
	c.cues.countdown_s = ROUTINE_MAX_COUNTDOWN_S;
	n = cues_for_entry(NULL, &c, &c, 60000, out);
	assert_int_equal(n, 1 + 1 + 10 + 1);
	for (size_t i = 1; i < n; i++)
		assert_true(out[i - 1].at_ms <= out[i].at_ms);
}

static void test_names(void **st)
{
	(void)st;
	assert_string_equal(cues_name(CUE_GET_READY), "get_ready");
	assert_string_equal(cues_name(CUE_SWITCH_SIDES), "switch_sides");
	assert_string_equal(cues_name(CUE_COMPLETE), "complete");
	for (int k = 0; k < CUE_COUNT; k++)
		assert_string_not_equal(cues_name((cue_kind)k), "unknown");
	assert_string_equal(cues_name(CUE_COUNT), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_compression_then_transition),
		cmocka_unit_test(test_transition_counts_into_step),
		cmocka_unit_test(test_switch_sides_past_transition),
		cmocka_unit_test(test_rest_and_complete),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_extended_and_short),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
