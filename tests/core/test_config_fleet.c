/* config: the "fleet" object (issue 11): broker URL, topic-level names,
 * credentials, TLS files, layering over an earlier file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/config.h"

static int parse(config *c, const char *text, char *err, size_t size)
{
	return config_parse(c, text, strlen(text), err, size);
}

static void test_off_by_default(void **st)
{
	(void)st;
	config c;
	char err[256];
	config_default(&c);
	assert_string_equal(c.fleet.broker, "");
	assert_int_equal(c.fleet.keepalive_s, 30);
	assert_int_equal(c.fleet.will_delay_s, 30);
	assert_int_equal(parse(&c, "{\"volume\": 50}", err, sizeof err), 0);
	assert_string_equal(c.fleet.broker, "");
}

static void test_full_object(void **st)
{
	(void)st;
	config c;
	char err[256];
	config_default(&c);
	assert_int_equal(parse(&c, "{\"fleet\": {\"broker\": \"mqtts://mqtt.gym.example\", \"site\": \"gymA\","
	                          " \"station\": \"st042\", \"username\": \"st042\", \"password_file\": \"/etc/unknot/pw\","
	                          " \"ca_file\": \"/etc/unknot/ca.pem\", \"keepalive_s\": 10, \"will_delay_s\": 5}}",
	                       err, sizeof err), 0);
	assert_true(c.fleet.tls);
	assert_string_equal(c.fleet.host, "mqtt.gym.example");
	assert_int_equal(c.fleet.port, 8883);
	assert_string_equal(c.fleet.site, "gymA");
	assert_string_equal(c.fleet.station, "st042");
	assert_string_equal(c.fleet.password_file, "/etc/unknot/pw");
	assert_int_equal(c.fleet.keepalive_s, 10);
	assert_int_equal(c.fleet.will_delay_s, 5);
	/* a second file (the user's) changes only the station */
	assert_int_equal(parse(&c, "{\"fleet\": {\"station\": \"st043\"}}", err, sizeof err), 0);
	assert_string_equal(c.fleet.station, "st043");
	assert_string_equal(c.fleet.site, "gymA");
	assert_int_equal(c.fleet.port, 8883);
}

static void test_errors(void **st)
{
	(void)st;
	static const struct { const char *json, *want; } cases[] = {
		{ "{\"fleet\": {\"broker\": \"tcp://h\", \"site\": \"a\", \"station\": \"b\"}}",
		  "1:22: fleet.broker: expected mqtt://HOST[:PORT] or mqtts://HOST[:PORT]" },
		{ "{\"fleet\": {\"broker\": \"mqtt://h:99999\", \"site\": \"a\", \"station\": \"b\"}}",
		  "fleet.broker: the port must be a number 1..65535" },
		{ "{\"fleet\": {\"broker\": \"mqtt://h\", \"site\": \"gym/A\", \"station\": \"b\"}}",
		  "fleet.site: not a topic level" },
		{ "{\"fleet\": {\"broker\": \"mqtt://h\", \"site\": \"a\", \"station\": \"st+1\"}}",
		  "fleet.station: not a topic level" },
		{ "{\"fleet\": {\"broker\": \"mqtt://h\", \"site\": \"a\", \"station\": \"#\"}}",
		  "fleet.station: not a topic level" },
		{ "{\"fleet\": {\"broker\": \"mqtt://h\", \"site\": \"a\"}}",
		  "a broker needs \"station\"" },
		{ "{\"fleet\": {\"broker\": \"mqtt://h\", \"station\": \"a\"}}",
		  "a broker needs \"site\"" },
		{ "{\"fleet\": {\"brokr\": \"mqtt://h\"}}",
		  "unknown key \"brokr\" (did you mean \"broker\"?)" },
		{ "{\"fleet\": {\"broker\": \"mqtt://h\", \"site\": \"a\", \"station\": \"b\", \"ca_file\": \"x\"}}",
		  "need mqtts://" },
		{ "{\"fleet\": {\"broker\": \"mqtts://h\", \"site\": \"a\", \"station\": \"b\", \"cert_file\": \"x\"}}",
		  "cert_file and key_file go together" },
		{ "{\"fleet\": {\"keepalive_s\": 1}}", "fleet.keepalive_s: 1 is out of range (5..3600)" },
		{ "{\"fleet\": \"mqtt://h\"}", "fleet: expected an object" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		config c;
		char err[256] = "";
		config_default(&c);
		assert_int_equal(parse(&c, cases[i].json, err, sizeof err), -1);
		if (!strstr(err, cases[i].want))
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, err, cases[i].want);
		assert_string_equal(c.fleet.broker, ""); /* nothing half-applied */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_off_by_default),
		cmocka_unit_test(test_full_object),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
