/* fleet_msg: topic names, broker URLs, the status document, the anonymous
 * event envelope, routine/manifest/command messages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fleet_msg.h"
#include "core/sha256.h"

static void test_names(void **st)
{
	(void)st;
	assert_true(fleet_msg_name_ok("gymA"));
	assert_true(fleet_msg_name_ok("st-042.b"));
	assert_true(fleet_msg_name_ok("Gym A"));
	assert_false(fleet_msg_name_ok(""));
	assert_false(fleet_msg_name_ok(NULL));
	assert_false(fleet_msg_name_ok("a/b"));
	assert_false(fleet_msg_name_ok("a+"));
	assert_false(fleet_msg_name_ok("#"));
	assert_false(fleet_msg_name_ok("$SYS"));
	assert_false(fleet_msg_name_ok("tab\there"));
	char longname[80];
	memset(longname, 'x', 65);
	longname[65] = '\0';
	assert_false(fleet_msg_name_ok(longname));
	longname[64] = '\0';
	assert_true(fleet_msg_name_ok(longname));
	assert_true(fleet_msg_id_ok("neck-2_b"));
	assert_false(fleet_msg_id_ok("_manifest"));
	assert_false(fleet_msg_id_ok("../x"));
	assert_false(fleet_msg_id_ok("a.json"));
	assert_false(fleet_msg_id_ok(""));
}

static void test_broker_urls(void **st)
{
	(void)st;
	bool tls;
	char host[64], err[128];
	int port;
	assert_int_equal(fleet_msg_broker_parse("mqtt://127.0.0.1:18830", &tls, host, sizeof host, &port, err, sizeof err), 0);
	assert_false(tls);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 18830);
	assert_int_equal(fleet_msg_broker_parse("mqtts://mqtt.gym.example", &tls, host, sizeof host, &port, err, sizeof err), 0);
	assert_true(tls);
	assert_int_equal(port, 8883);
	assert_string_equal(host, "mqtt.gym.example");
	assert_int_equal(fleet_msg_broker_parse("mqtt://[::1]:1884/", &tls, host, sizeof host, &port, err, sizeof err), 0);
	assert_string_equal(host, "::1");
	assert_int_equal(port, 1884);
	assert_int_equal(fleet_msg_broker_parse("http://x", &tls, host, sizeof host, &port, err, sizeof err), -1);
	assert_non_null(strstr(err, "mqtt://"));
	assert_int_equal(fleet_msg_broker_parse("mqtt://", &tls, host, sizeof host, &port, err, sizeof err), -1);
	assert_non_null(strstr(err, "no host"));
	assert_int_equal(fleet_msg_broker_parse("mqtt://h:0", &tls, host, sizeof host, &port, err, sizeof err), -1);
	assert_int_equal(fleet_msg_broker_parse("mqtt://h:70000", &tls, host, sizeof host, &port, err, sizeof err), -1);
	assert_int_equal(fleet_msg_broker_parse("mqtt://h:12x", &tls, host, sizeof host, &port, err, sizeof err), -1);
	assert_non_null(strstr(err, "port"));
	assert_int_equal(fleet_msg_broker_parse("mqtt://h/path", &tls, host, sizeof host, &port, err, sizeof err), -1);
	assert_int_equal(fleet_msg_broker_parse("mqtt://a b", &tls, host, sizeof host, &port, err, sizeof err), -1);
}

static void test_topics(void **st)
{
	(void)st;
	char t[FLEET_MSG_TOPIC_MAX], name[80];
	assert_int_equal(fleet_msg_station_topic(t, sizeof t, "gymA", "st042", "availability"), 0);
	assert_string_equal(t, "unknot/gymA/st042/availability");
	assert_int_equal(fleet_msg_routines_topic(t, sizeof t, "gymA", "_manifest"), 0);
	assert_string_equal(t, "unknot/gymA/routines/_manifest");
	char small[10];
	assert_int_equal(fleet_msg_station_topic(small, sizeof small, "gymA", "st042", "status"), -1);

	assert_int_equal(fleet_msg_classify("unknot/gymA/routines/neck", "gymA", "st1", name, sizeof name), FLEET_IN_ROUTINE);
	assert_string_equal(name, "neck");
	assert_int_equal(fleet_msg_classify("unknot/gymA/routines/_manifest", "gymA", "st1", name, sizeof name), FLEET_IN_MANIFEST);
	assert_int_equal(fleet_msg_classify("unknot/gymA/routines/a/b", "gymA", "st1", name, sizeof name), FLEET_IN_BAD_ROUTINE); /* reported (issue 23) */
	assert_int_equal(fleet_msg_classify("unknot/gymB/routines/neck", "gymA", "st1", name, sizeof name), FLEET_IN_OTHER);
	assert_int_equal(fleet_msg_classify("unknot/gymA/st1/cmd/resend", "gymA", "st1", name, sizeof name), FLEET_IN_CMD);
	assert_string_equal(name, "resend");
	assert_int_equal(fleet_msg_classify("unknot/gymA/st2/cmd/resend", "gymA", "st1", name, sizeof name), FLEET_IN_OTHER);
	assert_int_equal(fleet_msg_classify("unknot/gymA/st1/cmd/", "gymA", "st1", name, sizeof name), FLEET_IN_OTHER);
	assert_int_equal(fleet_msg_classify("unknot/gymA/st1/status", "gymA", "st1", name, sizeof name), FLEET_IN_OTHER);
}

static void test_status_json(void **st)
{
	(void)st;
	const char *faults[] = { "pedal disconnected", "no audio" };
	fleet_msg_status s = { .site = "gymA", .station = "st042", .state = "in_session",
	                       .routine = "Neck", .routine_file = "neck.json", .step = 3,
	                       .steps = 9, .faults = faults, .nfaults = 2, .seq = 120,
	                       .acked_seq = 118, .manifest_version = 7, .routines = 4,
	                       .app_version = "0.11.0", .uptime_s = 42 };
	char *j = fleet_msg_status_json(&s);
	assert_non_null(j);
	cJSON *o = cJSON_Parse(j);
	assert_non_null(o);
	assert_string_equal(cJSON_GetObjectItem(o, "state")->valuestring, "in_session");
	assert_string_equal(cJSON_GetObjectItem(o, "routine")->valuestring, "Neck");
	assert_int_equal(cJSON_GetObjectItem(o, "step")->valueint, 3);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "faults")), 2);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(o, "faults"), 1)->valuestring, "no audio");
	assert_int_equal(cJSON_GetObjectItem(o, "seq")->valueint, 120);
	assert_int_equal(cJSON_GetObjectItem(o, "manifest_version")->valueint, 7);
	assert_string_equal(cJSON_GetObjectItem(o, "app_version")->valuestring, "0.11.0");
	cJSON_Delete(o);
	free(j);
	fleet_msg_status idle = { .site = "gymA", .station = "st042" };
	j = fleet_msg_status_json(&idle);
	o = cJSON_Parse(j);
	assert_string_equal(cJSON_GetObjectItem(o, "state")->valuestring, "idle");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "routine")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "faults")), 0);
	cJSON_Delete(o);
	free(j);
}

static void test_event_is_anonymous(void **st)
{
	(void)st;
	const char *line = "{\"event\":\"session_start\",\"t\":\"2026-11-21T09:30:00.123Z\",\"ms\":0,"
	                   "\"session\":\"20261121T093000Z-3fa9c1\",\"seq\":1,\"title\":\"Neck\","
	                   "\"profile\":\"anna\",\"note\":\"Anna's sore neck\",\"id\":\"forged\"}";
	char *j = fleet_msg_event(line, strlen(line), "st042", 57);
	assert_non_null(j);
	assert_null(strstr(j, "anna"));
	assert_null(strstr(j, "Anna"));
	assert_null(strstr(j, "forged"));
	cJSON *o = cJSON_Parse(j);
	assert_int_equal(cJSON_GetObjectItem(o, "seq")->valueint, 57);
	assert_int_equal(cJSON_GetObjectItem(o, "session_seq")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(o, "id")->valuestring, "st042:57");
	assert_string_equal(cJSON_GetObjectItem(o, "station")->valuestring, "st042");
	assert_string_equal(cJSON_GetObjectItem(o, "event")->valuestring, "session_start");
	assert_string_equal(cJSON_GetObjectItem(o, "title")->valuestring, "Neck");
	cJSON_Delete(o);
	free(j);
	assert_null(fleet_msg_event("{\"event\":", 9, "st042", 1));
	assert_null(fleet_msg_event("[1]", 3, "st042", 1));
	j = fleet_msg_event_unreadable("st042", 9);
	o = cJSON_Parse(j);
	assert_string_equal(cJSON_GetObjectItem(o, "event")->valuestring, "unreadable");
	assert_string_equal(cJSON_GetObjectItem(o, "id")->valuestring, "st042:9");
	cJSON_Delete(o);
	free(j);
}

/* A routine message for body with the given sha (NULL = the right one). */
static char *routine_msg(const char *id, const char *body, const char *sha)
{
	char hex[65];
	sha256_hex(body, strlen(body), hex);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddNumberToObject(o, "version", 3);
	cJSON_AddStringToObject(o, "sha256", sha ? sha : hex);
	cJSON_AddStringToObject(o, "body", body);
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

static void test_routine_message(void **st)
{
	(void)st;
	const char *good = "{\"format\": 1, \"title\": \"One minute of rest\", \"steps\": [{\"kind\": \"rest\", \"duration_s\": 60}]}\n";
	const char *bad = "{\"format\": 1, \"title\": \"x\", \"steps\": [{\"kind\": \"rest\", \"duration_s\": -5}]}";
	fleet_msg_routine m;
	char err[256];
	char *p = routine_msg("rest1", good, NULL);
	assert_int_equal(fleet_msg_routine_parse(p, strlen(p), "rest1", &m, err, sizeof err), 0);
	assert_string_equal(m.id, "rest1");
	assert_int_equal(m.version, 3);
	assert_int_equal(m.body_len, strlen(good));
	assert_memory_equal(m.body, good, strlen(good));
	fleet_msg_routine_clear(&m);
	/* id must match the topic */
	assert_int_equal(fleet_msg_routine_parse(p, strlen(p), "other", &m, err, sizeof err), -1);
	assert_null(m.body);
	free(p);
	/* tampered body: the digest no longer matches */
	p = routine_msg("rest1", good, "0000000000000000000000000000000000000000000000000000000000000000");
	assert_int_equal(fleet_msg_routine_parse(p, strlen(p), NULL, &m, err, sizeof err), -1);
	assert_string_equal(err, "sha256 mismatch");
	free(p);
	/* right digest, invalid routine: the validator's message */
	p = routine_msg("bad1", bad, NULL);
	assert_int_equal(fleet_msg_routine_parse(p, strlen(p), "bad1", &m, err, sizeof err), -1);
	assert_non_null(strstr(err, "bad1.json:1:"));
	assert_non_null(strstr(err, "duration_s"));
	free(p);
	p = routine_msg("../etc", good, NULL);
	assert_int_equal(fleet_msg_routine_parse(p, strlen(p), NULL, &m, err, sizeof err), -1);
	assert_non_null(strstr(err, "id"));
	free(p);
	assert_int_equal(fleet_msg_routine_parse("nope", 4, NULL, &m, err, sizeof err), -1);
	assert_int_equal(fleet_msg_routine_parse("{\"id\":\"a\",\"version\":1.5}", 25, NULL, &m, err, sizeof err), -1);
	assert_non_null(strstr(err, "version"));
}

static void test_manifest(void **st)
{
	(void)st;
	fleet_msg_manifest m;
	char err[256];
	const char *s = "{\"version\": 12, \"routines\": [{\"id\":\"neck\",\"version\":2,\"sha256\":"
	                "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"},"
	                "{\"id\":\"back\",\"version\":1,\"sha256\":"
	                "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}]}";
	assert_int_equal(fleet_msg_manifest_parse(s, strlen(s), &m, err, sizeof err), 0);
	assert_int_equal(m.version, 12);
	assert_int_equal(m.count, 2);
	assert_string_equal(m.items[1].id, "back");
	assert_int_equal(m.items[0].version, 2);
	fleet_msg_manifest_clear(&m);
	const char *e = "{\"version\": 1, \"routines\": []}";
	assert_int_equal(fleet_msg_manifest_parse(e, strlen(e), &m, err, sizeof err), 0);
	assert_int_equal(m.count, 0);
	fleet_msg_manifest_clear(&m);
	const char *dup = "{\"version\": 1, \"routines\": [{\"id\":\"a\",\"version\":1,\"sha256\":"
	                  "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"},"
	                  "{\"id\":\"a\",\"version\":1,\"sha256\":"
	                  "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}]}";
	assert_int_equal(fleet_msg_manifest_parse(dup, strlen(dup), &m, err, sizeof err), -1);
	assert_non_null(strstr(err, "twice"));
	assert_null(m.items);
	const char *nosha = "{\"version\": 1, \"routines\": [{\"id\":\"a\",\"version\":1}]}";
	assert_int_equal(fleet_msg_manifest_parse(nosha, strlen(nosha), &m, err, sizeof err), -1);
	assert_non_null(strstr(err, "routines[0]: sha256"));
	assert_int_equal(fleet_msg_manifest_parse("{}", 2, &m, err, sizeof err), -1);
}


/* Issue 23 (7): ids that are not routine ids are reported, not dropped; an
 * id with a NUL does not pass as its prefix; a manifest no station could
 * satisfy is refused. */
static void test_bad_ids_and_big_manifest(void **st)
{
	(void)st;
	char name[FLEET_MSG_NAME_MAX + 1];
	const char *bad[] = { "unknot/gymA/routines/a.b", "unknot/gymA/routines/..",
	                      "unknot/gymA/routines/.hidden", "unknot/gymA/routines/a%2Fb",
	                      "unknot/gymA/routines/x/y", "unknot/gymA/routines/_other" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(fleet_msg_classify(bad[i], "gymA", "st1", name, sizeof name),
		                 FLEET_IN_BAD_ROUTINE);
		assert_string_equal(name, bad[i] + strlen("unknot/gymA/routines/"));
	}
	assert_int_equal(fleet_msg_classify("unknot/gymA/routines/a\x01z", "gymA", "st1", name, sizeof name),
	                 FLEET_IN_BAD_ROUTINE);
	assert_string_equal(name, "a?z");
	assert_int_equal(fleet_msg_classify("unknot/gymA/routines/_settings", "gymA", "st1", name, sizeof name),
	                 FLEET_IN_SETTINGS);
	assert_int_equal(fleet_msg_classify("unknot/gymB/routines/a.b", "gymA", "st1", name, sizeof name),
	                 FLEET_IN_OTHER);

	const char *good = "{\"format\": 1, \"title\": \"One minute of rest\", \"steps\": [{\"kind\": \"rest\", \"duration_s\": 60}]}\n";
	char *p = routine_msg("neck", good, NULL);
	/* the same message with "neck\u0000evil" as its id */
	char *q = malloc(strlen(p) + 16);
	char *at = strstr(p, "\"neck\"");
	assert_non_null(at);
	sprintf(q, "%.*s\"neck\\u0000evil\"%s", (int)(at - p), p, at + 6);
	fleet_msg_routine m;
	char err[256];
	assert_int_equal(fleet_msg_routine_parse(q, strlen(q), "neck", &m, err, sizeof err), -1);
	assert_non_null(strstr(err, "NUL"));
	/* an escaped backslash before u0000 is not a NUL */
	assert_int_equal(fleet_msg_routine_parse(p, strlen(p), "neck", &m, err, sizeof err), 0);
	fleet_msg_routine_clear(&m);
	free(p);
	free(q);

	/* 10,000 entries: refused with the count, quickly (no quadratic check) */
	size_t cap = 10000 * 120 + 64, n = 0;
	char *big = malloc(cap);
	n += (size_t)sprintf(big + n, "{\"version\":7,\"routines\":[");
	for (int i = 0; i < 10000; i++)
		n += (size_t)sprintf(big + n, "%s{\"id\":\"r%d\",\"version\":1,\"sha256\":\"%064d\"}",
		                     i ? "," : "", i, 0);
	n += (size_t)sprintf(big + n, "]}");
	fleet_msg_manifest mf;
	assert_int_equal(fleet_msg_manifest_parse(big, n, &mf, err, sizeof err), -1);
	assert_non_null(strstr(err, "10000"));
	assert_int_equal(mf.count, 0);
	free(big);
}

static void test_settings(void **st)
{
	(void)st;
	fleet_msg_settings s;
	char err[256];
	const char *all = "{\"version\":3,\"volume\":40,\"language\":\"pt-BR\",\"idle_minutes\":10,\"pause_timeout_minutes\":20}";
	assert_int_equal(fleet_msg_settings_parse(all, strlen(all), &s, err, sizeof err), 0);
	assert_int_equal(s.version, 3);
	assert_int_equal(s.volume, 40);
	assert_string_equal(s.language, "pt-BR");
	assert_int_equal(s.idle_minutes, 10);
	assert_int_equal(s.pause_timeout_minutes, 20);
	char *js = fleet_msg_settings_json(&s);
	assert_string_equal(js, all);
	free(js);
	const char *some = "{\"version\":1,\"volume\":0}";
	assert_int_equal(fleet_msg_settings_parse(some, strlen(some), &s, err, sizeof err), 0);
	assert_int_equal(s.volume, 0);
	assert_int_equal(s.idle_minutes, -1);
	assert_string_equal(s.language, "");
	const struct { const char *json, *why; } bad[] = {
		{ "{\"volume\":40}", "version" },
		{ "{\"version\":1,\"volume\":101}", "volume" },
		{ "{\"version\":1,\"volume\":\"40\"}", "volume" },
		{ "{\"version\":1,\"idle_minutes\":-1}", "idle_minutes" },
		{ "{\"version\":1,\"pause_timeout_minutes\":1.5}", "pause_timeout_minutes" },
		{ "{\"version\":1,\"language\":\"english!\"}", "language" },
		{ "{\"version\":1,\"language\":\"e\"}", "language" },
		{ "{\"version\":1,\"volumme\":40}", "volumme: unknown" },
		{ "[1]", "not a JSON object" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(fleet_msg_settings_parse(bad[i].json, strlen(bad[i].json), &s, err, sizeof err), -1);
		assert_non_null(strstr(err, bad[i].why));
		assert_int_equal(s.volume, -1);
	}
	/* the status carries what was applied */
	fleet_msg_settings_parse(all, strlen(all), &s, err, sizeof err);
	fleet_msg_status stt = { .site = "gymA", .station = "st1", .settings = &s };
	char *doc = fleet_msg_status_json(&stt);
	assert_non_null(strstr(doc, "\"settings\":{\"version\":3,\"volume\":40"));
	free(doc);
}

static void test_commands(void **st)
{
	(void)st;
	fleet_msg_command c;
	char err[128];
	assert_int_equal(fleet_msg_command_parse("resend", "{\"from_seq\": 41}", 16, &c, err, sizeof err), 0);
	assert_int_equal(c.kind, FLEET_CMD_RESEND);
	assert_int_equal(c.from_seq, 41);
	assert_int_equal(c.to_seq, 0);
	assert_int_equal(fleet_msg_command_parse("resend", "{\"from_seq\": 41, \"to_seq\": 60}", 30, &c, err, sizeof err), 0);
	assert_int_equal(c.from_seq, 41);
	assert_int_equal(c.to_seq, 60);
	assert_int_equal(fleet_msg_command_parse("resend", "{\"from_seq\": 41, \"to_seq\": 40}", 30, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "to_seq"));
	assert_int_equal(fleet_msg_command_parse("resend", "", 0, &c, err, sizeof err), -1);
	assert_int_equal(fleet_msg_command_parse("resend", "{\"from_seq\": 0}", 15, &c, err, sizeof err), -1);
	assert_int_equal(fleet_msg_command_parse("resend", "{\"from_seq\": 2.5}", 17, &c, err, sizeof err), -1);
	assert_int_equal(fleet_msg_command_parse("reload", "", 0, &c, err, sizeof err), 0);
	assert_int_equal(c.kind, FLEET_CMD_RELOAD);
	assert_int_equal(fleet_msg_command_parse("reload", " {} ", 4, &c, err, sizeof err), 0);
	assert_int_equal(fleet_msg_command_parse("identify", "", 0, &c, err, sizeof err), 0);
	assert_int_equal(c.kind, FLEET_CMD_IDENTIFY);
	assert_int_equal(c.seconds, 5);
	assert_int_equal(fleet_msg_command_parse("identify", "{\"seconds\":10}", 14, &c, err, sizeof err), 0);
	assert_int_equal(c.seconds, 10);
	assert_int_equal(fleet_msg_command_parse("identify", "{\"seconds\":100}", 15, &c, err, sizeof err), -1);
	assert_int_equal(fleet_msg_command_parse("reboot", "", 0, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown"));
	assert_int_equal(fleet_msg_command_parse("reload", "garbage", 7, &c, err, sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_broker_urls),
		cmocka_unit_test(test_topics),
		cmocka_unit_test(test_status_json),
		cmocka_unit_test(test_event_is_anonymous),
		cmocka_unit_test(test_routine_message),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_bad_ids_and_big_manifest),
		cmocka_unit_test(test_settings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
