/*
 * mocat: a GNU .mo message catalogue read from memory (issue 21).
 *
 * libc's gettext is the app's translator. glibc 2.41 (Debian 13) ignores
 * $LANGUAGE under the C.UTF-8 locale, and a minimal Debian or a kiosk
 * image has no other locale: there io/i18n.c reads the catalogue itself
 * with this module. It knows what msgfmt writes: the string tables, msgctxt
 * ("ctx\004id"), plurals ("one\0many" -> "form0\0form1...") and the header's
 * Plural-Forms expression, which it compiles once (the C subset gettext
 * allows: n, numbers, ! * / % + - < <= > >= == != && || ?: and brackets).
 *
 * Parsing is linear in the image; a lookup is a binary search.
 */
#ifndef UNKNOT_CORE_MOCAT_H
#define UNKNOT_CORE_MOCAT_H

#include <stddef.h>

typedef struct mocat mocat;

/* Reads a .mo image of `len` bytes (copied: `buf` stays the caller's).
 * Returns a catalogue the caller frees with mocat_free(), or NULL with a
 * reason in err ("string 12 lies outside the file"). */
mocat *mocat_parse(const void *buf, size_t len, char *err, size_t errsize);
void mocat_free(mocat *c);

/* The translation of `msgid`, or NULL when the catalogue has none (or an
 * empty one: msgfmt leaves untranslated entries out, a hand-made file may
 * not). The result points into the catalogue: valid until mocat_free(). */
const char *mocat_get(const mocat *c, const char *msgid);

/* The plural form for `n` of the entry whose msgid is `one` (its msgid_plural
 * is not part of the key), or NULL when absent. Same lifetime as mocat_get. */
const char *mocat_nget(const mocat *c, const char *one, unsigned long n);

/* How many entries the catalogue holds (the header included). */
size_t mocat_count(const mocat *c);

/* Evaluates a Plural-Forms `plural=` expression for `n`: the form index
 * (LONG_MAX for anything larger), or -1 when `expr` is not a valid
 * expression. For tests and fuzzing; compiles on each call. */
long mocat_plural_eval(const char *expr, unsigned long n);

#endif
