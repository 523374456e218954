/* The routine loader and validator: every rule of the format (issue 2), with
 * exact messages and line:column, and the expanded timeline. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/routine.h"

/* Test JSON is written with ' for " to stay readable; this swaps them back. */
static char *dq(const char *s)
{
	char *t = strdup(s);
	for (char *p = t; *p; p++)
		if (*p == '\'')
			*p = '"';
	return t;
}

/* All diagnostics of parsing `json` (with ' for "), one formatted line each,
 * as "t.json:L:C: PATH: MESSAGE\n...". Sets *ok to whether it parsed. */
static char *diags_of_len(const char *text, size_t len, bool *ok)
{
	routine_diags d = { 0 };
	routine *r = routine_parse("t.json", text, len, &d);
	size_t cap = 64 + d.count * 700;
	char *out = calloc(1, cap);
	for (size_t i = 0; i < d.count; i++) {
		char line[700];
		routine_diag_format(&d.items[i], "t.json", line, sizeof line);
		if (i)
			strcat(out, "\n");
		strcat(out, line);
	}
	size_t errors = 0;
	for (size_t i = 0; i < d.count; i++)
		errors += d.items[i].severity == ROUTINE_ERROR;
	assert_int_equal(errors, d.errors);
	if (ok)
		*ok = r != NULL;
	/* Invariant: a routine comes back exactly when there is no error. */
	assert_true((r != NULL) == (d.errors == 0));
	routine_free(r);
	routine_diags_free(&d);
	return out;
}

static char *diags_of(const char *json, bool *ok)
{
	char *t = dq(json);
	char *out = diags_of_len(t, strlen(t), ok);
	free(t);
	return out;
}

/* Asserts that json is rejected with exactly these diagnostics. */
#define REJECTS(json, expected) do { \
		bool ok_; char *got_ = diags_of((json), &ok_); \
		assert_string_equal(got_, (expected)); assert_false(ok_); free(got_); } while (0)
/* Asserts that json is accepted with exactly these (warning) diagnostics. */
#define ACCEPTS(json, expected) do { \
		bool ok_; char *got_ = diags_of((json), &ok_); \
		assert_string_equal(got_, (expected)); assert_true(ok_); free(got_); } while (0)

/* One step in a minimal routine; the step starts at column 34. */
#define STEP(s) "{'format':1,'title':'x','steps':[" s "]}"

static routine *load(const char *json)
{
	char *t = dq(json);
	routine_diags d = { 0 };
	routine *r = routine_parse("t.json", t, strlen(t), &d);
	if (!r)
		for (size_t i = 0; i < d.count; i++)
			fprintf(stderr, "unexpected: %s\n", d.items[i].message);
	routine_diags_free(&d);
	free(t);
	assert_non_null(r);
	return r;
}

/* The timeline as "kind/tool/target/side/start+dur" items, for comparisons. */
static char *timeline(const routine *r)
{
	char *out = calloc(1, 64 + routine_length(r) * 96);
	for (size_t i = 0; i < routine_length(r); i++) {
		const routine_entry *e = routine_entry_at(r, i);
		char one[128];
		assert_int_equal(e->index, (int)i + 1);
		const char *tool = routine_tool_name(e->tool), *side = routine_side_name(e->side);
		snprintf(one, sizeof one, "%s%s/%s/%s/%s/%u+%u", i ? " " : "", routine_kind_name(e->kind),
		         tool ? tool : "-", e->target ? e->target : "-", side ? side : "-", e->start_s, e->duration_s);
		strcat(out, one);
	}
	return out;
}

static const char neck[] =
	"{\n"
	"  'format': 1,\n"
	"  'title': 'Neck & tension headache',\n"
	"  'description': 'Upper trapezius and levator scapulae.',\n"
	"  'defaults': { 'transition_s': 5 },\n"
	"  'steps': [\n"
	"    { 'kind': 'compression', 'tool': 'ball', 'target': 'upper trapezius',\n"
	"      'sides': ['left', 'right'], 'duration_s': 60,\n"
	"      'text': 'Lean into the ball.' },\n"
	"    { 'kind': 'rest', 'duration_s': 15 },\n"
	"    { 'kind': 'repeat', 'times': 2, 'steps': [\n"
	"      { 'kind': 'stretch', 'target': 'upper trapezius', 'sides': ['left', 'right'],\n"
	"        'duration_s': 30, 'text': 'Ear towards shoulder.' } ] },\n"
	"    { 'kind': 'rolling', 'tool': 'roller', 'target': 'thoracic extensors', 'duration_s': 45 }\n"
	"  ]\n"
	"}\n";

/* ---- the timeline ---- */

static void test_issue_example_timeline(void **st)
{
	(void)st;
	routine *r = load(neck);
	assert_string_equal(routine_title(r), "Neck & tension headache");
	assert_string_equal(routine_description(r), "Upper trapezius and levator scapulae.");
	assert_string_equal(routine_file(r), "t.json");
	char *t = timeline(r);
	assert_string_equal(t,
		"transition/-/upper trapezius/left/0+5 compression/ball/upper trapezius/left/5+60 "
		"transition/-/upper trapezius/right/65+5 compression/ball/upper trapezius/right/70+60 "
		"rest/-/-/-/130+15 "
		"transition/-/upper trapezius/left/145+5 stretch/-/upper trapezius/left/150+30 "
		"transition/-/upper trapezius/right/180+5 stretch/-/upper trapezius/right/185+30 "
		"transition/-/upper trapezius/left/215+5 stretch/-/upper trapezius/left/220+30 "
		"transition/-/upper trapezius/right/250+5 stretch/-/upper trapezius/right/255+30 "
		"transition/-/thoracic extensors/-/285+5 rolling/roller/thoracic extensors/-/290+45");
	free(t);
	assert_int_equal(routine_length(r), 15);
	assert_int_equal(routine_total_s(r), 335);
	assert_null(routine_entry_at(r, 15));
	const routine_entry *e = routine_entry_at(r, 0);
	assert_string_equal(e->text, "Get ready: upper trapezius, left side");
	assert_string_equal(routine_entry_at(r, 2)->text, "Get ready: upper trapezius, right side");
	assert_string_equal(routine_entry_at(r, 13)->text, "Get ready: thoracic extensors");
	assert_string_equal(routine_entry_at(r, 1)->text, "Lean into the ball.");
	assert_null(routine_entry_at(r, 4)->text);
	/* step_path: depth-first index of the file step, shared by sides,
	 * transitions and repeats (0 compression, 1 rest, 2 repeat, 3 stretch, 4 rolling). */
	int paths[15] = { 0, 0, 0, 0, 1, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4 };
	for (size_t i = 0; i < 15; i++)
		assert_int_equal(routine_entry_at(r, i)->step_path, paths[i]);
	routine_free(r);
}

static void test_repeat_sides_transitions(void **st)
{
	(void)st;
	/* 3 x (left, right), a 4 s transition before each, then nested 2 x 2 rests. */
	routine *r = load("{'format':1,'title':'x','steps':["
	                  "{'kind':'repeat','times':3,'steps':[{'kind':'compression','tool':'peanut','target':'rhomboids',"
	                  "'sides':['right','left'],'duration_s':40,'transition_s':4}]},"
	                  "{'kind':'repeat','times':2,'steps':[{'kind':'repeat','times':2,'steps':[{'kind':'rest','duration_s':7}]}]}]}");
	assert_int_equal(routine_length(r), 3 * 2 * 2 + 4);
	uint32_t t = 0;
	for (size_t i = 0; i < 12; i++) {
		const routine_entry *e = routine_entry_at(r, i);
		assert_int_equal(e->kind, i % 2 ? ROUTINE_COMPRESSION : ROUTINE_TRANSITION);
		assert_int_equal(e->side, (i / 2) % 2 ? ROUTINE_SIDE_LEFT : ROUTINE_SIDE_RIGHT);
		assert_int_equal(e->tool, i % 2 ? ROUTINE_TOOL_PEANUT : ROUTINE_TOOL_NONE);
		assert_string_equal(e->target, "rhomboids");
		assert_int_equal(e->start_s, t);
		assert_int_equal(e->duration_s, i % 2 ? 40 : 4);
		t += e->duration_s;
	}
	for (size_t i = 12; i < 16; i++) {
		assert_int_equal(routine_entry_at(r, i)->kind, ROUTINE_REST);
		assert_int_equal(routine_entry_at(r, i)->start_s, t);
		t += 7;
	}
	assert_int_equal(routine_total_s(r), t);
	assert_int_equal(t, 3 * 2 * 44 + 28);
	routine_free(r);
}

static void test_transition_rules(void **st)
{
	(void)st;
	/* No default: no transitions. A step's transition_s wins over the default,
	 * 0 turns it off, and a rest never gets one. */
	routine *r = load(STEP("{'kind':'stretch','duration_s':10}"));
	assert_int_equal(routine_length(r), 1);
	routine_free(r);
	r = load("{'format':1,'title':'x','defaults':{'transition_s':6},'steps':["
	         "{'kind':'stretch','duration_s':10},{'kind':'stretch','duration_s':10,'transition_s':0},"
	         "{'kind':'rest','duration_s':10},{'kind':'rolling','tool':'roller','duration_s':10,'transition_s':9}]}");
	char *t = timeline(r);
	assert_string_equal(t, "transition/-/-/-/0+6 stretch/-/-/-/6+10 stretch/-/-/-/16+10 rest/-/-/-/26+10 "
	                       "transition/-/-/-/36+9 rolling/roller/-/-/45+10");
	free(t);
	assert_string_equal(routine_entry_at(r, 0)->text, "Get ready: stretch");
	assert_string_equal(routine_entry_at(r, 4)->text, "Get ready: rolling");
	routine_free(r);
}

/* "reposition": the get ready before a change of position lasts at least
 * ROUTINE_REPOSITION_S, with or without transition_s; a longer one stays. */
static void test_reposition(void **st)
{
	(void)st;
	routine *r = load("{'format':1,'title':'x','defaults':{'transition_s':5},'steps':["
	                  "{'kind':'stretch','duration_s':10},{'kind':'stretch','duration_s':10,'reposition':true},"
	                  "{'kind':'stretch','duration_s':10,'transition_s':0,'reposition':true},"
	                  "{'kind':'stretch','duration_s':10,'transition_s':20,'reposition':true},"
	                  "{'kind':'stretch','duration_s':10,'reposition':false}]}");
	char *t = timeline(r);
	assert_string_equal(t, "transition/-/-/-/0+5 stretch/-/-/-/5+10 transition/-/-/-/15+15 stretch/-/-/-/30+10 "
	                       "transition/-/-/-/40+15 stretch/-/-/-/55+10 transition/-/-/-/65+20 stretch/-/-/-/85+10 "
	                       "transition/-/-/-/95+5 stretch/-/-/-/100+10");
	free(t);
	assert_int_equal(routine_total_s(r), 110);
	routine_free(r);
	REJECTS(STEP("{'kind':'stretch','duration_s':10,'reposition':1}"),
	        "t.json:1:81: steps[0].reposition: must be true or false, not a number");
	REJECTS(STEP("{'kind':'rest','duration_s':10,'reposition':true}"),
	        "t.json:1:65: steps[0].reposition: a rest step takes no \"reposition\"");
}

static void test_ends_tap(void **st)
{
	(void)st;
	routine *r = load("{'format':1,'title':'x','steps':["
	                  "{'kind':'compression','tool':'ball','ends':'tap','min_s':20},"
	                  "{'kind':'rolling','tool':'roller','ends':'tap','duration_s':120},"
	                  "{'kind':'compression','tool':'cane','duration_s':45}]}");
	const routine_entry *e = routine_entry_at(r, 0);
	assert_true(e->ends_on_tap);
	assert_int_equal(e->duration_s, ROUTINE_TAP_CAP_S); /* default cap, shown at the cap */
	assert_int_equal(e->min_s, 20);
	e = routine_entry_at(r, 1);
	assert_true(e->ends_on_tap);
	assert_int_equal(e->duration_s, 120);
	assert_int_equal(e->min_s, 0);
	e = routine_entry_at(r, 2);
	assert_false(e->ends_on_tap);
	assert_int_equal(e->min_s, 0);
	assert_int_equal(routine_total_s(r), 90 + 120 + 45);
	routine_free(r);
}

static void test_cues_merge(void **st)
{
	(void)st;
	routine *r = load("{'format':1,'title':'x','steps':[{'kind':'rest','duration_s':5}]}");
	routine_cues c = routine_entry_at(r, 0)->cues;
	assert_true(c.start && c.halfway && c.end && c.switch_sides && c.voice);
	assert_int_equal(c.countdown_s, 3);
	routine_free(r);

	r = load("{'format':1,'title':'x','defaults':{'transition_s':2,'cues':{'voice':false,'countdown_s':5}},'steps':["
	         "{'kind':'stretch','duration_s':5,'cues':{'countdown_s':0,'halfway':false,'end':false}},"
	         "{'kind':'stretch','duration_s':5,'cues':{'voice':true,'start':false,'switch_sides':false}}]}");
	/* entry 0 is the transition: it carries the step's cues */
	for (size_t i = 0; i < 2; i++) {
		c = routine_entry_at(r, i)->cues;
		assert_false(c.voice);
		assert_int_equal(c.countdown_s, 0);
		assert_false(c.halfway);
		assert_false(c.end);
		assert_true(c.start && c.switch_sides);
	}
	c = routine_entry_at(r, 3)->cues;
	assert_true(c.voice && c.halfway && c.end);
	assert_false(c.start || c.switch_sides);
	assert_int_equal(c.countdown_s, 5);
	routine_free(r);
}

static void test_refers_to_and_summaries(void **st)
{
	(void)st;
	routine *r = load("{'format':1,'title':'x','defaults':{'transition_s':3},'steps':["
	                  "{'kind':'compression','tool':'ball','target':'piriformis','refers_to':['buttock','back of the thigh'],'duration_s':60},"
	                  "{'kind':'compression','tool':'hand','target':'masseter','refers_to':'jaw','duration_s':30},"
	                  "{'kind':'stretch','target':'piriformis','duration_s':30},"
	                  "{'kind':'rolling','tool':'ball','target':'calves','duration_s':30}]}");
	assert_string_equal(routine_entry_at(r, 1)->refers_to, "buttock, back of the thigh");
	assert_null(routine_entry_at(r, 0)->refers_to); /* a transition refers nowhere */
	assert_string_equal(routine_entry_at(r, 3)->refers_to, "jaw");
	const char *targets[8];
	assert_int_equal(routine_targets(r, targets, 8), 3);
	assert_string_equal(targets[0], "piriformis");
	assert_string_equal(targets[1], "masseter");
	assert_string_equal(targets[2], "calves");
	assert_int_equal(routine_targets(r, targets, 1), 1);
	routine_tool tools[8];
	assert_int_equal(routine_tools(r, tools, 8), 2);
	assert_int_equal(tools[0], ROUTINE_TOOL_BALL);
	assert_int_equal(tools[1], ROUTINE_TOOL_HAND);
	routine_free(r);
}

static void test_names_and_format(void **st)
{
	(void)st;
	assert_string_equal(routine_kind_name(ROUTINE_COMPRESSION), "compression");
	assert_string_equal(routine_kind_name(ROUTINE_TRANSITION), "transition");
	assert_string_equal(routine_tool_name(ROUTINE_TOOL_PEANUT), "peanut");
	assert_null(routine_tool_name(ROUTINE_TOOL_NONE));
	assert_string_equal(routine_side_name(ROUTINE_SIDE_RIGHT), "right");
	assert_null(routine_side_name(ROUTINE_SIDE_NONE));
	char buf[32];
	assert_string_equal(routine_mmss(0, buf, sizeof buf), "0:00");
	assert_string_equal(routine_mmss(335, buf, sizeof buf), "5:35");
	assert_string_equal(routine_mmss(4 * 3600, buf, sizeof buf), "240:00");
	routine_diag d = { .severity = ROUTINE_WARNING, .line = 3, .column = 7, .path = "steps[0].duration_s",
	                   .message = "too short" };
	char line[512];
	assert_string_equal(routine_diag_format(&d, "a.json", line, sizeof line),
	                    "a.json:3:7: steps[0].duration_s: warning: too short");
	routine_diag e = { .severity = ROUTINE_ERROR, .message = "the file is too big" };
	assert_string_equal(routine_diag_format(&e, "a.json", line, sizeof line), "a.json: the file is too big");
	routine_free(NULL);
	routine_diags_free(NULL);
}

static void test_whole_floats_and_schema_key(void **st)
{
	(void)st;
	routine *r = load("{'$schema':'./schema.json','format':1.0,'title':'x','steps':[{'kind':'rest','duration_s':6e1}]}");
	assert_int_equal(routine_total_s(r), 60);
	routine_free(r);
}

/* The pain finder's "areas" (issue 20): kept in order, each checked. */
static void test_areas(void **st)
{
	(void)st;
	routine *r = load("{'format':1,'title':'x','areas':['temple:left','low-back'],"
	                  "'steps':[{'kind':'rest','duration_s':60}]}");
	const char *a[4];
	assert_int_equal(routine_areas(r, a, 4), 2);
	assert_string_equal(a[0], "temple:left");
	assert_string_equal(a[1], "low-back");
	assert_int_equal(routine_areas(r, NULL, 0), 2);
	routine_free(r);
	r = load("{'format':1,'title':'x','steps':[{'kind':'rest','duration_s':60}]}");
	assert_int_equal(routine_areas(r, a, 4), 0);
	routine_free(r);
	REJECTS("{'format':1,'title':'x','areas':['temple:up'],'steps':[{'kind':'rest','duration_s':60}]}",
	        "t.json:1:34: areas[0]: 'temple:up' is not a pain area: an id of lower-case letters and hyphens "
	        "('unknot --areas' lists them), with an optional :left or :right");
	REJECTS("{'format':1,'title':'x','areas':[],'steps':[{'kind':'rest','duration_s':60}]}",
	        "t.json:1:33: areas: lists 0 areas (1 to 16; leave \"areas\" out for none)");
	REJECTS("{'format':1,'title':'x','areas':'jaw','steps':[{'kind':'rest','duration_s':60}]}",
	        "t.json:1:33: areas: must be an array of pain areas, e.g. [\"temple:left\"], not a string");
}

/* ---- invalid JSON ---- */

static void test_invalid_json(void **st)
{
	(void)st;
	REJECTS("", "t.json:1:1: invalid JSON: the file is empty");
	REJECTS("  \n ", "t.json:2:2: invalid JSON: the file holds only white space");
	REJECTS("{'format':1,}", "t.json:1:13: invalid JSON: trailing comma before '}'");
	REJECTS("{'steps':[1,2,]}", "t.json:1:15: steps: invalid JSON: trailing comma before ']'");
	REJECTS("{\n  'format': 1\n  'title': 'x'\n}", "t.json:3:3: invalid JSON: missing ',' between members");
	REJECTS("{'a' 1}", "t.json:1:6: a: invalid JSON: unexpected '1'; expected ':' after the key");
	REJECTS("{\n  // hi\n}", "t.json:2:3: invalid JSON: comments are not allowed");
	REJECTS("{'format': 01}", "t.json:1:12: format: invalid JSON: numbers must not start with 0 (write 7, not 07)");
	REJECTS("{'format': +1}", "t.json:1:12: format: invalid JSON: invalid number (write 5 or 0.5, not +5 or .5)");
	REJECTS("{'format': 1.}", "t.json:1:12: format: invalid JSON: invalid number (a digit must follow the '.')");
	REJECTS("{'title': 'abc", "t.json:1:11: title: invalid JSON: unterminated string (it starts here)");
	REJECTS("{'title': 'a\\qb'}", "t.json:1:13: title: invalid JSON: invalid escape '\\q'");
	REJECTS("{'title': '\\ud800'}", "t.json:1:12: title: invalid JSON: \\u escape of a lone UTF-16 surrogate");
	REJECTS("{'title': tru}", "t.json:1:11: title: invalid JSON: unknown word; expected a value (a string in double quotes, a number, true, false, null, an object or an array)");
	REJECTS("{} {}", "t.json:1:4: invalid JSON: unexpected text after the end of the JSON value");
	REJECTS("{'title': 'x'", "t.json:1:14: invalid JSON: unexpected end of file; expected ',' or '}'");
	REJECTS("{'title': 'x\ty'}", "t.json:1:13: title: invalid JSON: raw control character 0x09 in a string; write it as \\t");
	REJECTS("\xEF\xBB\xBF{}", "t.json:1:1: invalid JSON: the file starts with a byte order mark; save it as UTF-8 without BOM");
	REJECTS("{'title': 'single'quotes'}", "t.json:1:19: invalid JSON: unexpected 'q'; expected ',' or '}'");
	REJECTS("{'title': \x01}", "t.json:1:11: title: invalid JSON: unexpected byte 0x01; expected a value");
	/* A NUL byte inside a string (the length counts it) is a control character. */
	bool ok;
	char *got = diags_of_len("{\"title\": \"a\0b\"}", 16, &ok);
	assert_string_equal(got, "t.json:1:13: title: invalid JSON: raw control character 0x00 in a string; write it as \\u00XX");
	free(got);
	/* Nesting beyond what any routine needs stops the scanner, not the stack. */
	char deep[300];
	memset(deep, '[', 100);
	deep[100] = '\0';
	got = diags_of(deep, &ok);
	assert_non_null(strstr(got, "invalid JSON: nested too deeply"));
	assert_false(ok);
	free(got);
}

static void test_not_an_object(void **st)
{
	(void)st;
	REJECTS("[]", "t.json:1:1: a routine must be a JSON object ({\"format\": 1, ...}), not an array");
	REJECTS(" 'x'", "t.json:1:2: a routine must be a JSON object ({\"format\": 1, ...}), not a string");
}

/* ---- types ---- */

static void test_wrong_types(void **st)
{
	(void)st;
	REJECTS("{'format':'1','title':'x','steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:11: format: must be the number 1, not a string");
	REJECTS("{'format':1,'title':5,'steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:21: title: must be a string, not a number");
	REJECTS("{'format':1,'title':'x','description':null,'steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:39: description: must be a string, not null");
	REJECTS("{'format':1,'title':'x','defaults':[],'steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:36: defaults: must be an object like {\"transition_s\": 5}, not an array");
	REJECTS("{'format':1,'title':'x','steps':{}}", "t.json:1:33: steps: must be an array of steps, not an object");
	REJECTS(STEP("'rest'"), "t.json:1:34: steps[0]: a step must be an object like {\"kind\": \"stretch\", ...}, not a string");
	REJECTS(STEP("{'kind':3}"), "t.json:1:42: steps[0].kind: must be a string (compression, rolling, stretch, rest, repeat), not a number");
	REJECTS(STEP("{'kind':'compression','tool':true,'duration_s':30}"),
	        "t.json:1:63: steps[0].tool: must be a string (ball, peanut, roller, cane, hand), not true");
	REJECTS(STEP("{'kind':'stretch','sides':'left','duration_s':30}"),
	        "t.json:1:60: steps[0].sides: must be an array of sides, e.g. [\"left\", \"right\"], not a string");
	REJECTS(STEP("{'kind':'stretch','sides':[1],'duration_s':30}"),
	        "t.json:1:61: steps[0].sides[0]: must be a side (left, right), not a number");
	REJECTS(STEP("{'kind':'stretch','duration_s':'30'}"),
	        "t.json:1:65: steps[0].duration_s: must be a whole number of seconds (1-900), not a string");
	REJECTS(STEP("{'kind':'repeat','times':'2','steps':[{'kind':'rest','duration_s':1}]}"),
	        "t.json:1:59: steps[0].times: must be a whole number of repetitions (1-50), not a string");
	REJECTS(STEP("{'kind':'stretch','duration_s':3,'transition_s':false}"),
	        "t.json:1:82: steps[0].transition_s: must be a whole number of seconds (0-120), not false");
	REJECTS(STEP("{'kind':'stretch','duration_s':3,'refers_to':{}}"),
	        "t.json:1:79: steps[0].refers_to: must be a string or an array of strings, not an object");
	REJECTS(STEP("{'kind':'stretch','duration_s':3,'refers_to':['a',2]}"),
	        "t.json:1:84: steps[0].refers_to[1]: must be a string, not a number");
	REJECTS(STEP("{'kind':'stretch','duration_s':3,'cues':[]}"),
	        "t.json:1:74: steps[0].cues: must be an object like {\"voice\": false}, not an array");
	REJECTS(STEP("{'kind':'stretch','duration_s':3,'cues':{'voice':'no'}}"),
	        "t.json:1:83: steps[0].cues.voice: must be true or false, not a string");
	REJECTS(STEP("{'kind':'compression','tool':'ball','ends':1,'duration_s':30}"),
	        "t.json:1:77: steps[0].ends: must be \"tap\", not a number");
	REJECTS(STEP("{'kind':'stretch','duration_s':3,'text':['a']}"),
	        "t.json:1:74: steps[0].text: must be a string, not an array");
	REJECTS("{'$schema':1,'format':1,'title':'x','steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:12: $schema: must be a string (the schema's URL or path), not a number");
}

/* ---- unknown keys ---- */

static void test_unknown_keys(void **st)
{
	(void)st;
	/* With a suggestion, the suggested key is not reported missing as well. */
	REJECTS("{'format':1,'titel':'x','steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:13: titel: unknown key \"titel\" (did you mean \"title\"?)");
	REJECTS("{'format':1,'title':'x','colour':'red','steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:25: colour: unknown key \"colour\" (a routine takes: format, title, description, defaults, steps, $schema, areas, language)");
	REJECTS(STEP("{'kind':'stretch','duraton_s':30}"),
	        "t.json:1:52: steps[0].duraton_s: unknown key \"duraton_s\" (did you mean \"duration_s\"?)");
	REJECTS(STEP("{'kind':'repeat','time':2,'steps':[{'kind':'rest','duration_s':1}]}"),
	        "t.json:1:51: steps[0].time: unknown key \"time\" (did you mean \"times\"?)");
	REJECTS(STEP("{'Kind':'rest','duration_s':1}"),
	        "t.json:1:35: steps[0].Kind: unknown key \"Kind\" (did you mean \"kind\"?)");
	REJECTS(STEP("{'kind':'rest','duration_s':1,'colour':2}"),
	        "t.json:1:64: steps[0].colour: unknown key \"colour\" (a rest step takes: kind, duration_s, text, cues, ends, min_s)");
	REJECTS("{'format':1,'title':'x','defaults':{'transition':5},'steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:37: defaults.transition: unknown key \"transition\" (did you mean \"transition_s\"?)");
	REJECTS(STEP("{'kind':'rest','duration_s':1,'cues':{'halfwya':true}}"),
	        "t.json:1:72: steps[0].cues.halfwya: unknown key \"halfwya\" (did you mean \"halfway\"?)");
	/* Keys that exist but not for this kind. */
	REJECTS(STEP("{'kind':'stretch','tool':'cane','duration_s':30}"),
	        "t.json:1:52: steps[0].tool: a stretch takes no tool (only compression and rolling do)");
	REJECTS(STEP("{'kind':'rest','sides':['left'],'duration_s':30}"),
	        "t.json:1:49: steps[0].sides: a rest step takes no \"sides\"");
	REJECTS(STEP("{'kind':'repeat','times':2,'duration_s':3,'steps':[{'kind':'rest','duration_s':1}]}"),
	        "t.json:1:61: steps[0].duration_s: a repeat takes only \"kind\", \"times\", \"sides\" and \"steps\"; put \"duration_s\" on the steps inside it");
	/* A long key is cut in the message. */
	REJECTS(STEP("{'kind':'rest','duration_s':1,'abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij':2}"),
	        "t.json:1:64: steps[0].abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij: unknown key \"abcdefghijabcdefghijabcdefghijabcdefghij...\" (a rest step takes: kind, duration_s, text, cues, ends, min_s)");
}

/* ---- required fields ---- */

static void test_missing_fields(void **st)
{
	(void)st;
	REJECTS("{\n 'title':'x','steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:1: format: missing \"format\" (write \"format\": 1)");
	REJECTS("{'format':1,'steps':[{'kind':'rest','duration_s':5}]}", "t.json:1:1: title: missing \"title\"");
	REJECTS("{'format':1,'title':'x'}", "t.json:1:1: steps: missing \"steps\"");
	REJECTS("{}", "t.json:1:1: format: missing \"format\" (write \"format\": 1)\n"
	              "t.json:1:1: title: missing \"title\"\n"
	              "t.json:1:1: steps: missing \"steps\"");
	REJECTS(STEP("{'duration_s':5}"), "t.json:1:34: steps[0].kind: missing \"kind\" (compression, rolling, stretch, rest, repeat)");
	REJECTS(STEP("{'kind':'compression','duration_s':50}"),
	        "t.json:1:34: steps[0].tool: missing \"tool\"; a compression step needs one (ball, peanut, roller, cane, hand)");
	REJECTS(STEP("{'kind':'rolling','tool':'roller'}"),
	        "t.json:1:34: steps[0].duration_s: missing \"duration_s\"; a rolling step needs its length in seconds (1-900)");
	REJECTS(STEP("{'kind':'stretch'}"),
	        "t.json:1:34: steps[0].duration_s: missing \"duration_s\"; a stretch step needs its length in seconds (1-900)");
	REJECTS(STEP("{'kind':'rest'}"),
	        "t.json:1:34: steps[0].duration_s: missing \"duration_s\"; a rest step needs its length in seconds (1-900)");
	REJECTS(STEP("{'kind':'stretch','ends':'tap'}"),
	        "t.json:1:34: steps[0].duration_s: missing \"duration_s\"; a user-paced stretch step needs a cap in seconds (1-900)");
	REJECTS(STEP("{'kind':'repeat'}"),
	        "t.json:1:34: steps[0].times: missing \"times\"; a repeat needs how often (1-50)\n"
	        "t.json:1:34: steps[0].steps: missing \"steps\"; a repeat needs the steps it repeats");
	/* A compression that ends on a tap needs no duration (capped at 90 s). */
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','ends':'tap'}"), "");
}

static void test_empty_steps(void **st)
{
	(void)st;
	REJECTS("{'format':1,'title':'x','steps':[]}", "t.json:1:33: steps: must not be empty");
	REJECTS(STEP("{'kind':'repeat','times':2,'steps':[]}"), "t.json:1:69: steps[0].steps: must not be empty");
}

/* ---- ranges ---- */

static void test_ranges(void **st)
{
	(void)st;
	REJECTS(STEP("{'kind':'rest','duration_s':0}"), "t.json:1:62: steps[0].duration_s: 0 is out of range (1-900 seconds)");
	REJECTS(STEP("{'kind':'rest','duration_s':901}"), "t.json:1:62: steps[0].duration_s: 901 is out of range (1-900 seconds)");
	REJECTS(STEP("{'kind':'rest','duration_s':-5}"), "t.json:1:62: steps[0].duration_s: -5 is out of range (1-900 seconds)");
	REJECTS(STEP("{'kind':'rest','duration_s':12.5}"), "t.json:1:62: steps[0].duration_s: 12.5 is not a whole number of seconds (1-900)");
	REJECTS(STEP("{'kind':'rest','duration_s':1e300}"), "t.json:1:62: steps[0].duration_s: 1e+300 is out of range (1-900 seconds)");
	ACCEPTS(STEP("{'kind':'rest','duration_s':1}"), "");
	ACCEPTS(STEP("{'kind':'rest','duration_s':900}"), "");
	REJECTS(STEP("{'kind':'repeat','times':0,'steps':[{'kind':'rest','duration_s':1}]}"),
	        "t.json:1:59: steps[0].times: 0 is out of range (1-50 repetitions)");
	REJECTS(STEP("{'kind':'repeat','times':51,'steps':[{'kind':'rest','duration_s':1}]}"),
	        "t.json:1:59: steps[0].times: 51 is out of range (1-50 repetitions)");
	ACCEPTS(STEP("{'kind':'repeat','times':50,'steps':[{'kind':'rest','duration_s':1}]}"), "");
	REJECTS(STEP("{'kind':'stretch','duration_s':3,'transition_s':121}"),
	        "t.json:1:82: steps[0].transition_s: 121 is out of range (0-120 seconds)");
	REJECTS("{'format':1,'title':'x','defaults':{'transition_s':-1},'steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:52: defaults.transition_s: -1 is out of range (0-120 seconds)");
	REJECTS(STEP("{'kind':'rest','duration_s':1,'cues':{'countdown_s':11}}"),
	        "t.json:1:86: steps[0].cues.countdown_s: 11 is out of range (0-10 seconds)");
	REJECTS("{'format':2,'title':'x','steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:11: format: 2 is not supported; this unknot reads format 1");
	/* min_s: 1..cap-1, and only on a step that ends on a tap. */
	REJECTS(STEP("{'kind':'compression','tool':'ball','ends':'tap','min_s':90}"),
	        "t.json:1:91: steps[0].min_s: 90 must be less than the step's cap (90 s)");
	REJECTS(STEP("{'kind':'stretch','ends':'tap','duration_s':30,'min_s':30}"),
	        "t.json:1:89: steps[0].min_s: 30 must be less than the step's cap (30 s)");
	REJECTS(STEP("{'kind':'compression','tool':'ball','ends':'tap','min_s':0}"),
	        "t.json:1:91: steps[0].min_s: 0 is out of range (1-899 seconds)");
	REJECTS(STEP("{'kind':'compression','tool':'ball','duration_s':60,'min_s':10}"),
	        "t.json:1:94: steps[0].min_s: \"min_s\" only goes with \"ends\": \"tap\"");
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','ends':'tap','min_s':89}"), "");
	REJECTS(STEP("{'kind':'compression','tool':'ball','ends':'release','duration_s':60}"),
	        "t.json:1:77: steps[0].ends: \"release\" is not a way to end a step (only \"tap\")");
}

/* ---- names ---- */

static void test_unknown_names(void **st)
{
	(void)st;
	REJECTS(STEP("{'kind':'massage','duration_s':30}"),
	        "t.json:1:42: steps[0].kind: \"massage\" is not a kind (compression, rolling, stretch, rest, repeat)");
	REJECTS(STEP("{'kind':'transition','duration_s':30}"),
	        "t.json:1:42: steps[0].kind: \"transition\" is not a kind (compression, rolling, stretch, rest, repeat)");
	REJECTS(STEP("{'kind':'compression','tool':'tennis ball','duration_s':30}"),
	        "t.json:1:63: steps[0].tool: \"tennis ball\" is not a tool (ball, peanut, roller, cane, hand)");
	REJECTS("{\n"
	        "  'format': 1,\n"
	        "  'title': 'Neck',\n"
	        "  'steps': [\n"
	        "    { 'kind': 'compression', 'tool': 'ball', 'target': 'upper trapezius',\n"
	        "      'sides': ['left', 'right'], 'duration_s': 60 },\n"
	        "    { 'kind': 'rest', 'duration_s': 15 },\n"
	        "    { 'kind': 'stretch', 'target': 'upper trapezius',\n"
	        "      'sides': ['left', 'rihgt'], 'duration_s': 30 }\n"
	        "  ]\n"
	        "}\n",
	        "t.json:9:25: steps[2].sides[1]: \"rihgt\" is not a side (left, right)");
	REJECTS(STEP("{'kind':'stretch','sides':['left','left'],'duration_s':30}"),
	        "t.json:1:68: steps[0].sides[1]: \"left\" is listed twice");
	REJECTS(STEP("{'kind':'stretch','sides':[],'duration_s':30}"),
	        "t.json:1:60: steps[0].sides: must not be empty (leave \"sides\" out for a step without sides)");
	/* Quotes and control characters in a bad value are escaped in the message. */
	REJECTS(STEP("{'kind':'a\\\"b\\n','duration_s':30}"),
	        "t.json:1:42: steps[0].kind: \"a\\\"b\\x0A\" is not a kind (compression, rolling, stretch, rest, repeat)");
}

/* ---- nesting, size, length ---- */

/* A routine with `depth` nested repeats around one rest. Caller frees. */
static char *nested(int depth)
{
	char *s = calloc(1, 4096);
	strcat(s, "{'format':1,'title':'x','steps':[");
	for (int i = 0; i < depth; i++)
		strcat(s, "{'kind':'repeat','times':2,'steps':[");
	strcat(s, "{'kind':'rest','duration_s':1}");
	for (int i = 0; i < depth; i++)
		strcat(s, "]}");
	strcat(s, "]}");
	return s;
}

static void test_nesting(void **st)
{
	(void)st;
	char *s = nested(4);
	routine *r = load(s);
	assert_int_equal(routine_length(r), 16);
	routine_free(r);
	free(s);
	s = nested(5);
	/* The fifth repeat starts after "{'format':1,'title':'x','steps':[" (33)
	 * and four "{'kind':'repeat','times':2,'steps':[" (36 each). */
	REJECTS(s, "t.json:1:178: steps[0].steps[0].steps[0].steps[0].steps[0]: repeats are nested more than 4 deep");
	free(s);
	/* Deeper still: reported once, at the first repeat too deep. */
	s = nested(7);
	bool ok;
	char *got = diags_of(s, &ok);
	assert_false(ok);
	assert_null(strchr(got, '\n'));
	free(got);
	free(s);
}

static void test_file_too_big(void **st)
{
	(void)st;
	size_t n = ROUTINE_MAX_FILE_BYTES + 1;
	char *big = malloc(n);
	memset(big, ' ', n);
	memcpy(big, "{}", 2);
	bool ok;
	char *got = diags_of_len(big, n, &ok);
	assert_string_equal(got, "t.json: the file is too big: 1048577 bytes (at most 1 MiB)");
	assert_false(ok);
	free(got);
	/* Exactly 1 MiB is fine (white space after a valid routine). */
	const char *good = "{\"format\":1,\"title\":\"x\",\"steps\":[{\"kind\":\"rest\",\"duration_s\":5}]}";
	memcpy(big, good, strlen(good));
	got = diags_of_len(big, n - 1, &ok);
	assert_string_equal(got, "");
	assert_true(ok);
	free(got);
	free(big);
}

static void test_timeline_limit(void **st)
{
	(void)st;
	/* 16 x 900 s = 4 h exactly; 17 x 900 s is over. */
	routine *r = load(STEP("{'kind':'repeat','times':16,'steps':[{'kind':'rest','duration_s':900}]}"));
	assert_int_equal(routine_total_s(r), ROUTINE_MAX_TOTAL_S);
	routine_free(r);
	REJECTS(STEP("{'kind':'repeat','times':17,'steps':[{'kind':'rest','duration_s':900}]}"),
	        "t.json:1:33: steps: the timeline is 255:00 long; the limit is 4 hours (240:00)");
	/* Transitions count: 2 sides x (5 + 900) x 8 = 14480 s. */
	REJECTS("{'format':1,'title':'x','defaults':{'transition_s':5},'steps':[{'kind':'repeat','times':8,'steps':"
	        "[{'kind':'stretch','sides':['left','right'],'duration_s':900}]}]}",
	        "t.json:1:63: steps: the timeline is 241:20 long; the limit is 4 hours (240:00)");
	/* The worst case the limits allow does not overflow or allocate. */
	char *s = calloc(1, 4096);
	strcat(s, "{'format':1,'title':'x','steps':[");
	for (int i = 0; i < 4; i++)
		strcat(s, "{'kind':'repeat','times':50,'steps':[");
	strcat(s, "{'kind':'stretch','sides':['left','right'],'duration_s':900,'transition_s':120}");
	for (int i = 0; i < 4; i++)
		strcat(s, "]}");
	strcat(s, "]}");
	REJECTS(s, "t.json:1:33: steps: the timeline is far too long; the limit is 4 hours (240:00)");
	free(s);
}

static void test_string_limits(void **st)
{
	(void)st;
	char buf[4096], t[1200];
	memset(t, 'T', ROUTINE_MAX_TITLE);
	t[ROUTINE_MAX_TITLE] = '\0';
	snprintf(buf, sizeof buf, "{'format':1,'title':'%s','steps':[{'kind':'rest','duration_s':5}]}", t);
	ACCEPTS(buf, "");
	snprintf(buf, sizeof buf, "{'format':1,'title':'%sT','steps':[{'kind':'rest','duration_s':5}]}", t);
	REJECTS(buf, "t.json:1:21: title: too long: 121 bytes (at most 120)");
	/* Bytes, not characters: 61 x "é" is 122 bytes. */
	buf[0] = '\0';
	strcat(buf, "{'format':1,'title':'");
	for (int i = 0; i < 61; i++)
		strcat(buf, "\xC3\xA9");
	strcat(buf, "','steps':[{'kind':'rest','duration_s':5}]}");
	REJECTS(buf, "t.json:1:21: title: too long: 122 bytes (at most 120)");
	memset(t, 'x', ROUTINE_MAX_NAME + 1);
	t[ROUTINE_MAX_NAME + 1] = '\0';
	snprintf(buf, sizeof buf, STEP("{'kind':'stretch','duration_s':5,'target':'%s'}"), t);
	REJECTS(buf, "t.json:1:76: steps[0].target: too long: 81 bytes (at most 80)");
	snprintf(buf, sizeof buf, STEP("{'kind':'stretch','duration_s':5,'refers_to':['%s']}"), t);
	REJECTS(buf, "t.json:1:80: steps[0].refers_to[0]: too long: 81 bytes (at most 80)");
	t[ROUTINE_MAX_NAME] = '\0';
	snprintf(buf, sizeof buf, STEP("{'kind':'stretch','duration_s':5,'target':'%s','refers_to':['%s']}"), t, t);
	ACCEPTS(buf, "");
	memset(t, 'y', ROUTINE_MAX_TEXT + 1);
	t[ROUTINE_MAX_TEXT + 1] = '\0';
	snprintf(buf, sizeof buf, STEP("{'kind':'stretch','duration_s':5,'text':'%s'}"), t);
	REJECTS(buf, "t.json:1:74: steps[0].text: too long: 1001 bytes (at most 1000)");
	snprintf(buf, sizeof buf, "{'format':1,'title':'x','description':'%s','steps':[{'kind':'rest','duration_s':5}]}", t);
	REJECTS(buf, "t.json:1:39: description: too long: 1001 bytes (at most 1000)");
	REJECTS(STEP("{'kind':'stretch','duration_s':5,'target':''}"), "t.json:1:76: steps[0].target: must not be empty");
	REJECTS("{'format':1,'title':'','steps':[{'kind':'rest','duration_s':5}]}", "t.json:1:21: title: must not be empty");
	REJECTS(STEP("{'kind':'stretch','duration_s':5,'refers_to':['a','b','c','d','e','f','g','h','i','j','k']}"),
	        "t.json:1:79: steps[0].refers_to: lists 11 places (at most 10)");
	REJECTS(STEP("{'kind':'stretch','duration_s':5,'refers_to':[]}"),
	        "t.json:1:79: steps[0].refers_to: must not be empty (leave \"refers_to\" out instead)");
}

static void test_invalid_utf8(void **st)
{
	(void)st;
	/* The line:column of the bad byte itself; one report per string; every string. */
	REJECTS("{'format':1,\n'title':'Caf\xE9 \xFF',\n'steps':[{'kind':'rest','duration_s':5,'text':'ok \xC3\xA9 \xC0\xAF'}]}",
	        "t.json:2:13: title: invalid UTF-8 (byte 0xE9); save the file as UTF-8\n"
	        "t.json:3:54: steps[0].text: invalid UTF-8 (byte 0xC0); save the file as UTF-8");
	/* In a key: named by the enclosing object; the key is also unknown. */
	REJECTS("{'format':1,'title':'x','\xED\xA0\x80':1,'steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:1:25: ???: unknown key \"\\xED\\xA0\\x80\" (a routine takes: format, title, description, defaults, steps, $schema, areas, language)\n"
	        "t.json:1:26: invalid UTF-8 (byte 0xED); save the file as UTF-8");
}

static void test_duplicate_keys(void **st)
{
	(void)st;
	REJECTS(STEP("{'kind':'stretch','duration_s':30,'duration_s':40}"),
	        "t.json:1:68: steps[0].duration_s: duplicate key \"duration_s\" (first at 1:52)");
	REJECTS("{'format':1,'title':'a',\n'title':'b','steps':[{'kind':'rest','duration_s':5}]}",
	        "t.json:2:1: title: duplicate key \"title\" (first at 1:13)");
	/* Only the first is validated: a bad second value is not reported twice. */
	REJECTS(STEP("{'kind':'stretch','duration_s':30,'duration_s':'x'}"),
	        "t.json:1:68: steps[0].duration_s: duplicate key \"duration_s\" (first at 1:52)");
}

static void test_all_errors_in_file_order(void **st)
{
	(void)st;
	REJECTS("{\n"
	        "  'format': 1,\n"
	        "  'title': '',\n"
	        "  'steps': [\n"
	        "    { 'kind': 'compresion', 'tool': 'ball', 'duration_s': 60 },\n"
	        "    { 'kind': 'compression', 'tool': 'ball', 'duration_s': 1000, 'sides': 'left' },\n"
	        "    { 'kind': 'stretch', 'target': 7, 'duration_s': 30, 'cues': { 'voice': 1 } },\n"
	        "    { 'duration_s': 5 }\n"
	        "  ],\n"
	        "  'extra': true\n"
	        "}\n",
	        "t.json:3:12: title: must not be empty\n"
	        "t.json:5:15: steps[0].kind: \"compresion\" is not a kind (compression, rolling, stretch, rest, repeat)\n"
	        "t.json:6:60: steps[1].duration_s: 1000 is out of range (1-900 seconds)\n"
	        "t.json:6:75: steps[1].sides: must be an array of sides, e.g. [\"left\", \"right\"], not a string\n"
	        "t.json:7:36: steps[2].target: must be a string, not a number\n"
	        "t.json:7:76: steps[2].cues.voice: must be true or false, not a number\n"
	        "t.json:8:5: steps[3].kind: missing \"kind\" (compression, rolling, stretch, rest, repeat)\n"
	        "t.json:10:3: extra: unknown key \"extra\" (a routine takes: format, title, description, defaults, steps, $schema, areas, language)");
}

static void test_too_many_errors_are_capped(void **st)
{
	(void)st;
	size_t n = 5000;
	char *s = calloc(1, 64 + n * 16);
	strcat(s, "{'format':1,'title':'x','steps':[");
	for (size_t i = 0; i < n; i++)
		strcat(s, i ? ",{'kind':0}" : "{'kind':0}");
	strcat(s, "]}");
	char *t = dq(s);
	routine_diags d = { 0 };
	assert_null(routine_parse("t.json", t, strlen(t), &d));
	assert_true(d.errors >= 100 && d.errors <= 400);
	routine_diags_free(&d);
	/* No diagnostics wanted: still rejected. */
	assert_null(routine_parse("t.json", t, strlen(t), NULL));
	free(t);
	free(s);
}

/* ---- warnings ---- */

static void test_hold_warnings(void **st)
{
	(void)st;
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','duration_s':29}"),
	        "t.json:1:83: steps[0].duration_s: warning: a 29 s compression is outside the usual 30-90 s");
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','duration_s':30}"), "");
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','duration_s':90}"), "");
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','duration_s':91}"),
	        "t.json:1:83: steps[0].duration_s: warning: a 91 s compression is outside the usual 30-90 s");
	/* User-paced: the cap is what is held at most. */
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','ends':'tap'}"), "");
	ACCEPTS(STEP("{'kind':'compression','tool':'ball','ends':'tap','duration_s':120}"),
	        "t.json:1:96: steps[0].duration_s: warning: a 120 s compression cap is outside the usual 30-90 s");
	/* Other kinds never warn; a warning inside a repeat is given once. */
	ACCEPTS(STEP("{'kind':'stretch','duration_s':10}"), "");
	ACCEPTS(STEP("{'kind':'repeat','times':3,'steps':[{'kind':'compression','tool':'ball','sides':['left','right'],'duration_s':10}]}"),
	        "t.json:1:144: steps[0].steps[0].duration_s: warning: a 10 s compression is outside the usual 30-90 s");
	/* Warnings and errors together, in file order; the errors reject. */
	REJECTS("{'format':1,'title':'x','steps':[{'kind':'compression','tool':'ball','duration_s':10},{'kind':'rest'}]}",
	        "t.json:1:83: steps[0].duration_s: warning: a 10 s compression is outside the usual 30-90 s\n"
	        "t.json:1:87: steps[1].duration_s: missing \"duration_s\"; a rest step needs its length in seconds (1-900)");
}

/* Property test: 20,000 mutations of a valid routine (bytes flipped,
 * deleted, duplicated, cut short) never crash (run it under ASan), a routine
 * comes back exactly when there is no error, and every diagnostic points
 * inside the text. */
static void test_mutations(void **st)
{
	(void)st;
	char *base = dq(neck);
	size_t blen = strlen(base);
	static const char pool[] = "{}[]:,\"\\0123456789.-eE tfnul\n\x80\xC3\xFF";
	uint32_t seed = 2463534242u;
	char *buf = malloc(blen * 2 + 16);
	int accepted = 0, rejected = 0, unplaced = 0;
	for (int iter = 0; iter < 20000; iter++) {
		memcpy(buf, base, blen);
		size_t len = blen;
		int edits = 1 + (int)(seed % 4);
		for (int e = 0; e < edits; e++) {
			seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
			size_t at = seed % len;
			switch ((seed >> 8) % 4) {
			case 0: buf[at] = pool[(seed >> 12) % (sizeof pool - 1)]; break;
			case 1: memmove(buf + at, buf + at + 1, len - at - 1); len--; break;
			case 2: memmove(buf + at + 1, buf + at, len - at); len++; break;
			default: len = at + 1; break;
			}
			if (len < 2)
				break;
		}
		int lines = 1;
		for (size_t i = 0; i < len; i++)
			lines += buf[i] == '\n';
		routine_diags d = { 0 };
		routine *r = routine_parse("m.json", buf, len, &d);
		assert_true((r != NULL) == (d.errors == 0));
		accepted += r != NULL;
		rejected += r == NULL;
		for (size_t i = 0; i < d.count; i++) {
			unplaced += d.items[i].line == 0;
			assert_true(d.items[i].line >= 1 && d.items[i].line <= lines);
			assert_true(d.items[i].column >= 1 && (size_t)d.items[i].column <= len + 1);
			assert_true(d.items[i].message[0] != '\0');
		}
		if (r) {
			uint32_t t = 0;
			for (size_t i = 0; i < routine_length(r); i++) {
				assert_int_equal(routine_entry_at(r, i)->start_s, t);
				t += routine_entry_at(r, i)->duration_s;
			}
			assert_int_equal(routine_total_s(r), t);
			assert_true(t <= ROUTINE_MAX_TOTAL_S);
		}
		routine_free(r);
		routine_diags_free(&d);
	}
	/* Both outcomes are exercised (a mutation can land in a string). */
	assert_true(accepted > 500 && rejected > 5000);
	assert_int_equal(unplaced, 0);
	free(buf);
	free(base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_example_timeline),
		cmocka_unit_test(test_repeat_sides_transitions),
		cmocka_unit_test(test_transition_rules),
		cmocka_unit_test(test_reposition),
		cmocka_unit_test(test_ends_tap),
		cmocka_unit_test(test_cues_merge),
		cmocka_unit_test(test_refers_to_and_summaries),
		cmocka_unit_test(test_areas),
		cmocka_unit_test(test_names_and_format),
		cmocka_unit_test(test_whole_floats_and_schema_key),
		cmocka_unit_test(test_invalid_json),
		cmocka_unit_test(test_not_an_object),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_missing_fields),
		cmocka_unit_test(test_empty_steps),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_file_too_big),
		cmocka_unit_test(test_timeline_limit),
		cmocka_unit_test(test_string_limits),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_all_errors_in_file_order),
		cmocka_unit_test(test_too_many_errors_are_capped),
		cmocka_unit_test(test_hold_warnings),
		cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
