/* script: parses --simulate / --input scripts (see script.h). */
#include "core/script.h"
#include "core/vec.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT_MAX_MS (24ULL * 3600 * 1000) /* a day: longer than any routine */

typedef struct {
	const char *p;   /* token start */
	size_t len;
	int column;      /* 1-based */
} script_tok;

static int script_err(char *err, size_t size, int line, int column, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* tokens are quoted from the file: no terminal escapes in messages */
	for (char *q = msg; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = '?';
	if (err && size)
		snprintf(err, size, "%d:%d: %s", line, column, msg);
	return -1;
}

static bool script_is(const script_tok *t, const char *word)
{
	return t->len == strlen(word) && memcmp(t->p, word, t->len) == 0;
}

enum { SCRIPT_TIME_OK, SCRIPT_TIME_BAD, SCRIPT_TIME_LATE };

/* Seconds with up to 3 decimals -> ms: SCRIPT_TIME_OK, SCRIPT_TIME_BAD when
 * malformed, SCRIPT_TIME_LATE when past SCRIPT_MAX_MS. */
static int script_time(const script_tok *t, uint64_t *ms)
{
	uint64_t whole = 0, frac = 0;
	size_t i = 0, digits = 0, decimals = 0;
	while (i < t->len && isdigit((unsigned char)t->p[i])) {
		if (digits++ < 7)
			whole = whole * 10 + (uint64_t)(t->p[i] - '0');
		i++;
	}
	if (digits == 0)
		return SCRIPT_TIME_BAD;
	if (i < t->len && t->p[i] == '.') {
		i++;
		while (i < t->len && isdigit((unsigned char)t->p[i])) {
			if (++decimals > 3)
				return SCRIPT_TIME_BAD;
			frac = frac * 10 + (uint64_t)(t->p[i++] - '0');
		}
		if (decimals == 0)
			return SCRIPT_TIME_BAD;
		while (decimals++ < 3)
			frac *= 10;
	}
	if (i != t->len)
		return SCRIPT_TIME_BAD;
	if (digits > 6)
		return SCRIPT_TIME_LATE;
	*ms = whole * 1000 + frac;
	return *ms <= SCRIPT_MAX_MS ? SCRIPT_TIME_OK : SCRIPT_TIME_LATE;
}

static bool script_int(const script_tok *t, int *out)
{
	long v = 0;
	if (t->len == 0 || t->len > 5)
		return false;
	for (size_t i = 0; i < t->len; i++) {
		if (!isdigit((unsigned char)t->p[i]))
			return false;
		v = v * 10 + (t->p[i] - '0');
	}
	*out = (int)v;
	return true;
}

/* Parses one line's tokens into *ev. Returns 0 or -1 with err set. */
static int script_line(const script_tok *tok, size_t n, int line, uint64_t prev_ms,
                       script_event *ev, char *err, size_t errsize)
{
	size_t i = 0;
	memset(ev, 0, sizeof *ev);
	ev->line = line;
	int tr = script_time(&tok[0], &ev->ms);
	if (tr == SCRIPT_TIME_LATE)
		return script_err(err, errsize, line, tok[0].column,
		                  "'%.*s' is past the end of a script: times go up to 24 h (86400.000 s)",
		                  (int)(tok[0].len > 40 ? 40 : tok[0].len), tok[0].p);
	if (tr != SCRIPT_TIME_OK)
		return script_err(err, errsize, line, tok[0].column,
		                  "'%.*s' is not a time in seconds (e.g. 12.250, at most 3 decimals)",
		                  (int)(tok[0].len > 40 ? 40 : tok[0].len), tok[0].p);
	if (ev->ms < prev_ms)
		return script_err(err, errsize, line, tok[0].column,
		                  "time %.*s is earlier than the line before (%llu.%03llu)", (int)tok[0].len,
		                  tok[0].p, (unsigned long long)(prev_ms / 1000),
		                  (unsigned long long)(prev_ms % 1000));
	if (n < 2)
		return script_err(err, errsize, line, tok[0].column + (int)tok[0].len,
		                  "expected an input (pedal, pedal2, key:NAME, touch X Y) after the time");
	const script_tok *in = &tok[1];
	i = 2;
	if (script_is(in, "pedal")) {
		ev->input = SCRIPT_PEDAL;
	} else if (script_is(in, "pedal2")) {
		ev->input = SCRIPT_PEDAL2;
	} else if (in->len > 4 && memcmp(in->p, "key:", 4) == 0) {
		ev->input = SCRIPT_KEY;
		size_t klen = in->len - 4;
		if (klen >= sizeof ev->key)
			return script_err(err, errsize, line, in->column + 4, "key name too long");
		for (size_t k = 0; k < klen; k++)
			if (isupper((unsigned char)in->p[4 + k]))
				return script_err(err, errsize, line, in->column + 4 + (int)k,
				                  "key names are lower case (SDL names, e.g. key:space)");
		memcpy(ev->key, in->p + 4, klen);
		ev->key[klen] = 0;
	} else if (script_is(in, "touch")) {
		ev->input = SCRIPT_TOUCH;
		for (size_t k = 2; k < 4; k++) {
			int *v = k == 2 ? &ev->x : &ev->y;
			if (k >= n || !script_int(&tok[k], v)) {
				int col = k < n ? tok[k].column : tok[k - 1].column + (int)tok[k - 1].len;
				return script_err(err, errsize, line, col,
				                  "touch wants X Y in window pixels, e.g. touch 400 300 down");
			}
		}
		i = 4;
	} else {
		return script_err(err, errsize, line, in->column,
		                  "'%.*s' is not an input (pedal, pedal2, key:NAME, touch X Y)", (int)in->len,
		                  in->p);
	}
	if (i >= n) {
		const script_tok *last = &tok[n - 1];
		return script_err(err, errsize, line, last->column + (int)last->len,
		                  "expected an edge (down or up)");
	}
	if (script_is(&tok[i], "down"))
		ev->down = 1;
	else if (script_is(&tok[i], "up"))
		ev->down = 0;
	else
		return script_err(err, errsize, line, tok[i].column, "'%.*s' is not an edge (down or up)",
		                  (int)tok[i].len, tok[i].p);
	if (i + 1 < n)
		return script_err(err, errsize, line, tok[i + 1].column, "unexpected '%.*s' after the edge",
		                  (int)tok[i + 1].len, tok[i + 1].p);
	return 0;
}

int script_parse(script *s, const char *text, size_t len, char *err, size_t errsize)
{
	size_t cap = 0;
	uint64_t prev = 0;
	int line = 0;
	size_t pos = 0;

	s->events = NULL;
	s->count = 0;
	while (pos < len) {
		size_t end = pos;
		while (end < len && text[end] != '\n')
			end++;
		line++;
		script_tok tok[8];
		size_t n = 0;
		size_t i = pos;
		while (i < end) {
			char c = text[i];
			if (c == '#')
				break;
			if (c == ' ' || c == '\t' || c == '\r') {
				i++;
				continue;
			}
			if (c == '\0' || (unsigned char)c < 0x20)
				goto bad_char;
			size_t st = i;
			while (i < end && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '#') {
				if ((unsigned char)text[i] < 0x20)
					goto bad_char;
				i++;
			}
			if (n == sizeof tok / sizeof tok[0]) {
				script_err(err, errsize, line, (int)(st - pos) + 1, "too many fields");
				goto fail;
			}
			tok[n++] = (script_tok){ text + st, i - st, (int)(st - pos) + 1 };
		}
		if (n > 0) {
			if (!vec_reserve((void **)&s->events, &cap, s->count + 1, sizeof *s->events, 64)) {
				script_err(err, errsize, line, 1, "out of memory");
				goto fail;
			}
			if (script_line(tok, n, line, prev, &s->events[s->count], err, errsize) < 0)
				goto fail;
			prev = s->events[s->count].ms;
			s->count++;
		}
		pos = end + 1;
		continue;
bad_char:
		script_err(err, errsize, line, (int)(i - pos) + 1, "control character in the script");
		goto fail;
	}
	return 0;
fail:
	script_free(s);
	return -1;
}

void script_free(script *s)
{
	if (!s)
		return;
	free(s->events);
	s->events = NULL;
	s->count = 0;
}
