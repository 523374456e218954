/* Tests for src/io/i18n.c and the translated speech sentences (issue 21): the
 * language codes accepted, the language chosen (the config's over the
 * environment's, a language without a catalogue is English), and the German
 * announcement built from whole translated sentences with digits the German
 * voice says. Needs the build's catalogues (make builds build/locale). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <stdbool.h>
#include <string.h>

#include "core/i18n.h"
#include "core/routine.h"
#include "io/i18n.h"
#include "io/speech.h"

static void test_codes(void **state)
{
	(void)state;
	assert_true(i18n_code_ok("de"));
	assert_true(i18n_code_ok("deu"));
	assert_true(i18n_code_ok("pt_BR"));
	assert_true(i18n_code_ok("pt-BR"));
	assert_true(i18n_code_ok("zh-Hant"));
	assert_false(i18n_code_ok(""));
	assert_false(i18n_code_ok("d"));
	assert_false(i18n_code_ok("deut"));
	assert_false(i18n_code_ok("de_"));
	assert_false(i18n_code_ok("de!"));
	assert_false(i18n_code_ok("../de"));
	assert_false(i18n_code_ok(NULL));
}

/* The build's catalogues: BUILD/locale, from this binary's BUILD/tests/io/. */
static char localedir[4096];

static int setup(void **state)
{
	(void)state;
	setenv("UNKNOT_LOCALEDIR", localedir, 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	setenv("LANGUAGE", "en", 1);
	i18n_init(NULL);
	return 0;
}


/* The same checks with io/i18n.c's own .mo reader (core/mocat), which it
 * uses where libc's gettext ignores the language: glibc 2.41 (Debian 13)
 * under C.UTF-8, the only locale a minimal root has. UNKNOT_GETTEXT=builtin
 * makes it read the catalogue itself here too. */
static int setup_builtin(void **state)
{
	setenv("UNKNOT_GETTEXT", "builtin", 1);
	return setup(state);
}

static int teardown_builtin(void **state)
{
	(void)state;
	unsetenv("UNKNOT_GETTEXT");
	return 0;
}

/* What a German user reads, whichever reader found it: a plain message, a
 * message with a context and both plural forms. */
static void assert_german(void)
{
	assert_string_equal(_("Settings"), "Einstellungen");
	assert_string_equal(_("Back"), "Zur\xC3\xBC" "ck");
	assert_string_equal(C_("body", "Back"), "R\xC3\xBC" "cken");
	assert_string_equal(ngettext("Streak: %d day\n", "Streak: %d days\n", 1), "Serie: %d Tag\n");
	assert_string_equal(ngettext("Streak: %d day\n", "Streak: %d days\n", 2), "Serie: %d Tage\n");
	assert_string_equal(ngettext("Streak: %d day\n", "Streak: %d days\n", 0), "Serie: %d Tage\n");
}

static void test_choice(void **state)
{
	(void)state;
	assert_int_equal(i18n_set("de"), 0);
	assert_string_equal(i18n_language(), "de");
	assert_german();
	assert_int_equal(i18n_set("fr"), 0);
	assert_string_equal(_("Settings"), "R\xC3\xA9glages");
	assert_int_equal(i18n_set("de"), 0); /* back: the catalogue read once is used again */
	assert_german();
	assert_int_equal(i18n_set("de-AT"), 0); /* no de_AT catalogue: de */
	assert_string_equal(i18n_language(), "de");
	assert_int_equal(i18n_set("xx"), 0);    /* no catalogue: the English text */
	assert_string_equal(i18n_language(), "en");
	assert_string_equal(_("Settings"), "Settings");
	assert_int_equal(i18n_set("de!"), -1);  /* refused: the environment's (en) */
	assert_string_equal(_("Settings"), "Settings");
	assert_string_equal(ngettext("Streak: %d day\n", "Streak: %d days\n", 2), "Streak: %d days\n");
	char langs[I18N_MAX_LANGS][8];
	size_t n = i18n_languages(langs, I18N_MAX_LANGS);
	assert_true(n >= 2);
	assert_string_equal(langs[0], "en");
	int has_de = 0;
	for (size_t i = 0; i < n; i++)
		has_de |= strcmp(langs[i], "de") == 0;
	assert_true(has_de);
}

static const char ROUTINE[] =
	"{ \"format\": 1, \"title\": \"t\", \"defaults\": { \"transition_s\": 0 },\n"
	"  \"steps\": [\n"
	"    { \"kind\": \"stretch\", \"target\": \"levator scapulae\", \"sides\": [\"right\"],\n"
	"      \"duration_s\": 30 },\n"
	"    { \"kind\": \"rest\", \"duration_s\": 150 },\n"
	"    { \"kind\": \"compression\", \"tool\": \"ball\", \"target\": \"infraspinatus\",\n"
	"      \"duration_s\": 130, \"ends\": \"tap\", \"min_s\": 20,\n"
	"      \"caution\": \"Keep off the armpit.\", \"caution@de\": \"Weg von der Achselhöhle.\",\n"
	"      \"placement\": \"Below the spine of the shoulder blade.\",\n"
	"      \"placement@de\": \"Unter der Schulterblattgräte.\" },\n"
	"    { \"kind\": \"stretch\", \"target\": \"infraspinatus\", \"duration_s\": 61,\n"
	"      \"placement\": \"Arm across the chest.\" } ] }\n";

static void test_german_speech(void **state)
{
	(void)state;
	routine_diags d = {0};
	routine *r = routine_parse("t.json", ROUTINE, strlen(ROUTINE), &d);
	routine_diags_free(&d);
	assert_non_null(r);
	char b[256], t[64];
	i18n_set("de");
	speech_announcement(r, 0, b, sizeof b);
	/* the muscle's German name (core/muscle.h), the side and the length */
	assert_string_equal(b, "Dehnung. Schulterblattheber, rechte Seite. 30 Sekunden.");
	speech_announcement(r, 1, b, sizeof b);
	assert_string_equal(b, "Pause. 2 einhalb Minuten.");
	speech_announcement(r, 2, b, sizeof b);
	/* the routine's German caution and placement, once the voice is German */
	speech_set_language("de");
	speech_announcement(r, 2, b, sizeof b);
	assert_string_equal(b, "Vorsicht: Weg von der Achselhöhle. Infraspinatus. Nimm den Massageball. "
	                       "Unter der Schulterblattgräte. Bis zu 2 Minuten und 10 Sekunden.");
	/* no German placement: the routine's own words, per field */
	speech_announcement(r, 3, b, sizeof b);
	assert_string_equal(b, "Dehnung. Infraspinatus. Arm across the chest. 61 Sekunden.");
	/* one, as a German voice should say it (the digit would be "eins") */
	assert_string_equal(speech_duration_words(1, t, sizeof t), "eine Sekunde");
	assert_string_equal(speech_duration_words(100, t, sizeof t), "eine Minute und 40 Sekunden");
	/* a target no catalogue knows stays as the routine wrote it */
	static const char OWN[] = "{ \"format\": 1, \"title\": \"t\", \"defaults\": { \"transition_s\": 0 },\n"
		"  \"steps\": [ { \"kind\": \"stretch\", \"target\": \"back\", \"duration_s\": 30 } ] }\n";
	routine_diags d2 = {0};
	routine *own = routine_parse("own.json", OWN, strlen(OWN), &d2);
	routine_diags_free(&d2);
	assert_non_null(own);
	speech_announcement(own, 0, b, sizeof b);
	assert_string_equal(b, "Dehnung. Back. 30 Sekunden."); /* not the Back button's "Zurück" */
	routine_free(own);
	/* back in English: the words again */
	i18n_set("en");
	speech_set_language("en");
	speech_announcement(r, 0, b, sizeof b);
	assert_string_equal(b, "Stretch. Levator scapulae, right side. Thirty seconds.");
	speech_announcement(r, 2, b, sizeof b);
	assert_string_equal(b, "Caution: Keep off the armpit. Infraspinatus. Use the ball. "
	                       "Below the spine of the shoulder blade. Up to two minutes ten seconds.");
	routine_free(r);
}

int main(int argc, char **argv)
{
	(void)argc;
	const char *slash = strrchr(argv[0], '/');
	snprintf(localedir, sizeof localedir, "%.*s/../../locale", slash ? (int)(slash - argv[0]) : 1,
	         slash ? argv[0] : ".");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_german_speech),
	};
	int failed = cmocka_run_group_tests_name("libc gettext", tests, setup, NULL);
	return failed + cmocka_run_group_tests_name("unknot's own .mo reader", tests, setup_builtin, teardown_builtin);
}
