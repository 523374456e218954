/* fmsg: a message kept as its format and its arguments, so that a caller
 * outside src/core can show it in the user's language (issue 21).
 *
 * src/core never looks up a catalogue. A validator in core records what is
 * wrong as the English format (marked with N_() so xgettext finds it) and the
 * arguments, each converted to text once, with the format's own conversion
 * ("%ld", "%.15g", "%04X"). The caller formats it again with the translated
 * format: fmsg_format(m, tr) puts the stored arguments where the
 * translation's conversions are, in order or by position ("%2$s"). With no
 * translator the result is byte for byte what snprintf(fmt, ...) gives.
 *
 * An argument that is itself a text to translate (a noun phrase such as "a
 * string", a unit such as "seconds"), not a value from the file, starts with
 * FMSG_TR: write FMSG_W("a string"). The marker is not printed; the
 * translator is asked for the rest.
 *
 * Pure: no I/O, no allocation. An fmsg is a plain value (copy it freely);
 * its format must be a string of static storage (a literal).
 */
#ifndef UNKNOT_FMSG_H
#define UNKNOT_FMSG_H

#include <stdarg.h>
#include <stddef.h>

#define FMSG_MAX_ARGS 8
#define FMSG_ARGS_BYTES 384   /* all converted arguments, a NUL after each */
#define FMSG_NO_ARG 0xffff
#define FMSG_TR "\x1f"        /* an argument starting with it is translated too */
/* FMSG_W("a string"): a word of a message, marked for xgettext (keyword
 * FMSG_W in make pot) and translated with the message. */
#define FMSG_W(s) (FMSG_TR s)

typedef struct {
	const char *fmt;               /* the English format (static storage); NULL = empty message */
	unsigned char nargs;           /* how many conversions fmt has (at most FMSG_MAX_ARGS) */
	unsigned char tr;              /* bit i: argument i is a text to translate */
	unsigned short off[FMSG_MAX_ARGS]; /* where each argument starts in args (FMSG_NO_ARG: no room) */
	unsigned short len[FMSG_MAX_ARGS]; /* bytes of each argument in args */
	char args[FMSG_ARGS_BYTES];    /* the converted arguments, one after the other */
} fmsg;

/* Translates a format or a marked argument; returns it unchanged when there
 * is no translation. NULL stands for "no translation" (English). */
typedef const char *(*fmsg_translator)(const char *english);

/* Records fmt and its arguments (printf conversions; "%n" is not accepted,
 * "*" widths are). An argument too long for what is left of the buffer is
 * cut at a character boundary. Returns 0, or -1 when fmt has more than
 * FMSG_MAX_ARGS conversions or one fmsg does not know (m then holds fmt with
 * no arguments, and formats as the literal format). */
int fmsg_set(fmsg *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fmsg_vset(fmsg *m, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* A message with no conversions, e.g. fmsg_set_text(&m, N_("out of memory")):
 * fmt is kept as it is (a '%' in it is printed as written). */
void fmsg_set_text(fmsg *m, const char *fmt);

/* Argument i as recorded (without the FMSG_TR marker), or "" past the last. */
const char *fmsg_arg(const fmsg *m, size_t i, size_t *len);

/* Formats m into buf (size > 0), always NUL-terminated, cut at a character
 * boundary: the format tr(m->fmt) (m->fmt when tr is NULL, or when the
 * translation's conversions do not fit m's arguments: a broken catalogue
 * never prints garbage) with the stored arguments, the marked ones through
 * tr. Returns buf. */
char *fmsg_format(const fmsg *m, fmsg_translator tr, char *buf, size_t size);

#endif
