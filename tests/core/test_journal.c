/* Journal lines: exact fields for every event, escaping, extra events. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/journal.h"

static const char routine_json[] =
	"{\"format\":1,\"title\":\"Neck \\\"quoted\\\" \\u00e9\",\"steps\":["
	"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"upper trapezius\","
	" \"sides\":[\"left\"],\"duration_s\":60,\"transition_s\":5},"
	"{\"kind\":\"rest\",\"duration_s\":15}]}";

static routine *load(void)
{
	routine *r = routine_parse("routines/neck.json", routine_json, strlen(routine_json), NULL);
	assert_non_null(r);
	return r;
}

static journal_stamp stamp(uint64_t ms, uint64_t seq)
{
	journal_stamp st = { "20261121T093000Z-3fa9c1", "2026-11-21T09:30:00.123Z", ms, seq, "" };
	return st;
}

#define HEAD(ev, ms, seq) \
	"{\"event\":\"" ev "\",\"t\":\"2026-11-21T09:30:00.123Z\",\"ms\":" #ms \
	",\"session\":\"20261121T093000Z-3fa9c1\",\"seq\":" #seq

static void check(const routine *r, const session_event *ev, uint64_t ms, uint64_t seq, const char *want)
{
	journal_stamp st = stamp(ms, seq);
	char *line = journal_event(&st, r, ev);
	assert_non_null(line);
	assert_string_equal(line, want);
	free(line);
}

static void test_events(void **st)
{
	(void)st;
	routine *r = load();
	session_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SESSION_EV_SESSION_START;
	check(r, &ev, 0, 1,
	      HEAD("session_start", 0, 1) ",\"title\":\"Neck \\\"quoted\\\" \xc3\xa9\",\"file\":\"routines/neck.json\","
	      "\"steps\":3,\"total_s\":80,\"version\":1}\n");
	ev.type = SESSION_EV_STEP_START;
	ev.index = 1; /* the transition: carries its step's target and side */
	check(r, &ev, 0, 2,
	      HEAD("step_start", 0, 2) ",\"index\":1,\"kind\":\"transition\",\"target\":\"upper trapezius\","
	      "\"side\":\"left\",\"tool\":null,\"planned_s\":5}\n");
	ev.type = SESSION_EV_STEP_END;
	ev.index = 2;
	ev.reason = SESSION_END_ADVANCED;
	ev.planned_s = 60;
	ev.actual_ms = 41250;
	check(r, &ev, 46250, 7,
	      HEAD("step_end", 46250, 7) ",\"index\":2,\"kind\":\"compression\",\"target\":\"upper trapezius\","
	      "\"side\":\"left\",\"tool\":\"ball\",\"planned_s\":60,\"reason\":\"advanced\",\"actual_ms\":41250}\n");
	ev.previous = true;
	ev.index = 3;
	ev.reason = SESSION_END_ABANDONED;
	check(r, &ev, 9, 9,
	      HEAD("step_end", 9, 9) ",\"index\":3,\"kind\":\"rest\",\"target\":null,\"side\":null,\"tool\":null,"
	      "\"planned_s\":15,\"reason\":\"abandoned\",\"actual_ms\":41250,\"previous\":true}\n");
	memset(&ev, 0, sizeof ev);
	ev.type = SESSION_EV_DISCOMFORT;
	ev.index = 2;
	ev.step_ms = 12345;
	check(r, &ev, 17345, 4,
	      HEAD("discomfort", 17345, 4) ",\"index\":2,\"kind\":\"compression\",\"target\":\"upper trapezius\","
	      "\"side\":\"left\",\"tool\":\"ball\",\"step_ms\":12345}\n");
	ev.type = SESSION_EV_PAUSE;
	check(r, &ev, 5, 5, HEAD("pause", 5, 5) ",\"index\":2}\n");
	ev.type = SESSION_EV_RESUME;
	check(r, &ev, 6, 6, HEAD("resume", 6, 6) ",\"index\":2}\n");
	ev.type = SESSION_EV_EXTEND;
	check(r, &ev, 6, 7, HEAD("extend", 6, 7) ",\"index\":2,\"extend_s\":15}\n");
	memset(&ev, 0, sizeof ev);
	ev.type = SESSION_EV_SESSION_END;
	ev.outcome = SESSION_OUTCOME_COMPLETED;
	check(r, &ev, 80000, 12, HEAD("session_end", 80000, 12) ",\"outcome\":\"completed\"}\n");
	ev.outcome = SESSION_OUTCOME_ABANDONED;
	check(r, &ev, 1, 12, HEAD("session_end", 1, 12) ",\"outcome\":\"abandoned\"}\n");
	/* cues are not journaled */
	ev.type = SESSION_EV_CUE;
	journal_stamp s = stamp(0, 1);
	assert_null(journal_event(&s, r, &ev));
	/* the profile goes on session_start */
	memset(&ev, 0, sizeof ev);
	ev.type = SESSION_EV_SESSION_START;
	s.profile = "anna";
	char *line = journal_event(&s, r, &ev);
	assert_non_null(strstr(line, ",\"version\":1,\"profile\":\"anna\"}\n"));
	free(line);
	routine_free(r);
}

static void test_extra(void **st)
{
	(void)st;
	journal_stamp s = stamp(90000, 20);
	char *line = journal_extra(&s, "checkin", "{\"answer\":\"fine\",\"n\":2,\"ms\":1}");
	assert_string_equal(line, HEAD("checkin", 90000, 20) ",\"answer\":\"fine\",\"n\":2}\n");
	free(line);
	line = journal_extra(&s, "note", NULL);
	assert_string_equal(line, HEAD("note", 90000, 20) "}\n");
	free(line);
	assert_null(journal_extra(&s, "checkin", "[1,2]"));
	assert_null(journal_extra(&s, "checkin", "{bad"));
	assert_null(journal_extra(&s, "", NULL));
	/* control characters and newlines are escaped: one line stays one line */
	line = journal_extra(&s, "note", "{\"text\":\"a\\nb\\u0001\"}");
	assert_non_null(line);
	assert_ptr_equal(strchr(line, '\n'), line + strlen(line) - 1);
	assert_non_null(strstr(line, "\"text\":\"a\\nb\\u0001\""));
	free(line);
	assert_string_equal(journal_reason_name(SESSION_END_ELAPSED), "elapsed");
	assert_string_equal(journal_outcome_name(SESSION_OUTCOME_NONE), "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_extra),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
