/*
 * i18n.h - marking user-visible text for translation (gettext; issue 21).
 *
 *   _("text")       the translation of "text" in the current language
 *                   (io, ui and app; until the app binds its catalogue,
 *                   gettext returns "text" itself)
 *   N_("text")      only marks "text" for xgettext: a string kept in a table
 *                   and translated with _() where it is shown
 *   ngettext(one, many, n)   plurals, from <libintl.h>
 *
 * src/core marks with N_() and returns the English key; it never looks up a
 * catalogue (that reads files), so its callers translate. The returned
 * pointers of gettext belong to libc: never free or modify them.
 */
#ifndef UNKNOT_I18N_H
#define UNKNOT_I18N_H

#include <libintl.h>
#include <string.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* C_("body", "Back"): gettext with a context, the body's back and not the
 * Back button (msgctxt in the catalogue; xgettext's keyword C_:1c,2). The
 * result is libc's or `s` itself. */
static inline const char *C_(const char *ctx, const char *s)
{
	char id[128];
	size_t n = strlen(ctx), m = strlen(s);
	if (n + 1 + m >= sizeof id)
		return s;
	memcpy(id, ctx, n);
	id[n] = '\004';
	memcpy(id + n + 1, s, m + 1);
	const char *t = gettext(id);
	return t == id ? s : t;
}

#endif
