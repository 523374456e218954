/* digits: countdown strings composed from glyph textures rendered once. */
#include "ui/digits.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DIGITS_SLOTS 48      /* glyphs kept: 15 characters at a few sizes and colours */
#define DIGITS_MAX_LEN 32    /* longest string composed ("1:02:03" is 7) */
#define DIGITS_REPEAT 64     /* copies measured to get an advance in 1/64 pixel */

typedef struct {
	uint32_t cp;             /* the character */
	int size;                /* key: font size and weight, colour */
	bool bold;
	SDL_Color c;
	bool held;               /* the slot is in use */
	SDL_Texture *tex;        /* its ink (NULL for a space) */
	int ox, oy, tw, th;      /* the ink's offset from the pen and the line's top, its size */
	int minx, maxx;          /* the glyph's box around the pen (SDL_ttf's metrics) */
	int adv64;               /* the advance in 1/64 pixel, as SDL_ttf shapes it */
	unsigned long used;      /* LRU stamp */
} glyph;

struct digits {
	SDL_Renderer *r;         /* borrowed */
	glyph slots[DIGITS_SLOTS];
	unsigned long clock;     /* LRU stamp */
	int renders;             /* glyphs rendered so far */
};

digits *digits_new(SDL_Renderer *r)
{
	digits *d = calloc(1, sizeof *d);
	if (d)
		d->r = r;
	return d;
}

static void glyph_drop(glyph *g)
{
	if (g->tex)
		SDL_DestroyTexture(g->tex);
	memset(g, 0, sizeof *g);
}

void digits_clear(digits *d)
{
	if (!d)
		return;
	for (int i = 0; i < DIGITS_SLOTS; i++)
		glyph_drop(&d->slots[i]);
}

void digits_free(digits *d)
{
	digits_clear(d);
	free(d);
}

void digits_stats(const digits *d, int *held, int *renders)
{
	int n = 0;
	for (int i = 0; i < DIGITS_SLOTS; i++)
		n += d->slots[i].held;
	if (held)
		*held = n;
	if (renders)
		*renders = d->renders;
}

bool digits_only(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == ':' || *s == '.' || *s == '-' || *s == ' '))
			return false;
	return true;
}

/* The pen's advance over cp in 1/64 pixel, as SDL_ttf (HarfBuzz) shapes it:
 * SDL_ttf only tells whole pixels of a string's width, so cp is measured 64
 * times over, followed by 64 spaces (no ink: the width is then the pen's,
 * floored, not the last glyph's ink). -1 on error. */
static int advance64(TTF_Font *f, uint32_t cp, int minx)
{
	char b[DIGITS_REPEAT * 2 + 1];
	int wsp = 0, w = 0;
	memset(b, ' ', DIGITS_REPEAT);
	b[DIGITS_REPEAT] = '\0';
	if (TTF_SizeUTF8(f, b, &wsp, NULL) < 0)
		return -1;
	if (cp == ' ')
		return wsp;
	memset(b, (char)cp, DIGITS_REPEAT);
	memset(b + DIGITS_REPEAT, ' ', DIGITS_REPEAT);
	b[DIGITS_REPEAT * 2] = '\0';
	if (TTF_SizeUTF8(f, b, &w, NULL) < 0)
		return -1;
	/* w = pen - min(0, minx) with pen = 64 (adv(cp) + adv(space)) / 64 */
	return w + (minx < 0 ? minx : 0) - wsp;
}

/* Renders cp alone into slot g, cropped to its ink. Returns 0 or -1. */
static int glyph_render(digits *d, glyph *g, TTF_Font *f, uint32_t cp, SDL_Color c)
{
	int minx, maxx, miny, maxy, adv;
	if (!TTF_GlyphIsProvided32(f, cp) ||
	    TTF_GlyphMetrics32(f, cp, &minx, &maxx, &miny, &maxy, &adv) != 0 ||
	    maxy > TTF_FontAscent(f)) /* above the line's top: the string would move down */
		return -1;
	int a = advance64(f, cp, minx);
	if (a < 0)
		return -1;
	g->adv64 = a;
	g->minx = minx;
	g->maxx = maxx;
	SDL_Surface *s = TTF_RenderGlyph32_Blended(f, cp, c);
	if (!s)
		return cp == ' ' ? 0 : -1; /* nothing to draw */
	if (s->format->format != SDL_PIXELFORMAT_ARGB8888 || SDL_LockSurface(s) != 0) {
		SDL_FreeSurface(s);
		return -1;
	}
	int x0 = s->w, x1 = -1, y0 = s->h, y1 = -1;
	for (int y = 0; y < s->h; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
		for (int x = 0; x < s->w; x++)
			if (row[x] >> 24) {
				x0 = x < x0 ? x : x0;
				x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0;
				y1 = y;
			}
	}
	int rc = 0;
	if (x1 >= 0) {
		/* The glyph's surface starts at the pen, or at its ink when that
		 * lies left of the pen (SDL_ttf's xstart). */
		SDL_Surface *ink = SDL_CreateRGBSurfaceWithFormatFrom(
			(Uint8 *)s->pixels + (size_t)y0 * (size_t)s->pitch + (size_t)x0 * 4, x1 - x0 + 1,
			y1 - y0 + 1, 32, s->pitch, SDL_PIXELFORMAT_ARGB8888);
		g->tex = ink ? SDL_CreateTextureFromSurface(d->r, ink) : NULL;
		SDL_FreeSurface(ink);
		if (g->tex) {
			SDL_SetTextureBlendMode(g->tex, SDL_BLENDMODE_BLEND);
			g->ox = x0 + (minx < 0 ? minx : 0);
			g->oy = y0;
			g->tw = x1 - x0 + 1;
			g->th = y1 - y0 + 1;
		} else {
			rc = -1;
		}
	}
	SDL_UnlockSurface(s);
	SDL_FreeSurface(s);
	return rc;
}

/* The glyph of cp for (size, bold, c), rendered on first use. NULL on error. */
static glyph *glyph_get(digits *d, TTF_Font *f, int size, bool bold, uint32_t cp, SDL_Color c)
{
	glyph *lru = NULL;
	for (int i = 0; i < DIGITS_SLOTS; i++) {
		glyph *g = &d->slots[i];
		if (g->held && g->cp == cp && g->size == size && g->bold == bold && g->c.r == c.r &&
		    g->c.g == c.g && g->c.b == c.b && g->c.a == c.a) {
			g->used = ++d->clock;
			return g;
		}
		if (!lru || !g->held || (lru->held && g->used < lru->used))
			lru = g;
	}
	glyph_drop(lru);
	if (glyph_render(d, lru, f, cp, c) != 0) {
		glyph_drop(lru);
		return NULL;
	}
	d->renders++;
	lru->cp = cp;
	lru->size = size;
	lru->bold = bold;
	lru->c = c;
	lru->held = true;
	lru->used = ++d->clock;
	return lru;
}

int digits_draw(digits *d, TTF_Font *f, int size, bool bold, const char *s, SDL_Rect dst,
                int top, SDL_Color c)
{
	size_t n = s ? strlen(s) : 0;
	if (!d || !f || !digits_only(s) || n > DIGITS_MAX_LEN)
		return -1;
	/* The direction and script the fontset shapes a left-to-right run with:
	 * the font may last have shaped a right-to-left one. */
	TTF_SetFontDirection(f, TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, "Zzzz");
	glyph *gs[DIGITS_MAX_LEN];
	int px[DIGITS_MAX_LEN];
	int pen = 0, minx = 0, maxx = 0;
	for (size_t i = 0; i < n; i++) {
		gs[i] = glyph_get(d, f, size, bold, (unsigned char)s[i], c);
		if (!gs[i])
			return -1;
		/* SDL_ttf: a glyph at the pen floored to the pixel, the line as
		 * wide as its ink and its pen together. */
		px[i] = pen >> 6;
		if (px[i] + gs[i]->minx < minx)
			minx = px[i] + gs[i]->minx;
		if (px[i] + gs[i]->maxx > maxx)
			maxx = px[i] + gs[i]->maxx;
		pen += gs[i]->adv64;
	}
	if ((pen >> 6) > maxx)
		maxx = pen >> 6;
	if (maxx - minx != dst.w)
		return -1; /* kerning or shaping these glyphs alone do not know */
	for (size_t i = 0; i < n; i++) {
		const glyph *g = gs[i];
		if (!g->tex)
			continue;
		SDL_Rect src = {0, 0, g->tw, g->th};
		SDL_Rect to = {dst.x - minx + px[i] + g->ox, dst.y - top + g->oy, g->tw, g->th};
		/* Only the rows [top, top + dst.h) of the line. */
		if (to.y < dst.y) {
			src.y = dst.y - to.y;
			to.y = dst.y;
		}
		if (to.y + (g->th - src.y) > dst.y + dst.h)
			src.h = dst.y + dst.h - to.y + src.y;
		src.h -= src.y;
		to.h = src.h;
		if (src.h > 0)
			SDL_RenderCopy(d->r, g->tex, &src, &to);
	}
	return 0;
}
