/* painmapfile: assets/painmap.json read with a size limit and parsed. */
#include "io/painmapfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/paths.h"

#define PAINMAP_FILE_MAX (256 * 1024)

painmap *painmapfile_load(char *err, size_t errsize)
{
	char path[PATHS_MAX];
	char why[300];
	size_t len = 0;
	if (paths_asset(path, sizeof path, "painmap.json") < 0) {
		if (err && errsize)
			snprintf(err, errsize, "painmap.json: not found in the asset folders");
		return NULL;
	}
	char *text = paths_read_file(path, PAINMAP_FILE_MAX, &len);
	if (!text) {
		if (err && errsize)
			snprintf(err, errsize, "%s: %s", path, paths_strerror(errno));
		return NULL;
	}
	painmap *map = painmap_parse(text, len, why, sizeof why);
	free(text);
	if (!map && err && errsize)
		snprintf(err, errsize, "%s:%s", path, why);
	return map;
}

int painmapfile_bundled_dir(char *out, size_t size)
{
	struct stat st;
	if (paths_asset(out, size, "../routines") < 0)
		return -1;
	return stat(out, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}
