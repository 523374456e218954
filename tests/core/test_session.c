/* The session engine: every action in every state, deadlines, drift, pauses,
 * cue events. Routines come from JSON through routine_parse. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/session.h"

static routine *load(const char *json)
{
	routine_diags d = { 0 };
	routine *r = routine_parse("test.json", json, strlen(json), &d);
	if (!r)
		for (size_t i = 0; i < d.count; i++)
			fprintf(stderr, "%d:%d: %s: %s\n", d.items[i].line, d.items[i].column, d.items[i].path,
			        d.items[i].message);
	routine_diags_free(&d);
	assert_non_null(r);
	return r;
}

/* Two 10 s stretches with a 3 s transition before each: T1 S1 T2 S2. */
static const char two_steps[] =
	"{\"format\":1,\"title\":\"Two\",\"defaults\":{\"transition_s\":3},\"steps\":["
	"{\"kind\":\"stretch\",\"target\":\"calves\",\"duration_s\":10,"
	" \"cues\":{\"countdown_s\":0}},"
	"{\"kind\":\"stretch\",\"target\":\"quads\",\"duration_s\":10,"
	" \"cues\":{\"countdown_s\":0}}]}";

/* Compression left/right (20 s, 2 s transitions), then a 5 s rest. */
static const char sides[] =
	"{\"format\":1,\"title\":\"Sides\",\"steps\":["
	"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"upper trapezius\","
	" \"sides\":[\"left\",\"right\"],\"duration_s\":20,\"transition_s\":2},"
	"{\"kind\":\"rest\",\"duration_s\":5}]}";

/* A user-paced compression (min 10 s, cap 40 s), then a stretch; no transitions. */
static const char tap_step[] =
	"{\"format\":1,\"title\":\"Tap\",\"steps\":["
	"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"glutes\",\"duration_s\":40,"
	" \"ends\":\"tap\",\"min_s\":10},"
	"{\"kind\":\"stretch\",\"target\":\"glutes\",\"duration_s\":30}]}";

static const char *ev_name(const session_event *e)
{
	static char buf[48];
	static const char *const reasons[] = { "elapsed", "advanced", "abandoned" };
	switch (e->type) {
	case SESSION_EV_SESSION_START: return "begin";
	case SESSION_EV_STEP_START: snprintf(buf, sizeof buf, "start%d", e->index); return buf;
	case SESSION_EV_STEP_END:
		snprintf(buf, sizeof buf, "end%d:%s%s:%llu", e->index, reasons[e->reason],
		         e->previous ? "<" : "", (unsigned long long)e->actual_ms);
		return buf;
	case SESSION_EV_PAUSE: return "pause";
	case SESSION_EV_RESUME: return "resume";
	case SESSION_EV_EXTEND: snprintf(buf, sizeof buf, "extend%d", e->index); return buf;
	case SESSION_EV_DISCOMFORT:
		snprintf(buf, sizeof buf, "discomfort%d:%llu", e->index, (unsigned long long)e->step_ms);
		return buf;
	case SESSION_EV_CUE: snprintf(buf, sizeof buf, "~%s", cues_name(e->cue)); return buf;
	case SESSION_EV_SESSION_END:
		return e->outcome == SESSION_OUTCOME_COMPLETED ? "completed" : "abandoned";
	}
	return "?";
}

/* Drains the queue as "name@ms name@ms ...", ms in whole ms. */
static const char *drain(session *s)
{
	static char buf[4096];
	session_event e;
	buf[0] = 0;
	while (session_next_event(s, &e)) {
		char one[80];
		snprintf(one, sizeof one, "%s%s@%llu", buf[0] ? " " : "", ev_name(&e), (unsigned long long)e.ms);
		strncat(buf, one, sizeof buf - strlen(buf) - 1);
	}
	return buf;
}

static void test_runs_through_on_time(void **st)
{
	(void)st;
	routine *r = load(two_steps);
	session *s = session_new(r);
	assert_int_equal(session_get_state(s), SESSION_NOT_STARTED);
	assert_int_equal(session_next_deadline(s), SESSION_NO_DEADLINE);
	assert_int_equal(session_start(s, 1000), SESSION_OK);
	assert_string_equal(drain(s), "begin@1000 start1@1000 ~get_ready@1000");
	assert_int_equal(session_next_deadline(s), 4000);
	session_tick(s, 3999);
	assert_string_equal(drain(s), "");
	session_tick(s, 4000);
	assert_string_equal(drain(s), "~start@4000 end1:elapsed:3000@4000 start2@4000");
	assert_int_equal(session_next_deadline(s), 14000);
	/* ticked late: everything happens at its own ms, in order */
	session_tick(s, 60000);
	assert_string_equal(drain(s),
	    "~get_ready@14000 end2:elapsed:10000@14000 start3@14000 "
	    "~start@17000 end3:elapsed:3000@17000 start4@17000 "
	    "~complete@27000 end4:elapsed:10000@27000 completed@27000");
	assert_int_equal(session_get_state(s), SESSION_FINISHED);
	assert_int_equal(session_get_outcome(s), SESSION_OUTCOME_COMPLETED);
	assert_int_equal(session_elapsed_ms(s, 90000), 26000);
	assert_int_equal(session_next_deadline(s), SESSION_NO_DEADLINE);
	session_free(s);
	routine_free(r);
}

static void test_cue_events(void **st)
{
	(void)st;
	routine *r = load(sides);
	session *s = session_new(r);
	session_start(s, 0);
	session_tick(s, 100000);
	assert_string_equal(drain(s),
	    "begin@0 start1@0 ~get_ready@0 ~tick@1000 ~start@2000 end1:elapsed:2000@2000 "
	    "start2@2000 ~halfway@12000 ~tick@19000 ~tick@20000 ~tick@21000 ~switch_sides@22000 "
	    "end2:elapsed:20000@22000 start3@22000 ~tick@23000 ~start@24000 end3:elapsed:2000@24000 "
	    "start4@24000 ~halfway@34000 ~tick@41000 ~tick@42000 ~tick@43000 ~end@44000 "
	    "end4:elapsed:20000@44000 start5@44000 ~tick@46000 ~tick@47000 ~tick@48000 "
	    "~complete@49000 end5:elapsed:5000@49000 completed@49000");
	session_free(s);
	routine_free(r);
}

static void test_next_advances_with_boundary_cue(void **st)
{
	(void)st;
	routine *r = load(two_steps);
	session *s = session_new(r);
	/* next on a session not started starts it */
	assert_int_equal(session_next(s, 500), SESSION_OK);
	assert_string_equal(drain(s), "begin@500 start1@500 ~get_ready@500");
	assert_int_equal(session_next(s, 1500), SESSION_OK); /* skip get-ready */
	assert_string_equal(drain(s), "~start@1500 end1:advanced:1000@1500 start2@1500");
	assert_int_equal(session_next(s, 6500), SESSION_OK);
	assert_string_equal(drain(s), "~get_ready@6500 end2:advanced:5000@6500 start3@6500");
	assert_int_equal(session_next(s, 6600), SESSION_OK);
	assert_int_equal(session_next(s, 6700), SESSION_OK); /* past the last entry */
	assert_string_equal(drain(s),
	    "~start@6600 end3:advanced:100@6600 start4@6600 ~complete@6700 end4:advanced:100@6700 "
	    "completed@6700");
	assert_int_equal(session_get_outcome(s), SESSION_OUTCOME_COMPLETED);
	session_free(s);
	routine_free(r);
}

static void test_ends_on_tap(void **st)
{
	(void)st;
	routine *r = load(tap_step);
	session *s = session_new(r);
	session_start(s, 0);
	drain(s);
	assert_false(session_can_tap_end(s, 9999));
	assert_int_equal(session_next(s, 9999), SESSION_ERR_EARLY);
	assert_string_equal(drain(s), "");
	session_free(s);
	s = session_new(r);
	session_start(s, 0);
	drain(s);
	assert_int_equal(session_next(s, 5000), SESSION_ERR_EARLY);
	assert_string_equal(drain(s), "");
	assert_int_equal(session_get_state(s), SESSION_RUNNING);
	assert_true(session_can_tap_end(s, 10000));
	assert_int_equal(session_next(s, 10000), SESSION_OK);
	assert_string_equal(drain(s), "~start@10000 end1:advanced:10000@10000 start2@10000");
	session_free(s);
	/* no tap: it ends when its cap elapses */
	s = session_new(r);
	session_start(s, 0);
	session_tick(s, 40000);
	assert_string_equal(drain(s),
	    "begin@0 start1@0 ~start@0 ~halfway@20000 ~tick@37000 ~tick@38000 ~tick@39000 "
	    "~start@40000 end1:elapsed:40000@40000 start2@40000");
	/* other entries can always be tapped */
	assert_true(session_can_tap_end(s, 40000));
	session_free(s);
	routine_free(r);
}

static void test_halfway_first(void **st)
{
	/* sanity of the ERR_EARLY case above: the halfway cue of a 40 s entry is at 20 s */
	(void)st;
	routine *r = load(tap_step);
	session *s = session_new(r);
	session_start(s, 0);
	assert_string_equal(drain(s), "begin@0 start1@0 ~start@0");
	assert_int_equal(session_next_deadline(s), 20000);
	session_free(s);
	routine_free(r);
}

static void test_previous(void **st)
{
	(void)st;
	routine *r = load(two_steps); /* T1 S2 T3 S4 */
	session *s = session_new(r);
	session_start(s, 0);
	session_tick(s, 5000); /* in S2 */
	drain(s);
	/* at the first step: restarts it, with its get-ready */
	assert_int_equal(session_previous(s, 5000), SESSION_OK);
	assert_string_equal(drain(s), "end2:advanced<:2000@5000 start1@5000 ~get_ready@5000");
	assert_int_equal(session_current(s), 0);
	/* in the transition of the first step: restarts it too */
	assert_int_equal(session_previous(s, 6000), SESSION_OK);
	assert_string_equal(drain(s), "end1:advanced<:1000@6000 start1@6000 ~get_ready@6000");
	/* from the second step back to the first one's transition */
	session_tick(s, 9000 + 10000 + 3000 + 1000); /* 23000: in S4 since 22000 */
	drain(s);
	assert_int_equal(session_current(s), 3);
	assert_int_equal(session_previous(s, 23000), SESSION_OK);
	assert_string_equal(drain(s), "end4:advanced<:1000@23000 start1@23000 ~get_ready@23000");
	/* from the second step's transition, too */
	session_next(s, 23100);
	session_next(s, 23200);
	drain(s);
	assert_int_equal(session_current(s), 2);
	assert_int_equal(session_previous(s, 23300), SESSION_OK);
	assert_string_equal(drain(s), "end3:advanced<:100@23300 start1@23300 ~get_ready@23300");
	/* the restarted entry runs its full length from there */
	assert_int_equal(session_next_deadline(s), 26300);
	session_free(s);
	routine_free(r);
}

static void test_previous_without_transitions(void **st)
{
	(void)st;
	routine *r = load(tap_step); /* C1 S2 */
	session *s = session_new(r);
	session_start(s, 0);
	session_next(s, 12000);
	drain(s);
	assert_int_equal(session_previous(s, 15000), SESSION_OK);
	assert_string_equal(drain(s), "end2:advanced<:3000@15000 start1@15000 ~start@15000");
	assert_int_equal(session_previous(s, 16000), SESSION_OK);
	assert_string_equal(drain(s), "end1:advanced<:1000@16000 start1@16000 ~start@16000");
	/* back to a step that is not the first: its start cue is emitted */
	session_free(s);
	r = (routine_free(r), load(sides)); /* T1 C2 T3 C4 R5 */
	s = session_new(r);
	session_start(s, 0);
	session_tick(s, 44500); /* in the rest */
	drain(s);
	assert_int_equal(session_previous(s, 44500), SESSION_OK);
	assert_string_equal(drain(s), "end5:advanced<:500@44500 start3@44500 ~get_ready@44500");
	session_free(s);
	routine_free(r);
}

static void test_pause_arithmetic(void **st)
{
	(void)st;
	routine *r = load(two_steps);
	session *s = session_new(r);
	session_start(s, 0);
	session_tick(s, 5000); /* S2 started at 3000 */
	drain(s);
	assert_int_equal(session_pause(s, 5000), SESSION_OK);
	assert_string_equal(drain(s), "pause@5000 ~pause@5000");
	assert_int_equal(session_next_deadline(s), SESSION_NO_DEADLINE);
	session_tick(s, 11000);
	assert_string_equal(drain(s), "");
	assert_int_equal(session_entry_elapsed_ms(s, 11000), 2000);
	assert_int_equal(session_entry_remaining_ms(s, 11000), 8000);
	assert_int_equal(session_elapsed_ms(s, 11000), 5000);
	assert_int_equal(session_resume(s, 12000), SESSION_OK);
	assert_string_equal(drain(s), "resume@12000 ~resume@12000");
	/* paused 7 s: S2 ends at 13000 + 7000 */
	assert_int_equal(session_next_deadline(s), 20000);
	assert_int_equal(session_elapsed_ms(s, 15000), 8000);
	/* a second pause in the same entry adds up */
	session_pause(s, 15000);
	session_resume(s, 16000);
	drain(s);
	assert_int_equal(session_next_deadline(s), 21000);
	session_tick(s, 21000);
	assert_string_equal(drain(s), "~get_ready@21000 end2:elapsed:10000@21000 start3@21000");
	/* the next entry knows nothing of earlier pauses */
	assert_int_equal(session_next_deadline(s), 24000);
	session_tick(s, 100000);
	drain(s);
	assert_int_equal(session_elapsed_ms(s, 100000), 26000);
	session_free(s);
	routine_free(r);
}

static void test_extend(void **st)
{
	(void)st;
	routine *r = load(sides);
	session *s = session_new(r);
	session_start(s, 0);
	session_tick(s, 5000); /* C2: 2000..22000, halfway at 12000 */
	drain(s);
	assert_int_equal(session_extend(s, 5000), SESSION_OK);
	assert_string_equal(drain(s), "extend2@5000");
	assert_int_equal(session_entry_length_ms(s), 35000);
	/* the schedule follows the new length: halfway 17.5 s in, ticks before 37000 */
	assert_int_equal(session_next_deadline(s), 19500);
	session_tick(s, 37000);
	assert_string_equal(drain(s),
	    "~halfway@19500 ~tick@34000 ~tick@35000 ~tick@36000 ~switch_sides@37000 "
	    "end2:elapsed:35000@37000 start3@37000");
	/* extend after the halfway: no second halfway; extend while paused works too */
	session_tick(s, 52000); /* C4: 39000..59000 */
	drain(s);
	session_pause(s, 52000);
	assert_int_equal(session_extend(s, 53000), SESSION_OK);
	session_resume(s, 54000);
	assert_string_equal(drain(s), "pause@52000 ~pause@52000 extend4@53000 resume@54000 ~resume@54000");
	assert_int_equal(session_next_deadline(s), 59000 + 2000 + 15000 - 3000);
	session_free(s);
	routine_free(r);
}

/* A transition lengthened for its announcement: its ticks and the next
 * step follow the new length; nothing extra is queued; shorter is ignored. */
static void test_lengthen(void **st)
{
	(void)st;
	routine *r = load(sides); /* T1 0..2000 (ticks at 1000), C2 20 s */
	session *s = session_new(r);
	session_start(s, 0);
	assert_string_equal(drain(s), "begin@0 start1@0 ~get_ready@0");
	assert_int_equal(session_lengthen(s, 6000, 0), SESSION_OK);
	assert_string_equal(drain(s), "");
	assert_int_equal(session_entry_length_ms(s), 6000);
	assert_int_equal(session_next_deadline(s), 3000);
	assert_int_equal(session_lengthen(s, 4000, 100), SESSION_OK);
	assert_int_equal(session_entry_length_ms(s), 6000);
	session_tick(s, 6000);
	assert_string_equal(drain(s), "~tick@3000 ~tick@4000 ~tick@5000 ~start@6000 end1:elapsed:6000@6000 start2@6000");
	/* the step after it keeps its own length */
	assert_int_equal(session_entry_length_ms(s), 20000);
	session_abandon(s, 7000);
	assert_int_equal(session_lengthen(s, 60000, 7000), SESSION_ERR_STATE);
	session_free(s);
	routine_free(r);
}

static void test_discomfort(void **st)
{
	(void)st;
	routine *r = load(sides);
	session *s = session_new(r);
	session_start(s, 0);
	drain(s);
	assert_int_equal(session_discomfort(s, 3500), SESSION_OK);
	assert_string_equal(drain(s), "~tick@1000 ~start@2000 end1:elapsed:2000@2000 start2@2000 discomfort2:1500@3500 "
	                              "~discomfort@3500");
	session_discomfort(s, 4000);
	session_pause(s, 5000);
	assert_int_equal(session_discomfort(s, 9000), SESSION_OK); /* while paused: frozen step_ms */
	assert_string_equal(drain(s), "discomfort2:2000@4000 ~discomfort@4000 pause@5000 ~pause@5000 "
	                              "discomfort2:3000@9000 ~discomfort@9000");
	assert_int_equal(session_discomforts(s, 1), 3);
	assert_int_equal(session_discomforts(s, 0), 0);
	assert_int_equal(session_discomforts(s, 99), 0);
	session_free(s);
	routine_free(r);
}

static void test_abandon(void **st)
{
	(void)st;
	routine *r = load(sides);
	session *s = session_new(r);
	session_start(s, 0);
	session_tick(s, 10000);
	drain(s);
	assert_int_equal(session_abandon(s, 10000), SESSION_OK);
	assert_string_equal(drain(s), "end2:abandoned:8000@10000 abandoned@10000");
	assert_int_equal(session_get_outcome(s), SESSION_OUTCOME_ABANDONED);
	assert_int_equal(session_next_deadline(s), SESSION_NO_DEADLINE);
	session_tick(s, 90000);
	assert_string_equal(drain(s), "");
	assert_int_equal(session_elapsed_ms(s, 90000), 10000);
	session_free(s);
	/* abandoned while paused */
	s = session_new(r);
	session_start(s, 0);
	session_pause(s, 3000);
	drain(s);
	assert_int_equal(session_abandon(s, 8000), SESSION_OK);
	assert_string_equal(drain(s), "end2:abandoned:1000@8000 abandoned@8000");
	assert_int_equal(session_elapsed_ms(s, 9000), 3000);
	session_free(s);
	routine_free(r);
}

/* A 60-minute routine ends within 1 ms of plan however it is ticked. */
static void test_no_drift(void **st)
{
	(void)st;
	char json[8192] = "{\"format\":1,\"title\":\"Hour\",\"defaults\":{\"transition_s\":7},\"steps\":[";
	for (int i = 0; i < 40; i++) /* 40 * (7 + 83) s = 3600 s */
		snprintf(json + strlen(json), sizeof json - strlen(json),
		         "%s{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"t%d\",\"duration_s\":83}",
		         i ? "," : "", i);
	strcat(json, "]}");
	routine *r = load(json);
	assert_int_equal(routine_total_s(r), 3600);
	uint64_t seed = 12345;
	for (int round = 0; round < 4; round++) {
		session *s = session_new(r);
		uint64_t t0 = 777 + (uint64_t)round, now = t0, end = 0;
		session_start(s, now);
		session_event e;
		while (session_get_state(s) != SESSION_FINISHED) {
			/* round 0: every ms-ish jitter; 1: every 16.7 ms; 2: rarely; 3: at each deadline */
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			uint64_t step = round == 0 ? 1 + (seed >> 33) % 50 : round == 1 ? 17 :
			                round == 2 ? 60000 + (seed >> 33) % 400000 : 0;
			now = step ? now + step : session_next_deadline(s);
			session_tick(s, now);
			while (session_next_event(s, &e))
				if (e.type == SESSION_EV_SESSION_END)
					end = e.ms;
		}
		assert_int_equal(end - t0, 3600000);
		session_free(s);
	}
	routine_free(r);
}

enum { A_START, A_PAUSE, A_RESUME, A_NEXT, A_PREVIOUS, A_EXTEND, A_DISCOMFORT, A_ABANDON, A_COUNT };

static int act(session *s, int a, uint64_t now)
{
	switch (a) {
	case A_START: return session_start(s, now);
	case A_PAUSE: return session_pause(s, now);
	case A_RESUME: return session_resume(s, now);
	case A_NEXT: return session_next(s, now);
	case A_PREVIOUS: return session_previous(s, now);
	case A_EXTEND: return session_extend(s, now);
	case A_DISCOMFORT: return session_discomfort(s, now);
	default: return session_abandon(s, now);
	}
}

/* Puts a fresh session into state `which`: 0 not started, 1 running,
 * 2 paused, 3 completed, 4 abandoned. */
static session *in_state(const routine *r, int which)
{
	session *s = session_new(r);
	if (which >= 1)
		session_start(s, 0);
	if (which == 2)
		session_pause(s, 1000);
	if (which == 3)
		session_tick(s, 1000000);
	if (which == 4)
		session_abandon(s, 1000);
	drain(s);
	return s;
}

static void test_every_action_in_every_state(void **st)
{
	(void)st;
	routine *r = load(two_steps);
	/* expected result per state (rows) and action (columns) */
	static const int ok = SESSION_OK, no = SESSION_ERR_STATE;
	static const int expect[5][A_COUNT] = {
		/*            start pause resume next previous extend discomfort abandon */
		/* not   */ { ok,   no,   no,    ok,  no,      no,    no,        no },
		/* run   */ { no,   ok,   no,    ok,  ok,      ok,    ok,        ok },
		/* pause */ { no,   no,   ok,    no,  no,      ok,    ok,        ok },
		/* done  */ { no,   no,   no,    no,  no,      no,    no,        no },
		/* aband */ { no,   no,   no,    no,  no,      no,    no,        no },
	};
	static const session_state after_ok[5][A_COUNT] = {
		{ SESSION_RUNNING, 0, 0, SESSION_RUNNING, 0, 0, 0, 0 },
		{ 0, SESSION_PAUSED, 0, SESSION_RUNNING, SESSION_RUNNING, SESSION_RUNNING, SESSION_RUNNING,
		  SESSION_FINISHED },
		{ 0, 0, SESSION_RUNNING, 0, 0, SESSION_PAUSED, SESSION_PAUSED, SESSION_FINISHED },
	};
	for (int which = 0; which < 5; which++) {
		for (int a = 0; a < A_COUNT; a++) {
			session *s = in_state(r, which);
			session_state before = session_get_state(s);
			size_t cur = session_current(s);
			uint64_t dl = session_next_deadline(s);
			int rc = act(s, a, 2000);
			assert_int_equal(rc, expect[which][a]);
			if (rc == SESSION_OK) {
				assert_int_equal(session_get_state(s), after_ok[which][a]);
				assert_string_not_equal(drain(s), "");
			} else {
				/* refused: nothing happened */
				assert_int_equal(session_get_state(s), before);
				assert_int_equal(session_current(s), cur);
				assert_int_equal(session_next_deadline(s), dl);
				assert_string_equal(drain(s), "");
			}
			session_free(s);
		}
	}
	routine_free(r);
	session_free(NULL);
}

static void test_views(void **st)
{
	(void)st;
	routine *r = load(two_steps);
	session *s = session_new(r);
	assert_ptr_equal(session_routine(s), r);
	assert_int_equal(session_elapsed_ms(s, 5000), 0);
	assert_int_equal(session_entry_elapsed_ms(s, 5000), 0);
	assert_true(session_can_tap_end(s, 0));
	session_start(s, 100);
	assert_int_equal(session_entry_length_ms(s), 3000);
	assert_int_equal(session_entry_elapsed_ms(s, 1100), 1000);
	assert_int_equal(session_entry_remaining_ms(s, 1100), 2000);
	/* time never runs backwards: an older now is treated as the newest seen */
	session_tick(s, 3500);
	assert_int_equal(session_current(s), 1);
	assert_int_equal(session_next(s, 2000), SESSION_OK);
	session_event e;
	uint64_t last = 0;
	while (session_next_event(s, &e)) {
		assert_true(e.ms >= last);
		last = e.ms;
	}
	assert_int_equal(last, 3500);
	session_abandon(s, 4000);
	assert_false(session_can_tap_end(s, 4000));
	assert_int_equal(session_entry_remaining_ms(s, 4000), 0);
	session_free(s);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs_through_on_time),
		cmocka_unit_test(test_cue_events),
		cmocka_unit_test(test_next_advances_with_boundary_cue),
		cmocka_unit_test(test_ends_on_tap),
		cmocka_unit_test(test_halfway_first),
		cmocka_unit_test(test_previous),
		cmocka_unit_test(test_previous_without_transitions),
		cmocka_unit_test(test_pause_arithmetic),
		cmocka_unit_test(test_extend),
		cmocka_unit_test(test_lengthen),
		cmocka_unit_test(test_discomfort),
		cmocka_unit_test(test_abandon),
		cmocka_unit_test(test_no_drift),
		cmocka_unit_test(test_every_action_in_every_state),
		cmocka_unit_test(test_views),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
