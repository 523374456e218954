/* fonts: stat the known paths, ask fontconfig, name the bold sibling, map. */
#include "io/fonts.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

static bool file_exists(const char *p)
{
	struct stat st;
	return p && *p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Asks fontconfig for the font that best matches pattern (and, when lang is
 * given, really covers that language): its file and face index into out, ""
 * when it cannot say. */
static void fc_best(const char *pattern, const char *lang, char *out, size_t size, long *index)
{
	out[0] = '\0';
	*index = 0;
	if (!FcInit())
		return;
	FcPattern *p = FcNameParse((const FcChar8 *)pattern);
	if (!p)
		return;
	if (lang) {
		FcLangSet *ls = FcLangSetCreate();
		if (ls) {
			FcLangSetAdd(ls, (const FcChar8 *)lang);
			FcPatternAddLangSet(p, FC_LANG, ls);
			FcLangSetDestroy(ls);
		}
	}
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult res;
	FcPattern *m = FcFontMatch(NULL, p, &res);
	FcPatternDestroy(p);
	if (!m)
		return;
	FcChar8 *file = NULL;
	FcLangSet *has = NULL;
	int idx = 0;
	bool covers = !lang || (FcPatternGetLangSet(m, FC_LANG, 0, &has) == FcResultMatch &&
	                        FcLangSetHasLang(has, (const FcChar8 *)lang) != FcLangDifferentLang);
	if (covers && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
	    strlen((const char *)file) < size) {
		snprintf(out, size, "%s", (const char *)file);
		if (FcPatternGetInteger(m, FC_INDEX, 0, &idx) == FcResultMatch)
			*index = idx;
	}
	FcPatternDestroy(m);
	if (!file_exists(out))
		out[0] = '\0';
}

/* The regular font fontconfig names for pattern; "" when it cannot say. */
static void fc_match(const char *pattern, char *out, size_t size)
{
	long index;
	fc_best(pattern, NULL, out, size, &index);
	if (index != 0)
		out[0] = '\0'; /* a face inside a collection: not for the main font */
}

/* Appends `what` to the list of tried places. */
static void note_tried(char *tried, size_t size, const char *what)
{
	size_t n = strlen(tried);
	if (n < size)
		snprintf(tried + n, size - n, "%s%s", n ? ", " : "", what);
}

/* The bold sibling of a regular font file, by the usual naming conventions. */
static void bold_sibling(const char *regular, char *out, size_t size)
{
	static const char *const pairs[][2] = {
		{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"},
		{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"},
		{"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"},
	};
	out[0] = '\0';
	const char *base = strrchr(regular, '/');
	base = base ? base + 1 : regular;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		if (strcmp(base, pairs[i][0]) == 0) {
			snprintf(out, size, "%.*s%s", (int)(base - regular), regular, pairs[i][1]);
			if (!file_exists(out))
				out[0] = '\0';
			return;
		}
	}
}

/* The first existing file of list into out; 0, or -1 after noting them all. */
static int first_existing(const char *const *list, size_t n, char *out, size_t size,
                          char *tried, size_t tried_size)
{
	for (size_t i = 0; i < n; i++) {
		if (file_exists(list[i])) {
			snprintf(out, size, "%s", list[i]);
			return 0;
		}
		note_tried(tried, tried_size, list[i]);
	}
	return -1;
}

/* The regular font: config, known DejaVu paths, fontconfig, other known paths. */
static int find_regular(const char *configured, char *out, size_t size, char *tried,
                        size_t tried_size)
{
	static const char *const first[] = {
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/TTF/DejaVuSans.ttf",
	};
	static const char *const later[] = {
		"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
		"/usr/share/fonts/noto/NotoSans-Regular.ttf",
		"/usr/share/fonts/opentype/noto/NotoSans-Regular.ttf",
		"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
		"/usr/share/fonts/truetype/freefont/FreeSans.ttf",
	};
	if (configured && *configured) {
		if (file_exists(configured)) {
			snprintf(out, size, "%s", configured);
			return 0;
		}
		note_tried(tried, tried_size, configured);
	}
	if (first_existing(first, sizeof first / sizeof first[0], out, size, tried, tried_size) == 0)
		return 0;
	fc_match("DejaVu Sans:style=Book", out, size);
	if (out[0])
		return 0;
	fc_match("sans-serif", out, size);
	if (out[0])
		return 0;
	note_tried(tried, tried_size, "fontconfig 'DejaVu Sans' and 'sans-serif'");
	return first_existing(later, sizeof later / sizeof later[0], out, size, tried, tried_size);
}

int fonts_find(const char *configured, fonts_found *out, char *tried, size_t tried_size)
{
	char scratch[8];
	if (!tried || !tried_size) {
		tried = scratch;
		tried_size = sizeof scratch;
	}
	tried[0] = '\0';
	out->regular[0] = out->bold[0] = '\0';
	if (find_regular(configured, out->regular, sizeof out->regular, tried, tried_size) != 0)
		return -1;
	bold_sibling(out->regular, out->bold, sizeof out->bold);
	return 0;
}

size_t fonts_fallbacks(const char *regular, fonts_fallback *out, size_t max)
{
	/* Japanese first: its Noto CJK face also draws Chinese and Korean. */
	static const char *const langs[] = {"ja", "zh-cn", "ko", "ar", "he", "hi"};
	size_t n = 0;
	for (size_t i = 0; i < sizeof langs / sizeof langs[0] && n < max; i++) {
		fonts_fallback f;
		fc_best("sans-serif", langs[i], f.path, sizeof f.path, &f.index);
		bool seen = !f.path[0] || (regular && strcmp(f.path, regular) == 0);
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(out[k].path, f.path) == 0;
		if (!seen)
			out[n++] = f;
	}
	return n;
}

const void *fonts_map(const char *path, size_t *size)
{
	*size = 0;
	int fd = path && *path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0)
		return NULL;
	struct stat st;
	void *p = MAP_FAILED;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size <= FONTS_MAP_MAX)
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*size = (size_t)st.st_size;
	return p;
}

void fonts_unmap(const void *data, size_t size)
{
	if (data)
		munmap((void *)data, size);
}
