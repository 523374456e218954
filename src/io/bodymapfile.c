/* bodymapfile: assets/bodymap.json read with a size limit and parsed, or
 * its packed form taken from the cache folder (see bodymapfile.h). */
#include "io/bodymapfile.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bodymap_pack.h"
#include "io/libindex.h"
#include "io/paths.h"

#define MAP_FILE_MAX (1024 * 1024)
#define PACK_FILE_MAX (8 * 1024 * 1024)

/* FNV-1a, 64 bits: which JSON a packed map was made from. */
static uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* The cache file of the map made from JSON of hash h (next to the library
 * index), or -1 when there is no cache folder. */
static int pack_path(uint64_t h, char *out, size_t size)
{
	char idx[PATHS_MAX];
	if (libindex_default_file(idx, sizeof idx) != 0)
		return -1;
	char *slash = strrchr(idx, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	int n = snprintf(out, size, "%s/bodymap-%016" PRIx64 ".bin", idx, h);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* Writes the packed map (atomically: a temporary file renamed); failures
 * only cost the next launch a parse. */
static void pack_save(const bodymap *m, const char *file)
{
	size_t len = 0;
	void *blob = bodymap_pack(m, &len);
	char dir[PATHS_MAX], tmp[PATHS_MAX + 32];
	snprintf(dir, sizeof dir, "%s", file);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	if (!blob || !slash || paths_mkdirs(dir) != 0 ||
	    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", file, (long)getpid()) >= (int)sizeof tmp) {
		free(blob);
		return;
	}
	FILE *f = fopen(tmp, "wb");
	bool ok = f && fwrite(blob, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok || rename(tmp, file) != 0)
		unlink(tmp);
	free(blob);
}

bodymap *bodymapfile_load(char *err, size_t errsize)
{
	char path[PATHS_MAX], pack[PATHS_MAX];
	char why[160];
	size_t len = 0;
	if (paths_asset(path, sizeof path, "bodymap.json") < 0) {
		if (err && errsize)
			snprintf(err, errsize, "bodymap.json: not found in the asset folders");
		return NULL;
	}
	char *text = paths_read_file(path, MAP_FILE_MAX, &len);
	if (!text) {
		if (err && errsize)
			snprintf(err, errsize, "%s: %s", path, strerror(errno));
		return NULL;
	}
	bool cached = pack_path(text_hash(text, len), pack, sizeof pack) == 0;
	if (cached) {
		size_t plen = 0;
		char *blob = paths_read_file(pack, PACK_FILE_MAX, &plen);
		bodymap *map = blob ? bodymap_unpack(blob, plen) : NULL;
		free(blob);
		if (map) {
			free(text);
			return map;
		}
	}
	bodymap *map = bodymap_parse(text, len, why, sizeof why);
	free(text);
	if (!map && err && errsize)
		snprintf(err, errsize, "%s: %s", path, why);
	if (map && cached)
		pack_save(map, pack);
	return map;
}
