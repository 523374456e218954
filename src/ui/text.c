/* text: fonts opened, fitting, wrapping and the texture cache. */
#include "ui/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "ui/digits.h"
#include "ui/fontset.h"
#include "ui/textwrap.h"

#define TEXT_MAX_ENTRIES 512
#define TEXT_PIXEL_BUDGET (1024u * 1024) /* pixels of cached text (4 bytes each: 4 MB) */
#define TEXT_PIXEL_MIN    (256u * 1024)  /* the budget on a small screen, at least */
#define TEXT_MAX_LINES   TEXTWRAP_MAX_LINES
#define TEXT_MIN_FALLBACK 6  /* smallest size tried when even min_size cannot fit one line */

typedef struct {
	char *s;
	uint32_t hash;
	int w, h, size, min_size, flags;
	SDL_Color c;
	SDL_Texture *tex;
	int tw, th;
	unsigned long used;
} cache_entry;

struct text {
	SDL_Renderer *r;             /* borrowed */
	fontset *fs;                 /* the font and its fallbacks */
	cache_entry *entries;        /* TEXT_MAX_ENTRIES slots, tex == NULL when free */
	unsigned long clock;         /* LRU stamp */
	size_t pixels;               /* pixels held by textures */
	size_t renders;              /* cache misses */
	bool ttf_init;               /* we called TTF_Init */
	text_cut_fn on_cut;          /* told of a text cut short (text_on_cut), or NULL */
	void *cut_user;
	text_more_fn more;           /* asked once for fallbacks (text_on_more), or NULL */
	void *more_user;
	bool adding;                 /* inside `more`: nothing drawn yet needs them */
	digits *dg;                  /* the big digits' glyphs (text_draw with TEXT_TIGHT) */
	bool whole_digits;           /* render digits as whole strings (text_compose_digits) */
};

text *text_new(SDL_Renderer *r, const char *regular, const char *bold, char *err, size_t errsize)
{
	return text_new_mapped(r, regular, bold, NULL, NULL, err, errsize);
}

text *text_new_mapped(SDL_Renderer *r, const char *regular, const char *bold, text_map_fn map,
                      void *map_user, char *err, size_t errsize)
{
	char tmp[8];
	if (!err || errsize == 0) {
		err = tmp;
		errsize = sizeof tmp;
	}
	err[0] = '\0';
	text *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	t->r = r;
	if (!TTF_WasInit()) {
		if (TTF_Init() < 0) {
			snprintf(err, errsize, "SDL_ttf: %s", TTF_GetError());
			goto fail;
		}
		t->ttf_init = true;
	}
	t->entries = calloc(TEXT_MAX_ENTRIES, sizeof *t->entries);
	if (!t->entries) {
		snprintf(err, errsize, "out of memory");
		goto fail;
	}
	/* Opens one size now so that an unreadable file fails here, with its name. */
	t->fs = fontset_new(regular, bold, map, map_user, err, errsize);
	if (!t->fs)
		goto fail;
	t->dg = digits_new(r);
	if (!t->dg) {
		snprintf(err, errsize, "out of memory");
		goto fail;
	}
	return t;
fail:
	text_free(t);
	return NULL;
}

void text_clear(text *t)
{
	if (!t || !t->entries)
		return;
	for (size_t i = 0; i < TEXT_MAX_ENTRIES; i++) {
		cache_entry *e = &t->entries[i];
		if (e->tex)
			SDL_DestroyTexture(e->tex);
		free(e->s);
		memset(e, 0, sizeof *e);
	}
	t->pixels = 0;
	digits_clear(t->dg);
}

void text_free(text *t)
{
	if (!t)
		return;
	text_clear(t);
	free(t->entries);
	digits_free(t->dg);
	fontset_free(t->fs);
	if (t->ttf_init)
		TTF_Quit();
	free(t);
}

const char *text_font_path(const text *t)
{
	return fontset_path(t->fs);
}

int text_add_fallback(text *t, const char *path, long index)
{
	if (fontset_add(t->fs, path, index) < 0)
		return -1;
	if (!t->adding) /* a text drawn with boxes can now be drawn */
		text_clear(t);
	return 0;
}

/* fontset's more: the text's, with the cache kept (no text in it lacked a
 * character: this is the first). */
static void more_faces(void *user)
{
	text *t = user;
	t->adding = true;
	t->more(t->more_user, t);
	t->adding = false;
}

void text_on_more(text *t, text_more_fn fn, void *user)
{
	t->more = fn;
	t->more_user = user;
	fontset_on_more(t->fs, fn ? more_faces : NULL, t);
}

void text_on_uncovered(text *t, text_uncovered_fn fn, void *user)
{
	fontset_on_uncovered(t->fs, fn, user);
}

void text_on_cut(text *t, text_cut_fn fn, void *user)
{
	t->on_cut = fn;
	t->cut_user = user;
}

void text_compose_digits(text *t, bool on)
{
	t->whole_digits = !on;
}

void text_stats(const text *t, size_t *entries, size_t *pixels, size_t *renders)
{
	size_t n = 0;
	for (size_t i = 0; i < TEXT_MAX_ENTRIES; i++)
		n += t->entries[i].tex != NULL;
	if (entries)
		*entries = n;
	if (pixels)
		*pixels = t->pixels;
	if (renders)
		*renders = t->renders;
}

/* textwrap's measure: the width of n bytes with the chain at one size. */
typedef struct {
	fontset *fs;
	int size;
	bool bold;
} measure_ctx;

static int measure_width(void *ctx, const char *s, size_t n)
{
	measure_ctx *m = ctx;
	return fontset_width(m->fs, m->size, m->bold, s, n);
}

int text_measure(text *t, const char *s, int size, bool bold, int *w, int *h)
{
	TTF_Font *f = fontset_primary(t->fs, size, bold);
	if (!f)
		return -1;
	int ww = s && *s ? fontset_width(t->fs, size, bold, s, strlen(s)) : 0;
	int hh = TTF_FontHeight(f);
	if (w)
		*w = ww;
	if (h)
		*h = hh;
	return 0;
}

/* Lays s out in a w x h box: chooses the size and the lines. Returns the line
 * count (>= 0) with *font_out set to the size, or -1. */
static int layout(text *t, const char *s, int w, int h, int size, int min_size, int flags,
                  textwrap_line *lines, int *font_out)
{
	bool bold = flags & TEXT_BOLD;
	bool tight = flags & TEXT_TIGHT;
	bool multi = (flags & TEXT_WRAP) && !tight;
	if (min_size > size)
		min_size = size;
	if (min_size < 1)
		min_size = 1;
	for (int sz = size;;) {
		TTF_Font *f = fontset_primary(t->fs, sz, bold);
		if (!f)
			return -1;
		measure_ctx m = {t->fs, sz, bold};
		int skip = TTF_FontLineSkip(f), fh = TTF_FontHeight(f);
		if (skip <= 0)
			skip = fh;
		int maxn = fh > h ? 0 : 1 + (h - fh) / skip;
		if (maxn > TEXT_MAX_LINES)
			maxn = TEXT_MAX_LINES;
		if (!multi && maxn > 1)
			maxn = 1;
		if (tight) {
			int top, th;
			fontset_ink(t->fs, sz, bold, s, &top, &th);
			maxn = th > h ? 0 : 1;
		}
		/* A word wider than the line is broken only at the smallest size:
		 * a longer language's long word ("Faszienrolle") shrinks first. */
		if (maxn > 1 && sz > min_size && textwrap_widest(measure_width, &m, s) > w)
			maxn = 1;
		if (maxn >= 1) {
			bool more;
			int n = textwrap_lines(measure_width, &m, s, w, multi, maxn, lines, &more);
			if (!more) {
				*font_out = sz;
				return n;
			}
			if (sz <= min_size && n > 0) {
				/* Smallest size: keep the lines that fit, ellipsize the last. */
				if (t->on_cut)
					t->on_cut(t->cut_user, s, w, h);
				textwrap_ellipsize(measure_width, &m, &lines[n - 1], w);
				if (n > 1 || lines[0].s[0]) {
					*font_out = sz;
					return n;
				}
			}
			textwrap_free(lines, n);
			if (sz <= TEXT_MIN_FALLBACK)
				return 0;
		} else if (sz <= TEXT_MIN_FALLBACK) {
			return 0;
		}
		if (sz > min_size) {
			int next = sz * 9 / 10;
			sz = next < min_size ? min_size : next >= sz ? sz - 1 : next;
		} else {
			sz--; /* not even one line (or one glyph) fits: go below min_size */
		}
	}
}

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The pixels of text kept: a screenful (the texts of one screen cover less),
 * between TEXT_PIXEL_MIN and TEXT_PIXEL_BUDGET. A countdown renders a new
 * string every second: at 800x480 a 4 MB budget filled with old ones
 * (issue 22: peak RSS). */
static size_t pixel_budget(const text *t)
{
	int w = 0, h = 0;
	if (SDL_GetRendererOutputSize(t->r, &w, &h) != 0 || w <= 0 || h <= 0)
		return TEXT_PIXEL_BUDGET;
	size_t px = (size_t)w * (size_t)h;
	return px < TEXT_PIXEL_MIN ? TEXT_PIXEL_MIN : px > TEXT_PIXEL_BUDGET ? TEXT_PIXEL_BUDGET : px;
}

/* Frees cache entry e. */
static void entry_drop(text *t, cache_entry *e)
{
	if (e->tex) {
		SDL_DestroyTexture(e->tex);
		t->pixels -= (size_t)e->tw * (size_t)e->th;
	}
	free(e->s);
	memset(e, 0, sizeof *e);
}

/* Renders the laid-out lines (at size sz) into one texture. A right-to-left
 * paragraph not centred is aligned right. */
static SDL_Texture *render_lines(text *t, int sz, const char *s, textwrap_line *lines, int n,
                                 int flags, SDL_Color c, int *tw, int *th)
{
	bool bold = flags & TEXT_BOLD;
	TTF_Font *f = fontset_primary(t->fs, sz, bold);
	if (!f)
		return NULL;
	bool rtl = fontset_rtl(s, strlen(s));
	int skip = TTF_FontLineSkip(f), fh = TTF_FontHeight(f);
	int w = 1;
	for (int i = 0; i < n; i++)
		if (lines[i].w > w)
			w = lines[i].w;
	int h = (n - 1) * skip + fh;
	int yoff = 0;
	if ((flags & TEXT_TIGHT) && n == 1)
		fontset_ink(t->fs, sz, bold, lines[0].s, &yoff, &h);
	SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!dst)
		return NULL;
	SDL_FillRect(dst, NULL, SDL_MapRGBA(dst->format, c.r, c.g, c.b, 0));
	for (int i = 0; i < n; i++) {
		if (!lines[i].s[0])
			continue;
		SDL_Surface *ls = fontset_render(t->fs, sz, bold, lines[i].s, rtl, c);
		if (!ls)
			continue;
		SDL_SetSurfaceBlendMode(ls, SDL_BLENDMODE_NONE);
		SDL_Rect d = {0, i * skip - yoff, ls->w, ls->h};
		if (flags & TEXT_CENTER)
			d.x = (w - ls->w) / 2;
		else if ((flags & TEXT_RIGHT) || rtl)
			d.x = w - ls->w;
		SDL_BlitSurface(ls, NULL, dst, &d);
		SDL_FreeSurface(ls);
	}
	SDL_Texture *tex = SDL_CreateTextureFromSurface(t->r, dst);
	SDL_FreeSurface(dst);
	if (tex)
		SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	*tw = w;
	*th = h;
	return tex;
}

SDL_Texture *text_render(text *t, const char *s, int w, int h, int size, int min_size,
                         int flags, SDL_Color c, int *tw, int *th)
{
	if (!s || !*s || w <= 0 || h <= 0 || size <= 0)
		return NULL;
	int key_flags = flags & (TEXT_WRAP | TEXT_CENTER | TEXT_RIGHT | TEXT_BOLD | TEXT_TIGHT);
	uint32_t hs = hash_str(s);
	cache_entry *lru = NULL, *free_slot = NULL;
	for (size_t i = 0; i < TEXT_MAX_ENTRIES; i++) {
		cache_entry *e = &t->entries[i];
		if (!e->tex) {
			if (!free_slot)
				free_slot = e;
			continue;
		}
		if (e->hash == hs && e->w == w && e->h == h && e->size == size &&
		    e->min_size == min_size && e->flags == key_flags && e->c.r == c.r &&
		    e->c.g == c.g && e->c.b == c.b && e->c.a == c.a && strcmp(e->s, s) == 0) {
			e->used = ++t->clock;
			*tw = e->tw;
			*th = e->th;
			return e->tex;
		}
		if (!lru || e->used < lru->used)
			lru = e;
	}
	textwrap_line lines[TEXT_MAX_LINES];
	int sz = 0;
	int n = layout(t, s, w, h, size, min_size, key_flags, lines, &sz);
	if (n <= 0)
		return NULL;
	int rw = 0, rh = 0;
	SDL_Texture *tex = render_lines(t, sz, s, lines, n, key_flags, c, &rw, &rh);
	textwrap_free(lines, n);
	if (!tex)
		return NULL;
	t->renders++;
	/* Make room: a free slot, else the least recently used; then keep the
	 * pixel budget by evicting more of the oldest. */
	cache_entry *slot = free_slot ? free_slot : lru;
	if (slot->tex)
		entry_drop(t, slot);
	while (t->pixels + (size_t)rw * (size_t)rh > pixel_budget(t)) {
		cache_entry *old = NULL;
		for (size_t i = 0; i < TEXT_MAX_ENTRIES; i++)
			if (t->entries[i].tex && (!old || t->entries[i].used < old->used))
				old = &t->entries[i];
		if (!old)
			break;
		entry_drop(t, old);
	}
	slot->s = strdup(s);
	if (!slot->s) {
		SDL_DestroyTexture(tex);
		return NULL;
	}
	slot->hash = hs;
	slot->w = w;
	slot->h = h;
	slot->size = size;
	slot->min_size = min_size;
	slot->flags = key_flags;
	slot->c = c;
	slot->tex = tex;
	slot->tw = rw;
	slot->th = rh;
	slot->used = ++t->clock;
	t->pixels += (size_t)rw * (size_t)rh;
	*tw = rw;
	*th = rh;
	return tex;
}

/* Where a tw x th texture goes in box, aligned by flags. */
static SDL_Rect place(SDL_Rect box, int tw, int th, int flags, const char *s)
{
	SDL_Rect d = {box.x, box.y, tw, th};
	if (flags & TEXT_CENTER)
		d.x = box.x + (box.w - tw) / 2;
	else if ((flags & TEXT_RIGHT) || fontset_rtl(s, strlen(s)))
		d.x = box.x + box.w - tw;
	if (flags & TEXT_MIDDLE)
		d.y = box.y + (box.h - th) / 2;
	else if (flags & TEXT_BOTTOM)
		d.y = box.y + box.h - th;
	return d;
}

/* Big digits (TEXT_TIGHT, ui/digits.h) from glyphs rendered once: a new
 * countdown string every second is not rasterised (issue 22). Fitted and
 * placed as text_render and text_draw do it. Returns 0 with *out the
 * rectangle drawn, or -1: render the string whole. */
static int draw_digits(text *t, const char *s, SDL_Rect box, int size, int min_size, int flags,
                       SDL_Color c, SDL_Rect *out)
{
	if (t->whole_digits || !(flags & TEXT_TIGHT) || !digits_only(s) || box.w <= 0 ||
	    box.h <= 0 || size <= 0)
		return -1;
	int key_flags = flags & (TEXT_WRAP | TEXT_CENTER | TEXT_RIGHT | TEXT_BOLD | TEXT_TIGHT);
	textwrap_line lines[TEXT_MAX_LINES];
	int sz = 0;
	text_cut_fn cut = t->on_cut;
	t->on_cut = NULL; /* a string cut short is rendered whole, and told of there */
	int n = layout(t, s, box.w, box.h, size, min_size, key_flags, lines, &sz);
	t->on_cut = cut;
	if (n <= 0)
		return -1;
	bool whole = n == 1 && strcmp(lines[0].s, s) == 0;
	int w = lines[0].w > 1 ? lines[0].w : 1;
	textwrap_free(lines, n);
	if (!whole)
		return -1;
	bool bold = flags & TEXT_BOLD;
	int top = 0, h = 0;
	fontset_ink(t->fs, sz, bold, s, &top, &h);
	SDL_Rect d = place(box, w, h, flags, s);
	if (digits_draw(t->dg, fontset_primary(t->fs, sz, bold), sz, bold, s, d, top, c) != 0)
		return -1;
	*out = d;
	return 0;
}

SDL_Rect text_draw(text *t, const char *s, SDL_Rect box, int size, int min_size, int flags,
                   SDL_Color c)
{
	SDL_Rect d = {box.x, box.y, 0, 0};
	if (draw_digits(t, s, box, size, min_size, flags, c, &d) == 0)
		return d;
	int tw = 0, th = 0;
	SDL_Texture *tex = text_render(t, s, box.w, box.h, size, min_size, flags, c, &tw, &th);
	if (!tex)
		return d;
	d = place(box, tw, th, flags, s);
	SDL_RenderCopy(t->r, tex, NULL, &d);
	return d;
}
