/* A message kept as format + arguments, formatted again in another language
 * (core/fmsg.h), and the validators that report through it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/advice.h"
#include "core/config.h"
#include "core/fmsg.h"
#include "core/i18n.h"
#include "core/routine.h"

/* A tiny catalogue, as a translator would write it (German). */
static const char *german(const char *en)
{
	static const char *const cat[][2] = {
		{ "%s is not a side (%s)", "%s ist keine Seite (%s)" },
		{ "%.15g is not a whole number of %s (%ld-%ld)", "%1$.15g ist keine ganze Zahl (%3$ld-%4$ld %2$s)" },
		{ "seconds", "Sekunden" },
		{ "must be a string, not %s", "muss ein Text sein (gefunden: %s)" },
		{ "a number", "eine Zahl" },
		{ "broken %s", "kaputt %s %s" },       /* one conversion too many: not used */
		{ "mixed %s and %d", "%2$d gemischt %s" }, /* positions mixed with plain: not used */
		{ "expected a whole number (%d..%d)", "erwartet eine ganze Zahl (%d..%d)" },
		{ "Session %d of the usual %d-%d: ", "Sitzung %d von üblicherweise %d-%d: " },
	};
	for (size_t i = 0; i < sizeof cat / sizeof cat[0]; i++)
		if (strcmp(cat[i][0], en) == 0)
			return cat[i][1];
	return en;
}

/* Without a translator the text is exactly what snprintf makes of it. */
static void english_is_snprintf(void **state)
{
	(void)state;
	fmsg m;
	char got[256], want[256];
	assert_int_equal(fmsg_set(&m, "a %ld s compression is outside the usual %d-%d s (%.15g, U+%04X, \\x%02X, %zu%%, '%c')",
	                          120L, 30, 90, 2.5, 0x1bu, 7u, (size_t)42, 'q'), 0);
	snprintf(want, sizeof want, "a %ld s compression is outside the usual %d-%d s (%.15g, U+%04X, \\x%02X, %zu%%, '%c')",
	         120L, 30, 90, 2.5, 0x1bu, 7u, (size_t)42, 'q');
	assert_string_equal(fmsg_format(&m, NULL, got, sizeof got), want);
	assert_int_equal(m.nargs, 8);
	assert_int_equal(fmsg_set(&m, "duplicate key \"%.*s%s\" (first at %d:%d)", 3, "titlex", "...", 2, 5), 0);
	assert_string_equal(fmsg_format(&m, NULL, got, sizeof got), "duplicate key \"tit...\" (first at 2:5)");
	assert_string_equal(fmsg_arg(&m, 0, NULL), "tit");
	assert_string_equal(fmsg_arg(&m, 9, NULL), "");
}

/* The translation may reorder the arguments ("%2$s") and a marked word is
 * translated with it; file content is never looked up. */
static void translated_with_positions_and_words(void **state)
{
	(void)state;
	fmsg m;
	char got[256];
	fmsg_set(&m, N_("%.15g is not a whole number of %s (%ld-%ld)"), 2.5, FMSG_W("seconds"), 1L, 900L);
	assert_string_equal(fmsg_format(&m, NULL, got, sizeof got), "2.5 is not a whole number of seconds (1-900)");
	assert_string_equal(fmsg_format(&m, german, got, sizeof got), "2.5 ist keine ganze Zahl (1-900 Sekunden)");
	/* "seconds" as a value from the file (no marker) stays as written */
	fmsg_set(&m, N_("%s is not a side (%s)"), "\"seconds\"", "left, right");
	assert_string_equal(fmsg_format(&m, german, got, sizeof got), "\"seconds\" ist keine Seite (left, right)");
}

/* A catalogue whose conversions do not fit the arguments falls back to the
 * English format: never garbage, never a crash. */
static void a_broken_translation_falls_back(void **state)
{
	(void)state;
	fmsg m;
	char got[128];
	fmsg_set(&m, "broken %s", "x");
	assert_string_equal(fmsg_format(&m, german, got, sizeof got), "broken x");
	fmsg_set(&m, "mixed %s and %d", "a", 3);
	assert_string_equal(fmsg_format(&m, german, got, sizeof got), "mixed a and 3");
	/* a text (no conversions) keeps a '%' as written */
	fmsg_set_text(&m, "100% sure");
	assert_string_equal(fmsg_format(&m, german, got, sizeof got), "100% sure");
	/* more conversions than it keeps: the format itself, no arguments read wrongly */
	assert_int_equal(fmsg_set(&m, "%d%d%d%d%d%d%d%d%d", 1, 2, 3, 4, 5, 6, 7, 8, 9), -1);
	assert_string_equal(fmsg_format(&m, NULL, got, sizeof got), "%d%d%d%d%d%d%d%d%d");
}

/* gettext("") is the catalogue's header: an empty word is never looked up. */
static const char *header_on_empty(const char *en)
{
	return en[0] ? en : "Project-Id-Version: x";
}

static void an_empty_word_is_not_looked_up(void **state)
{
	(void)state;
	fmsg m;
	char got[64];
	fmsg_set(&m, "[%s]", FMSG_W(""));
	assert_string_equal(fmsg_format(&m, header_on_empty, got, sizeof got), "[]");
}

/* A cut never splits a character, and a long argument is kept in its budget. */
static void cut_at_a_character(void **state)
{
	(void)state;
	fmsg m;
	char got[8];
	memset(got, 0xC3, sizeof got); /* what a stack may hold: never shown after a cut */
	fmsg_set(&m, "%s", "ääää"); /* 8 bytes */
	fmsg_format(&m, NULL, got, sizeof got);
	assert_string_equal(got, "äää");
	char big[1000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	fmsg_set(&m, "%s and %s", big, "tail");
	size_t n;
	fmsg_arg(&m, 0, &n);
	assert_true(n < FMSG_ARGS_BYTES);
	assert_string_equal(fmsg_arg(&m, 1, NULL), ""); /* no room left: empty, not garbage */
}

/* The routine validator keeps the format and the arguments of each
 * diagnostic; its English message is unchanged. */
static void routine_diags_keep_format_and_args(void **state)
{
	(void)state;
	const char *text = "{\"format\": 1, \"title\": \"x\", \"steps\": [{\"kind\": \"stretch\", \"duration_s\": 30, "
	                   "\"sides\": [\"rihgt\"]}, {\"kind\": \"rest\", \"duration_s\": \"5\"}]}";
	routine_diags d = { 0 };
	assert_null(routine_parse("t.json", text, strlen(text), &d));
	assert_int_equal(d.count, 2);
	assert_string_equal(d.items[0].message, "\"rihgt\" is not a side (left, right)");
	assert_string_equal(d.items[0].msg.fmt, "%s is not a side (%s)");
	assert_string_equal(fmsg_arg(&d.items[0].msg, 0, NULL), "\"rihgt\"");
	char got[256], line[512];
	assert_string_equal(fmsg_format(&d.items[0].msg, german, got, sizeof got), "\"rihgt\" ist keine Seite (left, right)");
	assert_string_equal(d.items[1].message, "must be a whole number of seconds (1-900), not a string");
	routine_diag t = d.items[1];
	snprintf(t.message, sizeof t.message, "%s", fmsg_format(&d.items[1].msg, NULL, got, sizeof got));
	char want[256];
	snprintf(want, sizeof want, "t.json:1:%d: steps[1].duration_s: must be a whole number of seconds (1-900), not a string",
	         (int)(strstr(text, "\"5\"") - text) + 1);
	assert_string_equal(routine_diag_format(&t, "t.json", line, sizeof line), want);
	routine_diags_free(&d);

	/* a syntax error keeps its whole sentence as the key */
	routine_diags e = { 0 };
	assert_null(routine_parse("s.json", "{\"title\": \"x\"} junk", 19, &e));
	assert_int_equal(e.count, 1);
	assert_string_equal(e.items[0].msg.fmt, "invalid JSON: unexpected text after the end of the JSON value");
	assert_string_equal(e.items[0].message, "invalid JSON: unexpected text after the end of the JSON value");
	routine_diags_free(&e);
}

/* config_parse_e: the place and the message apart; config_parse's text is
 * the English one, "LINE:COLUMN: PATH: message". */
static void config_error_keeps_format(void **state)
{
	(void)state;
	config c;
	config_default(&c);
	config_error e;
	const char *text = "{ \"volume\": \"loud\" }";
	assert_int_equal(config_parse_e(&c, text, strlen(text), &e), -1);
	assert_string_equal(e.path, "volume");
	assert_string_equal(e.msg.fmt, "expected a whole number (%d..%d)");
	char buf[256], err[256];
	assert_string_equal(config_error_format(&e, german, buf, sizeof buf), "1:13: volume: erwartet eine ganze Zahl (0..100)");
	config_default(&c);
	assert_int_equal(config_parse(&c, text, strlen(text), err, sizeof err), -1);
	assert_string_equal(err, "1:13: volume: expected a whole number (0..100)");
}

/* The course note is built from whole translated sentences; the targets
 * are the routine's own words. */
static void course_note_translated(void **state)
{
	(void)state;
	const char *tg[] = { "upper trapezius" };
	int cnt[] = { 2 };
	char buf[200];
	assert_string_equal(advice_course_tr(buf, sizeof buf, tg, cnt, 1, german),
	                    "Sitzung 2 von üblicherweise 4-6: upper trapezius");
	assert_string_equal(advice_course(buf, sizeof buf, tg, cnt, 1), "Session 2 of the usual 4-6: upper trapezius");
}

/* The "get ready" line built for a translation is, in English, the
 * transition's own text (with and without a target, with and without a side). */
static void get_ready_line_as_the_transition_text(void **state)
{
	(void)state;
	const char *text = "{\"format\": 1, \"title\": \"x\", \"defaults\": {\"transition_s\": 5}, \"steps\": ["
	                   "{\"kind\": \"compression\", \"tool\": \"ball\", \"target\": \"upper trapezius\", "
	                   "\"duration_s\": 60, \"sides\": [\"left\", \"right\"]}, {\"kind\": \"stretch\", \"duration_s\": 30}]}";
	routine *r = routine_parse("g.json", text, strlen(text), NULL);
	assert_non_null(r);
	size_t seen = 0;
	char buf[200];
	for (size_t i = 0; i + 1 < routine_length(r); i++) {
		const routine_entry *e = routine_entry_at(r, i);
		if (e->kind != ROUTINE_TRANSITION)
			continue;
		const routine_entry *step = e->target ? e : routine_entry_at(r, i + 1);
		assert_string_equal(routine_get_ready(step, NULL, buf, sizeof buf), e->text);
		seen++;
	}
	assert_int_equal(seen, 3);
	const routine_entry *e = routine_entry_at(r, 0);
	assert_string_equal(e->text, "Get ready: upper trapezius, left side");
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_is_snprintf),
		cmocka_unit_test(translated_with_positions_and_words),
		cmocka_unit_test(a_broken_translation_falls_back),
		cmocka_unit_test(an_empty_word_is_not_looked_up),
		cmocka_unit_test(cut_at_a_character),
		cmocka_unit_test(routine_diags_keep_format_and_args),
		cmocka_unit_test(config_error_keeps_format),
		cmocka_unit_test(course_note_translated),
		cmocka_unit_test(get_ready_line_as_the_transition_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
