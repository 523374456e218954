/*
 * i18n.h - marking user-visible text for translation (gettext; issue 21).
 *
 *   _("text")       the translation of "text" in the current language
 *                   (io, ui and app; until the app binds its catalogue,
 *                   gettext returns "text" itself)
 *   N_("text")      only marks "text" for xgettext: a string kept in a table
 *                   and translated with _() where it is shown
 *   ngettext(one, many, n)   plurals (the translator's, see below)
 *
 * src/core marks with N_() and returns the English key; it never looks up a
 * catalogue (that reads files), so its callers translate. The returned
 * pointers belong to the catalogue (libc's or io/i18n.c's, kept for the
 * life of the process): never free or modify them.
 */
#ifndef UNKNOT_I18N_H
#define UNKNOT_I18N_H

/* <libintl.h> first: glibc defines ngettext as a macro there, replaced below. */
#include <libintl.h>
#include <string.h>

/* The translator io/i18n.c binds at start (libc's gettext, or its own .mo
 * reader where libc ignores the language); until then, and in the pure
 * core's tests, the text itself. Bound once, before other threads start. */
typedef const char *(*i18n_get_fn)(const char *msgid);
typedef const char *(*i18n_nget_fn)(const char *one, const char *many, unsigned long n);
void i18n_bind(i18n_get_fn get, i18n_nget_fn nget);
/* format_arg, as libc declares gettext: printf(_("%d s"), n) is checked
 * against the English format, and a plain _("text") is no format hazard. */
const char *i18n_tr(const char *s) __attribute__((format_arg(1)));
const char *i18n_ntr(const char *one, const char *many, unsigned long n)
	__attribute__((format_arg(1))) __attribute__((format_arg(2)));

#define _(s) i18n_tr(s)
#define N_(s) (s)
#undef ngettext
#define ngettext(one, many, n) i18n_ntr((one), (many), (unsigned long)(n))

/* C_("body", "Back"): a translation with a context, the body's back and not
 * the Back button (msgctxt in the catalogue; xgettext's keyword C_:1c,2).
 * The result is the translator's or `s` itself. */
static inline const char *C_(const char *ctx, const char *s)
{
	char id[128];
	size_t n = strlen(ctx), m = strlen(s);
	if (n + 1 + m >= sizeof id)
		return s;
	memcpy(id, ctx, n);
	id[n] = '\004';
	memcpy(id + n + 1, s, m + 1);
	const char *t = i18n_tr(id);
	return t == id ? s : t;
}

#endif
