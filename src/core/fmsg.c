/* fmsg: a message kept as its format and its arguments (see fmsg.h). */
#include "core/fmsg.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

/* One conversion of a format: where it starts and ends, its argument number
 * (1-based when written "%N$", else 0) and its spec without the position. */
typedef struct {
	size_t start, end;      /* fmt[start] == '%', fmt[end - 1] is the conversion */
	int pos;                /* "%2$s": 2; 0 when not positional */
	bool star_width, star_prec;
	char length[3];         /* "", "h", "hh", "l", "ll", "z", "j", "t", "L" */
	char conv;              /* 'd', 's', 'g', ... ; '%' for "%%" */
} fmsg_spec;

/* Skips a width or precision at fmt[i]: digits, or '*' (then *star). */
static size_t fmsg_skip_number(const char *fmt, size_t i, bool *star)
{
	if (fmt[i] == '*') {
		*star = true;
		return i + 1;
	}
	while (fmt[i] >= '0' && fmt[i] <= '9')
		i++;
	return i;
}

/* Reads the conversion at fmt[i] == '%'. Returns false when it is not one
 * fmsg knows (then nothing is trusted). */
static bool fmsg_parse_spec(const char *fmt, size_t i, fmsg_spec *s)
{
	memset(s, 0, sizeof *s);
	s->start = i++;
	if (fmt[i] == '%') {
		s->conv = '%';
		s->end = i + 1;
		return true;
	}
	size_t j = i;
	int n = 0;
	while (fmt[j] >= '0' && fmt[j] <= '9' && n < 100)
		n = n * 10 + (fmt[j++] - '0');
	if (fmt[j] == '$' && j > i && n > 0) {
		s->pos = n;
		i = j + 1;
	}
	while (fmt[i] && strchr("-+ #0'", fmt[i]))
		i++;
	i = fmsg_skip_number(fmt, i, &s->star_width);
	if (fmt[i] == '.')
		i = fmsg_skip_number(fmt, i + 1, &s->star_prec);
	size_t l = 0;
	while (fmt[i] && strchr("hlzjtL", fmt[i]) && l < 2)
		s->length[l++] = fmt[i++];
	if (!fmt[i] || !strchr("diouxXcsfFeEgGaAp", fmt[i]))
		return false;
	s->conv = fmt[i];
	s->end = i + 1;
	return true;
}

/* Appends n bytes of src to the arguments of m as argument k (empty when
 * the buffer is full). */
static void fmsg_put(fmsg *m, size_t k, const char *src, size_t n, size_t *used)
{
	if (n >= 1 && src[0] == FMSG_TR[0]) {
		m->tr |= (unsigned char)(1u << k);
		src++;
		n--;
	}
	size_t room = *used < FMSG_ARGS_BYTES ? FMSG_ARGS_BYTES - *used : 0;
	if (room == 0) {
		m->off[k] = FMSG_NO_ARG;
		m->len[k] = 0;
		return;
	}
	n = utf8_fit(src, n, room - 1);
	memcpy(m->args + *used, src, n);
	m->args[*used + n] = '\0';
	m->off[k] = (unsigned short)*used;
	m->len[k] = (unsigned short)n;
	*used += n + 1;
}

/* Converts the next argument of ap with the spec s (written without its
 * position, with '*' replaced by the numbers taken from ap) into out. */
static bool fmsg_convert(const char *fmt, const fmsg_spec *s, va_list *ap, char *out, size_t size)
{
	char spec[48];
	size_t k = 0;
	for (size_t i = s->start; i < s->end && k + 12 < sizeof spec; i++) {
		if (fmt[i] == '*') {
			k += (size_t)snprintf(spec + k, sizeof spec - k, "%d", va_arg(*ap, int));
			continue;
		}
		spec[k++] = fmt[i];
	}
	spec[k] = '\0';
	const char *len = s->length;
	char c = s->conv;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (c == 's') {
		const char *v = va_arg(*ap, const char *);
		snprintf(out, size, spec, v ? v : "(null)");
	} else if (c == 'p') {
		snprintf(out, size, spec, va_arg(*ap, void *));
	} else if (strchr("fFeEgGaA", c)) {
		if (len[0] == 'L')
			snprintf(out, size, spec, va_arg(*ap, long double));
		else
			snprintf(out, size, spec, va_arg(*ap, double));
	} else if (len[0] == 'l' && len[1] == 'l') {
		snprintf(out, size, spec, va_arg(*ap, long long));
	} else if (len[0] == 'l') {
		snprintf(out, size, spec, va_arg(*ap, long));
	} else if (len[0] == 'z' || len[0] == 't') {
		snprintf(out, size, spec, va_arg(*ap, size_t));
	} else if (len[0] == 'j') {
		snprintf(out, size, spec, va_arg(*ap, intmax_t));
	} else if (len[0] == 'L') {
		return false;
	} else {
		snprintf(out, size, spec, va_arg(*ap, int)); /* int, char, short (promoted) */
	}
#pragma GCC diagnostic pop
	return true;
}

int fmsg_vset(fmsg *m, const char *fmt, va_list ap)
{
	memset(m, 0, sizeof *m);
	m->fmt = fmt;
	if (!fmt)
		return 0;
	va_list aq;
	va_copy(aq, ap);
	size_t used = 0, k = 0;
	int rc = 0;
	for (size_t i = 0; fmt[i]; i++) {
		if (fmt[i] != '%')
			continue;
		fmsg_spec s;
		if (!fmsg_parse_spec(fmt, i, &s) || s.pos) {
			rc = -1;
			break;
		}
		i = s.end - 1;
		if (s.conv == '%')
			continue;
		char out[FMSG_ARGS_BYTES];
		if (k >= FMSG_MAX_ARGS || !fmsg_convert(fmt, &s, &aq, out, sizeof out)) {
			rc = -1;
			break;
		}
		fmsg_put(m, k++, out, strlen(out), &used);
	}
	va_end(aq);
	if (rc < 0) {
		fmsg_set_text(m, fmt);
		return -1;
	}
	m->nargs = (unsigned char)k;
	return 0;
}

int fmsg_set(fmsg *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = fmsg_vset(m, fmt, ap);
	va_end(ap);
	return rc;
}

void fmsg_set_text(fmsg *m, const char *fmt)
{
	memset(m, 0, sizeof *m);
	m->fmt = fmt;
	m->nargs = 0xff; /* the format is text, not a format */
}

const char *fmsg_arg(const fmsg *m, size_t i, size_t *len)
{
	if (m->nargs == 0xff || i >= m->nargs || m->off[i] == FMSG_NO_ARG) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = m->len[i];
	return m->args + m->off[i];
}

/* Whether fmt's conversions take exactly m's arguments: as many, in order,
 * or each by a position 1..nargs (every one used), never mixed. */
static bool fmsg_fits(const fmsg *m, const char *fmt)
{
	size_t seq = 0, npos = 0;
	unsigned used = 0;
	for (size_t i = 0; fmt[i]; i++) {
		if (fmt[i] != '%')
			continue;
		fmsg_spec s;
		if (!fmsg_parse_spec(fmt, i, &s) || s.star_width || s.star_prec)
			return false;
		i = s.end - 1;
		if (s.conv == '%')
			continue;
		if (s.pos) {
			if (s.pos > m->nargs)
				return false;
			used |= 1u << (s.pos - 1);
			npos++;
		} else {
			seq++;
		}
	}
	if (npos && seq)
		return false;
	if (npos)
		return used == (1u << m->nargs) - 1u;
	return seq == m->nargs;
}

/* Appends n bytes of s to buf at *at, cutting at a character boundary. */
static void fmsg_append(char *buf, size_t size, size_t *at, const char *s, size_t n)
{
	if (*at + 1 >= size)
		return;
	size_t fit = utf8_fit(s, n, size - 1 - *at);
	memcpy(buf + *at, s, fit);
	*at += fit;
	if (fit < n) { /* cut: nothing after it (the bytes up to the end NUL too) */
		memset(buf + *at, 0, size - *at);
		*at = size - 1;
	}
}

char *fmsg_format(const fmsg *m, fmsg_translator tr, char *buf, size_t size)
{
	size_t at = 0;
	buf[0] = '\0';
	if (!m->fmt || size == 0)
		return buf;
	const char *fmt = tr ? tr(m->fmt) : m->fmt;
	if (m->nargs == 0xff) {
		fmsg_append(buf, size, &at, fmt, strlen(fmt));
		buf[at] = '\0';
		return buf;
	}
	if (!fmt || !fmsg_fits(m, fmt))
		fmt = m->fmt;
	size_t k = 0;
	char word[FMSG_ARGS_BYTES];
	for (size_t i = 0; fmt[i]; i++) {
		size_t j = i;
		while (fmt[j] && fmt[j] != '%')
			j++;
		fmsg_append(buf, size, &at, fmt + i, j - i);
		if (!fmt[j])
			break;
		fmsg_spec s;
		fmsg_parse_spec(fmt, j, &s); /* fmsg_fits said it parses */
		i = s.end - 1;
		if (s.conv == '%') {
			fmsg_append(buf, size, &at, "%", 1);
			continue;
		}
		size_t a = s.pos ? (size_t)s.pos - 1 : k++, n;
		const char *v = fmsg_arg(m, a, &n);
		if (tr && (m->tr & (1u << a)) && n) { /* never tr(""): gettext's header */
			/* word outlives this block: tr() returns it when it has no translation */
			memcpy(word, v, n);
			word[n] = '\0';
			v = tr(word);
			n = strlen(v);
		}
		fmsg_append(buf, size, &at, v, n);
	}
	buf[at] = '\0';
	return buf;
}
