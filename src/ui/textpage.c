/* textpage: splitting text into pages that fit a box at a fixed size. */
#include "ui/textpage.h"

#include <string.h>

#define TEXTPAGE_LINE_MAX 1024

int textpage_lines(text *t, int h, int size, bool bold)
{
	int fh = 0;
	if (text_measure(t, "", size, bold, NULL, &fh) != 0 || fh <= 0)
		fh = size * 12 / 10;
	/* text.c steps lines by the font's line skip: at most a little over its
	 * height (a page one line short beats a line cut by an ellipsis) */
	int skip = fh + (fh + 9) / 10;
	int n = fh > h ? 1 : 1 + (h - fh) / skip;
	return n < 1 ? 1 : n;
}

/* Appends line l (len bytes) to out when it is on page `page`; counts it. */
static void put_line(const char *l, size_t len, int *line, int per, int page, char *out, size_t outsize)
{
	if (page >= 0 && *line / per == page) {
		size_t o = strlen(out);
		if (*line % per && o + 1 < outsize)
			out[o++] = '\n';
		if (len > outsize - 1 - o)
			len = outsize - 1 - o;
		memcpy(out + o, l, len);
		out[o + len] = '\0';
	}
	(*line)++;
}

/* Lays out the paragraph s[0..plen) from line *line on, keeping the lines
 * of `page` (page -1: none, only counting). */
static void paragraph(text *t, const char *s, size_t plen, int w, int size, bool bold, int *line, int per,
                      int page, char *out, size_t outsize)
{
	char cur[TEXTPAGE_LINE_MAX];
	size_t clen = 0;
	const char *p = s, *end = s + plen;
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		const char *we = p;
		while (we < end && *we != ' ')
			we++;
		if (we == p)
			break;
		size_t wl = (size_t)(we - p);
		char cand[TEXTPAGE_LINE_MAX];
		size_t n = 0;
		if (clen) {
			memcpy(cand, cur, clen);
			cand[clen] = ' ';
			n = clen + 1;
		}
		if (n + wl >= sizeof cand)
			wl = sizeof cand - 1 - n;
		memcpy(cand + n, p, wl);
		cand[n + wl] = '\0';
		int cw = 0;
		if (clen && (text_measure(t, cand, size, bold, &cw, NULL) != 0 || cw > w)) {
			put_line(cur, clen, line, per, page, out, outsize); /* the word starts a line */
			memcpy(cur, p, wl);
			clen = wl;
		} else {
			memcpy(cur, cand, n + wl);
			clen = n + wl;
		}
		p = we;
	}
	put_line(cur, clen, line, per, page, out, outsize); /* an empty paragraph: a blank line */
}

/* Lays out every line of s, keeping those of `page`; returns the line count.
 * A paragraph that fits a page but not the rest of this one starts the next. */
static int lay_out(text *t, const char *s, int w, int size, bool bold, int per, int page, char *out,
                   size_t outsize)
{
	int line = 0;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t plen = nl ? (size_t)(nl - s) : strlen(s);
		int n = 0;
		paragraph(t, s, plen, w, size, bold, &n, per, -1, NULL, 0);
		if (line % per && line % per + n > per && n <= per)
			line += per - line % per;
		paragraph(t, s, plen, w, size, bold, &line, per, page, out, outsize);
		s = nl ? nl + 1 : s + plen;
	}
	return line;
}

int textpage_split(text *t, const char *s, int w, int h, int size, bool bold, int page, char *out,
                   size_t outsize)
{
	if (outsize)
		out[0] = '\0';
	if (!s || !*s || !outsize)
		return 1;
	int per = textpage_lines(t, h, size, bold);
	int lines = lay_out(t, s, w, size, bold, per, -1, out, outsize);
	int pages = lines < 1 ? 1 : (lines + per - 1) / per;
	if (page >= pages)
		page = pages - 1;
	if (page < 0)
		page = 0;
	lay_out(t, s, w, size, bold, per, page, out, outsize);
	return pages;
}
