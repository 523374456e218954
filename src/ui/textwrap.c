/* textwrap: word wrap, ellipsis and ink extent measured with SDL_ttf (see
 * textwrap.h). */
#include "ui/textwrap.h"

#include <stdlib.h>
#include <string.h>

/* Width of the first n bytes of s. */
static int width_of(TTF_Font *f, const char *s, size_t n)
{
	char buf[1200];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	int w = 0, h = 0;
	if (n == 0 || TTF_SizeUTF8(f, buf, &w, &h) < 0)
		return 0;
	return w;
}

/* Length of the UTF-8 sequence starting at s (1 for a stray byte). */
static size_t utf8_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

void textwrap_free(textwrap_line *l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i].s);
}

static int line_push(textwrap_line *l, int *n, const char *s, size_t len, int w)
{
	if (*n >= TEXTWRAP_MAX_LINES)
		return -1;
	char *c = malloc(len + 1);
	if (!c)
		return -1;
	memcpy(c, s, len);
	c[len] = '\0';
	l[*n].s = c;
	l[*n].w = w;
	(*n)++;
	return 0;
}

/* Greedy word wrap of s into at most maxn lines no wider than maxw (a word
 * wider than the box is broken between characters). Sets *more when s did
 * not fit in maxn lines (or one character is wider than the box). Returns the
 * number of lines written. */
int textwrap_lines(TTF_Font *f, const char *s, int maxw, bool multi, int maxn, textwrap_line *out,
                   bool *more)
{
	int n = 0;
	*more = false;
	const char *p = s;
	while (*p) {
		/* One paragraph (up to '\n'), or everything for a single line. */
		const char *end = multi ? strchr(p, '\n') : NULL;
		if (!end)
			end = p + strlen(p);
		const char *ls = p;
		do {
			while (ls < end && *ls == ' ')
				ls++;
			/* Extend word by word while it fits. */
			const char *best = NULL;
			const char *q = ls;
			while (q < end) {
				const char *we = q;
				while (we < end && *we == ' ')
					we++;
				while (we < end && *we != ' ')
					we += utf8_len(we);
				if (width_of(f, ls, (size_t)(we - ls)) > maxw)
					break;
				best = we;
				q = we;
			}
			if (!best && ls < end) {
				/* The first word alone is too wide: break it by characters. */
				const char *c = ls;
				while (c < end && *c != ' ') {
					const char *nc = c + utf8_len(c);
					if (width_of(f, ls, (size_t)(nc - ls)) > maxw)
						break;
					c = nc;
				}
				if (c == ls) { /* not even one character fits */
					*more = true;
					return n;
				}
				best = c;
			}
			if (!best)
				best = end;
			if (n >= maxn ||
			    line_push(out, &n, ls, (size_t)(best - ls), width_of(f, ls, (size_t)(best - ls))) < 0) {
				*more = true;
				return n;
			}
			ls = best;
			while (ls < end && *ls == ' ')
				ls++;
		} while (ls < end);
		p = *end ? end + 1 : end;
	}
	return n;
}

/* Replaces line l by its longest prefix that fits maxw with "…" appended. */
void textwrap_ellipsize(TTF_Font *f, textwrap_line *l, int maxw)
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
		int w = width_of(f, buf, n + sizeof dots - 1);
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

/* The rows the glyphs of s actually cover: *top is the offset of the highest
 * ink below the line's top, *h the ink height (a digit string needs much less
 * than the font's height, which includes accents and descenders). */
void textwrap_ink(TTF_Font *f, const char *s, int *top, int *h)
{
	int maxy = 0, miny = 0;
	bool any = false;
	for (const char *p = s; *p;) {
		size_t n = utf8_len(p);
		Uint32 cp = (unsigned char)*p;
		if (n == 2)
			cp = ((cp & 0x1F) << 6) | ((unsigned char)p[1] & 0x3F);
		else if (n == 3)
			cp = ((cp & 0x0F) << 12) | (((unsigned char)p[1] & 0x3F) << 6) | ((unsigned char)p[2] & 0x3F);
		else if (n == 4)
			cp = ((cp & 0x07) << 18) | (((unsigned char)p[1] & 0x3F) << 12) |
			     (((unsigned char)p[2] & 0x3F) << 6) | ((unsigned char)p[3] & 0x3F);
		int gminy, gmaxy;
		if (TTF_GlyphMetrics32(f, cp, NULL, NULL, &gminy, &gmaxy, NULL) == 0 && gmaxy > gminy) {
			if (!any || gmaxy > maxy)
				maxy = gmaxy;
			if (!any || gminy < miny)
				miny = gminy;
			any = true;
		}
		p += n;
	}
	if (!any) {
		*top = 0;
		*h = TTF_FontHeight(f);
		return;
	}
	/* One pixel of room each side for antialiasing. */
	*top = TTF_FontAscent(f) - maxy - 1;
	if (*top < 0)
		*top = 0;
	*h = maxy - miny + 2;
}

