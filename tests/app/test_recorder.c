/* The recorder: session events to journal lines, ids, stamps, extra events. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/recorder.h"

static const char routine_json[] =
	"{\"format\":1,\"title\":\"Rec\",\"steps\":["
	"{\"kind\":\"stretch\",\"target\":\"calves\",\"duration_s\":10}]}";

static char dir[128];

static int setup(void **st)
{
	(void)st;
	snprintf(dir, sizeof dir, "/tmp/unknot-test-recorder-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The journal's lines as cJSON objects (array). Caller frees. */
static cJSON *read_lines(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	cJSON *arr = cJSON_CreateArray();
	char line[2048];
	while (fgets(line, sizeof line, f)) {
		cJSON *o = cJSON_Parse(line);
		assert_non_null(o);
		cJSON_AddItemToArray(arr, o);
	}
	fclose(f);
	return arr;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static int count_events;
static void each(const session_event *ev, void *data)
{
	(void)ev;
	(void)data;
	count_events++;
}

static void test_session_lines(void **st)
{
	(void)st;
	char path[256];
	snprintf(path, sizeof path, "%s/state/journal.jsonl", dir);
	routine *r = routine_parse("rec.json", routine_json, strlen(routine_json), NULL);
	assert_non_null(r);
	/* wall 2026-11-21T09:30:00.000Z pairs with monotonic 5000 */
	recorder *rec = recorder_new(path, "anna", 1795253400000ULL, 5000);
	assert_non_null(rec);
	assert_string_equal(recorder_session_id(rec), "");
	session *s = session_new(r);
	session_start(s, 6000);
	count_events = 0;
	recorder_drain(rec, s, each, NULL);
	assert_true(count_events >= 3); /* cues are handed over too */
	char id[64];
	snprintf(id, sizeof id, "%s", recorder_session_id(rec));
	assert_int_equal(strlen(id), 23); /* 20261121T093001Z-xxxxxx */
	assert_memory_equal(id, "20261121T093001Z-", 17);
	session_tick(s, 20000); /* the step elapses at 16000, processed late */
	recorder_drain(rec, s, NULL, NULL);
	assert_int_equal(recorder_extra(rec, 21000, "checkin", "{\"answer\":\"sore\"}"), 0);
	assert_int_equal(recorder_extra(rec, 21000, "checkin", "not json"), -1);
	assert_int_equal(recorder_extra(rec, 22000, "note", NULL), 0);
	assert_false(recorder_failed(rec));
	/* issue 19, decided per kind: session_start, session_end and the
	 * extras are fsync'd; step_start and step_end are not (at a step
	 * boundary the fsync would delay the cue on the main loop) */
	assert_int_equal(recorder_syncs(rec), 4);

	cJSON *l = read_lines(path);
	assert_int_equal(cJSON_GetArraySize(l), 6);
	const char *events[] = { "session_start", "step_start", "step_end", "session_end", "checkin", "note" };
	const double ms[] = { 0, 0, 10000, 10000, 15000, 16000 };
	for (int i = 0; i < 6; i++) {
		cJSON *o = cJSON_GetArrayItem(l, i);
		assert_string_equal(str(o, "event"), events[i]);
		assert_string_equal(str(o, "session"), id);
		assert_true(num(o, "seq") == i + 1);
		assert_true(num(o, "ms") == ms[i]);
	}
	cJSON *first = cJSON_GetArrayItem(l, 0), *end = cJSON_GetArrayItem(l, 2);
	assert_string_equal(str(first, "t"), "2026-11-21T09:30:01.000Z");
	assert_string_equal(str(first, "profile"), "anna");
	/* the wall time is when it happened, not when it was processed */
	assert_string_equal(str(end, "t"), "2026-11-21T09:30:11.000Z");
	assert_string_equal(str(end, "reason"), "elapsed");
	assert_string_equal(str(cJSON_GetArrayItem(l, 4), "answer"), "sore");
	cJSON_Delete(l);

	/* a second session: new id, seq from 1 again; the wall clock was set
	 * 3 days on meanwhile (recorder_set_epoch, as the app does at each start) */
	session_free(s);
	s = session_new(r);
	recorder_set_epoch(rec, 1795253400000ULL + 3 * 86400000ULL, 100000);
	session_start(s, 100000);
	session_abandon(s, 101000);
	recorder_drain(rec, s, NULL, NULL);
	assert_string_not_equal(recorder_session_id(rec), id);
	l = read_lines(path);
	assert_int_equal(cJSON_GetArraySize(l), 10);
	cJSON *o = cJSON_GetArrayItem(l, 6);
	assert_string_equal(str(o, "event"), "session_start");
	assert_true(num(o, "seq") == 1 && num(o, "ms") == 0);
	assert_string_equal(str(o, "t"), "2026-11-24T09:30:00.000Z");
	o = cJSON_GetArrayItem(l, 9);
	assert_string_equal(str(o, "outcome"), "abandoned");
	assert_true(num(o, "seq") == 4 && num(o, "ms") == 1000);
	cJSON_Delete(l);
	session_free(s);
	recorder_free(rec);
	recorder_free(NULL);
	routine_free(r);
}

/* The fsync session_start is owed waits for recorder_settle(), which the
 * app runs once the cues of the same events are handed over: the line is in
 * the file at once, durable one settle later, and one fsync covers all the
 * events owed one. */
static void test_settle_after_the_cues(void **st)
{
	(void)st;
	char path[256];
	snprintf(path, sizeof path, "%s/state/settle.jsonl", dir);
	routine *r = routine_parse("rec.json", routine_json, strlen(routine_json), NULL);
	recorder *rec = recorder_new(path, NULL, 1795253400000ULL, 5000);
	assert_non_null(rec);
	session *s = session_new(r);
	session_start(s, 6000);
	session_event ev;
	int cues = 0, lines = 0;
	while (session_next_event(s, &ev)) {
		assert_int_equal(recorder_event(rec, s, &ev), 0);
		cues += ev.type == SESSION_EV_CUE;
		lines += ev.type != SESSION_EV_CUE;
	}
	assert_true(cues >= 1 && lines >= 2);
	assert_int_equal(recorder_syncs(rec), 0);        /* not yet: the cue first */
	cJSON *l = read_lines(path);
	assert_int_equal(cJSON_GetArraySize(l), lines);  /* but written */
	cJSON_Delete(l);
	assert_int_equal(recorder_settle(rec), 0);
	assert_int_equal(recorder_syncs(rec), 1);
	assert_int_equal(recorder_settle(rec), 0);
	assert_int_equal(recorder_syncs(rec), 1);        /* nothing owed any more */
	session_tick(s, 60000);                          /* step_end (not owed), session_end */
	while (session_next_event(s, &ev))
		assert_int_equal(recorder_event(rec, s, &ev), 0);
	assert_int_equal(recorder_settle(rec), 0);
	assert_int_equal(recorder_syncs(rec), 2);
	session_free(s);
	routine_free(r);
	recorder_free(rec);
}

static void test_unwritable_goes_on(void **st)
{
	(void)st;
	char path[256];
	snprintf(path, sizeof path, "%s/plainfile", dir);
	FILE *f = fopen(path, "wb");
	fclose(f);
	snprintf(path, sizeof path, "%s/plainfile/journal.jsonl", dir);
	routine *r = routine_parse("rec.json", routine_json, strlen(routine_json), NULL);
	recorder *rec = recorder_new(path, NULL, 0, 0);
	assert_non_null(rec);
	assert_true(recorder_failed(rec));
	assert_non_null(strstr(recorder_error(rec), "this session is not being recorded"));
	session *s = session_new(r);
	session_start(s, 0);
	session_event ev;
	assert_true(session_next_event(s, &ev));
	assert_int_equal(recorder_event(rec, s, &ev), -1);
	/* the session itself is unaffected */
	session_tick(s, 10000);
	recorder_drain(rec, s, NULL, NULL);
	assert_int_equal(session_get_state(s), SESSION_FINISHED);
	session_free(s);
	recorder_free(rec);
	routine_free(r);
}

/* The journal deleted mid-session: the new file has the session whole, seq
 * 1..n, and no line of the session before it. */
static void test_deleted_midsession(void **st)
{
	(void)st;
	char path[256];
	snprintf(path, sizeof path, "%s/del.jsonl", dir);
	routine *r = routine_parse("rec.json", routine_json, strlen(routine_json), NULL);
	recorder *rec = recorder_new(path, NULL, 1795253400000ULL, 0);
	session *s = session_new(r);
	session_start(s, 0);
	session_tick(s, 10000);
	recorder_drain(rec, s, NULL, NULL); /* a whole first session */
	session_free(s);
	s = session_new(r);
	session_start(s, 20000);
	recorder_drain(rec, s, NULL, NULL); /* session_start, step_start */
	assert_int_equal(unlink(path), 0);
	session_pause(s, 22000);
	session_resume(s, 23000);
	session_tick(s, 31000);
	recorder_drain(rec, s, NULL, NULL);
	assert_false(recorder_failed(rec));
	cJSON *l = read_lines(path);
	const char *events[] = { "session_start", "step_start", "pause", "resume", "step_end", "session_end" };
	assert_int_equal(cJSON_GetArraySize(l), 6);
	for (int i = 0; i < 6; i++) {
		cJSON *o = cJSON_GetArrayItem(l, i);
		assert_string_equal(str(o, "event"), events[i]);
		assert_string_equal(str(o, "session"), recorder_session_id(rec));
		assert_true(num(o, "seq") == i + 1);
	}
	cJSON_Delete(l);
	session_free(s);
	recorder_free(rec);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session_lines),
		cmocka_unit_test(test_settle_after_the_cues),
		cmocka_unit_test(test_unwritable_goes_on),
		cmocka_unit_test(test_deleted_midsession),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
