/* textwrap: break opportunities, greedy wrap, hyphenated overlong words and
 * the ellipsis (see textwrap.h). */
#include "ui/textwrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* Decodes the character at s (before end): its length, 1 for a stray byte
 * (then U+FFFD). */
static size_t next_cp(const char *s, const char *end, uint32_t *cp)
{
	size_t n = utf8_decode(s, (size_t)(end - s), cp);
	return n ? n : 1;
}

/* Chinese, Japanese and Korean characters: a line may break between them. */
static bool is_cjk(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0x9FFF) ||
	       (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* Marks a line must not start with (closing punctuation, small kana, the
 * prolonged sound mark, iteration marks) and marks it must not end with. */
static bool no_break_before(uint32_t c)
{
	static const uint32_t list[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF09, 0x300D,
		0x300F, 0x3011, 0x3015, 0x3009, 0x300B, 0x30FC, 0x30FB, 0x3005, 0x309D, 0x309E,
		0x30FD, 0x30FE, 0x3063, 0x30C3, 0x3083, 0x3085, 0x3087, 0x30E3, 0x30E5, 0x30E7,
		0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,
		'.', ',', ':', ';', '!', '?', ')', ']', '}', 0x2019, 0x201D,
	};
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		if (list[i] == c)
			return true;
	return false;
}

static bool no_break_after(uint32_t c)
{
	return c == 0x300C || c == 0x300E || c == 0x3010 || c == 0x3014 || c == 0x3008 ||
	       c == 0x300A || c == 0xFF08 || c == '(' || c == '[' || c == '{' || c == 0x2018 ||
	       c == 0x201C;
}

/* Letters of the scripts that mark a cut word with a hyphen (not Hebrew and
 * Arabic, which do not hyphenate, nor CJK, which breaks anywhere). */
static bool is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c != 0xD7 &&
	       c != 0xF7 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x0590 && c <= 0x08FF) &&
	       !(c >= 0xFB1D && c <= 0xFEFF) && !is_cjk(c));
}

/* The next break opportunity after p, before end (or end): the position
 * where a line may stop (trailing spaces are then dropped). */
static const char *next_break(const char *p, const char *end)
{
	uint32_t prev2 = 0, prev = 0, c;
	bool first = true;
	while (p < end) {
		size_t n = next_cp(p, end, &c);
		if (!first) {
			if (prev == ' ' && c != ' ')
				return p;
			if ((prev == '-' || prev == 0x2010) && is_letter(prev2) && is_letter(c))
				return p;
			if (c != ' ' && prev != ' ' && (is_cjk(prev) || is_cjk(c)) &&
			    !no_break_before(c) && !no_break_after(prev))
				return p;
		}
		first = false;
		prev2 = prev;
		prev = c;
		p += n;
	}
	return end;
}

void textwrap_free(textwrap_line *l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i].s);
}

/* Appends a copy of len bytes at s (plus `mark`, may be "") as a line. */
static int line_push(textwrap_line *l, int *n, const char *s, size_t len, const char *mark, int w)
{
	if (*n >= TEXTWRAP_MAX_LINES)
		return -1;
	size_t ml = strlen(mark);
	char *c = malloc(len + ml + 1);
	if (!c)
		return -1;
	memcpy(c, s, len);
	memcpy(c + len, mark, ml + 1);
	l[*n].s = c;
	l[*n].w = w;
	(*n)++;
	return 0;
}

/* The end of [s, e) without its trailing spaces. */
static const char *trim_end(const char *s, const char *e)
{
	while (e > s && e[-1] == ' ')
		e--;
	return e;
}

/* Width of the n bytes at s followed by a hyphen. */
static int width_hyphen(textwrap_width_fn width, void *ctx, const char *s, size_t n)
{
	char *b = malloc(n + 2);
	if (!b)
		return 1 << 30;
	memcpy(b, s, n);
	b[n] = '-';
	b[n + 1] = '\0';
	int w = width(ctx, b, n + 1);
	free(b);
	return w;
}

/* The first piece of a line, [ls, e), is wider than the line (one long
 * word): its longest prefix that fits with a hyphen after it (*mark = "-"
 * when the cut falls between letters, "" otherwise), or ls when not even one
 * character fits. */
static const char *break_word(textwrap_width_fn width, void *ctx, const char *ls,
                              const char *e, int maxw, const char **mark)
{
	const char *c = ls, *fit = ls;
	uint32_t prev = 0, cp;
	*mark = "";
	while (c < e) {
		size_t n = next_cp(c, e, &cp);
		bool letter_split = is_letter(prev) && is_letter(cp);
		if (c > ls) {
			if (width(ctx, ls, (size_t)(c - ls)) > maxw ||
			    (letter_split && width_hyphen(width, ctx, ls, (size_t)(c - ls)) > maxw))
				break;
			fit = c;
			*mark = letter_split ? "-" : "";
		}
		prev = cp;
		c += n;
	}
	return fit;
}

/* Wraps one paragraph [p, end) into out; -1 when out of lines (or nothing fits). */
static int wrap_paragraph(textwrap_width_fn width, void *ctx, const char *p, const char *end,
                          int maxw, int maxn, textwrap_line *out, int *n)
{
	const char *ls = p;
	do {
		while (ls < end && *ls == ' ')
			ls++;
		const char *best = NULL, *q = ls, *mark = "";
		while (q < end) {
			const char *bp = next_break(q, end);
			if (width(ctx, ls, (size_t)(trim_end(ls, bp) - ls)) > maxw)
				break;
			best = q = bp;
		}
		if (!best && ls < end) {
			best = break_word(width, ctx, ls, trim_end(ls, next_break(ls, end)), maxw, &mark);
			if (best == ls)
				return -1; /* not even one character fits */
		}
		if (!best)
			best = end;
		const char *le = mark[0] ? best : trim_end(ls, best);
		size_t len = (size_t)(le - ls);
		int w = mark[0] ? width_hyphen(width, ctx, ls, len) : width(ctx, ls, len);
		if (*n >= maxn || line_push(out, n, ls, len, mark, w) < 0)
			return -1;
		ls = best;
		while (ls < end && *ls == ' ')
			ls++;
	} while (ls < end);
	return 0;
}

int textwrap_widest(textwrap_width_fn width, void *ctx, const char *s)
{
	int widest = 0;
	const char *end = s + strlen(s);
	for (const char *p = s; p < end;) {
		while (p < end && (*p == ' ' || *p == '\n'))
			p++;
		if (p >= end)
			break;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *b = next_break(p, nl ? nl : end);
		int w = width(ctx, p, (size_t)(trim_end(p, b) - p));
		widest = w > widest ? w : widest;
		p = b;
	}
	return widest;
}

int textwrap_lines(textwrap_width_fn width, void *ctx, const char *s, int maxw, bool multi,
                   int maxn, textwrap_line *out, bool *more)
{
	int n = 0;
	*more = false;
	const char *p = s;
	while (*p) {
		/* One paragraph (up to '\n'), or everything for a single line. */
		const char *end = multi ? strchr(p, '\n') : NULL;
		if (!end)
			end = p + strlen(p);
		if (p == end) { /* an empty line keeps its place */
			if (n >= maxn || line_push(out, &n, p, 0, "", 0) < 0) {
				*more = true;
				return n;
			}
		} else if (wrap_paragraph(width, ctx, p, end, maxw, maxn, out, &n) < 0) {
			*more = true;
			return n;
		}
		p = *end ? end + 1 : end;
	}
	return n;
}

/* Replaces line l by its longest prefix that fits maxw with "…" appended. */
void textwrap_ellipsize(textwrap_width_fn width, void *ctx, textwrap_line *l, int maxw)
{
	static const char dots[] = "\xE2\x80\xA6";
	size_t n = strlen(l->s);
	char *buf = malloc(n + sizeof dots);
	if (!buf)
		return;
	for (;;) {
		while (n > 0 && l->s[n - 1] == ' ')
			n--;
		memcpy(buf, l->s, n);
		memcpy(buf + n, dots, sizeof dots);
		int w = width(ctx, buf, n + sizeof dots - 1);
		if (w <= maxw || n == 0) {
			free(l->s);
			l->s = buf;
			l->w = w;
			if (w > maxw) { /* not even the ellipsis fits */
				l->s[0] = '\0';
				l->w = 0;
			}
			return;
		}
		/* Drop one UTF-8 character. */
		n--;
		while (n > 0 && ((unsigned char)l->s[n] & 0xC0) == 0x80)
			n--;
	}
}
