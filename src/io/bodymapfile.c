/* bodymapfile: assets/bodymap.json read with a size limit and parsed. */
#include "io/bodymapfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/paths.h"

#define MAP_FILE_MAX (1024 * 1024)

bodymap *bodymapfile_load(char *err, size_t errsize)
{
	char path[PATHS_MAX];
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
	bodymap *map = bodymap_parse(text, len, why, sizeof why);
	free(text);
	if (!map && err && errsize)
		snprintf(err, errsize, "%s: %s", path, why);
	return map;
}
