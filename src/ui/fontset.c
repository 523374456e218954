/* fontset: faces, per-character fallback, runs, reduced bidi (see fontset.h). */
#include "ui/fontset.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

#define FONTSET_SLOTS    24   /* fonts kept open: faces x weights x heads */
#define FONTSET_HEADS    3    /* fonts open per face and weight (see font_get) */
#define FONTSET_PATH_MAX 1024
#define FONTSET_RUNS     128  /* runs in one line; more are drawn as the last */
#define FONTSET_REPORTED 256  /* uncovered characters remembered */

typedef struct {
	char path[FONTSET_PATH_MAX];
	long index;
	const void *data; /* the file's bytes (fontset_map_fn), NULL: open by name */
	size_t size;
} face;

typedef struct {
	int face, size;
	bool bold;
	TTF_Font *font;
	unsigned long used;
} slot;

/* One run of a line: bytes, face, direction and bidi level. */
typedef struct {
	const char *s;
	size_t n;
	int face;
	bool rtl;
	int level;
} run;

struct fontset {
	face faces[FONTSET_MAX_FACES];
	size_t nfaces;
	char bold[FONTSET_PATH_MAX];  /* the first face's bold file, "" = synthesise */
	const void *bold_data;        /* its bytes, NULL: open by name */
	size_t bold_size;
	fontset_map_fn map;           /* where the files' bytes come from, or NULL */
	void *map_user;
	fontset_more_fn more;         /* asked once for more faces, then NULL */
	void *more_user;
	slot slots[FONTSET_SLOTS];
	unsigned long clock;
	fontset_uncovered_fn uncovered;
	void *user;
	uint32_t reported[FONTSET_REPORTED];
	size_t nreported;
};

/* One face of the file (its bytes when mapped, else by name) at pt points. */
static TTF_Font *open_face(const char *path, const void *data, size_t size, int pt, long index)
{
	if (data && size <= INT_MAX) {
		SDL_RWops *rw = SDL_RWFromConstMem(data, (int)size);
		return rw ? TTF_OpenFontIndexRW(rw, 1, pt, index) : NULL;
	}
	return TTF_OpenFontIndex(path, pt, index);
}

fontset *fontset_new(const char *regular, const char *bold, fontset_map_fn map, void *map_user,
                     char *err, size_t errsize)
{
	fontset *fs = calloc(1, sizeof *fs);
	if (!fs) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	fs->map = map;
	fs->map_user = map_user;
	snprintf(fs->bold, sizeof fs->bold, "%s", bold ? bold : "");
	if (map && fs->bold[0])
		fs->bold_data = map(map_user, fs->bold, &fs->bold_size);
	if (fontset_add(fs, regular ? regular : "", 0) < 0) {
		snprintf(err, errsize, "%s: %s", regular ? regular : "", TTF_GetError());
		free(fs);
		return NULL;
	}
	return fs;
}

void fontset_free(fontset *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < FONTSET_SLOTS; i++)
		if (fs->slots[i].font)
			TTF_CloseFont(fs->slots[i].font);
	free(fs);
}

int fontset_add(fontset *fs, const char *path, long index)
{
	if (fs->nfaces >= FONTSET_MAX_FACES || strlen(path) >= FONTSET_PATH_MAX)
		return -1;
	size_t size = 0;
	const void *data = fs->map ? fs->map(fs->map_user, path, &size) : NULL;
	/* Open one size now so that an unreadable file fails here. */
	TTF_Font *probe = open_face(path, data, size, 12, index);
	if (!probe)
		return -1;
	TTF_CloseFont(probe);
	face *f = &fs->faces[fs->nfaces++];
	snprintf(f->path, sizeof f->path, "%s", path);
	f->index = index;
	f->data = data;
	f->size = size;
	return 0;
}

size_t fontset_faces(const fontset *fs)
{
	return fs->nfaces;
}

const char *fontset_path(const fontset *fs)
{
	return fs->faces[0].path;
}

void fontset_on_uncovered(fontset *fs, fontset_uncovered_fn fn, void *user)
{
	fs->uncovered = fn;
	fs->user = user;
}

void fontset_on_more(fontset *fs, fontset_more_fn fn, void *user)
{
	fs->more = fn;
	fs->more_user = user;
}

/* Face i at that size and weight. Each face and weight has at most
 * FONTSET_HEADS fonts open: a size not among them takes over the least used
 * one (TTF_SetFontSize). Every TTF_Font holds its own copy of the face's
 * tables, FreeType's and HarfBuzz's (about 150 kB for DejaVu Sans), and
 * fitting a text tries size after size: one font per size was 4 MB of the
 * peak RSS (issue 22). */
static TTF_Font *font_get(fontset *fs, int fi, int size, bool bold)
{
	slot *lru = &fs->slots[0], *head = NULL;
	int heads = 0;
	for (size_t i = 0; i < FONTSET_SLOTS; i++) {
		slot *s = &fs->slots[i];
		if (s->font && s->face == fi && s->bold == bold) {
			if (s->size == size) {
				s->used = ++fs->clock;
				return s->font;
			}
			heads++;
			if (!head || s->used < head->used)
				head = s;
		}
		if (!s->font || (lru->font && s->used < lru->used))
			lru = s;
	}
	if (heads >= FONTSET_HEADS && TTF_SetFontSize(head->font, size) == 0) {
		head->size = size;
		head->used = ++fs->clock;
		return head->font;
	}
	if (lru->font)
		TTF_CloseFont(lru->font);
	lru->font = NULL;
	bool own_bold = bold && fi == 0 && fs->bold[0];
	const face *fc = &fs->faces[fi];
	TTF_Font *f = own_bold ? open_face(fs->bold, fs->bold_data, fs->bold_size, size, 0) :
	              open_face(fc->path, fc->data, fc->size, size, fc->index);
	if (!f)
		return NULL;
	if (bold && !own_bold)
		TTF_SetFontStyle(f, TTF_STYLE_BOLD);
	TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
	lru->font = f;
	lru->face = fi;
	lru->size = size;
	lru->bold = bold;
	lru->used = ++fs->clock;
	return f;
}

TTF_Font *fontset_primary(fontset *fs, int size, bool bold)
{
	return font_get(fs, 0, size, bold);
}

/* Decodes the character at s (n > 0 bytes left): its length, 1 for a stray
 * byte (then U+FFFD). */
static size_t decode(const char *s, size_t n, uint32_t *cp)
{
	size_t l = utf8_decode(s, n, cp);
	return l ? l : 1;
}

static bool is_rtl(uint32_t c)
{
	return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
	       (c >= 0xFE70 && c <= 0xFEFF);
}

/* 'L' (Latin and every other left-to-right letter, digits), 'R' or 'N'
 * (spaces, punctuation, symbols). */
static char dir_class(uint32_t c)
{
	if (is_rtl(c))
		return (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) ? 'L' : 'R';
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 'L';
	if (c < 0xC0 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
	    (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE6F) ||
	    (c >= 0xFF00 && c <= 0xFF20))
		return 'N';
	return 'L';
}

/* Characters that need no glyph of their own (they go with their neighbour). */
static bool ignorable(uint32_t c)
{
	return c < 0x20 || (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x206F) ||
	       (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
}

bool fontset_rtl(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += decode(s + i, n - i, &c);
		char d = dir_class(c);
		if (d != 'N')
			return d == 'R';
	}
	return false;
}

/* Reports c (first seen in s) once. */
static void report(fontset *fs, const char *s, size_t n, uint32_t c)
{
	for (size_t i = 0; i < fs->nreported; i++)
		if (fs->reported[i] == c)
			return;
	if (fs->nreported < FONTSET_REPORTED)
		fs->reported[fs->nreported++] = c;
	if (fs->uncovered)
		fs->uncovered(fs->user, s, n, c);
}

/* The first face from `from` on that provides c, or -1. */
static int face_with(fontset *fs, size_t from, int size, bool bold, uint32_t c)
{
	for (size_t i = from; i < fs->nfaces; i++) {
		TTF_Font *f = font_get(fs, (int)i, size, bold);
		if (f && TTF_GlyphIsProvided32(f, c))
			return (int)i;
	}
	return -1;
}

/* The face that draws c: the current one when it can, else the first that
 * provides it (asking for more faces once, when none does), else the first
 * face (a box) after reporting it. */
static int face_for(fontset *fs, int size, bool bold, uint32_t c, int cur, const char *s, size_t n)
{
	if (cur >= 0 && (ignorable(c) || TTF_GlyphIsProvided32(font_get(fs, cur, size, bold), c)))
		return cur;
	if (ignorable(c))
		return 0;
	int fi = face_with(fs, 0, size, bold, c);
	if (fi < 0 && fs->more) {
		fontset_more_fn more = fs->more;
		fs->more = NULL; /* once: the faces it adds are searched from now on */
		size_t had = fs->nfaces;
		more(fs->more_user);
		fi = face_with(fs, had, size, bold, c);
	}
	if (fi >= 0)
		return fi;
	report(fs, s, n, c);
	return 0;
}

/* The direction neutrals at [i] take: their strong neighbours' when both
 * agree, else the paragraph's. dirs holds one class per character. */
static void resolve_neutrals(char *dirs, size_t m, bool rtl)
{
	char para = rtl ? 'R' : 'L';
	size_t i = 0;
	while (i < m) {
		if (dirs[i] != 'N') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < m && dirs[j] == 'N')
			j++;
		char before = i > 0 ? dirs[i - 1] : para, after = j < m ? dirs[j] : para;
		char d = before == after ? before : para;
		memset(dirs + i, d, j - i);
		i = j;
	}
}

/* Puts runs[0..n-1] in visual order (rule L2 on runs: from the highest level
 * down to 1, reverse every sequence of runs at that level or higher). */
static void reorder(run *runs, size_t n)
{
	int top = 0;
	for (size_t i = 0; i < n; i++)
		if (runs[i].level > top)
			top = runs[i].level;
	for (int lv = top; lv >= 1; lv--) {
		for (size_t i = 0; i < n;) {
			if (runs[i].level < lv) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < n && runs[j].level >= lv)
				j++;
			for (size_t a = i, b = j - 1; a < b; a++, b--) {
				run t = runs[a];
				runs[a] = runs[b];
				runs[b] = t;
			}
			i = j;
		}
	}
}

/* Splits s (n bytes) into runs of one face and direction, in visual order
 * for a paragraph of direction rtl. Returns how many (0 for empty text). */
static size_t split(fontset *fs, int size, bool bold, const char *s, size_t n, bool rtl, run *runs)
{
	if (n == 0)
		return 0;
	int *faces = malloc(n * sizeof *faces);
	size_t *offs = malloc((n + 1) * sizeof *offs);
	char *dirs = malloc(n);
	if (!faces || !offs || !dirs) {
		free(faces), free(offs), free(dirs);
		runs[0] = (run){s, n, 0, false, 0};
		return 1;
	}
	size_t m = 0;
	int cur = -1;
	for (size_t i = 0; i < n; m++) {
		uint32_t c;
		size_t l = decode(s + i, n - i, &c);
		cur = faces[m] = face_for(fs, size, bold, c, cur, s, n);
		dirs[m] = dir_class(c);
		offs[m] = i;
		i += l;
	}
	offs[m] = n;
	resolve_neutrals(dirs, m, rtl);
	size_t nr = 0;
	for (size_t k = 0; k < m; k++) {
		bool r = dirs[k] == 'R';
		if (nr > 0 && ((runs[nr - 1].face == faces[k] && runs[nr - 1].rtl == r) ||
		               nr == FONTSET_RUNS)) {
			runs[nr - 1].n = offs[k + 1] - (size_t)(runs[nr - 1].s - s);
			continue;
		}
		runs[nr++] = (run){s + offs[k], offs[k + 1] - offs[k], faces[k], r,
		                   r ? 1 : rtl ? 2 : 0};
	}
	free(faces), free(offs), free(dirs);
	reorder(runs, nr);
	return nr;
}

/* Sets the shaping direction and script of f for a run (HarfBuzz builds of
 * SDL_ttf; without HarfBuzz these fail and the run is drawn as it comes). */
static void shape_as(TTF_Font *f, const run *r)
{
	if (!r->rtl) {
		TTF_SetFontDirection(f, TTF_DIRECTION_LTR);
		TTF_SetFontScriptName(f, "Zzzz");
		return;
	}
	uint32_t c = 0;
	for (size_t i = 0; i < r->n;) {
		i += decode(r->s + i, r->n - i, &c);
		if (dir_class(c) == 'R')
			break;
	}
	TTF_SetFontDirection(f, TTF_DIRECTION_RTL);
	TTF_SetFontScriptName(f, c >= 0x0590 && c <= 0x05FF ? "Hebr" : c >= 0xFB1D && c <= 0xFB4F ?
	                      "Hebr" : "Arab");
}

/* Width of one run (0 on error). */
static int run_width(fontset *fs, int size, bool bold, const run *r)
{
	TTF_Font *f = font_get(fs, r->face, size, bold);
	char *b = f ? malloc(r->n + 1) : NULL;
	if (!b)
		return 0;
	memcpy(b, r->s, r->n);
	b[r->n] = '\0';
	shape_as(f, r);
	int w = 0, h = 0;
	if (TTF_SizeUTF8(f, b, &w, &h) < 0)
		w = 0;
	free(b);
	return w;
}

/* The width of s when the first face draws all of it left to right (the
 * common case, measured in one call); -1 when it does not. */
static int width_plain(fontset *fs, int size, bool bold, const char *s, size_t n)
{
	TTF_Font *f = font_get(fs, 0, size, bold);
	char buf[512];
	if (!f || n >= sizeof buf)
		return -1;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += decode(s + i, n - i, &c);
		if (c >= 0x80 && (is_rtl(c) || (!ignorable(c) && !TTF_GlyphIsProvided32(f, c))))
			return -1;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	TTF_SetFontDirection(f, TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, "Zzzz");
	int w = 0, h = 0;
	return TTF_SizeUTF8(f, buf, &w, &h) < 0 ? 0 : w;
}

int fontset_width(fontset *fs, int size, bool bold, const char *s, size_t n)
{
	int plain = width_plain(fs, size, bold, s, n);
	if (plain >= 0)
		return plain;
	run runs[FONTSET_RUNS];
	size_t nr = split(fs, size, bold, s, n, fontset_rtl(s, n), runs);
	int w = 0;
	for (size_t i = 0; i < nr; i++)
		w += run_width(fs, size, bold, &runs[i]);
	return w;
}

SDL_Surface *fontset_render(fontset *fs, int size, bool bold, const char *s, bool rtl,
                            SDL_Color c)
{
	TTF_Font *f0 = font_get(fs, 0, size, bold);
	if (!f0)
		return NULL;
	run runs[FONTSET_RUNS];
	size_t nr = split(fs, size, bold, s, strlen(s), rtl, runs);
	int w = 0, ws[FONTSET_RUNS];
	for (size_t i = 0; i < nr; i++)
		w += ws[i] = run_width(fs, size, bold, &runs[i]);
	if (w <= 0)
		return NULL;
	SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, TTF_FontHeight(f0), 32,
	                                                  SDL_PIXELFORMAT_ARGB8888);
	if (!dst)
		return NULL;
	SDL_FillRect(dst, NULL, SDL_MapRGBA(dst->format, c.r, c.g, c.b, 0));
	int x = 0, asc0 = TTF_FontAscent(f0);
	for (size_t i = 0; i < nr; i++) {
		TTF_Font *f = font_get(fs, runs[i].face, size, bold);
		char *b = f ? malloc(runs[i].n + 1) : NULL;
		if (b) {
			memcpy(b, runs[i].s, runs[i].n);
			b[runs[i].n] = '\0';
			shape_as(f, &runs[i]);
			SDL_Surface *rs = TTF_RenderUTF8_Blended(f, b, c);
			if (rs) {
				/* Runs share the first face's baseline. */
				SDL_SetSurfaceBlendMode(rs, SDL_BLENDMODE_NONE);
				SDL_Rect d = {x, asc0 - TTF_FontAscent(f), rs->w, rs->h};
				SDL_BlitSurface(rs, NULL, dst, &d);
				SDL_FreeSurface(rs);
			}
			free(b);
		}
		x += ws[i];
	}
	return dst;
}

void fontset_ink(fontset *fs, int size, bool bold, const char *s, int *top, int *h)
{
	TTF_Font *f = font_get(fs, 0, size, bold);
	int maxy = 0, miny = 0;
	bool any = false;
	size_t n = strlen(s);
	for (size_t i = 0; f && i < n;) {
		uint32_t cp;
		i += decode(s + i, n - i, &cp);
		int gminy, gmaxy;
		if (TTF_GlyphMetrics32(f, cp, NULL, NULL, &gminy, &gmaxy, NULL) == 0 && gmaxy > gminy) {
			if (!any || gmaxy > maxy)
				maxy = gmaxy;
			if (!any || gminy < miny)
				miny = gminy;
			any = true;
		}
	}
	if (!any) {
		*top = 0;
		*h = f ? TTF_FontHeight(f) : 0;
		return;
	}
	/* One pixel of room each side for antialiasing. */
	*top = TTF_FontAscent(f) - maxy - 1;
	if (*top < 0)
		*top = 0;
	*h = maxy - miny + 2;
}
