/* routine translations ("title@de", "text@fr"): routine_text gives each
 * field in the asked language and falls back per field (exact tag, the same
 * language in another region, the file's own); a transition keeps its own
 * "get ready" line; bad translations are errors at the key's line:column. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/routine.h"

static const char good[] =
	"{\"format\": 1, \"title\": \"Neck\", \"title@de\": \"Nacken\", \"title@pt-BR\": \"Pesco\xC3\xA7o\",\n"
	" \"description\": \"For the neck.\", \"description@fr\": \"Pour la nuque.\",\n"
	" \"defaults\": {\"transition_s\": 5},\n"
	" \"steps\": [{\"kind\": \"compression\", \"tool\": \"ball\", \"target\": \"upper trapezius\",\n"
	"   \"duration_s\": 60, \"sides\": [\"left\", \"right\"],\n"
	"   \"text\": \"Lean in.\", \"text@de\": \"Anlehnen.\", \"text@es\": \"Ap\xC3\xB3yate.\",\n"
	"   \"placement\": \"On top.\", \"placement@de\": \"Oben.\",\n"
	"   \"caution\": \"Off the neck.\",\n"
	"   \"refers_to\": [\"temple\", \"jaw\"], \"refers_to@de\": [\"Schl\xC3\xA4" "fe\", \"Kiefer\"]},\n"
	"  {\"kind\": \"stretch\", \"target\": \"upper trapezius\", \"duration_s\": 30, \"text\": \"Tilt.\"}]}";

static routine *load(const char *json)
{
	routine_diags d = {0};
	routine *r = routine_parse("t.json", json, strlen(json), &d);
	for (size_t i = 0; i < d.count; i++) {
		char b[512];
		print_message("%s\n", routine_diag_format(&d.items[i], "t.json", b, sizeof b));
	}
	routine_diags_free(&d);
	return r;
}

/* The first non-transition entry. */
static const routine_entry *first_step(const routine *r)
{
	for (size_t i = 0; i < routine_length(r); i++)
		if (routine_entry_at(r, i)->kind != ROUTINE_TRANSITION)
			return routine_entry_at(r, i);
	return NULL;
}

static void test_fields_and_fallback(void **state)
{
	(void)state;
	routine *r = load(good);
	assert_non_null(r);
	const routine_entry *e = first_step(r);
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_TITLE, "de"), "Nacken");
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_TITLE, "de_AT.UTF-8"), "Nacken");
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_TITLE, "pt"), "Pesco\xC3\xA7o");
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_TITLE, "fr"), "Neck");
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_TITLE, NULL), "Neck");
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_TITLE, "C"), "Neck");
	/* per field: French has a description but no title */
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_DESCRIPTION, "fr_FR.UTF-8"), "Pour la nuque.");
	assert_string_equal(routine_text(r, e, ROUTINE_FIELD_TEXT, "de"), "Anlehnen.");
	assert_string_equal(routine_text(r, e, ROUTINE_FIELD_TEXT, "es"), "Ap\xC3\xB3yate.");
	assert_string_equal(routine_text(r, e, ROUTINE_FIELD_PLACEMENT, "de"), "Oben.");
	assert_string_equal(routine_text(r, e, ROUTINE_FIELD_PLACEMENT, "es"), "On top.");
	assert_string_equal(routine_text(r, e, ROUTINE_FIELD_CAUTION, "de"), "Off the neck.");
	assert_string_equal(routine_text(r, e, ROUTINE_FIELD_REFERS_TO, "de"), "Schl\xC3\xA4" "fe, Kiefer");
	/* the same step on the other side carries the same translations */
	const routine_entry *right = NULL;
	for (size_t i = 0; i < routine_length(r); i++) {
		const routine_entry *x = routine_entry_at(r, i);
		if (x->kind == ROUTINE_COMPRESSION && x->side == ROUTINE_SIDE_RIGHT)
			right = x;
	}
	assert_non_null(right);
	assert_string_equal(routine_text(r, right, ROUTINE_FIELD_TEXT, "de"), "Anlehnen.");
	/* a step without translations, and a transition's own line */
	const routine_entry *last = routine_entry_at(r, routine_length(r) - 1);
	assert_string_equal(routine_text(r, last, ROUTINE_FIELD_TEXT, "de"), "Tilt.");
	const routine_entry *tr = routine_entry_at(r, 0);
	assert_int_equal(tr->kind, ROUTINE_TRANSITION);
	assert_string_equal(routine_text(r, tr, ROUTINE_FIELD_TEXT, "de"), tr->text);
	assert_string_equal(routine_text(r, tr, ROUTINE_FIELD_PLACEMENT, "de"), "Oben.");
	assert_string_equal(routine_language(r), "en");
	routine_free(r);
}

/* A German file with an English translation: German is its own language. */
static void test_own_language(void **state)
{
	(void)state;
	routine *r = load("{\"format\": 1, \"language\": \"de\", \"title\": \"Nacken\", \"title@en\": \"Neck\","
	                  " \"steps\": [{\"kind\": \"rest\", \"duration_s\": 5}]}");
	assert_non_null(r);
	assert_string_equal(routine_language(r), "de");
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_TITLE, "en_GB.UTF-8"), "Neck");
	assert_string_equal(routine_text(r, NULL, ROUTINE_FIELD_TITLE, "de-CH"), "Nacken");
	routine_free(r);
}

/* The first diagnostic of json, formatted. */
static const char *first_diag(const char *json)
{
	static char b[512];
	routine_diags d = {0};
	routine *r = routine_parse("t.json", json, strlen(json), &d);
	assert_null(r);
	assert_true(d.count > 0);
	routine_diag_format(&d.items[0], "t.json", b, sizeof b);
	routine_diags_free(&d);
	return b;
}

static void test_errors(void **state)
{
	(void)state;
	assert_string_equal(first_diag("{\"format\": 1, \"title\": \"a\", \"title@xx\": \"b\",\n"
	                               " \"steps\": [{\"kind\": \"rest\", \"duration_s\": 5}]}"),
	                    "t.json:1:29: title@xx: \"xx\" is not a language tag (a two-letter ISO 639-1 "
	                    "code such as \"de\", optionally with a region: \"pt-BR\")");
	assert_string_equal(first_diag("{\"format\": 1, \"title\": \"a\",\n"
	                               " \"steps\": [{\"kind\": \"rest\", \"duration_s\": 5, \"text@de\": \"x\"}]}"),
	                    "t.json:2:46: steps[0].text@de: translates \"text\", which this step does not "
	                    "have (write \"text\" first)");
	assert_string_equal(first_diag("{\"format\": 1, \"title\": \"a\", \"steps@de\": [],\n"
	                               " \"steps\": [{\"kind\": \"rest\", \"duration_s\": 5}]}"),
	                    "t.json:1:29: steps@de: \"steps\" cannot be translated in a routine (only "
	                    "title, description)");
	/* the value is checked as the field would be */
	assert_string_equal(first_diag("{\"format\": 1, \"title\": \"a\", \"title@de\": \"\",\n"
	                               " \"steps\": [{\"kind\": \"rest\", \"duration_s\": 5}]}"),
	                    "t.json:1:41: title@de: must not be empty");
	assert_string_equal(first_diag("{\"format\": 1, \"language\": \"english\", \"title\": \"a\",\n"
	                               " \"steps\": [{\"kind\": \"rest\", \"duration_s\": 5}]}"),
	                    "t.json:1:27: language: \"english\" is not a language tag (a two-letter ISO "
	                    "639-1 code such as \"de\", optionally with a region: \"pt-BR\")");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_fallback),
		cmocka_unit_test(test_own_language),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
