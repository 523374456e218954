/* The pain scores per area, read from "pain" journal lines through the
 * history, one score per session for the "see a professional" rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/history.h"
#include "core/painlog.h"

static void feed(history *h, const char *line)
{
	assert_int_equal(history_feed_line(h, line, strlen(line)), HISTORY_LINE_OK);
}

/* A session on day `d` of March 2026 with a before and an after score. */
static void session(history *h, int d, const char *where, int before, int after)
{
	char line[400];
	snprintf(line, sizeof line,
	         "{\"event\":\"session_start\",\"t\":\"2026-03-%02dT08:00:00Z\",\"session\":\"s%d\",\"ms\":0,"
	         "\"title\":\"Temple\"}", d, d);
	feed(h, line);
	if (before >= 0) {
		snprintf(line, sizeof line, "{\"event\":\"pain\",\"session\":\"s%d\",\"ms\":5,%s,\"score\":%d,\"when\":\"before\"}",
		         d, where, before);
		feed(h, line);
	}
	snprintf(line, sizeof line, "{\"event\":\"session_end\",\"session\":\"s%d\",\"ms\":600000,\"outcome\":\"completed\"}", d);
	feed(h, line);
	if (after >= 0) {
		snprintf(line, sizeof line, "{\"event\":\"pain\",\"session\":\"s%d\",\"ms\":600100,%s,\"score\":%d,\"when\":\"after\"}",
		         d, where, after);
		feed(h, line);
	}
}

static history *make(void)
{
	history_options o = { .now_ms = 1775000000000LL, .tz_offset_min = 0 };
	history *h = history_new(&o);
	assert_non_null(h);
	return h;
}

/* Points land on their area (with side) and session, dated by the session. */
static void test_points_from_journal(void **state)
{
	(void)state;
	history *h = make();
	const char *tl = "\"area\":\"temple\",\"side\":\"left\"";
	session(h, 2, tl, 7, 5);
	session(h, 4, "\"target\":\"upper trapezius\"", 4, -1);
	session(h, 6, tl, 6, 4);
	const painlog *p = history_pain(h);
	assert_int_equal(painlog_count(p), 2);
	int i = painlog_find(p, "temple", "left", NULL);
	assert_int_equal(i, 0);
	assert_int_equal(painlog_find(p, "temple", "right", NULL), -1);
	const painlog_area *a = painlog_at(p, (size_t)i);
	assert_int_equal(a->npts, 4);
	assert_int_equal(a->pts[0].score, 7);
	assert_false(a->pts[0].after);
	assert_true(a->pts[1].after);
	assert_int_equal(a->pts[3].score, 4);
	assert_int_equal(a->pts[2].session, 2);
	char day[16];
	history_day_string(a->pts[2].day, day, sizeof day);
	assert_string_equal(day, "2026-03-06");
	const painlog_area *t = painlog_at(p, 1);
	assert_string_equal(t->target, "upper trapezius");
	assert_string_equal(t->area, "");
	assert_int_equal(painlog_latest(p), 0);
	history_free(h);
}

/* Bad scores are left out; the line still counts as an event. */
static void test_bad_scores(void **state)
{
	(void)state;
	history *h = make();
	feed(h, "{\"event\":\"pain\",\"session\":\"x\",\"area\":\"jaw\",\"score\":11,\"when\":\"before\"}");
	feed(h, "{\"event\":\"pain\",\"session\":\"x\",\"area\":\"jaw\",\"score\":2.5,\"when\":\"before\"}");
	feed(h, "{\"event\":\"pain\",\"session\":\"x\",\"area\":\"jaw\",\"score\":\"3\",\"when\":\"before\"}");
	feed(h, "{\"event\":\"pain\",\"session\":\"x\",\"score\":3,\"when\":\"before\"}");
	assert_int_equal(painlog_count(history_pain(h)), 0);
	feed(h, "{\"event\":\"pain\",\"session\":\"x\",\"area\":\"jaw\",\"score\":0,\"when\":\"before\"}");
	assert_int_equal(painlog_count(history_pain(h)), 1);
	history_free(h);
}

/* The rule reads one score per session: the before, or the after when the
 * before was skipped. */
static void test_session_scores_and_rule(void **state)
{
	(void)state;
	history *h = make();
	const char *lb = "\"area\":\"low-back\"";
	session(h, 1, lb, 6, 3);
	session(h, 3, lb, -1, 5); /* before skipped: its after counts */
	session(h, 5, lb, 5, 4);
	const painlog_area *a = painlog_at(history_pain(h), 0);
	int s[8];
	assert_int_equal(painlog_session_scores(a, s, 8), 3);
	assert_int_equal(s[0], 6);
	assert_int_equal(s[1], 5);
	assert_int_equal(s[2], 5);
	assert_int_equal(painlog_session_scores(a, s, 2), 2); /* the newest two */
	assert_int_equal(s[0], 5);
	/* 6, 5, 5 and now 5: two sessions without improvement. */
	assert_int_equal(painlog_advise(a, 5), COMPLAINT_ADVICE_NO_PROGRESS);
	assert_int_equal(painlog_advise(a, 4), COMPLAINT_ADVICE_NONE);
	assert_int_equal(painlog_advise(a, 7), COMPLAINT_ADVICE_WORSE);
	assert_int_equal(painlog_advise(a, -1), COMPLAINT_ADVICE_NONE); /* 6, 5, 5: only one "same" */
	assert_int_equal(painlog_advise(NULL, 5), COMPLAINT_ADVICE_NONE);
	history_free(h);
}

/* At most PAINLOG_MAX_AREAS areas; more are refused, not grown without bound. */
static void test_area_cap(void **state)
{
	(void)state;
	painlog *p = painlog_new();
	char name[16];
	for (int i = 0; i < PAINLOG_MAX_AREAS; i++) {
		snprintf(name, sizeof name, "a%d", i);
		assert_int_equal(painlog_add(p, name, "", NULL, 0, 0, 0, false, 3), 0);
	}
	assert_int_equal(painlog_add(p, "one-more", "", NULL, 0, 0, 0, false, 3), -1);
	assert_int_equal(painlog_add(p, "a1", "", NULL, 1, 0, 0, false, 2), 0);
	assert_int_equal(painlog_latest(p), 1);
	assert_int_equal(painlog_add(p, "", "", "", 1, 0, 0, false, 2), -1);
	painlog_free(p);
	painlog_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_points_from_journal),
		cmocka_unit_test(test_bad_scores),
		cmocka_unit_test(test_session_scores_and_rule),
		cmocka_unit_test(test_area_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
