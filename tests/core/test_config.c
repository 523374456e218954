/* config.json: defaults, every key, errors with LINE:COLUMN: PATH, key maps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/config.h"

static void test_defaults(void **st)
{
	(void)st;
	config c;
	config_default(&c);
	assert_int_equal(c.mode, CONFIG_MODE_HOME);
	assert_int_equal(c.volume, 80);
	assert_false(c.mute);
	assert_int_equal(c.voice, CONFIG_VOICE_FULL);
	assert_int_equal(c.overtreatment_hours, 48); /* every other day */
	assert_int_equal(c.npedals, 1);
	assert_false(c.pedals[0].gpio);
	assert_int_equal(c.gesture.hold_ms, 700);
	assert_int_equal(c.gesture.map[0][GESTURE_TAP], GESTURE_ACTION_NEXT);
	assert_int_equal(config_key_input(&c, "space"), 0);
	assert_int_equal(config_key_input(&c, "return"), 0);
	assert_int_equal(config_key_input(&c, "enter"), 0);
	assert_int_equal(config_key_input(&c, "pagedown"), 0);
	assert_int_equal(config_key_input(&c, "a"), -1);
	assert_int_equal(config_key_input(&c, NULL), -1);
	/* an empty object changes nothing */
	config d;
	config_default(&d);
	char err[256];
	assert_int_equal(config_parse(&d, "{}", 2, err, sizeof err), 0);
	assert_memory_equal(&c, &d, sizeof c);
}

static void test_full(void **st)
{
	(void)st;
	const char *text =
		"{ \"mode\": \"kiosk\", \"volume\": 55, \"mute\": true, \"voice\": false,\n"
		"  \"rotate\": 180, \"font\": \"/f.ttf\", \"overtreatment_hours\": 12, \"profile\": \"anna\",\n"
		"  \"profiles\": [\"anna\", \"ben-2\"],\n"
		"  \"gesture\": { \"debounce_ms\": 20, \"hold_ms\": 800, \"long_hold_ms\": 2500,\n"
		"               \"double_tap_ms\": 300 },\n"
		"  \"pedals\": [\n"
		"    { \"line\": \"GPIO17\", \"active_low\": false, \"bias\": \"pull-down\",\n"
		"      \"keys\": [\"Space\", \"b\"], \"tap\": \"next\", \"hold\": \"discomfort\",\n"
		"      \"double_tap\": \"pause\", \"long_hold\": \"previous\" },\n"
		"    { \"chip\": \"gpiochip0\", \"offset\": 27, \"keys\": [\"enter\"], \"tap\": \"extend\",\n"
		"      \"hold\": \"none\" } ] }\n";
	config c;
	char err[256] = "";
	config_default(&c);
	assert_int_equal(config_parse(&c, text, strlen(text), err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_int_equal(c.mode, CONFIG_MODE_KIOSK);
	assert_int_equal(c.volume, 55);
	assert_true(c.mute);
	assert_int_equal(c.voice, CONFIG_VOICE_OFF);
	assert_int_equal(c.rotate, 180);
	assert_string_equal(c.font, "/f.ttf");
	assert_int_equal(c.overtreatment_hours, 12);
	assert_string_equal(c.profile, "anna");
	assert_int_equal(c.nprofiles, 2);
	assert_string_equal(c.profiles[1], "ben-2");
	assert_int_equal(c.gesture.debounce_ms, 20);
	assert_int_equal(c.gesture.hold_ms, 800);
	assert_int_equal(c.gesture.long_hold_ms, 2500);
	assert_int_equal(c.gesture.double_tap_ms, 300);
	assert_int_equal(c.npedals, 2);
	assert_true(c.pedals[0].gpio);
	assert_string_equal(c.pedals[0].line, "GPIO17");
	assert_int_equal(c.pedals[0].offset, -1);
	assert_false(c.pedals[0].active_low);
	assert_int_equal(c.pedals[0].bias, CONFIG_BIAS_PULL_DOWN);
	assert_int_equal(c.pedals[0].nkeys, 2);
	assert_int_equal(c.gesture.map[0][GESTURE_DOUBLE_TAP], GESTURE_ACTION_PAUSE);
	assert_int_equal(c.gesture.map[0][GESTURE_LONG_HOLD], GESTURE_ACTION_PREVIOUS);
	assert_true(c.pedals[1].gpio);
	assert_string_equal(c.pedals[1].chip, "gpiochip0");
	assert_int_equal(c.pedals[1].offset, 27);
	assert_true(c.pedals[1].active_low);
	assert_int_equal(c.gesture.map[1][GESTURE_TAP], GESTURE_ACTION_EXTEND);
	assert_int_equal(c.gesture.map[1][GESTURE_HOLD], GESTURE_ACTION_NONE);
	/* keys are lower-cased; the file's keys replace the defaults */
	assert_int_equal(config_key_input(&c, "space"), 0);
	assert_int_equal(config_key_input(&c, "b"), 0);
	assert_int_equal(config_key_input(&c, "pagedown"), -1);
	assert_int_equal(config_key_input(&c, "return"), 1);
}

/* Parses text over the defaults; returns the error ("" when it parsed) and
 * checks that a failed parse leaves the config alone. */
static const char *error_of(const char *text)
{
	static char err[300];
	config c, before;
	config_default(&c);
	before = c;
	err[0] = 0;
	if (config_parse(&c, text, strlen(text), err, sizeof err) != 0)
		assert_memory_equal(&c, &before, sizeof c);
	return err;
}

/* "voice": the three settings by name, and the booleans of older files. */
static void test_voice(void **st)
{
	(void)st;
	static const char *const in[] = { "\"off\"", "\"names\"", "\"full\"", "false", "true" };
	static const config_voice want[] = { CONFIG_VOICE_OFF, CONFIG_VOICE_NAMES, CONFIG_VOICE_FULL,
	                                     CONFIG_VOICE_OFF, CONFIG_VOICE_FULL };
	for (size_t i = 0; i < 5; i++) {
		char json[64], err[256] = "";
		config c;
		config_default(&c);
		snprintf(json, sizeof json, "{\"voice\": %s}", in[i]);
		assert_int_equal(config_parse(&c, json, strlen(json), err, sizeof err), 0);
		assert_int_equal(c.voice, want[i]);
	}
}

static void test_errors(void **st)
{
	(void)st;
	assert_string_equal(error_of("{\n  \"volum\": 5\n}"),
	                    "2:3: volum: unknown key \"volum\" (did you mean \"volume\"?)");
	assert_string_equal(error_of("{\"colour\": 5}"), "1:2: colour: unknown key \"colour\"");
	assert_string_equal(error_of("{\"volume\": 101}"), "1:12: volume: 101 is out of range (0..100)");
	assert_string_equal(error_of("{\"volume\": 5.5}"), "1:12: volume: expected a whole number (0..100)");
	/* found by tests/fuzz/fuzz_config.c: no undefined double -> long long cast */
	assert_string_equal(error_of("{\"volume\": 1e300}"), "1:12: volume: expected a whole number (0..100)");
	assert_string_equal(error_of("{\"gesture\": {\"hold_ms\": -1e999}}"),
	                    "1:25: gesture.hold_ms: expected a whole number (200..5000)");
	assert_string_equal(error_of("{\"mute\": 1}"), "1:10: mute: expected true or false");
	assert_string_equal(error_of("{\"voice\": \"loud\"}"),
	                    "1:11: voice: \"loud\" is not one of \"off\", \"names\", \"full\" (or true, false)");
	assert_string_equal(error_of("{\"voice\": 1}"),
	                    "1:11: voice: expected one of \"off\", \"names\", \"full\" (or true, false)");
	assert_string_equal(error_of("{\"mode\": \"office\"}"),
	                    "1:10: mode: \"office\" is not one of \"home\", \"kiosk\"");
	assert_string_equal(error_of("{\"rotate\": 45}"), "1:12: rotate: expected 0, 90, 180 or 270");
	assert_string_equal(error_of("{\"profiles\": [\"anna\", \"a/b\"]}"),
	                    "1:23: profiles[1]: may not hold control characters, '/', '\\' or ':' (it names the journal file)");
	assert_string_equal(error_of("{\"profiles\": \"anna\"}"), "1:14: profiles: expected an array of profile names");
	assert_string_equal(error_of("{\"profile\": \"../x\"}"),
	                    "1:13: profile: may not hold control characters, '/', '\\' or ':' (it names the journal file)");
	assert_string_equal(error_of("{\"profile\": \"..\"}"),
	                    "1:13: profile: needs a letter or digit (not only dots or spaces)");
	/* any script is a name: Jürgen, Zoë, 山田 */
	assert_string_equal(error_of("{\"profiles\": [\"J\u00fcrgen\", \"Zo\u00eb\", \"\u5c71\u7530\"]}"), "");
	assert_string_equal(error_of("{\"gesture\": {\"hold_ms\": 100}}"),
	                    "1:25: gesture.hold_ms: 100 is out of range (200..5000)");
	assert_string_equal(error_of("{\"gesture\": {\"hold_ms\": 4000}}"),
	                    "1:25: gesture.hold_ms: must be shorter than long_hold_ms (3000)");
	assert_string_equal(error_of("{\"gesture\": {\"hold_ms\": 1200, \"long_hold_ms\": 1200}}"),
	                    "1:47: gesture.long_hold_ms: must be longer than hold_ms (1200)");
	assert_string_equal(error_of("{\"gesture\": {\"holdms\": 700}}"),
	                    "1:14: gesture.holdms: unknown key \"holdms\" (did you mean \"hold_ms\"?)");
	assert_string_equal(error_of("{\"pedals\": [{\"tap\": \"jump\"}]}"),
	                    "1:21: pedals[0].tap: expected an action: \"next\", \"discomfort\", \"pause\", "
	                    "\"previous\", \"extend\" or \"none\"");
	assert_string_equal(error_of("{\"pedals\": [{}, {}, {}]}"),
	                    "1:12: pedals: expected one or two pedals, not 3");
	assert_string_equal(error_of("{\"pedals\": [{\"bias\": \"up\"}]}"),
	                    "1:22: pedals[0].bias: \"up\" is not one of \"pull-up\", \"pull-down\", \"disabled\", \"as-is\"");
	assert_string_equal(error_of("{\"pedals\": [{\"line\": \"GPIO4\", \"offset\": 4}]}"),
	                    "1:41: pedals[0].offset: give either \"line\" or \"offset\", not both");
	assert_string_equal(error_of("{\"pedals\": [{\"keys\": [\"a\",\"b\",\"c\",\"d\",\"e\"]}]}"),
	                    "1:22: pedals[0].keys: at most 4 keys");
	assert_string_equal(error_of("{\"pedals\": [{\"kyes\": []}]}"),
	                    "1:14: pedals[0].kyes: unknown key \"kyes\" (did you mean \"keys\"?)");
	assert_string_equal(error_of("[1]"), "1:1: expected an object ({ ... })");
	/* syntax errors and duplicates come from the scanner, with their place */
	assert_string_not_equal(error_of("{\"volume\": }"), "");
	assert_memory_equal(error_of("{\"volume\": }"), "1:12:", 5);
	assert_memory_equal(error_of("{\"mute\": true,\n \"mute\": false}"), "2:2:", 4);
}

static void test_unattended(void **st)
{
	(void)st;
	config c;
	char err[256] = "";
	config_default(&c);
	assert_int_equal(c.idle_minutes, 5);
	assert_int_equal(c.pause_timeout_minutes, 15);
	assert_int_equal(c.dim_minutes, 2);
	assert_int_equal(c.log_level, CONFIG_LOG_INFO);
	assert_string_equal(c.admin_pin, "");
	const char *text = "{ \"kiosk\": true, \"admin_pin\": \"02468\", \"idle_minutes\": 0,\n"
	                   "  \"pause_timeout_minutes\": 30, \"dim_minutes\": 1440, \"log_level\": \"debug\" }";
	assert_int_equal(config_parse(&c, text, strlen(text), err, sizeof err), 0);
	assert_int_equal(c.mode, CONFIG_MODE_KIOSK);
	assert_string_equal(c.admin_pin, "02468");
	assert_int_equal(c.idle_minutes, 0);
	assert_int_equal(c.pause_timeout_minutes, 30);
	assert_int_equal(c.dim_minutes, 1440);
	assert_int_equal(c.log_level, CONFIG_LOG_DEBUG);
	/* a second file parsed over the first (layering) keeps what it does not name */
	text = "{ \"kiosk\": false, \"log_level\": \"warn\" }";
	assert_int_equal(config_parse(&c, text, strlen(text), err, sizeof err), 0);
	assert_int_equal(c.mode, CONFIG_MODE_HOME);
	assert_int_equal(c.log_level, CONFIG_LOG_WARN);
	assert_string_equal(c.admin_pin, "02468");
	assert_int_equal(c.pause_timeout_minutes, 30);
	/* "mode" and "kiosk" agreeing is fine */
	text = "{ \"mode\": \"kiosk\", \"kiosk\": true, \"admin_pin\": \"12345678\" }";
	assert_int_equal(config_parse(&c, text, strlen(text), err, sizeof err), 0);
	assert_int_equal(c.mode, CONFIG_MODE_KIOSK);
	assert_string_equal(c.admin_pin, "12345678");
}

static void test_unattended_errors(void **st)
{
	(void)st;
	assert_string_equal(error_of("{\"kiosk\": \"yes\"}"), "1:11: kiosk: expected true or false");
	assert_string_equal(error_of("{\"mode\": \"home\",\n \"kiosk\": true}"),
	                    "2:11: kiosk: contradicts \"mode\": \"home\"");
	assert_string_equal(error_of("{\"admin_pin\": 2468}"),
	                    "1:15: admin_pin: expected a string of 4 to 8 digits, e.g. \"2468\"");
	assert_string_equal(error_of("{\"admin_pin\": \"123\"}"),
	                    "1:15: admin_pin: expected 4 to 8 digits, not 3 characters");
	assert_string_equal(error_of("{\"admin_pin\": \"123456789\"}"),
	                    "1:15: admin_pin: expected 4 to 8 digits, not 9 characters");
	assert_string_equal(error_of("{\"admin_pin\": \"12a4\"}"),
	                    "1:15: admin_pin: digits only (the PIN pad has 0-9)");
	assert_string_equal(error_of("{\"idle_minutes\": -1}"),
	                    "1:18: idle_minutes: -1 is out of range (0..1440)");
	assert_string_equal(error_of("{\"pause_timeout_minutes\": 1.5}"),
	                    "1:27: pause_timeout_minutes: expected a whole number (0..1440)");
	assert_string_equal(error_of("{\"dim_minutes\": 1441}"),
	                    "1:17: dim_minutes: 1441 is out of range (0..1440)");
	assert_string_equal(error_of("{\"log_level\": \"verbose\"}"),
	                    "1:15: log_level: \"verbose\" is not one of \"error\", \"warn\", \"info\", \"debug\"");
	assert_string_equal(error_of("{\"idle_minute\": 3}"),
	                    "1:2: idle_minute: unknown key \"idle_minute\" (did you mean \"idle_minutes\"?)");
}

static void test_long_hold_order(void **st)
{
	(void)st;
	/* a longer long hold makes a longer hold fine */
	assert_string_equal(error_of("{\"gesture\": {\"hold_ms\": 3000, \"long_hold_ms\": 6000}}"), "");
	assert_string_equal(error_of("{\"gesture\": {\"debounce_ms\": 0}}"), "");
}

static void test_key_actions(void **st)
{
	(void)st;
	assert_int_equal(config_key_action("right"), CONFIG_ACTION_NEXT);
	assert_int_equal(config_key_action("n"), CONFIG_ACTION_NEXT);
	assert_int_equal(config_key_action("left"), CONFIG_ACTION_PREVIOUS);
	assert_int_equal(config_key_action("p"), CONFIG_ACTION_PAUSE);
	assert_int_equal(config_key_action("d"), CONFIG_ACTION_DISCOMFORT);
	assert_int_equal(config_key_action("="), CONFIG_ACTION_EXTEND);
	assert_int_equal(config_key_action("kp_plus"), CONFIG_ACTION_EXTEND);
	assert_int_equal(config_key_action("keypad +"), CONFIG_ACTION_EXTEND);
	assert_int_equal(config_key_action("escape"), CONFIG_ACTION_ABANDON);
	assert_int_equal(config_key_action("space"), CONFIG_ACTION_NONE);
	assert_int_equal(config_key_action(NULL), CONFIG_ACTION_NONE);
	/* the values line up with the gesture actions */
	assert_int_equal((int)CONFIG_ACTION_EXTEND, (int)GESTURE_ACTION_EXTEND);
}

/* The user's layer over /etc's may name the pedal's pin the other way: by
 * chip + offset over a line name, or by line name over chip + offset. */
static void test_pedal_layers(void **st)
{
	(void)st;
	config c;
	char err[256];
	config_default(&c);
	const char *sys = "{\"pedals\": [{\"line\": \"GPIO17\"}]}";
	const char *user = "{\"pedals\": [{\"chip\": \"gpiochip0\", \"offset\": 27}]}";
	assert_int_equal(config_parse(&c, sys, strlen(sys), err, sizeof err), 0);
	assert_int_equal(config_parse(&c, user, strlen(user), err, sizeof err), 0);
	assert_string_equal(c.pedals[0].line, "");
	assert_string_equal(c.pedals[0].chip, "gpiochip0");
	assert_int_equal(c.pedals[0].offset, 27);
	const char *back = "{\"pedals\": [{\"line\": \"GPIO22\"}]}";
	assert_int_equal(config_parse(&c, back, strlen(back), err, sizeof err), 0);
	assert_string_equal(c.pedals[0].line, "GPIO22");
	assert_string_equal(c.pedals[0].chip, "");
	assert_int_equal(c.pedals[0].offset, -1);
	/* one object still may not give both */
	const char *both = "{\"pedals\": [{\"line\": \"GPIO17\", \"offset\": 3}]}";
	assert_int_equal(config_parse(&c, both, strlen(both), err, sizeof err), -1);
	assert_non_null(strstr(err, "pedals[0].offset: give either"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_voice),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_long_hold_order),
		cmocka_unit_test(test_unattended),
		cmocka_unit_test(test_unattended_errors),
		cmocka_unit_test(test_key_actions),
		cmocka_unit_test(test_pedal_layers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
