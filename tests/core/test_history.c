/* Tests for core/history: figures from generated journals, including torn and
 * foreign lines, clock jumps, abandoned and unfinished sessions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/history.h"
#include "journal_gen.h"

#define DAY 86400000LL
#define HOUR 3600000LL
#define MIN 60000LL
/* 2026-11-21T00:00:00Z, day 20778. */
#define NOV21 1795219200000LL
#define NOV21_DAY 20778

static void emit_feed(const char *line, size_t len, void *user)
{
	history *h = user;
	if (len && line[len - 1] == '\n')
		len--;
	history_feed_line(h, line, len);
}

static history *new_h(int64_t now_ms, int tz)
{
	history_options o = { .now_ms = now_ms, .tz_offset_min = tz };
	history *h = history_new(&o);
	assert_non_null(h);
	return h;
}

static void feed(history *h, const char *s)
{
	history_feed_line(h, s, strlen(s));
}

/* The neck routine: transition, UT left (60 s), UT right (60 s), stretch.
 * ut_left_ms is the actual left hold; discomforts go on the left hold. */
static void neck_session(jgen *g, const char *id, int64_t t0, uint64_t ut_left_ms,
                         const char *reason, int discomforts, const char *outcome)
{
	jgen_start(g, id, t0, "Neck and tension headache", "routines/neck.json", 4);
	jgen_step(g, 1, "transition", "upper trapezius", "left", 10, 10000, "elapsed");
	for (int i = 0; i < discomforts; i++)
		jgen_disc(g, 2, "compression", "upper trapezius", "left", 5000 + (uint64_t)i * 1000);
	jgen_step(g, 2, "compression", "upper trapezius", "left", 60, ut_left_ms, reason);
	jgen_step(g, 3, "compression", "upper trapezius", "right", 60, 60000, "elapsed");
	jgen_step(g, 4, "stretch", "levator scapulae", "", 30, 30000, "elapsed");
	if (outcome)
		jgen_end(g, outcome);
}

static void test_parse_time(void **state)
{
	(void)state;
	int64_t ms;
	assert_int_equal(history_parse_time("2026-11-21T09:30:00.123Z", &ms), 0);
	assert_true(ms == 1795253400123LL);
	assert_int_equal(history_parse_time("1970-01-01T00:00:00Z", &ms), 0);
	assert_true(ms == 0);
	assert_int_equal(history_parse_time("2026-11-21T10:30:00.123+01:00", &ms), 0);
	assert_true(ms == 1795253400123LL);
	assert_int_equal(history_parse_time("2026-11-21T09:30:00.5Z", &ms), 0);
	assert_true(ms == 1795253400500LL);
	assert_int_equal(history_parse_time("1969-12-31T23:59:59.000Z", &ms), 0);
	assert_true(ms == -1000);
	assert_int_equal(history_parse_time("2026-11-21", &ms), -1);
	assert_int_equal(history_parse_time("2026-13-21T09:30:00Z", &ms), -1);
	assert_int_equal(history_parse_time("2026-11-21T09:30:00.123", &ms), -1);
	assert_int_equal(history_parse_time("2026-11-21T09:30:00.123Zjunk", &ms), -1);
	assert_int_equal(history_parse_time("", &ms), -1);
	assert_int_equal(history_parse_time(NULL, &ms), -1);
}

static void test_days(void **state)
{
	(void)state;
	char buf[16];
	assert_int_equal(history_day_of(NOV21, 0), NOV21_DAY);
	assert_int_equal(history_day_of(NOV21 + 23 * HOUR + 30 * MIN, 0), NOV21_DAY);
	/* 23:30 UTC is already tomorrow in CET (+60). */
	assert_int_equal(history_day_of(NOV21 + 23 * HOUR + 30 * MIN, 60), NOV21_DAY + 1);
	/* 00:30 UTC is still yesterday in New York (-300). */
	assert_int_equal(history_day_of(NOV21 + 30 * MIN, -300), NOV21_DAY - 1);
	assert_int_equal(history_day_of(-1, 0), -1);
	history_day_string(NOV21_DAY, buf, sizeof buf);
	assert_string_equal(buf, "2026-11-21");
	history_day_string(0, buf, sizeof buf);
	assert_string_equal(buf, "1970-01-01");
	history_day_string(NOV21_DAY + 41, buf, sizeof buf);
	assert_string_equal(buf, "2027-01-01");
}

typedef struct {
	int rows;
	int disc_total;
	int disc_step2;
	char first_kind[32];
	char last_reason[32];
	double planned_sum;
	uint64_t actual_sum;
	char title[128];
} rows_seen;

static void on_row(const history_row *r, void *user)
{
	rows_seen *s = user;
	if (s->rows++ == 0)
		snprintf(s->first_kind, sizeof s->first_kind, "%s", r->kind);
	snprintf(s->last_reason, sizeof s->last_reason, "%s", r->reason);
	snprintf(s->title, sizeof s->title, "%s", r->session->title);
	s->disc_total += r->discomfort;
	if (r->index == 2)
		s->disc_step2 += r->discomfort;
	s->planned_sum += r->planned_s;
	s->actual_sum += r->actual_ms;
}

/* One completed session: per-target figures, totals, and one row per step. */
static void test_one_session(void **state)
{
	(void)state;
	history *h = new_h(NOV21 + 12 * HOUR, 0);
	rows_seen rs = { 0 };
	history_set_row_callback(h, on_row, &rs);
	jgen g;
	jgen_init(&g, emit_feed, h);
	neck_session(&g, "a", NOV21 + 9 * HOUR, 42000, "advanced", 2, "completed");

	history_totals t;
	history_get_totals(h, &t);
	assert_int_equal(t.sessions, 1);
	assert_int_equal(t.completed, 1);
	assert_int_equal(t.discomfort, 2);
	assert_int_equal(t.bad + t.foreign, 0);
	assert_int_equal(t.events, t.lines);
	assert_int_equal(t.total_ms, 10000 + 42000 + 60000 + 30000);

	const history_session *s = history_session_at(h, 0);
	assert_non_null(s);
	assert_string_equal(s->title, "Neck and tension headache");
	assert_string_equal(s->file, "routines/neck.json");
	assert_true(s->dated);
	assert_false(s->clock_jumped);
	assert_int_equal(s->day, NOV21_DAY);
	assert_int_equal(s->steps_planned, 4);
	assert_int_equal(s->steps_ended, 4);
	assert_int_equal(s->holds, 2); /* transitions and stretches are not holds */
	assert_int_equal(s->outcome, HISTORY_COMPLETED);
	assert_null(history_session_at(h, 1));

	/* Targets: the transition's target is not counted as treated. */
	assert_int_equal(history_target_count(h), 2);
	int ut = history_target_find(h, "upper trapezius");
	assert_int_equal(ut, 0);
	const history_target *tu = history_target_at(h, (size_t)ut);
	assert_int_equal(tu->sessions, 1);
	assert_int_equal(tu->holds, 2);
	assert_int_equal(tu->holds_early, 1);
	assert_int_equal(tu->holds_full, 1);
	assert_int_equal(tu->avg_ms, (42000 + 60000) / 2);
	assert_int_equal(tu->avg_early_ms, 42000);
	assert_int_equal(tu->avg_planned_ms, 60000);
	assert_int_equal(tu->discomfort, 2);
	assert_true(tu->last_ms == NOV21 + 9 * HOUR);
	/* Only stretched: no hold figures, and it does not count as treated. */
	const history_target *tl = history_target_at(h, 1);
	assert_string_equal(tl->name, "levator scapulae");
	assert_int_equal(tl->stretches, 1);
	assert_int_equal(tl->holds, 0);
	assert_int_equal(tl->sessions, 0);
	assert_true(tl->last_ms == INT64_MIN);

	size_t n;
	const history_session_target *st = history_session_targets(h, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(st[0].holds, 2);
	assert_int_equal(st[0].actual_ms, 102000);
	assert_int_equal(st[0].discomfort, 2);

	/* CSV rows: one per step_end, transitions included, discomfort on its step. */
	assert_int_equal(rs.rows, 4);
	assert_string_equal(rs.first_kind, "transition");
	assert_string_equal(rs.last_reason, "elapsed");
	assert_string_equal(rs.title, "Neck and tension headache");
	assert_int_equal(rs.disc_total, 2);
	assert_int_equal(rs.disc_step2, 2);
	assert_true(rs.planned_sum == 160.0);
	assert_int_equal(rs.actual_sum, 142000);
	history_free(h);
}

/* Torn, foreign, blank and glued lines are skipped and counted, never fatal;
 * the figures come out as if they were not there. */
static void test_bad_lines(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	jgen g;
	jgen_init(&g, emit_feed, h);
	feed(h, "");
	feed(h, "   \r");
	assert_int_equal(history_feed_line(h, "not json at all", 15), HISTORY_LINE_BAD);
	assert_int_equal(history_feed_line(h, "[1,2,3]", 7), HISTORY_LINE_FOREIGN);
	assert_int_equal(history_feed_line(h, "{\"hello\":\"world\"}", 17), HISTORY_LINE_FOREIGN);
	assert_int_equal(history_feed_line(h, "{\"event\":\"step_end\"}", 20), HISTORY_LINE_FOREIGN);
	assert_int_equal(history_feed_line(h, "{\"event\":3,\"session\":\"x\"}", 25), HISTORY_LINE_FOREIGN);
	neck_session(&g, "a", NOV21, 60000, "elapsed", 0, NULL);
	/* The crash: a torn step line, then the next run's session_start glued to it. */
	const char *torn = "{\"event\":\"discomfort\",\"t\":\"2026-11-21T09:0";
	assert_int_equal(history_feed_line(h, torn, strlen(torn)), HISTORY_LINE_BAD);
	char glued[1024];
	snprintf(glued, sizeof glued, "{\"event\":\"session_end\",\"t\":\"2026-11-2"
	         "{\"event\":\"session_start\",\"t\":\"2026-11-22T09:00:00.000Z\",\"ms\":0,"
	         "\"session\":\"b\",\"title\":\"Neck and tension headache\",\"file\":\"neck.json\",\"steps\":4}");
	assert_int_equal(history_feed_line(h, glued, strlen(glued)), HISTORY_LINE_BAD);
	/* Trailing garbage after an object is not an event either. */
	feed(h, "{\"event\":\"pause\",\"ms\":1,\"session\":\"b\"} trailing");
	/* The rest of session b (id set by hand: its start line was the glued one). */
	snprintf(g.id, sizeof g.id, "b");
	g.t0_ms = NOV21 + DAY;
	g.ms = 0;
	jgen_step(&g, 1, "transition", "", "", 10, 10000, "elapsed");
	jgen_step(&g, 2, "compression", "upper trapezius", "left", 60, 30000, "advanced");
	jgen_end(&g, "completed");
	/* A line from a future version: an unknown event with extra fields is fine. */
	const char *ext = "{\"event\":\"extend\",\"t\":\"x\",\"ms\":99999,\"session\":\"b\",\"by_s\":15}";
	assert_int_equal(history_feed_line(h, ext, strlen(ext)), HISTORY_LINE_OK);

	history_totals t;
	history_get_totals(h, &t);
	assert_int_equal(t.bad, 4);
	assert_int_equal(t.recovered, 1);
	assert_int_equal(t.foreign, 4);
	assert_int_equal(t.lines, t.events - t.recovered + t.bad + t.foreign);
	assert_int_equal(t.sessions, 2);
	assert_int_equal(t.completed, 1);
	assert_int_equal(t.unfinished, 1); /* session a lost its end in the crash */
	const history_session *b = history_session_at(h, 1);
	assert_string_equal(b->id, "b");
	assert_string_equal(b->title, "Neck and tension headache");
	assert_int_equal(b->day, NOV21_DAY + 1);
	assert_int_equal(b->duration_ms, 99999);
	assert_int_equal(b->pauses, 0);
	const history_target *ut = history_target_at(h, 0);
	assert_int_equal(ut->sessions, 2);
	assert_int_equal(ut->holds_early, 1);
	history_free(h);
}

/* Numbers no int can hold (found by tests/fuzz/fuzz_journal_line.c under
 * UBSan): counted as missing, never cast. */
static void test_huge_numbers(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	feed(h, "{\"event\":\"session_start\",\"t\":\"2026-11-21T09:00:00.000Z\",\"ms\":0,"
	        "\"session\":\"h\",\"title\":\"T\",\"steps\":1e300}");
	feed(h, "{\"event\":\"discomfort\",\"ms\":5,\"session\":\"h\",\"index\":-1e999,"
	        "\"kind\":\"compression\",\"target\":\"calves\"}");
	feed(h, "{\"event\":\"step_end\",\"ms\":9,\"session\":\"h\",\"index\":2.8e95,"
	        "\"kind\":\"compression\",\"target\":\"calves\",\"planned_s\":60,"
	        "\"reason\":\"elapsed\",\"actual_ms\":9}");
	const history_session *s = history_session_at(h, 0);
	assert_non_null(s);
	assert_int_equal(s->steps_planned, 0);
	assert_int_equal(s->steps_ended, 1);
	assert_int_equal(s->discomfort, 1);
	assert_int_equal(history_target_at(h, 0)->holds, 1);
	history_free(h);
}

/* A Pi without a real-time clock: wall time jumps at boot. Sessions stay in
 * file order, durations come from "ms", and bogus dates are clamped. */
static void test_clock_jumps(void **state)
{
	(void)state;
	int64_t now = NOV21 + 20 * HOUR;
	history *h = new_h(now, 0);
	jgen g;
	jgen_init(&g, emit_feed, h);
	/* 0: booted without a clock, before any dated session: undated. */
	neck_session(&g, "s0", 5000, 60000, "elapsed", 0, "completed");
	/* 1: a good clock, two days ago. */
	neck_session(&g, "s1", NOV21 - 2 * DAY + 9 * HOUR, 60000, "elapsed", 0, "completed");
	/* 2: 1970 again after a reboot: dated at session 1's time. */
	neck_session(&g, "s2", 1000, 50000, "advanced", 1, "completed");
	/* 3: clock restored to an older saved time (before session 1). */
	neck_session(&g, "s3", NOV21 - 3 * DAY, 60000, "elapsed", 0, "completed");
	/* 4: the clock jumps mid-session: t of later lines is ignored, ms counts. */
	jgen_start(&g, "s4", NOV21 + 8 * HOUR, "Neck and tension headache", "routines/neck.json", 4);
	g.t0_ms = 0; /* later lines say 1970 */
	jgen_step(&g, 1, "transition", "", "", 10, 10000, "elapsed");
	jgen_step(&g, 2, "compression", "upper trapezius", "left", 60, 45000, "advanced");
	jgen_end(&g, "completed");
	/* 5: a clock far in the future (bogus): clamped to session 4's time. */
	neck_session(&g, "s5", now + 400 * DAY, 60000, "elapsed", 0, "abandoned");

	history_totals t;
	history_get_totals(h, &t);
	assert_int_equal(t.sessions, 6);
	assert_int_equal(t.undated, 1);
	assert_int_equal(t.clock_jumps, 4);

	const history_session *s0 = history_session_at(h, 0);
	assert_false(s0->dated);
	assert_true(s0->clock_jumped);
	assert_int_equal(s0->day, HISTORY_NO_DAY);
	assert_int_equal(s0->duration_ms, 160000);
	const history_session *s2 = history_session_at(h, 2);
	assert_true(s2->dated && s2->clock_jumped);
	assert_int_equal(s2->day, NOV21_DAY - 2);
	assert_true(s2->when_ms == NOV21 - 2 * DAY + 9 * HOUR);
	assert_true(s2->t_ms == 1000);
	assert_int_equal(history_session_at(h, 3)->day, NOV21_DAY - 2);
	const history_session *s4 = history_session_at(h, 4);
	assert_false(s4->clock_jumped);
	assert_int_equal(s4->day, NOV21_DAY);
	assert_int_equal(s4->duration_ms, 55000);
	const history_session *s5 = history_session_at(h, 5);
	assert_true(s5->clock_jumped);
	assert_int_equal(s5->day, NOV21_DAY);

	/* Per day: the undated session is nowhere; three on day -2, two today. */
	history_day d[4];
	history_days(h, NOV21_DAY - 3, 4, d);
	assert_int_equal(d[0].sessions, 0);
	assert_int_equal(d[1].sessions, 3);
	assert_int_equal(d[1].completed, 3);
	assert_int_equal(d[1].discomfort, 1);
	assert_int_equal(d[2].sessions, 0);
	assert_int_equal(d[3].sessions, 2);
	assert_int_equal(d[3].completed, 1);
	assert_int_equal(d[3].day, NOV21_DAY);
	/* Every session counts toward the course, dated or not. */
	assert_int_equal(history_course_count(h, "upper trapezius"), 6);
	/* Today's session (8:00) is 12 h before now: recent within 24 h. */
	int64_t when = 0;
	assert_true(history_recently_treated(h, "upper trapezius", now, 24, &when));
	assert_true(when == NOV21 + 8 * HOUR);
	history_free(h);
}

/* Streak: consecutive days with a completed session up to today. */
static void test_streak(void **state)
{
	(void)state;
	history *h = new_h(0, 60);
	jgen g;
	jgen_init(&g, emit_feed, h);
	assert_int_equal(history_streak(h, NOV21_DAY), 0);
	/* Days -6 (completed), -4 abandoned only, -3, -2 twice, -1 (23:30 UTC =
	 * 00:30 CET on day 0... so it is today's), then today. */
	neck_session(&g, "a", NOV21 - 6 * DAY + 9 * HOUR, 60000, "elapsed", 0, "completed");
	neck_session(&g, "b", NOV21 - 4 * DAY + 9 * HOUR, 60000, "elapsed", 0, "abandoned");
	neck_session(&g, "c", NOV21 - 3 * DAY + 9 * HOUR, 60000, "elapsed", 0, "completed");
	neck_session(&g, "d", NOV21 - 2 * DAY + 9 * HOUR, 60000, "elapsed", 0, "completed");
	neck_session(&g, "e", NOV21 - 2 * DAY + 18 * HOUR, 60000, "elapsed", 0, "completed");
	neck_session(&g, "f", NOV21 - 1 * DAY + 9 * HOUR, 60000, "elapsed", 0, "completed");
	/* Today not done yet: the streak runs to yesterday (-3, -2, -1). */
	assert_int_equal(history_streak(h, NOV21_DAY), 3);
	/* Seen from the day after tomorrow it is broken. */
	assert_int_equal(history_streak(h, NOV21_DAY + 1), 0);
	/* Seen from day -4 (only an abandoned one that day): runs to day -5: 0. */
	assert_int_equal(history_streak(h, NOV21_DAY - 4), 0);
	assert_int_equal(history_streak(h, NOV21_DAY - 5), 1);
	/* 23:30 UTC on day -1 is 00:30 on day 0 in CET: it makes today count. */
	neck_session(&g, "g", NOV21 - 1 * DAY + 23 * HOUR + 30 * MIN, 60000, "elapsed", 0, "completed");
	assert_int_equal(history_streak(h, NOV21_DAY), 4);
	int n, c;
	history_today(h, NOV21_DAY, &n, &c);
	assert_int_equal(n, 1);
	assert_int_equal(c, 1);
	neck_session(&g, "h", NOV21 + 10 * HOUR, 20000, "advanced", 0, "abandoned");
	neck_session(&g, "i", NOV21 + 11 * HOUR, 20000, "advanced", 0, NULL);
	history_today(h, NOV21_DAY, &n, &c);
	assert_int_equal(n, 3);
	assert_int_equal(c, 1);
	history_today(h, NOV21_DAY - 2, &n, &c);
	assert_int_equal(n, 2);
	assert_int_equal(c, 2);
	history_totals t;
	history_get_totals(h, &t);
	assert_int_equal(t.completed, 6);
	assert_int_equal(t.abandoned, 2);
	assert_int_equal(t.unfinished, 1);
	history_free(h);
}

/* Abandoned steps do not pull the averages down. */
static void test_abandoned(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	jgen g;
	jgen_init(&g, emit_feed, h);
	jgen_start(&g, "a", NOV21, "Low back", "low-back.json", 6);
	jgen_step(&g, 1, "transition", "", "", 10, 10000, "elapsed");
	jgen_step(&g, 2, "compression", "gluteus medius", "left", 60, 60000, "elapsed");
	jgen_pause(&g, 120000);
	jgen_step(&g, 3, "compression", "gluteus medius", "right", 60, 5000, "abandoned");
	jgen_end(&g, "abandoned");
	const history_target *t = history_target_at(h, 0);
	assert_int_equal(t->holds, 2);
	assert_int_equal(t->holds_abandoned, 1);
	assert_int_equal(t->holds_full, 1);
	assert_int_equal(t->avg_ms, 60000);
	const history_session *s = history_session_at(h, 0);
	assert_int_equal(s->outcome, HISTORY_ABANDONED);
	assert_int_equal(s->pauses, 1);
	assert_int_equal(s->duration_ms, 10000 + 60000 + 120000 + 5000);
	history_free(h);
}

/* Going back: the step left for the previous one is done again, so it is
 * neither an early release nor a full hold; rolling counts as a hold. */
static void test_previous_and_rolling(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	rows_seen rs = { 0 };
	history_set_row_callback(h, on_row, &rs);
	jgen g;
	jgen_init(&g, emit_feed, h);
	jgen_start(&g, "a", NOV21, "Legs", "legs.json", 3);
	jgen_step(&g, 1, "rolling", "calves", "left", 60, 60000, "elapsed");
	g.ms += 3000;
	jgen_line(&g, "step_end", "\"index\":2,\"kind\":\"rolling\",\"target\":\"calves\","
	          "\"side\":\"right\",\"reason\":\"advanced\",\"planned_s\":60,\"actual_ms\":3000,\"previous\":true");
	jgen_step(&g, 1, "rolling", "calves", "left", 60, 50000, "advanced");
	jgen_step(&g, 2, "rolling", "calves", "right", 60, 60000, "elapsed");
	jgen_step(&g, 3, "rest", "calves", "", 30, 30000, "elapsed");
	jgen_end(&g, "completed");
	const history_target *t = history_target_at(h, 0);
	assert_int_equal(t->holds, 3);
	assert_int_equal(t->holds_early, 1);
	assert_int_equal(t->holds_full, 2);
	assert_int_equal(t->avg_early_ms, 50000);
	assert_int_equal(t->sessions, 1);
	assert_int_equal(rs.rows, 5); /* every step_end is a CSV row */
	history_free(h);
}

/* The summary's comparison with the previous session of the same routine. */
static void test_compare(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	jgen g;
	jgen_init(&g, emit_feed, h);
	char text[256];
	history_compare c;
	neck_session(&g, "a", NOV21 - 2 * DAY, 54000, "advanced", 2, "completed");
	assert_int_equal(history_compare_session(h, 0, &c), -1);
	/* Another routine in between is not compared with. */
	jgen_start(&g, "x", NOV21 - DAY, "Foot", "foot.json", 2);
	jgen_step(&g, 1, "compression", "upper trapezius", "left", 60, 1000, "advanced");
	jgen_end(&g, "completed");
	/* Same routine from another folder: the file's base name matches. */
	jgen_start(&g, "b", NOV21, "Neck (edited title)", "/usr/share/unknot/routines/neck.json", 4);
	jgen_disc(&g, 2, "compression", "upper trapezius", "left", 3000);
	jgen_step(&g, 2, "compression", "upper trapezius", "left", 60, 42000, "advanced");
	jgen_step(&g, 3, "compression", "upper trapezius", "right", 60, 60000, "elapsed");
	jgen_step(&g, 4, "stretch", "levator scapulae", "", 30, 30000, "elapsed");
	jgen_end(&g, "completed");

	assert_int_equal(history_compare_session(h, 2, &c), 0);
	assert_int_equal(c.previous, 0);
	assert_int_equal(c.ndiffs, 1); /* the levator scapulae was only stretched */
	assert_string_equal(c.diffs[0].target, "upper trapezius");
	assert_true(c.diffs[0].actual_diff_ms == -12000);
	assert_int_equal(c.diffs[0].discomfort_diff, -1);
	assert_int_equal(c.discomfort_diff, -1);
	int n = history_compare_text(&c, text, sizeof text);
	assert_string_equal(text, "ended the upper trapezius hold 12 s earlier, 1 discomfort fewer");
	assert_int_equal(n, (int)strlen(text));
	/* Truncation is snprintf-like. */
	char small[10];
	assert_int_equal(history_compare_text(&c, small, sizeof small), n);
	assert_string_equal(small, "ended the");

	assert_int_equal(history_compare_last(h, "Neck and tension headache", "neck.json", &c), 0);
	assert_int_equal(c.session, 2);
	assert_int_equal(history_compare_last(h, "Foot", "foot.json", &c), -1);
	assert_int_equal(history_compare_last(h, "Nothing", "", &c), -1);

	/* Longer holds and more discomfort. */
	neck_session(&g, "c", NOV21 + HOUR, 60000, "elapsed", 3, "completed");
	assert_int_equal(history_compare_session(h, 3, &c), 0);
	history_compare_text(&c, text, sizeof text);
	assert_string_equal(text, "held the upper trapezius 18 s longer, 2 discomforts more");
	/* Nothing changed. */
	neck_session(&g, "d", NOV21 + 2 * HOUR, 60000, "elapsed", 3, "completed");
	assert_int_equal(history_compare_session(h, 4, &c), 0);
	history_compare_text(&c, text, sizeof text);
	assert_string_equal(text, "same as last time");
	history_free(h);
}

/* Over-treatment guard and course of treatment. */
static void test_guards(void **state)
{
	(void)state;
	int64_t now = NOV21 + 12 * HOUR;
	history *h = new_h(now, 0);
	jgen g;
	jgen_init(&g, emit_feed, h);
	neck_session(&g, "a", now - 30 * HOUR, 60000, "elapsed", 0, "completed");
	int64_t when = 0;
	assert_false(history_recently_treated(h, "upper trapezius", now, 24, &when));
	assert_true(history_recently_treated(h, "upper trapezius", now, 36, &when));
	assert_true(when == now - 30 * HOUR);
	assert_false(history_recently_treated(h, "piriformis", now, 24, NULL));
	/* A transition toward a target does not count as treating it. */
	jgen_start(&g, "b", now - 2 * HOUR, "Hip", "hip.json", 2);
	jgen_step(&g, 1, "transition", "piriformis", "left", 10, 10000, "elapsed");
	jgen_end(&g, "abandoned");
	assert_false(history_recently_treated(h, "piriformis", now, 24, NULL));
	assert_int_equal(history_course_count(h, "piriformis"), 0);
	neck_session(&g, "c", now - 2 * HOUR, 60000, "elapsed", 0, "completed");
	assert_true(history_recently_treated(h, "upper trapezius", now, 24, &when));
	assert_true(when == now - 2 * HOUR);
	/* A stretch is not a treatment the guard warns about. */
	assert_false(history_recently_treated(h, "levator scapulae", now, 24, NULL));
	assert_int_equal(history_course_count(h, "upper trapezius"), 2);
	assert_int_equal(history_course_count(h, "nothing"), 0);
	history_free(h);
}

/* Soreness check-ins, asked before the session starts, belong to it. */
static void test_checkins(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	jgen g;
	jgen_init(&g, emit_feed, h);
	neck_session(&g, "a", NOV21 - DAY, 60000, "elapsed", 0, "completed");
	snprintf(g.id, sizeof g.id, "b");
	g.t0_ms = NOV21;
	g.ms = 0;
	jgen_checkin(&g, "sore", "upper trapezius");
	neck_session(&g, "b", NOV21, 60000, "elapsed", 0, "completed");
	jgen_checkin(&g, "fine", "levator scapulae");
	feed(h, "{\"event\":\"checkin\",\"answer\":\"maybe\",\"session\":\"b\",\"ms\":0}");
	history_totals t;
	history_get_totals(h, &t);
	assert_int_equal(t.sessions, 2);
	assert_int_equal(t.checkins_sore, 1);
	assert_int_equal(t.checkins_fine, 1);
	const history_session *b = history_session_at(h, 1);
	assert_string_equal(b->title, "Neck and tension headache");
	assert_int_equal(b->checkin, HISTORY_CHECKIN_FINE);
	assert_int_equal(history_session_at(h, 0)->checkin, HISTORY_CHECKIN_NONE);
	assert_int_equal(history_target_at(h, history_target_find(h, "upper trapezius"))->checkins_sore, 1);
	assert_int_equal(history_target_at(h, history_target_find(h, "levator scapulae"))->checkins_fine, 1);
	history_free(h);
}

/* Issue 18: the check-in's complaint answer (one "checkin" line with both
 * answers) belongs to the session, and a target's answers come back oldest
 * first for complaint_advise(). */
static void test_checkin_complaint(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	const char *answers[] = { "better", "same", "nonsense", "worse" };
	char line[400];
	for (int i = 0; i < 4; i++) {
		snprintf(line, sizeof line, "{\"event\":\"session_start\",\"session\":\"s%d\",\"ms\":0,"
		         "\"t\":\"2026-11-1%dT10:00:00.000Z\",\"title\":\"Neck\",\"file\":\"neck.json\",\"steps\":3}", i, i + 1);
		feed(h, line);
		snprintf(line, sizeof line, "{\"event\":\"checkin\",\"session\":\"s%d\",\"ms\":5,"
		         "\"answer\":\"sore\",\"target\":\"upper trapezius\",\"complaint\":\"%s\"}", i, answers[i]);
		feed(h, line);
	}
	feed(h, "{\"event\":\"checkin\",\"session\":\"s3\",\"ms\":6,\"answer\":\"fine\",\"target\":\"levator scapulae\"}");
	assert_int_equal(history_session_count(h), 4);
	assert_int_equal(history_session_at(h, 0)->complaint, COMPLAINT_BETTER);
	assert_int_equal(history_session_at(h, 1)->complaint, COMPLAINT_SAME);
	assert_int_equal(history_session_at(h, 2)->complaint, COMPLAINT_NONE);
	complaint_trend t[8];
	size_t n = history_target_complaints(h, "upper trapezius", t, 8);
	assert_int_equal(n, 3);
	assert_int_equal(t[0], COMPLAINT_BETTER);
	assert_int_equal(t[1], COMPLAINT_SAME);
	assert_int_equal(t[2], COMPLAINT_WORSE);
	assert_int_equal(history_target_complaints(h, "upper trapezius", t, 2), 2);
	assert_int_equal(t[0], COMPLAINT_SAME); /* the newest two */
	assert_int_equal(history_target_complaints(h, "levator scapulae", t, 8), 0);
	assert_int_equal(history_target_complaints(h, "nothing", t, 8), 0);
	history_free(h);
}

/* What cJSON says of a line: the reference the fast path must agree with. */
static history_line reference_class(const char *line, size_t len)
{
	const char *end = NULL;
	cJSON *o = cJSON_ParseWithLengthOpts(line, len, &end, 0);
	if (!o)
		return HISTORY_LINE_BAD;
	for (; end < line + len; end++) {
		if (*end != ' ' && *end != '\t' && *end != '\r' && *end != '\n') {
			cJSON_Delete(o);
			return HISTORY_LINE_BAD;
		}
	}
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "event");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "session");
	bool ok = cJSON_IsObject(o) && cJSON_IsString(ev) && ev->valuestring[0] &&
	          ((cJSON_IsString(id) && id->valuestring[0]) || cJSON_IsNumber(id));
	cJSON_Delete(o);
	return ok ? HISTORY_LINE_OK : HISTORY_LINE_FOREIGN;
}

/* The line reader takes a fast path for flat objects and falls back to cJSON
 * for anything else: both give the same figures, and every truncated or
 * mangled line is classified exactly as cJSON would. */
static void test_parse_paths(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	/* Escapes (fast path) and \u escapes (cJSON path) in strings. */
	feed(h, "{\"event\":\"session_start\",\"t\":\"2026-11-21T09:00:00.000Z\",\"ms\":0,"
	        "\"session\":\"a\",\"title\":\"Neck \\\"quick\\\"\\tone\",\"file\":\"n.json\",\"steps\":2}");
	assert_string_equal(history_session_at(h, 0)->title, "Neck \"quick\"\tone");
	feed(h, "{\"event\":\"session_start\",\"t\":\"2026-11-21T10:00:00.000Z\",\"ms\":0,"
	        "\"session\":\"b\",\"title\":\"Caf\\u00e9 routine\",\"file\":\"c.json\",\"steps\":2}");
	assert_string_equal(history_session_at(h, 1)->title, "Caf\xC3\xA9 routine");
	/* Exponents and nested extra members (cJSON path) count the same. */
	feed(h, "{\"event\":\"step_end\",\"t\":\"x\",\"ms\":45000,\"session\":\"b\",\"index\":1,"
	        "\"kind\":\"compression\",\"target\":\"calves\",\"side\":null,\"reason\":\"advanced\","
	        "\"planned_s\":6e1,\"actual_ms\":4.5e4,\"extra\":{\"nested\":[1,2]}}");
	feed(h, "{ \"event\" : \"step_end\" , \"t\":\"x\", \"ms\":90000.0, \"session\":\"b\", \"index\":2,"
	        " \"kind\":\"compression\", \"target\":\"calves\", \"side\":\"left\", \"reason\":\"elapsed\","
	        " \"planned_s\":60, \"actual_ms\":45000.5, \"previous\":false }  \r");
	const history_target *t = history_target_at(h, 0);
	assert_int_equal(t->holds_early, 1);
	assert_int_equal(t->holds_full, 1);
	assert_int_equal(t->avg_planned_ms, 60000);
	assert_int_equal(t->early_ms, 45000);
	assert_int_equal(t->full_ms, 45001);
	assert_int_equal(history_session_at(h, 1)->duration_ms, 90000);
	history_free(h);

	/* Every cut and a set of one-byte changes of a real line. */
	const char *good = "{\"event\":\"step_end\",\"t\":\"2026-11-21T09:30:00.123Z\",\"ms\":1234,"
	                   "\"session\":\"s-1\",\"index\":2,\"kind\":\"compression\",\"target\":\"upper trapezius\","
	                   "\"side\":\"left\",\"tool\":null,\"reason\":\"advanced\",\"planned_s\":60,"
	                   "\"actual_ms\":42000,\"previous\":true,\"note\":\"a\\\\b\"}";
	size_t n = strlen(good);
	char buf[512];
	const char subst[] = "\"}{[],: x\\0-.e\t";
	int checked = 0;
	for (size_t k = 0; k <= n; k++) {
		history *c = history_new(NULL);
		assert_int_equal(history_feed_line(c, good, k) == HISTORY_LINE_OK, k == n);
		history_free(c);
		for (size_t j = 0; k < n && j < sizeof subst - 1; j++) {
			memcpy(buf, good, n);
			buf[k] = subst[j];
			c = history_new(NULL);
			history_line got = history_feed_line(c, buf, n);
			history_line want = reference_class(buf, n);
			if (got != want)
				fail_msg("byte %zu -> '%c': got %d, cJSON says %d: %.*s", k, subst[j], got, want, (int)n, buf);
			history_free(c);
			checked++;
		}
	}
	assert_true(checked > 3000);
}

/* Two sessions' lines interleaved (two processes on one journal) are told apart by id. */
static void test_interleaved(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	jgen a, b;
	jgen_init(&a, emit_feed, h);
	jgen_init(&b, emit_feed, h);
	jgen_start(&a, "a", NOV21, "Neck", "neck.json", 2);
	jgen_start(&b, "b", NOV21, "Foot", "foot.json", 2);
	jgen_step(&a, 1, "compression", "upper trapezius", "left", 60, 40000, "advanced");
	jgen_step(&b, 1, "rolling", "plantar fascia", "left", 60, 60000, "elapsed");
	jgen_end(&b, "completed");
	jgen_disc(&a, 2, "compression", "upper trapezius", "right", 100);
	jgen_step(&a, 2, "compression", "upper trapezius", "right", 60, 20000, "advanced");
	jgen_end(&a, "abandoned");
	assert_int_equal(history_session_count(h), 2);
	const history_session *sa = history_session_at(h, 0), *sb = history_session_at(h, 1);
	assert_int_equal(sa->holds, 2);
	assert_int_equal(sa->discomfort, 1);
	assert_int_equal(sa->outcome, HISTORY_ABANDONED);
	assert_int_equal(sb->holds, 1);
	assert_int_equal(sb->outcome, HISTORY_COMPLETED);
	assert_int_equal(history_target_at(h, 0)->avg_early_ms, 30000);
	history_free(h);
}

/* Many distinct muscles and many sessions (issue 16: both are found through a
 * hash index now): every figure lands on the right muscle and session. */
static void test_many_targets_and_sessions(void **state)
{
	(void)state;
	enum { SESSIONS = 500, PER = 40 };
	history *h = new_h(0, 0);
	jgen g;
	jgen_init(&g, emit_feed, h);
	char id[32], name[64];
	for (int i = 0; i < SESSIONS; i++) {
		snprintf(id, sizeof id, "s%d", i);
		jgen_start(&g, id, NOV21 + i * HOUR, "Many", "many.json", PER);
		for (int s = 1; s <= PER; s++) {
			/* Half the muscles are new in each session, half were in the one before. */
			int m = i * (PER / 2) + s - 1;
			snprintf(name, sizeof name, "muscle %d", m);
			jgen_step(&g, s, "compression", name, "left", 60, 1000 * (uint64_t)(s + 1), "advanced");
		}
		jgen_end(&g, "completed");
	}
	size_t want = (SESSIONS - 1) * (PER / 2) + PER;
	assert_int_equal(history_target_count(h), want);
	assert_int_equal(history_session_count(h), SESSIONS);
	for (size_t m = 0; m < want; m++) {
		snprintf(name, sizeof name, "muscle %zu", m);
		int ti = history_target_find(h, name);
		assert_int_equal(ti, (int)m); /* in order of first appearance */
		/* The first PER/2 and last PER/2 are in one session, the others in two. */
		int sessions = m < PER / 2 || m >= want - PER / 2 ? 1 : 2;
		assert_int_equal(history_course_count(h, name), sessions);
		assert_int_equal(history_target_at(h, m)->holds, sessions);
	}
	assert_int_equal(history_target_find(h, "muscle -1"), -1);
	assert_int_equal(history_course_count(h, "muscle 999999"), 0);
	/* Session 7's per-muscle figures, found by muscle. */
	size_t n;
	const history_session_target *tg = history_session_targets(h, 7, &n);
	assert_int_equal(n, PER);
	for (int s = 1; s <= PER; s++) {
		snprintf(name, sizeof name, "muscle %d", 7 * (PER / 2) + s - 1);
		const history_session_target *e = history_session_target_of(h, 7, history_target_find(h, name));
		assert_ptr_equal(e, &tg[s - 1]);
		assert_int_equal(e->actual_ms, 1000 * (s + 1));
	}
	assert_null(history_session_target_of(h, 7, 0));  /* muscle 0 was only in session 0 */
	assert_null(history_session_target_of(h, 7, -1));
	assert_null(history_session_target_of(h, SESSIONS, 0));
	/* The comparison pairs the muscles the two sessions share. */
	history_compare c;
	assert_int_equal(history_compare_session(h, 8, &c), 0);
	assert_int_equal(c.previous, 7);
	assert_int_equal(c.ndiffs, PER / 2 < HISTORY_MAX_DIFFS ? PER / 2 : HISTORY_MAX_DIFFS);
	snprintf(name, sizeof name, "muscle %d", 8 * (PER / 2));
	assert_string_equal(c.diffs[0].target, name);
	/* Held at step s in session 8 and at step s + PER/2 in session 7. */
	assert_int_equal(c.diffs[0].actual_diff_ms, -1000 * (PER / 2));
	history_free(h);
}

/* A session id used again later (a reset clock counter): lines go to the
 * latest session with that id, the earlier one keeps its figures. */
static void test_reused_ids(void **state)
{
	(void)state;
	history *h = new_h(0, 0);
	jgen a, b;
	jgen_init(&a, emit_feed, h);
	jgen_init(&b, emit_feed, h);
	jgen_start(&a, "x", NOV21, "Neck", "neck.json", 2);
	jgen_step(&a, 1, "compression", "upper trapezius", "left", 60, 40000, "advanced");
	jgen_end(&a, "completed");
	jgen_start(&b, "y", NOV21 + HOUR, "Foot", "foot.json", 2);
	jgen_start(&a, "x", NOV21 + 2 * HOUR, "Neck", "neck.json", 2);
	jgen_step(&b, 1, "rolling", "plantar fascia", "left", 60, 60000, "elapsed");
	jgen_step(&a, 1, "compression", "upper trapezius", "left", 60, 20000, "advanced");
	jgen_disc(&a, 2, "compression", "upper trapezius", "right", 100);
	jgen_end(&a, "abandoned");
	jgen_end(&b, "completed");
	assert_int_equal(history_session_count(h), 3);
	const history_session *x1 = history_session_at(h, 0), *y = history_session_at(h, 1),
	                      *x2 = history_session_at(h, 2);
	assert_string_equal(x1->id, "x");
	assert_string_equal(x2->id, "x");
	assert_int_equal(x1->outcome, HISTORY_COMPLETED);
	assert_int_equal(x1->discomfort, 0);
	assert_int_equal(x2->outcome, HISTORY_ABANDONED);
	assert_int_equal(x2->discomfort, 1);
	assert_int_equal(x2->holds, 1);
	assert_int_equal(y->holds, 1);
	assert_int_equal(y->outcome, HISTORY_COMPLETED);
	history_compare c;
	assert_int_equal(history_compare_session(h, 2, &c), 0);
	assert_int_equal(c.previous, 0);
	assert_int_equal(c.diffs[0].actual_diff_ms, -20000);
	history_free(h);
}

static void test_free_null(void **state)
{
	(void)state;
	history_free(NULL);
	history *h = history_new(NULL);
	assert_non_null(h);
	assert_int_equal(history_session_count(h), 0);
	assert_int_equal(history_target_count(h), 0);
	size_t n = 9;
	assert_null(history_session_targets(h, 0, &n));
	assert_int_equal(n, 0);
	history_compare c;
	assert_int_equal(history_compare_session(h, 0, &c), -1);
	history_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_one_session),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_huge_numbers),
		cmocka_unit_test(test_clock_jumps),
		cmocka_unit_test(test_streak),
		cmocka_unit_test(test_abandoned),
		cmocka_unit_test(test_previous_and_rolling),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_guards),
		cmocka_unit_test(test_checkins),
		cmocka_unit_test(test_checkin_complaint),
		cmocka_unit_test(test_interleaved),
		cmocka_unit_test(test_many_targets_and_sessions),
		cmocka_unit_test(test_reused_ids),
		cmocka_unit_test(test_parse_paths),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
