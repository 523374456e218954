/* i18n: the locale, the catalogue and the language (see i18n.h). */
#include "io/i18n.h"

#include "core/i18n.h"
#include "core/mocat.h"
#include "io/log.h"
#include "io/paths.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef UNKNOT_DATADIR
#define UNKNOT_DATADIR "/usr/local/share/unknot"
#endif

#define I18N_DOMAIN "unknot"
#define I18N_MO_MAX (8u << 20) /* a catalogue of ours is ~40 KB a language */

static char i18n_dir[4300];        /* the locale folder bound, "" when none */
static char i18n_env[64];          /* $LANGUAGE as the process started ("" = unset) */
static int i18n_env_saved;
static char i18n_lang[16] = "en";  /* what i18n_language() returns */

/* The catalogues read by mocat where libc's gettext ignores the language
 * (glibc 2.41 under C.UTF-8). Kept until the process ends: another thread
 * may hold a string of one while the language switches. */
static struct {
	char lang[16];
	mocat *cat; /* NULL: the file was unreadable (said once) */
} i18n_own[I18N_MAX_LANGS];
static size_t i18n_nown;
static _Atomic int i18n_builtin;   /* 0: libc's gettext; 1: i18n_cur */
static mocat *_Atomic i18n_cur;    /* NULL: the English text */

static const char *tr_get(const char *s)
{
	if (!i18n_builtin)
		return dgettext(I18N_DOMAIN, s);
	const mocat *c = i18n_cur;
	const char *t = c ? mocat_get(c, s) : NULL;
	return t ? t : s;
}

static const char *tr_nget(const char *one, const char *many, unsigned long n)
{
	if (!i18n_builtin)
		return dngettext(I18N_DOMAIN, one, many, n);
	const mocat *c = i18n_cur;
	const char *t = c ? mocat_nget(c, one, n) : NULL;
	return t ? t : n == 1 ? one : many;
}

/* mocat's catalogue for `lang` from i18n_dir, read once; NULL when unreadable. */
static mocat *own_catalogue(const char *lang)
{
	char path[4400], err[160];
	size_t len = 0;
	for (size_t i = 0; i < i18n_nown; i++)
		if (strcmp(i18n_own[i].lang, lang) == 0)
			return i18n_own[i].cat;
	if (i18n_nown == I18N_MAX_LANGS)
		return NULL;
	int n = snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/" I18N_DOMAIN ".mo", i18n_dir, lang);
	char *buf = n > 0 && (size_t)n < sizeof path ? paths_read_file(path, I18N_MO_MAX, &len) : NULL;
	mocat *c = buf ? mocat_parse(buf, len, err, sizeof err) : NULL;
	if (!buf)
		log_warn("translation %s: %s (the text stays English)", path, paths_strerror(errno));
	else if (!c)
		log_warn("translation %s: %s (the text stays English)", path, err);
	free(buf);
	snprintf(i18n_own[i18n_nown].lang, sizeof i18n_own[0].lang, "%s", lang);
	i18n_own[i18n_nown++].cat = c;
	return c;
}

/* libc's gettext finds the catalogue of the language chosen: it answers the
 * empty msgid with the catalogue's header. glibc 2.41 ignores $LANGUAGE
 * under C.UTF-8 (all a minimal Debian 13 has) and answers "".
 * UNKNOT_GETTEXT=builtin uses mocat anyway (tests the fallback on any libc). */
static int libc_translates(void)
{
	const char *force = getenv("UNKNOT_GETTEXT");
	if (force && strcmp(force, "builtin") == 0)
		return 0;
	static const char header_id[] = ""; /* a variable: xgettext must not take it for a message */
	const char *h = dgettext(I18N_DOMAIN, header_id);
	return h && *h;
}

int i18n_code_ok(const char *s)
{
	size_t n = 0, m = 0;
	if (!s)
		return 0;
	while (n < 4 && isalpha((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	if (s[n] == '\0')
		return 1;
	if (s[n] != '_' && s[n] != '-')
		return 0;
	while (m < 9 && isalnum((unsigned char)s[n + 1 + m]))
		m++;
	return m >= 2 && m <= 8 && s[n + 1 + m] == '\0';
}

/* A catalogue for `lang` exists under `dir`. */
static int has_catalogue(const char *dir, const char *lang)
{
	char p[4400];
	struct stat st;
	int n = snprintf(p, sizeof p, "%s/%s/LC_MESSAGES/" I18N_DOMAIN ".mo", dir, lang);
	return n > 0 && (size_t)n < sizeof p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* A folder holding at least one catalogue (any language in it). */
static int has_any(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;
	if (!d)
		return 0;
	while (!found && (e = readdir(d)))
		found = e->d_name[0] != '.' && has_catalogue(dir, e->d_name);
	closedir(d);
	return found;
}

/* Picks the locale folder: $UNKNOT_LOCALEDIR, the build tree, DATADIR/../locale. */
static void find_dir(void)
{
	char exe[4096], cand[4250];
	const char *env = getenv("UNKNOT_LOCALEDIR");
	i18n_dir[0] = '\0';
	if (env && *env) {
		snprintf(i18n_dir, sizeof i18n_dir, "%s", env);
		return;
	}
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			/* build/unknot: build/locale; ./unknot in a source tree: build/locale */
			static const char *const rel[] = { "%s/locale", "%s/build/locale", "%s/../share/locale" };
			for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
				int w = snprintf(cand, sizeof cand, rel[i], exe);
				if (w > 0 && (size_t)w < sizeof cand && has_any(cand)) {
					snprintf(i18n_dir, sizeof i18n_dir, "%s", cand);
					return;
				}
			}
		}
	}
	snprintf(i18n_dir, sizeof i18n_dir, "%s/../locale", UNKNOT_DATADIR);
}

/* The first of $LANGUAGE (its first entry), $LC_ALL, $LC_MESSAGES, $LANG
 * that names a language, as "de" or "de_DE"; "" when none does. */
static void env_language(char *out, size_t size)
{
	const char *vars[] = { i18n_env, getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG") };
	out[0] = '\0';
	for (size_t i = 0; i < 4; i++) {
		const char *v = vars[i];
		if (!v || !*v)
			continue;
		size_t n = strcspn(v, ":.@");
		if (n == 0 || n >= size)
			continue;
		if ((n == 1 && v[0] == 'C') || (n == 5 && strncmp(v, "POSIX", 5) == 0))
			return; /* C or POSIX: the untranslated text */
		snprintf(out, size, "%.*s", (int)n, v);
		return;
	}
}

/* Which language of `lang` ("de_AT") has a catalogue: "de_AT" or "de". */
static void effective(const char *lang)
{
	char base[16];
	snprintf(i18n_lang, sizeof i18n_lang, "en");
	if (!lang[0] || !i18n_dir[0])
		return;
	if (has_catalogue(i18n_dir, lang)) {
		snprintf(i18n_lang, sizeof i18n_lang, "%s", lang);
		return;
	}
	snprintf(base, sizeof base, "%.*s", (int)strcspn(lang, "_-"), lang);
	if (has_catalogue(i18n_dir, base))
		snprintf(i18n_lang, sizeof i18n_lang, "%s", base);
}

int i18n_set(const char *language)
{
	char lang[16];
	int rc = 0;
	if (language && *language && !i18n_code_ok(language))
		rc = -1;
	if (language && *language && rc == 0) {
		snprintf(lang, sizeof lang, "%s", language);
		for (char *p = lang; *p; p++)
			if (*p == '-')
				*p = '_';
	} else {
		env_language(lang, sizeof lang);
	}
	effective(lang);
	/* gettext reads $LANGUAGE on every lookup (when the locale is not "C"):
	 * it carries the choice even where de_DE.UTF-8 is not generated. */
	if (!(language && *language && rc == 0) && i18n_env[0])
		setenv("LANGUAGE", i18n_env, 1); /* the user's own list, "de:fr" */
	else
		setenv("LANGUAGE", lang[0] ? lang : "en", 1);
	/* textdomain() tells gettext that catalogues changed (it drops its cache) */
	textdomain(I18N_DOMAIN);
	i18n_builtin = 0;
	if (strcmp(i18n_lang, "en") != 0 && !libc_translates()) {
		i18n_cur = own_catalogue(i18n_lang);
		i18n_builtin = 1;
	}
	return rc;
}

int i18n_init(const char *language)
{
	if (!i18n_env_saved) {
		const char *e = getenv("LANGUAGE");
		snprintf(i18n_env, sizeof i18n_env, "%s", e ? e : "");
		i18n_env_saved = 1;
	}
	/* a locale that is not generated here fails: C.UTF-8 still has UTF-8
	 * and, unlike "C", lets gettext honour $LANGUAGE */
	if (!setlocale(LC_ALL, ""))
		setlocale(LC_ALL, "C.UTF-8");
	else if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0 || strcmp(setlocale(LC_MESSAGES, NULL), "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
	/* numbers in files and on the command line keep their '.' */
	setlocale(LC_NUMERIC, "C");
	find_dir();
	if (i18n_dir[0])
		bindtextdomain(I18N_DOMAIN, i18n_dir);
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	i18n_bind(tr_get, tr_nget);
	return i18n_set(language);
}

const char *i18n_language(void)
{
	return i18n_lang;
}

const char *i18n_localedir(void)
{
	return i18n_dir;
}

size_t i18n_languages(char langs[][8], size_t max)
{
	size_t n = 0;
	if (max == 0)
		return 0;
	snprintf(langs[n++], 8, "en");
	DIR *d = i18n_dir[0] ? opendir(i18n_dir) : NULL;
	struct dirent *e;
	while (d && n < max && (e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l >= 8 || strcmp(e->d_name, "en") == 0 || !has_catalogue(i18n_dir, e->d_name))
			continue;
		memcpy(langs[n], e->d_name, l); /* l < 8: gcc -O1 cannot see it through snprintf */
		langs[n++][l] = '\0';
	}
	if (d)
		closedir(d);
	/* sorted, after "en": the Settings row steps through them in a fixed order */
	for (size_t i = 2; i < n; i++)
		for (size_t j = i; j > 1 && strcmp(langs[j - 1], langs[j]) > 0; j--) {
			char t[8];
			memcpy(t, langs[j], 8);
			memcpy(langs[j], langs[j - 1], 8);
			memcpy(langs[j - 1], t, 8);
		}
	return n;
}
