/* voicesched: speech placed between cues, transitions lengthened to fit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/voicesched.h"

#define GAP VOICESCHED_GAP_MS

/* The bundled sounds' lengths (assets/sounds). */
static const uint32_t CUE_MS[CUE_COUNT] = {
	[CUE_GET_READY] = 470, [CUE_START] = 500, [CUE_HALFWAY] = 400, [CUE_TICK] = 60,
	[CUE_END] = 650, [CUE_SWITCH_SIDES] = 440, [CUE_DISCOMFORT] = 140, [CUE_PAUSE] = 260,
	[CUE_RESUME] = 260, [CUE_COMPLETE] = 1250,
};

static routine_entry entry(routine_kind k, uint32_t dur, unsigned countdown)
{
	routine_entry e;
	memset(&e, 0, sizeof e);
	e.kind = k;
	e.target = "upper trapezius";
	e.side = ROUTINE_SIDE_LEFT;
	e.duration_s = dur;
	e.cues = (routine_cues){ true, true, (uint8_t)countdown, true, true, true };
	return e;
}

/* True when [at, at+len) with GAP either side meets none of e's cues at length len_ms. */
static bool clear_of_cues(const routine_entry *prev, const routine_entry *e, const routine_entry *next,
                          uint32_t len_ms, uint32_t open_ms, uint32_t at, uint32_t len)
{
	cue_item items[CUES_MAX_PER_ENTRY];
	size_t n = cues_for_entry(prev, e, next, len_ms, items);
	if (at < open_ms + GAP)
		return false;
	for (size_t i = 0; i < n; i++) {
		uint32_t a = items[i].at_ms, b = a + CUE_MS[items[i].kind];
		if (at < b + GAP && at + len + GAP > a)
			return false;
	}
	return at + len + GAP <= len_ms;
}

static void test_fit_empty_and_zero(void **st)
{
	(void)st;
	assert_int_equal(voicesched_fit(NULL, 0, 300, 1000, 5000), 300);
	assert_int_equal(voicesched_fit(NULL, 0, 0, 0, 5000), VOICESCHED_NONE);
	/* it must end, gap included, by the limit */
	assert_int_equal(voicesched_fit(NULL, 0, 0, 5000 - GAP, 5000), 0);
	assert_int_equal(voicesched_fit(NULL, 0, 0, 5000 - GAP + 1, 5000), VOICESCHED_NONE);
}

static void test_fit_moves_past_cues_in_any_order(void **st)
{
	(void)st;
	/* a gap of 900 ms between 1000 and 2000 is too short for 800 ms + 2 gaps */
	voicesched_busy b[] = { { 2000, 60 }, { 0, 470 }, { 1000, 400 } };
	assert_int_equal(voicesched_fit(b, 3, 0, 200, 10000), 470 + GAP);
	assert_int_equal(voicesched_fit(b, 3, 0, 300, 10000), 1400 + GAP);
	assert_int_equal(voicesched_fit(b, 3, 0, 800, 10000), 2060 + GAP);
	/* 400..: 470+GAP .. 1000-GAP holds exactly 290 ms */
	assert_int_equal(voicesched_fit(b, 3, 0, 1000 - GAP - (470 + GAP), 10000), 470 + GAP);
	assert_int_equal(voicesched_fit(b, 3, 0, 1000 - GAP - (470 + GAP) + 1, 10000), 1400 + GAP);
	/* no room before the limit */
	assert_int_equal(voicesched_fit(b, 3, 0, 800, 3000), VOICESCHED_NONE);
	/* a silent cue still keeps the words off its moment */
	voicesched_busy s[] = { { 1000, 0 } };
	assert_int_equal(voicesched_fit(s, 1, 0, 2000, 10000), 1001 + GAP);
}

static void test_five_second_transition_fits_short_sentence(void **st)
{
	(void)st;
	routine_entry t = entry(ROUTINE_TRANSITION, 5, 3), c = entry(ROUTINE_COMPRESSION, 30, 3);
	uint32_t sp[VOICESCHED_VARIANTS] = { 1200, 600 };
	voicesched_plan p = voicesched_entry(NULL, &t, &c, 5000, 470, CUE_MS, sp);
	assert_int_equal(p.variant, 0);
	assert_int_equal(p.length_ms, 5000);
	assert_int_equal(p.start_ms, 470 + GAP);
	/* ends before the first tick (at 2000) */
	assert_true(p.start_ms + 1200 + GAP <= 2000);
}

static void test_transition_lengthened_to_whole_seconds(void **st)
{
	(void)st;
	routine_entry t = entry(ROUTINE_TRANSITION, 5, 3), c = entry(ROUTINE_COMPRESSION, 30, 3);
	uint32_t sp[VOICESCHED_VARIANTS] = { 2850, 900 };
	voicesched_plan p = voicesched_entry(NULL, &t, &c, 5000, 470, CUE_MS, sp);
	/* 470 + gap + 2850 + gap + 3 s of ticks = 6560 -> 7 s */
	assert_int_equal(p.variant, 0);
	assert_int_equal(p.length_ms, 7000);
	assert_int_equal(p.start_ms, 470 + GAP);
	assert_true(clear_of_cues(NULL, &t, &c, p.length_ms, 470, p.start_ms, 2850));
	assert_true(p.start_ms + 2850 + GAP <= p.length_ms - 3000);
}

static void test_three_second_transition(void **st)
{
	(void)st;
	routine_entry t = entry(ROUTINE_TRANSITION, 3, 3), c = entry(ROUTINE_COMPRESSION, 30, 3);
	uint32_t sp[VOICESCHED_VARIANTS] = { 1500, 700 };
	/* ticks at 1000 and 2000 leave no room: lengthened, words before 3-2-1 */
	voicesched_plan p = voicesched_entry(NULL, &t, &c, 3000, 470, CUE_MS, sp);
	assert_int_equal(p.variant, 0);
	assert_int_equal(p.length_ms, 6000);
	assert_true(clear_of_cues(NULL, &t, &c, p.length_ms, 470, p.start_ms, 1500));
	assert_true(p.start_ms + 1500 + GAP <= p.length_ms - 3000);
}

static void test_no_countdown_ends_before_start_cue(void **st)
{
	(void)st;
	routine_entry t = entry(ROUTINE_TRANSITION, 4, 0), c = entry(ROUTINE_COMPRESSION, 30, 0);
	uint32_t sp[VOICESCHED_VARIANTS] = { 3500, 0 };
	voicesched_plan p = voicesched_entry(NULL, &t, &c, 4000, 470, CUE_MS, sp);
	/* 470 + 120 + 3500 + 120 = 4210 -> 5 s */
	assert_int_equal(p.length_ms, 5000);
	assert_int_equal(p.variant, 0);
	sp[0] = 3000;
	p = voicesched_entry(NULL, &t, &c, 4000, 470, CUE_MS, sp);
	assert_int_equal(p.length_ms, 4000);
}

static void test_too_long_falls_back_to_short_then_nothing(void **st)
{
	(void)st;
	routine_entry t = entry(ROUTINE_TRANSITION, 5, 3), c = entry(ROUTINE_COMPRESSION, 30, 3);
	uint32_t sp[VOICESCHED_VARIANTS] = { VOICESCHED_MAX_EXTEND_MS + 5000, 1000 };
	voicesched_plan p = voicesched_entry(NULL, &t, &c, 5000, 470, CUE_MS, sp);
	assert_int_equal(p.variant, 1);
	assert_int_equal(p.length_ms, 5000);
	sp[1] = VOICESCHED_MAX_EXTEND_MS + 5000;
	p = voicesched_entry(NULL, &t, &c, 5000, 470, CUE_MS, sp);
	assert_int_equal(p.variant, -1);
	assert_int_equal(p.start_ms, VOICESCHED_NONE);
	assert_int_equal(p.length_ms, 5000); /* unchanged when nothing is said */
	/* the longest growth allowed is taken */
	sp[0] = VOICESCHED_MAX_EXTEND_MS + 5000 - 470 - 2 * GAP - 3000;
	p = voicesched_entry(NULL, &t, &c, 5000, 470, CUE_MS, sp);
	assert_int_equal(p.variant, 0);
	assert_int_equal(p.length_ms, 5000 + VOICESCHED_MAX_EXTEND_MS);
}

static void test_step_is_never_lengthened(void **st)
{
	(void)st;
	/* a 10 s compression announcing itself: halfway at 5000, ticks 7000.. */
	routine_entry c = entry(ROUTINE_COMPRESSION, 10, 3), r = entry(ROUTINE_REST, 5, 0);
	uint32_t sp[VOICESCHED_VARIANTS] = { 3000, 1000 };
	voicesched_plan p = voicesched_entry(NULL, &c, &r, 10000, 500, CUE_MS, sp);
	assert_int_equal(p.length_ms, 10000);
	assert_int_equal(p.variant, 0);
	assert_int_equal(p.start_ms, 500 + GAP);
	/* 5 s of words do not fit before halfway nor between it and the ticks */
	sp[0] = 5000;
	p = voicesched_entry(NULL, &c, &r, 10000, 500, CUE_MS, sp);
	assert_int_equal(p.length_ms, 10000);
	assert_int_equal(p.variant, 1);
	assert_true(clear_of_cues(NULL, &c, &r, 10000, 500, p.start_ms, 1000));
}

/* Whatever the lengths, the plan never puts words over a cue. */
static void test_never_over_a_cue_property(void **st)
{
	(void)st;
	srand(17);
	for (int i = 0; i < 20000; i++) {
		unsigned cd = (unsigned)(rand() % 11), dur = 1 + (unsigned)(rand() % 12);
		routine_kind k = rand() % 2 ? ROUTINE_TRANSITION : ROUTINE_COMPRESSION;
		routine_entry e = entry(k, dur, cd), n = entry(ROUTINE_COMPRESSION, 30, 3);
		uint32_t open = (uint32_t)(rand() % 1300);
		uint32_t sp[VOICESCHED_VARIANTS] = { (uint32_t)(rand() % 40000), (uint32_t)(rand() % 4000) };
		voicesched_plan p = voicesched_entry(NULL, &e, &n, dur * 1000, open, CUE_MS, sp);
		assert_true(p.length_ms >= dur * 1000);
		assert_true(p.length_ms <= dur * 1000 + VOICESCHED_MAX_EXTEND_MS);
		if (k != ROUTINE_TRANSITION)
			assert_int_equal(p.length_ms, dur * 1000);
		if (p.variant < 0) {
			assert_int_equal(p.length_ms, dur * 1000);
			continue;
		}
		assert_true(sp[p.variant] > 0);
		assert_true(clear_of_cues(NULL, &e, &n, p.length_ms, open, p.start_ms, sp[p.variant]));
		if (k == ROUTINE_TRANSITION && cd)
			assert_true(p.start_ms + sp[p.variant] + GAP <= p.length_ms - cd * 1000);
	}
}

static void test_prompt_after_discomfort(void **st)
{
	(void)st;
	routine_entry c = entry(ROUTINE_COMPRESSION, 10, 3), r = entry(ROUTINE_REST, 5, 0);
	cue_item items[CUES_MAX_PER_ENTRY];
	size_t n = cues_for_entry(NULL, &c, &r, 10000, items); /* start@0 halfway@5000 ticks@7..9 s end@10 s */
	uint32_t sp[VOICESCHED_VARIANTS] = { 2000, 800 };
	int v;
	/* at 1 s: right after the chirp */
	assert_int_equal(voicesched_prompt(items, n, 1000, 10000, 140, CUE_MS, sp, &v), 140 + GAP);
	assert_int_equal(v, 0);
	/* at 3 s: 2 s of words would run into halfway (2 s away): after it, then
	 * no room before the ticks: the short sentence, now */
	assert_int_equal(voicesched_prompt(items, n, 3000, 10000, 140, CUE_MS, sp, &v), 140 + GAP);
	assert_int_equal(v, 1);
	/* at 0.2 s the start cue (500 ms) is still sounding */
	assert_int_equal(voicesched_prompt(items, n, 200, 10000, 140, CUE_MS, sp, &v), 300 + GAP);
	assert_int_equal(v, 0);
	/* at 2 s the whole one only fits after halfway (4 s later): the short one now */
	uint32_t sp2[VOICESCHED_VARIANTS] = { 3500, 800 };
	assert_int_equal(voicesched_prompt(items, n, 2000, 10000, 140, CUE_MS, sp2, &v), 140 + GAP);
	assert_int_equal(v, 1);
	/* neither fits soon (the short one is too long before halfway): the whole one later */
	cue_item few[] = { { CUE_START, 0 }, { CUE_HALFWAY, 1500 }, { CUE_TICK, 9000 } };
	uint32_t sp3[VOICESCHED_VARIANTS] = { 3000, 2000 };
	assert_int_equal(voicesched_prompt(few, 3, 0, 10000, 140, CUE_MS, sp3, &v), 1500 + 400 + GAP);
	assert_int_equal(v, 0);
	/* in the countdown there is no room at all */
	assert_int_equal(voicesched_prompt(items, n, 8500, 10000, 140, CUE_MS, sp, &v), VOICESCHED_NONE);
	assert_int_equal(v, -1);
	assert_int_equal(voicesched_prompt(items, n, 10000, 10000, 140, CUE_MS, sp, &v), VOICESCHED_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_empty_and_zero),
		cmocka_unit_test(test_fit_moves_past_cues_in_any_order),
		cmocka_unit_test(test_five_second_transition_fits_short_sentence),
		cmocka_unit_test(test_transition_lengthened_to_whole_seconds),
		cmocka_unit_test(test_three_second_transition),
		cmocka_unit_test(test_no_countdown_ends_before_start_cue),
		cmocka_unit_test(test_too_long_falls_back_to_short_then_nothing),
		cmocka_unit_test(test_step_is_never_lengthened),
		cmocka_unit_test(test_never_over_a_cue_property),
		cmocka_unit_test(test_prompt_after_discomfort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
