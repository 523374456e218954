/* i18n: binds unknot's message catalogue (gettext) and picks the language
 * (issue 21). core/i18n.h has the _() / N_() markers; this module makes
 * them find a translation.
 *
 * The language is, first to last: the config's "language" (a kiosk has no
 * login locale), then $LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG. It works where
 * the locale is not generated (a minimal Debian or a kiosk image has only
 * C.UTF-8): when setlocale(LC_ALL, "") fails, C.UTF-8 is used and the
 * language is handed to gettext through $LANGUAGE, which glibc up to 2.40
 * honours under any locale but "C". glibc 2.41 (Debian 13) ignores it under
 * C.UTF-8 too: when libc's gettext does not find the catalogue of the
 * language chosen, this module reads the .mo itself (core/mocat) and _()
 * and ngettext() look up there. UNKNOT_GETTEXT=builtin forces that reader
 * (the tests run both).
 *
 * The catalogue (LANG/LC_MESSAGES/unknot.mo) is looked up in
 * $UNKNOT_LOCALEDIR, then next to the executable (build/locale in a source
 * tree), then DATADIR/../locale (PREFIX/share/locale when installed).
 * i18n_init()/i18n_set() belong to the main thread. _() itself may be
 * called from any thread (the speech thread builds its sentences with it); a
 * switch while it renders can leave one announcement in the old language.
 */
#ifndef UNKNOT_IO_I18N_H
#define UNKNOT_IO_I18N_H

#include <stddef.h>

#define I18N_MAX_LANGS 16

/* Sets the locale and binds the catalogue, then selects `language` ("de",
 * "pt_BR"; NULL or "" = the environment's). Safe to call again (the
 * Settings screen switches live). Returns 0, or -1 when `language` is
 * not a language code (then the environment's is used). */
int i18n_init(const char *language);

/* Switches the language live ("" = the environment's). Returns as
 * i18n_init(). */
int i18n_set(const char *language);

/* The language in use: "de", "en"...; "en" when no translation applies.
 * Points into static storage, valid until the next i18n_set(). */
const char *i18n_language(void);

/* The languages with a catalogue, plus "en" (the source language) first:
 * codes copied into langs[0..max-1]. Returns how many. */
size_t i18n_languages(char langs[][8], size_t max);

/* Whether `s` looks like a language code: 2-3 letters, optionally "_" or
 * "-" and 2-8 letters or digits ("de", "pt_BR", "pt-BR", "zh-Hant"). */
int i18n_code_ok(const char *s);

/* The folder holding LANG/LC_MESSAGES/unknot.mo in use, "" when none. */
const char *i18n_localedir(void);

#endif
